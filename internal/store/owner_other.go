//go:build !unix

package store

// processExists reports whether a process exists; without a portable check
// it assumes so, which leaves sessions active rather than wrongly interrupted.
func processExists(int) bool { return true }
