package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// SessionByClientKey returns the session started with an idempotency key,
// or nil when no session has it.
func (s *Store) SessionByClientKey(ctx context.Context, key string) (*journal.Session, error) {
	if unknownID(key) != nil {
		return nil, nil // no session can have it
	}
	list, err := s.query(ctx, "client_key = $1", "", key)
	if err != nil {
		return nil, s.fail("read session with client key "+key, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return list[0], nil
}

// SessionHead is what a session's row says without its exercises.
type SessionHead struct {
	ID               string
	Owner            string
	Status           journal.Status
	PlannedExercises int
	StartedAt        time.Time
	PlannedIDs       []string // the planned exercises' ids, in order; nil when not known
	TimeScale        float64  // how many times faster than real time it is played (journal.Session.TimeScale)
}

// Head returns a session's row without its exercises, or an ENotFound error
// (also for another person's session):
// one small read, for checking an exercise outcome before saving it.
func (s *Store) Head(ctx context.Context, id string) (SessionHead, error) {
	h := SessionHead{ID: id}
	if err := unknownID(id); err != nil {
		return h, err
	}
	var status, planned string
	var started int64
	if err := s.beginHead(ctx); err != nil {
		return h, s.fail("read session "+id, err)
	}
	defer s.endHead()
	st, err := s.stmt(ctx, headSQL)
	if err != nil {
		return h, s.fail("read session "+id, err)
	}
	err = st.QueryRowContext(ctx, id, account.PersonID(ctx)).
		Scan(&h.Owner, &status, &h.PlannedExercises, &started, &planned, &h.TimeScale)
	if errors.Is(err, sql.ErrNoRows) {
		return h, unhunch.E(unhunch.ENotFound, message.StoreNoSession, id)
	}
	h.Status = journal.Status(status)
	h.StartedAt = fromMillis(started)
	if planned != "" {
		h.PlannedIDs = strings.Split(planned, ",")
	}
	return h, s.fail("read session "+id, err)
}
