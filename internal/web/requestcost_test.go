package web_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
)

// counting is the journal with a count of the reads a request may make
// besides its own work: versions (by person), whether accounts exist, the
// library, and who a token, a session or an account is.
type counting struct {
	*store.Store
	mu sync.Mutex
	n  map[string]int
}

func (c *counting) count(what string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[what]++
}

// reads returns the counts so far and starts again from zero.
func (c *counting) reads() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = map[string]int{}
	return n
}

func (c *counting) Version(ctx context.Context) (int64, error) {
	c.count("version " + account.PersonID(ctx))
	return c.Store.Version(ctx)
}

func (c *counting) HasAccounts(ctx context.Context) (bool, error) {
	c.count("accounts exist")
	return c.Store.HasAccounts(ctx)
}

func (c *counting) CustomEntries(ctx context.Context) ([]custom.Entry, error) {
	c.count("library")
	return c.Store.CustomEntries(ctx)
}

func (c *counting) UserByToken(ctx context.Context, token string) (*account.User, error) {
	c.count("token")
	return c.Store.UserByToken(ctx, token)
}

func (c *counting) User(ctx context.Context, id string) (*account.User, error) {
	c.count("account")
	return c.Store.User(ctx, id)
}

func (c *counting) WebSessions() scs.CtxStore { return countingSessions{c.Store.WebSessions(), c} }

// countingSessions counts the reads of sign-in sessions.
type countingSessions struct {
	scs.CtxStore
	c *counting
}

func (s countingSessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	s.c.count("session")
	return s.CtxStore.FindCtx(ctx, token)
}

// Issue 16: recording an outcome reads nothing but what it saves. Before,
// each outcome moved the local person's version, which was also the
// version of what people share, so the next request read the version,
// whether accounts exist and the library again: three queries a request on
// top of the write (docs/performance.md). With accounts, who the caller is
// is read once a second, not at every request (callerTTL); the clock is
// the server's and does not move here.
func TestRecordingReadsNothingElse(t *testing.T) {
	st, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cj := &counting{Store: st, n: map[string]int{}}
	group := st.NewGroup(store.DefaultGroupSize)
	e := &env{t: t, st: st, cat: c, at: now}
	e.srv, err = web.New(web.Config{Store: cj, Accounts: cj, Recorder: group, Catalog: c, Base: builtinBase, Now: func() time.Time { return e.at }, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	e.h = fromLoopback(e.srv.Handler())
	t.Cleanup(func() { e.srv.Close(); group.Close(); st.Close() })
	e.screen(map[string]bool{})
	sid := e.start("quick-daily-reset", "cost", 2)
	attempt := 0
	record := func(headers map[string]string) {
		t.Helper()
		attempt++
		at := now.Add(time.Minute)
		body := fmt.Sprintf(`{"type":"exercise","index":0,"attempt":%d,"exercise_id":"chin-tucks","outcome":"done","amount":{},"seconds":30,"started_at":%q,"ended_at":%q}`,
			attempt, at.Format(time.RFC3339), at.Add(time.Minute).Format(time.RFC3339))
		if r := e.do("POST", "/api/v1/sessions/"+sid+"/events", body, headers); r.Code != http.StatusOK {
			t.Fatalf("outcome %d: %d %s", attempt, r.Code, r.Body)
		}
	}
	const n = 20
	record(nil)
	cj.reads()
	for range n {
		record(nil)
	}
	got := cj.reads()
	for _, what := range []string{"version " + account.LocalID, "accounts exist", "library"} {
		if got[what] != 0 {
			t.Errorf("without accounts, %d outcomes read %q %d times, want none (all reads: %v)", n, what, got[what], got)
		}
	}

	ctx := context.Background()
	pat, _, err := st.CreateUser(ctx, "pat", account.RolePerson, now, store.AdoptLocal)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := st.CreateToken(ctx, pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	link, err := st.CreateSignInLink(ctx, pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	var cookie map[string]string
	for _, ck := range e.openLink(link, nil).Result().Cookies() {
		if ck.Name == "unhunch_session" {
			cookie = map[string]string{"Cookie": ck.Name + "=" + ck.Value}
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie")
	}
	for _, c := range []struct {
		name    string
		headers map[string]string
		want    map[string]int
	}{
		{"bearer token", map[string]string{"Authorization": "Bearer " + tok}, map[string]int{"token": 1}},
		{"session cookie", cookie, map[string]int{"account": 1}}, // the session itself was kept when it was saved
	} {
		cj.reads()
		for range n {
			record(c.headers)
		}
		got := cj.reads()
		for _, what := range []string{"token", "session", "account", "version " + pat.ID, "accounts exist", "library"} {
			if got[what] != c.want[what] {
				t.Errorf("%s: %d outcomes read %q %d times, want %d (all reads: %v)", c.name, n, what, got[what], c.want[what], got)
			}
		}
	}
}
