package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
)

// LinkLife is how long a sign-in link can be used: long enough to reach
// the phone it was meant for, short enough that an old message is no key.
const LinkLife = 24 * time.Hour

// CreateSignInLink makes a one-time sign-in link token for the account
// with userID, usable until at+LinkLife. Only its SHA-256 is kept.
func (s *Store) CreateSignInLink(ctx context.Context, userID string, at time.Time) (string, error) {
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	token := base64.RawURLEncoding.EncodeToString(b[:])
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, userID)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO signin_links (hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			tokenHash(token), userID, millis(at), millis(at.Add(LinkLife)))
		return err
	})
	if err != nil {
		return "", s.fail("create sign-in link for "+userID, err)
	}
	return token, nil
}

// UseSignInLink spends a sign-in link at time at and returns its account.
// A link works once: used, expired or unknown, it is EUnauthorized, and the
// message says to ask for a new one.
func (s *Store) UseSignInLink(ctx context.Context, token string, at time.Time) (*account.User, error) {
	var u *account.User
	err := s.write(func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		// Spent in the UPDATE itself, so that two servers (or two taps)
		// racing with one link sign in once.
		r, err := tx.ExecContext(ctx, `UPDATE signin_links SET used_at = $1 WHERE hash = $2 AND used_at IS NULL AND expires_at > $1`,
			millis(at), tokenHash(token))
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n != 1 {
			if err == nil {
				err = unhunch.E(unhunch.EUnauthorized, message.AccountBadLink)
			}
			return err
		}
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumnsOf("u")+` FROM signin_links l JOIN users u ON u.id = l.user_id WHERE l.hash = $1`, tokenHash(token)))
		if err != nil {
			return err
		}
		return tx.Commit()
	})
	if err != nil {
		return nil, s.fail("use sign-in link", err)
	}
	return u, nil
}

// WebSessions returns the web app's session store (scs.CtxStore) kept in this
// database, so that every server on one PostgreSQL knows every sign-in.
func (s *Store) WebSessions() scs.CtxStore { return webSessions{s} }

// webSessions keeps scs's sessions in the web_sessions table.
type webSessions struct{ s *Store }

// Find returns a session's data; expired ones are not found.
func (w webSessions) Find(token string) ([]byte, bool, error) {
	return w.FindCtx(context.Background(), token)
}

// Commit saves a session's data until expiry.
func (w webSessions) Commit(token string, b []byte, expiry time.Time) error {
	return w.CommitCtx(context.Background(), token, b, expiry)
}

// Delete removes a session.
func (w webSessions) Delete(token string) error { return w.DeleteCtx(context.Background(), token) }

// FindCtx returns a session's data; expired ones are not found.
func (w webSessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	st, err := w.s.stmt(ctx, `SELECT data FROM web_sessions WHERE token = $1 AND expiry > $2`)
	if err != nil {
		return nil, false, w.s.fail("read web session", err)
	}
	var data string
	err = st.QueryRowContext(ctx, token, millis(time.Now())).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, w.s.fail("read web session", err)
	}
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return nil, false, nil // a damaged row is no session
	}
	return b, true, nil
}

// CommitCtx saves a session's data until expiry, and sweeps expired ones
// now and then.
func (w webSessions) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	err := w.s.write(func() error {
		_, err := w.s.db.ExecContext(ctx, `INSERT INTO web_sessions (token, data, expiry) VALUES ($1, $2, $3)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
			token, base64.StdEncoding.EncodeToString(b), millis(expiry))
		if err == nil && time.Now().UnixNano()%16 == 0 { // about one commit in 16
			_, err = w.s.db.ExecContext(ctx, `DELETE FROM web_sessions WHERE expiry <= $1`, millis(time.Now()))
		}
		return err
	})
	return w.s.fail("save web session", err)
}

// DeleteCtx removes a session.
func (w webSessions) DeleteCtx(ctx context.Context, token string) error {
	err := w.s.write(func() error {
		_, err := w.s.db.ExecContext(ctx, `DELETE FROM web_sessions WHERE token = $1`, token)
		return err
	})
	return w.s.fail("delete web session", err)
}
