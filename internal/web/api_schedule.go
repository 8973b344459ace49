package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/schedule"
)

// ScheduleJournal is what the web app needs of the journal for the
// practice schedule (issue 19).
type ScheduleJournal interface {
	// Schedule returns the schedule; the zero Schedule when there is none.
	Schedule(ctx context.Context) (schedule.Schedule, error)
	// SetSchedule replaces the schedule whole, or changes nothing.
	SetSchedule(ctx context.Context, sc schedule.Schedule, at time.Time) error
	// ClearSchedule removes the schedule and says whether there was one.
	ClearSchedule(ctx context.Context) (bool, error)
}

// scheduleDoc is the schedule as the API answers it: whether there is
// one, the schedule, its next occurrence in the server's zone, the
// player's address for it and, when it no longer fits, why.
type scheduleDoc struct {
	Set bool `json:"set"`
	*schedule.Schedule
	Next    *time.Time `json:"next,omitempty"`
	Play    string     `json:"play,omitempty"`
	Problem string     `json:"problem,omitempty"`
	// RemindNow says whether a reminder goes out now (schedule.Decide with
	// none sent yet): the browser counts its own against PerDay.
	RemindNow bool      `json:"remind_now"`
	PerDay    int       `json:"per_day,omitempty"`
	Reminder  *reminder `json:"reminder,omitempty"`
}

// reminder is a reminder's words, for the browser's notification.
type reminder struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

func (s *Server) scheduleDocument(sc schedule.Schedule) scheduleDoc {
	if sc.IsZero() {
		return scheduleDoc{}
	}
	st := sc.Status(s.catalog(), s.now(), s.cfg.Location)
	return scheduleDoc{Set: true, Schedule: &st.Schedule, Next: st.Next, Play: st.Schedule.PlayPath(), Problem: st.Problem}
}

func (s *Server) showSchedule(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	sc, err := s.st.Schedule(r.Context())
	if err != nil {
		return err
	}
	doc := s.scheduleDocument(sc)
	if doc.Set {
		now := s.now()
		y, m, d := now.In(s.cfg.Location).Date()
		today, err := s.st.Sessions(r.Context(), journal.Filter{Since: time.Date(y, m, d, 0, 0, 0, 0, s.cfg.Location)})
		if err != nil {
			return err
		}
		doc.RemindNow = sc.Decide(now, s.cfg.Location, progress.PractisedOn(today, now, s.cfg.Location), 0) == schedule.Send
		doc.PerDay = sc.PerDay()
		title, body := sc.Reminder(s.catalog())
		doc.Reminder = &reminder{Title: title, Body: body}
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}

func (s *Server) putSchedule(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	var sc schedule.Schedule
	if err := decode(w, r, &sc); err != nil {
		return err
	}
	slices.SortFunc(sc.Times, func(a, b schedule.Clock) int { return (a.Hour*60 + a.Minute) - (b.Hour*60 + b.Minute) })
	if err := sc.Check(s.catalog()); err != nil {
		return err
	}
	if err := s.st.SetSchedule(writeCtx(r), sc, s.now()); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.scheduleDocument(sc))
	return nil
}

func (s *Server) deleteSchedule(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	if _, err := s.st.ClearSchedule(writeCtx(r)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, scheduleDoc{})
	return nil
}

// scheduleICS is the schedule as a calendar file to import or subscribe
// to: floating times (the calendar's own zone), or ?tz=Area/City.
func (s *Server) scheduleICS(w http.ResponseWriter, r *http.Request) error {
	q := params(r)
	tz := q.Get("tz")
	q.Del("tz")
	q.Del("token") // a calendar app's way in (auth.go), read before
	if err := noQuery(q); err != nil {
		return err
	}
	loc := s.cfg.Location
	if tz != "" {
		l, err := time.LoadLocation(tz)
		if err != nil || tz == "Local" || !strings.Contains(tz, "/") {
			return unhunch.E(unhunch.EInvalid, message.ScheduleBadTZ, tz)
		}
		loc = l
	}
	sc, err := s.st.Schedule(r.Context())
	if err != nil {
		return err
	}
	if sc.IsZero() {
		return unhunch.E(unhunch.ENotFound, message.ScheduleNeedSchedule)
	}
	cal := sc.NewCalendar(s.catalog(), loc, s.now(), "http://"+r.Host, unhunch.Version)
	cal.Floating = tz == ""
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="unhunch.ics"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(sc.ICS(cal))
	return err
}
