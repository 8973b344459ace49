package person

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/schedule"
)

// ArchiveReader is what Archive reads: everything the journal keeps about
// one person (the person of ctx: account.PersonID).
type ArchiveReader interface {
	// Sessions returns sessions with their exercises, most recent first.
	Sessions(ctx context.Context, f journal.Filter) ([]*journal.Session, error)
	// Screenings returns every screening, oldest first.
	Screenings(ctx context.Context) ([]safety.Screening, error)
	// ConditionClearances returns the clinicians' clearances of conditions.
	ConditionClearances(ctx context.Context) ([]safety.ConditionClearance, error)
	// ExerciseStates returns the exercises set aside or avoided, by id.
	ExerciseStates(ctx context.Context) (map[string]journal.ExerciseState, error)
	// PSFS returns every functional-scale rating.
	PSFS(ctx context.Context) ([]progress.PSFSRating, error)
	// Schedule returns the practice schedule; zero when there is none.
	Schedule(ctx context.Context) (schedule.Schedule, error)
}

// CareReader is what Archive reads of the person's clinicians, when the
// journal keeps them (*store.Store does).
type CareReader interface {
	// Clinicians lists the person's care links, ended ones too.
	Clinicians(ctx context.Context, personID string) ([]clinic.Link, error)
	// ActivePrescription returns the person's prescription, if any.
	ActivePrescription(ctx context.Context, personID string) (*clinic.Prescription, bool, error)
	// AuditLog returns who opened the person's data, newest first (0: all).
	AuditLog(ctx context.Context, personID string, limit int) ([]clinic.Opening, error)
}

// ArchiveFormat names the document Archive makes, for whoever reads it later.
const ArchiveFormat = "unhunch-archive"

// ArchiveVersion is the version of that document's shape.
const ArchiveVersion = 1

// Archive is everything kept about one person, as they download it (issue
// 17, a person's rights): their account, every session with every attempt
// at every exercise, every screening with its answers, clinicians'
// clearances, exercises set aside or avoided, functional-scale ratings and
// the practice schedule.
type Archive struct {
	Format     string                      `json:"format"`
	Version    int                         `json:"version"`
	Made       time.Time                   `json:"made"`
	Account    *account.User               `json:"account"` // nil for the local person of a server without accounts
	Sessions   []*journal.Session          `json:"sessions"`
	Screenings []safety.Screening          `json:"screenings"`
	Clearances []safety.ConditionClearance `json:"clearances"`
	Exercises  []journal.ExerciseState     `json:"exercises_set_aside"`
	PSFS       []progress.PSFSRating       `json:"psfs"`
	Schedule   *schedule.Schedule          `json:"schedule"`
	// The person's clinicians (care links, ended ones too), the
	// prescription they follow, and every opening of their data by a
	// clinician.
	Clinicians   []clinic.Link        `json:"clinicians"`
	Prescription *clinic.Prescription `json:"prescription"`
	Audit        []clinic.Opening     `json:"audit"`
}

// LoadArchive reads everything kept about the person of ctx at time at; u
// is their account (nil without accounts).
func LoadArchive(ctx context.Context, r ArchiveReader, u *account.User, at time.Time) (*Archive, error) {
	a := &Archive{Format: ArchiveFormat, Version: ArchiveVersion, Made: at.UTC(), Account: u,
		Sessions: []*journal.Session{}, Screenings: []safety.Screening{}, Clearances: []safety.ConditionClearance{},
		Exercises: []journal.ExerciseState{}, PSFS: []progress.PSFSRating{}, Clinicians: []clinic.Link{}, Audit: []clinic.Opening{}}
	var err error
	if a.Sessions, err = r.Sessions(ctx, journal.Filter{}); err != nil {
		return nil, fmt.Errorf("person: archive sessions: %w", err)
	}
	if a.Screenings, err = r.Screenings(ctx); err != nil {
		return nil, fmt.Errorf("person: archive screenings: %w", err)
	}
	if a.Clearances, err = r.ConditionClearances(ctx); err != nil {
		return nil, fmt.Errorf("person: archive clearances: %w", err)
	}
	states, err := r.ExerciseStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("person: archive exercises: %w", err)
	}
	for _, id := range slices.Sorted(maps.Keys(states)) {
		a.Exercises = append(a.Exercises, states[id])
	}
	if a.PSFS, err = r.PSFS(ctx); err != nil {
		return nil, fmt.Errorf("person: archive PSFS: %w", err)
	}
	sc, err := r.Schedule(ctx)
	if err != nil {
		return nil, fmt.Errorf("person: archive schedule: %w", err)
	}
	if !sc.IsZero() {
		a.Schedule = &sc
	}
	if cr, ok := r.(CareReader); ok {
		id := account.PersonID(ctx)
		if a.Clinicians, err = cr.Clinicians(ctx, id); err != nil {
			return nil, fmt.Errorf("person: archive clinicians: %w", err)
		}
		p, ok, err := cr.ActivePrescription(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("person: archive prescription: %w", err)
		}
		if ok {
			a.Prescription = p
		}
		if a.Audit, err = cr.AuditLog(ctx, id, 0); err != nil {
			return nil, fmt.Errorf("person: archive audit log: %w", err)
		}
	}
	if a.Clinicians == nil {
		a.Clinicians = []clinic.Link{}
	}
	if a.Audit == nil {
		a.Audit = []clinic.Opening{}
	}
	if a.Sessions == nil {
		a.Sessions = []*journal.Session{}
	}
	if a.Screenings == nil {
		a.Screenings = []safety.Screening{}
	}
	if a.Clearances == nil {
		a.Clearances = []safety.ConditionClearance{}
	}
	if a.PSFS == nil {
		a.PSFS = []progress.PSFSRating{}
	}
	return a, nil
}
