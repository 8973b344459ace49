package figure

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

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
var plural = sync.OnceValue(func() map[Part]string {
	return map[Part]string{
		"shoulders": "shoulder", "upper_arms": "upper_arm", "elbows": "elbow", "forearms": "forearm",
		"hands": "hand", "thighs": "thigh", "knees": "knee", "shins": "shin", "feet": "foot",
	}
})

// piece is one bit of a part's surface: a stretch of a bone's shape.
type piece struct {
	bone   int
	t0, t1 float64
}

// pieces returns the surface of a singular part.
func pieces(p Part) []piece {
	whole := func(bs ...int) []piece {
		out := make([]piece, len(bs))
		for i, b := range bs {
			out[i] = piece{b, 0, 1}
		}
		return out
	}
	switch p {
	case "head":
		return whole(bHead)
	case "neck":
		return whole(bNeck)
	case "upper_back":
		return whole(bUpperback)
	case "mid_back":
		return whole(bMidback)
	case "lower_back":
		return whole(bLumbar)
	case "back":
		return whole(bLumbar, bMidback, bUpperback)
	case "hips":
		return whole(bPelvis)
	}
	s := string(p)
	if len(s) < 3 || (s[len(s)-2:] != "_l" && s[len(s)-2:] != "_r") {
		return nil
	}
	off := 0
	if s[len(s)-2:] == "_r" {
		off = 1
	}
	switch s[:len(s)-2] {
	case "shoulder":
		return whole(bGirdleL + off)
	case "upper_arm":
		return whole(bUpperArmL + off)
	case "elbow":
		return []piece{{bUpperArmL + off, 0.85, 1}, {bForearmL + off, 0, 0.15}}
	case "forearm":
		return whole(bForearmL + off)
	case "hand":
		return whole(bHandL + off)
	case "thigh":
		return whole(bThighL + off)
	case "knee":
		return []piece{{bThighL + off, 0.85, 1}, {bShinL + off, 0, 0.15}}
	case "shin":
		return whole(bShinL + off)
	case "foot":
		return whole(bFootL + off)
	}
	return nil
}

// singular expands a part into the parts that must each touch.
func singular(p Part) []Part {
	if stem, ok := plural()[p]; ok {
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

// deg formats an angle or a distance for people: 200, 12.5.
func deg(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

// Validate lists everything wrong with an illustration, with fields relative
// to it ("keyframes[1].joints.elbow_l"): unknown names, joint angles outside
// human ranges, keyframes that do not fit the dose (the W and Y of a W–Y
// stretch), and, for each keyframe, any part below the floor, any prop
// passed through, any contact that does not hold and any target its steps
// set that the pose misses. d is the exercise's dose.
func (il *Illustration) Validate(d dose.Dose) []dose.Problem {
	var ps problems
	if !il.checkNames(&ps) {
		return ps
	}
	il.checkProps(&ps)
	il.checkAnchor(&ps)
	il.checkContacts(&ps, "contacts", il.Contacts)
	il.checkInset(&ps)
	for i, p := range il.Accent {
		if !slices.Contains(Parts, p) {
			ps.add(fmt.Sprintf("accent[%d]", i), message.FigureBadPart, p, join(Parts))
		}
	}
	il.checkKeyframes(&ps)
	il.checkDose(&ps, d)
	if len(ps) > 0 {
		return ps
	}
	pl, _ := il.placement()
	for i := range il.Keyframes {
		a := il.angles(i)
		pose := il.pose(&a, pl)
		il.checkPose(&ps, i, &pose, &a)
	}
	return ps
}

// checkNames checks the view, the view beside it and the base; without
// them nothing else can be checked.
func (il *Illustration) checkNames(ps *problems) bool {
	ok := true
	if !validView(il.View) {
		ps.add("view", message.FigureBadView, il.View, join(Views))
		ok = false
	}
	switch {
	case il.Beside == "":
	case !validView(il.Beside):
		ps.add("beside", message.FigureBadView, il.Beside, join(Views))
		ok = false
	case il.Beside == il.View:
		ps.add("beside", message.FigureBesideSame, il.View)
	}
	if !slices.Contains(Bases, il.Base) {
		ps.add("base", message.FigureBadBase, il.Base, join(Bases))
		ok = false
	}
	return ok
}

func (il *Illustration) checkProps(ps *problems) {
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
}

func (il *Illustration) checkAnchor(ps *problems) {
	a := il.Anchor
	if a == nil {
		return
	}
	if _, ok := pointTable()[a.Point]; !ok {
		ps.add("anchor.point", message.FigureBadPoint, a.Point, join(PointNames()))
	}
	if !finite(a.X) || math.Abs(a.X) > maxPlace {
		ps.add("anchor.x", message.FigureBadPlace, a.X, maxPlace)
	}
	if !finite(a.Y) || a.Y < 0 || a.Y > maxPlace {
		ps.add("anchor.y", message.FigureBadHeight, a.Y, maxPlace)
	}
	if !finite(a.Z) || math.Abs(a.Z) > maxPlace {
		ps.add("anchor.z", message.FigureBadPlace, a.Z, maxPlace)
	}
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

func (il *Illustration) checkInset(ps *problems) {
	in := il.Inset
	if in == nil {
		return
	}
	if _, ok := pointTable()[in.Around]; !ok {
		ps.add("inset.around", message.FigureBadPoint, in.Around, join(PointNames()))
	}
	if !finite(in.Zoom) || in.Zoom < 1.5 || in.Zoom > 4 {
		ps.add("inset.zoom", message.FigureBadZoom, in.Zoom)
	}
}

func (il *Illustration) checkKeyframes(ps *problems) {
	if n := len(il.Keyframes); n < 2 || n > 4 {
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
			checkJoint(ps, f+".joints."+string(j), j, k.Joints[j], k.Name)
		}
		il.checkContacts(ps, f+".contacts", k.Contacts)
		for ti, t := range k.Targets {
			checkTarget(ps, fmt.Sprintf("%s.targets[%d]", f, ti), &t)
		}
	}
}

func checkJoint(ps *problems, field string, j Joint, v float64, keyframe string) {
	r, ok := Limits(j)
	switch {
	case !ok:
		ps.add(field, message.FigureBadJoint, j, join(Joints))
	case !finite(v):
		ps.add(field, message.FigureNotNumber, v)
	case v < r.Min || v > r.Max:
		ps.add(field, message.FigureOutOfRange, deg(v), deg(r.Min), deg(r.Max), keyframe)
	}
}

// checkTarget checks that a target names a measure, the right number of
// points or joints, and a range.
func checkTarget(ps *problems, f string, t *Target) {
	if !slices.Contains(Measures, t.Measure) {
		ps.add(f+".measure", message.FigureBadMeasure, t.Measure, join(Measures))
		return
	}
	n := t.Measure.arity()
	switch {
	case n == 0 && len(t.Of) == 0:
		ps.add(f+".of", message.FigureTargetJoints)
	case n > 0 && len(t.Of) != n:
		ps.add(f+".of", message.FigureTargetPoints, t.Measure, n, len(t.Of))
	}
	for i, name := range t.Of {
		switch {
		case n == 0 && !slices.Contains(Joints, Joint(name)):
			ps.add(fmt.Sprintf("%s.of[%d]", f, i), message.FigureBadJoint, name, join(Joints))
		case n > 0 && !knownPoint(name):
			ps.add(fmt.Sprintf("%s.of[%d]", f, i), message.FigureBadPoint, name, join(PointNames()))
		}
	}
	switch {
	case t.Min == nil && t.Max == nil:
		ps.add(f, message.FigureTargetRange)
	case (t.Min != nil && !finite(*t.Min)) || (t.Max != nil && !finite(*t.Max)):
		ps.add(f, message.FigureTargetRange)
	case t.Min != nil && t.Max != nil && *t.Min > *t.Max:
		ps.add(f, message.FigureTargetRange)
	}
	if strings.TrimSpace(t.Why) == "" {
		ps.add(f+".why", message.FigureTargetWhy)
	}
}

// checkDose checks that the keyframes fit the dose: the named poses in
// order, and two or three shapes for breathing.
func (il *Illustration) checkDose(ps *problems, d dose.Dose) {
	d = d.Normalize()
	n := len(il.Keyframes)
	if len(d.Poses) > 0 {
		want := []string{"…"}
		for _, p := range d.Poses {
			want = append(want, p.Name)
		}
		have := il.Names()
		if n != len(want) || !slices.Equal(have[1:], want[1:]) {
			ps.add("keyframes", message.FigurePoseNames, strings.Join(want, ", "), strings.Join(have, ", "))
		}
	}
	if d.Mode == dose.Breath && n != 2 && n != 3 {
		ps.add("keyframes", message.FigureBreathKeyframes, n)
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

// checkPose checks keyframe i's geometry and its targets: nothing below the
// floor, no prop passed through, every contact held, every target met.
func (il *Illustration) checkPose(ps *problems, i int, pose *Pose, a *angles) {
	k := il.Keyframes[i]
	f := fmt.Sprintf("keyframes[%d]", i)
	if low, what := pose.lowestPart(); low < -Tolerance {
		ps.add(f, message.FigureBelowFloor, k.Name, words(what), -low)
	}
	il.checkSolids(ps, f, k.Name, pose)
	check := func(field string, c Contact) {
		for _, part := range singular(c.Part) {
			if gap := il.gap(pose, part, c.On); gap > Tolerance {
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
	for ti, t := range k.Targets {
		v, ok := t.measure(pose, a)
		if !ok {
			continue
		}
		if (t.Min != nil && v < *t.Min-1e-9) || (t.Max != nil && v > *t.Max+1e-9) {
			ps.add(fmt.Sprintf("%s.targets[%d]", f, ti), message.FigureTargetMissed, k.Name, t.words(), deg(v), t.rangeWords(), t.Why)
		}
	}
}

// lowestPart returns how low the body's surface reaches and which bone
// reaches there.
func (p *Pose) lowestPart() (float64, string) {
	low, what := math.Inf(1), ""
	down := V3{0, -1, 0}
	for i := range p.bones {
		if !hasVolume(i) {
			continue
		}
		a, b := p.axis(i)
		if y := min(a.Y-p.support(i, 0, down), b.Y-p.support(i, 1, down)); y < low {
			low, what = y, bones()[i].name
		}
	}
	return low, what
}

// checkSolids checks that no part of the body goes into a solid prop
// further than a body is soft. Hands are left out: they hold and lean on
// things.
func (il *Illustration) checkSolids(ps *problems, f, name string, pose *Pose) {
	for _, pr := range il.Props {
		if pr.Kind == Floor {
			continue
		}
		worst, what := 0.0, ""
		for _, s := range pr.solids() {
			if !s.hard {
				continue
			}
			for i := range pose.bones {
				if !hasVolume(i) || i == bHandL || i == bHandR {
					continue
				}
				if pose.gapAtLeast(i, &s)+s.sink >= min(worst, -Tolerance) {
					continue // too far from the prop to matter
				}
				if d := pose.gapTo(i, &s) + s.sink; d < worst {
					worst, what = d, bones()[i].name
				}
			}
		}
		if worst < -Tolerance {
			ps.add(f, message.FigurePassesThrough, name, words(what), -worst, propWords(pr.Kind))
		}
	}
}

// gapAtLeast returns a quick lower bound of gapTo: the distance from the
// middle of the shape's centre line, less half its length and its widest
// reach (a distance grows no faster than the point moves).
func (p *Pose) gapAtLeast(i int, s *solid) float64 {
	a, b := p.axis(i)
	sh := &bones()[i].shape
	return s.sdf(a.lerp(b, 0.5)) - a.dist(b)/2 - max(sh.d0, sh.d1, sh.w0, sh.w1)
}

// gap returns how far a part is from touching a prop: 0 or less when it does.
func (il *Illustration) gap(pose *Pose, part Part, on PropKind) float64 {
	p, ok := il.prop(on)
	if !ok {
		return math.Inf(1)
	}
	best := math.Inf(1)
	for _, pc := range pieces(part) {
		for _, s := range p.solids() {
			if pose.gapAtLeast(pc.bone, &s) >= best {
				continue
			}
			best = min(best, pose.gapAlong(pc, &s))
		}
	}
	return max(best, 0)
}

// gapAlong is gapTo over a stretch of a bone.
func (p *Pose) gapAlong(pc piece, s *solid) float64 {
	a, b := p.axis(pc.bone)
	if a == b || (pc.t0 == 0 && pc.t1 == 1) {
		return p.gapTo(pc.bone, s)
	}
	return segMin(func(u float64) float64 {
		t := pc.t0 + (pc.t1-pc.t0)*u
		q := a.lerp(b, t)
		n := s.normal(q)
		return s.sdf(q) - p.support(pc.bone, t, n.scale(-1))
	})
}

// words turns a bone or part name into words for people: upper_arm_l ->
// "left upper arm".
func words(name string) string {
	stem := name
	var side message.Key // none
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
func partKey(stem string) message.Key { return message.PartWords.Of(stem) }

// PartStems returns the name, without its side, of every bone and body part
// a check may name to people, each once: the values of message.PartWords.
func PartStems() []string {
	var out []string
	add := func(name string) {
		stem := strings.TrimSuffix(strings.TrimSuffix(name, "_l"), "_r")
		if !slices.Contains(out, stem) {
			out = append(out, stem)
		}
	}
	for _, b := range bones() {
		add(b.name)
	}
	for _, p := range Parts {
		for _, s := range singular(p) { // a plural part is named side by side
			add(string(s))
		}
	}
	return out
}

// propWords names a prop for people.
func propWords(k PropKind) string { return message.PropWords.Text(string(k)) }

// words describes what a target measures, for its problem.
func (t *Target) words() string {
	k := message.MeasureWords.Of(string(t.Measure))
	if t.Measure == MeasureJoints {
		return message.Text(k, strings.Join(t.Of, " + "))
	}
	args := make([]any, len(t.Of))
	for i, s := range t.Of {
		args[i] = s
	}
	return message.Text(k, args...)
}

// rangeWords describes a target's range.
func (t *Target) rangeWords() string {
	switch {
	case t.Min != nil && t.Max != nil:
		return message.Text(message.FigureRangeBetween, deg(*t.Min), deg(*t.Max))
	case t.Min != nil:
		return message.Text(message.FigureRangeAtLeast, deg(*t.Min))
	case t.Max != nil:
		return message.Text(message.FigureRangeAtMost, deg(*t.Max))
	}
	return ""
}
