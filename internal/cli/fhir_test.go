package cli_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/unhunch/unhunch/internal/fhir/fhirtest"
)

// cmdFHIRValid implements
//
//	fhirvalid FILE
//
// It checks FILE against the official FHIR R4 JSON schema with the
// validator of internal/fhir/fhirtest (skipped loudly without it, unless
// UNHUNCH_REQUIRE_FHIR_VALIDATOR=1).
func cmdFHIRValid(t *testing.T) func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 1 {
			ts.Fatalf("usage: fhirvalid FILE")
		}
		data, err := os.ReadFile(ts.MkAbs(args[0]))
		if err != nil {
			ts.Fatalf("%v", err)
		}
		fhirtest.Validate(&scriptT{TB: t, ts: ts}, data)
	}
}

// scriptT is a testing.TB whose failures and logs go to a script.
type scriptT struct {
	testing.TB
	ts *testscript.TestScript
}

func (s *scriptT) Helper()                    {}
func (s *scriptT) Log(args ...any)            { s.ts.Logf("%s", fmt.Sprint(args...)) }
func (s *scriptT) Logf(f string, args ...any) { s.ts.Logf(f, args...) }
func (s *scriptT) Error(args ...any)          { s.ts.Fatalf("%s", fmt.Sprint(args...)) }
func (s *scriptT) Errorf(f string, args ...any) {
	s.ts.Fatalf(f, args...)
}
func (s *scriptT) Fatal(args ...any)            { s.ts.Fatalf("%s", fmt.Sprint(args...)) }
func (s *scriptT) Fatalf(f string, args ...any) { s.ts.Fatalf(f, args...) }
func (s *scriptT) TempDir() string {
	dir, err := os.MkdirTemp(s.ts.MkAbs("."), "fhirvalid")
	if err != nil {
		s.ts.Fatalf("%v", err)
	}
	return dir
}
