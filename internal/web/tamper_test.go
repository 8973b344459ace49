package web_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/unhunch/unhunch/internal/store"
)

// Issue 12, item 3: values out of range in the journal (a hand edit, an old
// bug) never make a page or the API fail: every reader copes.
func TestPagesTolerateValuesOutOfRange(t *testing.T) {
	dir := t.TempDir()
	e := newEnvAt(t, dir, true)
	id := e.start("quick-daily-reset", "tamper", 3)
	if r := e.do("POST", "/api/v1/sessions/"+id+"/events", exerciseEvent(1, 1, "done", ""), nil); r.Code != 200 {
		t.Fatalf("event: %d %s", r.Code, r.Body)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?_pragma=ignore_check_constraints(1)&_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{
		"UPDATE sessions SET pain_before = 99, pain_after = -40, planned_exercises = -3, planned_seconds = -1e300, status = 'completed', ended_at = -62135596800000",
		"UPDATE performances SET seconds = 1e308, reps = -5, idx = 100000, rating = 'wonderful', stop_reason = 'boredom', outcome = 'stopped'",
		"INSERT INTO psfs_ratings (at, activity, score) VALUES (1793523600000, 'reading', 250)",
		"UPDATE journal_version SET v = v + 1",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, path := range []string{"/", "/history", "/progress", "/api/v1/progress", "/api/v1/sessions", "/api/v1/sessions/" + id, "/api/v1/gate", "/play/quick-daily-reset"} {
		if r := e.do("GET", path, "", nil); r.Code != 200 {
			t.Errorf("GET %s: %d %.300s", path, r.Code, r.Body)
		}
	}
}
