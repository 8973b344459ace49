package web

import (
	"net/http"

	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
)

// showRecap is the account of a session at its end (person.Recap): what
// the player shows once its results are in the journal.
func (s *Server) showRecap(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r.URL.Query()); err != nil {
		return err
	}
	// The recap works each level out with and without this session, so it
	// reads the whole journal: once, at a session's end (issue 16 left it).
	sessions, err := s.st.Sessions(r.Context(), journal.Filter{})
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
