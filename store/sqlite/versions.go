package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/diplograph/diplograph/store"
)

// reconcileVersions decides again, once a document of source has been
// written (or deleted), which of the facts the versions of source support
// a newer version withdrew (store.Withdrawals), and records it. A source
// that is not versionable costs nothing, and one with a single version
// costs one indexed look-up unless a version was just deleted.
func reconcileVersions(ctx context.Context, tx *sql.Tx, source string, deleted bool) error {
	if !store.Versionable(source) {
		return nil
	}
	versions, err := versionsOf(ctx, tx, []string{source})
	if err != nil {
		return err
	}
	if len(versions[source]) < 2 && !deleted {
		return nil
	}
	ids, err := column(ctx, tx, `SELECT DISTINCT v.relation_id FROM evidence v
		JOIN documents d ON d.id = v.document_id WHERE d.source = ? ORDER BY v.relation_id`, source)
	if err != nil {
		return err
	}
	return reconcileRelations(ctx, tx, ids)
}

// reconcileRelations records for each of the relations ids whether a newer
// version withdrew it, from the support it has now.
func reconcileRelations(ctx context.Context, tx *sql.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	support, err := supportOf(ctx, tx, ids)
	if err != nil {
		return err
	}
	var sources []string
	for _, s := range support {
		if src := s.Document.Source; store.Versionable(src) && !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
	}
	versions := map[string][]store.Document{}
	if len(sources) > 0 {
		if versions, err = versionsOf(ctx, tx, sources); err != nil {
			return err
		}
	}
	ws := store.Withdrawals(ids, support, versions)
	for _, id := range ids {
		var by, at any
		if w := ws[id]; w != nil {
			by, at = w.By, w.At
		}
		if _, err := tx.ExecContext(ctx, `UPDATE relations SET withdrawn_by = ?, withdrawn_at = ? WHERE id = ?`, by, at, id); err != nil {
			return err
		}
	}
	return nil
}

// versionsOf returns the stored documents of each source, without text.
func versionsOf(ctx context.Context, tx *sql.Tx, sources []string) (map[string][]store.Document, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, source, date, ingested_at FROM documents
		WHERE source IN (SELECT value FROM json_each(?))`, jsonList(sources))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]store.Document{}
	for rows.Next() {
		d, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out[d.Source] = append(out[d.Source], d)
	}
	return out, rows.Err()
}

// supportOf returns every document supporting the relations ids, and a
// zero Document for each analyst's note.
func supportOf(ctx context.Context, tx *sql.Tx, ids []string) ([]store.Support, error) {
	rows, err := tx.QueryContext(ctx, `SELECT v.relation_id, coalesce(d.id, ''), coalesce(d.source, ''),
		coalesce(d.date, ''), coalesce(d.ingested_at, '')
		FROM evidence v LEFT JOIN documents d ON d.id = v.document_id
		WHERE v.relation_id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Support
	for rows.Next() {
		var rel string
		var d store.Document
		var at string
		if err := rows.Scan(&rel, &d.ID, &d.Source, &d.Date, &at); err != nil {
			return nil, err
		}
		if d.ID != "" {
			if d.IngestedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
				return nil, fmt.Errorf("document %s: ingested_at %q: %w", d.ID, at, err)
			}
		}
		out = append(out, store.Support{RelationID: rel, Document: d})
	}
	return out, rows.Err()
}

func scanVersion(rows *sql.Rows) (store.Document, error) {
	var d store.Document
	var at string
	if err := rows.Scan(&d.ID, &d.Source, &d.Date, &at); err != nil {
		return d, err
	}
	var err error
	if d.IngestedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return d, fmt.Errorf("document %s: ingested_at %q: %w", d.ID, at, err)
	}
	return d, nil
}
