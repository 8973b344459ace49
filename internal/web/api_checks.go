package web

import (
	"slices"
	"strings"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
)

// Checks of what a player reports against the session it belongs to
// (issue 12, item 6): each event must fit the session the journal holds,
// whatever the client sends.

// checkAgainstSession checks an exercise's outcome against its session: the
// exercise planned at that index, an amount within the exercise's dose, and
// plausible times and seconds (journal.CheckPlausible).
func (s *Server) checkAgainstSession(p journal.Performance, head store.SessionHead) error {
	if n := len(head.PlannedIDs); n > 0 {
		if p.Index >= n {
			return invalid(message.WebBadIndex, p.Index, n)
		}
		if want := head.PlannedIDs[p.Index]; p.ExerciseID != want {
			return invalid(message.WebWrongExercise, p.ExerciseID, p.Index, want)
		}
	}
	e, err := s.exercise(p.ExerciseID)
	if err != nil {
		return err
	}
	if ps := e.Dose.CheckAmount(p.Amount); len(ps) > 0 {
		field := ps[0].Field
		if field == "hold" {
			field = "hold_seconds" // the amount's JSON name
		}
		return invalid(message.WebBadAmount, "amount."+field, ps[0].Message, e.ID)
	}
	scale := head.TimeScale // the session's own speed; a demo's seconds run faster than the clock
	if scale <= 0 {
		scale = s.cfg.TimeScale
	}
	return journal.CheckPlausible(p, head.StartedAt, s.now(), scale)
}

// checkRatingIndex checks that a rating names an exercise of the session.
func checkRatingIndex(index int, head store.SessionHead) error {
	if index < 0 || (head.PlannedExercises > 0 && index >= head.PlannedExercises) || index > store.MaxIndex {
		return invalid(message.WebBadIndex, index, head.PlannedExercises)
	}
	return nil
}

// plannedIDs returns the ids of the exercises a session of rt will play:
// those the player says it plays (played, from the start's "exercises"), or
// else the server's own preparation. A player's list must fit the routine:
// for a catalog routine its exercises in order with some left out (the
// device may have set some aside); for a plan, exercises of the catalog,
// each once in a round, in one or two rounds alike (planRounds).
func (s *Server) plannedIDs(rt *catalog.Routine, prep person.Routine, played []string) ([]string, error) {
	if played == nil {
		ids := make([]string, len(prep.Steps))
		for i, st := range prep.Steps {
			ids[i] = st.Exercise.ID
		}
		return ids, nil
	}
	if len(played) == 0 || len(played) > store.MaxIndex+1 {
		return nil, invalid(message.WebPlayedNone)
	}
	for _, id := range played {
		if _, ok := s.cat.Exercise(id); !ok {
			return nil, s.notRoutineOrder(rt, played)
		}
	}
	if rt.ID == "plan" {
		if !planRounds(played) {
			return nil, s.notRoutineOrder(rt, played)
		}
		return played, nil
	}
	next := 0 // the routine's exercises not yet matched
	for _, id := range played {
		for next < len(rt.Exercises) && rt.Exercises[next].ID != id {
			next++
		}
		if next == len(rt.Exercises) {
			return nil, s.notRoutineOrder(rt, played)
		}
		next++
	}
	return played, nil
}

// planRounds reports whether played is a plan's exercises as the planner
// makes them: a round of distinct exercises, then at most MaxRounds-1 more
// rounds exactly alike (docs/planner.md, "Rounds").
func planRounds(played []string) bool {
	n := len(played)
	for i, id := range played {
		if slices.Contains(played[:i], id) {
			n = i
			break
		}
	}
	if len(played)%n != 0 || len(played)/n > planner.MaxRounds {
		return false
	}
	for i, id := range played {
		if id != played[i%n] {
			return false
		}
	}
	return true
}

// notRoutineOrder is the error for a player's list that does not fit rt.
func (s *Server) notRoutineOrder(rt *catalog.Routine, played []string) error {
	want := make([]string, len(rt.Exercises))
	for i, it := range rt.Exercises {
		want[i] = it.ID
	}
	return invalid(message.WebPlayedOrder, strings.Join(played, ", "), rt.ID, strings.Join(want, ", "))
}
