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
	img, _, err := image.Decode(io.LimitReader(bytes.NewReader(data), MaxBytes))
	if err != nil {
		return Picture{}, unhunch.E(unhunch.EInvalid, message.PictureNotImage).Wrap(err)
	}
	b := img.Bounds()
	if b.Dx() != cfg.Width || b.Dy() != cfg.Height {
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
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
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
