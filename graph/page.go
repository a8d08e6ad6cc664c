package graph

import (
	"github.com/diplograph/diplograph/store"
)

// firstOf cuts a per-parent list to its page size: first items, ListDefault
// when first is nil. A negative first or one over ListMax is the caller's
// error, named by arg.
func firstOf[T any](items []T, first *int, arg string) ([]T, error) {
	n := ListDefault
	if first != nil {
		if *first < 0 || *first > ListMax {
			return nil, store.Errorf(store.EINVALID, "%s: first must be between 0 and %d, not %d", arg, ListMax, *first)
		}
		n = *first
	}
	if len(items) > n {
		items = items[:n]
	}
	if items == nil {
		items = []T{}
	}
	return items, nil
}

// checkFirst validates first before a resolver does any work for it.
func checkFirst(first *int, arg string) error {
	_, err := firstOf[struct{}](nil, first, arg)
	return err
}
