package cli

import "github.com/spf13/cobra"

// TEMPORARY on the rights branch: the signin branch makes the users command.
func (a *app) usersCommandTmp() *cobra.Command {
	cmd := &cobra.Command{Use: "users", Short: "accounts"}
	cmd.AddCommand(a.usersRemoveCommand(), a.usersExportCommand())
	return cmd
}
