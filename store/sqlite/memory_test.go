package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/storetest"
)

// TestMemoryAgreesWithSQL asks the read model and the SQL the same
// questions, page by page, over a synthetic graph with a retracted fact
// and a withdrawn one, and wants the same answers.
func TestMemoryAgreesWithSQL(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 40 {
		if _, err := s.WriteBatch(ctx, storetest.SyntheticBatch(i)); err != nil {
			t.Fatalf("WriteBatch(synthetic %d) error: %v", i, err)
		}
	}
	all, err := s.Relations(ctx, store.RelationFilter{Page: store.Page{First: store.MaxPageSize}})
	if err != nil || len(all.Items) < 10 {
		t.Fatalf("Relations = %d items, %v", len(all.Items), err)
	}
	if _, err := s.RetractRelation(ctx, all.Items[3].ID, "wrong"); err != nil {
		t.Fatalf("RetractRelation error: %v", err)
	}
	// Builds of a small graph are inline; under a loaded test machine
	// one may take longer than memoryInline, so each check forgets the
	// last one's time.
	fresh := func() *memory {
		s.mem.lastTook.Store(0)
		return s.fresh()
	}
	if m := fresh(); m == nil {
		t.Fatal("the read model was not built")
	} else if !m.sorted {
		t.Error("the model's relations are not in id order: listings by type take the long way, untested here")
	}
	t.Logf("built in %v", time.Duration(s.mem.lastTook.Load()))

	// both runs read once from the model and once from SQL.
	both := func(t *testing.T, name string, read func() (any, error)) {
		t.Helper()
		if fresh() == nil {
			t.Fatalf("%s: the read model is stale", name)
		}
		got, gerr := read()
		mem := s.mem
		s.mem = nil
		want, werr := read()
		s.mem = mem
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s from the model = %+v, %v\nfrom SQL = %+v, %v", name, got, gerr, want, werr)
		}
	}

	event, person, country := schema.Event, schema.Person, schema.Country
	meeting, none, y2012, y2015, dated := "MEETING", "", "2012", "2015-06", "2013-01-01"
	ev0 := store.EntityID(schema.Event, "Meeting 0")
	p0 := store.EntityID(schema.Person, "Person 7")
	entityFilters := []store.EntityFilter{
		{},
		{Type: &event},
		{Type: &person, OrderBy: store.OrderByDateAsc},
		{Type: &event, OrderBy: store.OrderByDateAsc, Kind: &meeting},
		{Type: &event, OrderBy: store.OrderByDateDesc},
		{OrderBy: store.OrderByDateDesc},
		{OrderBy: store.OrderByDateAsc},
		{Type: &event, From: &y2012, To: &y2015},
		{Type: &event, From: &dated, OrderBy: store.OrderByDateAsc},
		{Kind: &none, Type: &country},
		{Participant: &p0, OrderBy: store.OrderByDateAsc},
		{IDs: []string{p0, ev0, "person:nobody", p0}},
		{IDs: []string{p0, ev0}, OrderBy: store.OrderByDateDesc},
	}
	for i, f := range entityFilters {
		for _, first := range []int{3, 7, 0} {
			f.Page = store.Page{First: first}
			for page := 0; page < 30; page++ {
				var p store.EntityPage
				both(t, fmt.Sprintf("Entities(filter %d, first %d, page %d)", i, first, page), func() (any, error) {
					var err error
					p, err = s.Entities(ctx, f)
					return p, err
				})
				if !p.HasNext {
					break
				}
				f.After = p.EndCursor
			}
		}
	}

	conf, current, withdrawn, standing := 0.7, "CURRENT", true, false
	relFilters := []store.RelationFilter{
		{},
		{Types: []schema.RelationType{schema.HoldsPosition}},
		{Types: []schema.RelationType{schema.Attended, schema.MetWith}},
		{Subject: &p0},
		{Object: &ev0, Types: []schema.RelationType{schema.Attended}},
		{MinConfidence: &conf},
		{Tense: &current},
		{Withdrawn: &withdrawn},
		{Withdrawn: &standing, IncludeRetracted: true},
		{IncludeRetracted: true},
	}
	for i, f := range relFilters {
		for _, first := range []int{5, 0} {
			f.Page = store.Page{First: first}
			for page := 0; page < 60; page++ {
				var p store.RelationPage
				both(t, fmt.Sprintf("Relations(filter %d, first %d, page %d)", i, first, page), func() (any, error) {
					var err error
					p, err = s.Relations(ctx, f)
					return p, err
				})
				if !p.HasNext {
					break
				}
				f.After = p.EndCursor
			}
		}
	}
	both(t, "Entities(bad cursor)", func() (any, error) {
		return s.Entities(ctx, store.EntityFilter{Type: &event, Page: store.Page{After: "nonsense"}})
	})
	both(t, "Entities(bad order)", func() (any, error) {
		return s.Entities(ctx, store.EntityFilter{OrderBy: 7})
	})
	both(t, "Relations(bad cursor)", func() (any, error) {
		return s.Relations(ctx, store.RelationFilter{Page: store.Page{After: "nonsense"}})
	})

	ents, err := s.Entities(ctx, store.EntityFilter{Page: store.Page{First: store.MaxPageSize}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range ents.Items {
		ids = append(ids, e.ID)
	}
	for _, id := range append(ids[:5:5], "person:nobody") {
		both(t, "Entity("+id+")", func() (any, error) { return s.Entity(ctx, id) })
	}
	both(t, "EntitiesByID", func() (any, error) { return s.EntitiesByID(ctx, append(ids, "person:nobody", ids[0])) })
	sorted := func(rs []store.Relation, err error) (any, error) {
		slices.SortFunc(rs, func(a, b store.Relation) int { return cmpString(a.ID, b.ID) })
		return rs, err
	}
	for _, e := range []store.Expand{
		{IDs: ids[:10], Direction: store.Both},
		{IDs: ids[:10], Direction: store.Out},
		{IDs: ids[:10], Direction: store.In},
		{IDs: ids, Direction: store.Both, Types: []schema.RelationType{schema.Attended}},
		{IDs: ids[:20], Among: true},
		{IDs: []string{p0, p0, ev0}, Direction: store.Both},
	} {
		both(t, fmt.Sprintf("Expand(%+v)", e), func() (any, error) { return sorted(s.Expand(ctx, e)) })
	}
	var relIDs []string
	for _, r := range all.Items {
		relIDs = append(relIDs, r.ID)
	}
	both(t, "EvidenceFor", func() (any, error) { return s.EvidenceFor(ctx, append(relIDs, "rel:none", relIDs[0])) })
	ev, _ := s.EvidenceFor(ctx, relIDs[:1])
	doc := ev[relIDs[0]][0].DocumentID
	both(t, "Document", func() (any, error) { return s.Document(ctx, doc) })
	both(t, "Document(missing)", func() (any, error) { return s.Document(ctx, "doc:none") })
	both(t, "DocumentsByID", func() (any, error) { return s.DocumentsByID(ctx, []string{doc, "doc:none", doc}) })

	// A write makes the model stale until it is built again.
	if _, err := s.WriteBatch(ctx, storetest.SyntheticBatch(99)); err != nil {
		t.Fatal(err)
	}
	if m := s.mem.cur.Load(); m == nil {
		t.Fatal("no model")
	} else if l := s.mem.now(); l.commits == m.label.commits {
		t.Errorf("the commit count %d did not move with a write", l.commits)
	}
	got, err := s.Entity(ctx, store.EntityID(schema.Event, "Meeting 99"))
	if err != nil || got.Name != "Meeting 99" {
		t.Errorf("Entity(Meeting 99) after its write = %+v, %v", got, err)
	}

	// Another handle's write (another process's) is seen once
	// data_version is read again.
	other, err := Open(s.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.WriteBatch(ctx, storetest.SyntheticBatch(100)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * dataVersionEvery)
	fresh()
	got, err = s.Entity(ctx, store.EntityID(schema.Event, "Meeting 100"))
	if err != nil || got.Name != "Meeting 100" {
		t.Errorf("Entity(Meeting 100) after another handle wrote it = %+v, %v", got, err)
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestPageSettings reads back what each kind of connection runs with: the
// read model's must not map the file (a build reads all of it), whatever
// order the driver runs a DSN's pragmas in.
func TestPageSettings(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct {
		name string
		db   interface {
			QueryRow(string, ...any) *sql.Row
		}
		want pageSettings
	}{
		{"writer", s.w, poolPages},
		{"read pool", s.db, poolPages},
		{"read model", s.mem.own, memoryPages},
	} {
		var got pageSettings
		if err := c.db.QueryRow(`PRAGMA mmap_size`).Scan(&got.mmap); err != nil {
			t.Fatalf("%s: PRAGMA mmap_size: %v", c.name, err)
		}
		if err := c.db.QueryRow(`PRAGMA cache_size`).Scan(&got.cacheKiB); err != nil {
			t.Fatalf("%s: PRAGMA cache_size: %v", c.name, err)
		}
		got.cacheKiB = -got.cacheKiB
		if got != c.want {
			t.Errorf("%s: mmap_size, -cache_size = %d, %d; want %d, %d", c.name, got.mmap, got.cacheKiB, c.want.mmap, c.want.cacheKiB)
		}
	}
}
