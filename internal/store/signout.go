package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
)

// SignInLinkUser returns the account a sign-in link signs in, at time at,
// without spending it: the page the link opens names its account and asks
// for a button press (a link-preview robot that fetches the link leaves it
// usable). A used, expired or unknown link is EUnauthorized, as in
// UseSignInLink.
func (s *Store) SignInLinkUser(ctx context.Context, token string, at time.Time) (*account.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumnsOf("u")+` FROM signin_links l JOIN users u ON u.id = l.user_id
		WHERE l.hash = $1 AND l.used_at IS NULL AND l.expires_at > $2`, tokenHash(token), millis(at)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unhunch.E(unhunch.EUnauthorized, message.AccountBadLink)
	}
	if err != nil {
		return nil, s.fail("read sign-in link", err)
	}
	return u, nil
}

// EndSessions ends every web session of the account with userID, on every
// server ("Sign out on every device", `unhunch users signout NAME`): it
// raises the account's session generation, which each session compares
// with its own at every request. It returns the new generation; no such
// account is ENotFound.
func (s *Store) EndSessions(ctx context.Context, userID string) (int64, error) {
	var gen int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := bumpSessionGen(ctx, tx, userID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT session_gen FROM users WHERE id = $1`, userID).Scan(&gen)
	})
	s.accountChanges.Add(1) // the servers of this process forget the accounts they kept
	return gen, s.fail("end the sessions of "+userID, err)
}

// bumpSessionGen raises the session generation of the account with
// userID in tx; no such account is ENotFound.
func bumpSessionGen(ctx context.Context, tx *sql.Tx, userID string) error {
	r, err := tx.ExecContext(ctx, `UPDATE users SET session_gen = session_gen + 1 WHERE id = $1`, userID)
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err != nil || n != 1 {
		if err == nil {
			err = unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, userID)
		}
		return err
	}
	return nil
}
