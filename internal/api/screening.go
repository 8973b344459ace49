package api

import (
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/safety"
)

// Screening is a saved screening, or a clinician's clearance, with what it
// means: `unhunch screen --json` and POST /api/v1/screenings (and
// …/clearance).
type Screening struct {
	ID         string              `json:"id"`
	At         time.Time           `json:"at"`
	Outcome    safety.Outcome      `json:"outcome"`
	Flagged    []string            `json:"flagged"`
	Conditions []catalog.Condition `json:"conditions"`
	Advice     string              `json:"advice"`
	Clearing   bool                `json:"cleared_by_clinician,omitempty"`
}

// NewScreening is the document of sc with its advice.
func NewScreening(sc safety.Screening, advice string) Screening {
	return Screening{ID: sc.ID, At: sc.At, Outcome: sc.Result.Outcome, Flagged: sc.Result.Flagged,
		Conditions: sc.Result.Conditions, Advice: advice, Clearing: sc.Clearing}
}
