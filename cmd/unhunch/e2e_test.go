package main_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// binary is the unhunch binary built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "unhunch-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "unhunch")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build unhunch: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// session is a journal session as `history --json` prints it.
type session struct {
	ID         string `json:"id"`
	RoutineID  string `json:"routine_id"`
	Status     string `json:"status"`
	PainBefore *int   `json:"pain_before"`
	PainAfter  *int   `json:"pain_after"`
	Exercises  []struct {
		ExerciseID string `json:"exercise_id"`
		Attempt    int    `json:"attempt"`
		Outcome    string `json:"outcome"`
		StopReason string `json:"stop_reason"`
		Rating     string `json:"rating"`
	} `json:"exercises"`
}

// screenClear answers every safety question "no", as a person without red
// flags would, so that sessions may start.
func screenClear(t *testing.T, dataDir string) {
	t.Helper()
	out, err := exec.Command(binary, "screen", "--questions", "--json").Output()
	if err != nil {
		t.Fatalf("screen --questions: %v", err)
	}
	var qs []struct{ ID string }
	if err := json.Unmarshal(out, &qs); err != nil {
		t.Fatal(err)
	}
	answers := map[string]bool{}
	for _, q := range qs {
		answers[q.ID] = false
	}
	file := filepath.Join(t.TempDir(), "answers.json")
	data, _ := json.Marshal(answers)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(binary, "screen", "--answers", file, "--data-dir", dataDir).CombinedOutput(); err != nil {
		t.Fatalf("screen: %v\n%s", err, out)
	}
}

func history(t *testing.T, dataDir string) []session {
	t.Helper()
	out, err := exec.Command(binary, "history", "--json", "--data-dir", dataDir).Output()
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	var ss []session
	if err := json.Unmarshal(out, &ss); err != nil {
		t.Fatalf("history json: %v\n%s", err, out)
	}
	return ss
}

// tmux drives one full-screen program in a private tmux server.
type tmux struct {
	t    *testing.T
	env  []string
	name string
}

func newTmux(t *testing.T, command string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("TMUX IS NOT INSTALLED: the full-screen coach test cannot run (apt-get install tmux)")
	}
	tm := &tmux{t: t, env: append(os.Environ(), "TMUX_TMPDIR="+t.TempDir(), "TERM=xterm-256color"), name: "coach"}
	tm.run("new-session", "-d", "-s", tm.name, "-x", "100", "-y", "32", command)
	t.Cleanup(func() { tm.run("kill-server") })
	return tm
}

func (tm *tmux) run(args ...string) string {
	cmd := exec.Command("tmux", args...)
	cmd.Env = tm.env
	out, err := cmd.CombinedOutput()
	if err != nil && args[0] != "kill-server" {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *tmux) screen() string { return tm.run("capture-pane", "-p", "-t", tm.name) }

// waitFor polls the screen until it shows text; the limit only bounds a failure.
func (tm *tmux) waitFor(text string) {
	tm.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.screen(), text) {
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	tm.t.Fatalf("the screen never showed %q:\n%s", text, tm.screen())
}

func (tm *tmux) keys(keys ...string) {
	tm.run(append([]string{"send-keys", "-t", tm.name}, keys...)...)
}

// A person does the quick daily reset in a real terminal: pain before, pause
// and resume, skip, stop with a reason, pain after, a rating; then finds it
// in the journal.
func TestFullScreenCoachInTmux(t *testing.T) {
	data := t.TempDir()
	screenClear(t, data)
	tm := newTmux(t, fmt.Sprintf("%s start quick-daily-reset --time-scale 20 --no-voice --data-dir %s; echo EXIT=$?; sleep 60", binary, data))
	tm.waitFor("First time with Chin tucks")
	tm.keys("Enter")
	tm.waitFor("how much does your upper back hurt")
	tm.keys("3", "Enter")
	tm.waitFor("CHIN TUCKS")
	tm.keys("Space")
	tm.waitFor("Paused")
	tm.keys("Space")
	tm.waitFor("SCAPULAR SQUEEZES")
	tm.keys("n")
	tm.waitFor("DOORWAY CHEST STRETCH")
	tm.keys("s")
	tm.waitFor("Why are you stopping?")
	tm.keys("4") // discomfort
	tm.waitFor("How much does your upper back hurt now")
	tm.keys("2", "Enter")
	tm.waitFor("How did it feel?")
	tm.keys("r")
	tm.waitFor("EXIT=0")

	ss := history(t, data)
	if len(ss) != 1 {
		t.Fatalf("%d sessions, want 1", len(ss))
	}
	s := ss[0]
	if s.Status != "completed" || s.PainBefore == nil || *s.PainBefore != 3 || s.PainAfter == nil || *s.PainAfter != 2 {
		t.Errorf("session %+v", s)
	}
	got := []string{}
	for _, e := range s.Exercises {
		got = append(got, strings.TrimSpace(e.ExerciseID+" "+e.Outcome+" "+e.StopReason+" "+e.Rating))
	}
	want := "chin-tucks done  right|scapular-squeezes skipped|doorway-pec-stretch stopped discomfort"
	if strings.Join(got, "|") != want {
		t.Errorf("exercises %q, want %q", strings.Join(got, "|"), want)
	}

	// A stop for sharp pain ends the session with advice, sets the exercise
	// aside, and asks for the safety questions again.
	tm2 := newTmux(t, fmt.Sprintf("%s start quick-daily-reset --time-scale 20 --no-voice --pain-before 2 --data-dir %s; echo EXIT=$?; sleep 60", binary, data))
	tm2.waitFor("First time with Scapular squeezes") // skipped and stopped last time: never done
	tm2.keys("Enter")
	tm2.waitFor("CHIN TUCKS")
	tm2.keys("s")
	tm2.waitFor("Why are you stopping?")
	tm2.keys("1")
	tm2.waitFor("999, 112 or 911")
	tm2.keys("Enter")
	tm2.waitFor("How much does your upper back hurt now")
	tm2.keys("Escape")
	tm2.waitFor("EXIT=0")
	out, err := exec.Command(binary, "exercises", "aside", "--data-dir", data).Output()
	if err != nil || !strings.Contains(string(out), "chin-tucks: kept out since you stopped it for sharp pain") {
		t.Errorf("exercises aside: %v\n%s", err, out)
	}
	blocked := exec.Command(binary, "start", "quick-daily-reset", "--pain-before", "2", "--data-dir", data)
	msg, err := blocked.CombinedOutput()
	if err == nil || blocked.ProcessState.ExitCode() != 5 || !strings.Contains(string(msg), "sharp pain") {
		t.Errorf("start after a stop for sharp pain: %v\n%s", err, msg)
	}
	ss = history(t, data)
	if len(ss) != 2 || ss[0].Status != "stopped" || ss[0].Exercises[0].StopReason != "sharp-pain" {
		t.Errorf("the stopped session: %+v", ss[0])
	}
}

// Emergency first at the terminal: the moment an emergency answer is given,
// the questions stop, the emergency advice shows, the screening is saved,
// and the exit status is 5 (blocked by a safety rule).
func TestScreenEmergencyFirstInTmux(t *testing.T) {
	data := t.TempDir()
	tm := newTmux(t, fmt.Sprintf("%s screen --data-dir %s; echo EXIT=$?; sleep 60", binary, data))
	tm.waitFor("1 of 26. Right now, do you have chest pain")
	tm.keys("n", "Enter")
	tm.waitFor("2 of 26. Right now, do you have a sudden, severe or tearing pain")
	tm.keys("maybe", "Enter")
	tm.waitFor("Please answer y or n.")
	tm.keys("y", "Enter")
	tm.waitFor("EXIT=5")
	screen := tm.screen()
	for _, want := range []string{"the questions stop here", "999 (UK), 112 (EU) or 911", "your answers are saved"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "3 of 26") {
		t.Errorf("a question was asked after the emergency answer:\n%s", screen)
	}
	blocked := exec.Command(binary, "start", "quick-daily-reset", "--pain-before", "2", "--data-dir", data)
	msg, err := blocked.CombinedOutput()
	if err == nil || blocked.ProcessState.ExitCode() != 5 || !strings.Contains(string(msg), "Call an emergency number now") {
		t.Errorf("start after an emergency answer: %v\n%s", err, msg)
	}
}

// A pregnant person answers the follow-up at the terminal, and the routines
// she is shown leave out what is unsafe for her.
func TestScreenFollowUpInTmux(t *testing.T) {
	data := t.TempDir()
	tm := newTmux(t, fmt.Sprintf("%s screen --data-dir %s; echo EXIT=$?; sleep 60", binary, data))
	for i := 1; i <= 25; i++ {
		tm.waitFor(fmt.Sprintf("%d of 26. ", i))
		if i == 25 {
			tm.waitFor("Are you pregnant?")
			tm.keys("y", "Enter")
			continue
		}
		tm.keys("n", "Enter")
	}
	tm.waitFor("26 of 27. Are you more than 12 weeks pregnant")
	tm.keys("y", "Enter")
	tm.waitFor("27 of 27. Do you have inflammatory arthritis")
	tm.keys("n", "Enter")
	tm.waitFor("EXIT=0")
	if !strings.Contains(tm.screen(), "Back extension") {
		t.Errorf("the advice does not name what is left out:\n%s", tm.screen())
	}
	out, err := exec.Command(binary, "routines", "show", "seven-in-seven", "--json", "--data-dir", data).Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		LeftOut []string `json:"left_out"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || strings.Join(doc.LeftOut, ",") != "thoracic-foam-rolling,back-extension" {
		t.Errorf("left out %v (%v)", doc.LeftOut, err)
	}
}

// Pulling the plug in the middle of a routine loses nothing the person was
// told was saved, and the session shows as interrupted.
func TestKillNineMidRoutine(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	for round := range 3 {
		data := t.TempDir()
		screenClear(t, data)
		cmd := exec.Command(binary, "start", "seven-in-seven", "--time-scale", "100", "--pain-before", "2", "--data-dir", data)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for 1–5 saved exercises, then 0–10 more lines: the seventh
		// exercise alone has over 20 segments, so the kill lands mid-routine.
		killAfter := 1 + rng.IntN(5)
		extra := rng.IntN(11)
		var saved []string
		sc := bufio.NewScanner(out)
		lines := 0
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "Session complete") {
				t.Fatalf("round %d: the routine ended before the kill", round)
			}
			if name, ok := strings.CutPrefix(line, "Saved: "); ok {
				saved = append(saved, strings.TrimSuffix(name, ", done."))
			}
			if len(saved) >= killAfter {
				if lines >= extra {
					break
				}
				lines++
			}
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		ss := history(t, data)
		if len(ss) != 1 {
			t.Fatalf("round %d: %d sessions", round, len(ss))
		}
		s := ss[0]
		if s.Status != "interrupted" {
			t.Errorf("round %d: status %s, want interrupted", round, s.Status)
		}
		if len(s.Exercises) < len(saved) {
			t.Fatalf("round %d: told %d exercises were saved (%v), journal has %d", round, len(saved), saved, len(s.Exercises))
		}
		for i := range saved {
			if s.Exercises[i].Outcome != "done" {
				t.Errorf("round %d: exercise %d is %s", round, i, s.Exercises[i].Outcome)
			}
		}
		if s.PainBefore == nil || *s.PainBefore != 2 {
			t.Errorf("round %d: pain before lost", round)
		}
	}
}
