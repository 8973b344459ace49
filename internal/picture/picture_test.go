package picture_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/picture"
)

func photo(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 7), uint8(y * 3), uint8(x ^ y), 255})
		}
	}
	return img
}

func encode(t testing.TB, img image.Image, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withEXIF puts an APP1 (EXIF) segment with a GPS-looking payload right
// after a JPEG's start marker.
func withEXIF(jpg []byte) []byte {
	payload := append([]byte("Exif\x00\x00"), []byte("GPSLatitude 51.5007 GPSLongitude -0.1246")...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

// pngHeader returns a PNG's signature and IHDR claiming w × h pixels, and
// nothing else: what a decompression bomb shows before its data.
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

// Issue 20: PNG, JPEG and WebP are decoded and encoded again (no metadata
// survives), large ones scaled to MaxSide; everything else is a clear
// EInvalid, a decompression bomb refused from its header.
func TestCheck(t *testing.T) {
	jpg := withEXIF(encode(t, photo(64, 48), "jpeg"))
	p, err := picture.Check(jpg)
	if err != nil {
		t.Fatal(err)
	}
	if p.MediaType != "image/jpeg" || p.Width != 64 || p.Height != 48 {
		t.Errorf("JPEG: %s %d×%d", p.MediaType, p.Width, p.Height)
	}
	if bytes.Contains(p.Data, []byte("GPSLatitude")) || !bytes.Contains(jpg, []byte("GPSLatitude")) {
		t.Errorf("the GPS metadata survived re-encoding")
	}
	p, err = picture.Check(append(encode(t, photo(30, 20), "png"), "trailing bytes: another file"...))
	if err != nil {
		t.Fatal(err)
	}
	if p.MediaType != "image/png" || p.Width != 30 || bytes.Contains(p.Data, []byte("another file")) {
		t.Errorf("PNG: %s %d×%d", p.MediaType, p.Width, p.Height)
	}
	for _, name := range []string{"blue-purple-pink.lossy.webp", "gopher-doc.1bpp.lossless.webp"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := picture.Check(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, format, err := image.Decode(bytes.NewReader(p.Data)); err != nil || format == "webp" || got.Bounds().Dx() != p.Width {
			t.Errorf("%s re-encoded as %s (%s): %v", name, format, p.MediaType, err)
		}
	}
	big := encode(t, photo(3200, 1000), "jpeg")
	if p, err = picture.Check(big); err != nil {
		t.Fatal(err)
	}
	if p.Width != picture.MaxSide || p.Height != picture.MaxSide*1000/3200 {
		t.Errorf("scaled: %d×%d, want %d wide", p.Width, p.Height, picture.MaxSide)
	}
	if got, _, err := image.Decode(bytes.NewReader(p.Data)); err != nil || got.Bounds().Dx() != picture.MaxSide {
		t.Errorf("the re-encoded picture does not decode as itself: %v", err)
	}

	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "the picture is empty"},
		{"not a picture", []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), "not a picture unhunch can read"},
		{"a GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "not a picture unhunch can read"},
		{"50 MB", make([]byte, 50<<20), "a picture can be at most 2 MB"},
		{"decompression bomb", pngHeader(100_000, 100_000), "100000 × 100000 pixels"},
		{"wide bomb", pngHeader(1_000_000, 1), "1000000 × 1 pixels"},
		{"truncated", encode(t, photo(40, 40), "png")[:200], "not a picture unhunch can read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := picture.Check(tc.data)
			if unhunch.ErrorCode(err) != unhunch.EInvalid || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want EInvalid with %q", err, tc.want)
			}
		})
	}
}

// FuzzCheck: whatever the bytes, Check answers a picture that decodes at the
// size it states, within MaxSide, or an EInvalid error; never a panic.
func FuzzCheck(f *testing.F) {
	f.Add(encode(f, photo(8, 8), "png"))
	f.Add(encode(f, photo(8, 8), "jpeg"))
	f.Add(pngHeader(100_000, 100_000))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := picture.Check(data)
		if err != nil {
			if unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Fatalf("not EInvalid: %v", err)
			}
			return
		}
		img, _, err := image.Decode(bytes.NewReader(p.Data))
		if err != nil || img.Bounds().Dx() != p.Width || img.Bounds().Dy() != p.Height || p.Width > picture.MaxSide || p.Height > picture.MaxSide {
			t.Fatalf("re-encoded %d×%d: %v", p.Width, p.Height, err)
		}
	})
}

// BenchmarkCheck re-encodes a 12-megapixel phone photo of about 2 MB
// (issue 20: under 200 ms).
func BenchmarkCheck(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i * 31 >> 3)
	}
	var buf bytes.Buffer
	q := 75
	for {
		buf.Reset()
		jpeg.Encode(&buf, img, &jpeg.Options{Quality: q})
		if buf.Len() <= picture.MaxBytes || q < 10 {
			break
		}
		q -= 10
	}
	data := buf.Bytes()
	b.ReportMetric(float64(len(data))/(1<<20), "MB")
	for b.Loop() {
		if _, err := picture.Check(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckSmall re-encodes a 1200 × 900 photo, a picture already
// sized for a screen (nothing to scale).
func BenchmarkCheckSmall(b *testing.B) {
	data := encode(b, photo(1200, 900), "jpeg")
	for b.Loop() {
		if _, err := picture.Check(data); err != nil {
			b.Fatal(err)
		}
	}
}

// A phone-sized JPEG (decoded at half size, then scaled plane by plane)
// comes out looking like the photo: each pixel of the result within a few
// levels, on average, of the mean of the part of the photo it covers.
func TestLargeJPEGKeepsItsLook(t *testing.T) {
	const w, h = 4000, 3000
	src := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := x-w/2, y-h/2
			ring := uint8(0)
			if d := dx*dx + dy*dy; d > 600*600 && d < 900*900 {
				ring = 90
			}
			src.SetNRGBA(x, y, color.NRGBA{uint8(x * 200 / w), uint8(y * 200 / h), 60 + ring, 255})
		}
	}
	data := encode(t, src, "jpeg")
	p, err := picture.Check(data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(bytes.NewReader(p.Data))
	if err != nil {
		t.Fatal(err)
	}
	full, _ := jpeg.Decode(bytes.NewReader(data))
	ob := out.Bounds()
	if ob.Dx() != picture.MaxSide || ob.Dy() != h*picture.MaxSide/w {
		t.Fatalf("scaled to %v", ob)
	}
	var sum, n float64
	for oy := 5; oy < ob.Dy(); oy += 37 {
		for ox := 5; ox < ob.Dx(); ox += 41 {
			x0, x1, y0, y1 := ox*w/ob.Dx(), (ox+1)*w/ob.Dx(), oy*h/ob.Dy(), (oy+1)*h/ob.Dy()
			var want [3]float64
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					r, g, b, _ := full.At(x, y).RGBA()
					want[0], want[1], want[2] = want[0]+float64(r>>8), want[1]+float64(g>>8), want[2]+float64(b>>8)
				}
			}
			r, g, b, _ := out.At(ox, oy).RGBA()
			k := float64((x1 - x0) * (y1 - y0))
			for i, v := range []float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)} {
				d := v - want[i]/k
				sum += max(d, -d)
				n++
			}
		}
	}
	if mean := sum / n; mean > 4 {
		t.Errorf("the scaled picture is %.1f levels from the photo on average", mean)
	} else {
		t.Logf("%.2f levels from the photo on average", mean)
	}
}
