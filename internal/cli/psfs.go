package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

func (a *app) psfsCommand() *cobra.Command {
	var rates []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "psfs",
		Short: message.Text(message.HelpPSFS),
		Long:  message.Text(message.HelpPSFSLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			past, err := st.PSFS(ctx)
			if err != nil {
				return err
			}
			if len(rates) > 0 {
				scores, err := parsePSFS(rates, len(past) == 0)
				if err != nil {
					return err
				}
				now := time.Now()
				if err := st.SavePSFS(ctx, now, scores); err != nil {
					return err
				}
				if past, err = st.PSFS(ctx); err != nil {
					return err
				}
			}
			sum := progress.SummarisePSFS(past, time.Now())
			if asJSON {
				return writeJSON(a.env.Stdout, sum)
			}
			printPSFS(a, sum)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&rates, "rate", nil, message.Text(message.FlagPSFSRate))
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	return cmd
}

// parsePSFS reads "activity=score" pairs: 3–5 activities the first time.
func parsePSFS(rates []string, first bool) (map[string]int, error) {
	scores := map[string]int{}
	for _, r := range rates {
		i := strings.LastIndex(r, "=")
		name := ""
		if i > 0 {
			name = strings.TrimSpace(r[:i])
		}
		if name == "" { // no activity, or only spaces before the "="
			return nil, unhunch.E(unhunch.EInvalid, message.PSFSForm, r)
		}
		n, err := strconv.Atoi(strings.TrimSpace(r[i+1:]))
		if err != nil || n < 0 || n > 10 {
			return nil, unhunch.E(unhunch.EInvalid, message.PSFSScore, name, r[i+1:])
		}
		scores[name] = n
	}
	if len(scores) > progress.PSFSMax || (first && len(scores) < progress.PSFSMin) {
		return nil, unhunch.E(unhunch.EInvalid, message.PSFSCount, progress.PSFSMin, progress.PSFSMax, len(scores))
	}
	return scores, nil
}

func printPSFS(a *app, p progress.PSFS) {
	w := a.env.Stdout
	if len(p.Activities) == 0 {
		fmt.Fprintln(w, wrap(message.Text(message.PSFSNone), "", ""))
		return
	}
	printActivities(w, p)
	if p.Due {
		fmt.Fprintln(w, wrap(message.Text(message.PSFSDue), "", ""))
	} else {
		fmt.Fprintln(w, message.Text(message.PSFSNext, p.Last.Add(progress.PSFSInterval).Local().Format("2006-01-02")))
	}
}
