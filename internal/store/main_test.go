package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for raw access in tests

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// The test binary doubles as the child processes some tests need: with
// childEnv set, TestMain runs that child instead of the tests.
const (
	childEnv    = "UNHUNCH_STORE_TEST_CHILD" // "writer" or "open"
	childURLEnv = "UNHUNCH_STORE_TEST_URL"
	childDirEnv = "UNHUNCH_STORE_TEST_DIR"
)

// pgBin is where Debian installs PostgreSQL 15.
const pgBin = "/usr/lib/postgresql/15/bin"

// pg is the throwaway PostgreSQL server the suite runs against.
var pg struct {
	admin *sql.DB // connected to the "postgres" database
	base  string  // URL of the server, without a database name
	skip  string  // why the PostgreSQL half is skipped; "" when the server runs
	n     atomic.Int64
}

// cleanups run after every test, in TestMain.
var cleanups []func()

func TestMain(m *testing.M) {
	switch c := os.Getenv(childEnv); c {
	case "":
	case "writer":
		os.Exit(writerChild())
	case "open":
		os.Exit(openChild())
	default:
		fmt.Fprintf(os.Stderr, "unknown child %q\n", c)
		os.Exit(2)
	}
	if fuzzWorker() {
		// A fuzzing worker runs one target's inputs, and may be stopped at
		// any moment: it starts no PostgreSQL of its own (it would be left
		// running), so fuzz targets use PostgreSQL only when pg.base is set.
		os.Exit(m.Run())
	}
	stop := startPostgres()
	code := m.Run()
	stop()
	for _, f := range cleanups {
		f()
	}
	if pg.skip != "" {
		// go test hides the output of a passing package unless -v: a CI
		// that must run both halves sets UNHUNCH_REQUIRE_POSTGRES=1.
		loud("PostgreSQL tests were SKIPPED: " + pg.skip)
		if os.Getenv("UNHUNCH_REQUIRE_POSTGRES") != "" && code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// fuzzWorker reports whether this process is a fuzzing worker.
func fuzzWorker() bool {
	for _, a := range os.Args[1:] {
		if strings.HasPrefix(a, "-test.fuzzworker") {
			return true
		}
	}
	return false
}

// loud prints msg so that nobody misses it in a test log.
func loud(msg string) {
	bar := strings.Repeat("!", 72)
	fmt.Fprintf(os.Stderr, "\n%s\n!!! %s\n%s\n\n", bar, msg, bar)
}

// startPostgres starts a throwaway PostgreSQL 15 server for the suite
// (or uses UNHUNCH_TEST_POSTGRES, a server URL without a database, if set)
// and returns a function that stops it. It never fails: when the server
// cannot run it sets pg.skip, and the PostgreSQL half of the suite skips.
func startPostgres() (stop func()) {
	stop = func() {}
	if u := os.Getenv("UNHUNCH_TEST_POSTGRES"); u != "" {
		pg.base = strings.TrimSuffix(u, "/")
		return stop
	}
	if _, err := os.Stat(filepath.Join(pgBin, "initdb")); err != nil {
		pg.skip = "no PostgreSQL 15 binaries at " + pgBin + " (apt-get install postgresql-15)"
		loud(pg.skip)
		return stop
	}
	dir, err := os.MkdirTemp("", "unhunch-pg-*")
	if err != nil {
		pg.skip = err.Error()
		return stop
	}
	stop = func() { os.RemoveAll(dir) }
	// initdb refuses to run as root: run the server as the postgres user.
	var as []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			pg.skip = "running as root, and there is no postgres user to run the server as"
			loud(pg.skip)
			return stop
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			pg.skip = "cannot hand " + dir + " to the postgres user: " + err.Error()
			loud(pg.skip)
			return stop
		}
		as = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(args ...string) error {
		args = append(as, args...)
		out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	data := filepath.Join(dir, "data")
	if err := run(filepath.Join(pgBin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-sync",
		"-E", "UTF8", "--locale=C.UTF-8"); err != nil {
		pg.skip = "initdb failed: " + err.Error()
		loud(pg.skip)
		return stop
	}
	// Durability belongs to PostgreSQL, not to these tests: fsync is off
	// unless UNHUNCH_TEST_PG_FSYNC=on (for honest benchmark figures).
	fsync := "off"
	if os.Getenv("UNHUNCH_TEST_PG_FSYNC") == "on" {
		fsync = "on"
	}
	var port int
	for attempt := 0; ; attempt++ {
		port = freePort()
		err := run(filepath.Join(pgBin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "pg.log"), "-w", "-t", "60",
			"-o", fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=%s -c max_connections=200", port, dir, fsync), "start")
		if err == nil {
			break
		}
		if attempt == 2 {
			log, _ := os.ReadFile(filepath.Join(dir, "pg.log"))
			pg.skip = fmt.Sprintf("the PostgreSQL server did not start: %v\n%s", err, log)
			loud(pg.skip)
			return stop
		}
	}
	pg.base = fmt.Sprintf("postgres://postgres@127.0.0.1:%d", port)
	return func() {
		if pg.admin != nil {
			pg.admin.Close()
		}
		run(filepath.Join(pgBin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop")
		os.RemoveAll(dir)
	}
}

// freePort returns a TCP port on 127.0.0.1 that nothing listens on now.
func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 54329
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// pgURL returns the URL of a database on the test server.
func pgURL(db string) string { return pg.base + "/" + db + "?sslmode=disable" }

// newPGDatabase creates an empty database on the test server and returns its URL.
func newPGDatabase(t testing.TB) string {
	t.Helper()
	if pg.admin == nil {
		db, err := sql.Open("pgx", pgURL("postgres"))
		if err != nil {
			t.Fatal(err)
		}
		pg.admin = db
	}
	name := fmt.Sprintf("journal_%d_%d", os.Getpid(), pg.n.Add(1))
	if _, err := pg.admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	return pgURL(name)
}

// engine is one database engine the suite runs against.
type engine struct {
	name string
	// fresh returns where a new, empty journal lives: the url and data
	// folder to give store.Open.
	fresh func(t testing.TB) (url, dir string)
}

var (
	sqliteEng = engine{name: "sqlite", fresh: func(t testing.TB) (string, string) {
		return "", filepath.Join(t.TempDir(), "data")
	}}
	postgresEng = engine{name: "postgres", fresh: func(t testing.TB) (string, string) {
		return newPGDatabase(t), t.TempDir()
	}}
)

// forEachEngine runs f as a subtest on SQLite and on PostgreSQL.
func forEachEngine(t *testing.T, f func(t *testing.T, e engine)) {
	for _, e := range []engine{sqliteEng, postgresEng} {
		t.Run(e.name, func(t *testing.T) {
			if e.name == "postgres" && pg.skip != "" {
				t.Skip("!!! PostgreSQL half SKIPPED: " + pg.skip)
			}
			f(t, e)
		})
	}
}

// open opens a new, empty journal on e, closed when the test ends.
func open(t testing.TB, e engine) *store.Store {
	t.Helper()
	url, dir := e.fresh(t)
	return openAt(t, url, dir)
}

// openAt opens the journal at url or dir, closed when the test ends.
func openAt(t testing.TB, url, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url, dir)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// raw opens the database under the store directly, for tests that set up
// what unhunch itself would never write.
func raw(t testing.TB, url, dir string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if url != "" {
		db, err = sql.Open("pgx", url)
	} else {
		db, err = sql.Open("sqlite", filepath.Join(dir, store.FileName))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// wantError fails the test unless err has the code and its message holds
// every one of parts.
func wantError(t testing.TB, err error, code unhunch.Code, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %s", code)
	}
	if got := unhunch.ErrorCode(err); got != code {
		t.Fatalf("error code %s, want %s: %v", got, code, err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not say %q", err, p)
		}
	}
}

// base is when the test sessions start.
var base = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// childPerformance is the exercise the writer child saves at index i.
func childPerformance(i int) journal.Performance {
	start := base.Add(time.Duration(i) * time.Minute)
	return journal.Performance{
		Index: i, Attempt: 1, ExerciseID: fmt.Sprintf("exercise-%d", i), Outcome: journal.Done,
		Seconds: 30 + float64(i%7), StartedAt: start, EndedAt: start.Add(30 * time.Second),
	}
}

// writerChild starts a session and saves exercise after exercise, printing
// "saved N" once each save has returned, until it is killed.
func writerChild() int {
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv(childURLEnv), os.Getenv(childDirEnv))
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	sess := &journal.Session{RoutineID: "posture-support", RoutineName: "Posture support", StartedAt: base, Owner: store.ThisOwner()}
	if _, err := st.StartSession(ctx, sess); err != nil {
		fmt.Println("error", err)
		return 1
	}
	fmt.Println("started", sess.ID)
	for i := 0; i < 10000; i++ {
		if err := st.RecordExercise(ctx, sess.ID, childPerformance(i)); err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Println("saved", i)
	}
	io.Copy(io.Discard, os.Stdin) // wait for the kill
	return 0
}

// openResult is what the open child reports.
type openResult struct {
	Code    unhunch.Code `json:"code"`
	Message string       `json:"message"`
}

// openChild opens the SQLite journal in its data folder and starts a
// session, and prints the first error's code and message as JSON.
func openChild() int {
	ctx := context.Background()
	var res openResult
	st, err := store.Open(ctx, "", os.Getenv(childDirEnv))
	if err == nil {
		_, err = st.StartSession(ctx, &journal.Session{RoutineID: "quick-daily-reset"})
		st.Close()
	}
	if err != nil {
		res = openResult{unhunch.ErrorCode(err), err.Error()}
	}
	json.NewEncoder(os.Stdout).Encode(res)
	return 0
}

var (
	childBinOnce sync.Once
	childBin     string
	childBinErr  error
)

// unprivileged reports whether permissions bind this process. Root ignores
// them, so the read-only tests run their child as nobody when root.
func unprivileged() bool { return os.Geteuid() != 0 }

// nobody is the user the read-only tests' child runs as when this is root.
const nobody = 65534

// sharedTempDir returns a new folder that the child can reach even when it
// runs as nobody (t.TempDir's parents are private to their owner).
func sharedTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "unhunch-store-*")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	return dir
}

// runOpenChild runs openChild on the journal in dir, as nobody when this
// process is root, and returns what it reported.
func runOpenChild(t *testing.T, dir string) openResult {
	t.Helper()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), childEnv+"=open", childDirEnv+"="+dir)
	if !unprivileged() {
		// The test binary lives in a private build folder: give nobody a copy.
		childBinOnce.Do(func() {
			d, err := os.MkdirTemp("", "unhunch-store-bin-*")
			if err != nil {
				childBinErr = err
				return
			}
			cleanups = append(cleanups, func() { os.RemoveAll(d) })
			os.Chmod(d, 0o755)
			childBin = filepath.Join(d, "store.test")
			childBinErr = copyExecutable(bin, childBin)
		})
		if childBinErr != nil {
			t.Fatal(childBinErr)
		}
		cmd = exec.Command(childBin)
		cmd.Env = append(os.Environ(), childEnv+"=open", childDirEnv+"="+dir, "HOME=/", "GOCOVERDIR=")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("open child: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("open child: %v", err)
	}
	var res openResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("open child said %q: %v", out, err)
	}
	return res
}

// copyExecutable copies the program at from to to, executable by anyone.
func copyExecutable(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o755)
}
