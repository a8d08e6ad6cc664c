package neo4j

import (
	"context"
	"fmt"

	"github.com/diplograph/diplograph/store"
)

// slugBatch is how many entities slugIDs rewrites in one transaction.
const slugBatch = 200

// slugIDs brings a graph written before slug ids (store.EntityID) up to
// date, as SQLite's migration 7 does: each entity whose id is from before
// (a key with spaces) gets store.NormalizeID of it, each relation touching
// one the id store.RelationID gives its normalized ends, and that
// relation's evidence ids recomputed for it (store.EvidenceIDOf); a
// (:FormerRelationID) node keeps each relation's old id for lookups. An
// entity whose slug another already holds (ids set by hand) is folded
// into it, as MergeEntities folds. Each batch is one transaction, so an
// interrupted run resumes where it stopped; on a graph with no old ids it
// costs one scan of entity ids that finds nothing, so Open runs it every
// time.
func (s *Store) slugIDs(ctx context.Context) error {
	for after := ""; ; {
		last, err := write(ctx, s, func(tx runner) (string, error) { return slugBatchTx(ctx, tx, after) })
		if err != nil {
			return fmt.Errorf("rewrite entity ids after %q as slugs: %w", after, err)
		}
		if last == "" {
			return nil
		}
		after = last
	}
}

// slugBatchTx rewrites the next slugBatch entities with old ids after
// after, and returns the last of them, "" when there were none.
func slugBatchTx(ctx context.Context, tx runner, after string) (string, error) {
	recs, err := collect(ctx, tx, cypherOldEntityIDs, map[string]any{"after": after, "limit": int64(slugBatch)})
	if err != nil || len(recs) == 0 {
		return "", err
	}
	var rows []map[string]any
	var last string
	for _, rec := range recs {
		id, _ := rec.AsMap()["id"].(string)
		last = id
		if n := store.NormalizeID(id); n != id {
			rows = append(rows, map[string]any{"old": id, "new": n})
		}
	}
	if len(rows) == 0 {
		return last, nil
	}
	recs, err = collect(ctx, tx, cypherRenameEntities, map[string]any{"rows": rows})
	if err != nil {
		return "", err
	}
	renamed := make(map[string]bool, len(recs))
	for _, rec := range recs {
		id, _ := rec.AsMap()["id"].(string)
		renamed[id] = true
	}
	ids := make([]string, 0, len(rows))
	for _, row := range rows {
		old, now := row["old"].(string), row["new"].(string)
		if !renamed[old] {
			if _, err := mergeInto(ctx, tx, now, old, false); err != nil {
				return "", fmt.Errorf("fold %q into %q: %w", old, now, err)
			}
		}
		ids = append(ids, now)
	}
	rels, err := relations(ctx, tx, cypherRelationsTouchingAny, map[string]any{"ids": ids})
	if err != nil {
		return "", err
	}
	var relRows []map[string]any
	var oldRels []string
	newRel := map[string]string{}
	for _, r := range rels {
		id := store.RelationID(store.NormalizeID(r.Subject), r.Type, store.NormalizeID(r.Object))
		if id == r.ID {
			continue
		}
		relRows = append(relRows, map[string]any{"old": r.ID, "new": id})
		oldRels = append(oldRels, r.ID)
		newRel[r.ID] = id
	}
	if len(relRows) == 0 {
		return last, nil
	}
	recs, err = collect(ctx, tx, cypherEvidenceFor, map[string]any{"ids": oldRels})
	if err != nil {
		return "", err
	}
	var evRows []map[string]any
	for _, rec := range recs {
		m, _ := rec.AsMap()["evidence"].(map[string]any)
		ev := evidence(m)
		rel := newRel[ev.RelationID]
		evRows = append(evRows, map[string]any{"old": ev.ID, "new": store.EvidenceIDOf(rel, ev), "relationId": rel})
	}
	if _, err := collect(ctx, tx, renameRelations, map[string]any{"ids": oldRels, "rows": relRows}); err != nil {
		return "", err
	}
	if len(evRows) > 0 {
		if _, err := count(ctx, tx, cypherRenameEvidence, map[string]any{"rows": evRows}); err != nil {
			return "", err
		}
	}
	if _, err := count(ctx, tx, cypherRecordFormerRelations, map[string]any{"rows": relRows}); err != nil {
		return "", err
	}
	return last, nil
}

// currentRelationID returns the id a relation has now, given the one it
// had before slug ids; any other id comes back as it is.
func currentRelationID(ctx context.Context, tx runner, id string) (string, error) {
	recs, err := collect(ctx, tx, cypherFormerRelationID, map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return id, err
	}
	if now, _ := recs[0].AsMap()["id"].(string); now != "" {
		return now, nil
	}
	return id, nil
}
