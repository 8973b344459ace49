package web

import (
	"net/http"

	"github.com/unhunch/unhunch/internal/person"
)

// showRecap is the account of a session at its end (person.Recap): what
// the player shows once its results are in the journal.
func (s *Server) showRecap(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	// The session, the checkpoint and the sessions after it: not the
	// whole journal (person.LoadRecap).
	doc, err := person.LoadRecap(r.Context(), s.st, s.catalog(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}
