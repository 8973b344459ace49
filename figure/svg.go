package figure

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// DefaultWidth is the width a figure is drawn at, in pixels, unless asked
// otherwise: large enough to read on a page or print, small enough for a
// phone.
const DefaultWidth = 480.0

// MinWidth and MaxWidth bound the width a figure may be drawn at.
const (
	MinWidth = 48.0
	MaxWidth = 4096.0
)

// num formats a coordinate or an angle with at most one decimal, without
// a leading zero (.5), no "-0", and never NaN or Inf (only an illustration
// that fails Validate comes near: such values are clamped to ±1e6).
func num(x float64) string {
	s := fixed(x, 10)
	switch {
	case strings.HasPrefix(s, "0."):
		return s[1:]
	case strings.HasPrefix(s, "-0."):
		return "-" + s[2:]
	}
	return s
}

// pct formats a share of the loop with at most one decimal.
func pct(x float64) string { return fixed(x, 10) + "%" }

func fixed(x, k float64) string {
	if !finite(x) {
		return "0"
	}
	x = min(max(x, -1e6), 1e6)
	s := strconv.FormatFloat(math.Round(x*k)/k, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// clampWidth keeps a requested width within bounds; 0 means the default.
func clampWidth(w float64) float64 {
	if w == 0 || !finite(w) {
		return DefaultWidth
	}
	return min(max(w, MinWidth), MaxWidth)
}

// writeHeader opens the SVG: the fixed frame, its size in pixels, the text
// alternative and the palette.
func (sc *scene) writeHeader(b *bytes.Buffer, title string, width float64) {
	t := html.EscapeString(title)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="uh" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s">`+"\n",
		num(FrameWidth), num(FrameHeight), num(width), num(width*FrameHeight/FrameWidth), t)
	fmt.Fprintf(b, "<title>%s</title>\n", t)
}

// writeDefs writes the clip paths: one per panel, and the inset's circle.
func (sc *scene) writeDefs(b *bytes.Buffer) {
	b.WriteString("<defs>")
	for i, p := range sc.panels {
		fmt.Fprintf(b, `<clipPath id="%s-c%d"><rect x="%s" width="%s" height="%s"/></clipPath>`, sc.prefix, i, num(p.x0), num(p.w), num(FrameHeight))
	}
	if c, r, ok := sc.insetCircle(); ok {
		fmt.Fprintf(b, `<clipPath id="%s-i"><circle cx="%s" cy="%s" r="%s"/></clipPath>`, sc.prefix, num(c.X), num(c.Y), num(r))
	}
	b.WriteString("</defs>\n")
}

// pen gathers shapes of one class into a single path, so that a run of
// shapes in one colour costs one element.
type pen struct {
	b     *bytes.Buffer
	class string
	d     strings.Builder
	whole bool // whole units: for the faint ghost, where a tenth cannot be seen
}

func newPen(b *bytes.Buffer) *pen { return &pen{b: b} }

// n formats a number as the pen draws it.
func (p *pen) n(x float64) string {
	if p.whole {
		return fixed(x, 1)
	}
	return num(x)
}

// r rounds a number as the pen draws it.
func (p *pen) r(x float64) float64 {
	if p.whole {
		return math.Round(x)
	}
	return round1(x)
}

// use switches to a class, writing what was gathered in the last one.
func (p *pen) use(class string) {
	if class != p.class {
		p.flush()
		p.class = class
	}
}

// flush writes what was gathered.
func (p *pen) flush() {
	if p.d.Len() > 0 {
		fmt.Fprintf(p.b, `<path class="%s" d="%s"/>`, p.class, p.d.String())
		p.d.Reset()
	}
}

// capsule adds the outline of a tapered capsule between two circles, in
// frame coordinates (y down).
func (p *pen) capsule(c0 Vec, r0 float64, c1 Vec, r1 float64) {
	t0p, t1p, t1m, t0m, s, ok := tangents(c0, r0, c1, r1)
	if !ok {
		c, r := c0, r0
		if r1 > r0 {
			c, r = c1, r1
		}
		p.circle(c, r)
		return
	}
	large1, large0 := 0, 0
	if s < 0 {
		large1 = 1
	} else {
		large0 = 1
	}
	// Relative steps from the rounded start point, so that the path closes
	// exactly where it began.
	start := Vec{p.r(t0p.X), p.r(t0p.Y)}
	at := start
	step := func(to Vec) Vec {
		d := Vec{p.r(to.X - at.X), p.r(to.Y - at.Y)}
		at = at.add(d)
		return d
	}
	d1, d2, d3 := step(t1p), step(t1m), step(t0m)
	fmt.Fprintf(&p.d, "M%s %sl%s %sa%s %s 0 %d 0 %s %sl%s %sa%s %s 0 %d 0 %s %sz",
		p.n(start.X), p.n(start.Y), p.n(d1.X), p.n(d1.Y), p.n(r1), p.n(r1), large1, p.n(d2.X), p.n(d2.Y),
		p.n(d3.X), p.n(d3.Y), p.n(r0), p.n(r0), large0, p.n(start.X-at.X), p.n(start.Y-at.Y))
}

// tangents returns where the two straight sides of a tapered capsule touch
// its circles (centres c0 and c1, radii r0 and r1): t0p to t1p on one side,
// t1m to t0m on the other, and the sine of the taper. It is false when one
// circle holds the other: the capsule is then the larger circle.
func tangents(c0 Vec, r0 float64, c1 Vec, r1 float64) (t0p, t1p, t1m, t0m Vec, s float64, ok bool) {
	d := c1.sub(c0)
	l := d.len()
	if l <= math.Abs(r0-r1)+1e-3 {
		return
	}
	u := d.scale(1 / l)
	n := Vec{-u.Y, u.X}
	s = (r0 - r1) / l
	k := math.Sqrt(1 - s*s)
	wp, wm := u.scale(s).add(n.scale(k)), u.scale(s).sub(n.scale(k))
	t0p, t1p = c0.add(wp.scale(r0)), c1.add(wp.scale(r1))
	t0m, t1m = c0.add(wm.scale(r0)), c1.add(wm.scale(r1))
	return t0p, t1p, t1m, t0m, s, true
}

// round1 rounds to one decimal, as num writes.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// circle adds a circle.
func (p *pen) circle(c Vec, r float64) {
	fmt.Fprintf(&p.d, "M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 %s 0z",
		p.n(c.X-r), p.n(c.Y), p.n(r), p.n(r), p.n(2*r), p.n(r), p.n(r), p.n(-2*r))
}

// circle writes a circle as an element of its own (a centre at 0 needs no
// attribute).
func circle(b *bytes.Buffer, c Vec, r float64, class string) {
	fmt.Fprintf(b, `<circle class="%s"`, class)
	if x := num(c.X); x != "0" {
		fmt.Fprintf(b, ` cx="%s"`, x)
	}
	if y := num(c.Y); y != "0" {
		fmt.Fprintf(b, ` cy="%s"`, y)
	}
	fmt.Fprintf(b, ` r="%s"/>`, num(r))
}

// capsule writes a tapered capsule as an element of its own.
func capsule(b *bytes.Buffer, c0 Vec, r0 float64, c1 Vec, r1 float64, class string) {
	p := newPen(b)
	p.use(class)
	p.capsule(c0, r0, c1, r1)
	p.flush()
}

// blade writes a shoulder blade centred at c (frame coordinates) as
// elements of its own: bladePoints, rounded.
func blade(b *bytes.Buffer, c Vec, sign, r float64, class string) {
	pts := bladePoints(c, sign, r)
	w := newPen(b)
	w.use(class)
	rr := r * 0.25
	for i := range pts {
		w.capsule(pts[i], rr, pts[(i+1)%3], rr)
	}
	w.flush()
	fmt.Fprintf(b, `<path class="%s" d="M%s %sL%s %sL%s %sz"/>`, class, num(pts[0].X), num(pts[0].Y), num(pts[1].X), num(pts[1].Y), num(pts[2].X), num(pts[2].Y))
}

// flip turns a picture point (y up) into panel coordinates (y down).
func flip(v Vec) Vec { return Vec{v.X, -v.Y} }

// writeSolid draws one piece of a prop.
func (p *panel) writeSolid(b *bytes.Buffer, s *solid) {
	for _, sh := range p.solidShapes(s) {
		writeElement(b, sh)
	}
}

// writeGround draws the ground line across the panel.
func (p *panel) writeGround(b *bytes.Buffer) {
	if g, ok := p.groundShape(); ok {
		writeElement(b, g)
	}
}

// bladeSign says which way a shoulder blade's straight edge faces: toward
// the spine.
func bladeSign(p *panel, i int) float64 {
	s := bones()[i].side.sign()
	if p.cam.right.Z < 0 {
		s = -s
	}
	return s
}

// chainBones lists the bones of a chain drawn in the panel, in drawing
// order (the face before the head when it looks away).
func (p *panel) chainBones(c chain) []int {
	var out []int
	for i := range bones() {
		if bones()[i].chain == c && drawnIn(i, p.view) {
			out = append(out, i)
		}
	}
	if c == chHead && !p.faceFront {
		out = []int{bFace, bHead}
	}
	return out
}

// writeFlat draws a frame still, back to front: props and chains, with the
// ghost of the start behind the figure when one is given (paintFlat).
func (sc *scene) writeFlat(b *bytes.Buffer, p *panel, f, ghost *frame2) {
	sp := &svgPainter{b: b}
	sc.paintFlat(sp, p, f, ghost)
	sp.flush()
}

// writeGhost draws the start pose, faint, behind the figure, as one path.
func (sc *scene) writeGhost(b *bytes.Buffer, p *panel, g *frame2) {
	sp := &svgPainter{b: b}
	sc.paintGhost(sp, p, g)
	sp.flush()
}

// openPanel starts panel i: clipped to its part of the frame, with the
// picture's coordinates inside.
func (sc *scene) openPanel(b *bytes.Buffer, i int) {
	p := sc.panels[i]
	fmt.Fprintf(b, `<g clip-path="url(#%s-c%d)">`+"\n", sc.prefix, i)
	fmt.Fprintf(b, `<g transform="translate(%s %s) scale(%s)">`+"\n", num(p.dx), num(p.dy), fixed(p.k, 1000))
}

func closePanel(b *bytes.Buffer) { b.WriteString("</g>\n</g>\n") }

// Still returns the SVG of one keyframe, named as in the illustration.
func Still(s Subject, frame string) ([]byte, error) { return StillAt(s, frame, 0) }

// StillAt is Still drawn width pixels wide (0: DefaultWidth).
func StillAt(s Subject, frame string, width float64) ([]byte, error) {
	sc, i, err := sceneAt(s, frame)
	if err != nil {
		return nil, err
	}
	return sc.still(i, clampWidth(width)), nil
}

// sceneAt sets up the scene of s and finds keyframe frame in it, or
// returns an ErrNoKeyframe error.
func sceneAt(s Subject, frame string) (*scene, int, error) {
	sc, err := newScene(s)
	if err != nil {
		return nil, 0, err
	}
	i := sc.il.Keyframe(frame)
	if i < 0 {
		return nil, 0, fmt.Errorf("%w: %q", ErrNoKeyframe, frame)
	}
	return sc, i, nil
}

// everyKeyframe sets up the scene of s once and draws each keyframe with
// draw, in order.
func everyKeyframe[T any](s Subject, draw func(sc *scene, i int) T) ([]T, error) {
	sc, err := newScene(s)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(sc.il.Keyframes))
	for i := range out {
		out[i] = draw(sc, i)
	}
	return out, nil
}

// Stills returns the SVG of every keyframe, in order.
func Stills(s Subject) ([][]byte, error) {
	return everyKeyframe(s, func(sc *scene, i int) []byte { return sc.still(i, DefaultWidth) })
}

func (sc *scene) still(i int, width float64) []byte {
	var b bytes.Buffer
	sc.writeHeader(&b, message.Text(message.FigureTitleFrame, sc.s.Name, sc.il.Keyframes[i].Name), width)
	head := b.Len()
	sc.writeDefs(&b)
	a := sc.motion.key[i]
	pose := sc.il.pose(&a, sc.motion.pl)
	for pi, p := range sc.panels {
		f := p.project(&pose)
		var ghost *frame2
		if i != 0 {
			ghost = &p.ghost
		}
		sc.openPanel(&b, pi)
		fmt.Fprintf(&b, `<g id="%s-m%d">`, sc.prefix, pi)
		sc.writeFlat(&b, p, &f, ghost)
		b.WriteString("</g>\n")
		closePanel(&b)
		if pi == 0 {
			sc.writeInset(&b, func(b *bytes.Buffer) { fmt.Fprintf(b, `<use href="#%s-m0"/>`, sc.prefix) })
		}
	}
	b.WriteString("</svg>\n")
	return withPalette(b.Bytes(), head, "")
}

// withPalette puts the stylesheet (the palette of the tones the drawing
// uses, then more rules) into a drawing at offset at.
func withPalette(svg []byte, at int, more string) []byte {
	style := "<style>\n" + paletteStyle(svg[at:]) + more + "</style>\n"
	out := make([]byte, 0, len(svg)+len(style))
	out = append(out, svg[:at]...)
	out = append(out, style...)
	return append(out, svg[at:]...)
}

// insetCircle returns where the inset goes in the frame: a circle at the
// top of the first panel, on the side with more room.
func (sc *scene) insetCircle() (Vec, float64, bool) {
	if sc.il.Inset == nil || len(sc.panels) == 0 {
		return Vec{}, 0, false
	}
	p := sc.panels[0]
	const r = 44.0
	// The figure's extent across the panel, in frame coordinates.
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, f := range p.samples {
		for i := range f {
			if drawnIn(i, p.view) {
				for _, v := range []Vec{f[i].a, f[i].b} {
					x := p.k*v.X + p.dx
					x0, x1 = min(x0, x), max(x1, x)
				}
			}
		}
	}
	cx := p.x0 + p.w - r - 8
	if x0-p.x0 > p.x0+p.w-x1 {
		cx = p.x0 + r + 8
	}
	return Vec{cx, r + 10}, r, true
}

// writeInset draws the close-up: a ring, the page's colour inside, and the
// body around the inset's point, enlarged and clipped to the circle.
func (sc *scene) writeInset(b *bytes.Buffer, content func(*bytes.Buffer)) {
	c, r, ok := sc.insetCircle()
	if !ok {
		return
	}
	p := sc.panels[0]
	circle(b, c, r+2, toneGround.class())
	circle(b, c, r, toneInset.class())
	z := min(max(sc.il.Inset.Zoom, 1.5), 4)
	f := flip(p.focus)
	fmt.Fprintf(b, `<g clip-path="url(#%s-i)"><g transform="translate(%s %s) scale(%s) translate(%s %s)">`+"\n",
		sc.prefix, num(c.X), num(c.Y), fixed(p.k*z, 1000), num(-f.X), num(-f.Y))
	content(b)
	b.WriteString("</g></g>\n")
}

// title is the text alternative of the animation.
func (sc *scene) title() string {
	names := sc.il.Names()
	list := names[0]
	if n := len(names); n > 1 {
		list = strings.Join(names[:n-1], message.Text(message.FigureListSep)) + message.Text(message.FigureListAnd) + names[n-1]
	}
	if sc.motion.sides {
		first := sc.s.Dose.Normalize().FirstSide
		return message.Text(message.FigureTitleSides, sc.s.Name, list, sideWord(first), sideWord(first.Other()))
	}
	return message.Text(message.FigureTitleAnimated, sc.s.Name, list)
}

func sideWord(s dose.Side) string {
	if s == dose.Left {
		return message.Text(message.SideLeft)
	}
	return message.Text(message.SideRight)
}

// Animated returns the SVG of the subject's animation: the figure moving
// through its keyframes at the dose's tempo, looping, in front of a ghost of
// its start, with CSS animations that turn each bone (and shorten the ones
// that point toward the viewer), so every bone is at every moment the
// picture of a bone of its own length. Where the reader asks for reduced
// motion, it shows the poster keyframe, still.
func Animated(s Subject) ([]byte, error) { return AnimatedAt(s, 0) }

// AnimatedAt is Animated drawn width pixels wide (0: DefaultWidth).
func AnimatedAt(s Subject, width float64) ([]byte, error) {
	sc, err := newScene(s)
	if err != nil {
		return nil, err
	}
	return sc.animated(clampWidth(width)), nil
}
