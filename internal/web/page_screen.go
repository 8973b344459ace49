package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// screenData is one step of the screening: a question, the answers to
// save, or the emergency advice the moment an emergency answer is given.
type screenData struct {
	Answers   string       // one letter per question so far, in question order: y, n, or - when it did not apply
	BackQuery template.URL // the question before, with the answers before it
	Next      string       // where to go once the answers are saved ("" for the result alone)
	Again     template.URL // the first question, keeping Next
	Rest      string       // when changing an earlier answer, the answers after it, kept where they still apply
	Was       string       // when changing an earlier answer, what it was
	Number    int          // 1-based number of the question asked
	Total     int          // questions that apply so far
	Question  safety.Question
	Emergency bool        // a yes to this question calls for urgent help: the yes saves at once
	Urgent    string      // the emergency advice, when an emergency answer was given
	Review    []reviewRow // when every question is answered
}

// reviewRow is one answer shown before saving.
type reviewRow struct {
	Text   string
	Yes    bool
	Change template.URL // asks this question again, keeping the other answers
}

// safeNext is where to go after the questions: a page of this app that
// starts a session (the player) or home; anything else is dropped, so a
// link elsewhere cannot send people off the site.
func safeNext(v string) string {
	if v == "/" || (strings.HasPrefix(v, "/play/") && !strings.ContainsAny(v, "\\\x00") && !strings.HasPrefix(v, "//")) {
		if u, err := url.Parse(v); err == nil && u.Host == "" && u.Scheme == "" {
			return v
		}
	}
	return ""
}

// resume fills in, after an answer that changed an earlier one, the
// answers given before for the questions after it (rest, one letter per
// question from the one after), as long as they still apply: the person
// goes straight back to the review unless a question now applies that was
// not asked before.
func resume(a string, answers map[string]bool, rest string) string {
	for i := 0; len(a) < len(safety.Questions) && i < len(rest); i++ {
		q := safety.Questions[len(a)]
		switch {
		case !safety.Asked(q, answers):
			a += "-"
		case rest[i] == 'y' || rest[i] == 'n':
			answers[q.ID] = rest[i] == 'y'
			a += rest[i : i+1]
			if hasEmergency(answers) {
				return a
			}
		default:
			return a
		}
	}
	return a
}

// screenAnswers reads the answers so far: one letter per question in order,
// y or n for a question that applies and - for a follow-up that does not.
// A skipped follow-up is filled in, so the result always stops at the next
// question to ask.
func screenAnswers(v string) (string, map[string]bool, error) {
	bad := unhunch.E(unhunch.EInvalid, message.WebScreenBadSteps, len(safety.Questions))
	if len(v) > len(safety.Questions) || strings.Trim(v, "yn-") != "" {
		return "", nil, bad
	}
	answers := map[string]bool{}
	for i := range len(v) {
		q := safety.Questions[i]
		if (v[i] == '-') == safety.Asked(q, answers) {
			return "", nil, bad
		}
		if v[i] != '-' {
			answers[q.ID] = v[i] == 'y'
		}
		if _, ok := safety.FirstEmergency(answers); ok && i < len(v)-1 {
			return "", nil, bad // nothing is asked after an emergency answer
		}
	}
	for len(v) < len(safety.Questions) && !safety.Asked(safety.Questions[len(v)], answers) {
		v += "-"
	}
	return v, answers, nil
}

// screenPage asks one question at a time, with plain links and forms: the
// answers so far travel in the form, so it works without JavaScript. The
// yes to an emergency question posts and saves at once; should one arrive
// here anyway, the emergency advice is shown straight away, and nothing
// more is asked.
func (s *Server) screenPage(w http.ResponseWriter, r *http.Request) error {
	q := params(r)
	if err := noQuery(q, "a", "answer", "next", "rest"); err != nil {
		return err
	}
	if ans := q.Get("answer"); ans != "" && ans != "y" && ans != "n" {
		return unhunch.E(unhunch.EInvalid, message.WebScreenBadSteps, len(safety.Questions))
	}
	rest := q.Get("rest")
	if len(rest) > len(safety.Questions) || strings.Trim(rest, "yn-") != "" {
		return unhunch.E(unhunch.EInvalid, message.WebScreenBadSteps, len(safety.Questions))
	}
	given := q.Get("a") + q.Get("answer")
	a, answers, err := screenAnswers(given)
	if err != nil {
		return err
	}
	if q.Get("answer") != "" && rest != "" {
		a, rest = resume(a, answers, rest), ""
	}
	next := safeNext(q.Get("next"))
	if next != "" || rest != "" {
		// Going back to change an answer, or on the way to a session: made
		// for this request (where it leads is the person's, not a key).
		return s.render(w, http.StatusOK, "screen", page{Title: message.Text(message.WebTitleScreen), Nav: "screen",
			Data: screenPageData(a, answers, next, rest)})
	}
	// Otherwise it depends on the answers alone, never on the journal: kept
	// by the screen cache (issue 16).
	bd, err := s.cache.screen.get(a, none{}, forever(func() (*body, error) {
		return s.pageBody("screen", page{Title: message.Text(message.WebTitleScreen), Nav: "screen", Data: screenPageData(a, answers, "", "")})
	}))
	if err != nil {
		return err
	}
	servePage(w, r, bd)
	return nil
}

// screenPageData is the screening page for answers a so far, leading to
// next when they are done, with rest the answers after a changed one.
func screenPageData(a string, answers map[string]bool, next, rest string) screenData {
	d := screenData{Answers: a, Next: next, Rest: rest}
	d.Again = screenURL("next", d.Next)
	if back := strings.TrimRight(a, "-"); back != "" {
		d.BackQuery = screenURL("a", back[:len(back)-1], "next", d.Next)
	}
	q, more := safety.Next(answers)
	switch {
	case hasEmergency(answers):
		d.Urgent = message.WebGateAdvice.Text(string(safety.EmergencyFound))
	case more:
		d.Number, d.Question = len(answers)+1, q
		d.Total = countAsked(answers)
		d.Emergency = q.Outcome == safety.Emergency
		if rest != "" && (rest[0] == 'y' || rest[0] == 'n') {
			d.Was = message.Text(message.PageScreenWas, yesNo(rest[0] == 'y'))
			d.Rest = rest[1:]
		}
	default:
		for i, qq := range safety.Questions {
			if v, ok := answers[qq.ID]; ok {
				d.Review = append(d.Review, reviewRow{Text: qq.Text(), Yes: v,
					Change: screenURL("a", a[:i], "rest", a[i:], "next", d.Next)})
			}
		}
	}
	return d
}

// screenURL is the screening page's address with the query of pairs
// (escaped by query, so it is safe as it is).
func screenURL(kv ...string) template.URL {
	if q := query(kv...); q != "" {
		return template.URL("/screen?" + q)
	}
	return "/screen"
}

// yesNo says an answer in words.
func yesNo(yes bool) string {
	if yes {
		return message.Text(message.PageYes)
	}
	return message.Text(message.PageNo)
}

// hasEmergency reports whether an emergency question was answered yes.
func hasEmergency(answers map[string]bool) bool {
	_, ok := safety.FirstEmergency(answers)
	return ok
}

// countAsked counts the questions that apply given the answers so far.
func countAsked(answers map[string]bool) int {
	n := 0
	for _, q := range safety.Questions {
		if safety.Asked(q, answers) {
			n++
		}
	}
	return n
}

// screenSave saves a complete set of answers, or the answers up to an
// emergency one, and shows what they mean.
func (s *Server) screenSave(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	a, answers, err := screenAnswers(r.PostForm.Get("a") + r.PostForm.Get("answer"))
	if err != nil {
		return err
	}
	if _, more := safety.Next(answers); more || len(a) == 0 {
		return unhunch.E(unhunch.EInvalid, message.WebScreenBadSteps, len(safety.Questions))
	}
	sc, err := person.Screen(writeCtx(r), s.st, answers, s.now())
	if err != nil {
		return err
	}
	seeOther(w, r, "/screen/result?"+query("id", sc.ID, "next", safeNext(r.PostForm.Get("next"))))
	return nil
}

// resultData is what a saved screening means.
type resultData struct {
	Screening safety.Screening
	Advice    []adviceBlock
	Flagged   []string
	Clearable bool
	Keeps     bool   // conditions keep some exercises out: point to where they can be cleared
	Next      string // where the person was going, when the answers let them
}

func (s *Server) screenResult(w http.ResponseWriter, r *http.Request) error {
	q := params(r)
	if err := noQuery(q, "id", "next"); err != nil {
		return err
	}
	sc, found, err := s.st.Screening(r.Context(), q.Get("id"))
	if err != nil {
		return err
	}
	if !found {
		return unhunch.E(unhunch.ENotFound, message.WebNoScreening, q.Get("id"))
	}
	advice := person.ScreenAdvice(sc.Result, s.catalog())
	switch {
	case sc.Clearing:
		advice = message.Text(message.WebClearedPage)
	case sc.Result.Outcome == safety.Clinician:
		advice = message.WebGateAdvice.Text(string(safety.ClinicianFirst))
	}
	d := resultData{Screening: sc, Advice: adviceBlocks(advice), Keeps: len(sc.Result.Conditions) > 0 && !sc.Clearing}
	for _, id := range sc.Result.Flagged {
		if qq, ok := safety.QuestionByID(id); ok {
			d.Flagged = append(d.Flagged, qq.Text())
		}
	}
	d.Clearable = !sc.Clearing && sc.Result.Outcome == safety.Clinician
	if g, err := s.gate(r); err == nil && g.OK {
		d.Next = safeNext(q.Get("next"))
	}
	return s.render(w, http.StatusOK, "result", page{Title: message.Text(message.WebTitleScreen), Nav: "screen", Data: d})
}

// adviceBlock is a paragraph of advice and the list that follows it.
type adviceBlock struct {
	Text  string
	Items []string
}

// adviceBlocks splits advice into paragraphs, each with its "  - " items.
func adviceBlocks(advice string) []adviceBlock {
	var out []adviceBlock
	for _, line := range strings.Split(advice, "\n") {
		if item, ok := strings.CutPrefix(line, "  - "); ok && len(out) > 0 {
			out[len(out)-1].Items = append(out[len(out)-1].Items, item)
			continue
		}
		out = append(out, adviceBlock{Text: line})
	}
	return out
}

func (s *Server) screenClearance(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	c, err := person.Clear(writeCtx(r), s.st, s.now())
	if err != nil {
		return err
	}
	seeOther(w, r, "/screen/result?"+query("id", c.ID))
	return nil
}
