// Package loaders batches the store calls of per-parent GraphQL fields: a
// request gets fresh loaders (Middleware), each resolver asks For(ctx), and
// every key asked for during one short wait is fetched in one store call.
package loaders

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// DefaultWait is how long a loader collects keys before it calls the store.
// The elements of a list whose fields load are resolved concurrently
// (graph/listorder.go), so siblings arrive within microseconds; list
// resolvers prime the loaders ahead of their items (graph/prefetch.go), so
// the wait is paid only by what that look-ahead does not cover, and a
// short one keeps that cheap.
const DefaultWait = 250 * time.Microsecond

// Loaders batches one request's per-parent lookups.
type Loaders struct {
	// Entity loads entities by id; a missing id yields a zero Entity.
	Entity *Loader[store.Entity]
	// Relations loads every relation touching an entity, in both directions
	// and of all types, so that one call serves participants, location,
	// topics and relations fields alike; resolvers filter what they need.
	Relations *Loader[[]store.Relation]
	// Evidence loads the evidence of a relation.
	Evidence *Loader[[]store.Evidence]
	// Document loads documents by id; a missing id yields a zero Document.
	Document *Loader[store.Document]
	// Mentions loads the ids of the entities a document mentions.
	Mentions *Loader[[]string]

	typedMu sync.Mutex
	typed   map[string]typedRelations // see PrimeTyped

	counts counts // see Waits and Primed
}

// typedRelations are an entity's relations of some types only.
type typedRelations struct {
	types []schema.RelationType
	rels  []store.Relation
}

// PrimeTyped records every relation of the given types touching id, and
// no others. A listing whose fields ask only for some types (an event's
// participants are its ATTENDED) loads just those: at 100 copies of the
// gold, 50 dialogues have 1,200 relations, 200 of them ATTENDED. They
// are kept apart from Relations, which promises every relation.
func (l *Loaders) PrimeTyped(id string, types []schema.RelationType, rels []store.Relation) {
	l.typedMu.Lock()
	defer l.typedMu.Unlock()
	if l.typed == nil {
		l.typed = map[string]typedRelations{}
	}
	l.typed[id] = typedRelations{types: types, rels: rels}
	l.counts.primed.Store(true)
}

// Typed returns the relations PrimeTyped recorded for id when they cover
// every one of types (which must not be empty).
func (l *Loaders) Typed(id string, types []schema.RelationType) ([]store.Relation, bool) {
	l.typedMu.Lock()
	defer l.typedMu.Unlock()
	t, ok := l.typed[id]
	if !ok || len(types) == 0 {
		return nil, false
	}
	for _, ty := range types {
		if !slices.Contains(t.types, ty) {
			return nil, false
		}
	}
	return t.rels, true
}

// New returns loaders over st that wait wait before each batch (DefaultWait
// when zero).
func New(st store.Store, wait time.Duration) *Loaders {
	if wait <= 0 {
		wait = DefaultWait
	}
	opt := dataloadgen.WithWait(wait)
	l := &Loaders{}
	*l = Loaders{
		Entity: newLoader(&l.counts, func(ctx context.Context, ids []string) ([]store.Entity, []error) {
			es, err := st.EntitiesByID(ctx, ids)
			return fill(es, len(ids), err)
		}, opt),
		Relations: newLoader(&l.counts, func(ctx context.Context, ids []string) ([][]store.Relation, []error) {
			rs, err := st.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both})
			if err != nil {
				return failed[[]store.Relation](err, len(ids))
			}
			at := make(map[string]int, len(ids))
			for i, id := range ids {
				at[id] = i
			}
			out := make([][]store.Relation, len(ids))
			for _, r := range rs {
				if i, ok := at[r.Subject]; ok {
					out[i] = append(out[i], r)
				}
				if i, ok := at[r.Object]; ok && r.Object != r.Subject {
					out[i] = append(out[i], r)
				}
			}
			return out, nil
		}, opt),
		Evidence: newLoader(&l.counts, func(ctx context.Context, ids []string) ([][]store.Evidence, []error) {
			m, err := st.EvidenceFor(ctx, ids)
			if err != nil {
				return failed[[]store.Evidence](err, len(ids))
			}
			out := make([][]store.Evidence, len(ids))
			for i, id := range ids {
				out[i] = m[id]
			}
			return out, nil
		}, opt),
		Document: newLoader(&l.counts, func(ctx context.Context, ids []string) ([]store.Document, []error) {
			ds, err := st.DocumentsByID(ctx, ids)
			return fill(ds, len(ids), err)
		}, opt),
		Mentions: newLoader(&l.counts, func(ctx context.Context, ids []string) ([][]string, []error) {
			m, err := st.Mentions(ctx, ids)
			if err != nil {
				return failed[[]string](err, len(ids))
			}
			out := make([][]string, len(ids))
			for i, id := range ids {
				out[i] = m[id]
			}
			return out, nil
		}, opt),
	}
	return l
}

// fill checks that a store answered one value per key.
func fill[T any](vs []T, n int, err error) ([]T, []error) {
	if err == nil && len(vs) != n {
		err = store.Errorf(store.EINTERNAL, "store returned %d values for %d keys", len(vs), n)
	}
	if err != nil {
		return failed[T](err, n)
	}
	return vs, nil
}

// failed answers a batch of n keys that failed with err. dataloadgen
// checks the count of values before it looks at the errors: a batch
// answered with no values comes back to every caller as "bug in fetch
// function: 0 values returned", not as err, so a deadline would not be
// seen as one. Each key gets a zero value and err.
func failed[T any](err error, n int) ([]T, []error) {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return make([]T, n), errs
}

type ctxKey struct{}

// lazy holds a request's loaders, made on first use: many queries (a
// search, a listing of scalars) never reach a loader, and five loaders
// with their maps cost a fixed share of a cheap request.
type lazy struct {
	once sync.Once
	st   store.Store
	wait time.Duration
	l    *Loaders
	made atomic.Pointer[Loaders] // l, once made: read without the once
}

func (z *lazy) get() *Loaders {
	z.once.Do(func() {
		if z.l == nil {
			z.l = New(z.st, z.wait)
		}
		z.made.Store(z.l)
	})
	return z.l
}

// With returns ctx carrying l.
func With(ctx context.Context, l *Loaders) context.Context {
	z := &lazy{l: l}
	z.made.Store(l)
	return context.WithValue(ctx, ctxKey{}, z)
}

// Waits returns how many loads of the request ctx belongs to have gone to
// a batch (a key not primed), and so waited for the batch window and the
// store, so far; 0 when it has no loaders yet. A caller that did something
// sees from a change whether it waited (graph/listorder.go).
func Waits(ctx context.Context) int64 {
	z, ok := ctx.Value(ctxKey{}).(*lazy)
	if !ok {
		return 0
	}
	l := z.made.Load()
	if l == nil {
		return 0
	}
	return l.counts.waits.Load()
}

// Primed reports whether anything was primed (Loader.Prime, PrimeTyped)
// in the request ctx belongs to so far.
func Primed(ctx context.Context) bool {
	z, ok := ctx.Value(ctxKey{}).(*lazy)
	if !ok {
		return false
	}
	l := z.made.Load()
	return l != nil && l.counts.primed.Load()
}

// For returns the loaders of the request ctx belongs to. It panics when
// Middleware did not run, which is a wiring bug, not a user error.
func For(ctx context.Context) *Loaders {
	z, ok := ctx.Value(ctxKey{}).(*lazy)
	if !ok {
		panic("loaders: no loaders in context; wrap the handler in loaders.Middleware")
	}
	return z.get()
}

// Middleware gives every request its own loaders, so nothing is cached
// across requests and a write is visible to the next query. They are made
// when a resolver first asks for them.
func Middleware(st store.Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, &lazy{st: st, wait: wait})))
	})
}

// Clear forgets everything loaded so far in the request: a mutation calls
// it before it changes the graph, so the fields of a later root field of
// the same operation read the graph as it then is.
func (l *Loaders) Clear() {
	l.Entity.ClearAll()
	l.Relations.ClearAll()
	l.Evidence.ClearAll()
	l.Document.ClearAll()
	l.Mentions.ClearAll()
	l.typedMu.Lock()
	l.typed = nil
	l.typedMu.Unlock()
}
