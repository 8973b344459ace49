package catalog_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/catalog/internal/builtingen"
)

// yamlCatalog loads the built-in YAML sources the way custom files are loaded,
// with every check.
func yamlCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := builtingen.Load("data")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBuiltinData keeps builtin_data.go, which the program uses, equal to the
// YAML it is generated from.
func TestBuiltinData(t *testing.T) {
	generated, err := builtingen.Source("data")
	if err != nil {
		t.Fatal(err)
	}
	const path = "builtin_data.go"
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, generated) {
		t.Fatalf("%s is stale; regenerate it with: go generate ./catalog", path)
	}
	src, c := yamlCatalog(t), builtin(t)
	ignoreOrigin := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Origin" }, cmp.Ignore())
	if diff := cmp.Diff(src.Exercises(), c.Exercises(), ignoreOrigin); diff != "" {
		t.Errorf("exercises differ from the YAML (-yaml +built-in):\n%s", diff)
	}
	if diff := cmp.Diff(src.Routines(), c.Routines(), ignoreOrigin); diff != "" {
		t.Errorf("routines differ from the YAML (-yaml +built-in):\n%s", diff)
	}
}

func BenchmarkLoadYAML(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		yamlCatalog(b)
	}
}
