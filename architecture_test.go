package unhunch_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/unhunch/unhunch"

// imports returns, for every package of the module, the packages of the
// module its non-test files import, as "pkg: dep dep…" lines, sorted; the
// root package is "unhunch".
func imports(t *testing.T) []string {
	t.Helper()
	deps := map[string]map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := name(filepath.ToSlash(filepath.Dir(path)))
		if deps[pkg] == nil {
			deps[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if p == module || strings.HasPrefix(p, module+"/") {
				deps[pkg][name(strings.TrimPrefix(strings.TrimPrefix(p, module), "/"))] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for pkg, ds := range deps {
		list := make([]string, 0, len(ds))
		for d := range ds {
			list = append(list, d)
		}
		slices.Sort(list)
		lines = append(lines, strings.TrimSpace(pkg+": "+strings.Join(list, " ")))
	}
	slices.Sort(lines)
	return lines
}

// name is how the documentation names a package: its folder, "unhunch" for the root.
func name(dir string) string {
	if dir == "." || dir == "" {
		return "unhunch"
	}
	return dir
}

// docImports returns the lines of the "Imports" section's block in
// docs/architecture.md.
func docImports(t *testing.T) []string {
	t.Helper()
	doc, err := os.ReadFile("docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## Imports\n")
	if !ok {
		t.Fatal(`docs/architecture.md has no "## Imports" section`)
	}
	_, block, ok := strings.Cut(section, "```\n")
	if !ok {
		t.Fatal(`the "Imports" section has no block`)
	}
	block, _, _ = strings.Cut(block, "```")
	return strings.Split(strings.TrimSpace(block), "\n")
}

// docs/architecture.md lists every package of the module with exactly the
// packages of the module it imports: the package map says what the code
// does, and its diagram's arrows are these.
func TestArchitectureImports(t *testing.T) {
	got, want := imports(t), docImports(t)
	if len(got) < 20 {
		t.Fatalf("found only %d packages: %v", len(got), got)
	}
	if !slices.Equal(got, want) {
		t.Errorf("docs/architecture.md's Imports section differs from the code; the code has:\n\n%s", strings.Join(got, "\n"))
	}
	doc, _ := os.ReadFile("docs/architecture.md")
	var named []string // the packages the table's first column names
	for _, row := range strings.Split(string(doc), "\n") {
		if cells := strings.Split(row, "|"); len(cells) > 2 && row[0] == '|' {
			named = append(named, cells[1])
		}
	}
	for _, line := range got {
		pkg, _, _ := strings.Cut(line, ":")
		if pkg == "unhunch" {
			pkg = "unhunch` (root)"
		}
		if !slices.ContainsFunc(named, func(c string) bool { return strings.Contains(c, "`"+pkg+"`") || strings.Contains(c, "`"+pkg) }) {
			t.Errorf("docs/architecture.md's table has no row for %s", pkg)
		}
	}
}
