package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// Issue 17: accounts and script tokens on both engines; the first person
// account made on a journal with local data takes the local person's id.
func TestUsersAndTokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		if has, err := st.HasAccounts(ctx); err != nil || has {
			t.Fatalf("a new journal has accounts: %v, %v", has, err)
		}
		admin, adopted, err := st.CreateUser(ctx, "ada", account.RoleAdmin, base)
		if err != nil || adopted || admin.ID == account.LocalID {
			t.Fatalf("admin: %+v adopted=%v, %v", admin, adopted, err)
		}
		if _, _, err := st.CreateUser(ctx, "ada", account.RolePerson, base); unhunch.ErrorCode(err) != unhunch.EConflict {
			t.Errorf("a taken name: %v, want a conflict", err)
		}
		for _, bad := range []string{"", "two words", "-dash", "a\nb"} {
			if _, _, err := st.CreateUser(ctx, bad, account.RolePerson, base); unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Errorf("name %q: %v, want invalid", bad, err)
			}
		}
		if _, _, err := st.CreateUser(ctx, "bob", account.Role("root"), base); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("role root: %v, want invalid", err)
		}
		if _, _, err := st.CreateUser(ctx, "early", account.RolePerson, base, store.AdoptLocal); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("taking over a journal with nothing in it: %v", err)
		}
		// Local data, then a person: they take it over.
		if _, err := st.StartSession(ctx, &journal.Session{RoutineID: "quick-daily-reset", Status: journal.Active, StartedAt: base, TimeScale: 1}); err != nil {
			t.Fatal(err)
		}
		// Only asked for: a person made without --adopt leaves it apart.
		tom, adopted, err := st.CreateUser(ctx, "tom", account.RolePerson, base)
		if err != nil || adopted || tom.ID == account.LocalID {
			t.Fatalf("a person without AdoptLocal on local data: %+v adopted=%v, %v", tom, adopted, err)
		}
		if has, err := st.HasLocalJournal(ctx); err != nil || !has {
			t.Errorf("the local journal is still there to take: %v, %v", has, err)
		}
		if _, _, err := st.CreateUser(ctx, "boss", account.RoleClinician, base, store.AdoptLocal); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("a clinician taking over: %v", err)
		}
		pat, adopted, err := st.CreateUser(ctx, "pat", account.RolePerson, base, store.AdoptLocal)
		if err != nil || !adopted || pat.ID != account.LocalID {
			t.Fatalf("first person on local data: %+v adopted=%v, %v", pat, adopted, err)
		}
		if _, _, err := st.CreateUser(ctx, "again", account.RolePerson, base, store.AdoptLocal); unhunch.ErrorCode(err) != unhunch.EConflict {
			t.Errorf("taking over a second time: %v", err)
		}
		if has, err := st.HasLocalJournal(ctx); err != nil || has {
			t.Errorf("the local journal is pat's now, nothing left to take: %v, %v", has, err)
		}
		sam, adopted, err := st.CreateUser(ctx, "sam", account.RolePerson, base)
		if err != nil || adopted || sam.ID == account.LocalID {
			t.Fatalf("second person: %+v adopted=%v, %v", sam, adopted, err)
		}
		if has, err := st.HasAccounts(ctx); err != nil || !has {
			t.Fatalf("has accounts: %v, %v", has, err)
		}
		users, err := st.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]*account.User{admin, pat, sam, tom}, users); diff != "" {
			t.Errorf("users (-want +got):\n%s", diff)
		}
		got, err := st.UserByName(ctx, "sam")
		if err != nil || got.ID != sam.ID {
			t.Errorf("by name: %+v, %v", got, err)
		}
		if _, err := st.User(ctx, "nobody"); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("unknown id: %v", err)
		}
		token, err := st.CreateToken(ctx, sam.ID, base)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := st.UserByToken(ctx, token); err != nil || got.ID != sam.ID {
			t.Errorf("by token: %+v, %v", got, err)
		}
		for _, bad := range []string{"", token + "x", "uh_nothing", token[3:]} {
			if _, err := st.UserByToken(ctx, bad); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
				t.Errorf("token %q: %v, want unauthorized", bad, err)
			}
		}
		if _, err := st.CreateToken(ctx, "nobody", base); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("token for nobody: %v", err)
		}
		if n, err := st.RevokeTokens(ctx, sam.ID); err != nil || n != 1 {
			t.Errorf("revoke sam's tokens: %d, %v", n, err)
		}
		if _, err := st.UserByToken(ctx, token); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("a revoked token: %v", err)
		}
	})
}

// Issue 17: a sign-in link works once and for store.LinkLife, even when two
// servers race with it; web sessions are kept and expire, on both engines.
func TestSignInLinksAndWebSessions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		pat, _, err := st.CreateUser(ctx, "pat", account.RolePerson, base)
		if err != nil {
			t.Fatal(err)
		}
		link, err := st.CreateSignInLink(ctx, pat.ID, base)
		if err != nil {
			t.Fatal(err)
		}
		other := openAt(t, url, dir) // a second server on the same journal
		results := make(chan error, 2)
		for _, s := range []*store.Store{st, other} {
			go func() {
				_, err := s.UseSignInLink(ctx, link, base.Add(time.Minute))
				results <- err
			}()
		}
		var ok, refused int
		for range 2 {
			switch err := <-results; unhunch.ErrorCode(err) {
			case "":
				ok++
			case unhunch.EUnauthorized:
				refused++
			default:
				t.Errorf("racing for one link: %v", err)
			}
		}
		if ok != 1 || refused != 1 {
			t.Errorf("two uses of one link: %d signed in, %d refused; want 1 and 1", ok, refused)
		}
		late, _ := st.CreateSignInLink(ctx, pat.ID, base)
		if _, err := st.UseSignInLink(ctx, late, base.Add(store.LinkLife)); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("a link past its life: %v", err)
		}
		fresh, _ := st.CreateSignInLink(ctx, pat.ID, base)
		if u, err := st.UseSignInLink(ctx, fresh, base.Add(store.LinkLife-time.Second)); err != nil || u.ID != pat.ID {
			t.Errorf("a link just in time: %+v, %v", u, err)
		}
		ws := st.WebSessions()
		if err := ws.CommitCtx(ctx, "tok", []byte("data"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, found, err := other.WebSessions().FindCtx(ctx, "tok"); err != nil || !found || string(b) != "data" {
			t.Errorf("a session seen by the other server: %q %v %v", b, found, err)
		}
		if err := ws.CommitCtx(ctx, "old", []byte("x"), time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, found, err := ws.FindCtx(ctx, "old"); err != nil || found {
			t.Errorf("an expired session found: %v %v", found, err)
		}
		if err := ws.DeleteCtx(ctx, "tok"); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := ws.FindCtx(ctx, "tok"); found {
			t.Error("a deleted session found")
		}
	})
}
