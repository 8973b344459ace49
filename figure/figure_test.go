package figure_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/figure"
)

var update = flag.Bool("update", false, "rewrite the golden SVGs in testdata/golden from the renderer")

// builtins returns the built-in exercises.
func builtins(t testing.TB) []*catalog.Exercise {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c.Exercises()
}

// figures returns every built-in figure: each exercise's figure for each of
// its positions that has its own, first position first.
func figures(t testing.TB) []figure.Subject {
	t.Helper()
	var out []figure.Subject
	for _, e := range builtins(t) {
		for _, p := range e.FigurePositions() {
			s := e.FigureFor(p)
			s.Variant = string(p)
			out = append(out, s)
		}
	}
	return out
}

// defaults returns each exercise's figure in its first position: the 13
// figures the size budget is about.
func defaults(t testing.TB) []figure.Subject {
	t.Helper()
	var out []figure.Subject
	for _, e := range builtins(t) {
		if e.HasFigure() {
			out = append(out, e.Figure())
		}
	}
	return out
}

func TestEveryBuiltinFigureIsValid(t *testing.T) {
	for _, e := range builtins(t) {
		if !e.HasFigure() {
			t.Errorf("%s has no figure", e.ID)
		}
		for _, p := range e.Positions {
			if e.IllustrationFor(p) == nil {
				t.Errorf("%s has no figure for %s", e.ID, p)
			}
		}
	}
	for _, s := range figures(t) {
		if ps := s.Illustration.Validate(s.Dose); len(ps) > 0 {
			t.Errorf("%s %s: %v", s.ID, s.Variant, ps)
		}
	}
}

// Every keyframe past the start says what its steps ask of it, and the
// figures the issue named carry the targets it named: these are checked by
// Validate (above), so a pose that drifts from its steps fails.
func TestFidelityTargets(t *testing.T) {
	for _, s := range figures(t) {
		for i, k := range s.Illustration.Keyframes {
			if i > 0 && len(k.Targets) == 0 {
				t.Errorf("%s %s: keyframe %q has no targets from its steps", s.ID, s.Variant, k.Name)
			}
			for _, tg := range k.Targets {
				if !strings.Contains(tg.Why, "step") && !strings.Contains(tg.Why, "mistakes") && !strings.Contains(tg.Why, "cues") && !strings.Contains(tg.Why, "cautions") {
					t.Errorf("%s %s %s: target %v does not say which step asks for it: %q", s.ID, s.Variant, k.Name, tg.Of, tg.Why)
				}
			}
		}
	}
	type need struct {
		id, variant, keyframe string
		measure               figure.Measure
		of                    string
		atLeast, atMost       float64 // the target's range must lie within these
	}
	needs := []need{
		{"bird-dog", "floor-hands-knees", "start", figure.MeasureTilt, "sacrum neck_base", -10, 10},
		{"bird-dog", "floor-hands-knees", "reach", figure.MeasureTilt, "sacrum neck_base", -10, 10},
		{"cat-cow", "floor-hands-knees", "cow", figure.MeasureJoints, "neck head", -20, 0},
		{"cat-cow", "seated", "cow", figure.MeasureJoints, "neck head", -20, 0},
		{"thread-the-needle", "floor-hands-knees", "threaded", figure.MeasureAcross, "fingers_r", 10, math.Inf(1)},
		{"seated-levator-scapulae-stretch", "seated", "stretch", figure.MeasureJoints, "neck head", 20, math.Inf(1)},
		{"seated-levator-scapulae-stretch", "seated", "stretch", figure.MeasureAim, "head nose armpit_l", math.Inf(-1), 45},
		{"chin-tucks", "seated", "tuck", figure.MeasureTilt, "head nose", -10, 10},
		{"chin-tucks", "standing", "tuck", figure.MeasureTilt, "head nose", -10, 10},
		{"thoracic-extension", "floor-back", "arch", figure.MeasureHeight, "head", 10, math.Inf(1)},
		{"thoracic-extension", "floor-back", "neutral", figure.MeasureJoints, "lumbar midback upperback", -10, 10},
		{"scapular-squeezes", "seated", "squeeze", figure.MeasureApart, "blade_l blade_r", math.Inf(-1), 20},
		{"doorway-pec-stretch", "standing-doorway", "stretch", figure.MeasureAhead, "ankle_r ankle_l", 10, math.Inf(1)},
	}
	for _, n := range needs {
		found := false
		for _, s := range figures(t) {
			if s.ID != n.id || s.Variant != n.variant {
				continue
			}
			k := s.Illustration.Keyframes[s.Illustration.Keyframe(n.keyframe)]
			for _, tg := range k.Targets {
				if tg.Measure != n.measure || strings.Join(tg.Of, " ") != n.of {
					continue
				}
				lo, hi := math.Inf(-1), math.Inf(1)
				if tg.Min != nil {
					lo = *tg.Min
				}
				if tg.Max != nil {
					hi = *tg.Max
				}
				found = lo >= n.atLeast && hi <= n.atMost
			}
		}
		if !found {
			t.Errorf("%s %s %q: no %s target of %s within %g to %g", n.id, n.variant, n.keyframe, n.measure, n.of, n.atLeast, n.atMost)
		}
	}
}

// The targets catch what the issue saw: a bird dog whose trunk slopes up
// 25°, a cow with the head thrown back, a thread that stays on its own side.
func TestFidelityTargetsCatchWrongPoses(t *testing.T) {
	byID := map[string]*catalog.Exercise{}
	for _, e := range builtins(t) {
		byID[e.ID] = e
	}
	wrong := func(id, keyframe string, change map[figure.Joint]float64) []string {
		e := byID[id]
		il := *e.Illustration
		il.Keyframes = slices.Clone(il.Keyframes)
		i := il.Keyframe(keyframe)
		k := il.Keyframes[i]
		joints := map[figure.Joint]float64{}
		for j, v := range k.Joints {
			joints[j] = v
		}
		for j, v := range change {
			joints[j] = v
		}
		k.Joints = joints
		il.Keyframes[i] = k
		var out []string
		for _, p := range il.Validate(e.Dose) {
			if strings.Contains(p.Field, ".targets[") {
				out = append(out, p.Message)
			}
		}
		return out
	}
	cases := []struct {
		id, keyframe string
		change       map[figure.Joint]float64
		says         string
	}{
		{"bird-dog", "reach", map[figure.Joint]float64{"pelvis": 65, "hip_l": -25, "hip_r": 65, "shoulder_r": 155}, "the slope from sacrum to neck_base"},
		{"cat-cow", "cow", map[figure.Joint]float64{"neck": -30, "head": -15}, "the angles of neck + head added up"},
		{"thread-the-needle", "threaded", map[figure.Joint]float64{"shoulder_across_r": -20}, "how far fingers_r reaches past the middle of the body"},
		{"seated-levator-scapulae-stretch", "stretch", map[figure.Joint]float64{"head_turn": 0, "neck_side": -30}, "the angle at head between nose and armpit_l"},
	}
	for _, c := range cases {
		got := wrong(c.id, c.keyframe, c.change)
		if !slices.ContainsFunc(got, func(m string) bool { return strings.Contains(m, c.says) }) {
			t.Errorf("%s %s changed: no target says %q; got %v", c.id, c.keyframe, c.says, got)
		}
	}
}

// checkPose checks one pose: every bone keeps its model length, and
// nothing dips below the floor by more than the tolerance.
func checkPose(t *testing.T, what string, p *figure.Pose) {
	t.Helper()
	for _, b := range p.Bones() {
		if got := math.Sqrt((b.B.X-b.A.X)*(b.B.X-b.A.X) + (b.B.Y-b.A.Y)*(b.B.Y-b.A.Y) + (b.B.Z-b.A.Z)*(b.B.Z-b.A.Z)); math.Abs(got-b.Length) > 1e-9 {
			t.Errorf("%s: %s is %.6f long, model %.6f", what, b.Name, got, b.Length)
		}
	}
	if low := p.Lowest(); low < -figure.Tolerance {
		t.Errorf("%s: the body goes %.2f below the floor", what, -low)
	}
}

func TestBodyChecksOnEveryKeyframe(t *testing.T) {
	for _, s := range figures(t) {
		for i, k := range s.Illustration.Keyframes {
			p, ok := s.Illustration.Frame(i)
			if !ok {
				t.Fatalf("%s: keyframe %d cannot be posed", s.ID, i)
			}
			checkPose(t, s.ID+" "+s.Variant+" "+k.Name, &p)
		}
	}
}

// The animation, sampled far more finely than it is drawn, keeps every bone
// at its length and stays out of the floor between keyframes too.
func TestBodyChecksThroughTheAnimation(t *testing.T) {
	for _, s := range figures(t) {
		m, err := figure.NewMotion(s)
		if err != nil {
			t.Fatal(err)
		}
		const steps = 720
		for k := 0; k <= steps; k++ {
			at := m.Duration() * float64(k) / steps
			p, _ := m.At(at)
			checkPose(t, fmt.Sprintf("%s %s at %.2fs", s.ID, s.Variant, at), &p)
		}
	}
}

func TestLoopFollowsTheDose(t *testing.T) {
	// Loop lengths worked out by hand from each dose: move 2 s, release 2 s,
	// rest 5 s, switch 3 s, breath 5 s, in/out 3 s, a repetition 4 s; holds
	// at their starting value.
	tests := []struct {
		id       string
		seconds  float64
		poster   string
		oneSided bool
	}{
		{"thoracic-foam-rolling", 4 + 4, "shoulders", false},                       // timed: 4 s for each step
		{"childs-pose", 2 + 5 + 2 + 5, "rest", false},                              // hold 5 s, 3 reps: rest between
		{"w-y-stretch", 2 + 10 + 2 + 10 + 2, "Y", false},                           // poses W and Y, two breaths each
		{"seated-levator-scapulae-stretch", 2 * (2 + 10 + 2 + 3), "stretch", true}, // each side
		{"back-extension", 2 + 5 + 2, "lift", false},
		{"bird-dog", 2 * (2 + 10 + 2 + 3), "reach", true},
		{"wall-angels", 4, "W", false}, // one slow repetition, W to Y and back
		{"thoracic-extension", 2 + 3 + 2, "arch", false},
		{"chin-tucks", 2 + 5 + 2, "tuck", false},
		{"scapular-squeezes", 2 + 5 + 2, "squeeze", false},
		{"doorway-pec-stretch", 2 + 20 + 2 + 5, "stretch", false},
		{"cat-cow", 3 + 3, "cow", false},
		{"thread-the-needle", 2 * (2 + 20 + 2 + 3), "threaded", true},
	}
	byID := map[string]figure.Subject{}
	for _, s := range defaults(t) {
		byID[s.ID] = s
	}
	if len(tests) != len(byID) {
		t.Fatalf("the table covers %d exercises, the catalog has %d figures", len(tests), len(byID))
	}
	for _, tc := range tests {
		s := byID[tc.id]
		m, err := figure.NewMotion(s)
		if err != nil {
			t.Fatal(err)
		}
		type loop struct {
			Seconds  float64
			Poster   string
			OneSided bool
		}
		got := loop{m.Duration(), s.Illustration.Keyframes[m.Poster()].Name, m.OneSided()}
		want := loop{tc.seconds, tc.poster, tc.oneSided}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.id, diff)
		}
	}
}

// The four views put the body where a viewer expects it.
func TestViewsPutEachSideWhereItBelongs(t *testing.T) {
	stand := &figure.Illustration{View: figure.Side, Base: figure.Standing, Props: []figure.Prop{{Kind: figure.Floor}},
		Keyframes: []figure.Keyframe{{Name: "a"}, {Name: "b", Joints: map[figure.Joint]float64{"shoulder_out_r": 90}}}}
	s := figure.Subject{ID: "stand", Name: "Stand", Illustration: stand, Dose: dose.Dose{Mode: dose.Reps, Reps: dose.Fixed(10)}}
	p, _ := stand.Frame(1)
	hand, _ := p.Point("fingers_r")
	hips, _ := p.Point("hips")
	nose, _ := p.Point("nose")
	head, _ := p.Point("head")
	got := map[string]bool{
		"the right arm goes out to the figure's right (+z)": hand.Z > hips.Z+40,
		"the face points forward (+x)":                      nose.X > head.X+5,
	}
	for what, ok := range got {
		if !ok {
			t.Errorf("%s: no", what)
		}
	}
	// Drawn from the front, the raised right hand is on the viewer's left;
	// from behind, on the right; from the side the figure faces right.
	for _, c := range []struct {
		view figure.View
		test func(svg string) bool
	}{
		{figure.Front, func(svg string) bool { return handX(t, svg) < 150 }},
		{figure.Back, func(svg string) bool { return handX(t, svg) > 150 }},
	} {
		il := *stand
		il.View = c.view
		s.Illustration = &il
		b, err := figure.Still(s, "b")
		if err != nil {
			t.Fatal(err)
		}
		if !c.test(string(b)) {
			t.Errorf("%s view: the raised right hand is on the wrong side", c.view)
		}
	}
}

// handX finds the right-most or left-most extent of a still of a figure with
// one arm out: the x of the furthest point of any path from the middle.
func handX(t *testing.T, svg string) float64 {
	t.Helper()
	// The panel's translation, then every absolute M in the figure's paths.
	tr := regexp.MustCompile(`translate\(([-0-9.]+) `).FindStringSubmatch(svg)
	dx, _ := strconv.ParseFloat(tr[1], 64)
	far, best := 0.0, 0.0
	for _, m := range regexp.MustCompile(`M(-?[0-9.]+) `).FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		if math.Abs(x) > far {
			far, best = math.Abs(x), x
		}
	}
	return dx + best
}

// allSVGs returns every drawing of every built-in figure, by file name:
// the exercise id, the position when it is not the exercise's first, and
// the keyframe for a still.
func allSVGs(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, e := range builtins(t) {
		for i, p := range e.FigurePositions() {
			s := e.FigureFor(p)
			base := e.ID
			if i > 0 {
				base += "." + string(p)
			}
			anim, err := figure.Animated(s)
			if err != nil {
				t.Fatal(err)
			}
			out[base+".svg"] = anim
			for _, k := range s.Illustration.Keyframes {
				still, err := figure.Still(s, k.Name)
				if err != nil {
					t.Fatal(err)
				}
				out[base+"."+strings.ReplaceAll(k.Name, " ", "-")+".svg"] = still
			}
		}
	}
	return out
}

func TestGoldenSVG(t *testing.T) {
	dir := filepath.Join("testdata", "golden")
	svgs := allSVGs(t)
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range svgs {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(svgs) {
		t.Errorf("%d golden files, %d drawings; regenerate with: go test ./figure -run TestGoldenSVG -update", len(files), len(svgs))
	}
	for name, got := range svgs {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%v; regenerate with: go test ./figure -run TestGoldenSVG -update", err)
			continue
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs from its golden file; if the change is meant, regenerate with -update and look at the drawings", name)
		}
	}
}

// The animated figures stay under 150 KB for the 13 built-in exercises
// (about 11.5 KB a figure), so a library page or a routine's offline copy
// stays light.
func TestSizeBudget(t *testing.T) {
	total := 0
	for _, s := range defaults(t) {
		b, err := figure.Animated(s)
		if err != nil {
			t.Fatal(err)
		}
		total += len(b)
	}
	n := len(defaults(t))
	if budget := 150_000 * n / 13; total >= budget {
		t.Errorf("the %d animated figures take %d bytes, over %d", n, total, budget)
	}
}

// notANumber matches how Go and browsers spell a missing number.
var notANumber = regexp.MustCompile(`(?i)\bnan\b|\binf(inity)?\b`)

// checkSVG checks that an SVG is well-formed XML in the fixed frame, with a
// text alternative, and no NaN or infinity anywhere.
func checkSVG(t testing.TB, name string, b []byte) {
	t.Helper()
	if m := notANumber.Find(b); m != nil {
		t.Errorf("%s contains %q", name, m)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var root *xml.StartElement
	title, inTitle, depth := "", false, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("%s is not well-formed XML: %v", name, err)
				return
			}
			break
		}
		switch x := tok.(type) {
		case xml.StartElement:
			depth++
			if root == nil {
				c := x.Copy()
				root = &c
			}
			inTitle = x.Name.Local == "title" && depth == 2
		case xml.EndElement:
			depth--
			inTitle = false
		case xml.CharData:
			if inTitle {
				title += string(x)
			}
		}
	}
	if root == nil || root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		t.Errorf("%s: the root is not an SVG element", name)
		return
	}
	attrs := map[string]string{}
	for _, a := range root.Attr {
		attrs[a.Name.Local] = a.Value
	}
	if attrs["viewBox"] != "0 0 300 225" {
		t.Errorf("%s: viewBox %q, want the fixed frame 0 0 300 225", name, attrs["viewBox"])
	}
	w, _ := strconv.ParseFloat(attrs["width"], 64)
	h, _ := strconv.ParseFloat(attrs["height"], 64)
	if w <= 0 || math.Abs(w*3-h*4) > 0.5 {
		t.Errorf("%s: %s × %s is not 4:3", name, attrs["width"], attrs["height"])
	}
	if attrs["role"] != "img" || strings.TrimSpace(attrs["aria-label"]) == "" {
		t.Errorf("%s: role %q, aria-label %q", name, attrs["role"], attrs["aria-label"])
	}
	if strings.TrimSpace(title) == "" || title != attrs["aria-label"] {
		t.Errorf("%s: title %q, aria-label %q", name, title, attrs["aria-label"])
	}
}

func TestSVGIsWellFormedWithATextAlternative(t *testing.T) {
	for name, b := range allSVGs(t) {
		checkSVG(t, name, b)
	}
}

// Asked for a width, a figure is that wide and three quarters as high;
// widths are kept within bounds.
func TestDrawingWidth(t *testing.T) {
	s := defaults(t)[0]
	size := func(w float64) string {
		b, err := figure.AnimatedAt(s, w)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`width="([0-9.]+)" height="([0-9.]+)"`).FindStringSubmatch(string(b))
		return m[1] + "×" + m[2]
	}
	got := []string{size(0), size(300), size(10), size(1e6)}
	want := []string{"480×360", "300×225", "48×36", "4096×3072"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sizes (-want +got):\n%s", diff)
	}
}

func TestTextAlternatives(t *testing.T) {
	byID := map[string]figure.Subject{}
	for _, s := range defaults(t) {
		byID[s.ID] = s
	}
	label := func(b []byte) string {
		m := regexp.MustCompile(`aria-label="([^"]*)"`).FindSubmatch(b)
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	anim := func(id string) []byte {
		b, err := figure.Animated(byID[id])
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	still, err := figure.Still(byID["wall-angels"], "Y")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{label(anim("w-y-stretch")), label(anim("bird-dog")), label(still)}
	want := []string{
		"W and Y stretch: a figure moving through start, W and Y",
		"Bird dog: a figure moving through start and reach, on the right side and then the left",
		"Wall angels: the Y position",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("text alternatives (-want +got):\n%s", diff)
	}
}

// The animation only turns bones in the picture, moves the root, and
// stretches bones along their own length (a bone seen end on looks shorter):
// every animated stop sets one individual transform of the allowed kind,
// never an attribute, and names start with the figure's prefix.
func TestAnimationTurnsAndStretchesBones(t *testing.T) {
	rule := regexp.MustCompile(`\.(u[a-z0-9]+?)(\d)([rtsf])(\d+)\{animation-name:([a-z0-9]+)[;}][^@]*@keyframes ([a-z0-9]+)\{(.*)\}\n`)
	stop := regexp.MustCompile(`([0-9.]+)%\{([^}]*)\}`)
	allowed := map[string]*regexp.Regexp{
		"r0": regexp.MustCompile(`^translate:-?[0-9.]+(px)? -?[0-9.]+(px)?$`),
		"r":  regexp.MustCompile(`^rotate:-?[0-9.]+deg$`),
		"t":  regexp.MustCompile(`^translate:0 -?[0-9.]+(px)?$`),
		"s":  regexp.MustCompile(`^scale:1 -?[0-9.]+$`),
		"f":  regexp.MustCompile(`^opacity:[01](\.\d+)?;transform:matrix\((1,0,0,1,0,0|-1,0,0,1,-?[0-9.]+,0)\)$`),
	}
	for _, s := range figures(t) {
		b, err := figure.Animated(s)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("<animate")) {
			t.Errorf("%s animates attributes", s.ID)
		}
		prefix := regexp.MustCompile(`\[class\^=(u[a-z0-9]+)\]\{animation:`).FindSubmatch(b)
		if prefix == nil {
			t.Fatalf("%s: no common animation rule", s.ID)
		}
		rules := rule.FindAllSubmatch(b, -1)
		if len(rules) < 2 {
			t.Fatalf("%s: %d animations", s.ID, len(rules))
		}
		sides := false
		for _, r := range rules {
			name := string(r[1]) + string(r[2]) + string(r[3]) + string(r[4])
			if string(r[1]) != string(prefix[1]) || string(r[5]) != name || string(r[6]) != name {
				t.Errorf("%s: animation %s does not carry the figure's prefix %s", s.ID, name, prefix[1])
			}
			if !bytes.Contains(b, []byte(`class="`+name+`"`)) {
				t.Errorf("%s: no group runs %s", s.ID, name)
			}
			kind := string(r[3])
			if kind == "r" && string(r[4]) == "0" {
				kind = "r0"
			}
			sides = sides || kind == "f"
			stops := stop.FindAllSubmatch(r[7], -1)
			if len(stops) < 2 || !bytes.HasPrefix(r[7], []byte("0%{")) || !bytes.Contains(r[7], []byte("100%{")) {
				t.Errorf("%s %s: keyframes do not run from 0%% to 100%%: %s", s.ID, name, r[7])
			}
			for _, st := range stops {
				if !allowed[kind].Match(st[2]) {
					t.Errorf("%s %s: stop %q", s.ID, name, st[2])
				}
			}
		}
		if want := s.Dose.Normalize().Sides != dose.NoSides; sides != want {
			t.Errorf("%s: side switch animated %v, want %v", s.ID, sides, want)
		}
		if !bytes.Contains(b, []byte("prefers-reduced-motion:reduce")) {
			t.Errorf("%s: no reduced-motion rule", s.ID)
		}
	}
}

// Figures of different exercises, or of one exercise moving differently,
// never share animation names, since a page's styles are global; two alike
// share them harmlessly.
func TestAnimationNamesDifferWithTheLoop(t *testing.T) {
	var angels figure.Subject
	for _, s := range defaults(t) {
		if s.ID == "wall-angels" {
			angels = s
		}
	}
	slow := angels
	slow.Dose.Tempo.Rep = 8
	other := angels
	other.ID = "my-angels"
	names := func(s figure.Subject) string {
		b, err := figure.Animated(s)
		if err != nil {
			t.Fatal(err)
		}
		return regexp.MustCompile(`\[class\^=(u[a-z0-9]+)\]`).FindStringSubmatch(string(b))[1]
	}
	a, b, c, d := names(angels), names(slow), names(angels), names(other)
	if a == b || a != c || a == d {
		t.Errorf("names %q, %q (slower), %q (again), %q (another exercise)", a, b, c, d)
	}
}

// The moving part is drawn in the accent colour: the threading arm of
// thread the needle, and not the trunk that follows it.
func TestAccentIsTheMovingPart(t *testing.T) {
	for _, s := range defaults(t) {
		if s.ID != "thread-the-needle" {
			continue
		}
		b, err := figure.Still(s, "threaded")
		if err != nil {
			t.Fatal(err)
		}
		// uhc is the accent; the panels each draw the arm: upper arm,
		// forearm and hand in one accented path per panel.
		if n := strings.Count(string(b), `class="uhc"`); n < 1 || n > 4 {
			t.Errorf("thread the needle has %d accented shapes", n)
		}
	}
}

func TestDrawingErrors(t *testing.T) {
	s := defaults(t)[0]
	none := s
	none.Illustration = nil
	bad := s
	il := *s.Illustration
	il.View = "diagonal"
	bad.Illustration = &il
	_, errNone := figure.Animated(none)
	_, errBad := figure.Animated(bad)
	_, errFrame := figure.Still(s, "no such frame")
	_, errStills := figure.Stills(none)
	got := []string{fmt.Sprint(errNone), fmt.Sprint(errBad), fmt.Sprint(errFrame), fmt.Sprint(errStills)}
	want := []string{
		"figure: no illustration",
		"figure: illustration cannot be drawn",
		`figure: no such keyframe: "no such frame"`,
		"figure: no illustration",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestContactSheet(t *testing.T) {
	subjects := figures(t)
	keyframes, seated := 0, 0
	for i, s := range subjects {
		keyframes += len(s.Illustration.Keyframes)
		// An exercise with figures in more than one position heads each.
		several := (i > 0 && subjects[i-1].ID == s.ID) || (i+1 < len(subjects) && subjects[i+1].ID == s.ID)
		if several && s.Variant == "seated" {
			seated++
		}
	}
	if out := os.Getenv("UNHUNCH_CONTACT_SHEET"); out != "" {
		if err := os.WriteFile(out, figure.ContactSheet(subjects, nil), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote the contact sheet of the built-in figures to %s", out)
	}
	subjects = append(subjects, figure.Subject{ID: "mine", Name: `Mine <b>& "co"</b>`})
	page := string(figure.ContactSheet(subjects, nil))
	got := map[string]int{
		"<!doctype html>":            strings.Count(page, "<!doctype html>"),
		"<h1>":                       strings.Count(page, "<h1>"),
		"<section":                   strings.Count(page, "<section"),
		"<svg":                       strings.Count(page, "<svg"),
		"light themes":               strings.Count(page, `class="theme light"`),
		"dark themes":                strings.Count(page, `class="theme dark"`),
		"no illustration yet":        strings.Count(page, "This exercise has no illustration yet."),
		"escaped name":               strings.Count(page, "Mine &lt;b&gt;&amp; &#34;co&#34;&lt;/b&gt;"),
		"raw name":                   strings.Count(page, "<b>&"),
		`<section id="wall-angels">`: strings.Count(page, `<section id="wall-angels">`),
		"<h3>seated</h3>":            strings.Count(page, "<h3>seated</h3>"),
	}
	n := len(subjects) - 1
	want := map[string]int{
		"<!doctype html>":            1,
		"<h1>":                       1,
		"<section":                   len(builtins(t)) + 1, // every exercise, and mine
		"<svg":                       n*4 + keyframes*2,    // large and small animations, light and dark; small stills, light and dark
		"light themes":               n * 2,
		"dark themes":                n * 2,
		"no illustration yet":        1,
		"escaped name":               1,
		"raw name":                   0,
		`<section id="wall-angels">`: 1,
		"<h3>seated</h3>":            seated, // cat-cow, chin tucks, scapular squeezes
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("contact sheet (-want +got):\n%s", diff)
	}
	// Linked (issue 16): each drawing is an image from where src says,
	// sized and lazy, with its text alternative; none is written inline.
	linked := string(figure.ContactSheet(subjects, func(i int, frame string) string {
		return "/f/" + subjects[i].ID + "?v=" + subjects[i].Variant + "&frame=" + frame
	}))
	got = map[string]int{
		"<svg":                strings.Count(linked, "<svg"),
		"<img":                strings.Count(linked, "<img "),
		"lazy":                strings.Count(linked, `loading="lazy"`),
		"large":               strings.Count(linked, `width="360" height="270"`),
		"small":               strings.Count(linked, `width="120" height="90"`),
		"<main>":              strings.Count(linked, "<main>"),
		"forced palette":      strings.Count(linked, "!important"),
		"color-scheme":        strings.Count(linked, "color-scheme:"),
		"seated still":        strings.Count(linked, `src="/f/cat-cow?v=seated&amp;frame=cow"`),
		"alt":                 strings.Count(linked, `alt="Cat-cow: the cow position"`),
		"no illustration yet": strings.Count(linked, "This exercise has no illustration yet."),
	}
	want = map[string]int{
		"<svg":                0,
		"<img":                n*4 + keyframes*2,
		"lazy":                n*4 + keyframes*2,
		"large":               n * 2,
		"small":               n*2 + keyframes*2,
		"<main>":              1,
		"forced palette":      0,
		"color-scheme":        2, // the light box and the dark one
		"seated still":        2,
		"alt":                 4, // cat-cow's cow still, on the floor and seated, light and dark
		"no illustration yet": 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("linked contact sheet (-want +got):\n%s", diff)
	}
	if len(linked) > len(page)/10 {
		t.Errorf("linked contact sheet of %d bytes, inline %d: want a tenth or less", len(linked), len(page))
	}
}

func BenchmarkAnimatedAll(b *testing.B) {
	subjects := defaults(b)
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		size = 0
		for _, s := range subjects {
			svg, err := figure.Animated(s)
			if err != nil {
				b.Fatal(err)
			}
			size += len(svg)
		}
	}
	b.ReportMetric(float64(size), "bytes/13figs")
}

func BenchmarkValidateAll(b *testing.B) {
	subjects := defaults(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range subjects {
			if ps := s.Illustration.Validate(s.Dose); len(ps) > 0 {
				b.Fatal(ps)
			}
		}
	}
}

func BenchmarkContactSheet(b *testing.B) {
	subjects := figures(b)
	b.ReportAllocs()
	for b.Loop() {
		figure.ContactSheet(subjects, nil)
	}
}
