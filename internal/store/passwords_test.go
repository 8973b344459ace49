package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
)

// Issue 17: passwords (argon2id, a salt each) and calendar tokens on both
// engines; a wrong name and a wrong password are the same answer.
func TestPasswordsAndCalendarTokens(t *testing.T) {
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
		if _, err := st.CheckPassword(ctx, "pat", "correct horse battery"); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("no password set yet: %v, want unauthorized", err)
		}
		for _, bad := range []string{"", "short", strings.Repeat("x", 1025), "abcdefghi\xff"} {
			if err := st.SetPassword(ctx, pat.ID, bad, base); unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Errorf("password %q: %v, want invalid", bad, err)
			}
		}
		if err := st.SetPassword(ctx, "nobody", "correct horse battery", base); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("unknown account: %v, want not found", err)
		}
		for _, u := range []*account.User{pat, sam} {
			// The same password for both: the salts make the hashes differ.
			if err := st.SetPassword(ctx, u.ID, "correct horse battery", base); err != nil {
				t.Fatal(err)
			}
		}
		if has, err := st.HasPassword(ctx, pat.ID); err != nil || !has {
			t.Errorf("has password: %v, %v", has, err)
		}
		var hashes []string
		rows, err := st.DB().QueryContext(ctx, `SELECT hash FROM passwords ORDER BY user_id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var h string
			rows.Scan(&h)
			hashes = append(hashes, h)
		}
		rows.Close()
		if len(hashes) != 2 || hashes[0] == hashes[1] || !strings.HasPrefix(hashes[0], "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(hashes[0], "horse") {
			t.Errorf("stored hashes: %q", hashes)
		}
		got, err := st.CheckPassword(ctx, "pat", "correct horse battery")
		if err != nil || got.ID != pat.ID || got.Role != account.RolePerson {
			t.Errorf("right password: %+v, %v", got, err)
		}
		var msgs []string
		for _, c := range []struct{ name, password string }{
			{"pat", "correct horse batterY"},
			{"nobody", "correct horse battery"},
			{"pat", ""},
			{"pat", strings.Repeat("y", 2000)},
		} {
			_, err := st.CheckPassword(ctx, c.name, c.password)
			if unhunch.ErrorCode(err) != unhunch.EUnauthorized {
				t.Errorf("%s/%q: %v, want unauthorized", c.name, c.password, err)
			}
			if err != nil {
				msgs = append(msgs, err.Error())
			}
		}
		for _, m := range msgs {
			if m != msgs[0] {
				t.Errorf("a wrong name and a wrong password answer differently: %q vs %q", m, msgs[0])
			}
		}
		// Changing it: the old one stops working.
		if err := st.SetPassword(ctx, pat.ID, "a new and longer one", base); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CheckPassword(ctx, "pat", "correct horse battery"); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("old password after a change: %v", err)
		}
		if _, err := st.CheckPassword(ctx, "pat", "a new and longer one"); err != nil {
			t.Errorf("new password: %v", err)
		}

		first, err := st.CreateCalendarToken(ctx, pat.ID, base)
		if err != nil || !strings.HasPrefix(first, "uhcal_") {
			t.Fatalf("calendar token: %q, %v", first, err)
		}
		if got, err := st.UserByCalendarToken(ctx, first); err != nil || got.ID != pat.ID {
			t.Errorf("by calendar token: %+v, %v", got, err)
		}
		second, err := st.CreateCalendarToken(ctx, pat.ID, base)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{first, "", "uhcal_x", second + "x"} {
			if _, err := st.UserByCalendarToken(ctx, bad); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
				t.Errorf("calendar token %q: %v, want unauthorized", bad, err)
			}
		}
		if got, err := st.UserByCalendarToken(ctx, second); err != nil || got.ID != pat.ID {
			t.Errorf("new calendar token: %+v, %v", got, err)
		}
		if _, err := st.CreateCalendarToken(ctx, "nobody", base); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("calendar token for nobody: %v", err)
		}
	})
}
