package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/schedule"
)

// Issue 19: the schedule is kept per journal on both engines, replaced
// whole or not at all, and a row that does not read is an answer, not a panic.
func TestSchedule(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		got, err := st.Schedule(ctx)
		if err != nil || !got.IsZero() {
			t.Fatalf("a new journal's schedule: %+v, %v", got, err)
		}
		times, _ := schedule.ParseClocks("17:45,12:30")
		quiet, _ := schedule.ParseQuiets("22:00-07:00,13:00-13:30")
		want := schedule.Schedule{Days: schedule.Weekdays, Times: times, Minutes: 5, NoFloor: true,
			Equipment: []catalog.Equipment{catalog.Chair, catalog.Wall}, Quiet: quiet, SkipIfPractised: true, MaxPerDay: 3, SittingMinutes: 50}
		v0, _ := st.Version(ctx)
		if err := st.SetSchedule(ctx, want, base); err != nil {
			t.Fatal(err)
		}
		if v1, _ := st.Version(ctx); v1 != v0+1 {
			t.Errorf("journal version %d → %d: a write raises it", v0, v1)
		}
		if got, err = st.Schedule(ctx); err != nil {
			t.Fatal(err)
		}
		want.SetAt = base
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("read back (-want +got):\n%s", diff)
		}

		// A bad schedule is refused and the saved one stays as it was.
		bad := want
		bad.Minutes, bad.Routine = 0, ""
		if err := st.SetSchedule(ctx, bad, base); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("a schedule with nothing to do: %v", err)
		}
		bad = want
		bad.Quiet = append(bad.Quiet, schedule.Quiet{From: schedule.Clock{Hour: 6}, To: schedule.Clock{Hour: 8}})
		if err := st.SetSchedule(ctx, bad, base); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("overlapping quiet hours: %v", err)
		}
		if got, _ = st.Schedule(ctx); !cmp.Equal(want, got) {
			t.Errorf("after refusals: %+v", got)
		}

		// Another replaces it whole; it survives closing and opening again.
		r := schedule.Schedule{Days: schedule.EveryDay, Times: times[:1], Routine: "quick-daily-reset", SetAt: base.Add(time.Hour)}
		if err := st.SetSchedule(ctx, r, r.SetAt); err != nil {
			t.Fatal(err)
		}
		st.Close()
		st = openAt(t, url, dir)
		if got, _ = st.Schedule(ctx); !cmp.Equal(r, got) {
			t.Errorf("after reopening: %+v", got)
		}

		// A hand edit the schedule cannot read.
		if _, err := raw(t, url, dir).Exec(`UPDATE schedules SET times = '25:00'`); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Schedule(ctx); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("a hand-edited time: %v", err)
		}

		if had, err := st.ClearSchedule(ctx); err != nil || !had {
			t.Errorf("clear: %v, %v", had, err)
		}
		if had, err := st.ClearSchedule(ctx); err != nil || had {
			t.Errorf("clear again: %v, %v", had, err)
		}
		if got, err := st.Schedule(ctx); err != nil || !got.IsZero() {
			t.Errorf("after clearing: %+v, %v", got, err)
		}
	})
}
