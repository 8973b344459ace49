package figure

import (
	"github.com/unhunch/unhunch/message"
)

// ShapeKind says what a Shape is.
type ShapeKind int

// The shapes a Drawing is made of. A capsule of the SVG (two circles and
// the straight sides between them) comes as its two circles and the
// four-sided polygon between their tangents: the same outline, filled in
// one colour, in primitives any vector format has.
const (
	ShapeCircle  ShapeKind = iota // centre P[0], radius R
	ShapeRect                     // top left P[0], bottom right P[1], corners rounded by R
	ShapePolygon                  // the points P, closed
)

// Shape is one filled shape of a Drawing, in the frame's coordinates
// (FrameWidth × FrameHeight body units, y down), filled with Colour
// (#rrggbb).
type Shape struct {
	Kind   ShapeKind
	Colour string
	P      []Vec
	R      float64
}

// Group is shapes drawn inside a clip, back to front: one view's panel (a
// rectangle), or the close-up (a circle). Clip is nil for shapes drawn
// unclipped (the close-up's ring).
type Group struct {
	Clip   *Shape
	Shapes []Shape
}

// Drawing is one keyframe of a figure as filled shapes, back to front: the
// still that Still draws as SVG (the same shapes from the same walk, the
// ghost of the start included), for formats that are not SVG (the PDF
// handout draws it with its own vector operators).
type Drawing struct {
	Title  string  // the text alternative, as the SVG's
	Width  float64 // FrameWidth
	Height float64 // FrameHeight
	Groups []Group
}

// Vector returns keyframe frame of s as a Drawing in the colours of
// palette pal.
func Vector(s Subject, frame string, pal Palette) (*Drawing, error) {
	sc, i, err := sceneAt(s, frame)
	if err != nil {
		return nil, err
	}
	return sc.vector(i, pal), nil
}

// Vectors returns every keyframe of s, in order, as Vector draws each: the
// scene is set up once for them all (the handout draws every keyframe).
func Vectors(s Subject, pal Palette) ([]*Drawing, error) {
	return everyKeyframe(s, func(sc *scene, i int) *Drawing { return sc.vector(i, pal) })
}

// vector draws keyframe i of the scene.
func (sc *scene) vector(i int, pal Palette) *Drawing {
	colours := pal.colours()
	d := &Drawing{Title: message.Text(message.FigureTitleFrame, sc.s.Name, sc.il.Keyframes[i].Name),
		Width: FrameWidth, Height: FrameHeight}
	a := sc.motion.key[i]
	pose := sc.il.pose(&a, sc.motion.pl)
	for pi, p := range sc.panels {
		f := p.project(&pose)
		var ghost *frame2
		if i != 0 {
			ghost = &p.ghost
		}
		var marks collector
		sc.paintFlat(&marks, p, &f, ghost)
		toFrame := func(v Vec) Vec { return Vec{p.k*v.X + p.dx, p.k*v.Y + p.dy} }
		d.Groups = append(d.Groups, Group{
			Clip:   &Shape{Kind: ShapeRect, Colour: "#000000", P: []Vec{{p.x0, 0}, {p.x0 + p.w, FrameHeight}}},
			Shapes: marks.shapes(colours, toFrame, p.k),
		})
		if pi != 0 {
			continue
		}
		if c, r, ok := sc.insetCircle(); ok {
			d.Groups = append(d.Groups, Group{Shapes: []Shape{
				{Kind: ShapeCircle, Colour: colours[toneGround], P: []Vec{c}, R: r + 2},
				{Kind: ShapeCircle, Colour: colours[toneInset], P: []Vec{c}, R: r},
			}})
			z := min(max(sc.il.Inset.Zoom, 1.5), 4)
			focus := flip(p.focus)
			// The panel's picture, enlarged around the inset's point.
			inset := func(v Vec) Vec {
				return Vec{c.X + p.k*z*(v.X-focus.X), c.Y + p.k*z*(v.Y-focus.Y)}
			}
			d.Groups = append(d.Groups, Group{
				Clip:   &Shape{Kind: ShapeCircle, Colour: "#000000", P: []Vec{c}, R: r},
				Shapes: marks.shapes(colours, inset, p.k*z),
			})
		}
	}
	return d
}

// collector gathers the marks of a panel, in order, with the layer each
// was painted on (breaks: a layer of -1).
type collector struct {
	marks  []mark
	layers []layer
}

func (c *collector) paint(l layer, m mark) {
	c.marks, c.layers = append(c.marks, m), append(c.layers, l)
}
func (c *collector) breakRun() { c.marks, c.layers = append(c.marks, mark{}), append(c.layers, -1) }

// replay paints what was gathered again.
func (c *collector) replay(out painter) {
	for i, m := range c.marks {
		if c.layers[i] < 0 {
			out.breakRun()
			continue
		}
		out.paint(c.layers[i], m)
	}
}

// shapes turns the marks into Shapes in the frame: to maps a point of the
// panel's picture into the frame, k scales lengths.
func (c *collector) shapes(colours [numTones]string, to func(Vec) Vec, k float64) []Shape {
	var out []Shape
	for i, m := range c.marks {
		if c.layers[i] < 0 {
			continue
		}
		col := colours[m.tone]
		switch m.kind {
		case shCircle:
			out = append(out, Shape{Kind: ShapeCircle, Colour: col, P: []Vec{to(m.p[0])}, R: k * m.r0})
		case shCapsule:
			t0p, t1p, t1m, t0m, _, ok := tangents(m.p[0], m.r0, m.p[1], m.r1)
			if !ok {
				ctr, r := m.p[0], m.r0
				if m.r1 > m.r0 {
					ctr, r = m.p[1], m.r1
				}
				out = append(out, Shape{Kind: ShapeCircle, Colour: col, P: []Vec{to(ctr)}, R: k * r})
				continue
			}
			out = append(out,
				Shape{Kind: ShapeCircle, Colour: col, P: []Vec{to(m.p[0])}, R: k * m.r0},
				Shape{Kind: ShapeCircle, Colour: col, P: []Vec{to(m.p[1])}, R: k * m.r1},
				Shape{Kind: ShapePolygon, Colour: col, P: []Vec{to(t0p), to(t1p), to(t1m), to(t0m)}})
		case shRect, shBar:
			r := 0.0
			if m.kind == shRect {
				r = k * m.r0
			}
			out = append(out, Shape{Kind: ShapeRect, Colour: col, R: r,
				P: []Vec{to(m.p[0]), to(m.p[0].add(m.p[1]))}})
		case shPolygon:
			out = append(out, Shape{Kind: ShapePolygon, Colour: col, P: []Vec{to(m.p[0]), to(m.p[1]), to(m.p[2])}})
		}
	}
	return out
}
