package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync/atomic"

	msqlite "modernc.org/sqlite"
)

// countingConnector counts the writes its connections commit, so that the
// read model (memory.go) knows at the cost of an atomic load, rather than
// a SQLite statement, when this process has changed the database: every
// transaction's commit, and every statement run outside one, moves n.
// The store's writer connects through it, under its statement cache.
type countingConnector struct {
	driver.Connector
	n *atomic.Int64
}

// newCountingConnector is newCachingConnector(dsn) with its connections'
// commits counted in n.
func newCountingConnector(dsn string, n *atomic.Int64) (driver.Connector, error) {
	base, err := msqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return cachingConnector{countingConnector{base, n}}, nil
}

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	conn, ok := dc.(driverConn)
	if !ok {
		dc.Close()
		return nil, errors.New("sqlite driver connection lacks the interfaces the commit counter forwards")
	}
	return &countingConn{driverConn: conn, n: c.n}, nil
}

type countingConn struct {
	driverConn
	n    *atomic.Int64
	inTx atomic.Bool
}

func (c *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.driverConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.inTx.Store(true)
	return countingTx{tx, c}, nil
}

// ExecContext and QueryContext outside a transaction commit by
// themselves (a migration's statements, a pragma): counted, whether or
// not they wrote.
func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.driverConn.ExecContext(ctx, query, args)
	if !c.inTx.Load() {
		c.n.Add(1)
	}
	return res, err
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.driverConn.QueryContext(ctx, query, args)
	if err != nil || c.inTx.Load() {
		return rows, err
	}
	return countingRows{rows, c.n}, nil
}

// countingRows counts when closed: a statement outside a transaction
// writes as its rows are read.
type countingRows struct {
	driver.Rows
	n *atomic.Int64
}

func (r countingRows) Close() error {
	err := r.Rows.Close()
	r.n.Add(1)
	return err
}

// PrepareContext counts the statements it prepares as ExecContext and
// QueryContext do: the statement cache runs everything through them.
func (c *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	ds, err := c.driverConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(driverStmt)
	if !ok {
		return ds, nil // the cache runs it uncached, through the connection
	}
	return countingStmt{st, c}, nil
}

type countingStmt struct {
	driverStmt
	c *countingConn
}

func (s countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	res, err := s.driverStmt.ExecContext(ctx, args)
	if !s.c.inTx.Load() {
		s.c.n.Add(1)
	}
	return res, err
}

func (s countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := s.driverStmt.QueryContext(ctx, args)
	if err != nil || s.c.inTx.Load() {
		return rows, err
	}
	return countingRows{rows, s.c.n}, nil
}

type countingTx struct {
	driver.Tx
	c *countingConn
}

// Commit counts after the commit, failed or not: a reader that sees the
// count move reads a database at least as new as the commit.
func (t countingTx) Commit() error {
	err := t.Tx.Commit()
	t.c.inTx.Store(false)
	t.c.n.Add(1)
	return err
}

func (t countingTx) Rollback() error {
	err := t.Tx.Rollback()
	t.c.inTx.Store(false)
	return err
}
