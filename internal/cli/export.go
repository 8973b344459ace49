package cli

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/fhir"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// exportColumns are the columns of `unhunch export --format csv`, in order,
// each with its value for one attempt p at an exercise of session s: one
// row per attempt at each exercise of each session (a session with none has
// one row, p nil, with the exercise columns empty; attempt is 1, then 2, …
// each time the person went back to the exercise and ended it again). Part
// of the public interface (docs/api.md): columns may be added at the end,
// never renamed or reordered. A column is one entry here.
var exportColumns = []struct {
	name  string
	value func(s *journal.Session, p *journal.Performance) string
}{
	{"session_id", func(s *journal.Session, _ *journal.Performance) string { return s.ID }},
	{"routine_id", func(s *journal.Session, _ *journal.Performance) string { return s.RoutineID }},
	{"status", func(s *journal.Session, _ *journal.Performance) string { return string(s.Status) }},
	{"started_at", func(s *journal.Session, _ *journal.Performance) string { return csvTime(&s.StartedAt) }},
	{"ended_at", func(s *journal.Session, _ *journal.Performance) string { return csvTime(s.EndedAt) }},
	{"pain_before", func(s *journal.Session, _ *journal.Performance) string { return csvInt(s.PainBefore) }},
	{"pain_after", func(s *journal.Session, _ *journal.Performance) string { return csvInt(s.PainAfter) }},
	{"session_stop_reason", func(s *journal.Session, _ *journal.Performance) string { return string(s.StopReason) }},
	{"exercise_index", attempt(func(p *journal.Performance) string { return strconv.Itoa(p.Index) })},
	{"exercise_id", attempt(func(p *journal.Performance) string { return p.ExerciseID })},
	{"outcome", attempt(func(p *journal.Performance) string { return string(p.Outcome) })},
	{"stop_reason", attempt(func(p *journal.Performance) string { return string(p.StopReason) })},
	{"reps", attempt(func(p *journal.Performance) string { return strconv.Itoa(p.Amount.Reps) })},
	{"hold_seconds", attempt(func(p *journal.Performance) string { return strconv.Itoa(p.Amount.Hold) })},
	{"hold_breaths", attempt(func(p *journal.Performance) string { return strconv.Itoa(p.Amount.HoldBreaths) })},
	{"timed_seconds", attempt(func(p *journal.Performance) string { return strconv.Itoa(p.Amount.Seconds) })},
	{"sets", attempt(func(p *journal.Performance) string { return strconv.Itoa(p.Amount.Sets) })},
	{"seconds_done", attempt(func(p *journal.Performance) string { return strconv.FormatFloat(p.Seconds, 'f', -1, 64) })},
	{"rating", attempt(func(p *journal.Performance) string { return string(p.Rating) })},
	// The session's speed: a demo is any time scale but 1 (docs/api.md).
	{"time_scale", func(s *journal.Session, _ *journal.Performance) string {
		return strconv.FormatFloat(s.TimeScale, 'f', -1, 64)
	}},
	{"demo", func(s *journal.Session, _ *journal.Performance) string { return strconv.FormatBool(s.IsDemo()) }},
	{"attempt", attempt(func(p *journal.Performance) string { return strconv.Itoa(p.Attempt) })},
}

// ExportColumns are the names of the CSV export's columns, in order.
var ExportColumns = func() []string {
	names := make([]string, len(exportColumns))
	for i, c := range exportColumns {
		names[i] = c.name
	}
	return names
}()

// attempt is a column of an attempt at an exercise, empty for a session
// with none.
func attempt(f func(p *journal.Performance) string) func(*journal.Session, *journal.Performance) string {
	return func(_ *journal.Session, p *journal.Performance) string {
		if p == nil {
			return ""
		}
		return f(p)
	}
}

// csvTime writes a time in UTC, RFC 3339 with its fraction; "" for none.
func csvTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// csvInt writes an optional number; "" for none.
func csvInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// exportDoc is `unhunch export --format json`.
type exportDoc struct {
	Exported time.Time          `json:"exported_at"`
	Sessions []*journal.Session `json:"sessions"`
	Levels   []levelDoc         `json:"levels"`
}

// exportJob is what an export format reads: the journal, and the sessions
// asked for (most recent first) or all of them, read when a format asks
// (the FHIR bundle streams the journal instead).
type exportJob struct {
	ctx   context.Context
	st    *store.Store
	since journal.Filter
	list  func() ([]*journal.Session, error)
	all   func() ([]*journal.Session, error)
}

// exportFormats are the formats of `unhunch export --format`: each writes
// the job's sessions to w. A format is one entry here, its words in the
// message table and its test. Made on first use, so that starting unhunch
// builds nothing (issue 16).
var exportFormats = sync.OnceValue(func() map[string]func(a *app, w io.Writer, j exportJob) error {
	return map[string]func(a *app, w io.Writer, j exportJob) error{
		"csv": func(_ *app, w io.Writer, j exportJob) error {
			list, err := j.list()
			if err != nil {
				return err
			}
			return writeCSV(w, list)
		},
		"json": writeExportJSON,
		"fhir": writeExportFHIR,
	}
})

// exportFormatNames names the formats: "csv or json".
func exportFormatNames() string {
	return strings.Join(slices.Sorted(maps.Keys(exportFormats())), " or ")
}

func (a *app) exportCommand() *cobra.Command {
	var format, since string
	cmd := &cobra.Command{
		Use:   "export",
		Short: message.Text(message.HelpExport),
		Long:  message.Text(message.HelpExportLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			write, ok := exportFormats()[format]
			if !ok {
				return unhunch.E(unhunch.EInvalid, message.ExportBadFormat, format, exportFormatNames())
			}
			if _, err := a.catalog(); err != nil { // says what in the person's files it leaves out
				return err
			}
			f, err := sinceFilter(since, cmd.Flags().Changed("since"))
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			j := exportJob{ctx: cmd.Context(), st: st, since: f,
				list: func() ([]*journal.Session, error) { return st.Sessions(cmd.Context(), f) },
				all:  func() ([]*journal.Session, error) { return st.Sessions(cmd.Context(), journal.Filter{}) }}
			return write(a, a.env.Stdout, j)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", message.Text(message.FlagFormat, exportFormatNames()))
	cmd.Flags().StringVar(&since, "since", "", message.Text(message.FlagSince))
	return cmd
}

// writeExportFHIR writes the journal as a FHIR R4 bundle, streaming it.
func writeExportFHIR(a *app, w io.Writer, j exportJob) error {
	c, err := a.catalog()
	if err != nil {
		return err
	}
	err = fhir.Export(j.ctx, w, j.st, c, fhir.Options{Since: j.since.Since, Location: time.Local})
	// The journal's errors say what they are; any other is the output's
	// (a full disk, a closed pipe).
	var known *unhunch.Error
	if err != nil && !errors.As(err, &known) {
		return outputError(message.Text(message.ImportWhatExport), err)
	}
	return err
}

// writeExportJSON writes the sessions with every exercise's current level,
// which it works out from all the sessions.
func writeExportJSON(a *app, w io.Writer, j exportJob) error {
	c, err := a.catalog()
	if err != nil {
		return err
	}
	list, err := j.list()
	if err != nil {
		return err
	}
	if list == nil {
		list = []*journal.Session{}
	}
	sessions, err := j.all()
	if err != nil {
		return err
	}
	doc := exportDoc{Exported: time.Now().UTC(), Sessions: list, Levels: buildProgress(sessions, c, time.Now(), time.Local).Levels}
	return writeJSON(w, doc)
}

// writeCSV writes sessions, oldest first, one row per attempt at an
// exercise (exportColumns).
func writeCSV(w io.Writer, list []*journal.Session) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportColumns); err != nil {
		return outputError(message.Text(message.CLIWhatExport), err)
	}
	row := make([]string, len(exportColumns))
	write := func(s *journal.Session, p *journal.Performance) error {
		for i, c := range exportColumns {
			row[i] = c.value(s, p)
		}
		return cw.Write(row)
	}
	for i := len(list) - 1; i >= 0; i-- {
		s := list[i]
		if len(s.Exercises) == 0 {
			if err := write(s, nil); err != nil {
				return outputError(message.Text(message.CLIWhatExport), err)
			}
			continue
		}
		for j := range s.Exercises {
			if err := write(s, &s.Exercises[j]); err != nil {
				return outputError(message.Text(message.CLIWhatExport), err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return outputError(message.Text(message.CLIWhatExport), err)
	}
	return nil
}
