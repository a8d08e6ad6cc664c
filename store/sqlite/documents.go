package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/store"
)

// Documents lists documents matching f, newest first: by date descending,
// undated last, then by id. Text is left empty.
func (s *DB) Documents(ctx context.Context, f store.DocumentFilter) (store.DocumentPage, error) {
	size, err := store.CheckPage(f.Page)
	if err != nil {
		return store.DocumentPage{}, err
	}
	var c conds
	if f.Kind != nil {
		c.add(`d.kind = ?`, *f.Kind)
	}
	if f.Source != nil {
		c.add(`d.source = ?`, *f.Source)
	}
	// Dates compare as ISO prefixes, each side cut to the shorter: a
	// document of "2024-05" falls within a range from "2024-05-10" as well
	// as one to "2024".
	if f.From != nil && *f.From != "" {
		c.add(`d.date <> '' AND substr(d.date, 1, length(?)) >= substr(?, 1, length(d.date))`, *f.From, *f.From)
	}
	if f.To != nil && *f.To != "" {
		c.add(`d.date <> '' AND substr(d.date, 1, length(?)) <= substr(?, 1, length(d.date))`, *f.To, *f.To)
	}

	tx, err := s.readTx(ctx)
	if err != nil {
		return store.DocumentPage{}, err
	}
	defer tx.Rollback()
	r := s.reader(tx)
	var page store.DocumentPage
	if err := count(ctx, r, &page.TotalCount, `SELECT count(*) FROM documents d`+c.where(), c.args...); err != nil {
		return page, internal(err, "count documents")
	}
	if f.After != "" {
		key, id, err := store.DecodeCursor(f.After)
		if err != nil {
			return page, err
		}
		if key == "" {
			c.add(`(d.date = '' AND d.id > ?)`, id)
		} else {
			c.add(`(d.date = '' OR (d.date <> '' AND d.date < ?) OR (d.date = ? AND d.id > ?))`, key, key, id)
		}
	}
	args := append(c.args, size+1)
	items, err := queryDocuments(ctx, r, `SELECT id, filename, title, date, publisher, kind, source, '', ingested_at
		FROM documents d`+c.where()+` ORDER BY d.date = '', d.date DESC, d.id LIMIT +?`, args...)
	if err != nil {
		return page, internal(err, "list documents")
	}
	if len(items) > size {
		items, page.HasNext = items[:size], true
	}
	page.Items = items
	for _, d := range items {
		page.Cursors = append(page.Cursors, store.EncodeCursor(d.Date, d.ID))
	}
	if n := len(page.Cursors); n > 0 {
		page.EndCursor = page.Cursors[n-1]
	}
	return page, tx.Commit()
}

// HasDocument reports whether the store holds a document with id: one
// indexed probe, which folder ingest makes for every file to skip the
// documents it holds already. Unlike Document it never reads the text,
// nor goes through the read model, which every commit of an ingest makes
// stale.
func (s *DB) HasDocument(ctx context.Context, id string) (bool, error) {
	rows, err := s.pointReader().QueryContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, id)
	if err != nil {
		return false, internal(err, "document %q", id)
	}
	defer rows.Close()
	found := rows.Next()
	if err := rows.Err(); err != nil {
		return false, internal(err, "document %q", id)
	}
	return found, nil
}

// Mentions returns the ids of the entities each stored document mentions,
// in id order; a document not stored has no entry.
func (s *DB) Mentions(ctx context.Context, documentIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(documentIDs) == 0 {
		return out, nil
	}
	rows, err := s.pointReader().QueryContext(ctx, `SELECT document_id, entity_id FROM mentions
		WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, entity_id`, jsonList(documentIDs))
	if err != nil {
		return nil, internal(err, "mentions of %d documents", len(documentIDs))
	}
	defer rows.Close()
	for rows.Next() {
		var doc, ent string
		if err := rows.Scan(&doc, &ent); err != nil {
			return nil, internal(err, "mentions of %d documents", len(documentIDs))
		}
		out[doc] = append(out[doc], ent)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "mentions of %d documents", len(documentIDs))
	}
	return out, nil
}

// DeleteDocument removes a document with its evidence and mentions, the
// relations left without evidence and the entities left with neither a
// relation nor a mention, in one transaction. Relations that keep evidence
// get their confidence and seen window recomputed from what remains.
func (s *DB) DeleteDocument(ctx context.Context, id string) (store.DeleteResult, error) {
	res := store.DeleteResult{DocumentID: id}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("delete document %s: begin: %w", id, err)
	}
	defer tx.Rollback()
	exists, err := documentExists(ctx, tx, id)
	if err != nil {
		return res, internal(err, "delete document %s", id)
	}
	if !exists {
		return res, store.Errorf(store.ENOTFOUND, "no document %q", id)
	}
	var source string
	if err := tx.QueryRowContext(ctx, `SELECT source FROM documents WHERE id = ?`, id).Scan(&source); err != nil {
		return res, internal(err, "delete document %s", id)
	}
	rels, err := column(ctx, tx, `SELECT DISTINCT relation_id FROM evidence WHERE document_id = ? ORDER BY relation_id`, id)
	if err != nil {
		return res, internal(err, "delete document %s", id)
	}
	ents, err := column(ctx, tx, `SELECT entity_id FROM mentions WHERE document_id = ?1
		UNION SELECT r.subject FROM relations r JOIN evidence v ON v.relation_id = r.id WHERE v.document_id = ?1
		UNION SELECT r.object FROM relations r JOIN evidence v ON v.relation_id = r.id WHERE v.document_id = ?1`, id)
	if err != nil {
		return res, internal(err, "delete document %s", id)
	}
	r, err := tx.ExecContext(ctx, `DELETE FROM evidence WHERE document_id = ?`, id)
	if err != nil {
		return res, internal(err, "delete evidence of document %s", id)
	}
	n, _ := r.RowsAffected()
	res.RemovedEvidence = int(n)
	if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE document_id = ?`, id); err != nil {
		return res, internal(err, "delete mentions of document %s", id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
		return res, internal(err, "delete document %s", id)
	}
	if res.RemovedRelations, err = pruneRelations(ctx, tx, rels); err != nil {
		return res, internal(err, "delete document %s", id)
	}
	if res.RemovedEntities, err = pruneEntities(ctx, tx, ents); err != nil {
		return res, internal(err, "delete document %s", id)
	}
	// What the document supported, and the versions left of its source,
	// decide again what stands.
	if err := reconcileRelations(ctx, tx, slices.DeleteFunc(slices.Clone(rels), func(r string) bool { return slices.Contains(res.RemovedRelations, r) })); err != nil {
		return res, internal(err, "delete document %s: reconcile versions", id)
	}
	if err := reconcileVersions(ctx, tx, source, true); err != nil {
		return res, internal(err, "delete document %s: reconcile the versions of %s", id, source)
	}
	if err := tx.Commit(); err != nil {
		return store.DeleteResult{DocumentID: id}, fmt.Errorf("delete document %s: commit: %w", id, err)
	}
	return res, nil
}

// pruneRelations deletes those of ids left without evidence and brings
// the rest in line with the evidence they keep, returning the deleted ids.
func pruneRelations(ctx context.Context, tx *sql.Tx, ids []string) ([]string, error) {
	var removed []string
	for _, id := range ids {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM evidence WHERE relation_id = ?`, id).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, id); err != nil {
				return nil, err
			}
			removed = append(removed, id)
			continue
		}
		if err := recompute(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	return removed, nil
}

// recompute sets a relation's confidence to the best of its evidence and
// its seen window to the dates of the documents supporting it, as writing
// that evidence alone would have.
func recompute(ctx context.Context, tx *sql.Tx, id string) error {
	_, err := tx.ExecContext(ctx, `UPDATE relations SET
		confidence = (SELECT max(confidence) FROM evidence WHERE relation_id = ?1),
		first_seen = coalesce((SELECT min(d.date) FROM evidence v JOIN documents d ON d.id = v.document_id
			WHERE v.relation_id = ?1 AND d.date <> ''), ''),
		last_seen = coalesce((SELECT max(d.date) FROM evidence v JOIN documents d ON d.id = v.document_id
			WHERE v.relation_id = ?1 AND d.date <> ''), '')
		WHERE id = ?1`, id)
	return err
}

// pruneEntities deletes those of ids that no relation touches and no
// document mentions, returning the deleted ids.
func pruneEntities(ctx context.Context, tx *sql.Tx, ids []string) ([]string, error) {
	slices.Sort(ids)
	var removed []string
	for _, id := range slices.Compact(ids) {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM mentions WHERE entity_id = ?1) +
			(SELECT count(*) FROM relations WHERE subject = ?1) +
			(SELECT count(*) FROM relations WHERE object = ?1)`, id).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			continue
		}
		if err := deleteEntity(ctx, tx, id); err != nil {
			return nil, err
		}
		removed = append(removed, id)
	}
	return removed, nil
}

// deleteEntity removes an entity, its aliases and its search index row.
func deleteEntity(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM entity_fts WHERE rowid = (SELECT rowid FROM entities WHERE id = ?)`, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE id = ?`, id)
	return err
}

// column runs a query of one text column and returns its values.
func column(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
