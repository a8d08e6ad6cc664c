package graph

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/loaders"
)

// gqlgen marshals every list of objects through
// graphql.MarshalSliceConcurrently, a goroutine for each element whatever
// the element's fields; each starts on a small stack that the element's
// marshalling grows, which was a quarter of the CPU of the questions that
// answer hundreds of objects (docs/PERFORMANCE.md, "Issue 13, fourth
// pass"). graph/internal/generate rewrites the generated executor to call
// marshalList instead, which marshals the elements in order on the
// calling goroutine when that cannot make anything wait longer.
//
// What could: a field resolved concurrently (concurrentFields, generated)
// under the element, whose resolver loads through the request's loaders
// and so waits for a batch that the other elements' loads would have
// joined. Marshalled in order, each element would wait out the loader's
// window alone. So a list is marshalled
//
//   - in order when nothing selected under its elements, at any depth, is
//     a concurrent field;
//   - in order, watched, when the concurrent fields selected are all ones
//     the list resolvers' prefetch primes (primedFields) and the request's
//     loaders hold primed values (loaders.Primed): the fields' values are
//     then usually waiting. Should an element nevertheless send a key to a
//     loader's batch (loaders.Waits), the elements after it are
//     marshalled concurrently, as gqlgen would, and only that element has
//     waited alone;
//   - as gqlgen does otherwise.
//
// Each element gets the FieldContext gqlgen gives it (its Index, the
// Result set by the generated closure), and a panic in one is recovered
// as gqlgen does: the error is added at the element and the list is null.
// Errors and null propagation are the generated code's, unchanged.

// primedFields are the concurrent fields whose resolvers read the store
// only through the request's loaders, and which the list resolvers'
// prefetch primes (prefetch.go: entity.relations, the event fields of
// relationFields, relation.evidence). timeline, documents of a relation
// and the Document fields are not primed there, so lists that ask for
// them are marshalled concurrently.
var primedFields = map[string]map[string]bool{
	"Entity":       {"relations": true},
	"Person":       {"relations": true},
	"Organization": {"relations": true},
	"Country":      {"relations": true},
	"Location":     {"relations": true},
	"Agreement":    {"relations": true},
	"Topic":        {"relations": true},
	"Event": {"relations": true, "participants": true, "location": true, "topics": true,
		"produced": true, "evidence": true, "documents": true},
	"Relation": {"evidence": true},
}

// listMode is how marshalList marshals a list.
type listMode uint8

const (
	inOrder    listMode = iota // nothing under the elements resolves concurrently
	watched                    // in order while no element waits on a loader's batch
	concurrent                 // a goroutine per element, as gqlgen
)

// modeOf returns the mode for elements selected by sel.
func modeOf(sel ast.SelectionSet) listMode {
	m := inOrder
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.ObjectDefinition != nil && concurrentFields[s.ObjectDefinition.Name][s.Name] {
				if !primedFields[s.ObjectDefinition.Name][s.Name] {
					return concurrent
				}
				m = watched
			}
			m = max(m, modeOf(s.SelectionSet))
		case *ast.InlineFragment:
			m = max(m, modeOf(s.SelectionSet))
		case *ast.FragmentSpread:
			if s.Definition == nil {
				return concurrent
			}
			m = max(m, modeOf(s.Definition.SelectionSet))
		default:
			return concurrent
		}
		if m == concurrent {
			return m
		}
	}
	return m
}

// marshalList marshals n elements with marshal, as
// graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler,
// marshal) does, but in order where modeOf(sel) allows.
func marshalList(ctx context.Context, sel ast.SelectionSet, n int, workerLimit int64, omitPanicHandler bool,
	marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if n <= 1 || workerLimit > 0 {
		return graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshal)
	}
	mode := modeOf(sel)
	if mode == watched && !loaders.Primed(ctx) {
		// The list's resolver primed nothing (search does not), so the
		// first element would wait alone, then the others.
		mode = concurrent
	}
	if mode == concurrent {
		return graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, n)
	failed := false
	element := func(i int) {
		fc := &graphql.FieldContext{Index: &i}
		childCtx := graphql.WithFieldContext(ctx, fc)
		if !omitPanicHandler {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(childCtx, graphql.Recover(childCtx, r))
					failed = true
				}
			}()
		}
		ret[i] = marshal(childCtx, i)
	}
	for i := range n {
		if mode == watched {
			before := loaders.Waits(ctx)
			element(i)
			if i+1 < n && loaders.Waits(ctx) != before {
				if rest(ctx, ret, i+1, omitPanicHandler, marshal) {
					failed = true
				}
				break
			}
			continue
		}
		element(i)
	}
	if failed {
		return nil
	}
	return ret
}

// rest marshals the elements from the one at first on, a goroutine each,
// as graphql.MarshalSliceConcurrently does without a worker limit; it
// reports whether one of them panicked.
func rest(ctx context.Context, ret graphql.Array, first int, omitPanicHandler bool,
	marshal func(ctx context.Context, i int) graphql.Marshaler) bool {
	var wg sync.WaitGroup
	var failed atomic.Bool
	for i := first; i < len(ret); i++ {
		idx := i
		fc := &graphql.FieldContext{Index: &idx}
		childCtx := graphql.WithFieldContext(ctx, fc)
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if !omitPanicHandler {
				defer func() {
					if r := recover(); r != nil {
						graphql.AddError(childCtx, graphql.Recover(childCtx, r))
						failed.Store(true)
					}
				}()
			}
			ret[i] = marshal(childCtx, i)
		}(i)
	}
	wg.Wait()
	return failed.Load()
}
