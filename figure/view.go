package figure

import "slices"

// The frame every figure is drawn in, in body units: 4 by 3, so that
// figures line up wherever they are shown, at one scale, so that a body is
// the same size in every figure. Two views side by side share the frame,
// half each. The ground line sits groundMargin above the bottom.
const (
	FrameWidth   = 300.0
	FrameHeight  = 225.0
	groundMargin = 10.0
)

// camera is a view: the world directions that point right and up in the
// picture, and toward the viewer.
type camera struct{ right, up, toward V3 }

// cameraFor returns the camera of a view.
func cameraFor(v View) camera {
	switch v {
	case Front:
		return camera{right: V3{0, 0, -1}, up: V3{0, 1, 0}, toward: V3{1, 0, 0}}
	case Back:
		return camera{right: V3{0, 0, 1}, up: V3{0, 1, 0}, toward: V3{-1, 0, 0}}
	case Top:
		return camera{right: V3{0, 0, 1}, up: V3{1, 0, 0}, toward: V3{0, 1, 0}}
	}
	return camera{right: V3{1, 0, 0}, up: V3{0, 1, 0}, toward: V3{0, 0, 1}}
}

// project returns where a world point falls in the picture (y up).
func (c camera) project(p V3) Vec { return Vec{p.dot(c.right), p.dot(c.up)} }

// depth returns how near the viewer a world point is.
func (c camera) depth(p V3) float64 { return p.dot(c.toward) }

// ground reports whether the view shows the floor as a line.
func (v View) ground() bool { return v != Top }

func validView(v View) bool { return slices.Contains(Views, v) }
