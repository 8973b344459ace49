package cli_test

import (
	"io"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/internal/cli"
)

func BenchmarkRoutinesShowJSON(b *testing.B) {
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	for b.Loop() {
		if code := cli.Run([]string{"routines", "show", "posture-support", "--json"}, env); code != 0 {
			b.Fatal(code)
		}
	}
}
