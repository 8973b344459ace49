package pgtest_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every package whose tests use the shared server (Database, ServerURL)
// stops it in its TestMain (Run, or StopShared): a package that did not left a
// PostgreSQL server running after each test run.
func TestEveryUserStopsTheSharedServer(t *testing.T) {
	uses, stops := map[string]bool{}, map[string]bool{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src, dir := string(b), filepath.Dir(path)
		if strings.Contains(src, "pgtest.Database(") || strings.Contains(src, "pgtest.ServerURL(") {
			uses[dir] = true
		}
		if strings.Contains(src, "pgtest.Run(m)") || strings.Contains(src, "pgtest.StopShared()") {
			stops[dir] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(uses) == 0 {
		t.Fatal("found no package using the shared server: is the walk looking in the module?")
	}
	for dir := range uses {
		if !stops[dir] {
			t.Errorf("%s: its tests use pgtest.Database or ServerURL but no TestMain calls pgtest.Run or pgtest.StopShared", dir)
		}
	}
}
