package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/store"
)

// Event fields that read the event's relations through the loader.
var relationFields = map[string]bool{
	"participants": true, "location": true, "topics": true, "produced": true,
	"evidence": true, "documents": true, "relations": true,
}

// wantsNodeRelations reports whether the connection being resolved asks,
// under edges { node { … } }, for a field that reads relations.
func wantsNodeRelations(ctx context.Context) bool {
	op := graphql.GetOperationContext(ctx)
	for _, edges := range graphql.CollectFieldsCtx(ctx, nil) {
		if edges.Name != "edges" {
			continue
		}
		for _, node := range graphql.CollectFields(op, edges.Selections, nil) {
			if node.Name != "node" {
				continue
			}
			for _, f := range graphql.CollectFields(op, node.Selections, nil) {
				if relationFields[f.Name] {
					return true
				}
			}
		}
	}
	return false
}

// prefetchRelations expands a page of entities in one store call and
// primes the request's relation loader with the result, so the fields
// under each node start from it instead of waiting for a batch to gather.
func (r *Resolver) prefetchRelations(ctx context.Context, es []store.Entity) error {
	if len(es) == 0 || !wantsNodeRelations(ctx) {
		return nil
	}
	ids := make([]string, len(es))
	byID := make(map[string][]store.Relation, len(es))
	for i, e := range es {
		ids[i] = e.ID
		byID[e.ID] = nil
	}
	rs, err := r.Store.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both})
	if err != nil {
		return err
	}
	for _, rel := range rs {
		if _, ok := byID[rel.Subject]; ok {
			byID[rel.Subject] = append(byID[rel.Subject], rel)
		}
		if _, ok := byID[rel.Object]; ok && rel.Object != rel.Subject {
			byID[rel.Object] = append(byID[rel.Object], rel)
		}
	}
	l := loaders.For(ctx).Relations
	for id, group := range byID {
		l.Prime(id, group)
	}
	return nil
}
