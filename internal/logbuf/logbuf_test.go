package logbuf_test

import (
	"bytes"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/unhunch/unhunch/internal/logbuf"
)

// safeBuffer is a bytes.Buffer safe for the flusher and the test to share.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestFlushesOnTheIntervalAndOnClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out safeBuffer
		w := logbuf.New(&out, 200*time.Millisecond)
		w.Write([]byte("one\n"))
		if out.String() != "" {
			t.Fatal("written before the interval")
		}
		time.Sleep(250 * time.Millisecond)
		synctest.Wait()
		if out.String() != "one\n" {
			t.Fatalf("after the interval: %q", out.String())
		}
		w.Write([]byte("two\n"))
		w.Close()
		if out.String() != "one\ntwo\n" {
			t.Fatalf("after close: %q", out.String())
		}
	})
}
