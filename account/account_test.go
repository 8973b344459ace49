package account_test

import (
	"context"
	"strings"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
)

func TestCheckName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"pat", true}, {"Dr.Lee", true}, {"a_b-c@clinic", true}, {"Zoë", true}, {"7", true},
		{strings.Repeat("a", account.MaxName), true},
		{"", false}, {strings.Repeat("a", account.MaxName+1), false}, {"two words", false},
		{"-dash", false}, {".dot", false}, {"a\nb", false}, {"a/b", false}, {"a;b", false},
	} {
		err := account.CheckName(c.name)
		if (err == nil) != c.ok {
			t.Errorf("CheckName(%q) = %v, want ok %v", c.name, err, c.ok)
		}
		if err != nil && unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("CheckName(%q): code %s", c.name, unhunch.ErrorCode(err))
		}
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range account.Roles {
		if got, err := account.ParseRole(string(r)); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	for _, bad := range []string{"", "Person", "root", "doctor"} {
		if _, err := account.ParseRole(bad); unhunch.ErrorCode(err) != unhunch.EInvalid || !strings.Contains(err.Error(), "person, clinician or admin") {
			t.Errorf("ParseRole(%q): %v", bad, err)
		}
	}
}

// Whose journal a request reads: the patient a clinician opened, else the
// signed-in user, else the local person.
func TestPersonID(t *testing.T) {
	ctx := context.Background()
	lee := &account.User{ID: "L", Role: account.RoleClinician}
	for _, c := range []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"no one", ctx, account.LocalID},
		{"signed in", account.NewContext(ctx, lee), "L"},
		{"a patient opened", account.ForPerson(account.NewContext(ctx, lee), "P"), "P"},
		{"empty patient", account.ForPerson(account.NewContext(ctx, lee), ""), "L"},
	} {
		if got := account.PersonID(c.ctx); got != c.want {
			t.Errorf("%s: PersonID = %q, want %q", c.name, got, c.want)
		}
	}
	if account.FromContext(ctx) != nil || account.FromContext(account.NewContext(ctx, lee)) != lee {
		t.Error("FromContext")
	}
	if !lee.IsClinician() || lee.IsAdmin() || (*account.User)(nil).IsClinician() {
		t.Error("roles")
	}
}
