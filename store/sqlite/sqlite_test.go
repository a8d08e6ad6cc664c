package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/sqlite"
	"github.com/diplograph/diplograph/store/storetest"
)

func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("Open(%q) error: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "graph.db"))
	})
}

func TestStoreInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, ":memory:")
	})
}

// writeSynthetic writes synthetic documents [from, to) and fails on error.
func writeSynthetic(t *testing.T, s store.Store, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		if _, err := s.WriteBatch(context.Background(), storetest.SyntheticBatch(i)); err != nil {
			t.Fatalf("WriteBatch(synthetic %d) error: %v", i, err)
		}
	}
}

type counts struct{ docs, entities, relations int }

func count(t *testing.T, s store.Store) counts {
	t.Helper()
	ctx := context.Background()
	var c counts
	var err error
	if c.docs, err = s.DocumentCount(ctx); err != nil {
		t.Fatalf("DocumentCount error: %v", err)
	}
	ep, err := s.Entities(ctx, store.EntityFilter{Page: store.Page{First: 1}})
	if err != nil {
		t.Fatalf("Entities error: %v", err)
	}
	rp, err := s.Relations(ctx, store.RelationFilter{Page: store.Page{First: 1}})
	if err != nil {
		t.Fatalf("Relations error: %v", err)
	}
	c.entities, c.relations = ep.TotalCount, rp.TotalCount
	return c
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dirs", "graph.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("Open(%q) error: %v", path, err)
	}
	writeSynthetic(t, db, 0, 20)
	before := count(t, db)
	if before.docs != 20 || before.entities == 0 || before.relations == 0 {
		t.Fatalf("after 20 documents: %+v", before)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close error: %v", err)
	}

	for range 2 {
		db = open(t, path)
		if got := count(t, db); got != before {
			t.Errorf("after reopening: %+v, want %+v", got, before)
		}
		db.Close()
	}
	db = open(t, path)
	writeSynthetic(t, db, 0, 20) // all known: nothing changes
	if got := count(t, db); got != before {
		t.Errorf("after rewriting on reopen: %+v, want %+v", got, before)
	}
	hits, err := db.Search(context.Background(), "Ministry", nil, 5)
	if err != nil || len(hits) == 0 {
		t.Errorf("Search(Ministry) after reopen = %d hits, %v; want some", len(hits), err)
	}
}

// TestTwoHandles opens one file twice, as two processes would, and writes
// the same documents through both at once.
func TestTwoHandles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	a, b := open(t, path), open(t, path)
	const docs = 30
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for w, s := range []store.Store{a, b, a, b} {
		wg.Go(func() {
			for i := range docs {
				j := (i + w*7) % docs
				if _, err := s.WriteBatch(context.Background(), storetest.SyntheticBatch(j)); err != nil {
					errs <- fmt.Errorf("writer %d, document %d: %w", w, j, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	ref := open(t, filepath.Join(t.TempDir(), "ref.db"))
	writeSynthetic(t, ref, 0, docs)
	want := count(t, ref)
	for name, s := range map[string]store.Store{"a": a, "b": b} {
		if got := count(t, s); got != want {
			t.Errorf("handle %s sees %+v, want %+v as written by one writer", name, got, want)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	for _, path := range []string{"", filepath.Join(t.TempDir(), "x?mode=ro")} {
		if db, err := sqlite.Open(path); err == nil {
			db.Close()
			t.Errorf("Open(%q) = nil error, want one", path)
		}
	}
}

// TestReadsStopWhenCancelled checks that reads by id, which are not
// interrupted mid-statement, still refuse to start for a request that is
// over.
func TestReadsStopWhenCancelled(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "graph.db"))
	writeSynthetic(t, db, 0, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ids := []string{"x"}
	reads := []struct {
		name string
		read func() error
	}{
		{"Entity", func() error { _, err := db.Entity(ctx, "x"); return err }},
		{"EntitiesByID", func() error { _, err := db.EntitiesByID(ctx, ids); return err }},
		{"Expand", func() error { _, err := db.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both}); return err }},
		{"EvidenceFor", func() error { _, err := db.EvidenceFor(ctx, ids); return err }},
		{"Document", func() error { _, err := db.Document(ctx, "x"); return err }},
		{"DocumentsByID", func() error { _, err := db.DocumentsByID(ctx, ids); return err }},
		{"Mentions", func() error { _, err := db.Mentions(ctx, ids); return err }},
	}
	for _, r := range reads {
		t.Run(r.name, func(t *testing.T) {
			if err := r.read(); !errors.Is(err, context.Canceled) {
				t.Errorf("%s with a cancelled context = %v, want context.Canceled", r.name, err)
			}
		})
	}
}
