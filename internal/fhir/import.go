package fhir

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// Records are what a bundle carries back into a journal (the fields of
// store.Records, which converts from it: this package does not link the
// store, so that its fuzzing builds stay small).
type Records struct {
	Pseudonym  string
	Sessions   []*journal.Session
	States     []journal.ExerciseState
	Screenings []safety.Screening
	Clearances []safety.ConditionClearance
	PSFS       []progress.PSFSRating
}

// Sink is what an import writes: every record, or none (the store, through
// a conversion to store.Records; with accounts, the store scoped to one
// person).
type Sink interface {
	Import(ctx context.Context, rec Records) error
}

// MaxBundle is the largest file an import reads: far more than the bundle
// of a ten-year journal (about 40 MB).
const MaxBundle = 512 << 20

// Import reads a bundle unhunch wrote from r (named name in messages) and
// writes its records into sink, all or none. It returns the records.
func Import(ctx context.Context, name string, r io.Reader, sink Sink) (Records, error) {
	rec, err := Read(name, r)
	if err != nil {
		return Records{}, err
	}
	return rec, sink.Import(ctx, rec)
}

// Read reads a bundle unhunch wrote and returns the records it carries:
// everything a journal needs back (sessions with every attempt, pain,
// screenings, functional scale scores, exercises set aside and cleared).
// What the bundle derives from them (care plans, weekly minutes) is
// checked and left, since exporting again derives it again. A file that is
// not JSON, not a FHIR bundle, not written by unhunch, or changed since
// (an id that does not match its identifier, an element unhunch never
// writes, a value out of range) is refused with an EInvalid error that
// says which.
func Read(name string, r io.Reader) (Records, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBundle+1))
	if err != nil {
		return Records{}, unhunch.E(unhunch.EInvalid, message.ImportOpen, name, err).Wrap(err)
	}
	if len(data) > MaxBundle {
		return Records{}, unhunch.E(unhunch.EInvalid, message.ImportTooBig, name, MaxBundle>>20)
	}
	var head struct {
		ResourceType string            `json:"resourceType"`
		Type         string            `json:"type"`
		Meta         *Meta             `json:"meta"`
		Entry        []json.RawMessage `json:"entry"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || !json.Valid(data) {
			return Records{}, unhunch.E(unhunch.EInvalid, message.ImportNotJSON, name, err).Wrap(err)
		}
		return Records{}, unhunch.E(unhunch.EInvalid, message.ImportNotBundle, name, err).Wrap(err)
	}
	if head.ResourceType != "Bundle" {
		what := message.Text(message.ImportNoType)
		if head.ResourceType != "" {
			what = message.Text(message.ImportIsType, head.ResourceType)
		}
		return Records{}, unhunch.E(unhunch.EInvalid, message.ImportNotBundle, name, what)
	}
	var tag *Coding
	if head.Meta != nil {
		for i := range head.Meta.Tag {
			if head.Meta.Tag[i].System == CSExport {
				tag = &head.Meta.Tag[i]
			}
		}
	}
	if tag == nil || head.Type != "collection" {
		return Records{}, unhunch.E(unhunch.EInvalid, message.ImportNotOurs, name)
	}
	if tag.Code != ExportTag.Code {
		return Records{}, unhunch.E(unhunch.EInvalid, message.ImportVersion, name, tag.Code)
	}
	if err := strictBundle(data); err != nil {
		return Records{}, unhunch.E(unhunch.EInvalid, message.ImportBadEntry, name, 0, "Bundle", err.Error()).Wrap(err)
	}
	rd := &reader{name: name, sessions: map[string]*journal.Session{}}
	rd.read(head.Entry)
	if rd.err != nil {
		return Records{}, rd.err
	}
	return rd.records(), nil
}

// strictBundle checks that the bundle has nothing but what unhunch writes
// around its entries.
func strictBundle(data []byte) error {
	var b struct {
		ResourceType string            `json:"resourceType"`
		ID           string            `json:"id"`
		Meta         *Meta             `json:"meta"`
		Type         string            `json:"type"`
		Entry        []json.RawMessage `json:"entry"`
	}
	return strict(data, &b)
}

// strict decodes data into v, refusing elements v does not have and
// anything after the value.
func strict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New(message.Text(message.ImportTrailing))
	}
	return nil
}

// reader turns the entries into records.
type reader struct {
	name       string
	err        error
	pseudonym  string
	sessions   map[string]*journal.Session
	order      []string // session ids, in the bundle's order
	screenings []safety.Screening
	psfs       []progress.PSFSRating
	states     map[string]*journal.ExerciseState
	stateOrder []string
	clearances []safety.ConditionClearance
	pain       []painScore // read after every session
}

// painScore is a pain observation, kept until every session is read.
type painScore struct {
	i         int
	session   string
	after     bool
	score     int
	at        string
	partOf    string
	procedure string
}

// fail records the first problem, in entry i (a resource of type typ).
func (rd *reader) fail(i int, typ string, k message.Key, args ...any) {
	if rd.err == nil {
		rd.err = unhunch.E(unhunch.EInvalid, message.ImportBadEntry, rd.name, i+1, typ, message.Text(k, args...))
	}
}

func (rd *reader) read(entries []json.RawMessage) {
	type typed struct {
		ResourceType string `json:"resourceType"`
		ID           string `json:"id"`
	}
	parsed := make([]struct {
		url string
		typ typed
		raw json.RawMessage
	}, len(entries))
	for i, raw := range entries {
		var e struct {
			FullURL  string          `json:"fullUrl"`
			Resource json.RawMessage `json:"resource"`
		}
		if err := strict(raw, &e); err != nil {
			rd.fail(i, "?", message.ImportJSON, err)
			return
		}
		var t typed
		if err := json.Unmarshal(e.Resource, &t); err != nil {
			rd.fail(i, "?", message.ImportJSON, err)
			return
		}
		if e.FullURL == "" || e.FullURL != URN(t.ID) {
			rd.fail(i, t.ResourceType, message.ImportFullURL, e.FullURL, t.ID)
			return
		}
		parsed[i].url, parsed[i].typ, parsed[i].raw = e.FullURL, t, e.Resource
	}
	// The Patient first: every other id is made from its pseudonym.
	for i, e := range parsed {
		if e.typ.ResourceType != "Patient" {
			continue
		}
		var p Patient
		if err := strict(e.raw, &p); err != nil {
			rd.fail(i, "Patient", message.ImportJSON, err)
			return
		}
		if rd.pseudonym != "" {
			rd.fail(i, "Patient", message.ImportTwoPatients)
			return
		}
		rd.pseudonym = identifier(p.Identifier, IDPerson)
		if rd.pseudonym == "" || p.ID != UUID(patientName(rd.pseudonym)) {
			rd.fail(i, "Patient", message.ImportIDMismatch)
			return
		}
	}
	if rd.pseudonym == "" {
		rd.fail(len(parsed)-1, "Patient", message.ImportNoPatient)
		return
	}
	rd.states = map[string]*journal.ExerciseState{}
	for i, e := range parsed {
		switch e.typ.ResourceType {
		case "Patient":
		case "Procedure":
			decodeThen(rd, i, e.raw, rd.procedure)
		case "Observation":
			decodeThen(rd, i, e.raw, rd.observation)
		case "QuestionnaireResponse":
			decodeThen(rd, i, e.raw, rd.questionnaire)
		case "Flag":
			decodeThen(rd, i, e.raw, rd.flag)
		case "CarePlan":
			decodeThen(rd, i, e.raw, rd.carePlan)
		default:
			rd.fail(i, e.typ.ResourceType, message.ImportUnknownType, e.typ.ResourceType)
		}
		if rd.err != nil {
			return
		}
	}
	for _, p := range rd.pain {
		rd.painScore(p)
	}
}

// decode decodes a resource strictly.
func (rd *reader) decode(i int, raw json.RawMessage, v any) bool {
	if err := strict(raw, v); err != nil {
		rd.fail(i, fmt.Sprintf("%T", v)[len("*fhir."):], message.ImportJSON, err)
		return false
	}
	return true
}

// decodeThen decodes resource i strictly as a T and, when it decodes,
// hands it to read.
func decodeThen[T any](rd *reader, i int, raw json.RawMessage, read func(int, *T)) {
	var v T
	if rd.decode(i, raw, &v) {
		read(i, &v)
	}
}

// identifier returns the value of the identifier of system sys.
func identifier(ids []Ident, sys string) string {
	for _, id := range ids {
		if id.System == sys {
			return id.Value
		}
	}
	return ""
}

// parseTime reads a dateTime unhunch wrote.
func parseTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// nonNegative reports whether f is a finite number, 0 or more.
func nonNegative(f float64) bool { return f >= 0 && !math.IsInf(f, 1) && !math.IsNaN(f) }

// whole returns a decimal as a whole number, if it is one.
func whole(f float64) (int, bool) {
	if f != math.Trunc(f) || math.IsInf(f, 0) || math.Abs(f) > 1<<31 {
		return 0, false
	}
	return int(f), true
}

// procedure reads a session.
func (rd *reader) procedure(i int, p *Procedure) {
	const typ = "Procedure"
	id := identifier(p.Identifier, IDSession)
	if id == "" || p.ID != UUID(procedureName(rd.pseudonym, id)) {
		rd.fail(i, typ, message.ImportIDMismatch)
		return
	}
	if _, dup := rd.sessions[id]; dup {
		rd.fail(i, typ, message.ImportDuplicate, id)
		return
	}
	s := &journal.Session{ID: id, Exercises: []journal.Performance{}, TimeScale: 1}
	if p.PerformedPeriod == nil {
		rd.fail(i, typ, message.StoreMissing, "performedPeriod")
		return
	}
	start, ok := parseTime(p.PerformedPeriod.Start)
	if !ok {
		rd.fail(i, typ, message.ImportBadValue, "performedPeriod.start", p.PerformedPeriod.Start)
		return
	}
	s.StartedAt = start
	if p.PerformedPeriod.End != "" {
		end, ok := parseTime(p.PerformedPeriod.End)
		if !ok {
			rd.fail(i, typ, message.ImportBadValue, "performedPeriod.end", p.PerformedPeriod.End)
			return
		}
		s.EndedAt = &end
	}
	var reason, status string
	if p.StatusReason != nil {
		for _, c := range p.StatusReason.Coding {
			switch c.System {
			case CSStopReason:
				reason = c.Code
			case CSStatus:
				status = c.Code
			}
		}
	}
	switch {
	case p.Status == "completed" && status == "":
		s.Status = journal.Completed
	case p.Status == "entered-in-error" && status == string(journal.Interrupted):
		s.Status = journal.Interrupted
	case p.Status == "stopped" && status == "":
		s.Status = journal.Stopped
	case p.Status == "in-progress" && status == "":
		s.Status = journal.Active
	default:
		rd.fail(i, typ, message.ImportBadValue, "status", p.Status)
		return
	}
	if reason != "" {
		r, err := journal.ParseStopReason(reason)
		if err != nil {
			rd.fail(i, typ, message.ImportBadValue, "statusReason", reason)
			return
		}
		s.StopReason = r
	}
	haveSession := false
	for _, e := range p.Extension {
		switch e.URL {
		case ExtSession:
			if haveSession || !rd.sessionExtension(i, s, e) {
				rd.fail(i, typ, message.ImportBadValue, "extension", e.URL)
				return
			}
			haveSession = true
		case ExtAttempt:
			a, field, value := rd.attempt(e)
			if field != "" {
				rd.fail(i, typ, message.ImportBadValue, "exercise-attempt "+field, value)
				return
			}
			s.Exercises = append(s.Exercises, a)
		default:
			rd.fail(i, typ, message.ImportBadValue, "extension", e.URL)
			return
		}
	}
	if !haveSession {
		rd.fail(i, typ, message.StoreMissing, ExtSession)
		return
	}
	s.Demo = journal.DemoScale(s.TimeScale)
	rd.sessions[id] = s
	rd.order = append(rd.order, id)
}

// sessionExtension reads a session's own details.
func (rd *reader) sessionExtension(i int, s *journal.Session, e Extension) bool {
	seen := map[string]bool{}
	for _, x := range e.Extension {
		if seen[x.URL] {
			return false
		}
		seen[x.URL] = true
		switch {
		case x.URL == "routine" && x.ValueCoding != nil && x.ValueCoding.System == CSRoutine:
			s.RoutineID, s.RoutineName = x.ValueCoding.Code, x.ValueCoding.Display
		case x.URL == "planned-seconds" && x.ValueDecimal != nil && nonNegative(*x.ValueDecimal):
			s.PlannedSeconds = *x.ValueDecimal
		case x.URL == "planned-exercises" && x.ValueInteger != nil && *x.ValueInteger >= 0:
			s.PlannedExercises = *x.ValueInteger
		case x.URL == "time-scale" && x.ValueDecimal != nil && *x.ValueDecimal > 0 && *x.ValueDecimal <= journal.MaxTimeScale:
			s.TimeScale = *x.ValueDecimal
		default:
			return false
		}
	}
	return seen["routine"] && seen["time-scale"]
}

// attempt reads one attempt at an exercise; field names what is not as
// unhunch writes it (value, its value), if anything.
func (rd *reader) attempt(e Extension) (p journal.Performance, field, value string) {
	seen := map[string]bool{}
	for _, x := range e.Extension {
		if seen[x.URL] {
			return p, x.URL, message.Text(message.ImportTwice)
		}
		seen[x.URL] = true
		integer := func(dst *int) bool {
			if x.ValueInteger == nil || *x.ValueInteger < 0 {
				return false
			}
			*dst = *x.ValueInteger
			return true
		}
		ok := false
		switch x.URL {
		case "index":
			ok = integer(&p.Index)
		case "attempt":
			ok = integer(&p.Attempt) && p.Attempt >= 1
		case "exercise":
			if ok = x.ValueCoding != nil && x.ValueCoding.System == CSExercise; ok {
				p.ExerciseID = x.ValueCoding.Code
			}
		case "outcome":
			p.Outcome = journal.Outcome(x.ValueCode)
			ok = slices.Contains([]journal.Outcome{journal.Done, journal.Skipped, journal.Halted}, p.Outcome)
		case "stop-reason":
			var err error
			p.StopReason, err = journal.ParseStopReason(x.ValueCode)
			ok = err == nil
		case "reps":
			ok = integer(&p.Amount.Reps)
		case "hold-seconds":
			ok = integer(&p.Amount.Hold)
		case "hold-breaths":
			ok = integer(&p.Amount.HoldBreaths)
		case "seconds":
			ok = integer(&p.Amount.Seconds)
		case "sets":
			ok = integer(&p.Amount.Sets)
		case "seconds-done":
			if ok = x.ValueDecimal != nil && nonNegative(*x.ValueDecimal); ok {
				p.Seconds = *x.ValueDecimal
			}
		case "period":
			if x.ValuePeriod != nil {
				var ok1, ok2 bool
				p.StartedAt, ok1 = parseTime(x.ValuePeriod.Start)
				p.EndedAt, ok2 = parseTime(x.ValuePeriod.End)
				ok = ok1 && ok2
			}
		case "rating":
			var err error
			p.Rating, err = journal.ParseRating(x.ValueCode)
			ok = err == nil
		}
		if !ok {
			return p, x.URL, extValue(x)
		}
	}
	for _, need := range []string{"index", "attempt", "exercise", "outcome", "period", "seconds-done"} {
		if !seen[need] {
			return p, need, message.Text(message.ImportAbsent)
		}
	}
	return p, "", ""
}

// extValue says an extension's value as it was written.
func extValue(x Extension) string {
	switch {
	case x.ValueCode != "":
		return x.ValueCode
	case x.ValueString != "":
		return x.ValueString
	case x.ValueInteger != nil:
		return strconv.Itoa(*x.ValueInteger)
	case x.ValueDecimal != nil:
		return strconv.FormatFloat(*x.ValueDecimal, 'f', -1, 64)
	case x.ValueCoding != nil:
		return x.ValueCoding.System + "|" + x.ValueCoding.Code
	case x.ValuePeriod != nil:
		return x.ValuePeriod.Start + "/" + x.ValuePeriod.End
	}
	return ""
}

// observation reads a pain score or a functional scale score; a week's
// minutes is derived, so only checked.
func (rd *reader) observation(i int, o *Observation) {
	const typ = "Observation"
	key := identifier(o.Identifier, IDObservation)
	if key == "" || o.ID != UUID(observationName(rd.pseudonym, key)) {
		rd.fail(i, typ, message.ImportIDMismatch)
		return
	}
	if o.ValueQuantity == nil {
		rd.fail(i, typ, message.StoreMissing, "valueQuantity")
		return
	}
	code := ""
	if len(o.Code.Coding) > 0 {
		code = o.Code.Coding[0].System + "|" + o.Code.Coding[0].Code
	}
	switch {
	case strings.HasSuffix(key, "/pain-before") || strings.HasSuffix(key, "/pain-after"):
		n, ok := whole(o.ValueQuantity.Value)
		if !ok || n < journal.MinPain || n > journal.MaxPain || code != LOINC+"|"+PainScore.Code {
			rd.fail(i, typ, message.ImportBadValue, "valueQuantity", strconv.FormatFloat(o.ValueQuantity.Value, 'f', -1, 64))
			return
		}
		sid, which, _ := strings.Cut(key, "/")
		ps := painScore{i: i, session: sid, after: which == "pain-after", score: n, at: o.EffectiveDateTime,
			procedure: URN(UUID(procedureName(rd.pseudonym, sid)))}
		if len(o.PartOf) == 1 {
			ps.partOf = o.PartOf[0].Reference
		}
		rd.pain = append(rd.pain, ps)
	case strings.HasPrefix(key, "minutes/"):
		if code != LOINC+"|"+ExerciseMinutes.Code || o.EffectivePeriod == nil {
			rd.fail(i, typ, message.ImportBadValue, "code", code)
		}
	case strings.HasPrefix(key, "psfs/"):
		n, ok := whole(o.ValueQuantity.Value)
		at, okAt := parseTime(o.EffectiveDateTime)
		if !ok || !okAt || len(o.Component) != 1 || code != CSMeasure+"|psfs" {
			rd.fail(i, typ, message.ImportBadValue, "psfs", key)
			return
		}
		r := progress.PSFSRating{At: at, Activity: o.Component[0].ValueString, Score: n}
		if PSFSKey(r) != key {
			rd.fail(i, typ, message.ImportIDMismatch)
			return
		}
		rd.psfs = append(rd.psfs, r)
	default:
		rd.fail(i, typ, message.ImportBadValue, "identifier", key)
	}
}

// painScore puts a pain score on its session.
func (rd *reader) painScore(p painScore) {
	const typ = "Observation"
	s, ok := rd.sessions[p.session]
	if !ok || p.partOf != p.procedure {
		rd.fail(p.i, typ, message.ImportNoSession, p.session)
		return
	}
	at, ok := parseTime(p.at)
	want := s.StartedAt
	if p.after && s.EndedAt != nil {
		want = *s.EndedAt
	}
	if !ok || !at.Equal(want) {
		rd.fail(p.i, typ, message.ImportBadValue, "effectiveDateTime", p.at)
		return
	}
	dst := &s.PainBefore
	if p.after {
		dst = &s.PainAfter
	}
	if *dst != nil {
		rd.fail(p.i, typ, message.ImportDuplicate, p.session)
		return
	}
	*dst = &p.score
}

// questionnaire reads a screening.
func (rd *reader) questionnaire(i int, q *QuestionnaireResponse) {
	const typ = "QuestionnaireResponse"
	if q.Identifier == nil || q.Identifier.System != IDScreening || q.ID != UUID(screeningName(rd.pseudonym, q.Identifier.Value)) {
		rd.fail(i, typ, message.ImportIDMismatch)
		return
	}
	sc := safety.Screening{ID: q.Identifier.Value, Answers: map[string]bool{}, Result: safety.Result{Flagged: []string{}, Conditions: []catalog.Condition{}}}
	at, ok := parseTime(q.Authored)
	if !ok {
		rd.fail(i, typ, message.ImportBadValue, "authored", q.Authored)
		return
	}
	sc.At = at
	set, found := strings.CutPrefix(q.Questionnaire, Questionnaire+"|")
	n, err := strconv.Atoi(set)
	if !found || err != nil || n < 0 {
		rd.fail(i, typ, message.ImportBadValue, "questionnaire", q.Questionnaire)
		return
	}
	sc.QuestionSet = n
	haveOutcome := false
	for _, it := range q.Item {
		bad := func() { rd.fail(i, typ, message.ImportBadValue, "item", it.LinkID) }
		switch it.LinkID {
		case itemOutcome:
			if len(it.Answer) != 1 || it.Answer[0].ValueCoding == nil || it.Answer[0].ValueCoding.System != CSOutcome ||
				!slices.Contains(safety.Outcomes, safety.Outcome(it.Answer[0].ValueCoding.Code)) || haveOutcome {
				bad()
				return
			}
			sc.Result.Outcome, haveOutcome = safety.Outcome(it.Answer[0].ValueCoding.Code), true
		case itemFlagged:
			for _, a := range it.Answer {
				if a.ValueCoding == nil || a.ValueCoding.System != CSQuestion || a.ValueCoding.Code == "" {
					bad()
					return
				}
				sc.Result.Flagged = append(sc.Result.Flagged, a.ValueCoding.Code)
			}
		case itemConditions:
			for _, a := range it.Answer {
				if a.ValueCoding == nil || a.ValueCoding.System != CSCondition || !catalog.Condition(a.ValueCoding.Code).Known() {
					bad()
					return
				}
				sc.Result.Conditions = append(sc.Result.Conditions, catalog.Condition(a.ValueCoding.Code))
			}
		case itemCleared:
			if len(it.Answer) != 1 || it.Answer[0].ValueBoolean == nil || !*it.Answer[0].ValueBoolean {
				bad()
				return
			}
			sc.Clearing = true
		default:
			if _, dup := sc.Answers[it.LinkID]; dup || it.LinkID == "" || len(it.Answer) != 1 || it.Answer[0].ValueBoolean == nil {
				bad()
				return
			}
			sc.Answers[it.LinkID] = *it.Answer[0].ValueBoolean
		}
	}
	if !haveOutcome {
		rd.fail(i, typ, message.StoreMissing, itemOutcome)
		return
	}
	rd.screenings = append(rd.screenings, sc)
}

// flag reads an exercise set aside, avoided or cleared.
func (rd *reader) flag(i int, f *Flag) {
	const typ = "Flag"
	key := identifier(f.Identifier, IDFlag)
	if key == "" || f.ID != UUID(flagName(rd.pseudonym, key)) {
		rd.fail(i, typ, message.ImportIDMismatch)
		return
	}
	if len(f.Code.Coding) != 1 || f.Code.Coding[0].System != CSExercise || f.Period == nil {
		rd.fail(i, typ, message.ImportBadValue, "code", key)
		return
	}
	ex := f.Code.Coding[0].Code
	since, ok := parseTime(f.Period.Start)
	if !ok {
		rd.fail(i, typ, message.ImportBadValue, "period.start", f.Period.Start)
		return
	}
	ext := ""
	if len(f.Extension) == 1 {
		ext = f.Extension[0].ValueCode
	}
	state := func() *journal.ExerciseState {
		st := rd.states[ex]
		if st == nil {
			st = &journal.ExerciseState{ExerciseID: ex, Since: since}
			rd.states[ex] = st
			rd.stateOrder = append(rd.stateOrder, ex)
		}
		return st
	}
	switch key {
	case "set-aside/" + ex:
		if _, err := journal.ParseStopReason(ext); err != nil || len(f.Extension) != 1 || f.Extension[0].URL != ExtReason {
			rd.fail(i, typ, message.ImportBadValue, "extension", ext)
			return
		}
		st := state()
		st.Excluded, st.Reason = true, ext
	case "avoided/" + ex:
		if len(f.Extension) != 0 {
			rd.fail(i, typ, message.ImportBadValue, "extension", ext)
			return
		}
		state().Avoided = true
	default:
		c := catalog.Condition(ext)
		if key != "cleared/"+ex+"/"+ext || !c.Known() || f.Extension[0].URL != ExtClears {
			rd.fail(i, typ, message.ImportBadValue, "identifier", key)
			return
		}
		rd.clearances = append(rd.clearances, safety.ConditionClearance{ExerciseID: ex, Condition: c, At: since})
	}
}

// carePlan checks a care plan, derived from the rest: it is made again on
// the next export.
func (rd *reader) carePlan(i int, c *CarePlan) {
	id := identifier(c.Identifier, IDRoutine)
	if id == "" || c.ID != UUID(carePlanName(rd.pseudonym, id)) {
		rd.fail(i, "CarePlan", message.ImportIDMismatch)
	}
}

// records are what was read, in the journal's order.
func (rd *reader) records() Records {
	rec := Records{Pseudonym: rd.pseudonym}
	for _, id := range rd.order {
		rec.Sessions = append(rec.Sessions, rd.sessions[id])
	}
	rec.Screenings = rd.screenings
	rec.PSFS = rd.psfs
	for _, id := range rd.stateOrder {
		rec.States = append(rec.States, *rd.states[id])
	}
	rec.Clearances = rd.clearances
	return rec
}
