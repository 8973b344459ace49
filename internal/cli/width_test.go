package cli_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/cli"
)

// Human output is laid out for an 80-column terminal (issue 2).
func TestHumanOutputFits80Columns(t *testing.T) {
	commands := [][]string{{"exercises"}, {"routines"}, {"--help"}, {"about", "safety"}}
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.Exercises() {
		commands = append(commands, []string{"exercises", "show", e.ID})
	}
	for _, r := range c.Routines() {
		commands = append(commands, []string{"routines", "show", r.ID}, []string{"routines", "show", r.ID, "--segments"})
	}
	for _, args := range commands {
		var out, errOut bytes.Buffer
		env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: tempData(t)}
		if code := cli.Run(args, env); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%v line %d is %d columns: %q", args, i+1, n, line)
			}
		}
	}
}

// tempData returns an environment whose journal lives in a fresh temporary
// directory, so tests never write into the source tree or the home directory.
func tempData(t *testing.T) func(string) string {
	dir := t.TempDir()
	return func(k string) string {
		if k == "UNHUNCH_DATA_DIR" {
			return dir
		}
		return ""
	}
}
