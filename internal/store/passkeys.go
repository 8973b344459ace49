package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
)

// Passkey is one WebAuthn credential an account signs in with (issue 17):
// what checking a sign-in needs, and what the person sees of it.
type Passkey struct {
	ID         []byte    // the credential id the authenticator chose
	UserID     string    // the account it signs in
	Name       string    // what the person calls it ("Passkey on Android")
	PublicKey  []byte    // the COSE public key, as the authenticator sent it
	SignCount  uint32    // the authenticator's signature counter, last seen
	Flags      uint8     // the authenticator data flags: UP 0x01, UV 0x04, BE 0x08, BS 0x10
	Transports []string  // how the browser can reach the authenticator ("internal", "usb", …)
	AAGUID     []byte    // the authenticator model's id (16 bytes; all zero when not told)
	Format     string    // the attestation format at registration ("none", "packed", …)
	Created    time.Time // when it was added
	LastUsed   time.Time // when it last signed in; zero: never
}

// HandleSize is the length in bytes of a passkey user handle.
const HandleSize = 32

// encodeID writes binary ids and keys as the text the tables keep.
func encodeID(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// PasskeyHandle returns the user handle of the account with userID: random
// bytes made on first use and kept for the account's life, which
// authenticators store with its passkeys and return at sign-in. An unknown
// account is ENotFound.
func (s *Store) PasskeyHandle(ctx context.Context, userID string) ([]byte, error) {
	var handle string
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, userID)
		}
		b := make([]byte, HandleSize)
		rand.Read(b) // never fails (crypto/rand since Go 1.24)
		// Two servers making one at once: the first one kept wins.
		if _, err := tx.ExecContext(ctx, `INSERT INTO passkey_handles (user_id, handle) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING`,
			userID, encodeID(b)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT handle FROM passkey_handles WHERE user_id = $1`, userID).Scan(&handle)
	})
	if err != nil {
		return nil, s.fail("make passkey handle for "+userID, err)
	}
	return base64.RawURLEncoding.DecodeString(handle)
}

const passkeyColumns = `id, user_id, name, public_key, sign_count, flags, transports, aaguid, format, created_at, last_used_at`

// scanPasskey reads one row of passkeyColumns.
func scanPasskey(row interface{ Scan(...any) error }) (*Passkey, error) {
	var p Passkey
	var id, key, transports, aaguid string
	var count, created int64
	var flags int
	var used sql.NullInt64
	if err := row.Scan(&id, &p.UserID, &p.Name, &key, &count, &flags, &transports, &aaguid, &p.Format, &created, &used); err != nil {
		return nil, err
	}
	var err error
	if p.ID, err = base64.RawURLEncoding.DecodeString(id); err != nil {
		return nil, err
	}
	if p.PublicKey, err = base64.RawURLEncoding.DecodeString(key); err != nil {
		return nil, err
	}
	if p.AAGUID, err = hex.DecodeString(aaguid); err != nil {
		return nil, err
	}
	if transports != "" {
		p.Transports = strings.Split(transports, ",")
	}
	p.SignCount, p.Flags, p.Created = uint32(count), uint8(flags), fromMillis(created)
	if used.Valid {
		p.LastUsed = fromMillis(used.Int64)
	}
	return &p, nil
}

// AddPasskey keeps a new passkey for its account. A credential id already
// kept (for anyone) is EConflict; an unknown account is ENotFound.
func (s *Store) AddPasskey(ctx context.Context, p *Passkey) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, p.UserID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, p.UserID)
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM passkeys WHERE id = $1`, encodeID(p.ID)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return unhunch.E(unhunch.EConflict, message.PasskeyKept)
		}
		var used any
		if !p.LastUsed.IsZero() {
			used = millis(p.LastUsed)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO passkeys (`+passkeyColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			encodeID(p.ID), p.UserID, p.Name, encodeID(p.PublicKey), int64(p.SignCount), int(p.Flags),
			strings.Join(p.Transports, ","), hex.EncodeToString(p.AAGUID), p.Format, millis(p.Created), used)
		return err
	})
	return s.fail("add passkey for "+p.UserID, err)
}

// Passkeys lists the passkeys of the account with userID, oldest first.
func (s *Store) Passkeys(ctx context.Context, userID string) ([]*Passkey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+passkeyColumns+` FROM passkeys WHERE user_id = $1 ORDER BY created_at, id`, userID)
	if err != nil {
		return nil, s.fail("list passkeys of "+userID, err)
	}
	defer rows.Close()
	var out []*Passkey
	for rows.Next() {
		p, err := scanPasskey(rows)
		if err != nil {
			return nil, s.fail("list passkeys of "+userID, err)
		}
		out = append(out, p)
	}
	return out, s.fail("list passkeys of "+userID, rows.Err())
}

// PasskeyUser returns the account whose user handle is handle, with its
// passkeys: who is signing in. A handle no account has (never made, or its
// account removed) is ENotFound.
func (s *Store) PasskeyUser(ctx context.Context, handle []byte) (*account.User, []*Passkey, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumnsOf("u")+` FROM passkey_handles h JOIN users u ON u.id = h.user_id WHERE h.handle = $1`,
		encodeID(handle)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, unhunch.E(unhunch.ENotFound, message.PasskeyUnknown)
	}
	if err != nil {
		return nil, nil, s.fail("read passkey account", err)
	}
	list, err := s.Passkeys(ctx, u.ID)
	if err != nil {
		return nil, nil, err
	}
	return u, list, nil
}

// UsePasskey notes that the passkey id of the account userID signed in at
// time at, with the authenticator's new signature counter and flags. The
// counter must have moved on from the one kept (unless the authenticator
// keeps none: both zero); one that did not may come from a copied passkey,
// and is refused (EUnauthorized) with nothing changed. The check and the
// change are one statement, so two servers cannot both accept one counter.
// A passkey that is gone is ENotFound.
func (s *Store) UsePasskey(ctx context.Context, userID string, id []byte, count uint32, flags uint8, at time.Time) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE passkeys SET sign_count = $1, flags = $2, last_used_at = $3
			WHERE id = $4 AND user_id = $5 AND (sign_count < $1 OR (sign_count = 0 AND $1 = 0))`,
			int64(count), int(flags), millis(at), encodeID(id), userID)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM passkeys WHERE id = $1 AND user_id = $2`, encodeID(id), userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.PasskeyUnknown)
		}
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyCloned)
	})
	return s.fail("note passkey use", err)
}

// RemovePasskey removes the passkey id of the account userID: it no longer
// signs in. Another account's passkey, or none, is ENotFound.
func (s *Store) RemovePasskey(ctx context.Context, userID string, id []byte) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM passkeys WHERE id = $1 AND user_id = $2`, encodeID(id), userID)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n == 1 {
			return err
		}
		return unhunch.E(unhunch.ENotFound, message.PasskeyNoSuch)
	})
	return s.fail("remove passkey", err)
}
