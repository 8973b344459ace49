package safety

import (
	"slices"
	"time"
)

// Trigger is something since the last screening that calls for a new one
// (issue 4: after a pain rise of 2 or more in a session, after a stop for
// sharp pain or dizziness, when pain before a session is 8 or more).
type Trigger string

// Re-screen triggers.
const (
	NoTrigger      Trigger = ""
	PainRose       Trigger = "pain-rise"        // source: NRSChange, ProductPolicy
	StopSharpPain  Trigger = "stop-sharp-pain"  // source: Seed001Guide
	StopDizziness  Trigger = "stop-dizziness"   // source: Seed001Guide
	HighPainBefore Trigger = "high-pain-before" // source: ProductPolicy (PRODUCT.md §5.2)
)

// Block says why a session may not start now.
type Block string

// Blocks, each with its advice in the message table under "gate.<block>".
const (
	Allowed          Block = ""
	NeverScreened    Block = "never-screened"    // screen before first use (PRODUCT.md §5.1)
	Expired          Block = "expired"           // a screening holds for 7 days (§5.1)
	EmergencyFound   Block = "emergency"         // emergency advice and nothing else (§5.1)
	ClinicianFirst   Block = "clinician"         // see a clinician; blocked until cleared (§5.1)
	ClearanceExpired Block = "clearance-expired" // a clearance is asked again after 30 days (issue 4)
	Rescreen         Block = "rescreen"          // a trigger since the last screening (issue 4)
	PainTooHigh      Block = "pain-too-high"     // pain 8–10 before starting (§5.2)
)

// SessionFacts is what the rules need to know of a past session.
type SessionFacts struct {
	At         time.Time
	PainBefore *int
	PainAfter  *int
	StopReason string // journal stop reason id, "" when none
}

// Decision is whether a session may start, and why not.
type Decision struct {
	Block   Block
	Trigger Trigger    // for Rescreen
	Caution bool       // the last screening flagged a caution: show its advice
	Last    *Screening // the screening the decision rests on, if any
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

// TriggerOf returns what a finished session means for screening.
func TriggerOf(s SessionFacts) Trigger {
	switch {
	case s.StopReason == "sharp-pain":
		return StopSharpPain
	case s.StopReason == "dizziness":
		return StopDizziness
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
	last := latest(screenings, func(s Screening) bool { return !s.Clearing })
	if last == nil {
		return Decision{Block: NeverScreened}
	}
	d := Decision{Last: last, Caution: last.Result.Outcome == Caution}
	switch last.Result.Outcome {
	case Emergency:
		d.Block = EmergencyFound
		return d
	case Clinician:
		clear := latest(screenings, func(s Screening) bool { return s.Clearing && covers(s, *last) })
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

// covers reports whether a clearance lifts the screening s: it must clear
// every question s flagged, so a new red flag needs a new clearance.
func covers(clearance, s Screening) bool {
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
	return Screening{At: now, Clearing: true, Answers: map[string]bool{},
		Result: Result{Outcome: Clear, Flagged: slices.Clone(last.Result.Flagged)}}
}

// ExcludeAfterStop reports whether stopping an exercise for reason keeps it
// out of automatic plans until the person brings it back (PRODUCT.md §5.2;
// source: Seed001Guide).
func ExcludeAfterStop(reason string) bool { return reason == "sharp-pain" || reason == "dizziness" }

// PainRoseAfter reports whether pain rose enough in a session to advise rest
// and gentler doses and to hold progression (PRODUCT.md §5.2, §6; source: NRSChange).
func PainRoseAfter(before, after *int) bool {
	return before != nil && after != nil && *after-*before >= PainRise
}
