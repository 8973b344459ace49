package cli_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unhunch/unhunch/internal/cli"
)

// The plan command's human output fits 80 columns for every budget and
// place, with and without equipment, and for reordering every routine.
func TestPlanOutputFits80Columns(t *testing.T) {
	commands := [][]string{{"plan", "--help"}}
	for m := 1; m <= 30; m++ {
		n := strconv.Itoa(m)
		commands = append(commands,
			[]string{"plan", "--minutes", n, "--no-floor", "--equipment", "none"},
			[]string{"plan", "--minutes", n, "--equipment", "foam-roller,towel,wall,doorway,chair,pillow,mat", "--focus", "posture"},
			[]string{"plan", "--minutes", n, "--equipment", "towel,chair", "--avoid", "chin-tucks,cat-cow,w-y-stretch"},
		)
	}
	for _, id := range []string{"seven-in-seven", "quick-daily-reset", "end-of-day-relief", "posture-support"} {
		commands = append(commands, []string{"plan", "--reorder", id})
	}
	for _, args := range commands {
		var out, errOut bytes.Buffer
		env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: tempData(t)}
		if code := cli.Run(args, env); code != 0 && code != 2 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%v line %d is %d columns: %q", args, i+1, n, line)
			}
		}
	}
}
