package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// usersSignoutCommand is `unhunch users signout NAME`: every web session of
// the account ends, on every server on the journal (a lost phone, a shared
// computer); script tokens stay (tokens revoke).
func (a *app) usersSignoutCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "signout NAME",
		Short: message.Text(message.HelpUsersSignout),
		Long:  message.Text(message.HelpUsersSignoutLong),
		Args:  exactArgs(1, message.UsersNeedName),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			return a.withUser(ctx, args[0], func(st *store.Store, u *account.User) error {
				if _, err := st.EndSessions(ctx, u.ID); err != nil {
					return err
				}
				fmt.Fprintln(a.env.Stdout, message.Text(message.UsersSignedOut, u.Name))
				return nil
			})
		},
	}
}
