package cli_test

import (
	"net"
	"strconv"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/cli"
)

// The flags the command line parses itself: --pain-before/--pain-after,
// psfs --rate, serve --addr. Each accepts what it should and refuses the
// rest with EInvalid; none panics.
func FuzzFlagParsers(f *testing.F) {
	for _, s := range []string{"3", "10", "11", "", " 4", "sleeping=4", "=3", "a=b=7", "127.0.0.1:8080", "127.0.0.1:47120x",
		"[::1]:80", "localhost:0", "0.0.0.0:80", ":8080", "127.0.0.1:-1", "127.0.0.1:99999"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, first bool) {
		want := func(what string, err error) {
			if err != nil && unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Fatalf("%s %q: %v (%s)", what, s, err, unhunch.ErrorCode(err))
			}
		}
		p, err := cli.ParsePainFlag("pain-before", s)
		want("pain", err)
		if err == nil && p != nil && (*p < 0 || *p > 10) {
			t.Fatalf("pain %q = %d", s, *p)
		}
		scores, err := cli.ParsePSFS([]string{s, "walking=3", "lifting=5"}, first)
		want("psfs", err)
		for k, v := range scores {
			if v < 0 || v > 10 || k == "" {
				t.Fatalf("psfs %q: %q=%d", s, k, v)
			}
		}
		err = cli.CheckLoopback(s)
		want("addr", err)
		if err == nil {
			host, port, _ := net.SplitHostPort(s)
			n, perr := strconv.Atoi(port)
			ip := net.ParseIP(host)
			if perr != nil || n < 0 || n > 65535 || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
				t.Fatalf("--addr %q was accepted", s)
			}
		}
	})
}
