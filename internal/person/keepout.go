package person

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/safety"
)

// Why says why an exercise is left out for the person.
type Why string

// Reasons an exercise is left out, the most binding first.
const (
	ForCondition Why = "condition" // a condition from the safety answers, not cleared by a clinician
	ForStop      Why = "stopped"   // stopped for sharp pain, dizziness, or tingling or numbness
	ForAvoid     Why = "avoided"   // on the person's avoid list
)

// LeftOut is one exercise left out for the person, and why.
type LeftOut struct {
	ID         string              `json:"id"`
	Why        Why                 `json:"why"`
	Conditions []catalog.Condition `json:"conditions,omitempty"`  // for ForCondition
	StopReason journal.StopReason  `json:"stop_reason,omitempty"` // for ForStop
	Words      string              `json:"words"`                 // why, in a few words
}

// Exclusions is everything that keeps exercises out for the person: the
// exercises set aside (stopped or avoided) and the conditions the last
// screening set, less what a clinician cleared. Plans, routines and starts,
// in the command line and the web alike, leave out what it names, so they
// agree by construction.
type Exclusions struct {
	SetAside   map[string]journal.ExerciseState
	Conditions []catalog.Condition
	Cleared    []safety.ConditionClearance
}

// Exclusions returns what keeps exercises out for the person now.
func (p State) Exclusions() Exclusions {
	var conds []catalog.Condition
	if last := safety.LastScreening(p.Screenings); last != nil {
		conds = last.Result.Conditions
	}
	return Exclusions{SetAside: p.SetAside, Conditions: conds, Cleared: p.Cleared}
}

// Of returns why exercise e is left out, and whether it is.
func (x Exclusions) Of(e *catalog.Exercise) (LeftOut, bool) {
	if conds := safety.KeptOutBy(e, x.Conditions, x.Cleared); len(conds) > 0 {
		words := make([]string, len(conds))
		for i, c := range conds {
			words[i] = c.Words()
		}
		return LeftOut{ID: e.ID, Why: ForCondition, Conditions: conds,
			Words: message.Text(message.CondLeftOutOne, strings.Join(words, ", "))}, true
	}
	s, ok := x.SetAside[e.ID]
	switch {
	case ok && s.Excluded:
		r := journal.StopReason(s.Reason)
		return LeftOut{ID: e.ID, Why: ForStop, StopReason: r,
			Words: message.Text(message.AsideStopped, message.StopWords.Text(s.Reason), s.Since.Local().Format("2006-01-02"))}, true
	case ok && s.Avoided:
		return LeftOut{ID: e.ID, Why: ForAvoid, Words: message.Text(message.AsideOnList)}, true
	}
	return LeftOut{}, false
}

// Left returns the ids of routine rt's exercises that are not left out for
// the person, in the routine's order; an id c does not know is kept (the
// routine's own check says what is wrong with it).
func (x Exclusions) Left(c *catalog.Catalog, rt *catalog.Routine) []string {
	var left []string
	for _, it := range rt.Exercises {
		if e, ok := c.Exercise(it.ID); ok {
			if _, out := x.Of(e); out {
				continue
			}
		}
		left = append(left, it.ID)
	}
	return left
}

// All returns every exercise of c left out for the person, in catalog order.
func (x Exclusions) All(c *catalog.Catalog) []LeftOut {
	var out []LeftOut
	for _, e := range c.Exercises() {
		if l, ok := x.Of(e); ok {
			out = append(out, l)
		}
	}
	return out
}

// LeftOutIDs returns the ids of the exercises left out, in order.
func LeftOutIDs(l []LeftOut) []string {
	ids := make([]string, len(l))
	for i, x := range l {
		ids[i] = x.ID
	}
	return ids
}

// LeftOutNotes says what was left out of a routine and why, for the
// command line: one line for exercises set aside (stopped or avoided), one
// for each condition, naming them by id with the command that brings one
// back.
func LeftOutNotes(l []LeftOut) []string {
	return leftOutNotes(l, func(id string) string { return id }, message.StartLeftOut, message.CondLeftOut)
}

// WebLeftOutNotes is LeftOutNotes for the web app's pages: the exercises
// by name (c's), and where in the app to bring one back (issue 14: no
// command lines or ids in pages).
func WebLeftOutNotes(l []LeftOut, c *catalog.Catalog) []string {
	return leftOutNotes(l, func(id string) string { return exerciseName(c, id) }, message.WebStartLeftOut, message.WebCondLeftOut)
}

// leftOutNotes says what was left out, naming each exercise with name, in
// the words of aside (%s: the exercises) and cond (the condition's words,
// the exercises, the condition).
func leftOutNotes(l []LeftOut, name func(string) string, aside, cond message.Key) []string {
	var notes, set []string
	byCond := map[catalog.Condition][]string{}
	for _, x := range l {
		if x.Why == ForCondition {
			for _, c := range x.Conditions {
				byCond[c] = append(byCond[c], name(x.ID))
			}
			continue
		}
		set = append(set, name(x.ID))
	}
	if len(set) > 0 {
		notes = append(notes, message.Text(aside, strings.Join(set, ", ")))
	}
	for _, c := range catalog.Conditions {
		if names := byCond[c]; len(names) > 0 {
			notes = append(notes, message.Text(cond, c.Words(), strings.Join(names, ", "), c))
		}
	}
	return notes
}

// Personalise adds what the journal knows to a plan request: the person's
// avoid list, the exercises safety keeps out (a stop, a condition) with why,
// the person's levels and the exercises they are on the easier option of
// (unless atStart), and their latest ratings.
func (p State) Personalise(c *catalog.Catalog, req *planner.Request, atStart bool) {
	_, levels, ratings := p.PlanInputs()
	x := p.Exclusions()
	for _, l := range x.All(c) {
		if l.Why == ForAvoid {
			if !slices.Contains(req.Avoid, l.ID) {
				req.Avoid = append(req.Avoid, l.ID)
			}
			continue
		}
		if req.KeptOut == nil {
			req.KeptOut = map[string]string{}
		}
		req.KeptOut[l.ID] = l.Words
	}
	if !atStart {
		req.Levels = levels
		for id, l := range p.Levels {
			if l != nil && l.Easier {
				if req.Easier == nil {
					req.Easier = map[string]bool{}
				}
				req.Easier[id] = true
			}
		}
	}
	req.Ratings = ratings
}

// ParseCondition reads a condition named by a person, with an EInvalid
// error listing the known ones.
func ParseCondition(s string) (catalog.Condition, error) {
	c, ok := catalog.ParseCondition(s)
	if !ok {
		return "", unhunch.E(unhunch.EInvalid, message.ClearBadCondition, s, catalog.ConditionList())
	}
	return c, nil
}

// ClearExercise records, at now, that a clinician said exercise e is right
// for the person despite condition cond. It refuses a
// condition e is not kept out for, so that nothing is recorded by mistake.
func ClearExercise(ctx context.Context, st ConditionClearer, e *catalog.Exercise, cond catalog.Condition, now time.Time) error {
	if !e.UnsuitableWith(cond) {
		return unhunch.E(unhunch.EInvalid, message.ClearNotUnsuitable, e.Name, cond.Words())
	}
	return st.ClearCondition(ctx, e.ID, cond, now)
}

// AsideEntry is one exercise left out for the person, or cleared by a
// clinician despite a condition: `exercises aside --json` and GET /api/v1/aside.
type AsideEntry struct {
	journal.ExerciseState
	Conditions []catalog.Condition `json:"conditions"` // conditions from the safety answers that keep it out
	ClearedOf  []catalog.Condition `json:"cleared_of"` // conditions a clinician cleared it of
}

// Aside returns the exercises set aside (oldest first, then by id), then
// those kept out by a condition or cleared of one, in catalog order.
func Aside(p State, c *catalog.Catalog) []AsideEntry {
	list := []AsideEntry{}
	at := map[string]int{}
	ids := make([]string, 0, len(p.SetAside))
	for id := range p.SetAside {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y string) int {
		return cmp.Or(p.SetAside[x].Since.Compare(p.SetAside[y].Since), cmp.Compare(x, y))
	})
	for _, id := range ids {
		at[id] = len(list)
		list = append(list, AsideEntry{ExerciseState: p.SetAside[id]})
	}
	x := p.Exclusions()
	for _, e := range c.Exercises() {
		kept := safety.KeptOutBy(e, x.Conditions, x.Cleared)
		var cleared []catalog.Condition
		for _, cl := range p.Cleared {
			if cl.ExerciseID == e.ID {
				cleared = append(cleared, cl.Condition)
			}
		}
		if len(kept) == 0 && len(cleared) == 0 {
			continue
		}
		i, ok := at[e.ID]
		if !ok {
			i = len(list)
			list = append(list, AsideEntry{ExerciseState: journal.ExerciseState{ExerciseID: e.ID}})
		}
		list[i].Conditions, list[i].ClearedOf = kept, cleared
	}
	for i := range list {
		if list[i].Conditions == nil {
			list[i].Conditions = []catalog.Condition{}
		}
		if list[i].ClearedOf == nil {
			list[i].ClearedOf = []catalog.Condition{}
		}
	}
	return list
}
