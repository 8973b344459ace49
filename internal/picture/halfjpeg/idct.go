package halfjpeg

import "math"

// block is one 8 × 8 block of coefficients, in natural order.
type block [blockSize]int32

const (
	blockSize = 8 * 8
	half      = 4 // the side of a block as written: half of 8
	kBits     = 13
)

// kHalf[x][u] weighs frequency u in the mean of pixels 2x and 2x+1 of one
// row of the full-size block: the mean of cos((4x+1)uπ/16) and
// cos((4x+3)uπ/16) is cos(uπ/16)·cos((2x+1)uπ/8). With the IDCT's 1/2 and
// C(0) = 1/√2, in units of 2^-kBits. Every frequency counts (four adds
// nothing), so the result is the 2 × 2 mean of the exact inverse
// transform, rounded once.
var kHalf = func() (k [half][8]int64) {
	for x := range half {
		for u := range 8 {
			c := 1.0
			if u == 0 {
				c = 1 / math.Sqrt2
			}
			v := 0.5 * c * math.Cos(float64(u)*math.Pi/16) * math.Cos(float64(2*x+1)*float64(u)*math.Pi/8)
			k[x][u] = int64(math.Round(v * (1 << kBits)))
		}
	}
	return k
}()

// idctHalf writes to out the 4 × 4 means of the 2 × 2 pixels of the block
// whose dequantized coefficients b holds (before the level shift). The
// weights of output 3-x are those of x with the odd frequencies' signs
// turned, so each pass works out two outputs and gets the other two from
// their even and odd parts. Rows of coefficients that are all zero, most
// of them in a photo, are skipped.
func idctHalf(b *block, out *[half * half]int32) {
	k0, k1 := &kHalf[0], &kHalf[1]
	var tmp [8][half]int64 // tmp[v][x]: row frequency v, column x
	var rows [8]bool
	for v := range 8 {
		r := (*[8]int32)(b[v*8 : v*8+8])
		if r[0]|r[1]|r[2]|r[3]|r[5]|r[6]|r[7] == 0 {
			continue
		}
		rows[v] = true
		c0, c1, c2, c3, c5, c6, c7 := int64(r[0]), int64(r[1]), int64(r[2]), int64(r[3]), int64(r[5]), int64(r[6]), int64(r[7])
		e0 := k0[0]*c0 + k0[2]*c2 + k0[6]*c6
		o0 := k0[1]*c1 + k0[3]*c3 + k0[5]*c5 + k0[7]*c7
		e1 := k1[0]*c0 + k1[2]*c2 + k1[6]*c6
		o1 := k1[1]*c1 + k1[3]*c3 + k1[5]*c5 + k1[7]*c7
		tmp[v] = [half]int64{e0 + o0, e1 + o1, e1 - o1, e0 - o0}
	}
	const round = 1 << (2*kBits - 1)
	for x := range half {
		var c [8]int64
		for v := range 8 {
			if rows[v] {
				c[v] = tmp[v][x]
			}
		}
		e0 := k0[0]*c[0] + k0[2]*c[2] + k0[6]*c[6] + round
		o0 := k0[1]*c[1] + k0[3]*c[3] + k0[5]*c[5] + k0[7]*c[7]
		e1 := k1[0]*c[0] + k1[2]*c[2] + k1[6]*c[6] + round
		o1 := k1[1]*c[1] + k1[3]*c[3] + k1[5]*c[5] + k1[7]*c[7]
		out[0*half+x] = int32((e0 + o0) >> (2 * kBits))
		out[1*half+x] = int32((e1 + o1) >> (2 * kBits))
		out[2*half+x] = int32((e1 - o1) >> (2 * kBits))
		out[3*half+x] = int32((e0 - o0) >> (2 * kBits))
	}
}
