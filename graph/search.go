package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// snippetRunes is about how much text a snippet shows.
const snippetRunes = 200

// snippet returns the passage of passage(text, query), without its
// highlights.
func snippet(text, query string) string {
	out, _ := passage(text, query)
	return out
}

// passage returns the passage of text that best answers query: around
// the first word matched in the sentence that holds the most of query's
// words (each word of the text folded as search folds it, schema.Key,
// and matched when one of query's words begins it), about snippetRunes
// long, cut at word boundaries and marked with "…" where it is cut, white
// space made single; the start of the text when no word matches (the
// title did). The highlights are the matched words in the passage, in
// runes.
func passage(text, query string) (string, []*model.TextRange) {
	words := store.SearchWords(query)
	at := bestMatch(text, words)
	if at < 0 {
		at = 0
	}
	// A third of the passage before the match, the rest after it.
	start := back(text, at, snippetRunes/3)
	end := forward(text, at, snippetRunes-utf8.RuneCountInString(text[start:at]))
	out := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	marks := []*model.TextRange{}
	eachWord(out, func(i, j, ri, rj int) bool {
		if matchesAny(out[i:j], words) {
			marks = append(marks, &model.TextRange{Start: ri, End: rj})
		}
		return true
	})
	return out, marks
}

// matchesAny reports whether one of words begins the key of w.
func matchesAny(w string, words []string) bool {
	k := schema.Key(w)
	for _, q := range words {
		if strings.HasPrefix(k, q) {
			return true
		}
	}
	return false
}

// bestMatch returns the byte offset of the first word matched in the
// sentence of text that matches the most distinct words, the earliest
// such sentence; -1 when none matches.
func bestMatch(text string, words []string) int {
	if len(words) == 0 {
		return -1
	}
	best, bestN := -1, 0
	first, matched := -1, map[string]bool{}
	endSentence := func() {
		if len(matched) > bestN {
			best, bestN = first, len(matched)
		}
		first, matched = -1, map[string]bool{}
	}
	prevEnd := 0
	eachWord(text, func(i, j, _, _ int) bool {
		// A sentence ends at . ! ? or a line break between two words.
		if gap := text[prevEnd:i]; strings.ContainsAny(gap, ".!?\n") {
			endSentence()
		}
		prevEnd = j
		k := schema.Key(text[i:j])
		for _, q := range words {
			if strings.HasPrefix(k, q) {
				if first < 0 {
					first = i
				}
				matched[q] = true
			}
		}
		return true
	})
	endSentence()
	return best
}

// eachWord calls fn with the byte and rune bounds of every word of s
// (letters and digits) until fn returns false.
func eachWord(s string, fn func(i, j, ri, rj int) bool) {
	ri := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWord(r) {
			i += size
			ri++
			continue
		}
		j, rj := i, ri
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWord(r) {
				break
			}
			j += size
			rj++
		}
		if !fn(i, j, ri, rj) {
			return
		}
		i, ri = j, rj
	}
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// back returns where a passage ending at byte at and about n runes long
// starts: at a word's start, or the text's.
func back(text string, at, n int) int {
	i := at
	for ; i > 0 && n > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
	}
	if i == 0 {
		return 0
	}
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsSpace(r) {
		return i
	}
	for i < at {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsSpace(r) {
			break
		}
	}
	return i
}

// forward returns where a passage starting at byte at and about n runes
// long ends: at a word's end, or the text's.
func forward(text string, at, n int) int {
	i := at
	for ; i < len(text) && n > 0; n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}
