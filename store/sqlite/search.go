package sqlite

import (
	"context"
	"strings"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// DefaultSearchLimit is the number of hits Search returns for limit <= 0.
const DefaultSearchLimit = store.DefaultSearchLimit

// ftsQuery turns user text into an FTS5 query: every word of its key as a
// quoted string token with a prefix star, all required. Quoting makes FTS5
// read operators and punctuation in the input as plain text.
func ftsQuery(text string) string {
	words := strings.Fields(schema.Key(text))
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"*`
	}
	return strings.Join(words, " ")
}

// Search finds entities whose name or aliases contain every word of text
// as a word or word prefix, ignoring case and diacritics. Hits whose name
// is exactly text come first, then exact aliases, then the rest by bm25
// (name matches weigh more than alias matches).
func (s *DB) Search(ctx context.Context, text string, types []schema.EntityType, limit int) ([]store.SearchHit, error) {
	q := ftsQuery(text)
	if q == "" {
		return nil, nil
	}
	limit = store.SearchLimit(limit)
	k := schema.Key(text)

	var c conds
	c.add(`entity_fts MATCH ?`, q)
	if len(types) > 0 {
		c.add(`e.type IN (SELECT value FROM json_each(?))`, jsonList(types))
	}
	args := append([]any{k, k}, c.args...)
	args = append(args, limit)

	rows, err := s.reader(nil).QueryContext(ctx, `SELECT `+entityCols+`,
		CASE WHEN e.key = ? THEN 2
			WHEN EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND a.key = ?) THEN 1
			ELSE 0 END AS exact,
		bm25(entity_fts, 10.0, 5.0) AS rank
		FROM entity_fts JOIN entities e ON e.rowid = entity_fts.rowid`+c.where()+`
		ORDER BY exact DESC, rank, e.name, e.id LIMIT +?`, args...)
	if err != nil {
		return nil, internal(err, "search %q", text)
	}
	defer rows.Close()
	var hits []store.SearchHit
	for rows.Next() {
		var exact int
		var rank float64
		e, err := scanEntity(rows, &exact, &rank)
		if err != nil {
			return nil, internal(err, "search %q", text)
		}
		// bm25 is negative, better when lower; map it into [0,1) so the
		// exactness tier always dominates and higher is better.
		r := max(-rank, 0)
		hits = append(hits, store.SearchHit{Entity: e, Score: float64(exact) + r/(1+r)})
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "search %q", text)
	}
	return hits, nil
}

// SearchDocuments finds documents whose title or text contains every word
// of text as a word or word prefix, ignoring case and diacritics, by bm25
// (title matches weigh more), mapped into [0,1) with higher better.
func (s *DB) SearchDocuments(ctx context.Context, text string, limit int) ([]store.DocumentHit, error) {
	q := ftsQuery(text)
	if q == "" {
		return nil, nil
	}
	limit = store.SearchLimit(limit)
	// The index's columns share names with the documents', hence the
	// subquery.
	rows, err := s.reader(nil).QueryContext(ctx, `SELECT `+documentCols+`, m.rank
		FROM documents JOIN (
			SELECT rowid AS doc, bm25(document_fts, 5.0, 1.0) AS rank FROM document_fts WHERE document_fts MATCH ?
		) m ON documents.rowid = m.doc
		ORDER BY m.rank, id LIMIT +?`, q, limit)
	if err != nil {
		return nil, internal(err, "search documents %q", text)
	}
	defer rows.Close()
	var hits []store.DocumentHit
	for rows.Next() {
		var rank float64
		d, err := scanDocument(rows, &rank)
		if err != nil {
			return nil, internal(err, "search documents %q", text)
		}
		r := max(-rank, 0)
		hits = append(hits, store.DocumentHit{Document: d, Score: r / (1 + r)})
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "search documents %q", text)
	}
	return hits, nil
}
