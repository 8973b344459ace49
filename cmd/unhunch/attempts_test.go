package main_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/journal"
)

// stopKey is the key that picks reason in the coach's stop menu: its place
// in journal.StopReasons, counted from 1, never a digit written here.
func stopKey(t *testing.T, reason journal.StopReason) string {
	t.Helper()
	i := slices.Index(journal.StopReasons, reason)
	if i < 0 {
		t.Fatalf("%s is not a stop reason", reason)
	}
	return strconv.Itoa(i + 1)
}

// attempts lists a session's exercises as "id#attempt outcome reason rating".
func attempts(s session) string {
	var got []string
	for _, e := range s.Exercises {
		got = append(got, strings.TrimSpace(fmt.Sprintf("%s#%d %s %s %s", e.ExerciseID, e.Attempt, e.Outcome, e.StopReason, e.Rating)))
	}
	return strings.Join(got, "|")
}

// oneSessionAttempts checks that the journal in data holds one session
// whose exercises are want (as attempts lists them).
func oneSessionAttempts(t *testing.T, data, want string) {
	t.Helper()
	ss := history(t, data)
	if len(ss) != 1 {
		t.Fatalf("%d sessions, want 1", len(ss))
	}
	if got := attempts(ss[0]); got != want {
		t.Errorf("exercises %q, want %q", got, want)
	}
}

// Issue 12, item 1: stop an exercise for discomfort, go back to it within
// three seconds, then quit. The stop the screen said was saved stays in the
// journal, and the second try is a new attempt beside it.
func TestBackOverAStopKeepsBothAttempts(t *testing.T) {
	needTmux(t)
	data := t.TempDir()
	screenClear(t, data)
	tm := newTmux(t, fmt.Sprintf("%s start quick-daily-reset --time-scale 1 --no-voice --pain-before 2 --data-dir %s; echo EXIT=$?; sleep 60", binary, data))
	tm.waitFor("First time with Chin tucks")
	tm.keys("Enter")
	tm.waitFor("CHIN TUCKS")
	tm.keys("n")
	tm.waitFor("SCAPULAR SQUEEZES")
	tm.keys("s")
	tm.waitFor("Why are you stopping?")
	tm.keys(stopKey(t, journal.Discomfort))
	tm.waitFor("Saved: Scapular squeezes, stopped (discomfort)")
	// Real time: "back" within three seconds of the next exercise's start
	// returns to the one just stopped.
	tm.keys("b")
	tm.waitFor("exercise 2 of 3")
	tm.keys("q")
	tm.waitFor("How much does your upper back hurt now")
	tm.keys("Escape")
	tm.waitFor("EXIT=0")

	oneSessionAttempts(t, data, "chin-tucks#1 skipped|scapular-squeezes#1 stopped discomfort|scapular-squeezes#2 skipped")
}

// Issue 12, item 1, the second repro: a one-exercise routine done (and rated
// by flag), then back and quit during the finish. The done attempt keeps its
// rating; the quit is a second attempt with none.
func TestBackAfterTheLastExerciseKeepsItsResult(t *testing.T) {
	needTmux(t)
	data, config := t.TempDir(), t.TempDir()
	screenClear(t, data)
	routine := "routines:\n  - id: one-stretch\n    name: One stretch\n    exercises:\n      - doorway-pec-stretch\n"
	if err := os.WriteFile(filepath.Join(config, "one.yaml"), []byte(routine), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := newTmux(t, fmt.Sprintf("%s start one-stretch --time-scale 3 --no-voice --pain-before 2 --pain-after 2 --ratings easy --config-dir %s --data-dir %s; echo EXIT=$?; sleep 60",
		binary, config, data))
	tm.waitFor("First time with Doorway chest stretch")
	tm.keys("Enter")
	tm.waitFor("Saved: Doorway chest stretch, done")
	tm.keys("b")
	tm.waitFor("exercise 1 of 1")
	tm.keys("q")
	tm.waitFor("EXIT=0")

	oneSessionAttempts(t, data, "doorway-pec-stretch#1 done  easy|doorway-pec-stretch#2 skipped")
}

// Ctrl-C while an exercise plays saves exactly what q saves, ends the
// session as stopped, says so, and exits 130 (the shell's status for a
// program ended by Ctrl-C), not 0 as if the session had run its course.
func TestCtrlCSavesLikeQuit(t *testing.T) {
	needTmux(t)
	data := t.TempDir()
	screenClear(t, data)
	tm := newTmux(t, fmt.Sprintf("%s start quick-daily-reset --time-scale 1 --no-voice --pain-before 2 --data-dir %s; echo EXIT=$?; sleep 60", binary, data))
	tm.waitFor("First time with Chin tucks")
	tm.keys("Enter")
	tm.waitFor("CHIN TUCKS")
	tm.keys("n")
	tm.waitFor("SCAPULAR SQUEEZES")
	tm.keys("C-c")
	tm.waitFor("EXIT=130")
	if !strings.Contains(tm.screen(), "Ctrl-C") {
		t.Errorf("nothing said why the session ended:\n%s", tm.screen())
	}

	// The same steps with q: the journal must read the same.
	data2 := t.TempDir()
	screenClear(t, data2)
	tm2 := newTmux(t, fmt.Sprintf("%s start quick-daily-reset --time-scale 1 --no-voice --pain-before 2 --data-dir %s; echo EXIT=$?; sleep 60", binary, data2))
	tm2.waitFor("First time with Chin tucks")
	tm2.keys("Enter")
	tm2.waitFor("CHIN TUCKS")
	tm2.keys("n")
	tm2.waitFor("SCAPULAR SQUEEZES")
	tm2.keys("q")
	tm2.waitFor("How much does your upper back hurt now")
	tm2.keys("Escape")
	tm2.waitFor("EXIT=0")

	a, b := history(t, data), history(t, data2)
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("sessions: %d after Ctrl-C, %d after q", len(a), len(b))
	}
	if a[0].Status != "stopped" || a[0].Status != b[0].Status || attempts(a[0]) != attempts(b[0]) {
		t.Errorf("after Ctrl-C: %s %q; after q: %s %q", a[0].Status, attempts(a[0]), b[0].Status, attempts(b[0]))
	}
}
