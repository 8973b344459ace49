package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/schedule"
)

// SetSchedule replaces the practice schedule of the person ctx names with s, checked first:
// the whole schedule is saved in one transaction, or nothing is.
func (s *Store) SetSchedule(ctx context.Context, sc schedule.Schedule, at time.Time) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	times := make([]string, len(sc.Times))
	for i, c := range sc.Times {
		times[i] = c.String()
	}
	equipment := make([]string, len(sc.Equipment))
	for i, q := range sc.Equipment {
		equipment[i] = string(q)
	}
	quiet := make([]string, len(sc.Quiet))
	for i, q := range sc.Quiet {
		quiet[i] = q.String()
	}
	person := account.PersonID(ctx)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM schedules WHERE person_id = $1`, person); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO schedules (person_id, days, times, routine_id, minutes, no_floor, equipment, quiet,
			skip_if_practised, max_per_day, sitting_minutes, updated_at) VALUES ($12, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			sc.Days.String(), strings.Join(times, ","), sc.Routine, sc.Minutes, flag(sc.NoFloor),
			strings.Join(equipment, ","), strings.Join(quiet, ","), flag(sc.SkipIfPractised), sc.MaxPerDay, sc.SittingMinutes, millis(at), person)
		return err
	})
	return s.fail("save schedule", err)
}

// ClearSchedule removes the practice schedule; it reports whether there was one.
func (s *Store) ClearSchedule(ctx context.Context) (bool, error) {
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM schedules WHERE person_id = $1`, account.PersonID(ctx))
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	return n > 0, s.fail("clear schedule", err)
}

// Schedule returns the practice schedule; the zero Schedule when there is
// none. A row that does not read as a valid schedule (a hand edit) is an
// EInvalid error that says to set it again, never a panic.
func (s *Store) Schedule(ctx context.Context) (schedule.Schedule, error) {
	var days, times, routine, equipment, quiet string
	var minutes, noFloor, skip, max, sitting int
	var setAt int64
	err := s.db.QueryRowContext(ctx, `SELECT days, times, routine_id, minutes, no_floor, equipment, quiet, skip_if_practised, max_per_day, sitting_minutes, updated_at
		FROM schedules WHERE person_id = $1`, account.PersonID(ctx)).Scan(&days, &times, &routine, &minutes, &noFloor, &equipment, &quiet, &skip, &max, &sitting, &setAt)
	if errors.Is(err, sql.ErrNoRows) {
		return schedule.Schedule{}, nil
	}
	if err != nil {
		return schedule.Schedule{}, s.fail("read schedule", err)
	}
	sc := schedule.Schedule{Routine: routine, Minutes: minutes, NoFloor: noFloor != 0, SkipIfPractised: skip != 0, MaxPerDay: max, SittingMinutes: sitting, SetAt: fromMillis(setAt)}
	bad := func(err error) (schedule.Schedule, error) {
		return schedule.Schedule{}, unhunch.E(unhunch.EInvalid, message.ScheduleStoreBad, err.Error()).Wrap(err)
	}
	if sc.Days, err = schedule.ParseDays(days); err != nil {
		return bad(err)
	}
	if sc.Times, err = schedule.ParseClocks(times); err != nil {
		return bad(err)
	}
	if sc.Equipment, err = schedule.ParseEquipment([]string{equipment}); err != nil {
		return bad(err)
	}
	if sc.Quiet, err = schedule.ParseQuiets(quiet); err != nil {
		return bad(err)
	}
	if err := sc.Validate(); err != nil {
		return bad(err)
	}
	return sc, nil
}

// flag writes a boolean as the 0 or 1 both engines store.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
