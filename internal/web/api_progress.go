package web

import (
	"net/http"
	"sort"

	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
)

// load reads what the journal says about the person now (person.Load).
func (s *Server) load(r *http.Request) (person.State, error) {
	return person.Load(r.Context(), s.st, s.cat, s.now(), s.cfg.Location)
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
	return person.LoadProgress(r.Context(), s.st, p, s.cat, s.now(), s.cfg.Location)
}

func (s *Server) showProgress(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r.URL.Query()); err != nil {
		return err
	}
	doc, err := s.progressDoc(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}

// aside lists the exercises set aside, oldest first.
func (s *Server) aside(r *http.Request) ([]person.AsideEntry, error) {
	p, err := s.load(r)
	if err != nil {
		return nil, err
	}
	return person.Aside(p, s.cat), nil
}

func sortStrings(s []string) { sort.Strings(s) }
