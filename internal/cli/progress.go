package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// calendarWeeks is how far back `unhunch progress` shows practice.
const calendarWeeks = person.CalendarWeeks

// progressDoc is `unhunch progress --json`.
type progressDoc = api.Progress

// levelDoc is one exercise's current dose with its history.
type levelDoc = api.ProgressLevel

func (a *app) progressCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "progress",
		Short: message.Text(message.HelpProgress),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			doc, err := a.progress(cmd.Context(), time.Now())
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.env.Stdout, doc)
			}
			printProgress(a.env.Stdout, doc)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

// progress computes everything `unhunch progress` shows, in the local time zone.
func (a *app) progress(ctx context.Context, now time.Time) (progressDoc, error) {
	c, err := a.catalog()
	if err != nil {
		return progressDoc{}, err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return progressDoc{}, err
	}
	defer st.Close()
	p, err := person.Load(ctx, st, c, now, time.Local)
	if err != nil {
		return progressDoc{}, err
	}
	return person.LoadProgress(ctx, st, p, c, now, time.Local)
}

// buildProgress assembles the progress document from the journal.
func buildProgress(sessions []*journal.Session, c *catalog.Catalog, now time.Time, loc *time.Location) progressDoc {
	return person.Progress(sessions, c, now, loc)
}

// printProgress prints the progress document: advice, then the practice
// calendar, the pain chart, the functional scale and the doses.
func printProgress(w io.Writer, doc progressDoc) {
	fmt.Fprintln(w, message.Text(message.ProgressTitle, doc.Today.Format("2006-01-02")))
	if doc.Advice != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, wrap("! "+doc.Advice, "", "  "))
	}
	if doc.Sessions == 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, message.Text(message.CLIHistoryNone))
		return
	}
	if doc.Demos > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, wrap(message.Count(doc.Demos, message.ProgressDemo, message.ProgressDemos), "", ""))
	}
	printCalendar(w, doc)
	printPain(w, doc.Pain)
	if len(doc.PSFS.Activities) > 0 {
		fmt.Fprintln(w)
		printActivities(w, doc.PSFS)
		if doc.PSFS.Due {
			fmt.Fprintln(w, wrap(message.Text(message.PSFSDue), "  ", "  "))
		}
	}
	printDoses(w, doc)
}

// printCalendar prints the weeks of practice, a mark a day, and the streaks.
func printCalendar(w io.Writer, doc progressDoc) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.ProgressPractice, calendarWeeks, progress.MinimumDays))
	fmt.Fprintln(w, "  "+message.Text(message.ProgressCalendarHead))
	for _, wk := range doc.Adherence.Weeks {
		var days []string
		for d, p := range wk.Practice {
			mark := "·"
			if p {
				mark = "■"
			}
			if wk.Start.AddDate(0, 0, d).After(doc.Today) {
				mark = " "
			}
			days = append(days, mark)
		}
		fmt.Fprintf(w, "  %s   %s   %4d   %7.0f\n", wk.Start.Format("2006-01-02"), strings.Join(days, " "), wk.Days, wk.Minutes)
	}
	fmt.Fprintln(w, "  "+message.Text(message.ProgressStreak,
		message.Count(doc.Adherence.CurrentStreak, message.CountDay, message.CountDays),
		message.Count(doc.Adherence.BestStreak, message.CountDay, message.CountDays)))
	if p := doc.Schedule; p != nil {
		fmt.Fprintln(w, "  "+message.Text(message.ProgressPlanned, p.Practised, p.Days, p.Since.Format("2006-01-02"),
			message.Count(p.Streak, message.CountDay, message.CountDays)))
	}
}

// printPain prints the weekly pain as bars, the change from the baseline
// and the checkpoints; nothing before any pain was given.
func printPain(w io.Writer, p progress.Outcome) {
	if len(p.Weeks) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.ProgressPain))
	for _, wk := range p.Weeks {
		// 40 columns for 0–10; a journal edited by hand may hold
		// anything, and the bar never goes past either end.
		n := min(max(int(wk.AvgPain*4+0.5), 0), 40)
		fmt.Fprintf(w, "  %s  %s%s %4.1f\n", wk.Start.Format("2006-01-02"), strings.Repeat("█", n), strings.Repeat("░", 40-n), wk.AvgPain)
	}
	fmt.Fprintln(w, wrap(changeWords(p.Baseline, p.Latest, p.Meaningful), "  ", "  "))
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.ProgressCheckpoints))
	for _, cp := range p.Checkpoints {
		if !cp.Reached {
			fmt.Fprintln(w, "  "+message.Text(message.ProgressCheckpointDue, cp.Weeks, cp.Due.Format("2006-01-02")))
			continue
		}
		fmt.Fprintln(w, wrap(message.Text(message.ProgressCheckpoint, cp.Weeks, changeWords(p.Baseline, cp.Average, cp.Meaningful)), "  ", "    "))
	}
}

// printActivities prints the functional scale's activities, each with its
// first and latest score.
func printActivities(w io.Writer, p progress.PSFS) {
	fmt.Fprintln(w, message.Text(message.PSFSTitle))
	for _, act := range p.Activities {
		fmt.Fprintln(w, wrap(message.Text(message.PSFSLine, act.Activity, act.First, act.Latest), "  ", "    "))
	}
}

// printDoses prints each practised exercise's dose and its last change.
func printDoses(w io.Writer, doc progressDoc) {
	if len(doc.Levels) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.ProgressDoses))
	for _, l := range doc.Levels {
		line := l.Name + ": " + l.Summary
		if l.Easier != "" {
			line += " " + message.Text(message.ProgressEasier, l.Easier)
		}
		if n := len(l.Changes); n > 0 {
			ch := l.Changes[n-1]
			line += " " + message.Text(message.ProgressDoseChange, ch.At.In(doc.Today.Location()).Format("2006-01-02"), message.WhyWords.Text(string(ch.Why)))
		} else {
			line += " " + message.Text(message.ProgressDoseStart)
		}
		fmt.Fprintln(w, wrap(line, "  ", "    "))
	}
}

// changeWords says how pain moved from the baseline, plainly.
func changeWords(from, to float64, meaningful bool) string {
	switch {
	case to < from && meaningful:
		return message.Text(message.ProgressBetter, from, to, from-to)
	case to > from && meaningful:
		return message.Text(message.ProgressWorse, from, to, to-from)
	}
	return message.Text(message.ProgressSame, from, to)
}
