package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/schema"
)

// snippetRunes is about how much text a snippet shows.
const snippetRunes = 200

// snippet returns the passage of text around the first word that one of
// query's words begins, folded as search folds them (schema.Key), cut at
// word boundaries and marked with "…" where it is cut; the start of the
// text when no word matches (the title did).
func snippet(text, query string) string {
	words := strings.Fields(schema.Key(query))
	at := -1
	for i := 0; i < len(text) && at < 0 && len(words) > 0; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			i += size
			continue
		}
		end := i
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !isWord(r) {
				break
			}
			end += size
		}
		k := schema.Key(text[i:end])
		for _, w := range words {
			if strings.HasPrefix(k, w) {
				at = i
				break
			}
		}
		i = end
	}
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
	return out
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
