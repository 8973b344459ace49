package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
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
			a.keepJournal = !asJSON // for stateIfAny
			c, err := a.catalog()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.env.Stdout, c.Exercises())
			}
			p, err := a.stateIfAny(cmd.Context(), c)
			if err != nil {
				return err
			}
			printExercises(a.env.Stdout, c.Exercises(), p.Levels)
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
			a.keepJournal = true // for stateIfAny
			c, err := a.catalog()
			if err != nil {
				return err
			}
			p, err := a.stateIfAny(cmd.Context(), c)
			if err != nil {
				return err
			}
			printExercise(a.env.Stdout, e, p.Levels[e.ID])
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

// printExercises lists the exercises, each with the person's own dose
// beside its starting dose (levels: nil before any practice).
func printExercises(w io.Writer, list []*catalog.Exercise, levels map[string]*progress.Level) {
	for _, e := range list {
		fmt.Fprintf(w, "%s — %s\n", e.ID, e.Name)
		detail := strings.Join([]string{
			message.TypeWords.Text(string(e.Type)), e.PositionsWords(), e.EquipmentWords(), doseLine(e, levels[e.ID]),
		}, " · ")
		fmt.Fprintln(w, wrap(detail, "    ", "    "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.CLIExercisesFooter, len(list)))
}

// doseLine says an exercise's dose for the person: theirs with the
// starting dose beside it, or the starting dose while they are on it.
func doseLine(e *catalog.Exercise, lv *progress.Level) string {
	return person.DoseLine(e, lv, person.DoseWords{Easier: message.CLIDoseEasier, Yours: message.CLIDoseYours, Start: message.CLIDoseStart})
}

// printExercise shows an exercise in full: what it is, its facts with the
// person's dose, how to do it in each position, and where it comes from.
func printExercise(w io.Writer, e *catalog.Exercise, lv *progress.Level) {
	fmt.Fprintf(w, "%s  (%s)\n", e.Name, e.ID)
	if len(e.Aliases) > 0 {
		fmt.Fprintln(w, wrap(message.Text(message.LabelAlso, strings.Join(e.Aliases, ", ")), "", ""))
	}
	fmt.Fprintln(w, wrap(e.Purpose, "", ""))
	fmt.Fprintln(w)
	printFacts(w, exerciseFacts(e, lv))
	ways := e.WordPositions()
	for _, p := range ways {
		steps, title := message.LabelSteps, ""
		if len(ways) > 1 {
			title = message.Text(message.CLIStepsIn, message.PositionWords.Text(string(p)))
		}
		printList(w, steps, title, e.StepsFor(p), true)
		cues := cueLines(e, p)
		for i, c := range cues {
			cues[i] = timeline.SideCue(c, e.Dose.FirstSide)
		}
		printList(w, message.LabelCues, "", cues, false)
	}
	printList(w, message.LabelMistakes, "", e.Mistakes, false)
	printList(w, message.LabelCautions, "", e.Cautions, false)
	var sources []string
	for _, s := range e.Source {
		line := fmt.Sprintf("%q", s.Title)
		if s.Item > 0 {
			line += ", " + message.Text(message.LabelItem, s.Item)
		}
		sources = append(sources, line)
	}
	printList(w, message.LabelSource, "", sources, false)
}

// fact is one labelled line of an exercise's facts.
type fact struct {
	label message.Key
	value string
}

// exerciseFacts are the labelled facts of an exercise: its type, position,
// equipment, targets, dose range, the person's dose and the starting dose
// with how long it takes.
func exerciseFacts(e *catalog.Exercise, lv *progress.Level) []fact {
	typ := message.TypeWords.Text(string(e.Type))
	if len(e.Tags) > 0 {
		typ += " (" + strings.Join(e.Tags, ", ") + ")"
	}
	takes := func(a dose.Amount) string {
		tl, err := timeline.Compile([]timeline.Step{{Exercise: e, Amount: a}}, timeline.DefaultRules)
		if err != nil {
			return ""
		}
		return " — " + message.Text(message.LabelTakes, clock(tl.Exercises[0].Duration))
	}
	facts := []fact{
		{message.LabelType, typ + " · " + message.LevelWords.Text(string(e.Difficulty))},
		{message.LabelPosition, e.PositionsWords()},
		{message.LabelEquipment, e.EquipmentWords()},
		{message.LabelTargets, strings.Join(e.Targets, ", ")},
		{message.LabelDoseRange, e.Dose.DescribeRange()},
	}
	if now := person.DoseNow(e, lv); now != "" {
		facts = append(facts, fact{message.LabelDoseYours, now + takes(lv.Amount)}, fact{message.LabelDoseStart, e.Dose.Describe(e.Dose.Start())})
	} else {
		facts = append(facts, fact{message.LabelDoseStart, e.Dose.Describe(e.Dose.Start()) + takes(dose.Amount{})})
	}
	if len(e.OptionalEquipment) > 0 {
		names := make([]string, len(e.OptionalEquipment))
		for i, q := range e.OptionalEquipment {
			names[i] = message.EquipmentWords.Text(string(q))
		}
		facts = append(facts, fact{message.LabelOptional, strings.Join(names, ", ")})
	}
	return facts
}

// printFacts prints labelled lines, the values lined up.
func printFacts(w io.Writer, facts []fact) {
	for _, f := range facts {
		if f.value == "" {
			continue
		}
		label := pad(message.Text(f.label), 12)
		fmt.Fprintln(w, wrap(f.value, label, strings.Repeat(" ", 12)))
	}
}

// printList prints a titled list (title, when given, in place of the
// label's words), numbered or with dashes; nothing when it is empty.
func printList(w io.Writer, label message.Key, title string, items []string, numbered bool) {
	if len(items) == 0 {
		return
	}
	if title == "" {
		title = message.Text(label)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, title)
	for i, s := range items {
		mark := "  - "
		if numbered {
			mark = fmt.Sprintf("  %d. ", i+1)
		}
		fmt.Fprintln(w, wrap(s, mark, strings.Repeat(" ", len(mark))))
	}
}

// cueLines lists an exercise's spoken cues in position p, in the order
// they are heard.
func cueLines(e *catalog.Exercise, p catalog.Position) []string {
	c := e.CuesFor(p)
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
