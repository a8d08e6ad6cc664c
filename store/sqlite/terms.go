package sqlite

import (
	"cmp"
	"context"
	"slices"
	"unicode/utf8"

	"github.com/diplograph/diplograph/store"
)

// maxNearTerms bounds how many terms near one search word join the query.
const maxNearTerms = 32

// terms is an in-memory copy of the words of every entity's name and
// aliases (the entity_terms vocabulary, migration 5), by length in runes,
// as of search_version.
type terms struct {
	version int64
	byLen   map[int][]string
}

// nearTerms returns, for each search word, the stored terms within
// store.Typos edits of it, nearest first, the word itself left out.
func (s *DB) nearTerms(ctx context.Context, words []string) ([][]string, error) {
	vocab, err := s.vocabulary(ctx)
	if err != nil {
		return nil, err
	}
	out := make([][]string, len(words))
	for i, w := range words {
		limit := store.Typos(w)
		if limit == 0 {
			continue
		}
		type near struct {
			term string
			d    int
		}
		var found []near
		n := utf8.RuneCountInString(w)
		for l := n - limit; l <= n+limit; l++ {
			for _, t := range vocab.byLen[l] {
				if t == w {
					continue
				}
				if d := store.EditDistance(w, t, limit); d <= limit {
					found = append(found, near{t, d})
				}
			}
		}
		slices.SortFunc(found, func(a, b near) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.term, b.term)) })
		for _, f := range found[:min(len(found), maxNearTerms)] {
			out[i] = append(out[i], f.term)
		}
	}
	return out, nil
}

// vocabulary returns the terms, read again when names or aliases changed
// since the last read (in this process or another).
func (s *DB) vocabulary(ctx context.Context) (*terms, error) {
	var version int64
	// The version is read before the terms: a write in between makes the
	// copy newer than its version says, and the next search reads again.
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM search_version WHERE id = 1`).Scan(&version); err != nil {
		return nil, err
	}
	s.termsMu.Lock()
	defer s.termsMu.Unlock()
	if s.terms != nil && s.terms.version == version {
		return s.terms, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT term FROM entity_terms`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &terms{version: version, byLen: map[int][]string{}}
	for rows.Next() {
		var term string
		if err := rows.Scan(&term); err != nil {
			return nil, err
		}
		n := utf8.RuneCountInString(term)
		t.byLen[n] = append(t.byLen[n], term)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s.terms = t
	return t, nil
}
