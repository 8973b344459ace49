package message_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/message"
)

// Every Key constant declared in the package has an English entry.
func TestEveryKeyHasText(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range pkgs["message"].Files {
		ast.Inspect(f, func(node ast.Node) bool {
			vs, ok := node.(*ast.ValueSpec)
			if !ok || vs.Type == nil || len(vs.Values) != 1 {
				return true
			}
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Key" {
				return true
			}
			lit, ok := vs.Values[0].(*ast.BasicLit)
			if !ok {
				return true
			}
			n++
			key := message.Key(strings.Trim(lit.Value, `"`))
			if !message.Has(key) {
				t.Errorf("%s (%s) has no English text", vs.Names[0].Name, key)
			}
			return true
		})
	}
	if n < 50 {
		t.Fatalf("found only %d keys; the parser missed the const block", n)
	}
}

func TestText(t *testing.T) {
	if got := message.Text(message.DescReps, "10"); got != "10 reps" {
		t.Errorf("got %q", got)
	}
	if got := message.Text("no.such.key"); got != "[no.such.key]" {
		t.Errorf("a missing key must show itself, got %q", got)
	}
}

func TestNoKeyDefinedTwice(t *testing.T) {
	if d := message.Duplicates(); len(d) > 0 {
		t.Errorf("keys defined in more than one file: %v", d)
	}
}

func TestNearest(t *testing.T) {
	ids := []string{"chin-tucks", "cat-cow", "bird-dog", "quick-daily-reset"}
	tests := []struct{ in, want string }{
		{"chin-tuck", "chin-tucks"}, {"cat-cows", "cat-cow"}, {"quick-daily-rest", "quick-daily-reset"},
		{"shoulder-shrugs", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := message.Nearest(tt.in, ids); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Issue 16: the table is static data, so that starting unhunch allocates
// nothing for it. A file that registers its words as a map (add) is named
// here, with the way to convert it.
func TestWordsAreStatic(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var old []string
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "add" {
					old = append(old, fset.Position(call.Pos()).String())
				}
				return true
			})
		}
	}
	if len(old) > 0 || !message.Static() {
		t.Errorf("words registered with add(map[Key]string{…}), which builds a map at every start-up: %s\n"+
			"Convert them by running, from the repository root:\n\tgo run /work/tools/tostatic/main.go ./message\n"+
			"or by hand: declare var xWords = []entry{{Key, \"text\"}, …} and register it with func init() { table(xWords) }", strings.Join(old, ", "))
	}
}
