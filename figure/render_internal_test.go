package figure

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/dose"
)

// yamlSubjects reads the built-in exercises' figures straight from the
// catalog's YAML (package catalog imports this one, so its tests cannot).
func yamlSubjects(t testing.TB) []Subject {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "catalog", "data", "exercises", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalog files: %v", err)
	}
	var out []Subject
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Exercises []struct {
				ID            string        `yaml:"id"`
				Name          string        `yaml:"name"`
				Dose          dose.Dose     `yaml:"dose"`
				Illustration  *Illustration `yaml:"illustration"`
				Illustrations []struct {
					Positions    []string `yaml:"positions"`
					Illustration `yaml:",inline"`
				} `yaml:"illustrations"`
			} `yaml:"exercises"`
		}
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, e := range doc.Exercises {
			if e.Illustration != nil {
				out = append(out, Subject{ID: e.ID, Name: e.Name, Illustration: e.Illustration, Dose: e.Dose})
			}
			for i := range e.Illustrations {
				out = append(out, Subject{ID: e.ID, Name: e.Name, Illustration: &e.Illustrations[i].Illustration,
					Dose: e.Dose, Variant: e.Illustrations[i].Positions[0]})
			}
		}
	}
	return out
}

// drawnAt rebuilds what the browser draws at time t (within one side's
// part of the loop) from the tracks: each bone turned and stretched as its
// animation says, linearly between the samples, hanging from its parent.
func drawnAt(mt *motionTracks, t float64) frame2 {
	k := 0
	for k+1 < len(mt.t)-1 && mt.t[k+1] <= t {
		k++
	}
	f := 0.0
	if d := mt.t[k+1] - mt.t[k]; d > 0 {
		f = (t - mt.t[k]) / d
	}
	lerp := func(v []float64, animated bool) float64 {
		if !animated {
			return middle(v)
		}
		return v[k] + (v[k+1]-v[k])*f
	}
	var out frame2
	var head [numBones]float64
	root := mt.root[mt.poster]
	if mt.moves {
		root = mt.root[k].add(mt.root[k+1].sub(mt.root[k]).scale(f))
	}
	root = flip(root)
	for i, b := range bones() {
		if b.parent < 0 {
			out[i] = bone2{a: root, b: root}
			continue
		}
		tr := &mt.bones[i]
		head[i] = head[b.parent] + lerp(tr.rel, tr.turns)
		if b.parent == bRoot {
			head[i] = lerp(tr.rel, tr.turns)
		}
		start := out[b.parent].b
		if b.atStart {
			start = out[b.parent].a
		}
		l := lerp(tr.length, tr.stretches)
		r := head[i] * math.Pi / 180
		out[i] = bone2{a: start, b: start.add(Vec{l * math.Sin(r), l * math.Cos(r)})}
	}
	return out
}

// The animation the browser plays is the picture of the body: at many
// moments of every built-in loop, every drawn bone's ends, rebuilt from the
// turns and lengths the SVG animates, lie within a few units of where the
// pose itself projects them.
func TestAnimationDrawsThePose(t *testing.T) {
	const tol = 3.0 // body units: the curve between samples, a bone too short to turn, a stretch too small to show
	for _, s := range yamlSubjects(t) {
		sc, err := newScene(s)
		if err != nil {
			t.Fatal(err)
		}
		for pi, p := range sc.panels {
			mt := sc.tracks(p)
			for k := 0; k <= 200; k++ {
				at := sc.motion.side * float64(k) / 200
				a, _ := sc.motion.anglesAt(at)
				pose := sc.il.pose(&a, sc.motion.pl)
				want := p.project(&pose)
				got := drawnAt(mt, at)
				worst, what := 0.0, ""
				for i := range bones() {
					if !drawnIn(i, p.view) {
						continue
					}
					d := max(got[i].a.dist(want[i].a), got[i].b.dist(want[i].b))
					if d > worst {
						worst, what = d, bones()[i].name
					}
				}
				if worst > tol {
					t.Errorf("%s %s panel %d at %.2fs: the %s is drawn %.1f units from the pose", s.ID, s.Variant, pi, at, what, worst)
					break
				}
			}
		}
	}
}

// Every built-in figure is drawn at the common scale or larger (up to
// maxZoom, for a small figure), one scale for all its views, and nothing of
// the body leaves its frame.
func TestScale(t *testing.T) {
	for _, s := range yamlSubjects(t) {
		sc, err := newScene(s)
		if err != nil {
			t.Fatal(err)
		}
		for pi, p := range sc.panels {
			if p.k < 1 || p.k > maxZoom || p.k != sc.panels[0].k {
				t.Errorf("%s %s panel %d is drawn at %.2f of the common scale", s.ID, s.Variant, pi, p.k)
			}
			b := p.extent
			x0, x1 := p.k*b.x0+p.dx, p.k*b.x1+p.dx
			if x0 < p.x0-0.01 || x1 > p.x0+p.w+0.01 || p.dy-p.k*b.y1 < -0.01 || p.dy-p.k*b.y0 > FrameHeight+0.01 {
				t.Errorf("%s %s panel %d: the figure leaves its frame", s.ID, s.Variant, pi)
			}
		}
	}
}

func ExampleContrast() {
	c, _ := Contrast("#000000", "#ffffff")
	fmt.Printf("%.0f:1\n", c)
	// Output: 21:1
}
