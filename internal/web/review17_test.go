package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
)

// slowPasswords is the journal with a password check that waits, before
// answering, until the test lets it go: requests that reach it are in
// flight together, as parallel guesses are while argon2id runs.
type slowPasswords struct {
	*store.Store
	entered chan<- struct{}
	release <-chan struct{}
}

// CheckPassword notes the attempt, waits to be let go, then checks.
func (s slowPasswords) CheckPassword(ctx context.Context, name, password string) (*account.User, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.Store.CheckPassword(ctx, name, password)
}

// Review of issue 17: the sign-in limit counts failures only once they are
// known, so guesses sent in parallel all passed the check before any of
// them had failed: ten at once tried ten passwords against an account that
// allows five. Each attempt now takes its place in the count before the
// password is checked.
func TestSignInLimitHoldsForParallelGuesses(t *testing.T) {
	const tries = 10
	entered := make(chan struct{}, tries)
	release := make(chan struct{})
	e := newEnvWith(t, func(c *web.Config) {
		c.Accounts = slowPasswords{c.Store.(*store.Store), entered, release}
	})
	e.person("pat", "correct horse battery")
	codes := make(chan int, tries)
	for i := range tries {
		go func() {
			r := e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"guess number " + itoa(i)}}, "192.0.2.10:5000", nil)
			codes <- r.Code
		}()
	}
	// Each attempt either reaches the password check (and waits there) or
	// is refused at once: the first tries events are all of them.
	in, refused := 0, 0
	for in+refused < tries {
		select {
		case <-entered:
			in++
		case c := <-codes:
			if c != http.StatusTooManyRequests {
				t.Fatalf("an attempt answered %d before any was let go", c)
			}
			refused++
		}
	}
	close(release)
	for range in {
		if c := <-codes; c != http.StatusUnauthorized {
			t.Errorf("a guess that was checked: %d", c)
		}
	}
	if in > 5 {
		t.Errorf("%d guesses in parallel reached the password check; the account allows 5", in)
	}
}
