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
// (the start-up bar: within 3× of it). It reports medians and their ratio,
// for two builds of unhunch in the same loop: the default one (`go build`,
// what `go run` runs: dynamically linked to the C library when a C compiler
// is present, because net and os/user have cgo files) and the static one
// the README installs (CGO_ENABLED=0): static-ms and static-ratio.
// UNHUNCH_STARTUP_BASELINE=/path/to/an/older/unhunch runs that binary in the
// same loop too and reports its median and the ratio of the default build
// to it (vs-baseline), so that a change is measured against the binary
// before it, not across runs. Every binary is timed as a copy (copyFile).
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	hello := filepath.Join(dir, "hello")
	src := filepath.Join(dir, "hello.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	unhunch := filepath.Join(dir, "unhunch")
	static := filepath.Join(dir, "unhunch-static")
	for _, build := range []struct {
		env  []string
		args []string
	}{
		{nil, []string{"build", "-o", hello, src}},
		{nil, []string{"build", "-o", unhunch, "."}},
		{[]string{"CGO_ENABLED=0"}, []string{"build", "-o", static, "."}},
	} {
		cmd := exec.Command("go", build.args...)
		cmd.Env = append(os.Environ(), build.env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v go %v: %v\n%s", build.env, build.args, err, out)
		}
	}
	// Each binary is timed as a copy written by a plain write, as a file
	// read back from disk is held, not as the linker left it: on this
	// machine a file the linker had just written through a memory map
	// started up to 1 ms slower than a copy of it, by an amount that
	// varied from file to file (docs/performance.md). The baseline too.
	for _, p := range []*string{&hello, &unhunch, &static} {
		*p = copyFile(b, *p, *p+"-copy")
	}
	baseline := os.Getenv("UNHUNCH_STARTUP_BASELINE")
	if baseline != "" {
		baseline = copyFile(b, baseline, filepath.Join(dir, "baseline-copy"))
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
	show := []string{"routines", "show", "posture-support", "--json"}
	var h, u, s, o []time.Duration
	for b.Loop() {
		h = append(h, run(hello))
		u = append(u, run(unhunch, show...))
		s = append(s, run(static, show...))
		if baseline != "" {
			o = append(o, run(baseline, show...))
		}
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	mh, mu, ms := median(h), median(u), median(s)
	b.ReportMetric(float64(mh.Microseconds())/1000, "hello-ms")
	b.ReportMetric(float64(mu.Microseconds())/1000, "unhunch-ms")
	b.ReportMetric(float64(mu)/float64(mh), "ratio")
	b.ReportMetric(float64(ms.Microseconds())/1000, "static-ms")
	b.ReportMetric(float64(ms)/float64(mh), "static-ratio")
	if baseline != "" {
		mo := median(o)
		b.ReportMetric(float64(mo.Microseconds())/1000, "baseline-ms")
		b.ReportMetric(float64(mu)/float64(mo), "vs-baseline")
	}
}

// copyFile writes a copy of the executable from to the path to, and
// returns to.
func copyFile(b *testing.B, from, to string) string {
	b.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o755); err != nil {
		b.Fatal(err)
	}
	return to
}
