package cli

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/fhir"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// importFormats are the formats of `unhunch import --format`: each reads
// the file named name from r into the journal, all or nothing, and says
// what it imported.
var importFormats = map[string]func(ctx context.Context, name string, r io.Reader, st *store.Store) (string, error){
	"fhir": func(ctx context.Context, name string, r io.Reader, st *store.Store) (string, error) {
		rec, err := fhir.Import(ctx, name, r, storeSink{st})
		if err != nil {
			return "", err
		}
		return message.Text(message.ImportDone, name, len(rec.Sessions), len(rec.Screenings), len(rec.PSFS),
			len(rec.States)+len(rec.Clearances)), nil
	},
}

// storeSink writes imported records into the journal.
type storeSink struct{ st *store.Store }

// Import writes the records, all or none.
func (s storeSink) Import(ctx context.Context, rec fhir.Records) error {
	return s.st.Import(ctx, store.Records(rec))
}

func (a *app) importCommand() *cobra.Command {
	var format string
	names := strings.Join(slices.Sorted(maps.Keys(importFormats)), " or ")
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: message.Text(message.HelpImport),
		Long:  message.Text(message.HelpImportLong),
		Args:  exactlyOne(message.ArgFile, "unhunch export --format fhir"),
		RunE: func(cmd *cobra.Command, args []string) error {
			read, ok := importFormats[format]
			if !ok {
				return unhunch.E(unhunch.EInvalid, message.ImportBadFormat, format, names)
			}
			name := args[0]
			var r io.Reader = a.env.Stdin
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return unhunch.E(unhunch.EInvalid, message.ImportOpen, name, err).Wrap(err)
				}
				defer f.Close()
				r = f
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			done, err := read(cmd.Context(), name, r, st)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.env.Stdout, done)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "fhir", message.Text(message.FlagImportFmt, names))
	return cmd
}
