// Package journaltest writes long journals for tests and benchmarks: years
// of daily sessions of the built-in routines with every exercise's outcome,
// ratings, pain before and after, a few demos, stops and skips, weekly
// screenings and a functional-scale rating every two weeks, as a person
// would leave them (issue 16: every request must cost about the same on day
// one and after ten years). It writes through the journal's own operations,
// so every summary the journal keeps is kept as in real use. It is imported
// by tests only.
package journaltest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// TenYears is how many days the ten-year journal spans.
const TenYears = 3650

// Stats says what Write wrote.
type Stats struct {
	Sessions, Outcomes, Screenings, Ratings int
}

// Write writes days days of practice, one session a day (a second on one
// day in ten, none on one in twenty), ending the day before end, into st
// with the routines and doses of c; seed makes it the same every time. The
// last screening is in the last week, clear, so that a session may start
// at end. Exercise outcomes go through a group committer, several sessions
// at a time, as a server would send them.
func Write(ctx context.Context, st *store.Store, c *catalog.Catalog, end time.Time, days int, seed uint64) (Stats, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	routines := c.Routines()
	if len(routines) == 0 {
		return Stats{}, fmt.Errorf("journaltest: the catalog has no routines")
	}
	g := st.NewGroup(64)
	defer g.Close()
	var stats Stats
	start := end.AddDate(0, 0, -days)
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = false
	}
	type pending struct {
		sess *journal.Session
		outs []journal.Performance
	}
	var batch []pending
	flush := func() error {
		// Outcomes of several sessions at once, so that the group commits
		// them together; then each session's finish.
		var wg sync.WaitGroup
		errs := make(chan error, 1)
		for _, b := range batch {
			for _, p := range b.outs {
				wg.Add(1)
				go func(id string, p journal.Performance) {
					defer wg.Done()
					if err := g.RecordExercise(ctx, id, p); err != nil {
						select {
						case errs <- fmt.Errorf("journaltest: record %s/%d: %w", id, p.Index, err):
						default:
						}
					}
				}(b.sess.ID, p)
			}
		}
		wg.Wait()
		select {
		case err := <-errs:
			return err
		default:
		}
		for _, b := range batch {
			stats.Outcomes += len(b.outs)
			s := b.sess
			after := *s.PainBefore + rng.IntN(3) - 1
			after = max(0, min(10, after))
			end := s.StartedAt.Add(time.Duration(len(b.outs)*75) * time.Second)
			status, reason := journal.Completed, journal.StopReason("")
			if len(b.outs) > 0 && b.outs[len(b.outs)-1].Outcome == journal.Halted {
				status = journal.Stopped
			}
			if err := st.FinishSession(ctx, s.ID, status, end, &after, reason); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	for d := range days {
		day := start.AddDate(0, 0, d)
		if d%7 == 0 || d == days-1 {
			sc := safety.NewScreening(day.Add(7*time.Hour), answers)
			if err := st.SaveScreening(ctx, &sc); err != nil {
				return stats, err
			}
			stats.Screenings++
		}
		if d%14 == 3 {
			if err := st.SavePSFS(ctx, day.Add(7*time.Hour+time.Minute), map[string]int{
				"Driving": 3 + rng.IntN(5), "Reaching up": 2 + rng.IntN(6), "Sitting at a desk": 4 + rng.IntN(5)}); err != nil {
				return stats, err
			}
			stats.Ratings += 3
		}
		n := 1
		switch r := rng.IntN(20); {
		case r == 0:
			n = 0
		case r <= 2:
			n = 2
		}
		for k := range n {
			r := routines[rng.IntN(len(routines))]
			pain := 2 + rng.IntN(4)
			s := &journal.Session{RoutineID: r.ID, RoutineName: r.Name, Owner: store.WebOwner,
				StartedAt: day.Add(time.Duration(8+10*k)*time.Hour + time.Duration(rng.IntN(3600))*time.Second), PainBefore: &pain}
			if rng.IntN(40) == 0 {
				s.TimeScale = 30 // a demo now and then
			}
			var outs []journal.Performance
			at := s.StartedAt.Add(20 * time.Second)
			for i, it := range r.Exercises {
				e, ok := c.Exercise(it.ID)
				if !ok {
					continue
				}
				p := journal.Performance{Index: i, Attempt: 1, ExerciseID: e.ID, Outcome: journal.Done,
					Amount: e.Dose.Fill(dose.Amount{}), Seconds: 60 + float64(rng.IntN(30)), StartedAt: at,
					Rating: []journal.Rating{journal.TooEasy, journal.Right, journal.Right, journal.TooHard}[rng.IntN(4)]}
				switch x := rng.IntN(50); {
				case x == 0:
					p.Outcome, p.StopReason, p.Rating = journal.Halted, journal.Discomfort, ""
				case x <= 2:
					p.Outcome, p.Rating, p.Seconds = journal.Skipped, "", 3
				}
				at = at.Add(time.Duration(p.Seconds) * time.Second)
				p.EndedAt = at
				at = at.Add(15 * time.Second)
				outs = append(outs, p)
				if p.Outcome == journal.Halted {
					break
				}
			}
			s.PlannedExercises = len(r.Exercises)
			if _, err := st.StartSession(ctx, s); err != nil {
				return stats, err
			}
			stats.Sessions++
			batch = append(batch, pending{s, outs})
		}
		if len(batch) >= 16 {
			if err := flush(); err != nil {
				return stats, err
			}
		}
	}
	if err := flush(); err != nil {
		return stats, err
	}
	// As autovacuum would after so many rows (PostgreSQL).
	return stats, st.Analyze(ctx)
}
