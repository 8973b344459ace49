package figure

import (
	"errors"
	"math"
	"time"

	"github.com/unhunch/unhunch/dose"
)

// Subject is what the renderer needs to know about an exercise.
type Subject struct {
	ID           string        // the exercise id, used to name the SVG's animations
	Name         string        // the exercise name, for the text alternative
	Illustration *Illustration // nil when the exercise has none
	Dose         dose.Dose     // sets the tempo, the held shapes and the sides
	Variant      string        // which of the exercise's figures this is (its position), for the contact sheet
}

// ErrNoIllustration is returned when a subject has no illustration to draw.
var ErrNoIllustration = errors.New("figure: no illustration")

// ErrNoKeyframe is returned for a keyframe name the illustration does not have.
var ErrNoKeyframe = errors.New("figure: no such keyframe")

// ErrInvalid is returned for an illustration that cannot be drawn at all (an
// unknown view or base); Illustration.Validate says what is wrong.
var ErrInvalid = errors.New("figure: illustration cannot be drawn")

// samplesPerSecond is how many poses a move is sampled at; the browser
// interpolates linearly between them.
const samplesPerSecond = 4

// minSamples is the fewest intervals a move is cut into, however short.
const minSamples = 8

// maxStep is the most, in degrees, any joint turns between two samples of
// a move, so that the browser's straight lines between them stay close to
// the body's curve.
const maxStep = 15.0

// leg is one stretch of the loop: moving along a path of keyframes, or
// staying at one.
type leg struct {
	dur    float64 // seconds
	path   []int   // keyframes in order; one entry means staying there
	mirror bool    // drawn for the other side
	swap   bool    // changing sides: fade out, flip, fade in, at path[0]
}

// Motion is an illustration's animation loop: one repetition at the
// starting dose (both sides in turn for one-sided exercises).
type Motion struct {
	il     *Illustration
	pl     placement
	legs   []leg
	total  float64
	side   float64 // the length of one side's part of the loop; total when there are no sides
	sides  bool
	first  bool // the first side is drawn mirrored (the left)
	poster int
	key    []angles // the keyframes' joint angles
	samp   []sample
}

// NewMotion plans the loop of a subject's illustration from its dose:
//
//   - breath-paced: breathing in moves to keyframe 1, breathing out to the
//     last keyframe, passing through keyframe 0 when there are three;
//   - a hold with poses (the W and Y of the W–Y stretch): move into each pose,
//     hold it, then release back to keyframe 0;
//   - a hold: move from keyframe 0 through the others to the last, hold it,
//     release back the same way, then rest if the dose rests between holds;
//   - anything else (slow repetitions, continuous movement): move from each
//     keyframe to the next and back to the first, one repetition per loop
//     (a timed exercise takes one repetition's time for each step).
//
// Moves take the dose's tempo (move, release, inhale, exhale, rep), holds
// its starting hold. For one-sided exercises the loop does the first side,
// switches (the figure fades, turns to its mirror image and returns), does
// the other side and switches back. Keyframes are drawn for the right side.
func NewMotion(s Subject) (*Motion, error) {
	il := s.Illustration
	if il == nil || len(il.Keyframes) == 0 {
		return nil, ErrNoIllustration
	}
	pl, ok := il.placement()
	if !ok || !validView(il.View) || (il.Beside != "" && !validView(il.Beside)) {
		return nil, ErrInvalid
	}
	d := s.Dose.Normalize()
	one, poster := oneRepetition(d, len(il.Keyframes))
	m := &Motion{il: il, pl: pl, poster: poster}
	m.side = sumDur(one)
	m.legs = one
	if d.Sides != dose.NoSides {
		m.sides = true
		m.first = d.FirstSide == dose.Left
		m.legs = bothSides(one, m.first, sec(d.Timing().Switch))
		m.side += sec(d.Timing().Switch)
	}
	m.total = sumDur(m.legs)
	m.key = make([]angles, len(il.Keyframes))
	for i := range m.key {
		m.key[i] = il.angles(i)
	}
	m.samp = m.samples()
	return m, nil
}

// sec turns a tempo into seconds, never less than a tenth.
func sec(x time.Duration) float64 { return max(x.Seconds(), 0.1) }

func sumDur(legs []leg) float64 {
	t := 0.0
	for _, l := range legs {
		t += l.dur
	}
	return t
}

// oneRepetition plans one repetition of n keyframes at the dose, and says
// which keyframe stands for the whole (the poster).
func oneRepetition(d dose.Dose, n int) ([]leg, int) {
	t := d.Timing()
	switch {
	case n == 1:
		return []leg{{dur: sec(t.Rep), path: []int{0}}}, 0
	case d.Mode == dose.Breath && n >= 3:
		return []leg{{dur: sec(t.Inhale), path: []int{2, 0, 1}}, {dur: sec(t.Exhale), path: []int{1, 0, 2}}}, 1
	case d.Mode == dose.Breath:
		return []leg{{dur: sec(t.Inhale), path: []int{0, 1}}, {dur: sec(t.Exhale), path: []int{1, 0}}}, 1
	case len(d.Poses) > 0 && d.HasHold():
		return posesLoop(d, n), n - 1
	case d.HasHold():
		return holdLoop(d, n), n - 1
	}
	return repsLoop(d, n), 0
}

// holdSeconds is how long the starting dose holds a shape.
func holdSeconds(d dose.Dose) float64 {
	start := d.Start()
	hold := float64(start.Hold)
	if start.HoldBreaths > 0 {
		hold = float64(start.HoldBreaths) * d.Timing().Breath.Seconds()
	}
	return max(hold, 0.1)
}

// posesLoop moves into each named pose in turn, holds it, and releases to
// the start.
func posesLoop(d dose.Dose, n int) []leg {
	t := d.Timing()
	var one []leg
	prev := 0
	for i := 1; i < n; i++ {
		one = append(one, leg{dur: sec(t.Move), path: []int{prev, i}}, leg{dur: holdSeconds(d), path: []int{i}})
		prev = i
	}
	return append(one, leg{dur: sec(t.Release), path: []int{prev, 0}})
}

// holdLoop moves through every keyframe to the last, holds it, comes back
// the same way and rests if the dose rests between holds.
func holdLoop(d dose.Dose, n int) []leg {
	t := d.Timing()
	there := make([]int, n)
	back := make([]int, n)
	for i := range n {
		there[i], back[n-1-i] = i, i
	}
	one := []leg{
		{dur: sec(t.Move), path: there},
		{dur: holdSeconds(d), path: []int{n - 1}},
		{dur: sec(t.Release), path: back},
	}
	if d.Mode == dose.Hold && d.Start().Reps > 1 && t.Rest > 0 {
		one = append(one, leg{dur: t.Rest.Seconds(), path: []int{0}})
	}
	return one
}

// repsLoop moves from each keyframe to the next and back to the first.
func repsLoop(d dose.Dose, n int) []leg {
	t := d.Timing()
	step := sec(t.Rep) / float64(n)
	if d.Mode == dose.Timed {
		step = sec(t.Rep)
	}
	var one []leg
	for i := range n {
		one = append(one, leg{dur: step, path: []int{i, (i + 1) % n}})
	}
	return one
}

// bothSides does one repetition on each side with a switch after each.
func bothSides(one []leg, firstMirrored bool, switchDur float64) []leg {
	var out []leg
	for _, mirror := range []bool{firstMirrored, !firstMirrored} {
		for _, l := range one {
			l.mirror = mirror
			out = append(out, l)
		}
		out = append(out, leg{dur: switchDur, path: []int{0}, mirror: mirror, swap: true})
	}
	return out
}

// Poster returns the index of the keyframe that stands for the whole
// exercise: the last held shape, the breath in, or the start. It is what a
// reader who asks for reduced motion sees.
func (m *Motion) Poster() int { return m.poster }

// Duration returns the length of one loop in seconds.
func (m *Motion) Duration() float64 { return m.total }

// OneSided reports whether the loop shows both sides in turn.
func (m *Motion) OneSided() bool { return m.sides }

// ease is the slow-in, slow-out curve every move follows.
func ease(t float64) float64 { return (1 - math.Cos(math.Pi*t)) / 2 }

// along returns the angles a fraction u (0–1) of the way along a path of
// keyframes, measured by how far the joints turn, so that passing through a
// middle keyframe does not make the figure pause there.
func (m *Motion) along(path []int, u float64) angles {
	if len(path) == 1 {
		return m.key[path[0]]
	}
	dist := make([]float64, len(path)-1)
	total := 0.0
	for i := range dist {
		a, b := &m.key[path[i]], &m.key[path[i+1]]
		d := 1e-9
		for j := range a {
			d = max(d, math.Abs(a[j]-b[j]))
		}
		dist[i] = d
		total += d
	}
	at := u * total
	for i, d := range dist {
		if at <= d || i == len(dist)-1 {
			return lerpAngles(&m.key[path[i]], &m.key[path[i+1]], min(max(at/d, 0), 1))
		}
		at -= d
	}
	return m.key[path[len(path)-1]]
}

func lerpAngles(a, b *angles, f float64) angles {
	var out angles
	for j := range out {
		out[j] = a[j] + (b[j]-a[j])*f
	}
	return out
}

// pathTurn returns how far, in degrees, the joint that turns most turns
// along a path of keyframes.
func (m *Motion) pathTurn(path []int) float64 {
	total := 0.0
	for i := 1; i < len(path); i++ {
		a, b := &m.key[path[i-1]], &m.key[path[i]]
		d := 0.0
		for j := range a {
			d = max(d, math.Abs(a[j]-b[j]))
		}
		total += d
	}
	return total
}

// sample is the figure at one moment of the loop.
type sample struct {
	t      float64 // seconds from the start of the loop
	a      angles
	mirror bool // drawn for the other side
}

// samples returns the moments the animation is drawn from: both ends of
// every leg, and every 1/samplesPerSecond of a move (at least minSamples per
// move), eased.
func (m *Motion) samples() []sample {
	var out []sample
	t := 0.0
	for _, l := range m.legs {
		switch {
		case l.swap:
			// The figure turns to its mirror image halfway, while unseen.
			a := m.key[l.path[0]]
			out = append(out, sample{t, a, l.mirror}, sample{t + l.dur/2, a, !l.mirror})
		case len(l.path) == 1:
			out = append(out, sample{t, m.key[l.path[0]], l.mirror})
		default:
			n := max(minSamples, int(math.Ceil(l.dur*samplesPerSecond)), int(math.Ceil(m.pathTurn(l.path)/maxStep)))
			for i := range n {
				f := float64(i) / float64(n)
				out = append(out, sample{t + f*l.dur, m.along(l.path, ease(f)), l.mirror})
			}
		}
		t += l.dur
	}
	first := out[0]
	first.t = m.total
	return append(out, first)
}

// anglesAt returns the joint angles at time t seconds into the loop, and
// whether the figure is drawn for the other side, following the samples
// the animation is made from.
func (m *Motion) anglesAt(t float64) (angles, bool) {
	s := m.samp
	t = math.Mod(t, m.total)
	if t < 0 {
		t += m.total
	}
	i := 0
	for i+1 < len(s)-1 && s[i+1].t <= t {
		i++
	}
	a, b := s[i], s[i+1]
	f := 0.0
	if b.t > a.t {
		f = (t - a.t) / (b.t - a.t)
	}
	return lerpAngles(&a.a, &b.a, f), a.mirror
}

// At returns the body at time t seconds into the loop, and whether it is
// drawn for the other side.
func (m *Motion) At(t float64) (Pose, bool) {
	a, mirror := m.anglesAt(t)
	return m.il.pose(&a, m.pl), mirror
}
