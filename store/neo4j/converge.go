package neo4j

import (
	"context"
	"slices"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// converge runs WriteBatch's cross-document identity (see store.Converges)
// for the entities ids, just written: each is merged with the stored
// entities store.ConvergenceCandidates picks, one by one, into
// store.Survivor, and the survivor is looked at again, since the names it
// gained may now match. It returns where each merged-away id went.
func converge(ctx context.Context, tx runner, ids []string) (map[string]string, error) {
	moved := map[string]string{}
	queue := slices.Clone(ids)
	slices.Sort(queue)
	queue = slices.Compact(queue)
	for len(queue) > 0 {
		id := store.Follow(moved, queue[0])
		queue = queue[1:]
		es, err := entities(ctx, tx, cypherEntitiesByID, map[string]any{"ids": []string{id}})
		if err != nil {
			return nil, internal(err, "converge entity %s", id)
		}
		if len(es) == 0 || es[0].ID == "" {
			continue
		}
		e := es[0]
		found, err := entities(ctx, tx, cypherConvergenceCandidates, map[string]any{
			"keys": store.ConvergenceKeys(e), "nameKey": schema.Key(e.Name), "type": string(e.Type), "id": e.ID,
		})
		if err != nil {
			return nil, internal(err, "converge entity %s", id)
		}
		cs := store.ConvergenceCandidates(e, found)
		for _, c := range cs {
			keep, merge := store.Survivor(e, c)
			if e, err = mergeInto(ctx, tx, keep.ID, merge.ID, true); err != nil {
				return nil, internal(err, "converge %s into %s", merge.ID, keep.ID)
			}
			moved[merge.ID] = keep.ID
		}
		if len(cs) > 0 {
			queue = append(queue, e.ID)
		}
	}
	return moved, nil
}

// settle rewrites a WriteResult for the merges convergence made (see
// store.Settle), reading the merged relation's evidence.
func settle(ctx context.Context, tx runner, res *store.WriteResult, b store.Batch, moved map[string]string) error {
	return store.Settle(res, b, moved, func(id string) (bool, error) {
		rel, err := relationTx(ctx, tx, id)
		if err != nil {
			return false, err
		}
		return len(rel.Evidence) > 0 && !slices.ContainsFunc(rel.Evidence, func(ev store.Evidence) bool { return ev.DocumentID != b.Document.ID }), nil
	})
}
