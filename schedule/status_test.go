package schedule_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/schedule"
)

func TestStatus(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	utc := time.UTC
	now := time.Date(2026, 12, 1, 6, 0, 0, 0, utc) // a Tuesday
	if got := (schedule.Schedule{}).Status(c, now, utc); got.Next != nil || got.Problem != "" || !got.Schedule.IsZero() {
		t.Errorf("a zero schedule: %+v, want a zero Status", got)
	}
	days, err := schedule.ParseDays("daily")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		routine     string
		wantNext    time.Time
		wantProblem bool
	}{
		{"fits", c.Routines()[0].ID, time.Date(2026, 12, 1, 7, 30, 0, 0, utc), false},
		{"gone", "no-such-routine", time.Date(2026, 12, 1, 7, 30, 0, 0, utc), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := schedule.Schedule{Days: days, Times: clocks(t, "07:30"), Routine: tt.routine}
			got := sc.Status(c, now, utc)
			if got.Schedule.Equipment == nil || got.Schedule.Quiet == nil {
				t.Errorf("lists left nil: %+v", got.Schedule)
			}
			if got.Next == nil {
				t.Fatal("no next occurrence")
			}
			if diff := cmp.Diff(tt.wantNext, *got.Next); diff != "" {
				t.Errorf("next (-want +got):\n%s", diff)
			}
			if (got.Problem != "") != tt.wantProblem {
				t.Errorf("problem %q, want one: %v", got.Problem, tt.wantProblem)
			}
		})
	}
}
