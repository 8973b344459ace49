//go:build unix

package store

import (
	"errors"
	"syscall"
)

// processExists reports whether a process with this id exists: signal 0
// checks without sending anything, and only ESRCH means there is none (EPERM
// means it exists but belongs to someone else).
func processExists(pid int) bool {
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
