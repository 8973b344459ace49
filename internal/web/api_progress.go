package web

import (
	"net/http"
	"slices"
	"sort"

	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
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
	doc := person.Progress(sessions, s.cat, now, s.cfg.Location)
	doc.PSFS = progress.SummarisePSFS(ratings, now)
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
func (s *Server) aside(r *http.Request) ([]store.ExerciseState, error) {
	states, err := s.st.ExerciseStates(r.Context())
	if err != nil {
		return nil, err
	}
	list := make([]store.ExerciseState, 0, len(states))
	for _, st := range states {
		list = append(list, st)
	}
	slices.SortFunc(list, func(x, y store.ExerciseState) int {
		if c := x.Since.Compare(y.Since); c != 0 {
			return c
		}
		return compareStrings(x.ExerciseID, y.ExerciseID)
	})
	return list, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sortStrings(s []string) { sort.Strings(s) }
