package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/diplograph/diplograph/store"
)

// BusyTimeout is how long a writer waits for another writer (in this or
// another process) before giving up.
const BusyTimeout = 10 * time.Second

// DB is a store.Store kept in one SQLite database.
type DB struct {
	db   *sql.DB
	path string

	// Now stamps documents that arrive without IngestedAt; tests replace it.
	Now func() time.Time
}

var _ store.Store = (*DB)(nil)

// Open opens (creating if needed) the database at path, or a private
// in-memory database for ":memory:", and brings its schema up to date.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open sqlite store: empty path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open sqlite store %q: path may not contain '?' or '#'", path)
	}
	memory := path == ":memory:"
	if !memory {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
		}
	}

	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if !memory {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	// Write transactions take the write lock when they begin, so two writers
	// never both read and then fail to upgrade; read-only ones stay deferred.
	q.Set("_txlock", "immediate")

	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	if memory {
		// Every connection to ":memory:" is a database of its own.
		db.SetMaxOpenConns(1)
	} else {
		db.SetMaxIdleConns(16) // concurrent requests each run reads in parallel; closing extras reopens them, pragmas and all
	}
	s := &DB{db: db, path: path, Now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *DB) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping sqlite store %q: %w", s.path, err)
	}
	return nil
}

// migrate applies the migrations not yet recorded, each in a transaction of
// its own; several processes opening one file at once apply each once,
// because the version is checked under the write lock.
func (s *DB) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for i, m := range migrations {
		if err := s.migrateOne(ctx, i+1, m); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

func (s *DB) migrateOne(ctx context.Context, version int, stmt string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, stmt); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (version, applied_at) VALUES (?, ?)`,
		version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// readTx begins a read-only transaction: a consistent snapshot that does
// not hold the write lock.
func (s *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return tx, nil
}

// internal wraps an unexpected database error with what was being done.
func internal(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var se *store.Error
	if errors.As(err, &se) {
		return err
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
