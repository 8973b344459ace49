package store_test

import (
	"context"
	"testing"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// Issue 16: a server knows the version its own write left a journal at
// without reading it (LocalWrite, on both the one-by-one and the group
// commit path), and the version of what people share (SharedID) moves when
// an account is made or the library changes, never when a person records
// their sessions, so that recording does not make a server ask again
// whether accounts exist.
func TestLocalWriteAndSharedVersion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		other := openAt(t, url, dir) // another process on the same journal
		shared := account.ForPerson(ctx, store.SharedID)
		versionOf := func(ctx context.Context) int64 {
			t.Helper()
			v, err := other.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		// wrote checks that st knows the version its last write left the
		// journal of person at, and that it is the one another reader reads.
		wrote := func(what, person string, writes uint64) {
			t.Helper()
			lw := st.LocalWrite(person)
			if v := versionOf(account.ForPerson(ctx, person)); lw.Writes != writes || lw.Version != v || lw.At.IsZero() {
				t.Errorf("%s: LocalWrite(%q) = %+v, want %d writes at version %d", what, person, lw, writes, v)
			}
		}
		if lw := st.LocalWrite(account.LocalID); lw != (store.LocalWrite{}) {
			t.Errorf("before any write: %+v", lw)
		}

		s := &journal.Session{RoutineID: "r", Owner: store.WebOwner, StartedAt: base, PlannedExercises: 3}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		wrote("a session started", account.LocalID, 1)
		if err := st.RecordExercise(ctx, s.ID, perf(0, "chin-tucks", journal.Done, base)); err != nil {
			t.Fatal(err)
		}
		wrote("an outcome saved alone", account.LocalID, 2)
		g := st.NewGroup(4)
		if err := g.RecordExercise(ctx, s.ID, perf(1, "wall-angels", journal.Done, base)); err != nil {
			t.Fatal(err)
		}
		g.Close()
		wrote("an outcome saved by the group", account.LocalID, 3)
		// Another process's write is not this one's: st's count stays,
		// and the version it knows is the one its own write left.
		if err := other.RecordExercise(ctx, s.ID, perf(2, "chin-tucks", journal.Done, base)); err != nil {
			t.Fatal(err)
		}
		if lw := st.LocalWrite(account.LocalID); lw.Writes != 3 || lw.Version != versionOf(ctx)-1 {
			t.Errorf("after another process wrote: %+v, journal at %d", lw, versionOf(ctx))
		}
		if v := versionOf(shared); v != 0 || st.LocalWrite(store.SharedID).Writes != 0 {
			t.Errorf("sessions and outcomes moved what people share: version %d, %+v", v, st.LocalWrite(store.SharedID))
		}

		if _, _, err := st.CreateUser(ctx, "pat", account.RolePerson, base); err != nil {
			t.Fatal(err)
		}
		wrote("an account made", store.SharedID, 1)
		ex := custom.Entry{Kind: custom.KindExercise, ID: "neck-rolls", Body: "id: neck-rolls\nname: Neck rolls\n"}
		if err := st.AddCustom(ctx, []custom.Entry{ex}, nil, base); err != nil {
			t.Fatal(err)
		}
		wrote("the library changed", store.SharedID, 2)
		if versionOf(shared) != 2 {
			t.Errorf("what people share is at %d after an account and a library change, want 2", versionOf(shared))
		}
	})
}

// Issue 16: a process counts its own changes to accounts, tokens and
// passwords, so that a server's cache of who a token or a session is can
// let them go at once.
func TestAccountChanges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		n := st.AccountChanges()
		step := func(what string, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if got := st.AccountChanges(); got <= n {
				t.Errorf("%s: AccountChanges stayed at %d", what, got)
			}
			n = st.AccountChanges()
		}
		u, _, err := st.CreateUser(ctx, "pat", account.RolePerson, base)
		step("account made", err)
		_, err = st.CreateToken(ctx, u.ID, base)
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.RevokeTokens(ctx, u.ID)
		step("tokens revoked", err)
		step("password set", st.SetPassword(ctx, u.ID, "a long enough password", base))
		_, err = st.EraseUser(ctx, u.ID)
		step("account erased", err)
	})
}
