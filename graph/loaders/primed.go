package loaders

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/vikstrous/dataloadgen"
)

// Loader is a dataloadgen loader with the values list resolvers prime
// kept in a plain map in front of it. The prefetch (graph/prefetch.go)
// primes hundreds of keys a request: dataloadgen keeps each primed value
// in a closure of its own, and its LoadAll makes a thunk per key even
// when every key is primed, which together were 7% of the bytes a
// listing allocated (docs/PERFORMANCE.md, "Issue 13, fourth pass"). As
// with dataloadgen's own Prime, a key is answered by whichever came
// first, Prime or a load through the batch.
type Loader[V any] struct {
	batch *dataloadgen.Loader[string, V]

	mu     sync.RWMutex
	primed map[string]V
	asked  map[string]bool // keys sent to batch: Prime leaves them alone

	counts *counts // the Loaders' (Waits, Primed)
}

// counts are what Waits and Primed report.
type counts struct {
	waits  atomic.Int64 // loads sent to a batch
	primed atomic.Bool  // a value was primed
}

func newLoader[V any](c *counts, fetch func(ctx context.Context, keys []string) ([]V, []error), opts ...dataloadgen.Option) *Loader[V] {
	return &Loader[V]{batch: dataloadgen.NewLoader(fetch, opts...), counts: c}
}

// Prime records v for key unless key was primed or asked for already;
// it reports whether it did.
func (l *Loader[V]) Prime(key string, v V) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.primed[key]; ok || l.asked[key] {
		return false
	}
	if l.primed == nil {
		l.primed = map[string]V{}
	}
	l.primed[key] = v
	l.counts.primed.Store(true)
	return true
}

// Load returns the value of key, primed or batched.
func (l *Loader[V]) Load(ctx context.Context, key string) (V, error) {
	l.mu.RLock()
	v, ok := l.primed[key]
	l.mu.RUnlock()
	if ok {
		return v, nil
	}
	l.ask(key)
	l.counts.waits.Add(1)
	return l.batch.Load(ctx, key)
}

// LoadAll returns the values of keys in their order; the keys not primed
// go to the store in one batch. Its error, as dataloadgen's, is a
// dataloadgen.ErrorSlice with one entry per key when any key failed.
func (l *Loader[V]) LoadAll(ctx context.Context, keys []string) ([]V, error) {
	vs := make([]V, len(keys))
	var miss []int
	l.mu.RLock()
	for i, k := range keys {
		v, ok := l.primed[k]
		if !ok {
			miss = append(miss, i)
			continue
		}
		vs[i] = v
	}
	l.mu.RUnlock()
	if len(miss) == 0 {
		return vs, nil
	}
	rest := make([]string, len(miss))
	for j, i := range miss {
		rest[j] = keys[i]
		l.ask(keys[i])
	}
	l.counts.waits.Add(1)
	got, err := l.batch.LoadAll(ctx, rest)
	for j, i := range miss {
		if j < len(got) {
			vs[i] = got[j]
		}
	}
	var some dataloadgen.ErrorSlice
	if err != nil && errors.As(err, &some) && len(some) == len(miss) {
		all := make(dataloadgen.ErrorSlice, len(keys))
		for j, i := range miss {
			all[i] = some[j]
		}
		return vs, all
	}
	return vs, err
}

// ClearAll forgets every value, primed or loaded.
func (l *Loader[V]) ClearAll() {
	l.mu.Lock()
	l.primed, l.asked = nil, nil
	l.mu.Unlock()
	l.batch.ClearAll()
}

func (l *Loader[V]) ask(key string) {
	l.mu.Lock()
	if l.asked == nil {
		l.asked = map[string]bool{}
	}
	l.asked[key] = true
	l.mu.Unlock()
}
