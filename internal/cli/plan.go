package cli

import (
	"time"

	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

// planOptions are the flags of `unhunch plan`.
type planOptions struct {
	minutes   int
	equipment []string
	noFloor   bool
	focus     string
	avoid     []string
	save      string
	force     bool
	asJSON    bool
	reorder   string
	// levelStart plans at everyone's starting doses instead of the person's levels.
	levelStart bool
	explain    bool // also print the planner's score and its parts
}

func (a *app) planCommand() *cobra.Command {
	var o planOptions
	cmd := &cobra.Command{
		Use:   "plan --minutes N",
		Short: message.Text(message.HelpPlan),
		Long:  message.Text(message.HelpPlanLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.reorder != "" {
				return a.runReorder(cmd, o)
			}
			return a.runPlan(cmd, o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.minutes, "minutes", 0, message.Text(message.FlagMinutes))
	f.StringSliceVar(&o.equipment, "equipment", nil, message.Text(message.FlagEquipment))
	f.BoolVar(&o.noFloor, "no-floor", false, message.Text(message.FlagNoFloor))
	f.StringVar(&o.focus, "focus", "", message.Text(message.FlagFocus))
	f.StringSliceVar(&o.avoid, "avoid", nil, message.Text(message.FlagAvoid))
	f.StringVar(&o.save, "save", "", message.Text(message.FlagSave))
	f.BoolVar(&o.force, "force", false, message.Text(message.FlagForce))
	f.BoolVar(&o.asJSON, "json", false, message.Text(message.FlagJSON))
	f.StringVar(&o.reorder, "reorder", "", message.Text(message.FlagReorder))
	f.BoolVar(&o.levelStart, "level-start", false, message.Text(message.FlagLevelStart))
	f.BoolVar(&o.explain, "explain", false, message.Text(message.FlagExplain))
	_ = cmd.RegisterFlagCompletionFunc("equipment", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		out := []cobra.Completion{"none"}
		for _, q := range catalog.EquipmentIDs {
			out = append(out, string(q))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("focus", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, f := range planner.Focuses {
			out = append(out, string(f))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("reorder", a.completeRoutines)
	_ = cmd.RegisterFlagCompletionFunc("avoid", a.completeExercises)
	return cmd
}

// personalise adds what the journal knows to a plan request: exercises set
// aside after a stop or avoided, the person's levels (unless atStart) and
// their latest ratings.
func (a *app) personalise(ctx context.Context, c *catalog.Catalog, req *planner.Request, atStart bool) error {
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := person.Load(ctx, st, c, time.Now(), time.Local)
	if err != nil {
		return err
	}
	p.Personalise(c, req, atStart)
	return nil
}

// request turns the flags into a planner request, checking each value and
// suggesting the nearest known one for a mistake.
func (a *app) request(cmd *cobra.Command, o planOptions, c *catalog.Catalog) (planner.Request, error) {
	if !cmd.Flags().Changed("minutes") {
		return planner.Request{}, unhunch.E(unhunch.EInvalid, message.CLIPlanNeedMinutes, planner.MinMinutes, planner.MaxMinutes)
	}
	req := planner.Request{Minutes: o.minutes, Floor: !o.noFloor, Focus: planner.Focus(o.focus)}
	if req.Focus == "" {
		req.Focus = planner.Balanced
	}
	if req.Minutes < planner.MinMinutes || req.Minutes > planner.MaxMinutes {
		return req, unhunch.E(unhunch.EInvalid, message.CLIPlanFlag, "--minutes", message.Text(message.PlanBadMinutes, req.Minutes, planner.MinMinutes, planner.MaxMinutes))
	}
	known := make([]string, len(catalog.EquipmentIDs))
	for i, q := range catalog.EquipmentIDs {
		known[i] = string(q)
	}
	for _, s := range o.equipment {
		s = strings.TrimSpace(s)
		switch q := catalog.Equipment(s); {
		case s == "none" && len(o.equipment) == 1:
		case s == "none":
			return req, unhunch.E(unhunch.EInvalid, message.CLIPlanNoneAlone)
		case !q.Known():
			return req, invalidWithSuggestion(message.Text(message.PlanBadEquipment, s, strings.Join(known, ", ")), s, known)
		case !slices.Contains(req.Equipment, q):
			req.Equipment = append(req.Equipment, q)
		}
	}
	if !slices.Contains(planner.Focuses, req.Focus) {
		var names []string
		for _, f := range planner.Focuses {
			names = append(names, string(f))
		}
		return req, invalidWithSuggestion(message.Text(message.PlanBadFocus, o.focus, strings.Join(names, ", ")), o.focus, names)
	}
	ids := make([]string, 0, len(c.Exercises()))
	for _, e := range c.Exercises() {
		ids = append(ids, e.ID)
	}
	for _, id := range o.avoid {
		id = strings.TrimSpace(id)
		if _, ok := c.Exercise(id); !ok {
			return req, notFound(message.CLINoExercise, id, ids, "unhunch exercises")
		}
		if !slices.Contains(req.Avoid, id) {
			req.Avoid = append(req.Avoid, id)
		}
	}
	return req, nil
}

// invalidWithSuggestion is an EInvalid error for a value with a near miss.
func invalidWithSuggestion(msg, got string, known []string) error {
	if near := message.Nearest(got, known); near != "" {
		msg += ". " + message.Text(message.CLIDidYouMean, near)
	}
	return unhunch.Errorf(unhunch.EInvalid, "%s", msg)
}

// planArgs writes the flags that ask for req, for messages and files.
func planArgs(req planner.Request) string { return person.PlanArgs(req) }

func (a *app) runPlan(cmd *cobra.Command, o planOptions) error {
	c, err := a.catalog()
	if err != nil {
		return err
	}
	req, err := a.request(cmd, o, c)
	if err != nil {
		return err
	}
	target, err := a.saveTarget(c, o)
	if err != nil {
		return err
	}
	if err := a.personalise(cmd.Context(), c, &req, o.levelStart); err != nil {
		return err
	}
	res, err := planner.Plan(req, c, timeline.DefaultRules)
	if err != nil {
		return nothingFits(err, req)
	}
	id := o.save
	if id == "" {
		id = "plan"
	}
	args := planArgs(req)
	r := person.PlanRoutine(id, req, res)
	if target != "" {
		if err := a.saveRoutine(r, target, args); err != nil {
			return err
		}
	}
	cr, err := compileRoutine(c, r)
	if err != nil {
		return err
	}
	doc := api.Plan{Routine: api.NewRoutine(r, cr.steps, cr.tl, cr.fit), Plan: api.NewPlanDetail(res)}
	doc.Plan.SavedTo = target
	if o.asJSON {
		return writeTimelineJSON(a.env.Stdout, &doc, &doc.Timeline)
	}
	var why bytes.Buffer
	fmt.Fprintln(&why, message.Text(message.CLIPlanWhy))
	for i, ch := range res.Choices {
		fmt.Fprintln(&why, wrap(ch.Why, fmt.Sprintf("%2d. ", i+1), "    "))
	}
	fmt.Fprintln(&why)
	for _, s := range res.Summary {
		fmt.Fprintln(&why, wrap(s, "", ""))
	}
	if o.explain { // the planner's own figures: for people checking its choice (docs/planner.md)
		ob := res.Objective
		fmt.Fprintln(&why, wrap(message.Text(message.CLIPlanScore, ob.Total, ob.Types, ob.Areas, ob.Focus, ob.Preference, ob.Time, ob.Setup, ob.Count), "", ""))
	}
	a.printPlanned(doc.Routine, cr, why.String(), target)
	return nil
}

// printPlanned prints a planned or reordered routine as `routines show`
// does, with extra lines before its timeline, and the right hint at the end.
func (a *app) printPlanned(doc api.Routine, cr compiled, extra, saved string) {
	var buf bytes.Buffer
	printRoutine(&buf, doc, cr, false)
	out := buf.String()
	hint := message.Text(message.CLIPlanKeepHint)
	if saved != "" {
		hint = message.Text(message.CLIPlanSaved, doc.ID, saved, doc.ID)
	}
	out = strings.Replace(out, message.Text(message.CLISegmentsHint, doc.ID), wrap(hint, "", ""), 1)
	label := "\n" + message.Text(message.LabelTimeline) + "\n"
	at := strings.Index(out, label)
	if at < 0 {
		at = len(out)
	}
	w := a.env.Stdout
	io.WriteString(w, out[:at+1])
	io.WriteString(w, extra)
	io.WriteString(w, out[at:])
}

// nothingFits adds the closest plan that fits, and how to ask for it, to
// the planner's error when nothing fits.
func nothingFits(err error, req planner.Request) error {
	nf, ok := planner.AsNothingFits(err)
	if !ok {
		return err
	}
	msg := err.Error()
	if cl := nf.Closest; cl != nil {
		names := make([]string, len(cl.Choices))
		for i, ch := range cl.Choices {
			names[i] = ch.Exercise.Name
		}
		key := message.CLIPlanClosest
		if cl.Request.Floor && !req.Floor {
			key = message.CLIPlanClosestFloor
		}
		msg += " " + message.Text(key, minutesWords(cl.Request.Minutes), clock(cl.Timeline.Duration), strings.Join(names, ", "), planArgs(cl.Request))
	}
	return unhunch.Errorf(unhunch.EInvalid, "%s", msg)
}

func minutesWords(m int) string { return person.MinutesWords(m) }

// saveTarget checks --save NAME before planning and returns the file the
// plan will be written to, or "" without --save.
func (a *app) saveTarget(c *catalog.Catalog, o planOptions) (string, error) {
	if o.save == "" {
		return "", nil
	}
	for _, p := range (&catalog.Routine{ID: o.save}).Validate() {
		if p.Field == "id" {
			return "", unhunch.E(unhunch.EInvalid, message.CLIPlanFlag, "--save", p.Message)
		}
	}
	dir := a.configPath()
	if dir == "" {
		return "", unhunch.E(unhunch.EInvalid, message.CLIPlanNoConfig)
	}
	target, err := filepath.Abs(filepath.Join(dir, "plans", o.save+".yaml"))
	if err != nil {
		return "", unhunch.E(unhunch.EInternal, message.CLIPlanWrite, err)
	}
	if r, ok := c.Routine(o.save); ok {
		origin, _ := filepath.Abs(r.Origin)
		switch {
		case r.Origin == catalog.BuiltinOrigin:
			return "", unhunch.E(unhunch.EConflict, message.CLIPlanSaveBuiltin, o.save)
		case origin != target:
			return "", unhunch.E(unhunch.EConflict, message.CLIPlanSaveTaken, o.save, r.Origin)
		case !o.force:
			return "", unhunch.E(unhunch.EConflict, message.CLIPlanSaveExists, o.save, r.Origin)
		}
	} else if _, err := os.Stat(target); err == nil && !o.force {
		// A file of that name that did not load (broken, or another id).
		return "", unhunch.E(unhunch.EConflict, message.CLIPlanSaveExists, o.save, target)
	}
	return target, nil
}

// planFile is the catalog file a saved plan is written as.
type planFile struct {
	Routines []*catalog.Routine `yaml:"routines"`
}

// saveRoutine writes r to target as a catalog file, atomically, and checks
// that it loads back as routine r.ID; r.Origin becomes the file.
func (a *app) saveRoutine(r *catalog.Routine, target, args string) error {
	var buf bytes.Buffer
	buf.WriteString(message.Text(message.CLIPlanFileHeader, args) + "\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := errors.Join(enc.Encode(planFile{Routines: []*catalog.Routine{r}}), enc.Close()); err != nil {
		return unhunch.E(unhunch.EInternal, message.CLIPlanWrite, err)
	}
	data := buf.Bytes()
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return unhunch.E(unhunch.EUnavailable, message.CLIPlanWrite, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+r.ID+"-*.tmp")
	if err != nil {
		return unhunch.E(unhunch.EUnavailable, message.CLIPlanWrite, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return unhunch.E(unhunch.EUnavailable, message.CLIPlanWrite, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		os.Remove(tmp.Name())
		return unhunch.E(unhunch.EUnavailable, message.CLIPlanWrite, err)
	}
	c, _, err := a.buildCatalog("")
	if err != nil {
		return err
	}
	if got, ok := c.Routine(r.ID); !ok || got.Origin != target {
		return unhunch.E(unhunch.EInternal, message.CLIPlanNotLoaded, target)
	}
	r.Origin = target
	a.cat = c
	return nil
}

func (a *app) runReorder(cmd *cobra.Command, o planOptions) error {
	var extra []string
	for _, name := range []string{"minutes", "equipment", "no-floor", "focus", "avoid"} {
		if cmd.Flags().Changed(name) {
			extra = append(extra, "--"+name)
		}
	}
	if len(extra) > 0 {
		return unhunch.E(unhunch.EInvalid, message.CLIPlanReorderAlone, strings.Join(extra, ", "))
	}
	c, err := a.catalog()
	if err != nil {
		return err
	}
	orig, ok := c.Routine(o.reorder)
	if !ok {
		return notFound(message.CLINoRoutine, o.reorder, routineIDs(c), "unhunch routines")
	}
	target, err := a.saveTarget(c, o)
	if err != nil {
		return err
	}
	before, err := compileRoutine(c, orig)
	if err != nil {
		return err
	}
	// A routine already in a quickest order keeps it; otherwise go
	// standing, seated, floor among the quickest orders.
	order := planner.Reorder(before.steps, timeline.DefaultRules)
	if !slices.IsSorted(order) {
		order = planner.ReorderByLevel(before.steps, timeline.DefaultRules)
	}
	r := *orig
	r.Exercises = make([]catalog.Item, len(order))
	for i, k := range order {
		r.Exercises[i] = orig.Exercises[k]
	}
	r.Source = slices.Clone(orig.Source)
	if o.save != "" {
		r.ID = o.save
		if err := a.saveRoutine(&r, target, "--reorder "+orig.ID); err != nil {
			return err
		}
	}
	cr, err := compileRoutine(c, &r)
	if err != nil {
		return err
	}
	saved := before.tl.Duration - cr.tl.Duration
	detail := api.PlanDetail{Reorder: &api.PlanReorder{
		From: orig.ID, OriginalSeconds: api.Seconds(before.tl.Duration), SavedSeconds: api.Seconds(saved),
	}, SavedTo: target}
	for _, it := range orig.Exercises {
		detail.Reorder.OriginalIDs = append(detail.Reorder.OriginalIDs, it.ID)
	}
	doc := api.Plan{Routine: api.NewRoutine(&r, cr.steps, cr.tl, cr.fit), Plan: detail}
	if o.asJSON {
		return writeTimelineJSON(a.env.Stdout, &doc, &doc.Timeline)
	}
	line := message.Text(message.CLIPlanReorderNone, orig.ID, clock(before.tl.Duration))
	if saved > 0 {
		line = message.Text(message.CLIPlanReordered, orig.ID, clock(before.tl.Duration), clock(cr.tl.Duration), span(saved))
	}
	a.printPlanned(doc.Routine, cr, wrap(line, "", "")+"\n\n", target)
	return nil
}
