package figure

import (
	"math"
	"slices"
	"sync"
)

// Body units: the figure is 180 units tall standing, so a unit is about a
// centimetre of a person 1.8 m tall. The floor is y = 0 and y grows upward.
const (
	// Stroke is the one stroke width of every line, figure and props alike.
	Stroke = 7.0
	// Radius is half the stroke: how far a body line's edge lies from its
	// centre line, so a limb lying on the floor has its centre line at Radius.
	Radius = Stroke / 2
	// HeadRadius is the radius of the head.
	HeadRadius = 11.5
	// Tolerance is how far, in body units, a contact may miss its prop and a
	// body line may dip into the floor or a solid prop.
	Tolerance = 3.0
)

// Segment lengths in body units, from the proportions of body segments to
// standing height in D. A. Winter, Biomechanics and Motor Control of Human
// Movement (after Drillis and Contini), for a height of 180.
const (
	lenTrunk      = 18.0 // each of the three trunk segments (hip joints to the base of the neck, 0.30 H)
	lenNeck       = 9.0
	lenHead       = 9.0 // from the top of the neck to the centre of the head
	lenUpperArm   = 33.0
	lenForearm    = 26.0
	lenHand       = 12.0 // drawn to the middle of the fingers
	lenThigh      = 44.0
	lenShin       = 44.0
	lenFootSide   = 20.0 // ankle to toes
	lenFootFront  = 12.0 // the foot as seen from the front: a short stub
	lenGirdleSide = 8.0  // base of the neck to the shoulder joint, as seen from the side
	lenGirdle     = 18.0 // base of the neck to the shoulder joint, from the front
	lenPelvis     = 9.0  // middle of the pelvis to a hip joint, from the front
)

// side is which half of the body a bone belongs to.
type side int

const (
	mid side = iota
	left
	right
)

// term is one joint's share of a bone's rotation.
type term struct {
	j jointID
	k float64
}

// boneSpec is one bone of the body tree: its rotation relative to its parent
// is c plus a sum of joint angles times ±1, so rotations are linear in the
// joint angles, and interpolating angles interpolates rotations.
type boneSpec struct {
	name   string
	parent int // index into the bone list; -1 for the root
	length float64
	side   side
	c      float64
	terms  []term
}

// rel returns the bone's rotation relative to its parent.
func (b *boneSpec) rel(a *angles) float64 {
	r := b.c
	for _, t := range b.terms {
		r += t.k * a[t.j]
	}
	return r
}

// angles holds one value for every joint.
type angles [numJoints]float64

// Bone indices shared by every model; both models list the trunk first.
const (
	bRoot = iota
	bLumbar
	bMidback
	bUpperback
	bNeck
	bHead
)

// model is the body as drawn in one view.
type model struct {
	bones  []boneSpec
	points map[Point]int // a named point is the end of a bone
}

// lr returns the joint for a side.
func lr(s side, l, r jointID) jointID {
	if s == left {
		return l
	}
	return r
}

func newModel(frontal, seated bool) *model {
	m := &model{points: map[Point]int{}}
	add := func(b boneSpec) int {
		m.bones = append(m.bones, b)
		return len(m.bones) - 1
	}
	sign := 1.0 // + turns the trunk forward (side) or toward the person's left (front)
	if frontal {
		sign = -1
	}
	add(boneSpec{name: "root", parent: -1, terms: []term{{jPelvis, sign}}})
	add(boneSpec{name: "lumbar", parent: bRoot, length: lenTrunk, terms: []term{{jLumbar, sign}}})
	add(boneSpec{name: "midback", parent: bLumbar, length: lenTrunk, terms: []term{{jMidback, sign}}})
	add(boneSpec{name: "upperback", parent: bMidback, length: lenTrunk, terms: []term{{jUpperback, sign}}})
	add(boneSpec{name: "neck", parent: bUpperback, length: lenNeck, terms: []term{{jNeck, sign}}})
	add(boneSpec{name: "head", parent: bNeck, length: lenHead, terms: []term{{jHead, sign}}})
	m.points["hips"] = bRoot
	m.points["head"] = bHead
	for _, s := range []side{left, right} {
		sfx := "_l"
		if s == right {
			sfx = "_r"
		}
		// In the front view the person's left is on the viewer's right (+x);
		// k is the direction abduction turns that side's limbs.
		k := 1.0
		if s == right {
			k = -1
		}
		var girdle, hip int
		if frontal {
			girdle = add(boneSpec{name: "girdle" + sfx, parent: bUpperback, length: lenGirdle, side: s,
				c: k * 100, terms: []term{{lr(s, jGirdleL, jGirdleR), -k}}})
			arm := add(boneSpec{name: "upper_arm" + sfx, parent: girdle, length: lenUpperArm, side: s,
				c: 180 - k*100, terms: []term{{lr(s, jShoulderL, jShoulderR), -k}, {lr(s, jGirdleL, jGirdleR), k}}})
			fore := add(boneSpec{name: "forearm" + sfx, parent: arm, length: lenForearm, side: s,
				terms: []term{{lr(s, jElbowL, jElbowR), -k}}})
			hand := add(boneSpec{name: "hand" + sfx, parent: fore, length: lenHand, side: s,
				terms: []term{{lr(s, jWristL, jWristR), -k}}})
			pelvis := add(boneSpec{name: "pelvis" + sfx, parent: bRoot, length: lenPelvis, side: s, c: k * 90})
			thighLen := lenThigh
			if seated {
				thighLen = 0 // the thigh points at the viewer
			}
			hip = add(boneSpec{name: "thigh" + sfx, parent: pelvis, length: thighLen, side: s,
				c: 180 - k*90, terms: []term{{lr(s, jHipL, jHipR), -k}}})
			shin := add(boneSpec{name: "shin" + sfx, parent: hip, length: lenShin, side: s,
				terms: []term{{lr(s, jKneeL, jKneeR), -k}}})
			foot := add(boneSpec{name: "foot" + sfx, parent: shin, length: lenFootFront, side: s,
				c: -k * 55, terms: []term{{lr(s, jAnkleL, jAnkleR), -k}}})
			m.points[Point("elbow"+sfx)] = arm
			m.points[Point("wrist"+sfx)] = fore
			m.points[Point("fingers"+sfx)] = hand
			m.points[Point("ankle"+sfx)] = shin
			m.points[Point("toe"+sfx)] = foot
		} else {
			girdle = add(boneSpec{name: "girdle" + sfx, parent: bUpperback, length: lenGirdleSide, side: s,
				c: 150, terms: []term{{lr(s, jGirdleL, jGirdleR), -1}}})
			arm := add(boneSpec{name: "upper_arm" + sfx, parent: girdle, length: lenUpperArm, side: s,
				c: 30, terms: []term{{lr(s, jShoulderL, jShoulderR), -1}, {lr(s, jGirdleL, jGirdleR), 1}}})
			fore := add(boneSpec{name: "forearm" + sfx, parent: arm, length: lenForearm, side: s,
				terms: []term{{lr(s, jElbowL, jElbowR), -1}}})
			hand := add(boneSpec{name: "hand" + sfx, parent: fore, length: lenHand, side: s,
				terms: []term{{lr(s, jWristL, jWristR), -1}}})
			hip = add(boneSpec{name: "thigh" + sfx, parent: bRoot, length: lenThigh, side: s,
				c: 180, terms: []term{{lr(s, jHipL, jHipR), -1}}})
			shin := add(boneSpec{name: "shin" + sfx, parent: hip, length: lenShin, side: s,
				terms: []term{{lr(s, jKneeL, jKneeR), 1}}})
			foot := add(boneSpec{name: "foot" + sfx, parent: shin, length: lenFootSide, side: s,
				c: -70, terms: []term{{lr(s, jAnkleL, jAnkleR), -1}}})
			m.points[Point("elbow"+sfx)] = arm
			m.points[Point("wrist"+sfx)] = fore
			m.points[Point("fingers"+sfx)] = hand
			m.points[Point("ankle"+sfx)] = shin
			m.points[Point("toe"+sfx)] = foot
		}
		m.points[Point("shoulder"+sfx)] = girdle
		m.points[Point("knee"+sfx)] = hip
	}
	return m
}

// models are built on first use, so that programs that never draw pay
// nothing at start-up.
var models = sync.OnceValue(func() [2][2]*model {
	return [2][2]*model{
		{newModel(false, false), newModel(false, true)},
		{newModel(true, false), newModel(true, true)},
	}
})

// modelFor returns the body model an illustration is drawn with.
func modelFor(v View, b Base) *model {
	f, s := 0, 0
	if v.frontal() {
		f = 1
	}
	if b == Seated {
		s = 1
	}
	return models()[f][s]
}

// Vec is a point or a direction in body units, y up.
type Vec struct{ X, Y float64 }

func (a Vec) add(b Vec) Vec       { return Vec{a.X + b.X, a.Y + b.Y} }
func (a Vec) sub(b Vec) Vec       { return Vec{a.X - b.X, a.Y - b.Y} }
func (a Vec) scale(k float64) Vec { return Vec{a.X * k, a.Y * k} }
func (a Vec) dot(b Vec) float64   { return a.X*b.X + a.Y*b.Y }
func (a Vec) dist(b Vec) float64  { return math.Hypot(a.X-b.X, a.Y-b.Y) }
func heading(deg float64, l float64) Vec {
	r := deg * math.Pi / 180
	return Vec{l * math.Sin(r), l * math.Cos(r)}
}

// Bone is one posed segment: its name, its ends and its absolute heading in
// degrees (0 points up, 90 points right).
type Bone struct {
	Name    string
	A, B    Vec
	Heading float64
	Length  float64 // the model's length for this bone
	Far     bool    // on the far side in a side view, drawn lighter and behind
}

// Body is the figure in one pose, in world coordinates.
type Body struct {
	Bones []Bone // in model order; Bones[0] is the root, of length 0
	Head  Vec    // centre of the head circle, of radius HeadRadius
}

// pose computes the world pose of a figure with the given joint angles:
// forward kinematics from the root at the origin, then a shift that puts the
// anchor point at its place, then the mirror image for the back view.
func pose(m *model, a *angles, anchorBone int, at Vec, mirror bool) Body {
	bones := make([]Bone, len(m.bones))
	for i := range m.bones {
		b := &m.bones[i]
		var start Vec
		h := b.rel(a)
		if b.parent >= 0 {
			p := bones[b.parent]
			start = p.B
			h += p.Heading
		}
		bones[i] = Bone{Name: b.name, A: start, B: start.add(heading(h, b.length)), Heading: h, Length: b.length, Far: b.side == left}
	}
	shift := at.sub(bones[anchorBone].B)
	for i := range bones {
		bones[i].A = bones[i].A.add(shift)
		bones[i].B = bones[i].B.add(shift)
		if mirror {
			bones[i].A.X = 2*at.X - bones[i].A.X
			bones[i].B.X = 2*at.X - bones[i].B.X
			bones[i].Heading = -bones[i].Heading
		}
	}
	return Body{Bones: bones, Head: bones[bHead].B}
}

// baseSpec is a base pose: its joint angles, the point that rests where it
// is put, and whether that point is put on the floor (the body resting on
// its lowest point) or at a fixed height.
type baseSpec struct {
	side, front map[Joint]float64 // joint angles in each view; nil: the base has no such view
	anchor      Point             // in the side view
	frontAnchor Point             // in the front and back views, when different
	height      float64           // when > 0, the anchor's height; otherwise the body rests on the floor
}

// SeatHeight is the height of the top of a chair or stool seat.
const SeatHeight = 51.0

var bases = map[Base]baseSpec{
	Standing: {side: map[Joint]float64{}, front: map[Joint]float64{}, anchor: "ankle_r", frontAnchor: "hips"},
	Seated: {side: map[Joint]float64{"hip_l": 90, "hip_r": 90, "knee_l": 90, "knee_r": 90},
		front: map[Joint]float64{}, anchor: "hips", height: SeatHeight + Radius},
	Kneeling: {side: map[Joint]float64{"hip_l": 50, "hip_r": 50, "knee_l": 158, "knee_r": 158, "ankle_l": -7, "ankle_r": -7},
		anchor: "knee_r", height: Radius},
	HandsKnees: {side: map[Joint]float64{"pelvis": 67, "hip_l": 67, "hip_r": 67, "knee_l": 96, "knee_r": 96,
		"ankle_l": -50, "ankle_r": -50, "shoulder_l": 67, "shoulder_r": 67, "wrist_l": 88, "wrist_r": 88},
		anchor: "knee_r", height: Radius},
	LyingBack: {side: map[Joint]float64{"pelvis": -90, "hip_l": 60, "hip_r": 60, "knee_l": 110, "knee_r": 110, "ankle_l": 0, "ankle_r": 0},
		anchor: "hips", height: Radius},
	LyingFront: {side: map[Joint]float64{"pelvis": 90, "ankle_l": -50, "ankle_r": -50}, anchor: "hips", height: Radius},
}

// baseAngles returns the joint angles of a base in a view.
func baseAngles(v View, b Base) (angles, bool) {
	spec, ok := bases[b]
	if !ok {
		return angles{}, false
	}
	src := spec.side
	if v.frontal() {
		src = spec.front
	}
	if src == nil {
		return angles{}, false
	}
	var a angles
	for j, x := range src {
		a[jointIndex[j]] = x
	}
	return a, true
}

// placement returns the anchor bone and where its end goes.
func (il *Illustration) placement() (int, Vec, bool) {
	if !slices.Contains(Views, il.View) {
		return 0, Vec{}, false
	}
	if _, ok := baseAngles(il.View, il.Base); !ok {
		return 0, Vec{}, false
	}
	m := modelFor(il.View, il.Base)
	if il.Anchor != nil {
		b, ok := m.points[il.Anchor.Point]
		return b, Vec{il.Anchor.X, il.Anchor.Y}, ok
	}
	spec, ok := bases[il.Base]
	if !ok {
		return 0, Vec{}, false
	}
	b := m.points[spec.anchor]
	if il.View.frontal() && spec.frontAnchor != "" {
		b = m.points[spec.frontAnchor]
	}
	if spec.height > 0 {
		return b, Vec{0, spec.height}, true
	}
	a, ok := baseAngles(il.View, il.Base)
	if !ok {
		return 0, Vec{}, false
	}
	body := pose(m, &a, b, Vec{}, false)
	return b, Vec{0, Radius - body.lowest()}, true
}

// lowest returns the lowest y any line or the head reaches, edges excluded.
func (b *Body) lowest() float64 {
	low := b.Head.Y - HeadRadius + Radius
	for _, x := range b.Bones[1:] {
		if x.Length == 0 {
			continue
		}
		low = min(low, x.A.Y, x.B.Y)
	}
	return low
}

// PointNames lists the points an anchor may name.
func PointNames() []Point {
	out := make([]Point, 0, 16)
	for _, p := range []string{"hips", "head"} {
		out = append(out, Point(p))
	}
	for _, p := range []string{"shoulder", "elbow", "wrist", "fingers", "knee", "ankle", "toe"} {
		out = append(out, Point(p+"_l"), Point(p+"_r"))
	}
	return out
}
