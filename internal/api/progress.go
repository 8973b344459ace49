package api

import (
	"time"

	"github.com/unhunch/unhunch/progress"
)

// Progress is `unhunch progress --json` and GET /api/v1/progress.
type Progress struct {
	Today     time.Time          `json:"today"`
	Adherence progress.Adherence `json:"adherence"`
	Pain      progress.Outcome   `json:"pain"`
	Levels    []ProgressLevel    `json:"levels"`
	Advice    string             `json:"advice,omitempty"` // see a clinician, when the trend calls for it
	PSFS      progress.PSFS      `json:"psfs"`
	Sessions  int                `json:"sessions"`
	Counted   int                `json:"sessions_practised"`
	Demos     int                `json:"demos"` // sessions played faster or slower than real time, never counted
	// Schedule is practice against the person's schedule; nil without one.
	Schedule *progress.Planned `json:"schedule,omitempty"`
}

// ProgressLevel is one exercise's current dose with its history.
type ProgressLevel struct {
	ExerciseID string            `json:"exercise_id"`
	Name       string            `json:"name"`
	Amount     any               `json:"amount"`
	Summary    string            `json:"summary"`
	Easier     string            `json:"easier,omitempty"` // the easier option in use, in words
	Changes    []progress.Change `json:"changes"`
}
