package figure

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// maxPlace bounds every position an illustration gives, in body units.
const maxPlace = 400.0

// Parts lists every part of the body a contact may name. A plural part
// (hands) means both sides, and each must touch.
var Parts = []Part{
	"head", "neck", "upper_back", "mid_back", "lower_back", "back", "hips",
	"shoulder_l", "shoulder_r", "upper_arm_l", "upper_arm_r", "elbow_l", "elbow_r",
	"forearm_l", "forearm_r", "hand_l", "hand_r",
	"thigh_l", "thigh_r", "knee_l", "knee_r", "shin_l", "shin_r", "foot_l", "foot_r",
	"shoulders", "upper_arms", "elbows", "forearms", "hands", "thighs", "knees", "shins", "feet",
}

// plural maps a plural part to its singular stem.
var plural = map[Part]string{
	"shoulders": "shoulder", "upper_arms": "upper_arm", "elbows": "elbow", "forearms": "forearm",
	"hands": "hand", "thighs": "thigh", "knees": "knee", "shins": "shin", "feet": "foot",
}

// piece is one bit of geometry of a part: a bone's line, a bone's end point,
// or the head.
type piece struct {
	bone int
	end  bool // only the bone's end point
	head bool
}

// pieces returns the geometry of a singular part in a model.
func (m *model) pieces(p Part) []piece {
	bone := func(name string) int {
		for i := range m.bones {
			if m.bones[i].name == name {
				return i
			}
		}
		return -1
	}
	switch p {
	case "head":
		return []piece{{head: true}}
	case "neck":
		return []piece{{bone: bNeck}}
	case "upper_back":
		return []piece{{bone: bUpperback}}
	case "mid_back":
		return []piece{{bone: bMidback}}
	case "lower_back":
		return []piece{{bone: bLumbar}}
	case "back":
		return []piece{{bone: bLumbar}, {bone: bMidback}, {bone: bUpperback}}
	case "hips":
		ps := []piece{{bone: bRoot, end: true}}
		for _, n := range []string{"pelvis_l", "pelvis_r"} {
			if b := bone(n); b >= 0 {
				ps = append(ps, piece{bone: b})
			}
		}
		return ps
	}
	s := string(p)
	for _, pt := range []string{"shoulder", "elbow", "knee"} {
		if s == pt+"_l" || s == pt+"_r" {
			return []piece{{bone: m.points[Point(s)], end: true}}
		}
	}
	if b := bone(s); b >= 0 {
		return []piece{{bone: b}}
	}
	return nil
}

// singular expands a part into the parts that must each touch.
func singular(p Part) []Part {
	if stem, ok := plural[p]; ok {
		return []Part{Part(stem + "_l"), Part(stem + "_r")}
	}
	return []Part{p}
}

// problems collects problems with fields relative to the illustration.
type problems []dose.Problem

func (ps *problems) add(field string, k message.Key, args ...any) {
	*ps = append(*ps, dose.Problem{Field: field, Message: message.Text(k, args...)})
}

func join[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, x := range list {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// deg formats an angle for people: 200, 12.5.
func deg(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate lists everything wrong with an illustration, with fields relative
// to it ("keyframes[1].joints.elbow_l"): unknown names, joint angles outside
// human ranges, keyframes that do not fit the dose (the W and Y of a W–Y
// stretch), and, for each keyframe, any line below the floor, any prop passed
// through, and any contact that does not hold. d is the exercise's dose.
func (il *Illustration) Validate(d dose.Dose) []dose.Problem {
	var ps problems
	if !slices.Contains(Views, il.View) {
		ps.add("view", message.FigureBadView, il.View, join(Views))
		return ps
	}
	switch _, ok := baseAngles(il.View, il.Base); {
	case !slices.Contains(Bases, il.Base):
		ps.add("base", message.FigureBadBase, il.Base, join(Bases))
		return ps
	case !ok:
		ps.add("base", message.FigureBaseView, il.Base, il.View)
		return ps
	}
	for i, p := range il.Props {
		f := fmt.Sprintf("props[%d]", i)
		switch {
		case !slices.Contains(PropKinds, p.Kind):
			ps.add(f+".kind", message.FigureBadProp, p.Kind, join(PropKinds))
		case slices.IndexFunc(il.Props, func(q Prop) bool { return q.Kind == p.Kind }) < i:
			ps.add(f+".kind", message.FigureDuplicateProp, p.Kind)
		}
		if !finite(p.X) || math.Abs(p.X) > maxPlace {
			ps.add(f+".x", message.FigureBadPlace, p.X, maxPlace)
		}
	}
	if a := il.Anchor; a != nil {
		if _, ok := modelFor(il.View, il.Base).points[a.Point]; !ok {
			ps.add("anchor.point", message.FigureBadPoint, a.Point, join(PointNames()))
		}
		if !finite(a.X) || math.Abs(a.X) > maxPlace {
			ps.add("anchor.x", message.FigureBadPlace, a.X, maxPlace)
		}
		if !finite(a.Y) || a.Y < 0 || a.Y > maxPlace {
			ps.add("anchor.y", message.FigureBadHeight, a.Y, maxPlace)
		}
	}
	il.checkContacts(&ps, "contacts", il.Contacts)
	n := len(il.Keyframes)
	if n < 2 || n > 4 {
		ps.add("keyframes", message.FigureKeyframeCount, n)
	}
	for i, k := range il.Keyframes {
		f := fmt.Sprintf("keyframes[%d]", i)
		switch {
		case strings.TrimSpace(k.Name) == "":
			ps.add(f+".name", message.Required)
		case len(k.Name) > 40:
			ps.add(f+".name", message.FigureLongName, 40)
		case il.Keyframe(k.Name) < i:
			ps.add(f+".name", message.FigureDuplicateKeyframe, k.Name)
		}
		for _, j := range sortedJoints(k.Joints) {
			v := k.Joints[j]
			jf := f + ".joints." + string(j)
			r, ok := Limits(il.View, j)
			switch {
			case !ok:
				ps.add(jf, message.FigureBadJoint, j, join(Joints))
			case !finite(v):
				ps.add(jf, message.FigureNotNumber, v)
			case v < r.Min || v > r.Max:
				ps.add(jf, message.FigureOutOfRange, deg(v), deg(r.Min), deg(r.Max), k.Name)
			}
		}
		il.checkContacts(&ps, f+".contacts", k.Contacts)
	}
	d = d.Normalize()
	if len(d.Poses) > 0 {
		want := []string{"…"}
		for _, p := range d.Poses {
			want = append(want, p.Name)
		}
		have := make([]string, n)
		for i, k := range il.Keyframes {
			have[i] = k.Name
		}
		if n != len(want) || !slices.Equal(have[1:], want[1:]) {
			ps.add("keyframes", message.FigurePoseNames, strings.Join(want, ", "), strings.Join(have, ", "))
		}
	}
	if d.Mode == dose.Breath && n != 2 && n != 3 {
		ps.add("keyframes", message.FigureBreathKeyframes, n)
	}
	if len(ps) > 0 {
		return ps
	}
	for i := range il.Keyframes {
		il.checkPose(&ps, i)
	}
	return ps
}

func (il *Illustration) checkContacts(ps *problems, field string, cs []Contact) {
	for i, c := range cs {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !slices.Contains(Parts, c.Part) {
			ps.add(f+".part", message.FigureBadPart, c.Part, join(Parts))
		}
		switch {
		case !slices.Contains(PropKinds, c.On):
			ps.add(f+".on", message.FigureBadProp, c.On, join(PropKinds))
		case !il.HasProp(c.On):
			ps.add(f+".on", message.FigureMissingProp, c.On)
		}
	}
}

func sortedJoints(m map[Joint]float64) []Joint {
	out := make([]Joint, 0, len(m))
	for j := range m {
		out = append(out, j)
	}
	slices.Sort(out)
	return out
}

// angles returns keyframe i's joint angles: the base's, changed by the
// keyframe's own.
func (il *Illustration) angles(i int) angles {
	a, _ := baseAngles(il.View, il.Base)
	for j, v := range il.Keyframes[i].Joints {
		if id, ok := jointIndex[j]; ok && finite(v) {
			a[id] = v
		}
	}
	return a
}

// Frame returns keyframe i posed in the world, as drawn (mirrored for the
// back view).
func (il *Illustration) Frame(i int) (Body, bool) {
	if i < 0 || i >= len(il.Keyframes) {
		return Body{}, false
	}
	a := il.angles(i)
	return il.body(&a)
}

// body poses the figure with the given angles.
func (il *Illustration) body(a *angles) (Body, bool) {
	bone, at, ok := il.placement()
	if !ok {
		return Body{}, false
	}
	return pose(modelFor(il.View, il.Base), a, bone, at, il.View == Back), true
}

// checkPose checks keyframe i's geometry: nothing below the floor, no prop
// passed through, every contact held.
func (il *Illustration) checkPose(ps *problems, i int) {
	b, ok := il.Frame(i)
	if !ok {
		return
	}
	k := il.Keyframes[i]
	f := fmt.Sprintf("keyframes[%d]", i)
	m := modelFor(il.View, il.Base)
	// Below the floor: the lowest line edge, and the bottom of the head.
	worst, what := 0.0, ""
	for bi, x := range b.Bones[1:] {
		if x.Length == 0 {
			continue
		}
		if y := min(x.A.Y, x.B.Y) - Radius; y < worst {
			worst, what = y, m.bones[bi+1].name
		}
	}
	if y := b.Head.Y - HeadRadius; y < worst {
		worst, what = y, "head"
	}
	if worst < -Tolerance {
		ps.add(f, message.FigureBelowFloor, k.Name, words(what), -worst)
	}
	// Solid props in a side view: a line's edge may rest into a prop (a
	// body is soft), its centre line may not go in.
	for _, p := range il.Props {
		shapes, _ := propShapes(p, il.View)
		for _, s := range shapes {
			if !s.solid || s.hidden {
				continue
			}
			worst, what := 0.0, ""
			for bi, x := range b.Bones[1:] {
				if x.Length == 0 || (s.midlineOnly && m.bones[bi+1].side != mid) {
					continue
				}
				if d := s.segDist(x.A, x.B); d < worst {
					worst, what = d, m.bones[bi+1].name
				}
			}
			if d := s.sdf(b.Head) - HeadRadius + Radius; d < worst {
				worst, what = d, "head"
			}
			if worst < -Tolerance {
				ps.add(f, message.FigurePassesThrough, k.Name, words(what), -worst, propWords(p.Kind))
			}
		}
	}
	check := func(field string, c Contact) {
		for _, part := range singular(c.Part) {
			gap := il.gap(&b, m, part, c.On)
			if gap > Tolerance {
				ps.add(field, message.FigureContactMissed, k.Name, words(string(part)), propWords(c.On), gap, Tolerance)
			}
		}
	}
	for ci, c := range il.Contacts {
		check(fmt.Sprintf("contacts[%d]", ci), c)
	}
	for ci, c := range k.Contacts {
		check(fmt.Sprintf("%s.contacts[%d]", f, ci), c)
	}
}

// gap returns how far a part is from touching a prop: 0 or less when it does.
func (il *Illustration) gap(b *Body, m *model, part Part, on PropKind) float64 {
	p, ok := il.prop(on)
	if !ok {
		return math.Inf(1)
	}
	shapes, _ := propShapes(p, il.View)
	best := math.Inf(1)
	for _, pc := range m.pieces(part) {
		for _, s := range shapes {
			var d float64
			switch {
			case pc.head:
				d = s.sdf(b.Head) - HeadRadius
			case pc.end:
				d = s.sdf(b.Bones[pc.bone].B) - Radius
			default:
				x := b.Bones[pc.bone]
				d = s.segDist(x.A, x.B) - Radius
			}
			best = min(best, d)
		}
	}
	return max(best, 0)
}

// words turns a bone or part name into words for people: upper_arm_l ->
// "left upper arm".
func words(name string) string {
	stem, side := name, message.Key("")
	switch {
	case strings.HasSuffix(name, "_l"):
		stem, side = strings.TrimSuffix(name, "_l"), message.FigureLeftPart
	case strings.HasSuffix(name, "_r"):
		stem, side = strings.TrimSuffix(name, "_r"), message.FigureRightPart
	}
	w := message.Text(partKey(stem))
	if side != "" {
		return message.Text(side, w)
	}
	return w
}

// partKey is the message key of a part's or bone's name.
func partKey(stem string) message.Key { return message.Key("figure.part." + stem) }

// propWords names a prop for people.
func propWords(k PropKind) string { return message.Text(message.Key("figure.prop." + string(k))) }
