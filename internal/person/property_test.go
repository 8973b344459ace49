package person_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// For random answers, stops, avoided exercises and clearances: no routine
// prepared for a start (or shown), and no plan, ever includes an exercise
// that an answer or a stop keeps out; and answers that call for urgent help
// or a clinician never let a session start (issue 11). What is kept out is
// worked out here from the catalog and the questions, apart from the code
// under test.
func TestNothingKeptOutIsEverIncluded(t *testing.T) {
	if testing.Short() {
		t.Skip("property test skipped under -short")
	}
	c := builtin(t)
	rng := rand.New(rand.NewPCG(11, 2026))
	exercises := c.Exercises()
	reasons := journal.StopReasons
	for i := range 400 {
		// Answers: each yes with a small chance, so that most sets are not
		// blocked and conditions combine.
		answers := map[string]bool{}
		for _, q := range safety.Questions {
			if safety.Asked(q, answers) {
				answers[q.ID] = rng.IntN(100) < map[safety.Outcome]int{safety.Condition: 35}[q.Outcome]+2
			}
		}
		sc := safety.NewScreening(at.Add(-time.Hour), answers)
		// Stops and avoided exercises, and a few clearances.
		aside := map[string]journal.ExerciseState{}
		var cleared []safety.ConditionClearance
		for _, e := range exercises {
			switch rng.IntN(10) {
			case 0:
				r := reasons[rng.IntN(len(reasons))]
				if safety.ExcludeAfterStop(r) { // only these set an exercise aside
					aside[e.ID] = journal.ExerciseState{ExerciseID: e.ID, Excluded: true, Reason: string(r)}
				}
			case 1:
				aside[e.ID] = journal.ExerciseState{ExerciseID: e.ID, Avoided: true}
			case 2, 3:
				if len(e.UnsuitableFor) > 0 {
					cleared = append(cleared, safety.ConditionClearance{ExerciseID: e.ID, Condition: e.UnsuitableFor[rng.IntN(len(e.UnsuitableFor))].Condition})
				}
			}
		}
		p := person.State{SetAside: aside, Screenings: []safety.Screening{sc}, Cleared: cleared}

		// What must stay out, worked out from the catalog and the questions.
		out := map[string]bool{}
		blocked := false
		for _, q := range safety.Questions {
			if !answers[q.ID] || (q.After != "" && !answers[q.After]) {
				continue
			}
			blocked = blocked || q.Outcome == safety.Emergency || q.Outcome == safety.Clinician
			if q.Condition == "" {
				continue
			}
			for _, e := range exercises {
				for _, u := range e.UnsuitableFor {
					if u.Condition == q.Condition && !slices.Contains(cleared, safety.ConditionClearance{ExerciseID: e.ID, Condition: q.Condition}) {
						out[e.ID] = true
					}
				}
			}
		}
		for id, s := range aside {
			out[id] = out[id] || s.Excluded || s.Avoided
		}

		if d := safety.Gate(at, p.Screenings, nil, nil); d.OK() == blocked {
			t.Fatalf("case %d: answers %v: the gate says ok=%v (%s)", i, sc.Result.Flagged, d.OK(), d.Block)
		}
		x := p.Exclusions()
		for _, r := range c.Routines() {
			prep, err := person.Prepare(c, r, nil, x, rng.IntN(2) == 0)
			if err != nil {
				continue // everything left out: nothing to include
			}
			for _, s := range prep.Steps {
				if out[s.Exercise.ID] {
					t.Fatalf("case %d: %s includes %s, which %v / %v keep out", i, r.ID, s.Exercise.ID, sc.Result.Flagged, aside[s.Exercise.ID])
				}
			}
			for _, l := range prep.LeftOut {
				if !out[l.ID] {
					t.Fatalf("case %d: %s leaves out %s (%s) for no reason", i, r.ID, l.ID, l.Why)
				}
			}
		}
		req := planner.Request{Minutes: 1 + rng.IntN(20), Floor: rng.IntN(2) == 0}
		for _, q := range catalog.EquipmentIDs {
			if rng.IntN(2) == 0 {
				req.Equipment = append(req.Equipment, q)
			}
		}
		p.Personalise(c, &req, false)
		res, err := planner.Plan(req, c, timeline.DefaultRules)
		if err != nil {
			continue // nothing fits: no plan to check
		}
		for _, ch := range res.Choices {
			if out[ch.Exercise.ID] {
				t.Fatalf("case %d: the plan includes %s, which %v / %v keep out", i, ch.Exercise.ID, sc.Result.Flagged, aside[ch.Exercise.ID])
			}
		}
	}
}
