package store_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/schedule"
)

// personData is what one person wrote, to be found again in their journal
// and nowhere else.
type personData struct {
	ctx       context.Context
	session   *journal.Session // finished, with outcomes and a rating
	active    *journal.Session // still active
	screening safety.Screening
	exercise  string // set aside (Exclude)
	avoided   string // on the avoid list
	cleared   string // cleared of osteoporosis
	activity  string // on the functional scale
	routine   string // the schedule's routine
}

// write makes p's journal through every write the store has.
func (p *personData) write(t *testing.T, st *store.Store, g *store.Group, at time.Time, pain int) {
	t.Helper()
	ctx := p.ctx
	p.session = &journal.Session{RoutineID: "quick-daily-reset", StartedAt: at, PlannedSeconds: 300, PlannedExercises: 2,
		PainBefore: ptr(pain), ClientKey: "same-key", PlannedIDs: []string{"chin-tucks", "cat-cow"}}
	if created, err := st.StartSession(ctx, p.session); err != nil || !created {
		t.Fatalf("start: %v, %v", created, err)
	}
	if err := st.RecordExercise(ctx, p.session.ID, perf(0, "chin-tucks", journal.Done, at)); err != nil {
		t.Fatal(err)
	}
	if err := g.RecordExercise(ctx, p.session.ID, perf(1, "cat-cow", journal.Done, at)); err != nil {
		t.Fatal(err)
	}
	if err := st.RateExercise(ctx, p.session.ID, 0, 0, journal.TooEasy); err != nil {
		t.Fatal(err)
	}
	if err := st.FinishSession(ctx, p.session.ID, journal.Completed, at.Add(10*time.Minute), ptr(pain-1), ""); err != nil {
		t.Fatal(err)
	}
	p.active = &journal.Session{RoutineID: "desk-break", StartedAt: at.Add(time.Hour), PlannedSeconds: 60, Owner: "web"}
	if _, err := st.StartSession(ctx, p.active); err != nil {
		t.Fatal(err)
	}
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = false
	}
	p.screening = safety.NewScreening(at.Add(-time.Hour), answers)
	if err := st.SaveScreening(ctx, &p.screening); err != nil {
		t.Fatal(err)
	}
	if err := st.Exclude(ctx, p.exercise, string(journal.Dizziness), at); err != nil {
		t.Fatal(err)
	}
	if err := st.Avoid(ctx, p.avoided, at); err != nil {
		t.Fatal(err)
	}
	if err := st.ClearCondition(ctx, p.cleared, catalog.Osteoporosis, at); err != nil {
		t.Fatal(err)
	}
	if err := st.SavePSFS(ctx, at, map[string]int{p.activity: pain}); err != nil {
		t.Fatal(err)
	}
	times, _ := schedule.ParseClocks("08:00")
	if err := st.SetSchedule(ctx, schedule.Schedule{Days: schedule.EveryDay, Times: times, Routine: p.routine}, at); err != nil {
		t.Fatal(err)
	}
}

// Issue 17: two people on one store, on both engines. Each sees only what
// they wrote, through every read; and another person's session is not
// found by any operation, as if it did not exist.
func TestEveryPersonSeesOnlyTheirOwn(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		g := st.NewGroup(8)
		defer g.Close()
		bg := context.Background()
		a := &personData{ctx: account.ForPerson(bg, "person-a"), exercise: "cat-cow", avoided: "chin-tucks", cleared: "thoracic-extension",
			activity: "carrying shopping", routine: "quick-daily-reset"}
		b := &personData{ctx: account.ForPerson(bg, "person-b"), exercise: "doorway-pec-stretch", avoided: "wall-angels", cleared: "back-extension",
			activity: "reading in bed", routine: "desk-break"}
		if v, err := st.Version(b.ctx); err != nil || v != 0 {
			t.Fatalf("a new person's version: %d, %v; want 0", v, err)
		}
		a.write(t, st, g, base, 6)
		if v, err := st.Version(b.ctx); err != nil || v != 0 {
			t.Errorf("B's version after A's writes: %d, %v; want 0", v, err)
		}
		va, _ := st.Version(a.ctx)
		if va == 0 {
			t.Errorf("A's version did not move with A's writes")
		}
		b.write(t, st, g, base.Add(24*time.Hour), 4)
		if v, _ := st.Version(a.ctx); v != va {
			t.Errorf("A's version moved with B's writes: %d, was %d", v, va)
		}
		if a.session.ID == b.session.ID || a.session.ClientKey != b.session.ClientKey {
			t.Fatalf("one client key for two people: %s and %s", a.session.ID, b.session.ID)
		}
		// The local person (no account) has none of it.
		local := &personData{ctx: bg}

		for _, tc := range []struct {
			name  string
			me    *personData
			other *personData
		}{{"A", a, b}, {"B", b, a}, {"local", local, a}} {
			t.Run(tc.name, func(t *testing.T) {
				me, other, ctx := tc.me, tc.other, tc.me.ctx
				mine := func(s *journal.Session) bool {
					return me.session != nil && (s.ID == me.session.ID || s.ID == me.active.ID)
				}
				list, err := st.Sessions(ctx, journal.Filter{})
				if err != nil {
					t.Fatal(err)
				}
				want := 2
				if me == local {
					want = 0
				}
				if len(list) != want || !allOf(list, mine) {
					t.Errorf("Sessions: %d sessions, want %d of mine", len(list), want)
				}
				from, _ := st.SessionsFrom(ctx, base.Add(-time.Hour), "")
				if len(from) != want || !allOf(from, mine) {
					t.Errorf("SessionsFrom: %d sessions", len(from))
				}
				var each []*journal.Session
				st.EachSession(ctx, journal.Filter{}, func(s *journal.Session) error { each = append(each, s); return nil })
				if len(each) != want || !allOf(each, mine) {
					t.Errorf("EachSession: %d sessions", len(each))
				}
				active, _ := st.ActiveSessions(ctx)
				if len(active) != want/2 || !allOf(active, mine) {
					t.Errorf("ActiveSessions: %d", len(active))
				}
				briefs, _ := st.Briefs(ctx, base.Add(-time.Hour), base.Add(72*time.Hour))
				if len(briefs) != want || slices.ContainsFunc(briefs, func(b journal.Brief) bool { return !mine(&journal.Session{ID: b.ID}) }) {
					t.Errorf("Briefs: %+v", briefs)
				}
				facts, _ := st.GateFacts(ctx, base.Add(-time.Hour), time.Time{})
				if len(facts) != want {
					t.Errorf("GateFacts: %d", len(facts))
				}
				first, _, ok, _ := st.PainEnds(ctx)
				if ok != (me != local) || (ok && !first.Equal(me.session.StartedAt)) {
					t.Errorf("PainEnds: %v %v", first, ok)
				}
				if s, err := st.SessionByClientKey(ctx, "same-key"); (me == local) != (s == nil) || (s != nil && s.ID != me.session.ID) || err != nil {
					t.Errorf("SessionByClientKey: %+v, %v", s, err)
				}
				scs, _ := st.Screenings(ctx)
				gate, _ := st.GateScreenings(ctx, base.Add(72*time.Hour))
				states, _ := st.ExerciseStates(ctx)
				clears, _ := st.ConditionClearances(ctx)
				psfs, _ := st.PSFS(ctx)
				acts, _, _ := st.PSFSActivities(ctx)
				sched, _ := st.Schedule(ctx)
				if me == local {
					if len(scs)+len(gate)+len(states)+len(clears)+len(psfs)+len(acts) != 0 || !sched.IsZero() {
						t.Errorf("the local person sees others' data: %d %d %d %d %d %d %+v", len(scs), len(gate), len(states), len(clears), len(psfs), len(acts), sched)
					}
				} else {
					if len(scs) != 1 || scs[0].ID != me.screening.ID || len(gate) != 1 || gate[0].ID != me.screening.ID {
						t.Errorf("Screenings %+v, GateScreenings %+v", scs, gate)
					}
					if len(states) != 2 || !states[me.exercise].Excluded || !states[me.avoided].Avoided {
						t.Errorf("ExerciseStates: %+v", states)
					}
					if len(clears) != 1 || clears[0].ExerciseID != me.cleared {
						t.Errorf("ConditionClearances: %+v", clears)
					}
					if len(psfs) != 1 || psfs[0].Activity != me.activity || len(acts) != 1 || acts[0].Activity != me.activity {
						t.Errorf("PSFS %+v, activities %+v", psfs, acts)
					}
					if sched.Routine != me.routine {
						t.Errorf("Schedule: %+v, want routine %s", sched, me.routine)
					}
				}
				// The other's session and screening, by their ids: not found,
				// whatever the operation.
				id := other.session.ID
				notFound := map[string]error{}
				_, notFound["Session"] = st.Session(ctx, id)
				_, notFound["Head"] = st.Head(ctx, id)
				notFound["RecordExercise"] = st.RecordExercise(ctx, id, perf(5, "cat-cow", journal.Done, base))
				notFound["RecordExercise again"] = st.RecordExercise(ctx, id, perf(0, "chin-tucks", journal.Done, other.session.StartedAt))
				notFound["Group.RecordExercise"] = g.RecordExercise(ctx, id, perf(6, "cat-cow", journal.Done, base))
				notFound["Group.RecordExercise again"] = g.RecordExercise(ctx, id, perf(1, "cat-cow", journal.Done, other.session.StartedAt))
				notFound["RateExercise"] = st.RateExercise(ctx, id, 0, 0, journal.TooHard)
				notFound["RateExercise attempt"] = st.RateExercise(ctx, id, 0, 1, journal.TooHard)
				notFound["FinishSession"] = st.FinishSession(ctx, id, journal.Stopped, base, nil, journal.Dizziness)
				notFound["Renew"] = st.Renew(ctx, other.active.ID, base.Add(2*time.Hour))
				notFound["MarkInterrupted"] = st.MarkInterrupted(ctx, other.active.ID, base.Add(2*time.Hour))
				_, notFound["Sessions before"] = st.Sessions(ctx, journal.Filter{Before: id})
				for op, err := range notFound {
					if unhunch.ErrorCode(err) != unhunch.ENotFound {
						t.Errorf("%s on the other person's session: %v, want not found", op, err)
					}
				}
				if _, ok, err := st.Screening(ctx, other.screening.ID); ok || err != nil {
					t.Errorf("Screening of the other person's: %v, %v", ok, err)
				}
				if ok, err := st.Enable(ctx, other.exercise); ok || err != nil {
					t.Errorf("Enable of the other's set-aside exercise: %v, %v", ok, err)
				}
				if ok, err := st.WithdrawClearance(ctx, other.cleared, catalog.Osteoporosis); ok || err != nil {
					t.Errorf("WithdrawClearance of the other's: %v, %v", ok, err)
				}
			})
		}
		// Nothing of the above changed the other's journal.
		for _, p := range []*personData{a, b} {
			s, err := st.Session(p.ctx, p.session.ID)
			if err != nil || s.Status != journal.Completed || len(s.Exercises) != 2 || s.Exercises[0].Rating != journal.TooEasy {
				t.Errorf("%s's session after the other's tries: %+v, %v", p.activity, s, err)
			}
			if s, _ := st.Session(p.ctx, p.active.ID); s == nil || s.Status != journal.Active {
				t.Errorf("%s's active session after the other's tries: %+v", p.activity, s)
			}
			states, _ := st.ExerciseStates(p.ctx)
			clears, _ := st.ConditionClearances(p.ctx)
			if len(states) != 2 || len(clears) != 1 {
				t.Errorf("%s's states %+v and clearances %+v after the other's tries", p.activity, states, clears)
			}
		}

		// Checkpoints and pseudonyms are each person's own.
		vb, _ := st.Version(b.ctx)
		cp := journal.Checkpoint{ThroughAt: base.Add(time.Minute), ThroughID: "x", Basis: "b", State: []byte(`{"a":1}`)}
		if ok, err := st.SaveCheckpoint(a.ctx, va+1, cp); err != nil || ok {
			t.Errorf("A's checkpoint at a stale version: %v, %v", ok, err)
		}
		vaNow, _ := st.Version(a.ctx)
		if ok, err := st.SaveCheckpoint(a.ctx, vaNow, cp); err != nil || !ok {
			t.Errorf("A's checkpoint: %v, %v", ok, err)
		}
		if got, _ := st.Checkpoint(b.ctx); !got.ThroughAt.IsZero() {
			t.Errorf("B reads A's checkpoint: %+v", got)
		}
		if got, _ := st.Checkpoint(a.ctx); string(got.State) != `{"a":1}` {
			t.Errorf("A's checkpoint: %+v", got)
		}
		if v, _ := st.Version(b.ctx); v != vb {
			t.Errorf("B's version moved with A's checkpoint")
		}
		pa, _ := st.Pseudonym(a.ctx)
		pb, _ := st.Pseudonym(b.ctx)
		if pa == "" || pa == pb {
			t.Errorf("pseudonyms %q and %q", pa, pb)
		}
		if again, _ := st.Pseudonym(a.ctx); again != pa {
			t.Errorf("A's pseudonym changed: %q, was %q", again, pa)
		}

		// An import goes into the importer's journal only.
		c := account.ForPerson(bg, "person-c")
		rec := store.Records{Pseudonym: "01PERSONC000000000000000000", Sessions: importedSessions(3, base),
			States: []journal.ExerciseState{{ExerciseID: "cat-cow", Avoided: true, Since: base}}}
		if err := st.Import(c, rec); err != nil {
			t.Fatal(err)
		}
		if list, _ := st.Sessions(c, journal.Filter{}); len(list) != 3 {
			t.Errorf("C's imported sessions: %d", len(list))
		}
		if list, _ := st.Sessions(a.ctx, journal.Filter{}); len(list) != 2 {
			t.Errorf("A's sessions after C's import: %d", len(list))
		}
		// The same session ids again, into another journal: taken.
		if err := st.Import(b.ctx, store.Records{Pseudonym: pb, Sessions: rec.Sessions[:1]}); unhunch.ErrorCode(err) != unhunch.EConflict {
			t.Errorf("B importing C's session id: %v, want a conflict", err)
		}

		// The sweep is the server's: run as the local person, it ends every
		// person's lapsed session, each raising its own person's version.
		vb, _ = st.Version(b.ctx)
		n, err := st.SweepInterrupted(bg, func(string) bool { return false }, base.Add(72*time.Hour))
		if err != nil || n != 2 {
			t.Errorf("sweep: %d, %v; want both active sessions", n, err)
		}
		for _, p := range []*personData{a, b} {
			if s, _ := st.Session(p.ctx, p.active.ID); s == nil || s.Status != journal.Interrupted {
				t.Errorf("%s's active session after the sweep: %+v", p.activity, s)
			}
		}
		if v, _ := st.Version(b.ctx); v == vb {
			t.Errorf("the sweep did not raise B's version")
		}

		// Making an account raises the local person's version, so that a
		// server without accounts notices the first one at once.
		vl, _ := st.Version(bg)
		if _, _, err := st.CreateUser(a.ctx, "clinic", account.RoleClinician, base); err != nil {
			t.Fatal(err)
		}
		if v, _ := st.Version(bg); v <= vl {
			t.Errorf("the local version did not move with a new account: %d, was %d", v, vl)
		}
	})
}

// allOf reports whether every session is one f accepts.
func allOf(list []*journal.Session, f func(*journal.Session) bool) bool {
	return !slices.ContainsFunc(list, func(s *journal.Session) bool { return !f(s) })
}

// A person's outcomes in a group batch with another's: each is checked
// against its own person, and the batch's other outcomes are saved.
func TestGroupMixesPeople(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		g := st.NewGroup(64)
		defer g.Close()
		bg := context.Background()
		people := []context.Context{account.ForPerson(bg, "p1"), account.ForPerson(bg, "p2"), account.ForPerson(bg, "p3")}
		ids := make([]string, len(people))
		for i, ctx := range people {
			s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			ids[i] = s.ID
		}
		type try struct {
			who, session, idx int
		}
		var tries []try
		for i := range 30 {
			tries = append(tries, try{i % 3, (i / 3) % 3, i})
		}
		errs := make(chan error, len(tries))
		for _, tr := range tries {
			go func() {
				errs <- errors.Join(func() error {
					err := g.RecordExercise(people[tr.who], ids[tr.session], perf(tr.idx, "cat-cow", journal.Done, base))
					switch {
					case tr.who == tr.session && err != nil:
						return err
					case tr.who != tr.session && unhunch.ErrorCode(err) != unhunch.ENotFound:
						return errors.New("another person's session was not refused as not found: " + errorString(err))
					}
					return nil
				}())
			}()
		}
		for range tries {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		for i, ctx := range people {
			s, err := st.Session(ctx, ids[i])
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, tr := range tries {
				if tr.who == i && tr.session == i {
					want++
				}
			}
			if len(s.Exercises) != want {
				t.Errorf("person %d's session holds %d outcomes, want %d", i, len(s.Exercises), want)
			}
		}
	})
}

func errorString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}

// Migration 15 on a journal kept before accounts, on both engines: every
// row becomes the local person's, nothing of it is another person's, and
// going down keeps the local person's journal.
func TestMigrationFifteenKeepsTheLocalJournal(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		local := &personData{ctx: ctx, exercise: "cat-cow", avoided: "chin-tucks", cleared: "thoracic-extension",
			activity: "carrying shopping", routine: "quick-daily-reset"}
		g := st.NewGroup(4)
		local.write(t, st, g, base, 5)
		g.Close()
		pseudonym, err := st.Pseudonym(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		db := raw(t, url, dir)
		dialect := goose.DialectSQLite3
		if url != "" {
			dialect = goose.DialectPostgres
		}
		p, err := goose.NewProvider(dialect, db, os.DirFS("migrations"), goose.WithTableName(store.VersionTable))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(ctx, 14); err != nil {
			t.Fatalf("down to 14: %v", err)
		}
		var sessions, outcomes, version int64
		if err := db.QueryRow("SELECT (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM performances), (SELECT v FROM journal_version WHERE id = 1)").
			Scan(&sessions, &outcomes, &version); err != nil || sessions != 2 || outcomes != 2 || version == 0 {
			t.Errorf("at 14: %d sessions, %d outcomes, version %d, %v", sessions, outcomes, version, err)
		}
		db.Close()
		st = openAt(t, url, dir) // up to 15 again, with the rows of 14
		if v, err := st.Version(ctx); err != nil || v != version {
			t.Errorf("the local version after migrating: %d, %v; want %d", v, err, version)
		}
		s, err := st.Session(ctx, local.session.ID)
		if err != nil || len(s.Exercises) != 2 || s.Status != journal.Completed {
			t.Fatalf("the local session after migrating: %+v, %v", s, err)
		}
		if got, _ := st.Pseudonym(ctx); got != pseudonym {
			t.Errorf("pseudonym %q, was %q", got, pseudonym)
		}
		states, _ := st.ExerciseStates(ctx)
		clears, _ := st.ConditionClearances(ctx)
		psfs, _, _ := st.PSFSActivities(ctx)
		sched, _ := st.Schedule(ctx)
		scs, _ := st.Screenings(ctx)
		if len(states) != 2 || len(clears) != 1 || len(psfs) != 1 || sched.Routine != local.routine || len(scs) != 1 {
			t.Errorf("the local journal after migrating: %+v %+v %+v %+v %d", states, clears, psfs, sched, len(scs))
		}
		other := account.ForPerson(ctx, "someone-else")
		if list, _ := st.Sessions(other, journal.Filter{}); len(list) != 0 {
			t.Errorf("another person sees %d sessions", len(list))
		}
		again := &journal.Session{RoutineID: "quick-daily-reset", ClientKey: "same-key", StartedAt: base}
		if created, err := st.StartSession(other, again); err != nil || !created {
			t.Errorf("another person's start with the local person's key: %v, %v", created, err)
		}
		if err := st.RecordExercise(other, local.session.ID, perf(3, "cat-cow", journal.Done, base)); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("another person's outcome at the local session: %v", err)
		}
	})
}
