package sqlite_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/schema"
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

// BenchmarkReads runs each read the GraphQL resolvers make, on a graph
// built from 300 synthetic documents, from GOMAXPROCS goroutines at once
// (requests arrive concurrently): ns/op is the cost per call once the
// pool is shared. Run it with
//
//	go test -run '^$' -bench Reads ./store/sqlite
func BenchmarkReads(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	for i := range 300 {
		if _, err := db.WriteBatch(ctx, storetest.SyntheticBatch(i)); err != nil {
			b.Fatalf("WriteBatch(%d) error: %v", i, err)
		}
	}
	events := schema.Event
	page, err := db.Entities(ctx, store.EntityFilter{Type: &events, OrderBy: store.OrderByDateAsc, Page: store.Page{First: 50}})
	if err != nil || len(page.Items) != 50 {
		b.Fatalf("Entities(events, first 50) = %d items, %v", len(page.Items), err)
	}
	ids := make([]string, len(page.Items))
	for i, e := range page.Items {
		ids[i] = e.ID
	}
	rels, err := db.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both})
	if err != nil || len(rels) == 0 {
		b.Fatalf("Expand(50 events) = %d relations, %v", len(rels), err)
	}
	relIDs := make([]string, len(rels))
	var ends []string // the events' participants, each once, as a loader asks
	for i, r := range rels {
		relIDs[i] = r.ID
		if r.Type == schema.Attended && !slices.Contains(ends, r.Subject) {
			ends = append(ends, r.Subject)
		}
	}
	slices.Sort(ends) // Expand's order is none in particular; the participant filtered on should not vary with it
	evs, err := db.EvidenceFor(ctx, relIDs)
	if err != nil {
		b.Fatalf("EvidenceFor error: %v", err)
	}
	var docs []string
	for _, g := range evs {
		for _, ev := range g {
			docs = append(docs, ev.DocumentID)
		}
	}
	kind := "MEETING"

	for _, c := range []struct {
		name string
		read func() (int, error)
	}{
		{"Entity", func() (int, error) {
			_, err := db.Entity(ctx, ids[0])
			return 1, err
		}},
		{"EntitiesByID", func() (int, error) {
			es, err := db.EntitiesByID(ctx, ends)
			return len(es), err
		}},
		{"Entities", func() (int, error) {
			p, err := db.Entities(ctx, store.EntityFilter{Type: &events, Kind: &kind, OrderBy: store.OrderByDateAsc, Page: store.Page{First: 50}})
			return len(p.Items), err
		}},
		{"EntitiesParticipant", func() (int, error) {
			p, err := db.Entities(ctx, store.EntityFilter{Type: &events, Participant: &ends[0], OrderBy: store.OrderByDateAsc})
			return len(p.Items), err
		}},
		{"Expand", func() (int, error) {
			rs, err := db.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both})
			return len(rs), err
		}},
		{"EvidenceFor", func() (int, error) {
			m, err := db.EvidenceFor(ctx, relIDs)
			return len(m), err
		}},
		{"DocumentsByID", func() (int, error) {
			ds, err := db.DocumentsByID(ctx, docs)
			return len(ds), err
		}},
		{"Search", func() (int, error) {
			hs, err := db.Search(ctx, "pers", nil, 5)
			return len(hs), err
		}},
	} {
		if n, err := c.read(); err != nil || n == 0 {
			b.Fatalf("%s = %d items, %v", c.name, n, err)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := c.read(); err != nil {
						b.Errorf("%s error: %v", c.name, err)
						return
					}
				}
			})
		})
	}
}
