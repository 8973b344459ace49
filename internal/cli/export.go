package cli

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// ExportColumns are the columns of `unhunch export --format csv`, in order:
// one row per attempt at each exercise of each session (a session with none
// has one row with the exercise columns empty; attempt is 1, then 2, … each
// time the person went back to the exercise and ended it again). Part of
// the public interface (docs/api.md): columns may be added at the end, never
// renamed or reordered.
var ExportColumns = []string{
	"session_id", "routine_id", "status", "started_at", "ended_at", "pain_before", "pain_after", "session_stop_reason",
	"exercise_index", "exercise_id", "outcome", "stop_reason", "reps", "hold_seconds", "hold_breaths", "timed_seconds", "sets",
	"seconds_done", "rating", "time_scale", "demo", "attempt",
}

// exportDoc is `unhunch export --format json`.
type exportDoc struct {
	Exported time.Time          `json:"exported_at"`
	Sessions []*journal.Session `json:"sessions"`
	Levels   []levelDoc         `json:"levels"`
}

func (a *app) exportCommand() *cobra.Command {
	var format, since string
	cmd := &cobra.Command{
		Use:   "export",
		Short: message.Text(message.HelpExport),
		Long:  message.Text(message.HelpExportLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "csv" && format != "json" {
				return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.ExportBadFormat, format))
			}
			c, err := a.catalog()
			if err != nil {
				return err
			}
			st, list, err := a.sessionsSince(cmd, since)
			if err != nil {
				return err
			}
			defer st.Close()
			if format == "csv" {
				return writeCSV(a.env.Stdout, list)
			}
			if list == nil {
				list = []*journal.Session{}
			}
			all, err := st.Sessions(cmd.Context(), journal.Filter{})
			if err != nil {
				return err
			}
			doc := exportDoc{Exported: time.Now().UTC(), Sessions: list, Levels: buildProgress(all, c, time.Now(), time.Local).Levels}
			return writeJSON(a.env.Stdout, doc)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", message.Text(message.FlagFormat))
	cmd.Flags().StringVar(&since, "since", "", message.Text(message.FlagSince))
	return cmd
}

// writeCSV writes sessions, oldest first, one row per exercise.
func writeCSV(w io.Writer, list []*journal.Session) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportColumns); err != nil {
		return outputError(message.Text(message.CLIWhatExport), err)
	}
	optInt := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	for i := len(list) - 1; i >= 0; i-- {
		s := list[i]
		ended := ""
		if s.EndedAt != nil {
			ended = ts(*s.EndedAt)
		}
		head := []string{s.ID, s.RoutineID, string(s.Status), ts(s.StartedAt), ended, optInt(s.PainBefore), optInt(s.PainAfter), string(s.StopReason)}
		// The session's speed, in columns added at the end (a demo is any
		// time scale but 1; docs/api.md).
		tail := []string{strconv.FormatFloat(s.TimeScale, 'f', -1, 64), strconv.FormatBool(s.IsDemo())}
		if len(s.Exercises) == 0 {
			// The exercise columns, and the attempt after the tail, empty.
			row := append(head, make([]string, len(ExportColumns)-len(head)-len(tail)-1)...)
			if err := cw.Write(append(append(row, tail...), "")); err != nil {
				return outputError(message.Text(message.CLIWhatExport), err)
			}
			continue
		}
		for _, p := range s.Exercises {
			row := append(append([]string{}, head...), strconv.Itoa(p.Index), p.ExerciseID, string(p.Outcome), string(p.StopReason),
				strconv.Itoa(p.Amount.Reps), strconv.Itoa(p.Amount.Hold), strconv.Itoa(p.Amount.HoldBreaths), strconv.Itoa(p.Amount.Seconds),
				strconv.Itoa(p.Amount.Sets), strconv.FormatFloat(p.Seconds, 'f', -1, 64), string(p.Rating))
			row = append(append(row, tail...), strconv.Itoa(p.Attempt))
			if err := cw.Write(row); err != nil {
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
