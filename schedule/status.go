package schedule

import (
	"time"

	"github.com/unhunch/unhunch/catalog"
)

// Status is what a schedule document says about a saved schedule: the
// schedule with its lists never nil, its next occurrence and, when it no
// longer fits the catalog, why.
type Status struct {
	Schedule Schedule
	Next     *time.Time
	Problem  string
}

// Status describes the schedule at now in loc against c, for the CLI's and
// the web's schedule documents alike; a zero schedule gives a zero Status.
func (s Schedule) Status(c *catalog.Catalog, now time.Time, loc *time.Location) Status {
	if s.IsZero() {
		return Status{}
	}
	if s.Equipment == nil {
		s.Equipment = []catalog.Equipment{}
	}
	if s.Quiet == nil {
		s.Quiet = []Quiet{}
	}
	st := Status{Schedule: s}
	if next := s.Next(now, loc); !next.IsZero() {
		st.Next = &next
	}
	if err := s.Check(c); err != nil {
		st.Problem = err.Error()
	}
	return st
}
