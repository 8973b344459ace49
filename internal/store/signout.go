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
