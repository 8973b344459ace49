//go:build unix

package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// flock takes f's lock, shared or exclusive, without waiting; errLocked
// when another open file holds it in a conflicting way. flock(2) locks
// belong to the open file, not the process (unlike fcntl's), so closing
// some other descriptor of the file never drops them, and the system drops
// them when the process ends.
func flock(f *os.File, exclusive bool) error {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	for {
		err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return errLocked
		}
		return err
	}
}

// Holders returns the processes that hold the lock of the journal in dir,
// as the system lists them (Linux's /proc/locks); none where it does not.
func Holders(dir string) ([]Holder, error) {
	var st unix.Stat_t
	if err := unix.Stat(lockPath(dir), &st); err != nil {
		return nil, err
	}
	file, err := os.Open("/proc/locks")
	if err != nil {
		return nil, err
	}
	defer file.Close()
	// Lines look like "3: FLOCK  ADVISORY  READ  1234 fd:01:5678 0 EOF"; a
	// waiter has "->" before FLOCK.
	id := fmt.Sprintf("%02x:%02x:%d", unix.Major(uint64(st.Dev)), unix.Minor(uint64(st.Dev)), st.Ino)
	var out []Holder
	seen := map[int]bool{}
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 6 || f[1] != "FLOCK" || f[5] != id {
			continue
		}
		pid, err := strconv.Atoi(f[4])
		if err != nil || pid <= 0 || seen[pid] {
			continue
		}
		seen[pid] = true
		h := Holder{PID: pid}
		if cmd, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid)); err == nil {
			h.Command = shortCommand(cmd)
		}
		out = append(out, h)
	}
	return out, sc.Err()
}
