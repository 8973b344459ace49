// Package timeline compiles a routine into contiguous timed segments:
// intro, setup, move, hold, release, breathing, switching sides, rest and
// finish, each with its start, duration and cue. It is the only place where
// timing is decided; every player (terminal, web, tests) only plays the result.
//
// The compiler is pure and deterministic: the same steps and rules always give
// the same timeline, and its duration is exactly the sum of its segments.
package timeline

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// Phase is what the person is doing during a segment.
type Phase string

// The phases.
const (
	Intro       Phase = "intro"
	Setup       Phase = "setup"
	Move        Phase = "move"
	Hold        Phase = "hold"
	Release     Phase = "release"
	BreatheIn   Phase = "breathe-in"
	BreatheOut  Phase = "breathe-out"
	SwitchSides Phase = "switch-sides"
	Rest        Phase = "rest"
	Finish      Phase = "finish"
)

// Segment is one timed piece of a timeline.
type Segment struct {
	Start      time.Duration // from the start of the routine
	Duration   time.Duration
	Exercise   int    // index into Timeline.Exercises; -1 for the finish
	ExerciseID string // "" for the finish
	Phase      Phase
	Side       dose.Side // None when the exercise has no sides
	Set        int       // 1-based; 0 outside the work (intro, setup, finish)
	Rep        int       // 1-based; 0 outside the work
	Pose       string    // the named shape being moved into or held, if any
	Cue        string    // the line to show and speak as the segment begins
}

// End returns when the segment ends.
func (s Segment) End() time.Duration { return s.Start + s.Duration }

type segmentJSON struct {
	StartMS    int64     `json:"start_ms"`
	DurationMS int64     `json:"duration_ms"`
	Exercise   int       `json:"exercise_index"`
	ExerciseID string    `json:"exercise_id"`
	Phase      Phase     `json:"phase"`
	Side       dose.Side `json:"side"`
	Set        int       `json:"set"`
	Rep        int       `json:"rep"`
	Pose       string    `json:"pose,omitempty"`
	Cue        string    `json:"cue"`
}

// Segments is a list of segments that encodes to JSON in one pass.
type Segments []Segment

// MarshalJSON writes the segments as a JSON array. Timelines are large, and
// encoding/json validates each Marshaler's output separately; one array
// makes that one pass (most of the time `routines show --json` took).
func (ss Segments) MarshalJSON() ([]byte, error) {
	if ss == nil {
		return []byte("[]"), nil
	}
	b := make([]byte, 0, len(ss)*200)
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = s.appendJSON(b)
	}
	return append(b, ']'), nil
}

// MarshalJSON writes the segment with times in whole milliseconds.
func (s Segment) MarshalJSON() ([]byte, error) {
	return s.appendJSON(make([]byte, 0, 160+len(s.Cue))), nil
}

// appendJSON appends the segment as a JSON object, written by hand for speed.
func (s Segment) appendJSON(b []byte) []byte {
	b = append(b, `{"start_ms":`...)
	b = strconv.AppendInt(b, s.Start.Milliseconds(), 10)
	b = append(b, `,"duration_ms":`...)
	b = strconv.AppendInt(b, s.Duration.Milliseconds(), 10)
	b = append(b, `,"exercise_index":`...)
	b = strconv.AppendInt(b, int64(s.Exercise), 10)
	b = append(b, `,"exercise_id":`...)
	b = appendString(b, s.ExerciseID)
	b = append(b, `,"phase":`...)
	b = appendString(b, string(s.Phase))
	b = append(b, `,"side":`...)
	b = appendString(b, string(s.Side))
	b = append(b, `,"set":`...)
	b = strconv.AppendInt(b, int64(s.Set), 10)
	b = append(b, `,"rep":`...)
	b = strconv.AppendInt(b, int64(s.Rep), 10)
	if s.Pose != "" {
		b = append(b, `,"pose":`...)
		b = appendString(b, s.Pose)
	}
	b = append(b, `,"cue":`...)
	b = appendString(b, s.Cue)
	return append(b, '}')
}

// escapeLow has bit c set for each character c below 64 that a JSON
// string escapes: the control characters, the quote, and <, > and &
// (above 64 only the backslash is escaped).
const escapeLow = 1<<0x20 - 1 | 1<<'"' | 1<<'&' | 1<<'<' | 1<<'>'

// AppendJSONString appends s as encoding/json writes a string by default:
// quoted, with <, >, &, U+2028 and U+2029 escaped, \b, \f, \n, \r and \t
// short, and invalid UTF-8 as U+FFFD. The hand-written documents of the
// API and the command line use it to write encoding/json's very bytes.
func AppendJSONString(b []byte, s string) []byte { return appendQuoted(b, s, true) }

// appendString appends s as a timeline's JSON has always written a string:
// as AppendJSONString does, but every control character as \u00XX and
// U+FFFD itself as \ufffd.
func appendString(b []byte, s string) []byte { return appendQuoted(b, s, false) }

// appendQuoted is AppendJSONString (asJSON) or appendString. Runs of
// characters that need no escaping are copied whole.
func appendQuoted(b []byte, s string, asJSON bool) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 64 && escapeLow>>c&1 == 0 || c >= 64 && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			if c == '"' || c == '\\' {
				b = append(b, '\\', c)
			} else if short := shortEscape(c); asJSON && short != 0 {
				b = append(b, '\\', short)
			} else {
				// <, > and & as encoding/json escapes them, so that its output
				// and ours are the same bytes (internal/cli writes ours as is).
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && (size == 1 || !asJSON): // an invalid byte (and, in a timeline, U+FFFD itself)
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == 0x2028 || r == 0x2029:
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// shortEscape is the letter encoding/json escapes the control character c
// with (\b, \f, \n, \r, \t), or 0.
func shortEscape(c byte) byte {
	switch c {
	case '\b':
		return 'b'
	case '\f':
		return 'f'
	case '\n':
		return 'n'
	case '\r':
		return 'r'
	case '\t':
		return 't'
	}
	return 0
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Segment) UnmarshalJSON(b []byte) error {
	var j segmentJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Segment{
		Start: time.Duration(j.StartMS) * time.Millisecond, Duration: time.Duration(j.DurationMS) * time.Millisecond,
		Exercise: j.Exercise, ExerciseID: j.ExerciseID, Phase: j.Phase, Side: j.Side,
		Set: j.Set, Rep: j.Rep, Pose: j.Pose, Cue: j.Cue,
	}
	return nil
}

// Step is one exercise to compile, with the amount and position chosen for it.
type Step struct {
	Exercise *catalog.Exercise
	Amount   dose.Amount      // zero fields: the exercise's starting dose
	Position catalog.Position // "": the exercise's position that keeps setup shortest
	// Round is the round of the routine the step belongs to: 0 or 1 for
	// the first, 2 for a second time through the same exercises, and so
	// on. The first step of a later round announces it in its intro cue.
	Round int
}

// Block is the part of a timeline that belongs to one exercise.
type Block struct {
	ExerciseID string
	Position   catalog.Position
	Amount     dose.Amount // with every field the dose uses filled in
	Round      int         // 1 for the first round (and a routine without rounds), 2 for the second, …
	Start      time.Duration
	Duration   time.Duration // intro and setup included
	Setup      time.Duration // time spent getting into position
	First      int           // index of its first segment
	Count      int           // number of its segments
}

// Timeline is a compiled routine.
type Timeline struct {
	Segments  []Segment
	Exercises []Block
	Duration  time.Duration // exactly the sum of the segments' durations
}

// SetupTotal returns the time the timeline spends getting into position.
func (t *Timeline) SetupTotal() time.Duration {
	var d time.Duration
	for _, b := range t.Exercises {
		d += b.Setup
	}
	return d
}

// At returns the index of the segment playing at offset d, or len(Segments)
// when d is at or past the end.
func (t *Timeline) At(d time.Duration) int {
	lo, hi := 0, len(t.Segments)
	for lo < hi {
		mid := (lo + hi) / 2
		if t.Segments[mid].End() <= d {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Rules are the timings that do not belong to one exercise.
type Rules struct {
	Intro       time.Duration    // announcing each exercise
	SetupSame   time.Duration    // staying in the same position
	SetupNear   time.Duration    // another position at the same level, or between standing and seated
	SetupFloor  time.Duration    // getting down to or up from the floor
	Finish      time.Duration    // closing the routine
	StartsFrom  catalog.Position // where the person is when the routine begins
	TimedChunks time.Duration    // longest single segment of a timed exercise
}

// DefaultRules are the §4 defaults: 5 s intro; 3 s setup when the position
// stays, 5 s to another position at the same level or between standing and
// seated, 10 s to or from the floor; 5 s finish; a routine starts standing.
var DefaultRules = Rules{
	Intro:       5 * time.Second,
	SetupSame:   3 * time.Second,
	SetupNear:   5 * time.Second,
	SetupFloor:  10 * time.Second,
	Finish:      5 * time.Second,
	StartsFrom:  catalog.Standing,
	TimedChunks: 20 * time.Second,
}

// SetupTime returns how long moving from one position to another takes.
func (r Rules) SetupTime(from, to catalog.Position) time.Duration {
	switch {
	case from == to:
		return r.SetupSame
	case from.Level() == catalog.LevelFloor && to.Level() == catalog.LevelFloor:
		return r.SetupNear
	case from.Level() == catalog.LevelFloor || to.Level() == catalog.LevelFloor:
		return r.SetupFloor
	}
	return r.SetupNear
}

// Positions returns the position each step will be done in: the step's own
// choice where it has one, otherwise the exercise's position that makes the
// routine's total setup time shortest, preferring positions listed earlier
// (and earlier steps' preferences) on a tie. Steps must have exercises.
func (r Rules) Positions(steps []Step) []catalog.Position {
	n := len(steps)
	cands := make([][]catalog.Position, n)
	for i, st := range steps {
		if st.Position != "" {
			cands[i] = []catalog.Position{st.Position}
		} else {
			cands[i] = st.Exercise.Positions
		}
	}
	// rest[i][k]: least setup time from step i in cands[i][k] to the end.
	rest := make([][]time.Duration, n)
	for i := n - 1; i >= 0; i-- {
		rest[i] = make([]time.Duration, len(cands[i]))
		if i == n-1 {
			continue
		}
		for k, p := range cands[i] {
			best := time.Duration(-1)
			for j, q := range cands[i+1] {
				if c := r.SetupTime(p, q) + rest[i+1][j]; best < 0 || c < best {
					best = c
				}
			}
			rest[i][k] = best
		}
	}
	out := make([]catalog.Position, n)
	prev := r.StartsFrom
	for i := range n {
		bestK, best := 0, time.Duration(-1)
		for k, p := range cands[i] {
			if c := r.SetupTime(prev, p) + rest[i][k]; best < 0 || c < best {
				bestK, best = k, c
			}
		}
		out[i] = cands[i][bestK]
		prev = out[i]
	}
	return out
}

// FromRoutine returns the steps of a routine whose exercises are in c, at
// the amounts and positions the routine gives.
func FromRoutine(c *catalog.Catalog, r *catalog.Routine) ([]Step, error) {
	steps := make([]Step, len(r.Exercises))
	for i, it := range r.Exercises {
		e, ok := c.Exercise(it.ID)
		if !ok {
			return nil, unhunch.E(unhunch.ENotFound, message.CatalogMissingExercise, it.ID)
		}
		steps[i] = Step{Exercise: e, Amount: it.Amount, Position: it.Position, Round: it.Round}
	}
	return steps, nil
}

// Compile turns steps into a timeline. It fails only when a step is invalid:
// no exercise, an amount outside the dose, or a position the exercise lacks.
func Compile(steps []Step, rules Rules) (*Timeline, error) {
	c, err := compile(steps, rules, false)
	if err != nil {
		return nil, err
	}
	return &Timeline{Segments: c.segs, Exercises: c.blocks, Duration: c.at}, nil
}

// Measure returns what Compile's timeline of steps would say of its
// length: its Duration and its SetupTotal, and the same error. It runs the
// same compiler keeping no segments and filling no cues, so it always
// agrees with Compile at a fraction of the cost (the fit report measures
// a routine four ways; issue 16, start-up).
func Measure(steps []Step, rules Rules) (duration, setup time.Duration, err error) {
	c, err := compile(steps, rules, true)
	if err != nil {
		return 0, 0, err
	}
	return c.at, c.setup, nil
}

// compile runs the compiler over steps; dry keeps no segments or blocks.
func compile(steps []Step, rules Rules, dry bool) (*compiler, error) {
	if len(steps) == 0 {
		return nil, unhunch.E(unhunch.EInvalid, message.TimelineEmpty)
	}
	for i, st := range steps {
		if err := checkStep(i, st); err != nil {
			return nil, err
		}
	}
	c := &compiler{rules: rules, dry: dry}
	if !dry {
		c.restCue, c.switchCue = message.Text(message.CueRest), message.Text(message.CueSwitch)
		c.segs = make([]Segment, 0, estimate(steps))
	}
	rounds := Rounds(steps)
	prev := rules.StartsFrom
	for i, pos := range rules.Positions(steps) {
		c.intro = ""
		if r := steps[i].Round; !dry && r > 1 && (i == 0 || steps[i-1].Round < r) {
			c.intro = message.Text(message.CueRound, r, rounds)
		}
		c.exercise(i, steps[i], prev, pos)
		prev = pos
	}
	finish := Segment{Exercise: -1, Phase: Finish, Duration: rules.Finish}
	if !dry {
		finish.Cue = message.Text(message.CueFinish)
	}
	c.add(finish)
	return c, nil
}

// Rounds returns how many rounds steps go through: the highest Round, and
// 1 for steps without rounds.
func Rounds(steps []Step) int {
	n := 1
	for _, st := range steps {
		n = max(n, st.Round)
	}
	return n
}

func checkStep(i int, st Step) error {
	if st.Exercise == nil {
		return unhunch.E(unhunch.EInvalid, message.TimelineNoExercise, i+1)
	}
	e := st.Exercise
	if ps := e.Dose.CheckAmount(st.Amount); len(ps) > 0 {
		return unhunch.E(unhunch.EInvalid, message.CatalogAmount, e.ID, ps[0].Error())
	}
	if len(e.Positions) == 0 {
		return unhunch.E(unhunch.EInvalid, message.TimelineNoPosition, e.ID)
	}
	if st.Position != "" {
		for _, p := range e.Positions {
			if p == st.Position {
				return nil
			}
		}
		return unhunch.E(unhunch.EInvalid, message.CatalogItemPosition, e.ID, st.Position, joinPositions(e.Positions))
	}
	return nil
}

func joinPositions(ps []catalog.Position) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// estimate returns a close upper bound on the number of segments steps
// compile to, so the segment slice is allocated once.
func estimate(steps []Step) int {
	n := 1
	for _, st := range steps {
		d := st.Exercise.Dose.Normalize()
		a := d.Fill(st.Amount)
		perRep := 3 + 2*len(d.Poses) // move, hold, release (or a pose pair each), and a rest
		if d.Mode == dose.Timed {
			perRep = a.Seconds/20 + 2
		}
		sides := 1
		if d.Sides != dose.NoSides {
			sides = 2
		}
		n += 2 + a.Sets*(1+sides*(1+max(a.Reps, 1)*perRep))
	}
	return n
}

type compiler struct {
	x         exercise // the exercise being emitted
	rules     Rules
	restCue   string // the rest cue, looked up once
	switchCue string // the default switch-sides cue
	left      string // the names of the sides, looked up on first use
	right     string
	dry       bool   // only add up durations: keep no segments and fill no cues
	intro     string // said before the next exercise's intro cue: the round it begins
	segs      []Segment
	blocks    []Block
	at        time.Duration
	setup     time.Duration // the sum of the blocks' setups
}

func (c *compiler) add(s Segment) {
	if c.dry {
		c.at += s.Duration
		return
	}
	s.Start = c.at
	c.at += s.Duration
	c.segs = append(c.segs, s)
}

// Work returns how long the work of one step takes: its block of a compiled
// timeline without the intro and the setup. It runs the compiler itself,
// keeping no segments, so it always agrees with Compile; the work of a step
// does not depend on the steps around it or on its position.
func (r Rules) Work(st Step) (time.Duration, error) {
	if err := checkStep(0, st); err != nil {
		return 0, err
	}
	c := compiler{rules: r, dry: true}
	p := st.Exercise.Positions[0]
	c.exercise(0, st, p, p)
	return c.at - r.Intro - r.SetupSame, nil
}

// SideCue fills {side} and {other} in a cue with the names of side and
// the other side; a cue for no side is returned as it is.
func SideCue(cue string, side dose.Side) string {
	if side == dose.None || !strings.Contains(cue, "{") {
		return cue
	}
	cue = strings.ReplaceAll(cue, "{side}", sideName(side))
	return strings.ReplaceAll(cue, "{other}", sideName(side.Other()))
}

// sideCue is SideCue with the names of the sides looked up once a timeline.
func (c *compiler) sideCue(cue string, side dose.Side) string {
	if side == dose.None || !strings.Contains(cue, "{") {
		return cue
	}
	if c.left == "" {
		c.left, c.right = sideName(dose.Left), sideName(dose.Right)
	}
	name := func(s dose.Side) string {
		if s == dose.Left {
			return c.left
		}
		return c.right
	}
	cue = strings.ReplaceAll(cue, "{side}", name(side))
	return strings.ReplaceAll(cue, "{other}", name(side.Other()))
}

func sideName(s dose.Side) string {
	if s == dose.Left {
		return message.Text(message.SideLeft)
	}
	return message.Text(message.SideRight)
}

// exercise appends the segments of step i, done in pos after prev: its
// intro and setup, then each set, side and repetition as its dose mode
// plays them (rep: one emitter for each mode), then its block.
func (c *compiler) exercise(i int, st Step, prev, pos catalog.Position) {
	e := st.Exercise
	d := e.Dose.Normalize()
	c.x = exercise{i: i, e: e, cues: e.CuesFor(pos), d: d, a: d.Fill(st.Amount), tm: d.Timing()}
	em := &c.x
	if d.Sides != dose.NoSides {
		em.firstSide = d.FirstSide
	}
	em.hold = time.Duration(em.a.Hold) * time.Second
	if em.a.HoldBreaths > 0 {
		em.hold = time.Duration(em.a.HoldBreaths) * em.tm.Breath
	}
	first := len(c.segs)
	start := c.at
	setup := c.rules.SetupTime(prev, pos)
	c.setup += setup
	intro := em.cues.Intro
	if c.intro != "" {
		intro = c.intro + " " + intro
	}
	c.seg(Segment{Phase: Intro, Duration: c.rules.Intro, Cue: intro})
	c.seg(Segment{Phase: Setup, Duration: setup, Side: em.firstSide, Cue: em.cues.Setup})
	for set := 1; set <= em.a.Sets; set++ {
		if set > 1 {
			c.rest(set, 0, em.firstSide)
		}
		switch d.Sides {
		case dose.Each:
			c.eachSide(set)
		case dose.Alternate:
			c.alternating(set)
		default:
			c.reps(set, dose.None)
		}
	}
	if c.dry {
		return
	}
	c.blocks = append(c.blocks, Block{
		ExerciseID: e.ID, Position: pos, Amount: em.a, Round: max(st.Round, 1), Start: start, Duration: c.at - start,
		Setup: setup, First: first, Count: len(c.segs) - first,
	})
}

// exercise is the exercise the compiler is emitting.
type exercise struct {
	i         int // the exercise's place in the timeline
	e         *catalog.Exercise
	cues      catalog.Cues // its cues in the position it is done in
	d         dose.Dose    // normalised
	a         dose.Amount  // filled in
	tm        dose.Timing
	hold      time.Duration // one hold
	firstSide dose.Side     // dose.None without sides
}

// seg appends a segment of the exercise, its cue's sides filled in.
func (c *compiler) seg(s Segment) {
	if c.dry {
		c.at += s.Duration
		return
	}
	s.Exercise, s.ExerciseID = c.x.i, c.x.e.ID
	s.Cue = c.sideCue(s.Cue, s.Side)
	c.add(s)
}

// phase appends one phase of repetition r of set on side.
func (c *compiler) phase(set, r int, side dose.Side, p Phase, dur time.Duration, cue, pose string) {
	c.seg(Segment{Set: set, Rep: r, Side: side, Phase: p, Duration: dur, Cue: cue, Pose: pose})
}

// form is the k-th extra coaching line, or the move cue when there are none.
func (c *compiler) form(k int) string {
	if len(c.x.cues.Form) == 0 {
		return c.x.cues.Move
	}
	return c.x.cues.Form[k%len(c.x.cues.Form)]
}

// rest appends the rest before repetition r of set (r 0: before the set),
// when the dose rests at all.
func (c *compiler) rest(set, r int, side dose.Side) {
	if c.x.tm.Rest > 0 {
		c.seg(Segment{Phase: Rest, Duration: c.x.tm.Rest, Set: set, Rep: r, Side: side, Cue: c.restCue})
	}
}

// reps appends every repetition of set on side, with the rests between
// the holds.
func (c *compiler) reps(set int, side dose.Side) {
	for r := 1; r <= max(c.x.a.Reps, 1); r++ {
		if r > 1 && c.x.d.Mode == dose.Hold {
			c.rest(set, r, side)
		}
		c.rep(set, r, side)
	}
}

// eachSide appends a set done on one side, then the other.
func (c *compiler) eachSide(set int) {
	for k, side := range []dose.Side{c.x.firstSide, c.x.firstSide.Other()} {
		if k > 0 {
			cue := c.x.cues.Switch
			if cue == "" {
				cue = c.switchCue
			}
			c.seg(Segment{Phase: SwitchSides, Duration: c.x.tm.Switch, Set: set, Side: side, Cue: cue})
		}
		c.reps(set, side)
	}
}

// alternating appends a set whose repetitions go from side to side.
func (c *compiler) alternating(set int) {
	for r := 1; r <= max(c.x.a.Reps, 1); r++ {
		for _, side := range []dose.Side{c.x.firstSide, c.x.firstSide.Other()} {
			if r > 1 && c.x.d.Mode == dose.Hold && side == c.x.firstSide {
				c.rest(set, r, side)
			}
			c.rep(set, r, side)
		}
	}
}

// rep appends one repetition of set on side, with the emitter of the
// dose's mode (a hold dose, and a reps dose with a hold, share holdRep).
func (c *compiler) rep(set, r int, side dose.Side) {
	switch {
	case c.x.d.Mode == dose.Timed:
		c.timedRep(set, r, side)
	case c.x.d.Mode == dose.Breath:
		c.breathRep(set, r, side)
	case c.x.d.HasHold():
		c.holdRep(set, r, side)
	default:
		c.moveRep(set, r, side)
	}
}

// timedRep is a timed dose: its seconds split into equal chunks of whole
// milliseconds, so that the sum is exact, each with the next coaching line.
func (c *compiler) timedRep(set, r int, side dose.Side) {
	totalMS := int64(c.x.a.Seconds) * 1000
	chunkMS := max(c.rules.TimedChunks.Milliseconds(), 1)
	n := (totalMS + chunkMS - 1) / chunkMS
	for k := range n {
		partMS := totalMS / n
		if k < totalMS%n {
			partMS++
		}
		cue := c.x.cues.Move
		if k > 0 {
			cue = c.form(int(k) - 1)
		}
		c.phase(set, r, side, Move, time.Duration(partMS)*time.Millisecond, cue, "")
	}
}

// breathRep is one breath: in, then out.
func (c *compiler) breathRep(set, r int, side dose.Side) {
	c.phase(set, r, side, BreatheIn, c.x.tm.Inhale, c.x.cues.Inhale, "")
	c.phase(set, r, side, BreatheOut, c.x.tm.Exhale, c.x.cues.Exhale, "")
}

// holdRep is a move into the position and a hold there (or one for each
// pose), then the release; every second hold from the second on coaches form.
func (c *compiler) holdRep(set, r int, side dose.Side) {
	holdCue := c.x.cues.Hold
	if r > 1 && r%2 == 0 && len(c.x.cues.Form) > 0 {
		holdCue = c.form(r/2 - 1)
	}
	if len(c.x.d.Poses) == 0 {
		c.phase(set, r, side, Move, c.x.tm.Move, c.x.cues.Move, "")
		c.phase(set, r, side, Hold, c.x.hold, holdCue, "")
	}
	for _, p := range c.x.d.Poses {
		c.phase(set, r, side, Move, c.x.tm.Move, p.Cue, p.Name)
		c.phase(set, r, side, Hold, c.x.hold, holdCue, p.Name)
	}
	c.phase(set, r, side, Release, c.x.tm.Release, c.x.cues.Release, "")
}

// moveRep is one repetition of movement; every second one coaches form.
func (c *compiler) moveRep(set, r int, side dose.Side) {
	cue := c.x.cues.Move
	if r%2 == 0 {
		cue = c.form(r/2 - 1)
	}
	c.phase(set, r, side, Move, c.x.tm.Rep, cue, "")
}

// String renders a duration as "4:24" (minutes and seconds, rounded down).
func String(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
