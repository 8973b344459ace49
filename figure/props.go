package figure

import "math"

// Prop sizes in body units (about centimetres).
const (
	rollerRadius = 7.5 // a foam roller 15 cm across
	rollerLength = 90.0
	towelRadius  = 5.0
	towelLength  = 60.0
	pillowLength = 48.0
	pillowHeight = 12.0
	pillowWidth  = 44.0
	seatSize     = 42.0
	seatDepth    = 4.5
	legSize      = 3.0
	wallHeight   = 235.0
	wallDepth    = 12.0
	doorHeight   = 210.0
	doorWidth    = 90.0 // the opening
	jambWidth    = 10.0
	jambDepth    = 14.0
	matLength    = 190.0
	matWidth     = 64.0
	matHeight    = 1.5
	endless      = 1e4 // "without end", for walls
)

// solidKind is the form of one piece of a prop.
type solidKind int

const (
	cuboid   solidKind = iota
	cylinder           // along z
)

// solid is one piece of a prop in the world.
type solid struct {
	kind   solidKind
	lo, hi V3      // a box's corners; a cylinder's ends are lo.Z and hi.Z
	c      V3      // a cylinder's axis, at z = 0
	r      float64 // a cylinder's radius
	round  float64 // corner radius when drawn
	hard   bool    // the body may not pass into it
	sink   float64 // how much further than Tolerance a body may sink in (a pillow is soft)
	tone   tone
}

// sdf returns the signed distance from p to the solid: negative inside.
func (s *solid) sdf(p V3) float64 {
	if s.kind == cylinder {
		dr := math.Hypot(p.X-s.c.X, p.Y-s.c.Y) - s.r
		dz := max(s.lo.Z-p.Z, p.Z-s.hi.Z)
		ox, oz := max(dr, 0), max(dz, 0)
		return math.Hypot(ox, oz) + min(max(dr, dz), 0)
	}
	d := V3{max(s.lo.X-p.X, p.X-s.hi.X), max(s.lo.Y-p.Y, p.Y-s.hi.Y), max(s.lo.Z-p.Z, p.Z-s.hi.Z)}
	o := V3{max(d.X, 0), max(d.Y, 0), max(d.Z, 0)}
	return o.len() + min(max(d.X, d.Y, d.Z), 0)
}

// normal returns the direction in which the solid's distance grows fastest
// at p: away from it.
func (s *solid) normal(p V3) V3 {
	const h = 1e-3
	return V3{
		s.sdf(V3{p.X + h, p.Y, p.Z}) - s.sdf(V3{p.X - h, p.Y, p.Z}),
		s.sdf(V3{p.X, p.Y + h, p.Z}) - s.sdf(V3{p.X, p.Y - h, p.Z}),
		s.sdf(V3{p.X, p.Y, p.Z + h}) - s.sdf(V3{p.X, p.Y, p.Z - h}),
	}.unit()
}

// centre returns the middle of the solid.
func (s *solid) centre() V3 {
	if s.kind == cylinder {
		return V3{s.c.X, s.c.Y, (s.lo.Z + s.hi.Z) / 2}
	}
	return s.lo.lerp(s.hi, 0.5)
}

// boxAt returns a box from its corners.
func boxAt(x0, y0, z0, x1, y1, z1 float64) solid {
	return solid{kind: cuboid, lo: V3{x0, y0, z0}, hi: V3{x1, y1, z1}}
}

// solids returns a prop's pieces in the world.
func (p Prop) solids() []solid {
	x := p.X
	hard := func(s solid, t tone) solid { s.hard, s.tone = true, t; return s }
	switch p.Kind {
	case Floor:
		s := boxAt(-endless, -endless, -endless, endless, 0, endless)
		s.hard = true
		return []solid{s}
	case Mat:
		s := boxAt(x-matLength/2, -matHeight, -matWidth/2, x+matLength/2, 0, matWidth/2)
		s.tone, s.round = toneMat, 1
		return []solid{s}
	case Wall:
		return []solid{hard(boxAt(x-wallDepth, 0, -endless, x, wallHeight, endless), toneBackdrop)}
	case Doorway:
		h := doorWidth / 2
		d := jambDepth / 2
		return []solid{
			hard(boxAt(x-d, 0, -h-jambWidth, x+d, doorHeight+jambWidth, -h), toneProp),
			hard(boxAt(x-d, 0, h, x+d, doorHeight+jambWidth, h+jambWidth), toneProp),
			hard(boxAt(x-d, doorHeight, -h, x+d, doorHeight+jambWidth, h), toneProp),
		}
	case Chair:
		h := seatSize / 2
		seat := hard(boxAt(x-h, SeatHeight-seatDepth, -h, x+h, SeatHeight, h), toneProp)
		seat.round = 1.5
		out := []solid{seat}
		for _, cx := range []float64{-1, 1} {
			for _, cz := range []float64{-1, 1} {
				lx, lz := x+cx*(h-legSize), cz*(h-legSize)
				out = append(out, hard(boxAt(lx-legSize/2, 0, lz-legSize/2, lx+legSize/2, SeatHeight-seatDepth, lz+legSize/2), tonePropDark))
			}
		}
		return out
	case FoamRoller:
		s := solid{kind: cylinder, c: V3{x, rollerRadius, 0}, r: rollerRadius, lo: V3{Z: -rollerLength / 2}, hi: V3{Z: rollerLength / 2}, round: rollerRadius}
		return []solid{hard(s, toneProp)}
	case Towel:
		s := solid{kind: cylinder, c: V3{x, towelRadius, 0}, r: towelRadius, lo: V3{Z: -towelLength / 2}, hi: V3{Z: towelLength / 2}, round: towelRadius}
		return []solid{hard(s, toneProp)}
	case Pillow:
		s := hard(boxAt(x-pillowLength/2, 0, -pillowWidth/2, x+pillowLength/2, pillowHeight, pillowWidth/2), toneProp)
		s.round, s.sink = 5, 4
		return []solid{s}
	}
	return nil
}

// segMin returns the smallest value of f on [0, 1]: a coarse scan, then a
// golden-section search around the best sample.
func segMin(f func(t float64) float64) float64 {
	const n = 12
	best, bi := math.Inf(1), 0
	for i := 0; i <= n; i++ {
		if v := f(float64(i) / n); v < best {
			best, bi = v, i
		}
	}
	lo, hi := float64(max(bi-1, 0))/n, float64(min(bi+1, n))/n
	invPhi := (math.Sqrt(5) - 1) / 2
	m1, m2 := hi-invPhi*(hi-lo), lo+invPhi*(hi-lo)
	f1, f2 := f(m1), f(m2)
	for range 24 {
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
	return min(best, f1, f2)
}

// gapTo returns how far the surface of bone i lies from the solid: negative
// when it sinks in.
func (p *Pose) gapTo(i int, s *solid) float64 {
	a, b := p.axis(i)
	if a == b {
		n := s.normal(a)
		return s.sdf(a) - p.support(i, 1, n.scale(-1))
	}
	return segMin(func(t float64) float64 {
		q := a.lerp(b, t)
		n := s.normal(q)
		return s.sdf(q) - p.support(i, t, n.scale(-1))
	})
}
