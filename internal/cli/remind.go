package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/remind"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/schedule"
)

// unitName is the systemd user unit `remind install` writes.
const unitName = "unhunch-remind.service"

func (a *app) remindCommand() *cobra.Command {
	var base string
	cmd := &cobra.Command{
		Use:   "remind",
		Short: message.Text(message.HelpRemind),
		Long:  message.Text(message.HelpRemindLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return a.runRemind(ctx, base)
		},
	}
	cmd.Flags().StringVar(&base, "base-url", "http://127.0.0.1:8080", message.Text(message.FlagScheduleBaseURL))
	cmd.AddCommand(a.remindInstallCommand(), a.remindUninstallCommand())
	return cmd
}

func (a *app) runRemind(ctx context.Context, base string) error {
	c, err := a.catalog()
	if err != nil {
		return err
	}
	readSchedule := func(ctx context.Context) (schedule.Schedule, error) {
		st, err := a.openStore(ctx)
		if err != nil {
			return schedule.Schedule{}, err
		}
		defer st.Close()
		return st.Schedule(ctx)
	}
	sc, err := readSchedule(ctx)
	if err != nil {
		return err
	}
	if sc.IsZero() {
		return unhunch.E(unhunch.ENotFound, message.ScheduleNeedSchedule)
	}
	var n remind.Notifier
	var idle func(context.Context) (time.Duration, error)
	if d, err := remind.DialDBus(ctx, ""); err == nil {
		defer d.Close()
		n = d
		if _, err := d.Idle(ctx); err == nil {
			idle = d.Idle
		} else if sc.SittingMinutes > 0 {
			fmt.Fprintln(a.env.Stderr, message.Text(message.RemindNoIdle, err))
		}
	} else {
		fmt.Fprintln(a.env.Stderr, message.Text(message.RemindNoService, err))
		n = &remind.Bell{W: a.env.Stderr}
	}
	fmt.Fprintln(a.env.Stderr, message.Text(message.RemindRunning, sc.Next(time.Now(), time.Local).Format("Mon 2 Jan 15:04")))
	r := &remind.Runner{
		Clock: remind.System, Loc: time.Local, Notifier: n, Log: a.env.Stderr,
		Schedule: readSchedule,
		Practised: func(ctx context.Context, at time.Time) (bool, error) {
			st, err := a.openStore(ctx)
			if err != nil {
				return false, err
			}
			defer st.Close()
			return practisedOn(ctx, st, at, time.Local)
		},
		Words: func(sc schedule.Schedule) remind.Note { return reminderWords(sc, c) },
		Idle:  idle,
		SittingWords: func(minutes int) remind.Note {
			return remind.Note{Summary: message.Text(message.RemindSittingTitle), Body: message.Text(message.RemindSittingBody, minutes, schedule.DeskMinutes),
				Start: message.Text(message.RemindStartNow), Later: message.Text(message.RemindLater)}
		},
		Start: func(_ context.Context, sc schedule.Schedule) error {
			link := strings.TrimRight(base, "/") + sc.PlayPath()
			if opener, err := exec.LookPath("xdg-open"); err == nil {
				if err := exec.Command(opener, link).Start(); err == nil {
					return nil
				}
			}
			fmt.Fprintln(a.env.Stderr, message.Text(message.RemindOpen, link))
			return nil
		},
	}
	return r.Run(ctx)
}

// practisedOn reports whether a session that counts started on at's local
// date in loc (progress.PractisedOn).
func practisedOn(ctx context.Context, st interface {
	Sessions(ctx context.Context, f journal.Filter) ([]*journal.Session, error)
}, at time.Time, loc *time.Location) (bool, error) {
	y, m, d := at.In(loc).Date()
	sessions, err := st.Sessions(ctx, journal.Filter{Since: time.Date(y, m, d, 0, 0, 0, 0, loc)})
	if err != nil {
		return false, err
	}
	return progress.PractisedOn(sessions, at, loc), nil
}

// reminderWords are a reminder's title, text and action labels.
func reminderWords(sc schedule.Schedule, c *catalog.Catalog) remind.Note {
	title, body := sc.Reminder(c)
	return remind.Note{Summary: title, Body: body, Start: message.Text(message.RemindStartNow), Later: message.Text(message.RemindLater)}
}

// unitPath is where the systemd user unit goes:
// $XDG_CONFIG_HOME/systemd/user, or ~/.config/systemd/user.
func (a *app) unitPath() (string, error) {
	dir := a.env.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		h := a.env.Getenv("HOME")
		if h == "" {
			return "", unhunch.E(unhunch.EInvalid, message.RemindNoConfigDir)
		}
		dir = filepath.Join(h, ".config")
	}
	return filepath.Join(dir, "systemd", "user", unitName), nil
}

func (a *app) remindInstallCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "install",
		Short: message.Text(message.HelpRemindInstall),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := a.unitPath()
			if err != nil {
				return err
			}
			exe, err := os.Executable()
			if err != nil {
				return unhunch.E(unhunch.EInternal, message.RemindCannotWrite, path, err)
			}
			args := []string{systemdQuote(exe), "remind"}
			if a.dataDir != "" {
				abs, _ := filepath.Abs(a.dataDir)
				args = append(args, "--data-dir", systemdQuote(abs))
			}
			if a.configDir != "" {
				abs, _ := filepath.Abs(a.configDir)
				args = append(args, "--config-dir", systemdQuote(abs))
			}
			unit := "[Unit]\nDescription=" + message.Text(message.RemindUnitDescription) +
				"\nAfter=graphical-session.target\n\n[Service]\nExecStart=" + strings.Join(args, " ") +
				"\nRestart=on-failure\nRestartSec=30\n\n[Install]\nWantedBy=default.target\n"
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return unhunch.E(unhunch.EUnavailable, message.RemindCannotWrite, path, err).Wrap(err)
			}
			tmp := path + ".tmp"
			if err := os.WriteFile(tmp, []byte(unit), 0o644); err != nil {
				return unhunch.E(unhunch.EUnavailable, message.RemindCannotWrite, path, err).Wrap(err)
			}
			if err := os.Rename(tmp, path); err != nil {
				os.Remove(tmp)
				return unhunch.E(unhunch.EUnavailable, message.RemindCannotWrite, path, err).Wrap(err)
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.RemindInstalled, path, unitName))
			return nil
		},
	}
}

func (a *app) remindUninstallCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "uninstall",
		Short: message.Text(message.HelpRemindUninstall),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := a.unitPath()
			if err != nil {
				return err
			}
			if err := os.Remove(path); errors.Is(err, os.ErrNotExist) {
				return unhunch.E(unhunch.ENotFound, message.RemindNotInstalled, path)
			} else if err != nil {
				return unhunch.E(unhunch.EUnavailable, message.RemindCannotWrite, path, err).Wrap(err)
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.RemindUninstalled, path, unitName))
			return nil
		},
	}
}

// systemdQuote quotes a word for ExecStart= when it needs it.
func systemdQuote(s string) string {
	if !strings.ContainsAny(s, " \t\"'\\$%;") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", "$$", "%", "%%")
	return `"` + r.Replace(s) + `"`
}
