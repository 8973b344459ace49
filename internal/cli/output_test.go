package cli_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/internal/cli"
)

// Output that cannot be written because the disk is full is exit 6 with
// plain words, never "a bug" (exit 1): /dev/full fails every write with
// ENOSPC.
func TestExportToFullDisk(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full on this system:", err)
	}
	defer full.Close()
	dir, config := t.TempDir(), t.TempDir()
	for _, args := range [][]string{
		{"export", "--format", "csv"},
		{"export", "--format", "json"},
		{"export", "--format", "fhir"},
		{"routines", "--json"},
	} {
		var errs bytes.Buffer
		env := cli.Env{Stdin: strings.NewReader(""), Stdout: full, Stderr: &errs, Getenv: func(k string) string {
			switch k {
			case "UNHUNCH_DATA_DIR":
				return dir
			case "XDG_CONFIG_HOME":
				return config
			}
			return ""
		}}
		code := cli.Run(args, env)
		if code != 6 {
			t.Errorf("%v: exit %d, want 6; stderr: %s", args, code, errs.String())
		}
		if got := errs.String(); !strings.Contains(got, "the disk is full") || strings.Contains(got, "bug") ||
			strings.Contains(got, "/dev/stdout") {
			t.Errorf("%v: stderr %q, want a plain full-disk message", args, got)
		}
	}
}
