package figure

import (
	"math"
	"sync"
)

// Body units: the figure is 180 units tall standing, so a unit is about a
// centimetre of a person 1.8 m tall. The floor is y = 0 and y grows upward.
const (
	// HeadRadius is the radius of the head.
	HeadRadius = 10.5
	// Tolerance is how far, in body units, a contact may miss its prop and
	// the body's surface may sink into the floor or a solid prop (a body is
	// soft).
	Tolerance = 3.0
)

// side is which half of the body a bone belongs to.
type side int

const (
	mid side = iota
	left
	right
)

// sign is +1 for the right side (+z), -1 for the left.
func (s side) sign() float64 {
	if s == left {
		return -1
	}
	return 1
}

// shapeKind is how a bone is drawn.
type shapeKind int

const (
	shapeNone  shapeKind = iota // not drawn: a link inside the body
	shapeLimb                   // a tapered capsule along the bone
	shapeHead                   // a ball at the bone's end: the skull
	shapeFace                   // a ball at the bone's end, lighter: the face
	shapeBlade                  // a shoulder blade at the bone's end, seen from behind
)

// shape is a bone's volume: a capsule from p0 to p1 (in the bone's frame,
// from its start; by default the bone itself), whose cross-section is an
// ellipse with half-depth d (along the frame's x, front to back) and
// half-width w (along z, side to side), at p0 and at p1. Limbs are round
// (d = w).
type shape struct {
	kind   shapeKind
	d0, d1 float64
	w0, w1 float64
	p0, p1 V3
	own    bool // p0 and p1 are set; otherwise they are the bone's ends
}

// limb is a round tapered capsule.
func limb(r0, r1 float64) shape { return shape{kind: shapeLimb, d0: r0, d1: r1, w0: r0, w1: r1} }

// trunk is a trunk segment: a capsule from p0 to p1, deeper or wider than
// round.
func trunk(p0, p1 V3, d0, d1, w0, w1 float64) shape {
	return shape{kind: shapeLimb, d0: d0, d1: d1, w0: w0, w1: w1, p0: p0, p1: p1, own: true}
}

// chain groups bones that are drawn together and share a tone.
type chain int

const (
	chTrunk chain = iota
	chNeck
	chHead
	chBlades
	chArmL
	chArmR
	chLegL
	chLegR
	numChains
)

// boneSpec is one bone of the body tree. Its frame is its frame parent's
// frame turned by rot (the joint angles); the bone runs from where its
// parent ends (or starts, when atStart) along vec, given in that frame.
type boneSpec struct {
	name    string
	parent  int // where the bone starts: the parent's end, or its start; -1 for the root
	atStart bool
	frame   int // whose frame the joint turns from; the parent unless set otherwise
	vec     V3  // the bone with every joint at 0, in the frame
	side    side
	chain   chain
	rot     func(a *angles) M3
	shape   shape
}

// Bone indices.
const (
	bRoot = iota
	bPelvis
	bLumbar
	bMidback
	bUpperback
	bNeck
	bHead
	bFace
	bGirdleL
	bGirdleR
	bBladeL
	bBladeR
	bUpperArmL
	bUpperArmR
	bForearmL
	bForearmR
	bHandL
	bHandR
	bHipLinkL
	bHipLinkR
	bThighL
	bThighR
	bShinL
	bShinR
	bFootL
	bFootR
	numBones
)

// Segment lengths in body units, from the proportions of body segments to
// standing height in D. A. Winter, Biomechanics and Motor Control of Human
// Movement (after Drillis and Contini), for a height of 180; the offsets of
// the spine from the hip joints and the shoulders are ours.
const (
	lenTrunk    = 15.0 // each of the lumbar, middle and upper back
	lenUpperArm = 30.0
	lenForearm  = 25.5
	lenHand     = 14.0 // wrist to the fingertips, drawn tapering
	lenThigh    = 44.0
	lenShin     = 44.0
	hipHalf     = 9.0  // middle of the pelvis to a hip joint
	ankleHeight = 8.0  // the ankle joint above the floor, standing
	SeatHeight  = 42.0 // the top of a chair seat
)

var (
	vecPelvis = V3{-0.5, 8.5, 0} // hip joints' middle to the middle of the trunk's base, above
	vecNeck   = V3{-4.5, 9, 0}   // middle of the trunk's top to the top of the neck, past the base of the neck behind
	spineBack = V3{-7, 0, 0}     // from the trunk's middle line back to the spine
	vecHead   = V3{3, 8.5, 0}    // top of the neck to the centre of the head
	vecFace   = V3{6, -1.5, 0}   // centre of the head to the centre of the face
	vecFoot   = V3{16.5, -4, 0}
	vecHeel   = V3{-4.5, -4.5, 0}
)

// girdleVec is the middle of the trunk's top to a shoulder joint, and
// bladeVec the same point to the middle of a shoulder blade; s is the
// side's sign.
func girdleVec(s float64) V3 { return V3{-3, -3, 17 * s} }
func bladeVec(s float64) V3  { return V3{-16, -12, 12.5 * s} }

// skeleton builds the body tree.
func skeleton() []boneSpec {
	b := make([]boneSpec, numBones)
	fixed := func(*angles) M3 { return identity }
	set := func(i int, s boneSpec) {
		if s.rot == nil {
			s.rot = fixed
		}
		if s.frame == 0 && i != bRoot {
			s.frame = s.parent
		}
		b[i] = s
	}
	set(bRoot, boneSpec{name: "root", parent: -1, frame: -1, chain: chTrunk,
		rot: func(a *angles) M3 { return rotZ(-a[jPelvis]).mul(rotX(a[jPelvisSide])) }})
	set(bPelvis, boneSpec{name: "pelvis", parent: bRoot, atStart: true, vec: vecPelvis, chain: chTrunk,
		shape: trunk(V3{-3, 0, 0}, V3{-3.5, 5, 0}, 10.5, 10, 16.5, 15)})
	spine := func(j jointID, share float64) func(a *angles) M3 {
		return func(a *angles) M3 {
			return rotZ(-a[j]).mul(rotX(a[jTrunkSide] / 3)).mul(rotY(-a[jTrunkTwist] * share))
		}
	}
	set(bLumbar, boneSpec{name: "lumbar", parent: bPelvis, vec: V3{0, lenTrunk, 0}, chain: chTrunk, rot: spine(jLumbar, 0.2),
		shape: trunk(V3{-0.5, 0, 0}, V3{-0.25, lenTrunk, 0}, 10, 9.75, 14, 13)})
	set(bMidback, boneSpec{name: "midback", parent: bLumbar, vec: V3{0, lenTrunk, 0}, chain: chTrunk, rot: spine(jMidback, 0.4),
		shape: trunk(V3{0.25, 0, 0}, V3{0.75, lenTrunk, 0}, 9.75, 11.75, 13.5, 15.5)})
	set(bUpperback, boneSpec{name: "upperback", parent: bMidback, vec: V3{0, lenTrunk, 0}, chain: chTrunk, rot: spine(jUpperback, 0.4),
		shape: trunk(V3{0.5, 0, 0}, V3{-1, lenTrunk, 0}, 11.75, 6.5, 15.5, 11)})
	set(bNeck, boneSpec{name: "neck", parent: bUpperback, vec: vecNeck, chain: chNeck,
		rot:   func(a *angles) M3 { return rotZ(-a[jNeck]).mul(rotX(a[jNeckSide])) },
		shape: limb(5.2, 4.8)})
	set(bHead, boneSpec{name: "head", parent: bNeck, vec: vecHead, chain: chHead,
		rot:   func(a *angles) M3 { return rotY(-a[jHeadTurn]).mul(rotZ(-a[jHead])) },
		shape: shape{kind: shapeHead, d1: HeadRadius, w1: HeadRadius}})
	set(bFace, boneSpec{name: "face", parent: bHead, vec: vecFace, chain: chHead,
		shape: shape{kind: shapeFace, d1: 5.8, w1: 5.8}})
	for _, s := range []side{left, right} {
		k := s.sign()
		pick := func(l, r int) int {
			if s == left {
				return l
			}
			return r
		}
		jp := func(l, r jointID) jointID {
			if s == left {
				return l
			}
			return r
		}
		arm := pick(int(chArmL), int(chArmR))
		leg := pick(int(chLegL), int(chLegR))
		girdle, shrug := jp(jGirdleL, jGirdleR), jp(jShrugL, jShrugR)
		set(pick(bGirdleL, bGirdleR), boneSpec{name: "girdle", parent: bUpperback, vec: girdleVec(k), side: s, chain: chain(arm),
			rot:   func(a *angles) M3 { return rotY(k * a[girdle]).mul(rotX(-k * a[shrug])) },
			shape: limb(5.5, 6.8)})
		set(pick(bBladeL, bBladeR), boneSpec{name: "blade", parent: pick(bGirdleL, bGirdleR), atStart: true, vec: bladeVec(k), side: s, chain: chBlades,
			shape: shape{kind: shapeBlade, d1: 6.5, w1: 6.5}})
		sh, out, rot := jp(jShoulderL, jShoulderR), jp(jShoulderOutL, jShoulderOutR), jp(jShoulderRotL, jShoulderRotR)
		across := jp(jShoulderAcrossL, jShoulderAcrossR)
		set(pick(bUpperArmL, bUpperArmR), boneSpec{name: "upper_arm", parent: pick(bGirdleL, bGirdleR), frame: bUpperback,
			vec: V3{0, -lenUpperArm, 0}, side: s, chain: chain(arm),
			rot: func(a *angles) M3 {
				return rotY(k * a[across]).mul(rotX(-k * a[out])).mul(rotZ(a[sh])).mul(rotY(-k * a[rot]))
			},
			shape: limb(5.4, 4.2)})
		elbow := jp(jElbowL, jElbowR)
		set(pick(bForearmL, bForearmR), boneSpec{name: "forearm", parent: pick(bUpperArmL, bUpperArmR), vec: V3{0, -lenForearm, 0}, side: s, chain: chain(arm),
			rot:   func(a *angles) M3 { return rotZ(a[elbow]) },
			shape: limb(4.1, 3.1)})
		wrist := jp(jWristL, jWristR)
		set(pick(bHandL, bHandR), boneSpec{name: "hand", parent: pick(bForearmL, bForearmR), vec: V3{0, -lenHand, 0}, side: s, chain: chain(arm),
			rot:   func(a *angles) M3 { return rotZ(a[wrist]) },
			shape: limb(3.3, 2.5)})
		set(pick(bHipLinkL, bHipLinkR), boneSpec{name: "hip", parent: bRoot, atStart: true, vec: V3{0, 0, hipHalf * k}, side: s, chain: chain(leg)})
		hip, hipOut := jp(jHipL, jHipR), jp(jHipOutL, jHipOutR)
		set(pick(bThighL, bThighR), boneSpec{name: "thigh", parent: pick(bHipLinkL, bHipLinkR), frame: bRoot,
			vec: V3{0, -lenThigh, 0}, side: s, chain: chain(leg),
			rot:   func(a *angles) M3 { return rotX(-k * a[hipOut]).mul(rotZ(a[hip])) },
			shape: limb(8.2, 5.6)})
		knee := jp(jKneeL, jKneeR)
		set(pick(bShinL, bShinR), boneSpec{name: "shin", parent: pick(bThighL, bThighR), vec: V3{0, -lenShin, 0}, side: s, chain: chain(leg),
			rot:   func(a *angles) M3 { return rotZ(-a[knee]) },
			shape: limb(5.4, 3.7)})
		ankle := jp(jAnkleL, jAnkleR)
		set(pick(bFootL, bFootR), boneSpec{name: "foot", parent: pick(bShinL, bShinR), vec: vecFoot, side: s, chain: chain(leg),
			rot:   func(a *angles) M3 { return rotZ(a[ankle]) },
			shape: shape{kind: shapeLimb, d0: 3.6, d1: 2.5, w0: 3.6, w1: 2.5, p0: vecHeel, p1: vecFoot, own: true}})
	}
	for i := range b {
		if b[i].side != mid {
			if b[i].side == left {
				b[i].name += "_l"
			} else {
				b[i].name += "_r"
			}
		}
	}
	return b
}

// bones is the body tree, built on first use so that programs that never
// draw pay nothing at start-up.
var bones = sync.OnceValue(skeleton)

// posed is one bone in the world: its ends and its frame.
type posed struct {
	A, B V3
	F    M3
}

// Pose is the body in one pose, in the world.
type Pose struct {
	bones [numBones]posed
}

// at returns bone i.
func (p *Pose) at(i int) posed { return p.bones[i] }

// forward poses the body with the given angles with the root at the origin.
func forward(a *angles) Pose {
	var p Pose
	spec := bones()
	for i := range spec {
		b := &spec[i]
		var f M3
		var start V3
		if b.parent < 0 {
			f = b.rot(a)
		} else {
			f = p.bones[b.frame].F.mul(b.rot(a))
			pp := p.bones[b.parent]
			start = pp.B
			if b.atStart {
				start = pp.A
			}
		}
		p.bones[i] = posed{A: start, B: start.add(f.apply(b.vec)), F: f}
	}
	return p
}

// shift moves the whole pose.
func (p *Pose) shift(d V3) {
	for i := range p.bones {
		p.bones[i].A = p.bones[i].A.add(d)
		p.bones[i].B = p.bones[i].B.add(d)
	}
}

// point returns a named point of the body.
func (p *Pose) point(name Point) (V3, bool) {
	if f, ok := pointTable()[name]; ok {
		return f(p), true
	}
	return V3{}, false
}

// pointTable gives every point an anchor or a target may name; made on
// first use, so that starting unhunch builds nothing for it (issue 16).
var pointTable = sync.OnceValue(func() map[Point]func(p *Pose) V3 {
	end := func(i int) func(p *Pose) V3 { return func(p *Pose) V3 { return p.bones[i].B } }
	start := func(i int) func(p *Pose) V3 { return func(p *Pose) V3 { return p.bones[i].A } }
	m := map[Point]func(p *Pose) V3{
		"hips": start(bRoot),
		"sacrum": func(p *Pose) V3 {
			return p.bones[bLumbar].A.add(p.bones[bLumbar].F.apply(spineBack))
		},
		"chest": end(bMidback),
		"neck_base": func(p *Pose) V3 {
			return p.bones[bUpperback].B.add(p.bones[bUpperback].F.apply(spineBack))
		},
		"neck": end(bNeck),
		"head": end(bHead),
		"nose": func(p *Pose) V3 {
			h := p.bones[bHead]
			return h.B.add(h.F.apply(V3{HeadRadius, -1.5, 0}))
		},
	}
	for _, s := range []struct {
		sfx string
		k   float64
		off int
	}{{"_l", -1, 0}, {"_r", 1, 1}} {
		m[Point("shoulder"+s.sfx)] = end(bGirdleL + s.off)
		m[Point("elbow"+s.sfx)] = end(bUpperArmL + s.off)
		m[Point("wrist"+s.sfx)] = end(bForearmL + s.off)
		m[Point("fingers"+s.sfx)] = end(bHandL + s.off)
		m[Point("hip"+s.sfx)] = end(bHipLinkL + s.off)
		m[Point("knee"+s.sfx)] = end(bThighL + s.off)
		m[Point("ankle"+s.sfx)] = end(bShinL + s.off)
		m[Point("toe"+s.sfx)] = end(bFootL + s.off)
		f := bFootL + s.off
		m[Point("heel"+s.sfx)] = func(p *Pose) V3 { return p.bones[f].A.add(p.bones[f].F.apply(vecHeel)) }
		m[Point("blade"+s.sfx)] = end(bBladeL + s.off)
		k := s.k
		i := bGirdleL + s.off
		// The armpit: below the shoulder joint, on the side of the chest.
		m[Point("armpit"+s.sfx)] = func(p *Pose) V3 {
			return p.bones[i].B.add(p.bones[bUpperback].F.apply(V3{-1, -8, -4 * k}))
		}
	}
	return m
})

// PointNames lists the points an anchor or a target may name.
func PointNames() []Point {
	out := []Point{"hips", "sacrum", "chest", "neck_base", "neck", "head", "nose"}
	for _, p := range []string{"shoulder", "armpit", "blade", "elbow", "wrist", "fingers", "hip", "knee", "ankle", "heel", "toe"} {
		out = append(out, Point(p+"_l"), Point(p+"_r"))
	}
	return out
}

// support returns how far the surface of bone i's shape reaches from its
// centre line in direction dir (a unit vector), at fraction t along it.
func (p *Pose) support(i int, t float64, dir V3) float64 {
	sh := &bones()[i].shape
	if sh.kind != shapeLimb {
		return sh.d1
	}
	d := sh.d0 + (sh.d1-sh.d0)*t
	w := sh.w0 + (sh.w1-sh.w0)*t
	if d == w {
		return d
	}
	// An ellipse across the bone; along it, the rounded end reaches as far
	// as the depth.
	f := p.bones[i].F
	x, y, z := dir.dot(f.axis(0)), dir.dot(f.axis(1)), dir.dot(f.axis(2))
	return math.Sqrt(d*d*(x*x+y*y) + w*w*z*z)
}

// axis returns the centre line of bone i's shape in the world.
func (p *Pose) axis(i int) (V3, V3) {
	b := p.bones[i]
	sh := &bones()[i].shape
	switch sh.kind {
	case shapeHead, shapeFace, shapeBlade:
		return b.B, b.B
	}
	if sh.own {
		return b.A.add(b.F.apply(sh.p0)), b.A.add(b.F.apply(sh.p1))
	}
	return b.A, b.B
}

// hasVolume reports whether bone i has volume for contacts and the floor.
func hasVolume(i int) bool {
	switch bones()[i].shape.kind {
	case shapeLimb, shapeHead:
		return true
	}
	return false
}

// lowest returns the lowest height the body's surface reaches.
func (p *Pose) lowest() float64 {
	low := math.Inf(1)
	down := V3{0, -1, 0}
	for i := range p.bones {
		if !hasVolume(i) {
			continue
		}
		a, b := p.axis(i)
		low = min(low, a.Y-p.support(i, 0, down), b.Y-p.support(i, 1, down))
	}
	return low
}
