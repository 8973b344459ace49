package web

import (
	"net/http"
	"sort"

	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// progressDoc computes the progress document, as `unhunch progress --json`.
func (s *Server) progressDoc(r *http.Request) (api.Progress, error) {
	sessions, err := s.st.Sessions(r.Context(), journalAll)
	if err != nil {
		return api.Progress{}, err
	}
	return s.progressFor(r, sessions)
}

// progressFor is progressDoc with the journal's sessions already read.
func (s *Server) progressFor(r *http.Request, sessions []*journal.Session) (api.Progress, error) {
	ratings, err := s.st.PSFS(r.Context())
	if err != nil {
		return api.Progress{}, err
	}
	now := s.now()
	doc := person.Progress(sessions, s.catalog(), now, s.cfg.Location)
	doc.PSFS = progress.SummarisePSFS(ratings, now)
	sc, err := s.st.Schedule(r.Context())
	if err != nil {
		return api.Progress{}, err
	}
	person.WithSchedule(&doc, sessions, sc, now, s.cfg.Location)
	return doc, nil
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
	p, err := person.Load(r.Context(), s.st, s.catalog())
	if err != nil {
		return nil, err
	}
	return person.Aside(p, s.catalog()), nil
}

func sortStrings(s []string) { sort.Strings(s) }
