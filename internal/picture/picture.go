// Package picture checks a picture a person uploads for one of their own
// exercises (issue 20): PNG, JPEG or WebP up to MaxBytes, its pixel
// dimensions read from the header and refused before anything is decoded
// when they are too large (a small file can claim 100,000 × 100,000 pixels),
// then decoded, scaled down to at most MaxSide, and encoded again as PNG or
// JPEG, so that nothing of the upload but its pixels is kept: no metadata
// (GPS, camera), no trailing bytes, no second image.
package picture

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"sync"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // registers WebP with image.Decode

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// Limits on an upload.
const (
	MaxBytes  = 2 << 20    // the upload's size
	MaxPixels = 40_000_000 // width × height as the header states it
	MaxDim    = 12_000     // either side as the header states it
	MaxSide   = 1280       // the longer side of what is kept
)

// Picture is a checked, re-encoded picture.
type Picture struct {
	MediaType string // image/png or image/jpeg
	Width     int
	Height    int
	Data      []byte
}

// Check checks an upload and returns it re-encoded, or an EInvalid error
// that says what is wrong in words for people.
func Check(data []byte) (Picture, error) {
	if len(data) == 0 {
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureEmpty)
	}
	if len(data) > MaxBytes {
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureTooLarge, float64(len(data))/(1<<20), MaxBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureNotImage).Wrap(err)
	}
	switch format {
	case "png", "jpeg", "webp":
	default:
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureNotImage)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxDim || cfg.Height > MaxDim || cfg.Width*cfg.Height > MaxPixels {
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureTooManyPixels, cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	img, w, h, err := decode(data, format, cfg)
	if err != nil {
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureNotImage).Wrap(err)
	}
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureNotImage).Wrap(errors.New("picture: decoded size differs from header"))
	}
	img = scale(img)
	var out bytes.Buffer
	p := Picture{Width: img.Bounds().Dx(), Height: img.Bounds().Dy()}
	if format == "png" || !opaque(img) {
		p.MediaType = "image/png"
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&out, img)
	} else {
		p.MediaType = "image/jpeg"
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		return Picture{}, unhunch.Errorf(unhunch.EInternal, "picture: encode: %w", err)
	}
	p.Data = out.Bytes()
	return p, nil
}

// decode decodes the picture and returns it with its size.
func decode(data []byte, _ string, cfg image.Config) (image.Image, int, int, error) {
	img, _, err := image.Decode(io.LimitReader(bytes.NewReader(data), MaxBytes))
	return img, cfg.Width, cfg.Height, err
}

// scale returns img with its longer side at most MaxSide.
func scale(img image.Image) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= MaxSide && h <= MaxSide {
		return img
	}
	if w >= h {
		h, w = max(1, h*MaxSide/w), MaxSide
	} else {
		w, h = max(1, w*MaxSide/h), MaxSide
	}
	if y, ok := img.(*image.YCbCr); ok && b.Min == (image.Point{}) {
		return scaleYCbCr(y, w, h)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// scaleYCbCr scales a decoded JPEG (a photo) to w × h plane by plane, each
// output sample the mean of the samples it covers, into a 4:2:0 image the
// JPEG encoder takes as it is: no conversion to RGB and back, every source
// sample read once (a box filter: it does not alias as sampling a few
// neighbours does at a reduction of three or more), the planes in parallel.
func scaleYCbCr(src *image.YCbCr, w, h int) *image.YCbCr {
	dst := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	cw, ch := chromaSize(src.SubsampleRatio, sw, sh)
	dcw, dch := (w+1)/2, (h+1)/2
	var wg sync.WaitGroup
	half := h / 2
	wg.Go(func() { boxPlane(dst.Y, dst.YStride, w, h, 0, half, src.Y, src.YStride, sw, sh) })
	wg.Go(func() { boxPlane(dst.Y, dst.YStride, w, h, half, h, src.Y, src.YStride, sw, sh) })
	wg.Go(func() {
		boxPlane(dst.Cb, dst.CStride, dcw, dch, 0, dch, src.Cb, src.CStride, cw, ch)
		boxPlane(dst.Cr, dst.CStride, dcw, dch, 0, dch, src.Cr, src.CStride, cw, ch)
	})
	wg.Wait()
	return dst
}

// chromaSize returns the size of the chroma planes of a w × h image with
// the given subsampling, as image.NewYCbCr lays them out.
func chromaSize(r image.YCbCrSubsampleRatio, w, h int) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

// boxPlane fills rows y0 to y1 of the dw × dh plane dst with the means of
// the samples of the sw × sh plane src that each of its samples covers.
func boxPlane(dst []uint8, dstride, dw, dh, y0, y1 int, src []uint8, sstride, sw, sh int) {
	span := func(i, n, sn int) (int, int) {
		a, b := i*sn/n, (i+1)*sn/n
		return a, max(b, a+1)
	}
	xs := make([]int, dw+1)
	for x := range dw {
		xs[x], _ = span(x, dw, sw)
	}
	xs[dw] = sw
	cols := make([]uint32, sw)
	for y := y0; y < y1; y++ {
		a, b := span(y, dh, sh)
		clear(cols)
		for sy := a; sy < b; sy++ {
			row := src[sy*sstride : sy*sstride+sw]
			for x, v := range row {
				cols[x] += uint32(v)
			}
		}
		rows := uint32(b - a)
		out := dst[y*dstride : y*dstride+dw]
		for x := range out {
			xa, xb := xs[x], max(xs[x+1], xs[x]+1)
			var sum uint32
			for _, c := range cols[xa:xb] {
				sum += c
			}
			n := rows * uint32(xb-xa)
			out[x] = uint8((sum + n/2) / n)
		}
	}
}

// opaque reports whether every pixel of img is fully opaque.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}
