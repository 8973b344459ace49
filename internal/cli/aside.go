package cli

import (
	"context"
	"fmt"
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
// or tingling or numbness (PRODUCT.md §5.2), and those kept out by a
// condition from the safety answers until a clinician clears them (§5.1).
func (a *app) asideCommands() []*cobra.Command {
	avoid := &cobra.Command{
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
	enable := &cobra.Command{
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
	var asJSON bool
	aside := &cobra.Command{
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
			p, err := person.Load(cmd.Context(), st, c)
			if err != nil {
				return err
			}
			list := person.Aside(p, c)
			if asJSON {
				return writeJSON(a.env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(a.env.Stdout, message.Text(message.AsideNone))
				return nil
			}
			conds, aside := false, false
			for _, s := range list {
				aside = aside || s.Avoided || s.Excluded
				var whys []string
				if s.Avoided {
					whys = append(whys, message.Text(message.AsideOnList))
				}
				if s.Excluded {
					whys = append(whys, message.Text(message.AsideStopped, message.StopWords.Text(s.Reason), s.Since.Local().Format("2006-01-02")))
				}
				for _, cond := range s.Conditions {
					whys, conds = append(whys, message.Text(message.AsideCondition, cond.Words())), true
				}
				for _, cond := range s.ClearedOf {
					whys = append(whys, message.Text(message.AsideCleared, cond.Words()))
				}
				fmt.Fprintln(a.env.Stdout, wrap(strings.Join(whys, "; "), s.ExerciseID+": ", "    "))
			}
			fmt.Fprintln(a.env.Stdout)
			if aside {
				fmt.Fprintln(a.env.Stdout, message.Text(message.AsideHint))
			}
			if conds {
				fmt.Fprintln(a.env.Stdout, message.Text(message.AsideConditionHint))
			}
			return nil
		},
	}
	aside.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	var cond string
	var withdraw bool
	clear := &cobra.Command{
		Use:               "clear ID --condition CONDITION",
		Short:             message.Text(message.HelpClear),
		Long:              message.Text(message.HelpClearLong),
		Args:              exactlyOne(message.ArgExerciseID, "unhunch exercises aside"),
		ValidArgsFunction: a.completeExercises,
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := a.exercise(args[0])
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
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if withdraw {
				was, err := st.WithdrawClearance(cmd.Context(), e.ID, cd)
				if err != nil {
					return err
				}
				key := message.ClearWithdrawn
				if !was {
					key = message.ClearWasNot
				}
				fmt.Fprintln(a.env.Stdout, wrap(message.Text(key, e.Name, cd.Words()), "", ""))
				return nil
			}
			if err := person.ClearExercise(cmd.Context(), st, e, cd, time.Now()); err != nil {
				return err
			}
			fmt.Fprintln(a.env.Stdout, wrap(message.Text(message.ClearDone, e.Name, cd.Words()), "", ""))
			return nil
		},
	}
	clear.Flags().StringVar(&cond, "condition", "", message.Text(message.FlagCondition, catalog.ConditionList()))
	clear.Flags().BoolVar(&withdraw, "withdraw", false, message.Text(message.FlagWithdraw))
	_ = clear.RegisterFlagCompletionFunc("condition", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, c := range catalog.Conditions {
			out = append(out, cobra.CompletionWithDesc(string(c), c.Words()))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	return []*cobra.Command{avoid, enable, aside, clear}
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
