package figure

import "math"

// Vec is a point or a direction in the picture, in body units, y up.
type Vec struct{ X, Y float64 }

func (a Vec) add(b Vec) Vec       { return Vec{a.X + b.X, a.Y + b.Y} }
func (a Vec) sub(b Vec) Vec       { return Vec{a.X - b.X, a.Y - b.Y} }
func (a Vec) scale(k float64) Vec { return Vec{a.X * k, a.Y * k} }
func (a Vec) len() float64        { return math.Hypot(a.X, a.Y) }
func (a Vec) dist(b Vec) float64  { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// heading returns the direction of a in degrees: 0 points up, 90 right.
func (a Vec) heading() float64 { return math.Atan2(a.X, a.Y) * 180 / math.Pi }

// V3 is a point or a direction in the world, in body units: x forward (the
// way a standing figure faces), y up, z to the figure's right.
type V3 struct{ X, Y, Z float64 }

func (a V3) add(b V3) V3             { return V3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a V3) sub(b V3) V3             { return V3{a.X - b.X, a.Y - b.Y, a.Z - b.Z} }
func (a V3) scale(k float64) V3      { return V3{a.X * k, a.Y * k, a.Z * k} }
func (a V3) dot(b V3) float64        { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a V3) len() float64            { return math.Sqrt(a.dot(a)) }
func (a V3) dist(b V3) float64       { return a.sub(b).len() }
func (a V3) lerp(b V3, t float64) V3 { return a.add(b.sub(a).scale(t)) }
func (a V3) unit() V3 {
	if l := a.len(); l > 1e-12 {
		return a.scale(1 / l)
	}
	return V3{}
}
func (a V3) cross(b V3) V3 {
	return V3{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}

// M3 is a rotation: its columns are the rotated x, y and z axes.
type M3 [3][3]float64

var identity = M3{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (m M3) apply(v V3) V3 {
	return V3{
		m[0][0]*v.X + m[0][1]*v.Y + m[0][2]*v.Z,
		m[1][0]*v.X + m[1][1]*v.Y + m[1][2]*v.Z,
		m[2][0]*v.X + m[2][1]*v.Y + m[2][2]*v.Z,
	}
}

func (m M3) mul(n M3) M3 {
	var out M3
	for i := range 3 {
		for j := range 3 {
			out[i][j] = m[i][0]*n[0][j] + m[i][1]*n[1][j] + m[i][2]*n[2][j]
		}
	}
	return out
}

func (m M3) transpose() M3 {
	var out M3
	for i := range 3 {
		for j := range 3 {
			out[i][j] = m[j][i]
		}
	}
	return out
}

// axis returns column i: where the rotation sends the x (0), y (1) or z (2)
// axis.
func (m M3) axis(i int) V3 { return V3{m[0][i], m[1][i], m[2][i]} }

// angleTo returns the angle in degrees of the rotation from m to n.
func (m M3) angleTo(n M3) float64 {
	r := m.transpose().mul(n)
	c := (r[0][0] + r[1][1] + r[2][2] - 1) / 2
	return math.Acos(min(max(c, -1), 1)) * 180 / math.Pi
}

func rad(deg float64) float64 { return deg * math.Pi / 180 }

// rotX, rotY and rotZ turn by deg degrees about one axis, counterclockwise
// looking down the axis toward the origin.
func rotX(deg float64) M3 {
	s, c := math.Sincos(rad(deg))
	return M3{{1, 0, 0}, {0, c, -s}, {0, s, c}}
}

func rotY(deg float64) M3 {
	s, c := math.Sincos(rad(deg))
	return M3{{c, 0, s}, {0, 1, 0}, {-s, 0, c}}
}

func rotZ(deg float64) M3 {
	s, c := math.Sincos(rad(deg))
	return M3{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
