package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/diplograph/diplograph/store"
)

// BusyTimeout is how long a writer waits for another writer (in this or
// another process) before giving up.
const BusyTimeout = 10 * time.Second

// DB is a store.Store kept in one SQLite database.
type DB struct {
	db   *sql.DB // reads: a pool of read-only connections
	w    *sql.DB // writes: one connection, so writers queue in Go, not in SQLite's busy handler
	path string
	lock *os.File // shared lock on LockPath(path) while open, nil for ":memory:"

	mu        sync.Mutex
	stmts     map[string]*sql.Stmt // reads' statements, prepared once per connection
	preparing sync.WaitGroup       // statements being prepared in the background (see stmt)

	mem *memoryState // the read model (memory.go); nil for ":memory:"

	ckpt *checkpointer // copies the log back beside the writer (checkpoint.go); nil for ":memory:"

	termsMu sync.Mutex
	terms   *terms // the words of names and aliases, for typos (terms.go)

	// Now stamps documents that arrive without IngestedAt; tests replace it.
	Now func() time.Time
}

var _ store.Store = (*DB)(nil)

// Open opens (creating if needed) the database at path, or a private
// in-memory database for ":memory:", and brings its schema up to date.
// It holds a shared lock on LockPath(path) until Close, so that Restore
// can tell the store is in use; while a restore holds it, Open waits up
// to BusyTimeout, then fails with ErrInUse.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open sqlite store: empty path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open sqlite store %q: path may not contain '?' or '#'", path)
	}
	memory := path == ":memory:"
	var lock *os.File
	if !memory {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
		}
		var err error
		if lock, err = lockStore(path, false, lockWait); err != nil {
			if errors.Is(err, ErrInUse) {
				return nil, fmt.Errorf("open sqlite store %q: %w: a restore is replacing it", path, err)
			}
			return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
		}
	}
	unlock := func() {
		if lock != nil {
			lock.Close()
		}
	}

	// dsn is a connection's: pages is its mmap_size and page cache
	// (poolPages for the store's, memoryPages for the read model's). Each
	// pragma is given once: the driver runs a DSN's pragmas sorted as
	// strings, not in their order, so a later one cannot override.
	dsn := func(readOnly bool, pages pageSettings) string {
		q := url.Values{}
		q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// Reads copy pages from the mapped file instead of read(2) calls, and
		// sorts stay in memory.
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", pages.mmap))
		q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -pages.cacheKiB))
		if !memory {
			q.Add("_pragma", "journal_mode(WAL)")
		}
		if readOnly {
			q.Add("_pragma", "query_only(1)")
		} else if !memory {
			// The WAL is copied back into the file once it holds
			// walAutocheckpoint pages rather than SQLite's 1,000: a page
			// many writes touch (a table's last page, an index's busiest
			// ones, the search index's) is copied once per checkpoint,
			// and each checkpoint ends in an fsync (docs/PERFORMANCE.md,
			// "Ingest of a folder of 10,000 documents"). A checkpointer
			// beside the writer does most of the copying, so that the
			// writer's own finds little left (checkpoint.go).
			q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walAutocheckpoint))
		}
		// Write transactions take the write lock when they begin, so two
		// writers never both read and then fail to upgrade; read-only ones
		// stay deferred.
		q.Set("_txlock", "immediate")
		return path + "?" + q.Encode()
	}

	// The writer keeps its statements prepared (stmtcache.go) and counts
	// its commits for the read model (commits.go, memory.go).
	commits := new(atomic.Int64)
	wc, err := newCountingConnector(dsn(false, poolPages), commits)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	w := sql.OpenDB(wc)
	// One writer at a time in this process: waiting for the pool is
	// cancellable and fair, where SQLite's busy handler sleeps and polls.
	// Other processes still meet busy_timeout.
	w.SetMaxOpenConns(1)
	db := w
	if !memory {
		// Every connection to ":memory:" is a database of its own, so there
		// reads share the writer's one connection.
		if db, err = sql.Open("sqlite", dsn(true, poolPages)); err != nil {
			w.Close()
			unlock()
			return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
		}
		// Enough for every core to run a read while as many wait on I/O;
		// more connections only add contention and memory.
		n := max(4, 2*runtime.GOMAXPROCS(0))
		db.SetMaxOpenConns(n)
		db.SetMaxIdleConns(n) // closing idle ones would reopen them, pragmas, mmap and all
	}
	s := &DB{db: db, w: w, path: path, lock: lock, Now: time.Now, stmts: map[string]*sql.Stmt{}}
	if err := migrate(context.Background(), s.w, migrations, migrationSteps); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
	}
	if !memory {
		s.ckpt = startCheckpointer(path, dsn(false, poolPages))
		if s.mem, err = newMemory(dsn(true, memoryPages), commits); err != nil {
			s.Close()
			return nil, fmt.Errorf("open sqlite store %q: %w", path, err)
		}
	}
	return s, nil
}

// pageSettings are a connection's mmap_size and page cache.
type pageSettings struct {
	mmap     int64 // bytes of the file mapped (mmap_size)
	cacheKiB int   // the page cache (cache_size, negated)
}

// poolPages are the writer's and the read pool's: the file mapped up to
// 256 MiB, its pages read from the mapping instead of read(2) calls, and
// a page cache of 16 MiB.
var poolPages = pageSettings{mmap: 256 << 20, cacheKiB: 16384}

// Close closes the database.
func (s *DB) Close() error {
	s.mu.Lock()
	var errs []error
	for _, st := range s.stmts {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	s.stmts = nil
	s.mu.Unlock()
	// A statement still being prepared holds a connection of the pool:
	// closing under it could leave a file written in the folder after the
	// caller has removed it.
	s.preparing.Wait()
	errs = append(errs, s.mem.close())
	errs = append(errs, s.ckpt.close())
	if s.db != s.w {
		errs = append(errs, s.db.Close())
	}
	errs = append(errs, s.w.Close())
	if s.lock != nil {
		// Last: a restore waiting for the lock finds the files closed.
		errs = append(errs, s.lock.Close())
		s.lock = nil
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers.
func (s *DB) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping sqlite store %q: %w", s.path, err)
	}
	return nil
}

// Migrate applies to db the migrations (numbered from 1) not yet recorded
// in its migrations table, each in a transaction of its own; several
// processes opening one file at once apply each once, because the version
// is checked under the write lock. Other SQLite files of the project (the
// auth package's) use it too.
func Migrate(ctx context.Context, db *sql.DB, migrations []string) error {
	return migrate(ctx, db, migrations, nil)
}

// migrate is Migrate with Go steps: steps[n], where set, runs in the
// transaction of migration n after its SQL.
func migrate(ctx context.Context, db *sql.DB, migrations []string, steps map[int]func(context.Context, *sql.Tx) error) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for i, m := range migrations {
		if err := migrateOne(ctx, db, i+1, m, steps[i+1]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

func migrateOne(ctx context.Context, db *sql.DB, version int, stmt string, step func(context.Context, *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
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
	if step != nil {
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (version, applied_at) VALUES (?, ?)`,
		version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// readTx begins a read-only transaction: a consistent snapshot that does
// not hold the write lock. Reads of one statement need none (each
// statement is its own snapshot) and run on the pool directly, saving the
// BEGIN and COMMIT.
func (s *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return tx, nil
}

// querier runs a query: a transaction, or a reader.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// maxStmts bounds the statement cache. Reads' SQL varies only with which
// filters a listing has, so a few dozen texts are in use; the bound guards
// against a future query built from data.
const maxStmts = 256

// reader runs reads through cached prepared statements, in tx when it is
// not nil, else on the pool.
//
// A statement SQLite planned around a bound value is prepared again each
// time that parameter is bound, which undoes the cache: it does so for
// "LIMIT ?" (to size a sort) and "LIKE ?" (to seek by the pattern's
// prefix). Those read "LIMIT +?" and "LIKE +?" here: a unary plus hides
// the value from the planner, which gains nothing from it anyway (pages
// are small; patterns start with '%').
type reader struct {
	s     *DB
	tx    *sql.Tx
	point bool
}

func (s *DB) reader(tx *sql.Tx) reader { return reader{s: s, tx: tx} }

// pointReader runs reads of rows by id: one statement each, its work
// bounded by the ids it is given. A cancellable context costs every
// statement two goroutines (database/sql's and the driver's, each
// waiting to interrupt it), as much as a short read itself; these
// statements are checked for cancellation before they start instead,
// and a request past its deadline stops at its next one.
func (s *DB) pointReader() reader { return reader{s: s, point: true} }

func (r reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if r.point {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ctx = context.WithoutCancel(ctx)
	}
	st := r.s.stmt(query)
	switch {
	case st == nil && r.tx != nil:
		return r.tx.QueryContext(ctx, query, args...)
	case st == nil:
		return r.s.db.QueryContext(ctx, query, args...)
	case r.tx != nil:
		// The transaction's copy is closed with it; the statement stays
		// prepared on the connection.
		return r.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return st.QueryContext(ctx, args...)
}

// stmt returns the cached statement for query, or nil when it is not
// prepared yet (it is then prepared in the background for next time), the
// cache is full, or preparing failed (the plain query reports why).
//
// Preparing on the pool needs a connection of its own; a caller inside a
// read transaction already holds one, and with every connection so held
// (":memory:" has one) waiting for it would never end.
func (s *DB) stmt(query string) *sql.Stmt {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[query]; ok || s.stmts == nil || len(s.stmts) >= maxStmts {
		return st
	}
	s.stmts[query] = nil // preparing
	s.preparing.Add(1)
	go func() {
		defer s.preparing.Done()
		st, err := s.db.PrepareContext(context.Background(), query)
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case err != nil:
		case s.stmts == nil: // closed meanwhile
			st.Close()
		default:
			s.stmts[query] = st
		}
	}()
	return nil
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
