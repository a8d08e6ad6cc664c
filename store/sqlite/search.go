package sqlite

import (
	"context"
	"strings"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// DefaultSearchLimit is the number of hits Search returns for limit <= 0.
const DefaultSearchLimit = store.DefaultSearchLimit

// ftsQuery turns user text into an FTS5 query: every search word as a
// quoted string token with a prefix star, all required. Quoting makes FTS5
// read operators and punctuation in the input as plain text.
func ftsQuery(text string) string {
	words := store.SearchWords(text)
	for i, w := range words {
		words[i] = ftsString(w) + "*"
	}
	return strings.Join(words, " ")
}

func ftsString(w string) string { return `"` + strings.ReplaceAll(w, `"`, `""`) + `"` }

// fuzzyQuery is ftsQuery where each word may also be one of the terms
// near it ("lipavksy" → ("lipavksy"* OR "lipavsky")); "" when no word has
// a term near it, as the prefix query then found all there is.
func fuzzyQuery(words []string, near [][]string) string {
	typos := false
	groups := make([]string, len(words))
	for i, w := range words {
		alts := []string{ftsString(w) + "*"}
		for _, t := range near[i] {
			alts = append(alts, ftsString(t))
			typos = true
		}
		groups[i] = "(" + strings.Join(alts, " OR ") + ")"
	}
	if !typos {
		return ""
	}
	return strings.Join(groups, " AND ")
}

// Search finds entities whose name or aliases contain every word of text
// as a word or word prefix, or, when those are fewer than limit, within
// store.Typos edits of one, ignoring case and diacritics, ranked by
// store.RankSearch (bm25 orders hits within a tier; name matches weigh more
// than alias matches).
func (s *DB) Search(ctx context.Context, text string, types []schema.EntityType, limit int) ([]store.SearchHit, error) {
	q := ftsQuery(text)
	if q == "" {
		return nil, nil
	}
	limit = store.SearchLimit(limit)
	k := strings.Join(store.SearchWords(text), " ")
	found, err := s.searchFTS(ctx, q, []string{k}, types, limit)
	if err != nil {
		return nil, internal(err, "search %q", text)
	}
	hits := store.RankSearch(text, found, limit)
	if len(hits) >= limit {
		return hits, nil
	}
	words := store.SearchWords(text)
	near, err := s.nearTerms(ctx, words)
	if err != nil {
		return nil, internal(err, "search %q", text)
	}
	fq := fuzzyQuery(words, near)
	if fq == "" {
		return hits, nil
	}
	// Every prefix hit matches the fuzzy query too: ask for them again so
	// that the typos still fill the page. Names and aliases that are the
	// text but for typos in its words ("natoz" for NATO) come first, or
	// the limit could cut them for longer names that merely contain those
	// words ("NATO Summit"), which bm25 may weigh higher.
	more, err := s.searchFTS(ctx, fq, wholeKeys(words, near), types, min(limit+len(found), store.MaxPageSize))
	if err != nil {
		return nil, internal(err, "search %q", text)
	}
	return store.RankSearch(text, append(found, more...), limit), nil
}

// maxWholeKeys bounds how many spellings of the whole text wholeKeys
// returns.
const maxWholeKeys = 256

// wholeKeys returns the keys the whole text may be a typo of: every word
// replaced by itself or one of the terms near it, the first maxWholeKeys
// of them (the words' own spelling and their nearest terms first).
func wholeKeys(words []string, near [][]string) []string {
	keys := []string{""}
	for i, w := range words {
		alts := append([]string{w}, near[i]...)
		next := make([]string, 0, min(len(keys)*len(alts), maxWholeKeys))
	product:
		for _, k := range keys {
			for _, a := range alts {
				if len(next) == maxWholeKeys {
					break product
				}
				if k != "" {
					a = k + " " + a
				}
				next = append(next, a)
			}
		}
		keys = next
	}
	return keys
}

// searchFTS runs an FTS5 query over entities' names and aliases: those
// whose name's key is one of keys first, then those with such an alias
// (so that the limit never cuts them), then by bm25, mapped into [0,1).
func (s *DB) searchFTS(ctx context.Context, q string, keys []string, types []schema.EntityType, limit int) ([]store.RankedHit, error) {
	var c conds
	c.add(`entity_fts MATCH ?`, q)
	if len(types) > 0 {
		c.add(`e.type IN (SELECT value FROM json_each(?))`, jsonList(types))
	}
	kl := jsonList(keys)
	args := append([]any{kl, kl}, c.args...)
	args = append(args, limit)
	rows, err := s.reader(nil).QueryContext(ctx, `SELECT `+entityCols+`,
		bm25(entity_fts, 10.0, 5.0) AS rank,
		CASE WHEN e.key IN (SELECT value FROM json_each(?)) THEN 2
			WHEN EXISTS (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND a.key IN (SELECT value FROM json_each(?))) THEN 1
			ELSE 0 END AS exact
		FROM entity_fts JOIN entities e ON e.rowid = entity_fts.rowid`+c.where()+`
		ORDER BY exact DESC, rank, e.name, e.id LIMIT +?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var found []store.RankedHit
	for rows.Next() {
		var rank float64
		var exact int
		e, err := scanEntity(rows, &rank, &exact)
		if err != nil {
			return nil, err
		}
		// bm25 is negative, better when lower.
		r := max(-rank, 0)
		found = append(found, store.RankedHit{Entity: e, Relevance: r / (1 + r)})
	}
	return found, rows.Err()
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
