package web

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// timelineRules are the timing rules every routine is compiled with.
var timelineRules = timeline.DefaultRules

// OfflineGateFresh is how old a gate answer fetched online may be for a
// session to start offline on it (docs/safety.md, "Sessions started offline").
const OfflineGateFresh = person.OfflineGateFresh

func (s *Server) listQuestions(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.catalogJSON(w, r, "api/questions", func() (any, error) { return safety.Questions, nil })
}

// screeningBody is POST /api/v1/screenings.
type screeningBody struct {
	Answers json.RawMessage `json:"answers"`
}

func (s *Server) postScreening(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	var body screeningBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Answers == nil {
		return unhunch.E(unhunch.EInvalid, message.WebMissingField, "answers")
	}
	answers, _, err := person.ParseAnswers("answers", body.Answers)
	if err != nil {
		return err
	}
	sc, err := person.Screen(writeCtx(r), s.st, answers, s.now())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, api.NewScreening(sc, person.ScreenAdvice(sc.Result, s.catalog())))
	return nil
}

func (s *Server) postClearance(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	c, err := person.Clear(writeCtx(r), s.st, s.now())
	if err != nil {
		return err
	}
	advice := message.Text(message.WebCleared, c.At.Add(safety.ClearanceLasts).In(s.cfg.Location).Format("2 January 2006"))
	writeJSON(w, http.StatusCreated, api.NewScreening(c, advice))
	return nil
}

// gateDoc is whether a session may start now, and until when that answer
// holds by the calendar: what the player keeps for starting offline.
type gateDoc struct {
	OK            bool                `json:"ok"`
	Block         string              `json:"block,omitempty"`
	Trigger       string              `json:"trigger,omitempty"`
	Advice        string              `json:"advice,omitempty"`
	Caution       bool                `json:"caution"`
	Conditions    []catalog.Condition `json:"conditions"` // the conditions the last screening set
	CheckedAt     time.Time           `json:"checked_at"`
	ValidUntil    *time.Time          `json:"valid_until,omitempty"`
	FreshSeconds  int                 `json:"fresh_seconds"` // how long after checked_at an offline start may rest on it
	LastScreening *time.Time          `json:"last_screening,omitempty"`
}

// gate decides whether a session may start now, from the journal.
// The decision is kept by the gate cache with the home page's rule (the
// journal's version and day, until the screening or clearance it rests on
// runs out); checked_at is always now.
func (s *Server) gate(r *http.Request) (gateDoc, error) {
	now, err := s.journalStampNow(r)
	if err != nil {
		return gateDoc{}, err
	}
	doc, err := s.cache.gate.get(personKey(r.Context(), "gate"), now, func() (gateDoc, journalStamp, error) {
		d, screenings, err := person.GateNow(r.Context(), s.st, now.at)
		if err != nil {
			return gateDoc{}, now, err
		}
		doc := gateDocOf(d, screenings, now.at)
		stamp := now
		if doc.ValidUntil != nil {
			stamp.until = *doc.ValidUntil
		}
		return doc, stamp, nil
	})
	if err != nil {
		return gateDoc{}, err
	}
	doc.CheckedAt = now.at.UTC()
	return doc, nil
}

// gateDocOf is the gate's document for decision d at now, which rests on
// screenings.
func gateDocOf(d safety.Decision, screenings []safety.Screening, now time.Time) gateDoc {
	doc := gateDoc{OK: d.OK(), Block: string(d.Block), Trigger: string(d.Trigger), Caution: d.Caution, Conditions: d.Conditions,
		CheckedAt: now.UTC(), FreshSeconds: int(OfflineGateFresh / time.Second)}
	if doc.Conditions == nil {
		doc.Conditions = []catalog.Condition{}
	}
	if !d.OK() {
		doc.Advice = person.WebAdvice(d)
	}
	if until := person.GateValidUntil(d, screenings); !until.IsZero() {
		doc.ValidUntil = &until
	}
	if d.Last != nil {
		at := d.Last.At
		doc.LastScreening = &at
	}
	return doc
}

func (s *Server) showGate(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	doc, err := s.gate(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}
