package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

func (a *app) catalogCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: message.Text(message.HelpCatalog),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(a.catalogCheckCommand(), a.catalogImportCommand(), a.catalogExportCommand(), a.catalogDeleteCommand())
	return cmd
}

// checkResult is the --json output of catalog check.
type checkResult struct {
	File      string          `json:"file"`
	OK        bool            `json:"ok"`
	Exercises []string        `json:"exercises"`
	Routines  []checkRoutine  `json:"routines"`
	Issues    []catalog.Issue `json:"issues"`
}

type checkRoutine struct {
	ID              string          `json:"id"`
	DurationSeconds float64         `json:"duration_seconds"`
	TimeBoxSeconds  int             `json:"time_box_seconds"`
	Fits            bool            `json:"fits"`    // no longer than its time box
	Verdict         planner.Verdict `json:"verdict"` // fits (at least 3/4 of the box), short, over or none
}

func (a *app) catalogCheckCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check FILE",
		Short: message.Text(message.HelpCatalogCheck),
		Long:  message.Text(message.HelpCatalogCheckLong),
		Args:  exactlyOne(message.ArgFile, "unhunch catalog check --help"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := a.checkFile(args[0])
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(a.env.Stdout, res); err != nil {
					return err
				}
			} else {
				a.printCheck(res)
			}
			if !res.OK {
				return unhunch.E(unhunch.EInvalid, message.CheckFailed, res.File, message.Count(len(res.Issues), message.CountProblem, message.CountProblems))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

// checkFile checks one file against the built-ins and the other custom files.
func (a *app) checkFile(name string) (checkResult, error) {
	info, err := os.Stat(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return checkResult{}, unhunch.E(unhunch.ENotFound, message.CheckNoFile, name)
	case err != nil:
		return checkResult{}, unhunch.E(unhunch.EInvalid, message.CheckUnreadable, name, err)
	case info.IsDir():
		return checkResult{}, unhunch.E(unhunch.EInvalid, message.CheckIsDir, name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return checkResult{}, unhunch.E(unhunch.EInvalid, message.CheckUnreadable, name, err)
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		abs = name
	}
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		return checkResult{}, unhunch.E(unhunch.EInternal, message.CLIBrokenBuiltin, issues[0].Error())
	}
	if dir := a.configPath(); dir != "" {
		a.addDir(b, dir, abs) // other files' problems are not this file's
	}
	a.addSaved(b) // the exercises and routines saved in the journal
	res := checkResult{File: name, Exercises: []string{}, Routines: []checkRoutine{}, Issues: []catalog.Issue{}}
	res.Issues = append(res.Issues, b.Add(name, name, data)...)
	c, more := b.Build()
	for _, is := range more {
		if is.File == name {
			res.Issues = append(res.Issues, is)
		}
	}
	for _, e := range c.Exercises() {
		if e.Origin == name {
			res.Exercises = append(res.Exercises, e.ID)
		}
	}
	for _, r := range c.Routines() {
		if r.Origin != name {
			continue
		}
		steps, err := timeline.FromRoutine(c, r)
		if err != nil {
			return checkResult{}, err
		}
		fit, err := planner.CheckFit(steps, time.Duration(r.TimeBoxSeconds)*time.Second, timeline.DefaultRules)
		if err != nil {
			return checkResult{}, err
		}
		res.Routines = append(res.Routines, checkRoutine{ID: r.ID, DurationSeconds: fit.Duration.Seconds(), TimeBoxSeconds: r.TimeBoxSeconds, Fits: fit.Fits, Verdict: fit.Verdict})
	}
	res.OK = len(res.Issues) == 0
	return res, nil
}

func (a *app) printCheck(res checkResult) {
	for _, is := range res.Issues {
		fmt.Fprintln(a.env.Stderr, is.Error())
	}
	if !res.OK {
		return
	}
	fmt.Fprintln(a.env.Stdout, message.Text(message.CheckOK, res.File,
		message.Count(len(res.Exercises), message.CountExercise, message.CountExercises),
		message.Count(len(res.Routines), message.CountRoutine, message.CountRoutines)))
	for _, id := range res.Exercises {
		fmt.Fprintln(a.env.Stdout, message.Text(message.CheckExercise, id))
	}
	for _, r := range res.Routines {
		d := time.Duration(r.DurationSeconds * float64(time.Second))
		line := message.Text(message.CheckRoutine, r.ID, clock(d))
		if r.TimeBoxSeconds > 0 {
			box := clock(time.Duration(r.TimeBoxSeconds) * time.Second)
			switch r.Verdict {
			case planner.Fills:
				line += " " + message.Text(message.CheckFits, box)
			case planner.Short:
				spare := time.Duration(r.TimeBoxSeconds)*time.Second - d
				line += " " + message.Text(message.CheckShort, span(spare), box)
			default:
				line += " " + message.Text(message.CheckOver, box)
			}
		}
		fmt.Fprintln(a.env.Stdout, line)
	}
}
