package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/diplograph/diplograph/store"
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

// TestMigration2 opens a database written under migration 1 alone and
// checks that migration 2 keeps its evidence, recovers mentions from the
// ends of relations, and lets analysts' evidence go without a document.
func TestMigration2(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, 1,
		`INSERT INTO documents (id, text, date, ingested_at) VALUES ('doc:1', 'A met B.', '2024-01-02', '2025-01-01T00:00:00Z')`,
		`INSERT INTO entities (id, type, name, key) VALUES ('person:a', 'Person', 'A', 'a'), ('person:b', 'Person', 'B', 'b'), ('person:c', 'Person', 'C', 'c')`,
		`INSERT INTO relations (id, type, subject, object, confidence, first_seen, last_seen) VALUES ('rel:1', 'MET_WITH', 'person:a', 'person:b', 0.5, '2024-01-02', '2024-01-02')`,
		`INSERT INTO evidence (id, relation_id, document_id, sentence, start, "end", extractor, confidence) VALUES ('ev:1', 'rel:1', 'doc:1', 'A met B.', 0, 8, 'x', 0.5)`,
	)
	m, err := s.Mentions(ctx, []string{"doc:1"})
	if err != nil || !slices.Equal(m["doc:1"], []string{"person:a", "person:b"}) {
		t.Errorf("Mentions after migrating = %v, %v; want the relation's ends", m, err)
	}
	evs, err := s.EvidenceFor(ctx, []string{"rel:1"})
	if err != nil || len(evs["rel:1"]) != 1 || evs["rel:1"][0].DocumentID != "doc:1" || evs["rel:1"][0].End != 8 {
		t.Errorf("EvidenceFor after migrating = %+v, %v; want the one piece kept", evs, err)
	}
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	s.Now = func() time.Time { return at }
	if _, err := s.AssertRelation(ctx, store.Relation{Type: "MET_WITH", Subject: "person:c", Object: "person:a",
		Evidence: []store.Evidence{{Sentence: "note"}}}); err != nil {
		t.Errorf("AssertRelation on a migrated database: %v", err)
	}
	r, err := s.RetractRelation(ctx, "rel:1", "wrong")
	if err != nil || r.Retracted == nil || !r.Retracted.At.Equal(at) {
		t.Errorf("RetractRelation = %+v, %v; want it retracted at Now %v", r.Retracted, err, at)
	}
	res, err := s.DeleteDocument(ctx, "doc:1")
	if err != nil || !slices.Equal(res.RemovedRelations, []string{"rel:1"}) || !slices.Equal(res.RemovedEntities, []string{"person:b"}) {
		t.Errorf("DeleteDocument on a migrated database = %+v, %v; want rel:1 and person:b removed", res, err)
	}
}

// TestMigration3 opens a database written under migrations 1 and 2 and
// checks that every entity's alias list is filled from its aliases, in
// the order added, and kept by later writes: adding an alias and merging
// one entity into another.
func TestMigration3(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, 2,
		`INSERT INTO entities (id, type, name, key) VALUES ('organization:x', 'Organization', 'X Agency', 'x agency'), ('organization:y', 'Organization', 'Y', 'y'), ('organization:z', 'Organization', 'Z', 'z')`,
		`INSERT INTO aliases (entity_id, alias, key) VALUES ('organization:x', 'XA', 'xa'), ('organization:x', 'Agency X', 'agency x'), ('organization:z', 'Zed', 'zed')`,
	)
	aliases := func(id string) []string {
		t.Helper()
		e, err := s.Entity(ctx, id)
		if err != nil {
			t.Fatalf("Entity(%s) error: %v", id, err)
		}
		return e.Aliases
	}
	if got := aliases("organization:x"); !slices.Equal(got, []string{"XA", "Agency X"}) {
		t.Errorf("aliases of x after migrating = %q; want [XA Agency X]", got)
	}
	if got := aliases("organization:y"); len(got) != 0 {
		t.Errorf("aliases of y after migrating = %q; want none", got)
	}
	if _, err := s.AddAlias(ctx, "organization:y", "Why"); err != nil {
		t.Fatalf("AddAlias error: %v", err)
	}
	if got := aliases("organization:y"); !slices.Equal(got, []string{"Why"}) {
		t.Errorf("aliases of y after AddAlias = %q; want [Why]", got)
	}
	if _, err := s.MergeEntities(ctx, "organization:x", "organization:z"); err != nil {
		t.Fatalf("MergeEntities error: %v", err)
	}
	got := aliases("organization:x")
	for _, want := range []string{"XA", "Agency X", "Zed", "Z"} {
		if !slices.Contains(got, want) {
			t.Errorf("aliases of x after merging z = %q; want %q among them", got, want)
		}
	}
}

// openAt builds a database as the first version migrations left it, runs
// rows on it, then opens it, which migrates it the rest of the way.
func openAt(t *testing.T, version int, rows ...string) *DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", version))
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("building a version %d database: %v\n%s", version, err, q)
		}
	}
	exec(`CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`)
	for v := 1; v <= version; v++ {
		exec(migrations[v-1])
		exec(`INSERT INTO migrations VALUES (?, '2025-01-01T00:00:00Z')`, v)
	}
	for _, q := range rows {
		exec(q)
	}
	raw.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(version %d database) error: %v", version, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestMigration4 checks that documents stored before their text was
// indexed are found by SearchDocuments once the database is migrated.
func TestMigration4(t *testing.T) {
	s := openAt(t, 3,
		`INSERT INTO documents (id, title, text, date, ingested_at) VALUES ('doc:1', 'Joint Statement', 'The ministers discussed maritime security.', '2024-01-02', '2025-01-01T00:00:00Z')`,
	)
	for _, text := range []string{"maritime", "joint stat"} {
		hits, err := s.SearchDocuments(context.Background(), text, 5)
		if err != nil || len(hits) != 1 || hits[0].Document.ID != "doc:1" {
			t.Errorf("SearchDocuments(%q) after migrating = %+v, %v; want doc:1", text, hits, err)
		}
	}
}
