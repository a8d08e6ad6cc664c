package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/sqlite"
	"github.com/diplograph/diplograph/store/storetest"
)

// dump reads every row of every table of the database at path (the
// full-text indexes through their virtual tables, each row with the id
// of the entity or document whose rowid it bears), keyed by table, each
// row rendered with its rowid and sorted.
func dump(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT name, type FROM pragma_table_list
		WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	queries := map[string]string{
		"entity_fts by entity":     `SELECT e.id, f.name, f.aliases FROM entity_fts f LEFT JOIN entities e ON e.rowid = f.rowid`,
		"document_fts by document": `SELECT d.id, f.title, f.text FROM document_fts f LEFT JOIN documents d ON d.rowid = f.rowid`,
	}
	for _, name := range tables {
		queries[name] = fmt.Sprintf(`SELECT rowid, * FROM %q`, name)
	}
	out := map[string][]string{}
	for name, q := range queries {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("dump %s: %v", name, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], fmt.Sprintf("%q", vals))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(out[name])
	}
	return out
}

// diffDumps fails with the first differing rows of each table.
func diffDumps(t *testing.T, what string, got, want map[string][]string) {
	t.Helper()
	var tables []string
	for name := range want {
		tables = append(tables, name)
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			tables = append(tables, name)
		}
	}
	slices.Sort(tables)
	for _, name := range tables {
		g, w := got[name], want[name]
		if slices.Equal(g, w) {
			continue
		}
		var extra, missing []string
		for _, r := range g {
			if _, ok := slices.BinarySearch(w, r); !ok && len(extra) < 3 {
				extra = append(extra, r)
			}
		}
		for _, r := range w {
			if _, ok := slices.BinarySearch(g, r); !ok && len(missing) < 3 {
				missing = append(missing, r)
			}
		}
		t.Errorf("%s: table %s has %d rows, want %d; extra %v, missing %v", what, name, len(g), len(w), extra, missing)
	}
}

// fixedClock stamps every document with one time, so two stores written
// alike are alike to the byte.
func fixedClock(db *sqlite.DB) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	db.Now = func() time.Time { return at }
}

// TestBackupRestore backs a store up while readers read it, restores the
// backup into a fresh folder and compares every row of every table.
func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "graph.db")
	db := open(t, path)
	fixedClock(db)
	var ids []string
	for i := range 60 {
		res, err := db.WriteBatch(ctx, storetest.SyntheticBatch(i))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.DocumentID)
	}
	// Holes in the rowids: the full-text indexes are joined by rowid, so
	// a backup that renumbered rows would lose their link.
	for i := 0; i < len(ids); i += 7 {
		if _, err := db.DeleteDocument(ctx, ids[i]); err != nil {
			t.Fatal(err)
		}
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var reads atomic.Int64
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.Entities(ctx, store.EntityFilter{Page: store.Page{First: 50}}); err != nil {
					t.Errorf("Entities during backup: %v", err)
					return
				}
				if _, err := db.Search(ctx, "Ministry", nil, 10); err != nil {
					t.Errorf("Search during backup: %v", err)
					return
				}
				reads.Add(1)
			}
		})
	}
	backup := filepath.Join(t.TempDir(), "graph.backup")
	info, err := db.Backup(ctx, backup, false)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup error: %v", err)
	}
	t.Logf("backup: %v, %d reads meanwhile", info, reads.Load())
	if n, _ := db.DocumentCount(ctx); info.Documents != n || info.Relations == 0 || info.Evidence == 0 {
		t.Errorf("Backup reported %v; want %d documents and a graph", info, n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	want := dump(t, path)

	restored := filepath.Join(t.TempDir(), "fresh", "graph.db")
	got, err := sqlite.Restore(ctx, backup, restored)
	if err != nil {
		t.Fatalf("Restore error: %v", err)
	}
	if got != info {
		t.Errorf("Restore reported %v, want %v as Backup did", got, info)
	}
	diffDumps(t, "restored", dump(t, restored), want)

	r := open(t, restored)
	hits, err := r.Search(ctx, "Ministry", nil, 5)
	if err != nil || len(hits) == 0 {
		t.Errorf("Search(Ministry) in the restored store = %d hits, %v; want some", len(hits), err)
	}
	writeSynthetic(t, r, 100, 102) // it takes writes
}

// TestBackupWhileWriting backs up while a writer adds documents one by
// one: the backup must hold the first n of them, whole, as a store that
// wrote exactly those n holds them.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := open(t, filepath.Join(t.TempDir(), "graph.db"))
	fixedClock(db)
	writeSynthetic(t, db, 0, 20)
	const last = 400
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for i := 20; i < last; i++ {
			if i == 25 {
				close(started)
			}
			if _, err := db.WriteBatch(ctx, storetest.SyntheticBatch(i)); err != nil {
				done <- fmt.Errorf("WriteBatch(%d): %w", i, err)
				return
			}
		}
		done <- nil
	}()
	<-started
	backup := filepath.Join(t.TempDir(), "graph.backup")
	info, err := db.Backup(ctx, backup, false)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil {
		t.Fatalf("Backup error: %v", err)
	}
	t.Logf("the backup caught %d of %d documents", info.Documents, last)
	if info.Documents < 25 || info.Documents > last {
		t.Fatalf("backup holds %d documents, want between 25 and %d", info.Documents, last)
	}

	refPath := filepath.Join(t.TempDir(), "ref.db")
	ref := open(t, refPath)
	fixedClock(ref)
	writeSynthetic(t, ref, 0, info.Documents)
	if err := ref.Close(); err != nil {
		t.Fatal(err)
	}
	got, want := dump(t, backup), dump(t, refPath)
	// The migrations table records when each ran.
	delete(got, "migrations")
	delete(want, "migrations")
	diffDumps(t, "backup taken while writing", got, want)
}

// files lists the names in dir with each file's contents, to show that
// a refused restore or backup left a folder as it was.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range ents {
		if e.IsDir() {
			out[e.Name()+"/"] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal([]byte(v), []byte(w)) {
			return false
		}
	}
	return true
}

func names(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// goodBackup writes a small store and returns a backup of it.
func goodBackup(t *testing.T) string {
	t.Helper()
	db := open(t, filepath.Join(t.TempDir(), "graph.db"))
	writeSynthetic(t, db, 0, 10)
	path := filepath.Join(t.TempDir(), "graph.backup")
	if _, err := db.Backup(context.Background(), path, false); err != nil {
		t.Fatalf("Backup error: %v", err)
	}
	return path
}

// mangled copies the file at path into dir, changed by f.
func mangled(t *testing.T, path, dir string, f func([]byte) []byte) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "mangled.db")
	if err := os.WriteFile(out, f(b), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// execOn runs statements on the SQLite file at path.
func execOn(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestRestoreRefuses feeds Restore files that are not sound stores: each
// is refused with an error naming it, and the store it would replace is
// left as it was, file for file.
func TestRestoreRefuses(t *testing.T) {
	good := goodBackup(t)
	tests := []struct {
		name string
		from func(t *testing.T, dir string) string
		want error // nil: any error
		says string
	}{
		{"text file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "notes.txt")
			os.WriteFile(p, []byte("The ministers met in Prague.\n"), 0o644)
			return p
		}, sqlite.ErrNotStore, "not a database"},
		{"empty file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "empty.db")
			os.WriteFile(p, nil, 0o644)
			return p
		}, sqlite.ErrNotStore, "empty"},
		{"missing file", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "nothing-here.db")
		}, fs.ErrNotExist, ""},
		{"folder", func(t *testing.T, dir string) string { return dir }, sqlite.ErrNotStore, "not a regular file"},
		{"another SQLite database", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "other.db")
			execOn(t, p, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`, `INSERT INTO notes (body) VALUES ('x')`)
			return p
		}, sqlite.ErrNotStore, "lacks the graph's tables"},
		{"newer schema", func(t *testing.T, dir string) string {
			p := mangled(t, good, dir, func(b []byte) []byte { return b })
			execOn(t, p, `INSERT INTO migrations (version, applied_at) VALUES (1000, '2030-01-01T00:00:00Z')`)
			return p
		}, sqlite.ErrNotStore, "newer than this binary's"},
		{"no migration recorded", func(t *testing.T, dir string) string {
			p := mangled(t, good, dir, func(b []byte) []byte { return b })
			execOn(t, p, `DELETE FROM migrations`)
			return p
		}, sqlite.ErrNotStore, "no migration"},
		{"damaged pages", func(t *testing.T, dir string) string {
			return mangled(t, good, dir, func(b []byte) []byte {
				// Garble the b-tree pages after the schema's, leaving the
				// header: SQLite opens it and finds the damage on reading.
				for i := 4096 * 2; i < len(b); i += 4096 {
					copy(b[i:], bytes.Repeat([]byte{0xA5}, 64))
				}
				return b
			})
		}, sqlite.ErrNotStore, ""},
		{"truncated", func(t *testing.T, dir string) string {
			return mangled(t, good, dir, func(b []byte) []byte { return b[:len(b)/2] })
		}, sqlite.ErrNotStore, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "graph.db")
			db := open(t, target)
			writeSynthetic(t, db, 50, 53)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			before := files(t, filepath.Dir(target))
			from := tt.from(t, t.TempDir())
			_, err := sqlite.Restore(context.Background(), from, target)
			switch {
			case err == nil:
				t.Fatalf("Restore(%s) = nil error, want one", tt.name)
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("Restore(%s) = %v, want %v", tt.name, err, tt.want)
			case !strings.Contains(err.Error(), from) || !strings.Contains(err.Error(), tt.says):
				t.Errorf("Restore(%s) = %q, want it to name %s and say %q", tt.name, err, from, tt.says)
			}
			t.Logf("%s: %v", tt.name, err)
			if after := files(t, filepath.Dir(target)); !sameFiles(after, before) {
				t.Errorf("Restore(%s) changed the target folder: files %v, were %v", tt.name, names(after), names(before))
			}
			if _, err := sqlite.Verify(context.Background(), target); err != nil {
				t.Errorf("target after a refused restore: %v", err)
			}
		})
	}
}

// TestRestoreInUse: a store some process has open is not replaced.
func TestRestoreInUse(t *testing.T) {
	ctx := context.Background()
	good := goodBackup(t)
	target := filepath.Join(t.TempDir(), "graph.db")
	db := open(t, target)
	writeSynthetic(t, db, 50, 52)
	if _, err := sqlite.Restore(ctx, good, target); !errors.Is(err, sqlite.ErrInUse) {
		t.Fatalf("Restore into an open store = %v, want ErrInUse", err)
	}
	if n, err := db.DocumentCount(ctx); err != nil || n != 2 {
		t.Errorf("the open store counts %d documents, %v; want its 2", n, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := sqlite.Restore(ctx, good, target)
	if err != nil {
		t.Fatalf("Restore once the store is closed: %v", err)
	}
	db = open(t, target)
	if n, err := db.DocumentCount(ctx); err != nil || n != 10 || info.Documents != 10 {
		t.Errorf("restored store counts %d documents, %v (restore said %d); want the backup's 10", n, err, info.Documents)
	}
}

// TestBackupTargets: an existing file is replaced only when asked, the
// store itself never, and a refused backup leaves nothing behind.
func TestBackupTargets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "graph.db")
	db := open(t, path)
	writeSynthetic(t, db, 0, 5)
	out := t.TempDir()
	if err := os.Mkdir(filepath.Join(out, "my backups?"), 0o755); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(out, "existing.backup")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		replace bool
		want    error // nil: any error
		ok      bool
	}{
		{"existing file", existing, false, fs.ErrExist, false},
		{"the store itself", path, true, nil, false},
		{"the store's log", path + "-wal", true, nil, false},
		{"missing folder", filepath.Join(out, "no", "such", "folder", "x.backup"), false, fs.ErrNotExist, false},
		{"existing file, replaced", existing, true, nil, true},
		{"new file", filepath.Join(out, "new.backup"), false, nil, true},
		{"new file, odd name", filepath.Join(out, "my backups?", "graph #1 %20 é.backup"), false, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforeOut, beforeStore := files(t, out), dump(t, path)
			info, err := db.Backup(ctx, tt.path, tt.replace)
			if tt.ok {
				if err != nil {
					t.Fatalf("Backup(%s, replace %v) error: %v", tt.path, tt.replace, err)
				}
				if v, err := sqlite.Verify(ctx, tt.path); err != nil || v != info || v.Documents != 5 {
					t.Errorf("Verify(backup) = %v, %v; want %v with 5 documents", v, err, info)
				}
				return
			}
			switch {
			case err == nil:
				t.Fatalf("Backup(%s, replace %v) = nil error, want one", tt.path, tt.replace)
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("Backup(%s, replace %v) = %v, want %v", tt.path, tt.replace, err, tt.want)
			case !strings.Contains(err.Error(), tt.path):
				t.Errorf("Backup error %q does not name %s", err, tt.path)
			}
			if after := files(t, out); !sameFiles(after, beforeOut) {
				t.Errorf("a refused backup changed %s: %v, was %v", out, names(after), names(beforeOut))
			}
			diffDumps(t, "store after a refused backup", dump(t, path), beforeStore)
		})
	}
}

// TestBackupInMemory: a private in-memory store backs up too.
func TestBackupInMemory(t *testing.T) {
	ctx := context.Background()
	db := open(t, ":memory:")
	writeSynthetic(t, db, 0, 3)
	path := filepath.Join(t.TempDir(), "memory.backup")
	if info, err := db.Backup(ctx, path, false); err != nil || info.Documents != 3 {
		t.Fatalf("Backup of :memory: = %v, %v; want 3 documents", info, err)
	}
	restored := filepath.Join(t.TempDir(), "graph.db")
	if _, err := sqlite.Restore(ctx, path, restored); err != nil {
		t.Fatal(err)
	}
	if n, err := open(t, restored).DocumentCount(ctx); err != nil || n != 3 {
		t.Errorf("restored store counts %d documents, %v; want 3", n, err)
	}
}

// TestVerifyAndBackupLeaveFilesAlone: Verify reads a file as it is, and
// the package's Backup of a closed store migrates nothing.
func TestVerifyAndBackupLeaveFilesAlone(t *testing.T) {
	ctx := context.Background()
	good := goodBackup(t)
	before := files(t, filepath.Dir(good))
	if _, err := sqlite.Verify(ctx, good); err != nil {
		t.Fatal(err)
	}
	if after := files(t, filepath.Dir(good)); !sameFiles(after, before) {
		t.Errorf("Verify changed the backup's folder: %v, was %v", names(after), names(before))
	}
	out := filepath.Join(t.TempDir(), "again.backup")
	info, err := sqlite.Backup(ctx, good, out, false)
	if err != nil || info.Documents != 10 {
		t.Fatalf("Backup(%s) = %v, %v; want 10 documents", good, info, err)
	}
	diffDumps(t, "backup of a backup", dump(t, out), dump(t, good))
}
