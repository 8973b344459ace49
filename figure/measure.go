package figure

import (
	"math"
	"slices"
)

// Measure names something a target measures on a posed body.
type Measure string

// The measures. Angles are in degrees, distances in body units.
const (
	// MeasureJoints is the sum of the named joints' angles: "neck, head" is
	// how far the head bends forward from the trunk.
	MeasureJoints Measure = "joints"
	// MeasureTilt is the slope of the line from the first point to the
	// second: 0 level, 90 straight up.
	MeasureTilt Measure = "tilt"
	// MeasureHeight is a point's height above the floor.
	MeasureHeight Measure = "height"
	// MeasureAcross is how far a point of one side lies past the middle of
	// the body, toward the other side (negative: still on its own side).
	MeasureAcross Measure = "across"
	// MeasureAhead is how far the first point is ahead of the second, along
	// the way the body faces (toward the head, for a body lying down).
	MeasureAhead Measure = "ahead"
	// MeasureApart is the distance between two points.
	MeasureApart Measure = "apart"
	// MeasureAim is the angle at the first point between the directions to
	// the second and the third: "head, nose, armpit_l" is how far the face
	// turns from the left armpit.
	MeasureAim Measure = "aim"
)

// Measures lists every measure.
var Measures = []Measure{MeasureJoints, MeasureTilt, MeasureHeight, MeasureAcross, MeasureAhead, MeasureApart, MeasureAim}

// arity returns how many names a measure takes (0: one or more joints).
func (m Measure) arity() int {
	switch m {
	case MeasureHeight, MeasureAcross:
		return 1
	case MeasureTilt, MeasureAhead, MeasureApart:
		return 2
	case MeasureAim:
		return 3
	}
	return 0
}

// Target is what a keyframe's steps ask of its pose, checked by Validate: a
// measure of the posed body that must lie within a range. Why says which
// step (and source) asks for it.
type Target struct {
	Measure Measure  `json:"measure" yaml:"measure"`
	Of      []string `json:"of" yaml:"of"`
	Min     *float64 `json:"min,omitempty" yaml:"min,omitempty"`
	Max     *float64 `json:"max,omitempty" yaml:"max,omitempty"`
	Why     string   `json:"why" yaml:"why"`
}

// measure returns the target's value on a pose with the given angles, and
// whether its names exist.
func (t *Target) measure(p *Pose, a *angles) (float64, bool) {
	if t.Measure == MeasureJoints {
		sum := 0.0
		for _, j := range t.Of {
			id, ok := jointIndex()[Joint(j)]
			if !ok {
				return 0, false
			}
			sum += a[id]
		}
		return sum, len(t.Of) > 0
	}
	n := t.Measure.arity()
	if n == 0 || len(t.Of) != n {
		return 0, false
	}
	pts := make([]V3, n)
	for i, name := range t.Of {
		v, ok := p.point(Point(name))
		if !ok {
			return 0, false
		}
		pts[i] = v
	}
	switch t.Measure {
	case MeasureHeight:
		return pts[0].Y, true
	case MeasureTilt:
		d := pts[1].sub(pts[0])
		return math.Atan2(d.Y, math.Hypot(d.X, d.Z)) * 180 / math.Pi, true
	case MeasureAcross:
		return p.across(Point(t.Of[0]), pts[0]), true
	case MeasureAhead:
		return pts[0].sub(pts[1]).dot(p.facing()), true
	case MeasureApart:
		return pts[0].dist(pts[1]), true
	case MeasureAim:
		u, v := pts[1].sub(pts[0]).unit(), pts[2].sub(pts[0]).unit()
		return math.Acos(min(max(u.dot(v), -1), 1)) * 180 / math.Pi, true
	}
	return 0, false
}

// facing returns the way the body faces, level: the horizontal part of the
// pelvis's forward and upward directions, so that it is forward for a body
// upright or on all fours and toward the head for one lying down.
func (p *Pose) facing() V3 {
	f := p.bones[bRoot].F
	v := f.axis(0).add(f.axis(1))
	v.Y = 0
	if v.len() < 1e-9 {
		return V3{1, 0, 0}
	}
	return v.unit()
}

// across returns how far a point lies past the pelvis's middle, toward the
// other side: the point's own side is told by its name.
func (p *Pose) across(name Point, v V3) float64 {
	lat := p.bones[bRoot].F.axis(2) // toward the figure's right
	d := v.sub(p.bones[bRoot].A).dot(lat)
	s := string(name)
	if len(s) > 2 && s[len(s)-2:] == "_l" {
		return d
	}
	return -d
}

// Bound returns a float64 pointer, for writing targets in Go.
func Bound(x float64) *float64 { return &x }

// knownPoint reports whether a name is a point.
func knownPoint(s string) bool { return slices.Contains(PointNames(), Point(s)) }
