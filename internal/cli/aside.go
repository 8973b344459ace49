package cli

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// asideCommands are `exercises avoid ID`, `exercises enable ID` and
// `exercises aside`: the person's own avoid list and the exercises kept out
// after a stop for sharp pain or dizziness (PRODUCT.md §5.2).
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
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			states, err := st.ExerciseStates(cmd.Context())
			if err != nil {
				return err
			}
			list := make([]store.ExerciseState, 0, len(states))
			for _, s := range states {
				list = append(list, s)
			}
			slices.SortFunc(list, func(x, y store.ExerciseState) int { return x.Since.Compare(y.Since) })
			if asJSON {
				return writeJSON(a.env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(a.env.Stdout, message.Text(message.AsideNone))
				return nil
			}
			for _, s := range list {
				why := message.Text(message.AsideOnList)
				if s.Excluded {
					why = message.Text(message.AsideStopped, message.Text(message.Key("stop."+s.Reason)), s.Since.Local().Format("2006-01-02"))
				}
				fmt.Fprintln(a.env.Stdout, wrap(why, s.ExerciseID+": ", "    "))
			}
			fmt.Fprintln(a.env.Stdout, "\n"+message.Text(message.AsideHint))
			return nil
		},
	}
	aside.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return []*cobra.Command{avoid, enable, aside}
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
