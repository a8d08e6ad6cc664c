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
		id := follow(moved, queue[0])
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

// follow returns where id ended up after the merges in moved.
func follow(moved map[string]string, id string) string {
	for {
		next, ok := moved[id]
		if !ok {
			return id
		}
		id = next
	}
}

// settle rewrites a WriteResult for the merges convergence made: ids
// merged away give way to their survivors', which count as new only if
// this batch created them, and relations are named by their new ends,
// new when all their evidence comes from this document.
func settle(ctx context.Context, tx runner, res *store.WriteResult, b store.Batch, moved map[string]string) error {
	if len(moved) == 0 {
		return nil
	}
	var ents []string
	for _, id := range res.NewEntities {
		id = follow(moved, id)
		if slices.Contains(res.NewEntities, id) && !slices.Contains(ents, id) {
			ents = append(ents, id)
		}
	}
	res.NewEntities = ents
	var rels []string
	for _, r := range b.Relations {
		s, o := follow(moved, r.Subject), follow(moved, r.Object)
		if s == o {
			continue
		}
		if r.Type.Symmetric() && o < s {
			s, o = o, s
		}
		id := store.RelationID(s, r.Type, o)
		if slices.Contains(rels, id) {
			continue
		}
		rel, err := relationTx(ctx, tx, id)
		if store.ErrorCode(err) == store.ENOTFOUND {
			continue
		}
		if err != nil {
			return err
		}
		if len(rel.Evidence) > 0 && !slices.ContainsFunc(rel.Evidence, func(ev store.Evidence) bool { return ev.DocumentID != b.Document.ID }) {
			rels = append(rels, id)
		}
	}
	res.NewRelation = rels
	return nil
}
