package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// connectTimeout bounds each attempt to reach PostgreSQL when the URL sets
// no connect_timeout, so that a server that never answers gives a clear
// error instead of a hang.
const connectTimeout = 10 * time.Second

var postgresEngine = &engine{
	name:         "postgres",
	gooseDialect: goose.DialectPostgres,
	listTables:   "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
	ownedTables:  "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = $1 ORDER BY table_name",
	explain:      explainPostgres,
	isForeignKey: func(err error) bool {
		var pe *pgconn.PgError
		return errors.As(err, &pe) && pe.Code == "23503"
	},
	lockMigrations: lockPostgresMigrations,
}

// migrationLockID names the advisory lock held while migrating: "unhunch"
// in ASCII.
const migrationLockID int64 = 0x756e68756e6368

// lockPostgresMigrations takes a session advisory lock, waiting (without
// polling) while another server holds it.
func lockPostgresMigrations(ctx context.Context, db *sql.DB) (func(), error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockID); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockID)
		conn.Close()
	}, nil
}

// isPostgresURL reports whether url names a PostgreSQL database.
func isPostgresURL(url string) bool {
	l := strings.ToLower(url)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// redactURL returns url fit to show: its password masked, and nothing at
// all of it when it cannot be parsed (it might hide a password anywhere).
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		if strings.ContainsAny(raw, ":@") {
			return "…"
		}
		return raw
	}
	return u.Redacted()
}

// openPostgres connects to the database at url and brings its schema up to date.
func openPostgres(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message quotes the URL; it masks passwords only on a best
		// effort basis, so none of it is shown.
		return nil, unhunch.E(unhunch.EInvalid, message.StorePGBadURL)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	server := postgresServer(cfg)
	s := &Store{eng: postgresEngine, where: server + "/" + cfg.Database,
		pg: pgInfo{server: server, user: cfg.User, database: cfg.Database}}
	s.db = stdlib.OpenDB(*cfg)
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, s.fail("connect", err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// pgInfo names a PostgreSQL database for messages.
type pgInfo struct {
	server   string // host:port, or the socket directory and port
	user     string
	database string
}

// postgresServer names a PostgreSQL server for people: host:port.
func postgresServer(cfg *pgx.ConnConfig) string {
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
}

// explainPostgres gives PostgreSQL's errors a message a person can act on.
func explainPostgres(s *Store, op string, err error) error {
	cause := fmt.Errorf("store: %s: %w", op, err)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "28"): // invalid authorization
			return unhunch.E(unhunch.EInvalid, message.StorePGLogin, s.pg.server, s.pg.user, pe.Message).Wrap(cause)
		case pe.Code == "3D000": // invalid catalog name
			return unhunch.E(unhunch.EInvalid, message.StorePGNoDatabase, s.pg.server, s.pg.database, s.pg.database).Wrap(cause)
		case pe.Code == "25006": // read-only SQL transaction: a replica
			return unhunch.E(unhunch.EUnavailable, message.StorePGReadOnly, s.pg.server).Wrap(cause)
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "53"), strings.HasPrefix(pe.Code, "57P"):
			// connection exceptions, insufficient resources, shutdowns
			return unhunch.E(unhunch.EUnavailable, message.StorePGFailed, s.pg.server, pe.Message).Wrap(cause)
		}
		return nil
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.Timeout(err) {
		return unhunch.E(unhunch.EUnavailable, message.StorePGUnreachable, s.pg.server, netReason(err)).Wrap(cause)
	}
	return nil
}

// netReason says in a few words why a connection failed: "connection
// refused", "no such host", "no answer within 10s". pgx may join the errors
// of several attempts; the first reason found stands for them.
func netReason(err error) string {
	var errno syscall.Errno
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.As(err, &errno):
		return errno.Error()
	case errors.As(err, &dns):
		return dns.Err
	case pgconn.Timeout(err), errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no answer within %s", connectTimeout)
	}
	msg, _, _ := strings.Cut(rootCause(err).Error(), "\n")
	return msg
}
