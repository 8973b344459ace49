package api

import (
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/planner"
)

// Plan is a planned (or reordered) routine: the same document as a routine
// with its timeline, plus how the plan was made.
type Plan struct {
	Routine
	Plan PlanDetail `json:"plan"`
}

// PlanDetail says how a plan was made: the request, why each exercise is in
// it, what it scores, or, for a reordered routine, what reordering saved.
type PlanDetail struct {
	Request   *PlanRequest   `json:"request,omitempty"`
	Choices   []PlanChoice   `json:"choices,omitempty"`
	Rounds    int            `json:"rounds,omitempty"` // how many times the plan goes through its choices: 1 or 2
	Summary   []string       `json:"summary,omitempty"`
	Objective *PlanObjective `json:"objective,omitempty"`
	Reorder   *PlanReorder   `json:"reorder,omitempty"`
	SavedTo   string         `json:"saved_to,omitempty"` // the file the plan was saved in
}

// PlanRequest is what the plan was asked for.
type PlanRequest struct {
	Minutes   int                 `json:"minutes"`
	Equipment []catalog.Equipment `json:"equipment"`
	Floor     bool                `json:"floor"`
	Focus     planner.Focus       `json:"focus"`
	Avoid     []string            `json:"avoid"`
	KeptOut   map[string]string   `json:"kept_out"` // exercise id -> why safety keeps it out for this person
}

// PlanChoice is why one exercise of the plan is there, at its dose.
type PlanChoice struct {
	ID            string                 `json:"id"`
	Why           string                 `json:"why"`
	Substitutions []planner.Substitution `json:"substitutions"`
	Level         Amount                 `json:"level"` // the person's level, which the dose never passes
}

// PlanObjective is the plan's score and its parts, in points (docs/planner.md).
type PlanObjective struct {
	Total      float64 `json:"total"`
	Types      float64 `json:"types"`
	Areas      float64 `json:"areas"`
	Focus      float64 `json:"focus"`
	Preference float64 `json:"preference"`
	Time       float64 `json:"time"`
	Setup      float64 `json:"setup"`
	Count      float64 `json:"count"`
	Proven     bool    `json:"proven"`     // no plan of the search space scores higher
	Candidates int     `json:"candidates"` // exercises the search considered
	Nodes      int     `json:"nodes"`      // sets of exercises it looked at
}

// PlanReorder is what reordering an existing routine changed.
type PlanReorder struct {
	From            string   `json:"from"`         // the routine reordered
	OriginalIDs     []string `json:"original_ids"` // its exercises in its own order
	OriginalSeconds float64  `json:"original_duration_seconds"`
	SavedSeconds    float64  `json:"saved_seconds"`
}

// NewPlanDetail describes the planner's result res.
func NewPlanDetail(res planner.Result) PlanDetail {
	req := res.Request
	d := PlanDetail{
		Request: &PlanRequest{
			Minutes: req.Minutes, Equipment: req.Equipment, Floor: req.Floor, Focus: req.Focus, Avoid: req.Avoid, KeptOut: req.KeptOut,
		},
		Summary: res.Summary, Rounds: max(res.Rounds, 1),
	}
	if d.Request.Equipment == nil {
		d.Request.Equipment = []catalog.Equipment{}
	}
	if d.Request.Avoid == nil {
		d.Request.Avoid = []string{}
	}
	if d.Request.KeptOut == nil {
		d.Request.KeptOut = map[string]string{}
	}
	if d.Request.Focus == "" {
		d.Request.Focus = planner.Balanced
	}
	for _, ch := range res.Choices {
		subs := ch.Substitutions
		if subs == nil {
			subs = []planner.Substitution{}
		}
		d.Choices = append(d.Choices, PlanChoice{ID: ch.Exercise.ID, Why: ch.Why, Substitutions: subs, Level: NewAmount(ch.Exercise, ch.Level)})
	}
	o := res.Objective
	d.Objective = &PlanObjective{
		Total: o.Total.Float(), Types: o.Types.Float(), Areas: o.Areas.Float(), Focus: o.Focus.Float(),
		Preference: o.Preference.Float(), Time: o.Time.Float(), Setup: o.Setup.Float(), Count: o.Count.Float(),
		Proven: res.Proven, Candidates: res.Candidates, Nodes: res.Nodes,
	}
	return d
}
