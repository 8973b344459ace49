package message_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/safety"
)

// constsOf returns the values of every string constant of type typ
// declared in the package in dir (relative to the module root), read from
// its source: a value added later is checked without this test changing.
func constsOf(t *testing.T, dir, typ string) []string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, filepath.Join("..", dir), func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				vs, ok := n.(*ast.ValueSpec)
				if !ok || vs.Type == nil {
					return true
				}
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != typ {
					return true
				}
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						out = append(out, s)
					}
				}
				return true
			})
		}
	}
	if len(out) == 0 {
		t.Fatalf("no constants of type %s in %s", typ, dir)
	}
	return out
}

// without returns values less those in drop.
func without(values []string, drop ...string) []string {
	return slices.DeleteFunc(values, func(v string) bool { return slices.Contains(drop, v) })
}

// Every value of every family's type has its words: the keys code makes
// from values (message.Family.Of) are all in the table.
func TestEveryFamilyHasText(t *testing.T) {
	var ending, questions, topics []string
	for _, r := range journal.StopReasons {
		if r.EndsSession() {
			ending = append(ending, string(r))
		}
	}
	for _, q := range safety.Questions {
		questions = append(questions, q.ID)
		if q.After == "" { // a follow-up is covered by the topic of the question it follows
			topics = append(topics, q.ID)
		}
	}
	objects := []string{"table", "index", "trigger", "view"} // sqlite_master's types
	values := map[message.Family][]string{
		message.StopWords:      constsOf(t, "journal", "StopReason"),
		message.StopAdvice:     ending,
		message.EndedWords:     append(without(constsOf(t, "journal", "Status"), string(journal.Active)), ""),
		message.StatusWords:    constsOf(t, "journal", "Status"),
		message.OutcomeWords:   constsOf(t, "journal", "Outcome"),
		message.RatingWords:    constsOf(t, "journal", "Rating"),
		message.WhyWords:       constsOf(t, "progress", "Why"),
		message.DirectionWords: {"up", "down"},
		message.PhaseWords:     constsOf(t, "timeline", "Phase"),
		message.SideShort:      without(constsOf(t, "dose", "Side"), ""),
		message.TriggerWords:   without(constsOf(t, "safety", "Trigger"), ""),
		message.GateAdvice:     without(constsOf(t, "safety", "Block"), ""),
		message.WebGateAdvice:  without(constsOf(t, "safety", "Block"), ""),
		message.PositionWords:  constsOf(t, "catalog", "Position"),
		message.EquipmentWords: constsOf(t, "catalog", "Equipment"),
		message.ConditionWords: constsOf(t, "catalog", "Condition"),
		message.PropWords:      without(constsOf(t, "figure", "PropKind"), ""),
		message.QuestionText:   questions,
		message.TopicWords:     topics,
		message.ObjectWords:    objects,
		message.AnObjectWords:  objects,
		message.PartWords:      figure.PartStems(),
		message.MeasureWords:   constsOf(t, "figure", "Measure"),
		message.AreaWords:      planner.AreaIDs(),
		message.TypeWords:      constsOf(t, "catalog", "Type"),
		message.LevelWords:     constsOf(t, "catalog", "Difficulty"),
		message.FocusWords:     constsOf(t, "planner", "Focus"),
		message.ConcernWords:   constsOf(t, "clinic", "Kind"),
		message.VerdictWords:   constsOf(t, "clinic", "Verdict"),
		message.ScreenedWords:  constsOf(t, "safety", "Outcome"),
	}
	for _, f := range message.Families {
		vs, ok := values[f]
		if !ok {
			t.Errorf("family %q: the test does not know its values; add them here", f)
			continue
		}
		for _, v := range vs {
			if !message.Has(f.Of(v)) {
				t.Errorf("%s has no English text", f.Of(v))
			}
		}
	}
	if len(values) != len(message.Families) {
		t.Errorf("the test knows %d families, message.Families lists %d", len(values), len(message.Families))
	}
}

// Every Family constant is in message.Families (which templates and this
// test go by).
func TestFamiliesListed(t *testing.T) {
	for _, f := range constsOf(t, "message", "Family") {
		if !message.IsFamily(message.Family(f)) {
			t.Errorf("family %q is not in message.Families", f)
		}
	}
}

// Outside package message no code spells a key: no conversion to
// message.Key or message.Family (a key built at run time), and no string
// constant where a key goes (message.Text("…")). Keys are the constants of
// package message, or a family's Of, both checked above.
func TestNoKeysSpelledOutside(t *testing.T) {
	exempt := []string{"message", ".git"}
	var files []string
	filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && slices.Contains(exempt, filepath.Base(path)) && filepath.Dir(path) == ".." {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) < 50 {
		t.Fatalf("found only %d files", len(files))
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			if x.Name == "unhunch" && sel.Sel.Name == "E" && len(call.Args) > 1 {
				if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					t.Errorf("%s: a key spelled as a string (%s); use a constant of package message", fset.Position(lit.Pos()), lit.Value)
				}
			}
			if x.Name != "message" {
				return true
			}
			switch sel.Sel.Name {
			case "Key", "Family":
				t.Errorf("%s: a key made at run time (message.%s(…)); use a constant or a family", fset.Position(call.Pos()), sel.Sel.Name)
			case "Text", "Has", "Count":
				for _, a := range call.Args[:min(len(call.Args), 3)] {
					if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING && (sel.Sel.Name != "Text" || a == call.Args[0]) {
						t.Errorf("%s: a key spelled as a string (%s); use a constant of package message", fset.Position(lit.Pos()), lit.Value)
					}
				}
			}
			return true
		})
	}
}
