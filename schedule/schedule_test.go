package schedule_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/schedule"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func clocks(t testing.TB, s string) []schedule.Clock {
	t.Helper()
	c, err := schedule.ParseClocks(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" for an error
		says string // part of the error
	}{
		{"12:30", "12:30", ""},
		{"7:05", "07:05", ""},
		{"00:00", "00:00", ""},
		{"23:59", "23:59", ""},
		{" 17:45 ", "17:45", ""},
		{"25:00", "", "hours go from 00 to 23"},
		{"24:00", "", "hours go from 00 to 23"},
		{"12:60", "", "minutes from 00 to 59"},
		{"12:5", "", "two digits for the minutes"},
		{"1230", "", "HH:MM"},
		{"", "", "HH:MM"},
		{"-1:30", "", "HH:MM"},
		{"12:30pm", "", "HH:MM"},
		{"123:00", "", "HH:MM"},
	} {
		c, err := schedule.ParseClock(tc.in)
		if tc.want == "" {
			if err == nil || unhunch.ErrorCode(err) != unhunch.EInvalid || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("ParseClock(%q) = %v, %v; want an EInvalid error saying %q", tc.in, c, err, tc.says)
			}
			continue
		}
		if err != nil || c.String() != tc.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %s", tc.in, c, err, tc.want)
		}
	}
}

func TestParseDays(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // nil for an error
		str  string
	}{
		{"mon-fri", []string{"mon", "tue", "wed", "thu", "fri"}, "mon-fri"},
		{"weekdays", []string{"mon", "tue", "wed", "thu", "fri"}, "mon-fri"},
		{"Mon,Wed,FRI", []string{"mon", "wed", "fri"}, "mon,wed,fri"},
		{"fri-mon", []string{"mon", "fri", "sat", "sun"}, "mon,fri-sun"},
		{"daily", []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, "mon-sun"},
		{"weekends", []string{"sat", "sun"}, "sat,sun"},
		{"sunday,tuesday", []string{"tue", "sun"}, "tue,sun"},
		{"", nil, ""},
		{",,", nil, ""},
		{"mon-frx", nil, ""},
		{"funday", nil, ""},
		{"mon-", nil, ""},
	} {
		d, err := schedule.ParseDays(tc.in)
		if tc.want == nil {
			if unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Errorf("ParseDays(%q) = %v, %v; want EInvalid", tc.in, d, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDays(%q): %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, d.Names()); diff != "" {
			t.Errorf("ParseDays(%q) (-want +got):\n%s", tc.in, diff)
		}
		if d.String() != tc.str {
			t.Errorf("ParseDays(%q).String() = %q, want %q", tc.in, d.String(), tc.str)
		}
		if again, err := schedule.ParseDays(d.String()); err != nil || again != d {
			t.Errorf("ParseDays(%q) does not read back: %v, %v", d.String(), again, err)
		}
	}
}

func TestParseQuiets(t *testing.T) {
	for _, tc := range []struct {
		in   string
		says string // "" when it parses
	}{
		{"22:00-07:00", ""},
		{"12:00-13:00,22:00-07:00", ""},
		{"22:00-07:00,06:00-08:00", "overlap"},
		{"22:00-07:00,23:00-23:30", "overlap"},
		{"12:00-13:00,13:00-14:00", ""}, // touching, not sharing a minute
		{"12:00-12:00", "same time"},
		{"12:00", "HH:MM-HH:MM"},
		{"12:00-25:00", "00 to 23"},
	} {
		_, err := schedule.ParseQuiets(tc.in)
		switch {
		case tc.says == "" && err != nil:
			t.Errorf("ParseQuiets(%q): %v", tc.in, err)
		case tc.says != "" && (err == nil || !strings.Contains(err.Error(), tc.says)):
			t.Errorf("ParseQuiets(%q) = %v; want an error saying %q", tc.in, err, tc.says)
		}
	}
}

// weekdays1230 is the desk worker's schedule of the issue: weekdays 12:30,
// five minutes, no floor.
func weekdays1230(t testing.TB) schedule.Schedule {
	return schedule.Schedule{Days: schedule.Weekdays, Times: clocks(t, "12:30"), Minutes: 5, NoFloor: true, SkipIfPractised: true}
}

func TestValidate(t *testing.T) {
	ok := weekdays1230(t)
	for _, tc := range []struct {
		name string
		edit func(s *schedule.Schedule)
		says string
	}{
		{"fine", func(*schedule.Schedule) {}, ""},
		{"no days", func(s *schedule.Schedule) { s.Days = 0 }, "no days"},
		{"no times", func(s *schedule.Schedule) { s.Times = nil }, "no times"},
		{"both", func(s *schedule.Schedule) { s.Routine = "quick-daily-reset" }, "not both"},
		{"neither", func(s *schedule.Schedule) { s.Minutes = 0 }, "either --routine"},
		{"too long", func(s *schedule.Schedule) { s.Minutes = 31 }, "31 minutes"},
		{"bad clock", func(s *schedule.Schedule) { s.Times = []schedule.Clock{{Hour: 25}} }, "hours go from 00 to 23"},
		{"twice", func(s *schedule.Schedule) { s.Times = []schedule.Clock{{Hour: 9}, {Hour: 9}} }, "twice"},
		{"equipment", func(s *schedule.Schedule) { s.Equipment = []catalog.Equipment{"kettlebell"} }, "kettlebell"},
		{"overlap", func(s *schedule.Schedule) {
			s.Quiet = []schedule.Quiet{{From: schedule.Clock{Hour: 22}, To: schedule.Clock{Hour: 7}}, {From: schedule.Clock{Hour: 6}, To: schedule.Clock{Hour: 8}}}
		}, "overlap"},
		{"time in quiet", func(s *schedule.Schedule) {
			s.Quiet = []schedule.Quiet{{From: schedule.Clock{Hour: 12}, To: schedule.Clock{Hour: 14}}}
		}, "12:30 falls in your quiet hours 12:00-14:00"},
		{"negative max", func(s *schedule.Schedule) { s.MaxPerDay = -1 }, "-1"},
		{"sitting too short", func(s *schedule.Schedule) { s.SittingMinutes = 5 }, "5 minutes of sitting"},
		{"sitting", func(s *schedule.Schedule) { s.SittingMinutes = 50 }, ""},
	} {
		s := ok
		tc.edit(&s)
		err := s.Validate()
		switch {
		case tc.says == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.says != "" && (unhunch.ErrorCode(err) != unhunch.EInvalid || !strings.Contains(err.Error(), tc.says)):
			t.Errorf("%s: %v; want EInvalid saying %q", tc.name, err, tc.says)
		}
	}
}

// Occurrences stay at the wall-clock time across both daylight-saving
// changes, in zones that change on different dates and in one that never
// does, and follow the person when they move.
func TestNextAcrossDaylightSaving(t *testing.T) {
	s := schedule.Schedule{Days: schedule.EveryDay, Times: clocks(t, "02:30,12:30"), Minutes: 5}
	for _, tc := range []struct {
		zone       string
		from, to   string // local dates, inclusive
		wantChange string // the local time 02:30 becomes on the change's night, or "" for none
	}{
		// Europe: forward 2026-03-29 02:00 → 03:00; back 2026-10-25 03:00 → 02:00.
		{"Europe/Berlin", "2026-03-28", "2026-03-30", "03:00"},
		{"America/New_York", "2026-03-07", "2026-03-09", "03:00"},
		{"Asia/Tokyo", "2026-03-28", "2026-03-30", ""},
	} {
		loc := zone(t, tc.zone)
		from, _ := time.ParseInLocation("2006-01-02", tc.from, loc)
		to, _ := time.ParseInLocation("2006-01-02", tc.to, loc)
		got := s.Between(from, to.Add(24*time.Hour-time.Second), loc)
		if len(got) != 6 {
			t.Fatalf("%s: %d occurrences, want 6: %v", tc.zone, len(got), got)
		}
		for i, at := range got {
			l := at.In(loc)
			want := "12:30"
			if i%2 == 0 {
				want = "02:30"
				if i == 2 && tc.wantChange != "" {
					want = tc.wantChange // the night 02:30 does not exist
				}
			}
			if l.Format("15:04") != want {
				t.Errorf("%s: occurrence %d at %s, want %s", tc.zone, i, l, want)
			}
			if i > 0 && !at.After(got[i-1]) {
				t.Errorf("%s: occurrences out of order: %v", tc.zone, got)
			}
		}
	}

	// Clocks going back: 02:30 happens twice in Berlin on 2026-10-25; the
	// reminder comes once, the first time (still summer time, UTC+2).
	loc := zone(t, "Europe/Berlin")
	from := time.Date(2026, 10, 24, 13, 0, 0, 0, loc)
	got := s.Between(from, from.Add(48*time.Hour), loc)
	var twoThirty []time.Time
	for _, at := range got {
		if at.In(loc).Format("15:04") == "02:30" {
			twoThirty = append(twoThirty, at)
		}
	}
	if len(twoThirty) != 2 || twoThirty[0].UTC().Format(time.RFC3339) != "2026-10-25T00:30:00Z" {
		t.Errorf("around the change back: %v", twoThirty)
	}
	// 12:30 on each side of the change is 12:30 local, with different offsets.
	noon := s.Between(time.Date(2026, 10, 24, 0, 0, 0, 0, loc), time.Date(2026, 10, 26, 23, 0, 0, 0, loc), loc)
	var utc []string
	for _, at := range noon {
		if at.In(loc).Hour() == 12 {
			utc = append(utc, at.UTC().Format("01-02T15:04"))
		}
	}
	if diff := cmp.Diff([]string{"10-24T10:30", "10-25T11:30", "10-26T11:30"}, utc); diff != "" {
		t.Errorf("12:30 in Berlin across the change (-want +got):\n%s", diff)
	}
}

// A person who flies from Berlin to New York is reminded at 12:30 New York
// time the next day: the schedule holds wall-clock times, not instants.
func TestNextAfterAZoneMove(t *testing.T) {
	s := weekdays1230(t)
	berlin, ny := zone(t, "Europe/Berlin"), zone(t, "America/New_York")
	landed := time.Date(2026, 6, 15, 18, 0, 0, 0, ny) // a Monday evening
	got := s.Next(landed, ny)
	if got.In(ny).Format("Mon 15:04") != "Tue 12:30" {
		t.Errorf("after the move: %s", got.In(ny))
	}
	// Still on Berlin time, 18:00 in New York is midnight starting Tuesday
	// there: the next is 12:30 Berlin time, six hours before New York's.
	if got2 := s.Next(landed, berlin); got2.In(berlin).Format("Mon 15:04") != "Tue 12:30" || got.Sub(got2) != 6*time.Hour {
		t.Errorf("in Berlin: %s", got2.In(berlin))
	}
	// Friday after 12:30 skips the weekend.
	fri := time.Date(2026, 6, 19, 12, 31, 0, 0, ny)
	if got := s.Next(fri, ny); got.In(ny).Format("Mon 2 15:04") != "Mon 22 12:30" {
		t.Errorf("after Friday: %s", got.In(ny))
	}
	// Exactly at an occurrence, the next is the one after.
	at := time.Date(2026, 6, 16, 12, 30, 0, 0, ny)
	if got := s.Next(at, ny); !got.Equal(at.Add(24 * time.Hour)) {
		t.Errorf("at 12:30: next %s", got.In(ny))
	}
	if got := (schedule.Schedule{}).Next(at, ny); !got.IsZero() {
		t.Errorf("no schedule: next %s", got)
	}
}

func TestDecide(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	s := weekdays1230(t)
	s.Times = clocks(t, "12:30,17:45")
	s.MaxPerDay = 2
	s.Quiet = []schedule.Quiet{{From: schedule.Clock{Hour: 22}, To: schedule.Clock{Hour: 7}}}
	mon := func(h, m int) time.Time { return time.Date(2026, 6, 15, h, m, 0, 0, loc) }
	for _, tc := range []struct {
		name      string
		at        time.Time
		practised bool
		sent      int
		want      schedule.Hold
	}{
		{"due", mon(12, 30), false, 0, schedule.Send},
		{"saturday", time.Date(2026, 6, 20, 12, 30, 0, 0, loc), false, 0, schedule.NotPlanned},
		{"quiet", mon(23, 0), false, 0, schedule.QuietHours},
		{"quiet early", mon(6, 59), false, 0, schedule.QuietHours},
		{"quiet over", mon(7, 0), false, 0, schedule.Send},
		{"practised", mon(17, 45), true, 1, schedule.Practised},
		{"enough", mon(17, 45), false, 2, schedule.Enough},
		{"second", mon(17, 45), false, 1, schedule.Send},
	} {
		if got := s.Decide(tc.at, loc, tc.practised, tc.sent); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	s.SkipIfPractised = false
	if got := s.Decide(mon(17, 45), loc, true, 1); got != schedule.Send {
		t.Errorf("not skipping practised days: %q", got)
	}
}

func TestFitsRoutine(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var floor, equip *catalog.Routine
	for _, r := range c.Routines() {
		for _, it := range r.Exercises {
			e, _ := c.Exercise(it.ID)
			if floor == nil && (e.NeedsFloor() || it.Position.Level() == catalog.LevelFloor) {
				floor = r
			}
			if equip == nil && len(e.Equipment) > 0 {
				equip = r
			}
		}
	}
	if floor == nil || equip == nil {
		t.Fatal("the built-in catalog has no routine on the floor or with equipment")
	}
	s := schedule.Schedule{NoFloor: true}
	if err := s.FitsRoutine(floor, c); err == nil || !strings.Contains(err.Error(), "no floor") {
		t.Errorf("a floor routine without the floor: %v", err)
	}
	s = schedule.Schedule{}
	if err := s.FitsRoutine(equip, c); err != nil {
		t.Errorf("a routine with equipment, none listed: %v", err)
	}
	// Equipment that nothing in the routine uses or stands in with.
	used := map[catalog.Equipment]bool{}
	for _, it := range equip.Exercises {
		e, _ := c.Exercise(it.ID)
		for _, q := range e.Equipment {
			used[q] = true
			for _, sub := range e.Substitutes[q] {
				used[sub] = true
			}
		}
	}
	for _, q := range catalog.EquipmentIDs {
		if !used[q] {
			s.Equipment = []catalog.Equipment{q}
			break
		}
	}
	if err := s.FitsRoutine(equip, c); err == nil || !strings.Contains(err.Error(), "--equipment") {
		t.Errorf("a routine with equipment, other equipment listed: %v", err)
	}
	s.Equipment = catalog.EquipmentIDs
	if err := s.FitsRoutine(equip, c); err != nil {
		t.Errorf("with every piece of equipment: %v", err)
	}
}

func TestJSON(t *testing.T) {
	s := weekdays1230(t)
	s.Quiet = []schedule.Quiet{{From: schedule.Clock{Hour: 22}, To: schedule.Clock{Hour: 7}}}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"days":["mon","tue","wed","thu","fri"],"times":["12:30"],"routine":"","minutes":5,"no_floor":true,"equipment":null,"quiet":["22:00-07:00"],"skip_if_practised":true,"max_per_day":0,"sitting_minutes":0}`
	if string(b) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", b, want)
	}
	var back schedule.Schedule
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// FuzzParsers: the time, day and quiet-hour parsers never panic, and what
// they accept writes back to something they read as the same value.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{"12:30", "25:00", "12:5", "mon-fri", "fri-mon", "", "22:00-07:00", "7:05,12:30", "weekdays,sun"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := schedule.ParseClock(s); err == nil {
			if back, err := schedule.ParseClock(c.String()); err != nil || back != c {
				t.Errorf("clock %q → %s → %v, %v", s, c, back, err)
			}
		}
		if cs, err := schedule.ParseClocks(s); err == nil && len(cs) == 0 {
			t.Errorf("clocks %q: none and no error", s)
		}
		if d, err := schedule.ParseDays(s); err == nil {
			if d == 0 {
				t.Errorf("days %q: empty and no error", s)
			}
			if back, err := schedule.ParseDays(d.String()); err != nil || back != d {
				t.Errorf("days %q → %s → %v, %v", s, d, back, err)
			}
		}
		if qs, err := schedule.ParseQuiets(s); err == nil {
			for i, q := range qs {
				if back, err := schedule.ParseQuiet(q.String()); err != nil || back != q {
					t.Errorf("quiet %q → %s → %v, %v", s, q, back, err)
				}
				for _, r := range qs[:i] {
					if q.Overlaps(r) {
						t.Errorf("quiet %q: %s and %s overlap", s, r, q)
					}
				}
			}
		}
	})
}
