package cli_test

import (
	"bytes"
	"net"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/internal/cli"
)

// A port that another program holds is exit 6, saying so; the journal is
// opened but nothing is served.
func TestServePortBusy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var out, errs bytes.Buffer
	config := t.TempDir()
	getenv := func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return config
		}
		return ""
	}
	code := cli.Run([]string{"serve", "--addr", ln.Addr().String(), "--data-dir", t.TempDir()},
		cli.Env{Stdout: &out, Stderr: &errs, Stdin: strings.NewReader(""), Getenv: getenv})
	if code != 6 {
		t.Fatalf("exit %d, want 6; stderr: %s", code, errs.String())
	}
	if !strings.Contains(errs.String(), "Is another program using that port?") {
		t.Errorf("stderr %q does not say the port is in use", errs.String())
	}
}
