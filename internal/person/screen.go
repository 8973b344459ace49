package person

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// ParseAnswers checks and reads screening answers: a JSON object of question
// id → true/false naming every question. name is used in messages. Every
// problem is listed at once.
func ParseAnswers(name string, data []byte) (map[string]bool, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil || raw == nil {
		detail := "null"
		if err != nil {
			detail = err.Error()
		}
		return nil, unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.ScreenNotObject, name, detail))
	}
	if dec.More() {
		return nil, unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.ScreenNotObject, name, "more than one JSON value"))
	}
	var problems []string
	answers := map[string]bool{}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := safety.QuestionByID(k); !ok {
			problems = append(problems, message.Text(message.ScreenUnknownID, k))
			continue
		}
		var b bool
		if err := json.Unmarshal(raw[k], &b); err != nil {
			problems = append(problems, message.Text(message.ScreenNotBool, k, string(raw[k])))
			continue
		}
		answers[k] = b
	}
	for _, q := range safety.Questions {
		if _, ok := raw[q.ID]; !ok {
			problems = append(problems, message.Text(message.ScreenMissingID, q.ID))
		}
	}
	if len(problems) > 0 {
		return nil, unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.ScreenBadAnswers, name, len(problems), "\n  - "+strings.Join(problems, "\n  - ")))
	}
	return answers, nil
}

// Screen evaluates answers and saves the screening at now.
func Screen(ctx context.Context, st *store.Store, answers map[string]bool, now time.Time) (safety.Screening, error) {
	sc := safety.Screening{At: now, Answers: answers, Result: safety.Evaluate(answers)}
	if err := st.SaveScreening(ctx, &sc); err != nil {
		return sc, err
	}
	return sc, nil
}

// ScreenAdvice says what a screening's outcome means. An emergency gives the
// emergency advice and nothing else (issue 4).
func ScreenAdvice(o safety.Outcome) string {
	switch o {
	case safety.Emergency:
		return message.Text("gate.emergency")
	case safety.Clinician:
		return message.Text("gate.clinician")
	case safety.Caution:
		return message.Text("gate.caution") + " " + message.Text(message.ScreenGoAhead)
	}
	return message.Text(message.ScreenClear)
}

// Clear records, at now, that a clinician cleared the person of what the
// last screening flagged. It refuses when there is no screening, when the
// last one was an emergency (only a new clean screening lifts that), and when
// the last one did not call for a clinician.
func Clear(ctx context.Context, st *store.Store, now time.Time) (safety.Screening, error) {
	all, err := st.Screenings(ctx)
	if err != nil {
		return safety.Screening{}, err
	}
	var last *safety.Screening
	for i := range all {
		if !all[i].Clearing {
			last = &all[i]
		}
	}
	switch {
	case last == nil:
		return safety.Screening{}, unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.ScreenClearNothing))
	case last.Result.Outcome == safety.Emergency:
		return safety.Screening{}, unhunch.Errorf(unhunch.EBlocked, "%s", message.Text(message.ScreenClearEmergency))
	case last.Result.Outcome != safety.Clinician:
		return safety.Screening{}, unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.ScreenClearNotNeeded))
	}
	c := safety.Clearance(now, *last)
	if err := st.SaveScreening(ctx, &c); err != nil {
		return c, err
	}
	return c, nil
}

// GateAsOf decides whether a session could start at t, from the screenings
// made by then and the sessions started before it: the gate as it stood at
// t. It is how a session started offline is checked when it arrives later.
func GateAsOf(screenings []safety.Screening, facts []safety.SessionFacts, t time.Time, painNow *int) safety.Decision {
	var sc []safety.Screening
	for _, s := range screenings {
		if !s.At.After(t) {
			sc = append(sc, s)
		}
	}
	var fs []safety.SessionFacts
	for _, f := range facts {
		if f.At.Before(t) {
			fs = append(fs, f)
		}
	}
	return safety.Gate(t, sc, fs, painNow)
}

// GateValidUntil returns when an allowing decision stops holding by the
// calendar alone: a week after the last screening, or sooner when a
// clinician's clearance it rests on runs out. Zero for a blocking decision.
func GateValidUntil(d safety.Decision, screenings []safety.Screening) time.Time {
	if !d.OK() || d.Last == nil {
		return time.Time{}
	}
	until := d.Last.At.Add(safety.RescreenAfter)
	if d.Last.Result.Outcome == safety.Clinician {
		var clear time.Time
		for _, s := range screenings {
			if s.Clearing && s.At.After(clear) {
				clear = s.At
			}
		}
		if c := clear.Add(safety.ClearanceLasts); !clear.IsZero() && c.Before(until) {
			until = c
		}
	}
	return until
}
