//go:build !unix

package store

import "os"

// flock does nothing where flock(2) does not exist: restore cannot tell
// whether another process has the journal open, and says nothing of it.
func flock(*os.File, bool) error { return nil }

// Holders returns no processes where the system cannot list lock holders.
func Holders(string) ([]Holder, error) { return nil, nil }
