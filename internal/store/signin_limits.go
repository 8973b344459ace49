package store

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// SigninFailure is one failed password attempt (or one still being
// checked) in a bucket of the sign-in limiter.
type SigninFailure struct {
	ID string
	At time.Time
}

// AddSigninFailures counts an attempt made at at in each bucket (an account
// name, a client address: the web server names them), committed before it
// returns so that every server sees it at once, and returns the id of each
// bucket's row, in order.
func (s *Store) AddSigninFailures(ctx context.Context, buckets []string, at time.Time) ([]string, error) {
	if len(buckets) == 0 {
		return nil, nil
	}
	ids := make([]string, len(buckets))
	var q strings.Builder
	q.WriteString(`INSERT INTO signin_failures (id, bucket, failed_at) VALUES `)
	args := make([]any, 0, 3*len(buckets))
	for i, b := range buckets {
		ids[i] = NewID()
		if i > 0 {
			q.WriteString(", ")
		}
		n := len(args)
		q.WriteString("($" + strconv.Itoa(n+1) + ", $" + strconv.Itoa(n+2) + ", $" + strconv.Itoa(n+3) + ")")
		args = append(args, ids[i], b, millis(at))
	}
	err := s.write(func() error {
		_, err := s.db.ExecContext(ctx, q.String(), args...)
		return err
	})
	if err != nil {
		return nil, s.fail("count a sign-in attempt", err)
	}
	return ids, nil
}

// SigninFailures returns the failures of each bucket made after since,
// oldest first, by bucket (a bucket with none is left out).
func (s *Store) SigninFailures(ctx context.Context, buckets []string, since time.Time) (map[string][]SigninFailure, error) {
	out := map[string][]SigninFailure{}
	if len(buckets) == 0 {
		return out, nil
	}
	args := []any{millis(since)}
	marks := make([]string, len(buckets))
	for i, b := range buckets {
		args = append(args, b)
		marks[i] = "$" + strconv.Itoa(i+2)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT bucket, id, failed_at FROM signin_failures
		WHERE failed_at > $1 AND bucket IN (`+strings.Join(marks, ", ")+`) ORDER BY failed_at, id`, args...)
	if err != nil {
		return nil, s.fail("read sign-in failures", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b string
		var f SigninFailure
		var at int64
		if err := rows.Scan(&b, &f.ID, &at); err != nil {
			return nil, s.fail("read sign-in failures", err)
		}
		f.At = fromMillis(at)
		out[b] = append(out[b], f)
	}
	return out, s.fail("read sign-in failures", rows.Err())
}

// DropSigninFailures takes back the attempts with ids (they did not fail,
// or were refused before being tried).
func (s *Store) DropSigninFailures(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	marks := make([]string, len(ids))
	for i, id := range ids {
		args[i] = id
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	err := s.write(func() error {
		_, err := s.db.ExecContext(ctx, `DELETE FROM signin_failures WHERE id IN (`+strings.Join(marks, ", ")+`)`, args...)
		return err
	})
	return s.fail("take back sign-in attempts", err)
}

// ForgetSigninFailures clears every failure of bucket (an account that
// signed in).
func (s *Store) ForgetSigninFailures(ctx context.Context, bucket string) error {
	err := s.write(func() error {
		_, err := s.db.ExecContext(ctx, `DELETE FROM signin_failures WHERE bucket = $1`, bucket)
		return err
	})
	return s.fail("clear sign-in failures", err)
}

// PruneSigninFailures deletes the failures made at or before before (out
// of the limiter's window) and returns how many there were.
func (s *Store) PruneSigninFailures(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.write(func() error {
		r, err := s.db.ExecContext(ctx, `DELETE FROM signin_failures WHERE failed_at <= $1`, millis(before))
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	return n, s.fail("prune sign-in failures", err)
}
