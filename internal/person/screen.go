package person

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// ParseAnswers checks and reads screening answers: a JSON object of question
// id → true/false naming every question that applies (a follow-up question
// only when the question it follows is answered yes). name is used in
// messages. Every problem is listed at once.
//
// Emergency first: when any emergency question is answered
// true, the answers are taken as they are, however many others are missing
// or wrong, so that the emergency advice is never held back; the problems
// that no longer matter are returned as ignored.
func ParseAnswers(name string, data []byte) (answers map[string]bool, ignored []string, err error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil || raw == nil {
		detail := "null"
		if err != nil {
			detail = err.Error()
		}
		return nil, nil, unhunch.E(unhunch.EInvalid, message.ScreenNotObject, name, detail)
	}
	if dec.More() {
		return nil, nil, unhunch.E(unhunch.EInvalid, message.ScreenNotObject, name, "more than one JSON value")
	}
	answers, problems := readAnswers(raw)
	if _, ok := safety.FirstEmergency(answers); ok {
		return answers, problems, nil
	}
	problems = append(problems, missingAnswers(raw, answers)...)
	if len(problems) > 0 {
		return nil, nil, unhunch.E(unhunch.EInvalid, message.ScreenBadAnswers, name, message.Count(len(problems), message.ScreenOneProblem, message.ScreenProblems), "\n  - "+strings.Join(problems, "\n  - "))
	}
	return answers, nil, nil
}

// readAnswers reads each answer of raw, in the order of their ids, and
// says what is wrong with each one it cannot take: an id no question has
// (or had), or a value that is not true or false.
func readAnswers(raw map[string]json.RawMessage) (answers map[string]bool, problems []string) {
	answers = map[string]bool{}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		q, ok := safety.QuestionByID(k)
		switch {
		case !ok && slices.Contains(safety.RetiredQuestions, k):
			problems = append(problems, message.Text(message.ScreenRetiredID, k))
			continue
		case !ok:
			problems = append(problems, message.Text(message.ScreenUnknownID, k))
			continue
		}
		var b bool
		if v := bytes.TrimSpace(raw[k]); bytes.Equal(v, []byte("null")) || json.Unmarshal(v, &b) != nil {
			key := message.ScreenNotBool
			if q.Outcome == safety.Emergency {
				key = message.ScreenNotBoolEmergency // it may have meant yes: never hold the advice back
			}
			problems = append(problems, message.Text(key, k, string(raw[k])))
			continue
		}
		answers[k] = b
	}
	return answers, problems
}

// missingAnswers says which questions that apply have no answer (on one
// line when there are more than three), and which follow-up questions were
// answered yes without the question they follow.
func missingAnswers(raw map[string]json.RawMessage, answers map[string]bool) []string {
	var problems, missing []string
	for _, q := range safety.Questions {
		_, given := raw[q.ID]
		switch {
		case q.After != "" && !answers[q.After] && answers[q.ID]:
			problems = append(problems, message.Text(message.ScreenFollowUpAlone, q.ID, q.After, q.After))
		case !given && safety.Asked(q, answers):
			missing = append(missing, q.ID)
		}
	}
	if len(missing) > 3 { // one line, not a screenful
		return append(problems, message.Text(message.ScreenManyMissing, len(missing), strings.Join(missing, ", ")))
	}
	for _, id := range missing {
		problems = append(problems, message.Text(message.ScreenMissingID, id))
	}
	return problems
}

// Screen evaluates answers under today's questions and saves the screening at now.
func Screen(ctx context.Context, st ScreeningStore, answers map[string]bool, now time.Time) (safety.Screening, error) {
	sc := safety.NewScreening(now, answers)
	if err := st.SaveScreening(ctx, &sc); err != nil {
		return sc, err
	}
	return sc, nil
}

// ScreenAdvice says what a screening's result means. An emergency gives the
// emergency advice and nothing else (issue 4); conditions list the exercises
// of c they keep out; a caution adds its advice.
func ScreenAdvice(r safety.Result, c *catalog.Catalog) string {
	switch r.Outcome {
	case safety.Emergency:
		return message.GateAdvice.Text(string(safety.EmergencyFound))
	case safety.Clinician:
		return message.GateAdvice.Text(string(safety.ClinicianFirst))
	}
	var parts []string
	if len(r.Conditions) > 0 {
		lines := []string{message.Text(message.ScreenConditionAdvice)}
		for _, cond := range r.Conditions {
			var names []string
			for _, e := range c.Exercises() {
				if e.UnsuitableWith(cond) {
					names = append(names, e.Name)
				}
			}
			if len(names) == 0 {
				lines = append(lines, message.Text(message.ScreenConditionNothing, cond.Words()))
				continue
			}
			lines = append(lines, message.Text(message.ScreenConditionLine, cond.Words(), strings.Join(names, ", ")))
		}
		parts = append(parts, strings.Join(lines, "\n  - "))
	}
	if r.HasCaution() {
		parts = append(parts, message.Text(message.GateCaution))
	}
	if len(parts) == 0 {
		return message.Text(message.ScreenClear)
	}
	return strings.Join(append(parts, message.Text(message.ScreenGoAhead)), "\n")
}

// Clear records, at now, that a clinician cleared the person of what the
// last screening flagged. It refuses when there is no screening, when the
// last one was an emergency (only a new clean screening lifts that), and when
// the last one did not call for a clinician.
func Clear(ctx context.Context, st ScreeningStore, now time.Time) (safety.Screening, error) {
	all, err := st.GateScreenings(ctx, now)
	if err != nil {
		return safety.Screening{}, err
	}
	last := safety.LastScreening(all)
	switch {
	case last == nil:
		return safety.Screening{}, unhunch.E(unhunch.EInvalid, message.ScreenClearNothing)
	case last.Result.Outcome == safety.Emergency:
		return safety.Screening{}, unhunch.E(unhunch.EBlocked, message.ScreenClearEmergency)
	case last.Result.Outcome != safety.Clinician:
		return safety.Screening{}, unhunch.E(unhunch.EInvalid, message.ScreenClearNotNeeded)
	}
	c := safety.Clearance(now, *last)
	if err := st.SaveScreening(ctx, &c); err != nil {
		return c, err
	}
	return c, nil
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

// GuideBody returns the paragraphs of a guidance section by its body key
// (e.g. "about.safety.not-yet.body" or its "web." variant). The section on
// who should see a clinician first is filled in with the topics of the
// screening questions, outcome by outcome, so that `unhunch about safety`,
// the web's safety page and `unhunch screen` say the same thing (issue 11).
func GuideBody(k message.Key) string {
	if strings.HasSuffix(string(k), "about.safety.not-yet.body") {
		return message.Text(k, safety.Topics(safety.Emergency), safety.Topics(safety.Clinician), safety.Topics(safety.Condition), safety.Topics(safety.Caution))
	}
	return message.Text(k)
}
