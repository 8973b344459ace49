package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/schedule"
)

func (a *app) scheduleCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schedule",
		Short: message.Text(message.HelpSchedule),
		Long:  message.Text(message.HelpScheduleLong),
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(a.scheduleSetCommand(), a.scheduleShowCommand(), a.scheduleClearCommand(), a.scheduleICSCommand())
	return cmd
}

// scheduleFlags are the flags of `unhunch schedule set`.
type scheduleFlags struct {
	days, at, routine, quiet string
	minutes, max, sitting    int
	noFloor, noSkip          bool
	equipment                []string
}

func (a *app) scheduleSetCommand() *cobra.Command {
	var o scheduleFlags
	cmd := &cobra.Command{
		Use:   "set --days DAYS --at HH:MM[,HH:MM…] (--routine ID | --minutes N)",
		Short: message.Text(message.HelpScheduleSet),
		Long:  message.Text(message.HelpScheduleSetLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.catalog()
			if err != nil {
				return err
			}
			sc, err := o.schedule()
			if err != nil {
				return err
			}
			if err := sc.Check(c); err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.SetSchedule(ctx, sc, time.Now()); err != nil {
				return err
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.ScheduleStored))
			printSchedule(a, sc, c, time.Now())
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.days, "days", "", message.Text(message.FlagScheduleDays))
	f.StringVar(&o.at, "at", "", message.Text(message.FlagScheduleAt))
	f.StringVar(&o.routine, "routine", "", message.Text(message.FlagScheduleRoutine))
	f.IntVar(&o.minutes, "minutes", 0, message.Text(message.FlagScheduleMinutes))
	f.BoolVar(&o.noFloor, "no-floor", false, message.Text(message.FlagNoFloor))
	f.StringSliceVar(&o.equipment, "equipment", nil, message.Text(message.FlagEquipment))
	f.StringVar(&o.quiet, "quiet", "", message.Text(message.FlagScheduleQuiet))
	f.BoolVar(&o.noSkip, "no-skip", false, message.Text(message.FlagScheduleNoSkip))
	f.IntVar(&o.max, "max", 0, message.Text(message.FlagScheduleMax))
	f.IntVar(&o.sitting, "sitting", 0, message.Text(message.FlagScheduleSitting))
	_ = cmd.RegisterFlagCompletionFunc("routine", a.completeRoutines)
	return cmd
}

// schedule reads the flags into a checked schedule.
func (o scheduleFlags) schedule() (schedule.Schedule, error) {
	days, err := schedule.ParseDays(o.days)
	if err != nil {
		return schedule.Schedule{}, err
	}
	times, err := schedule.ParseClocks(o.at)
	if err != nil {
		return schedule.Schedule{}, err
	}
	quiet, err := schedule.ParseQuiets(o.quiet)
	if err != nil {
		return schedule.Schedule{}, err
	}
	equipment, err := schedule.ParseEquipment(o.equipment)
	if err != nil {
		return schedule.Schedule{}, err
	}
	sc := schedule.Schedule{Days: days, Times: times, Routine: strings.TrimSpace(o.routine), Minutes: o.minutes,
		NoFloor: o.noFloor, Equipment: equipment, Quiet: quiet, SkipIfPractised: !o.noSkip, MaxPerDay: o.max, SittingMinutes: o.sitting}
	return sc, sc.Validate()
}

func (a *app) scheduleShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show",
		Short: message.Text(message.HelpScheduleShow),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			sc, c, err := a.savedSchedule(ctx)
			if err != nil {
				return err
			}
			now := time.Now()
			if asJSON {
				return writeJSON(a.env.Stdout, scheduleDocument(sc, c, now))
			}
			if sc.IsZero() {
				fmt.Fprintln(a.env.Stdout, message.Text(message.ScheduleNone))
				return nil
			}
			printSchedule(a, sc, c, now)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

// scheduleDoc is `schedule show --json`: the schedule, whether there is
// one, its next occurrence and, when it no longer fits, why.
type scheduleDoc struct {
	Set bool `json:"set"`
	*schedule.Schedule
	Next    *time.Time `json:"next,omitempty"`
	Problem string     `json:"problem,omitempty"`
}

func scheduleDocument(sc schedule.Schedule, c *catalog.Catalog, now time.Time) scheduleDoc {
	if sc.IsZero() {
		return scheduleDoc{}
	}
	st := sc.Status(c, now, time.Local)
	return scheduleDoc{Set: true, Schedule: &st.Schedule, Next: st.Next, Problem: st.Problem}
}

func printSchedule(a *app, sc schedule.Schedule, c *catalog.Catalog, now time.Time) {
	w := a.env.Stdout
	fmt.Fprintln(w, message.Text(message.ScheduleShowDays, sc.Days.String()))
	times := make([]string, len(sc.Times))
	for i, t := range sc.Times {
		times[i] = t.String()
	}
	fmt.Fprintln(w, message.Text(message.ScheduleShowTimes, strings.Join(times, ", ")))
	if sc.Routine != "" {
		name := sc.Routine
		if r, ok := c.Routine(sc.Routine); ok {
			name = r.Name + " (" + r.ID + ")"
		}
		fmt.Fprintln(w, message.Text(message.ScheduleShowRoutine, name))
	} else {
		fmt.Fprintln(w, message.Text(message.ScheduleShowMinutes, sc.Minutes))
	}
	floor := message.Text(message.ScheduleShowFloor)
	if sc.NoFloor {
		floor = message.Text(message.ScheduleShowNoFloor)
	}
	equipment := message.Text(message.ScheduleShowNoEquipment)
	if len(sc.Equipment) > 0 {
		names := make([]string, len(sc.Equipment))
		for i, q := range sc.Equipment {
			names[i] = string(q)
		}
		equipment = strings.Join(names, ", ")
	}
	fmt.Fprintln(w, message.Text(message.ScheduleShowPlace, floor, equipment))
	if len(sc.Quiet) > 0 {
		qs := make([]string, len(sc.Quiet))
		for i, q := range sc.Quiet {
			qs[i] = q.String()
		}
		fmt.Fprintln(w, message.Text(message.ScheduleShowQuiet, strings.Join(qs, ", ")))
	}
	if sc.SkipIfPractised {
		fmt.Fprintln(w, message.Text(message.ScheduleShowSkip))
	}
	fmt.Fprintln(w, message.Text(message.ScheduleShowMax, sc.PerDay()))
	if sc.SittingMinutes > 0 {
		fmt.Fprintln(w, message.Text(message.ScheduleShowSitting, sc.SittingMinutes))
	}
	if next := sc.Next(now, time.Local); !next.IsZero() {
		fmt.Fprintln(w, message.Text(message.ScheduleShowNext, next.Format("Mon 2 Jan 15:04 MST")))
	}
	if err := sc.Check(c); err != nil {
		fmt.Fprintln(w, message.Text(message.ScheduleShowNoLongerFits, err.Error()))
	}
}

func (a *app) scheduleClearCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "clear",
		Short: message.Text(message.HelpScheduleClear),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			had, err := st.ClearSchedule(ctx)
			if err != nil {
				return err
			}
			if !had {
				fmt.Fprintln(a.env.Stdout, message.Text(message.ScheduleNone))
				return nil
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.ScheduleCleared))
			return nil
		},
	}
}

func (a *app) scheduleICSCommand() *cobra.Command {
	var base, tz string
	cmd := &cobra.Command{
		Use:   "ics",
		Short: message.Text(message.HelpScheduleICS),
		Long:  message.Text(message.HelpScheduleICSLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			loc := time.Local
			if tz != "" {
				l, err := time.LoadLocation(tz)
				if err != nil || tz == "Local" {
					return unhunch.E(unhunch.EInvalid, message.ScheduleBadTZ, tz)
				}
				loc = l
			}
			sc, c, err := a.savedSchedule(ctx)
			if err != nil {
				return err
			}
			if sc.IsZero() {
				return unhunch.E(unhunch.ENotFound, message.ScheduleNeedSchedule)
			}
			cal := sc.NewCalendar(c, loc, time.Now(), base, unhunch.Version)
			cal.Floating = tz == ""
			_, err = a.env.Stdout.Write(sc.ICS(cal))
			return err
		},
	}
	cmd.Flags().StringVar(&base, "base-url", "http://127.0.0.1:8080", message.Text(message.FlagScheduleBaseURL))
	cmd.Flags().StringVar(&tz, "tz", "", message.Text(message.FlagScheduleTZ))
	return cmd
}

// savedSchedule reads the catalog and the journal's schedule (zero when
// none is set), for show and ics.
func (a *app) savedSchedule(ctx context.Context) (schedule.Schedule, *catalog.Catalog, error) {
	c, err := a.catalog()
	if err != nil {
		return schedule.Schedule{}, nil, err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return schedule.Schedule{}, nil, err
	}
	defer st.Close()
	sc, err := st.Schedule(ctx)
	return sc, c, err
}
