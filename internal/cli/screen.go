package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

type screenFlags struct {
	questions bool
	answers   string
	cleared   bool
	asJSON    bool
}

func (a *app) screenCommand() *cobra.Command {
	var f screenFlags
	cmd := &cobra.Command{
		Use:   "screen",
		Short: message.Text(message.HelpScreen),
		Long:  message.Text(message.HelpScreenLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.screen(cmd.Context(), f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.questions, "questions", false, message.Text(message.FlagQuestions))
	fl.StringVar(&f.answers, "answers", "", message.Text(message.FlagAnswers))
	fl.BoolVar(&f.cleared, "cleared-by-clinician", false, message.Text(message.FlagCleared))
	fl.BoolVar(&f.asJSON, "json", false, message.Text(message.FlagJSON))
	cmd.MarkFlagsMutuallyExclusive("questions", "answers", "cleared-by-clinician")
	return cmd
}

func (a *app) screen(ctx context.Context, f screenFlags) error {
	if f.questions {
		if f.asJSON {
			return writeJSON(a.env.Stdout, safety.Questions)
		}
		for i, q := range safety.Questions {
			fmt.Fprintln(a.env.Stdout, wrap(q.Text(), fmt.Sprintf("%2d. %-21s ", i+1, q.ID), strings.Repeat(" ", 26)))
		}
		return nil
	}
	var answers map[string]bool
	switch {
	case f.cleared:
		return a.clearance(ctx, f.asJSON)
	case f.answers != "":
		var ignored []string
		var err error
		if answers, ignored, err = readAnswers(f.answers); err != nil {
			return err
		}
		if len(ignored) > 0 {
			a.warn(message.Text(message.ScreenEmergencyProblems, f.answers, "\n  - "+strings.Join(ignored, "\n  - ")))
		}
	case isTerminal(a.env.Stdin):
		var err error
		if answers, err = a.askAnswers(); err != nil {
			return err
		}
	default:
		return unhunch.E(unhunch.EInvalid, message.ScreenNoTerminal)
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	sc, err := person.Screen(ctx, st, answers, time.Now())
	if err != nil {
		return err
	}
	c, err := a.catalog()
	if err != nil {
		return err
	}
	advice := person.ScreenAdvice(sc.Result, c)
	if f.asJSON {
		err = writeJSON(a.env.Stdout, api.NewScreening(sc, advice))
	} else {
		printAdvice(a.env.Stdout, advice)
	}
	if err == nil && sc.Result.Outcome == safety.Emergency {
		// Saved, and the advice shown: the exit status says "blocked by a
		// safety rule" to scripts (issue 11).
		return unhunch.E(unhunch.EBlocked, message.ScreenSavedEmergency)
	}
	return err
}

// clearance records that a clinician cleared the person of what the last
// screening flagged.
func (a *app) clearance(ctx context.Context, asJSON bool) error {
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := person.Clear(ctx, st, time.Now())
	if err != nil {
		return err
	}
	advice := message.Text(message.ScreenCleared, c.At.Add(safety.ClearanceLasts).Local().Format("2 January 2006"))
	if asJSON {
		return writeJSON(a.env.Stdout, api.NewScreening(c, advice))
	}
	fmt.Fprintln(a.env.Stdout, wrap(advice, "", ""))
	return nil
}

// readAnswers reads an answers file: a JSON object naming every question
// with true or false. Every problem is listed at once; with an emergency
// answer, the problems that no longer matter come back as ignored.
func readAnswers(path string) (answers map[string]bool, ignored []string, err error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, nil, unhunch.E(unhunch.ENotFound, message.CheckNoFile, path)
	case err != nil:
		return nil, nil, unhunch.E(unhunch.EInvalid, message.CheckUnreadable, path, err)
	}
	answers, ignored, err = person.ParseAnswers(path, data)
	if unhunch.ErrorCode(err) == unhunch.EInvalid {
		err = unhunch.Errorf(unhunch.EInvalid, "%s\n%s", err, message.Text(message.ScreenFixHint))
	}
	return answers, ignored, err
}

// askAnswers asks each question that applies in turn at the terminal, y or
// n, and stops asking the moment an answer calls for urgent help.
func (a *app) askAnswers() (map[string]bool, error) {
	in := bufio.NewReader(a.env.Stdin)
	out := a.env.Stdout
	fmt.Fprintln(out, wrap(message.Text(message.ScreenIntro), "", ""))
	answers := map[string]bool{}
	for n := 1; ; n++ {
		q, ok := safety.Next(answers)
		if !ok {
			break
		}
		fmt.Fprintln(out)
		fmt.Fprintln(out, wrap(q.Text(), fmt.Sprintf("%d of %d. ", n, asked(answers)), "   "))
		for {
			fmt.Fprint(out, message.Text(message.ScreenPrompt))
			line, err := in.ReadString('\n')
			word := strings.ToLower(strings.TrimSpace(line))
			switch {
			case slices.Contains([]string{"y", "yes"}, word):
				answers[q.ID] = true
			case slices.Contains([]string{"n", "no"}, word):
				answers[q.ID] = false
			case err == io.EOF:
				return nil, unhunch.E(unhunch.EInvalid, message.ScreenAbandoned)
			default:
				fmt.Fprintln(out, message.Text(message.ScreenYesNo))
				continue
			}
			break
		}
	}
	fmt.Fprintln(out)
	if _, ok := safety.FirstEmergency(answers); ok {
		fmt.Fprintln(out, wrap(message.Text(message.ScreenEmergencyStop), "", ""))
	}
	return answers, nil
}

// asked counts the questions that apply given the answers so far: a
// follow-up counts once the question it follows is answered yes.
func asked(answers map[string]bool) int {
	n := 0
	for _, q := range safety.Questions {
		if safety.Asked(q, answers) {
			n++
		}
	}
	return n
}

// printAdvice prints advice wrapped line by line, its "  - " items indented.
func printAdvice(w io.Writer, advice string) {
	for _, line := range strings.Split(advice, "\n") {
		if item, ok := strings.CutPrefix(line, "  - "); ok {
			fmt.Fprintln(w, wrap(item, "  - ", "    "))
			continue
		}
		fmt.Fprintln(w, wrap(line, "", ""))
	}
}
