package web_test

import (
	"io"
	"log/slog"

	"github.com/unhunch/unhunch/internal/web"
)

// serveLogHandler is the request log's handler as `unhunch serve` makes it
// (internal/cli/serve.go), for benchmarks.
func serveLogHandler(w io.Writer) slog.Handler { return web.NewLogHandler(w) }
