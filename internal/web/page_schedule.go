package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/schedule"
)

// scheduleForm is the schedule section of the settings page: the form's
// values (the saved schedule, or what was just sent and refused), and what
// happened.
type scheduleForm struct {
	Set       bool // a schedule is saved
	Days      []choice
	At        string
	Routines  []choice
	Minutes   int
	NoFloor   bool
	Equipment []choice
	Quiet     string
	Skip      bool
	Max       int
	Sitting   int
	Next      string // the next occurrence, in words
	Done      string // what was just done
	Error     string // why what was sent was refused
	Problem   string // why the saved schedule no longer fits
}

// choice is one checkbox or option.
type choice struct {
	ID, Name string
	On       bool
}

// dayIDs are the days in the form's order, Monday first.
var dayIDs = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// newScheduleForm fills the form from sc.
func (s *Server) newScheduleForm(sc schedule.Schedule) scheduleForm {
	f := scheduleForm{Set: !sc.IsZero(), Minutes: sc.Minutes, NoFloor: sc.NoFloor, Skip: sc.SkipIfPractised || sc.IsZero(), Max: sc.MaxPerDay, Sitting: sc.SittingMinutes}
	if !f.Set {
		f.Minutes, f.NoFloor = 5, true
	}
	for i, id := range dayIDs {
		w := time.Weekday((i + 1) % 7)
		f.Days = append(f.Days, choice{ID: id, Name: w.String(), On: sc.Days.Has(w) || (!f.Set && i < 5)})
	}
	times := make([]string, len(sc.Times))
	for i, c := range sc.Times {
		times[i] = c.String()
	}
	f.At = strings.Join(times, ", ")
	if !f.Set {
		f.At = "12:30"
	}
	for _, r := range s.catalog().Routines() {
		f.Routines = append(f.Routines, choice{ID: r.ID, Name: r.Name, On: r.ID == sc.Routine})
	}
	for _, q := range catalog.EquipmentIDs {
		f.Equipment = append(f.Equipment, choice{ID: string(q), Name: message.EquipmentWords.Text(string(q)), On: slices.Contains(sc.Equipment, q)})
	}
	quiet := make([]string, len(sc.Quiet))
	for i, q := range sc.Quiet {
		quiet[i] = q.String()
	}
	f.Quiet = strings.Join(quiet, ", ")
	if f.Set {
		if next := sc.Next(s.now(), s.cfg.Location); !next.IsZero() {
			f.Next = next.In(s.cfg.Location).Format("Monday 2 January, 15:04")
		}
		if err := sc.Check(s.catalog()); err != nil {
			f.Problem = err.Error()
		}
	}
	return f
}

// scheduleFromForm reads the posted form as a schedule; the error says
// what is wrong in the person's words.
func scheduleFromForm(r *http.Request) (schedule.Schedule, error) {
	pf := r.PostForm
	days, err := schedule.ParseDays(strings.Join(pf["day"], ","))
	if err != nil {
		return schedule.Schedule{}, err
	}
	times, err := schedule.ParseClocks(pf.Get("at"))
	if err != nil {
		return schedule.Schedule{}, err
	}
	quiet, err := schedule.ParseQuiets(pf.Get("quiet"))
	if err != nil {
		return schedule.Schedule{}, err
	}
	equipment, err := schedule.ParseEquipment(pf["equipment"])
	if err != nil {
		return schedule.Schedule{}, err
	}
	sc := schedule.Schedule{Days: days, Times: times, Routine: strings.TrimSpace(pf.Get("routine")), NoFloor: pf.Get("no_floor") != "",
		Equipment: equipment, Quiet: quiet, SkipIfPractised: pf.Get("skip") != ""}
	if sc.Routine == "" {
		if sc.Minutes, err = formInt(pf.Get("minutes")); err != nil {
			return sc, unhunch.E(unhunch.EInvalid, message.ScheduleBadMinutes, 0, schedule.MinMinutes, schedule.MaxMinutes)
		}
	}
	if m := strings.TrimSpace(pf.Get("max")); m != "" {
		if sc.MaxPerDay, err = formInt(m); err != nil {
			return sc, unhunch.E(unhunch.EInvalid, message.ScheduleBadMax, -1)
		}
	}
	if m := strings.TrimSpace(pf.Get("sitting")); m != "" {
		if sc.SittingMinutes, err = formInt(m); err != nil {
			return sc, unhunch.E(unhunch.EInvalid, message.ScheduleBadSitting, -1, schedule.MinSitting, schedule.MaxSitting)
		}
	}
	return sc, nil
}

func formInt(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }

// settingsSchedule saves the schedule from the settings page's form; a
// schedule that cannot be saved shows the page again with why, and the
// values sent, and changes nothing.
func (s *Server) settingsSchedule(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	sc, err := scheduleFromForm(r)
	if err == nil {
		err = sc.Check(s.catalog())
	}
	if err == nil {
		err = s.st.SetSchedule(writeCtx(r), sc, s.now())
	}
	switch code := unhunch.ErrorCode(err); {
	case err == nil:
		seeOther(w, r, "/settings?schedule=saved#schedule")
		return nil
	case code == unhunch.EInvalid || code == unhunch.ENotFound:
		f := s.newScheduleForm(sc)
		f.Set = false
		f.Error = err.Error()
		f.At, f.Quiet = r.PostForm.Get("at"), r.PostForm.Get("quiet")
		for i := range f.Days {
			f.Days[i].On = false
			for _, d := range r.PostForm["day"] {
				f.Days[i].On = f.Days[i].On || d == f.Days[i].ID
			}
		}
		return s.settings(w, r, http.StatusBadRequest, &f)
	default:
		return err
	}
}

// settingsScheduleClear removes the schedule from the settings page.
func (s *Server) settingsScheduleClear(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	if _, err := s.st.ClearSchedule(writeCtx(r)); err != nil {
		return err
	}
	seeOther(w, r, "/settings?schedule=cleared#schedule")
	return nil
}
