package figure

import (
	"bytes"
	"math"
	"reflect"
	"testing"
)

// The drawing Vector gives is the still Still draws: for every keyframe of
// every built-in figure, the marks Vector gathers, written as SVG, are the
// still's panels byte for byte, and its shapes are in the palette's
// colours, inside the frame, with the close-up where the SVG has one.
func TestVectorIsTheStill(t *testing.T) {
	light := Light.colours()
	colour := map[string]bool{}
	for _, c := range light {
		colour[c] = true
	}
	for _, s := range yamlSubjects(t) {
		for _, k := range s.Illustration.Keyframes {
			name := s.ID + " " + s.Variant + " " + k.Name
			svg, err := Still(s, k.Name)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := newScene(s)
			if err != nil {
				t.Fatal(err)
			}
			i := sc.il.Keyframe(k.Name)
			a := sc.motion.key[i]
			pose := sc.il.pose(&a, sc.motion.pl)
			for _, p := range sc.panels {
				f := p.project(&pose)
				var ghost *frame2
				if i != 0 {
					ghost = &p.ghost
				}
				var c collector
				sc.paintFlat(&c, p, &f, ghost)
				var b bytes.Buffer
				sp := &svgPainter{b: &b}
				c.replay(sp)
				sp.flush()
				if b.Len() == 0 || !bytes.Contains(svg, b.Bytes()) {
					t.Errorf("%s: the marks of panel %s are not the still's", name, p.view)
				}
			}
			d, err := Vector(s, k.Name, Light)
			if err != nil {
				t.Fatal(err)
			}
			wantGroups := len(sc.panels)
			if sc.il.Inset != nil {
				wantGroups += 2
			}
			if len(d.Groups) != wantGroups {
				t.Errorf("%s: %d groups, want %d", name, len(d.Groups), wantGroups)
			}
			n := 0
			for _, g := range d.Groups {
				for _, sh := range g.Shapes {
					n++
					if !colour[sh.Colour] {
						t.Errorf("%s: colour %s is not the palette's", name, sh.Colour)
					}
					for _, v := range sh.P {
						if math.IsNaN(v.X) || math.IsNaN(v.Y) || v.X < -FrameWidth || v.X > 2*FrameWidth || v.Y < -FrameHeight || v.Y > 2*FrameHeight {
							t.Errorf("%s: a point %v far outside the frame", name, v)
						}
					}
				}
			}
			if n < 20 {
				t.Errorf("%s: only %d shapes", name, n)
			}
		}
	}
}

// Vectors draws each keyframe as Vector does, from one scene for them all:
// drawing a keyframe leaves nothing behind in the scene for the next.
func TestVectorsAreEachVector(t *testing.T) {
	for _, s := range yamlSubjects(t) {
		all, err := Vectors(s, Light)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(s.Illustration.Keyframes) {
			t.Fatalf("%s: %d drawings for %d keyframes", s.ID, len(all), len(s.Illustration.Keyframes))
		}
		for i, k := range s.Illustration.Keyframes {
			one, err := Vector(s, k.Name, Light)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(one, all[i]) {
				t.Errorf("%s %s %s: Vectors' drawing is not Vector's", s.ID, s.Variant, k.Name)
			}
		}
	}
}
