package web

import (
	"net/http"
	"sort"
	"time"

	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/progress"
)

// load reads what the journal says about the person now (person.Load).
func (s *Server) load(r *http.Request) (person.State, error) {
	return person.Load(r.Context(), s.st, s.catalog(), s.now(), s.cfg.Location)
}

// progressDoc computes the progress document, as `unhunch progress --json`.
func (s *Server) progressDoc(r *http.Request) (api.Progress, error) {
	p, err := s.load(r)
	if err != nil {
		return api.Progress{}, err
	}
	return s.progressFor(r, p)
}

// progressFor is progressDoc with what the journal says about the person
// already read.
func (s *Server) progressFor(r *http.Request, p person.State) (api.Progress, error) {
	return person.LoadProgress(r.Context(), s.st, p, s.catalog(), s.now(), s.cfg.Location)
}

func (s *Server) showProgress(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.journalJSON(w, r, "api/progress", func() (any, time.Time, error) {
		doc, err := s.progressDoc(r)
		return doc, progressUntil(doc), err
	})
}

// progressUntil is when a progress document stops holding by itself: when
// the functional scale falls due (the rest changes with the day).
func progressUntil(doc api.Progress) time.Time {
	if doc.PSFS.Due || doc.PSFS.Last.IsZero() {
		return time.Time{}
	}
	return doc.PSFS.Last.Add(progress.PSFSInterval)
}

// aside lists the exercises set aside, oldest first.
func (s *Server) aside(r *http.Request) ([]person.AsideEntry, error) {
	p, err := s.load(r)
	if err != nil {
		return nil, err
	}
	return person.Aside(p, s.catalog()), nil
}

func sortStrings(s []string) { sort.Strings(s) }
