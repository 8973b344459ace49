package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unhunch/unhunch/internal/cli"
)

// The journal commands' human output and help fit 80 columns, also with
// long routine names and every kind of stop.
func TestJournalOutputFits80Columns(t *testing.T) {
	work := t.TempDir()
	data := filepath.Join(work, "data")
	sessions := filepath.Join(work, "sessions.json")
	long := strings.Repeat("a-very-long-custom-routine-name-", 4)
	json := `[
	 {"routine_id": "` + long + `", "routine_name": "` + long + `", "status": "stopped", "stop_reason": "sharp-pain",
	  "started_at": "2026-11-01T09:00:00Z", "ended_at": "2026-11-01T10:40:00Z", "pain_before": 10, "pain_after": 10, "planned_exercises": 12,
	  "exercises": [{"index": 0, "exercise_id": "` + long + `", "outcome": "stopped", "stop_reason": "other",
	    "started_at": "2026-11-01T09:00:00Z", "ended_at": "2026-11-01T09:01:00Z"},
	   {"index": 1, "exercise_id": "seated-levator-scapulae-stretch", "outcome": "stopped", "stop_reason": "dizziness",
	    "started_at": "2026-11-01T09:01:00Z", "ended_at": "2026-11-01T09:02:00Z"}]},
	 {"routine_id": "x", "status": "active", "owner": "dead", "started_at": "2026-11-02T09:00:00Z"}
	]`
	if err := os.WriteFile(sessions, []byte(json), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := seed(data, sessions); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"history"}, {"history", "--help"}, {"backup", "--help"}, {"restore", "--help"},
		{"backup", filepath.Join(work, "a-backup-file-with-a-name.db")},
	} {
		var out, errOut bytes.Buffer
		env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string {
			if k == "UNHUNCH_DATA_DIR" {
				return data
			}
			return ""
		}}
		if code := cli.Run(args, env); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if n := utf8.RuneCountInString(line); n > 80 && !strings.Contains(line, work) {
				t.Errorf("%v line %d is %d columns: %q", args, i+1, n, line)
			}
		}
		if args[0] == "history" && len(args) == 1 && !strings.Contains(out.String(), "stopped during Seated levator scapulae stret…: dizziness") {
			t.Errorf("history shows no stop line:\n%s", out.String())
		}
	}
}
