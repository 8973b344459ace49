package schedule_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/schedule"
)

// requireEnv makes a missing validator a failure instead of a skip (CI sets it).
const requireEnv = "UNHUNCH_REQUIRE_ICALENDAR"

// icalPython returns a Python that has icalendar and dateutil (Debian's
// python3-icalendar), skipping the test without one unless requireEnv is 1.
func icalPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if err := exec.Command(p, "-c", "import icalendar, dateutil").Run(); err == nil {
			return p
		}
	}
	if os.Getenv(requireEnv) == "1" {
		t.Fatalf("no Python with icalendar and dateutil (apt-get install python3-icalendar), and %s=1", requireEnv)
	}
	t.Skipf("SKIPPED LOUDLY: no Python with icalendar (apt-get install python3-icalendar); set %s=1 to make this a failure", requireEnv)
	return ""
}

func deskSchedule(t *testing.T) schedule.Schedule {
	return schedule.Schedule{Days: schedule.Weekdays, Times: clocks(t, "12:30,17:45"), Minutes: 5, NoFloor: true, SkipIfPractised: true}
}

// The calendar file parses with Python's icalendar and its events expand,
// with dateutil, to the same instants as Schedule.Between across a
// daylight-saving change: with a VTIMEZONE of its own (Berlin, clocks
// forward on 29 March 2026) and with floating times read in New York
// (clocks forward on 8 March 2026).
func TestICSExpandsInPythonIcalendar(t *testing.T) {
	py := icalPython(t)
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s := deskSchedule(t)
	for _, tc := range []struct {
		name     string
		calZone  string // the calendar's zone; "" for floating times
		readIn   string // where the occurrences happen
		now      time.Time
		from, to time.Time
	}{
		{"Berlin", "Europe/Berlin", "Europe/Berlin", time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC),
			time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 4, 0, 0, 0, 0, time.UTC)},
		{"Berlin in autumn", "Europe/Berlin", "Europe/Berlin", time.Date(2026, 10, 19, 9, 0, 0, 0, time.UTC),
			time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)},
		{"floating in New York", "", "America/New_York", time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
			time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loc := zone(t, tc.readIn)
			calLoc := time.UTC
			if tc.calZone != "" {
				calLoc = zone(t, tc.calZone)
			}
			file := filepath.Join(t.TempDir(), "unhunch.ics")
			if err := os.WriteFile(file, s.ICS(s.NewCalendar(c, calLoc, tc.now, "http://127.0.0.1:8080", "test")), 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"testdata/ics_expand.py", file, tc.from.Format("2006-01-02T15:04:05"), tc.to.Format("2006-01-02T15:04:05")}
			if tc.calZone == "" {
				args = append(args, tc.readIn)
			}
			var stderr bytes.Buffer
			cmd := exec.Command(py, args...)
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("icalendar refused the file: %v\n%s", err, stderr.String())
			}
			got := strings.Fields(string(out))
			var want []string
			for _, at := range s.Between(tc.from.Add(-time.Second), tc.to.Add(-time.Second), loc) {
				want = append(want, at.UTC().Format("2006-01-02T15:04:05Z"))
			}
			if len(want) != 22 {
				t.Fatalf("%d occurrences in the test's span, want 22 (11 weekdays, 2 a day)", len(want))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("occurrences (-Go +icalendar):\n%s", diff)
			}
			// The span crosses a change: the UTC time of 12:30 differs.
			if want[0][11:16] == want[len(want)-2][11:16] {
				t.Errorf("no daylight-saving change in the span: %s … %s", want[0], want[len(want)-2])
			}
		})
	}
}

// The file itself: CRLF lines of at most 75 octets, one event per time
// with its rule, alarm and player link, text escaped.
func TestICSForm(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s := schedule.Schedule{Days: schedule.Days(1<<time.Monday | 1<<time.Wednesday | 1<<time.Friday), Times: clocks(t, "07:15"), Routine: "quick-daily-reset"}
	cal := s.NewCalendar(c, time.UTC, time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), "http://127.0.0.1:8080/", "1.2.3")
	cal.Summary = "a; b, c\\ d\nnext line with ünïcödé characters that go on long enough to be folded somewhere"
	ics := string(s.ICS(cal))
	if !strings.HasSuffix(ics, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\n") {
		t.Errorf("not CRLF lines:\n%q", ics)
	}
	for _, l := range strings.Split(ics, "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
	}
	unfolded := strings.ReplaceAll(ics, "\r\n ", "")
	for _, want := range []string{
		"DTSTART:20261202T071500", // floating; Wednesday is the first day on or after Tuesday 1 December
		"RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
		"URL:http://127.0.0.1:8080/play/quick-daily-reset",
		"TRIGGER:PT0S",
		`SUMMARY:a\; b\, c\\ d\nnext line with ünïcödé`,
		"PRODID:-//unhunch//unhunch 1.2.3//EN",
		"DTSTAMP:20261201T080000Z",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("no %q in\n%s", want, unfolded)
		}
	}
	if strings.Contains(ics, "VTIMEZONE") {
		t.Errorf("a VTIMEZONE for floating times")
	}
}
