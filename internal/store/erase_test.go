package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// Issue 17, a person's rights: erasing an account deletes every row that
// names it and nothing of anyone else's; on SQLite its words are gone from
// the files themselves (not just hidden), while another person's are
// still there, which shows the check can see them.
func TestEraseUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		users := map[string]*account.User{}
		for _, name := range []string{"ann", "ben"} {
			u, _, err := st.CreateUser(ctx, name, account.RolePerson, base)
			if err != nil {
				t.Fatal(err)
			}
			users[name] = u
			pctx := account.ForPerson(ctx, u.ID)
			s := &journal.Session{RoutineID: "quick-daily-reset", Status: journal.Active, StartedAt: base, TimeScale: 1}
			if _, err := st.StartSession(pctx, s); err != nil {
				t.Fatal(err)
			}
			if err := st.RecordExercise(pctx, s.ID, childPerformance(0)); err != nil {
				t.Fatal(err)
			}
			sc := safety.NewScreening(base, map[string]bool{})
			if err := st.SaveScreening(pctx, &sc); err != nil {
				t.Fatal(err)
			}
			if err := st.SavePSFS(pctx, base, map[string]int{map[string]string{"ann": "zebragardening", "ben": "yakfarming"}[name]: 4}); err != nil {
				t.Fatal(err)
			}
			if err := st.Avoid(pctx, "cat-cow", base); err != nil {
				t.Fatal(err)
			}
			if _, err := st.CreateToken(ctx, u.ID, base); err != nil {
				t.Fatal(err)
			}
		}
		annTok, _ := st.CreateToken(ctx, users["ann"].ID, base)
		erased, err := st.EraseUser(ctx, users["ann"].ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"users", "sessions", "screenings", "psfs_ratings", "exercise_states"} {
			if erased[table] == 0 {
				t.Errorf("nothing erased from %s: %v", table, erased)
			}
		}
		if _, err := st.EraseUser(ctx, users["ann"].ID); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("erasing twice: %v", err)
		}
		if _, err := st.UserByToken(ctx, annTok); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("ann's token after erasure: %v", err)
		}
		for name, want := range map[string]int{"ann": 0, "ben": 1} {
			pctx := account.ForPerson(ctx, users[name].ID)
			sessions, err := st.Sessions(pctx, journal.Filter{})
			if err != nil || len(sessions) != want {
				t.Errorf("%s's sessions: %d, %v; want %d", name, len(sessions), err, want)
			}
			screenings, _ := st.Screenings(pctx)
			psfs, _ := st.PSFS(pctx)
			states, _ := st.ExerciseStates(pctx)
			if len(screenings) != want || len(psfs) != want || len(states) != want {
				t.Errorf("%s after ann's erasure: %d screenings, %d PSFS, %d set aside; want %d each", name, len(screenings), len(psfs), len(states), want)
			}
		}
		if e.name != "sqlite" {
			return
		}
		st.Close()
		var all []byte
		for _, f := range []string{"unhunch.db", "unhunch.db-wal"} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		if bytes.Contains(all, []byte("zebragardening")) {
			t.Error("the erased person's words are still in the journal's files")
		}
		if !bytes.Contains(all, []byte("yakfarming")) {
			t.Error("the other person's words are not in the files: the check cannot see anything")
		}
	})
}
