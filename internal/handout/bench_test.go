package handout_test

import (
	"testing"

	"github.com/unhunch/unhunch/internal/handout"
	"github.com/unhunch/unhunch/internal/person"
)

// BenchmarkHandout makes the handout of posture support (7 exercises, every
// keyframe drawn as vectors, the Go fonts embedded) on A4, from the routine
// to the PDF's bytes: what `unhunch handout` and the web's Print / PDF do
// per request (docs/performance.md).
func BenchmarkHandout(b *testing.B) {
	c := builtins(b)
	r := routine(b, c, "posture-support")
	size := 0
	b.ReportAllocs()
	for b.Loop() {
		h, err := handout.For(c, r, person.State{}, printed)
		if err != nil {
			b.Fatal(err)
		}
		d, err := handout.Render(h, handout.A4)
		if err != nil {
			b.Fatal(err)
		}
		size = len(d.PDF)
	}
	b.ReportMetric(float64(size)/1024, "KB/pdf")
}
