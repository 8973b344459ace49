package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
)

// Password lengths: at least PasswordMin characters (NIST SP 800-63B asks
// for 8 at least; 10 is a little kinder to people whose password is all
// that stands between a stranger and their health record), at most
// PasswordMax bytes (long passphrases welcome, hashing megabytes not).
const (
	PasswordMin = 10
	PasswordMax = 1024
)

// The argon2id parameters for new passwords: 19 MiB of memory, 2 passes,
// 1 thread, a 16-byte salt and a 32-byte hash, the first of OWASP's
// recommended settings (Password Storage Cheat Sheet, 2024) and above
// RFC 9106's floor. About 30 ms on one core of a small server; each hash
// keeps its own parameters, so raising them later leaves old ones working.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSalt    = 16
	argonKey     = 32
)

// CheckPasswordText returns an EInvalid error when password cannot be one.
func CheckPasswordText(password string) error {
	if utf8.RuneCountInString(password) < PasswordMin || len(password) > PasswordMax || !utf8.ValidString(password) {
		return unhunch.E(unhunch.EInvalid, message.PasswordBadLength, PasswordMin, PasswordMax)
	}
	return nil
}

// hashPassword returns the argon2id hash of password with a new random
// salt, in the PHC string form.
func hashPassword(password string) string {
	salt := make([]byte, argonSalt)
	rand.Read(salt) // never fails (crypto/rand since Go 1.24)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKey)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// passwordMatches reports whether password has the PHC argon2id hash
// encoded; a hash it cannot read matches nothing.
func passwordMatches(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || m > 1<<21 || t == 0 || t > 16 || p == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 || len(key) > 128 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// dummyHash is hashed against when the name has no password, so that a
// wrong name takes as long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() string { return hashPassword("no account has this password") })

// SetPassword sets (or changes) the password of the account with userID.
// Only its argon2id hash, with a salt of its own, is kept. It ends every
// web session of the account (raises its session generation, as
// EndSessions does): whoever had the old password may have signed in with
// it; the web form keeps its own browser signed in.
func (s *Store) SetPassword(ctx context.Context, userID, password string, at time.Time) error {
	if err := CheckPasswordText(password); err != nil {
		return err
	}
	hash := hashPassword(password)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := bumpSessionGen(ctx, tx, userID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO passwords (user_id, hash, changed_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, changed_at = excluded.changed_at`,
			userID, hash, millis(at))
		return err
	})
	s.accountChanges.Add(1)
	return s.fail("set password of "+userID, err)
}

// HasPassword reports whether the account with userID has a password.
func (s *Store) HasPassword(ctx context.Context, userID string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM passwords WHERE user_id = $1`, userID).Scan(&n)
	return n > 0, s.fail("read password of "+userID, err)
}

// CheckPassword returns the account called name when password is its
// password. A wrong name, an account without a password and a wrong
// password are the same EUnauthorized error, and take as long, so that
// nobody can find out which names have accounts.
func (s *Store) CheckPassword(ctx context.Context, name, password string) (*account.User, error) {
	bad := unhunch.E(unhunch.EUnauthorized, message.PasswordWrong)
	var hash string
	var role string
	var created int64
	u := &account.User{}
	err := s.db.QueryRowContext(ctx, `SELECT u.id, u.name, u.role, u.created_at, u.session_gen, p.hash FROM users u JOIN passwords p ON p.user_id = u.id WHERE u.name = $1`, name).
		Scan(&u.ID, &u.Name, &role, &created, &u.SessionGen, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		passwordMatches(dummyHash(), password)
		return nil, bad
	}
	if err != nil {
		return nil, s.fail("check password", err)
	}
	if len(password) > PasswordMax || !passwordMatches(hash, password) {
		return nil, bad
	}
	u.Role, u.Created = account.Role(role), fromMillis(created)
	return u, nil
}

// calendarPrefix starts every calendar token, which opens the person's
// schedule.ics and nothing else.
const calendarPrefix = "uhcal_"

// CreateCalendarToken makes a new calendar token for the account with
// userID (the one made before stops working): a calendar app fetches
// /api/v1/schedule.ics?token=TOKEN without cookies. Only its SHA-256 is
// kept.
func (s *Store) CreateCalendarToken(ctx context.Context, userID string, at time.Time) (string, error) {
	var b [24]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	token := calendarPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, userID)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO calendar_tokens (user_id, hash, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at`,
			userID, tokenHash(token), millis(at))
		return err
	})
	if err != nil {
		return "", s.fail("create calendar token for "+userID, err)
	}
	return token, nil
}

// UserByCalendarToken returns the account whose calendar token this is;
// an unknown or replaced one is EUnauthorized.
func (s *Store) UserByCalendarToken(ctx context.Context, token string) (*account.User, error) {
	if !strings.HasPrefix(token, calendarPrefix) {
		return nil, unhunch.E(unhunch.EUnauthorized, message.CalendarBadToken)
	}
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumnsOf("u")+` FROM calendar_tokens c JOIN users u ON u.id = c.user_id WHERE c.hash = $1`, tokenHash(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unhunch.E(unhunch.EUnauthorized, message.CalendarBadToken)
	}
	return u, s.fail("read calendar token", err)
}
