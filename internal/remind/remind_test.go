package remind_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/remind"
	"github.com/unhunch/unhunch/schedule"
)

// requireEnv makes a missing dbus-daemon a failure instead of a skip.
const requireEnv = "UNHUNCH_REQUIRE_DBUS"

// privateBus starts a session bus of the test's own (Debian's dbus-daemon)
// and returns its address.
func privateBus(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("dbus-daemon")
	if err != nil {
		if os.Getenv(requireEnv) == "1" {
			t.Fatalf("no dbus-daemon (apt-get install dbus-daemon), and %s=1", requireEnv)
		}
		t.Skipf("SKIPPED LOUDLY: no dbus-daemon (apt-get install dbus-daemon); set %s=1 to make this a failure", requireEnv)
	}
	cmd := exec.Command(bin, "--session", "--nofork", "--nopidfile", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(addr)
}

// notifyCall is one Notify call the test server received.
type notifyCall struct {
	App, Summary, Body string
	Actions            []string
	At                 time.Time // the fake clock's time when it arrived
}

// notifyServer is a small org.freedesktop.Notifications that records what
// it is asked to show.
type notifyServer struct {
	conn  *dbus.Conn
	clock *fakeClock
	calls chan notifyCall
	mu    sync.Mutex
	next  uint32
}

func (s *notifyServer) Notify(app string, replaces uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	s.next++
	id := s.next
	s.mu.Unlock()
	s.calls <- notifyCall{App: app, Summary: summary, Body: body, Actions: actions, At: s.clock.Now()}
	return id, nil
}

func (s *notifyServer) GetServerInformation() (string, string, string, string, *dbus.Error) {
	return "test", "unhunch tests", "1", "1.2", nil
}

func (s *notifyServer) GetCapabilities() ([]string, *dbus.Error) {
	return []string{"actions", "body"}, nil
}

// invoke says the person chose action on notification id.
func (s *notifyServer) invoke(t *testing.T, id uint32, action string) {
	t.Helper()
	if err := s.conn.Emit("/org/freedesktop/Notifications", "org.freedesktop.Notifications.ActionInvoked", id, action); err != nil {
		t.Fatal(err)
	}
}

func startServer(t *testing.T, addr string, clock *fakeClock) *notifyServer {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	s := &notifyServer{conn: conn, clock: clock, calls: make(chan notifyCall, 256)}
	if err := conn.Export(s, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("request the name: %v, %v", reply, err)
	}
	return s
}

// fakeClock is the injected clock: time moves only when the test says. The
// runner waits on one timer at a time; each new wait replaces the last and
// raises gen.
type fakeClock struct {
	mu   sync.Mutex
	cond *sync.Cond
	now  time.Time
	at   time.Time      // when the current timer falls due
	ch   chan time.Time // the current timer
	gen  int            // how many timers so far
}

func newClock(at time.Time) *fakeClock {
	c := &fakeClock{now: at}
	c.cond = sync.NewCond(&c.mu)
	return c
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at, c.ch = c.now.Add(d), make(chan time.Time, 1)
	c.gen++
	c.cond.Broadcast()
	return c.ch
}

// generation returns how many timers the runner has set so far.
func (c *fakeClock) generation() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// waitAfter blocks until the runner sets a timer after the g-th.
func (c *fakeClock) waitAfter(g int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.gen <= g {
		c.cond.Wait()
	}
}

// runUntil moves time to t, firing each timer that falls due on the way
// and waiting for the runner to set the next; it returns with the runner
// waiting on a timer due after t.
func (c *fakeClock) runUntil(t time.Time) {
	c.waitAfter(0)
	for {
		c.mu.Lock()
		if c.at.After(t) {
			c.now = t
			c.mu.Unlock()
			return
		}
		c.now = c.at
		g := c.gen
		c.ch <- c.now
		c.mu.Unlock()
		c.waitAfter(g)
	}
}

// wake fires the current timer at t, as a laptop waking from sleep does:
// time jumps, and the runner finds out when its timer comes.
func (c *fakeClock) wake(t time.Time) {
	c.mu.Lock()
	c.now = t
	g := c.gen
	c.ch <- t
	c.mu.Unlock()
	c.waitAfter(g)
}

// The desk worker's week on a private session bus: reminded at 12:30 with
// "Start now" and "Later"; "Later" brings it back 15 minutes on; "Start
// now" opens the player; once the day's practice is done the 17:45 one is
// left out; the next day it comes again.
func TestRemindersOnAPrivateBus(t *testing.T) {
	addr := privateBus(t)
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	clock := newClock(time.Date(2026, 6, 15, 12, 0, 0, 0, loc)) // a Monday
	srv := startServer(t, addr, clock)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n, err := remind.DialDBus(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()

	times, _ := schedule.ParseClocks("12:30,17:45")
	quiet, _ := schedule.ParseQuiets("22:00-07:00")
	sc := schedule.Schedule{Days: schedule.Weekdays, Times: times, Minutes: 5, NoFloor: true, Quiet: quiet, SkipIfPractised: true, MaxPerDay: 3}
	var mu sync.Mutex
	practisedOn := map[string]bool{}
	started := make(chan schedule.Schedule, 1)
	r := &remind.Runner{
		Clock: clock, Loc: loc, Notifier: n,
		Schedule: func(context.Context) (schedule.Schedule, error) { return sc, nil },
		Practised: func(_ context.Context, at time.Time) (bool, error) {
			mu.Lock()
			defer mu.Unlock()
			return practisedOn[at.In(loc).Format(time.DateOnly)], nil
		},
		Words: func(schedule.Schedule) remind.Note {
			return remind.Note{Summary: "Time for your exercises", Body: "5 minutes", Start: "Start now", Later: "Later"}
		},
		Start: func(_ context.Context, sc schedule.Schedule) error { started <- sc; return nil },
	}
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()

	clock.runUntil(time.Date(2026, 6, 15, 12, 29, 0, 0, loc))
	if len(srv.calls) != 0 {
		t.Fatalf("a reminder before 12:30: %+v", <-srv.calls)
	}
	clock.runUntil(time.Date(2026, 6, 15, 12, 30, 0, 0, loc))
	first := <-srv.calls
	want := notifyCall{App: "unhunch", Summary: "Time for your exercises", Body: "5 minutes",
		Actions: []string{"start", "Start now", "later", "Later"}, At: time.Date(2026, 6, 15, 12, 30, 0, 0, loc)}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("the 12:30 reminder (-want +got):\n%s", diff)
	}

	// "Later": the same reminder again 15 minutes on.
	g := clock.generation()
	srv.invoke(t, 1, "later")
	clock.waitAfter(g) // the runner took the action and waits again
	clock.runUntil(time.Date(2026, 6, 15, 12, 44, 0, 0, loc))
	if len(srv.calls) != 0 {
		t.Fatalf("the snooze came early: %+v", <-srv.calls)
	}
	clock.runUntil(time.Date(2026, 6, 15, 12, 45, 0, 0, loc))
	if again := <-srv.calls; !again.At.Equal(time.Date(2026, 6, 15, 12, 45, 0, 0, loc)) {
		t.Errorf("the snoozed reminder at %s", again.At)
	}

	// "Start now" on it opens the player at what the schedule says.
	g = clock.generation()
	srv.invoke(t, 2, "start")
	if got := <-started; !cmp.Equal(got, sc) {
		t.Errorf("started %+v", got)
	}
	clock.waitAfter(g)
	// An action on a notification that is not ours does nothing.
	g = clock.generation()
	srv.invoke(t, 99, "later")
	clock.waitAfter(g)

	// Practised today: 17:45 is left out.
	mu.Lock()
	practisedOn["2026-06-15"] = true
	mu.Unlock()
	clock.runUntil(time.Date(2026, 6, 16, 12, 29, 0, 0, loc))
	if len(srv.calls) != 0 {
		t.Fatalf("a reminder after the day's practice: %+v", <-srv.calls)
	}
	clock.runUntil(time.Date(2026, 6, 16, 12, 30, 0, 0, loc))
	if next := <-srv.calls; !next.At.Equal(time.Date(2026, 6, 16, 12, 30, 0, 0, loc)) {
		t.Errorf("Tuesday's reminder at %s", next.At)
	}

	// A laptop asleep through Tuesday 17:45 and woken at 19:00: that one is
	// not shown late; Wednesday's comes as usual.
	clock.runUntil(time.Date(2026, 6, 16, 17, 44, 0, 0, loc))
	clock.wake(time.Date(2026, 6, 16, 19, 0, 0, 0, loc))
	clock.runUntil(time.Date(2026, 6, 17, 12, 30, 0, 0, loc))
	if next := <-srv.calls; !next.At.Equal(time.Date(2026, 6, 17, 12, 30, 0, 0, loc)) {
		t.Errorf("after sleeping through 17:45, a reminder at %s", next.At)
	}
	if len(srv.calls) != 0 {
		t.Errorf("more reminders: %+v", <-srv.calls)
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// Without a notification service on the bus, DialDBus says so (and the
// command falls back to the bell).
func TestNoNotificationService(t *testing.T) {
	addr := privateBus(t)
	if _, err := remind.DialDBus(context.Background(), addr); err == nil || !strings.Contains(err.Error(), "no notification service") {
		t.Errorf("a bus without the service: %v", err)
	}
}

// The fallback: the terminal bell and one line, at most the number a day.
func TestBellFallback(t *testing.T) {
	loc := time.UTC
	clock := newClock(time.Date(2026, 6, 15, 8, 0, 0, 0, loc))
	var out bytes.Buffer
	times, _ := schedule.ParseClocks("09:00,10:00,11:00")
	sc := schedule.Schedule{Days: schedule.EveryDay, Times: times, Routine: "quick-daily-reset", MaxPerDay: 2}
	ctx, cancel := context.WithCancel(context.Background())
	r := &remind.Runner{
		Clock: clock, Loc: loc, Notifier: &remind.Bell{W: &out},
		Schedule:  func(context.Context) (schedule.Schedule, error) { return sc, nil },
		Practised: func(context.Context, time.Time) (bool, error) { return false, nil },
		Words:     func(schedule.Schedule) remind.Note { return remind.Note{Summary: "unhunch", Body: "time to move"} },
	}
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	clock.runUntil(time.Date(2026, 6, 15, 12, 0, 0, 0, loc))
	cancel()
	<-done
	if got := out.String(); got != "\aunhunch: time to move\n\aunhunch: time to move\n" {
		t.Errorf("bell output %q: want two reminders (at most 2 a day)", got)
	}
}

// screenSaver is a small org.freedesktop.ScreenSaver that says how long
// the session has been idle, as the test sets it.
type screenSaver struct{ idle atomic.Uint32 }

func (s *screenSaver) GetSessionIdleTime() (uint32, *dbus.Error) { return s.idle.Load(), nil }

// Sitting reminders on a private session bus: after 30 minutes at the
// computer a desk routine is suggested, and "Start now" opens a two-minute
// plan off the floor; a five-minute break starts the count again; nothing
// in quiet hours.
func TestSittingRemindersOnAPrivateBus(t *testing.T) {
	addr := privateBus(t)
	loc := time.UTC
	clock := newClock(time.Date(2026, 6, 15, 9, 0, 0, 0, loc))
	srv := startServer(t, addr, clock)
	ss := &screenSaver{}
	if err := srv.conn.Export(ss, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"); err != nil {
		t.Fatal(err)
	}
	if reply, err := srv.conn.RequestName("org.freedesktop.ScreenSaver", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("request the name: %v, %v", reply, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n, err := remind.DialDBus(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if idle, err := n.Idle(ctx); err != nil || idle != 0 {
		t.Fatalf("idle time: %v, %v", idle, err)
	}
	times, _ := schedule.ParseClocks("06:00")
	quiet, _ := schedule.ParseQuiets("22:00-05:00")
	sc := schedule.Schedule{Days: schedule.Weekdays, Times: times, Minutes: 5, Quiet: quiet, SittingMinutes: 30,
		Equipment: []catalog.Equipment{catalog.Chair}}
	started := make(chan schedule.Schedule, 1)
	r := &remind.Runner{
		Clock: clock, Loc: loc, Notifier: n, Idle: n.Idle,
		Schedule:  func(context.Context) (schedule.Schedule, error) { return sc, nil },
		Practised: func(context.Context, time.Time) (bool, error) { return false, nil },
		Words:     func(schedule.Schedule) remind.Note { return remind.Note{Summary: "scheduled"} },
		SittingWords: func(m int) remind.Note {
			return remind.Note{Summary: "Time to get up", Body: fmt.Sprint(m), Start: "Start now", Later: "Later"}
		},
		Start: func(_ context.Context, sc schedule.Schedule) error { started <- sc; return nil },
	}
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()

	clock.runUntil(time.Date(2026, 6, 15, 9, 29, 0, 0, loc))
	if len(srv.calls) != 0 {
		t.Fatalf("a reminder before 30 minutes: %+v", <-srv.calls)
	}
	clock.runUntil(time.Date(2026, 6, 15, 9, 30, 0, 0, loc))
	first := <-srv.calls
	if first.Summary != "Time to get up" || first.Body != "30" || !first.At.Equal(time.Date(2026, 6, 15, 9, 30, 0, 0, loc)) {
		t.Errorf("the sitting reminder: %+v", first)
	}
	g := clock.generation()
	srv.invoke(t, 1, "start")
	if desk := <-started; desk.Minutes != schedule.DeskMinutes || !desk.NoFloor || desk.Routine != "" || len(desk.Equipment) != 1 {
		t.Errorf("Start now on a sitting reminder opens %+v", desk)
	}
	clock.waitAfter(g)

	// A five-minute break from 9:40: the count starts again at 9:45.
	clock.runUntil(time.Date(2026, 6, 15, 9, 39, 0, 0, loc))
	for m := uint32(1); m <= 5; m++ {
		ss.idle.Store(m * 60)
		clock.runUntil(time.Date(2026, 6, 15, 9, 39+int(m), 0, 0, loc))
	}
	ss.idle.Store(0)
	clock.runUntil(time.Date(2026, 6, 15, 10, 14, 0, 0, loc))
	if len(srv.calls) != 0 {
		t.Fatalf("a reminder less than 30 minutes after the break: %+v", <-srv.calls)
	}
	clock.runUntil(time.Date(2026, 6, 15, 10, 15, 0, 0, loc))
	if next := <-srv.calls; !next.At.Equal(time.Date(2026, 6, 15, 10, 15, 0, 0, loc)) {
		t.Errorf("after the break, a reminder at %s", next.At)
	}

	// Working late: nothing in quiet hours.
	clock.runUntil(time.Date(2026, 6, 15, 21, 59, 0, 0, loc))
	for len(srv.calls) > 0 {
		if c := <-srv.calls; c.At.Hour() >= 22 {
			t.Errorf("a reminder in quiet hours: %+v", c)
		}
	}
	clock.runUntil(time.Date(2026, 6, 16, 4, 59, 0, 0, loc))
	if len(srv.calls) != 0 {
		t.Errorf("a reminder in quiet hours: %+v", <-srv.calls)
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}
