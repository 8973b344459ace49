package clinic_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

func builtin(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPrescriptionCheck(t *testing.T) {
	c := builtin(t)
	ok := func() clinic.Prescription {
		return clinic.Prescription{DaysAWeek: 5, TimesADay: 1, Note: "Go gently.",
			Items: []clinic.Item{{ExerciseID: "chin-tucks", Amount: dose.Amount{Reps: 12}}, {ExerciseID: "cat-cow"}}}
	}
	tests := []struct {
		name   string
		change func(p *clinic.Prescription)
		want   string // a part of the error; "" for none
	}{
		{"fine", func(p *clinic.Prescription) {}, ""},
		{"no exercises", func(p *clinic.Prescription) { p.Items = nil }, "at least one exercise"},
		{"too many", func(p *clinic.Prescription) {
			for range 15 {
				p.Items = append(p.Items, clinic.Item{ExerciseID: "cat-cow"})
			}
		}, "at most 15"},
		{"unknown exercise", func(p *clinic.Prescription) { p.Items[0].ExerciseID = "handstand" }, `no exercise "handstand"`},
		{"twice", func(p *clinic.Prescription) { p.Items[1].ExerciseID = "chin-tucks" }, "twice"},
		{"reps above range", func(p *clinic.Prescription) { p.Items[0].Amount.Reps = 30 }, "does not fit its range"},
		{"seconds not used", func(p *clinic.Prescription) { p.Items[0].Amount.Seconds = 30 }, "does not fit its range"},
		{"no days", func(p *clinic.Prescription) { p.DaysAWeek = 0 }, "from 1 to 7"},
		{"eight days", func(p *clinic.Prescription) { p.DaysAWeek = 8 }, "from 1 to 7"},
		{"four times a day", func(p *clinic.Prescription) { p.TimesADay = 4 }, "from 1 to 3"},
		{"long note", func(p *clinic.Prescription) { p.Note = strings.Repeat("x", 1001) }, "keep it to 1000"},
		{"control in note", func(p *clinic.Prescription) { p.Note = "a\x00b" }, "cannot be shown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok()
			tt.change(&p)
			err := p.Check(c)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Fatalf("Check = %v (%s), want EInvalid with %q", err, unhunch.ErrorCode(err), tt.want)
			}
		})
	}
}

func TestPrescriptionCheckFillsTheDose(t *testing.T) {
	p := clinic.Prescription{DaysAWeek: 7, TimesADay: 1, Items: []clinic.Item{{ExerciseID: "chin-tucks", Amount: dose.Amount{Reps: 12}}}}
	if err := p.Check(builtin(t)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(dose.Amount{Reps: 12, Hold: 5, Sets: 1}, p.Items[0].Amount); diff != "" {
		t.Errorf("amount (-want +got):\n%s", diff)
	}
}

func TestPrescriptionLimit(t *testing.T) {
	c := builtin(t)
	e, _ := c.Exercise("chin-tucks") // 10–15 reps (two at a time), 5 s hold
	since := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	rx := dose.Amount{Reps: 12, Hold: 5, Sets: 1}
	change := func(days int, why progress.Why, from, to int) progress.Change {
		return progress.Change{At: since.AddDate(0, 0, days), From: dose.Amount{Reps: from, Hold: 5, Sets: 1}, To: dose.Amount{Reps: to, Hold: 5, Sets: 1}, Why: why}
	}
	up := func(days int) progress.Change { return change(days, progress.RatedEasyTwice, 10, 12) }
	hard := func(days int) progress.Change { return change(days, progress.RatedHard, 12, 10) }
	rose := func(days int) progress.Change { return change(days, progress.PainRoseInSession, 12, 10) }
	tests := []struct {
		name    string
		changes []progress.Change
		allow   bool
		want    int // reps
	}{
		{"no level: the prescription", nil, false, 12},
		{"moved up: capped", []progress.Change{up(1)}, false, 12},
		{"moved up, more allowed", []progress.Change{up(1)}, true, 14},
		{"moved up twice, more allowed: the top of the range", []progress.Change{up(1), up(3), up(5)}, true, 15},
		{"moved up before the prescription: not counted", []progress.Change{up(-3)}, true, 12},
		{"too hard: one step back", []progress.Change{hard(1)}, false, 10},
		{"pain rose: one step back, even with more allowed", []progress.Change{rose(1)}, true, 10},
		{"up, then too hard: back below it", []progress.Change{up(1), hard(2)}, false, 10},
		{"up twice, then too hard, more allowed: one step back from the top", []progress.Change{up(1), up(2), hard(3)}, true, 13},
		{"too hard, then up: back to it, no further", []progress.Change{hard(1), up(2), up(3)}, false, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lv *progress.Level
			if tt.changes != nil {
				lv = &progress.Level{ExerciseID: e.ID, Changes: tt.changes}
			}
			got := clinic.Limit(e.Dose, rx, lv, tt.allow, since)
			if got.Reps != tt.want || got.Hold != 5 {
				t.Errorf("Limit = %+v, want %d reps, 5 s hold", got, tt.want)
			}
		})
	}
}

func TestPrescriptionRoutine(t *testing.T) {
	c := builtin(t)
	p := clinic.Prescription{ClinicianName: "dr.lee", DaysAWeek: 5, TimesADay: 1, Note: "Slowly.",
		Items: []clinic.Item{{ExerciseID: "chin-tucks", Amount: dose.Amount{Reps: 12, Hold: 5, Sets: 1}}, {ExerciseID: "gone"}, {ExerciseID: "cat-cow", Amount: dose.Amount{Reps: 10, Sets: 1}}}}
	r, err := p.Routine(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &catalog.Routine{ID: clinic.RoutineID, Name: "From dr.lee", Description: "Slowly.", Frequency: "5 days a week, once a day", Origin: "prescribed",
		Exercises: []catalog.Item{{ID: "chin-tucks", Amount: dose.Amount{Reps: 12, Hold: 5, Sets: 1}}, {ID: "cat-cow", Amount: dose.Amount{Reps: 10, Sets: 1}}}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("Routine (-want +got):\n%s", diff)
	}
	p.Items = []clinic.Item{{ExerciseID: "gone"}}
	if _, err := p.Routine(c, nil); unhunch.ErrorCode(err) != unhunch.ENotFound {
		t.Errorf("Routine of nothing left = %v, want ENotFound", err)
	}
}

func TestClinicConcernsNewestFirst(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	emergency := safety.NewScreening(day(3), map[string]bool{"chest-pain-now": true})
	redFlag := safety.NewScreening(day(5), map[string]bool{"fever": true})
	cleared := safety.NewScreening(day(1), map[string]bool{"fever": true})
	clearance := safety.Clearance(day(2), cleared)
	clean := safety.NewScreening(day(6), nil)
	stopped := &journal.Session{ID: "s1", StartedAt: day(4), TimeScale: 1, Exercises: []journal.Performance{
		{Index: 0, Attempt: 1, ExerciseID: "cat-cow", Outcome: journal.Halted, StopReason: journal.SharpPain, EndedAt: day(4)},
		{Index: 1, Attempt: 1, ExerciseID: "chin-tucks", Outcome: journal.Halted, StopReason: journal.Discomfort, EndedAt: day(4)},
	}}
	trend := safety.TrendResult{Advice: safety.Worsening, Baseline: 3, Latest: 6}
	got := clinic.Concerns([]safety.Screening{cleared, clearance, emergency, redFlag, clean}, []*journal.Session{stopped}, trend, day(4))
	var kinds []clinic.Kind
	for _, c := range got {
		kinds = append(kinds, c.Kind)
	}
	want := []clinic.Kind{clinic.RedFlag, clinic.SafetyStop, clinic.Worsening, clinic.Emergency}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	if got[1].ExerciseID != "cat-cow" || got[1].StopReason != journal.SharpPain {
		t.Errorf("stop concern = %+v, want cat-cow for sharp pain", got[1])
	}
	if diff := cmp.Diff([]string{"chest-pain-now"}, got[3].What); diff != "" {
		t.Errorf("emergency answers (-want +got):\n%s", diff)
	}
	if none := clinic.Concerns([]safety.Screening{clean}, nil, safety.TrendResult{}, time.Time{}); len(none) != 0 {
		t.Errorf("a clean screening gives concerns %+v", none)
	}
}

func TestClinicVerdict(t *testing.T) {
	week := safety.Week{}
	tests := []struct {
		name string
		o    progress.Outcome
		want clinic.Verdict
	}{
		{"nothing", progress.Outcome{}, clinic.Unknown},
		{"one week", progress.Outcome{Weeks: []safety.Week{week}, Baseline: 5, Latest: 5}, clinic.Unknown},
		{"better", progress.Outcome{Weeks: []safety.Week{week, week}, Baseline: 6, Latest: 3, Change: -3, Meaningful: true}, clinic.Better},
		{"worse", progress.Outcome{Weeks: []safety.Week{week, week}, Baseline: 3, Latest: 5, Change: 2, Meaningful: true}, clinic.Worse},
		{"same", progress.Outcome{Weeks: []safety.Week{week, week}, Baseline: 5, Latest: 4, Change: -1}, clinic.Same},
	}
	for _, tt := range tests {
		if got := clinic.VerdictOf(tt.o); got != tt.want {
			t.Errorf("%s: VerdictOf = %s, want %s", tt.name, got, tt.want)
		}
		if w := tt.want.Words(); w == "" || strings.HasPrefix(w, "[") {
			t.Errorf("%s has no words", tt.want)
		}
	}
	for _, k := range clinic.Kinds {
		if w := k.Words(); strings.HasPrefix(w, "[") || w == string(k) {
			t.Errorf("%s has no words", k)
		}
	}
}

func TestClinicSortPatients(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	ps := []clinic.Patient{
		{ID: "1", Name: "ann"},
		{ID: "2", Name: "bo", Concerns: []clinic.Concern{{Kind: clinic.SafetyStop, At: day(3)}}},
		{ID: "3", Name: "cy", Concerns: []clinic.Concern{{Kind: clinic.Worsening, At: day(5)}}},
		{ID: "4", Name: "al"},
		{ID: "5", Name: "di", Concerns: []clinic.Concern{{Kind: clinic.Emergency, At: day(5)}}},
	}
	clinic.SortPatients(ps)
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	if diff := cmp.Diff([]string{"di", "cy", "bo", "al", "ann"}, names); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}
