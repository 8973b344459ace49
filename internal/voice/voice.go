// Package voice speaks cues aloud with espeak-ng when it is installed, and
// rings the terminal bell otherwise. Speaking never blocks the caller: the
// player's timer must not wait for a voice.
package voice

import (
	"context"
	"io"
	"os/exec"
	"sync"
)

// Speaker says cues. Implementations return at once.
type Speaker interface {
	// Say speaks text, cutting off whatever is still being said.
	Say(text string)
	// Close stops speaking and releases the speaker.
	Close()
}

// Available reports whether espeak-ng can be found on PATH.
func Available() bool {
	_, err := exec.LookPath("espeak-ng")
	return err == nil
}

// New returns a speaker: espeak-ng when enabled and available, otherwise a
// bell written to w (nil w: silence).
func New(enabled bool, w io.Writer) Speaker {
	if enabled && Available() {
		return newESpeak()
	}
	return bell{w: w}
}

// bell rings the terminal bell instead of speaking.
type bell struct{ w io.Writer }

// Say rings the bell.
func (b bell) Say(string) {
	if b.w != nil {
		io.WriteString(b.w, "\a")
	}
}

// Close does nothing: a bell holds nothing.
func (bell) Close() {}

// espeak runs one espeak-ng process at a time from its own goroutine.
type espeak struct {
	next   chan string // holds at most the latest cue not yet spoken
	mu     sync.Mutex
	stop   context.CancelFunc // cancels the process speaking now
	closed bool
	done   chan struct{}
}

func newESpeak() *espeak {
	e := &espeak{next: make(chan string, 1), done: make(chan struct{})}
	go e.run()
	return e
}

// Say hands text to the speaking goroutine, replacing anything unspoken.
func (e *espeak) Say(text string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return
	}
	if e.stop != nil {
		e.stop() // a new cue replaces one still being spoken
	}
	for {
		select {
		case e.next <- text:
			return
		default:
			select { // drop the older unspoken cue
			case <-e.next:
			default:
			}
		}
	}
}

func (e *espeak) run() {
	defer close(e.done)
	for text := range e.next {
		ctx, cancel := context.WithCancel(context.Background())
		e.mu.Lock()
		if e.closed {
			e.mu.Unlock()
			cancel()
			return
		}
		e.stop = cancel
		e.mu.Unlock()
		cmd := exec.CommandContext(ctx, "espeak-ng", "-v", "en", "-s", "160", "--", text)
		cmd.Run() // a failed or cut-off utterance is not worth stopping the session for
		cancel()
	}
}

// Close cuts off speech and waits for the speaking goroutine to end.
func (e *espeak) Close() {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	e.closed = true
	if e.stop != nil {
		e.stop()
	}
	close(e.next)
	e.mu.Unlock()
	<-e.done
}
