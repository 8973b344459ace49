// Command gen writes builtin_data.go from the YAML under data/, in the
// current folder: `go generate ./catalog` runs it in catalog/.
package main

import (
	"fmt"
	"os"

	"github.com/unhunch/unhunch/catalog/internal/builtingen"
)

func main() {
	src, err := builtingen.Source("data")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("builtin_data.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
