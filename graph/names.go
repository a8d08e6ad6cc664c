package graph

import (
	"context"
	"fmt"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// CodeAmbiguousName is the code of a name several entities answer to;
// extensions.candidates lists them.
const CodeAmbiguousName = "AMBIGUOUS_NAME"

// maxNames is how many names entities(names:) resolves at once.
const maxNames = store.MaxPageSize

// entityByName returns the one entity whose name or an alias has the key
// of name (store.EntityByAlias, every type): ENOTFOUND for none,
// CodeAmbiguousName for several.
func (r *Resolver) entityByName(ctx context.Context, name string) (store.Entity, error) {
	if schema.Key(name) == "" {
		return store.Entity{}, store.Errorf(store.EINVALID, "name %q has no letters or digits", name)
	}
	var found []store.Entity
	for _, t := range schema.EntityTypes {
		if t == schema.Document {
			continue
		}
		es, err := r.Store.EntityByAlias(ctx, t, name)
		if err != nil {
			return store.Entity{}, err
		}
		found = append(found, es...)
	}
	switch len(found) {
	case 0:
		return store.Entity{}, store.Errorf(store.ENOTFOUND, "no entity is called %q: search(text:) finds names from a part or with typos", name)
	case 1:
		return found[0], nil
	}
	candidates := make([]map[string]any, len(found))
	for i, e := range found {
		candidates[i] = map[string]any{"id": e.ID, "type": string(e.Type), "name": e.Name}
	}
	return store.Entity{}, &gqlerror.Error{
		Message:    fmt.Sprintf("%d entities answer to %q: ask for one by id (extensions.candidates lists them)", len(found), name),
		Extensions: map[string]any{"code": CodeAmbiguousName, "candidates": candidates},
	}
}

// idsByName resolves names as entityByName does, in order, each id once.
func (r *Resolver) idsByName(ctx context.Context, names []string) ([]string, error) {
	if len(names) > maxNames {
		return nil, store.Errorf(store.EINVALID, "names: at most %d names, not %d", maxNames, len(names))
	}
	ids := make([]string, 0, len(names))
	seen := map[string]bool{}
	for _, n := range names {
		e, err := r.entityByName(ctx, n)
		if err != nil {
			return nil, err
		}
		if !seen[e.ID] {
			seen[e.ID] = true
			ids = append(ids, e.ID)
		}
	}
	return ids, nil
}
