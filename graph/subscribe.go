package graph

import (
	"context"
	"slices"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
)

// subscribe turns the broker's events into a subscription's channel of
// the items pick keeps. The channel closes when the subscription ends or
// the broker drops it for falling behind, which completes it.
func subscribe[T any](ctx context.Context, b *Broker, pick func(Event) (T, bool)) (<-chan T, error) {
	if b == nil {
		return nil, store.Errorf(store.EINVALID, "this server publishes no live updates")
	}
	events := b.Subscribe(ctx)
	out := make(chan T)
	go func() {
		defer close(out)
		for ev := range events {
			v, ok := pick(ev)
			if !ok {
				continue
			}
			// The subscription's loaders live as long as it does: what
			// they cached for an earlier event may have changed since.
			loaders.For(ctx).Clear()
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// relationMatches reports whether rel passes f; a nil filter passes all.
func relationMatches(f *model.RelationAddedFilter, rel *store.Relation) bool {
	if f == nil {
		return true
	}
	if len(f.Type) > 0 && !slices.Contains(f.Type, rel.Type) {
		return false
	}
	// An id from before slug ids is an alias (store.NormalizeID).
	is := func(want *string, id string) bool { return want == nil || store.NormalizeID(*want) == id }
	if is(f.Subject, rel.Subject) && is(f.Object, rel.Object) {
		return true
	}
	// A symmetric fact (MET_WITH) is stored with its ends in order: either
	// may be the one the filter calls subject.
	return rel.Type.Symmetric() && is(f.Subject, rel.Object) && is(f.Object, rel.Subject)
}
