package web

import (
	"context"
	"crypto/sha256"
	"maps"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/unhunch/unhunch/account"
)

// callerTTL is how long this server takes who a request comes from as it
// last read it from the journal: a script token's account, a sign-in
// session's data and a signed-in account. Once accounts exist every
// request needs them, and reading them was one or two queries a request
// (docs/performance.md). What this server changes itself shows at once: its
// sign-outs and session changes go through the session cache below, and an
// account made or erased, tokens revoked or a password set through its
// journal empty the caller cache (Store.AccountChanges). What another
// server or the command line changes shows within callerTTL: a token
// revoked with `unhunch tokens revoke`, an account removed with `unhunch
// users remove`, a sign-out on another server (docs/api.md, "Sign-in").
const callerTTL = time.Second

// maxCallers bounds the tokens, sessions and accounts kept; when full, the
// cache starts again empty.
const maxCallers = 10000

// accountChanger is what a journal that counts its own changes to accounts
// tells (store.Store.AccountChanges); a journal without it is read as never
// changing them here, so only callerTTL bounds what is kept.
type accountChanger interface {
	AccountChanges() uint64
}

// callers keeps who a script token or an account id is, by the token's
// SHA-256 or the id, for callerTTL on the server's clock, and only while the
// journal's count of this process's account changes is the one it was
// read at. Only accounts found are kept: a refused token is asked again, so
// that one made meanwhile works at once. It is safe for concurrent use.
type callers struct {
	now     func() time.Time
	changes func() uint64
	m       boundedMap // key → callerSeen
}

// callerSeen is an account as read, with when and at which count of account
// changes.
type callerSeen struct {
	u       account.User
	at      time.Time
	changes uint64
}

// newCallers returns the caller cache of a server on accounts with the
// clock now.
func newCallers(accounts Accounts, now func() time.Time) *callers {
	c := &callers{now: now, changes: func() uint64 { return 0 }, m: boundedMap{max: maxCallers}}
	if ac, ok := accounts.(accountChanger); ok {
		c.changes = ac.AccountChanges
	}
	return c
}

// fresh reports whether what was read at at, at the count changes, still
// holds now (a clock that went back holds nothing).
func fresh(at, now time.Time, changes, nowChanges uint64) bool {
	age := now.Sub(at)
	return changes == nowChanges && age >= 0 && age < callerTTL
}

// get returns the account kept at key, or reads it with read and keeps it.
func (c *callers) get(key string, read func() (*account.User, error)) (*account.User, error) {
	changes := c.changes()
	if e, ok := c.m.Load(key); ok {
		if seen := e.(callerSeen); fresh(seen.at, c.now(), seen.changes, changes) {
			u := seen.u
			return &u, nil
		}
	}
	at := c.now()
	u, err := read()
	if err != nil || u == nil {
		c.m.Delete(key)
		return u, err
	}
	// Kept at the count read before: a change made during the read makes
	// the next request read again.
	c.m.Store(key, callerSeen{*u, at, changes})
	return u, nil
}

// clear forgets every account kept: this server changed one.
func (c *callers) clear() {
	if c != nil {
		c.m.Clear()
	}
}

// tokenKey is the key of a script token: its SHA-256, never the token.
func tokenKey(token string) string {
	h := sha256.Sum256([]byte(token))
	return "token\x00" + string(h[:])
}

// callerKey is the key of an account by id (a session's account).
func callerKey(id string) string { return "user\x00" + id }

// sessionCache is the store of sign-in sessions (Accounts.WebSessions) with
// what it found kept for callerTTL, so that a signed-in request does not
// read its session row every time. What this server writes goes through
// it: a commit keeps the new data, a sign-out (Delete) forgets the token at
// once. A read that raced with this server's write is not kept. Sessions
// written by another server show here within callerTTL.
type sessionCache struct {
	st  scs.CtxStore
	now func() time.Time
	m   boundedMap // token → sessionSeen

	// mu orders this server's writes with keeping what a read found:
	// writes counts the writes begun or done, and a read keeps what it
	// found only if none began or ended meanwhile.
	mu     sync.Mutex
	writes uint64
}

// sessionSeen is a session's data as found, and when.
type sessionSeen struct {
	b  []byte
	at time.Time
}

// newSessionCache wraps st with the clock now.
func newSessionCache(st scs.CtxStore, now func() time.Time) *sessionCache {
	return &sessionCache{st: st, now: now, m: boundedMap{max: maxCallers}}
}

// keep keeps a session's data; c.mu is held.
func (c *sessionCache) keep(token string, b []byte, at time.Time) {
	c.m.Store(token, sessionSeen{b, at})
}

// write marks a write of token begun or done: what a read kept of it is
// let go, and reads under way keep nothing; keep, when not nil, is what the
// write saved.
func (c *sessionCache) write(token string, keep []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.m.Delete(token)
	if keep != nil {
		c.keep(token, keep, c.now())
	}
}

// FindCtx returns a session's data: as kept, while younger than callerTTL,
// or else from the store.
func (c *sessionCache) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	if e, ok := c.m.Load(token); ok {
		if seen := e.(sessionSeen); fresh(seen.at, c.now(), 0, 0) {
			return seen.b, true, nil
		}
	}
	c.mu.Lock()
	writes, at := c.writes, c.now()
	c.mu.Unlock()
	b, found, err := c.st.FindCtx(ctx, token)
	if err != nil || !found {
		return b, found, err
	}
	c.mu.Lock()
	if c.writes == writes {
		c.keep(token, b, at)
	}
	c.mu.Unlock()
	return b, true, nil
}

// CommitCtx saves a session's data and keeps it.
func (c *sessionCache) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	c.write(token, nil)
	if err := c.st.CommitCtx(ctx, token, b, expiry); err != nil {
		c.write(token, nil)
		return err
	}
	c.write(token, b)
	return nil
}

// DeleteCtx removes a session, here at once.
func (c *sessionCache) DeleteCtx(ctx context.Context, token string) error {
	c.write(token, nil)
	err := c.st.DeleteCtx(ctx, token)
	c.write(token, nil)
	return err
}

// Find is FindCtx without a context.
func (c *sessionCache) Find(token string) ([]byte, bool, error) {
	return c.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context.
func (c *sessionCache) Commit(token string, b []byte, expiry time.Time) error {
	return c.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context.
func (c *sessionCache) Delete(token string) error {
	return c.DeleteCtx(context.Background(), token)
}

// sessionCodec is scs's gob codec with what it decoded kept by the encoded
// bytes: decoding a session with gob was most of what a signed-in request
// cost the server (a decoder learns the types anew each time). The same
// bytes always decode to the same values, so nothing kept is ever stale;
// each caller gets its own copy of the map, which scs changes in place.
// The values are the strings and numbers the server puts there.
type sessionCodec struct {
	scs.GobCodec
	m boundedMap // string(encoded) → sessionDecoded
}

// sessionDecoded is a session's deadline and values as decoded.
type sessionDecoded struct {
	deadline time.Time
	values   map[string]any
}

// Decode returns the deadline and values encoded in b.
func (c *sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if e, ok := c.m.Load(string(b)); ok {
		d := e.(sessionDecoded)
		return d.deadline, maps.Clone(d.values), nil
	}
	deadline, values, err := c.GobCodec.Decode(b)
	if err != nil {
		return deadline, values, err
	}
	c.m.Store(string(b), sessionDecoded{deadline, maps.Clone(values)})
	return deadline, values, nil
}
