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
	if len(c.Exercises()) == 0 {
		t.Fatal("no built-in exercises")
	}
	return c.Exercises()
}

func TestEveryBuiltinExerciseHasAValidIllustration(t *testing.T) {
	for _, e := range builtins(t) {
		if e.Illustration == nil {
			t.Errorf("%s has no illustration", e.ID)
			continue
		}
		if n := len(e.Illustration.Keyframes); n < 2 || n > 4 {
			t.Errorf("%s has %d keyframes, want 2 to 4", e.ID, n)
		}
		if ps := e.Illustration.Validate(e.Dose); len(ps) > 0 {
			t.Errorf("%s: %v", e.ID, ps)
		}
	}
}

// checkBody checks one pose: every bone keeps its model length (and the
// length it has in the reference pose), and nothing dips below the floor by
// more than the tolerance.
func checkBody(t *testing.T, what string, b, ref figure.Body) {
	t.Helper()
	if len(b.Bones) != len(ref.Bones) {
		t.Fatalf("%s: %d bones, reference has %d", what, len(b.Bones), len(ref.Bones))
	}
	for i, x := range b.Bones {
		got := math.Hypot(x.B.X-x.A.X, x.B.Y-x.A.Y)
		want := math.Hypot(ref.Bones[i].B.X-ref.Bones[i].A.X, ref.Bones[i].B.Y-ref.Bones[i].A.Y)
		if math.Abs(got-x.Length) > 1e-9 || math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: %s is %.6f long, model %.6f, reference pose %.6f", what, x.Name, got, x.Length, want)
		}
		if x.Length == 0 {
			continue
		}
		if low := min(x.A.Y, x.B.Y) - figure.Radius; low < -figure.Tolerance {
			t.Errorf("%s: %s goes %.2f below the floor", what, x.Name, -low)
		}
	}
	if low := b.Head.Y - figure.HeadRadius; low < -figure.Tolerance {
		t.Errorf("%s: the head goes %.2f below the floor", what, -low)
	}
}

func TestBodyChecksOnEveryKeyframe(t *testing.T) {
	for _, e := range builtins(t) {
		il := e.Illustration
		ref, ok := il.Frame(0)
		if !ok {
			t.Fatalf("%s: keyframe 0 cannot be posed", e.ID)
		}
		for i, k := range il.Keyframes {
			b, ok := il.Frame(i)
			if !ok {
				t.Fatalf("%s: keyframe %d cannot be posed", e.ID, i)
			}
			checkBody(t, e.ID+" "+k.Name, b, ref)
		}
	}
}

// The animation, sampled far more finely than it is drawn, keeps every bone
// at its length and stays out of the floor between keyframes too.
func TestBodyChecksThroughTheAnimation(t *testing.T) {
	for _, e := range builtins(t) {
		m, err := figure.NewMotion(e.Figure())
		if err != nil {
			t.Fatal(err)
		}
		ref, _ := e.Illustration.Frame(0)
		const steps = 720
		for k := 0; k <= steps; k++ {
			at := m.Duration() * float64(k) / steps
			b, _ := m.At(at)
			checkBody(t, fmt.Sprintf("%s at %.2fs", e.ID, at), b, ref)
		}
	}
}

func TestLoopFollowsTheDose(t *testing.T) {
	// Loop lengths worked out by hand from each dose and PRODUCT.md §4:
	// move 2 s, release 2 s, rest 5 s, switch 3 s, breath 5 s, in/out 3 s,
	// a repetition 4 s; holds at their starting value.
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
	byID := map[string]*catalog.Exercise{}
	for _, e := range builtins(t) {
		byID[e.ID] = e
	}
	if len(tests) != len(byID) {
		t.Fatalf("the table covers %d exercises, the catalog has %d", len(tests), len(byID))
	}
	for _, tc := range tests {
		e := byID[tc.id]
		m, err := figure.NewMotion(e.Figure())
		if err != nil {
			t.Fatal(err)
		}
		got := struct {
			Seconds  float64
			Poster   string
			OneSided bool
		}{m.Duration(), e.Illustration.Keyframes[m.Poster()].Name, m.OneSided()}
		want := struct {
			Seconds  float64
			Poster   string
			OneSided bool
		}{tc.seconds, tc.poster, tc.oneSided}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.id, diff)
		}
	}
}

func TestViewsPutEachSideWhereItBelongs(t *testing.T) {
	byID := map[string]*catalog.Exercise{}
	for _, e := range builtins(t) {
		byID[e.ID] = e
	}
	bone := func(b figure.Body, name string) figure.Bone {
		for _, x := range b.Bones {
			if x.Name == name {
				return x
			}
		}
		t.Fatalf("no bone %s", name)
		return figure.Bone{}
	}
	// Front view: the right hand is on the viewer's left of the hips.
	front, _ := byID["w-y-stretch"].Illustration.Frame(2)
	// Back view: the right hand (holding the chair) is on the viewer's right.
	back, _ := byID["seated-levator-scapulae-stretch"].Illustration.Frame(0)
	// Side view: the figure faces right and its left side is the far one.
	side, _ := byID["bird-dog"].Illustration.Frame(1)
	got := map[string]bool{
		"front: right hand left of hips": bone(front, "hand_r").B.X < front.Bones[0].B.X,
		"front: left hand right of hips": bone(front, "hand_l").B.X > front.Bones[0].B.X,
		"back: right hand right of hips": bone(back, "hand_r").B.X > back.Bones[0].B.X,
		"side: head in front of hips":    side.Head.X > side.Bones[0].B.X,
		"side: left arm is far":          bone(side, "upper_arm_l").Far,
		"side: right arm is near":        !bone(side, "upper_arm_r").Far,
		"side: right arm reaches ahead":  bone(side, "hand_r").B.X > side.Head.X,
		"side: left leg reaches back":    bone(side, "foot_l").B.X < bone(side, "foot_r").B.X-40,
	}
	for what, ok := range got {
		if !ok {
			t.Errorf("%s: no", what)
		}
	}
}

// allSVGs returns every drawing of every built-in exercise, by file name.
func allSVGs(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, e := range builtins(t) {
		anim, err := figure.Animated(e.Figure())
		if err != nil {
			t.Fatal(err)
		}
		out[e.ID+".svg"] = anim
		for _, k := range e.Illustration.Keyframes {
			still, err := figure.Still(e.Figure(), k.Name)
			if err != nil {
				t.Fatal(err)
			}
			out[e.ID+"."+strings.ReplaceAll(k.Name, " ", "-")+".svg"] = still
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
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s differs from its golden file (-golden +now); if the change is meant, regenerate with -update:\n%s", name, diff)
		}
	}
}

// notANumber matches how Go and browsers spell a missing number.
var notANumber = regexp.MustCompile(`(?i)\bnan\b|\binf(inity)?\b`)

// checkSVG checks that an SVG is well-formed XML with a usable viewBox, a
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
	vb := strings.Fields(attrs["viewBox"])
	if len(vb) != 4 {
		t.Errorf("%s: viewBox %q", name, attrs["viewBox"])
	} else {
		for i, f := range vb {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || (i >= 2 && v <= 0) {
				t.Errorf("%s: viewBox %q", name, attrs["viewBox"])
			}
		}
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

func TestTextAlternatives(t *testing.T) {
	byID := map[string]*catalog.Exercise{}
	for _, e := range builtins(t) {
		byID[e.ID] = e
	}
	label := func(b []byte) string {
		m := regexp.MustCompile(`aria-label="([^"]*)"`).FindSubmatch(b)
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	anim := func(id string) []byte {
		b, err := figure.Animated(byID[id].Figure())
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	still, err := figure.Still(byID["wall-angels"].Figure(), "Y")
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

// The animation turns joints: every animated bone group has only rotations
// in its keyframes, and only the root group moves as a whole. Nothing
// animates coordinates, so no bone can stretch or shrink.
func TestAnimationTurnsJointsOnly(t *testing.T) {
	rule := regexp.MustCompile(`@keyframes (uh-[a-z0-9-]+-(b\d+|s))\{([^}]*\}[^@]*?)\}\n`)
	stop := regexp.MustCompile(`[0-9.]+%\{([^}]*)\}`)
	for _, e := range builtins(t) {
		b, err := figure.Animated(e.Figure())
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("<animate")) {
			t.Errorf("%s animates attributes", e.ID)
		}
		m := regexp.MustCompile(`\.(uh-` + e.ID + `-[0-9a-f]{6})-a\{`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no animation class named after the exercise", e.ID)
		}
		prefix := string(m[1])
		rules := rule.FindAllSubmatch(b, -1)
		if len(rules) < 2 {
			t.Fatalf("%s: %d animated groups", e.ID, len(rules))
		}
		sides := false
		for _, r := range rules {
			name, kind := string(r[1]), string(r[2])
			if !strings.HasPrefix(name, prefix+"-") || !bytes.Contains(b, []byte(`class="`+prefix+`-a `+name+`"`)) {
				t.Errorf("%s: no group runs %s", e.ID, name)
			}
			stops := stop.FindAllSubmatch(r[3], -1)
			if len(stops) < 2 || !bytes.HasPrefix(r[3], []byte("0%{")) || !bytes.Contains(r[3], []byte("100%{")) {
				t.Errorf("%s %s: keyframes do not run from 0%% to 100%%: %s", e.ID, name, r[3])
			}
			for _, s := range stops {
				v := string(s[1])
				var ok bool
				switch kind {
				case "b0":
					ok = regexp.MustCompile(`^transform:translate\(-?[0-9.]+px,-?[0-9.]+px\) rotate\(-?[0-9.]+deg\)$`).MatchString(v)
				case "s":
					sides = true
					ok = regexp.MustCompile(`^opacity:[01](\.\d+)?;transform:matrix\((1,0,0,1,0,0|-1,0,0,1,-?[0-9.]+,0)\)$`).MatchString(v)
				default:
					ok = regexp.MustCompile(`^transform:rotate\(-?[0-9.]+deg\)$`).MatchString(v)
				}
				if !ok {
					t.Errorf("%s %s: stop %q", e.ID, name, v)
				}
			}
		}
		if want := e.Sides() != dose.NoSides; sides != want {
			t.Errorf("%s: side switch animated %v, want %v", e.ID, sides, want)
		}
		if !bytes.Contains(b, []byte("prefers-reduced-motion:reduce")) {
			t.Errorf("%s: no reduced-motion rule", e.ID)
		}
	}
}

func TestDrawingErrors(t *testing.T) {
	e := builtins(t)[0]
	none := e.Figure()
	none.Illustration = nil
	bad := e.Figure()
	il := *e.Illustration
	il.View = "top"
	bad.Illustration = &il
	_, errNone := figure.Animated(none)
	_, errBad := figure.Animated(bad)
	_, errFrame := figure.Still(e.Figure(), "no such frame")
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
	var subjects []figure.Subject
	keyframes := 0
	for _, e := range builtins(t) {
		subjects = append(subjects, e.Figure())
		keyframes += len(e.Illustration.Keyframes)
	}
	if out := os.Getenv("UNHUNCH_CONTACT_SHEET"); out != "" {
		if err := os.WriteFile(out, figure.ContactSheet(subjects), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote the contact sheet of the built-in exercises to %s", out)
	}
	subjects = append(subjects, figure.Subject{ID: "mine", Name: `Mine <b>& "co"</b>`})
	page := string(figure.ContactSheet(subjects))
	got := map[string]int{
		"<!doctype html>":            strings.Count(page, "<!doctype html>"),
		"<h1>":                       strings.Count(page, "<h1>"),
		"<section":                   strings.Count(page, "<section"),
		"<svg":                       strings.Count(page, "<svg"),
		"no illustration yet":        strings.Count(page, "This exercise has no illustration yet."),
		"escaped name":               strings.Count(page, "Mine &lt;b&gt;&amp; &#34;co&#34;&lt;/b&gt;"),
		"raw name":                   strings.Count(page, "<b>&"),
		`<section id="wall-angels">`: strings.Count(page, `<section id="wall-angels">`),
	}
	want := map[string]int{
		"<!doctype html>":            1,
		"<h1>":                       1,
		"<section":                   len(subjects),                 // every exercise, and mine
		"<svg":                       len(subjects) - 1 + keyframes, // an animation and a still a keyframe each
		"no illustration yet":        1,
		"escaped name":               1,
		"raw name":                   0,
		`<section id="wall-angels">`: 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("contact sheet (-want +got):\n%s", diff)
	}
}

func BenchmarkAnimatedAll(b *testing.B) {
	var subjects []figure.Subject
	for _, e := range builtins(b) {
		subjects = append(subjects, e.Figure())
	}
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

func BenchmarkContactSheet(b *testing.B) {
	var subjects []figure.Subject
	for _, e := range builtins(b) {
		subjects = append(subjects, e.Figure())
	}
	b.ReportAllocs()
	for b.Loop() {
		figure.ContactSheet(subjects)
	}
}

// Two figures of one exercise that move differently (here, at two tempos)
// never share animation names, since a page's styles are global; two alike
// share them harmlessly.
func TestAnimationNamesDifferWithTheLoop(t *testing.T) {
	e := builtins(t)[6] // wall-angels
	slow := e.Figure()
	slow.Dose.Tempo.Rep = 8
	names := func(s figure.Subject) string {
		b, err := figure.Animated(s)
		if err != nil {
			t.Fatal(err)
		}
		return regexp.MustCompile(`class="(uh-[^ "]+)-a`).FindStringSubmatch(string(b))[1]
	}
	a, b, c := names(e.Figure()), names(slow), names(e.Figure())
	if a == b || a != c || !strings.HasPrefix(a, "uh-wall-angels-") {
		t.Errorf("names %q, %q (slower), %q (again)", a, b, c)
	}
}
