package coach_test

import (
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
)

// The first-time cautions of a long routine run past a small terminal
// (posture support's seven at 80×24 and 100×30, seen in tmux): the screen
// never draws more lines than it has, the keys line stays on it, and Enter
// shows the rest of the cautions before it goes on to the pain question, so
// none is passed over unseen.
func TestNotesFitTheScreen(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		synctest.Test(t, func(t *testing.T) {
			o := options(t, "quick-daily-reset", &recorder{})
			for i := range 7 {
				o.Notes = append(o.Notes, "First time with exercise "+string(rune('A'+i))+". Take care: stop if you feel tingling, numbness or pain spreading into your arms; stop if you feel dizzy; skip it after a recent injury and see a clinician first.")
			}
			d := newDriver(t, o)
			d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			seen := map[string]bool{}
			for page := 0; ; page++ {
				v := d.view()
				lines := strings.Split(strings.TrimRight(v, "\n"), "\n")
				if len(lines) > size[1] {
					t.Fatalf("%dx%d: the notes draw %d lines on a screen of %d:\n%s", size[0], size[1], len(lines), size[1], v)
				}
				if !strings.Contains(v, "q to leave") {
					t.Fatalf("%dx%d: the keys line is off the screen:\n%s", size[0], size[1], v)
				}
				for i := range 7 {
					if n := "exercise " + string(rune('A'+i)); strings.Contains(v, n) {
						seen[n] = true
					}
				}
				if strings.Contains(v, "how much does your upper back hurt") {
					break
				}
				if page == 10 {
					t.Fatalf("%dx%d: ten Enters never reached the pain question", size[0], size[1])
				}
				d.key("enter")
			}
			if len(seen) != 7 {
				t.Errorf("%dx%d: only %d of the 7 cautions were on the screen before the pain question", size[0], size[1], len(seen))
			}
		})
	}
}
