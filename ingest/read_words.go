package ingest

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// words_en.txt is Debian's wamerican 2020.12.07-2 (SCOWL size 50, American
// English; /usr/share/dict/american-english) without the possessive "'s"
// forms, sorted. Licence: words_en.COPYRIGHT beside it.
//
//go:embed data/words_en.txt
var wordsEN string

var (
	wordsOnce sync.Once
	lowerWord map[string]bool // entries written in lower case
	properWrd map[string]bool // entries with a capital: names, as spelled
)

func loadWords() {
	lowerWord = make(map[string]bool, 70000)
	properWrd = make(map[string]bool, 12000)
	for _, w := range strings.Split(wordsEN, "\n") {
		if w = strings.TrimSpace(w); w == "" {
			continue
		}
		if strings.ToLower(w) == w {
			// Lost ligatures leave single letters behind ("e orts"); only
			// "a" and "i" are words on their own.
			if utf8.RuneCountInString(w) == 1 && w != "a" && w != "i" {
				continue
			}
			lowerWord[w] = true
		} else {
			properWrd[w] = true
		}
	}
}

// isEnglishWord reports whether token, as written, is an English word or name.
func isEnglishWord(token string) bool {
	wordsOnce.Do(loadWords)
	// The lower-case form also covers a common word at a sentence start.
	return lowerWord[strings.ToLower(token)] || properWrd[token]
}

// isLowerWord reports whether the lower-case form of token is a common word,
// the test a repaired ligature must pass.
func isLowerWord(token string) bool {
	wordsOnce.Do(loadWords)
	return lowerWord[strings.ToLower(token)]
}

// matchCase writes repl in the case pattern of orig: all capitals, a
// leading capital, or as is.
func matchCase(orig, repl string) string {
	upper, first := 0, false
	n := 0
	for i, r := range orig {
		if unicode.IsLetter(r) {
			n++
			if unicode.IsUpper(r) {
				upper++
				if i == 0 {
					first = true
				}
			}
		}
	}
	switch {
	case n > 1 && upper == n:
		return strings.ToUpper(repl)
	case first:
		r, size := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(r)) + repl[size:]
	}
	return repl
}
