package cli_test

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/cli"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and localhost
// and its key as PEM files in dir, and returns their paths and the
// certificate.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "unhunch test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:     []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ = x509.ParseCertificate(der)
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile, cert
}

// Issue 17: once an account exists, serve listens beyond loopback with
// HTTPS of its own: a client that trusts the certificate reaches it by
// address, signs in with a password and gets a Secure cookie; a name the
// server was not given is still refused (421).
func TestServeTLSBeyondLoopback(t *testing.T) {
	dir := t.TempDir()
	config := t.TempDir()
	env := func(stdin io.Reader, stdout io.Writer) cli.Env {
		return cli.Env{Stdin: stdin, Stdout: stdout, Stderr: io.Discard, Getenv: func(k string) string {
			switch k {
			case "UNHUNCH_DATA_DIR":
				return dir
			case "XDG_CONFIG_HOME":
				return config
			}
			return ""
		}}
	}
	if code := cli.Run([]string{"users", "add", "pat"}, env(strings.NewReader(""), io.Discard)); code != 0 {
		t.Fatalf("users add: %d", code)
	}
	if code := cli.Run([]string{"users", "password", "pat"}, env(strings.NewReader("correct horse battery\n"), io.Discard)); code != 0 {
		t.Fatalf("users password: %d", code)
	}
	certFile, keyFile, cert := selfSigned(t, t.TempDir())

	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	exited := make(chan int, 1)
	go func() {
		exited <- cli.RunContext(ctx, []string{"serve", "--addr", "0.0.0.0:0", "--tls-cert", certFile, "--tls-key", keyFile}, env(strings.NewReader(""), pw))
		pw.Close()
	}()
	rd := bufio.NewReader(pr)
	line, err := rd.ReadString('\n')
	if err != nil {
		t.Fatalf("serve said nothing: %v (exit %d)", err, <-exited)
	}
	m := regexp.MustCompile(`ready at https://\S+:(\d+)/`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve says: %q", line)
	}
	// Where a phone can open it, when this machine has a network address.
	if addrs, _ := net.InterfaceAddrs(); hasNetworkIPv4(addrs) {
		next, _ := rd.ReadString('\n')
		if !regexp.MustCompile(`^On this network, open it at: (https://[0-9.]+:` + m[1] + `/ ?)+\n$`).MatchString(next) {
			t.Errorf("serve then says %q", next)
		}
	}
	go io.Copy(io.Discard, rd)
	base := "https://127.0.0.1:" + m[1]
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	client := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	get := func(path, host string) *http.Response {
		req, _ := http.NewRequest("GET", base+path, nil)
		if host != "" {
			req.Host = host
		}
		r, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		r.Body.Close()
		return r
	}
	for _, c := range []struct {
		path, host string
		want       int
	}{
		{"/healthz", "", http.StatusOK},
		{"/api/v1/progress", "", http.StatusUnauthorized},           // accounts: sign in first
		{"/healthz", "192.0.2.44:" + m[1], http.StatusOK},           // a phone opening it by address
		{"/healthz", "evil.example", http.StatusMisdirectedRequest}, // a name it was not given
	} {
		if r := get(c.path, c.host); r.StatusCode != c.want {
			t.Errorf("GET %s (Host %q): %d, want %d", c.path, c.host, r.StatusCode, c.want)
		}
	}
	r, err := client.PostForm(base+"/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}})
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	var session *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == "unhunch_session" {
			session = c
		}
	}
	if r.StatusCode != http.StatusSeeOther || session == nil || !session.Secure || !session.HttpOnly {
		t.Errorf("sign in over HTTPS: %d, cookie %+v", r.StatusCode, session)
	}
	// Plain HTTP to the HTTPS port gets no page.
	if r, err := http.Get("http://127.0.0.1:" + m[1] + "/healthz"); err == nil {
		r.Body.Close()
		if r.StatusCode == http.StatusOK {
			t.Errorf("plain HTTP was served")
		}
	}
	cancel()
	if code := <-exited; code != 0 {
		t.Errorf("serve ended with %d", code)
	}
}

// Issue 17: behind a reverse proxy (plain HTTP from a trusted address),
// serve answers the public URL's host, makes its cookies Secure because
// the public URL is https, and still refuses other names.
func TestServeBehindProxy(t *testing.T) {
	dir, config := t.TempDir(), t.TempDir()
	env := func(stdin io.Reader, stdout io.Writer) cli.Env {
		return cli.Env{Stdin: stdin, Stdout: stdout, Stderr: io.Discard, Getenv: func(k string) string {
			switch k {
			case "UNHUNCH_DATA_DIR":
				return dir
			case "XDG_CONFIG_HOME":
				return config
			}
			return ""
		}}
	}
	if code := cli.Run([]string{"users", "add", "pat"}, env(strings.NewReader(""), io.Discard)); code != 0 {
		t.Fatalf("users add: %d", code)
	}
	if code := cli.Run([]string{"users", "password", "pat"}, env(strings.NewReader("correct horse battery\n"), io.Discard)); code != 0 {
		t.Fatalf("users password: %d", code)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	exited := make(chan int, 1)
	go func() {
		exited <- cli.RunContext(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--trust-proxy", "127.0.0.1", "--public-url", "https://unhunch.example.org"}, env(strings.NewReader(""), pw))
		pw.Close()
	}()
	rd := bufio.NewReader(pr)
	line, err := rd.ReadString('\n')
	if err != nil {
		t.Fatalf("serve said nothing: %v (exit %d)", err, <-exited)
	}
	m := regexp.MustCompile(`ready at http://(127\.0\.0\.1:\d+)/`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve says: %q", line)
	}
	if next, _ := rd.ReadString('\n'); next != "People open it at https://unhunch.example.org.\n" {
		t.Errorf("serve then says %q", next)
	}
	go io.Copy(io.Discard, rd)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	send := func(method, path, host string, body io.Reader) *http.Response {
		req, _ := http.NewRequest(method, "http://"+m[1]+path, body)
		req.Host = host
		req.Header.Set("X-Forwarded-For", "203.0.113.5")
		req.Header.Set("X-Forwarded-Proto", "https")
		if body != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", "https://unhunch.example.org") // as the proxy passes it on
		}
		r, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		r.Body.Close()
		return r
	}
	if r := send("GET", "/healthz", "unhunch.example.org", nil); r.StatusCode != http.StatusOK {
		t.Errorf("the public name: %d", r.StatusCode)
	}
	if r := send("GET", "/healthz", "other.example.org", nil); r.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("another name: %d", r.StatusCode)
	}
	r := send("POST", "/signin", "127.0.0.1", strings.NewReader(url.Values{"name": {"pat"}, "password": {"correct horse battery"}}.Encode()))
	var session *http.Cookie
	for _, c := range r.Cookies() {
		if c.Name == "unhunch_session" {
			session = c
		}
	}
	if r.StatusCode != http.StatusSeeOther || session == nil || !session.Secure {
		t.Errorf("sign in through the proxy: %d, cookie %+v", r.StatusCode, session)
	}
	// While it serves, the command line makes an account and a token on the
	// same journal, and the server takes the token at once.
	var out strings.Builder
	if code := cli.Run([]string{"users", "add", "sam", "--json"}, env(strings.NewReader(""), &out)); code != 0 || !strings.Contains(out.String(), `"name":"sam"`) {
		t.Fatalf("users add while serving: %d %s", code, out.String())
	}
	out.Reset()
	if code := cli.Run([]string{"tokens", "create", "--user", "sam", "--json"}, env(strings.NewReader(""), &out)); code != 0 {
		t.Fatalf("tokens create while serving: %d", code)
	}
	token := regexp.MustCompile(`"token":"(uh_[^"]+)"`).FindStringSubmatch(out.String())
	if token == nil {
		t.Fatalf("tokens create said %s", out.String())
	}
	req, _ := http.NewRequest("GET", "http://"+m[1]+"/api/v1/progress", nil)
	req.Header.Set("Authorization", "Bearer "+token[1])
	if r, err := client.Do(req); err != nil || r.StatusCode != http.StatusOK {
		t.Errorf("the new token on the running server: %v %v", r, err)
	} else {
		r.Body.Close()
	}
	cancel()
	if code := <-exited; code != 0 {
		t.Errorf("serve ended with %d", code)
	}
}

// hasNetworkIPv4 reports whether addrs holds a non-loopback IPv4 address.
func hasNetworkIPv4(addrs []net.Addr) bool {
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil && !n.IP.IsLinkLocalUnicast() {
			return true
		}
	}
	return false
}
