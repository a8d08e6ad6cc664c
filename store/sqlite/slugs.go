package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// slugIDs is migration 7's Go step: it rewrites every entity id written
// before slugs to store.NormalizeID of it, then every relation touching a
// rewritten entity to store.RelationID of its new ends, and that
// relation's evidence to store.EvidenceIDOf its new id, recording each
// relation's old id in former_relation_ids. Foreign keys are checked at
// commit, so rows may point at ids not yet rewritten meanwhile.
//
// Keys hold only letters, digits and single spaces, so slugs of distinct
// ids written by store.EntityID never meet. An id set by hand (an import
// with ids of its own) may slug to one already stored: the two are then
// one entity, and the old one is folded into it as MergeEntities would
// (its name and aliases become aliases, empty fields are filled, its
// mentions and relations move, relations that then coincide become one
// and a relation between the two is dropped).
func slugIDs(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	ids, err := column(ctx, tx, `SELECT id FROM entities ORDER BY id`)
	if err != nil {
		return err
	}
	stored := make(map[string]bool, len(ids))
	for _, id := range ids {
		stored[id] = true
	}
	renamed := map[string]string{}
	for _, id := range ids {
		n := store.NormalizeID(id)
		if n == id {
			continue
		}
		renamed[id] = n
		if stored[n] {
			if err := foldEntity(ctx, tx, id, n); err != nil {
				return fmt.Errorf("fold %q into %q: %w", id, n, err)
			}
			continue
		}
		stored[n] = true
		for _, q := range []string{
			`UPDATE entities SET id = ?1 WHERE id = ?2`,
			`UPDATE aliases SET entity_id = ?1 WHERE entity_id = ?2`,
			`UPDATE mentions SET entity_id = ?1 WHERE entity_id = ?2`,
		} {
			if _, err := tx.ExecContext(ctx, q, n, id); err != nil {
				return fmt.Errorf("rename %q to %q: %w", id, n, err)
			}
		}
	}
	if len(renamed) == 0 {
		return nil
	}
	return slugRelations(ctx, tx, renamed)
}

// foldEntity folds the entity old into the stored entity keep (see slugIDs),
// all but its relations, which slugRelations moves.
func foldEntity(ctx context.Context, tx *sql.Tx, old, keep string) error {
	for _, q := range []string{
		// The old name, then its aliases, become aliases of keep, unless
		// keep answers to them already.
		`INSERT OR IGNORE INTO aliases (entity_id, alias, key)
			SELECT ?1, o.name, o.key FROM entities o, entities k
			WHERE o.id = ?2 AND k.id = ?1 AND o.key <> k.key AND o.key <> ''`,
		`INSERT OR IGNORE INTO aliases (entity_id, alias, key)
			SELECT ?1, a.alias, a.key FROM aliases a, entities k
			WHERE a.entity_id = ?2 AND k.id = ?1 AND a.key <> k.key ORDER BY a.rowid`,
		`UPDATE entities SET
			kind = CASE WHEN entities.kind = '' THEN o.kind ELSE entities.kind END,
			date = CASE WHEN entities.date = '' THEN o.date ELSE entities.date END,
			end_date = CASE WHEN entities.end_date = '' THEN o.end_date ELSE entities.end_date END,
			status_as_of = CASE WHEN entities.status = '' THEN o.status_as_of ELSE entities.status_as_of END,
			status = CASE WHEN entities.status = '' THEN o.status ELSE entities.status END
			FROM (SELECT kind, date, end_date, status, status_as_of FROM entities WHERE id = ?2) AS o
			WHERE entities.id = ?1`,
		`INSERT OR IGNORE INTO mentions (document_id, entity_id)
			SELECT document_id, ?1 FROM mentions WHERE entity_id = ?2`,
		`DELETE FROM mentions WHERE entity_id = ?2`,
		`DELETE FROM entity_fts WHERE rowid = (SELECT rowid FROM entities WHERE id = ?2)`,
		`DELETE FROM entities WHERE id = ?2`, // its aliases go with it
		// keep's search row, as indexEntity writes it.
		`DELETE FROM entity_fts WHERE rowid = (SELECT rowid FROM entities WHERE id = ?1)`,
		`INSERT INTO entity_fts (rowid, name, aliases)
			SELECT k.rowid, k.key, coalesce((SELECT group_concat(key, char(10)) FROM
				(SELECT key FROM aliases WHERE entity_id = ?1 ORDER BY rowid)), '')
			FROM entities k WHERE k.id = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, keep, old); err != nil {
			return err
		}
	}
	return nil
}

// slugRelations moves every relation with an end in renamed (old id →
// new) to its new ends and id, with its evidence.
func slugRelations(ctx context.Context, tx *sql.Tx, renamed map[string]string) error {
	type rel struct{ id, typ, subject, object string }
	var rels []rel
	rows, err := tx.QueryContext(ctx, `SELECT id, type, subject, object FROM relations ORDER BY id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r rel
		if err := rows.Scan(&r.id, &r.typ, &r.subject, &r.object); err != nil {
			rows.Close()
			return err
		}
		_, s := renamed[r.subject]
		_, o := renamed[r.object]
		if s || o {
			rels = append(rels, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range rels {
		t := schema.RelationType(r.typ)
		subject, object := r.subject, r.object
		if n, ok := renamed[subject]; ok {
			subject = n
		}
		if n, ok := renamed[object]; ok {
			object = n
		}
		if subject == object { // the two ends were folded into one
			if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, r.id); err != nil {
				return err
			}
			continue
		}
		if t.Symmetric() && object < subject {
			subject, object = object, subject
		}
		id := store.RelationID(subject, t, object)
		if err := moveRelationID(ctx, tx, r.id, id, subject, object); err != nil {
			return fmt.Errorf("relation %s to %s: %w", r.id, id, err)
		}
	}
	return nil
}

// moveRelationID gives the relation old the id id and the ends subject and
// object, with its evidence under ids recomputed for it. Where a relation
// is stored under id already (ends folded together), old's evidence joins
// it, with the better confidence and the wider seen window, and old goes.
func moveRelationID(ctx context.Context, tx *sql.Tx, old, id, subject, object string) error {
	type ev struct {
		id         string
		document   sql.NullString
		sentence   string
		start, end int
	}
	var evs []ev
	rows, err := tx.QueryContext(ctx, `SELECT id, document_id, sentence, start, "end" FROM evidence WHERE relation_id = ? ORDER BY id`, old)
	if err != nil {
		return err
	}
	for rows.Next() {
		var e ev
		if err := rows.Scan(&e.id, &e.document, &e.sentence, &e.start, &e.end); err != nil {
			rows.Close()
			return err
		}
		evs = append(evs, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var exists int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM relations WHERE id = ?`, id).Scan(&exists); err != nil {
		return err
	}
	if exists == 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE relations SET id = ?, subject = ?, object = ? WHERE id = ?`, id, subject, object, old); err != nil {
			return err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE relations SET
			confidence = max(relations.confidence, o.confidence),
			first_seen = CASE WHEN relations.first_seen = '' OR (o.first_seen <> '' AND o.first_seen < relations.first_seen)
				THEN o.first_seen ELSE relations.first_seen END,
			last_seen = max(relations.last_seen, o.last_seen)
			FROM (SELECT confidence, first_seen, last_seen FROM relations WHERE id = ?2) AS o
			WHERE relations.id = ?1`, id, old); err != nil {
		return err
	}
	for _, e := range evs {
		nid := store.EvidenceIDOf(id, store.Evidence{DocumentID: e.document.String, Sentence: e.sentence, Start: e.start, End: e.end})
		if exists == 0 {
			_, err = tx.ExecContext(ctx, `UPDATE evidence SET id = ?, relation_id = ? WHERE id = ?`, nid, id, e.id)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO evidence
				(id, relation_id, document_id, sentence, start, "end", extractor, confidence)
				SELECT ?, ?, document_id, sentence, start, "end", extractor, confidence FROM evidence WHERE id = ?`, nid, id, e.id)
		}
		if err != nil {
			return err
		}
	}
	if exists != 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, old); err != nil {
			return err // its evidence goes with it
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO former_relation_ids (id, relation_id) VALUES (?, ?)
		ON CONFLICT (id) DO UPDATE SET relation_id = excluded.relation_id`, old, id)
	return err
}

// currentRelationID returns the id a relation has now, given one it had
// before migration 7 rewrote relation ids; any other id comes back as it
// is.
func currentRelationID(ctx context.Context, q querier, id string) (string, error) {
	rows, err := q.QueryContext(ctx, `SELECT relation_id FROM former_relation_ids WHERE id = ?`, id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return "", err
		}
	}
	return id, rows.Err()
}
