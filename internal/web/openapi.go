package web

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the API's OpenAPI 3 document, written by hand; a test checks
// that it describes exactly the routes the server answers.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the API's OpenAPI 3 document.
func OpenAPI() []byte { return openAPIDoc }

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r.URL.Query()); err != nil {
		return err
	}
	bd, err := s.cache.catalog.get("api/openapi", none{}, forever(func() (*body, error) {
		return newBody("application/json; charset=utf-8", openAPIDoc), nil
	}))
	if err != nil {
		return err
	}
	bd.serve(w, r, http.StatusOK, "no-cache")
	return nil
}
