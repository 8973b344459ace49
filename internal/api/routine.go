// Package api defines the JSON documents of unhunch's public interface, shared
// by the command line's --json output and the web API so that both always
// say the same thing in the same shape.
package api

import (
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

// Seconds converts a duration to seconds for JSON, keeping milliseconds.
func Seconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }

// RoutineSummary is one row of the routine list: what the routine takes at
// the starting dose, what its time box allows, and what it grows to.
type RoutineSummary struct {
	ID              string  `json:"id"`
	Name            string  `json:"name"`
	Description     string  `json:"description"`
	TimeBoxSeconds  int     `json:"time_box_seconds"`
	TimeBoxLabel    string  `json:"time_box_label,omitempty"`
	DurationSeconds float64 `json:"duration_seconds"` // at the starting dose
	// Fits is true when the routine is no longer than its time box (or has
	// none), however much shorter; Verdict says whether it fills it.
	Fits    bool            `json:"fits"`
	Verdict planner.Verdict `json:"verdict"`       // fits, short, over or none
	Spare   float64         `json:"spare_seconds"` // time box minus duration: negative when over, 0 without a box
	// TargetSeconds is the duration with every dose at the top of its
	// range, and TargetVerdict how that compares with the time box.
	TargetSeconds float64         `json:"target_dose_duration_seconds"`
	TargetVerdict planner.Verdict `json:"target_verdict"`
	Exercises     int             `json:"exercise_count"`
	Origin        string          `json:"origin"`
}

// NewRoutineSummary is the list row of routine r with fit, its fit report
// at the starting dose.
func NewRoutineSummary(r *catalog.Routine, fit planner.Fit) RoutineSummary {
	s := RoutineSummary{
		ID: r.ID, Name: r.Name, Description: r.Description, TimeBoxSeconds: r.TimeBoxSeconds,
		TimeBoxLabel: r.TimeBoxLabel, DurationSeconds: Seconds(fit.Duration),
		Fits: fit.Fits, Verdict: fit.Verdict, TargetSeconds: Seconds(fit.TargetDuration), TargetVerdict: fit.TargetVerdict,
		Exercises: len(r.Exercises), Origin: r.Origin,
	}
	if fit.TimeBox > 0 {
		s.Spare = Seconds(fit.TimeBox - fit.Duration)
	}
	return s
}

// Amount is the dose an exercise is done at in a routine, with a summary in words.
type Amount struct {
	Mode        dose.Mode  `json:"mode"`
	Reps        int        `json:"reps,omitempty"`
	HoldSeconds int        `json:"hold_seconds,omitempty"`
	HoldBreaths int        `json:"hold_breaths,omitempty"`
	Seconds     int        `json:"seconds,omitempty"`
	Sets        int        `json:"sets"`
	Sides       dose.Sides `json:"sides"`
	Summary     string     `json:"summary"`
}

// RoutineExercise is one exercise of a compiled routine.
type RoutineExercise struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Position        catalog.Position `json:"position"`
	Dose            Amount           `json:"dose"`
	StartMS         int64            `json:"start_ms"`
	DurationSeconds float64          `json:"duration_seconds"`
	SetupSeconds    float64          `json:"setup_seconds"`
	Round           int              `json:"round"`           // 1, or 2 for the second time through the same exercises
	Level           *LevelChange     `json:"level,omitempty"` // when the person's level differs from the start
	// Easier says what the easier option is, when the person is on it
	// after a "too hard" rating at the starting dose.
	Easier string `json:"easier,omitempty"`
	// Frames are the names of the stills of the exercise's figure in this
	// position, in order (the first is the resting shape); empty when it has
	// no figure.
	Frames []string `json:"frames,omitempty"`
	// Pictures are the URLs of the person's own pictures of the exercise
	// (issue 20), in order; the player shows them with the phases.
	Pictures []string `json:"pictures,omitempty"`
}

// LevelChange is the latest move of an exercise's dose for this person.
type LevelChange struct {
	From Amount    `json:"from"`
	Why  string    `json:"why"` // easy-twice, hard, pain-rose
	At   time.Time `json:"at"`
}

// FitReport says what the routine takes now against its time box, what it
// grows to as doses rise, and what would change it.
type FitReport struct {
	Fits                  bool            `json:"fits"`    // no longer than the time box, however much shorter
	Verdict               planner.Verdict `json:"verdict"` // fits (at least 3/4 of the box), short, over or none
	AtStart               bool            `json:"at_start"`
	Summary               string          `json:"summary"`       // the same in words
	SpareSeconds          float64         `json:"spare_seconds"` // negative when over
	SetupSeconds          float64         `json:"setup_seconds"`
	ReorderedIDs          []string        `json:"reordered_ids,omitempty"`
	ReorderedSeconds      float64         `json:"reordered_duration_seconds"`
	StartDoseSeconds      float64         `json:"start_dose_duration_seconds"`
	TargetDoseSeconds     float64         `json:"target_dose_duration_seconds"`
	TargetVerdict         planner.Verdict `json:"target_verdict"`
	DropSavings           []DropFit       `json:"drop_savings,omitempty"`
	ReorderSavingsSeconds float64         `json:"reorder_savings_seconds"`
}

// DropFit is what leaving one exercise out would save.
type DropFit struct {
	ID           string  `json:"id"`
	SavesSeconds float64 `json:"saves_seconds"`
}

// Routine is a routine with its compiled timeline.
type Routine struct {
	ID              string            `json:"id"`
	Name            string            `json:"name"`
	Description     string            `json:"description"`
	TimeBoxSeconds  int               `json:"time_box_seconds"`
	TimeBoxLabel    string            `json:"time_box_label,omitempty"`
	Frequency       string            `json:"frequency,omitempty"`
	DurationSeconds float64           `json:"duration_seconds"`
	Origin          string            `json:"origin"`
	Source          []catalog.Source  `json:"source"`
	Exercises       []RoutineExercise `json:"exercises"`
	Fit             FitReport         `json:"fit"`
	Timeline        timeline.Segments `json:"timeline"`
}

// NewAmount describes the amount a block of a timeline is done at.
func NewAmount(e *catalog.Exercise, a dose.Amount) Amount {
	d := e.Dose.Normalize()
	return Amount{
		Mode: d.Mode, Reps: a.Reps, HoldSeconds: a.Hold, HoldBreaths: a.HoldBreaths,
		Seconds: a.Seconds, Sets: a.Sets, Sides: d.Sides, Summary: d.Describe(a),
	}
}

// NewRoutine builds the document for routine r compiled from steps.
func NewRoutine(r *catalog.Routine, steps []timeline.Step, tl *timeline.Timeline, fit planner.Fit) Routine {
	out := Routine{
		ID: r.ID, Name: r.Name, Description: r.Description, TimeBoxSeconds: r.TimeBoxSeconds,
		TimeBoxLabel: r.TimeBoxLabel, Frequency: r.Frequency, DurationSeconds: Seconds(tl.Duration),
		Origin: r.Origin, Source: r.Source, Timeline: tl.Segments,
	}
	if out.Source == nil {
		out.Source = []catalog.Source{}
	}
	for i, b := range tl.Exercises {
		e := steps[i].Exercise
		out.Exercises = append(out.Exercises, RoutineExercise{
			ID: e.ID, Name: e.Name, Position: b.Position, Dose: NewAmount(e, b.Amount),
			StartMS: b.Start.Milliseconds(), DurationSeconds: Seconds(b.Duration), SetupSeconds: Seconds(b.Setup),
			Round: b.Round, Frames: Frames(e, b.Position),
		})
	}
	out.Fit = FitReport{
		Fits: fit.Fits, Verdict: fit.Verdict, AtStart: fit.AtStart, TargetVerdict: fit.TargetVerdict,
		Summary:          fit.Words(r.TimeBoxLabel, func(i int) string { return steps[i].Exercise.Name }),
		SetupSeconds:     Seconds(fit.Setup),
		ReorderedSeconds: Seconds(fit.OrderDuration), StartDoseSeconds: Seconds(fit.StartDuration),
		TargetDoseSeconds: Seconds(fit.TargetDuration), ReorderSavingsSeconds: Seconds(fit.Duration - fit.OrderDuration),
	}
	if fit.TimeBox > 0 {
		out.Fit.SpareSeconds = Seconds(fit.TimeBox - fit.Duration)
	}
	if fit.Reordered() {
		for _, i := range fit.Order {
			out.Fit.ReorderedIDs = append(out.Fit.ReorderedIDs, steps[i].Exercise.ID)
		}
	}
	for _, d := range fit.Drops {
		out.Fit.DropSavings = append(out.Fit.DropSavings, DropFit{ID: steps[d.Index].Exercise.ID, SavesSeconds: Seconds(d.Saves)})
	}
	return out
}

// Frames lists the names of the keyframes of an exercise's figure in
// position p ("" for its first), in order; nil when it has no figure there.
func Frames(e *catalog.Exercise, p catalog.Position) []string {
	il := e.IllustrationFor(p)
	if il == nil {
		return nil
	}
	return il.Names()
}
