package cli

import (
	"io"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The root builds only the command its arguments name (issue 16), found by
// the words commands lists: each must be the name and aliases of the
// command it builds, and no word may name two.
func TestCommandNames(t *testing.T) {
	a := &app{env: Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}}
	seen := map[string]bool{}
	for _, c := range a.commands() {
		cmd := c.build()
		want := append([]string{cmd.Name()}, cmd.Aliases...)
		if diff := cmp.Diff(want, c.names); diff != "" {
			t.Errorf("words of %q (-built +listed):\n%s", cmd.Name(), diff)
		}
		for _, n := range c.names {
			if seen[n] {
				t.Errorf("%q names two commands", n)
			}
			seen[n] = true
		}
	}
	// Every command is under the root when the arguments name none.
	root := a.rootCommand(nil)
	var names []string
	for _, c := range root.Commands() {
		names = append(names, c.Name())
	}
	for _, c := range a.commands() {
		if !slices.Contains(names, c.names[0]) {
			t.Errorf("%q is not under the root", c.names[0])
		}
	}
}

func TestCommandName(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"routines", "show", "x"}, "routines"},
		{[]string{"--data-dir", "routines", "history"}, "history"},
		{[]string{"--data-dir=d", "routine"}, "routine"},
		{[]string{"--db", "postgres://x", "--config-dir", "c", "start", "r"}, "start"},
		{[]string{"--version"}, ""},
		{[]string{"-h", "plan"}, "plan"},
		{[]string{"--", "plan"}, ""},
		{[]string{"help", "plan"}, "help"},
		{[]string{"--data-dir"}, ""},
	} {
		if got := commandName(tc.args); got != tc.want {
			t.Errorf("commandName(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
