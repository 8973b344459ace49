package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
)

// UserOption changes how CreateUser makes an account.
type UserOption int

const (
	// AdoptLocal makes a person account take over the journal kept on this
	// server before accounts (the local person's): it takes the local
	// person's id, so that the history kept so far becomes theirs. Only
	// asked for, never assumed: the first account made on a laptop may be
	// someone else's (issue 17's review).
	AdoptLocal UserOption = iota + 1
)

// CreateUser makes an account called name with role. Names are unique (a
// taken name is EConflict). With AdoptLocal, a person account takes over
// the local journal (adopted reports it); that is EConflict when another
// account took it already and EInvalid when there is nothing to take or
// the role is not a person's. It raises the version of what people share
// (SharedID) and the local person's (whoever ctx names), so that a server
// that served without accounts notices the first one at once.
func (s *Store) CreateUser(ctx context.Context, name string, role account.Role, at time.Time, opts ...UserOption) (u *account.User, adopted bool, err error) {
	adopt := slices.Contains(opts, AdoptLocal)
	if adopt && role != account.RolePerson {
		return nil, false, unhunch.E(unhunch.EInvalid, message.AccountAdoptRole, string(role))
	}
	if err := account.CheckName(name); err != nil {
		return nil, false, err
	}
	if _, err := account.ParseRole(string(role)); err != nil {
		return nil, false, err
	}
	u = &account.User{ID: NewID(), Name: name, Role: role, Created: at.UTC().Truncate(time.Millisecond)}
	err = s.writeTx(alsoShared(account.ForPerson(ctx, account.LocalID)), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE name = $1`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return unhunch.E(unhunch.EConflict, message.AccountNameTaken, name)
		}
		if adopt {
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, account.LocalID).Scan(&taken); err != nil {
				return err
			}
			if taken > 0 {
				return unhunch.E(unhunch.EConflict, message.AccountAdoptTaken)
			}
			local, err := hasLocalData(ctx, tx)
			if err != nil {
				return err
			}
			if !local {
				return unhunch.E(unhunch.EInvalid, message.AccountAdoptNothing)
			}
			u.ID, adopted = account.LocalID, true
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO users (id, name, role, created_at) VALUES ($1, $2, $3, $4)`,
			u.ID, u.Name, string(u.Role), millis(u.Created))
		return err
	})
	if err != nil {
		return nil, false, s.fail("create user "+name, err)
	}
	s.accountChanges.Add(1) // an id may name another account now
	return u, adopted, nil
}

// HasLocalJournal reports whether the journal kept before accounts (the
// local person's) holds anything and no account has taken it over: what
// `users add --adopt` would take.
func (s *Store) HasLocalJournal(ctx context.Context) (bool, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return false, s.fail("read the local journal", err)
	}
	defer tx.Rollback()
	has, err := hasLocalData(ctx, tx)
	return has, s.fail("read the local journal", err)
}

// hasLocalData reports whether the local person's journal holds anything
// and no account owns it yet.
func hasLocalData(ctx context.Context, tx *sql.Tx) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, account.LocalID).Scan(&n); err != nil || n > 0 {
		return false, err
	}
	for _, q := range []string{`SELECT COUNT(*) FROM sessions WHERE person_id = $1`, `SELECT COUNT(*) FROM screenings WHERE person_id = $1`} {
		if err := tx.QueryRowContext(ctx, q, account.LocalID).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

const userColumns = `id, name, role, created_at, session_gen`

// userColumnsOf is userColumns of the users table named t in a join.
func userColumnsOf(t string) string {
	return t + ".id, " + t + ".name, " + t + ".role, " + t + ".created_at, " + t + ".session_gen"
}

// scanUser reads one row of userColumns.
func scanUser(row interface{ Scan(...any) error }) (*account.User, error) {
	var u account.User
	var role string
	var created int64
	if err := row.Scan(&u.ID, &u.Name, &role, &created, &u.SessionGen); err != nil {
		return nil, err
	}
	u.Role, u.Created = account.Role(role), fromMillis(created)
	return &u, nil
}

// User returns the account with id, or ENotFound.
func (s *Store) User(ctx context.Context, id string) (*account.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, id)
	}
	return u, s.fail("read user "+id, err)
}

// UserByName returns the account called name, or ENotFound.
func (s *Store) UserByName(ctx context.Context, name string) (*account.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, name)
	}
	return u, s.fail("read user "+name, err)
}

// Users lists every account by name.
func (s *Store) Users(ctx context.Context) ([]*account.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, s.fail("list users", err)
	}
	defer rows.Close()
	var out []*account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, s.fail("list users", err)
		}
		out = append(out, u)
	}
	return out, s.fail("list users", rows.Err())
}

// HasAccounts reports whether any account exists: a server with none
// serves the local person alone, on loopback, without sign-in.
func (s *Store) HasAccounts(ctx context.Context) (bool, error) {
	if err := s.beginHead(ctx); err != nil {
		return false, s.fail("count users", err)
	}
	defer s.endHead()
	st, err := s.stmt(ctx, hasAccountsSQL)
	if err != nil {
		return false, s.fail("count users", err)
	}
	var n int
	err = st.QueryRowContext(ctx).Scan(&n)
	return n > 0, s.fail("count users", err)
}

// tokenPrefix starts every script token, so that one pasted in the wrong
// place can be recognised.
const tokenPrefix = "uh_"

// CreateToken makes a token for scripts that acts as the account with
// userID (sent as "Authorization: Bearer TOKEN"). Only its SHA-256 is kept:
// the token is returned once and cannot be shown again.
func (s *Store) CreateToken(ctx context.Context, userID string, at time.Time) (string, error) {
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, userID)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (hash, user_id, created_at) VALUES ($1, $2, $3)`,
			tokenHash(token), userID, millis(at))
		return err
	})
	if err != nil {
		return "", s.fail("create token for "+userID, err)
	}
	return token, nil
}

// UserByToken returns the account a script token acts as; an unknown or
// revoked token is EUnauthorized.
func (s *Store) UserByToken(ctx context.Context, token string) (*account.User, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return nil, unhunch.E(unhunch.EUnauthorized, message.AccountBadToken)
	}
	st, err := s.stmt(ctx, `SELECT `+userColumnsOf("u")+` FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1`)
	if err != nil {
		return nil, s.fail("read token", err)
	}
	u, err := scanUser(st.QueryRowContext(ctx, tokenHash(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unhunch.E(unhunch.EUnauthorized, message.AccountBadToken)
	}
	return u, s.fail("read token", err)
}

// tokenHash is what is kept of a token: its SHA-256, in hex.
func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// RevokeTokens ends every script token of the account with userID (a lost
// laptop, a leaked token) and returns how many there were; the account and
// its sign-in stay as they are.
func (s *Store) RevokeTokens(ctx context.Context, userID string) (int64, error) {
	var n int64
	err := s.write(func() error {
		r, err := s.db.ExecContext(ctx, `DELETE FROM api_tokens WHERE user_id = $1`, userID)
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	s.accountChanges.Add(1)
	return n, s.fail("revoke tokens of "+userID, err)
}
