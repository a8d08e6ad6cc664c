package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/sqlite"
	"github.com/diplograph/diplograph/store/storetest"
)

func benchDB(b *testing.B) *sqlite.DB {
	b.Helper()
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatalf("Open error: %v", err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkWriteBatch writes one new synthetic document per iteration into
// a file database that keeps growing.
func BenchmarkWriteBatch(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := db.WriteBatch(ctx, storetest.SyntheticBatch(i)); err != nil {
			b.Fatalf("WriteBatch(%d) error: %v", i, err)
		}
		i++
	}
}

// BenchmarkExpand follows one hop, both ways, from 50 entities of a graph
// built from 300 synthetic documents: the shape of a GraphQL field resolved
// for a page of parents through a dataloader.
func BenchmarkExpand(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	for i := range 300 {
		if _, err := db.WriteBatch(ctx, storetest.SyntheticBatch(i)); err != nil {
			b.Fatalf("WriteBatch(%d) error: %v", i, err)
		}
	}
	page, err := db.Entities(ctx, store.EntityFilter{Page: store.Page{First: 50}})
	if err != nil || len(page.Items) != 50 {
		b.Fatalf("Entities(first 50) = %d items, %v", len(page.Items), err)
	}
	ids := make([]string, len(page.Items))
	for i, e := range page.Items {
		ids[i] = e.ID
	}
	n := 0
	for b.Loop() {
		rs, err := db.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both})
		if err != nil {
			b.Fatalf("Expand error: %v", err)
		}
		n = len(rs)
	}
	b.ReportMetric(float64(n), "relations/op")
}
