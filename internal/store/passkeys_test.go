package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
)

// Issue 17: passkeys on both engines. Each account has one stable user
// handle; a passkey is kept once, listed for its own account only, found by
// its account's handle, signs in only with a counter that moved on (two
// servers racing with one counter: one wins), is removed only by its own
// account, and signs in no one once its account is gone.
func TestPasskeys(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		pat, _, err := st.CreateUser(ctx, "pat", account.RolePerson, base)
		if err != nil {
			t.Fatal(err)
		}
		sam, _, err := st.CreateUser(ctx, "sam", account.RolePerson, base)
		if err != nil {
			t.Fatal(err)
		}
		handle, err := st.PasskeyHandle(ctx, pat.ID)
		if err != nil || len(handle) != store.HandleSize {
			t.Fatalf("pat's handle: %x, %v", handle, err)
		}
		if again, err := st.PasskeyHandle(ctx, pat.ID); err != nil || !bytes.Equal(again, handle) {
			t.Errorf("pat's handle again: %x, %v; want the same %x", again, err, handle)
		}
		samHandle, err := st.PasskeyHandle(ctx, sam.ID)
		if err != nil || bytes.Equal(samHandle, handle) {
			t.Errorf("sam's handle: %x, %v", samHandle, err)
		}
		if _, err := st.PasskeyHandle(ctx, "nobody"); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("handle for nobody: %v", err)
		}

		phone := &store.Passkey{ID: []byte{1, 2, 3, 250}, UserID: pat.ID, Name: "Passkey on Android", PublicKey: []byte("cose key"),
			SignCount: 4, Flags: 0x1d, Transports: []string{"hybrid", "internal"}, AAGUID: bytes.Repeat([]byte{7}, 16),
			Format: "none", Created: base}
		laptop := &store.Passkey{ID: []byte("laptop"), UserID: pat.ID, Name: "Passkey on Linux", PublicKey: []byte("other key"),
			Flags: 0x05, AAGUID: make([]byte, 16), Format: "packed", Created: base.Add(time.Hour)}
		for _, p := range []*store.Passkey{laptop, phone} {
			if err := st.AddPasskey(ctx, p); err != nil {
				t.Fatalf("add %s: %v", p.Name, err)
			}
		}
		if err := st.AddPasskey(ctx, &store.Passkey{ID: phone.ID, UserID: sam.ID, Name: "x", AAGUID: make([]byte, 16), Created: base}); unhunch.ErrorCode(err) != unhunch.EConflict {
			t.Errorf("pat's credential id again, for sam: %v, want a conflict", err)
		}
		if err := st.AddPasskey(ctx, &store.Passkey{ID: []byte("n"), UserID: "nobody", Name: "x", Created: base}); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("a passkey for nobody: %v", err)
		}
		list, err := st.Passkeys(ctx, pat.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]*store.Passkey{phone, laptop}, list); diff != "" {
			t.Errorf("pat's passkeys (-want +got):\n%s", diff)
		}
		if list, err := st.Passkeys(ctx, sam.ID); err != nil || len(list) != 0 {
			t.Errorf("sam's passkeys: %v, %v", list, err)
		}
		u, keys, err := st.PasskeyUser(ctx, handle)
		if err != nil || u.ID != pat.ID || len(keys) != 2 {
			t.Errorf("by pat's handle: %+v %d passkeys, %v", u, len(keys), err)
		}
		if _, _, err := st.PasskeyUser(ctx, []byte("no such handle")); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("an unknown handle: %v", err)
		}

		// The counter must move on; a counter kept at zero stays usable.
		used := base.Add(2 * time.Hour)
		if err := st.UsePasskey(ctx, pat.ID, phone.ID, 5, 0x1d, used); err != nil {
			t.Fatalf("use the phone's passkey: %v", err)
		}
		if err := st.UsePasskey(ctx, pat.ID, phone.ID, 5, 0x1d, used.Add(time.Minute)); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("the same counter again: %v, want refused", err)
		}
		if err := st.UsePasskey(ctx, pat.ID, phone.ID, 3, 0x1d, used.Add(time.Minute)); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("a counter gone back: %v, want refused", err)
		}
		for range 2 {
			if err := st.UsePasskey(ctx, pat.ID, laptop.ID, 0, 0x05, used); err != nil {
				t.Errorf("a passkey that keeps no counter: %v", err)
			}
		}
		if err := st.UsePasskey(ctx, sam.ID, phone.ID, 9, 0x1d, used); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("sam using pat's passkey: %v, want not found", err)
		}
		list, _ = st.Passkeys(ctx, pat.ID)
		if len(list) != 2 || list[0].SignCount != 5 || !list[0].LastUsed.Equal(used) || !list[1].LastUsed.Equal(used) {
			t.Errorf("after use: %+v %+v", list[0], list[1])
		}

		// Two servers accept one counter once.
		other := openAt(t, url, dir)
		results := make(chan error, 2)
		for _, s := range []*store.Store{st, other} {
			go func() { results <- s.UsePasskey(ctx, pat.ID, phone.ID, 6, 0x1d, used) }()
		}
		var ok, refused int
		for range 2 {
			switch err := <-results; unhunch.ErrorCode(err) {
			case "":
				ok++
			case unhunch.EUnauthorized:
				refused++
			default:
				t.Errorf("racing with one counter: %v", err)
			}
		}
		if ok != 1 || refused != 1 {
			t.Errorf("one counter at two servers: %d accepted, %d refused; want 1 and 1", ok, refused)
		}

		if err := st.RemovePasskey(ctx, sam.ID, phone.ID); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("sam removing pat's passkey: %v, want not found", err)
		}
		if err := st.RemovePasskey(ctx, pat.ID, phone.ID); err != nil {
			t.Errorf("pat removing the phone's passkey: %v", err)
		}
		if err := st.RemovePasskey(ctx, pat.ID, phone.ID); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("removing it twice: %v", err)
		}
		if err := st.UsePasskey(ctx, pat.ID, phone.ID, 7, 0x1d, used); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("a removed passkey used: %v, want not found", err)
		}
		if _, keys, err := st.PasskeyUser(ctx, handle); err != nil || len(keys) != 1 || !bytes.Equal(keys[0].ID, laptop.ID) {
			t.Errorf("pat's passkeys after removing one: %v, %v", keys, err)
		}

		// The account removed: its handle finds no one.
		db := raw(t, url, dir)
		if _, err := db.ExecContext(ctx, `DELETE FROM passkeys WHERE user_id = $1`, pat.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM passkey_handles WHERE user_id = $1`, pat.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, pat.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.PasskeyUser(ctx, handle); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("the handle of a removed account: %v, want not found", err)
		}
	})
}

// Issue 17: removing an account removes its passkeys and its handle with
// it (the foreign keys cascade on both engines).
func TestPasskeysGoWithTheAccount(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		pat, _, err := st.CreateUser(ctx, "pat", account.RolePerson, base)
		if err != nil {
			t.Fatal(err)
		}
		handle, err := st.PasskeyHandle(ctx, pat.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.AddPasskey(ctx, &store.Passkey{ID: []byte("k"), UserID: pat.ID, Name: "k", AAGUID: make([]byte, 16), Created: base}); err != nil {
			t.Fatal(err)
		}
		if err := st.RemoveUserForTest(ctx, pat.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.PasskeyUser(ctx, handle); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("the handle of a removed account: %v", err)
		}
		if list, err := st.Passkeys(ctx, pat.ID); err != nil || len(list) != 0 {
			t.Errorf("passkeys left of a removed account: %v, %v", list, err)
		}
	})
}
