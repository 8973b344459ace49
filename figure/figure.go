// Package figure draws the exercise illustrations: a body with volume posed
// by joint angles in three dimensions, the props the exercises use, the
// checks that keep every pose humanly possible and true to the exercise's
// steps, and SVG drawings of it, still and animated, from the side, the
// front, the back or above.
//
// The body is a tree of rigid segments ("bones") of fixed length. A pose is a
// set of joint angles in degrees; forward kinematics turns it into points in
// the world, and a view projects them onto the picture. Each illustration is
// seen from one view, or two side by side where one cannot show the
// movement; the animation turns each bone in the picture and shortens the
// ones that point toward the viewer, so the drawing is always the projection
// of a body whose bones keep their length.
//
// The package is plain data and rules with no I/O, like catalog and dose:
// catalog.Exercise carries its illustrations, and catalog's validation calls
// Illustration.Validate, so a bad custom illustration is reported with file,
// line and field like any other catalog problem.
package figure

import (
	"go.yaml.in/yaml/v3"
)

// View is the side the figure is seen from.
type View string

// The four views.
const (
	Side  View = "side"  // seen from its right side, facing right
	Front View = "front" // facing the viewer; its right hand is on the viewer's left
	Back  View = "back"  // seen from behind; its right hand is on the viewer's right
	Top   View = "top"   // seen from above, its front toward the top of the picture
)

// Views lists every view.
var Views = []View{Side, Front, Back, Top}

// Base is the starting shape of the body: default joint angles and where the
// body rests. Keyframes change only the joints that differ from it.
type Base string

// The pose bases.
const (
	Standing   Base = "standing"
	Seated     Base = "seated"      // on a chair or stool seat
	Kneeling   Base = "kneeling"    // sitting back toward the heels
	HandsKnees Base = "hands-knees" // on hands and knees
	LyingBack  Base = "lying-back"  // on the back, knees bent, feet flat
	LyingFront Base = "lying-front" // face down
)

// Bases lists every base.
var Bases = []Base{Standing, Seated, Kneeling, HandsKnees, LyingBack, LyingFront}

// PropKind names a prop. The ids match catalog's equipment ids, plus floor.
type PropKind string

// The props.
const (
	Floor      PropKind = "floor"
	Wall       PropKind = "wall"
	Doorway    PropKind = "doorway"
	Chair      PropKind = "chair" // a chair or stool without a back rest
	FoamRoller PropKind = "foam-roller"
	Towel      PropKind = "towel" // rolled up
	Pillow     PropKind = "pillow"
	Mat        PropKind = "mat"
)

// PropKinds lists every prop.
var PropKinds = []PropKind{Floor, Wall, Doorway, Chair, FoamRoller, Towel, Pillow, Mat}

// Prop is one prop of an illustration, placed along the floor.
type Prop struct {
	Kind PropKind `json:"kind" yaml:"kind"`
	X    float64  `json:"x,omitempty" yaml:"x,omitempty"` // its middle (the face, for a wall) in body units ahead of the origin; 0 by default
}

// UnmarshalYAML reads a prop written as its kind alone ("- mat") or as a
// mapping with a kind and a position.
func (p *Prop) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		*p = Prop{Kind: PropKind(n.Value)}
		return nil
	}
	type plain Prop
	var q plain
	if err := n.Decode(&q); err != nil {
		return err
	}
	*p = Prop(q)
	return nil
}

// Part names a part of the body that can touch a prop.
type Part string

// Contact says that a part of the body must touch a prop.
type Contact struct {
	Part Part     `json:"part" yaml:"part"`
	On   PropKind `json:"on" yaml:"on"`
}

// Point names a point of the body that an illustration can pin in place or
// a target can measure.
type Point string

// Anchor pins one point of the body to a place: the rest of the body moves
// around it, so that, say, the feet stay planted while the back slides over
// a roller.
type Anchor struct {
	Point Point   `json:"point" yaml:"point"`
	X     float64 `json:"x" yaml:"x"`                     // ahead of the origin
	Y     float64 `json:"y" yaml:"y"`                     // height above the floor
	Z     float64 `json:"z,omitempty" yaml:"z,omitempty"` // toward the figure's right
}

// Joint names one joint angle of the body.
type Joint string

// Keyframe is one named pose of an illustration: the joints that differ from
// the base, the contacts that must hold in it, and the targets its steps
// set.
type Keyframe struct {
	Name     string            `json:"name" yaml:"name"`
	Joints   map[Joint]float64 `json:"joints" yaml:"joints"`
	Contacts []Contact         `json:"contacts,omitempty" yaml:"contacts,omitempty"`
	Targets  []Target          `json:"targets,omitempty" yaml:"targets,omitempty"`
}

// Inset asks for a close-up of a small movement, drawn in a circle in the
// corner of the figure: the body around a point, enlarged.
type Inset struct {
	Around Point   `json:"around" yaml:"around"`
	Zoom   float64 `json:"zoom" yaml:"zoom"` // 1.5 to 4
}

// Illustration is an exercise's figure: the view (and, where one view cannot
// show the movement, a second view drawn beside it), the base pose, the props
// and two to four keyframes the animation moves through.
type Illustration struct {
	View      View       `json:"view" yaml:"view"`
	Beside    View       `json:"beside,omitempty" yaml:"beside,omitempty"`
	Base      Base       `json:"base" yaml:"base"`
	Props     []Prop     `json:"props" yaml:"props"`
	Anchor    *Anchor    `json:"anchor,omitempty" yaml:"anchor,omitempty"`
	Contacts  []Contact  `json:"contacts,omitempty" yaml:"contacts,omitempty"` // must hold in every keyframe
	Keyframes []Keyframe `json:"keyframes" yaml:"keyframes"`
	Inset     *Inset     `json:"inset,omitempty" yaml:"inset,omitempty"`
	// Accent names the parts drawn in the accent colour, when the parts that
	// move most are not the ones that matter (the arm that threads under the
	// body, not the trunk that follows it); by default the parts that turn.
	Accent []Part `json:"accent,omitempty" yaml:"accent,omitempty"`
}

// Keyframe returns the index of the keyframe with the given name, or -1.
func (il *Illustration) Keyframe(name string) int {
	for i, k := range il.Keyframes {
		if k.Name == name {
			return i
		}
	}
	return -1
}

// Names returns the keyframes' names, in order.
func (il *Illustration) Names() []string {
	out := make([]string, len(il.Keyframes))
	for i, k := range il.Keyframes {
		out[i] = k.Name
	}
	return out
}

// Panels returns the views the illustration is drawn in, left to right.
func (il *Illustration) Panels() []View {
	if il.Beside != "" {
		return []View{il.View, il.Beside}
	}
	return []View{il.View}
}

// HasProp reports whether the illustration draws the prop. The floor is
// always drawn.
func (il *Illustration) HasProp(k PropKind) bool {
	_, ok := il.prop(k)
	return ok
}

// prop returns the illustration's prop of the given kind.
func (il *Illustration) prop(k PropKind) (Prop, bool) {
	for _, p := range il.Props {
		if p.Kind == k {
			return p, true
		}
	}
	if k == Floor {
		return Prop{Kind: Floor}, true
	}
	return Prop{}, false
}
