package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

func (a *app) backupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: message.Text(message.HelpBackup),
		Long:  message.Text(message.HelpBackupLong),
		Args:  exactlyOne(message.ArgBackupFile, "unhunch backup --help"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.databaseURL() != "" {
				return unhunch.E(unhunch.EInvalid, message.StoreBackupPostgres)
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			n, err := st.Backup(cmd.Context(), args[0], force)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.CLIBackupDone,
				message.Count(n, message.CountSession, message.CountSessions), absPath(args[0])))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, message.Text(message.FlagBackupForce))
	return cmd
}

func (a *app) restoreCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: message.Text(message.HelpRestore),
		Long:  message.Text(message.HelpRestoreLong),
		Args:  exactlyOne(message.ArgBackupFile, "unhunch restore --help"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.databaseURL() != "" {
				return unhunch.E(unhunch.EInvalid, message.StoreBackupPostgres)
			}
			res, err := store.Restore(cmd.Context(), args[0], a.dataPath())
			if err != nil {
				return err
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.CLIRestoreDone,
				message.Count(res.Sessions, message.CountSession, message.CountSessions), absPath(args[0]), res.Path))
			if res.Kept != "" {
				fmt.Fprintln(a.env.Stdout, message.Text(message.CLIRestoreKept, res.Kept))
			} else {
				fmt.Fprintln(a.env.Stdout, message.Text(message.CLIRestoreNoOld))
			}
			return nil
		},
	}
}

// absPath returns p as an absolute path, for messages that say where a file went.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
