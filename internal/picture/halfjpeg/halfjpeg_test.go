package halfjpeg_test

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/unhunch/unhunch/internal/picture/halfjpeg"
)

// plane is one plane of samples.
type plane struct {
	pix    []uint8
	stride int
	w, h   int
}

// planes returns the planes of a decoded picture: Y, Cb and Cr, or grey.
func planes(t *testing.T, img image.Image) []plane {
	switch m := img.(type) {
	case *image.YCbCr:
		w, h := m.Rect.Dx(), m.Rect.Dy()
		cw, ch := w, h
		switch m.SubsampleRatio {
		case image.YCbCrSubsampleRatio422:
			cw = (w + 1) / 2
		case image.YCbCrSubsampleRatio420:
			cw, ch = (w+1)/2, (h+1)/2
		case image.YCbCrSubsampleRatio440:
			ch = (h + 1) / 2
		case image.YCbCrSubsampleRatio411:
			cw = (w + 3) / 4
		case image.YCbCrSubsampleRatio410:
			cw, ch = (w+3)/4, (h+1)/2
		}
		return []plane{{m.Y, m.YStride, w, h}, {m.Cb, m.CStride, cw, ch}, {m.Cr, m.CStride, cw, ch}}
	case *image.Gray:
		return []plane{{m.Pix, m.Stride, m.Rect.Dx(), m.Rect.Dy()}}
	}
	t.Fatalf("decoded as %T", img)
	return nil
}

// mean2 returns the mean of the up to 2 × 2 samples of p that sample
// (x, y) of a half-size plane stands for.
func mean2(p plane, x, y int) float64 {
	s, n := 0.0, 0.0
	for dy := range 2 {
		for dx := range 2 {
			if px, py := 2*x+dx, 2*y+dy; px < p.w && py < p.h {
				s += float64(p.pix[py*p.stride+px])
				n++
			}
		}
	}
	return s / n
}

// Every kind of JPEG Go's decoder reads (baseline and progressive, every
// chroma subsampling, grey, restart markers) decodes at half size to
// within a level of the full decode's 2 × 2 means on average; CMYK and RGB-coded
// files are refused as unsupported (the caller decodes them in full), and
// a truncated file is an error, never a panic.
func TestHalfMatchesFullMeans(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.jpeg")
	if len(files) < 10 {
		t.Fatalf("test pictures missing: %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			half, err := halfjpeg.Decode(bytes.NewReader(data))
			full, ferr := jpeg.Decode(bytes.NewReader(data))
			var unsupported halfjpeg.UnsupportedError
			switch {
			case ferr != nil:
				if err == nil {
					t.Fatalf("image/jpeg refuses it (%v), halfjpeg does not", ferr)
				}
				return
			case errors.As(err, &unsupported):
				if _, ok := full.(*image.YCbCr); ok {
					t.Fatalf("refused as %v: %T", err, full)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			fb, hb := full.Bounds(), half.Bounds()
			if hb.Dx() != (fb.Dx()+1)/2 || hb.Dy() != (fb.Dy()+1)/2 {
				t.Fatalf("half of %v is %v", fb, hb)
			}
			fp, hp := planes(t, full), planes(t, half)
			var sum, worst, n float64
			for k := range fp {
				// A plane of full size (w, h) is (w+1)/2 × (h+1)/2 at half,
				// but a chroma plane of a half image is laid out from the
				// half image's size: compare where both have samples.
				for y := range min(hp[k].h, (fp[k].h+1)/2) {
					for x := range min(hp[k].w, (fp[k].w+1)/2) {
						d := float64(hp[k].pix[y*hp[k].stride+x]) - mean2(fp[k], x, y)
						if d < 0 {
							d = -d
						}
						sum += d
						worst = max(worst, d)
						n++
					}
				}
			}
			mean := sum / n
			t.Logf("mean difference %.2f levels, worst %.0f", mean, worst)
			// Rounding puts a sample within a level; where the full decode
			// clips ringing past black or white before taking a mean and
			// the half decode clips the mean, a few samples on hard edges
			// differ by more.
			if mean > 0.5 || worst > 16 {
				t.Errorf("mean difference %.2f levels from the full decode's 2 × 2 means, worst %.0f", mean, worst)
			}
		})
	}
}

// Any bytes: Decode never panics, and what it decodes is half the size of
// what image/jpeg decodes from the same bytes (which must decode them too,
// unless halfjpeg read less of a truncated file than it needed).
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.jpeg")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil || c.Width*c.Height > 4_000_000 {
			return // not a picture, or one too large to decode quickly
		}
		half, err := halfjpeg.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		full, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		fb, hb := full.Bounds(), half.Bounds()
		if hb.Dx() != (fb.Dx()+1)/2 || hb.Dy() != (fb.Dy()+1)/2 {
			t.Fatalf("half of %v is %v", fb, hb)
		}
	})
}
