package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// dateLayout is how --since is written.
const dateLayout = "2006-01-02"

func (a *app) historyCommand() *cobra.Command {
	var (
		asJSON bool
		since  string
	)
	cmd := &cobra.Command{
		Use:   "history",
		Short: message.Text(message.HelpHistory),
		Long:  message.Text(message.HelpHistoryLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, list, err := a.sessionsSince(cmd, since)
			if err != nil {
				return err
			}
			defer st.Close()
			if asJSON {
				if list == nil {
					list = []*journal.Session{}
				}
				return writeJSON(a.env.Stdout, list)
			}
			if len(list) == 0 {
				if since != "" {
					fmt.Fprintln(a.env.Stdout, message.Text(message.CLIHistoryNoneSince, since))
				} else {
					fmt.Fprintln(a.env.Stdout, message.Text(message.CLIHistoryNone))
				}
				return nil
			}
			// The trend reads the whole pain record, whatever --since shows.
			tr, err := person.LoadTrend(cmd.Context(), st, time.Local)
			if err != nil {
				return err
			}
			if advice := person.TrendAdvice(tr); advice != "" {
				fmt.Fprintln(a.env.Stdout, wrap("! "+advice, "", "  ")+"\n")
			}
			// Names come from the catalog when it knows the ids; the
			// history never depends on it.
			c, _ := a.catalog()
			printHistory(a.env.Stdout, list, c)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	cmd.Flags().StringVar(&since, "since", "", message.Text(message.FlagSince))
	return cmd
}

// History columns: their widths and the gap between them. The widest line
// is 78 columns.
const (
	colWhen    = 16
	colRoutine = 24
	colTook    = 7
	colDone    = 5
	colPain    = 5
	colGap     = "  "
)

// printHistory prints sessions as a table for people, newest first, with a
// line for each stop and its reason.
func printHistory(w io.Writer, list []*journal.Session, c *catalog.Catalog) {
	historyRow(w, message.Text(message.CLIHistoryWhen), message.Text(message.CLIHistoryRoutine), message.Text(message.CLIHistoryTook),
		message.Text(message.CLIHistoryDone), message.Text(message.CLIHistoryPain), message.Text(message.CLIHistoryStatus))
	indent := strings.Repeat(" ", colWhen+len(colGap))
	for _, s := range list {
		historyRow(w,
			s.StartedAt.Local().Format(message.Text(message.CLIHistoryTimeLayout)),
			routineName(s, c),
			took(s),
			completion(s, c),
			pain(s),
			message.StatusWords.Text(string(s.Status)),
		)
		if s.IsDemo() {
			fmt.Fprintln(w, wrap(message.Text(message.HistoryDemo, s.TimeScale), indent, indent))
		}
		halted := false
		for _, p := range s.Exercises {
			if p.Outcome == journal.Halted {
				halted = true
				fmt.Fprintln(w, wrap(message.Text(message.CLIHistoryStopped, clip(exerciseName(p.ExerciseID, c), 30), reasonWords(p.StopReason)), indent, indent))
			}
		}
		if s.StopReason != "" && !halted {
			fmt.Fprintln(w, wrap(message.Text(message.CLIHistoryEnded, reasonWords(s.StopReason)), indent, indent))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrap(message.Text(message.CLIHistoryFooter, message.Count(len(list), message.CountSession, message.CountSessions)), "", ""))
}

// historyRow prints one line of the history table.
func historyRow(w io.Writer, when, routine, took, done, pain, status string) {
	line := pad(when, colWhen) + colGap + pad(clip(routine, colRoutine), colRoutine) + colGap +
		strings.Repeat(" ", max(0, colTook-utf8.RuneCountInString(took))) + took + colGap +
		pad(done, colDone) + colGap + pad(pain, colPain) + colGap + status
	fmt.Fprintln(w, strings.TrimRight(line, " "))
}

// clip shortens s to n runes, ending in "…" when it cuts.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// routineName names a session's routine: as saved, else as the catalog
// knows it, else by its id.
func routineName(s *journal.Session, c *catalog.Catalog) string {
	if s.RoutineName != "" {
		return s.RoutineName
	}
	if c != nil {
		if r, ok := c.Routine(s.RoutineID); ok {
			return r.Name
		}
	}
	return s.RoutineID
}

// exerciseName names an exercise as the catalog knows it, else by its id.
func exerciseName(id string, c *catalog.Catalog) string {
	if c != nil {
		if e, ok := c.Exercise(id); ok {
			return e.Name
		}
	}
	return id
}

// took is how long a session ran, or "–" while it runs.
func took(s *journal.Session) string {
	if s.EndedAt == nil {
		return message.Text(message.CLIHistoryNoValue)
	}
	d := s.EndedAt.Sub(s.StartedAt).Round(time.Second)
	if d >= time.Hour {
		return fmt.Sprintf("%d:%02d:%02d", d/time.Hour, d%time.Hour/time.Minute, d%time.Minute/time.Second)
	}
	return clock(d)
}

// completion says how many of the planned exercises were done: "2/3".
func completion(s *journal.Session, c *catalog.Catalog) string {
	total := planned(s, c)
	if total == 0 {
		return message.Text(message.CLIHistoryNoValue)
	}
	return message.Text(message.CLIHistoryDoneOf, s.Done(), total)
}

// planned is how many exercises the session's routine had: as saved at the
// start, else as the catalog has it now, else as many as were saved.
func planned(s *journal.Session, c *catalog.Catalog) int {
	if s.PlannedExercises > 0 {
		return s.PlannedExercises
	}
	if c != nil {
		if r, ok := c.Routine(s.RoutineID); ok {
			return len(r.Exercises)
		}
	}
	return len(s.Exercises)
}

// pain shows pain before and after as "6→4", with "–" for one not given.
func pain(s *journal.Session) string {
	if s.PainBefore == nil && s.PainAfter == nil {
		return message.Text(message.CLIHistoryNoValue)
	}
	show := func(p *int) string {
		if p == nil {
			return message.Text(message.CLIHistoryNoValue)
		}
		return fmt.Sprint(*p)
	}
	return show(s.PainBefore) + "→" + show(s.PainAfter)
}

// reasonWords says a stop reason in words.
func reasonWords(r journal.StopReason) string {
	return message.StopWords.Text(string(r))
}

// sessionsSince opens the journal and reads the sessions --since allows,
// newest first. The caller closes the store.
func (a *app) sessionsSince(cmd *cobra.Command, since string) (*store.Store, []*journal.Session, error) {
	f, err := sinceFilter(since, cmd.Flags().Changed("since"))
	if err != nil {
		return nil, nil, err
	}
	st, err := a.openStore(cmd.Context())
	if err != nil {
		return nil, nil, err
	}
	list, err := st.Sessions(cmd.Context(), f)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, list, nil
}

// sinceFilter reads a --since date (YYYY-MM-DD, local time) into a filter.
func sinceFilter(since string, given bool) (journal.Filter, error) {
	var f journal.Filter
	if given {
		d, err := time.ParseInLocation(dateLayout, since, time.Local)
		if err != nil {
			return f, unhunch.E(unhunch.EInvalid, message.CLIBadDate, since)
		}
		f.Since = d
	}
	return f, nil
}
