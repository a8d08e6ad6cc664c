package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/store"
)

// converge runs WriteBatch's cross-document identity (see store.Converges)
// for the entities ids, just written: each is merged with the stored
// entities store.ConvergenceCandidates picks, one by one, into
// store.Survivor, and the survivor is looked at again, since the names it
// gained may now match.
// It returns where each merged-away id went.
func converge(ctx context.Context, tx *sql.Tx, ids []string) (map[string]string, error) {
	moved := map[string]string{}
	queue := slices.Clone(ids)
	slices.Sort(queue)
	queue = slices.Compact(queue)
	for len(queue) > 0 {
		id := store.Follow(moved, queue[0])
		queue = queue[1:]
		es, err := queryEntities(ctx, tx, `SELECT `+entityCols+` FROM entities e WHERE e.id = ?`, id)
		if err != nil {
			return nil, err
		}
		if len(es) == 0 {
			continue
		}
		e := es[0]
		found, err := convergenceCandidates(ctx, tx, e)
		if err != nil {
			return nil, err
		}
		cs := store.ConvergenceCandidates(e, found)
		for _, c := range cs {
			keep, merge := store.Survivor(e, c)
			var krow int64
			if err := tx.QueryRowContext(ctx, `SELECT rowid FROM entities WHERE id = ?`, keep.ID).Scan(&krow); err != nil {
				return nil, err
			}
			if err := mergeEntity(ctx, tx, keep, krow, merge, true); err != nil {
				return nil, err
			}
			moved[merge.ID] = keep.ID
			// The survivor carries both now; the next merge starts from it.
			if e, _, err = entityRow(ctx, tx, keep.ID); err != nil {
				return nil, err
			}
		}
		if len(cs) > 0 {
			queue = append(queue, e.ID)
		}
	}
	return moved, nil
}

// convergenceCandidates returns the stored entities of e's type, e aside,
// whose name has one of e's keys or whose alias has e's name's key.
func convergenceCandidates(ctx context.Context, tx *sql.Tx, e store.Entity) ([]store.Entity, error) {
	keys := store.ConvergenceKeys(e)
	args := []any{string(e.Type), e.ID, keys[0]}
	for _, k := range keys {
		args = append(args, k)
	}
	// Only numbered placeholders are spliced in, one per key. One indexed
	// SELECT per way to match: with the two ORed in one WHERE, SQLite read
	// every entity of the type for each entity written, so a write cost
	// more as the graph grew (import of 100 copies of the gold: 22
	// documents/s for the first hundred, 5 for the last). Aliases are
	// found by aliases_key, then their entities by id.
	marks := make([]string, len(keys))
	for i := range keys {
		marks[i] = fmt.Sprintf("?%d", 4+i)
	}
	return queryEntities(ctx, tx, `SELECT `+entityCols+` FROM entities e
		WHERE e.type = ?1 AND e.key IN (`+strings.Join(marks, ", ")+`) AND e.id <> ?2
		UNION
		SELECT `+entityCols+` FROM aliases a CROSS JOIN entities e ON e.id = a.entity_id
		WHERE a.key = ?3 AND e.type = ?1 AND e.id <> ?2
		ORDER BY 1`, args...)
}

// settle rewrites a WriteResult for the merges convergence made (see
// store.Settle), reading from the evidence table whether a relation's
// support all comes from this document.
func settle(ctx context.Context, tx *sql.Tx, res *store.WriteResult, b store.Batch, moved map[string]string) error {
	return store.Settle(res, b, moved, func(id string) (bool, error) {
		// Two probes of evidence_relation that stop at the first row they
		// find: counting read every piece of evidence of the relation, and
		// a fact many documents state has thousands (12% of ingest's CPU
		// at 10,000 documents).
		var here, elsewhere bool
		err := tx.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM evidence WHERE relation_id = ?1 AND document_id = ?2),
			EXISTS (SELECT 1 FROM evidence WHERE relation_id = ?1 AND (document_id IS NULL OR document_id <> ?2))`,
			id, b.Document.ID).Scan(&here, &elsewhere)
		return here && !elsewhere, err
	})
}
