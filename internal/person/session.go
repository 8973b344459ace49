package person

import (
	"context"
	"strings"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// RecordRefused keeps a session that did not start because pain was too
// high: a session stopped the moment it began, so that the
// next one asks for the safety questions again. clientKey may be "".
func RecordRefused(ctx context.Context, st SessionWriter, r *catalog.Routine, pain *int, at time.Time, owner, clientKey string) (*journal.Session, error) {
	s := &journal.Session{RoutineID: r.ID, RoutineName: r.Name, StartedAt: at, PainBefore: pain, Owner: owner, ClientKey: clientKey}
	created, err := st.StartSession(ctx, s)
	if err != nil || !created {
		return s, err
	}
	return s, st.FinishSession(ctx, s.ID, journal.Stopped, s.StartedAt, nil, "")
}

// IsRefused reports whether a session is the record of a start refused for
// high pain (RecordRefused): stopped as it began, with nothing planned.
func IsRefused(s *journal.Session) bool {
	return s.Status == journal.Stopped && s.PlannedExercises == 0 && len(s.Exercises) == 0 &&
		s.PainBefore != nil && *s.PainBefore >= safety.HighPain && s.EndedAt != nil && s.EndedAt.Equal(s.StartedAt)
}

// RecordExercise saves one exercise's outcome through rec and, when it was
// stopped for sharp pain or dizziness, keeps that exercise out of automatic
// plans until the person brings it back.
func RecordExercise(ctx context.Context, rec ExerciseRecorder, st Excluder, sessionID string, p journal.Performance) error {
	if err := rec.RecordExercise(ctx, sessionID, p); err != nil {
		return err
	}
	if p.Outcome == journal.Halted && safety.ExcludeAfterStop(p.StopReason) {
		return st.Exclude(ctx, p.ExerciseID, string(p.StopReason), p.EndedAt)
	}
	return nil
}

// StartNotes are shown before a session: advice about the pain trend, a
// caution from the screening, exercises left out, dose changes, and the
// cautions of exercises done for the first time.
func StartNotes(d safety.Decision, prep Routine, p State, loc *time.Location) []string {
	return startNotes(d, prep, p, loc, LeftOutNotes(prep.LeftOut))
}

// WebStartNotes are StartNotes for the web app's pages: what was left out
// said by name, with where in the app to bring it back (WebLeftOutNotes).
func WebStartNotes(d safety.Decision, prep Routine, p State, loc *time.Location, c *catalog.Catalog) []string {
	return startNotes(d, prep, p, loc, WebLeftOutNotes(prep.LeftOut, c))
}

// startNotes are the notes before a session with leftOut saying what was
// left out.
func startNotes(d safety.Decision, prep Routine, p State, loc *time.Location, leftOut []string) []string {
	var notes []string
	if advice := TrendAdvice(TrendOf(p.Pain, loc)); advice != "" {
		notes = append(notes, advice)
	}
	if d.Caution {
		notes = append(notes, message.Text(message.GateCaution))
	}
	notes = append(notes, leftOut...)
	for i, lv := range prep.Levels {
		if lv == nil || len(lv.Changes) == 0 {
			continue
		}
		e := prep.Steps[i].Exercise
		if w := EasierWords(e, lv); w != "" {
			notes = append(notes, message.Text(message.StartEasier, e.Name, w))
			continue
		}
		ch := lv.Changes[len(lv.Changes)-1]
		if ch.FromEasier {
			notes = append(notes, message.Text(message.StartBackFromEasier, e.Name, e.Dose.Describe(ch.To), message.WhyWords.Text(string(ch.Why))))
			continue
		}
		notes = append(notes, message.Text(message.StartLevel, e.Name, e.Dose.Describe(ch.To),
			message.DirectionWords.Text(Direction(ch)), e.Dose.Describe(ch.From), message.WhyWords.Text(string(ch.Why))))
	}
	var done map[string]bool
	if p.History != nil {
		done = p.History.Done
	}
	for _, e := range FirstTimes(prep.Steps, done) {
		notes = append(notes, message.Text(message.StartFirstTime, e.Name, strings.Join(e.Cautions, " ")))
	}
	return notes
}

// Direction says whether a change of level went "up" or "down".
func Direction(ch progress.Change) string {
	if ch.Down() {
		return "down"
	}
	return "up"
}
