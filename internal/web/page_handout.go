package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/handout"
)

// The printed routine (issue 18): "Print / PDF" on every routine and plan
// page sends the routine as start would play it, as a PDF handout.

// routineHandout is GET /routines/{id}/handout.pdf[?paper=a4|letter].
func (s *Server) routineHandout(w http.ResponseWriter, r *http.Request) error {
	q := params(r)
	paper, err := s.handoutPaper(r, q)
	if err != nil {
		return err
	}
	if err := noQuery(q, "paper"); err != nil {
		return err
	}
	rt, err := s.routine(r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.sendHandout(w, r, rt, paper)
}

// planHandout is GET /plan/handout.pdf?minutes=…[&paper=…]: the plan the
// plan page shows for the same question, printed.
func (s *Server) planHandout(w http.ResponseWriter, r *http.Request) error {
	q := params(r)
	paper, err := s.handoutPaper(r, q)
	if err != nil {
		return err
	}
	rest := url.Values{}
	for k, v := range q {
		if k != "paper" {
			rest[k] = v
		}
	}
	if eq := rest["equipment"]; len(eq) > 1 {
		rest.Set("equipment", strings.Join(eq, ","))
	}
	pr, err := planQuery(rest)
	if err != nil {
		return err
	}
	rt, _, err := s.plan(r, pr, false)
	if err != nil {
		return err
	}
	return s.sendHandout(w, r, rt, paper)
}

// handoutPaper is the paper asked for (?paper=), else the one of the
// browser's first language (Letter for en-US), else A4.
func (s *Server) handoutPaper(r *http.Request, q url.Values) (handout.Paper, error) {
	if v, ok := q["paper"]; ok {
		return handout.ParsePaper(strings.Join(v, ","))
	}
	return handout.PaperFor(r.Header.Get("Accept-Language")), nil
}

// sendHandout sends routine rt's handout for the person, made now.
func (s *Server) sendHandout(w http.ResponseWriter, r *http.Request, rt *catalog.Routine, paper handout.Paper) error {
	p, err := s.load(r)
	if err != nil {
		return err
	}
	h, err := handout.For(s.catalog(), rt, p, s.now().In(s.cfg.Location))
	if err != nil {
		return err
	}
	if cj, ok := s.customJournal(); ok {
		pics, err := cj.AllPictures(r.Context())
		if err != nil {
			return err
		}
		h.WithPictures(handoutPictures(pics))
	}
	d, err := handout.Render(h, paper)
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Length", strconv.Itoa(len(d.PDF)))
	hd.Set("Content-Disposition", `inline; filename="`+rt.ID+`.pdf"`)
	// The person's own doses, made for this moment.
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(d.PDF)
	}
	return nil
}
