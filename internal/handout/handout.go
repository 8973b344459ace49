// Package handout makes the printed routine: a PDF a person can stick on the
// fridge and follow from paper. Each exercise has its figures (drawn from
// the same shapes as the screen's, as vectors), the dose the person is at
// now, its steps, the cue to remember, its cautions and tick boxes for a
// week; a header names the routine and its time (and, for a prescribed
// routine, the clinician and their note); a footer on every page has the
// safety line, and the last page says when to get help.
//
// What goes on it is decided by the same rules as a session (person.Prepare:
// the person's levels, and the exercises left out for them), so the paper
// says what `unhunch start` would play.
package handout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// Handout is everything a printed routine says, in words and drawings.
type Handout struct {
	Title   string    // the routine's name
	Time    string    // how long it takes, in words
	Count   string    // how many exercises, in words
	Often   string    // how often, as the routine says ("once a day"), or ""
	Twice   bool      // a plan of two rounds: go through the list twice
	Printed time.Time // when it was made, in the reader's zone
	// Prescriber and Note are the clinician who prescribed the routine and
	// what they wrote; both empty for a routine the person chose (the only
	// kind before clinicians exist, issue 17).
	Prescriber string
	Note       string
	LeftOut    []string         // each exercise left out for the person, and why
	Omitted    []person.LeftOut // the same, as person.Prepare says it
	Exercises  []Exercise
	Safety     string   // the safety line, on every page
	HelpUrgent string   // when to call an emergency number (from the screening questions)
	HelpSoon   string   // when to see a clinician
	Subject    string   // the document's subject, for its properties
	Keywords   []string // exercise names, for the document's properties
}

// Exercise is one exercise of the handout.
type Exercise struct {
	ID       string
	Name     string
	Dose     string   // the person's dose now, in words
	Where    string   // position and equipment, in words
	DoseNote string   // how the dose came to differ from the start, or ""
	Steps    []string // how to do it
	Remember string   // the cue to remember
	Cautions []string
	Figures  []Figure // the figure's keyframes, in order
	Caption  string   // a text alternative when there is no figure
	// Pictures are the person's own pictures of an exercise of theirs
	// (issue 20), drawn where a figure would be when it has none.
	Pictures []Picture
}

// Picture is one of the person's pictures: a PNG or JPEG re-encoded when
// it was saved (internal/picture), with its size in pixels.
type Picture struct {
	MediaType     string // image/png or image/jpeg
	Width, Height int
	Data          []byte
}

// Figure is one keyframe of an exercise's figure.
type Figure struct {
	Name    string // the keyframe's name
	Drawing *figure.Drawing
}

// For returns the handout of routine r for the person: the exercises
// `start` would play (at the person's levels, without those left out for
// them), printed at now.
func For(c *catalog.Catalog, r *catalog.Routine, p person.State, now time.Time) (Handout, error) {
	prep, err := person.Prepare(c, r, p.Levels, p.Exclusions(), false)
	if err != nil {
		return Handout{}, err
	}
	cr, err := person.Compile(prep.Steps, r)
	if err != nil {
		return Handout{}, err
	}
	doc := person.Document(r, prep, cr)
	h := Handout{
		Title:      r.Name,
		Time:       message.Text(message.HandoutTime, person.MinutesWords(int(math.Ceil(cr.Timeline.Duration.Minutes())))),
		Often:      r.Frequency,
		Printed:    now,
		Safety:     message.Text(message.HandoutSafety),
		HelpUrgent: message.Text(message.HandoutHelpUrgent, safety.Topics(safety.Emergency)),
		HelpSoon:   message.Text(message.HandoutHelpSoon),
		Subject:    message.Text(message.HandoutSubject),
	}
	h.Omitted = prep.LeftOut
	for _, lo := range prep.LeftOut {
		name := lo.ID
		if e, ok := c.Exercise(lo.ID); ok {
			name = e.Name
		}
		h.LeftOut = append(h.LeftOut, message.Text(message.HandoutLeftOutLine, name, lo.Words))
	}
	seen := map[string]bool{}
	for i, e := range doc.Exercises {
		if e.Round > 1 {
			h.Twice = true
		}
		st := cr.Steps[i]
		key := e.ID + "|" + string(st.Position) + "|" + e.Dose.Summary
		if seen[key] {
			continue // the same exercise in a later round
		}
		seen[key] = true
		x := Exercise{
			ID: e.ID, Name: e.Name, Dose: e.Dose.Summary, Where: where(st),
			Steps: st.Exercise.Steps, Remember: remember(st), Cautions: st.Exercise.Cautions,
		}
		switch {
		case e.Easier != "":
			x.DoseNote = message.Text(message.HandoutEasier, e.Easier)
		case e.Level != nil:
			x.DoseNote = message.Text(message.HandoutLevel, e.Level.From.Summary)
		}
		figs, err := figures(st)
		if err != nil {
			return Handout{}, err
		}
		x.Figures = figs
		if len(figs) == 0 {
			x.Caption = message.Text(message.HandoutNoFigure)
		}
		h.Exercises = append(h.Exercises, x)
		h.Keywords = append(h.Keywords, e.Name)
	}
	h.Count = message.Count(len(h.Exercises), message.HandoutCountOne, message.HandoutCount)
	return h, nil
}

// where says the step's position and equipment in words.
func where(st timeline.Step) string {
	pos := st.Position
	if pos == "" && len(st.Exercise.Positions) > 0 {
		pos = st.Exercise.Positions[0]
	}
	parts := []string{message.PositionWords.Text(string(pos))}
	for _, q := range st.Exercise.Equipment {
		parts = append(parts, message.EquipmentWords.Text(string(q)))
	}
	return strings.Join(parts, " · ")
}

// remember is the cue to remember: the exercise's coaching lines, or else
// the cue of its movement or hold (on the first side).
func remember(st timeline.Step) string {
	e := st.Exercise
	if len(e.Cues.Form) > 0 {
		return strings.Join(e.Cues.Form, " ")
	}
	first := e.Dose.Normalize().FirstSide
	for _, c := range []string{e.Cues.Move, e.Cues.Hold} {
		if c != "" {
			return timeline.SideCue(c, first)
		}
	}
	return ""
}

// figures draws every keyframe of the step's figure, in the step's
// position.
func figures(st timeline.Step) ([]Figure, error) {
	s := st.Exercise.FigureFor(st.Position)
	if s.Illustration == nil {
		return nil, nil
	}
	all, err := figure.Vectors(s, figure.Light)
	if err != nil {
		return nil, fmt.Errorf("handout: figure of %s: %w", s.ID, err)
	}
	var out []Figure
	for i, k := range s.Illustration.Keyframes {
		out = append(out, Figure{Name: k.Name, Drawing: all[i]})
	}
	return out, nil
}

// Paper is a paper size.
type Paper string

// The paper sizes.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// ParsePaper reads a paper size: a4 or letter.
func ParsePaper(s string) (Paper, error) {
	switch p := Paper(strings.ToLower(strings.TrimSpace(s))); p {
	case A4, Letter:
		return p, nil
	}
	return "", unhunch.E(unhunch.EInvalid, message.HandoutBadPaper, s)
}

// letterRegions are the countries whose paper is US Letter (as their
// locales' LC_PAPER say): the Americas that use it and the Philippines.
var letterRegions = []string{"US", "CA", "MX", "CL", "CO", "VE", "PH", "PR", "CR", "GT", "NI", "PA", "SV", "DO", "BZ"}

// PaperFor returns the paper size of a locale such as "en_US.UTF-8" or a
// language tag such as "en-US": Letter where that is the country's paper,
// A4 otherwise (and when the locale names no country).
func PaperFor(locale string) Paper {
	loc, _, _ := strings.Cut(locale, ".")
	loc, _, _ = strings.Cut(loc, "@")
	loc, _, _ = strings.Cut(loc, ",")
	loc, _, _ = strings.Cut(loc, ";")
	parts := strings.FieldsFunc(loc, func(r rune) bool { return r == '_' || r == '-' })
	for _, p := range parts[min(1, len(parts)):] {
		if len(p) == 2 && slices.Contains(letterRegions, strings.ToUpper(p)) {
			return Letter
		}
	}
	return A4
}

// PaperFromEnv returns the paper size of the locale the environment sets:
// LC_ALL, else LC_PAPER, else LANG.
func PaperFromEnv(getenv func(string) string) Paper {
	for _, k := range []string{"LC_ALL", "LC_PAPER", "LANG"} {
		if v := getenv(k); v != "" {
			return PaperFor(v)
		}
	}
	return A4
}

// WithPictures gives each exercise that has no figure the person's own
// pictures listed for its id (issue 20), in place of the words that say it
// has none.
func (h *Handout) WithPictures(byID map[string][]Picture) {
	for i := range h.Exercises {
		x := &h.Exercises[i]
		if pics := byID[x.ID]; len(pics) > 0 && len(x.Figures) == 0 {
			x.Pictures, x.Caption = pics, ""
		}
	}
}
