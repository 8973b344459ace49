package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/rectime"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// maxKeyLen is the longest idempotency key accepted (the journal keeps 64).
const maxKeyLen = 64

// idempotencyKey reads the Idempotency-Key header a start needs.
func idempotencyKey(r *http.Request) (string, error) {
	k := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	switch {
	case k == "":
		return "", unhunch.E(unhunch.EInvalid, message.WebNeedKey)
	case utf8.RuneCountInString(k) > maxKeyLen || strings.ContainsFunc(k, func(c rune) bool { return c < 0x21 || c > 0x7e }):
		return "", unhunch.E(unhunch.EInvalid, message.WebBadKey, maxKeyLen)
	}
	return k, nil
}

// validID reports whether id looks like a journal id: 26 characters of
// Crockford base32, as the store and the player make them.
func validID(id string) bool {
	if len(id) != 26 {
		return false
	}
	for _, c := range id {
		if !strings.ContainsRune("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c) {
			return false
		}
	}
	return true
}

// startBody is POST /api/v1/sessions.
type startBody struct {
	ID         string        `json:"id"` // optional: a client-made id (26 characters of Crockford base32)
	RoutineID  string        `json:"routine_id"`
	Plan       *planRequest  `json:"plan"` // with routine_id "plan"
	PainBefore *int          `json:"pain_before"`
	LevelStart bool          `json:"level_start"`
	Offline    *offlineStart `json:"offline"`
	// TimeScale is how many times faster than real time the player plays
	// (its data-scale); absent, the server's --time-scale. Anything but 1
	// makes the session a demo.
	TimeScale *float64 `json:"time_scale"`
	Exercises []string `json:"exercises"` // optional: the ids of the exercises the player plays, in order
}

// offlineStart is how a player says a session began while offline.
type offlineStart struct {
	StartedAt     time.Time `json:"started_at"`
	GateCheckedAt time.Time `json:"gate_checked_at"` // when it last fetched GET /api/v1/gate online
}

// sessionDoc is a session as the API shows it, with what to tell the person.
type sessionDoc struct {
	*journal.Session
	Notes  []string `json:"notes,omitempty"`
	Advice string   `json:"advice,omitempty"`
}

func (s *Server) startSession(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	key, err := idempotencyKey(r)
	if err != nil {
		return err
	}
	var body startBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	// The same key is the same session, whatever changed since.
	if prev, err := s.st.SessionByClientKey(r.Context(), key); err != nil {
		return err
	} else if prev != nil {
		return s.replayStart(w, prev, body)
	}
	rt, err := s.startRoutine(r, body)
	if err != nil {
		return err
	}
	if err := journal.CheckPain(body.PainBefore); err != nil {
		return err
	}
	if body.ID != "" && !validID(body.ID) {
		return unhunch.E(unhunch.EInvalid, message.WebBadSessionID, body.ID)
	}
	scale := s.cfg.TimeScale
	if body.TimeScale != nil {
		if x := *body.TimeScale; !(x > 0 && x <= journal.MaxTimeScale) {
			return unhunch.E(unhunch.EInvalid, message.WebBadTimeScale, x, journal.MaxTimeScale)
		}
		scale = *body.TimeScale
	}
	start := person.StartRequest{Routine: rt, ID: body.ID, PainBefore: body.PainBefore, AtStart: body.LevelStart,
		TimeScale: scale, Now: s.now(), Played: body.Exercises, Owner: store.WebOwner, ClientKey: key,
		Advice: message.WebGateAdvice, Location: s.cfg.Location}
	if o := body.Offline; o != nil {
		start.Offline = &person.Offline{StartedAt: o.StartedAt, GateCheckedAt: o.GateCheckedAt}
	}
	st, err := person.Start(r.Context(), s.st, s.catalog(), start)
	if err != nil {
		return err
	}
	sess := st.Session
	created, err := s.st.StartSession(writeCtx(r), sess)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, sessionDoc{Session: sess, Notes: st.Notes})
	return nil
}

// replayStart answers a start whose key was used before: the same session,
// or the same refusal, and never a second session.
func (s *Server) replayStart(w http.ResponseWriter, prev *journal.Session, body startBody) error {
	if body.RoutineID != prev.RoutineID || (body.ID != "" && body.ID != prev.ID) {
		return unhunch.E(unhunch.EConflict, message.WebKeyReused, prev.RoutineID)
	}
	if person.IsRefused(prev) {
		return unhunch.Errorf(unhunch.EBlocked, "%s", person.WebAdvice(safety.Decision{Block: safety.PainTooHigh}))
	}
	writeJSON(w, http.StatusOK, sessionDoc{Session: prev})
	return nil
}

// startRoutine finds the routine a start names: a catalog routine, or the
// plan it describes (routine_id "plan"), made again.
func (s *Server) startRoutine(r *http.Request, body startBody) (*catalog.Routine, error) {
	switch {
	case body.RoutineID == "":
		return nil, unhunch.E(unhunch.EInvalid, message.WebMissingField, "routine_id")
	case body.RoutineID == "plan" && body.Plan == nil:
		return nil, unhunch.E(unhunch.EInvalid, message.WebPlanNeeded)
	case body.RoutineID == "plan":
		rt, _, err := s.plan(r, *body.Plan, body.LevelStart)
		return rt, err
	case body.Plan != nil:
		return nil, unhunch.E(unhunch.EInvalid, message.WebPlanOnlyForPlan)
	}
	return s.routineFor(r, body.RoutineID)
}

// Pages of GET /api/v1/sessions: how many sessions without ?limit=, and
// the most with it.
const (
	sessionsPage    = 50
	maxSessionsPage = 10000
)

func (s *Server) listSessions(w http.ResponseWriter, r *http.Request) error {
	q := params(r)
	if err := noQuery(q, "since", "limit", "before"); err != nil {
		return err
	}
	f := journal.Filter{Limit: sessionsPage}
	if v := q.Get("since"); v != "" {
		d, err := time.ParseInLocation("2006-01-02", v, s.cfg.Location)
		if err != nil {
			return unhunch.E(unhunch.EInvalid, message.WebBadSince, v)
		}
		f.Since = d
	}
	if _, ok := q["limit"]; ok {
		v := q.Get("limit")
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxSessionsPage {
			return unhunch.E(unhunch.EInvalid, message.WebBadLimit, v)
		}
		f.Limit = n
	}
	if _, ok := q["before"]; ok {
		if f.Before = q.Get("before"); !validID(f.Before) {
			return unhunch.E(unhunch.EInvalid, message.WebBadSessionID, f.Before)
		}
	}
	page := f.Limit
	f.Limit++ // one more says whether there is a next page
	key := "api/sessions?" + url.Values{"since": {q.Get("since")}, "before": {f.Before}, "limit": {strconv.Itoa(page)}}.Encode()
	bd, err := s.journalBody(r, key, func() (*body, time.Time, error) {
		list, err := s.st.Sessions(r.Context(), f)
		if err != nil {
			return nil, time.Time{}, err
		}
		link := ""
		if len(list) > page {
			list = list[:page]
			next := url.Values{"before": {list[page-1].ID}, "limit": {strconv.Itoa(page)}}
			if v := q.Get("since"); v != "" {
				next.Set("since", v)
			}
			link = "</api/v1/sessions?" + next.Encode() + `>; rel="next"`
		}
		if list == nil {
			list = []*journal.Session{}
		}
		bd, err := jsonBody(list)
		if bd != nil {
			bd.link = link
		}
		return bd, time.Time{}, err
	})
	if err != nil {
		return err
	}
	bd.serve(w, r, http.StatusOK, "no-cache")
	return nil
}

func (s *Server) showSession(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	id := r.PathValue("id")
	return s.journalJSON(w, r, "api/session/"+id, func() (any, time.Time, error) {
		sess, err := s.st.Session(r.Context(), id)
		return sess, time.Time{}, err
	})
}

// eventBody is POST /api/v1/sessions/{id}/events: one exercise's outcome
// ("exercise"), one rating ("rating"), or the end of the session ("finish").
type eventBody struct {
	Type       string       `json:"type"`
	Index      *int         `json:"index"`
	Attempt    *int         `json:"attempt"` // exercise: which try at the exercise (1 if absent); rating: the try rated (its latest if absent)
	ExerciseID string       `json:"exercise_id"`
	Outcome    string       `json:"outcome"`
	StopReason string       `json:"stop_reason"`
	Amount     *dose.Amount `json:"amount"`
	Seconds    *float64     `json:"seconds"`
	StartedAt  *time.Time   `json:"started_at"`
	EndedAt    *time.Time   `json:"ended_at"`
	Rating     string       `json:"rating"`
	Status     string       `json:"status"`
	PainAfter  *int         `json:"pain_after"`
}

// eventDoc is the answer to an event: what was saved and what to tell the person.
type eventDoc struct {
	SessionID string `json:"session_id"`
	Type      string `json:"type"`
	Index     *int   `json:"index,omitempty"`
	Attempt   int    `json:"attempt,omitempty"`
	SetAside  bool   `json:"set_aside,omitempty"` // the exercise is kept out of plans after this stop
	Advice    string `json:"advice,omitempty"`
}

func (s *Server) postEvent(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	id := r.PathValue("id")
	rt := rectime.On() // nil unless the phases of recording are timed
	start := rt.Now()
	var ev eventBody
	if err := decode(w, r, &ev); err != nil {
		return err
	}
	if ev.Type != "exercise" {
		rt = nil // only exercise outcomes are timed
	}
	t := rt.Mark(rectime.Decode, start)
	head, err := s.head(r, id)
	if err != nil {
		return err
	}
	if head.Owner != store.WebOwner {
		return unhunch.E(unhunch.EConflict, message.WebNotWebSession, id)
	}
	doc := eventDoc{SessionID: id, Type: ev.Type, Index: ev.Index}
	switch ev.Type { // one handler for each type of event
	case "exercise":
		err = s.exerciseEvent(r, head, ev, &doc, rt, t)
	case "rating":
		err = s.ratingEvent(r, head, ev, &doc)
	case "finish":
		err = s.finishEvent(r, head, ev, &doc)
	case "":
		err = unhunch.E(unhunch.EInvalid, message.WebMissingField, "type")
	default:
		err = unhunch.E(unhunch.EInvalid, message.WebBadEventType, ev.Type)
	}
	if err != nil {
		return err
	}
	t = rt.Now()
	writeJSON(w, http.StatusOK, doc)
	rt.Mark(rectime.Respond, t)
	rt.Mark(rectime.Total, start)
	return nil
}

// exerciseEvent saves one exercise's outcome; a stop that sets the exercise
// aside says so, with what to do. rt times its checks, begun at t.
func (s *Server) exerciseEvent(r *http.Request, head store.SessionHead, ev eventBody, doc *eventDoc, rt *rectime.Timer, t time.Time) error {
	p, err := s.performance(ev, head)
	if err != nil {
		return err
	}
	rt.Mark(rectime.Checks, t)
	if err := person.RecordExercise(writeCtx(r), s.rec, s.st, head.ID, p); err != nil {
		return err
	}
	doc.Attempt = p.Attempt
	if p.Outcome == journal.Halted && safety.ExcludeAfterStop(p.StopReason) {
		doc.SetAside = true
		doc.Advice = message.StopAdvice.Text(string(p.StopReason))
	}
	return nil
}

// ratingEvent saves the rating of an attempt at an exercise (its latest
// when the event names none).
func (s *Server) ratingEvent(r *http.Request, head store.SessionHead, ev eventBody, doc *eventDoc) error {
	if ev.Index == nil {
		return unhunch.E(unhunch.EInvalid, message.WebMissingField, "index")
	}
	if ev.Rating == "" {
		return unhunch.E(unhunch.EInvalid, message.WebMissingField, "rating")
	}
	if err := onlyFields(ev, "rating"); err != nil {
		return err
	}
	if err := checkRatingIndex(*ev.Index, head); err != nil {
		return err
	}
	attempt := 0
	if ev.Attempt != nil {
		if attempt = *ev.Attempt; attempt < 1 {
			return unhunch.E(unhunch.EInvalid, message.WebBadAttempt, attempt)
		}
		doc.Attempt = attempt
	}
	return s.st.RateExercise(writeCtx(r), head.ID, *ev.Index, attempt, journal.Rating(ev.Rating))
}

// finishEvent ends the session, with what to do after a stop that ends it
// or a rise in pain.
func (s *Server) finishEvent(r *http.Request, head store.SessionHead, ev eventBody, doc *eventDoc) error {
	if err := onlyFields(ev, "finish"); err != nil {
		return err
	}
	status, err := endStatus(ev.Status)
	if err != nil {
		return err
	}
	end := s.now()
	if ev.EndedAt != nil {
		if err := journal.CheckEnd(*ev.EndedAt, head.StartedAt, end); err != nil {
			return err
		}
		end = *ev.EndedAt
	}
	reason := journal.StopReason(ev.StopReason)
	if err := s.st.FinishSession(writeCtx(r), head.ID, status, end, ev.PainAfter, reason); err != nil {
		return err
	}
	sess, err := s.st.Session(r.Context(), head.ID)
	if err != nil {
		return err
	}
	switch {
	case reason.EndsSession():
		doc.Advice = message.StopAdvice.Text(ev.StopReason)
	case safety.PainRoseAfter(sess.PainBefore, sess.PainAfter):
		doc.Advice = message.Text(message.WebPainRose)
	}
	return nil
}

// endStatus reads a finish's status: completed or stopped.
func endStatus(v string) (journal.Status, error) {
	switch journal.Status(v) {
	case journal.Completed, journal.Stopped:
		return journal.Status(v), nil
	case "":
		return "", unhunch.E(unhunch.EInvalid, message.WebMissingField, "status")
	}
	return "", unhunch.E(unhunch.EInvalid, message.WebBadStatus, v)
}

// eventFields are the fields each type of event may carry, besides its type.
var eventFields = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"exercise": {"index", "attempt", "exercise_id", "outcome", "stop_reason", "amount", "seconds", "started_at", "ended_at"},
		"rating":   {"index", "attempt", "rating"},
		"finish":   {"status", "pain_after", "stop_reason", "ended_at"},
	}
})

// onlyFields refuses fields that belong to another type of event, so that a
// mistaken event is never half-read.
func onlyFields(ev eventBody, typ string) error {
	set := map[string]bool{"index": ev.Index != nil, "attempt": ev.Attempt != nil, "exercise_id": ev.ExerciseID != "",
		"outcome": ev.Outcome != "", "stop_reason": ev.StopReason != "", "amount": ev.Amount != nil, "seconds": ev.Seconds != nil,
		"started_at": ev.StartedAt != nil, "ended_at": ev.EndedAt != nil, "rating": ev.Rating != "", "status": ev.Status != "",
		"pain_after": ev.PainAfter != nil}
	var extra []string
	for name, on := range set {
		if on && !slices.Contains(eventFields()[typ], name) {
			extra = append(extra, name)
		}
	}
	if len(extra) > 0 {
		sortStrings(extra)
		return unhunch.E(unhunch.EInvalid, message.WebFieldsNotFor, strings.Join(extra, ", "), typ)
	}
	return nil
}

// performance checks an exercise event against its session and the catalog.
func (s *Server) performance(ev eventBody, head store.SessionHead) (journal.Performance, error) {
	if err := onlyFields(ev, "exercise"); err != nil {
		return journal.Performance{}, err
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"index", ev.Index != nil}, {"exercise_id", ev.ExerciseID != ""}, {"outcome", ev.Outcome != ""},
		{"started_at", ev.StartedAt != nil}, {"ended_at", ev.EndedAt != nil}} {
		if !f.set {
			return journal.Performance{}, unhunch.E(unhunch.EInvalid, message.WebMissingField, f.name)
		}
	}
	if *ev.Index < 0 || (head.PlannedExercises > 0 && *ev.Index >= head.PlannedExercises) {
		return journal.Performance{}, unhunch.E(unhunch.EInvalid, message.WebBadIndex, *ev.Index, head.PlannedExercises)
	}
	if _, err := s.exercise(ev.ExerciseID); err != nil {
		return journal.Performance{}, err
	}
	p := journal.Performance{Index: *ev.Index, Attempt: 1, ExerciseID: ev.ExerciseID, Outcome: journal.Outcome(ev.Outcome),
		StopReason: journal.StopReason(ev.StopReason), StartedAt: *ev.StartedAt, EndedAt: *ev.EndedAt}
	if ev.Attempt != nil {
		if p.Attempt = *ev.Attempt; p.Attempt < 1 {
			return journal.Performance{}, unhunch.E(unhunch.EInvalid, message.WebBadAttempt, p.Attempt)
		}
	}
	if ev.Amount != nil {
		p.Amount = *ev.Amount
	}
	if ev.Seconds != nil {
		p.Seconds = *ev.Seconds
	}
	return p, s.checkAgainstSession(p, head)
}

// head returns what an event needs of its session: its owner, how many
// exercises it planned and which, when it started and how fast it plays.
// None of it changes once a session exists, so it is kept by the heads
// cache after the first read (any instance may keep it: it is the same
// everywhere), under the person it belongs to, which saves a journal read
// on every exercise recorded.
func (s *Server) head(r *http.Request, id string) (store.SessionHead, error) {
	return s.cache.heads.get(personKey(r.Context(), id), none{}, forever(func() (store.SessionHead, error) { return s.st.Head(r.Context(), id) }))
}
