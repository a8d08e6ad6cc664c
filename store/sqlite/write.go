package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// WriteBatch stores a document with its entities, relations and evidence in
// one transaction. EINVALID for a batch that breaks the ontology or names
// an entity neither it nor the store holds; nothing is written then.
func (s *DB) WriteBatch(ctx context.Context, b store.Batch) (store.WriteResult, error) {
	if err := b.Prepare(); err != nil {
		return store.WriteResult{}, err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return store.WriteResult{DocumentID: b.Document.ID}, fmt.Errorf("write document %s: begin: %w", b.Document.ID, err)
	}
	defer tx.Rollback()
	// The transaction is rolled back if ctx ends (database/sql watches it);
	// its statements need not each watch it too, which costs the driver a
	// goroutine per statement, a hundred or more per document.
	res, err := s.writeBatch(context.WithoutCancel(ctx), tx, b)
	if err != nil || res.Existed {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return store.WriteResult{DocumentID: b.Document.ID}, fmt.Errorf("write document %s: commit: %w", b.Document.ID, err)
	}
	s.ckpt.poke()
	return res, nil
}

// WriteBatches writes batches in order in one transaction, each as
// WriteBatch would have on its own: the results and errors are WriteBatch's
// for each, and a batch that fails leaves nothing of itself written (it
// is rolled back to a savepoint) while the others are. A failed commit
// fails every batch. Folder ingest writes the documents extracted while
// the previous ones were written this way, when the store is the slower
// half: every commit rewrites the pages its documents share (the ends of
// tables and indexes, the search indexes' structure) and ends in a write
// to the log.
func (s *DB) WriteBatches(ctx context.Context, bs []store.Batch) ([]store.WriteResult, []error) {
	results, errs := make([]store.WriteResult, len(bs)), make([]error, len(bs))
	if len(bs) == 1 {
		results[0], errs[0] = s.WriteBatch(ctx, bs[0])
		return results, errs
	}
	failAll := func(err error) ([]store.WriteResult, []error) {
		for i, b := range bs {
			if errs[i] == nil {
				results[i], errs[i] = store.WriteResult{DocumentID: b.Document.ID}, fmt.Errorf("write document %s: %w", b.Document.ID, err)
			}
		}
		return results, errs
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return failAll(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	wctx := context.WithoutCancel(ctx)
	for i, b := range bs {
		if err := b.Prepare(); err != nil {
			errs[i] = err
			continue
		}
		if _, err := tx.ExecContext(wctx, `SAVEPOINT batch`); err != nil {
			return failAll(fmt.Errorf("savepoint: %w", err))
		}
		results[i], errs[i] = s.writeBatch(wctx, tx, b)
		if errs[i] != nil {
			if _, err := tx.ExecContext(wctx, `ROLLBACK TO batch`); err != nil {
				return failAll(fmt.Errorf("roll back to savepoint: %w", err))
			}
		}
		if _, err := tx.ExecContext(wctx, `RELEASE batch`); err != nil {
			return failAll(fmt.Errorf("release savepoint: %w", err))
		}
	}
	if err := tx.Commit(); err != nil {
		return failAll(fmt.Errorf("commit: %w", err))
	}
	s.ckpt.poke()
	return results, errs
}

// writeBatch writes a prepared batch in tx: WriteBatch but for the
// transaction.
func (s *DB) writeBatch(ctx context.Context, tx *sql.Tx, b store.Batch) (store.WriteResult, error) {
	res := store.WriteResult{DocumentID: b.Document.ID}
	existed, err := documentExists(ctx, tx, b.Document.ID)
	if err != nil {
		return res, internal(err, "write document %s", b.Document.ID)
	}
	if existed {
		res.Existed = true
		return res, nil
	}
	if err := insertDocument(ctx, tx, b.Document, s.Now()); err != nil {
		return res, internal(err, "write document %s", b.Document.ID)
	}
	for _, e := range b.Entities {
		isNew, err := upsertEntity(ctx, tx, e)
		if err != nil {
			return res, internal(err, "write entity %s", e.ID)
		}
		if isNew {
			res.NewEntities = append(res.NewEntities, e.ID)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO mentions (document_id, entity_id) VALUES (?, ?)`,
			b.Document.ID, e.ID); err != nil {
			return res, internal(err, "write mention of %s", e.ID)
		}
	}
	batchTypes := make(map[string]schema.EntityType, len(b.Entities))
	for _, e := range b.Entities {
		batchTypes[e.ID] = e.Type
	}
	for _, r := range b.Relations {
		if err := checkEnds(ctx, tx, batchTypes, r); err != nil {
			return res, internal(err, "write relation %s", r.ID)
		}
		isNew, err := upsertRelation(ctx, tx, r, b.Document.Date)
		if err != nil {
			return res, internal(err, "write relation %s", r.ID)
		}
		if isNew {
			res.NewRelation = append(res.NewRelation, r.ID)
		}
		for _, ev := range r.Evidence {
			n, err := insertEvidence(ctx, tx, ev)
			if err != nil {
				return res, internal(err, "write evidence %s", ev.ID)
			}
			res.NewEvidence += n
		}
	}
	moved, err := converge(ctx, tx, eids(b.Entities))
	if err != nil {
		return res, internal(err, "converge entities of document %s", b.Document.ID)
	}
	if err := settle(ctx, tx, &res, b, moved); err != nil {
		return res, internal(err, "converge entities of document %s", b.Document.ID)
	}
	if err := reconcileVersions(ctx, tx, b.Document.Source, false); err != nil {
		return res, internal(err, "reconcile the versions of %s", b.Document.Source)
	}
	return res, nil
}

func documentExists(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

func insertDocument(ctx context.Context, tx *sql.Tx, d store.Document, now time.Time) error {
	at := d.IngestedAt
	if at.IsZero() {
		at = now
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO documents
		(id, filename, title, date, publisher, kind, source, text, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.Filename, d.Title, d.Date, d.Publisher, d.Kind, d.Source, d.Text,
		at.UTC().Format(time.RFC3339Nano))
	return err
}

// upsertEntity adds e or merges it into the stored entity with its id: the
// stored name stays, a different incoming name becomes an alias, aliases
// are united and an empty kind, date or end date is filled in.
func upsertEntity(ctx context.Context, tx *sql.Tx, e store.Entity) (isNew bool, err error) {
	var rowid int64
	var name, typ string
	err = tx.QueryRowContext(ctx, `SELECT rowid, name, type FROM entities WHERE id = ?`, e.ID).Scan(&rowid, &name, &typ)
	switch {
	case err == nil && typ != string(e.Type):
		return false, store.Errorf(store.EINVALID, "entity %q is a %s, not a %s", e.ID, typ, e.Type)
	case errors.Is(err, sql.ErrNoRows):
		isNew = true
		name = e.Name
		err = tx.QueryRowContext(ctx, `INSERT INTO entities (id, type, kind, name, key, date, end_date, status, status_as_of)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`,
			e.ID, string(e.Type), e.Kind, e.Name, schema.Key(e.Name), e.Date, e.EndDate, e.Status, e.StatusAsOf).Scan(&rowid)
		if err != nil {
			return false, err
		}
	case err != nil:
		return false, err
	default:
		// store.Pick, PickDates, PickName and PickJudgement in SQL, run
		// only where they change the row (see updateEntity).
		_, err = tx.ExecContext(ctx, updateEntity, schema.Key(e.Name), e.Name, e.Kind, e.Date, e.EndDate, e.ID, e.Status, e.StatusAsOf)
		if err != nil {
			return false, err
		}
		if schema.Key(name) == schema.Key(e.Name) {
			name = store.PickName(name, e.Name)
		}
	}

	aliases := e.Aliases
	if !isNew {
		aliases = append([]string{e.Name}, aliases...)
	}
	nameKey := schema.Key(name)
	added := false
	for _, a := range aliases {
		k := schema.Key(a)
		if k == "" || k == nameKey {
			continue
		}
		n, err := insertAlias(ctx, tx, e.ID, a, k)
		if err != nil {
			return false, err
		}
		added = added || n

	}
	if isNew || added {
		if err := indexEntity(ctx, tx, rowid, e.ID, nameKey); err != nil {
			return false, err
		}
	}
	return isNew, nil
}

// An assignment of an UPDATE or an upsert: a column and its new value.
type assignment struct{ col, expr string }

// set is the SET list of the assignments.
func set(as ...assignment) string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.col + " = " + a.expr
	}
	return strings.Join(out, ",\n\t\t")
}

// changes is a condition true when one of the assignments would change
// its column. An UPDATE rewrites the entries of every index holding a
// column it sets, even with the value unchanged; a fact or an entity that
// many documents restate would rewrite them for every document (the
// index pages of entities' names and dates, relations' tense and first
// sighting: a sixth of the pages a document's commit wrote at 9,000
// documents, docs/PERFORMANCE.md, "Third pass"), so the write path's updates
// and upserts run only where something changes.
func changes(as ...assignment) string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.col + " IS NOT (" + a.expr + ")"
	}
	return "(" + strings.Join(out, "\n\t\tOR ") + ")"
}

// pickDateAssignments are store.PickDates of an entity's stored dates and
// ?4, ?5. SQLite computes every SET from the row as it was, so both see
// one test.
var pickDateAssignments = []assignment{
	{"date", `CASE WHEN ?4 > date OR (?4 = date AND ?5 > end_date) THEN ?4 ELSE date END`},
	{"end_date", `CASE WHEN ?4 > date OR (?4 = date AND ?5 > end_date) THEN ?5 ELSE end_date END`},
}

// pickStatusAssignments are store.PickJudgement of an entity's stored
// status and ?7 (the status), ?8 (the date it was judged as of).
var pickStatusAssignments = []assignment{
	{"status", `CASE WHEN ?7 <> '' AND (status = '' OR ?8 > status_as_of OR (?8 = status_as_of AND ?7 > status))
		THEN ?7 ELSE status END`},
	{"status_as_of", `CASE WHEN ?7 <> '' AND (status = '' OR ?8 > status_as_of OR (?8 = status_as_of AND ?7 > status))
		THEN ?8 ELSE status_as_of END`},
}

// pickDates and pickStatus are those as SET lists.
var (
	pickDates  = set(pickDateAssignments...)
	pickStatus = set(pickStatusAssignments...)
)

// entityAssignments merge an incoming entity into its stored row:
// store.Pick, PickDates, PickName and PickJudgement in SQL, with ?1 the
// key of the incoming name, ?2 the name, ?3 the kind, ?4 and ?5 the dates,
// ?7 and ?8 the status and its date.
var entityAssignments = slices.Concat([]assignment{
	{"name", `CASE WHEN key = ?1 AND ?2 < name THEN ?2 ELSE name END`},
	{"kind", `max(kind, ?3)`},
}, pickDateAssignments, pickStatusAssignments)

// updateEntity is upsertEntity's UPDATE of entity ?6, a no-op where the
// row would not change.
var updateEntity = `UPDATE entities SET ` + set(entityAssignments...) + `
	WHERE id = ?6 AND ` + changes(entityAssignments...)

// pickTenseAssignments are store.PickJudgement of a relation's stored
// tense and the incoming row's (excluded), for an upsert.
var pickTenseAssignments = []assignment{
	{"tense", `CASE WHEN excluded.tense <> '' AND (tense = '' OR excluded.tense_as_of > tense_as_of
			OR (excluded.tense_as_of = tense_as_of AND excluded.tense > tense)) THEN excluded.tense ELSE tense END`},
	{"tense_as_of", `CASE WHEN excluded.tense <> '' AND (tense = '' OR excluded.tense_as_of > tense_as_of
			OR (excluded.tense_as_of = tense_as_of AND excluded.tense > tense)) THEN excluded.tense_as_of ELSE tense_as_of END`},
}

// pickTense is those as a SET list.
var pickTense = set(pickTenseAssignments...)

// relationAssignments merge an incoming relation (excluded) into the
// stored fact: the best confidence wins, an empty title or since is
// filled in, the seen window widens, and a document's new support stands
// until reconcileVersions says a newer version withdrew it.
var relationAssignments = slices.Concat([]assignment{
	{"confidence", `max(confidence, excluded.confidence)`},
	{"title", `max(title, excluded.title)`},
	{"since", `max(since, excluded.since)`},
	{"until", `max(until, excluded.until)`},
}, pickTenseAssignments, []assignment{
	{"withdrawn_by", `NULL`},
	{"withdrawn_at", `NULL`},
	{"first_seen", `CASE WHEN first_seen = '' OR (excluded.first_seen <> '' AND excluded.first_seen < first_seen)
				THEN excluded.first_seen ELSE first_seen END`},
	{"last_seen", `CASE WHEN excluded.last_seen > last_seen THEN excluded.last_seen ELSE last_seen END`},
})

// upsertRelationSQL is upsertRelation's statement, whose update is a
// no-op where the stored fact would not change.
var upsertRelationSQL = `INSERT INTO relations
		(id, type, subject, object, title, since, confidence, first_seen, last_seen, until, tense, tense_as_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET ` + set(relationAssignments...) + `
		WHERE ` + changes(relationAssignments...)

// insertAlias adds an alias to an entity, or where the entity has one
// with the same key, keeps the spelling store.PickName prefers. It reports
// whether a new key was added.
func insertAlias(ctx context.Context, tx *sql.Tx, id, alias, key string) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM aliases WHERE entity_id = ? AND key = ?`, id, key).Scan(&n); err != nil {
		return false, err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO aliases (entity_id, alias, key) VALUES (?, ?, ?)
		ON CONFLICT (entity_id, key) DO UPDATE SET alias = excluded.alias WHERE excluded.alias < alias`, id, alias, key)
	return n == 0, err
}

// indexEntity rewrites the entity's row of the full-text index.
func indexEntity(ctx context.Context, tx *sql.Tx, rowid int64, id, nameKey string) error {
	rows, err := tx.QueryContext(ctx, `SELECT key FROM aliases WHERE entity_id = ? ORDER BY rowid`, id)
	if err != nil {
		return err
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM entity_fts WHERE rowid = ?`, rowid); err != nil {
		return err
	}
	// A newline between aliases keeps them apart for phrase queries.
	_, err = tx.ExecContext(ctx, `INSERT INTO entity_fts (rowid, name, aliases) VALUES (?, ?, ?)`,
		rowid, nameKey, strings.Join(keys, "\n"))
	return err
}

// checkEnds makes sure both ends of r exist, in the batch or the store,
// and have types r may connect.
func checkEnds(ctx context.Context, tx *sql.Tx, batch map[string]schema.EntityType, r store.Relation) error {
	st, err := entityType(ctx, tx, batch, r.Subject)
	if err != nil {
		return err
	}
	ot, err := entityType(ctx, tx, batch, r.Object)
	if err != nil {
		return err
	}
	if !r.Type.Allows(st, ot) && !(r.Type.Symmetric() && r.Type.Allows(ot, st)) {
		return store.Errorf(store.EINVALID, "relation %s may not connect %s %q to %s %q", r.Type, st, r.Subject, ot, r.Object)
	}
	return nil
}

func entityType(ctx context.Context, tx *sql.Tx, batch map[string]schema.EntityType, id string) (schema.EntityType, error) {
	if t, ok := batch[id]; ok {
		return t, nil
	}
	var t string
	err := tx.QueryRowContext(ctx, `SELECT type FROM entities WHERE id = ?`, id).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", store.Errorf(store.EINVALID, "relation refers to unknown entity %q", id)
	}
	return schema.EntityType(t), err
}

// upsertRelation adds r or merges it into the stored fact: the best
// confidence wins, an empty title or since is filled in, and the seen
// window widens to the document's date.
func upsertRelation(ctx context.Context, tx *sql.Tx, r store.Relation, docDate string) (isNew bool, err error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM relations WHERE id = ?`, r.ID).Scan(&n); err != nil {
		return false, err
	}
	first, last := r.FirstSeen, r.LastSeen
	if first == "" {
		first = docDate
	}
	if last == "" {
		last = docDate
	}
	_, err = tx.ExecContext(ctx, upsertRelationSQL,
		r.ID, string(r.Type), r.Subject, r.Object, r.Title, r.Since, r.Confidence, first, last, r.Until, r.Tense, r.TenseAsOf)
	return n == 0, err
}

func insertEvidence(ctx context.Context, tx *sql.Tx, ev store.Evidence) (int, error) {
	r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO evidence
		(id, relation_id, document_id, sentence, start, "end", extractor, confidence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.ID, ev.RelationID, nullable(ev.DocumentID), ev.Sentence, ev.Start, ev.End, ev.Extractor, ev.Confidence)
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// nullable stores an empty string as NULL: evidence an analyst asserts has
// no document, and the foreign key must not look for one.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func eids(es []store.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}
