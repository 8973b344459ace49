package voice_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/voice"
)

// fakeESpeak puts an espeak-ng on PATH that logs what it is asked to say and
// then "speaks" until the file release exists, so a Say that waited for the
// voice would never return.
func fakeESpeak(t *testing.T) (log, release string) {
	dir := t.TempDir()
	log = filepath.Join(dir, "said.log")
	release = filepath.Join(dir, "release")
	script := "#!/bin/sh\nfor last; do :; done\necho \"$last\" >> " + log + "\nwhile [ ! -f " + release + " ]; do sleep 0.02; done\n"
	if err := os.WriteFile(filepath.Join(dir, "espeak-ng"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return log, release
}

func readLog(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Fields(strings.ReplaceAll(string(data), "\n", " "))
}

func TestSayHandsCuesToESpeakWithoutBlocking(t *testing.T) {
	log, release := fakeESpeak(t)
	if !voice.Available() {
		t.Fatal("fake espeak-ng not found")
	}
	s := voice.New(true, nil)
	// The fake voice never finishes on its own: if Say waited for it, this
	// loop would hang and the test would time out.
	for _, cue := range []string{"one", "two", "three", "four"} {
		s.Say(cue)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		said := readLog(t, log)
		if len(said) > 0 && said[len(said)-1] == "four" {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := os.WriteFile(release, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s.Close()
	said := readLog(t, log)
	if len(said) == 0 || said[len(said)-1] != "four" {
		t.Fatalf("the latest cue must be spoken; said %v", said)
	}
	if len(said) > 3 {
		t.Errorf("stale cues should be dropped, said %v", said)
	}
	s.Say("after close") // must not panic or speak
	s.Close()
}

func TestBellWithoutVoice(t *testing.T) {
	var buf bytes.Buffer
	s := voice.New(false, &buf)
	s.Say("anything")
	s.Close()
	if buf.String() != "\a" {
		t.Errorf("wrote %q, want a bell", buf.String())
	}
}
