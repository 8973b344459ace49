// Package pgtest starts a throwaway PostgreSQL 15 server for the tests that
// need one (the store's suite, the web server's, the crash-and-load suite):
// initdb into a temporary folder (as the postgres user when running as
// root), a free loopback port, trust authentication. The server starts when
// the first test asks for a database, never for a run that needs none. It
// is imported by tests only.
//
// Under go test -short, tests that need it skip. When the server cannot
// run, they skip loudly, or fail when UNHUNCH_REQUIRE_POSTGRES is set (as in
// CI). UNHUNCH_TEST_POSTGRES, a server URL without a database, uses an
// existing server instead.
package pgtest

import (
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create databases
)

// Bin is where Debian installs PostgreSQL 15.
const Bin = "/usr/lib/postgresql/15/bin"

// Server is a running PostgreSQL server.
type Server struct {
	// URL is the server's address without a database:
	// postgres://postgres@127.0.0.1:PORT.
	URL string

	dir   string   // its data and socket folder; "" for a server not ours
	as    []string // the command prefix that runs as the postgres user
	admin *sql.DB
	n     atomic.Int64
}

// Start starts a new server (or names the one UNHUNCH_TEST_POSTGRES gives).
// fsync off makes tests faster; durability figures need it on.
func Start(fsync bool) (*Server, error) {
	if u := os.Getenv("UNHUNCH_TEST_POSTGRES"); u != "" {
		return &Server{URL: strings.TrimSuffix(u, "/")}, nil
	}
	if _, err := os.Stat(filepath.Join(Bin, "initdb")); err != nil {
		return nil, fmt.Errorf("no PostgreSQL 15 binaries at %s (apt-get install postgresql-15)", Bin)
	}
	dir, err := os.MkdirTemp("", "unhunch-pg-*")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir}
	if os.Geteuid() == 0 { // initdb refuses to run as root
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root, and there is no postgres user to run the server as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("cannot hand %s to the postgres user: %v", dir, err)
		}
		s.as = []string{"runuser", "-u", "postgres", "--"}
	}
	data := filepath.Join(dir, "data")
	if err := s.run(filepath.Join(Bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-sync",
		"-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb failed: %v", err)
	}
	mode := "off"
	if fsync {
		mode = "on"
	}
	for attempt := 0; ; attempt++ {
		port := FreePort()
		err := s.run(filepath.Join(Bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "pg.log"), "-w", "-t", "60",
			"-o", fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=%s -c max_connections=200", port, dir, mode), "start")
		if err == nil {
			s.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d", port)
			return s, nil
		}
		if attempt == 2 {
			log, _ := os.ReadFile(filepath.Join(dir, "pg.log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("the PostgreSQL server did not start: %v\n%s", err, log)
		}
	}
}

// run runs a PostgreSQL program as the postgres user when needed.
func (s *Server) run(args ...string) error {
	args = append(append([]string{}, s.as...), args...)
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// NewDatabase creates an empty database and returns its URL.
func (s *Server) NewDatabase() (string, error) {
	if s.admin == nil {
		db, err := sql.Open("pgx", s.URL+"/postgres?sslmode=disable")
		if err != nil {
			return "", err
		}
		s.admin = db
	}
	name := fmt.Sprintf("unhunch_%d_%d", os.Getpid(), s.n.Add(1))
	if _, err := s.admin.Exec("CREATE DATABASE " + name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	return s.URL + "/" + name + "?sslmode=disable", nil
}

// Stop stops a server Start started and removes its files.
func (s *Server) Stop() {
	if s.admin != nil {
		s.admin.Close()
	}
	if s.dir == "" {
		return
	}
	s.run(filepath.Join(Bin, "pg_ctl"), "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
}

// FreePort returns a TCP port on 127.0.0.1 that nothing listens on now.
func FreePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 54329
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// shared is the server Database starts on first use, for a whole test binary.
var shared struct {
	once sync.Once
	mu   sync.Mutex
	srv  *Server
	err  error
}

// Database returns the URL of a new, empty database on a server shared by
// the test binary (started on first use; stop it with StopShared in
// TestMain). Under -short the test is skipped; without a server it is
// skipped loudly, or fails when UNHUNCH_REQUIRE_POSTGRES is set.
func Database(t testing.TB) string {
	t.Helper()
	sharedServer(t)
	shared.mu.Lock()
	defer shared.mu.Unlock()
	url, err := shared.srv.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// ServerURL returns the address of the shared server, without a database
// (for a URL naming one that does not exist), with Database's rules.
func ServerURL(t testing.TB) string {
	t.Helper()
	return sharedServer(t).URL
}

// sharedServer starts the shared server on first use, or skips or fails t.
func sharedServer(t testing.TB) *Server {
	t.Helper()
	if testing.Short() {
		t.Skip("PostgreSQL half skipped under -short")
	}
	shared.once.Do(func() { shared.srv, shared.err = Start(false) })
	if shared.err != nil {
		msg := "!!! PostgreSQL tests SKIPPED: " + shared.err.Error()
		if os.Getenv("UNHUNCH_REQUIRE_POSTGRES") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return shared.srv
}

// Run runs the package's tests and then stops the shared server, if they
// started it, returning the exit code for os.Exit: what a TestMain of a
// package whose tests call Database or ServerURL ends with.
func Run(m *testing.M) int {
	code := m.Run()
	StopShared()
	return code
}

// StopShared stops the server Database started, if it did.
func StopShared() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.srv != nil {
		shared.srv.Stop()
		shared.srv = nil
	}
}
