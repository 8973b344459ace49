// Package catalog holds the exercises and routines unhunch knows: their
// records, the rules a valid record follows, the built-in
// content embedded from YAML, and the merging of people's own files with it.
//
// It does no I/O of its own: files arrive as bytes or through an fs.FS.
package catalog

import (
	"slices"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/figure"
)

// Position is a body position an exercise is done in.
type Position string

// The positions exercises use.
const (
	Standing        Position = "standing"
	StandingWall    Position = "standing-wall"    // back against a wall
	StandingDoorway Position = "standing-doorway" // in a doorway, forearms on the frame
	Seated          Position = "seated"
	FloorBack       Position = "floor-back"        // lying on your back
	FloorFront      Position = "floor-front"       // lying face down
	FloorKneeling   Position = "floor-kneeling"    // kneeling, sitting back on the heels
	FloorHandsKnees Position = "floor-hands-knees" // on hands and knees
)

// Positions lists every position, standing first and floor last.
var Positions = []Position{Standing, StandingWall, StandingDoorway, Seated, FloorBack, FloorFront, FloorKneeling, FloorHandsKnees}

// Level is how high off the ground a position is; changing level takes longer
// than changing position within a level.
type Level int

// Levels, in the order a routine best visits them.
const (
	LevelStanding Level = iota
	LevelSeated
	LevelFloor
)

// Level returns the position's level.
func (p Position) Level() Level {
	switch p {
	case Seated:
		return LevelSeated
	case FloorBack, FloorFront, FloorKneeling, FloorHandsKnees:
		return LevelFloor
	}
	return LevelStanding
}

// Known reports whether p is one of Positions.
func (p Position) Known() bool { return slices.Contains(Positions, p) }

// Equipment is an item an exercise needs.
type Equipment string

// The equipment ids of the public interface.
const (
	FoamRoller Equipment = "foam-roller"
	Towel      Equipment = "towel"
	Wall       Equipment = "wall"
	Doorway    Equipment = "doorway"
	Chair      Equipment = "chair"
	Pillow     Equipment = "pillow"
	Mat        Equipment = "mat"
)

// EquipmentIDs lists every equipment id.
var EquipmentIDs = []Equipment{FoamRoller, Towel, Wall, Doorway, Chair, Pillow, Mat}

// Known reports whether e is one of EquipmentIDs.
func (e Equipment) Known() bool { return slices.Contains(EquipmentIDs, e) }

// Type is the main kind of work an exercise does.
type Type string

// Exercise types.
const (
	Mobility   Type = "mobility"
	Stretch    Type = "stretch"
	Activation Type = "activation"
	Strengthen Type = "strengthen"
	Posture    Type = "posture"
)

// Types lists every exercise type.
var Types = []Type{Mobility, Stretch, Activation, Strengthen, Posture}

// Difficulty is how demanding an exercise is for a beginner.
type Difficulty string

// Difficulties, easiest first.
const (
	Easy     Difficulty = "easy"
	Moderate Difficulty = "moderate"
	Harder   Difficulty = "harder"
)

// Difficulties lists every difficulty, easiest first.
var Difficulties = []Difficulty{Easy, Moderate, Harder}

// Source names where an exercise's or routine's facts come from.
type Source struct {
	Seed  string `json:"seed" yaml:"seed"`                     // file name of the seed article
	Title string `json:"title" yaml:"title"`                   // the article's title
	Item  int    `json:"item,omitempty" yaml:"item,omitempty"` // the exercise's number in it
}

// Cues are the short lines spoken and shown while an exercise plays.
// {side} and {other} stand for "right" and "left" on one-sided exercises.
type Cues struct {
	Intro   string   `json:"intro" yaml:"intro"`                         // announcing the exercise
	Setup   string   `json:"setup" yaml:"setup"`                         // getting into position
	Move    string   `json:"move,omitempty" yaml:"move,omitempty"`       // moving, or one repetition
	Hold    string   `json:"hold,omitempty" yaml:"hold,omitempty"`       // while holding
	Release string   `json:"release,omitempty" yaml:"release,omitempty"` // coming out of a hold
	Inhale  string   `json:"inhale,omitempty" yaml:"inhale,omitempty"`   // breathing in
	Exhale  string   `json:"exhale,omitempty" yaml:"exhale,omitempty"`   // breathing out
	Switch  string   `json:"switch,omitempty" yaml:"switch,omitempty"`   // changing sides
	Form    []string `json:"form,omitempty" yaml:"form,omitempty"`       // extra coaching lines
}

// Exercise is one exercise record.
type Exercise struct {
	ID                string                    `json:"id" yaml:"id"`
	Name              string                    `json:"name" yaml:"name"`
	Aliases           []string                  `json:"aliases" yaml:"aliases,omitempty"`
	Purpose           string                    `json:"purpose" yaml:"purpose"`
	Targets           []string                  `json:"targets" yaml:"targets,omitempty"`
	Type              Type                      `json:"type" yaml:"type"`
	Tags              []string                  `json:"tags" yaml:"tags,omitempty"`
	Difficulty        Difficulty                `json:"difficulty" yaml:"difficulty"`
	Positions         []Position                `json:"positions" yaml:"positions"`
	Equipment         []Equipment               `json:"equipment" yaml:"equipment"`
	Substitutes       map[Equipment][]Equipment `json:"substitutes" yaml:"substitutes,omitempty"`
	OptionalEquipment []Equipment               `json:"optional_equipment" yaml:"optional_equipment,omitempty"`
	Dose              dose.Dose                 `json:"dose" yaml:"dose"`
	Steps             []string                  `json:"steps" yaml:"steps"`
	Cues              Cues                      `json:"cues" yaml:"cues"`
	Mistakes          []string                  `json:"mistakes" yaml:"mistakes,omitempty"`
	Cautions          []string                  `json:"cautions" yaml:"cautions"`
	UnsuitableFor     []Unsuitable              `json:"unsuitable_for" yaml:"unsuitable_for,omitempty"` // conditions that keep it out; catalog/condition.go
	Source            []Source                  `json:"source" yaml:"source,omitempty"`
	Illustration      *figure.Illustration      `json:"illustration,omitempty" yaml:"illustration,omitempty"`   // the figure for every position without its own; docs/illustrations.md
	Illustrations     []PositionIllustration    `json:"illustrations,omitempty" yaml:"illustrations,omitempty"` // figures for particular positions
	InPositions       []InPosition              `json:"in_positions,omitempty" yaml:"in_positions,omitempty"`   // steps and cues for particular positions
	Origin            string                    `json:"origin" yaml:"-"`                                        // "built-in" or the file it came from
}

// Sides returns how the exercise treats the sides of the body.
func (e *Exercise) Sides() dose.Sides { return e.Dose.Normalize().Sides }

// NeedsFloor reports whether every position of the exercise is on the floor.
func (e *Exercise) NeedsFloor() bool {
	for _, p := range e.Positions {
		if p.Level() != LevelFloor {
			return false
		}
	}
	return true
}

// Item is one entry of a routine: an exercise and, optionally, the amount and
// position chosen for it. Zero fields mean the exercise's starting dose and
// its first position.
type Item struct {
	ID          string `json:"id" yaml:"id"`
	dose.Amount `yaml:",inline"`
	Position    Position `json:"position,omitempty" yaml:"position,omitempty"`
	// Round is the round the entry belongs to: 0 (or 1) for the first
	// time through the routine, 2 for a second time through the same
	// exercises (a plan's second round), and so on up to MaxRound; rounds
	// never go down along the list.
	Round int `json:"round,omitempty" yaml:"round,omitempty"`
}

// MaxRound is the highest round a routine entry may name.
const MaxRound = 9

// Routine is an ordered list of exercises with a time box.
type Routine struct {
	ID             string   `json:"id" yaml:"id"`
	Name           string   `json:"name" yaml:"name"`
	Description    string   `json:"description" yaml:"description,omitempty"`
	TimeBoxSeconds int      `json:"time_box_seconds" yaml:"time_box_seconds,omitempty"` // 0: no time box
	TimeBoxLabel   string   `json:"time_box_label,omitempty" yaml:"time_box_label,omitempty"`
	Frequency      string   `json:"frequency,omitempty" yaml:"frequency,omitempty"`
	Exercises      []Item   `json:"exercises" yaml:"exercises"`
	Source         []Source `json:"source" yaml:"source,omitempty"`
	Origin         string   `json:"origin" yaml:"-"`
}

// File is the content of one catalog YAML file.
type File struct {
	Exercises []Exercise `yaml:"exercises"`
	Routines  []Routine  `yaml:"routines"`
}

// Catalog is a checked, merged set of exercises and routines. Every routine
// in it names only exercises in it, with amounts their doses allow.
type Catalog struct {
	exercises []*Exercise
	routines  []*Routine
	exByID    map[string]*Exercise
	rtByID    map[string]*Routine
}

// Exercises returns every exercise, built-ins first, each group in load order.
func (c *Catalog) Exercises() []*Exercise { return c.exercises }

// Routines returns every routine, built-ins first, each group in load order.
func (c *Catalog) Routines() []*Routine { return c.routines }

// Exercise returns the exercise with the given id.
func (c *Catalog) Exercise(id string) (*Exercise, bool) {
	e, ok := c.exByID[id]
	return e, ok
}

// Routine returns the routine with the given id.
func (c *Catalog) Routine(id string) (*Routine, bool) {
	r, ok := c.rtByID[id]
	return r, ok
}
