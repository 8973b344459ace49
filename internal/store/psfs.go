package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// SavePSFS saves one round of the functional scale: each activity's score at at.
func (s *Store) SavePSFS(ctx context.Context, at time.Time, scores map[string]int) error {
	for name, score := range scores {
		if strings.TrimSpace(name) == "" || len(name) > maxTextLen {
			return unhunch.E(unhunch.EInvalid, message.StoreBadActivity, name)
		}
		if score < 0 || score > 10 {
			return unhunch.E(unhunch.EInvalid, message.StoreBadScore, name, score)
		}
	}
	person := account.PersonID(ctx)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		for name, score := range scores {
			if _, err := tx.ExecContext(ctx, `INSERT INTO psfs_ratings (at, activity, score, person_id) VALUES ($1, $2, $3, $4)`,
				millis(at), strings.TrimSpace(name), score, person); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, psfsActivitySQL, strings.TrimSpace(name), millis(at), score, person); err != nil {
				return err
			}
		}
		return nil
	})
	return s.fail("save functional scale", err)
}

// psfsActivitySQL keeps an activity's first and latest score
// (psfs_activities, migration 9) as one of its ratings is saved.
const psfsActivitySQL = `INSERT INTO psfs_activities (activity, first_at, first_score, latest_at, latest_score, person_id) VALUES ($1, $2, $3, $2, $3, $4)
	ON CONFLICT (person_id, activity) DO UPDATE SET
		first_score = CASE WHEN excluded.first_at < psfs_activities.first_at THEN excluded.first_score ELSE psfs_activities.first_score END,
		first_at = CASE WHEN excluded.first_at < psfs_activities.first_at THEN excluded.first_at ELSE psfs_activities.first_at END,
		latest_score = CASE WHEN excluded.latest_at > psfs_activities.latest_at THEN excluded.latest_score ELSE psfs_activities.latest_score END,
		latest_at = CASE WHEN excluded.latest_at > psfs_activities.latest_at THEN excluded.latest_at ELSE psfs_activities.latest_at END`

// PSFS returns every functional-scale rating, oldest first.
func (s *Store) PSFS(ctx context.Context) ([]progress.PSFSRating, error) {
	rows, err := s.queryStmt(ctx, `SELECT at, activity, score FROM psfs_ratings WHERE person_id = $1 ORDER BY at, activity`, account.PersonID(ctx))
	if err != nil {
		return nil, s.fail("read functional scale", err)
	}
	defer rows.Close()
	out := []progress.PSFSRating{}
	for rows.Next() {
		var r progress.PSFSRating
		var at int64
		if err := rows.Scan(&at, &r.Activity, &r.Score); err != nil {
			return nil, s.fail("read functional scale", err)
		}
		r.At = fromMillis(at)
		out = append(out, r)
	}
	return out, s.fail("read functional scale", rows.Err())
}
