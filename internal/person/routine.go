package person

import (
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

// Compiled is a routine's steps compiled into a timeline, with its fit report.
type Compiled struct {
	Steps    []timeline.Step
	Timeline *timeline.Timeline
	Fit      planner.Fit
}

// Compile compiles the steps of routine r and checks them against its time box.
func Compile(steps []timeline.Step, r *catalog.Routine) (Compiled, error) {
	tl, err := timeline.Compile(steps, timeline.DefaultRules)
	if err != nil {
		return Compiled{}, err
	}
	fit, err := planner.CheckFit(steps, time.Duration(r.TimeBoxSeconds)*time.Second, timeline.DefaultRules)
	if err != nil {
		return Compiled{}, err
	}
	return Compiled{Steps: steps, Timeline: tl, Fit: fit}, nil
}

// Document is the routine document (`routines show --json`) of a routine
// prepared for the person, with the latest change of each level shown.
func Document(r *catalog.Routine, prep Routine, cr Compiled) api.Routine {
	doc := api.NewRoutine(r, cr.Steps, cr.Timeline, cr.Fit)
	for i, lv := range prep.Levels {
		if lv != nil && len(lv.Changes) > 0 {
			ch := lv.Changes[len(lv.Changes)-1]
			doc.Exercises[i].Level = &api.LevelChange{From: api.NewAmount(cr.Steps[i].Exercise, ch.From), Why: string(ch.Why), At: ch.At}
			doc.Exercises[i].Easier = EasierWords(cr.Steps[i].Exercise, lv)
		}
	}
	return doc
}

// PlanArgs writes the command-line flags that ask for req, for messages and files.
func PlanArgs(req planner.Request) string {
	args := []string{"--minutes", strconv.Itoa(req.Minutes), "--equipment"}
	if len(req.Equipment) == 0 {
		args = append(args, "none")
	} else {
		eq := make([]string, len(req.Equipment))
		for i, q := range req.Equipment {
			eq[i] = string(q)
		}
		args = append(args, strings.Join(eq, ","))
	}
	if !req.Floor {
		args = append(args, "--no-floor")
	}
	if req.Focus != "" && req.Focus != planner.Balanced {
		args = append(args, "--focus", string(req.Focus))
	}
	if len(req.Avoid) > 0 {
		args = append(args, "--avoid", strings.Join(req.Avoid, ","))
	}
	return strings.Join(args, " ")
}

// MinutesWords says a number of minutes in words: "1 minute", "5 minutes".
func MinutesWords(m int) string { return message.Count(m, message.PlanMinute, message.PlanMinutes) }

// PlanDescription says in words what a plan was asked for: "For 5 minutes
// with no equipment, off the floor; a balanced mix." (issue 14: no command
// lines in pages).
func PlanDescription(req planner.Request) string {
	needs := make([]catalog.Need, len(req.Equipment))
	for i, q := range req.Equipment {
		needs[i] = catalog.Need{Equipment: q}
	}
	floor := message.Text(message.PlanDescFloor)
	if !req.Floor {
		floor = message.Text(message.PlanDescNoFloor)
	}
	focus := req.Focus
	if focus == "" {
		focus = planner.Balanced
	}
	return message.Text(message.CLIPlanDescription, MinutesWords(req.Minutes), catalog.NeedsWords(needs), floor, message.FocusWords.Text(string(focus)))
}

// PlanRoutine is the routine record of a plan: named for its minutes, with
// id (e.g. "plan"), the request in words in its description and the plan's exercises.
func PlanRoutine(id string, req planner.Request, res planner.Result) *catalog.Routine {
	return &catalog.Routine{
		ID: id, Name: message.Text(message.CLIPlanName, MinutesWords(req.Minutes)),
		Description:    PlanDescription(req),
		TimeBoxSeconds: req.Minutes * 60, TimeBoxLabel: MinutesWords(req.Minutes),
		Exercises: res.Items(), Origin: message.Text(message.CLIPlanOrigin),
	}
}
