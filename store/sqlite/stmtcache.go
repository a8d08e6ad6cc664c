package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync"

	msqlite "modernc.org/sqlite"
)

// maxConnStmts bounds the statements one connection keeps prepared. The
// write path's SQL is a few dozen fixed texts (a handful more where a list
// of keys is spliced in as numbered placeholders); the bound guards
// against a statement built from data.
const maxConnStmts = 256

// cachingConnector opens connections that keep every statement they run
// prepared, keyed by its text, for as long as they live.
//
// database/sql prepares, runs and finalizes a statement for every
// ExecContext and QueryContext on a transaction; through
// modernc.org/sqlite, preparing a write statement (and the triggers it
// fires, which SQLite compiles into it) cost a quarter to a third of
// all write CPU. The store's writer is one connection, so its statements
// are prepared once per process instead of once per row.
type cachingConnector struct {
	driver.Connector
}

// newCachingConnector is msqlite.NewConnector(dsn) with its connections'
// statements cached.
func newCachingConnector(dsn string) (driver.Connector, error) {
	base, err := msqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return cachingConnector{base}, nil
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return newCachingConn(dc)
}

// driverConn is what cachingConn needs of the driver's connection: all
// it implements that database/sql looks for.
type driverConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// driverStmt is what the cache needs of the driver's statement.
type driverStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// cachingConn is a connection with its statement cache. database/sql
// uses a connection from one goroutine at a time, but a statement's rows
// may still be open when the next statement runs, so the cache marks a
// statement busy until its rows are closed and runs a second use of the
// same text uncached.
type cachingConn struct {
	driverConn
	mu    sync.Mutex // rows may be closed from another goroutine
	stmts map[string]*cachedStmt
}

type cachedStmt struct {
	st   driverStmt
	busy bool
}

func newCachingConn(dc driver.Conn) (driver.Conn, error) {
	c, ok := dc.(driverConn)
	if !ok {
		dc.Close()
		return nil, errors.New("sqlite driver connection lacks the interfaces the statement cache forwards")
	}
	return &cachingConn{driverConn: c, stmts: map[string]*cachedStmt{}}, nil
}

// take returns the statement for query, prepared now if it is new, and
// marks it busy; nil when it is busy already or the cache is full.
func (c *cachingConn) take(ctx context.Context, query string) (*cachedStmt, error) {
	c.mu.Lock()
	cs, ok := c.stmts[query]
	if ok {
		if cs.busy {
			cs = nil
		} else {
			cs.busy = true
		}
		c.mu.Unlock()
		return cs, nil
	}
	full := len(c.stmts) >= maxConnStmts
	c.mu.Unlock()
	if full {
		return nil, nil
	}
	ds, err := c.driverConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(driverStmt)
	if !ok {
		ds.Close()
		return nil, nil
	}
	cs = &cachedStmt{st: st, busy: true}
	c.mu.Lock()
	c.stmts[query] = cs
	c.mu.Unlock()
	return cs, nil
}

func (c *cachingConn) release(cs *cachedStmt) {
	c.mu.Lock()
	cs.busy = false
	c.mu.Unlock()
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.driverConn.ExecContext(ctx, query, args)
	}
	defer c.release(cs)
	return cs.st.ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.driverConn.QueryContext(ctx, query, args)
	}
	rows, err := cs.st.QueryContext(ctx, args)
	if err != nil {
		c.release(cs)
		return nil, err
	}
	return &cachedRows{Rows: rows, c: c, cs: cs}, nil
}

// Close finalizes the cached statements, then closes the connection.
func (c *cachingConn) Close() error {
	c.mu.Lock()
	var errs []error
	for _, cs := range c.stmts {
		errs = append(errs, cs.st.Close())
	}
	c.stmts = nil
	c.mu.Unlock()
	return errors.Join(append(errs, c.driverConn.Close())...)
}

// cachedRows gives its statement back to the cache when closed; the
// driver resets the statement rather than finalizing it.
type cachedRows struct {
	driver.Rows
	c    *cachingConn
	cs   *cachedStmt
	once sync.Once
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.once.Do(func() { r.c.release(r.cs) })
	return err
}
