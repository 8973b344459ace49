package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/fhir"
	"github.com/unhunch/unhunch/internal/fhir/fhirtest"
)

// GET /api/v1/export/fhir sends the journal as the FHIR R4 bundle the CLI
// prints (the same bytes fhir.Export writes), valid against the official R4
// JSON schema, on both engines; parameters are refused with a 400.
func TestExportFHIR(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		e := newEnvURL(t, url, true)
		sid := e.start("quick-daily-reset", "fhir-1", 3)
		if r := e.do("POST", "/api/v1/sessions/"+sid+"/events", exerciseEvent(1, 1, "done", ""), nil); r.Code != http.StatusOK {
			t.Fatalf("event: %d %s", r.Code, r.Body)
		}
		r := e.do("GET", "/api/v1/export/fhir", "", nil)
		if r.Code != http.StatusOK {
			t.Fatalf("GET /api/v1/export/fhir: %d %s", r.Code, r.Body)
		}
		if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/fhir+json") {
			t.Errorf("Content-Type %q", ct)
		}
		got := r.Body.Bytes()
		fhirtest.Validate(t, got)
		var want bytes.Buffer
		if err := fhir.Export(context.Background(), &want, e.st, e.cat, fhir.Options{Location: time.UTC}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), string(got)); diff != "" {
			t.Errorf("the API's bundle is not the export's (-export +api):\n%s", diff)
		}
		var b struct {
			ResourceType string
			Entry        []struct{ Resource struct{ ResourceType string } }
		}
		if err := json.Unmarshal(got, &b); err != nil {
			t.Fatal(err)
		}
		types := map[string]int{}
		for _, en := range b.Entry {
			types[en.Resource.ResourceType]++
		}
		if b.ResourceType != "Bundle" || types["Patient"] != 1 || types["Procedure"] != 1 || types["QuestionnaireResponse"] != 1 || types["CarePlan"] != 1 {
			t.Errorf("bundle %s with %v", b.ResourceType, types)
		}

		bad := e.do("GET", "/api/v1/export/fhir?since=2026-01-01", "", nil)
		if bad.Code != http.StatusBadRequest || !strings.Contains(bad.Body.String(), "since") {
			t.Errorf("a parameter: %d %s", bad.Code, bad.Body)
		}
	})
}
