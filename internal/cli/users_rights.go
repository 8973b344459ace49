package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// usersRemoveCommand is `unhunch users remove NAME --yes`: an admin erases
// an account and everything kept about it (issue 17, a person's rights).
func (a *app) usersRemoveCommand() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "remove NAME --yes",
		Short: message.Text(message.HelpUsersRemove),
		Long:  message.Text(message.HelpUsersRemoveLong),
		Args:  exactlyOne(message.ArgAccountName, "unhunch users list"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withUser(ctx, args[0], func(st *store.Store, u *account.User) error {
				if !yes {
					return unhunch.E(unhunch.EInvalid, message.UsersRemoveConfirm, u.Name)
				}
				erased, err := st.EraseUser(ctx, u.ID)
				if err != nil {
					return err
				}
				fmt.Fprintln(a.env.Stdout, message.Text(message.UsersRemoved, u.Name))
				for _, t := range slices.Sorted(maps.Keys(erased)) {
					fmt.Fprintln(a.env.Stdout, message.Text(message.UsersRemovedTable, t, erased[t]))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, message.Text(message.FlagUsersYes))
	return cmd
}

// usersExportCommand is `unhunch users export NAME`: everything kept about
// an account, as the person downloads it from their settings.
func (a *app) usersExportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "export NAME",
		Short: message.Text(message.HelpUsersExport),
		Args:  exactlyOne(message.ArgAccountName, "unhunch users list"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withUser(ctx, args[0], func(st *store.Store, u *account.User) error {
				arch, err := person.LoadArchive(account.ForPerson(ctx, u.ID), st, u, time.Now())
				if err != nil {
					return err
				}
				enc := json.NewEncoder(a.env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(arch)
			})
		},
	}
}
