package store

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/schema"
)

// SearchReason says why a search hit matched, best first: the text is the
// entity's name, one of its aliases, the start of words of them, or close
// to them but for typos.
type SearchReason string

const (
	ReasonExact  SearchReason = "EXACT"
	ReasonAlias  SearchReason = "ALIAS"
	ReasonPrefix SearchReason = "PREFIX"
	ReasonFuzzy  SearchReason = "FUZZY"
)

// Typos returns how many edits (Damerau–Levenshtein: insert, delete,
// substitute, transpose two neighbours) a search word forgives: none below
// four letters, one up to seven, two beyond. Both stores ask for exactly
// this much (Lucene's word~N in Neo4j), and MatchEntity checks it.
func Typos(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n < 4:
		return 0
	case n <= 7:
		return 1
	default:
		return 2
	}
}

// EditDistance returns the optimal string alignment distance between a
// and b (Damerau–Levenshtein where no part is edited twice: a swap of two
// neighbours is one edit), or limit+1 once it is sure to exceed limit.
func EditDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows of the dynamic programme: two back for transpositions.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			best = min(best, d)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

// SearchWords returns the words a search for text looks for: the words of
// its key (schema.Key), at most MaxSearchWords of them, so that a
// pasted page cannot make a query of thousands of clauses.
func SearchWords(text string) []string {
	if len(text) > MaxSearchBytes {
		text = text[:MaxSearchBytes]
	}
	words := strings.Fields(schema.Key(text))
	if len(words) > MaxSearchWords {
		words = words[:MaxSearchWords]
	}
	return words
}

const (
	// MaxSearchWords is how many words of a search text count.
	MaxSearchWords = 16
	// MaxSearchBytes is how much of a search text is read.
	MaxSearchBytes = 1024
)

// MatchEntity says why e answers the search text: its name's key is the
// text's (exact), an alias's is (alias), every word of the text begins a
// word of its name or aliases (prefix), or every word does or is within
// Typos of one (fuzzy; edits is their sum). ok is false when e does not
// answer the text at all.
func MatchEntity(text string, e Entity) (reason SearchReason, edits int, ok bool) {
	reason, edits, _, ok = matchEntity(text, e)
	return reason, edits, ok
}

// matchEntity is MatchEntity, also saying for a fuzzy match whether the
// text is that many edits from the whole name or an alias ("natp" for
// NATO), not only from some of their words ("natp" in "NATO Summit").
func matchEntity(text string, e Entity) (reason SearchReason, edits int, whole, ok bool) {
	words := SearchWords(text)
	if len(words) == 0 {
		return "", 0, false, false
	}
	k := strings.Join(words, " ")
	if schema.Key(e.Name) == k {
		return ReasonExact, 0, false, true
	}
	names := []string{schema.Key(e.Name)}
	for _, a := range e.Aliases {
		ak := schema.Key(a)
		if ak == k {
			return ReasonAlias, 0, false, true
		}
		names = append(names, ak)
	}
	var terms []string
	for _, n := range names {
		terms = append(terms, strings.Fields(n)...)
	}
	for _, w := range words {
		best := -1
		for _, t := range terms {
			if strings.HasPrefix(t, w) {
				best = 0
				break
			}
			limit := Typos(w)
			if limit == 0 {
				continue
			}
			if d := EditDistance(w, t, limit); d <= limit && (best < 0 || d < best) {
				best = d
			}
		}
		if best < 0 {
			return "", 0, false, false
		}
		edits += best
	}
	if edits == 0 {
		return ReasonPrefix, 0, false, true
	}
	for _, n := range names {
		if EditDistance(k, n, edits) <= edits {
			whole = true
			break
		}
	}
	return ReasonFuzzy, edits, whole, true
}

// RankedHit is a candidate a store found for a search, with the store's
// own relevance in [0,1) (higher better), before RankSearch orders it.
type RankedHit struct {
	Entity    Entity
	Relevance float64
}

// RankSearch orders what a store found for text — exact names, then exact
// aliases, then word prefixes, then typos (fewer edits first), each tier by
// the store's relevance, typos of a whole name or alias before typos of
// some of its words — drops candidates that do not answer the text
// (MatchEntity) and duplicates, and keeps limit. Scores fall in tiers:
// exact [3,4), alias [2,3), prefix [1,2), fuzzy with e edits
// [1/(e+1), 1/e), so that a higher score is always a better hit.
func RankSearch(text string, found []RankedHit, limit int) []SearchHit {
	hits := make([]SearchHit, 0, len(found))
	seen := make(map[string]bool, len(found))
	for _, f := range found {
		if seen[f.Entity.ID] {
			continue
		}
		seen[f.Entity.ID] = true
		reason, edits, whole, ok := matchEntity(text, f.Entity)
		if !ok {
			continue
		}
		r := min(max(f.Relevance, 0), 0.999999)
		var score float64
		switch reason {
		case ReasonExact:
			score = 3 + r
		case ReasonAlias:
			score = 2 + r
		case ReasonPrefix:
			score = 1 + r
		default:
			lo, hi := 1/float64(edits+1), 1/float64(edits)
			share := r / 2
			if whole {
				share += 0.5
			}
			score = lo + share*(hi-lo)
		}
		hits = append(hits, SearchHit{Entity: f.Entity, Score: score, Reason: reason})
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Entity.Name, b.Entity.Name), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}
