package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// TestStatementCache: the writer's cached statements behave as statements
// prepared afresh would: one text run again while its rows are still open
// (nested in their loop), a failing statement run again, more texts than
// the cache holds, and a transaction rolled back.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := s.w
	if _, err := w.ExecContext(ctx, `CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	const insert = `INSERT INTO t (k, v) VALUES (?, ?)`
	for k := range 3 {
		if _, err := w.ExecContext(ctx, insert, k, fmt.Sprint("v", k)); err != nil {
			t.Fatalf("insert %d: %v", k, err)
		}
	}
	if _, err := w.ExecContext(ctx, insert, 1, "again"); err == nil {
		t.Error("insert of a duplicate key succeeded, want a constraint error")
	}
	if _, err := w.ExecContext(ctx, insert, 3, "v3"); err != nil {
		t.Errorf("insert after a failed one: %v", err)
	}

	// The same query inside its own rows' loop, in a transaction.
	const byKey = `SELECT v FROM t WHERE k >= ? ORDER BY k`
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tx.QueryContext(ctx, byKey, 0)
	if err != nil {
		t.Fatal(err)
	}
	var outer, inner []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		outer = append(outer, v)
		if err := tx.QueryRowContext(ctx, byKey, 3).Scan(&v); err != nil {
			t.Fatalf("nested query: %v", err)
		}
		inner = append(inner, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if fmt.Sprint(outer) != "[v0 v1 v2 v3]" || fmt.Sprint(inner) != "[v3 v3 v3 v3]" {
		t.Errorf("outer rows %v, nested %v; want [v0 v1 v2 v3] and v3 each time", outer, inner)
	}
	if _, err := tx.ExecContext(ctx, insert, 4, "rolled back"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}

	// More distinct texts than the cache keeps.
	for i := range maxConnStmts + 10 {
		var n int
		q := fmt.Sprintf(`SELECT count(*) + %d FROM t`, i) // a distinct text each, no data in it
		if err := w.QueryRowContext(ctx, q).Scan(&n); err != nil || n != 4+i {
			t.Fatalf("%s = %d, %v; want %d", q, n, err, 4+i)
		}
	}
	var n int
	if err := w.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n); err != nil || n != 4 {
		t.Errorf("rows = %d, %v; want 4 (the rolled-back insert gone)", n, err)
	}
	if err := checkCached(w, maxConnStmts); err != nil {
		t.Error(err)
	}
}

// checkCached checks that the writer's connection keeps at most max
// statements.
func checkCached(w *sql.DB, max int) error {
	conn, err := w.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*cachingConn)
		if !ok {
			return fmt.Errorf("writer's connection is a %T, want *cachingConn", dc)
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if len(c.stmts) > max {
			return fmt.Errorf("%d statements cached, want at most %d", len(c.stmts), max)
		}
		return nil
	})
}
