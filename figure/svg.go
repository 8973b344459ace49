package figure

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// The palette (PRODUCT.md §2.1a): one neutral ink for the figure, one accent
// for what moves, lighter tints of both for the far side in a side view, and
// light greys for the props and the ground.
const (
	colInk       = "#3b4654"
	colInkFar    = "#a9b3be"
	colAccent    = "#d9692b"
	colAccentFar = "#efb48f"
	colProp      = "#d2d9e1"
	colBackdrop  = "#eef1f4" // a wall seen face on, behind the figure
	colGround    = "#c9d0d8"
	colMat       = "#b4bec9"
)

// margin is the space left around the drawing, in body units.
const margin = 8.0

// Accent thresholds: a bone is drawn in the accent colour when, between any
// two keyframes, it turns by at least accentTurn degrees or one of its ends
// moves by at least accentShift body units.
const (
	accentTurn  = 8.0
	accentShift = 5.0
)

// num formats a coordinate or an angle: at most two decimals, no "-0", and
// never NaN or Inf (only an illustration that fails Validate comes near:
// such values are clamped to ±1e7).
func num(x float64) string {
	if !finite(x) {
		return "0"
	}
	x = min(max(x, -1e7), 1e7)
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// box is a bounding box in world coordinates.
type box struct{ x0, y0, x1, y1 float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) addPoint(p Vec, r float64) {
	if !finite(p.X) || !finite(p.Y) {
		return
	}
	b.x0, b.y0 = min(b.x0, p.X-r), min(b.y0, p.Y-r)
	b.x1, b.y1 = max(b.x1, p.X+r), max(b.y1, p.Y+r)
}

func (b *box) addBody(body *Body) {
	for _, x := range body.Bones[1:] {
		b.addPoint(x.A, Radius)
		b.addPoint(x.B, Radius)
	}
	b.addPoint(body.Head, HeadRadius)
}

// scene is everything shared by the stills and the animation of one
// illustration: the frame, the colours, the motion.
type scene struct {
	s      Subject
	il     *Illustration
	m      *model
	motion *Motion
	vb     box // the viewBox, world coordinates
	accent []bool
	anchor int
	at     Vec
	prefix string // CSS class prefix, unique per exercise
}

func newScene(s Subject) (*scene, error) {
	motion, err := NewMotion(s)
	if err != nil {
		return nil, err
	}
	il := s.Illustration
	anchor, at, _ := il.placement()
	sc := &scene{s: s, il: il, m: modelFor(il.View, il.Base), motion: motion, anchor: anchor, at: at}
	// Class and animation names are global on a web page: they carry the
	// exercise id and a hash of the loop, so two figures on one page never
	// share a name unless they move exactly alike.
	// Rounded as drawn, so the names are the same on every machine.
	h := fnv.New32a()
	fmt.Fprintf(h, "%s|%d|%s %s|", il.View, anchor, num(at.X), num(at.Y))
	for _, l := range motion.legs {
		fmt.Fprintf(h, "%s %v %t %t|", num(l.dur), l.path, l.mirror, l.swap)
	}
	for _, k := range motion.key {
		for _, v := range k {
			fmt.Fprintf(h, "%s ", num(v))
		}
	}
	sc.prefix = fmt.Sprintf("uh-%s-%06x", cssName(s.ID), h.Sum32()&0xffffff)
	// Frame: every sampled pose, the small props, the door, and the ground.
	b := emptyBox()
	for _, x := range motion.samp {
		body, _ := il.body(&x.a)
		b.addBody(&body)
	}
	for _, p := range il.Props {
		shapes, lines := propShapes(p, il.View)
		if p.Kind == Wall || p.Kind == Mat || p.Kind == Floor {
			continue // drawn, but cut off at the frame
		}
		for _, sh := range shapes {
			if sh.circle {
				b.addPoint(sh.c, sh.r)
			} else {
				b.addPoint(Vec{sh.x0, sh.y0}, 0)
				b.addPoint(Vec{sh.x1, sh.y1}, 0)
			}
		}
		for _, l := range lines {
			b.addPoint(l[0], Radius)
			b.addPoint(l[1], Radius)
		}
	}
	b.addPoint(Vec{b.x0, -Stroke}, 0)
	if !finite(b.x0) {
		b = box{-50, -Stroke, 50, 100}
	}
	b.x0, b.y0, b.x1, b.y1 = b.x0-margin, b.y0-2, b.x1+margin, b.y1+margin
	// Keep the frame from collapsing, and from running away on wild input.
	b.x0, b.x1 = max(b.x0, -2*maxPlace), min(b.x1, 2*maxPlace)
	b.y0, b.y1 = max(b.y0, -maxPlace), min(b.y1, 2*maxPlace)
	if b.x1-b.x0 < 20 {
		b.x1 = b.x0 + 20
	}
	if b.y1-b.y0 < 20 {
		b.y1 = b.y0 + 20
	}
	sc.vb = b
	// Accent: a bone is drawn in the accent colour when its own joint turns
	// between keyframes, or it hangs from an accented bone, and it really
	// moves in the picture. So when the arms reach, the arms are accented;
	// when the whole body slides over a roller, only the legs that push it.
	var frames []Body
	for i := range il.Keyframes {
		f, _ := il.Frame(i)
		frames = append(frames, f)
	}
	sc.accent = make([]bool, len(sc.m.bones))
	for k := range sc.m.bones {
		turns, moves := false, false
		for i := 1; i < len(frames); i++ {
			for j := range i {
				a, c := frames[i], frames[j]
				if math.Abs(sc.m.bones[k].rel(&motion.key[i])-sc.m.bones[k].rel(&motion.key[j])) >= accentTurn {
					turns = true
				}
				turn := math.Abs(math.Remainder(a.Bones[k].Heading-c.Bones[k].Heading, 360))
				shift := max(a.Bones[k].A.dist(c.Bones[k].A), a.Bones[k].B.dist(c.Bones[k].B))
				if k == bHead {
					shift = a.Head.dist(c.Head)
				}
				if turn >= accentTurn || shift >= accentShift {
					moves = true
				}
			}
		}
		parent := sc.m.bones[k].parent
		sc.accent[k] = moves && (turns || (parent >= 0 && sc.accent[parent]))
	}
	return sc, nil
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

// writeHeader opens the SVG with its frame and text alternative.
// Its width and height are the viewBox's times scale: a body unit is scale
// pixels unless the page sizes it otherwise.
func (sc *scene) writeHeader(b *bytes.Buffer, title string, scale float64) {
	w, h := sc.vb.x1-sc.vb.x0, sc.vb.y1-sc.vb.y0
	t := html.EscapeString(title)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s %s %s %s" width="%s" height="%s" role="img" aria-label="%s">`+"\n",
		num(sc.vb.x0), num(-sc.vb.y1), num(w), num(h), num(w*scale), num(h*scale), t)
	fmt.Fprintf(b, "<title>%s</title>\n", t)
}

// writeProps draws the props that keep says to, and the ground line with
// the first of them (the floor is always kept).
func (sc *scene) writeProps(b *bytes.Buffer, keep func(PropKind) bool) {
	b.WriteString(`<g fill="` + colProp + `" stroke="none">` + "\n")
	for _, p := range sc.il.Props {
		if !keep(p.Kind) {
			continue
		}
		shapes, _ := propShapes(p, sc.il.View)
		for _, s := range shapes {
			if s.hidden || p.Kind == Mat {
				continue
			}
			if s.circle {
				fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s"/>`+"\n", num(s.c.X), num(-s.c.Y), num(s.r))
				continue
			}
			fill := ""
			if p.Kind == Wall && sc.il.View.frontal() {
				fill = ` fill="` + colBackdrop + `"`
			}
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s"%s/>`+"\n",
				num(s.x0), num(-s.y1), num(s.x1-s.x0), num(s.y1-s.y0), num(s.r), fill)
		}
	}
	b.WriteString("</g>\n")
	if keep(Floor) {
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n",
			num(sc.vb.x0), num(Radius), num(sc.vb.x1), num(Radius), colGround)
	}
	for _, p := range sc.il.Props {
		if !keep(p.Kind) {
			continue
		}
		shapes, lines := propShapes(p, sc.il.View)
		if p.Kind == Mat {
			for _, s := range shapes {
				fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n",
					num(s.x0+Radius), num(Radius), num(s.x1-Radius), num(Radius), colMat)
			}
		}
		for _, l := range lines {
			fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n",
				num(l[0].X), num(-l[0].Y), num(l[1].X), num(-l[1].Y), colGround)
		}
		if p.Kind == Towel && !sc.il.View.frontal() {
			// The curl of the rolled towel.
			c := shapes[0].c
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" stroke="%s" stroke-width="%s"/>`+"\n",
				num(c.X), num(-c.Y), num(towelRadius/2), colGround, num(Stroke/3))
		}
	}
}

// pass says which bones a drawing pass draws: in a side view the far limbs
// first, then the trunk and head, then the near limbs; in a front or back
// view the legs, then the trunk, head and hips, then the arms.
func (sc *scene) pass(i int) int {
	b := &sc.m.bones[i]
	if !sc.il.View.frontal() {
		switch b.side {
		case left:
			return 0
		case mid:
			return 1
		}
		return 2
	}
	switch {
	case b.side == mid || strings.HasPrefix(b.name, "pelvis"):
		return 1
	case strings.HasPrefix(b.name, "thigh"), strings.HasPrefix(b.name, "shin"), strings.HasPrefix(b.name, "foot"):
		return 0
	}
	return 2
}

// colour returns the colour of bone i.
func (sc *scene) colour(i int) string {
	far := !sc.il.View.frontal() && sc.m.bones[i].side == left
	switch {
	case sc.accent[i] && far:
		return colAccentFar
	case sc.accent[i]:
		return colAccent
	case far:
		return colInkFar
	}
	return colInk
}

// drawn reports whether bone i or any bone below it is drawn in pass p.
func (sc *scene) drawn(i, p int) bool {
	if i != bRoot && sc.pass(i) == p && (sc.m.bones[i].length > 0 || i == bHead) {
		return true
	}
	for c := range sc.m.bones {
		if sc.m.bones[c].parent == i && sc.drawn(c, p) {
			return true
		}
	}
	return false
}

// writeBone writes bone i's group for pass p: a translation to the end of
// its parent, a rotation (animated when cls is set), its line, its children.
func (sc *scene) writeBone(b *bytes.Buffer, i, p int, a *angles, animated map[int]bool) {
	bone := &sc.m.bones[i]
	if bone.parent >= 0 {
		if l := sc.m.bones[bone.parent].length; l > 0 {
			fmt.Fprintf(b, `<g transform="translate(0 %s)">`, num(-l))
		}
	}
	fmt.Fprintf(b, `<g transform="rotate(%s)"`, num(bone.rel(a)))
	if animated[i] {
		fmt.Fprintf(b, ` class="%s-a %s-b%d"`, sc.prefix, sc.prefix, i)
	}
	b.WriteString(">")
	if sc.pass(i) == p && i != bRoot {
		switch {
		case i == bHead:
			fmt.Fprintf(b, `<circle cy="%s" r="%s" fill="%s" stroke="none"/>`, num(-bone.length), num(HeadRadius), sc.colour(i))
		case bone.length > 0:
			fmt.Fprintf(b, `<line y2="%s" stroke="%s"/>`, num(-bone.length), sc.colour(i))
		}
	}
	b.WriteString("\n")
	for c := range sc.m.bones {
		if sc.m.bones[c].parent == i && sc.drawn(c, p) {
			sc.writeBone(b, c, p, a, animated)
		}
	}
	b.WriteString("</g>")
	if bone.parent >= 0 && sc.m.bones[bone.parent].length > 0 {
		b.WriteString("</g>")
	}
	b.WriteString("\n")
}

// root returns where the root goes for the given angles, before mirroring.
func (sc *scene) root(a *angles) Vec {
	body := pose(sc.m, a, sc.anchor, sc.at, false)
	return body.Bones[bRoot].B
}

// writeFigure writes the given passes of the figure in pose a. The root
// group carries the placement (animated when animated[bRoot]).
func (sc *scene) writeFigure(b *bytes.Buffer, a *angles, animated map[int]bool, passes ...int) {
	if sc.il.View == Back {
		fmt.Fprintf(b, `<g transform="matrix(-1 0 0 1 %s 0)">`+"\n", num(2*sc.at.X))
	}
	r := sc.root(a)
	for _, p := range passes {
		if !sc.drawn(bRoot, p) {
			continue
		}
		fmt.Fprintf(b, `<g transform="translate(%s %s) rotate(%s)"`, num(r.X), num(-r.Y), num(sc.m.bones[bRoot].rel(a)))
		if animated[bRoot] {
			fmt.Fprintf(b, ` class="%s-a %s-b0"`, sc.prefix, sc.prefix)
		}
		b.WriteString(">\n")
		for c := range sc.m.bones {
			if sc.m.bones[c].parent == bRoot && sc.drawn(c, p) {
				sc.writeBone(b, c, p, a, animated)
			}
		}
		b.WriteString("</g>\n")
	}
	if sc.il.View == Back {
		b.WriteString("</g>\n")
	}
}

// writeScene draws the props and the figure in pose a, in depth order: a
// chair seen from behind stands in front of the legs.
func (sc *scene) writeScene(b *bytes.Buffer, a *angles, animated map[int]bool) {
	behind := sc.il.View == Back
	sc.writeProps(b, func(k PropKind) bool { return !(behind && k == Chair) })
	if behind {
		sc.writeFigure(b, a, animated, 0)
		sc.writeProps(b, func(k PropKind) bool { return k == Chair })
		sc.writeFigure(b, a, animated, 1, 2)
		return
	}
	sc.writeFigure(b, a, animated, 0, 1, 2)
}

// openDrawing starts the group that sets the one stroke style.
func openDrawing(b *bytes.Buffer) {
	b.WriteString(`<g fill="none" stroke-width="` + num(Stroke) + `" stroke-linecap="round" stroke-linejoin="round">` + "\n")
}

// Still returns the SVG of one keyframe, named as in the illustration.
func Still(s Subject, frame string) ([]byte, error) {
	sc, err := newScene(s)
	if err != nil {
		return nil, err
	}
	i := sc.il.Keyframe(frame)
	if i < 0 {
		return nil, fmt.Errorf("%w: %q", ErrNoKeyframe, frame)
	}
	return sc.still(i, 1), nil
}

func (sc *scene) still(i int, scale float64) []byte {
	var b bytes.Buffer
	sc.writeHeader(&b, message.Text(message.FigureTitleFrame, sc.s.Name, sc.il.Keyframes[i].Name), scale)
	openDrawing(&b)
	a := sc.motion.key[i]
	sc.writeScene(&b, &a, nil)
	b.WriteString("</g>\n</svg>\n")
	return b.Bytes()
}

// Stills returns the SVG of every keyframe, in order.
func Stills(s Subject) ([][]byte, error) {
	sc, err := newScene(s)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(sc.il.Keyframes))
	for i := range out {
		out[i] = sc.still(i, 1)
	}
	return out, nil
}

// title is the text alternative of the animation.
func (sc *scene) title() string {
	names := make([]string, len(sc.il.Keyframes))
	for i, k := range sc.il.Keyframes {
		names[i] = k.Name
	}
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
// through its keyframes at the dose's tempo, looping, with CSS keyframes that
// turn each joint (so every bone keeps its length at every moment). Where
// the reader asks for reduced motion, it shows the poster keyframe still.
func Animated(s Subject) ([]byte, error) {
	sc, err := newScene(s)
	if err != nil {
		return nil, err
	}
	return sc.animated(1), nil
}

func (sc *scene) animated(scale float64) []byte {
	samples := sc.motion.samp
	total := sc.motion.total
	pct := func(t float64) string { return num(t/total*100) + "%" }
	// One channel per bone whose rotation changes, one for the root's
	// placement, one for the side switch.
	type stop struct {
		t float64
		v []float64
	}
	channels := map[int][]stop{}
	for _, x := range samples {
		r := sc.root(&x.a)
		channels[bRoot] = append(channels[bRoot], stop{x.t, []float64{r.X, -r.Y, sc.m.bones[bRoot].rel(&x.a)}})
		for i := 1; i < len(sc.m.bones); i++ {
			channels[i] = append(channels[i], stop{x.t, []float64{sc.m.bones[i].rel(&x.a)}})
		}
	}
	animated := map[int]bool{}
	for i, ch := range channels {
		for _, st := range ch[1:] {
			for k := range st.v {
				if math.Abs(st.v[k]-ch[0].v[k]) > 0.005 {
					animated[i] = true
				}
			}
		}
	}
	// Drop stops that lie on the straight line between their neighbours.
	thin := func(ch []stop) []stop {
		out := []stop{ch[0]}
		for i := 1; i < len(ch)-1; i++ {
			a, c := out[len(out)-1], ch[i+1]
			keep := false
			for k := range ch[i].v {
				f := 0.0
				if c.t > a.t {
					f = (ch[i].t - a.t) / (c.t - a.t)
				}
				if math.Abs(a.v[k]+(c.v[k]-a.v[k])*f-ch[i].v[k]) > 0.01 {
					keep = true
				}
			}
			if keep {
				out = append(out, ch[i])
			}
		}
		return append(out, ch[len(ch)-1])
	}
	var b bytes.Buffer
	sc.writeHeader(&b, sc.title(), scale)
	p := sc.prefix
	b.WriteString("<style>\n")
	fmt.Fprintf(&b, ".%s-a{animation-duration:%ss;animation-timing-function:linear;animation-iteration-count:infinite;transform-box:view-box;transform-origin:0 0}\n", p, num(total))
	fmt.Fprintf(&b, "@media (prefers-reduced-motion:reduce){.%s-a{animation:none}}\n", p)
	for i := range sc.m.bones {
		if !animated[i] {
			continue
		}
		fmt.Fprintf(&b, ".%s-b%d{animation-name:%s-b%d}\n@keyframes %s-b%d{", p, i, p, i, p, i)
		for _, st := range thin(channels[i]) {
			if i == bRoot {
				fmt.Fprintf(&b, "%s{transform:translate(%spx,%spx) rotate(%sdeg)}", pct(st.t), num(st.v[0]), num(st.v[1]), num(st.v[2]))
			} else {
				fmt.Fprintf(&b, "%s{transform:rotate(%sdeg)}", pct(st.t), num(st.v[0]))
			}
		}
		b.WriteString("}\n")
	}
	cx := (sc.vb.x0 + sc.vb.x1) / 2
	flip := fmt.Sprintf("matrix(-1,0,0,1,%s,0)", num(2*cx))
	if sc.motion.sides {
		fmt.Fprintf(&b, ".%s-s{animation-name:%s-s}\n@keyframes %s-s{", p, p, p)
		side := func(t, opacity float64, mirror bool) {
			tr := "matrix(1,0,0,1,0,0)"
			if mirror {
				tr = flip
			}
			fmt.Fprintf(&b, "%s{opacity:%s;transform:%s}", pct(t), num(opacity), tr)
		}
		side(0, 1, samples[0].mirror)
		t := 0.0
		for _, l := range sc.motion.legs {
			if l.swap {
				// Fade out, turn to the mirror image while unseen, fade in.
				side(t, 1, l.mirror)
				side(t+0.45*l.dur, 0, l.mirror)
				side(t+0.5*l.dur, 0, !l.mirror)
				side(t+0.55*l.dur, 0, !l.mirror)
				side(t+l.dur, 1, !l.mirror)
			}
			t += l.dur
		}
		side(total, 1, samples[0].mirror)
		b.WriteString("}\n")
	}
	b.WriteString("</style>\n")
	poster := sc.motion.key[sc.motion.Poster()]
	if sc.motion.sides {
		tr := ""
		if samples[0].mirror {
			tr = fmt.Sprintf(` transform="matrix(-1 0 0 1 %s 0)"`, num(2*cx))
		}
		fmt.Fprintf(&b, `<g class="%s-a %s-s"%s>`+"\n", p, p, tr)
	}
	openDrawing(&b)
	sc.writeScene(&b, &poster, animated)
	b.WriteString("</g>\n")
	if sc.motion.sides {
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}
