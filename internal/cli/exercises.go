package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

func (a *app) exercisesCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "exercises",
		Aliases: []string{"exercise"},
		Short:   message.Text(message.HelpExercises),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.catalog()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.env.Stdout, c.Exercises())
			}
			printExercises(a.env.Stdout, c.Exercises())
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	cmd.AddCommand(a.exerciseShowCommand())
	cmd.AddCommand(a.asideCommands()...)
	return cmd
}

func (a *app) exerciseShowCommand() *cobra.Command {
	var asJSON bool
	var svgFile, svgFrame, svgPosition string
	var svgSize float64
	var force bool
	cmd := &cobra.Command{
		Use:               "show ID",
		Short:             message.Text(message.HelpExerciseShow),
		Args:              exactlyOne(message.ArgExerciseID, "unhunch exercises"),
		ValidArgsFunction: a.completeExercises,
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := a.exercise(args[0])
			if err != nil {
				return err
			}
			if svgFile != "" || svgFrame != "" || force || cmd.Flags().Changed("size") || svgPosition != "" {
				return a.writeFigure(e, svgFile, svgFrame, asJSON, force, figureOptions{size: svgSize, sizeSet: cmd.Flags().Changed("size"), position: svgPosition})
			}
			if asJSON {
				return writeJSON(a.env.Stdout, e)
			}
			printExercise(a.env.Stdout, e)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	cmd.Flags().StringVar(&svgFile, "svg", "", message.Text(message.FlagSVG))
	cmd.Flags().StringVar(&svgFrame, "svg-frame", "", message.Text(message.FlagSVGFrame))
	cmd.Flags().BoolVar(&force, "force", false, message.Text(message.FlagSVGForce))
	cmd.Flags().Float64Var(&svgSize, "size", figure.DefaultWidth, message.Text(message.FlagSVGSize))
	cmd.Flags().StringVar(&svgPosition, "position", "", message.Text(message.FlagSVGPosition))
	return cmd
}

// exactlyOne accepts exactly one argument, and otherwise says what to give.
func exactlyOne(what message.Key, listCmd string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 1 {
			return nil
		}
		return unhunch.E(unhunch.EInvalid, message.CLINeedOneArg, cmd.CommandPath(), message.Text(what), len(args), listCmd)
	}
}

func (a *app) exercise(id string) (*catalog.Exercise, error) {
	c, err := a.catalog()
	if err != nil {
		return nil, err
	}
	e, ok := c.Exercise(id)
	if !ok {
		ids := make([]string, 0, len(c.Exercises()))
		for _, e := range c.Exercises() {
			ids = append(ids, e.ID)
		}
		return nil, notFound(message.CLINoExercise, id, ids, "unhunch exercises")
	}
	return e, nil
}

func (a *app) completeExercises(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	c, err := a.catalog()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []cobra.Completion
	for _, e := range c.Exercises() {
		out = append(out, cobra.CompletionWithDesc(e.ID, e.Name))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func printExercises(w io.Writer, list []*catalog.Exercise) {
	for _, e := range list {
		fmt.Fprintf(w, "%s — %s\n", e.ID, e.Name)
		detail := strings.Join([]string{
			string(e.Type), positionsWords(e.Positions), equipmentWords(e), e.Dose.Describe(e.Dose.Start()),
		}, " · ")
		fmt.Fprintln(w, wrap(detail, "    ", "    "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.CLIExercisesFooter, len(list)))
}

func printExercise(w io.Writer, e *catalog.Exercise) {
	fmt.Fprintf(w, "%s  (%s)\n", e.Name, e.ID)
	if len(e.Aliases) > 0 {
		fmt.Fprintln(w, wrap(message.Text(message.LabelAlso, strings.Join(e.Aliases, ", ")), "", ""))
	}
	fmt.Fprintln(w, wrap(e.Purpose, "", ""))
	fmt.Fprintln(w)

	typ := string(e.Type)
	if len(e.Tags) > 0 {
		typ += " (" + strings.Join(e.Tags, ", ") + ")"
	}
	tl, err := timeline.Compile([]timeline.Step{{Exercise: e}}, timeline.DefaultRules)
	takes := ""
	if err == nil {
		takes = " — " + message.Text(message.LabelTakes, clock(tl.Exercises[0].Duration))
	}
	fields := []struct {
		label message.Key
		value string
	}{
		{message.LabelType, typ + " · " + string(e.Difficulty)},
		{message.LabelPosition, positionsWords(e.Positions)},
		{message.LabelEquipment, equipmentWords(e)},
		{message.LabelTargets, strings.Join(e.Targets, ", ")},
		{message.LabelDoseRange, e.Dose.DescribeRange()},
		{message.LabelDoseStart, e.Dose.Describe(e.Dose.Start()) + takes},
	}
	if len(e.OptionalEquipment) > 0 {
		names := make([]string, len(e.OptionalEquipment))
		for i, q := range e.OptionalEquipment {
			names[i] = equipmentName(q)
		}
		fields = append(fields, struct {
			label message.Key
			value string
		}{message.LabelOptional, strings.Join(names, ", ")})
	}
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		label := pad(message.Text(f.label), 12)
		fmt.Fprintln(w, wrap(f.value, label, strings.Repeat(" ", 12)))
	}
	list := func(title message.Key, items []string, numbered bool) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, message.Text(title))
		for i, s := range items {
			mark := "  - "
			if numbered {
				mark = fmt.Sprintf("  %d. ", i+1)
			}
			fmt.Fprintln(w, wrap(s, mark, strings.Repeat(" ", len(mark))))
		}
	}
	list(message.LabelSteps, e.Steps, true)
	cues := cueLines(e)
	for i, c := range cues {
		cues[i] = timeline.SideCue(c, e.Dose.FirstSide)
	}
	list(message.LabelCues, cues, false)
	list(message.LabelMistakes, e.Mistakes, false)
	list(message.LabelCautions, e.Cautions, false)
	if len(e.Source) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, message.Text(message.LabelSource))
		for _, s := range e.Source {
			line := fmt.Sprintf("%q (%s)", s.Title, s.Seed)
			if s.Item > 0 {
				line += ", " + message.Text(message.LabelItem, s.Item)
			}
			fmt.Fprintln(w, wrap(line, "  - ", "    "))
		}
	}
}

// cueLines lists an exercise's spoken cues in the order they are heard.
func cueLines(e *catalog.Exercise) []string {
	c := e.Cues
	var out []string
	for _, s := range []string{c.Intro, c.Setup, c.Move} {
		if s != "" {
			out = append(out, s)
		}
	}
	for _, p := range e.Dose.Poses {
		out = append(out, p.Name+": "+p.Cue)
	}
	for _, s := range []string{c.Hold, c.Release, c.Inhale, c.Exhale, c.Switch} {
		if s != "" {
			out = append(out, s)
		}
	}
	return append(out, c.Form...)
}
