package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"net/http"

	"github.com/unhunch/unhunch"
)

// openAPIDoc is the API's OpenAPI 3 document, written by hand; a test checks
// that it describes exactly the routes the server answers.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the API's OpenAPI 3 document.
func OpenAPI() []byte { return openAPIDoc }

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	bd, err := s.cache.catalog.get("api/openapi", none{}, forever(func() (*body, error) {
		// Served without the file's indentation (a tenth of it gzipped).
		var b bytes.Buffer
		if err := json.Compact(&b, openAPIDoc); err != nil {
			return nil, unhunch.Errorf(unhunch.EInternal, "web: openapi.json: %w", err)
		}
		b.WriteByte('\n')
		return newBody("application/json; charset=utf-8", b.Bytes()), nil
	}))
	if err != nil {
		return err
	}
	bd.serve(w, r, http.StatusOK, "no-cache")
	return nil
}
