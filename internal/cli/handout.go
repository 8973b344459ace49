package cli

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/handout"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
)

// handoutCommand is `unhunch handout ROUTINE --pdf FILE [--paper P] [--force]`:
// the routine as start would play it, printed.
func (a *app) handoutCommand() *cobra.Command {
	var file, paper string
	var force bool
	cmd := &cobra.Command{
		Use:               "handout ROUTINE --pdf FILE",
		Short:             message.Text(message.HelpHandout),
		Long:              message.Text(message.HelpHandoutLong),
		Args:              exactlyOne(message.ArgRoutineID, "unhunch routines"),
		ValidArgsFunction: a.completeRoutines,
		RunE: func(cmd *cobra.Command, args []string) error {
			if file == "" {
				return unhunch.E(unhunch.EInvalid, message.HandoutNeedsPDF)
			}
			p := handout.PaperFromEnv(a.env.Getenv)
			if cmd.Flags().Changed("paper") {
				var err error
				if p, err = handout.ParsePaper(paper); err != nil {
					return err
				}
			}
			if file != "-" {
				if info, err := os.Lstat(file); err == nil && info.IsDir() {
					return unhunch.E(unhunch.EInvalid, message.HandoutIsDir, file)
				} else if err == nil && !force {
					return unhunch.E(unhunch.EConflict, message.CLISVGExists, file)
				}
			}
			a.keepJournal = true // for stateIfAny
			c, r, err := a.routine(args[0])
			if err != nil {
				return err
			}
			st, err := a.stateIfAny(cmd.Context(), c)
			if err != nil {
				return err
			}
			h, err := handout.For(c, r, st, time.Now())
			if err != nil {
				return err
			}
			if err := a.handoutPictures(cmd.Context(), &h); err != nil {
				return err
			}
			d, err := handout.Render(h, p)
			if err != nil {
				return err
			}
			if file == "-" {
				if _, err := a.env.Stdout.Write(d.PDF); err != nil {
					return outputError(message.Text(message.HandoutWhat), err)
				}
				return nil
			}
			if err := writeNew(file, d.PDF, force); err != nil {
				var e *unhunch.Error
				if errors.As(err, &e) && e.Key == message.CLISVGWriteFailed {
					return unhunch.E(unhunch.EInvalid, message.HandoutUnwritable, file, e.Err).Wrap(e.Err)
				}
				return err
			}
			fmt.Fprintln(a.env.Stdout, message.Text(message.HandoutWritten, file, h.Title, h.Count,
				message.Count(d.Pages, message.HandoutPageOne, message.HandoutPages), paperWords(d.Paper)))
			// What was left out, as start says it.
			for _, n := range person.LeftOutNotes(h.Omitted) {
				fmt.Fprintln(a.env.Stdout, wrap(n, "", ""))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "pdf", "", message.Text(message.FlagPDF))
	cmd.Flags().StringVar(&paper, "paper", "", message.Text(message.FlagPaper))
	cmd.Flags().BoolVar(&force, "force", false, message.Text(message.FlagForceHandout))
	return cmd
}

// paperWords names a paper size.
func paperWords(p handout.Paper) string {
	if p == handout.Letter {
		return message.Text(message.HandoutLetter)
	}
	return message.Text(message.HandoutA4)
}
