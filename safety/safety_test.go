package safety_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// The ids and outcomes of PRODUCT.md §5.1: part of the public interface.
var want = map[string]safety.Outcome{
	"chest-pain": safety.Emergency, "tearing-pain": safety.Emergency, "neuro-bilateral": safety.Emergency,
	"neuro-central": safety.Emergency, "headache-fever": safety.Emergency, "bladder-bowel": safety.Emergency,
	"major-trauma": safety.Emergency, "fever-weight": safety.Clinician, "history": safety.Clinician,
	"night-pain": safety.Clinician, "bone-fragility": safety.Clinician, "neuro-arm": safety.Clinician,
	"deformity": safety.Clinician, "age-onset": safety.Clinician, "electric-shock": safety.Clinician,
	"recent-injury": safety.Clinician, "inflammatory": safety.Caution,
}

func noAnswers() map[string]bool {
	a := map[string]bool{}
	for _, q := range safety.Questions {
		a[q.ID] = false
	}
	return a
}

func TestEveryQuestionAndOutcome(t *testing.T) {
	if len(safety.Questions) != 17 {
		t.Fatalf("%d questions, want 17", len(safety.Questions))
	}
	for _, q := range safety.Questions {
		t.Run(q.ID, func(t *testing.T) {
			if q.Outcome != want[q.ID] {
				t.Errorf("outcome %s, want %s", q.Outcome, want[q.ID])
			}
			if len(q.Sources) == 0 {
				t.Error("every rule names its source")
			}
			text := q.Text()
			if !message.Has(message.Key("screen."+q.ID)) || !strings.HasSuffix(text, "?") || len(text) > 140 {
				t.Errorf("question text %q: one short plain question", text)
			}
			a := noAnswers()
			a[q.ID] = true
			r := safety.Evaluate(a)
			if r.Outcome != q.Outcome || !cmp.Equal(r.Flagged, []string{q.ID}) {
				t.Errorf("yes to %s gives %+v", q.ID, r)
			}
		})
	}
	if r := safety.Evaluate(noAnswers()); r.Outcome != safety.Clear || len(r.Flagged) != 0 {
		t.Errorf("all no = %+v", r)
	}
	// The most serious answer wins, whatever the order.
	a := noAnswers()
	a["inflammatory"], a["age-onset"], a["chest-pain"] = true, true, true
	if r := safety.Evaluate(a); r.Outcome != safety.Emergency || len(r.Flagged) != 3 {
		t.Errorf("mixed = %+v", r)
	}
	// Emergencies are asked first.
	for i, q := range safety.Questions[1:] {
		if safety.Worse(q.Outcome, safety.Questions[i].Outcome) {
			t.Errorf("%s (%s) is asked after a milder question", q.ID, q.Outcome)
		}
	}
}

func TestQuestionJSON(t *testing.T) {
	q, ok := safety.QuestionByID("chest-pain")
	if !ok {
		t.Fatal("no chest-pain")
	}
	b, _ := json.Marshal(q)
	for _, w := range []string{`"id":"chest-pain"`, `"outcome":"emergency"`, `"text":"Do you have chest pain`} {
		if !strings.Contains(string(b), w) {
			t.Errorf("%s lacks %s", b, w)
		}
	}
	if _, ok := safety.QuestionByID("nope"); ok {
		t.Error("unknown id found")
	}
}

var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func screening(at time.Time, yes ...string) safety.Screening {
	a := noAnswers()
	for _, id := range yes {
		a[id] = true
	}
	return safety.Screening{At: at, Answers: a, Result: safety.Evaluate(a)}
}

func ptr(n int) *int { return &n }

func TestGate(t *testing.T) {
	day := 24 * time.Hour
	cleanYesterday := screening(now.Add(-day))
	clinicianFlag := screening(now.Add(-2*day), "age-onset")
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
		{"emergency", []safety.Screening{screening(now.Add(-time.Hour), "chest-pain")}, nil, nil, safety.EmergencyFound, "", false},
		{"emergency is not lifted by a clearance", []safety.Screening{screening(now.Add(-time.Hour), "chest-pain"),
			safety.Clearance(now.Add(-time.Minute), screening(now.Add(-time.Hour), "chest-pain"))}, nil, nil, safety.EmergencyFound, "", false},
		{"a new clean screening lifts an emergency", []safety.Screening{screening(now.Add(-2*day), "chest-pain"), cleanYesterday}, nil, nil, safety.Allowed, "", false},
		{"see a clinician first", []safety.Screening{clinicianFlag}, nil, nil, safety.ClinicianFirst, "", false},
		{"cleared by a clinician", []safety.Screening{clinicianFlag, safety.Clearance(now.Add(-day), clinicianFlag)}, nil, nil, safety.Allowed, "", false},
		{"clearance before the screening still covers the same flag", []safety.Screening{
			safety.Clearance(now.Add(-3*day), clinicianFlag), clinicianFlag}, nil, nil, safety.Allowed, "", false},
		{"a new flag needs a new clearance", []safety.Screening{safety.Clearance(now.Add(-3*day), clinicianFlag),
			screening(now.Add(-day), "age-onset", "neuro-arm")}, nil, nil, safety.ClinicianFirst, "", false},
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
			[]safety.SessionFacts{{At: now.Add(-time.Hour), StopReason: "sharp-pain"}}, nil, safety.Rescreen, safety.StopSharpPain, false},
		{"stop for dizziness", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), StopReason: "dizziness"}}, nil, safety.Rescreen, safety.StopDizziness, false},
		{"stop for discomfort is fine", []safety.Screening{cleanYesterday},
			[]safety.SessionFacts{{At: now.Add(-time.Hour), StopReason: "discomfort"}}, nil, safety.Allowed, "", false},
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
			if d.Block != safety.Allowed && !message.Has(message.Key("gate."+string(d.Block))) {
				t.Errorf("block %q has no advice text", d.Block)
			}
		})
	}
}

func TestTriggersHaveWords(t *testing.T) {
	for _, tr := range []safety.Trigger{safety.PainRose, safety.StopSharpPain, safety.StopDizziness, safety.HighPainBefore} {
		if !message.Has(message.Key("trigger." + string(tr))) {
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

func TestStopRules(t *testing.T) {
	for reason, exclude := range map[string]bool{"sharp-pain": true, "dizziness": true, "discomfort": false, "other": false} {
		if safety.ExcludeAfterStop(reason) != exclude {
			t.Errorf("%s: exclude = %v", reason, !exclude)
		}
	}
	if !safety.PainRoseAfter(ptr(2), ptr(4)) || safety.PainRoseAfter(ptr(2), ptr(3)) || safety.PainRoseAfter(nil, ptr(9)) {
		t.Error("pain rise is 2 points or more, both ratings given")
	}
}
