package loaders_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/vikstrous/dataloadgen"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/store"
)

// failing is a store whose every batched read fails with err, as a store
// does when the request's deadline passes mid-query.
type failing struct {
	store.Store
	err error
}

func (f failing) EntitiesByID(context.Context, []string) ([]store.Entity, error) { return nil, f.err }
func (f failing) DocumentsByID(context.Context, []string) ([]store.Document, error) {
	return nil, f.err
}
func (f failing) Expand(context.Context, store.Expand) ([]store.Relation, error) { return nil, f.err }
func (f failing) EvidenceFor(context.Context, []string) (map[string][]store.Evidence, error) {
	return nil, f.err
}
func (f failing) Mentions(context.Context, []string) (map[string][]string, error) {
	return nil, f.err
}

// TestBatchErrorReachesEveryKey: a store error on a batch of several keys
// must reach each caller as itself. It used to come back as dataloadgen's
// "bug in fetch function: 0 values returned for N keys", which hid a
// deadline from the error presenter (so the request was not seen to have
// timed out) and logged one internal error per key.
func TestBatchErrorReachesEveryKey(t *testing.T) {
	loads := map[string]func(l *loaders.Loaders, ctx context.Context, key string) error{
		"Entity": func(l *loaders.Loaders, ctx context.Context, k string) error {
			_, err := l.Entity.Load(ctx, k)
			return err
		},
		"Relations": func(l *loaders.Loaders, ctx context.Context, k string) error {
			_, err := l.Relations.Load(ctx, k)
			return err
		},
		"Evidence": func(l *loaders.Loaders, ctx context.Context, k string) error {
			_, err := l.Evidence.Load(ctx, k)
			return err
		},
		"Document": func(l *loaders.Loaders, ctx context.Context, k string) error {
			_, err := l.Document.Load(ctx, k)
			return err
		},
		"Mentions": func(l *loaders.Loaders, ctx context.Context, k string) error {
			_, err := l.Mentions.Load(ctx, k)
			return err
		},
	}
	for name, load := range loads {
		t.Run(name, func(t *testing.T) {
			l := loaders.New(failing{err: context.DeadlineExceeded}, 0)
			var wg sync.WaitGroup
			errs := make([]error, 30)
			for i := range errs {
				wg.Go(func() { errs[i] = load(l, context.Background(), "key:"+string(rune('a'+i))) })
			}
			wg.Wait()
			for i, err := range errs {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("key %d: got %v, want the store's context.DeadlineExceeded", i, err)
				}
				if strings.Contains(err.Error(), "bug in fetch") {
					t.Fatalf("key %d: %v", i, err)
				}
			}
		})
	}
}

// byID is a store that answers EntitiesByID with entities named after a
// generation, and records the ids it was asked for.
type byID struct {
	store.Store
	mu    sync.Mutex
	gen   string
	asked []string
}

func (s *byID) EntitiesByID(_ context.Context, ids []string) ([]store.Entity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, ids...)
	es := make([]store.Entity, len(ids))
	for i, id := range ids {
		es[i] = store.Entity{ID: id, Name: s.gen}
	}
	return es, nil
}

// TestPrime: a primed key is answered without the store; a key loaded
// first keeps its loaded value when primed later, as with dataloadgen's
// own Prime; LoadAll mixes both in key order; ClearAll forgets both.
func TestPrime(t *testing.T) {
	ctx := context.Background()
	st := &byID{gen: "stored"}
	l := loaders.New(st, 0)
	if !l.Entity.Prime("a", store.Entity{ID: "a", Name: "primed"}) {
		t.Error(`Prime("a") = false on a fresh loader, want true`)
	}
	if l.Entity.Prime("a", store.Entity{ID: "a", Name: "again"}) {
		t.Error(`Prime("a") twice = true, want false`)
	}
	if e, err := l.Entity.Load(ctx, "b"); err != nil || e.Name != "stored" {
		t.Errorf(`Load("b") = %+v, %v, want the stored one`, e, err)
	}
	if l.Entity.Prime("b", store.Entity{ID: "b", Name: "primed"}) {
		t.Error(`Prime("b") after Load("b") = true, want false`)
	}
	es, err := l.Entity.LoadAll(ctx, []string{"a", "b", "c", "a"})
	var names []string
	for _, e := range es {
		names = append(names, e.ID+"="+e.Name)
	}
	if got, want := strings.Join(names, " "), "a=primed b=stored c=stored a=primed"; err != nil || got != want {
		t.Errorf("LoadAll = %s, %v, want %s", got, err, want)
	}
	if got := strings.Join(st.asked, " "); got != "b c" {
		t.Errorf("the store was asked for %q, want %q", got, "b c")
	}
	l.Clear()
	st.gen = "later"
	if e, err := l.Entity.Load(ctx, "a"); err != nil || e.Name != "later" {
		t.Errorf(`Load("a") after Clear = %+v, %v, want the store's`, e, err)
	}
}

// TestLoadAllError: a failed batch under LoadAll reaches the caller as
// dataloadgen's does, one error per key, none for a primed key.
func TestLoadAllError(t *testing.T) {
	l := loaders.New(failing{err: context.DeadlineExceeded}, 0)
	l.Entity.Prime("a", store.Entity{ID: "a"})
	_, err := l.Entity.LoadAll(context.Background(), []string{"a", "b"})
	var errs dataloadgen.ErrorSlice
	if !errors.As(err, &errs) || len(errs) != 2 || errs[0] != nil || !errors.Is(errs[1], context.DeadlineExceeded) {
		t.Errorf("LoadAll error = %#v, want an ErrorSlice of none for the primed key and the store's error for the other", err)
	}
}
