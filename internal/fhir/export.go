// Package fhir writes a person's journal as a FHIR R4 bundle any clinic's
// system can read, and reads such a bundle back (moving to a new machine or
// server): a Patient (pseudonymous), a CarePlan for each routine they
// follow, a Procedure per session, Observations of pain before and after
// (LOINC 72514-3), exercise minutes a week (LOINC 55411-3) and functional
// scale scores, a QuestionnaireResponse per screening and a Flag for each
// exercise set aside or cleared. Ids are name-based UUIDs of unhunch's own
// ids, so exporting twice gives the same bundle.
//
// The rules stay in the domain packages (levels in progress, what is left
// out in person, weeks in safety); this package only maps. It reads and
// writes the journal through small interfaces (Source, Sink), so that
// scoping them to one person is a change to whoever hands them in.
package fhir

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// Source is what an export reads of one person's journal.
type Source interface {
	// Pseudonym returns the person's pseudonymous id, made once.
	Pseudonym(ctx context.Context) (string, error)
	// EachSession calls fn with each session f selects, oldest first, with
	// its exercises, holding no more than a page of them at a time.
	EachSession(ctx context.Context, f journal.Filter, fn func(*journal.Session) error) error
	// ExerciseStates returns the exercises set aside, by id.
	ExerciseStates(ctx context.Context) (map[string]journal.ExerciseState, error)
	// Screenings returns every screening, oldest first.
	Screenings(ctx context.Context) ([]safety.Screening, error)
	// ConditionClearances returns the exercises a clinician cleared of a condition.
	ConditionClearances(ctx context.Context) ([]safety.ConditionClearance, error)
	// PSFS returns every functional scale score, oldest first.
	PSFS(ctx context.Context) ([]progress.PSFSRating, error)
}

// Options are an export's choices.
type Options struct {
	Since    time.Time      // sessions started at or after; zero for all
	Location *time.Location // the zone whose weeks the exercise minutes add up in; nil for time.Local
}

// Export writes the journal src reads as a FHIR R4 bundle to w, resource by
// resource as it reads the sessions: memory stays flat however long the
// journal. Exercises and routines are named from c.
func Export(ctx context.Context, w io.Writer, src Source, c *catalog.Catalog, opt Options) error {
	if opt.Location == nil {
		opt.Location = time.Local
	}
	p, err := src.Pseudonym(ctx)
	if err != nil {
		return err
	}
	aside, err := src.ExerciseStates(ctx)
	if err != nil {
		return err
	}
	screenings, err := src.Screenings(ctx)
	if err != nil {
		return err
	}
	cleared, err := src.ConditionClearances(ctx)
	if err != nil {
		return err
	}
	psfs, err := src.PSFS(ctx)
	if err != nil {
		return err
	}
	x := &exporter{w: bufio.NewWriterSize(w, 64<<10), p: p, c: c, loc: opt.Location,
		patient: URN(UUID(patientName(p))), replay: progress.NewReplayer(person.Doses(c)),
		weeks: map[time.Time]float64{}, routines: map[string]*followed{}}
	x.open()
	x.entry(&Patient{ResourceType: "Patient", ID: UUID(patientName(p)), Identifier: []Ident{{System: IDPerson, Value: p}}, Active: true})
	err = src.EachSession(ctx, journal.Filter{}, func(s *journal.Session) error {
		x.replay.Add(s)
		x.follow(s)
		if !opt.Since.IsZero() && s.StartedAt.Before(opt.Since) {
			return nil
		}
		x.session(s)
		return x.err
	})
	if err != nil {
		return err
	}
	x.minutes()
	for _, r := range psfs {
		x.psfs(r)
	}
	for i := range screenings {
		x.screening(&screenings[i])
	}
	x.flags(aside, cleared)
	st := person.State{SetAside: aside, Screenings: screenings, Cleared: cleared, Levels: x.replay.Levels()}
	for _, id := range x.order {
		x.carePlan(x.routines[id], st)
	}
	x.close()
	if x.err == nil {
		x.err = x.w.Flush()
	}
	return x.err
}

// exporter writes one bundle.
type exporter struct {
	w       *bufio.Writer
	err     error
	n       int // entries written
	p       string
	c       *catalog.Catalog
	loc     *time.Location
	patient string // the Patient's full URL
	replay  *progress.Replayer
	weeks   map[time.Time]float64 // minutes of practice by the week's Monday
	// routines followed, in the order of their first session
	routines map[string]*followed
	order    []string
}

// followed is a routine the person has practised.
type followed struct {
	id, name string
	first    time.Time
	last     []string // the exercises of its latest session, for a routine no longer in the catalog
}

func (x *exporter) write(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func (x *exporter) open() {
	b := Bundle{ResourceType: "Bundle", ID: UUID(x.p + "/Bundle"), Meta: &Meta{Tag: []Coding{ExportTag}}, Type: "collection"}
	head, err := json.Marshal(b)
	if err != nil {
		x.err = err
		return
	}
	// {"resourceType":"Bundle",…,"type":"collection"} and then the entries.
	x.write(string(head[:len(head)-1]) + `,"entry":[` + "\n")
}

func (x *exporter) close() { x.write("\n]}\n") }

// entry writes one resource as an entry, at the full URL its id gives.
func (x *exporter) entry(r any) {
	if x.err != nil {
		return
	}
	id := resourceID(r)
	b, err := json.Marshal(Entry{FullURL: URN(id), Resource: r})
	if err != nil {
		x.err = fmt.Errorf("fhir: %w", err)
		return
	}
	if x.n > 0 {
		x.write(",\n")
	}
	x.n++
	if x.err == nil {
		_, x.err = x.w.Write(b)
	}
}

// resourceID returns a resource's id.
func resourceID(r any) string {
	switch v := r.(type) {
	case *Patient:
		return v.ID
	case *CarePlan:
		return v.ID
	case *Procedure:
		return v.ID
	case *Observation:
		return v.ID
	case *QuestionnaireResponse:
		return v.ID
	case *Flag:
		return v.ID
	}
	panic(fmt.Sprintf("fhir: no id for %T", r))
}

// Time writes a time as FHIR's dateTime: UTC, to the millisecond (as the
// journal keeps it).
func Time(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// localTime writes a time in the zone it is in, to the second.
func localTime(t time.Time) string { return t.Format(time.RFC3339) }

func ptr[T any](v T) *T { return &v }

// follow notes the routine a session played.
func (x *exporter) follow(s *journal.Session) {
	if s.IsDemo() {
		return // a demo is trying a routine out, not following it
	}
	f := x.routines[s.RoutineID]
	if f == nil {
		f = &followed{id: s.RoutineID, name: s.RoutineName, first: s.StartedAt}
		x.routines[s.RoutineID] = f
		x.order = append(x.order, s.RoutineID)
	}
	if s.RoutineName != "" {
		f.name = s.RoutineName
	}
	if len(s.Exercises) > 0 {
		f.last = f.last[:0]
		for _, p := range s.Final() {
			if !slices.Contains(f.last, p.ExerciseID) {
				f.last = append(f.last, p.ExerciseID)
			}
		}
	}
}

// exerciseCoding codes an exercise, named from the catalog when it is there.
func (x *exporter) exerciseCoding(id string) Coding {
	cd := Coding{System: CSExercise, Code: id}
	if e, ok := x.c.Exercise(id); ok {
		cd.Display = e.Name
	}
	return cd
}

func (x *exporter) exerciseName(id string) string {
	if e, ok := x.c.Exercise(id); ok {
		return e.Name
	}
	return id
}

// session writes a session's Procedure and its pain Observations, and adds
// its minutes to its week.
func (x *exporter) session(s *journal.Session) {
	proc := &Procedure{ResourceType: "Procedure", ID: UUID(procedureName(x.p, s.ID)),
		Identifier: []Ident{{System: IDSession, Value: s.ID}},
		BasedOn:    []Ref{{Reference: URN(UUID(carePlanName(x.p, s.RoutineID)))}},
		Code:       Concept{Coding: []Coding{ExerciseTherapy}, Text: cmpOr(s.RoutineName, s.RoutineID)},
		Subject:    Ref{Reference: x.patient},
	}
	if s.IsDemo() {
		proc.BasedOn = nil // a demo follows no plan (follow)
	}
	switch s.Status {
	case journal.Completed:
		proc.Status = "completed"
	case journal.Stopped:
		proc.Status = "stopped"
	case journal.Interrupted:
		// Ended by no one (the player went away), so not a session the
		// person finished or chose to stop: entered-in-error, as issue 18
		// asks, with unhunch's own code saying why.
		proc.Status = "entered-in-error"
		proc.StatusReason = &Concept{Coding: []Coding{{System: CSStatus, Code: string(journal.Interrupted), Display: message.StatusWords.Text(string(journal.Interrupted))}},
			Text: message.Text(message.FHIRInterrupted)}
	default:
		proc.Status = "in-progress"
	}
	if s.StopReason != "" {
		words := message.StopWords.Text(string(s.StopReason))
		proc.StatusReason = &Concept{Coding: []Coding{{System: CSStopReason, Code: string(s.StopReason), Display: words}}, Text: words}
	}
	proc.PerformedPeriod = &Period{Start: Time(s.StartedAt)}
	if s.EndedAt != nil {
		proc.PerformedPeriod.End = Time(*s.EndedAt)
	}
	ext := Extension{URL: ExtSession, Extension: []Extension{
		{URL: "routine", ValueCoding: &Coding{System: CSRoutine, Code: s.RoutineID, Display: s.RoutineName}},
		{URL: "planned-seconds", ValueDecimal: ptr(s.PlannedSeconds)},
		{URL: "planned-exercises", ValueInteger: ptr(s.PlannedExercises)},
		{URL: "time-scale", ValueDecimal: ptr(timeScale(s))},
	}}
	proc.Extension = append(proc.Extension, ext)
	for _, p := range s.Exercises {
		proc.Extension = append(proc.Extension, attemptExtension(x.exerciseCoding(p.ExerciseID), p))
		proc.Note = append(proc.Note, Annotation{Time: Time(p.EndedAt), Text: x.attemptNote(p)})
	}
	if s.IsDemo() {
		proc.Note = append(proc.Note, Annotation{Text: message.Text(message.FHIRDemo, strconv.FormatFloat(timeScale(s), 'f', -1, 64))})
	}
	x.entry(proc)
	if s.PainBefore != nil {
		x.pain(s, "pain-before", message.FHIRPainBefore, *s.PainBefore, s.StartedAt, proc.ID)
	}
	if s.PainAfter != nil {
		at := s.StartedAt
		if s.EndedAt != nil {
			at = *s.EndedAt
		}
		x.pain(s, "pain-after", message.FHIRPainAfter, *s.PainAfter, at, proc.ID)
	}
	if progress.Counts(s) {
		week := safety.WeekStart(s.StartedAt.In(x.loc))
		x.weeks[week] += progress.Minutes(s)
	}
}

// timeScale is a session's time scale, 1 when unknown.
func timeScale(s *journal.Session) float64 {
	if s.TimeScale == 0 {
		return 1
	}
	return s.TimeScale
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// attemptExtension carries one attempt at an exercise, every field of it.
func attemptExtension(ex Coding, p journal.Performance) Extension {
	e := Extension{URL: ExtAttempt, Extension: []Extension{
		{URL: "index", ValueInteger: ptr(p.Index)},
		{URL: "attempt", ValueInteger: ptr(p.Attempt)},
		{URL: "exercise", ValueCoding: &ex},
		{URL: "outcome", ValueCode: string(p.Outcome)},
	}}
	if p.StopReason != "" {
		e.Extension = append(e.Extension, Extension{URL: "stop-reason", ValueCode: string(p.StopReason)})
	}
	for _, f := range []struct {
		url string
		v   int
	}{{"reps", p.Amount.Reps}, {"hold-seconds", p.Amount.Hold}, {"hold-breaths", p.Amount.HoldBreaths}, {"seconds", p.Amount.Seconds}, {"sets", p.Amount.Sets}} {
		if f.v != 0 {
			e.Extension = append(e.Extension, Extension{URL: f.url, ValueInteger: ptr(f.v)})
		}
	}
	e.Extension = append(e.Extension,
		Extension{URL: "seconds-done", ValueDecimal: ptr(p.Seconds)},
		Extension{URL: "period", ValuePeriod: &Period{Start: Time(p.StartedAt), End: Time(p.EndedAt)}})
	if p.Rating != "" {
		e.Extension = append(e.Extension, Extension{URL: "rating", ValueCode: string(p.Rating)})
	}
	return e
}

// attemptNote says an attempt in words, for people reading the record.
func (x *exporter) attemptNote(p journal.Performance) string {
	name := x.exerciseName(p.ExerciseID)
	amount := ""
	if e, ok := x.c.Exercise(p.ExerciseID); ok && p.Amount != (dose.Amount{}) {
		amount = e.Dose.Normalize().Describe(p.Amount)
	}
	details := []string{message.OutcomeWords.Text(string(p.Outcome))}
	if amount != "" {
		details = append(details, amount)
	}
	details = append(details, timeline.String(time.Duration(p.Seconds*float64(time.Second))))
	s := message.Text(message.FHIRAttempt, name, strings.Join(details, ", "))
	if p.Attempt > 1 {
		s += message.Text(message.FHIRAttemptAgain, p.Attempt)
	}
	if p.StopReason != "" {
		s += message.Text(message.FHIRAttemptStopped, message.StopWords.Text(string(p.StopReason)))
	}
	if p.Rating != "" {
		s += message.Text(message.FHIRAttemptRated, message.RatingWords.Text(string(p.Rating)))
	}
	return s
}

// pain writes a pain score of a session.
func (x *exporter) pain(s *journal.Session, key string, words message.Key, score int, at time.Time, procID string) {
	id := s.ID + "/" + key
	x.entry(&Observation{ResourceType: "Observation", ID: UUID(observationName(x.p, id)),
		Identifier: []Ident{{System: IDObservation, Value: id}},
		PartOf:     []Ref{{Reference: URN(procID)}}, Status: "final",
		Category: []Concept{{Coding: []Coding{Survey}}},
		Code:     Concept{Coding: []Coding{PainScore}, Text: message.Text(words)},
		Subject:  Ref{Reference: x.patient}, EffectiveDateTime: Time(at),
		ValueQuantity: &Quantity{Value: float64(score), Unit: "score", System: UCUM, Code: "{score}"},
	})
}

// minutes writes each week's minutes of practice, oldest week first.
func (x *exporter) minutes() {
	weeks := make([]time.Time, 0, len(x.weeks))
	for w := range x.weeks {
		weeks = append(weeks, w)
	}
	sort.Slice(weeks, func(i, j int) bool { return weeks[i].Before(weeks[j]) })
	for _, w := range weeks {
		id := "minutes/" + w.Format("2006-01-02")
		x.entry(&Observation{ResourceType: "Observation", ID: UUID(observationName(x.p, id)),
			Identifier: []Ident{{System: IDObservation, Value: id}}, Status: "final",
			Category:        []Concept{{Coding: []Coding{Activity}}},
			Code:            Concept{Coding: []Coding{ExerciseMinutes}, Text: message.Text(message.FHIRMinutesWeek)},
			Subject:         Ref{Reference: x.patient},
			EffectivePeriod: &Period{Start: localTime(w), End: localTime(w.AddDate(0, 0, 7))},
			ValueQuantity:   &Quantity{Value: math.Round(x.weeks[w]*100) / 100, Unit: "min/wk", System: UCUM, Code: "min/wk"},
		})
	}
}

// PSFSKey is the key of a functional scale score: its time and activity.
func PSFSKey(r progress.PSFSRating) string {
	return "psfs/" + strconv.FormatInt(r.At.UnixMilli(), 10) + "/" + r.Activity
}

// psfs writes one functional scale score.
func (x *exporter) psfs(r progress.PSFSRating) {
	id := PSFSKey(r)
	x.entry(&Observation{ResourceType: "Observation", ID: UUID(observationName(x.p, id)),
		Identifier: []Ident{{System: IDObservation, Value: id}}, Status: "final",
		Category: []Concept{{Coding: []Coding{Survey}}},
		Code:     Concept{Coding: []Coding{{System: CSMeasure, Code: "psfs", Display: "Patient-Specific Functional Scale"}}, Text: message.Text(message.FHIRPSFS, r.Activity)},
		Subject:  Ref{Reference: x.patient}, EffectiveDateTime: Time(r.At),
		ValueQuantity: &Quantity{Value: float64(r.Score), Unit: "score", System: UCUM, Code: "{score}"},
		Component:     []Component{{Code: Concept{Text: message.Text(message.FHIRActivity)}, ValueString: r.Activity}},
	})
}

// Items of a screening's response that are not questions.
const (
	itemOutcome    = "outcome"
	itemFlagged    = "flagged"
	itemConditions = "conditions"
	itemCleared    = "cleared-by-clinician"
)

// screening writes a screening as a QuestionnaireResponse: each question
// answered (in the order they are asked; answers to questions no longer
// asked after them, by id), then the outcome, the questions answered yes
// and the conditions they set.
func (x *exporter) screening(sc *safety.Screening) {
	qr := &QuestionnaireResponse{ResourceType: "QuestionnaireResponse", ID: UUID(screeningName(x.p, sc.ID)),
		Identifier: &Ident{System: IDScreening, Value: sc.ID}, Questionnaire: Questionnaire + "|" + strconv.Itoa(sc.QuestionSet),
		Status: "completed", Subject: Ref{Reference: x.patient}, Authored: Time(sc.At)}
	var ids []string
	for _, q := range safety.Questions {
		if _, ok := sc.Answers[q.ID]; ok {
			ids = append(ids, q.ID)
		}
	}
	var rest []string
	for id := range sc.Answers {
		if !slices.Contains(ids, id) {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	for _, id := range append(ids, rest...) {
		it := QRItem{LinkID: id, Answer: []QRAnswer{{ValueBoolean: ptr(sc.Answers[id])}}}
		if q, ok := safety.QuestionByID(id); ok {
			it.Text = q.Text()
		}
		qr.Item = append(qr.Item, it)
	}
	qr.Item = append(qr.Item, QRItem{LinkID: itemOutcome, Text: message.Text(message.FHIROutcome),
		Answer: []QRAnswer{{ValueCoding: &Coding{System: CSOutcome, Code: string(sc.Result.Outcome)}}}})
	if len(sc.Result.Flagged) > 0 {
		it := QRItem{LinkID: itemFlagged, Text: message.Text(message.FHIRFlagged)}
		for _, id := range sc.Result.Flagged {
			it.Answer = append(it.Answer, QRAnswer{ValueCoding: &Coding{System: CSQuestion, Code: id}})
		}
		qr.Item = append(qr.Item, it)
	}
	if len(sc.Result.Conditions) > 0 {
		it := QRItem{LinkID: itemConditions, Text: message.Text(message.FHIRConditions)}
		for _, c := range sc.Result.Conditions {
			it.Answer = append(it.Answer, QRAnswer{ValueCoding: &Coding{System: CSCondition, Code: string(c), Display: c.Words()}})
		}
		qr.Item = append(qr.Item, it)
	}
	if sc.Clearing {
		qr.Item = append(qr.Item, QRItem{LinkID: itemCleared, Text: message.Text(message.FHIRCleared), Answer: []QRAnswer{{ValueBoolean: ptr(true)}}})
	}
	x.entry(qr)
}

// flags writes a Flag for each exercise set aside after a stop, each on the
// avoid list, and each clinician's clearance of an exercise for a condition,
// by exercise.
func (x *exporter) flags(aside map[string]journal.ExerciseState, cleared []safety.ConditionClearance) {
	ids := make([]string, 0, len(aside))
	for id := range aside {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	flag := func(key, category string, cat message.Key, ex, text string, since time.Time) *Flag {
		return &Flag{ResourceType: "Flag", ID: UUID(flagName(x.p, key)), Identifier: []Ident{{System: IDFlag, Value: key}},
			Status:   "active",
			Category: []Concept{{Coding: []Coding{{System: CSFlag, Code: category, Display: message.Text(cat)}}}},
			Code:     Concept{Coding: []Coding{x.exerciseCoding(ex)}, Text: text},
			Subject:  Ref{Reference: x.patient}, Period: &Period{Start: Time(since)}}
	}
	for _, id := range ids {
		st := aside[id]
		name := x.exerciseName(id)
		if st.Excluded {
			f := flag("set-aside/"+id, "set-aside", message.FHIRFlagSetAside, id,
				message.Text(message.FHIRTextSetAside, name, message.StopWords.Text(st.Reason), st.Since.In(x.loc).Format("2006-01-02")), st.Since)
			f.Extension = []Extension{{URL: ExtReason, ValueCode: st.Reason}}
			x.entry(f)
		}
		if st.Avoided {
			x.entry(flag("avoided/"+id, "avoided", message.FHIRFlagAvoided, id, message.Text(message.FHIRTextAvoided, name), st.Since))
		}
	}
	cl := slices.Clone(cleared)
	slices.SortFunc(cl, func(a, b safety.ConditionClearance) int {
		return strings.Compare(a.ExerciseID+"/"+string(a.Condition), b.ExerciseID+"/"+string(b.Condition))
	})
	for _, c := range cl {
		f := flag("cleared/"+c.ExerciseID+"/"+string(c.Condition), "cleared", message.FHIRFlagCleared, c.ExerciseID,
			message.Text(message.FHIRTextCleared, x.exerciseName(c.ExerciseID), c.Condition.Words()), c.At)
		f.Extension = []Extension{{URL: ExtClears, ValueCode: string(c.Condition)}}
		x.entry(f)
	}
}

// carePlan writes the plan of a routine the person follows: an activity per
// exercise at the person's dose now, those left out for them on hold with
// why. A routine no longer in the catalog (an unsaved plan, a custom file
// removed) is described by its latest session's exercises.
func (x *exporter) carePlan(f *followed, st person.State) {
	cp := &CarePlan{ResourceType: "CarePlan", ID: UUID(carePlanName(x.p, f.id)),
		Identifier: []Ident{{System: IDRoutine, Value: f.id}}, Status: "active", Intent: "plan",
		Category: []Concept{{Coding: []Coding{ExerciseTherapy}}}, Title: cmpOr(f.name, f.id),
		Subject: Ref{Reference: x.patient}, Period: &Period{Start: Time(f.first)}}
	excl := st.Exclusions()
	if r, ok := x.c.Routine(f.id); ok {
		cp.Title, cp.Description = r.Name, r.Description
		prep, err := person.Prepare(x.c, r, st.Levels, excl, false)
		steps := prep.Steps
		if err != nil {
			// Every exercise left out: each is on hold.
			steps = nil
			if all, err := timeline.FromRoutine(x.c, r); err == nil {
				for _, s := range all {
					if lo, ok := excl.Of(s.Exercise); ok && !slices.ContainsFunc(prep.LeftOut, func(l person.LeftOut) bool { return l.ID == lo.ID }) {
						prep.LeftOut = append(prep.LeftOut, lo)
					}
				}
			}
		}
		seen := map[string]bool{}
		for _, s := range steps {
			if seen[s.Exercise.ID] {
				continue // a later round
			}
			seen[s.Exercise.ID] = true
			a := s.Amount
			if a == (dose.Amount{}) {
				a = s.Exercise.Dose.Start()
			}
			cp.Activity = append(cp.Activity, PlanActivity{Detail: ActivityDetail{
				Code: Concept{Coding: []Coding{x.exerciseCoding(s.Exercise.ID)}, Text: s.Exercise.Name}, Status: "in-progress",
				ScheduledString: r.Frequency, Description: s.Exercise.Dose.Normalize().Describe(a)}})
		}
		for _, lo := range prep.LeftOut {
			cp.Activity = append(cp.Activity, x.onHold(lo))
		}
	} else {
		for _, id := range f.last {
			e, ok := x.c.Exercise(id)
			if !ok {
				cp.Activity = append(cp.Activity, PlanActivity{Detail: ActivityDetail{
					Code: Concept{Coding: []Coding{x.exerciseCoding(id)}, Text: id}, Status: "unknown"}})
				continue
			}
			if lo, ok := excl.Of(e); ok {
				cp.Activity = append(cp.Activity, x.onHold(lo))
				continue
			}
			a := e.Dose.Start()
			if l, ok := st.Levels[id]; ok {
				a = l.Amount
			}
			cp.Activity = append(cp.Activity, PlanActivity{Detail: ActivityDetail{
				Code: Concept{Coding: []Coding{x.exerciseCoding(id)}, Text: e.Name}, Status: "in-progress",
				Description: e.Dose.Normalize().Describe(a)}})
		}
	}
	if len(cp.Activity) == 0 {
		cp.Activity = nil
	}
	x.entry(cp)
}

// onHold is the activity of an exercise left out for the person.
func (x *exporter) onHold(lo person.LeftOut) PlanActivity {
	var why string
	switch lo.Why {
	case person.ForCondition:
		words := make([]string, len(lo.Conditions))
		for i, c := range lo.Conditions {
			words[i] = c.Words()
		}
		why = message.Text(message.FHIRHoldCondition, strings.Join(words, ", "))
	case person.ForStop:
		why = message.Text(message.FHIRHoldStopped, message.StopWords.Text(string(lo.StopReason)))
	default:
		why = message.Text(message.FHIRHoldAvoided)
	}
	return PlanActivity{Detail: ActivityDetail{
		Code: Concept{Coding: []Coding{x.exerciseCoding(lo.ID)}, Text: x.exerciseName(lo.ID)}, Status: "on-hold",
		StatusReason: &Concept{Text: why}}}
}
