package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotStore is returned (wrapped) by Verify, Backup and Restore for a
// file that is not a sound diplograph store: not SQLite, not ours, written
// by a newer binary, or damaged.
var ErrNotStore = errors.New("not a usable diplograph store")

// Info describes a store file that passed Verify.
type Info struct {
	Version                                  int // migrations applied
	Documents, Entities, Relations, Evidence int
}

func (i Info) String() string {
	return fmt.Sprintf("%d documents, %d entities, %d relations, %d evidence (schema version %d)",
		i.Documents, i.Entities, i.Relations, i.Evidence, i.Version)
}

// Backup writes a consistent snapshot of the store to path with VACUUM
// INTO: one read transaction, so writers in this and other processes carry
// on and none of their transactions is half in it. The snapshot is
// written beside path, synced, checked with Verify and only then moved to
// path, so a failed backup leaves nothing behind. An existing path is an
// error wrapping fs.ErrExist unless replace is set.
func (s *DB) Backup(ctx context.Context, path string, replace bool) (Info, error) {
	if s.path == ":memory:" {
		// Every connection to ":memory:" is a database of its own: only
		// the writer's one holds the graph.
		return backupFrom(ctx, s.w, s.path, path, replace)
	}
	return backupFile(ctx, s.path, path, replace)
}

// Backup is (*DB).Backup of the store at dbPath without opening it as a
// store: no migrations run, so the snapshot is the file as the processes
// using it left it. It holds the store's shared lock meanwhile, so a
// restore cannot swap the file underneath.
func Backup(ctx context.Context, dbPath, path string, replace bool) (Info, error) {
	if _, err := os.Stat(dbPath); err != nil {
		return Info{}, fmt.Errorf("back up %s: %w", dbPath, err)
	}
	lock, err := lockStore(dbPath, false, lockWait)
	if err != nil {
		return Info{}, fmt.Errorf("back up %s: %w", dbPath, err)
	}
	defer lock.Close()
	return backupFile(ctx, dbPath, path, replace)
}

// backupFile backs the database file dbPath up through a connection of
// its own: the store's readers are query_only, which VACUUM INTO refuses,
// and its writer must stay free for writes while the copy runs.
func backupFile(ctx context.Context, dbPath, path string, replace bool) (Info, error) {
	db, err := sql.Open("sqlite", dbPath+"?"+url.Values{"_pragma": {fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds())}}.Encode())
	if err != nil {
		return Info{}, fmt.Errorf("back up %s: %w", dbPath, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return backupFrom(ctx, db, dbPath, path, replace)
}

func backupFrom(ctx context.Context, db *sql.DB, dbPath, path string, replace bool) (Info, error) {
	fail := func(err error) (Info, error) {
		return Info{}, fmt.Errorf("back up %s to %s: %w", dbPath, path, err)
	}
	if sameFile(dbPath, path) {
		return fail(errors.New("the backup would overwrite the store itself"))
	}
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return fail(fs.ErrExist)
		}
	}
	tmp, err := tempBeside(path, ".backup-")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp) // after the rename, there is none
	// VACUUM INTO writes into an empty file as into a missing one.
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fail(fmt.Errorf("vacuum into %s: %w", tmp, err))
	}
	if err := syncFile(tmp); err != nil {
		return fail(err)
	}
	info, err := check(ctx, tmp)
	if err != nil {
		return fail(fmt.Errorf("the snapshot failed its check: %w", err))
	}
	if err := install(tmp, path, replace); err != nil {
		return fail(err)
	}
	return info, nil
}

// Verify checks that the file at path is a diplograph store this binary
// can open: an SQLite database (read as it is on disk: a -wal beside it is
// not consulted) with the graph's tables, a migration version it knows (an
// older one is brought up to date when opened) and a clean PRAGMA
// integrity_check and foreign_key_check. It changes nothing. Errors wrap
// ErrNotStore, or the error reading the file.
func Verify(ctx context.Context, path string) (Info, error) {
	info, err := check(ctx, path)
	if err != nil {
		return info, fmt.Errorf("verify %s: %w", path, err)
	}
	return info, nil
}

// Restore replaces the store at dbPath with a copy of the backup at from,
// after Verify passes on the copy. It fails with ErrInUse, changing
// nothing, while any process has the store open (Open's lock), and holds
// the lock itself until done, so none opens it meanwhile. The copy is
// written and synced beside dbPath, the old store's write-ahead log is
// checkpointed and removed with its shared-memory file (a log left beside
// the new file would be replayed into it), and the copy is renamed over
// dbPath: at every moment dbPath is the old store or the new one.
func Restore(ctx context.Context, from, dbPath string) (Info, error) {
	fail := func(err error) (Info, error) {
		return Info{}, fmt.Errorf("restore %s into %s: %w", from, dbPath, err)
	}
	if sameFile(dbPath, from) {
		return fail(errors.New("the backup is the store itself"))
	}
	src, err := os.Open(from)
	if err != nil {
		return fail(err)
	}
	defer src.Close()
	if st, err := src.Stat(); err != nil {
		return fail(err)
	} else if !st.Mode().IsRegular() {
		return fail(fmt.Errorf("%w: %s is not a regular file", ErrNotStore, from))
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return fail(err)
	}
	lock, err := lockStore(dbPath, true, 0)
	if err != nil {
		if errors.Is(err, ErrInUse) {
			return fail(fmt.Errorf("%w: stop the server or ingest using %s first", err, filepath.Dir(dbPath)))
		}
		return fail(err)
	}
	defer lock.Close()

	tmp, err := tempBeside(dbPath, ".restore-")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp) // after the rename, there is none
	if err := copyFile(tmp, src); err != nil {
		return fail(err)
	}
	// What is checked is the copy that will be installed.
	info, err := check(ctx, tmp)
	if err != nil {
		return fail(err)
	}
	checkpoint(ctx, dbPath)
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fail(err)
		}
	}
	if err := install(tmp, dbPath, true); err != nil {
		return fail(err)
	}
	return info, nil
}

// check is Verify without the path in its errors.
func check(ctx context.Context, path string) (Info, error) {
	var info Info
	st, err := os.Stat(path)
	if err != nil {
		return info, err
	}
	if st.Size() == 0 {
		return info, fmt.Errorf("%w: the file is empty", ErrNotStore)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return info, err
	}
	// immutable: read the file as it is, with no locks, no -wal or -shm
	// looked for or created beside it.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro&immutable=1"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return info, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	notStore := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrNotStore}, args...)...)
	}

	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&tables); err != nil {
		return info, notStore("%v", err)
	}
	var have int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'
		AND name IN ('migrations', 'documents', 'entities', 'relations', 'evidence')`).Scan(&have); err != nil {
		return info, notStore("%v", err)
	}
	if have != 5 {
		return info, notStore("it lacks the graph's tables (migrations, documents, entities, relations, evidence)")
	}
	var version sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM migrations`).Scan(&version); err != nil {
		return info, notStore("read its migrations: %v", err)
	}
	info.Version = int(version.Int64)
	switch {
	case info.Version < 1:
		return info, notStore("it records no migration")
	case info.Version > len(migrations):
		return info, notStore("its schema version %d is newer than this binary's %d: restore it with the diplograph that wrote it", info.Version, len(migrations))
	}

	problems, err := pragmaRows(ctx, db, `PRAGMA integrity_check`)
	if err != nil {
		return info, notStore("integrity check: %v", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return info, notStore("integrity check failed: %s", summarize(problems))
	}
	problems, err = pragmaRows(ctx, db, `PRAGMA foreign_key_check`)
	if err != nil {
		return info, notStore("foreign key check: %v", err)
	}
	if len(problems) > 0 {
		return info, notStore("foreign key check failed: %s", summarize(problems))
	}
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM entities),
		(SELECT count(*) FROM relations), (SELECT count(*) FROM evidence)`).
		Scan(&info.Documents, &info.Entities, &info.Relations, &info.Evidence)
	if err != nil {
		return info, notStore("count its rows: %v", err)
	}
	return info, nil
}

// pragmaRows runs a pragma and returns each row's columns joined by spaces.
func pragmaRows(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out, rows.Err()
}

// summarize joins the first few problems a check reported.
func summarize(problems []string) string {
	const most = 5
	if len(problems) <= most {
		return strings.Join(problems, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(problems[:most], "; "), len(problems)-most)
}

// checkpoint moves what the write-ahead log of the database at path holds
// into the database, so that removing the log loses nothing should the
// restore stop before its rename. A store that is missing or too damaged
// to open is about to be replaced anyway.
func checkpoint(ctx context.Context, path string) {
	if _, err := os.Stat(path + "-wal"); err != nil {
		return
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return
	}
	defer db.Close()
	db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}

// sameFile reports whether a and b name one file, or b is one of a's
// companions (-wal, -shm, -journal).
func sameFile(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 != nil || err2 != nil {
		return false
	}
	if aa == bb || strings.HasPrefix(bb, aa+"-") {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// tempBeside creates an empty file in the folder of path, for a new
// version of path to be written into and renamed.
func tempBeside(path, infix string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+infix+"*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// copyFile copies src into the file at path and syncs it.
func copyFile(path string, src io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, src); err != nil {
		f.Close()
		return fmt.Errorf("copy into %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

// install moves the synced file tmp to path in one step, and syncs the
// folder so the move itself survives a crash. Without replace it fails
// with fs.ErrExist when path exists, the test and the move being one
// link(2) where the file system has hard links.
func install(tmp, path string, replace bool) error {
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	} else {
		err := os.Link(tmp, path)
		switch {
		case errors.Is(err, fs.ErrExist):
			return fs.ErrExist
		case err != nil:
			// A file system without hard links: test, then move.
			if _, err := os.Lstat(path); err == nil {
				return fs.ErrExist
			}
			if err := os.Rename(tmp, path); err != nil {
				return err
			}
		default:
			os.Remove(tmp)
		}
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	// Some systems cannot sync a folder; the rename is done either way.
	dir.Sync()
	return nil
}
