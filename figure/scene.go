package figure

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A bone is drawn in the accent colour when its own joint turns by at least
// accentTurn degrees between keyframes (or it hangs from an accented bone)
// and it moves in the world: turns by accentTurn or an end moves
// accentShift units.
const (
	accentTurn  = 8.0
	accentShift = 5.0
)

// farBehind is how far behind the trunk a limb must be to be drawn in the
// far tone: in a side view, the other side's limbs; from the front, the
// back or above, only a limb well behind the body (legs seen past the
// shoulders of a body on all fours, an arm reaching back to a seat).
func farBehind(v View) float64 {
	if v == Side {
		return 6
	}
	return 14
}

// scene is everything shared by the stills and the animation of one
// illustration: the motion, the colours, and each view's projection.
type scene struct {
	s      Subject
	il     *Illustration
	motion *Motion
	prefix string // CSS class prefix, unique per figure
	accent [numBones]bool
	panels []*panel
}

// bone2 is a bone in the picture, y up: its projected ends, and the ends
// of its shape's centre line.
type bone2 struct{ a, b, s0, s1 Vec }

// frame2 is the whole body in the picture.
type frame2 [numBones]bone2

// localShape is a bone's shape in its own picture frame (the bone runs from
// the origin up the page, y down): where its capsule starts and ends, and
// the half-widths there. It is measured once per view, on the first
// keyframe.
type localShape struct {
	s0, s1 Vec
	r0, r1 float64
}

// item is one thing drawn, back to front: a chain of bones, or a prop's
// piece.
type item struct {
	chain chain
	solid *solid // nil for a chain
	depth float64
}

// panel is one view of the figure.
type panel struct {
	view      View
	cam       camera
	x0, w     float64 // where the panel sits in the frame
	k, dx, dy float64 // picture (y up) to frame: (k·x + dx, −k·y + dy)
	samples   []frame2
	poster    frame2
	ghost     frame2
	local     [numBones]localShape
	far       [numChains]bool
	order     []item
	faceFront bool // the face is toward the viewer: drawn over the head
	focus     Vec  // the inset's centre, in the picture
	extent    box  // what the panel must show, in the picture at scale 1
}

func newScene(s Subject) (*scene, error) {
	motion, err := NewMotion(s)
	if err != nil {
		return nil, err
	}
	sc := &scene{s: s, il: s.Illustration, motion: motion}
	sc.prefix = sc.classPrefix()
	sc.accents()
	for _, v := range sc.il.Panels() {
		sc.panels = append(sc.panels, sc.newPanel(v))
	}
	sc.layout()
	return sc, nil
}

// maxZoom is how much larger than the common scale a small figure (a body
// on all fours, lying down) may be drawn to fill its frame, so that it reads
// as well as a standing one at thumbnail size.
const maxZoom = 1.5

// layout scales the figure and shares the frame's width between its panels:
// one scale for every panel, as large as fits (up to maxZoom); each panel
// gets its figure's width and an equal share of what is left, so that two
// views of different widths (a body on all fours from the front and from
// the side) sit side by side.
func (sc *scene) layout() {
	k, total := maxZoom, 0.0
	need := make([]float64, len(sc.panels))
	for i, p := range sc.panels {
		b := p.extent
		need[i] = b.x1 - b.x0
		total += need[i]
		if p.view.ground() {
			k = min(k, (FrameHeight-groundMargin-pad/2)/max(b.y1, 1))
		} else {
			k = min(k, (FrameHeight-2*pad)/max(b.y1-b.y0, 1))
		}
	}
	n := float64(len(sc.panels))
	k = max(min(k, (FrameWidth-2*pad*n)/max(total, 1)), 0.01)
	x := 0.0
	for i, p := range sc.panels {
		p.x0 = x
		p.w = k*need[i] + 2*pad + (FrameWidth-k*total-2*pad*n)/n
		p.k = k
		p.fit()
		x += p.w
	}
}

// classPrefix names the figure's CSS classes and animations. Names are
// global on a web page: they are a hash of the exercise id and the loop, so
// two figures on one page never share a name unless they move exactly
// alike. Rounded as drawn, so the names are the same on every machine.
func (sc *scene) classPrefix() string {
	h := fnv.New32a()
	m := sc.motion
	fmt.Fprintf(h, "%s|%s|%s|%s %s %s|", sc.il.View, sc.il.Beside, m.pl.point, num(m.pl.at.X), num(m.pl.at.Y), num(m.pl.at.Z))
	for _, l := range m.legs {
		fmt.Fprintf(h, "%s %v %t %t|", num(l.dur), l.path, l.mirror, l.swap)
	}
	for _, k := range m.key {
		for _, v := range k {
			fmt.Fprintf(h, "%s ", num(v))
		}
	}
	for _, p := range sc.il.Props {
		fmt.Fprintf(h, "%s %s|", p.Kind, num(p.X))
	}
	if in := sc.il.Inset; in != nil {
		fmt.Fprintf(h, "%s %s|", in.Around, num(in.Zoom))
	}
	fmt.Fprintf(h, "%s|", sc.s.ID)
	return "u" + strconv.FormatUint(uint64(h.Sum32()%(36*36*36*36*36)), 36)
}

// cssName keeps the characters an exercise id may have, so the id can name
// CSS classes and animations.
func cssName(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// accents decides which bones are drawn in the accent colour: the parts the
// illustration names (where the parts that move most are not the point),
// or else each bone that moves between keyframes because its own joint
// turns or it hangs from an accented bone (so the whole arm that reaches),
// with the shoulders drawn with their arms, the face with the head and the
// shoulder blades with the shoulders.
func (sc *scene) accents() {
	spec := bones()
	if names := sc.il.Accent; len(names) > 0 {
		for _, n := range names {
			for _, p := range singular(n) {
				for _, pc := range pieces(p) {
					sc.accent[pc.bone] = true
				}
			}
		}
	} else {
		m := sc.motion
		poses := make([]Pose, len(m.key))
		for i := range m.key {
			poses[i] = sc.il.pose(&m.key[i], m.pl)
		}
		for k := range spec {
			parent := spec[k].parent
			for i := range poses {
				for j := range i {
					own := spec[k].rot(&m.key[i]).angleTo(spec[k].rot(&m.key[j])) >= accentTurn
					a, b := poses[i].bones[k], poses[j].bones[k]
					world := a.F.angleTo(b.F) >= accentTurn || a.A.dist(b.A) >= accentShift || a.B.dist(b.B) >= accentShift
					if world && (own || (parent > bRoot && sc.accent[parent])) {
						sc.accent[k] = true
					}
				}
			}
		}
	}
	// The shoulder (the girdle's ball) is drawn as part of its arm.
	sc.accent[bGirdleL] = sc.accent[bGirdleL] || sc.accent[bUpperArmL]
	sc.accent[bGirdleR] = sc.accent[bGirdleR] || sc.accent[bUpperArmR]
	sc.accent[bFace] = sc.accent[bHead]
	sc.accent[bBladeL] = sc.accent[bBladeL] || sc.accent[bGirdleL]
	sc.accent[bBladeR] = sc.accent[bBladeR] || sc.accent[bGirdleR]
}

// newPanel projects the loop into one view and measures it; layout places
// it in the frame.
func (sc *scene) newPanel(v View) *panel {
	p := &panel{view: v, cam: cameraFor(v)}
	m := sc.motion
	for _, s := range m.samp {
		pose := sc.il.pose(&s.a, m.pl)
		p.samples = append(p.samples, p.project(&pose))
	}
	key := make([]Pose, len(m.key))
	for i := range m.key {
		key[i] = sc.il.pose(&m.key[i], m.pl)
	}
	p.poster = p.project(&key[m.poster])
	p.ghost = p.project(&key[0])
	p.measureShapes(&key[0])
	p.arrange(key, sc.il)
	p.measure(sc.il)
	if in := sc.il.Inset; in != nil {
		if pt, ok := key[m.poster].point(in.Around); ok {
			p.focus = p.cam.project(pt)
		}
	}
	return p
}

// project puts a pose into the picture.
func (p *panel) project(pose *Pose) frame2 {
	var f frame2
	for i, b := range pose.bones {
		s0, s1 := pose.axis(i)
		f[i] = bone2{p.cam.project(b.A), p.cam.project(b.B), p.cam.project(s0), p.cam.project(s1)}
	}
	return f
}

// measureShapes finds each bone's shape in its own picture frame, from a
// pose: where its capsule starts and ends, and its half-widths as seen from
// this view.
func (p *panel) measureShapes(pose *Pose) {
	spec := bones()
	for i := range spec {
		sh := &spec[i].shape
		b := pose.bones[i]
		a2 := p.cam.project(b.A)
		u2 := p.cam.project(b.B).sub(a2)
		if u2.len() < 1e-6 {
			u2 = Vec{0, 1}
		}
		u2 = u2.scale(1 / u2.len())
		n2 := Vec{u2.Y, -u2.X} // the bone's right, in the picture
		local := func(w V3) Vec {
			d := p.cam.project(w).sub(a2)
			return Vec{d.X*n2.X + d.Y*n2.Y, -(d.X*u2.X + d.Y*u2.Y)}
		}
		e := p.cam.right.scale(n2.X).add(p.cam.up.scale(n2.Y)) // the same direction in the world
		width := func(d, w float64) float64 {
			if d == w {
				return d
			}
			x, z := e.dot(b.F.axis(0)), e.dot(b.F.axis(2))
			return math.Sqrt(d*d*x*x + w*w*z*z)
		}
		w0, w1 := pose.axis(i)
		p.local[i] = localShape{s0: local(w0), s1: local(w1), r0: width(sh.d0, sh.w0), r1: width(sh.d1, sh.w1)}
	}
}

// drawnIn reports whether bone i is drawn in view v.
func drawnIn(i int, v View) bool {
	switch bones()[i].shape.kind {
	case shapeNone:
		return false
	case shapeBlade:
		return v == Back
	}
	return true
}

// chainPriority breaks ties in depth: legs behind the trunk, arms in front.
var chainPriority = [numChains]int{chLegL: 0, chLegR: 1, chTrunk: 2, chBlades: 3, chNeck: 4, chHead: 5, chArmL: 6, chArmR: 7}

// arrange decides the drawing order, back to front, and which limbs are
// far: each chain's depth is its drawn bones' average over the keyframes;
// props sit just behind what is level with them, and walls, door frames and
// mats behind everything.
func (p *panel) arrange(key []Pose, il *Illustration) {
	depth, drawn := p.chainDepths(key)
	for c := range numChains {
		if !drawn[c] {
			continue
		}
		p.order = append(p.order, item{chain: chain(c), depth: depth[c]})
		switch chain(c) {
		case chArmL, chArmR, chLegL, chLegR:
			p.far[c] = depth[c] < depth[chTrunk]-farBehind(p.view)
		}
	}
	p.order = append(p.order, p.propItems(il, depth[chTrunk])...)
	slices.SortStableFunc(p.order, backToFront)
}

// chainDepths returns each chain's average depth over the keyframes, and
// whether it is drawn in this view at all; it also notes whether the face
// is ever toward the viewer.
func (p *panel) chainDepths(key []Pose) (depth [numChains]float64, drawn [numChains]bool) {
	var count [numChains]float64
	spec := bones()
	for _, pose := range key {
		for i := range spec {
			if !drawnIn(i, p.view) {
				continue
			}
			a, b := pose.axis(i)
			depth[spec[i].chain] += (p.cam.depth(a) + p.cam.depth(b)) / 2
			count[spec[i].chain]++
		}
		h, f := pose.bones[bHead].B, pose.bones[bFace].B
		if p.cam.depth(f) >= p.cam.depth(h)-1 {
			p.faceFront = true
		}
	}
	for c := range numChains {
		if drawn[c] = count[c] > 0; drawn[c] {
			depth[c] /= count[c]
		}
	}
	return depth, drawn
}

// propItems places the props' pieces in the order: walls, door frames and
// mats behind everything, a wall between the viewer and the figure left
// out, the rest just behind what is level with them.
func (p *panel) propItems(il *Illustration, trunk float64) []item {
	var out []item
	for _, pr := range il.Props {
		if pr.Kind == Floor {
			continue
		}
		for _, s := range pr.solids() {
			d := p.cam.depth(s.centre()) - 3
			switch {
			case pr.Kind == Wall && p.cam.depth(s.centre()) > trunk:
				continue // cut away
			case pr.Kind == Wall || pr.Kind == Doorway || pr.Kind == Mat:
				d = math.Inf(-1)
			}
			out = append(out, item{solid: &s, depth: d})
		}
	}
	return out
}

// backToFront orders items by depth; at one depth props come first, and
// chains by chainPriority.
func backToFront(a, b item) int {
	switch {
	case a.depth < b.depth-1e-9:
		return -1
	case a.depth > b.depth+1e-9:
		return 1
	case a.solid != nil && b.solid == nil:
		return -1
	case a.solid == nil && b.solid != nil:
		return 1
	case a.solid == nil:
		return chainPriority[a.chain] - chainPriority[b.chain]
	}
	return 0
}

// box is a bounding box in the picture.
type box struct{ x0, y0, x1, y1 float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) add(p Vec, r float64) {
	if !finite(p.X) || !finite(p.Y) {
		return
	}
	b.x0, b.y0 = min(b.x0, p.X-r), min(b.y0, p.Y-r)
	b.x1, b.y1 = max(b.x1, p.X+r), max(b.y1, p.Y+r)
}

// pad is the space kept around a figure in its panel, in body units.
const pad = 6.0

// measure finds what the panel must show: the figure at every moment of the
// loop, and the props that matter (walls, mats, door frames and the floor
// are cut off at the frame).
func (p *panel) measure(il *Illustration) {
	b := emptyBox()
	for _, f := range p.samples {
		for i := range f {
			if !drawnIn(i, p.view) {
				continue
			}
			l := p.local[i]
			a, c := p.shapeEnds(&f, i)
			b.add(a, l.r0)
			b.add(c, l.r1)
		}
	}
	for _, pr := range il.Props {
		switch pr.Kind {
		case Floor, Wall, Mat, Doorway:
			continue
		}
		for _, s := range pr.solids() {
			r := p.rect(&s)
			b.add(Vec{r.x0, r.y0}, 0)
			b.add(Vec{r.x1, r.y1}, 0)
		}
	}
	if !finite(b.x0) || !finite(b.x1) || !finite(b.y0) || !finite(b.y1) {
		b = box{-50, 0, 50, 100}
	}
	b.x0, b.x1 = max(b.x0, -maxPlace), min(b.x1, maxPlace)
	b.y0, b.y1 = max(b.y0, -maxPlace), min(b.y1, maxPlace)
	p.extent = b
}

// fit places the panel's figure at its scale: the ground line at its fixed
// height (in the top view, the figure in the middle), the figure in the
// middle across.
func (p *panel) fit() {
	b := p.extent
	cx := (b.x0 + b.x1) / 2
	if p.view.ground() {
		p.dy = FrameHeight - groundMargin
	} else {
		p.dy = FrameHeight/2 + p.k*(b.y0+b.y1)/2
	}
	p.dx = p.x0 + p.w/2 - p.k*cx
}

// shapeEnds returns where bone i's capsule starts and ends in the picture.
func (p *panel) shapeEnds(f *frame2, i int) (Vec, Vec) { return f[i].s0, f[i].s1 }

// rect returns the picture rectangle a solid covers (y up).
func (p *panel) rect(s *solid) box {
	lo, hi := s.lo, s.hi
	if s.kind == cylinder {
		lo = V3{s.c.X - s.r, s.c.Y - s.r, s.lo.Z}
		hi = V3{s.c.X + s.r, s.c.Y + s.r, s.hi.Z}
	}
	b := emptyBox()
	for _, x := range []float64{lo.X, hi.X} {
		for _, y := range []float64{lo.Y, hi.Y} {
			for _, z := range []float64{lo.Z, hi.Z} {
				b.add(p.cam.project(V3{x, y, z}), 0)
			}
		}
	}
	return b
}

// toneOf returns the tone bone i is drawn in.
func (sc *scene) toneOf(p *panel, i int) tone {
	spec := &bones()[i]
	acc := sc.accent[i]
	switch spec.shape.kind {
	case shapeFace:
		acc = sc.accent[bHead]
		fallthrough
	case shapeBlade:
		if acc {
			return toneFaceAccent
		}
		return toneFace
	}
	switch spec.chain {
	case chTrunk, chNeck, chHead:
		if acc {
			return toneTrunkAccent
		}
		return toneTrunk
	}
	far := p.far[spec.chain]
	switch {
	case acc && far:
		return toneAccentFar
	case acc:
		return toneAccent
	case far:
		return toneInkFar
	}
	return toneInk
}
