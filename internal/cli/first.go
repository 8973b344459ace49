package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/coach"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// The main job in one command (issue 14, item 12): a bare `unhunch` at a
// terminal offers the routines and starts the one picked; `start` asks the
// safety questions there and then when they are due; the coach leaves a
// recap on the terminal when it ends.

// bare is what `unhunch` with no command does: at a terminal, offer the
// routines, the one that needs the least first, and coach the one picked
// (the safety questions first when they are due); elsewhere, the help.
func (a *app) bare(cmd *cobra.Command) error {
	if !isTerminal(a.env.Stdin) || !isTerminal(a.env.Stdout) {
		return cmd.Help()
	}
	c, err := a.catalog()
	if err != nil {
		return err
	}
	type offer struct {
		r     *catalog.Routine
		needs []catalog.Need
		takes string
	}
	var offers []offer
	for _, r := range c.Routines() {
		cr, err := compileRoutine(c, r)
		if err != nil {
			return err
		}
		offers = append(offers, offer{r, catalog.NeedsOf(routineExercises(c, r)), clock(cr.tl.Duration)})
	}
	// The fewest things to fetch first; otherwise the catalog's order.
	slices.SortStableFunc(offers, func(x, y offer) int { return len(x.needs) - len(y.needs) })
	// Before them all, as the web app suggests when it knows of nothing at
	// hand: a short plan that needs nothing.
	if r, takes, err := a.planWithNothing(cmd.Context(), c); err == nil {
		offers = append([]offer{{r, nil, takes}}, offers...)
	}
	out := a.env.Stdout
	fmt.Fprintln(out, wrap(message.Text(message.FirstOffer), "", ""))
	fmt.Fprintln(out)
	for i, o := range offers {
		line := message.Text(message.FirstRoutine, i+1, o.r.Name, o.takes, catalog.NeedsWords(o.needs))
		fmt.Fprintln(out, wrap(line, "  ", "     "))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, wrap(message.Text(message.FirstMore), "", ""))
	in := bufio.NewReader(a.env.Stdin)
	for {
		fmt.Fprintln(out)
		fmt.Fprint(out, message.Text(message.FirstPrompt))
		line, err := in.ReadString('\n')
		word := strings.ToLower(strings.TrimSpace(line))
		switch n, convErr := strconv.Atoi(word); {
		case word == "q" || (word == "" && err == io.EOF):
			fmt.Fprintln(out)
			return nil
		case word == "":
			return a.startRoutine(cmd.Context(), c, offers[0].r, startFlags{scale: 1}, nil, nil)
		case convErr == nil && n >= 1 && n <= len(offers):
			return a.startRoutine(cmd.Context(), c, offers[n-1].r, startFlags{scale: 1}, nil, nil)
		case err == io.EOF:
			return unhunch.E(unhunch.EInvalid, message.FirstBadChoice, len(offers))
		}
		fmt.Fprintln(out, message.Text(message.FirstBadChoice, len(offers)))
	}
}

// plainMinutes is how long the plan that needs nothing is.
const plainMinutes = 5

// planWithNothing plans plainMinutes for the person with nothing at hand,
// the floor allowed: the routine and how long it takes.
func (a *app) planWithNothing(ctx context.Context, c *catalog.Catalog) (*catalog.Routine, string, error) {
	req := planner.Request{Minutes: plainMinutes, Floor: true, Focus: planner.Balanced}
	if err := a.personalise(ctx, c, &req, false); err != nil {
		return nil, "", err
	}
	res, err := planner.Plan(req, c, timeline.DefaultRules)
	if err != nil {
		return nil, "", err
	}
	return person.PlanRoutine("plan", req, res), clock(res.Timeline.Duration), nil
}

// screenIfDue asks the safety questions there and then when the gate
// waits for answers (safety.Block.Answerable) and a person is at the
// terminal, and saves them as `unhunch screen` does; the start that follows
// gates again, so an answer that calls for a clinician still blocks it
// with its advice. Anywhere else the start refuses as it always has.
func (a *app) screenIfDue(ctx context.Context, st *store.Store, c *catalog.Catalog) error {
	if !isTerminal(a.env.Stdin) || !isTerminal(a.env.Stdout) {
		return nil
	}
	p, err := person.Load(ctx, st, c, time.Now(), time.Local)
	if err != nil {
		return err
	}
	if d := p.Gate(time.Now(), nil); d.OK() || !d.Block.Answerable() {
		return nil
	}
	out := a.env.Stdout
	fmt.Fprintln(out, wrap(message.Text(message.StartScreenNow), "", ""))
	fmt.Fprintln(out)
	answers, err := a.askAnswers()
	if err != nil {
		return err
	}
	sc, err := person.Screen(ctx, st, answers, time.Now())
	if err != nil {
		return err
	}
	printAdvice(out, person.ScreenAdvice(sc.Result, c))
	fmt.Fprintln(out)
	if sc.Result.Outcome == safety.Emergency {
		return unhunch.E(unhunch.EBlocked, message.ScreenSavedEmergency)
	}
	return nil
}

// printRecap prints the account of the session just coached, read back
// from the journal (person.Recap, as the web player shows it): what was
// done, the time, pain before and after, what changes next time and where
// it is kept. Nothing when the session never began.
func (a *app) printRecap(ctx context.Context, st *store.Store, c *catalog.Catalog, id string, res coach.Result) error {
	if res.Status == "" || id == "" {
		return nil
	}
	r, err := person.LoadRecap(ctx, st, c, id)
	if err != nil {
		return err
	}
	writeRecap(a.env.Stdout, r, st.Where(), len(res.SaveErrors))
	return nil
}

// writeRecap writes recap r of a session kept at where (failed: the
// writes that could not be saved).
func writeRecap(w io.Writer, r api.Recap, where string, failed int) {
	// A line is a label padded to 11 columns, then its words, wrapped
	// under them.
	line := func(s string) {
		const col = 11
		if len(s) > col && s[col-1] == ' ' && s[col] != ' ' {
			fmt.Fprintln(w, wrap(s[col:], s[:col], strings.Repeat(" ", col)))
			return
		}
		fmt.Fprintln(w, wrap(s, "", strings.Repeat(" ", col)))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrap(message.Text(message.RecapTitle, r.RoutineName), "", ""))
	spent, planned := clock(time.Duration(r.Seconds*float64(time.Second))), clock(time.Duration(r.PlannedSeconds*float64(time.Second)))
	if r.Demo {
		line(message.Text(message.RecapTimeDemo, spent, planned, r.TimeScale))
	} else {
		line(message.Text(message.RecapTime, spent, planned))
	}
	line(message.Text(message.RecapDone, r.Done, r.Planned))
	for _, e := range r.Exercises {
		fmt.Fprintln(w, wrap(strings.TrimSpace(message.Text(message.RecapExercise, e.Name, e.OutcomeWords)), "  ", "    "))
	}
	switch b, af := r.PainBefore, r.PainAfter; {
	case b != nil && af != nil:
		line(message.Text(message.RecapPain, *b, *af))
	case b != nil:
		line(message.Text(message.RecapPainBefore, *b))
	case af != nil:
		line(message.Text(message.RecapPainAfter, *af))
	default:
		line(message.Text(message.RecapPainNone))
	}
	switch {
	case r.Demo:
		line(message.Text(message.RecapNextDemo))
	case len(r.Changes) == 0:
		line(message.Text(message.RecapNextSame))
	default:
		fmt.Fprintln(w, message.Text(message.RecapNext))
		for _, ch := range r.Changes {
			fmt.Fprintln(w, wrap(ch.Words, "  ", "    "))
		}
	}
	if failed > 0 {
		fmt.Fprintln(w, wrap(message.Text(message.RecapUnsaved, failed, where), "", ""))
		return
	}
	fmt.Fprintln(w, wrap(message.Text(message.RecapKept, where), "", ""))
}
