package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/internal/picture"
)

// The exercise and routine of one's own that every page test sees.
const (
	ownExercise = "towel-shoulder-stretch"
	ownRoutine  = "my-towel-break"
)

// testPNG is a w × h picture with a pattern, as a PNG file's bytes.
func testPNG(t testing.TB, w, h int, tint uint8) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), tint, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// seedOwn saves, once, an exercise of the person's own with two pictures
// and a routine of theirs that plays it with a built-in.
func seedOwn(t *testing.T, l *live) {
	t.Helper()
	ctx := context.Background()
	have, err := l.st.CustomEntries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(have) > 0 {
		return
	}
	e := &catalog.Exercise{ID: ownExercise, Name: "Towel shoulder stretch", Purpose: "Eases the front of the shoulders.",
		Type: catalog.Stretch, Difficulty: catalog.Easy, Positions: []catalog.Position{catalog.Standing}, Equipment: []catalog.Equipment{catalog.Towel},
		Dose:     dose.Dose{Mode: dose.Hold, Hold: dose.Range{Min: 10, Max: 20}, Reps: dose.Fixed(2)},
		Steps:    []string{"Hold a towel behind you with both hands.", "Lift it gently away from your back."},
		Cues:     catalog.Cues{Intro: "Towel stretch.", Setup: "Hold the towel behind you.", Move: "Lift gently.", Hold: "Hold it there.", Release: "Let it down."},
		Cautions: []string{"Stop if your shoulder pinches."}, Source: []catalog.Source{{Title: "From my physiotherapist"}}}
	e.Dose = e.Dose.Normalize()
	body, err := catalog.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	r := &catalog.Routine{ID: ownRoutine, Name: "My towel break", Exercises: []catalog.Item{{ID: ownExercise}, {ID: "chin-tucks"}}}
	rbody, err := catalog.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var pics []custom.Picture
	for i, tint := range []uint8{40, 200} {
		p, err := picture.Check(testPNG(t, 160, 120, tint))
		if err != nil {
			t.Fatal(err)
		}
		pics = append(pics, custom.Picture{ExerciseID: ownExercise, N: i, MediaType: p.MediaType, Width: p.Width, Height: p.Height, Data: p.Data})
	}
	err = l.st.AddCustom(ctx, []custom.Entry{{Kind: custom.KindExercise, ID: ownExercise, Body: string(body)}, {Kind: custom.KindRoutine, ID: ownRoutine, Body: string(rbody)}}, pics, time.Now())
	if err != nil {
		t.Fatal(err)
	}
}

// multipartBody builds a posted form with fields and picture files.
func multipartBody(t *testing.T, fields map[string][]string, pictures ...[]byte) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for i, p := range pictures {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="picture"; filename="p`+itoa(i)+`.png"`)
		h.Set("Content-Type", "image/png")
		w, _ := mw.CreatePart(h)
		w.Write(p)
	}
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

func goodFields() map[string][]string {
	return map[string][]string{
		"name": {"Towel stretch"}, "purpose": {"Opens the chest."}, "type": {"stretch"}, "difficulty": {"easy"},
		"positions": {"standing"}, "equipment": {"towel"}, "mode": {"hold"}, "hold_min": {"10"}, "hold_max": {"20"},
		"reps_min": {"2"}, "sides": {"none"}, "steps": {"Hold the towel behind you.\nLift gently."},
		"cue_intro": {"Towel stretch."}, "cue_setup": {"Hold the towel."}, "cue_move": {"Lift."}, "cue_hold": {"Hold."}, "cue_release": {"Let go."},
		"cautions": {"Stop if your shoulder hurts."}, "source": {"From my physiotherapist"},
	}
}

// Issue 20: the form saves a checked exercise with its pictures; every
// problem is a 4xx with the words next to the field and nothing saved; a
// built-in can be neither taken nor changed; a saved exercise a routine
// uses cannot be deleted.
func TestOwnExerciseForm(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	post := func(path string, fields map[string][]string, pics ...[]byte) (int, string, string) {
		body, ctype := multipartBody(t, fields, pics...)
		r := e.do("POST", path, body, map[string]string{"Content-Type": ctype})
		return r.Code, r.Body.String(), r.Header().Get("Location")
	}
	count := func() int {
		list, err := e.st.CustomEntries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	if r := e.do("GET", "/exercises/new", "", nil); r.Code != http.StatusOK || !strings.Contains(r.Body.String(), "1 to 20 a set") {
		t.Fatalf("the form: %d", r.Code)
	}

	bad := func(name string, change func(map[string][]string), status int, want string, pics ...[]byte) {
		t.Helper()
		f := goodFields()
		change(f)
		code, body, _ := post("/exercises/new", f, pics...)
		if code != status || !strings.Contains(body, want) {
			t.Errorf("%s: %d, want %d with %q", name, code, status, want)
		}
		if n := count(); n != 0 {
			t.Errorf("%s: %d entries saved", name, n)
		}
	}
	bad("no purpose", func(f map[string][]string) { f["purpose"] = nil }, 400, `id="purpose-error">is required`)
	bad("reps over the cap", func(f map[string][]string) { f["reps_min"] = []string{"30"} }, 400, `id="reps_max-error">`)
	bad("hold over the cap", func(f map[string][]string) { f["hold_max"] = []string{"90"} }, 400, `id="hold_max-error">max 90 is beyond the safe cap of 60`)
	bad("not a number", func(f map[string][]string) { f["sets"] = []string{"three"} }, 400, `id="sets-error">&#34;three&#34; is not a whole number`)
	bad("no cue", func(f map[string][]string) { f["cue_hold"] = nil }, 400, `id="cue_hold-error">`)
	bad("a built-in's id", func(f map[string][]string) { f["id"] = []string{"chin-tucks"} }, 400, `id="id-error">id &#34;chin-tucks&#34; is already used (built-in)`)
	bad("a bad id", func(f map[string][]string) { f["id"] = []string{"Towel Stretch!"} }, 400, `id="id-error">`)
	bad("not a picture", func(map[string][]string) {}, 400, "Picture 1: this is not a picture", []byte("GIF89a not really"))
	bad("a decompression bomb", func(map[string][]string) {}, 400, "100000 × 100000 pixels", pngBomb())
	bad("four pictures", func(map[string][]string) {}, 400, "at most 3 pictures", testPNG(t, 4, 4, 1), testPNG(t, 4, 4, 2), testPNG(t, 4, 4, 3), testPNG(t, 4, 4, 4))
	big := make([]byte, 7<<20)
	bad("a body too large", func(map[string][]string) {}, 400, "", big, big)

	code, _, loc := post("/exercises/new", goodFields(), testPNG(t, 320, 240, 9), testPNG(t, 64, 64, 99))
	if code != http.StatusSeeOther || loc != "/exercises/towel-stretch" {
		t.Fatalf("save: %d → %q", code, loc)
	}
	page := e.do("GET", "/exercises/towel-stretch", "", nil).Body.String()
	for _, want := range []string{`src="/exercises/towel-stretch/pictures/1"`, `src="/exercises/towel-stretch/pictures/2"`, `id="edit-own"`, "Opens the chest."} {
		if !strings.Contains(page, want) {
			t.Errorf("the exercise page lacks %s", want)
		}
	}
	if !strings.Contains(e.do("GET", "/exercises", "", nil).Body.String(), `href="/exercises/towel-stretch"`) {
		t.Errorf("the library lacks it")
	}
	pic := e.do("GET", "/exercises/towel-stretch/pictures/1", "", nil)
	if pic.Code != 200 || pic.Header().Get("Content-Type") != "image/png" || pic.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("picture: %d %v", pic.Code, pic.Header())
	}
	if img, _, err := image.Decode(pic.Body); err != nil || img.Bounds().Dx() != 320 {
		t.Errorf("picture decodes: %v", err)
	}
	if r := e.do("GET", "/exercises/towel-stretch/pictures/3", "", nil); r.Code != 404 {
		t.Errorf("a third picture it does not have: %d", r.Code)
	}
	// The same name again gets the next free id.
	if code, _, loc := post("/exercises/new", goodFields()); code != 303 || loc != "/exercises/towel-stretch-2" {
		t.Errorf("the same name again: %d → %q", code, loc)
	}

	// Edit: change the purpose, drop the first picture; the id stays.
	f := goodFields()
	f["purpose"] = []string{"Opens the chest and shoulders."}
	f["drop_picture"] = []string{"1"}
	if code, body, loc := post("/exercises/towel-stretch/edit", f); code != 303 || loc != "/exercises/towel-stretch" {
		t.Fatalf("edit: %d %q %s", code, loc, body)
	}
	pics, _ := e.st.Pictures(ctx, "towel-stretch")
	if len(pics) != 1 || pics[0].N != 0 || pics[0].Width != 64 {
		t.Errorf("after dropping picture 1: %+v", pics)
	}
	if !strings.Contains(e.do("GET", "/exercises/towel-stretch", "", nil).Body.String(), "Opens the chest and shoulders.") {
		t.Errorf("the edit does not show")
	}
	f["hold_max"] = []string{"61"}
	if code, body, _ := post("/exercises/towel-stretch/edit", f); code != 400 || !strings.Contains(body, `id="hold_max-error"`) {
		t.Errorf("a bad edit: %d", code)
	}
	if _, body, _ := post("/exercises/towel-stretch/edit", f); !strings.Contains(body, "<title>Change ") {
		t.Errorf("a bad edit shown again is not titled as an edit:\n%.400s", body)
	}
	if code, _, _ := post("/exercises/chin-tucks/edit", goodFields()); code != 409 {
		t.Errorf("editing a built-in: %d", code)
	}
	if r := e.do("GET", "/exercises/chin-tucks/edit", "", nil); r.Code != 409 {
		t.Errorf("the edit page of a built-in: %d", r.Code)
	}

	// A routine of one's own uses it: it cannot be deleted until that goes.
	rb, _ := catalog.Marshal(&catalog.Routine{ID: "towel-break", Name: "Towel break", Exercises: []catalog.Item{{ID: "towel-stretch"}, {ID: "chin-tucks"}}})
	if err := e.st.AddCustom(ctx, []custom.Entry{{Kind: custom.KindRoutine, ID: "towel-break", Body: string(rb)}}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	if r := e.do("GET", "/routines/towel-break", "", nil); r.Code != 200 || !strings.Contains(r.Body.String(), "Towel stretch") {
		t.Errorf("the routine of one's own: %d", r.Code)
	}
	// An edit that would leave the routine out (it plays the stretch in a
	// position the edit takes away) is refused, and nothing changes.
	rb2, _ := catalog.Marshal(&catalog.Routine{ID: "towel-seated", Name: "Towel seated", Exercises: []catalog.Item{{ID: "towel-stretch", Position: catalog.Seated}}})
	f2 := goodFields()
	f2["positions"] = []string{"standing", "seated"}
	if code, body, _ := post("/exercises/towel-stretch/edit", f2); code != 303 {
		t.Fatalf("adding seated: %d %s", code, body)
	}
	if err := e.st.AddCustom(ctx, []custom.Entry{{Kind: custom.KindRoutine, ID: "towel-seated", Body: string(rb2)}}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	before, _ := e.st.CustomEntries(ctx)
	if code, body, _ := post("/exercises/towel-stretch/edit", goodFields()); code != 400 || !strings.Contains(body, "This change would leave your routine towel-seated out") {
		t.Errorf("an edit that breaks a routine: %d", code)
	}
	if after, _ := e.st.CustomEntries(ctx); after[0].Body != before[0].Body {
		t.Errorf("the refused edit changed the exercise")
	}
	if err := e.st.DeleteCustom(ctx, custom.KindRoutine, "towel-seated"); err != nil {
		t.Fatal(err)
	}
	if r := e.do("POST", "/exercises/towel-stretch/delete", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); r.Code != 409 || !strings.Contains(r.Body.String(), "towel-break") {
		t.Errorf("deleting an exercise a routine uses: %d", r.Code)
	}
	if r := e.do("POST", "/exercises/chin-tucks/delete", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); r.Code != 409 {
		t.Errorf("deleting a built-in: %d", r.Code)
	}
	if err := e.st.DeleteCustom(ctx, custom.KindRoutine, "towel-break"); err != nil {
		t.Fatal(err)
	}
	if r := e.do("POST", "/exercises/towel-stretch/delete", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); r.Code != 303 {
		t.Errorf("delete: %d", r.Code)
	}
	if r := e.do("GET", "/exercises/towel-stretch", "", nil); r.Code != 404 {
		t.Errorf("a deleted exercise's page: %d", r.Code)
	}
	if pics, _ := e.st.Pictures(ctx, "towel-stretch"); len(pics) != 0 {
		t.Errorf("a deleted exercise's pictures stay")
	}
}

// pngBomb is a PNG header claiming 100,000 × 100,000 pixels.
func pngBomb() []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x02\x00\x00\x00")
	return append(b, crcOf(b[12:])...)
}

func crcOf(b []byte) []byte {
	var table [256]uint32
	for i := range table {
		c := uint32(i)
		for range 8 {
			if c&1 == 1 {
				c = 0xedb88320 ^ (c >> 1)
			} else {
				c >>= 1
			}
		}
		table[i] = c
	}
	c := ^uint32(0)
	for _, x := range b {
		c = table[byte(c)^x] ^ (c >> 8)
	}
	c = ^c
	return []byte{byte(c >> 24), byte(c >> 16), byte(c >> 8), byte(c)}
}

// Issue 20 in a browser on a phone: add an exercise with two pictures
// through the form, find it in the library, play it in a routine of one's
// own and see its pictures and hear its cues handed to speech.
func TestBrowserOwnExercise(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	dir := t.TempDir()
	var files []string
	for i, tint := range []uint8{30, 220} {
		name := filepath.Join(dir, "photo"+itoa(i)+".png")
		if err := os.WriteFile(name, testPNG(t, 400, 300, tint), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	run(t, ctx, "the library on a phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(l.url("/exercises")), chromedp.WaitVisible(chromedp.CSS(`#add-own`)))
	clickNav(t, ctx, `#add-own`)
	run(t, ctx, "fill in the form",
		chromedp.WaitVisible(chromedp.CSS(`#exercise-form`)),
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "Wall press"),
		chromedp.SendKeys(chromedp.CSS(`#f-purpose`), "Wakes up the upper back."),
		chromedp.SetValue(chromedp.CSS(`#f-type`), "strengthen"),
		chromedp.Click(chromedp.CSS(`input[name="positions"][value="standing-wall"]`)),
		chromedp.Click(chromedp.CSS(`input[name="equipment"][value="wall"]`)),
		chromedp.SetValue(chromedp.CSS(`#f-mode`), "reps"),
		chromedp.SendKeys(chromedp.CSS(`#f-reps_min`), "5"),
		chromedp.SendKeys(chromedp.CSS(`#f-reps_max`), "8"),
		chromedp.SendKeys(chromedp.CSS(`#f-steps`), "Stand with your back to the wall.\nPress your elbows back into it."),
		chromedp.SendKeys(chromedp.CSS(`#f-cue_intro`), "Wall press."),
		chromedp.SendKeys(chromedp.CSS(`#f-cue_setup`), "Back to the wall."),
		chromedp.SendKeys(chromedp.CSS(`#f-cue_move`), "Press back, then ease off."),
		chromedp.SendKeys(chromedp.CSS(`#f-cautions`), "Stop if it hurts."),
		chromedp.SendKeys(chromedp.CSS(`#f-source`), "From my physiotherapist"),
		chromedp.SetUploadFiles(chromedp.CSS(`#f-picture`), files),
	)
	clickNav(t, ctx, `#exercise-form button[type="submit"]`)
	run(t, ctx, "its page", chromedp.WaitVisible(chromedp.CSS(`#edit-own`)))
	if n := eval[int](t, ctx, `[...document.querySelectorAll('img.picture')].filter(i => i.complete && i.naturalWidth === 400).length`); n != 2 {
		t.Errorf("%d pictures shown, want 2", n)
	}
	rb, _ := catalog.Marshal(&catalog.Routine{ID: "wall-break", Name: "Wall break", Exercises: []catalog.Item{{ID: "wall-press"}, {ID: "chin-tucks"}}})
	if err := l.st.AddCustom(context.Background(), []custom.Entry{{Kind: custom.KindRoutine, ID: "wall-break", Body: string(rb)}}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	// The player pauses as each picture comes, as a person stops to look:
	// played 100 times faster, a picture is up for a few milliseconds.
	picture := func(n string) string {
		return `(document.getElementById('figure').getAttribute('src') || '').endsWith('/exercises/wall-press/pictures/` + n + `')`
	}
	shown := `(f => !f.hidden && f.complete && f.naturalWidth === 400)(document.getElementById('figure'))`
	run(t, ctx, "the player", chromedp.Navigate(l.url("/play/wall-break")), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	pauseWhen(t, ctx, picture("1"))
	run(t, ctx, "voice on, pain 2, start", chromedp.Click(chromedp.CSS(`#voice-toggle`)), chromedp.Click(chromedp.CSS(`#pain-before input[value="2"]`)),
		chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	waitPaused(t, ctx, "its first picture", picture("1")+` && `+shown)
	pauseWhen(t, ctx, picture("2"))
	eval[chromedp.Void](t, ctx, `unhunchPlayer.act('toggle')`)
	waitPaused(t, ctx, "its second picture while moving", picture("2")+` && `+shown)
	eval[chromedp.Void](t, ctx, `unhunchPlayer.act('toggle')`)
	poll(t, ctx, "its cues spoken", `unhunch.spoken.includes('Wall press.') && unhunch.spoken.includes('Back to the wall.')`, 20*time.Second)

	// Export, delete, import, and find it identical.
	before, _ := l.st.CustomEntries(context.Background())
	beforePics, _ := l.st.AllPictures(context.Background())
	run(t, ctx, "the share page", chromedp.Navigate(l.url("/exercises/share")), chromedp.WaitVisible(chromedp.CSS(`#export-own`)))
	// What the browser downloads, as base64, kept across the pages below.
	exported := evalAwait[string](t, ctx, `fetch(document.getElementById('export-own').href).then(r => r.arrayBuffer()).then(b => btoa(String.fromCharCode(...new Uint8Array(b))))`)
	if len(exported) < 100 {
		t.Fatalf("exported %d bytes of base64", len(exported))
	}
	if err := l.st.DeleteCustom(context.Background(), custom.KindRoutine, "wall-break"); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "its page", chromedp.Navigate(l.url("/exercises/wall-press")), chromedp.WaitVisible(chromedp.CSS(`#delete-own`)))
	clickNav(t, ctx, `#delete-own`)
	if got, _ := l.st.CustomEntries(context.Background()); len(got) != 0 {
		t.Fatalf("after deleting: %d entries", len(got))
	}
	run(t, ctx, "the share page again", chromedp.Navigate(l.url("/exercises/share")), chromedp.WaitVisible(chromedp.CSS(`#import-file`)))
	if n := eval[int](t, ctx, `(() => { const b = Uint8Array.from(atob('`+exported+`'), c => c.charCodeAt(0)); const dt = new DataTransfer(); dt.items.add(new File([b], 'mine.zip', {type: 'application/zip'})); const i = document.getElementById('import-file'); i.files = dt.files; return i.files.length })()`); n != 1 {
		t.Fatalf("chose %d files", n)
	}
	clickNav(t, ctx, `#import-form button[type="submit"]`)
	run(t, ctx, "imported", chromedp.WaitVisible(chromedp.CSS(`#import-done`)))
	after, _ := l.st.CustomEntries(context.Background())
	afterPics, _ := l.st.AllPictures(context.Background())
	if len(after) != len(before) || len(after) != 2 || len(afterPics) != 2 {
		t.Fatalf("after export, delete and import: %d entries, %d pictures", len(after), len(afterPics))
	}
	for i := range after {
		if after[i].ID != before[i].ID || after[i].Body != before[i].Body {
			t.Errorf("%s is not what was exported:\n%s\nwas\n%s", after[i].ID, after[i].Body, before[i].Body)
		}
	}
	for i := range afterPics {
		if !bytes.Equal(afterPics[i].Data, beforePics[i].Data) {
			t.Errorf("picture %d differs", i+1)
		}
	}
}

// Issue 20: export in the browser's way, delete, import the file, and
// find the same entries; importing it again refuses the taken ids, adds
// nothing and offers renames, which then import.
func TestOwnExportImport(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	body, ctype := multipartBody(t, goodFields(), testPNG(t, 30, 20, 1), testPNG(t, 20, 30, 2))
	if r := e.do("POST", "/exercises/new", body, map[string]string{"Content-Type": ctype}); r.Code != 303 {
		t.Fatalf("save: %d", r.Code)
	}
	rb, _ := catalog.Marshal(&catalog.Routine{ID: "towel-break", Name: "Towel break", Exercises: []catalog.Item{{ID: "towel-stretch"}, {ID: "chin-tucks", Amount: dose.Amount{Reps: 12}}}})
	if err := e.st.AddCustom(ctx, []custom.Entry{{Kind: custom.KindRoutine, ID: "towel-break", Body: string(rb)}}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	// The printed routine shows the pictures where a figure would be.
	pdf := e.do("GET", "/routines/towel-break/handout.pdf", "", nil)
	if pdf.Code != 200 || bytes.Count(pdf.Body.Bytes(), []byte("/Subtype /Image")) != 2 {
		t.Errorf("handout: %d, %d images", pdf.Code, bytes.Count(pdf.Body.Bytes(), []byte("/Subtype /Image")))
	}
	exp := e.do("GET", "/exercises/export", "", nil)
	if exp.Code != 200 || exp.Header().Get("Content-Type") != "application/zip" || !strings.Contains(exp.Header().Get("Content-Disposition"), ".zip") {
		t.Fatalf("export: %d %v", exp.Code, exp.Header())
	}
	first := exp.Body.Bytes()
	before, _ := e.st.CustomEntries(ctx)
	beforePics, _ := e.st.AllPictures(ctx)

	upload := func(data []byte, fields map[string][]string) (int, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, vs := range fields {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		w, _ := mw.CreateFormFile("file", "mine.zip")
		w.Write(data)
		mw.Close()
		r := e.do("POST", "/exercises/import", buf.String(), map[string]string{"Content-Type": mw.FormDataContentType()})
		return r.Code, r.Body.String()
	}
	// Again, on top: every id taken, nothing added, renames offered.
	code, page := upload(first, nil)
	if code != 400 || !strings.Contains(page, `name="rename.towel-stretch" id="rename-towel-stretch" value="towel-stretch-2"`) || !strings.Contains(page, "rename.towel-break") {
		t.Errorf("a second import: %d", code)
	}
	if got, _ := e.st.CustomEntries(ctx); len(got) != 2 {
		t.Errorf("%d entries after a refused import", len(got))
	}
	// With the renames it goes in, the routine following its exercise.
	code, page = upload(first, map[string][]string{"rename.towel-stretch": {"towel-stretch-2"}, "rename.towel-break": {"towel-break-2"}})
	if code != 200 || !strings.Contains(page, "imported 1 exercise and 1 routine, with 2 pictures") {
		t.Fatalf("import with renames: %d %s", code, page)
	}
	if r := e.do("GET", "/routines/towel-break-2", "", nil); r.Code != 200 {
		t.Errorf("the renamed routine: %d", r.Code)
	}

	// Delete everything, import the first file, and find it identical.
	for _, en := range []custom.Entry{{Kind: custom.KindRoutine, ID: "towel-break"}, {Kind: custom.KindRoutine, ID: "towel-break-2"}, {Kind: custom.KindExercise, ID: "towel-stretch"}, {Kind: custom.KindExercise, ID: "towel-stretch-2"}} {
		if err := e.st.DeleteCustom(ctx, en.Kind, en.ID); err != nil {
			t.Fatal(err)
		}
	}
	if code, _ := upload(first, nil); code != 200 {
		t.Fatalf("import into an empty journal: %d", code)
	}
	after, _ := e.st.CustomEntries(ctx)
	afterPics, _ := e.st.AllPictures(ctx)
	if len(after) != len(before) || len(afterPics) != len(beforePics) {
		t.Fatalf("after the round trip: %d entries, %d pictures", len(after), len(afterPics))
	}
	for i := range after {
		if after[i].ID != before[i].ID || after[i].Body != before[i].Body {
			t.Errorf("entry %d: %s differs:\n%s\nwas\n%s", i, after[i].ID, after[i].Body, before[i].Body)
		}
	}
	for i := range afterPics {
		if !bytes.Equal(afterPics[i].Data, beforePics[i].Data) {
			t.Errorf("picture %d differs", i)
		}
	}

	// A hostile file: 400, every problem, nothing added.
	if code, page := upload([]byte("a: &a [x, x]\nb: [*a, *a]\n"), nil); code != 400 || !strings.Contains(page, "anchors and aliases") {
		t.Errorf("an alias bomb: %d", code)
	}
	if r := e.do("GET", "/exercises/share", "", nil); r.Code != 200 || !strings.Contains(r.Body.String(), "You have 1 exercise and 1 routine of your own") {
		t.Errorf("the share page: %d", r.Code)
	}
}

// Issue 20: a routine of one's own from the browser: the computed time, a
// quicker order offered and applied, problems by their row with nothing
// saved, then saved, played like any other, and deleted.
func TestRoutineBuilder(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	formPost := func(v url.Values) (int, string, string) {
		r := e.do("POST", "/routines/new", v.Encode(), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		return r.Code, r.Body.String(), r.Header().Get("Location")
	}
	if r := e.do("GET", "/routines/new", "", nil); r.Code != 200 || !strings.Contains(r.Body.String(), `name="row10.id"`) {
		t.Fatalf("the builder: %d", r.Code)
	}
	// Standing, on the floor, standing again: a quicker order keeps the standing ones together.
	v := url.Values{"name": {"My mix"}, "minutes": {"10"}, "action": {"check"},
		"row1.id": {"chin-tucks"}, "row1.position": {"standing"}, "row2.id": {"cat-cow"}, "row3.id": {"scapular-squeezes"}, "row3.position": {"standing"}, "row3.reps": {"12"}}
	code, page, _ := formPost(v)
	if code != 200 || !strings.Contains(page, `id="builder-takes"`) || !strings.Contains(page, `id="builder-order"`) {
		t.Fatalf("check: %d\n%s", code, page)
	}
	if got, _ := e.st.CustomEntries(ctx); len(got) != 0 {
		t.Fatalf("a check saved %d entries", len(got))
	}
	v.Set("action", "reorder")
	v.Set("order", "1,3,2")
	code, page, _ = formPost(v)
	if code != 200 || !strings.Contains(page, `<option value="scapular-squeezes" selected>`) || strings.Index(page, `value="scapular-squeezes" selected`) > strings.Index(page, `value="cat-cow" selected`) {
		t.Errorf("reorder: %d", code)
	}

	bad := url.Values{"name": {"Bad"}, "action": {"save"}, "row1.id": {"chin-tucks"}, "row1.reps": {"99"}, "row2.id": {"no-such-exercise"}}
	code, page, _ = formPost(bad)
	if code != 400 || !strings.Contains(page, `id="row1-error"`) || !strings.Contains(page, `id="row2-error">no exercise has id`) {
		t.Errorf("bad rows: %d", code)
	}
	if code, page, _ := formPost(url.Values{"name": {""}, "action": {"save"}}); code != 400 || !strings.Contains(page, `id="name-error"`) || !strings.Contains(page, "choose at least one exercise") {
		t.Errorf("empty: %d", code)
	}
	if got, _ := e.st.CustomEntries(ctx); len(got) != 0 {
		t.Fatalf("refusals saved %d entries", len(got))
	}

	v.Set("action", "save")
	code, _, loc := formPost(v)
	if code != 303 || loc != "/routines/my-mix" {
		t.Fatalf("save: %d %q", code, loc)
	}
	if r := e.do("GET", "/routines/my-mix", "", nil); r.Code != 200 || !strings.Contains(r.Body.String(), `id="delete-routine"`) {
		t.Errorf("its page: %d", r.Code)
	}
	if r := e.do("GET", "/routines", "", nil); !strings.Contains(r.Body.String(), `href="/routines/my-mix"`) {
		t.Errorf("the routines page lacks it")
	}
	if r := e.do("GET", "/play/my-mix", "", nil); r.Code != 200 {
		t.Errorf("play: %d", r.Code)
	}
	e.start("my-mix", "k1", 2)
	if r := e.do("POST", "/routines/quick-daily-reset/delete", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); r.Code != 409 {
		t.Errorf("deleting a built-in routine: %d", r.Code)
	}
	if r := e.do("POST", "/routines/my-mix/delete", "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); r.Code != 303 {
		t.Errorf("delete: %d", r.Code)
	}
	if r := e.do("GET", "/routines/my-mix", "", nil); r.Code != 404 {
		t.Errorf("a deleted routine's page: %d", r.Code)
	}
}

// formOf writes an exercise as the form would post it.
func formOf(e *catalog.Exercise) map[string][]string {
	d := e.Dose.Normalize()
	f := map[string][]string{"name": {e.Name + " (mine)"}, "purpose": {e.Purpose}, "type": {string(e.Type)}, "difficulty": {string(e.Difficulty)},
		"mode": {string(d.Mode)}, "sides": {string(d.Sides)}, "steps": {strings.Join(e.Steps, "\n")}, "cautions": {strings.Join(e.Cautions, "\n")},
		"cue_intro": {e.Cues.Intro}, "cue_setup": {e.Cues.Setup}, "cue_move": {e.Cues.Move}, "cue_hold": {e.Cues.Hold}, "cue_release": {e.Cues.Release},
		"cue_inhale": {e.Cues.Inhale}, "cue_exhale": {e.Cues.Exhale}}
	for _, p := range e.Positions {
		f["positions"] = append(f["positions"], string(p))
	}
	for _, q := range e.Equipment {
		f["equipment"] = append(f["equipment"], string(q))
	}
	for k, r := range map[string]dose.Range{"reps": d.Reps, "hold": d.Hold, "seconds": d.Seconds} {
		if !r.IsZero() {
			f[k+"_min"], f[k+"_max"] = []string{itoa(r.Min)}, []string{itoa(r.Max)}
		}
	}
	if d.Sets.Min > 1 {
		f["sets"] = []string{itoa(d.Sets.Min)}
	}
	return f
}

// Issue 20: a built-in figure as the starting point: one that suits the
// exercise is kept and drawn; one that does not is refused next to its field.
func TestOwnExerciseFigure(t *testing.T) {
	e := newEnv(t, true)
	post := func(path string, fields map[string][]string) (int, string, string) {
		body, ctype := multipartBody(t, fields)
		r := e.do("POST", path, body, map[string]string{"Content-Type": ctype})
		return r.Code, r.Body.String(), r.Header().Get("Location")
	}
	if !strings.Contains(e.do("GET", "/exercises/new", "", nil).Body.String(), `<option value="chin-tucks">`) {
		t.Fatalf("the form offers no built-in figure")
	}
	tucks, _ := e.cat.Exercise("chin-tucks")
	f := formOf(tucks)
	f["figure"] = []string{"chin-tucks"}
	code, page, loc := post("/exercises/new", f)
	if code != 303 {
		t.Fatalf("with chin tucks' figure: %d\n%s", code, page)
	}
	id := strings.TrimPrefix(loc, "/exercises/")
	if r := e.do("GET", "/exercises/"+id+"/figure.svg", "", nil); r.Code != 200 || !strings.Contains(r.Header().Get("Content-Type"), "svg") {
		t.Errorf("its figure: %d", r.Code)
	}
	if !strings.Contains(e.do("GET", "/exercises/"+id+"/edit", "", nil).Body.String(), `<option value="keep" selected>`) {
		t.Errorf("the edit form does not keep the figure")
	}
	// A figure on the floor for an exercise done standing does not suit it.
	g := goodFields()
	g["figure"] = []string{"cat-cow"}
	if code, page, _ := post("/exercises/new", g); code != 400 || !strings.Contains(page, `id="figure-error"`) {
		t.Errorf("an unsuitable figure: %d", code)
	}
	g["figure"] = []string{"no-such-thing"}
	if code, page, _ := post("/exercises/new", g); code != 400 || !strings.Contains(page, `id="figure-error">&#34;no-such-thing&#34; is not a built-in exercise`) {
		t.Errorf("an unknown figure: %d", code)
	}
}

// A person's own routines play offline like the built-in ones: the service
// worker keeps their player pages and documents, and the figures and
// pictures of the person's own exercises, as soon as they are saved; once
// deleted, it keeps them no more, under a new version.
func TestServiceWorkerKeepsOwnRoutines(t *testing.T) {
	e := newEnv(t, true)
	before := e.get("/sw.js")
	if strings.Contains(before, "/play/wall-break") {
		t.Fatal("the service worker keeps a routine not yet saved")
	}
	body, ctype := multipartBody(t, goodFields(), testPNG(t, 40, 30, 10), testPNG(t, 40, 30, 200))
	r := e.do("POST", "/exercises/new", body, map[string]string{"Content-Type": ctype})
	if r.Code != 303 {
		t.Fatalf("saving an exercise: %d %s", r.Code, r.Body)
	}
	own := strings.TrimPrefix(r.Header().Get("Location"), "/exercises/")
	rb, _ := catalog.Marshal(&catalog.Routine{ID: "wall-break", Name: "Wall break", Exercises: []catalog.Item{{ID: own}, {ID: "chin-tucks"}}})
	if err := e.st.AddCustom(context.Background(), []custom.Entry{{Kind: custom.KindRoutine, ID: "wall-break", Body: string(rb)}}, nil, e.at); err != nil {
		t.Fatal(err)
	}
	sw := e.get("/sw.js")
	for _, u := range []string{"'/play/wall-break'", "'/api/v1/routines/wall-break'", "'/exercises/" + own + "/pictures/1'", "'/exercises/" + own + "/pictures/2'",
		"'/play/quick-daily-reset'", "'/exercises/chin-tucks/figure.svg'"} {
		if !strings.Contains(sw, u) {
			t.Errorf("the service worker does not keep %s", u)
		}
	}
	version := regexp.MustCompile(`const VERSION = '([^']+)'`)
	if version.FindString(sw) == version.FindString(before) {
		t.Errorf("the service worker keeps more under the same version: %s", version.FindString(sw))
	}
	if err := e.st.DeleteCustom(context.Background(), custom.KindRoutine, "wall-break"); err != nil {
		t.Fatal(err)
	}
	if after := e.get("/sw.js"); strings.Contains(after, "/play/wall-break") || version.FindString(after) == version.FindString(sw) {
		t.Errorf("after deleting the routine the service worker still keeps it, or under the same version")
	}
}

// A person with nothing of their own yet is told so calmly on the share
// page, with where to make one, and offered no download (it would be an
// empty file); asked for the file anyway, the answer says why there is
// none. Once they have one, the download is there.
func TestShareWithNothingToDownload(t *testing.T) {
	e := newEnv(t, true)
	page := e.get("/exercises/share")
	if strings.Contains(page, `id="export-own"`) || !strings.Contains(page, `id="export-none"`) || !strings.Contains(page, `href="/exercises/new"`) {
		t.Errorf("the share page with nothing of one's own:\n%s", page)
	}
	if !strings.Contains(page, `id="import-file"`) {
		t.Error("the share page with nothing of one's own offers no import")
	}
	r := e.do("GET", "/exercises/export", "", map[string]string{"Accept": "text/html"})
	if r.Code != 404 || strings.Contains(r.Header().Get("Content-Disposition"), "attachment") || !strings.Contains(r.Body.String(), "nothing of your own to download") {
		t.Errorf("the download with nothing to download: %d %v\n%s", r.Code, r.Header(), r.Body)
	}
	body, ctype := multipartBody(t, goodFields())
	if r := e.do("POST", "/exercises/new", body, map[string]string{"Content-Type": ctype}); r.Code != 303 {
		t.Fatalf("saving an exercise: %d %s", r.Code, r.Body)
	}
	page = e.get("/exercises/share")
	if !strings.Contains(page, `id="export-own"`) || strings.Contains(page, `id="export-none"`) {
		t.Errorf("the share page with an exercise of one's own:\n%s", page)
	}
	if r := e.do("GET", "/exercises/export", "", nil); r.Code != 200 {
		t.Errorf("the download with an exercise: %d", r.Code)
	}
}

// The JSON API gives the URLs of an own exercise's pictures, in order,
// each of which serves the picture; a built-in exercise and an own one
// without pictures have none.
func TestAPIExercisePictures(t *testing.T) {
	e := newEnv(t, true)
	body, ctype := multipartBody(t, goodFields(), testPNG(t, 40, 30, 10), testPNG(t, 40, 30, 200))
	r := e.do("POST", "/exercises/new", body, map[string]string{"Content-Type": ctype})
	if r.Code != 303 {
		t.Fatalf("saving an exercise: %d %s", r.Code, r.Body)
	}
	own := strings.TrimPrefix(r.Header().Get("Location"), "/exercises/")
	var doc struct {
		ID       string   `json:"id"`
		Pictures []string `json:"pictures"`
	}
	if err := json.Unmarshal([]byte(e.get("/api/v1/exercises/"+own)), &doc); err != nil {
		t.Fatal(err)
	}
	want := []string{"/exercises/" + own + "/pictures/1", "/exercises/" + own + "/pictures/2"}
	if diff := cmp.Diff(want, doc.Pictures); doc.ID != own || diff != "" {
		t.Errorf("%s's pictures (-want +got):\n%s", own, diff)
	}
	for _, u := range doc.Pictures {
		if r := e.do("GET", u, "", nil); r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Type"), "image/") {
			t.Errorf("GET %s: %d %s", u, r.Code, r.Header().Get("Content-Type"))
		}
	}
	f := goodFields()
	f["name"] = []string{"Plain stretch"}
	body, ctype = multipartBody(t, f)
	r = e.do("POST", "/exercises/new", body, map[string]string{"Content-Type": ctype})
	if r.Code != 303 {
		t.Fatalf("saving an exercise without pictures: %d %s", r.Code, r.Body)
	}
	for _, id := range []string{"chin-tucks", strings.TrimPrefix(r.Header().Get("Location"), "/exercises/")} {
		if got := e.get("/api/v1/exercises/" + id); strings.Contains(got, `"pictures"`) {
			t.Errorf("%s has pictures: %s", id, got)
		}
	}
}
