package fhirfuzz_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/fhir"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// source is a journal in memory with some of each kind of record: parts
// picks which (a bundle of each part alone stays small, and the fuzzer
// minimises every new input it finds, which takes long for a large one).
type source struct{ parts string }

var at = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func (source) Pseudonym(context.Context) (string, error) { return "01FUZZPERSON0000000000000", nil }
func (s source) ExerciseStates(context.Context) (map[string]journal.ExerciseState, error) {
	out := map[string]journal.ExerciseState{}
	if strings.Contains(s.parts, "flags") {
		out["cat-cow"] = journal.ExerciseState{ExerciseID: "cat-cow", Excluded: true, Reason: "dizziness", Avoided: true, Since: at}
	}
	return out, nil
}
func (s source) Screenings(context.Context) ([]safety.Screening, error) {
	if !strings.Contains(s.parts, "screening") {
		return nil, nil
	}
	sc := safety.NewScreening(at, map[string]bool{"osteoporosis": true, "fever": false})
	sc.ID = "01FUZZSCREEN0000000000000"
	return []safety.Screening{sc}, nil
}
func (s source) ConditionClearances(context.Context) ([]safety.ConditionClearance, error) {
	if !strings.Contains(s.parts, "flags") {
		return nil, nil
	}
	return []safety.ConditionClearance{{ExerciseID: "thoracic-extension", Condition: catalog.Osteoporosis, At: at}}, nil
}
func (s source) PSFS(context.Context) ([]progress.PSFSRating, error) {
	if !strings.Contains(s.parts, "psfs") {
		return nil, nil
	}
	return []progress.PSFSRating{{At: at, Activity: "Reaching up", Score: 4}}, nil
}
func (s source) EachSession(_ context.Context, _ journal.Filter, fn func(*journal.Session) error) error {
	if !strings.Contains(s.parts, "session") {
		return nil
	}
	start := at
	end := start.Add(3 * time.Minute)
	before, after := 5, 4
	ss := &journal.Session{ID: "01FUZZSESSION000000000000", RoutineID: "quick-daily-reset", RoutineName: "Quick daily reset",
		Status: journal.Stopped, StopReason: journal.Discomfort, StartedAt: start, EndedAt: &end, PainBefore: &before, PainAfter: &after,
		TimeScale: 1, PlannedExercises: 1}
	ss.Exercises = []journal.Performance{{Index: 0, Attempt: 1, ExerciseID: "chin-tucks", Outcome: journal.Done,
		Seconds: 30.5, StartedAt: start, EndedAt: start.Add(30500 * time.Millisecond), Rating: journal.Right}}
	return fn(ss)
}

// FuzzRead: whatever the file, reading it as a bundle never panics, and a
// bundle it accepts gives records that keep the journal's rules (each
// session once, pain 0–10, a known status, a start).
func FuzzRead(f *testing.F) {
	c, err := catalog.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	for _, parts := range []string{"", "session", "screening", "psfs", "flags"} {
		var b bytes.Buffer
		if err := fhir.Export(context.Background(), &b, source{parts}, c, fhir.Options{Location: time.UTC}); err != nil {
			f.Fatal(err)
		}
		if _, err := fhir.Read("seed.json", bytes.NewReader(b.Bytes())); err != nil {
			f.Fatalf("the seed of %q is refused: %v", parts, err)
		}
		f.Add(b.Bytes())
		// Values a bundle may hold that unhunch never writes.
		for _, edit := range [][2]string{
			{`"url":"time-scale","valueDecimal":1`, `"url":"time-scale","valueDecimal":0`},
			{`"url":"time-scale","valueDecimal":1`, `"url":"time-scale","valueDecimal":-2`},
			{`"url":"planned-seconds","valueDecimal":180`, `"url":"planned-seconds","valueDecimal":-1`},
			{`"valueCode":"right"`, `"valueCode":"sideways"`},
			{`"valueCode":"done"`, `"valueCode":"maybe"`},
			{`"url":"index","valueInteger":0`, `"url":"index","valueInteger":-1`},
			{`"url":"reps","valueInteger":10`, `"url":"reps","valueInteger":-10`},
			{`"Reaching up"`, `" Reaching up"`},
		} {
			if edited := strings.Replace(b.String(), edit[0], edit[1], 1); edited != b.String() {
				f.Add([]byte(edited))
			}
		}
	}
	f.Add([]byte(`{"resourceType":"Bundle","type":"collection","meta":{"tag":[{"system":"` + fhir.CSExport + `","code":"unhunch-1"}]},"entry":[]}`))
	f.Add([]byte(`{"resourceType":"Bundle","entry":[{"fullUrl":"urn:uuid:x","resource":{"resourceType":"Patient"}}]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := fhir.Read("fuzz.json", bytes.NewReader(data))
		if err != nil {
			return
		}
		if rec.Pseudonym == "" {
			t.Fatal("accepted without a pseudonym")
		}
		seen := map[string]bool{}
		for _, s := range rec.Sessions {
			if seen[s.ID] {
				t.Fatalf("session %s twice", s.ID)
			}
			seen[s.ID] = true
			if journal.CheckPain(s.PainBefore) != nil || journal.CheckPain(s.PainAfter) != nil {
				t.Fatalf("pain out of range in %s", s.ID)
			}
			switch s.Status {
			case journal.Active, journal.Completed, journal.Stopped, journal.Interrupted:
			default:
				t.Fatalf("status %q", s.Status)
			}
			if s.StartedAt.IsZero() {
				t.Fatalf("session %s has no start", s.ID)
			}
		}
		// What it accepts, written again, reads back as the same records:
		// an import keeps everything the bundle carries.
		var again bytes.Buffer
		if err := fhir.Export(context.Background(), &again, records{rec}, c, fhir.Options{Location: time.UTC}); err != nil {
			t.Fatalf("exporting what was read: %v", err)
		}
		back, err := fhir.Read("again.json", bytes.NewReader(again.Bytes()))
		if err != nil {
			t.Fatalf("the bundle written from what was read is refused: %v\n%s", err, again.Bytes())
		}
		if diff := cmp.Diff(sorted(rec), sorted(back), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("read, written and read again, the records differ (-first +again):\n%s", diff)
		}
	})
}

// records is a journal of the records a bundle carried.
type records struct{ rec fhir.Records }

func (r records) Pseudonym(context.Context) (string, error) { return r.rec.Pseudonym, nil }
func (r records) ExerciseStates(context.Context) (map[string]journal.ExerciseState, error) {
	out := map[string]journal.ExerciseState{}
	for _, st := range r.rec.States {
		out[st.ExerciseID] = st
	}
	return out, nil
}
func (r records) Screenings(context.Context) ([]safety.Screening, error) {
	return r.rec.Screenings, nil
}
func (r records) ConditionClearances(context.Context) ([]safety.ConditionClearance, error) {
	return r.rec.Clearances, nil
}
func (r records) PSFS(context.Context) ([]progress.PSFSRating, error) { return r.rec.PSFS, nil }
func (r records) EachSession(_ context.Context, _ journal.Filter, fn func(*journal.Session) error) error {
	for _, s := range sorted(r.rec).Sessions {
		if err := fn(s); err != nil {
			return err
		}
	}
	return nil
}

// sorted puts records in the order a journal gives them: sessions oldest
// first, exercise states and clearances by exercise.
func sorted(rec fhir.Records) fhir.Records {
	rec.Sessions = slices.Clone(rec.Sessions)
	slices.SortStableFunc(rec.Sessions, func(a, b *journal.Session) int {
		if c := a.StartedAt.Compare(b.StartedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	rec.States = slices.Clone(rec.States)
	slices.SortStableFunc(rec.States, func(a, b journal.ExerciseState) int { return strings.Compare(a.ExerciseID, b.ExerciseID) })
	rec.Clearances = slices.Clone(rec.Clearances)
	slices.SortStableFunc(rec.Clearances, func(a, b safety.ConditionClearance) int {
		return strings.Compare(a.ExerciseID+"/"+string(a.Condition), b.ExerciseID+"/"+string(b.Condition))
	})
	return rec
}
