// Command profiled is unhunch with Go's profiler listening on the address
// in UNHUNCH_PPROF (loopback only), for speed.sh's PROFILE=1: where a
// request's time goes under load.
package main

import (
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"

	"github.com/unhunch/unhunch/internal/cli"
)

func main() {
	if addr := os.Getenv("UNHUNCH_PPROF"); addr != "" {
		host, _, err := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); err == nil && ip != nil && ip.IsLoopback() {
			go http.ListenAndServe(addr, nil)
		}
	}
	os.Exit(cli.Run(os.Args[1:], cli.OSEnv()))
}
