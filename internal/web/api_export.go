package web

import (
	"net/http"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/fhir"
)

// The health records (issue 18): GET /api/v1/export/fhir sends the journal
// as the FHIR R4 bundle `unhunch export --format fhir` prints.

// exportFHIR is GET /api/v1/export/fhir: the bundle, streamed as it is
// written (application/fhir+json). An error before its first byte is an
// error answer; one after it cuts the answer short, so that no client
// takes half a bundle for a whole one.
func (s *Server) exportFHIR(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	src, ok := s.st.(fhir.Source)
	if !ok {
		return unhunch.Errorf(unhunch.EInternal, "web: this journal (%T) cannot be read as health records", s.st)
	}
	lw := &lazyHeaders{w: w}
	err := fhir.Export(r.Context(), lw, src, s.catalog(), fhir.Options{Location: s.cfg.Location})
	if err == nil || !lw.started {
		return err
	}
	s.log.ErrorContext(r.Context(), "FHIR export cut short", "error", err)
	panic(http.ErrAbortHandler)
}

// lazyHeaders sets the bundle's headers on its first write, so that an
// export failing before it writes anything can still answer an error.
type lazyHeaders struct {
	w       http.ResponseWriter
	started bool
}

func (l *lazyHeaders) Write(p []byte) (int, error) {
	if !l.started {
		l.started = true
		h := l.w.Header()
		h.Set("Content-Type", "application/fhir+json; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="unhunch-fhir.json"`)
		h.Set("Cache-Control", "no-store")
		l.w.WriteHeader(http.StatusOK)
	}
	return l.w.Write(p)
}
