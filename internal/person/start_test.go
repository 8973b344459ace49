package person_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// fakeJournal is a journal in memory: what Start reads, and the sessions it
// saves. No database: these tests are about the rules of a start.
type fakeJournal struct {
	sessions   []*journal.Session // most recent first
	screenings []safety.Screening
	aside      map[string]journal.ExerciseState
	cleared    []safety.ConditionClearance
	readErr    error // every read fails with it, when set
	saved      []*journal.Session
}

func (f *fakeJournal) Sessions(context.Context, journal.Filter) ([]*journal.Session, error) {
	return f.sessions, f.readErr
}

func (f *fakeJournal) ExerciseStates(context.Context) (map[string]journal.ExerciseState, error) {
	return f.aside, f.readErr
}

func (f *fakeJournal) Screenings(context.Context) ([]safety.Screening, error) {
	return f.screenings, f.readErr
}

func (f *fakeJournal) ConditionClearances(context.Context) ([]safety.ConditionClearance, error) {
	return f.cleared, f.readErr
}

func (f *fakeJournal) Version(context.Context) (int64, error) { return int64(len(f.saved)), f.readErr }

func (f *fakeJournal) Checkpoint(context.Context) (journal.Checkpoint, error) {
	return journal.Checkpoint{}, f.readErr
}

func (f *fakeJournal) SaveCheckpoint(context.Context, int64, journal.Checkpoint) (bool, error) {
	return false, nil
}

func (f *fakeJournal) SessionsFrom(context.Context, time.Time, string) ([]*journal.Session, error) {
	return f.sessions, f.readErr
}

func (f *fakeJournal) GateScreenings(_ context.Context, asOf time.Time) ([]safety.Screening, error) {
	var out []safety.Screening
	for _, s := range f.screenings {
		if !s.At.After(asOf) {
			out = append(out, s)
		}
	}
	return out, f.readErr
}

func (f *fakeJournal) GateFacts(_ context.Context, after, before time.Time) ([]safety.SessionFacts, error) {
	var out []safety.SessionFacts
	for _, s := range f.sessions {
		if s.StartedAt.After(after) && (before.IsZero() || s.StartedAt.Before(before)) {
			out = append(out, safety.FactsOf(s))
		}
	}
	return out, f.readErr
}

func (f *fakeJournal) PainEnds(context.Context) (first, last time.Time, ok bool, err error) {
	for _, s := range f.sessions {
		if s.PainBefore == nil || s.IsDemo() {
			continue
		}
		if !ok || s.StartedAt.Before(first) {
			first = s.StartedAt
		}
		if !ok || s.StartedAt.After(last) {
			last = s.StartedAt
		}
		ok = true
	}
	return first, last, ok, f.readErr
}

func (f *fakeJournal) Briefs(_ context.Context, from, to time.Time) ([]journal.Brief, error) {
	var out []journal.Brief
	for _, s := range f.sessions {
		if !s.IsDemo() && !s.StartedAt.Before(from) && s.StartedAt.Before(to) {
			out = append([]journal.Brief{s.Brief()}, out...)
		}
	}
	return out, f.readErr
}

func (f *fakeJournal) StartSession(_ context.Context, s *journal.Session) (bool, error) {
	s.ID, s.Status = "S"+string(rune('A'+len(f.saved))), journal.Active
	f.saved = append(f.saved, s)
	return true, nil
}

func (f *fakeJournal) FinishSession(_ context.Context, id string, status journal.Status, at time.Time, _ *int, reason journal.StopReason) error {
	for _, s := range f.saved {
		if s.ID == id {
			s.Status, s.EndedAt, s.StopReason = status, &at, reason
		}
	}
	return nil
}

// screenedAt is a journal with a clear screening (or yes to the questions in yes) at t.
func screenedAt(t time.Time, yes ...string) *fakeJournal {
	for _, id := range yes {
		if _, ok := safety.QuestionByID(id); !ok {
			panic("no question " + id)
		}
	}
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = slices.Contains(yes, q.ID)
	}
	return &fakeJournal{screenings: []safety.Screening{safety.NewScreening(t, answers)}}
}

func TestStart(t *testing.T) {
	c := builtin(t)
	quick, _ := c.Routine("quick-daily-reset")
	pain := func(n int) *int { return &n }
	now := at.Add(time.Hour)
	req := func(change func(*person.StartRequest)) person.StartRequest {
		r := person.StartRequest{Routine: quick, Now: now, TimeScale: 1, Owner: "test", Advice: message.GateAdvice, Location: time.UTC}
		if change != nil {
			change(&r)
		}
		return r
	}
	tests := []struct {
		name    string
		j       *fakeJournal
		req     person.StartRequest
		code    unhunch.Code
		says    string   // in the error
		planned []string // the session's planned exercises
		refused bool     // a refused start was saved
	}{
		{name: "never screened", j: &fakeJournal{}, req: req(nil), code: unhunch.EBlocked, says: "unhunch screen"},
		{name: "never screened, in the browser's words", j: &fakeJournal{}, req: req(func(r *person.StartRequest) { r.Advice = message.WebGateAdvice }),
			code: unhunch.EBlocked, says: "safety questions"},
		{name: "screened", j: screenedAt(at), req: req(nil), planned: []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}},
		{name: "pain 8 is refused and kept", j: screenedAt(at), req: req(func(r *person.StartRequest) { r.PainBefore = pain(8) }),
			code: unhunch.EBlocked, says: "8 or more", refused: true},
		{name: "pain out of range", j: screenedAt(at), req: req(func(r *person.StartRequest) { r.PainBefore = pain(11) }), code: unhunch.EInvalid},
		{name: "a condition leaves its exercises out", j: screenedAt(at, "surgery-chest"), req: req(nil), planned: []string{"chin-tucks", "scapular-squeezes"}},
		{name: "set aside after a stop", j: func() *fakeJournal {
			j := screenedAt(at)
			j.aside = map[string]journal.ExerciseState{"chin-tucks": {ExerciseID: "chin-tucks", Excluded: true, Reason: "dizziness", Since: at}}
			return j
		}(), req: req(nil), planned: []string{"scapular-squeezes", "doorway-pec-stretch"}},
		{name: "the player's own list", j: screenedAt(at), req: req(func(r *person.StartRequest) { r.Played = []string{"chin-tucks", "doorway-pec-stretch"} }),
			planned: []string{"chin-tucks", "doorway-pec-stretch"}},
		{name: "a list out of the routine's order", j: screenedAt(at), req: req(func(r *person.StartRequest) { r.Played = []string{"doorway-pec-stretch", "chin-tucks"} }),
			code: unhunch.EInvalid, says: "quick-daily-reset"},
		{name: "offline on a gate seen in time", j: screenedAt(at), req: req(func(r *person.StartRequest) {
			r.Offline = &person.Offline{StartedAt: now.Add(-10 * time.Minute), GateCheckedAt: now.Add(-20 * time.Minute)}
		}), planned: []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}},
		{name: "offline on a gate seen too long before", j: screenedAt(at.Add(-72 * time.Hour)), req: req(func(r *person.StartRequest) {
			r.Offline = &person.Offline{StartedAt: now, GateCheckedAt: now.Add(-25 * time.Hour)}
		}), code: unhunch.EBlocked, says: "24 hours"},
		{name: "offline before any screening", j: screenedAt(at), req: req(func(r *person.StartRequest) {
			r.Offline = &person.Offline{StartedAt: at.Add(-time.Minute), GateCheckedAt: at.Add(-time.Hour)}
		}), code: unhunch.EBlocked},
		{name: "a journal that cannot be read", j: &fakeJournal{readErr: unhunch.E(unhunch.EUnavailable, message.StoreCanceled, "here", "gone")},
			req: req(nil), code: unhunch.EUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := person.Start(context.Background(), tt.j, c, tt.req)
			if got := unhunch.ErrorCode(err); got != tt.code {
				t.Fatalf("code %q, want %q: %v", got, tt.code, err)
			}
			if err != nil && !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
			if refused := len(tt.j.saved) == 1 && person.IsRefused(tt.j.saved[0]); refused != tt.refused {
				t.Errorf("refused start saved: %v, want %v (%d saved)", refused, tt.refused, len(tt.j.saved))
			}
			if err != nil {
				return
			}
			if len(tt.j.saved) != 0 {
				t.Errorf("Start saved %d sessions; the client saves the one it plays", len(tt.j.saved))
			}
			s := st.Session
			if diff := cmp.Diff(tt.planned, s.PlannedIDs); diff != "" {
				t.Errorf("planned (-want +got):\n%s", diff)
			}
			if s.PlannedExercises != len(tt.planned) || s.PlannedSeconds != st.Timeline.Duration.Seconds() || s.RoutineID != quick.ID || s.Owner != "test" {
				t.Errorf("session %+v", s)
			}
			if want := tt.req.Now; tt.req.Offline != nil {
				if !s.StartedAt.Equal(tt.req.Offline.StartedAt) || !s.SeenAt.Equal(want) {
					t.Errorf("offline start at %v seen %v, want %v and %v", s.StartedAt, s.SeenAt, tt.req.Offline.StartedAt, want)
				}
			} else if !s.StartedAt.Equal(want) || !s.SeenAt.Equal(want) {
				t.Errorf("start at %v seen %v, want %v", s.StartedAt, s.SeenAt, want)
			}
		})
	}
}

// A demo is saved with its time scale, and the first time an exercise is
// done its cautions are in the notes; a level moves the dose.
func TestStartDemoAndNotes(t *testing.T) {
	c := builtin(t)
	r, _ := c.Routine("quick-daily-reset")
	j := screenedAt(at)
	st, err := person.Start(context.Background(), j, c, person.StartRequest{Routine: r, Now: at.Add(time.Hour), TimeScale: 30,
		Owner: "test", Advice: message.GateAdvice, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if st.Session.TimeScale != 30 || !journal.DemoScale(st.Session.TimeScale) {
		t.Errorf("time scale %v", st.Session.TimeScale)
	}
	var firsts int
	for _, n := range st.Notes {
		if strings.Contains(n, "first time") || strings.Contains(n, "First time") {
			firsts++
		}
	}
	if firsts != 3 {
		t.Errorf("notes %q: want a first-time caution for each of 3 exercises", st.Notes)
	}
	if !st.Decision.OK() || len(st.State.Screenings) != 1 {
		t.Errorf("decision %+v, state %+v", st.Decision, st.State)
	}
}
