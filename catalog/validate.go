package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })

// placeholder matches {word} in a cue.
var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{[^{}]*\}`) })

type problems []dose.Problem

func (ps *problems) add(field string, k message.Key, args ...any) {
	*ps = append(*ps, dose.Problem{Field: field, Message: message.Text(k, args...)})
}

func checkID(ps *problems, id string) {
	switch {
	case id == "":
		ps.add("id", message.Required)
	case len(id) > 64 || !idPattern().MatchString(id):
		ps.add("id", message.CatalogBadID, id)
	}
}

func checkText(ps *problems, field, s string) {
	if strings.TrimSpace(s) == "" {
		ps.add(field, message.Required)
	}
}

func checkList(ps *problems, field string, list []string) {
	if len(list) == 0 {
		ps.add(field, message.CatalogNeedsOne)
	}
	for i, s := range list {
		if strings.TrimSpace(s) == "" {
			ps.add(fmt.Sprintf("%s[%d]", field, i), message.CatalogEmptyLine)
		}
	}
}

func checkEquipment(ps *problems, field string, list []Equipment) {
	for i, e := range list {
		if !e.Known() {
			ps.add(fmt.Sprintf("%s[%d]", field, i), message.CatalogBadEquipment, e, equipmentList())
		}
	}
}

func equipmentList() string {
	s := make([]string, len(EquipmentIDs))
	for i, e := range EquipmentIDs {
		s[i] = string(e)
	}
	return strings.Join(s, ", ")
}

func positionList() string {
	s := make([]string, len(Positions))
	for i, p := range Positions {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// substitutable reports whether q stands in for some of the exercise's equipment.
func (e *Exercise) substitutable(q Equipment) bool {
	for _, subs := range e.Substitutes {
		if slices.Contains(subs, q) {
			return true
		}
	}
	return false
}

// Validate lists everything wrong with an exercise on its own, with fields
// relative to the exercise ("dose.hold.min"). Cross-entry rules (duplicate ids)
// are checked when a catalog is built.
func (e *Exercise) Validate() []dose.Problem {
	var ps problems
	checkID(&ps, e.ID)
	checkText(&ps, "name", e.Name)
	checkText(&ps, "purpose", e.Purpose)
	if !slices.Contains(Types, e.Type) {
		ps.add("type", message.CatalogBadType, e.Type)
	}
	if !slices.Contains(Difficulties, e.Difficulty) {
		ps.add("difficulty", message.CatalogBadDifficulty, e.Difficulty)
	}
	if len(e.Positions) == 0 {
		ps.add("positions", message.CatalogNeedsOne)
	}
	for i, p := range e.Positions {
		f := fmt.Sprintf("positions[%d]", i)
		switch {
		case !p.Known():
			ps.add(f, message.CatalogBadPosition, p, positionList())
		case slices.Index(e.Positions, p) < i:
			ps.add(f, message.CatalogDuplicate, p)
		}
	}
	checkEquipment(&ps, "equipment", e.Equipment)
	checkEquipment(&ps, "optional_equipment", e.OptionalEquipment)
	for _, k := range sortedKeys(e.Substitutes) {
		f := "substitutes." + string(k)
		if !slices.Contains(e.Equipment, k) {
			ps.add(f, message.CatalogSubstituteUnneeded, k)
		}
		checkEquipment(&ps, f, e.Substitutes[k])
	}
	d := e.Dose.Normalize()
	for _, p := range d.Validate() {
		ps = append(ps, dose.Problem{Field: "dose." + p.Field, Message: p.Message})
	}
	if v := d.Variant; v != nil {
		if v.Position != "" && !slices.Contains(e.Positions, Position(v.Position)) {
			ps.add("dose.easier.position", message.CatalogEasierPosition, v.Position)
		}
		if v.Use != "" && !e.substitutable(Equipment(v.Use)) {
			ps.add("dose.easier.use", message.CatalogEasierUse, v.Use)
		}
	}
	checkList(&ps, "steps", e.Steps)
	checkList(&ps, "cautions", e.Cautions)
	e.validateUnsuitable(&ps)
	e.validateCues(&ps, d)
	for i, s := range e.Source {
		checkText(&ps, fmt.Sprintf("source[%d].title", i), s.Title)
	}
	e.validateInPositions(&ps, d)
	e.validateIllustrations(&ps, d)
	return ps
}

func (e *Exercise) validateCues(ps *problems, d dose.Dose) {
	c := e.Cues
	need := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			ps.add("cues."+field, message.CatalogCueNeeded, d.Mode)
		}
	}
	need("intro", c.Intro)
	need("setup", c.Setup)
	switch d.Mode {
	case dose.Breath:
		need("inhale", c.Inhale)
		need("exhale", c.Exhale)
	default:
		need("move", c.Move)
	}
	if d.HasHold() && (d.Mode == dose.Reps || d.Mode == dose.Hold) {
		need("hold", c.Hold)
		need("release", c.Release)
	}
	checkCueText(ps, "cues", c, d)
	for i, p := range d.Poses {
		checkPlaceholders(ps, fmt.Sprintf("dose.poses[%d].cue", i), p.Cue, d)
	}
}

// checkCueText checks the placeholders of every cue of c, under field.
func checkCueText(ps *problems, field string, c Cues, d dose.Dose) {
	all := map[string]string{
		"intro": c.Intro, "setup": c.Setup, "move": c.Move, "hold": c.Hold, "release": c.Release,
		"inhale": c.Inhale, "exhale": c.Exhale, "switch": c.Switch,
	}
	for i, f := range c.Form {
		all[fmt.Sprintf("form[%d]", i)] = f
	}
	for _, name := range sortedKeys(all) {
		checkPlaceholders(ps, field+"."+name, all[name], d)
	}
}

// checkPlaceholders checks the placeholders of one cue: only {side} and
// {other}, and only for an exercise done on each side.
func checkPlaceholders(ps *problems, field, cue string, d dose.Dose) {
	for _, ph := range placeholder().FindAllString(cue, -1) {
		switch {
		case ph != "{side}" && ph != "{other}":
			ps.add(field, message.CatalogBadPlaceholder, ph)
		case d.Sides == dose.NoSides:
			ps.add(field, message.CatalogSidePlaceholder, ph)
		}
	}
}

// Validate lists everything wrong with a routine on its own. Whether its
// exercises exist and its amounts fit them is checked when a catalog is built.
func (r *Routine) Validate() []dose.Problem {
	var ps problems
	checkID(&ps, r.ID)
	checkText(&ps, "name", r.Name)
	if r.TimeBoxSeconds < 0 || r.TimeBoxSeconds > 3*3600 {
		ps.add("time_box_seconds", message.CatalogBadTimeBox, r.TimeBoxSeconds)
	}
	if len(r.Exercises) == 0 {
		ps.add("exercises", message.CatalogNeedsOne)
	}
	for i, it := range r.Exercises {
		if it.ID == "" {
			ps.add(fmt.Sprintf("exercises[%d].id", i), message.Required)
		}
	}
	return ps
}

// checkItem checks a routine entry against the exercise it names.
func checkItem(ps *problems, field string, it Item, e *Exercise) {
	for _, p := range e.Dose.CheckAmount(it.Amount) {
		ps.add(field+"."+p.Field, message.CatalogAmount, e.ID, p.Message)
	}
	if it.Position != "" && !slices.Contains(e.Positions, it.Position) {
		ps.add(field+".position", message.CatalogItemPosition, e.ID, it.Position, joinPositions(e.Positions))
	}
}

func joinPositions(ps []Position) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
