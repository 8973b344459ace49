package figure

import (
	"slices"
	"sync"
)

// baseSpec is a base pose: its joint angles, the point that stays where the
// base puts it, and how high: at a fixed height, or low enough that the
// body rests on the floor.
type baseSpec struct {
	joints map[Joint]float64
	anchor Point
	height float64 // when > 0, the anchor's height; otherwise the body rests on the floor
}

// The bases. Heights: a knee on the floor rests on the front of the shin
// (5.4 is the shin's radius there); a seated figure's hip joints are a
// thigh's radius above the seat.
var bases = sync.OnceValue(func() map[Base]baseSpec {
	return map[Base]baseSpec{
		Standing: {joints: map[Joint]float64{"shoulder_out_l": 7, "shoulder_out_r": 7}, anchor: "ankle_r"},
		Seated: {joints: map[Joint]float64{"hip_l": 90, "hip_r": 90, "knee_l": 90, "knee_r": 90,
			"hip_out_l": 4, "hip_out_r": 4, "shoulder_out_l": 7, "shoulder_out_r": 7}, anchor: "hips", height: SeatHeight + 10.5},
		Kneeling: {joints: map[Joint]float64{"knee_l": 95, "knee_r": 95, "ankle_l": -48, "ankle_r": -48,
			"shoulder_out_l": 7, "shoulder_out_r": 7}, anchor: "knee_r", height: 5.4},
		HandsKnees: {joints: map[Joint]float64{"pelvis": 81, "hip_l": 81, "hip_r": 81, "knee_l": 95, "knee_r": 95,
			"ankle_l": -48, "ankle_r": -48, "shoulder_l": 81, "shoulder_r": 81, "wrist_l": 90, "wrist_r": 90}, anchor: "knee_r", height: 5.4},
		LyingBack: {joints: map[Joint]float64{"pelvis": -90, "hip_l": 45, "hip_r": 45, "knee_l": 109, "knee_r": 109, "ankle_l": -30.5, "ankle_r": -30.5},
			anchor: "hips"},
		LyingFront: {joints: map[Joint]float64{"pelvis": 90, "ankle_l": -50, "ankle_r": -50}, anchor: "hips"},
	}
})

// baseAngles returns the joint angles of a base.
func baseAngles(b Base) (angles, bool) {
	spec, ok := bases()[b]
	if !ok {
		return angles{}, false
	}
	var a angles
	for j, x := range spec.joints {
		a[jointIndex()[j]] = x
	}
	return a, true
}

// placement is where an illustration pins the body: a point and its place.
type placement struct {
	point Point
	at    V3
}

// placement returns where the body is pinned: the anchor, or the base's own
// point at its height (or resting on the floor), under the origin.
func (il *Illustration) placement() (placement, bool) {
	if !slices.Contains(Bases, il.Base) {
		return placement{}, false
	}
	if a := il.Anchor; a != nil {
		if _, ok := pointTable()[a.Point]; !ok {
			return placement{}, false
		}
		return placement{a.Point, V3{a.X, a.Y, a.Z}}, true
	}
	spec := bases()[il.Base]
	a, _ := baseAngles(il.Base)
	p := forward(&a)
	pt, _ := p.point(spec.anchor)
	at := V3{0, spec.height, pt.Z}
	if spec.height <= 0 {
		at.Y = pt.Y - p.lowest()
	}
	return placement{spec.anchor, at}, true
}

// angles returns keyframe i's joint angles: the base's, changed by the
// keyframe's own.
func (il *Illustration) angles(i int) angles {
	a, _ := baseAngles(il.Base)
	for j, v := range il.Keyframes[i].Joints {
		if id, ok := jointIndex()[j]; ok && finite(v) {
			a[id] = v
		}
	}
	return a
}

// pose poses the body with the given angles where the illustration pins it.
func (il *Illustration) pose(a *angles, pl placement) Pose {
	p := forward(a)
	pt, _ := p.point(pl.point)
	p.shift(pl.at.sub(pt))
	return p
}

// Frame returns keyframe i posed in the world.
func (il *Illustration) Frame(i int) (Pose, bool) {
	if i < 0 || i >= len(il.Keyframes) {
		return Pose{}, false
	}
	pl, ok := il.placement()
	if !ok {
		return Pose{}, false
	}
	a := il.angles(i)
	return il.pose(&a, pl), true
}

// Bone is one bone of a pose as the tests see it: its name, its ends in the
// world and its length in the model.
type Bone struct {
	Name   string
	A, B   V3
	Length float64
}

// Bones lists the pose's bones.
func (p *Pose) Bones() []Bone {
	spec := bones()
	out := make([]Bone, len(spec))
	for i := range spec {
		out[i] = Bone{Name: spec[i].name, A: p.bones[i].A, B: p.bones[i].B, Length: spec[i].vec.len()}
	}
	return out
}

// Point returns a named point of the pose, and whether the name exists.
func (p *Pose) Point(name Point) (V3, bool) { return p.point(name) }

// Lowest returns the lowest height the body's surface reaches.
func (p *Pose) Lowest() float64 { return p.lowest() }
