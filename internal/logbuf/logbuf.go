// Package logbuf is a writer for logs that gathers lines in memory and
// writes them out every so often, so that a busy server makes one write
// system call for many request logs instead of one each. Lines written in
// the last interval before a crash can be lost: use it for logs, never for
// anything a person was told is saved.
package logbuf

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// Writer buffers writes to an underlying writer and flushes them every
// interval, when the buffer fills, and on Close.
type Writer struct {
	mu   sync.Mutex
	buf  *bufio.Writer
	stop chan struct{}
	done chan struct{}
}

// New returns a Writer flushing to w every interval.
func New(w io.Writer, interval time.Duration) *Writer {
	b := &Writer{buf: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go b.loop(interval)
	return b
}

// Write buffers p; it is written out within the interval.
func (b *Writer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Flush writes out everything buffered.
func (b *Writer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Flush()
}

func (b *Writer) loop(interval time.Duration) {
	defer close(b.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			b.Flush()
		case <-b.stop:
			b.Flush()
			return
		}
	}
}

// Close flushes and stops the periodic flushing.
func (b *Writer) Close() error {
	close(b.stop)
	<-b.done
	return nil
}
