package cli_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/cli"
	"github.com/unhunch/unhunch/safety"
)

// exitFileVar names the file where "unhunch" records its exit status for
// the exitcode command, since testscript's exec only tells zero from non-zero.
const exitFileVar = "UNHUNCH_TEST_EXIT_FILE"

// TestMain lets the scripts run the command line as the program "unhunch":
// the test binary re-executes itself, so each exec is a real process with
// its own arguments, environment, streams and exit status.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"unhunch": func() {
			code := cli.Run(os.Args[1:], cli.OSEnv())
			if f := os.Getenv(exitFileVar); f != "" {
				if err := os.WriteFile(f, []byte(strconv.Itoa(code)), 0o666); err != nil {
					fmt.Fprintln(os.Stderr, "cli_test:", err)
					os.Exit(125)
				}
			}
			os.Exit(code)
		},
		"journal-seed": func() { os.Exit(seedJournal()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script.
func TestScripts(t *testing.T) {
	p := params()
	p.Dir = "testdata/script"
	p.Cmds["fhirvalid"] = cmdFHIRValid(t)
	// The handout's scripts check the PDF with poppler where it is
	// ([exec:pdftotext]); CI must have it.
	for _, bin := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(bin); err != nil && os.Getenv("UNHUNCH_REQUIRE_POPPLER") == "1" {
			t.Fatalf("%s (poppler-utils) is not on the PATH, and UNHUNCH_REQUIRE_POPPLER=1", bin)
		}
	}
	testscript.Run(t, p)
}

// params are the settings every script runs with.
func params() testscript.Params {
	return testscript.Params{
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// Keep the developer's own config and journal out of the tests:
			// everything unhunch looks at lives in the script's work dir.
			for k, dir := range map[string]string{
				"HOME":            "home",
				"XDG_CONFIG_HOME": "config",
				"XDG_DATA_HOME":   "data",
			} {
				env.Setenv(k, filepath.Join(env.WorkDir, dir))
			}
			env.Setenv("UNHUNCH_CONFIG_DIR", "")
			env.Setenv("UNHUNCH_DATA_DIR", "")
			env.Setenv(exitFileVar, filepath.Join(env.WorkDir, ".exitcode"))
			return builtinEnv(env)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
			"jsonkeys": cmdJSONKeys,
			"jsoneq":   cmdJSONEq,
			"answers":  cmdAnswers,
		},
	}
}

// builtinEnv sets what scripts know of the built-in catalog and the safety
// questions, so that adding an exercise or a question changes no script:
// BUILTIN_EXERCISES (how many; _1 and _2 with one or two custom ones more),
// OFF_FLOOR_EXERCISES (those that can be done off the floor), LAST_EXERCISE (the id of the last), ALL_EXERCISES (every id,
// comma-separated), QUESTIONS (how many) and FIRST_QUESTIONS (how many are
// asked before a follow-up).
func builtinEnv(env *testscript.Env) error {
	c, err := catalog.Builtin()
	if err != nil {
		return err
	}
	var ids []string
	for _, e := range c.Exercises() {
		ids = append(ids, e.ID)
	}
	env.Setenv("BUILTIN_EXERCISES", strconv.Itoa(len(ids)))
	env.Setenv("BUILTIN_EXERCISES_1", strconv.Itoa(len(ids)+1))
	env.Setenv("BUILTIN_EXERCISES_2", strconv.Itoa(len(ids)+2))
	var offFloor []string // what can be done without getting down on the floor
	for _, e := range c.Exercises() {
		if slices.ContainsFunc(e.Positions, func(p catalog.Position) bool { return p.Level() != catalog.LevelFloor }) {
			offFloor = append(offFloor, e.ID)
		}
	}
	env.Setenv("OFF_FLOOR_EXERCISES", strings.Join(offFloor, ","))
	env.Setenv("LAST_EXERCISE", ids[len(ids)-1])
	env.Setenv("ALL_EXERCISES", strings.Join(ids, ","))
	first := 0
	for _, q := range safety.Questions {
		if q.After == "" {
			first++
		}
	}
	env.Setenv("QUESTIONS", strconv.Itoa(len(safety.Questions)))
	env.Setenv("FIRST_QUESTIONS", strconv.Itoa(first))
	return nil
}

// cmdExitCode implements
//
//	exitcode N
//
// It asserts that the last "exec unhunch" exited with status N. The status is
// used up by the check, so each check needs an exec of its own; it cannot be
// negated, since "not 2" says too little.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("exitcode does not support negation")
	}
	if len(args) != 1 {
		ts.Fatalf("usage: exitcode N")
	}
	file := ts.Getenv(exitFileVar)
	got, err := os.ReadFile(file)
	if err != nil {
		ts.Fatalf("no exit status recorded; exec unhunch first: %v", err)
	}
	if err := os.Remove(file); err != nil {
		ts.Fatalf("%v", err)
	}
	if string(got) != args[0] {
		ts.Fatalf("unhunch exited with status %s, want %s", got, args[0])
	}
}

// TestScriptCommands checks the custom commands themselves: their uses in
// testdata/cmds pass, and each false claim or misuse below fails, saying why,
// so that a script using them can fail.
func TestScriptCommands(t *testing.T) {
	p := params()
	p.Dir = "testdata/cmds"
	testscript.Run(t, p)

	doc := "-- doc.json --\n" + `{"list": [{"a": 1, "b": "x"}, {"a": 2}], "none": [], "null": null, "obj": {"k": true}}` + "\n" +
		"-- text --\nnot json\n"
	for script, want := range map[string]string{
		"exec unhunch --version\nexitcode 2":              `unhunch exited with status 0, want 2`,
		"! exec unhunch routines show nope\nexitcode 2":   `unhunch exited with status 3, want 2`,
		"! exec unhunch routines show nope\n! exitcode 2": `exitcode does not support negation`,
		"exec unhunch --version\nexitcode 0\nexitcode 0":  `no exit status recorded; exec unhunch first`,
		"exitcode 0":                      `no exit status recorded; exec unhunch first`,
		"jsonkeys doc.json list a b":      `list: element 1 has no key "b"`,
		"jsonkeys doc.json none a":        `none is an empty array`,
		"jsonkeys doc.json obj.k k":       `obj.k: element 0 is a boolean, not an object`,
		"! jsonkeys doc.json obj k":       `jsonkeys does not support negation`,
		"jsonkeys doc.json obj":           `usage: jsonkeys FILE PATH KEY...`,
		"jsoneq doc.json list.0.a 2":      `list.0.a is 1, want 2`,
		"jsoneq doc.json list.-1.a 1":     `list.-1.a is 2, want 1`,
		"jsoneq doc.json list.0.b x":      `VALUE "x" is not JSON`,
		"jsoneq doc.json null '[]'":       `null is null, want \[\]`,
		"jsoneq doc.json none null":       `none is \[\], want null`,
		"jsoneq doc.json 'list.#' 3":      `list.# is 2, want 3`,
		"! jsoneq doc.json obj.k true":    `obj.k is true, want anything else`,
		"! jsoneq doc.json obj.nope true": `obj has no key "nope"`,
		"jsoneq doc.json list.2.a 1":      `list has 2 elements; no index 2`,
		"jsoneq doc.json list.a 1":        `list is an array; "a" is not an index`,
		"jsoneq doc.json obj.k.x 1":       `obj.k is a boolean; cannot take "x"`,
		"jsoneq text . 1":                 `text is not JSON`,
		"jsoneq doc.json obj":             `usage: jsoneq FILE PATH VALUE`,
		"answers a.json nope":             `answers: no question "nope"`,
		"answers":                         `usage: answers FILE \[ID \| ID=JSON \| -ID\]...`,
		"answers a.json cancer=no":        `answers: no is not JSON`,
	} {
		t.Run(script, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "case.txtar")
			if err := os.WriteFile(file, []byte(script+"\n"+doc), 0o666); err != nil {
				t.Fatal(err)
			}
			ft := &fakeT{}
			p := params()
			p.Files = []string{file}
			testscript.RunT(ft, p)
			if !ft.failed {
				t.Fatalf("script passed; want it to fail with %q", want)
			}
			if !regexp.MustCompile(`FAIL: .*: ` + want).MatchString(ft.log.String()) {
				t.Fatalf("script failed without %q:\n%s", want, ft.log.String())
			}
		})
	}
}

// fakeT runs a script in-process and records whether and why it failed.
type fakeT struct {
	log    strings.Builder
	failed bool
}

// errAbort stops a script at FailNow, as runtime.Goexit does for testing.T.
var errAbort = errors.New("abort")

func (t *fakeT) Skip(args ...any)  { panic(errAbort) }
func (t *fakeT) Fatal(args ...any) { t.Log(args...); t.FailNow() }
func (t *fakeT) Parallel()         {}
func (t *fakeT) Log(args ...any)   { fmt.Fprintln(&t.log, args...) }
func (t *fakeT) FailNow()          { t.failed = true; panic(errAbort) }
func (t *fakeT) Verbose() bool     { return false }

func (t *fakeT) Run(_ string, f func(testscript.T)) {
	defer func() {
		if err := recover(); err != nil && err != errAbort {
			panic(err)
		}
	}()
	f(t)
}

// cmdJSONKeys implements
//
//	jsonkeys FILE PATH KEY...
//
// It asserts that the object at PATH in the JSON document FILE ("stdout" and
// "stderr" name the last command's output) has every KEY. When PATH selects
// an array, the array must be non-empty and every element must be an object
// with every KEY. It cannot be negated: "some key is missing" is too weak a
// claim to be worth a test.
func cmdJSONKeys(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("jsonkeys does not support negation")
	}
	if len(args) < 3 {
		ts.Fatalf("usage: jsonkeys FILE PATH KEY...")
	}
	v := jsonAt(ts, args[0], args[1])
	objs := []any{v}
	if arr, ok := v.([]any); ok {
		if len(arr) == 0 {
			ts.Fatalf("%s: %s is an empty array", args[0], args[1])
		}
		objs = arr
	}
	for i, o := range objs {
		m, ok := o.(map[string]any)
		if !ok {
			ts.Fatalf("%s: %s: element %d is %s, not an object", args[0], args[1], i, kind(o))
		}
		for _, k := range args[2:] {
			if _, ok := m[k]; !ok {
				ts.Fatalf("%s: %s: element %d has no key %q", args[0], args[1], i, k)
			}
		}
	}
}

// cmdJSONEq implements
//
//	jsoneq FILE PATH VALUE
//
// It asserts that the value at PATH in the JSON document FILE equals VALUE,
// itself written as JSON ('"each"', 300, true, []). Numbers compare as
// float64, so 300 equals 300.0. Negated, the value at PATH must exist and
// differ: a missing path fails either way, so a typo cannot pass.
func cmdJSONEq(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: jsoneq FILE PATH VALUE")
	}
	got := jsonAt(ts, args[0], args[1])
	var want any
	if err := json.Unmarshal([]byte(args[2]), &want); err != nil {
		ts.Fatalf("jsoneq: VALUE %q is not JSON: %v", args[2], err)
	}
	eq := reflect.DeepEqual(got, want)
	switch {
	case eq && neg:
		ts.Fatalf("%s: %s is %s, want anything else", args[0], args[1], compact(got))
	case !eq && !neg:
		ts.Fatalf("%s: %s is %s, want %s", args[0], args[1], compact(got), compact(want))
	}
}

// jsonAt decodes the JSON document in file and returns the value at path.
// A path is "." for the whole document or dot-separated steps: an object
// key, an array index (negative counts from the end, -1 is the last) or "#",
// the length of the array or object reached so far. Scripts must quote a
// path with "#" in it ('exercises.#'), or the script parser reads a comment.
func jsonAt(ts *testscript.TestScript, file, path string) any {
	var v any
	if err := json.Unmarshal([]byte(ts.ReadFile(file)), &v); err != nil {
		ts.Fatalf("%s is not JSON: %v", file, err)
	}
	if path == "." {
		return v
	}
	at := "."
	for step := range strings.SplitSeq(path, ".") {
		switch cur := v.(type) {
		case map[string]any:
			if step == "#" {
				v = float64(len(cur))
				break
			}
			next, ok := cur[step]
			if !ok {
				ts.Fatalf("%s: %s has no key %q", file, at, step)
			}
			v = next
		case []any:
			if step == "#" {
				v = float64(len(cur))
				break
			}
			i, err := strconv.Atoi(step)
			if err != nil {
				ts.Fatalf("%s: %s is an array; %q is not an index", file, at, step)
			}
			if i < 0 {
				i += len(cur)
			}
			if i < 0 || i >= len(cur) {
				ts.Fatalf("%s: %s has %d elements; no index %s", file, at, len(cur), step)
			}
			v = cur[i]
		default:
			ts.Fatalf("%s: %s is %s; cannot take %q", file, at, kind(v), step)
		}
		if at == "." {
			at = step
		} else {
			at += "." + step
		}
	}
	return v
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "unknown"
}

func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

// cmdAnswers implements
//
//	answers FILE [ID | ID=JSON | -ID]...
//
// It writes a screening answers file that answers every current safety
// question that applies: yes for each ID given, no for the rest. ID=JSON
// sets any id, a question's or not, to a raw JSON value (a mistake to test:
// cancer='"no"', fever=null, an old or unknown id), and -ID leaves a question
// out. Scripts use it instead of copying the question list, so adding a
// question changes one file (safety.Questions), not every script.
func cmdAnswers(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: answers FILE [ID | ID=JSON | -ID]...")
	}
	yes := map[string]bool{}
	raw := map[string]json.RawMessage{}
	var drop []string
	for _, arg := range args[1:] {
		id, value, isRaw := strings.Cut(arg, "=")
		switch {
		case isRaw:
			if !json.Valid([]byte(value)) {
				ts.Fatalf("answers: %s is not JSON", value)
			}
			raw[id] = json.RawMessage(value)
		case strings.HasPrefix(arg, "-"):
			drop = append(drop, arg[1:])
		default:
			if _, ok := safety.QuestionByID(id); !ok {
				ts.Fatalf("answers: no question %q", id)
			}
			yes[id] = true
		}
	}
	a := map[string]json.RawMessage{}
	for _, q := range safety.Questions {
		if safety.Asked(q, yes) {
			a[q.ID] = json.RawMessage(strconv.FormatBool(yes[q.ID]))
		}
	}
	for id, v := range raw {
		a[id] = v
	}
	for _, id := range drop {
		delete(a, id)
	}
	b, err := json.Marshal(a)
	if err != nil {
		ts.Fatalf("answers: %v", err)
	}
	if err := os.WriteFile(ts.MkAbs(args[0]), b, 0o666); err != nil {
		ts.Fatalf("answers: %v", err)
	}
}
