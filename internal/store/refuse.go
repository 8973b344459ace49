package store

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// Bounds on the numbers of an exercise outcome. PostgreSQL's INTEGER holds
// 32 bits and SQLite's 64, so without them a number one engine keeps would
// fail on the other (and, inside a group commit, used to fail everyone's
// outcomes with it). They are far beyond any dose (package dose caps reps
// at 20 and holds at 60 s) and any routine.
const (
	MaxIndex   = 9999    // the last exercise position a session can have
	MaxAmount  = 100000  // the largest reps, hold, breaths, seconds or sets kept
	MaxSeconds = 86400.0 // the longest time on one exercise: a day
	MaxAttempt = 9999    // the most attempts at one exercise of a session
)

// checkBounds refuses numbers of p beyond what the journal keeps.
func checkBounds(p journal.Performance) error {
	if p.Index > MaxIndex {
		return invalid(message.StoreIndexTooLarge, p.Index, MaxIndex)
	}
	if p.Attempt > MaxAttempt {
		return invalid(message.StoreNumberTooLarge, "attempt", p.Attempt, MaxAttempt)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"reps", p.Amount.Reps}, {"hold_seconds", p.Amount.Hold}, {"hold_breaths", p.Amount.HoldBreaths},
		{"seconds", p.Amount.Seconds}, {"sets", p.Amount.Sets}} {
		if f.v > MaxAmount {
			return invalid(message.StoreNumberTooLarge, "amount."+f.name, f.v, MaxAmount)
		}
	}
	if p.Seconds > MaxSeconds {
		return invalid(message.StoreNumberTooLarge, "seconds", p.Seconds, MaxSeconds)
	}
	return nil
}

// checkIndex refuses an exercise position outside 0–MaxIndex.
func checkIndex(i int) error {
	switch {
	case i < 0:
		return invalid(message.StoreBadIndex, i)
	case i > MaxIndex:
		return invalid(message.StoreIndexTooLarge, i, MaxIndex)
	}
	return nil
}

// unknownID returns an ENotFound error for an id no session can have (a
// NUL, invalid UTF-8, control characters, more than maxIDLen characters),
// and nil otherwise. Such an id never reaches the database: PostgreSQL
// refuses a NUL or invalid UTF-8 outright (SQLSTATE 22021), which used to
// be a 500 there and a 404 on SQLite.
func unknownID(id string) error {
	if id == "" || !utf8.ValidString(id) || utf8.RuneCountInString(id) > maxIDLen ||
		strings.ContainsFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return coded(unhunch.ENotFound, nil, message.StoreNoSession, id)
	}
	return nil
}

// refusedValue reports whether the database refused a value of one
// statement (a number out of its column's range, text it cannot store, a
// CHECK, NOT NULL or trigger rule), and says how. Such an error ends that
// statement only: the transaction around it can go on (on PostgreSQL after
// rolling back to a savepoint).
func refusedValue(err error) (string, bool) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 22: data exception; class 23: integrity constraint violation.
		return pe.Message, strings.HasPrefix(pe.Code, "22") || strings.HasPrefix(pe.Code, "23")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH, sqlite3.SQLITE_TOOBIG, sqlite3.SQLITE_RANGE:
			return se.Error(), true
		}
	}
	return "", false
}

// valueError is the EInvalid error for a value the database refused.
func valueError(op string, err error, detail string) error {
	return coded(unhunch.EInvalid, fmt.Errorf("store: %s: %w", op, err), message.StoreRefusedValue, detail)
}

// checkPlannedIDs validates the planned exercises of a new session: ids a
// catalog can have (no commas, which separate them in the journal), as many
// as it planned.
func checkPlannedIDs(sess *journal.Session) error {
	if len(sess.PlannedIDs) == 0 {
		return nil
	}
	if len(sess.PlannedIDs) != sess.PlannedExercises || len(sess.PlannedIDs) > MaxIndex+1 {
		return invalid(message.StorePlannedCount, len(sess.PlannedIDs), sess.PlannedExercises)
	}
	for _, id := range sess.PlannedIDs {
		if err := checkText("planned exercise", id, maxTextLen, true); err != nil {
			return err
		}
		if strings.Contains(id, ",") {
			return invalid(message.StoreBadText, "planned exercise")
		}
	}
	return nil
}
