package sqlite

import (
	"context"
	"path/filepath"
	"testing"
)

func TestMigrationsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	for i := range 3 {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("Open #%d error: %v", i, err)
		}
		var n, maxVersion int
		err = s.db.QueryRowContext(context.Background(), `SELECT count(*), max(version) FROM migrations`).Scan(&n, &maxVersion)
		if err != nil {
			t.Fatalf("reading migrations: %v", err)
		}
		if n != len(migrations) || maxVersion != len(migrations) {
			t.Errorf("Open #%d: %d migrations recorded, latest %d; want %d, %d", i, n, maxVersion, len(migrations), len(migrations))
		}
		var mode string
		if err := s.db.QueryRowContext(context.Background(), `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
		var fk int
		if err := s.db.QueryRowContext(context.Background(), `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
		}
		s.Close()
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NÚKIB", `"nukib"*`},
		{"cyber dialogue", `"cyber"* "dialogue"*`},
		{`"}) OR NEAR(x*`, `"or"* "nearx"*`},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
