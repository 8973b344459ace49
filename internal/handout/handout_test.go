package handout_test

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/image/font/sfnt"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/handout"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

var printed = time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)

func builtins(t testing.TB) *catalog.Catalog {
	t.Helper()
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		t.Fatal(issues)
	}
	c, issues := b.Build()
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	return c
}

func exercise(t testing.TB, c *catalog.Catalog, id string) *catalog.Exercise {
	t.Helper()
	e, ok := c.Exercise(id)
	if !ok {
		t.Fatalf("no exercise %s", id)
	}
	return e
}

func routine(t testing.TB, c *catalog.Catalog, id string) *catalog.Routine {
	t.Helper()
	r, ok := c.Routine(id)
	if !ok {
		t.Fatalf("no routine %s", id)
	}
	return r
}

// someone has practised: wall angels rated easy twice (a step up), cat-cow
// stopped for sharp pain (set aside), scapular squeezes on the avoid list,
// and osteoporosis in their safety answers (thoracic extension kept out).
func someone() person.State {
	var sessions []*journal.Session
	for d := range 2 {
		at := printed.AddDate(0, 0, d-10)
		end := at.Add(10 * time.Minute)
		sessions = append([]*journal.Session{{ID: fmt.Sprint("s", d), RoutineID: "posture-support", Status: journal.Completed,
			StartedAt: at, EndedAt: &end, TimeScale: 1,
			Exercises: []journal.Performance{{Index: 1, Attempt: 1, ExerciseID: "wall-angels", Outcome: journal.Done, Seconds: 60, Rating: journal.TooEasy}}}}, sessions...)
	}
	levels := person.Levels(sessions, builtinsOnce)
	return person.State{
		Levels: levels,
		SetAside: map[string]journal.ExerciseState{
			"cat-cow":           {ExerciseID: "cat-cow", Excluded: true, Reason: string(journal.SharpPain), Since: printed.AddDate(0, 0, -3)},
			"scapular-squeezes": {ExerciseID: "scapular-squeezes", Avoided: true, Since: printed.AddDate(0, 0, -2)},
		},
		Screenings: []safety.Screening{safety.NewScreening(printed.AddDate(0, 0, -1), map[string]bool{"osteoporosis": true})},
	}
}

var builtinsOnce = func() *catalog.Catalog {
	b := catalog.NewBuilder()
	catalog.AddBuiltin(b)
	c, _ := b.Build()
	return c
}()

// The handout has what `start` would play: the person's doses now, without
// the exercises left out for them, saying why they are left out; each with
// its figures, steps, cue and cautions; and no prescriber or note, since
// no routine is prescribed yet.
func TestHandoutIsWhatStartPlays(t *testing.T) {
	c := builtins(t)
	r := routine(t, c, "posture-support")
	p := someone()
	h, err := handout.For(c, r, p, printed)
	if err != nil {
		t.Fatal(err)
	}
	prep, err := person.Prepare(c, r, p.Levels, p.Exclusions(), false)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, st := range prep.Steps {
		want = append(want, st.Exercise.ID)
	}
	for _, x := range h.Exercises {
		got = append(got, x.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exercises (-start plays +handout):\n%s", diff)
	}
	for _, out := range []string{"thoracic-extension", "cat-cow", "scapular-squeezes"} {
		name := exercise(t, c, out).Name
		for _, x := range h.Exercises {
			if x.ID == out {
				t.Errorf("%s is on the handout, but is left out for the person", out)
			}
		}
		if !strings.Contains(strings.Join(h.LeftOut, "\n"), name) {
			t.Errorf("the handout does not say %s is left out: %q", out, h.LeftOut)
		}
	}
	wall := h.Exercises[0]
	if wall.ID != "wall-angels" {
		t.Fatalf("first exercise %s", wall.ID)
	}
	level := p.Levels["wall-angels"]
	start := exercise(t, c, "wall-angels").Dose.Start()
	if level == nil || level.Amount == start {
		t.Fatalf("wall angels did not move up: %+v", level)
	}
	if wall.Dose == "" || wall.DoseNote == "" || !strings.Contains(wall.Dose, fmt.Sprint(level.Amount.Reps)) {
		t.Errorf("wall angels' dose %q (%q), want its level %+v", wall.Dose, wall.DoseNote, level.Amount)
	}
	for _, x := range h.Exercises {
		e := exercise(t, c, x.ID)
		if len(x.Figures) != len(e.IllustrationFor("").Keyframes) || len(x.Steps) == 0 || x.Remember == "" || len(x.Cautions) == 0 {
			t.Errorf("%s: %d figures, %d steps, cue %q, %d cautions", x.ID, len(x.Figures), len(x.Steps), x.Remember, len(x.Cautions))
		}
	}
	if h.Prescriber != "" || h.Note != "" {
		t.Errorf("prescriber %q, note %q: no routine is prescribed yet", h.Prescriber, h.Note)
	}
	if !strings.Contains(h.HelpUrgent, safety.Topics(safety.Emergency)) {
		t.Errorf("when to get help does not list the emergency questions: %q", h.HelpUrgent)
	}
}

// A routine whose every exercise is left out has no handout: the same
// refusal as start.
func TestHandoutAllLeftOut(t *testing.T) {
	c := builtins(t)
	r := routine(t, c, "quick-daily-reset")
	aside := map[string]journal.ExerciseState{}
	for _, it := range r.Exercises {
		aside[it.ID] = journal.ExerciseState{ExerciseID: it.ID, Avoided: true}
	}
	_, err := handout.For(c, r, person.State{SetAside: aside}, printed)
	if err == nil || !strings.Contains(err.Error(), "left out") {
		t.Fatalf("err %v, want every exercise left out", err)
	}
}

func TestPaperFor(t *testing.T) {
	for _, tc := range []struct {
		locale string
		want   handout.Paper
	}{
		{"en_US.UTF-8", handout.Letter}, {"en-US", handout.Letter}, {"fr_CA.UTF-8", handout.Letter},
		{"es-MX,es;q=0.9", handout.Letter}, {"en_GB.UTF-8", handout.A4}, {"de_DE@euro", handout.A4},
		{"C.UTF-8", handout.A4}, {"", handout.A4}, {"en", handout.A4}, {"us", handout.A4}, {"POSIX", handout.A4},
	} {
		if got := handout.PaperFor(tc.locale); got != tc.want {
			t.Errorf("PaperFor(%q) = %s, want %s", tc.locale, got, tc.want)
		}
	}
	env := map[string]string{"LANG": "en_US.UTF-8", "LC_PAPER": "en_GB.UTF-8"}
	if got := handout.PaperFromEnv(func(k string) string { return env[k] }); got != handout.A4 {
		t.Errorf("LC_PAPER should win over LANG: %s", got)
	}
	for _, bad := range []string{"a5", "", "legal"} {
		if _, err := handout.ParsePaper(bad); err == nil {
			t.Errorf("paper %q accepted", bad)
		}
	}
}

// Every character a handout prints has a glyph in the fonts it embeds.
func TestEveryCharacterHasAGlyph(t *testing.T) {
	c := builtins(t)
	var text []string
	for _, r := range c.Routines() {
		h, err := handout.For(c, r, someone(), printed)
		if err != nil {
			continue
		}
		text = append(text, words(h)...)
	}
	for _, k := range []message.Key{message.HandoutSteps, message.HandoutRemember, message.HandoutTakeCare, message.HandoutThisWeek,
		message.HandoutDays, message.HandoutContinued, message.HandoutPage, message.HandoutFooter, message.HandoutHelpTitle,
		message.HandoutTwice, message.HandoutTickHint, message.HandoutLeftOut, message.HandoutNote, message.HandoutPrescribed} {
		text = append(text, message.Text(k))
	}
	for _, e := range c.Exercises() {
		text = append(text, e.Name)
		text = append(text, e.Steps...)
		text = append(text, e.Cautions...)
		text = append(text, e.Cues.Form...)
	}
	var b sfnt.Buffer
	for i, ttf := range handout.FontTTFs() {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		missing := map[rune]bool{}
		for _, s := range text {
			for _, r := range strings.ToUpper(s) + s {
				if r < ' ' {
					continue
				}
				if g, err := f.GlyphIndex(&b, r); err != nil || g == 0 {
					missing[r] = true
				}
			}
		}
		if len(missing) > 0 {
			t.Errorf("font %d has no glyph for %q", i, fmt.Sprint(missing))
		}
	}
}

func words(h handout.Handout) []string {
	out := []string{h.Title, h.Time, h.Count, h.Often, h.Safety, h.HelpUrgent, h.HelpSoon}
	out = append(out, h.LeftOut...)
	for _, x := range h.Exercises {
		out = append(out, x.Name, x.Dose, x.Where, x.DoseNote, x.Remember, x.Caption)
		out = append(out, x.Steps...)
		out = append(out, x.Cautions...)
		for _, f := range x.Figures {
			out = append(out, f.Name)
		}
	}
	return out
}

// The handout of posture support (7 exercises) stays under 300 KB, on A4
// and on Letter, with the person's state or without.
func TestHandoutSize(t *testing.T) {
	c := builtins(t)
	h, err := handout.For(c, routine(t, c, "posture-support"), person.State{}, printed)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Exercises) != 7 {
		t.Fatalf("%d exercises", len(h.Exercises))
	}
	for _, paper := range []handout.Paper{handout.A4, handout.Letter} {
		d, err := handout.Render(h, paper)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.PDF) > 300<<10 {
			t.Errorf("%s: %d KB, want under 300 KB", paper, len(d.PDF)>>10)
		}
		if len(d.Figures) < 14 {
			t.Errorf("%s: %d figures", paper, len(d.Figures))
		}
	}
}

// poppler returns the path of a poppler-utils program. Without it the test
// is skipped loudly, unless UNHUNCH_REQUIRE_POPPLER=1 (as in CI) makes that
// a failure.
func poppler(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := "!!! PDF TESTS SKIPPED: no " + name + " (apt-get install poppler-utils)"
		if os.Getenv("UNHUNCH_REQUIRE_POPPLER") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(poppler(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// Checked by tools nobody here wrote (poppler, from Debian): pdftotext finds
// every exercise's name and dose, the safety line on every page and the
// words on when to get help; pdfinfo gives the page count and paper size,
// pdffonts says every font is embedded; pdftoppm renders every page, and
// every figure's box has the figure's ink in it (and the blank margin has
// none, so the check can fail).
func TestHandoutInPoppler(t *testing.T) {
	c := builtins(t)
	cases := []struct {
		routine string
		paper   handout.Paper
		state   person.State
	}{
		{"posture-support", handout.A4, person.State{}},
		{"posture-support", handout.Letter, someone()},
		{"seven-in-seven", handout.A4, person.State{}},
		{"quick-daily-reset", handout.Letter, person.State{}},
		{"end-of-day-relief", handout.A4, someone()},
	}
	for _, tc := range cases {
		t.Run(tc.routine+"-"+string(tc.paper), func(t *testing.T) {
			h, err := handout.For(c, routine(t, c, tc.routine), tc.state, printed)
			if err != nil {
				t.Fatal(err)
			}
			d, err := handout.Render(h, tc.paper)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "h.pdf")
			if err := os.WriteFile(file, d.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			if out := os.Getenv("UNHUNCH_HANDOUT_OUT"); out != "" {
				// To look at them: UNHUNCH_HANDOUT_OUT=/tmp/handouts go test ./internal/handout -run Poppler
				if err := os.WriteFile(filepath.Join(out, tc.routine+"-"+string(tc.paper)+".pdf"), d.PDF, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			checkText(t, file, h, d)
			checkInfo(t, file, h, d)
			checkFigures(t, file, dir, d)
		})
	}
}

var space = regexp.MustCompile(`\s+`)

func checkText(t *testing.T, file string, h handout.Handout, d *handout.Document) {
	t.Helper()
	raw := run(t, "pdftotext", "-enc", "UTF-8", file, "-")
	pages := strings.Split(raw, "\f")
	text := space.ReplaceAllString(raw, " ")
	want := []string{h.Title, h.Time, h.HelpUrgent, h.HelpSoon, message.Text(message.HandoutHelpTitle)}
	for _, x := range h.Exercises {
		want = append(want, x.Name, x.Dose, x.Steps[0], x.Remember)
	}
	want = append(want, h.LeftOut...)
	for _, w := range want {
		if !strings.Contains(text, space.ReplaceAllString(w, " ")) {
			t.Errorf("pdftotext does not find %q", w)
		}
	}
	for i := range d.Pages {
		p := space.ReplaceAllString(pages[i], " ")
		if !strings.Contains(p, h.Safety) {
			t.Errorf("page %d: no safety line", i+1)
		}
		if pg := message.Text(message.HandoutPage, i+1, d.Pages); !strings.Contains(p, pg) {
			t.Errorf("page %d: no %q", i+1, pg)
		}
	}
}

func checkInfo(t *testing.T, file string, h handout.Handout, d *handout.Document) {
	t.Helper()
	info := run(t, "pdfinfo", file)
	if !regexp.MustCompile(fmt.Sprintf(`(?m)^Pages:\s+%d$`, d.Pages)).MatchString(info) {
		t.Errorf("pdfinfo: want %d pages:\n%s", d.Pages, info)
	}
	size := map[handout.Paper]string{handout.A4: "(A4)", handout.Letter: "(letter)"}[d.Paper]
	if !strings.Contains(info, size) || !strings.Contains(info, "Title:           "+h.Title) {
		t.Errorf("pdfinfo: want %s paper and the title:\n%s", size, info)
	}
	if d.Pages > (len(h.Exercises)+2)/2+1 {
		t.Errorf("%d pages for %d exercises", d.Pages, len(h.Exercises))
	}
	fonts := run(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	if len(lines) != 3 {
		t.Errorf("pdffonts: want the regular, bold and italic fonts:\n%s", fonts)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("pdffonts: a font is not embedded: %q", l)
		}
	}
}

const dpi = 60

func checkFigures(t *testing.T, file, dir string, d *handout.Document) {
	t.Helper()
	run(t, "pdftoppm", "-r", fmt.Sprint(dpi), "-png", file, filepath.Join(dir, "p"))
	pages := map[int]image.Image{}
	for n := 1; n <= d.Pages; n++ {
		matches, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("p-%d.png", n)))
		if len(matches) == 0 {
			matches, _ = filepath.Glob(filepath.Join(dir, fmt.Sprintf("p-%02d.png", n)))
		}
		if len(matches) != 1 {
			t.Fatalf("page %d was not rendered", n)
		}
		f, err := os.Open(matches[0])
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		pages[n] = img
	}
	for _, f := range d.Figures {
		if ink := inked(pages[f.Page], f.X+1, f.Y+1, f.W-2, f.H-2); ink < 0.02 {
			t.Errorf("%s %s on page %d: its box is blank (%.1f%% ink)", f.Exercise, f.Keyframe, f.Page, 100*ink)
		}
	}
	// The page's left margin under the header has no ink: the check sees
	// blank where there is nothing.
	if ink := inked(pages[1], 2, 60, 10, 150); ink > 0.001 {
		t.Errorf("the left margin has %.1f%% ink", 100*ink)
	}
}

// inked returns the share of pixels in a box (millimetres) that are as dark
// as the figure's limbs.
func inked(img image.Image, x, y, w, h float64) float64 {
	px := func(mm float64) int { return int(mm * dpi / 25.4) }
	dark, all := 0, 0
	for j := px(y); j < px(y+h); j++ {
		for i := px(x); i < px(x+w); i++ {
			r, g, b, _ := img.At(i, j).RGBA()
			all++
			if (299*r+587*g+114*b)/1000 < 0x8000 {
				dark++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(dark) / float64(all)
}
