package main_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// server is `unhunch serve` running as its own process.
type server struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
}

// serve starts `unhunch serve` on a free loopback port with extra flags and
// waits until it says it is ready.
func serve(t *testing.T, data string, extra ...string) *server {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", data}, extra...)
	cmd := exec.Command(binary, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, cmd: cmd}
	t.Cleanup(func() { s.stop() })
	ready := regexp.MustCompile(`ready at (http://127\.0\.0\.1:\d+)/`)
	line, err := bufio.NewReader(out).ReadString('\n')
	m := ready.FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("serve said %q (%v)", line, err)
	}
	go io.Copy(io.Discard, out)
	s.base = m[1]
	return s
}

// stop ends the server as Ctrl-C would and waits for it.
func (s *server) stop() {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGINT)
	s.cmd.Wait()
}

// post sends a JSON body and returns the status and the body.
func (s *server) post(path, body string, headers map[string]string) (int, string) {
	s.t.Helper()
	req, err := http.NewRequest("POST", s.base+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// startWebSession starts a session through the API and returns its id.
func (s *server) startWebSession(key string) string {
	s.t.Helper()
	code, body := s.post("/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":2}`, map[string]string{"Idempotency-Key": key})
	if code != http.StatusCreated {
		s.t.Fatalf("start: %d %s", code, body)
	}
	var doc struct{ ID string }
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		s.t.Fatal(err)
	}
	return doc.ID
}

// Issue 12, item 2: restore while `unhunch serve` has the journal open
// refuses, names the server's process, and changes nothing; everything the
// server acknowledges afterwards is in the journal. Once it stops, restore
// works.
func TestRestoreRefusesWhileServeRuns(t *testing.T) {
	data := t.TempDir()
	screenClear(t, data)
	backup := filepath.Join(t.TempDir(), "before.db")
	if out, err := exec.Command(binary, "backup", backup, "--data-dir", data).CombinedOutput(); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	srv := serve(t, data)
	first := srv.startWebSession("first")

	restore := exec.Command(binary, "restore", backup, "--data-dir", data)
	out, err := restore.CombinedOutput()
	if err == nil || restore.ProcessState.ExitCode() != 4 {
		t.Fatalf("restore under a running server: %v\n%s", err, out)
	}
	pid := strconv.Itoa(srv.cmd.Process.Pid)
	for _, w := range []string{"the journal is open in process " + pid + " (unhunch serve", "Stop it first", "Nothing was changed"} {
		if !strings.Contains(string(out), w) {
			t.Errorf("restore's refusal does not say %q:\n%s", w, out)
		}
	}

	// The server goes on; what it acknowledges now is kept.
	second := srv.startWebSession("second")
	code, body := srv.post("/api/v1/sessions/"+second+"/events", `{"type":"finish","status":"completed"}`, nil)
	if code != http.StatusOK {
		t.Fatalf("finish: %d %s", code, body)
	}
	srv.stop()
	ids := map[string]string{}
	for _, s := range history(t, data) {
		ids[s.ID] = s.Status
	}
	if _, ok := ids[first]; !ok || ids[second] != "completed" {
		t.Errorf("journal after the refused restore: %v", ids)
	}

	// With the server gone, the restore goes ahead.
	if out, err := exec.Command(binary, "restore", backup, "--data-dir", data).CombinedOutput(); err != nil {
		t.Fatalf("restore once the server stopped: %v\n%s", err, out)
	}
	if n := len(history(t, data)); n != 0 {
		t.Errorf("%d sessions after restoring a backup taken before any", n)
	}
}

// Issue 12, item 4: a terminal session killed while `unhunch serve` runs is
// marked interrupted by the server's own sweep (it sweeps all the time, not
// only when it starts), with every exercise saved before the kill.
func TestKilledStartWhileServeRuns(t *testing.T) {
	data := t.TempDir()
	screenClear(t, data)
	srv := serve(t, data, "--sweep-every", "100ms")
	start := exec.Command(binary, "start", "seven-in-seven", "--time-scale", "20", "--pain-before", "2", "--no-voice", "--data-dir", data)
	out, err := start.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := start.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "Saved: ") {
	}
	if err := start.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	start.Wait()

	// Read through the server, which sweeps; a command of our own would
	// sweep as it opens the journal and prove nothing about the server.
	deadline := time.Now().Add(30 * time.Second) // bounds a failure only
	for {
		res, err := http.Get(srv.base + "/api/v1/sessions")
		if err != nil {
			t.Fatal(err)
		}
		var list []struct {
			Status    string
			Exercises []struct{ Outcome string }
		}
		err = json.NewDecoder(res.Body).Decode(&list)
		res.Body.Close()
		if err != nil || len(list) != 1 {
			t.Fatalf("sessions: %v, %d", err, len(list))
		}
		if list[0].Status == "interrupted" {
			if len(list[0].Exercises) == 0 || list[0].Exercises[0].Outcome != "done" {
				t.Errorf("the exercise saved before the kill: %+v", list[0].Exercises)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the killed session is still %s", list[0].Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
