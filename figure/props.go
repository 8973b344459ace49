package figure

import "math"

// Prop sizes in body units (about centimetres).
const (
	rollerRadius = 8.5 // a foam roller, drawn a little larger than the usual 15 cm so it reads at small sizes
	towelRadius  = 5.0
	pillowWidth  = 48.0
	pillowHeight = 12.0
	seatWidth    = 44.0
	seatDepth    = 5.0
	wallHeight   = 235.0
	wallWidth    = 160.0 // the stretch of wall a front or back view shows
	doorHeight   = 210.0
	doorWidth    = 90.0 // the opening
	jambWidth    = 10.0
	matLength    = 190.0
	far          = 1e6 // "without end", for the floor
)

// shape is a rectangle or a circle of a prop, in body units, y up.
type shape struct {
	circle         bool
	x0, y0, x1, y1 float64 // rectangle
	c              Vec     // circle centre
	r              float64 // circle radius, or the rectangle's corner radius when drawn
	solid          bool    // in a side view, the body may not pass through it
	midlineOnly    bool    // solid only for the trunk and head (limbs may pass beside it)
	hidden         bool    // used for contacts but not drawn (the floor, drawn as the ground line)
}

// sdf returns the signed distance from p to the shape: negative inside.
func (s *shape) sdf(p Vec) float64 {
	if s.circle {
		dx, dy := p.X-s.c.X, p.Y-s.c.Y
		return math.Sqrt(dx*dx+dy*dy) - s.r
	}
	dx := max(s.x0-p.X, p.X-s.x1)
	dy := max(s.y0-p.Y, p.Y-s.y1)
	ox, oy := max(dx, 0), max(dy, 0)
	return math.Sqrt(ox*ox+oy*oy) + min(max(dx, dy), 0)
}

// invPhi is 1/φ, the step of a golden-section search.
var invPhi = (math.Sqrt(5) - 1) / 2

// segDist returns the smallest signed distance from any point of the
// segment a–b to the shape. The signed distance to a convex shape is convex
// along a line, so a golden-section search finds the minimum; 32 steps
// narrow it to a millionth of the segment.
func (s *shape) segDist(a, b Vec) float64 {
	d := b.sub(a)
	f := func(t float64) float64 { return s.sdf(Vec{a.X + d.X*t, a.Y + d.Y*t}) }
	lo, hi := 0.0, 1.0
	m1, m2 := hi-invPhi, lo+invPhi
	f1, f2 := f(m1), f(m2)
	for range 32 {
		if f1 < f2 {
			hi, m2, f2 = m2, m1, f1
			m1 = hi - invPhi*(hi-lo)
			f1 = f(m1)
		} else {
			lo, m1, f1 = m1, m2, f2
			m2 = lo + invPhi*(hi-lo)
			f2 = f(m2)
		}
	}
	return min(f(0), f(1), f1, f2)
}

// propShapes returns a prop's shapes in a view, and the lines drawn with it
// (chair legs, the curl of a towel).
func propShapes(p Prop, v View) (shapes []shape, lines [][2]Vec) {
	x := p.X
	switch p.Kind {
	case Floor:
		shapes = []shape{{x0: -far, y0: -far, x1: far, y1: 0, solid: true, hidden: true}}
	case Mat:
		shapes = []shape{{x0: x - matLength/2, y0: -Stroke, x1: x + matLength/2, y1: 0, r: 2}}
	case Wall:
		if v.frontal() {
			shapes = []shape{{x0: x - wallWidth/2, y0: 0, x1: x + wallWidth/2, y1: wallHeight}}
		} else {
			shapes = []shape{{x0: x - 10, y0: 0, x1: x, y1: wallHeight, solid: true}}
		}
	case Doorway:
		if v.frontal() {
			h := doorWidth / 2
			shapes = []shape{
				{x0: x - h - jambWidth, y0: 0, x1: x - h, y1: doorHeight + jambWidth},
				{x0: x + h, y0: 0, x1: x + h + jambWidth, y1: doorHeight + jambWidth},
				{x0: x - h, y0: doorHeight, x1: x + h, y1: doorHeight + jambWidth},
			}
		} else {
			shapes = []shape{{x0: x - jambWidth/2, y0: 0, x1: x + jambWidth/2, y1: doorHeight + jambWidth}}
		}
	case Chair:
		top := SeatHeight
		shapes = []shape{{x0: x - seatWidth/2, y0: top - seatDepth, x1: x + seatWidth/2, y1: top, r: 2, solid: true, midlineOnly: true}}
		for _, k := range []float64{-1, 1} {
			lines = append(lines, [2]Vec{{x + k*(seatWidth/2-4), top - seatDepth}, {x + k*(seatWidth/2-1), Radius}})
		}
	case FoamRoller:
		if v.frontal() {
			shapes = []shape{{x0: x - 45, y0: 0, x1: x + 45, y1: 2 * rollerRadius, r: rollerRadius}}
		} else {
			shapes = []shape{{circle: true, c: Vec{x, rollerRadius}, r: rollerRadius, solid: true}}
		}
	case Towel:
		if v.frontal() {
			shapes = []shape{{x0: x - 35, y0: 0, x1: x + 35, y1: 2 * towelRadius, r: towelRadius}}
		} else {
			shapes = []shape{{circle: true, c: Vec{x, towelRadius}, r: towelRadius, solid: true}}
		}
	case Pillow:
		shapes = []shape{{x0: x - pillowWidth/2, y0: 0, x1: x + pillowWidth/2, y1: pillowHeight, r: 5, solid: true}}
	}
	if !v.frontal() {
		return shapes, lines
	}
	for i := range shapes {
		if shapes[i].hidden {
			continue
		}
		shapes[i].solid = false // in a front or back view, depth decides; the picture cannot
	}
	return shapes, lines
}
