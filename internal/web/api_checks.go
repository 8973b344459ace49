package web

import (
	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
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
			return unhunch.E(unhunch.EInvalid, message.WebBadIndex, p.Index, n)
		}
		if want := head.PlannedIDs[p.Index]; p.ExerciseID != want {
			return unhunch.E(unhunch.EInvalid, message.WebWrongExercise, p.ExerciseID, p.Index, want)
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
		return unhunch.E(unhunch.EInvalid, message.WebBadAmount, "amount."+field, ps[0].Message, e.ID)
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
		return unhunch.E(unhunch.EInvalid, message.WebBadIndex, index, head.PlannedExercises)
	}
	return nil
}
