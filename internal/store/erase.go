package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// ownerColumns are the columns that say whose a row is: every row of any
// table with one of them that names an erased account goes with it. Tables
// are found in the schema, not listed here, so a table added later is
// erased too.
var ownerColumns = []string{"person_id", "user_id", "clinician_id"}

// EraseUser deletes the account with id and everything kept about them, in
// one transaction: every row of every table whose person_id, user_id or
// clinician_id names them (their sessions with their outcomes, screenings,
// clearances, set-aside exercises, PSFS, schedule, summaries, tokens, links,
// passwords, passkeys, care links, prescriptions), then the account. It
// returns how many rows went from each table. Erased means gone, not hidden:
// SQLite overwrites deleted content (secure_delete) and the write-ahead log
// is folded back and truncated; PostgreSQL's tables are vacuumed.
func (s *Store) EraseUser(ctx context.Context, id string) (map[string]int64, error) {
	erased := map[string]int64{}
	var tables [][2]string
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE id = $1`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return unhunch.E(unhunch.ENotFound, message.AccountNoSuchUser, id)
		}
		for _, col := range ownerColumns {
			rows, err := tx.QueryContext(ctx, s.eng.ownedTables, col)
			if err != nil {
				return err
			}
			for rows.Next() {
				var t string
				if err := rows.Scan(&t); err != nil {
					rows.Close()
					return err
				}
				tables = append(tables, [2]string{t, col})
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		// Sessions before the rest: their outcomes go with them.
		for _, pass := range []bool{true, false} {
			for _, tc := range tables {
				if (tc[0] == "sessions") != pass {
					continue
				}
				// The names come from the schema, never from a request.
				r, err := tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(tc[0])+` WHERE `+quoteIdent(tc[1])+` = $1`, id)
				if err != nil {
					return err
				}
				if k, err := r.RowsAffected(); err == nil && k > 0 {
					erased[tc[0]] += k
				}
			}
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, id)
		if err != nil {
			return err
		}
		k, _ := r.RowsAffected()
		erased["users"] += k
		return nil
	})
	s.accountChanges.Add(1)
	if err != nil {
		return nil, s.fail("erase user "+id, err)
	}
	s.scrub(ctx, tables)
	return erased, nil
}

// scrub makes deleted rows unreadable from the files: SQLite folds the
// write-ahead log (which still holds the pages as they were) into the
// journal and truncates it; PostgreSQL vacuums the tables. It is best
// effort: the rows are deleted either way.
func (s *Store) scrub(ctx context.Context, tables [][2]string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if s.eng.name == "sqlite" {
		s.write(func() error {
			_, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			return err
		})
		return
	}
	seen := map[string]bool{"users": true}
	s.db.ExecContext(ctx, `VACUUM users`)
	for _, tc := range tables {
		if !seen[tc[0]] {
			seen[tc[0]] = true
			s.db.ExecContext(ctx, `VACUUM `+quoteIdent(tc[0]))
		}
	}
}

// quoteIdent quotes a table or column name for SQL (both engines).
func quoteIdent(name string) string {
	out := []byte{'"'}
	for i := 0; i < len(name); i++ {
		if name[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, name[i])
	}
	return string(append(out, '"'))
}
