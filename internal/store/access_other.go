//go:build !unix

package store

// writable reports whether this process may write to path; without access(2)
// it assumes so, and the database's own errors speak for themselves.
func writable(string) bool { return true }
