// Package account says who is asking and whose journal a request reads
// and writes (issue 17): people with an account and their role, and the
// caller carried in a context.Context, as in WTF Dial's dial.go.
//
// A server without accounts has one person, the local person (LocalID): the
// journal kept on one computer. Once accounts exist, every request carries
// the signed-in user (NewContext), and every journal query is scoped to the
// person PersonID names; another person's data is "not found". A clinician
// reads a patient's journal through ForPerson, only after the care link is
// checked and the opening written to the audit log.
//
// The package is plain Go: no I/O, no clock.
package account

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// Role is what an account may do.
type Role string

// The roles, from least to most.
const (
	// RolePerson keeps their own journal and sees only it.
	RolePerson Role = "person"
	// RoleClinician also invites people, prescribes routines and follows
	// the people who accepted, and only them.
	RoleClinician Role = "clinician"
	// RoleAdmin also manages accounts; an admin sees no one's journal
	// but their own.
	RoleAdmin Role = "admin"
)

// Roles lists every role, in the order they are offered.
var Roles = []Role{RolePerson, RoleClinician, RoleAdmin}

// ParseRole reads a role by its name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", unhunch.E(unhunch.EInvalid, message.AccountBadRole, s)
}

// LocalID is the id of the local person: the one person of a server with
// no accounts, who owns the journal kept on this computer before accounts.
// The first person account made on a journal that has local data takes
// this id, so that the history kept so far becomes theirs.
const LocalID = "local"

// User is someone with an account.
type User struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Role    Role      `json:"role"`
	Created time.Time `json:"created"`
	// SessionGen is the account's session generation: a web session
	// signed in at another generation has ended (signed out everywhere,
	// or the password changed). Never shown.
	SessionGen int64 `json:"-"`
}

// IsClinician reports whether u may invite and follow people.
func (u *User) IsClinician() bool { return u != nil && u.Role == RoleClinician }

// IsAdmin reports whether u may manage accounts.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// MaxName is the longest account name, in characters.
const MaxName = 64

// CheckName returns an EInvalid error unless name can name an account:
// 1–64 characters of letters, digits, '.', '-', '_' or '@', starting with a
// letter or digit, so that it can be typed on a command line and shown
// without surprises. Names are compared as given (case matters).
func CheckName(name string) error {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > MaxName {
		return unhunch.E(unhunch.EInvalid, message.AccountBadName, name, MaxName)
	}
	for i, r := range name {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || (i > 0 && strings.ContainsRune(".-_@", r))
		if !ok {
			return unhunch.E(unhunch.EInvalid, message.AccountBadName, name, MaxName)
		}
	}
	return nil
}

type userKey struct{}

type personKey struct{}

// NewContext returns ctx carrying u as the signed-in user.
func NewContext(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// FromContext returns the signed-in user, or nil when no one is (a server
// without accounts, the command line).
func FromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}

// ForPerson returns ctx whose journal reads and writes go to the person
// with id: a clinician reading a patient's data, once the care link is
// checked and the opening audited. Only code that has made those checks
// calls it.
func ForPerson(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, personKey{}, id)
}

// PersonID returns whose journal ctx reads and writes: the person set by
// ForPerson, else the signed-in user, else the local person (LocalID).
func PersonID(ctx context.Context) string {
	if id, ok := ctx.Value(personKey{}).(string); ok && id != "" {
		return id
	}
	if u := FromContext(ctx); u != nil {
		return u.ID
	}
	return LocalID
}
