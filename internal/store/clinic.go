package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/message"
)

// InviteLife is how long a clinician's invitation can be accepted: a week,
// time enough to reach the person between two appointments.
const InviteLife = 7 * 24 * time.Hour

// CreateInvite makes a one-time invitation from the clinician with
// clinicianID, usable until at+InviteLife, and returns its token. Only its
// SHA-256 is kept.
func (s *Store) CreateInvite(ctx context.Context, clinicianID string, at time.Time) (string, error) {
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	token := base64.RawURLEncoding.EncodeToString(b[:])
	err := s.write(func() error {
		var role string
		err := s.db.QueryRowContext(ctx, `SELECT role FROM users WHERE id = $1`, clinicianID).Scan(&role)
		if errors.Is(err, sql.ErrNoRows) {
			return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, clinicianID)
		}
		if err != nil {
			return err
		}
		_, err = s.db.ExecContext(ctx, `INSERT INTO care_invites (hash, clinician_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			tokenHash(token), clinicianID, millis(at), millis(at.Add(InviteLife)))
		return err
	})
	if err != nil {
		return "", s.fail("create invitation", err)
	}
	return token, nil
}

// Invite returns the invitation with token, unspent and unexpired at at,
// without spending it; otherwise ENotFound.
func (s *Store) Invite(ctx context.Context, token string, at time.Time) (clinic.Invite, error) {
	var inv clinic.Invite
	var exp int64
	err := s.db.QueryRowContext(ctx, `SELECT u.id, u.name, i.expires_at FROM care_invites i JOIN users u ON u.id = i.clinician_id
		WHERE i.hash = $1 AND i.used_at IS NULL AND i.expires_at > $2`, tokenHash(token), millis(at)).Scan(&inv.ClinicianID, &inv.ClinicianName, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, unhunch.E(unhunch.ENotFound, message.ClinicNoInvite)
	}
	if err != nil {
		return inv, s.fail("read invitation", err)
	}
	inv.ExpiresAt = fromMillis(exp)
	return inv, nil
}

// AnswerInvite spends the invitation with token for the person with
// personID at at: accepted, it links the person to the clinician (a link
// already open stays as it is); declined, it only spends it. A used,
// expired or unknown invitation is ENotFound; the clinician's own, or one
// opened by someone who is not a person, is EForbidden.
func (s *Store) AnswerInvite(ctx context.Context, token, personID string, accept bool, at time.Time) (clinic.Link, error) {
	var l clinic.Link
	answer := "declined"
	if accept {
		answer = "accepted"
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var role string
		if err := tx.QueryRowContext(ctx, `SELECT name, role FROM users WHERE id = $1`, personID).Scan(&l.PersonName, &role); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, personID)
			}
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT u.id, u.name FROM care_invites i JOIN users u ON u.id = i.clinician_id
			WHERE i.hash = $1 AND i.used_at IS NULL AND i.expires_at > $2`, tokenHash(token), millis(at)).Scan(&l.ClinicianID, &l.ClinicianName)
		if errors.Is(err, sql.ErrNoRows) {
			return unhunch.E(unhunch.ENotFound, message.ClinicNoInvite)
		}
		if err != nil {
			return err
		}
		switch {
		case l.ClinicianID == personID:
			return unhunch.E(unhunch.EForbidden, message.ClinicInviteSelf)
		case role != string(account.RolePerson):
			return unhunch.E(unhunch.EForbidden, message.ClinicInvitePerson, role)
		}
		// Spent in the UPDATE itself, so that two taps racing answer once.
		r, err := tx.ExecContext(ctx, `UPDATE care_invites SET used_at = $1, used_by = $2, answer = $3
			WHERE hash = $4 AND used_at IS NULL AND expires_at > $1`, millis(at), personID, answer, tokenHash(token))
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n != 1 {
			if err == nil {
				err = unhunch.E(unhunch.ENotFound, message.ClinicNoInvite)
			}
			return err
		}
		l.PersonID, l.AcceptedAt = personID, at.UTC().Truncate(time.Millisecond)
		if !accept {
			return nil
		}
		var acc int64
		err = tx.QueryRowContext(ctx, `SELECT accepted_at FROM care_links WHERE clinician_id = $1 AND person_id = $2 AND ended_at IS NULL`,
			l.ClinicianID, personID).Scan(&acc)
		if err == nil {
			l.AcceptedAt = fromMillis(acc)
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO care_links (id, clinician_id, person_id, accepted_at) VALUES ($1, $2, $3, $4)`,
			NewID(), l.ClinicianID, personID, millis(at))
		return err
	})
	if err != nil {
		return clinic.Link{}, s.fail("answer invitation", err)
	}
	return l, nil
}

const linkColumns = `l.clinician_id, c.name, l.person_id, p.name, l.accepted_at, l.ended_at`

const linkFrom = ` FROM care_links l JOIN users c ON c.id = l.clinician_id JOIN users p ON p.id = l.person_id `

// scanLink reads one row of linkColumns.
func scanLink(row interface{ Scan(...any) error }) (clinic.Link, error) {
	var l clinic.Link
	var acc int64
	var ended sql.NullInt64
	if err := row.Scan(&l.ClinicianID, &l.ClinicianName, &l.PersonID, &l.PersonName, &acc, &ended); err != nil {
		return l, err
	}
	l.AcceptedAt = fromMillis(acc)
	if ended.Valid {
		l.EndedAt = fromMillis(ended.Int64)
	}
	return l, nil
}

// links lists the care links a query selects.
func (s *Store) links(ctx context.Context, op, where string, args ...any) ([]clinic.Link, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+linkColumns+linkFrom+where, args...)
	if err != nil {
		return nil, s.fail(op, err)
	}
	defer rows.Close()
	out := []clinic.Link{}
	for rows.Next() {
		l, err := scanLink(rows)
		if err != nil {
			return nil, s.fail(op, err)
		}
		out = append(out, l)
	}
	return out, s.fail(op, rows.Err())
}

// CareLink returns the open care link between a clinician and a person:
// the check before a clinician opens anything of the person's. Without
// one it is ENotFound, as for a person who does not exist.
func (s *Store) CareLink(ctx context.Context, clinicianID, personID string) (clinic.Link, error) {
	l, err := scanLink(s.db.QueryRowContext(ctx, `SELECT `+linkColumns+linkFrom+
		`WHERE l.clinician_id = $1 AND l.person_id = $2 AND l.ended_at IS NULL`, clinicianID, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return l, unhunch.E(unhunch.ENotFound, message.ClinicNoPatient, personID)
	}
	return l, s.fail("read care link", err)
}

// Patients lists a clinician's open care links, by the person's name.
func (s *Store) Patients(ctx context.Context, clinicianID string) ([]clinic.Link, error) {
	return s.links(ctx, "list patients", `WHERE l.clinician_id = $1 AND l.ended_at IS NULL ORDER BY p.name`, clinicianID)
}

// Clinicians lists a person's care links, open ones first, then by the
// clinician's name and the newest first.
func (s *Store) Clinicians(ctx context.Context, personID string) ([]clinic.Link, error) {
	return s.links(ctx, "list clinicians", `WHERE l.person_id = $1
		ORDER BY CASE WHEN l.ended_at IS NULL THEN 0 ELSE 1 END, c.name, l.accepted_at DESC`, personID)
}

// EndCareLink ends the open care link between a person and a clinician at
// at, and the clinician's prescription for the person with it. Without an
// open link it is ENotFound.
func (s *Store) EndCareLink(ctx context.Context, personID, clinicianID string, at time.Time) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE care_links SET ended_at = $1 WHERE person_id = $2 AND clinician_id = $3 AND ended_at IS NULL`,
			millis(at), personID, clinicianID)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n == 0 {
			if err == nil {
				err = unhunch.E(unhunch.ENotFound, message.ClinicNoLink, clinicianID)
			}
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE prescriptions SET replaced_at = $1 WHERE person_id = $2 AND clinician_id = $3 AND replaced_at IS NULL`,
			millis(at), personID, clinicianID)
		return err
	})
	return s.fail("end care link", err)
}

// SavePrescription keeps p (checked: clinic.Prescription.Check) as the
// person's active prescription, replacing the one before, and sets its id,
// version and time. The clinician needs an open care link with the person
// (otherwise ENotFound).
func (s *Store) SavePrescription(ctx context.Context, p *clinic.Prescription) error {
	items, err := json.Marshal(p.Items)
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "store: encode prescription: %w", err)
	}
	id, at := NewID(), p.At.UTC().Truncate(time.Millisecond)
	var version int
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM care_links WHERE clinician_id = $1 AND person_id = $2 AND ended_at IS NULL`,
			p.ClinicianID, p.PersonID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.ClinicNoPatient, p.PersonID)
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM prescriptions WHERE person_id = $1`, p.PersonID).Scan(&version); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE prescriptions SET replaced_at = $1 WHERE person_id = $2 AND replaced_at IS NULL`, millis(at), p.PersonID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO prescriptions (id, person_id, clinician_id, version, created_at, exercises, days_a_week, times_a_day, note, allow_more)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			id, p.PersonID, p.ClinicianID, version, millis(at), string(items), p.DaysAWeek, p.TimesADay, p.Note, boolInt(p.AllowMore))
		return err
	})
	if err != nil {
		return s.fail("save prescription", err)
	}
	p.ID, p.Version, p.At = id, version, at
	return nil
}

// ActivePrescription returns the person's active prescription, and whether
// there is one: the latest, while its clinician's care link is open.
func (s *Store) ActivePrescription(ctx context.Context, personID string) (*clinic.Prescription, bool, error) {
	var p clinic.Prescription
	var at int64
	var items string
	var allow int
	err := s.db.QueryRowContext(ctx, `SELECT r.id, r.person_id, r.clinician_id, u.name, r.version, r.created_at, r.exercises, r.days_a_week, r.times_a_day, r.note, r.allow_more
		FROM prescriptions r JOIN users u ON u.id = r.clinician_id
		WHERE r.person_id = $1 AND r.replaced_at IS NULL
		AND EXISTS (SELECT 1 FROM care_links l WHERE l.clinician_id = r.clinician_id AND l.person_id = r.person_id AND l.ended_at IS NULL)`,
		personID).Scan(&p.ID, &p.PersonID, &p.ClinicianID, &p.ClinicianName, &p.Version, &at, &items, &p.DaysAWeek, &p.TimesADay, &p.Note, &allow)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.fail("read prescription", err)
	}
	if err := json.Unmarshal([]byte(items), &p.Items); err != nil {
		return nil, false, unhunch.Errorf(unhunch.EInternal, "store: prescription %s: %w", p.ID, err)
	}
	p.At, p.AllowMore = fromMillis(at), allow == 1
	return &p, true, nil
}

// Audit writes one row of the audit log: o.ViewerID opened o.PersonID's
// data (o.What) at o.At. It does not raise the journal's version: nothing
// a person's pages show from the journal changes with it.
func (s *Store) Audit(ctx context.Context, o clinic.Opening) error {
	err := s.write(func() error {
		_, err := s.db.ExecContext(ctx, `INSERT INTO audit_log (id, person_id, viewer_id, viewer_name, what, at) VALUES ($1, $2, $3, $4, $5, $6)`,
			NewID(), o.PersonID, o.ViewerID, o.ViewerName, o.What, millis(o.At))
		return err
	})
	return s.fail("write audit log", err)
}

// AuditLog returns who opened the person's data, newest first, at most
// limit rows (0: all).
func (s *Store) AuditLog(ctx context.Context, personID string, limit int) ([]clinic.Opening, error) {
	q := `SELECT person_id, viewer_id, viewer_name, what, at FROM audit_log WHERE person_id = $1 ORDER BY at DESC, id DESC`
	args := []any{personID}
	if limit > 0 {
		q += ` LIMIT $2`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.fail("read audit log", err)
	}
	defer rows.Close()
	out := []clinic.Opening{}
	for rows.Next() {
		var o clinic.Opening
		var at int64
		if err := rows.Scan(&o.PersonID, &o.ViewerID, &o.ViewerName, &o.What, &at); err != nil {
			return nil, s.fail("read audit log", err)
		}
		o.At = fromMillis(at)
		out = append(out, o)
	}
	return out, s.fail("read audit log", rows.Err())
}
