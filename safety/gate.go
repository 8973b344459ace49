package safety

import (
	"slices"
	"sync"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
)

// Trigger is something since the last screening that calls for a new one
// (issue 4: after a pain rise of 2 or more in a session, after a stop for
// sharp pain, dizziness, or tingling or numbness, when pain before a session
// is 8 or more).
type Trigger string

// Re-screen triggers.
const (
	NoTrigger      Trigger = ""
	PainRose       Trigger = "pain-rise"              // source: NRSChange, ProductPolicy
	StopSharpPain  Trigger = "stop-sharp-pain"        // source: Seed001Guide
	StopDizziness  Trigger = "stop-dizziness"         // source: Seed001Guide
	StopTingling   Trigger = "stop-tingling-numbness" // source: Seed001 ("numbness, tingling, or weakness"), NICENeck
	HighPainBefore Trigger = "high-pain-before"       // source: ProductPolicy
)

// stopTriggers maps the stop reasons that call for a new screening to their
// trigger.
var stopTriggers = sync.OnceValue(func() map[journal.StopReason]Trigger {
	return map[journal.StopReason]Trigger{
		journal.SharpPain: StopSharpPain,
		journal.Dizziness: StopDizziness,
		journal.Tingling:  StopTingling,
	}
})

// Block says why a session may not start now.
type Block string

// Blocks, each with its advice in the message table under "gate.<block>".
const (
	Allowed          Block = ""
	NeverScreened    Block = "never-screened"    // screen before first use
	Expired          Block = "expired"           // a screening holds for 7 days (§5.1)
	EmergencyFound   Block = "emergency"         // emergency advice and nothing else (§5.1)
	ClinicianFirst   Block = "clinician"         // see a clinician; blocked until cleared (§5.1)
	ClearanceExpired Block = "clearance-expired" // a clearance is asked again after 30 days (issue 4)
	Rescreen         Block = "rescreen"          // a trigger since the last screening (issue 4)
	QuestionsChanged Block = "questions-changed" // the last screening was answered under an older QuestionSet (issue 11)
	PainTooHigh      Block = "pain-too-high"     // pain 8–10 before starting (§5.2)
)

// Blocks lists every block but Allowed.
var Blocks = []Block{NeverScreened, Expired, EmergencyFound, ClinicianFirst, ClearanceExpired, Rescreen, QuestionsChanged, PainTooHigh}

// Answerable reports whether answering the safety questions now is what
// the block waits for, so a client may ask them there and then and go on
// (issue 14: the main job in one command): no answers yet, answers a week
// old, something since that calls for new ones, or answers given to older
// questions. Every other block stays as it is: an emergency or a clinician
// comes first, a clinician's clearance is confirmed (not re-answered), and
// pain of 8 or more means no exercise today whatever the answers.
func (b Block) Answerable() bool {
	switch b {
	case NeverScreened, Expired, Rescreen, QuestionsChanged:
		return true
	}
	return false
}

// SessionFacts is what the rules need to know of a past session.
type SessionFacts struct {
	At         time.Time
	PainBefore *int
	PainAfter  *int
	StopReason journal.StopReason   // the session's own stop reason, "" when none
	Stops      []journal.StopReason // every exercise stopped in the session, in order, with its reason (issue 12: every stop counts)
}

// FactsOf returns what the rules need to know of a journal session, with
// every exercise it stopped and why.
func FactsOf(s *journal.Session) SessionFacts {
	f := SessionFacts{At: s.StartedAt, PainBefore: s.PainBefore, PainAfter: s.PainAfter, StopReason: s.StopReason}
	for _, p := range s.Exercises {
		if p.Outcome == journal.Halted && p.StopReason != "" {
			f.Stops = append(f.Stops, p.StopReason)
		}
	}
	return f
}

// Decision is whether a session may start, and why not.
type Decision struct {
	Block      Block
	Trigger    Trigger             // for Rescreen
	Caution    bool                // the last screening flagged a caution: show its advice
	Conditions []catalog.Condition // the conditions the last screening set: keep their exercises out
	Last       *Screening          // the screening the decision rests on, if any
}

// OK reports whether the session may start.
func (d Decision) OK() bool { return d.Block == Allowed }

// latest returns the most recent screening matching keep, or nil.
func latest(ss []Screening, keep func(Screening) bool) *Screening {
	var best *Screening
	for i := range ss {
		if keep(ss[i]) && (best == nil || ss[i].At.After(best.At)) {
			best = &ss[i]
		}
	}
	return best
}

// TriggerOf returns what a session means for screening. Every stop
// recorded in it counts, not only the reason it ended with: a session that
// went on (or was finished "completed") after an exercise was stopped for
// sharp pain still calls for a new screening (issue 12).
func TriggerOf(s SessionFacts) Trigger {
	for _, r := range append(slices.Clone(s.Stops), s.StopReason) {
		if t, ok := stopTriggers()[r]; ok {
			return t
		}
	}
	switch {
	case s.PainBefore != nil && *s.PainBefore >= HighPain:
		return HighPainBefore
	case s.PainBefore != nil && s.PainAfter != nil && *s.PainAfter-*s.PainBefore >= PainRise:
		return PainRose
	}
	return NoTrigger
}

// Gate decides whether a session may start at now, given every screening
// and clearance (in any order), the sessions since, and the pain the person
// reports now (nil if not yet asked).
func Gate(now time.Time, screenings []Screening, sessions []SessionFacts, painNow *int) Decision {
	last := LastScreening(screenings)
	if last == nil {
		return Decision{Block: NeverScreened}
	}
	if last.QuestionSet < QuestionSet {
		return Decision{Block: QuestionsChanged, Last: last}
	}
	d := Decision{Last: last, Caution: last.Result.HasCaution(), Conditions: last.Result.Conditions}
	switch last.Result.Outcome {
	case Emergency:
		d.Block = EmergencyFound
		return d
	case Clinician:
		clear := latest(screenings, func(s Screening) bool { return s.Clearing && Covers(s, *last) })
		switch {
		case clear == nil:
			d.Block = ClinicianFirst
			return d
		case now.Sub(clear.At) > ClearanceLasts:
			d.Block = ClearanceExpired
			return d
		}
	}
	if now.Sub(last.At) > RescreenAfter {
		d.Block = Expired
		return d
	}
	for _, s := range sessions {
		if s.At.After(last.At) {
			if t := TriggerOf(s); t != NoTrigger {
				d.Block, d.Trigger = Rescreen, t
				return d
			}
		}
	}
	if painNow != nil && *painNow >= HighPain {
		d.Block = PainTooHigh
	}
	return d
}

// Covers reports whether a clearance lifts the screening s: it must clear
// every question s flagged, so a new red flag needs a new clearance.
func Covers(clearance, s Screening) bool {
	for _, id := range s.Result.Flagged {
		if !slices.Contains(clearance.Result.Flagged, id) {
			return false
		}
	}
	return true
}

// Clearance returns the record that a clinician cleared the person of what
// the screening last flagged, at now.
func Clearance(now time.Time, last Screening) Screening {
	return Screening{At: now, Clearing: true, Answers: map[string]bool{}, QuestionSet: last.QuestionSet,
		Result: Result{Outcome: Clear, Flagged: slices.Clone(last.Result.Flagged), Conditions: []catalog.Condition{}}}
}

// ExcludeAfterStop reports whether stopping an exercise for reason keeps it
// out of automatic plans until the person brings it back: sharp pain,
// dizziness, tingling or numbness (source: Seed001Guide,
// Seed001 for numbness and tingling).
func ExcludeAfterStop(reason journal.StopReason) bool {
	_, ok := stopTriggers()[reason]
	return ok
}

// ConditionClearance is a clinician's word that one exercise is right for
// the person despite one condition.
type ConditionClearance struct {
	ExerciseID string            `json:"exercise_id"`
	Condition  catalog.Condition `json:"condition"`
	At         time.Time         `json:"at"`
}

// KeptOutBy returns the conditions among conds that keep exercise e out:
// those its catalog entry names as unsuitable, unless a clinician cleared e
// of that condition (each exercise's rule names its source
// in the catalog).
func KeptOutBy(e *catalog.Exercise, conds []catalog.Condition, cleared []ConditionClearance) []catalog.Condition {
	var out []catalog.Condition
	for _, c := range conds {
		if e.UnsuitableWith(c) && !slices.ContainsFunc(cleared, func(x ConditionClearance) bool {
			return x.ExerciseID == e.ID && x.Condition == c
		}) {
			out = append(out, c)
		}
	}
	return out
}

// PainRoseAfter reports whether pain rose enough in a session to advise rest
// and gentler doses and to hold progression (source: NRSChange).
func PainRoseAfter(before, after *int) bool {
	return before != nil && after != nil && *after-*before >= PainRise
}

// LastScreening returns the most recent screening that is not a clearance,
// or nil: the one whose answers stand now.
func LastScreening(ss []Screening) *Screening {
	return latest(ss, func(s Screening) bool { return !s.Clearing })
}
