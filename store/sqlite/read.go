package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// entityCols selects an entity with its aliases, in the order added, as a
// JSON array (kept by triggers, migration 3): one row holds an entity
// whole, so a read needs no transaction to be consistent.
const entityCols = `e.id, e.type, e.kind, e.name, e.date, e.end_date, e.alias_list, e.status, e.status_as_of`

// jsonList passes a list as one parameter, read back with json_each, so a
// list of any length is still a single bound value.
func jsonList[T ~string](xs []T) string {
	ss := make([]string, len(xs))
	for i, x := range xs {
		ss[i] = string(x)
	}
	b, _ := json.Marshal(ss) // a []string always marshals
	return string(b)
}

// Entity returns one entity by id. ENOTFOUND if there is none.
func (s *DB) Entity(ctx context.Context, id string) (store.Entity, error) {
	id = store.NormalizeID(id)
	if m, err := s.current(ctx); err != nil {
		return store.Entity{}, err
	} else if m != nil {
		if e := m.entity(id); e != nil {
			return *e, nil
		}
		return store.Entity{}, store.Errorf(store.ENOTFOUND, "no entity %q", id)
	}
	es, err := queryEntities(ctx, s.pointReader(), `SELECT `+entityCols+` FROM entities e WHERE e.id = ?`, id)
	if err != nil {
		return store.Entity{}, internal(err, "entity %q", id)
	}
	if len(es) == 0 {
		return store.Entity{}, store.Errorf(store.ENOTFOUND, "no entity %q", id)
	}
	return es[0], nil
}

// EntitiesByID returns the entities in the order asked, a zero Entity for
// each id not found.
func (s *DB) EntitiesByID(ctx context.Context, ids []string) ([]store.Entity, error) {
	if len(ids) == 0 {
		return []store.Entity{}, nil
	}
	ids = store.NormalizeIDs(ids)
	if m, err := s.current(ctx); err != nil {
		return nil, err
	} else if m != nil {
		return m.entitiesByID(ids), nil
	}
	es, err := queryEntities(ctx, s.pointReader(), `SELECT `+entityCols+` FROM entities e
		WHERE e.id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, internal(err, "entities by id")
	}
	byID := make(map[string]store.Entity, len(es))
	for _, e := range es {
		byID[e.ID] = e
	}
	out := make([]store.Entity, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// EntityByAlias returns the entities of type t whose name or an alias has
// the key of name.
func (s *DB) EntityByAlias(ctx context.Context, t schema.EntityType, name string) ([]store.Entity, error) {
	k := schema.Key(name)
	if k == "" {
		return nil, nil
	}
	es, err := queryEntities(ctx, s.reader(nil), `SELECT `+entityCols+` FROM entities e
		WHERE e.type = ? AND (e.key = ? OR e.id IN (SELECT entity_id FROM aliases WHERE key = ?))
		ORDER BY e.id`, string(t), k, k)
	if err != nil {
		return nil, internal(err, "entity by alias %s %q", t, name)
	}
	return es, nil
}

// queryEntities runs a query selecting entityCols.
func queryEntities(ctx context.Context, q querier, query string, args ...any) ([]store.Entity, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []store.Entity
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, rows.Err()
}

// scanEntity reads entityCols, then dest, from the current row.
func scanEntity(rows *sql.Rows, dest ...any) (store.Entity, error) {
	var e store.Entity
	var t string
	var aliases []byte // RawBytes would do, but Scan copies a string column either way
	if err := rows.Scan(append([]any{&e.ID, &t, &e.Kind, &e.Name, &e.Date, &e.EndDate, &aliases, &e.Status, &e.StatusAsOf}, dest...)...); err != nil {
		return e, err
	}
	e.Type = schema.EntityType(t)
	if len(aliases) > 2 { // not "[]"
		var err error
		if e.Aliases, err = stringList(aliases); err != nil {
			return e, fmt.Errorf("entity %s: aliases %q: %w", e.ID, aliases, err)
		}
	}
	return e, nil
}

// stringList decodes a JSON array of strings as SQLite's json_group_array
// writes it. Without a backslash no string holds a quote, so the array
// splits at its `","`: a tenth of json.Unmarshal's cost, which was an
// eighth of reading 200 entities at 100 copies of the gold. Anything else
// goes to json.Unmarshal.
func stringList(b []byte) ([]string, error) {
	if len(b) >= 4 && b[0] == '[' && b[1] == '"' && b[len(b)-2] == '"' && b[len(b)-1] == ']' && bytes.IndexByte(b, '\\') < 0 {
		parts := strings.Split(string(b[2:len(b)-2]), `","`)
		if !slices.ContainsFunc(parts, func(p string) bool { return strings.IndexByte(p, '"') >= 0 }) {
			return parts, nil
		}
	}
	var out []string
	err := json.Unmarshal(b, &out)
	return out, err
}

// conds collects the WHERE clauses of a listing with their parameters.
// Only fixed SQL goes into the clauses; user input goes into args.
type conds struct {
	clauses []string
	args    []any
}

func (c *conds) add(clause string, args ...any) {
	c.clauses = append(c.clauses, clause)
	c.args = append(c.args, args...)
}

func (c *conds) where() string {
	if len(c.clauses) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.clauses, " AND ")
}

// likeEscape makes s literal inside a LIKE pattern with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Entities lists entities matching f. EINVALID for a bad cursor or page size.
func (s *DB) Entities(ctx context.Context, f store.EntityFilter) (store.EntityPage, error) {
	size, err := store.CheckPage(f.Page)
	if err != nil {
		return store.EntityPage{}, err
	}
	f.IDs, f.Participant = store.NormalizeIDs(f.IDs), store.NormalizeIDPtr(f.Participant)
	if m, err := s.current(ctx); err != nil {
		return store.EntityPage{}, err
	} else if m != nil {
		if page, ok, err := m.listEntities(f, size); ok {
			return page, err
		}
	}
	var c conds
	if len(f.IDs) > 0 {
		c.add(`e.id IN (SELECT value FROM json_each(?))`, jsonList(f.IDs))
	}
	if f.Type != nil {
		c.add(`e.type = ?`, string(*f.Type))
	}
	if f.Kind != nil {
		c.add(`e.kind = ?`, *f.Kind)
	}
	if f.NameContains != nil {
		if k := schema.Key(*f.NameContains); k != "" {
			pat := "%" + likeEscape(k) + "%"
			c.add(`(e.key LIKE +? ESCAPE '\' OR EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND a.key LIKE +? ESCAPE '\'))`, pat, pat)
		}
	}
	// Dates compare as ISO prefixes: "2024" covers every day of 2024.
	if f.From != nil && *f.From != "" {
		c.add(`e.date <> '' AND substr(e.date, 1, length(?)) >= ?`, *f.From, *f.From)
	}
	if f.To != nil && *f.To != "" {
		c.add(`e.date <> '' AND substr(e.date, 1, length(?)) <= ?`, *f.To, *f.To)
	}
	if f.Status != nil {
		c.add(`e.status = ?`, *f.Status)
	}
	if f.Participant != nil {
		// From the participant's edges (relations_subject), not from every
		// entity to its edges.
		c.add(`e.id IN (SELECT r.object FROM relations r WHERE r.subject = ? AND r.type = ? AND r.retracted_reason IS NULL)`,
			*f.Participant, string(schema.Attended))
	}

	tx, err := s.readTx(ctx)
	if err != nil {
		return store.EntityPage{}, err
	}
	defer tx.Rollback()

	r := s.reader(tx)
	var page store.EntityPage
	if err := count(ctx, r, &page.TotalCount, `SELECT count(*) FROM entities e`+c.where(), c.args...); err != nil {
		return page, internal(err, "count entities")
	}

	var order string
	switch f.OrderBy {
	case store.OrderByName:
		order = ` ORDER BY e.name, e.id`
	case store.OrderByDateAsc:
		order = ` ORDER BY e.date = '', e.date, e.id`
	case store.OrderByDateDesc:
		order = ` ORDER BY e.date = '', e.date DESC, e.id`
	default:
		return page, store.Errorf(store.EINVALID, "unknown entity order %d", f.OrderBy)
	}
	if f.After != "" {
		key, id, err := store.DecodeCursor(f.After)
		if err != nil {
			return page, err
		}
		switch {
		case f.OrderBy == store.OrderByName:
			c.add(`(e.name > ? OR (e.name = ? AND e.id > ?))`, key, key, id)
		case key == "":
			// Undated entities come last, by id.
			c.add(`(e.date = '' AND e.id > ?)`, id)
		case f.OrderBy == store.OrderByDateAsc:
			c.add(`(e.date = '' OR e.date > ? OR (e.date = ? AND e.id > ?))`, key, key, id)
		default:
			c.add(`(e.date = '' OR (e.date <> '' AND e.date < ?) OR (e.date = ? AND e.id > ?))`, key, key, id)
		}
	}
	args := append(c.args, size+1)
	items, err := queryEntities(ctx, r, `SELECT `+entityCols+` FROM entities e`+c.where()+order+` LIMIT +?`, args...)
	if err != nil {
		return page, internal(err, "list entities")
	}
	if len(items) > size {
		items, page.HasNext = items[:size], true
	}
	page.Items = items
	if n := len(items); n > 0 {
		last := items[n-1]
		key := last.Name
		if f.OrderBy != store.OrderByName {
			key = last.Date
		}
		page.EndCursor = store.EncodeCursor(key, last.ID)
	}
	return page, tx.Commit()
}

const relationCols = `r.id, r.type, r.subject, r.object, r.title, r.since, r.confidence, r.first_seen, r.last_seen,
	r.retracted_reason, r.retracted_at, r.until, r.tense, r.tense_as_of, r.withdrawn_by, r.withdrawn_at`

func queryRelations(ctx context.Context, q querier, query string, args ...any) ([]store.Relation, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []store.Relation
	for rows.Next() {
		var r store.Relation
		var t string
		var reason, at, wby, wat sql.NullString
		if err := rows.Scan(&r.ID, &t, &r.Subject, &r.Object, &r.Title, &r.Since, &r.Confidence, &r.FirstSeen, &r.LastSeen,
			&reason, &at, &r.Until, &r.Tense, &r.TenseAsOf, &wby, &wat); err != nil {
			return nil, err
		}
		if wby.Valid {
			r.Withdrawn = &store.Withdrawal{By: wby.String, At: wat.String}
		}
		r.Type = schema.RelationType(t)
		if reason.Valid {
			when, err := time.Parse(time.RFC3339Nano, at.String)
			if err != nil {
				return nil, fmt.Errorf("relation %s: retracted_at %q: %w", r.ID, at.String, err)
			}
			r.Retracted = &store.Retraction{Reason: reason.String, At: when.UTC()}
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// Relations lists relations matching f, ordered by id. EINVALID for a bad
// cursor or page size.
func (s *DB) Relations(ctx context.Context, f store.RelationFilter) (store.RelationPage, error) {
	size, err := store.CheckPage(f.Page)
	if err != nil {
		return store.RelationPage{}, err
	}
	f.Subject, f.Object = store.NormalizeIDPtr(f.Subject), store.NormalizeIDPtr(f.Object)
	if m, err := s.current(ctx); err != nil {
		return store.RelationPage{}, err
	} else if m != nil {
		if page, ok, err := m.listRelations(f, size); ok {
			return page, err
		}
	}
	var c conds
	switch len(f.Types) {
	case 0:
	case 1:
		// An equality lets relations_type (type, id) give the page in id
		// order; IN over json_each made SQLite sort every relation of the
		// type first (100 of 1,800 HOLDS_POSITION at 100 copies of the
		// gold: 3.3 → 1.6 ms for count and page).
		c.add(`r.type = ?`, string(f.Types[0]))
	default:
		c.add(`r.type IN (SELECT value FROM json_each(?))`, jsonList(f.Types))
	}
	if f.Subject != nil {
		c.add(`r.subject = ?`, *f.Subject)
	}
	if f.Object != nil {
		c.add(`r.object = ?`, *f.Object)
	}
	if f.Document != nil {
		c.add(`EXISTS (SELECT 1 FROM evidence v WHERE v.relation_id = r.id AND v.document_id = ?)`, *f.Document)
	}
	if f.MinConfidence != nil {
		c.add(`r.confidence >= ?`, *f.MinConfidence)
	}
	if f.Tense != nil {
		c.add(`r.tense = ?`, *f.Tense)
	}
	if f.Withdrawn != nil {
		if *f.Withdrawn {
			c.add(`r.withdrawn_by IS NOT NULL`)
		} else {
			c.add(`r.withdrawn_by IS NULL`)
		}
	}
	if !f.IncludeRetracted {
		c.add(`r.retracted_reason IS NULL`)
	}

	tx, err := s.readTx(ctx)
	if err != nil {
		return store.RelationPage{}, err
	}
	defer tx.Rollback()

	r := s.reader(tx)
	var page store.RelationPage
	if err := count(ctx, r, &page.TotalCount, `SELECT count(*) FROM relations r`+c.where(), c.args...); err != nil {
		return page, internal(err, "count relations")
	}
	if f.After != "" {
		_, id, err := store.DecodeCursor(f.After)
		if err != nil {
			return page, err
		}
		c.add(`r.id > ?`, id)
	}
	args := append(c.args, size+1)
	items, err := queryRelations(ctx, r, `SELECT `+relationCols+` FROM relations r`+c.where()+` ORDER BY r.id LIMIT +?`, args...)
	if err != nil {
		return page, internal(err, "list relations")
	}
	if len(items) > size {
		items, page.HasNext = items[:size], true
	}
	page.Items = items
	if n := len(items); n > 0 {
		page.EndCursor = store.EncodeCursor(items[n-1].ID, items[n-1].ID)
	}
	return page, tx.Commit()
}

// Expand returns every relation touching the entities asked.
func (s *DB) Expand(ctx context.Context, e store.Expand) ([]store.Relation, error) {
	if len(e.IDs) == 0 {
		return nil, nil
	}
	e.IDs = store.NormalizeIDs(e.IDs)
	var ends []string
	switch e.Direction {
	case store.Out:
		ends = []string{"subject"}
	case store.In:
		ends = []string{"object"}
	case store.Both:
		ends = []string{"subject", "object"}
	default:
		return nil, store.Errorf(store.EINVALID, "unknown direction %d", e.Direction)
	}
	if m, err := s.current(ctx); err != nil {
		return nil, err
	} else if m != nil {
		return m.expand(e), nil
	}
	// One indexed SELECT per end, joined by UNION ALL: an OR of the two
	// would scan the whole table. An edge between two asked entities is
	// found from both ends; the second SELECT leaves it to the first,
	// where UNION would keep every row found in a temporary index to drop
	// it. Among needs one end only: relations_subject finds the edges,
	// the other end is checked against the ids.
	if e.Among {
		ends = []string{"subject"}
	}
	var parts []string
	args := []any{jsonList(e.IDs)}
	for i, end := range ends {
		part := `SELECT ` + relationCols + ` FROM relations r WHERE r.` + end + ` IN ids AND r.retracted_reason IS NULL`
		if i > 0 {
			part += ` AND r.` + ends[0] + ` NOT IN ids`
		}
		if e.Among {
			part += ` AND r.object IN ids`
		}
		if len(e.Types) > 0 {
			part += ` AND r.type IN (SELECT value FROM json_each(?))`
			args = append(args, jsonList(e.Types))
		}
		parts = append(parts, part)
	}
	query := `WITH ids (id) AS (SELECT value FROM json_each(?)) ` + strings.Join(parts, " UNION ALL ")

	rs, err := queryRelations(ctx, s.pointReader(), query, args...)
	if err != nil {
		return nil, internal(err, "expand %d entities", len(e.IDs))
	}
	return rs, nil
}

// EvidenceFor returns the evidence of the given relations, grouped by
// relation id, each group in document then offset order.
func (s *DB) EvidenceFor(ctx context.Context, relationIDs []string) (map[string][]store.Evidence, error) {
	out := make(map[string][]store.Evidence)
	if len(relationIDs) == 0 {
		return out, nil
	}
	if m, err := s.current(ctx); err != nil {
		return nil, err
	} else if m != nil && m.evidence != nil {
		return m.evidenceFor(relationIDs), nil
	}
	evs, err := queryEvidence(ctx, s.pointReader(), `WHERE relation_id IN (SELECT value FROM json_each(?))`, jsonList(relationIDs))
	if err != nil {
		return nil, internal(err, "evidence for %d relations", len(relationIDs))
	}
	for _, ev := range evs {
		out[ev.RelationID] = append(out[ev.RelationID], ev)
	}
	return out, nil
}

// queryEvidence reads the evidence selected by where, by relation, then
// document (an analyst's, without one, last), then offset. The order is
// made here rather than by ORDER BY: SQLite sorts these rows in a
// temporary b-tree that costs as much as reading them.
func queryEvidence(ctx context.Context, q querier, where string, args ...any) ([]store.Evidence, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, relation_id, document_id, sentence, start, "end", extractor, confidence
		FROM evidence `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Evidence
	for rows.Next() {
		var ev store.Evidence
		var doc sql.NullString
		if err := rows.Scan(&ev.ID, &ev.RelationID, &doc, &ev.Sentence, &ev.Start, &ev.End, &ev.Extractor, &ev.Confidence); err != nil {
			return nil, err
		}
		ev.DocumentID = doc.String
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b store.Evidence) int {
		return cmp.Or(
			cmp.Compare(a.RelationID, b.RelationID),
			cmp.Compare(noDocument(a), noDocument(b)),
			cmp.Compare(a.DocumentID, b.DocumentID),
			cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End),
			cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// noDocument ranks an analyst's evidence, which cites no document, after
// the documents'.
func noDocument(ev store.Evidence) int {
	if ev.DocumentID == "" {
		return 1
	}
	return 0
}

const documentCols = `id, filename, title, date, publisher, kind, source, text, ingested_at`

func queryDocuments(ctx context.Context, q querier, query string, args ...any) ([]store.Document, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ds []store.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

// scanDocument reads documentCols, then dest, from the current row.
func scanDocument(rows *sql.Rows, dest ...any) (store.Document, error) {
	var d store.Document
	var at string
	if err := rows.Scan(append([]any{&d.ID, &d.Filename, &d.Title, &d.Date, &d.Publisher, &d.Kind, &d.Source, &d.Text, &at}, dest...)...); err != nil {
		return d, err
	}
	var err error
	if d.IngestedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return d, fmt.Errorf("document %s: ingested_at %q: %w", d.ID, at, err)
	}
	return d, nil
}

// Document returns one document. ENOTFOUND if there is none.
func (s *DB) Document(ctx context.Context, id string) (store.Document, error) {
	if m, err := s.current(ctx); err != nil {
		return store.Document{}, err
	} else if m != nil && m.docs != nil {
		if d := m.docs[id]; d != nil {
			return *d, nil
		}
		return store.Document{}, store.Errorf(store.ENOTFOUND, "no document %q", id)
	}
	ds, err := queryDocuments(ctx, s.pointReader(), `SELECT `+documentCols+` FROM documents WHERE id = ?`, id)
	if err != nil {
		return store.Document{}, internal(err, "document %q", id)
	}
	if len(ds) == 0 {
		return store.Document{}, store.Errorf(store.ENOTFOUND, "no document %q", id)
	}
	return ds[0], nil
}

// DocumentsByID returns documents in the order asked, a zero Document for
// each id not found.
func (s *DB) DocumentsByID(ctx context.Context, ids []string) ([]store.Document, error) {
	if len(ids) == 0 {
		return []store.Document{}, nil
	}
	if m, err := s.current(ctx); err != nil {
		return nil, err
	} else if m != nil && m.docs != nil {
		out := make([]store.Document, len(ids))
		for i, id := range ids {
			if d := m.docs[id]; d != nil {
				out[i] = *d
			}
		}
		return out, nil
	}
	ds, err := queryDocuments(ctx, s.pointReader(), `SELECT `+documentCols+` FROM documents
		WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, internal(err, "documents by id")
	}
	byID := make(map[string]store.Document, len(ds))
	for _, d := range ds {
		byID[d.ID] = d
	}
	out := make([]store.Document, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// DocumentCount returns how many documents are stored.
func (s *DB) DocumentCount(ctx context.Context) (int, error) {
	var n int
	if err := count(ctx, s.reader(nil), &n, `SELECT count(*) FROM documents`); err != nil {
		return 0, internal(err, "count documents")
	}
	return n, nil
}

// count runs a query of one integer into n.
func count(ctx context.Context, q querier, n *int, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(n); err != nil {
		return err
	}
	return rows.Close()
}
