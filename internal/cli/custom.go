package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/internal/handout"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// journalExists reports whether there is a journal to read without
// creating one: --db names one, or the SQLite file is there.
func (a *app) journalExists() bool {
	if a.databaseURL() != "" {
		return true
	}
	_, err := os.Stat(filepath.Join(a.dataPath(), store.FileName))
	return err == nil
}

// addSaved adds the exercises and routines the person saved in the journal
// (the web form, `catalog import`), when there is a journal. A journal that
// cannot be read is a warning here: the command that needs it says more.
func (a *app) addSaved(b *catalog.Builder) []catalog.Issue {
	if !a.journalExists() {
		return nil
	}
	ctx := context.Background()
	st, err := a.openJournal(ctx)
	if !a.keepJournal {
		defer a.closeJournal()
	}
	if err != nil {
		return []catalog.Issue{{File: message.Text(message.CustomJournal), Message: err.Error()}}
	}
	entries, err := st.CustomEntries(ctx)
	if err != nil {
		return []catalog.Issue{{File: message.Text(message.CustomJournal), Message: err.Error()}}
	}
	return custom.AddSaved(b, entries)
}

// baseBuilder returns a builder holding everything the person has: the
// built-ins, the config directory's files and the saved entries.
func (a *app) baseBuilder() (*catalog.Builder, error) {
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		return nil, unhunch.E(unhunch.EInternal, message.CLIBrokenBuiltin, issues[0].Error())
	}
	if dir := a.configPath(); dir != "" {
		a.addDir(b, dir, "")
	}
	a.addSaved(b)
	return b, nil
}

// configBuilder returns a builder with the built-ins and the config
// directory's files: what the web server adds the saved entries to.
func (a *app) configBuilder() *catalog.Builder {
	b := catalog.NewBuilder()
	catalog.AddBuiltin(b) // checked when the command began: a.catalog
	if dir := a.configPath(); dir != "" {
		a.addDir(b, dir, "")
	}
	return b
}

func (a *app) catalogImportCommand() *cobra.Command {
	var renames []string
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: message.Text(message.HelpCatalogImport),
		Long:  message.Text(message.HelpCatalogImportLong),
		Args:  exactlyOne(message.ArgFile, "unhunch catalog import --help"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			rename := map[string]string{}
			for _, r := range renames {
				from, to, ok := strings.Cut(r, "=")
				if !ok || from == "" || to == "" {
					return unhunch.E(unhunch.EInvalid, message.ImportBadRename, r)
				}
				rename[from] = to
			}
			data, err := readImportFile(name)
			if err != nil {
				return err
			}
			base, err := a.baseBuilder()
			if err != nil {
				return err
			}
			batch, issues := custom.Check(base, name, data, rename)
			if len(issues) > 0 {
				for _, is := range issues {
					fmt.Fprintln(a.env.Stderr, is.Error())
				}
				if taken := custom.Taken(issues); len(taken) > 0 {
					c, _, err := a.buildCatalog("")
					if err != nil {
						return err
					}
					var flags []string
					for _, id := range taken {
						flags = append(flags, "--rename "+id+"="+custom.FreeID(c, id))
					}
					fmt.Fprintln(a.env.Stderr, message.Text(message.ImportRenameHint, name, strings.Join(flags, " ")))
				}
				return unhunch.E(unhunch.EInvalid, message.ImportFailed, name, message.Count(len(issues), message.CountProblem, message.CountProblems))
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.AddCustom(cmd.Context(), batch.Entries, batch.Pictures, time.Now()); err != nil {
				return err
			}
			a.cat = nil
			fmt.Fprintln(a.env.Stdout, message.Text(message.CatalogImported, name,
				message.Count(len(batch.Exercises), message.CountExercise, message.CountExercises),
				message.Count(len(batch.Routines), message.CountRoutine, message.CountRoutines),
				len(batch.Pictures)))
			for _, e := range batch.Exercises {
				fmt.Fprintln(a.env.Stdout, message.Text(message.CheckExercise, e.ID))
			}
			for _, r := range batch.Routines {
				fmt.Fprintln(a.env.Stdout, message.Text(message.ImportRoutine, r.ID))
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&renames, "rename", nil, message.Text(message.FlagImportRename))
	return cmd
}

// readImportFile reads a file offered for import, refusing a directory and
// anything larger than any export could be before reading it.
func readImportFile(name string) ([]byte, error) {
	info, err := os.Stat(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, unhunch.E(unhunch.ENotFound, message.CheckNoFile, name)
	case err != nil:
		return nil, unhunch.E(unhunch.EInvalid, message.CheckUnreadable, name, err)
	case info.IsDir():
		return nil, unhunch.E(unhunch.EInvalid, message.CheckIsDir, name)
	case info.Size() > custom.MaxFileBytes:
		return nil, unhunch.E(unhunch.EInvalid, message.ImportFileTooLarge, name, info.Size()>>20, custom.MaxFileBytes>>20)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, unhunch.E(unhunch.EInvalid, message.CheckUnreadable, name, err)
	}
	return data, nil
}

func (a *app) catalogExportCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "export FILE",
		Short: message.Text(message.HelpCatalogExport),
		Long:  message.Text(message.HelpCatalogExportLong),
		Args:  exactlyOne(message.ArgFile, "unhunch catalog export --help"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if _, err := os.Stat(name); err == nil && !force {
				return unhunch.E(unhunch.EConflict, message.ExportExists, name)
			}
			var entries []custom.Entry
			var pictures []custom.Picture
			if a.journalExists() {
				st, err := a.openStore(cmd.Context())
				if err != nil {
					return err
				}
				defer st.Close()
				if entries, err = st.CustomEntries(cmd.Context()); err != nil {
					return err
				}
				if pictures, err = st.AllPictures(cmd.Context()); err != nil {
					return err
				}
			}
			data, zipped, err := custom.Export(entries, pictures, time.Now())
			if err != nil {
				return err
			}
			if zipped && !slices.Contains([]string{".zip"}, strings.ToLower(filepath.Ext(name))) {
				return unhunch.E(unhunch.EInvalid, message.ExportNeedsZip, name, len(pictures))
			}
			if err := writeFileAtomic(name, data); err != nil {
				return unhunch.E(unhunch.EUnavailable, message.ExportWrite, name, err)
			}
			ex, rt := 0, 0
			for _, e := range entries {
				if e.Kind == custom.KindExercise {
					ex++
				} else {
					rt++
				}
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.ExportDone, name,
				message.Count(ex, message.CountExercise, message.CountExercises),
				message.Count(rt, message.CountRoutine, message.CountRoutines), len(pictures)))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, message.Text(message.FlagExportForce))
	return cmd
}

// writeFileAtomic writes data to name through a temporary file beside it.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".unhunch-export-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

func (a *app) catalogDeleteCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "delete ID",
		Short: message.Text(message.HelpCatalogDelete),
		Args:  exactlyOne(message.ArgEntryID, "unhunch catalog delete --help"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.catalog()
			if err != nil {
				return err
			}
			kind, err := custom.Deletable(c, args[0])
			if err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.DeleteCustom(cmd.Context(), kind, args[0]); err != nil {
				return err
			}
			a.cat = nil
			fmt.Fprintln(a.env.Stdout, message.Text(message.CustomDeleted, args[0]))
			return nil
		},
	}
}

// handoutPictures gives the handout the person's own pictures of their
// exercises, when there is a journal.
func (a *app) handoutPictures(ctx context.Context, h *handout.Handout) error {
	if !a.journalExists() {
		return nil
	}
	st, err := store.Open(ctx, a.databaseURL(), a.dataPath())
	if err != nil {
		return err
	}
	defer st.Close()
	pics, err := st.AllPictures(ctx)
	if err != nil {
		return err
	}
	byID := map[string][]handout.Picture{}
	for _, p := range pics {
		byID[p.ExerciseID] = append(byID[p.ExerciseID], handout.Picture{MediaType: p.MediaType, Width: p.Width, Height: p.Height, Data: p.Data})
	}
	h.WithPictures(byID)
	return nil
}
