package store_test

import (
	"bufio"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// A player killed with SIGKILL at a random moment loses nothing it reported
// as saved, leaves no half-written exercise, and its session shows as
// interrupted. The writer is a real child process (this test binary in
// writer mode) that prints "saved N" after each save returns.
func TestKill9KeepsEverythingSaved(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		url, dir := e.fresh(t)
		seed := rand.Uint64()
		rng := rand.New(rand.NewPCG(seed, 0))
		t.Logf("seed %d", seed)
		for round := range 4 {
			killAfter := rng.IntN(60) // saves to wait for before the kill
			id, reported := killWriter(t, url, dir, killAfter)

			st := openAt(t, url, dir)
			ctx := context.Background()
			if n, err := st.SweepInterrupted(ctx, store.OwnerAlive, base.Add(time.Minute)); err != nil || n != 1 {
				t.Fatalf("round %d: the sweep marked %d sessions, %v; want the killed one", round, n, err)
			}
			s, err := st.Session(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != journal.Interrupted {
				t.Errorf("round %d: the killed session is %s, want interrupted", round, s.Status)
			}
			if len(s.Exercises) < reported {
				t.Errorf("round %d: %d exercises reported saved, %d in the journal", round, reported, len(s.Exercises))
			}
			// Every exercise there is whole, including any saved in the
			// instant before the kill but not yet reported.
			for i, p := range s.Exercises {
				want := childPerformance(i)
				want.StartedAt, want.EndedAt = want.StartedAt.UTC(), want.EndedAt.UTC()
				if diff := cmp.Diff(want, p); diff != "" {
					t.Errorf("round %d: exercise %d (-want +got):\n%s", round, i, diff)
				}
			}
			if len(s.Exercises) > 0 {
				if last := s.Exercises[len(s.Exercises)-1].EndedAt; s.EndedAt == nil || !s.EndedAt.Equal(last) {
					t.Errorf("round %d: interrupted session ends %v, want the end of its last exercise %v", round, s.EndedAt, last)
				}
			}
			t.Logf("round %d: killed after %d reported saves; %d in the journal", round, reported, len(s.Exercises))
			st.Close()
		}
	})
}

// killWriter runs the writer child on the journal at url or dir, waits for
// it to report n saves, kills it with SIGKILL and waits for it to be gone.
// It returns the session's ID and how many saves were reported.
func killWriter(t *testing.T, url, dir string, n int) (id string, reported int) {
	t.Helper()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), childEnv+"=writer", childURLEnv+"="+url, childDirEnv+"="+dir)
	stdin, err := cmd.StdinPipe() // held open: the child waits on it once done
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		word, arg, _ := strings.Cut(lines.Text(), " ")
		switch word {
		case "started":
			id = arg
		case "saved":
			i, err := strconv.Atoi(arg)
			if err != nil || i != reported {
				t.Fatalf("child said %q after %d saves", lines.Text(), reported)
			}
			reported++
		default:
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child said %q", lines.Text())
		}
		if id != "" && reported >= n {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Lines written before the kill count as reported too; the pipe ends
	// when the child is gone.
	for lines.Scan() {
		if word, _, _ := strings.Cut(lines.Text(), " "); word == "saved" {
			reported++
		}
	}
	// Wait reaps the child: a zombie would still count as alive.
	cmd.Wait()
	if id == "" {
		t.Fatal("the child never started a session")
	}
	return id, reported
}
