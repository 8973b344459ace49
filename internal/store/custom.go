package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/message"
)

// CustomEntries returns the person's own exercises and routines in the order
// they were added.
func (s *Store) CustomEntries(ctx context.Context) ([]custom.Entry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, id, body, created_at, updated_at FROM custom_entries ORDER BY seq`)
	if err != nil {
		return nil, s.fail("read your own exercises", err)
	}
	defer rows.Close()
	var out []custom.Entry
	for rows.Next() {
		var e custom.Entry
		var c, u int64
		if err := rows.Scan(&e.Kind, &e.ID, &e.Body, &c, &u); err != nil {
			return nil, s.fail("read your own exercises", err)
		}
		e.Created, e.Updated = fromMillis(c), fromMillis(u)
		out = append(out, e)
	}
	return out, s.fail("read your own exercises", rows.Err())
}

// AddCustom saves new entries and their pictures in one transaction: all of
// them, or (when an id is already taken, or anything fails) none. A taken id
// is an EConflict error that names it.
func (s *Store) AddCustom(ctx context.Context, entries []custom.Entry, pictures []custom.Picture, at time.Time) error {
	err := s.writeTx(libraryCtx(ctx), func(tx *sql.Tx) error {
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM custom_entries`).Scan(&seq); err != nil {
			return err
		}
		for _, e := range entries {
			if err := checkKind(e.Kind); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM custom_entries WHERE kind = $1 AND id = $2`, e.Kind, e.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return unhunch.E(unhunch.EConflict, message.CustomTaken, e.ID)
			}
			seq++
			if _, err := tx.ExecContext(ctx, `INSERT INTO custom_entries (kind, id, seq, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
				e.Kind, e.ID, seq, e.Body, millis(at)); err != nil {
				return err
			}
		}
		return putPictures(ctx, tx, pictures)
	})
	return s.fail("save your own exercises", err)
}

// ReplaceCustom changes a saved entry's YAML; when pictures is not nil, the
// exercise's pictures become those. ENotFound when there is no such entry.
func (s *Store) ReplaceCustom(ctx context.Context, e custom.Entry, pictures []custom.Picture, at time.Time) error {
	err := s.writeTx(libraryCtx(ctx), func(tx *sql.Tx) error {
		if err := checkKind(e.Kind); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `UPDATE custom_entries SET body = $1, updated_at = $2 WHERE kind = $3 AND id = $4`, e.Body, millis(at), e.Kind, e.ID)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.CustomNoEntry, e.ID)
		}
		if pictures == nil {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM custom_pictures WHERE exercise_id = $1`, e.ID); err != nil {
			return err
		}
		return putPictures(ctx, tx, pictures)
	})
	return s.fail("save your own exercise", err)
}

// DeleteCustom removes a saved entry (and an exercise's pictures).
// ENotFound when there is no such entry.
func (s *Store) DeleteCustom(ctx context.Context, kind, id string) error {
	err := s.writeTx(libraryCtx(ctx), func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM custom_entries WHERE kind = $1 AND id = $2`, kind, id)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.CustomNoEntry, id)
		}
		if kind == custom.KindExercise {
			_, err = tx.ExecContext(ctx, `DELETE FROM custom_pictures WHERE exercise_id = $1`, id)
		}
		return err
	})
	return s.fail("delete your own exercise", err)
}

// Pictures returns an exercise's pictures in order; none when it has none.
func (s *Store) Pictures(ctx context.Context, exerciseID string) ([]custom.Picture, error) {
	return s.pictures(ctx, `WHERE exercise_id = $1`, exerciseID)
}

// AllPictures returns every picture, by exercise and place.
func (s *Store) AllPictures(ctx context.Context) ([]custom.Picture, error) {
	return s.pictures(ctx, ``)
}

func (s *Store) pictures(ctx context.Context, where string, args ...any) ([]custom.Picture, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT exercise_id, n, media_type, width, height, data FROM custom_pictures `+where+` ORDER BY exercise_id, n`, args...)
	if err != nil {
		return nil, s.fail("read pictures", err)
	}
	defer rows.Close()
	var out []custom.Picture
	for rows.Next() {
		var p custom.Picture
		var data string
		if err := rows.Scan(&p.ExerciseID, &p.N, &p.MediaType, &p.Width, &p.Height, &data); err != nil {
			return nil, s.fail("read pictures", err)
		}
		if p.Data, err = base64.StdEncoding.DecodeString(data); err != nil {
			return nil, s.fail("read pictures", err)
		}
		out = append(out, p)
	}
	return out, s.fail("read pictures", rows.Err())
}

func putPictures(ctx context.Context, tx *sql.Tx, pictures []custom.Picture) error {
	for _, p := range pictures {
		if p.N < 0 || p.N >= custom.MaxPictures {
			return unhunch.E(unhunch.EInvalid, message.CustomTooManyPictures, custom.MaxPictures)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO custom_pictures (exercise_id, n, media_type, width, height, data) VALUES ($1, $2, $3, $4, $5, $6)`,
			p.ExerciseID, p.N, p.MediaType, p.Width, p.Height, base64.StdEncoding.EncodeToString(p.Data)); err != nil {
			return err
		}
	}
	return nil
}

func checkKind(kind string) error {
	if kind != custom.KindExercise && kind != custom.KindRoutine {
		return unhunch.Errorf(unhunch.EInternal, "store: unknown kind %q", kind)
	}
	return nil
}

// libraryCtx is ctx for a write to the library of saved exercises and
// routines, which is the server's, not one person's (one library per
// server): the write raises the version of what the server's people share
// (SharedID), which every server reads to tell that the library changed,
// and the local person's.
func libraryCtx(ctx context.Context) context.Context {
	return alsoShared(account.ForPerson(ctx, account.LocalID))
}
