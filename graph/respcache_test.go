package graph_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// countingStore counts the listings of entities that reach the store.
type countingStore struct {
	store.Store
	entities atomic.Int64
}

func (c *countingStore) Entities(ctx context.Context, f store.EntityFilter) (store.EntityPage, error) {
	c.entities.Add(1)
	return c.Store.Entities(ctx, f)
}

// TestResponseCache: with the cache on, an answer is served again without
// the store until a write — a mutation or POST /ingest — and then it is
// computed afresh; with it off (the default) every request reaches the
// store.
func TestResponseCache(t *testing.T) {
	// It counts store calls, which the plans' check (TestMain) doubles.
	t.Setenv(graph.PlanCheckEnv, "")
	const q = `query($t: EntityType) { entities(filter: {type: $t}) { totalCount edges { node { name aliases } } } }`
	orgs := map[string]any{"t": "Organization"}
	people := map[string]any{"t": "Person"}

	t.Run("off by default", func(t *testing.T) {
		st := &countingStore{Store: openStore(t)}
		seed(t, st, 2, 1)
		url := serve(t, st, graph.Options{})
		query(t, url, q, orgs)
		query(t, url, q, orgs)
		if n := st.entities.Load(); n != 2 {
			t.Errorf("store listed entities %d times for two requests, want 2", n)
		}
	})

	st := &countingStore{Store: openStore(t)}
	seed(t, st, 2, 1)
	url := serve(t, st, graph.Options{ResponseCache: 100, Extract: fakeExtract})
	calls := func() int64 { return st.entities.Load() }
	ask := func(vars map[string]any) string {
		t.Helper()
		r := query(t, url, q, vars)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		return string(r.Data)
	}

	first := ask(orgs)
	if again := ask(orgs); again != first || calls() != 1 {
		t.Fatalf("second request: %d store calls, answer %s; want 1 call and the first answer %s", calls(), again, first)
	}
	if ask(people); calls() != 2 {
		t.Errorf("other variables: %d store calls, want 2 (a miss)", calls())
	}

	agency := store.EntityID(schema.Organization, "Agency 001")
	if r := query(t, url, `mutation($e: ID!) { addAlias(entity: $e, alias: "Zed Bureau") { id } }`, map[string]any{"e": agency}); len(r.Errors) > 0 {
		t.Fatalf("addAlias: %+v", r.Errors)
	}
	if got := ask(orgs); calls() != 3 || !strings.Contains(got, "Zed Bureau") {
		t.Errorf("after a mutation: %d store calls, answer %s; want 3 calls and the new alias", calls(), got)
	}

	if got := ask(people); strings.Contains(got, "Ada Envoy") {
		t.Fatalf("Ada Envoy before she was ingested: %s", got)
	}
	before := calls()
	res, err := http.Post(url+"/ingest?filename=ada.txt", "text/plain", strings.NewReader("Ada Envoy attended the Test Summit."))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /ingest = %d, want 201", res.StatusCode)
	}
	if got := ask(people); calls() != before+1 || !strings.Contains(got, "Ada Envoy") {
		t.Errorf("after POST /ingest: %d store calls (before %d), answer %s; want one more call and Ada Envoy", calls(), before, got)
	}
}
