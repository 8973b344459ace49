package catalog_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
)

var update = flag.Bool("update", false, "regenerate data/builtin.json from the YAML sources")

// yamlCatalog loads the built-in YAML sources the way custom files are loaded,
// with every check.
func yamlCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	b := catalog.NewBuilder()
	var issues []catalog.Issue
	for _, dir := range []string{"exercises", "routines"} {
		issues = append(issues, b.AddFS(os.DirFS(filepath.Join("data", dir)), dir)...)
	}
	c, more := b.Build()
	if issues = append(issues, more...); len(issues) > 0 {
		t.Fatalf("built-in YAML has problems: %v", issues)
	}
	return c
}

// TestBuiltinJSON keeps data/builtin.json, which the program loads, equal to
// the YAML it is generated from.
func TestBuiltinJSON(t *testing.T) {
	src := yamlCatalog(t)
	doc := map[string]any{"exercises": src.Exercises(), "routines": src.Routines()}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	generated := bytes.ReplaceAll(buf.Bytes(), []byte(`"origin": "exercises/`), []byte(`"origin": "exercises/`))
	path := filepath.Join("data", "builtin.json")
	if *update {
		if err := os.WriteFile(path, generated, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatalf("%v (regenerate with: go test ./catalog -run TestBuiltinJSON -update)", err)
	}
	ignoreOrigin := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Origin" }, cmp.Ignore())
	if diff := cmp.Diff(src.Exercises(), c.Exercises(), ignoreOrigin); diff != "" {
		t.Errorf("data/builtin.json is stale (regenerate with: go test ./catalog -run TestBuiltinJSON -update):\n%s", diff)
	}
	if diff := cmp.Diff(src.Routines(), c.Routines(), ignoreOrigin); diff != "" {
		t.Errorf("data/builtin.json is stale (regenerate with: go test ./catalog -run TestBuiltinJSON -update):\n%s", diff)
	}
}

func BenchmarkLoadYAML(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		yamlCatalog(b)
	}
}
