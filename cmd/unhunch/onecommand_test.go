package main_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/safety"
)

// Issue 14, item 12: the main job in one command, in a real terminal at
// 80×24 and 100×30.

// newTmuxSized is newTmux in a terminal of w columns and h lines.
func newTmuxSized(t *testing.T, command string, w, h int) *tmux {
	t.Helper()
	tm := newTmux(t, command)
	tm.run("resize-window", "-t", tm.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
	return tm
}

// applying counts the safety questions asked when every answer is no.
func applying() int {
	n := 0
	for _, q := range safety.Questions {
		if safety.Asked(q, map[string]bool{}) {
			n++
		}
	}
	return n
}

// answerNo answers each safety question no at the terminal, waiting for
// each to be asked.
func answerNo(tm *tmux) {
	tm.t.Helper()
	total := applying()
	for i := 1; i <= total; i++ {
		tm.waitFor(fmt.Sprintf("%d of %d.", i, total))
		tm.keys("n", "Enter")
	}
}

// A bare `unhunch` on a new journal offers a short plan that needs
// nothing, then the routines, each with what it needs; Enter takes the
// first; the safety questions are asked right there
// and the coach goes straight on. Quitting never says "You are done", and
// the recap is left on the terminal when the coach's screen goes.
func TestBareUnhunchOffersAndStarts(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {100, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			needTmux(t)
			data := t.TempDir()
			tm := newTmuxSized(t, fmt.Sprintf("%s --data-dir %s; echo EXIT=$?; sleep 60", binary, data), size.w, size.h)
			tm.waitFor("Which one?")
			screen := tm.screen()
			for _, want := range []string{"1. Plan for 5 minutes", "needs no equipment", "2. Quick daily reset", "needs doorway", "Seven in seven", "foam roller"} {
				if !strings.Contains(screen, want) {
					t.Errorf("the offer lacks %q:\n%s", want, screen)
				}
			}
			tm.keys("9", "Enter")
			tm.waitFor("a number from 1 to 5")
			tm.keys("Enter")
			answerNo(tm)
			tm.waitFor("First time with")
			tm.keys("Enter")
			tm.waitFor("how much does your upper back hurt")
			tm.keys("2", "Enter")
			tm.waitFor("space pause")
			tm.keys("q")
			tm.waitFor("hurt now")
			if s := tm.screen(); strings.Contains(s, "You are done") {
				t.Errorf("after a quit the coach says it is done:\n%s", s)
			}
			tm.keys("3", "Enter")
			tm.waitFor("EXIT=")
			s := tm.screen()
			for _, want := range []string{"Your session: Plan for 5 minutes", "Pain       2 before → 3 after", "Kept in your journal", "EXIT=0"} {
				if !strings.Contains(s, want) {
					t.Errorf("the end lacks %q:\n%s", want, s)
				}
			}
			for _, line := range strings.Split(s, "\n") {
				if len([]rune(line)) > size.w {
					t.Errorf("a line wider than the terminal: %q", line)
				}
			}
			ss := history(t, data)
			if len(ss) != 1 || ss[0].RoutineID != "plan" || ss[0].Status != "stopped" {
				t.Errorf("the journal: %+v", ss)
			}
		})
	}
}

// `start` on a journal whose safety questions are due asks them there and
// then and goes straight into the coach; at the end of a completed session
// the recap says what was done, the time, pain before and after, what
// changes next time and where it is kept.
func TestStartAsksTheQuestionsAndRecaps(t *testing.T) {
	needTmux(t)
	data := t.TempDir()
	tm := newTmuxSized(t, fmt.Sprintf("%s start quick-daily-reset --time-scale 100 --no-voice --data-dir %s; echo EXIT=$?; sleep 60", binary, data), 80, 24)
	tm.waitFor("safety questions")
	answerNo(tm)
	tm.waitFor("First time with Chin tucks")
	tm.keys("Enter")
	tm.waitFor("how much does your upper back hurt")
	tm.keys("3", "Enter")
	tm.waitFor("You are done")
	tm.keys("1", "Enter")
	for i := 1; i <= 3; i++ {
		tm.waitFor(fmt.Sprintf("How did it feel? (%d of 3)", i))
		tm.keys("r")
	}
	tm.waitFor("EXIT=")
	s := tm.screen()
	for _, want := range []string{"Your session: Quick daily reset", "Done       3 of 3 exercises", "\n  Chin tucks: done", "Pain       3 before → 1 after",
		"Next time", "a demo", "Kept in your journal", "EXIT=0"} {
		if !strings.Contains(s, want) {
			t.Errorf("the recap lacks %q:\n%s", want, s)
		}
	}
}

// The README's first command is the guided session (issue 14, item 12):
// run as it is written, on a journal that does not exist yet, it offers
// the routines to be coached through, with no setup.
func TestReadmeFirstCommandCoaches(t *testing.T) {
	needTmux(t)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "```sh\n")
	if !ok {
		t.Fatal("README.md has no sh block")
	}
	first, _, _ := strings.Cut(block, "\n")
	command, _, _ := strings.Cut(first, "#")
	args, ok := strings.CutPrefix(strings.TrimSpace(command), "go run ./cmd/unhunch")
	if !ok {
		t.Fatalf("the README's first command is %q, not unhunch", first)
	}
	data := filepath.Join(t.TempDir(), "new")
	tm := newTmuxSized(t, fmt.Sprintf("UNHUNCH_DATA_DIR=%s %s%s; echo EXIT=$?; sleep 60", data, binary, args), 80, 24)
	tm.waitFor("Which one?")
	tm.keys("q", "Enter")
	tm.waitFor("EXIT=0")
}
