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
}

// ErrNoIllustration is returned when a subject has no illustration to draw.
var ErrNoIllustration = errors.New("figure: no illustration")

// ErrNoKeyframe is returned for a keyframe name the illustration does not have.
var ErrNoKeyframe = errors.New("figure: no such keyframe")

// ErrInvalid is returned for an illustration that cannot be drawn at all (an
// unknown view or base); Illustration.Validate says what is wrong.
var ErrInvalid = errors.New("figure: illustration cannot be drawn")

// samplesPerSecond is how many poses a move is sampled at; the browser
// interpolates rotations linearly between them.
const samplesPerSecond = 4

// minSamples is the fewest intervals a move is cut into, however short.
const minSamples = 8

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
	legs   []leg
	total  float64
	sides  bool
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
	if _, _, ok := il.placement(); !ok {
		return nil, ErrInvalid
	}
	d := s.Dose.Normalize()
	t := d.Timing()
	sec := func(x time.Duration) float64 { return max(x.Seconds(), 0.1) }
	start := d.Start()
	hold := float64(start.Hold)
	if start.HoldBreaths > 0 {
		hold = float64(start.HoldBreaths) * t.Breath.Seconds()
	}
	hold = max(hold, 0.1)
	n := len(il.Keyframes)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	reverse := func(p []int) []int {
		out := make([]int, len(p))
		for i, x := range p {
			out[len(p)-1-i] = x
		}
		return out
	}
	var one []leg
	poster := 0
	switch {
	case n == 1:
		one = []leg{{dur: sec(t.Rep), path: []int{0}}}
	case d.Mode == dose.Breath && n >= 3:
		one = []leg{{dur: sec(t.Inhale), path: []int{2, 0, 1}}, {dur: sec(t.Exhale), path: []int{1, 0, 2}}}
		poster = 1
	case d.Mode == dose.Breath:
		one = []leg{{dur: sec(t.Inhale), path: []int{0, 1}}, {dur: sec(t.Exhale), path: []int{1, 0}}}
		poster = 1
	case len(d.Poses) > 0 && d.HasHold():
		prev := 0
		for i := 1; i < n; i++ {
			one = append(one, leg{dur: sec(t.Move), path: []int{prev, i}}, leg{dur: hold, path: []int{i}})
			prev = i
		}
		one = append(one, leg{dur: sec(t.Release), path: []int{prev, 0}})
		poster = n - 1
	case d.HasHold():
		one = []leg{
			{dur: sec(t.Move), path: all},
			{dur: hold, path: []int{n - 1}},
			{dur: sec(t.Release), path: reverse(all)},
		}
		if d.Mode == dose.Hold && start.Reps > 1 && t.Rest > 0 {
			one = append(one, leg{dur: t.Rest.Seconds(), path: []int{0}})
		}
		poster = n - 1
	default:
		step := sec(t.Rep) / float64(n)
		if d.Mode == dose.Timed {
			step = sec(t.Rep)
		}
		for i := range n {
			one = append(one, leg{dur: step, path: []int{i, (i + 1) % n}})
		}
	}
	m := &Motion{il: il, poster: poster}
	if d.Sides == dose.NoSides {
		m.legs = one
	} else {
		m.sides = true
		first := d.FirstSide == dose.Left
		for _, mirror := range []bool{first, !first} {
			for _, l := range one {
				l.mirror = mirror
				m.legs = append(m.legs, l)
			}
			m.legs = append(m.legs, leg{dur: sec(t.Switch), path: []int{0}, mirror: mirror, swap: true})
		}
	}
	for _, l := range m.legs {
		m.total += l.dur
	}
	m.key = make([]angles, n)
	for i := range n {
		m.key[i] = il.angles(i)
	}
	m.samp = m.samples()
	return m, nil
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
			f := min(max(at/d, 0), 1)
			a, b := &m.key[path[i]], &m.key[path[i+1]]
			var out angles
			for j := range out {
				out[j] = a[j] + (b[j]-a[j])*f
			}
			return out
		}
		at -= d
	}
	return m.key[path[len(path)-1]]
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
			n := max(minSamples, int(math.Ceil(l.dur*samplesPerSecond)))
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

// At returns the figure at time t seconds into the loop, and whether it is
// drawn for the other side. It follows the same samples the SVG animation
// is made from, interpolating joint angles between them.
func (m *Motion) At(t float64) (Body, bool) {
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
	var x angles
	for j := range x {
		x[j] = a.a[j] + (b.a[j]-a.a[j])*f
	}
	body, _ := m.il.body(&x)
	return body, a.mirror
}
