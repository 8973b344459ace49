package cli_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skip2/go-qrcode"

	"github.com/unhunch/unhunch/internal/cli"
)

// The QR code users add prints is the sign-in link it prints: read back
// from the block characters, module by module, it is the link's code.
func TestUsersAddQRIsTheLink(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	env := cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "UNHUNCH_DATA_DIR" {
			return dir
		}
		return ""
	}}
	if code := cli.Run([]string{"users", "add", "pat", "--url", "https://unhunch.example.org"}, env); code != 0 {
		t.Fatalf("users add: exit %d: %s", code, errb.String())
	}
	link := regexp.MustCompile(`(?m)^  (https://unhunch\.example\.org/signin/\S+)$`).FindStringSubmatch(out.String())
	if link == nil {
		t.Fatalf("no link in:\n%s", out.String())
	}
	var rows [][]bool // true: a dark module (printed as a space)
	for _, line := range strings.Split(out.String(), "\n") {
		if !strings.ContainsAny(line, "█▀▄") || strings.ContainsAny(line, "abcdefghijklmnopqrstuvwxyz") {
			continue
		}
		top, bottom := []bool{}, []bool{}
		for _, r := range line {
			// Light modules are drawn: █ both, ▀ top, ▄ bottom, space neither.
			top = append(top, r == ' ' || r == '▄')
			bottom = append(bottom, r == ' ' || r == '▀')
		}
		rows = append(rows, top, bottom)
	}
	qr, err := qrcode.New(link[1], qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	want := qr.Bitmap()
	if len(rows) == len(want)+1 {
		rows = rows[:len(want)] // the odd last row's lower half
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("the QR code printed is not the link's (-want +got):\n%s", diff)
	}
}
