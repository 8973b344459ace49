// Command unhunch coaches you through short, safe routines for postural
// upper-back pain. See README.md, or run `unhunch --help`.
package main

import (
	"os"

	"github.com/unhunch/unhunch/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.OSEnv()))
}
