package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

func (a *app) tokensCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tokens",
		Short: message.Text(message.HelpTokens),
		Long:  message.Text(message.HelpTokensLong),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.tokensCreateCommand(), a.tokensRevokeCommand())
	return cmd
}

func (a *app) tokensCreateCommand() *cobra.Command {
	var user string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "create --user NAME",
		Short: message.Text(message.HelpTokensCreate),
		Long:  message.Text(message.HelpTokensCreateLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if user == "" {
				return unhunch.E(unhunch.EInvalid, message.TokensNeedUser)
			}
			ctx := cmd.Context()
			return a.withUser(ctx, user, func(st *store.Store, u *account.User) error {
				token, err := st.CreateToken(ctx, u.ID, time.Now())
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(a.env.Stdout, struct {
						Token string `json:"token"`
						User  string `json:"user"`
						ID    string `json:"user_id"`
					}{token, u.Name, u.ID})
				}
				fmt.Fprintln(a.env.Stdout, token)
				fmt.Fprintln(a.env.Stderr, message.Text(message.TokensHow, u.Name))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&user, "user", "", message.Text(message.FlagTokenUser))
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

// tokensRevokeCommand is `unhunch tokens revoke --user NAME`: every script
// token of the account stops working at once.
func (a *app) tokensRevokeCommand() *cobra.Command {
	var user string
	cmd := &cobra.Command{
		Use:   "revoke --user NAME",
		Short: message.Text(message.HelpTokensRevoke),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if user == "" {
				return unhunch.E(unhunch.EInvalid, message.TokensRevokeNeedUser)
			}
			ctx := cmd.Context()
			return a.withUser(ctx, user, func(st *store.Store, u *account.User) error {
				n, err := st.RevokeTokens(ctx, u.ID)
				if err != nil {
					return err
				}
				if n == 1 {
					fmt.Fprintln(a.env.Stdout, message.Text(message.TokensRevokedOne, u.Name))
				} else {
					fmt.Fprintln(a.env.Stdout, message.Text(message.TokensRevokedMany, n, u.Name))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&user, "user", "", message.Text(message.FlagTokenUser))
	return cmd
}
