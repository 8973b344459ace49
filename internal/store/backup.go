package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// Backup writes a consistent copy of the SQLite journal to path and returns
// how many sessions it holds. It works while sessions are being saved (the
// copy is one snapshot, made with VACUUM INTO), writes to a temporary file
// beside path and moves it into place only once it is complete, checked and
// on disk, and refuses to replace an existing file unless overwrite is set.
// On PostgreSQL it returns an EInvalid error pointing to pg_dump.
func (s *Store) Backup(ctx context.Context, path string, overwrite bool) (int, error) {
	if s.eng.name != "sqlite" {
		return 0, invalid(message.StoreBackupPostgres)
	}
	dest, err := filepath.Abs(path)
	if err != nil {
		return 0, coded(unhunch.EInvalid, err, message.StoreBackupFailed, path, err)
	}
	dir := filepath.Dir(dest)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return 0, coded(unhunch.EInvalid, err, message.StoreBackupNoDir, path, dir)
	}
	if info, err := os.Stat(dest); err == nil {
		switch {
		case info.IsDir():
			return 0, invalid(message.StoreBackupIsDir, path)
		case sameFile(dest, s.path):
			return 0, invalid(message.StoreBackupIsJournal, path)
		case !overwrite:
			return 0, coded(unhunch.EConflict, nil, message.StoreBackupExists, path)
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return 0, coded(unhunch.EUnavailable, err, message.StoreBackupFailed, path, rootCause(err))
	}
	tmpName := tmp.Name()
	tmp.Close()
	done := false
	defer func() {
		if !done {
			os.Remove(tmpName)
		}
	}()
	// VACUUM INTO writes into an empty file; it needs no lock beyond a read.
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO $1", tmpName); err != nil {
		return 0, s.fail("back up to "+path, err)
	}
	if err := syncFile(tmpName); err != nil {
		return 0, coded(unhunch.EUnavailable, err, message.StoreBackupFailed, path, rootCause(err))
	}
	info, err := checkBackup(ctx, tmpName)
	if err != nil {
		return 0, unhunch.Errorf(unhunch.EInternal, "store: the backup just written does not check out: %w", err)
	}
	if overwrite {
		err = os.Rename(tmpName, dest)
	} else {
		err = linkNoReplace(tmpName, dest)
	}
	if errors.Is(err, fs.ErrExist) {
		return 0, coded(unhunch.EConflict, err, message.StoreBackupExists, path)
	}
	if err != nil {
		return 0, coded(unhunch.EUnavailable, err, message.StoreBackupFailed, path, rootCause(err))
	}
	done = true
	os.Remove(tmpName) // the link's other name, if linkNoReplace made one
	if err := syncDir(dir); err != nil {
		return 0, coded(unhunch.EUnavailable, err, message.StoreBackupFailed, path, rootCause(err))
	}
	return info.sessions, nil
}

// Restored says what Restore did.
type Restored struct {
	Path     string // the journal now in place
	Kept     string // where the journal it replaced was kept; "" if there was none
	Sessions int    // how many sessions the restored journal holds
}

// Restore replaces the SQLite journal in dataDir with the backup at from.
// It checks the backup first — an intact SQLite file (integrity_check), at a
// schema version this build knows, whose schema is object by object what
// this build's migrations make at that version (no trigger, view or anything
// else) — and changes nothing if it fails. Then it copies the backup's rows
// into a new journal at the current schema, each through its rules (a row
// that breaks one is refused, naming it), syncs and checks the new journal,
// keeps the current journal (with its write-ahead log) as
// unhunch.db.bak-<UTC time>, and renames the new one into place. It refuses while any process has the journal open (the lock every
// process holds while the journal is open, LockName), naming them, and keeps
// processes from opening it until it is done.
func Restore(ctx context.Context, from, dataDir string) (*Restored, error) {
	src, err := filepath.Abs(from)
	if err != nil {
		return nil, coded(unhunch.EInvalid, err, message.StoreRestoreNotBackup, from, rootCause(err))
	}
	if dataDir == "" {
		dataDir = "."
	}
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "store: data folder %s: %w", dataDir, err)
	}
	dest := filepath.Join(dir, FileName)

	// 1. Check the backup, touching nothing.
	srcInfo, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, coded(unhunch.ENotFound, err, message.StoreRestoreMissing, from)
	case err != nil:
		return nil, coded(unhunch.EInvalid, err, message.StoreRestoreNotBackup, from, rootCause(err))
	case srcInfo.IsDir():
		return nil, invalid(message.StoreRestoreNotBackup, from, message.Text(message.StoreWhyFolder))
	case sameFile(src, dest):
		return nil, invalid(message.StoreRestoreIsJournal, from)
	}
	if wal, err := os.Stat(src + "-wal"); err == nil && wal.Size() > 0 {
		return nil, invalid(message.StoreRestoreLive, from, from)
	}
	if _, err := checkBackup(ctx, src); err != nil {
		return nil, restoreRefusal(from, err)
	}

	// 2. Refuse while any process has the journal open (it holds the
	// lock's shared side), and keep others out until the restore is done.
	if err := ensureDir(dir); err != nil {
		return nil, err
	}
	lock, err := lockExclusive(dir)
	if err != nil {
		return nil, err
	}
	defer releaseLock(lock)

	// 3. Copy the backup's rows, one by one through the current schema,
	// into a new journal; then check exactly the bytes that will be used.
	tmpName, err := rebuild(ctx, src, dir)
	if err != nil {
		if refused := restoreRows(from, err); refused != nil {
			return nil, refused
		}
		return nil, coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
	}
	done := false
	defer func() {
		if !done {
			os.Remove(tmpName)
		}
	}()
	if err := syncFile(tmpName); err != nil {
		return nil, coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
	}
	info, err := checkBackup(ctx, tmpName)
	if err != nil {
		return nil, coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
	}

	// 4. Keep the current journal, then move the copy into place.
	res := &Restored{Path: dest, Sessions: info.sessions}
	if _, err := os.Lstat(dest); err == nil {
		checkpoint(ctx, dest)
		kept, err := keep(dest)
		if err != nil {
			return nil, coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
		}
		res.Kept = kept
	}
	// The old -wal must go before the new file arrives: SQLite would replay
	// it onto the restored journal. Its content is kept with the old one.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dest + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
		}
	}
	if err := os.Rename(tmpName, dest); err != nil {
		return nil, coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
	}
	done = true
	if err := syncDir(dir); err != nil {
		return nil, coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
	}
	return res, nil
}

// backupInfo is what checkBackup learns about a backup.
type backupInfo struct {
	version  int64
	sessions int
}

// Reasons checkBackup gives, for restoreRefusal to word.
var (
	errNotSQLite = errors.New("not an SQLite database")
	errNoTables  = errors.New("no unhunch tables")
)

// damagedError is an integrity check that did not say "ok".
type damagedError struct{ report string }

// Error says what the integrity check found.
func (e *damagedError) Error() string { return "integrity check: " + e.report }

// newerError is a backup from a newer schema than this build knows.
type newerError struct{ version int64 }

// Error names the newer schema version.
func (e *newerError) Error() string { return fmt.Sprintf("schema version %d", e.version) }

// checkBackup opens path read-only (no locks, no -wal or -shm created) and
// checks that it is an intact unhunch journal this build can use.
func checkBackup(ctx context.Context, path string) (backupInfo, error) {
	var info backupInfo
	if err := checkMagic(path); err != nil {
		return info, errNotSQLite
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return info, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return info, notSQLiteOr(err)
	}
	var report []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return info, notSQLiteOr(err)
		}
		report = append(report, line)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return info, notSQLiteOr(err)
	}
	rows.Close()
	if len(report) != 1 || report[0] != "ok" {
		if len(report) > 3 {
			report = append(report[:3], "…")
		}
		return info, &damagedError{strings.Join(report, "; ")}
	}
	sc, err := inspect(ctx, db, sqliteEngine)
	if err != nil {
		return info, notSQLiteOr(err)
	}
	if !sc.ours() || !sc.complete() {
		return info, errNoTables
	}
	info.version = sc.version
	if sc.version > SchemaVersion() {
		return info, &newerError{sc.version}
	}
	if err := verifySchema(ctx, db, sc.version); err != nil {
		return info, err
	}
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sessions").Scan(&info.sessions); err != nil {
		return info, notSQLiteOr(err)
	}
	return info, nil
}

// notSQLiteOr returns errNotSQLite for SQLite's "not a database", a
// damagedError for "malformed", and err otherwise.
func notSQLiteOr(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return errNotSQLite
		case sqlite3.SQLITE_CORRUPT:
			return &damagedError{se.Error()}
		}
	}
	return err
}

// restoreRefusal words checkBackup's error about the backup named from.
func restoreRefusal(from string, err error) error {
	var damaged *damagedError
	var newer *newerError
	var schema *schemaError
	switch {
	case errors.As(err, &schema):
		return coded(unhunch.EInvalid, err, message.StoreRestoreSchema, from, schema.why)
	case errors.Is(err, errNotSQLite):
		return coded(unhunch.EInvalid, err, message.StoreRestoreNotBackup, from, message.Text(message.StoreWhyNotSQLite))
	case errors.Is(err, errNoTables):
		return coded(unhunch.EInvalid, err, message.StoreRestoreNotBackup, from, message.Text(message.StoreWhyNoTables))
	case errors.As(err, &damaged):
		return coded(unhunch.EInvalid, err, message.StoreRestoreDamaged, from, damaged.report)
	case errors.As(err, &newer):
		return coded(unhunch.EConflict, err, message.StoreRestoreNewer, from, newer.version, SchemaVersion())
	}
	return coded(unhunch.EUnavailable, err, message.StoreRestoreFailed, from, rootCause(err))
}

// checkpoint folds the write-ahead log of the journal at path into the file,
// if it can, so that the journal kept aside is one self-contained file. A
// journal that cannot be opened is kept with its -wal as it is.
func checkpoint(ctx context.Context, path string) {
	if checkMagic(path) != nil {
		return
	}
	db, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return
	}
	defer db.Close()
	db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
}

// keep gives the journal at path (and its -wal, if any) a second name,
// path.bak-<UTC time>, and returns it. The journal stays where it is until
// the restored copy replaces it.
func keep(path string) (string, error) {
	stamp := time.Now().UTC().Format("20060102T150405Z")
	for i := 0; ; i++ {
		kept := path + ".bak-" + stamp
		if i > 0 {
			kept += fmt.Sprintf("-%d", i)
		}
		err := linkNoReplace(path, kept)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
			if err := linkNoReplace(path+"-wal", kept+"-wal"); err != nil {
				return "", err
			}
		}
		return kept, nil
	}
}

// linkNoReplace gives the file at from the second name to, failing with
// fs.ErrExist if to exists. Where hard links are not supported it copies.
func linkNoReplace(from, to string) error {
	err := os.Link(from, to)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(to); serr == nil {
		return fs.ErrExist
	}
	return copyFile(from, to)
}

// copyFile copies from to a new file to (owner-only), synced to disk.
func copyFile(from, to string) error {
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if err := copyInto(from, to); err != nil {
		os.Remove(to)
		return err
	}
	return nil
}

// copyInto copies the file from over the existing file to and syncs it.
func copyInto(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncFile flushes the file at path to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries to disk, so that a rename survives a
// power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}
