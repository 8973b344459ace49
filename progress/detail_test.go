package progress_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// Exercises done as one or two long holds lengthen the hold before adding a
// repetition (docs/safety.md, "Progression": ACSM); the others add
// repetitions first, as before.
func TestHoldBeforeRepetitions(t *testing.T) {
	c, _ := catalog.Builtin()
	get := func(id string) dose.Dose { e, _ := c.Exercise(id); return e.Dose }
	tests := []struct {
		id       string
		holdOnce bool
		from     dose.Amount
		dir      int
		want     dose.Amount
	}{
		{"thread-the-needle", true, dose.Amount{Reps: 1, Hold: 20, Sets: 1}, 1, dose.Amount{Reps: 1, Hold: 22, Sets: 1}},
		{"thread-the-needle", true, dose.Amount{Reps: 1, Hold: 29, Sets: 1}, 1, dose.Amount{Reps: 1, Hold: 30, Sets: 1}},
		{"thread-the-needle", true, dose.Amount{Reps: 1, Hold: 30, Sets: 1}, 1, dose.Amount{Reps: 2, Hold: 30, Sets: 1}},  // the hold is full: a second one
		{"thread-the-needle", true, dose.Amount{Reps: 2, Hold: 30, Sets: 1}, -1, dose.Amount{Reps: 1, Hold: 30, Sets: 1}}, // down undoes the repetition first
		{"thread-the-needle", true, dose.Amount{Reps: 1, Hold: 24, Sets: 1}, -1, dose.Amount{Reps: 1, Hold: 22, Sets: 1}},
		{"doorway-pec-stretch", true, dose.Amount{Reps: 2, Hold: 20, Sets: 1}, 1, dose.Amount{Reps: 2, Hold: 22, Sets: 1}},
		{"seated-levator-scapulae-stretch", true, dose.Amount{Reps: 1, Hold: 10, Sets: 1}, 1, dose.Amount{Reps: 1, Hold: 12, Sets: 1}},
		{"bird-dog", true, dose.Amount{Reps: 1, Hold: 14, Sets: 1}, 1, dose.Amount{Reps: 1, Hold: 15, Sets: 1}},
		{"bird-dog", true, dose.Amount{Reps: 1, Hold: 15, Sets: 1}, 1, dose.Amount{Reps: 2, Hold: 15, Sets: 1}},
		// Three short holds, or repetitions with a brief hold: repetitions first.
		{"childs-pose", false, dose.Amount{Reps: 3, Hold: 5, Sets: 1}, 1, dose.Amount{Reps: 3, Hold: 7, Sets: 1}}, // its three reps are fixed
		{"scapular-squeezes", false, dose.Amount{Reps: 10, Hold: 5, Sets: 1}, 1, dose.Amount{Reps: 12, Hold: 5, Sets: 1}},
		{"thoracic-extension", false, dose.Amount{Reps: 8, Hold: 3, Sets: 1}, 1, dose.Amount{Reps: 9, Hold: 3, Sets: 1}},
	}
	for _, tt := range tests {
		d := get(tt.id)
		if got := d.HoldFirst(); got != tt.holdOnce {
			t.Errorf("%s: hold first %v, want %v", tt.id, got, tt.holdOnce)
		}
		if got := progress.Step(d, tt.from, tt.dir); got != tt.want {
			t.Errorf("%s %+v step %d = %+v, want %+v", tt.id, tt.from, tt.dir, got, tt.want)
		}
	}
}

// After a "too hard" rating at the starting dose, each exercise has an
// easier option below it (docs/safety.md, "Progression"): a seated cat-cow,
// a rolled towel in place of the roller, or else fewer repetitions (a
// shorter hold for long holds, less time for rolling).
func TestEasierOptions(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	type option struct {
		Amount   dose.Amount
		Position string
		Use      string
	}
	want := map[string]option{
		"thoracic-foam-rolling":           {Amount: dose.Amount{Seconds: 45, Sets: 1}},
		"childs-pose":                     {Amount: dose.Amount{Reps: 2, Hold: 5, Sets: 1}},
		"w-y-stretch":                     {Amount: dose.Amount{Reps: 1, HoldBreaths: 2, Sets: 1}},
		"seated-levator-scapulae-stretch": {Amount: dose.Amount{Reps: 1, Hold: 7, Sets: 1}},
		"back-extension":                  {Amount: dose.Amount{Reps: 6, Hold: 5, Sets: 1}},
		"bird-dog":                        {Amount: dose.Amount{Reps: 1, Hold: 7, Sets: 1}},
		"wall-angels":                     {Amount: dose.Amount{Reps: 7, Sets: 1}},
		"thoracic-extension":              {Amount: dose.Amount{Reps: 8, Hold: 3, Sets: 1}, Use: "towel"},
		"chin-tucks":                      {Amount: dose.Amount{Reps: 7, Hold: 5, Sets: 1}},
		"scapular-squeezes":               {Amount: dose.Amount{Reps: 7, Hold: 5, Sets: 1}},
		"doorway-pec-stretch":             {Amount: dose.Amount{Reps: 2, Hold: 15, Sets: 1}},
		"cat-cow":                         {Amount: dose.Amount{Reps: 10, Sets: 1}, Position: "seated"},
		"thread-the-needle":               {Amount: dose.Amount{Reps: 1, Hold: 15, Sets: 1}},
	}
	got := map[string]option{}
	for _, e := range c.Exercises() {
		o := option{Amount: e.Dose.Easier()}
		if v := e.Dose.Variant; v != nil {
			o.Position, o.Use = v.Position, v.Use
		}
		got[e.ID] = o
		// The easier amount is one a timeline may play.
		if ps := e.Dose.CheckAmount(o.Amount); len(ps) > 0 {
			t.Errorf("%s: the easier amount %+v is refused: %v", e.ID, o.Amount, ps)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("easier options (-want +got):\n%s", diff)
	}
	// Below the easier amount there is nothing: it is not a range.
	e, _ := c.Exercise("chin-tucks")
	if ps := e.Dose.CheckAmount(dose.Amount{Reps: 6, Hold: 5}); len(ps) == 0 {
		t.Error("6 chin tucks is below even the easier option")
	}
}

// How a "too hard" rating at the start, and ratings after it, move a level.
func TestEasierOptionInLevels(t *testing.T) {
	type state struct {
		Amount dose.Amount
		Easier bool
		Whys   []progress.Why
	}
	tests := []struct {
		name     string
		id       string
		sessions []*journal.Session
		want     state
	}{
		{"hard at the start: the easier option", "chin-tucks",
			[]*journal.Session{session(0, nil, nil, "chin-tucks", "hard")},
			state{dose.Amount{Reps: 7, Hold: 5, Sets: 1}, true, []progress.Why{progress.RatedHardAtStart}}},
		{"hard again on the easier option: it stays", "chin-tucks",
			[]*journal.Session{session(0, nil, nil, "chin-tucks", "hard"), session(1, nil, nil, "chin-tucks", "hard")},
			state{dose.Amount{Reps: 7, Hold: 5, Sets: 1}, true, []progress.Why{progress.RatedHardAtStart}}},
		{"two easy ratings on the easier option: back to the start", "chin-tucks",
			[]*journal.Session{session(0, nil, nil, "chin-tucks", "hard"), session(1, nil, nil, "chin-tucks", "easy"), session(2, nil, nil, "chin-tucks", "right")},
			state{dose.Amount{Reps: 10, Hold: 5, Sets: 1}, false, []progress.Why{progress.RatedHardAtStart, progress.RatedEasyTwice}}},
		{"hard above the start: one step back, not the easier option", "chin-tucks",
			[]*journal.Session{session(0, nil, nil, "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy"), session(2, nil, nil, "chin-tucks", "hard")},
			state{dose.Amount{Reps: 10, Hold: 5, Sets: 1}, false, []progress.Why{progress.RatedEasyTwice, progress.RatedHard}}},
		{"cat-cow too hard: seated, at the same dose", "cat-cow",
			[]*journal.Session{session(0, nil, nil, "cat-cow", "hard")},
			state{dose.Amount{Reps: 10, Sets: 1}, true, []progress.Why{progress.RatedHardAtStart}}},
		{"a pain rise at the start holds, it does not switch", "thoracic-extension",
			[]*journal.Session{session(0, ptr(2), ptr(5), "thoracic-extension", "right")},
			state{dose.Amount{Reps: 8, Hold: 3, Sets: 1}, false, []progress.Why{}}},
		{"a long hold grows before a second one", "thread-the-needle",
			[]*journal.Session{session(0, nil, nil, "thread-the-needle", "easy"), session(1, nil, nil, "thread-the-needle", "easy")},
			state{dose.Amount{Reps: 1, Hold: 22, Sets: 1}, false, []progress.Why{progress.RatedEasyTwice}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := progress.Levels(tt.sessions, doses(t))[tt.id]
			got := state{Amount: l.Amount, Easier: l.Easier, Whys: []progress.Why{}}
			for _, ch := range l.Changes {
				got.Whys = append(got.Whys, ch.Why)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("level (-want +got):\n%s", diff)
			}
			if n := len(l.Changes); n > 0 && tt.want.Whys[0] == progress.RatedHardAtStart && (!l.Changes[0].ToEasier || l.Changes[0].FromEasier) {
				t.Errorf("the move to the easier option is not marked: %+v", l.Changes[0])
			}
		})
	}
}
