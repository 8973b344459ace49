package person_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

var at = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func builtin(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPrepare(t *testing.T) {
	c := builtin(t)
	r, _ := c.Routine("quick-daily-reset")
	levels := map[string]*progress.Level{
		"chin-tucks":        {ExerciseID: "chin-tucks", Amount: dose.Amount{Reps: 12, Hold: 5, Sets: 1}, Changes: []progress.Change{{Why: progress.RatedEasyTwice}}},
		"scapular-squeezes": {ExerciseID: "scapular-squeezes", Amount: dose.Amount{Reps: 10, Hold: 5, Sets: 1}}, // never moved
	}
	aside := person.Exclusions{SetAside: map[string]journal.ExerciseState{"doorway-pec-stretch": {ExerciseID: "doorway-pec-stretch", Excluded: true, Reason: "sharp-pain"}}}
	chest := person.Exclusions{Conditions: []catalog.Condition{catalog.ChestSurgery}}
	cleared := person.Exclusions{Conditions: []catalog.Condition{catalog.ChestSurgery},
		Cleared: []safety.ConditionClearance{{ExerciseID: "doorway-pec-stretch", Condition: catalog.ChestSurgery}}}
	tests := []struct {
		name    string
		atStart bool
		x       person.Exclusions
		reps    []int
		leftOut []string
		why     []person.Why
	}{
		{"levels where they moved", false, person.Exclusions{}, []int{12, 10, 2}, nil, nil},
		{"starting doses on request", true, person.Exclusions{}, []int{10, 10, 2}, nil, nil},
		{"set aside left out", false, aside, []int{12, 10}, []string{"doorway-pec-stretch"}, []person.Why{person.ForStop}},
		{"a condition leaves out what it is unsuitable for", false, chest, []int{12, 10}, []string{"doorway-pec-stretch"}, []person.Why{person.ForCondition}},
		{"a clinician's clearance brings it back", false, cleared, []int{12, 10, 2}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := person.Prepare(c, r, levels, tt.x, tt.atStart)
			if err != nil {
				t.Fatal(err)
			}
			var reps []int
			for _, s := range p.Steps {
				reps = append(reps, s.Exercise.Dose.Fill(s.Amount).Reps)
			}
			if diff := cmp.Diff(tt.reps, reps); diff != "" {
				t.Errorf("reps (-want +got):\n%s", diff)
			}
			var ids []string
			var why []person.Why
			for _, l := range p.LeftOut {
				ids, why = append(ids, l.ID), append(why, l.Why)
				if l.Words == "" || strings.HasPrefix(l.Words, "[") {
					t.Errorf("left out without words: %+v", l)
				}
			}
			if diff := cmp.Diff(tt.leftOut, ids); diff != "" {
				t.Errorf("left out (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.why, why); diff != "" {
				t.Errorf("why (-want +got):\n%s", diff)
			}
			if len(p.Levels) != len(p.Steps) {
				t.Errorf("%d levels for %d steps", len(p.Levels), len(p.Steps))
			}
		})
	}
	// A routine's own amounts (a prescription or a plan) are kept.
	plan := &catalog.Routine{ID: "mine", Name: "Mine", Exercises: []catalog.Item{{ID: "chin-tucks", Amount: dose.Amount{Reps: 15}}}}
	p, err := person.Prepare(c, plan, levels, person.Exclusions{}, false)
	if err != nil || p.Steps[0].Amount.Reps != 15 {
		t.Errorf("the routine's own amount must win: %+v, %v", p.Steps, err)
	}
	// Everything set aside: blocked, saying how to bring one back.
	all := map[string]journal.ExerciseState{}
	for _, it := range r.Exercises {
		all[it.ID] = journal.ExerciseState{ExerciseID: it.ID, Avoided: true}
	}
	if _, err := person.Prepare(c, r, nil, person.Exclusions{SetAside: all}, false); unhunch.ErrorCode(err) != unhunch.EBlocked || !strings.Contains(err.Error(), "exercises aside") {
		t.Errorf("all set aside: %v", err)
	}
}

func TestFirstTimes(t *testing.T) {
	c := builtin(t)
	r, _ := c.Routine("quick-daily-reset")
	p, _ := person.Prepare(c, r, nil, person.Exclusions{}, true)
	sessions := []*journal.Session{{StartedAt: at, Exercises: []journal.Performance{
		{ExerciseID: "chin-tucks", Outcome: journal.Done},
		{ExerciseID: "scapular-squeezes", Outcome: journal.Skipped},
	}}}
	var ids []string
	for _, e := range person.FirstTimes(p.Steps, person.Summed(sessions, c, time.UTC).Done) {
		ids = append(ids, e.ID)
	}
	if diff := cmp.Diff([]string{"scapular-squeezes", "doorway-pec-stretch"}, ids); diff != "" {
		t.Errorf("first times (-want +got):\n%s", diff)
	}
}

func TestAdviceNamesTheTrigger(t *testing.T) {
	d := safety.Decision{Block: safety.Rescreen, Trigger: safety.StopDizziness}
	if a := person.Advice(d); !strings.Contains(a, "dizziness") || !strings.Contains(a, "unhunch screen") {
		t.Errorf("advice %q", a)
	}
	if err := person.Blocked(d, message.GateAdvice); unhunch.ErrorCode(err) != unhunch.EBlocked || unhunch.ExitCode(err) != 5 || unhunch.HTTPStatus(err) != 403 {
		t.Errorf("blocked: %v", err)
	}
	if person.Blocked(safety.Decision{}, message.GateAdvice) != nil {
		t.Error("an open gate blocks nothing")
	}
}

func TestFactsAndTrendAdvice(t *testing.T) {
	pain := func(n int) *int { return &n }
	var ss []*journal.Session
	for w := range 3 {
		for d := range 3 {
			ss = append(ss, &journal.Session{StartedAt: at.AddDate(0, 0, 7*w+d), PainBefore: pain(3 + w), StopReason: journal.Discomfort})
		}
	}
	f := person.Facts(ss)
	if len(f) != 9 || *f[8].PainBefore != 5 || f[0].StopReason != "discomfort" {
		t.Fatalf("facts %+v", f)
	}
	tr := person.Trend(ss, time.UTC)
	if tr.Advice != safety.Worsening || !strings.Contains(person.TrendAdvice(tr), "from 3.0 to 5.0") {
		t.Errorf("trend %+v: %q", tr, person.TrendAdvice(tr))
	}
	if person.TrendAdvice(safety.TrendResult{}) != "" {
		t.Error("no advice without a trend")
	}
}

// `unhunch about safety` and the web's safety page say what the screen asks:
// every question's topic, under its outcome (issue 11).
func TestGuideSaysWhatTheScreenAsks(t *testing.T) {
	for _, k := range []message.Key{"about.safety.not-yet.body", "web.about.safety.not-yet.body"} {
		body := person.GuideBody(k)
		paras := strings.Split(body, "\n\n")
		if len(paras) != 5 || strings.Contains(body, "%!") {
			t.Fatalf("%s: %d paragraphs:\n%s", k, len(paras), body)
		}
		for _, q := range safety.Questions {
			if q.After != "" {
				continue
			}
			topic := message.TopicWords.Text(q.ID)
			if !message.Has(message.Key("topic."+q.ID)) || topic == "" {
				t.Errorf("%s has no topic", q.ID)
				continue
			}
			i := map[safety.Outcome]int{safety.Emergency: 1, safety.Clinician: 2, safety.Condition: 3, safety.Caution: 4}[q.Outcome]
			if !strings.Contains(paras[i], topic) {
				t.Errorf("%s: the paragraph for %s lacks %s's topic %q", k, q.Outcome, q.ID, topic)
			}
		}
		// The items the about page used to leave out of its emergency list.
		for _, w := range []string{"fainting", "headache", "major accident", "999, 112 or 911"} {
			if !strings.Contains(paras[1], w) {
				t.Errorf("%s: the emergency list lacks %q", k, w)
			}
		}
	}
	for _, k := range []message.Key{"about.safety.during.body", "web.about.safety.during.body"} {
		if b := person.GuideBody(k); !strings.Contains(b, "tingling or numbness") {
			t.Errorf("%s does not say to stop for tingling or numbness: %s", k, b)
		}
	}
}

// What is left of a routine once what is kept out for the person is left
// out: the home page suggests a routine only if something is.
func TestExclusionsLeft(t *testing.T) {
	c := builtin(t)
	r, _ := c.Routine("quick-daily-reset")
	all := map[string]journal.ExerciseState{}
	for _, it := range r.Exercises {
		all[it.ID] = journal.ExerciseState{ExerciseID: it.ID, Avoided: true}
	}
	tests := []struct {
		name string
		x    person.Exclusions
		want []string
	}{
		{"nothing kept out", person.Exclusions{}, []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}},
		{"set aside", person.Exclusions{SetAside: map[string]journal.ExerciseState{"chin-tucks": {ExerciseID: "chin-tucks", Excluded: true, Reason: "sharp-pain"}}},
			[]string{"scapular-squeezes", "doorway-pec-stretch"}},
		{"a condition", person.Exclusions{Conditions: []catalog.Condition{catalog.ChestSurgery}}, []string{"chin-tucks", "scapular-squeezes"}},
		{"cleared by a clinician", person.Exclusions{Conditions: []catalog.Condition{catalog.ChestSurgery},
			Cleared: []safety.ConditionClearance{{ExerciseID: "doorway-pec-stretch", Condition: catalog.ChestSurgery}}},
			[]string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}},
		{"everything avoided", person.Exclusions{SetAside: all}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.x.Left(c, r)); diff != "" {
				t.Errorf("left (-want +got):\n%s", diff)
			}
		})
	}
	// An id the catalog does not know is kept: the routine's check speaks of it.
	odd := &catalog.Routine{ID: "odd", Exercises: []catalog.Item{{ID: "no-such-exercise"}}}
	if got := (person.Exclusions{SetAside: all}).Left(c, odd); !cmp.Equal(got, []string{"no-such-exercise"}) {
		t.Errorf("unknown id: %v", got)
	}
}
