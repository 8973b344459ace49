package web

import (
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Sign-in limits (issue 17): after this many failed sign-ins in the window,
// more attempts for the same account, or from the same address, are
// refused until the oldest failure leaves the window. An address allows
// more, since several people can share one (a household behind one
// router). Kept in memory by each server: N servers on one PostgreSQL let
// an account N times as many attempts, still far too few to guess a
// password of 10 characters.
const (
	signinWindow     = 15 * time.Minute
	signinPerAccount = 5
	signinPerAddress = 20
	limiterMaxKeys   = 100_000 // beyond this, expired entries are swept at once
)

// limiter counts failed sign-ins by key in a sliding window, on the
// server's clock (Config.Now, so tests move time by hand).
type limiter struct {
	mu    sync.Mutex
	fails map[string][]time.Time // key → failures within the window, oldest first
}

// newLimiter returns an empty limiter.
func newLimiter() *limiter { return &limiter{fails: map[string][]time.Time{}} }

// accountKey is the limiter key of an account name (names are compared as
// typed, but a different case is the same attempt at guessing).
func accountKey(name string) string { return "name:" + strings.ToLower(name) }

// addressKey is the limiter key of a client address: an IPv6 client is
// counted by its /64, which one household or phone is usually given whole.
func addressKey(a netip.Addr) string {
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return "addr:" + p.String()
	}
	return "addr:" + a.String()
}

// take allows an attempt for every key with its limit, or returns how long
// until one is allowed. An allowed attempt is counted as a failure at once,
// before its password is checked, so that attempts sent in parallel cannot
// all pass the check before any has failed; a success takes its count back
// (succeeded).
func (l *limiter) take(now time.Time, keys []string, limits []int) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var longest time.Duration
	for i, k := range keys {
		f := l.prune(k, now)
		if len(f) >= limits[i] {
			if d := f[len(f)-limits[i]].Add(signinWindow).Sub(now); d > longest {
				longest = d
			}
		}
	}
	if longest > 0 {
		return longest
	}
	l.failLocked(now, keys...)
	return 0
}

// succeeded takes back the count of an attempt taken at now that did not
// fail: one failure at now for each key.
func (l *limiter) succeeded(now time.Time, keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		f := l.fails[k]
		for i := len(f) - 1; i >= 0; i-- {
			if f[i].Equal(now) {
				f = append(f[:i:i], f[i+1:]...)
				break
			}
		}
		if len(f) == 0 {
			delete(l.fails, k)
		} else {
			l.fails[k] = f
		}
	}
}

// failLocked counts a failed attempt for every key; the caller holds l.mu.
func (l *limiter) failLocked(now time.Time, keys ...string) {
	if len(l.fails) >= limiterMaxKeys {
		for k := range l.fails {
			l.prune(k, now)
		}
	}
	for _, k := range keys {
		l.fails[k] = append(l.prune(k, now), now)
	}
}

// forget clears the failures of key (a successful sign-in of an account).
func (l *limiter) forget(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

// prune drops key's failures older than the window and returns the rest.
// The caller holds l.mu.
func (l *limiter) prune(key string, now time.Time) []time.Time {
	f := l.fails[key]
	i := 0
	for i < len(f) && !f[i].After(now.Add(-signinWindow)) {
		i++
	}
	f = f[i:]
	if len(f) == 0 {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = f
	return f
}
