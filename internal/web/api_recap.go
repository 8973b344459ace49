package web

import (
	"net/http"

	"github.com/unhunch/unhunch/internal/person"
)

// showRecap is the account of a session at its end (person.Recap): what
// the player shows once its results are in the journal.
func (s *Server) showRecap(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r.URL.Query()); err != nil {
		return err
	}
	sessions, err := s.st.Sessions(r.Context(), journalAll)
	if err != nil {
		return err
	}
	doc, err := person.Recap(sessions, s.catalog(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}
