package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ligatures a text extractor drops when a font maps them to no Unicode
// character; longest first so "ffi" is tried before "fi".
var ligatures = []string{"ffi", "ffl", "ff", "fi", "fl"}

// urlLike spans web addresses, e-mail addresses and paths (any chunk
// with a slash), with a next line that is only the rest of a long address.
var urlLike = regexp.MustCompile(`(?m)\S*(?:https?://|www\.|@|/)\S*(?:\n\S+$)?`)

// letterRun finds runs of letters, the tokens ligature repair looks at.
var letterRun = regexp.MustCompile(`\pL+`)

// ligatureFix is one repair: text[start:end] becomes repl.
type ligatureFix struct {
	start, end int
	repl       string
}

// findLigatureFixes lists the repairs of lost ligatures in s. A token is
// repaired only when it is not a word and putting a ligature inside it, or
// between it and its neighbour across a single space, makes a word.
func findLigatureFixes(s string) (fixes []ligatureFix, tokens int) {
	locs := letterRun.FindAllStringIndex(s, -1)
	tokens = len(locs)
	// Addresses are not words: "u-s" in a URL must stay.
	urls := urlLike.FindAllStringIndex(s, -1)
	inURL := func(i int) bool {
		for len(urls) > 0 && urls[0][1] <= locs[i][0] {
			urls = urls[1:]
		}
		return len(urls) > 0 && urls[0][0] <= locs[i][0]
	}
	for i := 0; i < len(locs); i++ {
		if inURL(i) {
			continue
		}
		a := s[locs[i][0]:locs[i][1]]
		// Joined across one space with the next token.
		if i+1 < len(locs) && locs[i+1][0] == locs[i][1]+1 && s[locs[i][1]] == ' ' {
			b := s[locs[i+1][0]:locs[i+1][1]]
			if len(a)+len(b) <= 40 && damagedPair(a, b) {
				if w, ok := joinLigature(a, b); ok {
					fixes = append(fixes, ligatureFix{locs[i][0], locs[i+1][1], matchCase(a, w)})
					i++
					continue
				}
			}
		}
		// No English word is longer; a longer run is not a damaged word.
		if len(a) > 40 || isEnglishWord(a) || !isLowerCaseish(a) {
			continue
		}
		if w, ok := insertLigature(a); ok {
			fixes = append(fixes, ligatureFix{locs[i][0], locs[i][1], matchCase(a, w)})
		}
	}
	return fixes, tokens
}

// isLowerCaseish accepts lower-case tokens and capitalized ones (sentence
// starts); all-capital tokens are acronyms, not damaged words.
func isLowerCaseish(t string) bool {
	for i, r := range t {
		if i > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// damagedPair reports whether two tokens separated by a space look like one
// word broken by a lost ligature: one of them is no word, or an article "a"
// stands before a vowel (English would say "an").
func damagedPair(a, b string) bool {
	if !isLowerCaseish(a) || !isLowerCaseish(b) {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(b); unicode.IsUpper(first) {
		return false
	}
	if !isEnglishWord(a) || !isEnglishWord(b) {
		return true
	}
	return strings.EqualFold(a, "a") && strings.ContainsRune("aeio", rune(b[0]))
}

func joinLigature(a, b string) (string, bool) {
	for _, l := range ligatures {
		if w := strings.ToLower(a) + l + b; isLowerWord(w) {
			return w, true
		}
	}
	return "", false
}

func insertLigature(t string) (string, bool) {
	lower := strings.ToLower(t)
	for _, l := range ligatures {
		for i := 0; i <= len(lower); i++ {
			if i < len(lower) && !utf8.RuneStart(lower[i]) {
				continue
			}
			if w := lower[:i] + l + lower[i:]; isLowerWord(w) {
				return w, true
			}
		}
	}
	return "", false
}

// repairLigatures applies the ligature repairs when the text shows enough
// damage to be worth it; a clean text keeps its rare oddities.
func repairLigatures(s string) string {
	fixes, tokens := findLigatureFixes(s)
	if !ligatureDamaged(len(fixes), tokens) {
		return s
	}
	var b strings.Builder
	last := 0
	for _, f := range fixes {
		b.WriteString(s[last:f.start])
		b.WriteString(f.repl)
		last = f.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// ligatureDamaged is the damage score's threshold: at least three repairs
// and at least one per 300 tokens.
func ligatureDamaged(fixes, tokens int) bool {
	return fixes >= 3 && fixes*300 >= tokens
}

var (
	sectionHeading = regexp.MustCompile(`^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[A-Z]\.)\s+\p{Lu}`)
	footnoteStart  = regexp.MustCompile(`^\d{1,3}\s+\S`)
	bulletStart    = regexp.MustCompile(`^(?:[•●▪◦‣∙·–—-]|\*|\d{1,2}[.)])\s`)
)

// unwrapParagraphs rejoins paragraphs that a converter broke into lines.
// Text where nearly every line stands alone between blank lines (the
// output of some PDF-to-text tools) is treated as one stream of wrapped
// lines: footnote blocks leave the flow for the end, and lines join by
// width and continuation. Otherwise only a block that breaks off
// mid-sentence and continuesSentence in lower case is joined to the next.
func unwrapParagraphs(s string) string {
	blocks := splitBlocks(s)
	if doubleSpacedWrap(blocks) {
		var lines, notes []string
		for _, b := range blocks {
			b = strings.TrimSpace(b)
			if strings.Contains(b, "\n") && footnoteStart.MatchString(b) {
				// The note ends where an indented line resumes the body
				// text the note interrupted.
				note, rest := splitNote(b)
				notes = append(notes, note)
				lines = append(lines, rest...)
				continue
			}
			lines = append(lines, strings.Split(b, "\n")...)
		}
		out := joinWrapped(lines)
		return strings.Join(append(out, notes...), "\n\n")
	}
	var out []*paragraph
	for _, b := range blocks {
		b = joinBrokenLines(b)
		if n := len(out); n > 0 && continuesSentence(out[n-1].last(), b) {
			out[n-1].join(strings.TrimSpace(b))
			continue
		}
		out = append(out, newParagraph(b))
	}
	return strings.Join(paragraphStrings(out), "\n\n")
}

func splitNote(block string) (string, []string) {
	ls := strings.Split(block, "\n")
	for i := 1; i < len(ls); i++ {
		if strings.HasPrefix(ls[i], " ") || strings.HasPrefix(ls[i], "\t") {
			return strings.Join(ls[:i], "\n"), ls[i:]
		}
	}
	return block, nil
}

// joinBrokenLines joins the lines of a block where a line breaks off
// mid-sentence and the next carries on in lower case; other line breaks
// (list items, addresses, verse) stay.
func joinBrokenLines(block string) string {
	ls := strings.Split(block, "\n")
	out := []*paragraph{newParagraph(ls[0])}
	for _, l := range ls[1:] {
		prev := out[len(out)-1].last()
		if continuesSentence(prev, l) || strings.HasSuffix(strings.TrimSpace(prev), "-") && startsLowerCase(l) {
			out[len(out)-1].join(strings.TrimSpace(l))
			continue
		}
		out = append(out, newParagraph(l))
	}
	return strings.Join(paragraphStrings(out), "\n")
}

// doubleSpacedWrap reports whether most blocks are single lines and many
// of those stop mid-sentence: a paragraph's wrapped lines spaced apart.
func doubleSpacedWrap(blocks []string) bool {
	if len(blocks) < 8 {
		return false
	}
	var singles []string
	for _, b := range blocks {
		if b = strings.TrimSpace(b); !strings.Contains(b, "\n") {
			singles = append(singles, b)
		}
	}
	width := typicalWidth(singles)
	open := 0
	for _, b := range singles {
		// A wrapped line fills the width and stops mid-sentence; headings
		// and labels are short.
		if !endsSentence(b) && utf8.RuneCountInString(b)*10 >= width*7 {
			open++
		}
	}
	return len(singles)*10 >= len(blocks)*7 && open*5 >= len(singles)*2
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ")
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune("\"'”’)]", r) || unicode.IsDigit(r) })
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;", r)
}

func startsLowerCase(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsLower(r)
}

// continuesSentence reports whether next carries on the sentence prev broke off.
func continuesSentence(prev, next string) bool {
	return !endsSentence(prev) && startsLowerCase(next) && !bulletStart.MatchString(strings.TrimSpace(next))
}

// joinWrapped groups wrapped lines into paragraphs. A line as wide as the
// text's usual width was wrapped, so it joins the next unless the next
// opens a section or a list item; a narrower line ends its paragraph
// unless the next line carries on its sentence.
func joinWrapped(lines []string) []string {
	width := typicalWidth(lines)
	var out []*paragraph
	last := ""
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if len(out) == 0 {
			out, last = append(out, newParagraph(l)), l
			continue
		}
		wide := utf8.RuneCountInString(last)*10 >= width*7
		short := utf8.RuneCountInString(l)*10 < width*7
		heading := sectionHeading.MatchString(l) && (short || !endsSentence(l)) || bulletStart.MatchString(l) || isBullet(l)
		// A bullet alone on its line belongs to the item that follows.
		if isBullet(last) || (wide && !heading && !isHeadingLine(last, width)) || continuesSentence(last, l) || strings.HasSuffix(last, "-") && startsLowerCase(l) {
			out[len(out)-1].join(l)
		} else {
			out = append(out, newParagraph(l))
		}
		last = l
	}
	return paragraphStrings(out)
}

// isBullet reports a line that is only a list bullet.
func isBullet(l string) bool {
	r, size := utf8.DecodeRuneInString(l)
	return size == len(l) && strings.ContainsRune("•●▪◦‣∙·■□–-*", r)
}

// isHeadingLine reports a short numbered heading ("II. History") which a
// following line must not be glued to.
func isHeadingLine(l string, width int) bool {
	return sectionHeading.MatchString(l) && !endsSentence(l) && utf8.RuneCountInString(l)*10 < width*9
}

// typicalWidth is the 90th-percentile line length in runes: the wrap width.
func typicalWidth(lines []string) int {
	var ns []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimSpace(l)); n >= 20 {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return 80
	}
	slices.Sort(ns)
	return ns[len(ns)*9/10]
}

// joinPair joins a wrapped line to the next, removing a hyphen that only
// split a word across the break ("gov-\nernment") but keeping a real one
// ("U.S.-\nCzech", "well-\nknown" when "wellknown" is no word).
func joinPair(a, b string) string {
	a, sep := seam(a, b)
	return a + sep + strings.TrimLeft(b, " ")
}

// seam returns a, trimmed for joining to b, and what goes between them.
// It looks only at the end of a, so joining many lines stays linear.
func seam(a, b string) (string, string) {
	a = strings.TrimRight(a, " ")
	b = strings.TrimLeft(b, " ")
	if !strings.HasSuffix(a, "-") || strings.HasSuffix(a, " -") || strings.HasSuffix(a, "--") {
		return a, " "
	}
	if !startsLowerCase(b) {
		return a, ""
	}
	head := a[:len(a)-1]
	start := len(head)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(head[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= size
	}
	if tail := letterRun.FindString(b); head[start:] != "" && tail != "" && isLowerWord(head[start:]+tail) {
		return head, ""
	}
	return a, ""
}

// paragraph gathers joined lines without copying the whole paragraph at
// every join.
type paragraph struct{ parts []string }

func newParagraph(l string) *paragraph { return &paragraph{parts: []string{l}} }

func (p *paragraph) last() string { return p.parts[len(p.parts)-1] }

func (p *paragraph) join(l string) {
	n := len(p.parts)
	a, sep := seam(p.parts[n-1], l)
	p.parts[n-1] = a + sep
	p.parts = append(p.parts, strings.TrimLeft(l, " "))
}

func (p *paragraph) String() string { return strings.Join(p.parts, "") }

func paragraphStrings(ps []*paragraph) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}
