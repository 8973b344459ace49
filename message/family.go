package message

// Family is a set of keys that share a prefix, one for each value of a
// domain type: StopWords.Of("sharp-pain") is the key "stop.sharp-pain".
// Code never makes a key out of a string itself: it takes one from a
// family, and TestEveryFamilyHasText checks that every value of each
// family's type has its text, so a new stop reason or phase without words
// fails a test instead of showing "[stop.new-reason]" to a person.
type Family string

// Of returns the key of id in the family.
func (f Family) Of(id string) Key { return Key(string(f) + id) }

// Text returns the text of id in the family, formatted with args.
func (f Family) Text(id string, args ...any) string { return Text(f.Of(id), args...) }

// The families, each with the type whose values it names.
const (
	StopWords      Family = "stop."            // journal.StopReason: why a person stopped, in a few words
	StopAdvice     Family = "coach.advice."    // journal.StopReason that ends a session: what to do now
	EndedWords     Family = "coach.ended."     // journal.Status a coached session ended with ("": it never started)
	StatusWords    Family = "status."          // journal.Status
	OutcomeWords   Family = "outcome."         // journal.Outcome
	RatingWords    Family = "web.rating."      // journal.Rating
	WhyWords       Family = "why."             // progress.Why: why a level changed
	DirectionWords Family = "why.dir."         // which way a level changed: "up" or "down"
	PhaseWords     Family = "phase."           // timeline.Phase
	SideShort      Family = "side.short."      // dose.Side
	TriggerWords   Family = "trigger."         // safety.Trigger: what calls for new safety answers
	GateAdvice     Family = "gate."            // safety.Block: what to do, with the command to type
	WebGateAdvice  Family = "web.gate."        // safety.Block: what to do, with the browser's way to do it
	PositionWords  Family = "position."        // catalog.Position
	EquipmentWords Family = "equipment."       // catalog.Equipment
	ConditionWords Family = "condition."       // catalog.Condition
	PropWords      Family = "figure.prop."     // figure.PropKind
	QuestionText   Family = "screen."          // a safety.Question's id: the question
	TopicWords     Family = "topic."           // a safety.Question's id: its topic, for the guidance
	ObjectWords    Family = "store.object."    // a schema object's type: table, index, trigger, view
	PartWords      Family = "figure.part."     // a figure's bone or body part, without its side (figure.PartStems)
	MeasureWords   Family = "figure.measure."  // figure.Measure: what a fidelity target measures
	AreaWords      Family = "area."            // a planner target area (planner.AreaIDs)
	AnObjectWords  Family = "store.an_object." // the same, with "a" or "an"
	TypeWords      Family = "type."            // catalog.Type
	LevelWords     Family = "difficulty."      // catalog.Difficulty
	FocusWords     Family = "focus."           // planner.Focus
	ConcernWords   Family = "clinic.concern."  // clinic.Kind: a concern, for a clinician
	VerdictWords   Family = "clinic.verdict."  // clinic.Verdict: the pain trend, for a clinician
	ScreenedWords  Family = "clinic.outcome."  // safety.Outcome: a screening's outcome, for a clinician
)

// Families lists every family, for checks: templates name a family by its
// prefix, and a test checks that each prefix they use is one of these.
var Families = []Family{StopWords, StopAdvice, EndedWords, StatusWords, OutcomeWords, RatingWords, WhyWords,
	DirectionWords, PhaseWords, SideShort, TriggerWords, GateAdvice, WebGateAdvice, PositionWords, EquipmentWords,
	ConditionWords, PropWords, QuestionText, TopicWords, ObjectWords, AnObjectWords, PartWords, MeasureWords, AreaWords,
	TypeWords, LevelWords, FocusWords, ConcernWords, VerdictWords, ScreenedWords}

// IsFamily reports whether f is one of Families.
func IsFamily(f Family) bool {
	for _, g := range Families {
		if g == f {
			return true
		}
	}
	return false
}

// Keys that code used to spell as strings.
const (
	GateCaution        Key = "gate.caution"
	TrendWorsening     Key = "trend.worsening"
	TrendNoImprovement Key = "trend.no-improvement"
	TopicSep           Key = "topic.sep"
	TopicAnd           Key = "topic.and"
	WebKindInt         Key = "web.kind.int"
	WebKindNumber      Key = "web.kind.number"
	WebKindBool        Key = "web.kind.bool"
	WebKindString      Key = "web.kind.string"
	WebKindObject      Key = "web.kind.object"
	WebKindArray       Key = "web.kind.array"
)
