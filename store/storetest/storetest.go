// Package storetest is the contract suite every store.Store implementation
// runs: Run(t, open) with a fresh store per subtest, so that store/sqlite
// and store/neo4j behave alike down to counts, orders and error codes.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/store"
)

// Run runs the contract suite. open is called once per subtest and must
// return an empty store; the implementation closes and removes it through
// t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func(t *testing.T) store.Store)
	}{
		{"Ping", testPing},
		{"WriteBatch/New", testWriteNew},
		{"WriteBatch/Idempotent", testWriteIdempotent},
		{"WriteBatch/Atomic", testWriteAtomic},
		{"WriteBatch/EndsInStore", testWriteEndsInStore},
		{"WriteBatch/MergeEntities", testWriteMergeEntities},
		{"WriteBatch/SameFactTwoDocuments", testWriteSameFact},
		{"WriteBatch/Symmetric", testWriteSymmetric},
		{"WriteBatch/Concurrent", testWriteConcurrent},
		{"WriteBatch/ConvergeOrder", testConvergeOrder},
		{"WriteBatch/ConvergeAmbiguous", testConvergeAmbiguous},
		{"Entity", testEntity},
		{"EntitiesByID", testEntitiesByID},
		{"EntityByAlias", testEntityByAlias},
		{"Entities/Filter", testEntitiesFilter},
		{"Entities/Order", testEntitiesOrder},
		{"Entities/Pages", testEntitiesPages},
		{"Relations/Filter", testRelationsFilter},
		{"Relations/Pages", testRelationsPages},
		{"Expand", testExpand},
		{"EvidenceFor", testEvidenceFor},
		{"Documents", testDocuments},
		{"Search", testSearch},
		{"Search/Forgiving", testSearchForgiving},
		{"Search/TypoCases", testSearchTypoCases},
		{"Search/HostileText", testSearchHostileText},
		{"SearchDocuments", testSearchDocuments},
		{"Count", testCount},
		{"HostileInput", testHostileInput},
		{"Documents/List", testDocumentsList},
		{"Documents/Pages", testDocumentsPages},
		{"Mentions", testMentions},
		{"DeleteDocument/RoundTrip", testDeleteRoundTrip},
		{"DeleteDocument/Effects", testDeleteEffects},
		{"DeleteDocument/RandomSequence", testDeleteRandom},
		{"DeleteDocument/AnalystEvidence", testDeleteKeepsAsserted},
		{"AddAlias", testAddAlias},
		{"MergeEntities", testMergeEntities},
		{"MergeEntities/Errors", testMergeErrors},
		{"AssertRelation", testAssertRelation},
		{"AssertRelation/Errors", testAssertErrors},
		{"RetractRelation", testRetractRelation},
		{"Relation", testRelation},
		{"Time/Fields", testTimeFields},
		{"Time/NewestJudgement", testNewestJudgement},
		{"Time/Versions", testVersions},
		{"Time/AssertedPost", testAssertedPost},
		{"IDs/OldAreAliases", testOldIDs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// write stores batches, failing the test on any error.
func write(t *testing.T, s store.Store, batches ...store.Batch) []store.WriteResult {
	t.Helper()
	var out []store.WriteResult
	for _, b := range batches {
		res, err := s.WriteBatch(context.Background(), b)
		if err != nil {
			t.Fatalf("WriteBatch(%q) error: %v", b.Document.Title, err)
		}
		out = append(out, res)
	}
	return out
}

// openWorld returns a fresh store holding the three world documents.
func openWorld(t *testing.T, open func(t *testing.T) store.Store) store.Store {
	t.Helper()
	s := open(t)
	write(t, s, world()...)
	return s
}

// snapshot is everything a store holds, in a comparable form: retracted
// relations included, documents by id with the entities they mention.
type snapshot struct {
	Documents int
	Entities  []store.Entity
	Relations []store.Relation
	Evidence  map[string][]store.Evidence
	Mentions  map[string][]string
}

func (s snapshot) evidenceCount() int {
	n := 0
	for _, evs := range s.Evidence {
		n += len(evs)
	}
	return n
}

// take reads the whole store, page by page.
func take(t *testing.T, s store.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var snap snapshot
	var err error
	if snap.Documents, err = s.DocumentCount(ctx); err != nil {
		t.Fatalf("DocumentCount() error: %v", err)
	}
	snap.Entities = allEntities(t, s, store.EntityFilter{})
	snap.Relations = allRelations(t, s, store.RelationFilter{IncludeRetracted: true})
	var docs []string
	for _, d := range allDocuments(t, s, store.DocumentFilter{}) {
		docs = append(docs, d.ID)
	}
	if len(docs) != snap.Documents {
		t.Errorf("Documents listed %d, DocumentCount = %d", len(docs), snap.Documents)
	}
	if snap.Mentions, err = s.Mentions(ctx, docs); err != nil {
		t.Fatalf("Mentions(%d ids) error: %v", len(docs), err)
	}
	ids := make([]string, len(snap.Relations))
	for i, r := range snap.Relations {
		ids[i] = r.ID
	}
	if snap.Evidence, err = s.EvidenceFor(ctx, ids); err != nil {
		t.Fatalf("EvidenceFor(%d ids) error: %v", len(ids), err)
	}
	for _, e := range snap.Entities {
		slices.Sort(e.Aliases)
	}
	return snap
}

// allEntities walks every page of f, checking the page invariants on the way.
func allEntities(t *testing.T, s store.Store, f store.EntityFilter) []store.Entity {
	t.Helper()
	var out []store.Entity
	total := -1
	for range 10000 {
		p, err := s.Entities(context.Background(), f)
		if err != nil {
			t.Fatalf("Entities(%+v) error: %v", f, err)
		}
		if total >= 0 && p.TotalCount != total {
			t.Errorf("Entities(%+v).TotalCount = %d, was %d on the first page", f, p.TotalCount, total)
		}
		total = p.TotalCount
		out = append(out, p.Items...)
		if !p.HasNext {
			break
		}
		if len(out) > total {
			t.Fatalf("Entities(%+v) walked %d items of %d and still has a next page", f, len(out), total)
		}
		if len(p.Items) == 0 || p.EndCursor == "" {
			t.Fatalf("Entities(%+v) has a next page but returned %d items and cursor %q", f, len(p.Items), p.EndCursor)
		}
		f.After = p.EndCursor
	}
	if len(out) != total {
		t.Errorf("Entities walked %d items, TotalCount = %d", len(out), total)
	}
	return out
}

// allRelations walks every page of f.
func allRelations(t *testing.T, s store.Store, f store.RelationFilter) []store.Relation {
	t.Helper()
	var out []store.Relation
	total := -1
	for range 10000 {
		p, err := s.Relations(context.Background(), f)
		if err != nil {
			t.Fatalf("Relations(%+v) error: %v", f, err)
		}
		if total >= 0 && p.TotalCount != total {
			t.Errorf("Relations(%+v).TotalCount = %d, was %d on the first page", f, p.TotalCount, total)
		}
		total = p.TotalCount
		out = append(out, p.Items...)
		if !p.HasNext {
			break
		}
		if len(out) > total {
			t.Fatalf("Relations(%+v) walked %d items of %d and still has a next page", f, len(out), total)
		}
		if len(p.Items) == 0 || p.EndCursor == "" {
			t.Fatalf("Relations(%+v) has a next page but returned %d items and cursor %q", f, len(p.Items), p.EndCursor)
		}
		f.After = p.EndCursor
	}
	if len(out) != total {
		t.Errorf("Relations walked %d items, TotalCount = %d", len(out), total)
	}
	return out
}

func entityIDs(es []store.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func relationIDs(rs []store.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// sameSet reports whether a and b hold the same ids, ignoring order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// dupes returns the ids that occur more than once.
func dupes(ids []string) []string {
	seen := map[string]int{}
	var out []string
	for _, id := range ids {
		seen[id]++
		if seen[id] == 2 {
			out = append(out, id)
		}
	}
	return out
}

// wantCode fails unless err carries the store error code want.
func wantCode(t *testing.T, call string, err error, want string) {
	t.Helper()
	if got := store.ErrorCode(err); got != want {
		t.Errorf("%s error = %v (code %q), want code %q", call, err, got, want)
	}
}

func equalSnapshots(t *testing.T, what string, got, want snapshot) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s changed the store:\n got  %d docs, %d entities, %d relations, %d evidence\n want %d docs, %d entities, %d relations, %d evidence\n%s",
			what, got.Documents, len(got.Entities), len(got.Relations), got.evidenceCount(),
			want.Documents, len(want.Entities), len(want.Relations), want.evidenceCount(), diff(got, want))
	}
}

// diff names the first differences between two snapshots, to show where
// they part.
func diff(got, want snapshot) string {
	var out []string
	note := func(format string, args ...any) {
		if len(out) < 8 {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	ge, we := map[string]store.Entity{}, map[string]store.Entity{}
	for _, e := range got.Entities {
		ge[e.ID] = e
	}
	for _, e := range want.Entities {
		we[e.ID] = e
		if g, ok := ge[e.ID]; !ok {
			note("entity %s missing", e.ID)
		} else if !reflect.DeepEqual(g, e) {
			note("entity %s = %+v, want %+v", e.ID, g, e)
		}
	}
	for id := range ge {
		if _, ok := we[id]; !ok {
			note("entity %s extra", id)
		}
	}
	gr, wr := map[string]store.Relation{}, map[string]store.Relation{}
	for _, r := range got.Relations {
		gr[r.ID] = r
	}
	for _, r := range want.Relations {
		wr[r.ID] = r
		if g, ok := gr[r.ID]; !ok {
			note("relation %s %s %s %s missing", r.ID, r.Subject, r.Type, r.Object)
		} else if !reflect.DeepEqual(g, r) {
			note("relation %s = %+v, want %+v", r.ID, g, r)
		}
	}
	for id, r := range gr {
		if _, ok := wr[id]; !ok {
			note("relation %s %s %s %s extra", id, r.Subject, r.Type, r.Object)
		}
	}
	for id, evs := range want.Evidence {
		if !reflect.DeepEqual(got.Evidence[id], evs) {
			note("evidence of %s = %+v, want %+v", id, got.Evidence[id], evs)
		}
	}
	for id, evs := range got.Evidence {
		if _, ok := want.Evidence[id]; !ok {
			note("evidence of %s extra: %+v", id, evs)
		}
	}
	if !reflect.DeepEqual(got.Mentions, want.Mentions) {
		note("mentions = %v, want %v", got.Mentions, want.Mentions)
	}
	return strings.Join(out, "\n")
}

// unchanged runs fn, which must fail with code, and checks that the store
// is as it was before.
func unchanged(t *testing.T, s store.Store, call, code string, fn func() error) {
	t.Helper()
	before := take(t, s)
	wantCode(t, call, fn(), code)
	equalSnapshots(t, "failed "+call, take(t, s), before)
}

// allDocuments walks every page of f.
func allDocuments(t *testing.T, s store.Store, f store.DocumentFilter) []store.Document {
	t.Helper()
	var out []store.Document
	total := -1
	for range 10000 {
		p, err := s.Documents(context.Background(), f)
		if err != nil {
			t.Fatalf("Documents(%+v) error: %v", f, err)
		}
		if total >= 0 && p.TotalCount != total {
			t.Errorf("Documents(%+v).TotalCount = %d, was %d on the first page", f, p.TotalCount, total)
		}
		if len(p.Cursors) != len(p.Items) {
			t.Fatalf("Documents(%+v): %d cursors for %d items", f, len(p.Cursors), len(p.Items))
		}
		if n := len(p.Cursors); n > 0 && p.EndCursor != p.Cursors[n-1] {
			t.Errorf("Documents(%+v).EndCursor = %q, want the last item's cursor %q", f, p.EndCursor, p.Cursors[n-1])
		}
		total = p.TotalCount
		out = append(out, p.Items...)
		if !p.HasNext {
			break
		}
		if len(out) > total || len(p.Items) == 0 {
			t.Fatalf("Documents(%+v) walked %d items of %d and still has a next page", f, len(out), total)
		}
		f.After = p.EndCursor
	}
	if len(out) != total {
		t.Errorf("Documents walked %d items, TotalCount = %d", len(out), total)
	}
	return out
}
