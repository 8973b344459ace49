package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/cli"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// Export, parse, and recompute the figures `progress` shows: the same numbers.
func TestExportRoundTrip(t *testing.T) {
	time.Local = time.UTC // progress and export read the local zone
	dir := t.TempDir()
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	start := time.Now().UTC().AddDate(0, 0, -40)
	for d := 0; d < 40; d += 1 + d%3 {
		at := start.AddDate(0, 0, d)
		pain := 7 - d/8
		after := pain - 1
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: at, PainBefore: &pain, PlannedExercises: 2, Owner: "web"}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		for i, id := range []string{"chin-tucks", "scapular-squeezes"} {
			o := journal.Done
			if d%5 == 0 && i == 1 {
				o = journal.Skipped
			}
			p := journal.Performance{Index: i, ExerciseID: id, Outcome: o, Seconds: 90, StartedAt: at.Add(time.Duration(i) * time.Minute), EndedAt: at.Add(time.Duration(i+1) * time.Minute), Rating: journal.Right}
			if err := st.RecordExercise(ctx, s.ID, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.FinishSession(ctx, s.ID, journal.Completed, at.Add(3*time.Minute), &after, ""); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	run := func(args ...string) []byte {
		var out, errOut bytes.Buffer
		env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string {
			if k == "UNHUNCH_DATA_DIR" {
				return dir
			}
			return ""
		}}
		if code := cli.Run(args, env); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.Bytes()
	}
	rows, err := csv.NewReader(bytes.NewReader(run("export", "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cli.ExportColumns, rows[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	// Recompute weekly pain and practice days from the CSV alone.
	type week struct {
		sum, n int
		days   map[string]bool
	}
	weeks := map[string]*week{}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		at, err := time.Parse(time.RFC3339Nano, r[col["started_at"]])
		if err != nil {
			t.Fatal(err)
		}
		monday := at.AddDate(0, 0, -((int(at.Weekday()) + 6) % 7)).Format("2006-01-02")
		w := weeks[monday]
		if w == nil {
			w = &week{days: map[string]bool{}}
			weeks[monday] = w
		}
		if id := r[col["session_id"]]; !seen[id] {
			seen[id] = true
			p, _ := strconv.Atoi(r[col["pain_before"]])
			w.sum += p
			w.n++
		}
		if r[col["outcome"]] == "done" {
			w.days[at.Format("2006-01-02")] = true
		}
	}
	var doc struct {
		Pain struct {
			Weeks []struct {
				Start   time.Time `json:"start"`
				AvgPain float64   `json:"avg_pain"`
			} `json:"weeks"`
		} `json:"pain"`
		Adherence struct {
			Weeks []struct {
				Start time.Time `json:"start"`
				Days  int       `json:"days"`
			} `json:"weeks"`
		} `json:"adherence"`
	}
	if err := json.Unmarshal(run("progress", "--json"), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Pain.Weeks) != len(weeks) {
		t.Fatalf("progress has %d pain weeks, the export %d", len(doc.Pain.Weeks), len(weeks))
	}
	for _, pw := range doc.Pain.Weeks {
		w := weeks[pw.Start.Format("2006-01-02")]
		if w == nil || float64(w.sum)/float64(w.n) != pw.AvgPain {
			t.Errorf("week %s: progress %.3f, export %+v", pw.Start, pw.AvgPain, w)
		}
	}
	for _, aw := range doc.Adherence.Weeks {
		if w := weeks[aw.Start.Format("2006-01-02")]; w != nil && len(w.days) != aw.Days {
			t.Errorf("week %s: progress %d days, export %d", aw.Start, aw.Days, len(w.days))
		}
	}
	// JSON export carries the same sessions as history.
	var ex struct {
		Sessions []journal.Session `json:"sessions"`
	}
	if err := json.Unmarshal(run("export", "--format", "json"), &ex); err != nil {
		t.Fatal(err)
	}
	if len(ex.Sessions) != len(seen) {
		t.Errorf("json export has %d sessions, csv %d", len(ex.Sessions), len(seen))
	}
}
