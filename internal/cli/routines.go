package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

func (a *app) routinesCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "routines",
		Aliases: []string{"routine"},
		Short:   message.Text(message.HelpRoutines),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.catalog()
			if err != nil {
				return err
			}
			list := make([]api.RoutineSummary, 0, len(c.Routines()))
			for _, r := range c.Routines() {
				cr, err := compileRoutine(c, r)
				if err != nil {
					return err
				}
				list = append(list, api.NewRoutineSummary(r, cr.fit))
			}
			if asJSON {
				return writeJSON(a.env.Stdout, list)
			}
			printRoutines(a.env.Stdout, list)
			printNeeds(a.env.Stdout, c)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	cmd.AddCommand(a.routineShowCommand())
	return cmd
}

func (a *app) routineShowCommand() *cobra.Command {
	var asJSON, segments, levelStart bool
	cmd := &cobra.Command{
		Use:               "show ID",
		Short:             message.Text(message.HelpRoutineShow),
		Long:              message.Text(message.HelpRoutineShowLong),
		Args:              exactlyOne(message.ArgRoutineID, "unhunch routines"),
		ValidArgsFunction: a.completeRoutines,
		RunE: func(cmd *cobra.Command, args []string) error {
			a.keepJournal = true // for stateIfAny
			c, r, err := a.routine(args[0])
			if err != nil {
				return err
			}
			// Shown as `start` would play it: the person's levels (unless
			// --level-start) and without the exercises left out for them.
			p, err := a.stateIfAny(cmd.Context(), c)
			if err != nil {
				return err
			}
			prep, err := person.Prepare(c, r, p.Levels, p.Exclusions(), levelStart)
			if err != nil {
				return err
			}
			cr, err := compileSteps(prep.Steps, r)
			if err != nil {
				return err
			}
			doc := person.Document(r, prep, person.Compiled{Steps: cr.steps, Timeline: cr.tl, Fit: cr.fit})
			if asJSON {
				shown := shownRoutine{Routine: doc, LeftOut: person.LeftOutIDs(prep.LeftOut), LeftOutWhy: append([]person.LeftOut{}, prep.LeftOut...)}
				return writeRoutineJSON(a.env.Stdout, &shown)
			}
			printRoutine(a.env.Stdout, doc, cr, segments)
			for _, n := range person.LeftOutNotes(prep.LeftOut) {
				fmt.Fprintln(a.env.Stdout, wrap(n, "", ""))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, message.Text(message.FlagJSON))
	cmd.Flags().BoolVar(&segments, "segments", false, message.Text(message.FlagSegments))
	cmd.Flags().BoolVar(&levelStart, "level-start", false, message.Text(message.FlagLevelStart))
	return cmd
}

// shownRoutine is `routines show --json`: the routine document, with the
// exercises left out for the person and why, as the web API gives them.
type shownRoutine struct {
	api.Routine
	LeftOut    []string         `json:"left_out"`
	LeftOutWhy []person.LeftOut `json:"left_out_why"`
}

func (a *app) completeRoutines(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	c, err := a.catalog()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []cobra.Completion
	for _, r := range c.Routines() {
		out = append(out, cobra.CompletionWithDesc(r.ID, r.Name))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// compiled is a routine compiled with its fit report.
type compiled struct {
	steps []timeline.Step
	tl    *timeline.Timeline
	fit   planner.Fit
}

func compileRoutine(c *catalog.Catalog, r *catalog.Routine) (compiled, error) {
	steps, err := timeline.FromRoutine(c, r)
	if err != nil {
		return compiled{}, err
	}
	return compileSteps(steps, r)
}

// compileSteps compiles steps of routine r with its fit report.
func compileSteps(steps []timeline.Step, r *catalog.Routine) (compiled, error) {
	cr, err := person.Compile(steps, r)
	if err != nil {
		return compiled{}, err
	}
	return compiled{steps: cr.Steps, tl: cr.Timeline, fit: cr.Fit}, nil
}

func printRoutines(w io.Writer, list []api.RoutineSummary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, message.Text(message.CLIRoutinesHeader))
	seconds := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	for _, r := range list {
		box, against, top := "—", "", clock(seconds(r.TargetSeconds))
		if r.TimeBoxSeconds > 0 {
			box = clock(time.Duration(r.TimeBoxSeconds) * time.Second)
			switch r.Verdict {
			case planner.Fills:
				against = message.Text(message.ListFits)
			case planner.Short:
				against = message.Text(message.ListShort, span(seconds(r.Spare)))
			case planner.Over:
				against = message.Text(message.ListOver, span(seconds(-r.Spare)))
			}
			if r.TargetVerdict == planner.Over {
				top = message.Text(message.ListTopOver, top)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, clock(seconds(r.DurationSeconds)), box, against, top)
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrap(message.Text(message.CLIRoutinesFooter), "", ""))
	fmt.Fprintln(w, message.Text(message.CLIRoutinesShowHint))
}

// printNeeds says what each routine of c needs.
func printNeeds(w io.Writer, c *catalog.Catalog) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.CLIRoutinesNeed))
	for _, r := range c.Routines() {
		fmt.Fprintln(w, wrap(r.Name+": "+catalog.NeedsWords(catalog.NeedsOf(routineExercises(c, r))), "  ", "    "))
	}
}

// routineExercises are the exercises of routine r, in order.
func routineExercises(c *catalog.Catalog, r *catalog.Routine) []*catalog.Exercise {
	var out []*catalog.Exercise
	for _, it := range r.Exercises {
		if e, ok := c.Exercise(it.ID); ok {
			out = append(out, e)
		}
	}
	return out
}

func printRoutine(w io.Writer, doc api.Routine, cr compiled, segments bool) {
	fmt.Fprintf(w, "%s  (%s)\n", doc.Name, doc.ID)
	if doc.Description != "" {
		fmt.Fprintln(w, wrap(doc.Description, "", ""))
	}
	if doc.Frequency != "" {
		fmt.Fprintln(w, wrap(message.Text(message.LabelFrequency, doc.Frequency), "", ""))
	}
	exercises := make([]*catalog.Exercise, len(cr.steps))
	for i, st := range cr.steps {
		exercises[i] = st.Exercise
	}
	fmt.Fprintln(w, wrap(message.Text(message.CLIRoutineNeeds, catalog.NeedsWords(catalog.NeedsOf(exercises))), "", ""))
	fmt.Fprintln(w)
	rounds := 1
	for _, e := range doc.Exercises {
		rounds = max(rounds, e.Round)
	}
	for i, e := range doc.Exercises {
		b := cr.tl.Exercises[i]
		if rounds > 1 && (i == 0 || doc.Exercises[i-1].Round != e.Round) {
			fmt.Fprintln(w, "    "+message.Text(message.PlanRoundHeading, e.Round, rounds))
		}
		row(w, fmt.Sprintf("%2d. %s", i+1, e.Name), clock(b.Duration))
		detail := e.Dose.Summary + " · " + positionWords(e.Position)
		if eq := cr.steps[i].Exercise.Equipment; len(eq) > 0 {
			detail += " · " + cr.steps[i].Exercise.EquipmentWords()
		}
		fmt.Fprintln(w, wrap(detail, "    ", "    "))
		switch lv := e.Level; {
		case e.Easier != "":
			fmt.Fprintln(w, wrap(message.Text(message.RoutineEasier, e.Easier), "    ", "    "))
		case lv != nil:
			fmt.Fprintln(w, wrap(message.Text(message.RoutineLevel, lv.From.Summary, message.WhyWords.Text(lv.Why)), "    ", "    "))
		}
	}
	last := cr.tl.Segments[len(cr.tl.Segments)-1]
	row(w, "    "+message.Text(message.LabelFinish), clock(last.Duration))
	fmt.Fprintln(w, "    "+strings.Repeat("─", width-6))
	row(w, "    "+message.Text(message.LabelTotal), clock(cr.tl.Duration))
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrap(doc.Fit.Summary, "", ""))
	fmt.Fprintln(w)
	if segments {
		printSegments(w, cr.tl)
	} else {
		printTimeline(w, cr, doc.ID)
	}
}

// printTimeline prints each exercise's segments, with the repetitions of one
// set and side folded into a line.
func printTimeline(w io.Writer, cr compiled, routineID string) {
	fmt.Fprintln(w, message.Text(message.LabelTimeline))
	segs := cr.tl.Segments
	for i := 0; i < len(segs); {
		s := segs[i]
		if standsAlone(s) {
			if s.Phase == timeline.Intro || s.Phase == timeline.Finish {
				fmt.Fprintln(w)
			}
			timelineLine(w, s.Start, message.PhaseWords.Text(string(s.Phase)), s.Duration, s.Cue)
			i++
			continue
		}
		j := runEnd(segs, i)
		label, detail := foldRun(segs[i:j], cr.steps[s.Exercise].Exercise)
		timelineLine(w, s.Start, label, segs[j-1].End()-s.Start, detail)
		i = j
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, message.Text(message.CLISegmentsHint, routineID))
}

// timelineLine prints one line of the timeline: when, what, how long, and
// the detail wrapped below.
func timelineLine(w io.Writer, at time.Duration, label string, dur time.Duration, detail string) {
	head := fmt.Sprintf("  %5s  %-13s %5s  ", clock(at), label, span(dur))
	fmt.Fprintln(w, wrap(detail, head, strings.Repeat(" ", len(head))))
}

// standsAlone reports whether a segment has a line of its own: an intro, a
// setup, a switch of sides, a rest between sets, the finish.
func standsAlone(s timeline.Segment) bool {
	switch s.Phase {
	case timeline.Finish, timeline.Intro, timeline.Setup, timeline.SwitchSides:
		return true
	}
	return s.Phase == timeline.Rest && s.Rep == 0
}

// runEnd returns the end of the run of work that starts at segs[i]: the
// same exercise and set, up to a switch of sides, a rest between sets or
// the finish.
func runEnd(segs []timeline.Segment, i int) int {
	s, j := segs[i], i
	for j < len(segs) && segs[j].Exercise == s.Exercise && segs[j].Set == s.Set &&
		segs[j].Phase != timeline.SwitchSides && !(segs[j].Phase == timeline.Rest && segs[j].Rep == 0) &&
		segs[j].Phase != timeline.Finish {
		j++
	}
	return j
}

// foldRun says a run of work of exercise e in one line: a label (how many
// reps, or timed, and the side) and the pattern of one repetition, the rest
// between them and the run's cue.
func foldRun(run []timeline.Segment, e *catalog.Exercise) (label, detail string) {
	s := run[0]
	reps := 0
	var pattern []string
	hasRest := false
	for _, r := range run {
		reps = max(reps, r.Rep)
		if r.Phase == timeline.Rest {
			hasRest = true
			continue
		}
		if r.Rep == s.Rep && r.Side == s.Side {
			step := message.PhaseWords.Text(string(r.Phase)) + " " + span(r.Duration)
			if r.Pose != "" && r.Phase == timeline.Move {
				step = r.Pose + ": " + step
			}
			pattern = append(pattern, step)
		}
	}
	label = message.Text(message.TimelineReps, reps)
	switch {
	case e.Dose.Mode == dose.Timed:
		label = message.Text(message.TimelineTimed)
		pattern = []string{message.Text(message.TimelineParts, len(run), span(s.Duration))}
	case reps == 1:
		label = message.Text(message.TimelineRep)
	}
	if s.Side != "" {
		label += " " + message.SideShort.Text(string(s.Side))
	}
	detail = strings.Join(pattern, ", ")
	if hasRest {
		detail += "; " + message.Text(message.TimelineRestBetween, span(e.Dose.Timing().Rest))
	}
	if s.Cue != "" {
		detail += " — “" + s.Cue + "”"
	}
	return label, detail
}

// printSegments prints every segment of the timeline.
func printSegments(w io.Writer, tl *timeline.Timeline) {
	fmt.Fprintln(w, message.Text(message.CLISegmentsHeader))
	for _, s := range tl.Segments {
		side := string(s.Side)
		if side == "" {
			side = "-"
		}
		head := fmt.Sprintf("%8s %7s  %-12s %-5s %3d %3d  ", fmtMS(s.Start), fmtMS(s.Duration), s.Phase, side, s.Set, s.Rep)
		fmt.Fprintln(w, wrap(s.Cue, head, strings.Repeat(" ", len(head))))
	}
}

// fmtMS renders a duration as m:ss.mmm.
func fmtMS(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%d:%02d.%03d", ms/60000, ms/1000%60, ms%1000)
}

// routine reads the catalog and finds routine id in it, or says it is not
// there and which ones are.
func (a *app) routine(id string) (*catalog.Catalog, *catalog.Routine, error) {
	c, err := a.catalog()
	if err != nil {
		return nil, nil, err
	}
	r, ok := c.Routine(id)
	if !ok {
		return nil, nil, notFound(message.CLINoRoutine, id, routineIDs(c), "unhunch routines")
	}
	return c, r, nil
}
