package figure

import (
	"bytes"
	"fmt"
	"math"
)

// A still is painted once, back to front, as shapes handed to a painter:
// the SVG writer (svgPainter) writes them as elements and paths, and
// Vector gathers them for drawings made elsewhere (the PDF handout). Both
// take the same shapes from the same walk (paintFlat), so a figure on paper
// is the figure on screen.

// markKind says what a mark is.
type markKind int

const (
	shCapsule markKind = iota // a tapered capsule: p[0] radius r0 to p[1] radius r1
	shCircle                  // centre p[0], radius r0
	shRect                    // top left p[0], size p[1], corners rounded by r0
	shBar                     // the ground line: top left p[0], size p[1], square corners
	shPolygon                 // the triangle p[0], p[1], p[2]
)

// mark is one filled shape in a panel's picture (y down).
type mark struct {
	kind   markKind
	tone   tone
	p      [3]Vec
	r0, r1 float64
}

// layer says how the SVG writer gathers a shape: an element of its own, in
// the ghost's path (whole units), or in the body's path of its tone.
type layer int

const (
	layerElement layer = iota
	layerGhost
	layerBody
)

// painter receives a still's shapes in drawing order.
type painter interface {
	paint(l layer, s mark)
	// breakRun ends the body's current path: a shoulder blade is a path
	// of its own.
	breakRun()
}

// svgPainter writes shapes as SVG: runs of body shapes of one tone as one
// path, as the pen gathers them.
type svgPainter struct {
	b     *bytes.Buffer
	w     *pen
	ghost bool
}

// pen returns the pen for the ghost or the body, ending the other's path.
func (sp *svgPainter) pen(ghost bool) *pen {
	if sp.w == nil || sp.ghost != ghost {
		sp.flush()
		sp.w = newPen(sp.b)
		sp.w.whole = ghost
		sp.ghost = ghost
	}
	return sp.w
}

// flush writes what the pen gathered.
func (sp *svgPainter) flush() {
	if sp.w != nil {
		sp.w.flush()
	}
}

func (sp *svgPainter) breakRun() { sp.flush() }

func (sp *svgPainter) paint(l layer, s mark) {
	if l == layerElement {
		sp.flush()
		writeElement(sp.b, s)
		return
	}
	w := sp.pen(l == layerGhost)
	w.use(s.tone.class())
	switch s.kind {
	case shCapsule:
		w.capsule(s.p[0], s.r0, s.p[1], s.r1)
	case shCircle:
		w.circle(s.p[0], s.r0)
	}
}

// writeElement writes a shape as an element of its own.
func writeElement(b *bytes.Buffer, s mark) {
	cls := s.tone.class()
	switch s.kind {
	case shCapsule:
		capsule(b, s.p[0], s.r0, s.p[1], s.r1, cls)
	case shCircle:
		circle(b, s.p[0], s.r0, cls)
	case shRect:
		fmt.Fprintf(b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s" rx="%s"/>`,
			cls, num(s.p[0].X), num(s.p[0].Y), num(s.p[1].X), num(s.p[1].Y), num(s.r0))
	case shBar:
		fmt.Fprintf(b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>`,
			cls, num(s.p[0].X), num(s.p[0].Y), num(s.p[1].X), num(s.p[1].Y))
	case shPolygon:
		fmt.Fprintf(b, `<path class="%s" d="M%s %sL%s %sL%s %sz"/>`, cls,
			num(s.p[0].X), num(s.p[0].Y), num(s.p[1].X), num(s.p[1].Y), num(s.p[2].X), num(s.p[2].Y))
	}
}

// groundShape is the ground line across the panel, if its view has one.
func (p *panel) groundShape() (mark, bool) {
	if !p.view.ground() {
		return mark{}, false
	}
	x0, x1 := (p.x0-p.dx)/p.k, (p.x0+p.w-p.dx)/p.k
	return mark{kind: shBar, tone: toneGround, p: [3]Vec{{x0, 0}, {x1 - x0, 1.4}}}, true
}

// solidShapes are the shapes of one piece of a prop.
func (p *panel) solidShapes(s *solid) []mark {
	r := p.rect(s)
	t := s.tone
	if t == toneBackdrop && p.view == Side {
		t = toneProp
	}
	if s.kind == cylinder && p.cam.toward.Z != 0 {
		// A roller seen end on: a disc with a darker core.
		c := flip(p.cam.project(s.c))
		return []mark{
			{kind: shCircle, tone: t, p: [3]Vec{c}, r0: s.r},
			{kind: shCircle, tone: tonePropDark, p: [3]Vec{c}, r0: s.r * 0.45},
			{kind: shCircle, tone: t, p: [3]Vec{c}, r0: s.r * 0.2},
		}
	}
	x0, x1 := r.x0, r.x1
	if s.lo.Z <= -endless || s.hi.Z >= endless || s.lo.X <= -endless {
		// Endless walls: only the part in the panel.
		x0 = max(x0, (p.x0-p.dx)/p.k-1)
		x1 = min(x1, (p.x0+p.w-p.dx)/p.k+1)
	}
	return []mark{{kind: shRect, tone: t, p: [3]Vec{{x0, -r.y1}, {max(x1-x0, 0), max(r.y1-r.y0, 0)}},
		r0: min(s.round, (r.y1-r.y0)/2)}}
}

// bladePoints are the corners of a shoulder blade centred at c (frame
// coordinates): a rounded triangle, its straight edge toward the spine
// (sign -1 when the spine is to its right).
func bladePoints(c Vec, sign, r float64) [3]Vec {
	pts := [3]Vec{{-0.42, -1.0}, {-0.3, 1.25}, {0.75, -0.85}}
	for i := range pts {
		pts[i] = c.add(Vec{pts[i].X * r * sign, pts[i].Y * r})
	}
	return pts
}

// paintBone paints bone i of a frame in tone t on layer l: a limb's
// capsule, a head's or face's circle, or a blade (three capsules round a
// triangle, a path of its own).
func (p *panel) paintBone(out painter, l layer, t tone, f *frame2, i int) {
	lc := p.local[i]
	a, c := p.shapeEnds(f, i)
	switch bones()[i].shape.kind {
	case shapeLimb:
		out.paint(l, mark{kind: shCapsule, tone: t, p: [3]Vec{flip(a), flip(c)}, r0: lc.r0, r1: lc.r1})
	case shapeHead, shapeFace:
		out.paint(l, mark{kind: shCircle, tone: t, p: [3]Vec{flip(c)}, r0: lc.r1})
	case shapeBlade:
		out.breakRun()
		pts := bladePoints(flip(c), bladeSign(p, i), lc.r1)
		rr := lc.r1 * 0.25
		for k := range pts {
			out.paint(l, mark{kind: shCapsule, tone: t, p: [3]Vec{pts[k], pts[(k+1)%3]}, r0: rr, r1: rr})
		}
		out.paint(layerElement, mark{kind: shPolygon, tone: t, p: pts})
	}
}

// paintGhost paints the start pose, faint, behind the figure.
func (sc *scene) paintGhost(out painter, p *panel, g *frame2) {
	for i := range bones() {
		if drawnIn(i, p.view) && bones()[i].shape.kind != shapeFace && bones()[i].shape.kind != shapeBlade {
			p.paintBone(out, layerGhost, toneGhost, g, i)
		}
	}
}

// paintFlat paints a frame still, back to front: the ground, props and
// chains, with the ghost of the start behind the figure when one is given.
func (sc *scene) paintFlat(out painter, p *panel, f, ghost *frame2) {
	if g, ok := p.groundShape(); ok {
		out.paint(layerElement, g)
	}
	for _, it := range p.order {
		if it.solid != nil && math.IsInf(it.depth, -1) {
			for _, s := range p.solidShapes(it.solid) {
				out.paint(layerElement, s)
			}
		}
	}
	if ghost != nil {
		sc.paintGhost(out, p, ghost)
	}
	for _, it := range p.order {
		switch {
		case it.solid != nil && !math.IsInf(it.depth, -1):
			for _, s := range p.solidShapes(it.solid) {
				out.paint(layerElement, s)
			}
		case it.solid == nil:
			for _, i := range p.chainBones(it.chain) {
				p.paintBone(out, layerBody, sc.toneOf(p, i), f, i)
			}
		}
	}
}
