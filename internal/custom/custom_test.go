package custom_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/custom"
)

// base returns a builder with the built-ins and the given saved entries.
func base(t testing.TB, saved []custom.Entry) *catalog.Builder {
	t.Helper()
	b := catalog.NewBuilder()
	if is := catalog.AddBuiltin(b); len(is) > 0 {
		t.Fatal(is)
	}
	if is := custom.AddSaved(b, saved); len(is) > 0 {
		t.Fatal(is)
	}
	return b
}

const mine = `exercises:
  - id: neck-rolls
    name: Gentle neck rolls
    purpose: Eases a stiff neck.
    type: mobility
    difficulty: easy
    positions: [seated, standing]
    equipment: []
    dose:
      mode: reps
      reps: {min: 5, max: 8}
    steps:
      - Sit tall.
      - Roll your head slowly in a half circle.
    cues:
      intro: "Neck rolls."
      setup: "Sit tall."
      move: "Roll slowly."
    cautions:
      - Stop if you feel dizzy.
    source:
      - seed: my physiotherapist
        title: Handout from my physiotherapist
  - id: wall-angels-mine
    name: Wall angels, my way
    purpose: Opens the chest.
    type: mobility
    difficulty: moderate
    positions: [standing-wall]
    equipment: [wall]
    dose: {mode: hold, hold: {min: 10, max: 20}, reps: 2, sides: each}
    steps: [Stand with your back to the wall., Slide your arms up.]
    cues: {intro: Wall angels., setup: Back to the wall., move: Slide up., hold: Hold., release: Down.}
    cautions: [Stop if your shoulder pinches.]
routines:
  - id: desk-break
    name: Desk break
    time_box_seconds: 300
    exercises:
      - neck-rolls
      - id: chin-tucks
        reps: 12
        position: seated
      - wall-angels-mine
`

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withoutHeader drops an export's first line, the comment that says when.
func withoutHeader(b []byte) string {
	_, rest, _ := bytes.Cut(b, []byte("\n"))
	return string(rest)
}

// unzip returns an export zip's files, the YAML without its header.
func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		if f.Name == custom.CatalogName {
			out[f.Name] = withoutHeader(buf.Bytes())
		} else {
			out[f.Name] = buf.String()
		}
	}
	return out
}

// Issue 20: export → import → export is byte-identical apart from the
// timestamps (the header line and the zip's file times), with and without
// pictures.
func TestRoundTrip(t *testing.T) {
	b, issues := custom.Check(base(t, nil), "mine.yaml", []byte(mine), nil)
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	first, zipped, err := custom.Export(b.Entries, nil, time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	if err != nil || zipped {
		t.Fatal(err, zipped)
	}
	b2, issues := custom.Check(base(t, nil), "export.yaml", first, nil)
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	second, _, err := custom.Export(b2.Entries, nil, time.Date(2026, 12, 24, 18, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(withoutHeader(first), withoutHeader(second)); diff != "" {
		t.Errorf("export → import → export (-first +second):\n%s", diff)
	}
	if bytes.Equal(first, second) {
		t.Errorf("the header says when: the two exports should differ there")
	}

	// With pictures: a zip, the pictures re-encoded once and then kept as they are.
	z := zipOf(t, map[string][]byte{custom.CatalogName: []byte(mine),
		"pictures/neck-rolls/1.png": pngOf(t, 40, 30), "pictures/neck-rolls/2.png": pngOf(t, 30, 40), "pictures/wall-angels-mine/1.png": pngOf(t, 5, 5)})
	b, issues = custom.Check(base(t, nil), "mine.zip", z, nil)
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	if len(b.Pictures) != 3 || b.Pictures[1].N != 1 || b.Pictures[1].Width != 30 {
		t.Fatalf("pictures: %+v", b.Pictures)
	}
	first, zipped, err = custom.Export(b.Entries, b.Pictures, time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	if err != nil || !zipped {
		t.Fatal(err, zipped)
	}
	b2, issues = custom.Check(base(t, nil), "export.zip", first, nil)
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	second, _, err = custom.Export(b2.Entries, b2.Pictures, time.Date(2026, 12, 24, 18, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(unzip(t, first), unzip(t, second)); diff != "" {
		t.Errorf("zip export → import → export (-first +second):\n%s", diff)
	}
}

// A taken id (built-in or saved) is refused and offered a rename, which
// carries over to the routines that name it and to the pictures.
func TestRename(t *testing.T) {
	b, issues := custom.Check(base(t, nil), "mine.yaml", []byte(mine), nil)
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	_, issues = custom.Check(base(t, b.Entries), "again.yaml", []byte(mine), nil)
	if got, want := custom.Taken(issues), []string{"neck-rolls", "wall-angels-mine", "desk-break"}; !cmp.Equal(got, want) {
		t.Errorf("taken: %v, want %v (%v)", got, want, issues)
	}
	z := zipOf(t, map[string][]byte{custom.CatalogName: []byte(mine), "pictures/neck-rolls/1.png": pngOf(t, 4, 4)})
	b2, issues := custom.Check(base(t, b.Entries), "again.zip", z, map[string]string{"neck-rolls": "neck-rolls-2", "wall-angels-mine": "angels", "desk-break": "break-2"})
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	if b2.Routines[0].ID != "break-2" || b2.Routines[0].Exercises[0].ID != "neck-rolls-2" || b2.Routines[0].Exercises[2].ID != "angels" {
		t.Errorf("renamed routine: %+v", b2.Routines[0])
	}
	if b2.Pictures[0].ExerciseID != "neck-rolls-2" {
		t.Errorf("renamed picture: %+v", b2.Pictures[0])
	}
}

// pngHeader returns the first bytes of a PNG that claims w × h pixels.
func pngHeader(w, h uint32) []byte {
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk := append([]byte("IHDR"), ihdr[:]...)
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&out, binary.BigEndian, uint32(13))
	out.Write(chunk)
	binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return out.Bytes()
}

// Issue 20, bad input: each file is refused with a clear problem, and
// nothing of it is offered for saving.
func TestHostileFiles(t *testing.T) {
	entries := func(n int) string {
		var b strings.Builder
		b.WriteString("exercises:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - id: e%d\n", i)
		}
		return b.String()
	}
	bombZip := func() []byte {
		// A "picture" whose header says 10 bytes and that unpacks to 50 MB.
		var raw bytes.Buffer
		zw := zip.NewWriter(&raw)
		w, _ := zw.Create(custom.CatalogName)
		w.Write([]byte(mine))
		w, _ = zw.Create("pictures/neck-rolls/1.png")
		w.Write(make([]byte, 50<<20))
		zw.Close()
		return raw.Bytes()
	}
	for _, tc := range []struct {
		name, data string
		want       string
	}{
		{"unknown key", strings.Replace(mine, "    difficulty: easy\n", "    difficulty: easy\n    colour: red\n", 1), `mine.yaml:7: exercise neck-rolls: colour: unknown field "colour"`},
		{"tabs", "exercises:\n  - id: x\n\tname: y\n", "mine.yaml:3: a tab in the indentation"},
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", "anchors and aliases"},
		{"20,000 entries", entries(20_000), "the file has 20000 entries; a file to import can have at most 2000"},
		{"200k-deep nesting", "exercises: " + strings.Repeat("[", 200_000), "mine.yaml"},
		{"deep but valid YAML", "exercises:\n  - id: x\n    name: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", "nested more than 64 deep"},
		{"too large", "exercises: []\n# " + strings.Repeat("x", catalog.MaxImportBytes), "a file to import can be at most 8 MB"},
		{"not a mapping", "- just a list\n", "mine.yaml:1:"},
		{"empty", "", "the file is empty"},
		{"no entries", "exercises: []\n", "no exercises or routines"},
		{"a routine naming a missing exercise", "routines:\n  - id: r\n    name: R\n    exercises: [gone-exercise]\n", `no exercise has id "gone-exercise"`},
		{"control characters", strings.Replace(mine, "Gentle neck rolls", "Gentle \x1b[31mneck rolls", 1), "control characters are not allowed"},
		{"bidirectional controls", strings.Replace(mine, "Gentle neck rolls", "Gentle \u202eneck rolls", 1), "neck-rolls: name:"},
		{"zip bomb", string(bombZip()), "unpacks to more than 2 MB"},
		{"not a picture", string(zipOf(t, map[string][]byte{custom.CatalogName: []byte(mine), "pictures/neck-rolls/1.png": []byte("GIF89a not really")})), "not a picture unhunch can read"},
		{"decompression bomb", string(zipOf(t, map[string][]byte{custom.CatalogName: []byte(mine), "pictures/neck-rolls/1.png": pngHeader(100_000, 100_000)})), "100000 × 100000 pixels"},
		{"a fourth picture", string(zipOf(t, map[string][]byte{custom.CatalogName: []byte(mine), "pictures/neck-rolls/4.png": pngOf(t, 2, 2)})), "does not belong in an export zip"},
		{"pictures of nothing", string(zipOf(t, map[string][]byte{custom.CatalogName: []byte(mine), "pictures/nobody/1.png": pngOf(t, 2, 2)})), `pictures for "nobody"`},
		{"zip without the YAML", string(zipOf(t, map[string][]byte{"other.yaml": []byte(mine)})), "does not belong"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "mine.yaml"
			b, issues := custom.Check(base(t, nil), name, []byte(tc.data), nil)
			if len(issues) == 0 {
				t.Fatalf("accepted: %+v", b)
			}
			if len(b.Entries) > 0 || len(b.Pictures) > 0 {
				t.Errorf("offered for saving despite problems: %+v", b)
			}
			var all []string
			for _, is := range issues {
				all = append(all, is.Error())
			}
			if got := strings.Join(all, "\n"); !strings.Contains(got, tc.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tc.want)
			}
		})
	}
}

// FuzzCheck: whatever the bytes, Check returns problems or a batch whose
// entries load back as they are, never panics, and a batch it returns
// imports again (into a journal that does not have it) without a problem.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(mine))
	f.Add([]byte("exercises: []\n"))
	f.Add([]byte("a: &a [x]\nb: *a\n"))
	f.Add([]byte("routines:\n  - id: r\n    name: R\n    exercises: [chin-tucks]\n"))
	f.Add([]byte("exercises:\n\t- id: x\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, issues := custom.Check(base(t, nil), "f.yaml", data, nil)
		if len(issues) > 0 {
			if len(b.Entries) > 0 {
				t.Fatalf("problems and a batch: %v", issues)
			}
			return
		}
		out, _, err := custom.Export(b.Entries, b.Pictures, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if _, issues := custom.Check(base(t, nil), "again", out, nil); len(issues) > 0 {
			t.Fatalf("an accepted file's export is refused: %v\n%s", issues, out)
		}
	})
}

// BenchmarkImport1000 checks a 1,000-exercise file (issue 20: under 1 s).
func BenchmarkImport1000(b *testing.B) {
	var y strings.Builder
	y.WriteString("exercises:\n")
	_, rest, _ := strings.Cut(mine, "exercises:\n")
	one, _, _ := strings.Cut(rest, "  - id: wall-angels-mine")
	for i := range 1000 {
		y.WriteString(strings.Replace(one, "id: neck-rolls", fmt.Sprintf("id: neck-rolls-%d", i), 1))
	}
	data := []byte(y.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		bt, issues := custom.Check(base(b, nil), "big.yaml", data, nil)
		if len(issues) > 0 || len(bt.Entries) != 1000 {
			b.Fatal(issues, len(bt.Entries))
		}
	}
}
