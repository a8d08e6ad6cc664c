package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Analysts' corrections. Each runs in one write transaction and checks
// everything before it changes anything, so an error leaves the store as
// it was.

func (s *DB) writeTx(ctx context.Context, what string) (*sql.Tx, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: begin: %w", what, err)
	}
	return tx, nil
}

// entityRow reads one entity with its rowid in tx. ENOTFOUND if missing.
func entityRow(ctx context.Context, tx *sql.Tx, id string) (store.Entity, int64, error) {
	var rowid int64
	err := tx.QueryRowContext(ctx, `SELECT rowid FROM entities WHERE id = ?`, id).Scan(&rowid)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Entity{}, 0, store.Errorf(store.ENOTFOUND, "no entity %q", id)
	}
	if err != nil {
		return store.Entity{}, 0, err
	}
	es, err := queryEntities(ctx, tx, `SELECT `+entityCols+` FROM entities e WHERE e.id = ?`, id)
	if err != nil || len(es) == 0 {
		return store.Entity{}, 0, errors.Join(err, fmt.Errorf("entity %q vanished", id))
	}
	return es[0], rowid, nil
}

// AddAlias adds an alias to an entity and to the search index. An alias
// the entity already answers to (by schema.Key) changes nothing.
func (s *DB) AddAlias(ctx context.Context, entityID, alias string) (store.Entity, error) {
	entityID = store.NormalizeID(entityID)
	alias = strings.TrimSpace(alias)
	k := schema.Key(alias)
	if k == "" {
		return store.Entity{}, store.Errorf(store.EINVALID, "alias %q for %q is empty", alias, entityID)
	}
	tx, err := s.writeTx(ctx, "add alias")
	if err != nil {
		return store.Entity{}, err
	}
	defer tx.Rollback()
	e, rowid, err := entityRow(ctx, tx, entityID)
	if err != nil {
		return store.Entity{}, internal(err, "add alias %q to %s", alias, entityID)
	}
	nameKey := schema.Key(e.Name)
	if k != nameKey {
		r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO aliases (entity_id, alias, key) VALUES (?, ?, ?)`, entityID, alias, k)
		if err != nil {
			return store.Entity{}, internal(err, "add alias %q to %s", alias, entityID)
		}
		if n, _ := r.RowsAffected(); n > 0 {
			if err := indexEntity(ctx, tx, rowid, entityID, nameKey); err != nil {
				return store.Entity{}, internal(err, "index %s", entityID)
			}
		}
	}
	if e, _, err = entityRow(ctx, tx, entityID); err != nil {
		return store.Entity{}, internal(err, "add alias %q to %s", alias, entityID)
	}
	if err := tx.Commit(); err != nil {
		return store.Entity{}, fmt.Errorf("add alias %q to %s: commit: %w", alias, entityID, err)
	}
	return e, nil
}

// MergeEntities folds merge into keep. Relations move to keep under the
// id of their new ends; those that then coincide with one already there
// become one (best confidence, widest seen window, a filled title or
// since, retracted only if every part was), and their evidence takes ids
// computed for the new relation. A relation between keep and merge would
// connect keep to itself and is dropped with its evidence. An empty kind,
// date or end date of keep is filled from merge.
func (s *DB) MergeEntities(ctx context.Context, keep, merge string) (store.Entity, error) {
	keep, merge = store.NormalizeID(keep), store.NormalizeID(merge)
	if keep == merge {
		return store.Entity{}, store.Errorf(store.EINVALID, "cannot merge entity %q into itself", keep)
	}
	tx, err := s.writeTx(ctx, "merge entities")
	if err != nil {
		return store.Entity{}, err
	}
	defer tx.Rollback()
	k, krow, err := entityRow(ctx, tx, keep)
	if err != nil {
		return store.Entity{}, internal(err, "merge %s into %s", merge, keep)
	}
	m, _, err := entityRow(ctx, tx, merge)
	if err != nil {
		return store.Entity{}, internal(err, "merge %s into %s", merge, keep)
	}
	if k.Type != m.Type {
		return store.Entity{}, store.Errorf(store.EINVALID, "cannot merge %s %q into %s %q", m.Type, merge, k.Type, keep)
	}
	if err := mergeEntity(ctx, tx, k, krow, m, false); err != nil {
		return store.Entity{}, internal(err, "merge %s into %s", merge, keep)
	}
	if k, _, err = entityRow(ctx, tx, keep); err != nil {
		return store.Entity{}, internal(err, "merge %s into %s", merge, keep)
	}
	if err := tx.Commit(); err != nil {
		return store.Entity{}, fmt.Errorf("merge %s into %s: commit: %w", merge, keep, err)
	}
	return k, nil
}

// mergeEntity folds m into k. An analyst's merge (pick false) keeps k's
// kind, dates and relation titles and fills only what is empty; WriteBatch's
// convergence (pick true) settles each by store.Pick, so that the outcome
// does not depend on which entity was stored first.
func mergeEntity(ctx context.Context, tx *sql.Tx, k store.Entity, krow int64, m store.Entity, pick bool) error {
	nameKey := schema.Key(k.Name)
	for _, a := range append([]string{m.Name}, m.Aliases...) {
		if key := schema.Key(a); key != "" && key != nameKey {
			var err error
			if pick {
				_, err = insertAlias(ctx, tx, k.ID, a, key)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO aliases (entity_id, alias, key) VALUES (?, ?, ?)`, k.ID, a, key)
			}
			if err != nil {
				return err
			}
		}
	}
	q := `UPDATE entities SET
		kind = CASE WHEN kind = '' THEN ?3 ELSE kind END,
		date = CASE WHEN date = '' THEN ?4 ELSE date END,
		end_date = CASE WHEN end_date = '' THEN ?5 ELSE end_date END,
		status_as_of = CASE WHEN status = '' THEN ?8 ELSE status_as_of END,
		status = CASE WHEN status = '' THEN ?7 ELSE status END
		WHERE id = ?6`
	if pick {
		q = `UPDATE entities SET kind = max(kind, ?3), ` + pickDates + `, ` + pickStatus + ` WHERE id = ?6`
	}
	if _, err := tx.ExecContext(ctx, q, nil, nil, m.Kind, m.Date, m.EndDate, k.ID, m.Status, m.StatusAsOf); err != nil {
		return err
	}

	rels, err := queryRelations(ctx, tx, `SELECT `+relationCols+` FROM relations r
		WHERE r.subject = ?1 OR r.object = ?1 ORDER BY r.id`, m.ID)
	if err != nil {
		return err
	}
	for _, r := range rels {
		if err := moveRelation(ctx, tx, r, m.ID, k.ID, pick); err != nil {
			return fmt.Errorf("move relation %s: %w", r.ID, err)
		}
	}

	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO mentions (document_id, entity_id)
		SELECT document_id, ? FROM mentions WHERE entity_id = ?`, k.ID, m.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM mentions WHERE entity_id = ?`, m.ID); err != nil {
		return err
	}
	if err := deleteEntity(ctx, tx, m.ID); err != nil {
		return err
	}
	return indexEntity(ctx, tx, krow, k.ID, nameKey)
}

// moveRelation re-points r's end from to keep, folding it into the
// relation already stored under its new id.
func moveRelation(ctx context.Context, tx *sql.Tx, r store.Relation, from, keep string, pick bool) error {
	evs, err := queryEvidence(ctx, tx, `WHERE relation_id = ?`, r.ID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, r.ID); err != nil {
		return err // evidence goes with it
	}
	if r.Subject == from {
		r.Subject = keep
	}
	if r.Object == from {
		r.Object = keep
	}
	if r.Subject == r.Object {
		return nil
	}
	if r.Type.Symmetric() && r.Object < r.Subject {
		r.Subject, r.Object = r.Object, r.Subject
	}
	r.ID = store.RelationID(r.Subject, r.Type, r.Object)
	var reason, at any
	if r.Retracted != nil {
		reason, at = r.Retracted.Reason, r.Retracted.At.UTC().Format(time.RFC3339Nano)
	}
	var wby, wat any
	if r.Withdrawn != nil {
		wby, wat = r.Withdrawn.By, r.Withdrawn.At
	}
	fill := `title = CASE WHEN title = '' THEN excluded.title ELSE title END,
			since = CASE WHEN since = '' THEN excluded.since ELSE since END,
			until = CASE WHEN until = '' THEN excluded.until ELSE until END,
			tense_as_of = CASE WHEN tense = '' THEN excluded.tense_as_of ELSE tense_as_of END,
			tense = CASE WHEN tense = '' THEN excluded.tense ELSE tense END,`
	if pick {
		fill = `title = max(title, excluded.title), since = max(since, excluded.since), until = max(until, excluded.until),
			` + pickTense + `,`
	}
	// Two facts that become one are withdrawn only if both were.
	if _, err := tx.ExecContext(ctx, `INSERT INTO relations
		(id, type, subject, object, title, since, confidence, first_seen, last_seen, retracted_reason, retracted_at,
		 until, tense, tense_as_of, withdrawn_by, withdrawn_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			confidence = max(confidence, excluded.confidence),
			`+fill+`
			withdrawn_at = CASE WHEN withdrawn_by IS NULL OR excluded.withdrawn_by IS NULL THEN NULL
				ELSE max(withdrawn_at, excluded.withdrawn_at) END,
			withdrawn_by = CASE WHEN withdrawn_by IS NULL OR excluded.withdrawn_by IS NULL THEN NULL
				WHEN excluded.withdrawn_at > withdrawn_at THEN excluded.withdrawn_by ELSE withdrawn_by END,
			first_seen = CASE WHEN first_seen = '' OR (excluded.first_seen <> '' AND excluded.first_seen < first_seen)
				THEN excluded.first_seen ELSE first_seen END,
			last_seen = CASE WHEN excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END,
			retracted_reason = CASE WHEN excluded.retracted_reason IS NULL THEN NULL ELSE retracted_reason END,
			retracted_at = CASE WHEN excluded.retracted_reason IS NULL THEN NULL ELSE retracted_at END`,
		r.ID, string(r.Type), r.Subject, r.Object, r.Title, r.Since, r.Confidence, r.FirstSeen, r.LastSeen, reason, at,
		r.Until, r.Tense, r.TenseAsOf, wby, wat); err != nil {
		return err
	}
	for _, ev := range evs {
		ev.RelationID = r.ID
		ev.ID = store.EvidenceIDOf(r.ID, ev)
		if _, err := insertEvidence(ctx, tx, ev); err != nil {
			return err
		}
	}
	return nil
}

// AssertRelation stores a fact an analyst states. r.Evidence must hold
// exactly one item whose Sentence is the analyst's note; its Confidence
// (1 when zero) becomes the evidence's. Asserting a relation that was
// retracted reinstates it. The seen window stays that of the supporting
// documents: r.FirstSeen, r.LastSeen and r.Confidence are ignored.
func (s *DB) AssertRelation(ctx context.Context, r store.Relation) (store.Relation, error) {
	ev, err := store.PrepareAssertion(&r)
	if err != nil {
		return store.Relation{}, err
	}
	tx, err := s.writeTx(ctx, "assert relation")
	if err != nil {
		return store.Relation{}, err
	}
	defer tx.Rollback()
	st, err := storedType(ctx, tx, r.Subject)
	if err != nil {
		return store.Relation{}, internal(err, "assert relation %s", r.Type)
	}
	ot, err := storedType(ctx, tx, r.Object)
	if err != nil {
		return store.Relation{}, internal(err, "assert relation %s", r.Type)
	}
	if !r.Type.Allows(st, ot) && !(r.Type.Symmetric() && r.Type.Allows(ot, st)) {
		return store.Relation{}, store.Errorf(store.EINVALID, "relation %s may not connect %s %q to %s %q", r.Type, st, r.Subject, ot, r.Object)
	}
	// A post's end is filled in like its start. The analyst's tense is a
	// judgement as of the day it is asserted: it stands over any made as
	// of that day or before, so an analyst can correct one the same day.
	if _, err := tx.ExecContext(ctx, `INSERT INTO relations
		(id, type, subject, object, title, since, confidence, first_seen, last_seen, until, tense, tense_as_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			confidence = max(confidence, excluded.confidence),
			title = CASE WHEN title = '' THEN excluded.title ELSE title END,
			since = CASE WHEN since = '' THEN excluded.since ELSE since END,
			until = CASE WHEN until = '' THEN excluded.until ELSE until END,
			tense = CASE WHEN excluded.tense <> '' AND excluded.tense_as_of >= tense_as_of THEN excluded.tense ELSE tense END,
			tense_as_of = CASE WHEN excluded.tense <> '' AND excluded.tense_as_of >= tense_as_of THEN excluded.tense_as_of ELSE tense_as_of END,
			retracted_reason = NULL, retracted_at = NULL,
			withdrawn_by = NULL, withdrawn_at = NULL`,
		r.ID, string(r.Type), r.Subject, r.Object, r.Title, r.Since, ev.Confidence, r.Until, r.Tense, r.TenseAsOf); err != nil {
		return store.Relation{}, internal(err, "assert relation %s", r.ID)
	}
	if _, err := insertEvidence(ctx, tx, ev); err != nil {
		return store.Relation{}, internal(err, "assert relation %s", r.ID)
	}
	out, err := relationTx(ctx, tx, r.ID)
	if err != nil {
		return store.Relation{}, internal(err, "assert relation %s", r.ID)
	}
	if err := tx.Commit(); err != nil {
		return store.Relation{}, fmt.Errorf("assert relation %s: commit: %w", r.ID, err)
	}
	return out, nil
}

func storedType(ctx context.Context, tx *sql.Tx, id string) (schema.EntityType, error) {
	var t string
	err := tx.QueryRowContext(ctx, `SELECT type FROM entities WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.Errorf(store.ENOTFOUND, "no entity %q", id)
	}
	return schema.EntityType(t), err
}

// RetractRelation marks a relation retracted with a reason and the time,
// from Now. Retracting it again replaces both. EINVALID for a blank reason.
func (s *DB) RetractRelation(ctx context.Context, id, reason string) (store.Relation, error) {
	if strings.TrimSpace(reason) == "" {
		return store.Relation{}, store.Errorf(store.EINVALID, "retracting %q needs a reason", id)
	}
	tx, err := s.writeTx(ctx, "retract relation")
	if err != nil {
		return store.Relation{}, err
	}
	defer tx.Rollback()
	if id, err = currentRelationID(ctx, tx, id); err != nil {
		return store.Relation{}, internal(err, "retract relation %s", id)
	}
	r, err := tx.ExecContext(ctx, `UPDATE relations SET retracted_reason = ?, retracted_at = ? WHERE id = ?`,
		reason, s.Now().UTC().Format(time.RFC3339Nano), id)
	if err != nil {
		return store.Relation{}, internal(err, "retract relation %s", id)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return store.Relation{}, store.Errorf(store.ENOTFOUND, "no relation %q", id)
	}
	out, err := relationTx(ctx, tx, id)
	if err != nil {
		return store.Relation{}, internal(err, "retract relation %s", id)
	}
	if err := tx.Commit(); err != nil {
		return store.Relation{}, fmt.Errorf("retract relation %s: commit: %w", id, err)
	}
	return out, nil
}

// Relation returns one relation by id, retracted or not, with its evidence.
func (s *DB) Relation(ctx context.Context, id string) (store.Relation, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return store.Relation{}, err
	}
	defer tx.Rollback()
	r, err := relationTx(ctx, s.reader(tx), id)
	if err != nil {
		return store.Relation{}, internal(err, "relation %q", id)
	}
	return r, tx.Commit()
}

func relationTx(ctx context.Context, tx querier, id string) (store.Relation, error) {
	rs, err := queryRelations(ctx, tx, `SELECT `+relationCols+` FROM relations r WHERE r.id = ?`, id)
	if err != nil {
		return store.Relation{}, err
	}
	if len(rs) == 0 {
		// An id from before migration 7 names the relation it became.
		now, err := currentRelationID(ctx, tx, id)
		if err != nil {
			return store.Relation{}, err
		}
		if now == id {
			return store.Relation{}, store.Errorf(store.ENOTFOUND, "no relation %q", id)
		}
		if rs, err = queryRelations(ctx, tx, `SELECT `+relationCols+` FROM relations r WHERE r.id = ?`, now); err != nil {
			return store.Relation{}, err
		}
		if len(rs) == 0 {
			return store.Relation{}, store.Errorf(store.ENOTFOUND, "no relation %q", id)
		}
		id = now
	}
	r := rs[0]
	if r.Evidence, err = queryEvidence(ctx, tx, `WHERE relation_id = ?`, id); err != nil {
		return store.Relation{}, err
	}
	return r, nil
}
