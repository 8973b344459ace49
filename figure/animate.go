package figure

import (
	"bytes"
	"fmt"
	"math"
	"slices"
)

// minLength is the drawn length below which a bone points straight at the
// viewer: its direction in the picture is then taken from its neighbours in
// time.
const minLength = 0.05

// pointLength is the drawn length below which a bone is treated as a point.
const pointLength = 1.0

// Below these, a change is too small to see and is not animated: a turn in
// degrees, a change of length or place in body units. thinTolerance is how
// far a stop may be from the straight line between its neighbours and still
// be dropped.
const (
	minTurn       = 0.4
	minStretch    = 1.5
	thinTolerance = 0.6
)

// track is one bone's motion in one panel: its turn relative to its parent
// in the picture and its drawn length, at each sample of one side's loop.
type track struct {
	rel, length []float64
	turns       bool // the turn changes
	stretches   bool // the drawn length changes
	scales      bool // by enough that the shape must stretch with it (else its end ball covers the change)
}

// motionTracks works out every bone's track in a panel, and the root's
// place. Samples cover one side's part of the loop: for one-sided
// exercises the other side is the same, mirrored by the side switch.
type motionTracks struct {
	t      []float64 // seconds
	root   []Vec     // the root's place in panel coordinates (y down)
	bones  [numBones]track
	poster int // the sample that shows the poster keyframe
	moves  bool
}

// tracks computes the panel's tracks.
func (sc *scene) tracks(p *panel) *motionTracks {
	mt := &motionTracks{}
	idx := sc.oneSide(mt)
	head := mt.headings(p, idx)
	for i := range bones() {
		mt.bones[i].settle(head, i, p)
	}
	mt.moves = spread(xs(mt.root)) > minStretch || spread(ys(mt.root)) > minStretch
	mt.poster = sc.posterSample(idx)
	return mt
}

// oneSide picks the samples of one side's part of the loop, closing it
// with the sample that ends the side switch; it returns their indices and
// puts their times in mt.
func (sc *scene) oneSide(mt *motionTracks) []int {
	m := sc.motion
	var idx []int
	for i, s := range m.samp {
		if s.t <= m.side+1e-9 {
			idx = append(idx, i)
			mt.t = append(mt.t, s.t)
		}
	}
	if last := mt.t[len(mt.t)-1]; last < m.side-1e-9 {
		idx = append(idx, len(m.samp)-1)
		mt.t = append(mt.t, m.side)
	}
	return idx
}

// headings measures each bone's direction and drawn length in the picture
// at the chosen samples, and the root's place. A bone that always looks
// shorter than a unit is a point: it keeps its parent's direction (what
// hangs from it is placed within a unit or two). One that points at the
// viewer only at times takes its direction from the nearest moment it does
// not, and one that swings through that keeps its direction and goes
// negative (flipThrough).
func (mt *motionTracks) headings(p *panel, idx []int) [][numBones]float64 {
	spec := bones()
	head := make([][numBones]float64, len(idx))
	valid := make([][numBones]bool, len(idx))
	for k, si := range idx {
		f := &p.samples[si]
		mt.root = append(mt.root, flip(f[bRoot].a))
		for i := range spec {
			v := f[i].b.sub(f[i].a)
			if v.len() >= minLength {
				head[k][i], valid[k][i] = v.heading(), true
			}
			mt.bones[i].length = append(mt.bones[i].length, v.len())
		}
	}
	for i := range spec {
		if spread(append([]float64{0}, mt.bones[i].length...)) < pointLength {
			for k := range idx {
				valid[k][i] = false
			}
		}
		fillHeadings(head, valid, i, spec[i].parent)
		flipThrough(head, mt.bones[i].length, i)
	}
	return head
}

// settle turns bone i's directions into turns relative to its parent, with
// no jumps of a whole circle between samples, and decides what of it moves.
func (tr *track) settle(head [][numBones]float64, i int, p *panel) {
	spec := &bones()[i]
	prev := 0.0
	for k := range head {
		ph := 0.0
		if spec.parent > bRoot {
			ph = head[k][spec.parent]
		}
		r := math.Remainder(head[k][i]-ph, 360)
		if k > 0 {
			r = prev + math.Remainder(r-prev, 360)
		}
		tr.rel = append(tr.rel, r)
		prev = r
	}
	tr.turns = spread(tr.rel) > minTurn
	tr.stretches = spread(tr.length) > minStretch
	l := p.local[i]
	tr.scales = tr.stretches && spread(tr.length) > min(l.r0, l.r1) && spec.shape.kind == shapeLimb && drawnIn(i, p.view)
}

// flipThrough keeps a bone that swings through pointing at the viewer from
// turning half a circle in the picture: where its direction would jump by
// more than a right angle between two moments, it keeps the direction and
// its drawn length turns negative instead, so it shrinks to nothing and
// grows out the other way, as its picture does.
func flipThrough(head [][numBones]float64, length []float64, i int) {
	for k := 1; k < len(head); k++ {
		if math.Abs(math.Remainder(head[k][i]-head[k-1][i], 360)) > 90 {
			head[k][i] += 180
			length[k] = -length[k]
		}
	}
}

// fixedRel is the turn a bone is drawn with when it is still: the poster's
// when the turn is animated (what a reader who asks for reduced motion
// sees), else the middle of its small range.
func (tr *track) fixedRel(poster int) float64 {
	if tr.turns {
		return tr.rel[poster]
	}
	return middle(tr.rel)
}

// fixedLength is the same for the drawn length.
func (tr *track) fixedLength(poster int) float64 {
	if tr.stretches {
		return tr.length[poster]
	}
	return middle(tr.length)
}

// middle is the middle of the range of v.
func middle(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return (lo + hi) / 2
}

// fillHeadings gives bone i a heading at every sample.
func fillHeadings(head [][numBones]float64, valid [][numBones]bool, i, parent int) {
	n := len(head)
	any := -1
	for k := range n {
		if valid[k][i] {
			any = k
			break
		}
	}
	for k := range n {
		if valid[k][i] {
			continue
		}
		switch {
		case any < 0 && parent > 0:
			head[k][i] = head[k][parent]
		case any < 0:
			head[k][i] = 0
		default:
			best, dist := any, n
			for j := range n {
				if valid[j][i] && abs(j-k) < dist {
					best, dist = j, abs(j-k)
				}
			}
			head[k][i] = head[best][i]
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func spread(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return hi - lo
}

func xs(v []Vec) []float64 {
	out := make([]float64, len(v))
	for i, p := range v {
		out[i] = p.X
	}
	return out
}

func ys(v []Vec) []float64 {
	out := make([]float64, len(v))
	for i, p := range v {
		out[i] = p.Y
	}
	return out
}

// posterSample finds the sample closest to the poster keyframe.
func (sc *scene) posterSample(idx []int) int {
	m := sc.motion
	best, bestD := 0, math.Inf(1)
	for k, si := range idx {
		d := 0.0
		for j := range m.samp[si].a {
			d = max(d, math.Abs(m.samp[si].a[j]-m.key[m.poster][j]))
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// stop is one keyframe of a CSS animation.
type stop struct {
	t float64
	v []float64
}

// thin drops stops that lie on the straight line between their neighbours.
func thin(ch []stop, tol float64) []stop {
	out := []stop{ch[0]}
	for i := 1; i < len(ch)-1; i++ {
		a, c := out[len(out)-1], ch[i+1]
		keep := false
		for k := range ch[i].v {
			f := 0.0
			if c.t > a.t {
				f = (ch[i].t - a.t) / (c.t - a.t)
			}
			if math.Abs(a.v[k]+(c.v[k]-a.v[k])*f-ch[i].v[k]) > tol {
				keep = true
			}
		}
		if keep {
			out = append(out, ch[i])
		}
	}
	return append(out, ch[len(ch)-1])
}

// writeKeyframes writes one CSS animation and the class that runs it: the
// class also holds the poster's value, which is what shows when motion is
// reduced. Each animation sets one of the individual transform properties
// (rotate, translate, scale), so no static transform can add to it.
func writeKeyframes(b *bytes.Buffer, name, prop string, period, tol float64, ch []stop, poster []float64, format func(v []float64) string) {
	fmt.Fprintf(b, ".%s{animation-name:%s;%s:%s}@keyframes %s{", name, name, prop, format(poster), name)
	for _, st := range thin(ch, tol) {
		fmt.Fprintf(b, "%s{%s:%s}", pct(st.t/period*100), prop, format(st.v))
	}
	b.WriteString("}\n")
}

// The formats of the three properties.
func rotateValue(v []float64) string    { return short(v[0]) + "deg" }
func translateValue(v []float64) string { return px(v[0]) + " " + px(v[1]) }
func lengthValue(v []float64) string    { return "0 " + px(-v[0]) }
func scaleValue(v []float64) string     { return "1 " + num(v[0]) }

// channelName names an animation: the figure's prefix, the panel, the kind
// (r turn, t length, s the shape's stretch) and the bone.
func (sc *scene) channelName(panel int, kind byte, bone int) string {
	return fmt.Sprintf("%s%d%c%d", sc.prefix, panel, kind, bone)
}

// channel gathers one value of a track into stops.
func channel(t []float64, v ...[]float64) []stop {
	out := make([]stop, len(t))
	for k := range t {
		s := stop{t: t[k]}
		for _, x := range v {
			s.v = append(s.v, x[k])
		}
		out[k] = s
	}
	return out
}

// animated writes the animation.
func (sc *scene) animated(width float64) []byte {
	var b bytes.Buffer
	sc.writeHeader(&b, sc.title(), width)
	tracks := make([]*motionTracks, len(sc.panels))
	for i, p := range sc.panels {
		tracks[i] = sc.tracks(p)
	}
	var style bytes.Buffer
	sc.writeStyle(&style, tracks)
	head := b.Len()
	sc.writeDefs(&b)
	for i, p := range sc.panels {
		mt := tracks[i]
		sc.openPanelFlip(&b, i)
		sc.openPanel(&b, i)
		p.writeGround(&b)
		fmt.Fprintf(&b, `<g id="%s-m%d">`, sc.prefix, i)
		sc.writeMoving(&b, p, mt, true)
		b.WriteString("</g>\n")
		closePanel(&b)
		if i == 0 {
			sc.writeInset(&b, func(b *bytes.Buffer) { fmt.Fprintf(b, `<use href="#%s-m0"/>`, sc.prefix) })
		}
		sc.closePanelFlip(&b)
	}
	b.WriteString("</svg>\n")
	return withPalette(b.Bytes(), head, style.String())
}

// writeStyle writes the palette and every animation: each bone's turn and
// length, the root's place, and the side switch. Every animated element's
// class starts with the figure's prefix, which gives it the common timing.
func (sc *scene) writeStyle(b *bytes.Buffer, tracks []*motionTracks) {
	m := sc.motion
	P := sc.prefix
	fmt.Fprintf(b, "[class^=%s]{animation:%ss linear infinite;transform-box:view-box;transform-origin:0 0}\n", P, num100(m.side))
	fmt.Fprintf(b, "@media (prefers-reduced-motion:reduce){[class^=%s]{animation:none}}\n", P)
	for pi, mt := range tracks {
		at := mt.poster
		if mt.moves {
			ch := channel(mt.t, xs(mt.root), ys(mt.root))
			writeKeyframes(b, sc.channelName(pi, 'r', 0), "translate", m.side, thinTolerance, ch, ch[at].v, translateValue)
		}
		for i := 1; i < numBones; i++ {
			tr := &mt.bones[i]
			if !sc.panels[pi].shows(i) {
				continue
			}
			if tr.turns {
				ch := channel(mt.t, tr.rel)
				writeKeyframes(b, sc.channelName(pi, 'r', i), "rotate", m.side, thinTolerance, ch, ch[at].v, rotateValue)
			}
			if tr.stretches {
				ch := channel(mt.t, tr.length)
				writeKeyframes(b, sc.channelName(pi, 't', i), "translate", m.side, thinTolerance, ch, ch[at].v, lengthValue)
				if tr.scales {
					writeKeyframes(b, sc.channelName(pi, 's', i), "scale", m.side, thinTolerance, ch, ch[at].v, scaleValue)
				}
			}
		}
	}
	if m.sides {
		sc.writeSideSwitch(b)
	}
}

// num100 formats a duration with at most two decimals.
func num100(x float64) string { return fixed(x, 100) }

// writeSideSwitch animates the change of sides: the figure fades out,
// turns to its mirror image while unseen, and fades back in; one animation
// per panel, mirrored about the panel's middle.
func (sc *scene) writeSideSwitch(b *bytes.Buffer) {
	m := sc.motion
	for pi, p := range sc.panels {
		name := sc.channelName(pi, 'f', 0)
		flipped := fmt.Sprintf("matrix(-1,0,0,1,%s,0)", num(2*p.x0+p.w))
		fmt.Fprintf(b, ".%s{animation-name:%s;animation-duration:%ss}@keyframes %s{", name, name, num100(m.total), name)
		side := func(t, opacity float64, mirror bool) {
			tr := "matrix(1,0,0,1,0,0)"
			if mirror {
				tr = flipped
			}
			fmt.Fprintf(b, "%s{opacity:%s;transform:%s}", pct(t/m.total*100), num(opacity), tr)
		}
		side(0, 1, m.samp[0].mirror)
		t := 0.0
		for _, l := range m.legs {
			if l.swap {
				side(t, 1, l.mirror)
				side(t+0.45*l.dur, 0, l.mirror)
				side(t+0.5*l.dur, 0, !l.mirror)
				side(t+0.55*l.dur, 0, !l.mirror)
				side(t+l.dur, 1, !l.mirror)
			}
			t += l.dur
		}
		side(m.total, 1, m.samp[0].mirror)
		b.WriteString("}\n")
	}
}

// openPanelFlip starts the group that switches sides, for one-sided
// exercises; its still state is the first side.
func (sc *scene) openPanelFlip(b *bytes.Buffer, pi int) {
	if !sc.motion.sides {
		return
	}
	p := sc.panels[pi]
	tr := ""
	if sc.motion.first {
		tr = fmt.Sprintf(` transform="matrix(-1 0 0 1 %s 0)"`, num(2*p.x0+p.w))
	}
	fmt.Fprintf(b, `<g class="%s"%s>`+"\n", sc.channelName(pi, 'f', 0), tr)
}

func (sc *scene) closePanelFlip(b *bytes.Buffer) {
	if sc.motion.sides {
		b.WriteString("</g>\n")
	}
}

// writeMoving draws a panel's props, the ghost (when asked) and the moving
// figure, back to front. Chains that follow one another are drawn in as few
// passes over the body tree as their order allows.
func (sc *scene) writeMoving(b *bytes.Buffer, p *panel, mt *motionTracks, ghost bool) {
	for _, it := range p.order {
		if it.solid != nil && math.IsInf(it.depth, -1) {
			p.writeSolid(b, it.solid)
		}
	}
	if ghost {
		sc.writeGhost(b, p, &p.ghost)
	}
	var run []chain
	flush := func() {
		for _, pass := range sc.passes(p, run) {
			sc.writePass(b, p, mt, pass)
		}
		run = nil
	}
	for _, it := range p.order {
		switch {
		case it.solid != nil && !math.IsInf(it.depth, -1):
			flush()
			p.writeSolid(b, it.solid)
		case it.solid == nil && len(p.chainBones(it.chain)) > 0:
			run = append(run, it.chain)
		}
	}
	flush()
}

// passes splits a run of chains, in drawing order, into passes: each pass is
// one walk down the body tree, so within it a bone is drawn before the bones
// that hang from it, and the chains under one bone before or after those
// under another. A chain starts a new pass when it cannot come next in the
// current one.
func (sc *scene) passes(p *panel, run []chain) [][]chain {
	var out [][]chain
	var cur []chain
	for _, c := range run {
		try := append(append([]chain{}, cur...), c)
		if len(cur) == 0 || sc.walkOrder(p, try) {
			cur = try
			continue
		}
		out = append(out, cur)
		cur = []chain{c}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// pass is what one walk draws: the bones of its chains, the bones above
// them, and the rank that orders each bone's children.
type pass struct {
	draw, need map[int]bool
	rank       map[int]int // the earliest place in the pass of a chain drawn at or below the bone
}

func (sc *scene) newPass(p *panel, chains []chain) *pass {
	ps := &pass{draw: map[int]bool{}, need: map[int]bool{}, rank: map[int]int{}}
	for k, c := range chains {
		for _, i := range p.chainBones(c) {
			ps.draw[i] = true
			for j := i; j >= 0; j = bones()[j].parent {
				ps.need[j] = true
				if r, ok := ps.rank[j]; !ok || k < r {
					ps.rank[j] = k
				}
			}
		}
	}
	return ps
}

// children lists the bones that start at bone i's start (atStart) or end,
// among those the pass needs, in the pass's order.
func (ps *pass) children(i int, atStart bool) []int {
	var out []int
	for j := range bones() {
		if bones()[j].parent == i && bones()[j].atStart == atStart && ps.need[j] {
			out = append(out, j)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return ps.rank[a] - ps.rank[b] })
	return out
}

// walkOrder reports whether one walk draws the chains in the order given.
func (sc *scene) walkOrder(p *panel, chains []chain) bool {
	ps := sc.newPass(p, chains)
	var seen []chain
	var walk func(i int)
	walk = func(i int) {
		if ps.draw[i] {
			c := bones()[i].chain
			if len(seen) == 0 || seen[len(seen)-1] != c {
				seen = append(seen, c)
			}
		}
		for _, ch := range ps.children(i, true) {
			walk(ch)
		}
		for _, ch := range ps.children(i, false) {
			walk(ch)
		}
	}
	walk(bRoot)
	return slices.Equal(seen, chains)
}

// shows reports whether bone i or a bone hanging from it is drawn in the
// panel: only those are animated.
func (p *panel) shows(i int) bool {
	if drawnIn(i, p.view) {
		return true
	}
	for j := range bones() {
		if bones()[j].parent == i && p.shows(j) {
			return true
		}
	}
	return false
}

// writePass draws chains of the moving figure in one walk: the groups from
// the root down to their bones, each turning (and stretching) as its track
// says.
func (sc *scene) writePass(b *bytes.Buffer, p *panel, mt *motionTracks, chains []chain) {
	ps := sc.newPass(p, chains)
	q := sc.panelIndex(p)
	if mt.moves {
		fmt.Fprintf(b, `<g class="%s">`, sc.channelName(q, 'r', 0))
	} else {
		r := mt.root[mt.poster]
		fmt.Fprintf(b, `<g transform="translate(%s %s)">`, num(r.X), num(r.Y))
	}
	for _, ch := range ps.children(bRoot, true) {
		sc.writeBoneGroup(b, p, mt, ch, q, ps)
	}
	b.WriteString("</g>\n")
}

func (sc *scene) panelIndex(p *panel) int {
	for i, x := range sc.panels {
		if x == p {
			return i
		}
	}
	return 0
}

// writeBoneGroup writes bone i's group: a turn, its shape, the bones that
// start where it starts, and a group moved to its end with its end's shape
// and the bones that start there.
func (sc *scene) writeBoneGroup(b *bytes.Buffer, p *panel, mt *motionTracks, i int, q int, ps *pass) {
	open := sc.openTurn(b, mt, i, q)
	if ps.draw[i] && bones()[i].shape.kind == shapeLimb {
		sc.writeLimb(b, p, mt, i, q)
	}
	for _, ch := range ps.children(i, true) {
		sc.writeBoneGroup(b, p, mt, ch, q, ps)
	}
	sc.writeEnd(b, p, mt, i, q, ps)
	if open {
		b.WriteString("</g>")
	}
}

// openTurn opens bone i's group, turned as its track says; a bone that
// never turns relative to its parent needs no group of its own.
func (sc *scene) openTurn(b *bytes.Buffer, mt *motionTracks, i, q int) bool {
	tr := &mt.bones[i]
	switch {
	case tr.turns:
		fmt.Fprintf(b, `<g class="%s">`, sc.channelName(q, 'r', i))
	case math.Abs(tr.fixedRel(mt.poster)) >= 0.05:
		fmt.Fprintf(b, `<g transform="rotate(%s)">`, num(tr.fixedRel(mt.poster)))
	default:
		return false
	}
	return true
}

// writeLimb draws a limb's capsule in its own frame: whole, or, when its
// drawn length changes enough to matter, its start and a body one unit
// long scaled to the length (negative when it points past the viewer), its
// end being drawn in the end group.
func (sc *scene) writeLimb(b *bytes.Buffer, p *panel, mt *motionTracks, i, q int) {
	l, cls := p.local[i], sc.toneOf(p, i).class()
	if !mt.bones[i].scales {
		capsule(b, l.s0, l.r0, l.s1, l.r1, cls)
		return
	}
	circle(b, Vec{l.s0.X, 0}, l.r0, cls)
	fmt.Fprintf(b, `<g class="%s">`, sc.channelName(q, 's', i))
	fmt.Fprintf(b, `<path class="%s" d="M%s 0L%s -1L%s -1L%s 0z"/>`, cls,
		num(l.s0.X-l.r0), num(l.s1.X-l.r1), num(l.s1.X+l.r1), num(l.s0.X+l.r0))
	b.WriteString("</g>")
}

// writeEnd writes the group at bone i's end (moved as its drawn length
// says): the shape drawn there (a head, a face, a blade, a stretching
// limb's end) and the bones that start there.
func (sc *scene) writeEnd(b *bytes.Buffer, p *panel, mt *motionTracks, i, q int, ps *pass) {
	tr := &mt.bones[i]
	kind := bones()[i].shape.kind
	ends := ps.children(i, false)
	endShape := ps.draw[i] && (kind != shapeLimb || tr.scales)
	if len(ends) == 0 && !endShape {
		return
	}
	length := tr.fixedLength(mt.poster)
	if tr.stretches {
		fmt.Fprintf(b, `<g class="%s">`, sc.channelName(q, 't', i))
	} else {
		fmt.Fprintf(b, `<g transform="translate(0 %s)">`, num(-length))
	}
	if i == bHead && !p.faceFront {
		// A face turned away is drawn first, behind the head.
		for _, ch := range ends {
			sc.writeBoneGroup(b, p, mt, ch, q, ps)
		}
		ends = nil
	}
	if endShape {
		l, cls := p.local[i], sc.toneOf(p, i).class()
		at := Vec{l.s1.X, l.s1.Y + length}
		if tr.scales {
			at = Vec{l.s1.X, 0}
		}
		switch kind {
		case shapeLimb, shapeHead, shapeFace:
			circle(b, at, l.r1, cls)
		case shapeBlade:
			// Upright whatever way the bone points.
			fmt.Fprintf(b, `<g transform="rotate(%s)">`, num(-mt.absHeading(i)))
			blade(b, Vec{}, bladeSign(p, i), l.r1, cls)
			b.WriteString("</g>")
		}
	}
	for _, ch := range ends {
		sc.writeBoneGroup(b, p, mt, ch, q, ps)
	}
	b.WriteString("</g>")
}

// absHeading returns bone i's heading in the picture at the poster sample.
func (mt *motionTracks) absHeading(i int) float64 {
	h := 0.0
	for j := i; j > 0; j = bones()[j].parent {
		h += mt.bones[j].rel[mt.poster]
	}
	return h
}

// short is num (kept for the animations' values).
func short(x float64) string { return num(x) }

// px is a length in CSS pixels (0 needs no unit).
func px(x float64) string {
	if s := short(x); s != "0" {
		return s + "px"
	}
	return "0"
}
