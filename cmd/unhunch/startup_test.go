package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkStartup compares the whole-process wall time of
// `unhunch routines show posture-support --json` with a hello-world Go binary,
// run alternately in the same benchmark so machine noise hits both
// (the start-up bar: within 3× of it). It reports medians and their ratio.
// UNHUNCH_STARTUP_BASELINE=/path/to/an/older/unhunch runs that binary in the
// same loop too and reports its median and the ratio to it (vs-baseline), so
// that a change is measured against the binary before it, not across runs.
// Build both the same way (go build -o): on this machine a binary the
// linker wrote started up to 1 ms slower than a copy of it (docs/performance.md).
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	hello := filepath.Join(dir, "hello")
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	unhunch := filepath.Join(dir, "unhunch")
	for _, build := range [][]string{{"build", "-o", hello, src}, {"build", "-o", unhunch, "."}} {
		if out, err := exec.Command("go", build...).CombinedOutput(); err != nil {
			b.Fatalf("go %v: %v\n%s", build, err, out)
		}
	}
	env := append(os.Environ(), "XDG_CONFIG_HOME="+dir, "HOME="+dir)
	run := func(name string, args ...string) time.Duration {
		cmd := exec.Command(name, args...)
		cmd.Env = env
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		return time.Since(start)
	}
	baseline := os.Getenv("UNHUNCH_STARTUP_BASELINE")
	var h, u, o []time.Duration
	for b.Loop() {
		h = append(h, run(hello))
		u = append(u, run(unhunch, "routines", "show", "posture-support", "--json"))
		if baseline != "" {
			o = append(o, run(baseline, "routines", "show", "posture-support", "--json"))
		}
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	mh, mu := median(h), median(u)
	b.ReportMetric(float64(mh.Microseconds())/1000, "hello-ms")
	b.ReportMetric(float64(mu.Microseconds())/1000, "unhunch-ms")
	b.ReportMetric(float64(mu)/float64(mh), "ratio")
	if baseline != "" {
		mo := median(o)
		b.ReportMetric(float64(mo.Microseconds())/1000, "baseline-ms")
		b.ReportMetric(float64(mu)/float64(mo), "vs-baseline")
	}
}
