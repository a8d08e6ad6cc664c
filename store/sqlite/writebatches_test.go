package sqlite_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/graphio"
	"github.com/diplograph/diplograph/store/storetest"
)

// TestWriteBatches: batches written together in one transaction give
// the results, the errors and the graph that writing them one at a time
// gives, a batch that fails halfway (a relation to an entity nobody has)
// or before it starts (no text) leaving nothing of itself, and a document
// written twice reported as existing the second time.
func TestWriteBatches(t *testing.T) {
	ctx := context.Background()
	var bs []store.Batch
	for i := range 12 {
		bs = append(bs, storetest.SyntheticBatch(i))
	}
	halfway := storetest.SyntheticBatch(40)
	r := halfway.Relations[0]
	r.ID, r.Subject = "", "country:nowhere-at-all"
	r.Evidence = slices.Clone(r.Evidence)
	for i := range r.Evidence {
		r.Evidence[i].ID, r.Evidence[i].RelationID = "", ""
	}
	halfway.Relations = append(halfway.Relations, r)
	empty := storetest.SyntheticBatch(41)
	empty.Document.Text, empty.Document.ID = " ", ""
	bs = append(bs[:5], append([]store.Batch{halfway, bs[2], empty}, bs[5:]...)...)

	clock := func() time.Time { return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC) }
	one := open(t, filepath.Join(t.TempDir(), "one.db"))
	one.Now = clock
	var wantRes []store.WriteResult
	var wantErr []error
	for _, b := range bs {
		res, err := one.WriteBatch(ctx, b)
		wantRes, wantErr = append(wantRes, res), append(wantErr, err)
	}
	together := open(t, filepath.Join(t.TempDir(), "together.db"))
	together.Now = clock
	gotRes, gotErr := together.WriteBatches(ctx, bs)

	for i := range bs {
		if (gotErr[i] == nil) != (wantErr[i] == nil) || store.ErrorCode(gotErr[i]) != store.ErrorCode(wantErr[i]) {
			t.Errorf("batch %d: error %v, want %v (as written alone)", i, gotErr[i], wantErr[i])
		}
		if !reflect.DeepEqual(gotRes[i], wantRes[i]) {
			t.Errorf("batch %d: result %+v, want %+v (as written alone)", i, gotRes[i], wantRes[i])
		}
	}
	for i, want := range map[int]string{5: store.EINVALID, 7: store.EINVALID} {
		if store.ErrorCode(gotErr[i]) != want {
			t.Errorf("batch %d: error %v, want %s", i, gotErr[i], want)
		}
	}
	if !gotRes[6].Existed {
		t.Errorf("batch 6 (batch 2 again): %+v, want Existed", gotRes[6])
	}
	if got, want := snapshot(t, together), snapshot(t, one); got != want {
		t.Errorf("graph written together differs from the graph written one at a time:\n%s\nwant\n%s", got, want)
	}
}

func snapshot(t *testing.T, s store.Store) string {
	t.Helper()
	g, err := graphio.Snapshot(context.Background(), s)
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	data, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
