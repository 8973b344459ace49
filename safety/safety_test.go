package safety_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	jn "github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// The ids and outcomes: part of the public interface.
var want = map[string]safety.Outcome{
	"chest-pain-now": safety.Emergency, "tearing-pain-now": safety.Emergency, "neuro-bilateral": safety.Emergency,
	"neuro-central-recent": safety.Emergency, "headache-fever": safety.Emergency, "bladder-bowel-recent": safety.Emergency,
	"major-trauma-recent": safety.Emergency,
	"fever":               safety.Clinician, "weight-loss": safety.Clinician, "cancer": safety.Clinician, "infection-risk": safety.Clinician,
	"immune-medicines": safety.Clinician, "constant-night-pain": safety.Clinician, "severe-pain": safety.Clinician,
	"unexplained-pain": safety.Clinician, "neuro-limb": safety.Clinician, "deformity": safety.Clinician,
	"age-onset": safety.Clinician, "electric-shock": safety.Clinician, "injury-recent": safety.Clinician,
	"surgery-spine": safety.Clinician,
	"surgery-chest": safety.Condition, "surgery-shoulder": safety.Condition, "osteoporosis": safety.Condition,
	"pregnant": safety.Condition, "pregnant-later": safety.Condition,
	"inflammatory": safety.Caution,
}

// The condition each condition question sets.
var wantCondition = map[string]catalog.Condition{
	"surgery-chest": catalog.ChestSurgery, "surgery-shoulder": catalog.ShoulderSurgery, "osteoporosis": catalog.Osteoporosis,
	"pregnant": catalog.Pregnancy, "pregnant-later": catalog.PregnancyLater,
}

func noAnswers() map[string]bool {
	a := map[string]bool{}
	for _, q := range safety.Questions {
		a[q.ID] = false
	}
	return a
}

// Every question × its outcome: a yes to it alone (and to the question it
// follows, for a follow-up) gives its outcome, flags it, and sets its condition.
func TestEveryQuestionAndOutcome(t *testing.T) {
	if len(safety.Questions) != len(want) {
		t.Fatalf("%d questions, want %d", len(safety.Questions), len(want))
	}
	for _, q := range safety.Questions {
		t.Run(q.ID, func(t *testing.T) {
			if q.Outcome != want[q.ID] {
				t.Errorf("outcome %s, want %s", q.Outcome, want[q.ID])
			}
			if q.Condition != wantCondition[q.ID] || (q.Outcome == safety.Condition) != (q.Condition != "") {
				t.Errorf("condition %q, want %q", q.Condition, wantCondition[q.ID])
			}
			if len(q.Sources) == 0 {
				t.Error("every rule names its source")
			}
			text := q.Text()
			if !message.Has(message.QuestionText.Of(q.ID)) || !strings.HasSuffix(text, "?") || len(text) > 150 {
				t.Errorf("question text %q: one short plain question", text)
			}
			if strings.Count(text, "?") != 1 {
				t.Errorf("question text %q: one question at a time", text)
			}
			a := noAnswers()
			a[q.ID] = true
			flagged := []string{q.ID}
			if q.After != "" {
				a[q.After] = true
				flagged = []string{q.After, q.ID}
			}
			r := safety.Evaluate(a)
			if r.Outcome != q.Outcome || !cmp.Equal(r.Flagged, flagged) {
				t.Errorf("yes to %s gives %+v", q.ID, r)
			}
			if q.Condition != "" && !slices.Contains(r.Conditions, q.Condition) {
				t.Errorf("yes to %s does not set %s: %+v", q.ID, q.Condition, r)
			}
			if q.Condition == "" && q.After == "" && len(r.Conditions) != 0 {
				t.Errorf("yes to %s sets conditions %v", q.ID, r.Conditions)
			}
			if r.HasCaution() != (q.Outcome == safety.Caution) {
				t.Errorf("yes to %s: caution %v", q.ID, r.HasCaution())
			}
		})
	}
	if r := safety.Evaluate(noAnswers()); r.Outcome != safety.Clear || len(r.Flagged) != 0 || len(r.Conditions) != 0 {
		t.Errorf("all no = %+v", r)
	}
	// The most serious answer wins, whatever the order; a caution and a
	// condition are both kept.
	a := noAnswers()
	a["inflammatory"], a["age-onset"], a["chest-pain-now"] = true, true, true
	if r := safety.Evaluate(a); r.Outcome != safety.Emergency || len(r.Flagged) != 3 {
		t.Errorf("mixed = %+v", r)
	}
	a = noAnswers()
	a["inflammatory"], a["osteoporosis"] = true, true
	if r := safety.Evaluate(a); r.Outcome != safety.Condition || !r.HasCaution() || !cmp.Equal(r.Conditions, []catalog.Condition{catalog.Osteoporosis}) {
		t.Errorf("caution and condition = %+v", r)
	}
	// A follow-up counts only after a yes to the question it follows.
	a = noAnswers()
	a["pregnant-later"] = true
	if r := safety.Evaluate(a); r.Outcome != safety.Clear || len(r.Conditions) != 0 {
		t.Errorf("a follow-up without its question = %+v", r)
	}
	// Emergencies are asked first, and no question after a milder one; a
	// follow-up comes right after the question it follows.
	for i, q := range safety.Questions[1:] {
		if safety.Worse(q.Outcome, safety.Questions[i].Outcome) {
			t.Errorf("%s (%s) is asked after a milder question", q.ID, q.Outcome)
		}
		if q.After != "" && safety.Questions[i].ID != q.After {
			t.Errorf("%s follows %s but is asked after %s", q.ID, q.After, safety.Questions[i].ID)
		}
	}
	for _, id := range safety.RetiredQuestions {
		if _, ok := safety.QuestionByID(id); ok {
			t.Errorf("retired id %s is asked again: a changed meaning needs a new id", id)
		}
	}
}

// Every item of seed 001's "not intended for" list and each condition the
// safety rules name is asked.
func TestArticlesRedFlagsAreAsked(t *testing.T) {
	for item, ids := range map[string][]string{
		"recent trauma or injury":        {"major-trauma-recent", "injury-recent"},
		"severe or unexplained pain":     {"severe-pain", "unexplained-pain"},
		"numbness, tingling, weakness":   {"neuro-bilateral", "neuro-limb"},
		"fever":                          {"fever"},
		"weight loss":                    {"weight-loss"},
		"a cancer history":               {"cancer"},
		"fainting or collapse":           {"neuro-central-recent"},
		"headache with fever":            {"headache-fever"},
		"pregnancy":                      {"pregnant", "pregnant-later"},
		"osteoporosis or steroids":       {"osteoporosis"},
		"recent chest/spine/shoulder op": {"surgery-chest", "surgery-spine", "surgery-shoulder"},
	} {
		for _, id := range ids {
			if _, ok := safety.QuestionByID(id); !ok {
				t.Errorf("%s: no question %s", item, id)
			}
		}
	}
	for _, c := range catalog.Conditions {
		if !slices.ContainsFunc(safety.Questions, func(q safety.Question) bool { return q.Condition == c }) {
			t.Errorf("no question sets condition %s", c)
		}
	}
}

// Emergency first: the moment an emergency answer is given, nothing more is asked.
func TestNextStopsAtAnEmergency(t *testing.T) {
	answers := map[string]bool{}
	var asked []string
	for {
		q, ok := safety.Next(answers)
		if !ok {
			break
		}
		asked = append(asked, q.ID)
		answers[q.ID] = q.ID == "neuro-bilateral"
	}
	if !cmp.Equal(asked, []string{"chest-pain-now", "tearing-pain-now", "neuro-bilateral"}) {
		t.Errorf("asked %v: the questions must stop at the emergency answer", asked)
	}
	if q, ok := safety.FirstEmergency(answers); !ok || q.ID != "neuro-bilateral" {
		t.Errorf("first emergency = %v, %v", q.ID, ok)
	}
	if r := safety.Evaluate(answers); r.Outcome != safety.Emergency {
		t.Errorf("evaluated %+v", r)
	}
	// Without an emergency: every question once, the follow-up only after a yes.
	for _, pregnant := range []bool{false, true} {
		answers, asked = map[string]bool{}, nil
		for {
			q, ok := safety.Next(answers)
			if !ok {
				break
			}
			asked = append(asked, q.ID)
			answers[q.ID] = q.ID == "pregnant" && pregnant
		}
		if got := slices.Contains(asked, "pregnant-later"); got != pregnant || len(asked) != len(safety.Questions)-map[bool]int{false: 1, true: 0}[pregnant] {
			t.Errorf("pregnant %v: asked %d questions %v", pregnant, len(asked), asked)
		}
	}
}

func TestQuestionJSON(t *testing.T) {
	q, ok := safety.QuestionByID("chest-pain-now")
	if !ok {
		t.Fatal("no chest-pain-now")
	}
	b, _ := json.Marshal(q)
	for _, w := range []string{`"id":"chest-pain-now"`, `"outcome":"emergency"`, `"text":"Right now, do you have chest pain`} {
		if !strings.Contains(string(b), w) {
			t.Errorf("%s lacks %s", b, w)
		}
	}
	if _, ok := safety.QuestionByID("nope"); ok {
		t.Error("unknown id found")
	}
	q, _ = safety.QuestionByID("pregnant-later")
	b, _ = json.Marshal(q)
	for _, w := range []string{`"condition":"pregnancy-after-12-weeks"`, `"after":"pregnant"`} {
		if !strings.Contains(string(b), w) {
			t.Errorf("%s lacks %s", b, w)
		}
	}
}

var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func screening(at time.Time, yes ...string) safety.Screening {
	a := noAnswers()
	for _, id := range yes {
		a[id] = true
	}
	return safety.NewScreening(at, a)
}

func ptr(n int) *int { return &n }

func TestGate(t *testing.T) {
	day := 24 * time.Hour
	cleanYesterday := screening(now.Add(-day))
	clinicianFlag := screening(now.Add(-2*day), "age-onset")
	old := screening(now.Add(-day))
	old.QuestionSet = 1
	oldEmergency := screening(now.Add(-day), "chest-pain-now")
	oldEmergency.QuestionSet = 1
	tests := []struct {
		name       string
		screenings []safety.Screening
		sessions   []safety.SessionFacts
		painNow    *int
		block      safety.Block
		trigger    safety.Trigger
		caution    bool
	}{
		{"never screened", nil, nil, nil, safety.NeverScreened, "", false},
		{"clean and recent", []safety.Screening{cleanYesterday}, nil, ptr(3), safety.Allowed, "", false},
		{"due after 7 days", []safety.Screening{screening(now.Add(-7*day - time.Minute))}, nil, nil, safety.Expired, "", false},
		{"exactly 7 days still holds", []safety.Screening{screening(now.Add(-7 * day))}, nil, nil, safety.Allowed, "", false},
		{"emergency", []safety.Screening{screening(now.Add(-time.Hour), "chest-pain-now")}, nil, nil, safety.EmergencyFound, "", false},
		{"emergency is not lifted by a clearance", []safety.Screening{screening(now.Add(-time.Hour), "chest-pain-now"),
			safety.Clearance(now.Add(-time.Minute), screening(now.Add(-time.Hour), "chest-pain-now"))}, nil, nil, safety.EmergencyFound, "", false},
		{"a new clean screening lifts an emergency", []safety.Screening{screening(now.Add(-2*day), "chest-pain-now"), cleanYesterday}, nil, nil, safety.Allowed, "", false},
		{"see a clinician first", []safety.Screening{clinicianFlag}, nil, nil, safety.ClinicianFirst, "", false},
		{"cleared by a clinician", []safety.Screening{clinicianFlag, safety.Clearance(now.Add(-day), clinicianFlag)}, nil, nil, safety.Allowed, "", false},
		{"clearance before the screening still covers the same flag", []safety.Screening{
			safety.Clearance(now.Add(-3*day), clinicianFlag), clinicianFlag}, nil, nil, safety.Allowed, "", false},
		{"a new flag needs a new clearance", []safety.Screening{safety.Clearance(now.Add(-3*day), clinicianFlag),
			screening(now.Add(-day), "age-onset", "neuro-limb")}, nil, nil, safety.ClinicianFirst, "", false},
		{"clearance asked again after 30 days", []safety.Screening{safety.Clearance(now.Add(-31*day), clinicianFlag),
			screening(now.Add(-day), "age-onset")}, nil, nil, safety.ClearanceExpired, "", false},
		{"caution may continue", []safety.Screening{screening(now.Add(-day), "inflammatory")}, nil, nil, safety.Allowed, "", true},
		{"pain rise since screening", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), PainBefore: ptr(3), PainAfter: ptr(5)}}, nil, safety.Rescreen, safety.PainRose, false},
		{"pain rise of 1 is fine", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), PainBefore: ptr(3), PainAfter: ptr(4)}}, nil, safety.Allowed, "", false},
		{"pain rise before the screening is forgotten", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-2 * day), PainBefore: ptr(3), PainAfter: ptr(7)}}, nil, safety.Allowed, "", false},
		{"stop for sharp pain", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), StopReason: jn.SharpPain}}, nil, safety.Rescreen, safety.StopSharpPain, false},
		{"stop for dizziness", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), StopReason: jn.Dizziness}}, nil, safety.Rescreen, safety.StopDizziness, false},
		{"stop for tingling or numbness", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), StopReason: jn.Tingling}}, nil, safety.Rescreen, safety.StopTingling, false},
		// Issue 12: every stop in a session counts, however it ended.
		{"an exercise stopped for sharp pain in a session finished completed", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), Stops: []jn.StopReason{jn.Discomfort, jn.SharpPain}}}, nil, safety.Rescreen, safety.StopSharpPain, false},
		{"an exercise stopped for tingling, then the session stopped for discomfort", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), Stops: []jn.StopReason{jn.Tingling}, StopReason: jn.Discomfort}}, nil, safety.Rescreen, safety.StopTingling, false},
		{"only discomfort and other stops are fine", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), Stops: []jn.StopReason{jn.Discomfort, jn.OtherReason}}}, nil, safety.Allowed, "", false},
		// Issue 11: answers to an older set of questions are answered again.
		{"answered under the old questions", []safety.Screening{old}, nil, nil, safety.QuestionsChanged, "", false},
		{"an old emergency answer is asked again under the new questions", []safety.Screening{oldEmergency}, nil, nil, safety.QuestionsChanged, "", false},
		{"a condition may continue", []safety.Screening{screening(now.Add(-day), "osteoporosis")}, nil, nil, safety.Allowed, "", false},
		{"stop for discomfort is fine", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), StopReason: jn.Discomfort}}, nil, safety.Allowed, "", false},
		{"high pain before a past session", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), PainBefore: ptr(8)}}, nil, safety.Rescreen, safety.HighPainBefore, false},
		{"pain 8 now", []safety.Screening{cleanYesterday}, nil, ptr(8), safety.PainTooHigh, "", false},
		{"pain 7 now", []safety.Screening{cleanYesterday}, nil, ptr(7), safety.Allowed, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := safety.Gate(now, tt.screenings, tt.sessions, tt.painNow)
			if d.Block != tt.block || d.Trigger != tt.trigger || d.Caution != tt.caution || d.OK() != (tt.block == safety.Allowed) {
				t.Errorf("decision %+v, want block %q trigger %q caution %v", d, tt.block, tt.trigger, tt.caution)
			}
			if d.Block != safety.Allowed && !message.Has(message.GateAdvice.Of(string(d.Block))) {
				t.Errorf("block %q has no advice text", d.Block)
			}
		})
	}
}

// The gate carries the conditions the last screening set, and the caution
// even when a condition outranks it.
func TestGateConditions(t *testing.T) {
	d := safety.Gate(now, []safety.Screening{screening(now.Add(-time.Hour), "pregnant", "pregnant-later", "inflammatory")}, nil, nil)
	if !d.OK() || !d.Caution || !cmp.Equal(d.Conditions, []catalog.Condition{catalog.Pregnancy, catalog.PregnancyLater}) {
		t.Errorf("decision %+v", d)
	}
	if !message.Has("gate.questions-changed") || !message.Has("web.gate.questions-changed") {
		t.Error("the questions-changed block has no advice")
	}
}

func TestTriggersHaveWords(t *testing.T) {
	for _, tr := range []safety.Trigger{safety.PainRose, safety.StopSharpPain, safety.StopDizziness, safety.StopTingling, safety.HighPainBefore} {
		if !message.Has(message.TriggerWords.Of(string(tr))) {
			t.Errorf("trigger %s has no words", tr)
		}
	}
	for _, a := range []safety.Advice{safety.Worsening, safety.NoImprovement} {
		if !message.Has(message.Key("trend." + string(a))) {
			t.Errorf("advice %s has no words", a)
		}
	}
	if !strings.Contains(message.Text("gate.emergency"), "999") || !strings.Contains(message.Text("gate.emergency"), "112") ||
		!strings.Contains(message.Text("gate.emergency"), "911") {
		t.Error("emergency advice gives 999, 112 and 911")
	}
}

// Every stop reason × what it does: sharp pain, dizziness, and tingling or
// numbness end the session, set the exercise aside and call for a new
// screening; discomfort and other do neither.
func TestStopRules(t *testing.T) {
	want := map[jn.StopReason]safety.Trigger{
		jn.SharpPain: safety.StopSharpPain, jn.Dizziness: safety.StopDizziness, jn.Tingling: safety.StopTingling,
		jn.Discomfort: safety.NoTrigger, jn.OtherReason: safety.NoTrigger,
	}
	if len(jn.StopReasons) != len(want) {
		t.Fatalf("%d stop reasons, want %d", len(jn.StopReasons), len(want))
	}
	for _, reason := range jn.StopReasons {
		t.Run(string(reason), func(t *testing.T) {
			serious := want[reason] != safety.NoTrigger
			if safety.ExcludeAfterStop(reason) != serious || reason.EndsSession() != serious {
				t.Errorf("exclude %v, ends the session %v; want both %v", safety.ExcludeAfterStop(reason), reason.EndsSession(), serious)
			}
			if got := safety.TriggerOf(safety.SessionFacts{StopReason: reason}); got != want[reason] {
				t.Errorf("as the session's reason: trigger %q, want %q", got, want[reason])
			}
			if got := safety.TriggerOf(safety.SessionFacts{Stops: []jn.StopReason{reason}}); got != want[reason] {
				t.Errorf("as an exercise's reason: trigger %q, want %q", got, want[reason])
			}
			if !message.Has(message.StopWords.Of(string(reason))) {
				t.Errorf("no words for %s", reason)
			}
			if serious && !message.Has(message.StopAdvice.Of(string(reason))) {
				t.Errorf("no advice for %s", reason)
			}
		})
	}
	if !safety.PainRoseAfter(ptr(2), ptr(4)) || safety.PainRoseAfter(ptr(2), ptr(3)) || safety.PainRoseAfter(nil, ptr(9)) {
		t.Error("pain rise is 2 points or more, both ratings given")
	}
}

// Every condition × every built-in exercise: which conditions keep which
// exercises out (each rule's source is in the catalog).
func TestConditionsKeepExercisesOut(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	out := map[catalog.Condition][]string{
		catalog.Pregnancy:      {"back-extension"},
		catalog.PregnancyLater: {"thoracic-foam-rolling", "thoracic-extension"},
		catalog.Osteoporosis:   {"thoracic-foam-rolling", "thoracic-extension"},
		catalog.ChestSurgery: {"thoracic-foam-rolling", "childs-pose", "w-y-stretch", "back-extension", "bird-dog", "wall-angels",
			"thoracic-extension", "doorway-pec-stretch", "cat-cow", "thread-the-needle"},
		catalog.ShoulderSurgery: {"thoracic-foam-rolling", "childs-pose", "w-y-stretch", "seated-levator-scapulae-stretch", "back-extension",
			"bird-dog", "wall-angels", "thoracic-extension", "scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle"},
	}
	for _, cond := range catalog.Conditions {
		for _, e := range c.Exercises() {
			t.Run(string(cond)+"/"+e.ID, func(t *testing.T) {
				wantOut := slices.Contains(out[cond], e.ID)
				got := safety.KeptOutBy(e, []catalog.Condition{cond}, nil)
				if (len(got) == 1) != wantOut {
					t.Errorf("kept out: %v, want %v", got, wantOut)
				}
				// A clinician's clearance lifts that condition for that exercise only.
				cleared := []safety.ConditionClearance{{ExerciseID: e.ID, Condition: cond}}
				if got := safety.KeptOutBy(e, []catalog.Condition{cond}, cleared); len(got) != 0 {
					t.Errorf("cleared, still kept out: %v", got)
				}
				other := []safety.ConditionClearance{{ExerciseID: "someone-else", Condition: cond}, {ExerciseID: e.ID, Condition: "x"}}
				if got := safety.KeptOutBy(e, []catalog.Condition{cond}, other); (len(got) == 1) != wantOut {
					t.Errorf("a clearance of another exercise or condition lifted it: %v", got)
				}
			})
		}
	}
	// Chin tucks stay for everyone: some exercise is always left.
	e, _ := c.Exercise("chin-tucks")
	if got := safety.KeptOutBy(e, catalog.Conditions, nil); len(got) != 0 {
		t.Errorf("chin tucks kept out by %v", got)
	}
}

// Only the blocks that wait for answers may be answered there and then;
// every other block stands (issue 14).
func TestAnswerableBlocks(t *testing.T) {
	want := map[safety.Block]bool{
		safety.NeverScreened: true, safety.Expired: true, safety.Rescreen: true, safety.QuestionsChanged: true,
		safety.Allowed: false, safety.EmergencyFound: false, safety.ClinicianFirst: false,
		safety.ClearanceExpired: false, safety.PainTooHigh: false,
	}
	if len(want) != len(safety.Blocks)+1 {
		t.Errorf("the test knows %d blocks, safety.Blocks lists %d and Allowed", len(want), len(safety.Blocks))
	}
	for b, w := range want {
		if got := b.Answerable(); got != w {
			t.Errorf("%q.Answerable() = %v, want %v", b, got, w)
		}
	}
}
