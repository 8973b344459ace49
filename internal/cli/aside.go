package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// asideCommands are `exercises avoid ID`, `exercises enable ID`,
// `exercises aside` and `exercises clear ID --condition C`: the person's own
// avoid list, the exercises kept out after a stop for sharp pain, dizziness,
// or tingling or numbness, and those kept out by a
// condition from the safety answers until a clinician clears them (§5.1).
func (a *app) asideCommands() []*cobra.Command {
	return []*cobra.Command{a.avoidCommand(), a.enableCommand(), a.asideCommand(), a.clearCommand()}
}

func (a *app) avoidCommand() *cobra.Command {
	return &cobra.Command{
		Use:               "avoid ID",
		Short:             message.Text(message.HelpAvoid),
		Args:              exactlyOne(message.ArgExerciseID, "unhunch exercises"),
		ValidArgsFunction: a.completeExercises,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withExercise(cmd.Context(), args[0], func(st *store.Store, id, name string) error {
				if err := st.Avoid(cmd.Context(), id, time.Now()); err != nil {
					return err
				}
				fmt.Fprintln(a.env.Stdout, message.Text(message.AsideAvoided, name, id))
				return nil
			})
		},
	}
}

func (a *app) enableCommand() *cobra.Command {
	return &cobra.Command{
		Use:               "enable ID",
		Short:             message.Text(message.HelpEnable),
		Args:              exactlyOne(message.ArgExerciseID, "unhunch exercises aside"),
		ValidArgsFunction: a.completeExercises,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withExercise(cmd.Context(), args[0], func(st *store.Store, id, name string) error {
				was, err := st.Enable(cmd.Context(), id)
				if err != nil {
					return err
				}
				if was {
					fmt.Fprintln(a.env.Stdout, message.Text(message.AsideEnabled, name))
				} else {
					fmt.Fprintln(a.env.Stdout, message.Text(message.AsideWasNot, name))
				}
				return nil
			})
		},
	}
}

func (a *app) asideCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "aside",
		Short: message.Text(message.HelpAside),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.catalog()
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			p, err := person.Load(cmd.Context(), st, c, time.Now(), time.Local)
			if err != nil {
				return err
			}
			list := person.Aside(p, c)
			if asJSON {
				return writeJSON(a.env.Stdout, list)
			}
			printAside(a.env.Stdout, list)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

// printAside prints each exercise left out and why, with how to bring it back.
func printAside(w io.Writer, list []person.AsideEntry) {
	if len(list) == 0 {
		fmt.Fprintln(w, message.Text(message.AsideNone))
		return
	}
	conds, aside := false, false
	for _, s := range list {
		aside = aside || s.Avoided || s.Excluded
		conds = conds || len(s.Conditions) > 0
		fmt.Fprintln(w, wrap(strings.Join(asideWhys(s), "; "), s.ExerciseID+": ", "    "))
	}
	fmt.Fprintln(w)
	if aside {
		fmt.Fprintln(w, message.Text(message.AsideHint))
	}
	if conds {
		fmt.Fprintln(w, message.Text(message.AsideConditionHint))
	}
}

// asideWhys says why an exercise is left out, or cleared.
func asideWhys(s person.AsideEntry) []string {
	var whys []string
	if s.Avoided {
		whys = append(whys, message.Text(message.AsideOnList))
	}
	if s.Excluded {
		whys = append(whys, message.Text(message.AsideStopped, message.StopWords.Text(s.Reason), s.Since.Local().Format("2006-01-02")))
	}
	for _, cond := range s.Conditions {
		whys = append(whys, message.Text(message.AsideCondition, cond.Words()))
	}
	for _, cond := range s.ClearedOf {
		whys = append(whys, message.Text(message.AsideCleared, cond.Words()))
	}
	return whys
}

func (a *app) clearCommand() *cobra.Command {
	var cond string
	var withdraw bool
	cmd := &cobra.Command{
		Use:               "clear ID --condition CONDITION",
		Short:             message.Text(message.HelpClear),
		Long:              message.Text(message.HelpClearLong),
		Args:              exactlyOne(message.ArgExerciseID, "unhunch exercises aside"),
		ValidArgsFunction: a.completeExercises,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.clear(cmd.Context(), args[0], cond, withdraw)
		},
	}
	cmd.Flags().StringVar(&cond, "condition", "", message.Text(message.FlagCondition, catalog.ConditionList()))
	cmd.Flags().BoolVar(&withdraw, "withdraw", false, message.Text(message.FlagWithdraw))
	_ = cmd.RegisterFlagCompletionFunc("condition", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, c := range catalog.Conditions {
			out = append(out, cobra.CompletionWithDesc(string(c), c.Words()))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// clear records a clinician's clearance of exercise id for condition cond,
// or withdraws it.
func (a *app) clear(ctx context.Context, id, cond string, withdraw bool) error {
	e, err := a.exercise(id)
	if err != nil {
		return err
	}
	if cond == "" {
		return unhunch.E(unhunch.EInvalid, message.ClearNeedsCondition, e.ID, catalog.ConditionList())
	}
	cd, err := person.ParseCondition(cond)
	if err != nil {
		return err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	key := message.ClearDone
	if withdraw {
		was, err := st.WithdrawClearance(ctx, e.ID, cd)
		if err != nil {
			return err
		}
		key = message.ClearWithdrawn
		if !was {
			key = message.ClearWasNot
		}
	} else if err := person.ClearExercise(ctx, st, e, cd, time.Now()); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, wrap(message.Text(key, e.Name, cd.Words()), "", ""))
	return nil
}

// withExercise checks that id is an exercise, opens the journal and runs f.
func (a *app) withExercise(ctx context.Context, id string, f func(st *store.Store, id, name string) error) error {
	e, err := a.exercise(id)
	if err != nil {
		return err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return f(st, e.ID, e.Name)
}
