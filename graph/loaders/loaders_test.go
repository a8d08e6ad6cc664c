package loaders_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

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
