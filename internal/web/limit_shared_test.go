package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// Issue 17's follow-up: the sign-in limits were kept in memory by each
// server, so N servers allowed N times the tries and a restart forgot
// them. The failures are now kept in the journal's database: two servers
// on one journal count together, and a server started afresh remembers.
// On both engines.
func TestSignInLimitSharedByServers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, dbURL string) {
		dir := t.TempDir()
		one := newEnvOn(t, dbURL, dir, false)
		two := newEnvOn(t, dbURL, dir, false)
		one.person("pat", "correct horse battery")
		try := func(e *env, password string) int {
			return e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {password}}, "192.0.2.10:5000", nil).Code
		}
		for i, e := range []*env{one, two, one, two, one} {
			if c := try(e, "wrong wrong wrong"); c != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i+1, c)
			}
		}
		for name, e := range map[string]*env{"the first server": one, "the second": two} {
			if c := try(e, "wrong wrong wrong"); c != http.StatusTooManyRequests {
				t.Errorf("a sixth try on %s: %d, want 429", name, c)
			}
		}
		// A server started afresh on the same journal remembers.
		three := newEnvOn(t, dbURL, dir, false)
		if c := try(three, "correct horse battery"); c != http.StatusTooManyRequests {
			t.Errorf("after a restart: %d, want 429", c)
		}
		// Fifteen minutes after the first failure, the right password works
		// and clears the account's count on every server.
		for _, e := range []*env{one, two, three} {
			e.at = e.at.Add(15 * time.Minute)
		}
		if c := try(two, "correct horse battery"); c != http.StatusSeeOther {
			t.Errorf("after the wait: %d", c)
		}
		for i := range 5 {
			if c := try(three, "wrong wrong wrong"); c != http.StatusUnauthorized {
				t.Errorf("after a success, failure %d: %d", i+1, c)
			}
		}
	})
}

// Issue 17's follow-up: anyone could keep an account's password sign-in
// locked by guessing wrong 5 times every 15 minutes. While the account's
// count is over, a try from an address with no failures of its own is
// still checked (the right password signs in; a wrong one counts for that
// address too, which then waits); an address over its own limit waits
// whatever it sends. Past signinPerAccountHard failures in the window even
// a fresh address waits, so that many addresses cannot guess on and on.
func TestSignInLockoutIsSoftForOthers(t *testing.T) {
	e := newEnv(t, true)
	e.person("pat", "correct horse battery")
	try := func(password, addr string) int {
		return e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {password}}, addr, nil).Code
	}
	const attacker, home, cafe = "203.0.113.5:1", "192.0.2.10:5000", "[2001:db8:1:2::7]:443"
	for i := range 5 {
		if c := try("wrong wrong wrong", attacker); c != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, c)
		}
	}
	if c := try("correct horse battery", attacker); c != http.StatusTooManyRequests {
		t.Errorf("the right password from the guessing address: %d, want 429", c)
	}
	if c := try("correct horse battery", home); c != http.StatusSeeOther {
		t.Errorf("the right password from an address with no failures: %d, want 303", c)
	}
	// That success cleared the account's count; lock it again.
	for range 5 {
		try("wrong wrong wrong", attacker)
	}
	if c := try("wrong wrong wrong", cafe); c != http.StatusUnauthorized {
		t.Errorf("a wrong password from a fresh address: %d, want 401 (checked)", c)
	}
	if c := try("correct horse battery", "[2001:db8:1:2::8]:443"); c != http.StatusTooManyRequests {
		t.Errorf("the same /64 after its failure: %d, want 429", c)
	}
	// Many addresses, one guess each: the account's hard limit holds.
	for i := 0; i < 200; i++ {
		addr := "[2001:db8:" + itoa(100+i) + "::1]:1"
		if c := try("wrong wrong wrong", addr); c == http.StatusTooManyRequests {
			// 6 failures in the window before these guesses.
			if i != signinPerAccountHard-6 {
				t.Errorf("guess %d from a fresh address refused; want the first refusal at %d", i, signinPerAccountHard-6)
			}
			return
		}
	}
	t.Errorf("200 fresh addresses guessed on: no hard limit")
}

// signinPerAccountHard is internal/web's hard limit of failures for one
// account in the window, whatever the address.
const signinPerAccountHard = 100
