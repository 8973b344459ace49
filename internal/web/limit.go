package web

import (
	"context"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"github.com/unhunch/unhunch/internal/store"
)

// Sign-in limits (issue 17): after this many failed sign-ins in the window,
// more attempts for the same account, or from the same address, are
// refused until the oldest failure leaves the window. An address allows
// more, since several people can share one (a household behind one
// router). The failures are kept in the journal's database (Failures), so
// every server on one PostgreSQL counts the same attempts and a restart
// forgets none.
//
// The account's limit is soft (issue 17's review: anyone could keep an
// account's password sign-in locked with 5 wrong guesses every 15
// minutes): while it is over, an attempt from an address with no failures
// of its own in the window is still checked. Its hard limit,
// signinPerAccountHard, holds whatever the address, so that many addresses
// guessing once each cannot go on for ever. The address's limit is hard.
const (
	signinWindow         = 15 * time.Minute
	signinPerAccount     = 5
	signinPerAccountHard = 100
	signinPerAddress     = 20
	signinPruneEvery     = time.Minute // at most this often, a server deletes failures out of the window
)

// Failures is where the sign-in limiter keeps failed attempts:
// *store.Store, in the journal's database (migration 00019).
type Failures interface {
	// AddSigninFailures counts an attempt at at in each bucket, visible to
	// every server once it returns, and returns each row's id.
	AddSigninFailures(ctx context.Context, buckets []string, at time.Time) ([]string, error)
	// SigninFailures returns each bucket's failures after since, oldest
	// first.
	SigninFailures(ctx context.Context, buckets []string, since time.Time) (map[string][]store.SigninFailure, error)
	// DropSigninFailures takes attempts back by id.
	DropSigninFailures(ctx context.Context, ids []string) error
	// ForgetSigninFailures clears a bucket.
	ForgetSigninFailures(ctx context.Context, bucket string) error
	// PruneSigninFailures deletes the failures at or before before.
	PruneSigninFailures(ctx context.Context, before time.Time) (int64, error)
}

// limiter applies the sign-in limits to the failures kept in a Failures,
// on the server's clock (Config.Now, so tests move time by hand).
type limiter struct {
	pruned atomic.Int64 // when this server last pruned (Unix ms)
}

// newLimiter returns a limiter.
func newLimiter() *limiter { return &limiter{} }

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

// attempt is a password attempt the limiter let through: its rows, counted
// as failures until it is known not to be one.
type attempt struct {
	account, address string // the buckets
	ids              []string
}

// take lets an attempt at account's password from address through, or
// returns how long until one is allowed. An attempt let through is counted
// as a failure at once, before its password is checked, so that attempts
// sent in parallel (to any server) cannot all pass before any has failed:
// each is written before the counts are read, so of any two, the one that
// reads later sees the other. A refused attempt is taken back at once.
func (l *limiter) take(ctx context.Context, f Failures, now time.Time, account, address string) (time.Duration, *attempt, error) {
	l.prune(ctx, f, now)
	buckets := []string{account, address}
	ids, err := f.AddSigninFailures(ctx, buckets, now)
	if err != nil {
		return 0, nil, err
	}
	a := &attempt{account: account, address: address, ids: ids}
	all, err := f.SigninFailures(ctx, buckets, now.Add(-signinWindow))
	if err != nil {
		l.takeBack(ctx, f, a)
		return 0, nil, err
	}
	others := func(bucket string) []store.SigninFailure {
		var out []store.SigninFailure
		for _, x := range all[bucket] {
			if x.ID != ids[0] && x.ID != ids[1] {
				out = append(out, x)
			}
		}
		return out
	}
	acct, addr := others(account), others(address)
	wait := waitFor(addr, signinPerAddress, now)
	if len(addr) == 0 { // a fresh address: only the account's hard limit
		wait = max(wait, waitFor(acct, signinPerAccountHard, now))
	} else {
		wait = max(wait, waitFor(acct, signinPerAccount, now))
	}
	if wait > 0 {
		l.takeBack(ctx, f, a)
		return wait, nil, nil
	}
	return 0, a, nil
}

// waitFor is how long until fewer than limit of failures (oldest first)
// are in the window at now: 0 when they already are.
func waitFor(failures []store.SigninFailure, limit int, now time.Time) time.Duration {
	if len(failures) < limit {
		return 0
	}
	return max(failures[len(failures)-limit].At.Add(signinWindow).Sub(now), 0)
}

// takeBack takes back every count of an attempt that did not fail (the
// journal failed, not the guess).
func (l *limiter) takeBack(ctx context.Context, f Failures, a *attempt) {
	f.DropSigninFailures(context.WithoutCancel(ctx), a.ids) // best effort: the rows leave the window anyway
}

// succeeded records an attempt whose password was right: its address's
// count is taken back and the account's failures are cleared.
func (l *limiter) succeeded(ctx context.Context, f Failures, a *attempt) {
	ctx = context.WithoutCancel(ctx)
	f.DropSigninFailures(ctx, a.ids[1:])
	f.ForgetSigninFailures(ctx, a.account)
}

// prune deletes the failures out of the window, at most once per
// signinPruneEvery on this server.
func (l *limiter) prune(ctx context.Context, f Failures, now time.Time) {
	last := l.pruned.Load()
	if now.UnixMilli()-last < signinPruneEvery.Milliseconds() && now.UnixMilli() >= last {
		return
	}
	if l.pruned.CompareAndSwap(last, now.UnixMilli()) {
		f.PruneSigninFailures(context.WithoutCancel(ctx), now.Add(-signinWindow))
	}
}
