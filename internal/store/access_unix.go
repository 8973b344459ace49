//go:build unix

package store

import "golang.org/x/sys/unix"

// writable reports whether this process may write to path. It only sharpens
// messages: the database's own errors are what stop a write.
func writable(path string) bool { return unix.Access(path, unix.W_OK) == nil }
