package ingest

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/schema"
)

// token is a word, number or punctuation mark of the cleaned text, with its
// byte span. Recognizers work on tokens, evidence on sentence spans.
type token struct {
	Start, End int
	Text       string
	Key        string // folded for matching: lower case, no diacritics
	Cap        bool   // starts with an upper-case letter
	Upper      bool   // every letter upper case (acronyms, headlines)
	Word       bool   // letters or digits, not punctuation
	Sent       int    // index of the sentence holding it
	Ref        bool   // in a footnote or reference: cited, not stated
}

// sentence is a span of the text; Tok indexes its tokens [From,To).
type sentence struct {
	Start, End int
	From, To   int
	Para       int
}

// annotated is a document split into tokens and sentences. The pipeline
// segments itself rather than run prose's tagger: tagging every token is
// what makes prose slow, and the recognizers need only shape cues
// (capitals, punctuation, known words) that the tokens carry.
type annotated struct {
	Text  string
	Toks  []token
	Sents []sentence
}

// Annotate splits text into tokens and sentences.
func annotate(text string) *annotated {
	a := &annotated{Text: text}
	a.Toks = tokenize(text)
	a.markReferences()
	a.segment()
	return a
}

// markReferences flags the tokens of footnotes and references: blocks
// that start with a note number ("12 Opening of …") or hold a link. What
// they name is cited, not stated, so the recognizers skip them.
func (a *annotated) markReferences() {
	text := a.Text
	k := 0
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		block := strings.TrimSpace(text[start:end])
		ref := false
		{
			i := 0
			for i < len(block) && i < 3 && block[i] >= '0' && block[i] <= '9' {
				i++
			}
			if i > 0 && i+1 < len(block) && block[i] == ' ' {
				r, _ := utf8.DecodeRuneInString(block[i+1:])
				ref = unicode.IsUpper(r)
			}
			// "Writer: North America Division", "Hit: 2315", "© 2024 …":
			// a page's record of itself, not its content.
			ref = ref || pageLabel.MatchString(block) && !strings.Contains(block, "\n")
		}
		for k < len(a.Toks) && a.Toks[k].Start < end {
			if ref && a.Toks[k].Start >= start {
				a.Toks[k].Ref = true
			}
			k++
		}
		// A link inside a paragraph is skipped up to the next space.
		for off := start; !ref; {
			i := strings.Index(text[off:end], "http")
			if i < 0 {
				break
			}
			u := off + i
			e := u + strings.IndexAny(text[u:end]+" ", " \n\t")
			j := sort.Search(len(a.Toks), func(j int) bool { return a.Toks[j].Start >= u })
			for ; j < len(a.Toks) && a.Toks[j].Start < e; j++ {
				a.Toks[j].Ref = true
			}
			off = e
		}
		// "© 2025 Zenda Institute for Regional Studies." names the
		// page's owner, not what it reports: up to the end of the line.
		if c := strings.Index(text[start:end], "©"); c >= 0 && !ref {
			u := start + c
			e := u + strings.IndexByte(text[u:end]+"\n", '\n')
			j := sort.Search(len(a.Toks), func(j int) bool { return a.Toks[j].Start >= u })
			for ; j < len(a.Toks) && a.Toks[j].Start < e; j++ {
				a.Toks[j].Ref = true
			}
		}
		start = end + 2
	}
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

// tokenize cuts text into tokens. "U.S." and initials stay whole; "'s"
// is its own token so possessives can be seen; hyphens part words, as
// schema.Key does.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5)
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case strings.HasPrefix(text[i:], "H. E.") && !isWordRune(text, i+len("H. E.")):
			// "H. E. Ana Lima": "His/Her Excellency" spaced out is one
			// form of address, as "H.E." is, not two initials of a name
			toks = append(toks, mkToken(text, i, i+len("H. E.")))
			i += len("H. E.")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			// Dotted abbreviation: U.S., D.C., U.S.A., J.
			if unicode.IsUpper(r) {
				k := i
				dots := 0
				for {
					r1, n1 := utf8.DecodeRuneInString(text[k:])
					if !unicode.IsUpper(r1) || k+n1 >= len(text) || text[k+n1] != '.' {
						break
					}
					k += n1 + 1
					dots++
					if k < len(text) {
						if r2, _ := utf8.DecodeRuneInString(text[k:]); unicode.IsLetter(r2) && !unicode.IsUpper(r2) {
							k -= n1 + 1
							dots--
							break
						}
					}
				}
				// "U.S Assistant Secretary": the last period left out
				if r1, n1 := utf8.DecodeRuneInString(text[k:]); dots >= 1 && unicode.IsUpper(r1) && !isWordRune(text, k+n1) {
					k += n1
				}
				if dots >= 1 {
					j = k
				}
			}
			if j == i {
				for j < len(text) {
					r1, n1 := utf8.DecodeRuneInString(text[j:])
					if unicode.IsLetter(r1) || unicode.IsDigit(r1) || unicode.Is(unicode.Mn, r1) {
						j += n1
						continue
					}
					// Inner apostrophe not starting "'s": O'Brien, don't.
					if isApos(r1) && j+n1 < len(text) {
						r2, n2 := utf8.DecodeRuneInString(text[j+n1:])
						if unicode.IsLetter(r2) && !(r2 == 's' && !isWordRune(text, j+n1+n2)) {
							j += n1
							continue
						}
					}
					break
				}
			}
			toks = append(toks, mkToken(text, i, j))
			i = j
		case isApos(r) && i+n < len(text) && text[i+n] == 's' && !isWordRune(text, i+n+1):
			toks = append(toks, mkToken(text, i, i+n+1))
			i += n + 1
		default:
			toks = append(toks, mkToken(text, i, i+n))
			i += n
		}
	}
	return toks
}

func isWordRune(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func mkToken(text string, s, e int) token {
	t := token{Start: s, End: e, Text: text[s:e]}
	r, _ := utf8.DecodeRuneInString(t.Text)
	t.Word = unicode.IsLetter(r) || unicode.IsDigit(r)
	t.Cap = unicode.IsUpper(r)
	if t.Word {
		t.Upper = true
		letters := 0
		for _, c := range t.Text {
			if unicode.IsLetter(c) {
				letters++
				if !unicode.IsUpper(c) {
					t.Upper = false
					break
				}
			}
		}
		if letters == 0 {
			t.Upper = false
		}
		t.Key = foldWord(t.Text)
	} else {
		t.Key = t.Text
		if isApos(r) {
			t.Key = "'s"
		}
	}
	return t
}

// foldWord folds one token as schema.Normalize would, but keeps it
// non-empty for tokens made only of punctuation.
func foldWord(s string) string {
	k := schema.Normalize(s)
	if k == "" {
		return s
	}
	return k
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "col": true, "lt": true,
	"sgt": true, "amb": true, "prof": true, "sen": true, "rep": true, "gov": true, "no": true,
	"vs": true, "etc": true, "jr": true, "sr": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "fig": true, "vol": true, "pp": true, "ed": true, "eds": true,
	"smt": true, "hon": true,
}

// pageLabel opens a block of page metadata that names nothing the
// document reports.
var pageLabel = regexp.MustCompile(`(?i)^(?:(?:writer|author|authors|by|hits?|views?|source|photo|photos|credit|credits|category|categories|tags?|filed under|posted by)\s*:|©|\(c\)\s|copyright\b)`)

// labelLine opens a line of front matter: "Published: …", "Date: …".
var labelLine = regexp.MustCompile(`^\p{Lu}\p{Ll}+(?: \p{Ll}+)?:\s`)

// segment sets the sentences. A sentence ends at . ! ? followed by space
// and a capital, at a line that ends with such a mark, and at short lines
// (headings, bylines). Long lines without a final mark are hard wraps, as
// text from PDFs has them, and are joined.
func (a *annotated) segment() {
	text := a.Text
	toks := a.Toks
	start := 0 // first token of the current sentence
	para := 0
	flush := func(end int) {
		if end > start {
			a.Sents = append(a.Sents, sentence{Start: toks[start].Start, End: toks[end-1].End, From: start, To: end, Para: para})
			for k := start; k < end; k++ {
				toks[k].Sent = len(a.Sents) - 1
			}
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// Line breaks between this token and the next.
		var gap string
		if i+1 < len(toks) {
			gap = text[t.End:toks[i+1].Start]
		}
		nl := strings.Count(gap, "\n")
		terminal := t.Text == "." || t.Text == "!" || t.Text == "?"
		closing := t.Text == "”" || t.Text == "\"" || t.Text == ")" || t.Text == "’"
		if closing && i > 0 && (toks[i-1].Text == "." || toks[i-1].Text == "!" || toks[i-1].Text == "?") {
			terminal = true
		}
		if i+1 == len(toks) {
			flush(i + 1)
			break
		}
		next := toks[i+1]
		if nl > 0 {
			lineStart := strings.LastIndexByte(text[:t.End], '\n') + 1
			line := strings.TrimSpace(text[lineStart:t.End])
			short := utf8.RuneCountInString(line) < 60
			nextLineEnd := strings.IndexByte(text[next.Start:], '\n')
			nextLine := text[next.Start:]
			if nextLineEnd >= 0 {
				nextLine = text[next.Start : next.Start+nextLineEnd]
			}
			bullet := !next.Word && next.Text != "“" && next.Text != "\"" && next.Text != "("
			// The first line before a blank one is a title; a line that
			// opens with a label ("Published: 15 April 2024") is front
			// matter of its own.
			title := lineStart == 0 && nl > 1 && next.Cap
			// A line that ends in a word before a blank one is a heading:
			// prose runs on in the next line, not after a blank.
			title = title || nl > 1 && next.Cap && t.Word
			// "Jean-Noël Barrot, Minister …\nAnnalena Baerbock, Federal
			// Foreign Minister …": a block of signatures, one a line.
			signatures := t.Word && signatureLine.MatchString(line) && signatureLine.MatchString(strings.TrimSpace(nextLine))
			// "…Mike Pompeo\n2019-02-21": a line that is only a date is
			// front matter of its own, not the end of the headline
			dated := dateLine(nextLine)
			if terminal || short || bullet || title || signatures || dated || labelLine.MatchString(nextLine) || utf8.RuneCountInString(strings.TrimSpace(nextLine)) < 40 && nl > 1 && next.Cap {
				flush(i + 1)
				if nl > 1 || terminal {
					para++
				}
				continue
			}
			continue
		}
		if !terminal || gap == "" {
			// "democracy.1 The": a footnote number glued to the period.
			if t.Word && isDigits(t.Text) && i > 0 && toks[i-1].Text == "." && toks[i-1].End == t.Start && gap != "" && next.Cap {
				flush(i + 1)
			}
			continue
		}
		if !(next.Cap || next.Word && isDigits(next.Text) || next.Text == "“" || next.Text == "\"") {
			continue
		}
		if t.Text == "." && i > 0 {
			prev := toks[i-1]
			if prev.End == t.Start && (abbreviations[prev.Key] || len(prev.Text) == 1 && prev.Cap) {
				continue
			}
		}
		flush(i + 1)
	}
	if start < len(toks) {
		flush(len(toks))
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sentText returns the text of sentence i.
func (a *annotated) sentText(i int) string {
	s := a.Sents[i]
	return a.Text[s.Start:s.End]
}

// span returns the text of tokens [from,to).
func (a *annotated) span(from, to int) string {
	if from >= to {
		return ""
	}
	return a.Text[a.Toks[from].Start:a.Toks[to-1].End]
}

// signatureLine is a line that opens with a name and a comma before a
// post: "Radosław Sikorski, Minister of Foreign Affairs of Poland".
var signatureLine = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]+(?: (?:\p{Lu}[\p{L}'’.-]+|van|von|de|da|dos|bin|al)){1,4}, \p{Lu}`)

// dateLine reports a line that holds a date and little else ("2019-02-21",
// "Thursday, 13 June 2024").
func dateLine(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || utf8.RuneCountInString(line) > 40 {
		return false
	}
	d, at := findDate(line)
	return d != "" && at <= 12
}
