package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// LockName is the lock file beside the SQLite journal. Every unhunch process
// holds a shared lock on it while it has the journal open, and restore takes
// it exclusively: the operating system releases a process's lock when the
// process ends, however it ends, so a lock is never left behind by a crash.
// The file itself is never removed (removing a lock file races with the
// processes locking it).
const LockName = FileName + ".lock"

// errLocked is a lock another process holds in a conflicting way.
var errLocked = errors.New("locked by another process")

// Holder is a process that holds the journal's lock.
type Holder struct {
	PID     int
	Command string // its command line, shortened; "" when the system does not say
}

// lockPath returns the lock file of the journal in dir.
func lockPath(dir string) string { return filepath.Join(dir, LockName) }

// openLockFile opens the lock file at path, creating it if needed. It holds
// nothing, so anyone may read it: a lock needs only a descriptor open for
// reading, and a lock file left by another user (sudo) must not lock the
// journal's owner out.
func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
}

// lockShared takes the shared lock that every process holds while it has
// the journal in dir open. A restore holds it exclusively for a moment:
// then it waits, within the busy timeout, and fails with a message that
// says a restore is under way.
func lockShared(dir string) (*os.File, error) {
	path := lockPath(dir)
	f, err := openLockFile(path)
	if err != nil {
		return nil, coded(unhunch.EUnavailable, err, message.StoreCannotOpen, path, rootCause(err))
	}
	deadline := time.Now().Add(busyTimeout)
	for {
		err := flock(f, false)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, errLocked) {
			f.Close()
			return nil, coded(unhunch.EUnavailable, err, message.StoreCannotOpen, path, rootCause(err))
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, coded(unhunch.EUnavailable, err, message.StoreRestoring, filepath.Join(dir, FileName), busyTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lockExclusive takes the journal's lock in dir exclusively, without
// waiting: it fails with an EConflict error naming the processes that have
// the journal open.
func lockExclusive(dir string) (*os.File, error) {
	path := lockPath(dir)
	f, err := openLockFile(path)
	if err != nil {
		return nil, coded(unhunch.EUnavailable, err, message.StoreCannotOpen, path, rootCause(err))
	}
	err = flock(f, true)
	if err == nil {
		return f, nil
	}
	f.Close()
	if !errors.Is(err, errLocked) {
		return nil, coded(unhunch.EUnavailable, err, message.StoreCannotOpen, path, rootCause(err))
	}
	hs, _ := Holders(dir)
	if len(hs) == 0 {
		return nil, coded(unhunch.EConflict, err, message.StoreRestoreInUse, message.Text(message.StoreSomeProcess))
	}
	var names []string
	for i, h := range hs {
		if i == 3 {
			names = append(names, message.Text(message.StoreMoreProcesses, len(hs)-3))
			break
		}
		names = append(names, h.String())
	}
	return nil, coded(unhunch.EConflict, err, message.StoreRestoreInUse, strings.Join(names, "; "))
}

// String names a holder for people: "process 1234 (unhunch serve)".
func (h Holder) String() string {
	if h.Command == "" {
		return message.Text(message.StoreProcess, h.PID)
	}
	return message.Text(message.StoreProcessCommand, h.PID, h.Command)
}

// shortCommand turns a NUL-separated command line into a short line: the
// program's base name and its arguments, at most 80 characters.
func shortCommand(raw []byte) string {
	args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
	if len(args) == 0 || args[0] == "" {
		return ""
	}
	args[0] = filepath.Base(args[0])
	s := strings.Join(args, " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// releaseLock lets the journal's lock go.
func releaseLock(f *os.File) {
	if f != nil {
		f.Close() // closing the file releases its lock
	}
}
