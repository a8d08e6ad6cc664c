package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// docMeta is a document's derived metadata.
type docMeta struct {
	title, date, publisher, kind string
}

var monthNumber = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

const monthRe = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`

var (
	// "May 2, 2023", "MAY 2, 2023", "August 11-13, 2020"
	dateMDY = regexp.MustCompile(`(?i)\b` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?,?\s+(\d{4})\b`)
	// "18 March 2024", "5th of May 2019"
	dateDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\.?\s+(?:of\s+)?` + monthRe + `,?\s+(\d{4})\b`)
	// "2024-03-18", "2024-03-18T10:00:00Z"
	dateISO     = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:T|\b)`)
	yearPattern = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
)

// isoDate turns a date as written into YYYY-MM-DD, or "" if s holds none.
func isoDate(s string) string {
	d, _ := findDate(s)
	return d
}

// findDate finds the first full date in s and returns it as YYYY-MM-DD with
// its byte offset, or "" and -1.
func findDate(s string) (string, int) {
	best, at := "", -1
	try := func(y, m, d string, pos int) {
		if at >= 0 && pos >= at {
			return
		}
		if iso, ok := mkDate(y, m, d); ok {
			best, at = iso, pos
		}
	}
	for _, m := range dateMDY.FindAllStringSubmatchIndex(s, 3) {
		try(s[m[6]:m[7]], s[m[2]:m[3]], s[m[4]:m[5]], m[0])
	}
	for _, m := range dateDMY.FindAllStringSubmatchIndex(s, 3) {
		try(s[m[6]:m[7]], s[m[4]:m[5]], s[m[2]:m[3]], m[0])
	}
	for _, m := range dateISO.FindAllStringSubmatchIndex(s, 3) {
		try(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]], m[0])
	}
	return best, at
}

func mkDate(year, month, day string) (string, bool) {
	y, err := strconv.Atoi(year)
	if err != nil || y < 1800 || y > 2200 {
		return "", false
	}
	m, err := strconv.Atoi(month)
	if err != nil {
		m = monthNumber[strings.ToLower(strings.TrimSuffix(month, "."))]
	}
	d, err := strconv.Atoi(day)
	if err != nil || m < 1 || m > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false // 31 April
	}
	return t.Format("2006-01-02"), true
}

// metaTopParas is how far into a document its own date and kind cues are
// looked for.
const metaTopParas = 12

// attributionLine lines ("– Secretary Pompeo, October 25, 2019") quote an
// earlier date; their date is not the document's.
var attributionLine = regexp.MustCompile(`^\s*[–—-]\s*\S`)

var (
	newsDateline      = regexp.MustCompile(`^[\p{Lu}][\p{L}.,' ]{1,60}\((?:[A-Z][\w.&' -]{1,30})\)\s*[-–—:]?\s*`)
	agencyParen       = regexp.MustCompile(`\((Reuters|AP|AFP|dpa|UPI|Bloomberg|[A-Z][\w]*\.News|[A-Z][\w]*News)\)`)
	paperCue          = regexp.MustCompile(`(?im)^\s*(?:abstract|(?:I|1)\.?\s+introduction|introduction|references|bibliography|works\s+cited|keywords?:)\s*$`)
	publisherCue      = regexp.MustCompile(`(?i)^(?:office of the spokesperson|(?:press|media|public affairs|communications?)\s+(?:office|section|department|service)|office of the [\p{L} ]+|ministry of [\p{L} ]+|department of [\p{L} ]+|embassy of [\p{L} ]+)$`)
	officialCue       = regexp.MustCompile(`\b(?:Ministry|Ministries|Department of|Government|Embassy|Secretary|Minister|Spokesperson|Agency|Office of)\b`)
	officialPublisher = regexp.MustCompile(`(?i)\b(?:ministry|department|government|embassy|office|spokesperson|presidency|chancellery|mission to)\b`)
	saidCue           = regexp.MustCompile(`\b(?:said|told|according to|added|reported)\b`)
)

// deriveMeta finds title, date, publisher and kind from the clean text and
// what the format stated. General cues only: layout lines near the top
// ("MEDIA NOTE", a dateline, a date on its own line), the shape of papers,
// how news reports attribute speech.
func deriveMeta(text string, r extracted) docMeta {
	paras := strings.Split(text, "\n\n")
	top := make([]string, 0, metaTopParas)
	for _, p := range paras[:min(len(paras), metaTopParas)] {
		// Cues sit at the start of a paragraph; a huge one need not be
		// searched to its end.
		top = append(top, truncateRunes(p, 2000))
	}
	m := docMeta{title: cleanTitle(r.title), date: r.date, publisher: r.publisher}
	if m.title == "" {
		m.title = guessTitle(top)
	}
	// Publisher: an all-capital office line, or the agency of a dateline.
	for _, p := range top {
		l := strings.TrimSpace(p)
		if m.publisher == "" && publisherCue.MatchString(l) && utf8.RuneCountInString(l) < 80 {
			m.publisher = titleCase(l)
		}
	}
	paper := r.paper || paperCue.MatchString(strings.Join(top, "\n")) || hasReferences(paras)
	if m.date == "" {
		m.date = documentDate(top, paper)
	}
	if m.date == "" && paper {
		m.date = latestYear(text)
	}
	m.kind = documentKind(m.title, top, text, paper)
	if m.kind == "OTHER" && officialPublisher.MatchString(m.publisher) {
		// A government body publishing under its own name issues releases.
		m.kind = "PRESS_RELEASE"
	}
	if m.publisher == "" && m.kind == "NEWS" {
		for _, p := range top {
			if a := agencyParen.FindStringSubmatch(p); a != nil {
				m.publisher = a[1]
				break
			}
		}
	}
	return m
}

// publishedLabel opens a line that dates the document.
var publishedLabel = regexp.MustCompile(`(?i)^\W*(?:published|posted|issued|released|dated?|updated)\b\s*(?:on)?\s*:?`)

// documentDate is the first full date near the top, preferring a date that
// stands on its own line (a dateline) and skipping quoted attributions.
//
// A paper discusses dated events from its first page, so only a dateline
// counts for it.
func documentDate(top []string, paper bool) string {
	for i, p := range top {
		l := strings.TrimSpace(p)
		if attributionLine.MatchString(l) {
			continue // "– Minister Hof, 25 October 2019": a quotation's
		}
		if d, at := findDate(l); at >= 0 && utf8.RuneCountInString(l) <= 40 {
			return d
		}
		// "Rivia Institute, Policy Brief No. 12, January 2025": a line of
		// front matter after the title, a date closing it
		if d := frontMatterDate(l); i > 0 && d != "" {
			return d
		}
		// "Published: 15 April 2024" on its own line of a block of front
		// matter.
		for _, l := range strings.Split(p, "\n") {
			l = strings.TrimSpace(l)
			if !publishedLabel.MatchString(l) {
				continue
			}
			if d, at := findDate(l); at >= 0 && utf8.RuneCountInString(l) <= 60 {
				return d
			}
		}
	}
	if paper {
		return ""
	}
	for _, p := range top {
		if attributionLine.MatchString(p) {
			continue
		}
		if d, at := findDate(p); at >= 0 {
			return d
		}
	}
	return ""
}

// frontMatterDate is the date that closes a short line that is no
// sentence (a byline, a series line): a full date, or a month and year.
func frontMatterDate(l string) string {
	if utf8.RuneCountInString(l) > 120 || strings.HasSuffix(l, ".") {
		return ""
	}
	m := closingDate.FindStringSubmatch(l)
	if m == nil {
		return ""
	}
	if d, _ := findDate(m[1]); d != "" {
		return d
	}
	if ym := closingMonthYear.FindStringSubmatch(m[1]); ym != nil {
		if d, ok := mkDate(ym[2], ym[1], "1"); ok {
			return d[:7]
		}
	}
	return ""
}

var (
	// a date that ends a line after a separator: "…, January 2025",
	// "… | 12 March 2025"
	closingDate      = regexp.MustCompile(`[,|–—-]\s*((?:\d{1,2}\s+)?\S+\.?\s+(?:\d{1,2},?\s+)?\d{4})\s*$`)
	closingMonthYear = regexp.MustCompile(`(?i)^` + monthRe + `\s+(\d{4})$`)
)

// latestYear is the date of a paper with no full date: no work can cite
// what came after it, so the latest year it names is its own (or close).
func latestYear(text string) string {
	now := time.Now().Year()
	best := 0
	for _, y := range yearPattern.FindAllString(text, -1) {
		if n, _ := strconv.Atoi(y); n <= now && n > best {
			best = n
		}
	}
	if best == 0 {
		return ""
	}
	return strconv.Itoa(best)
}

// hasReferences reports a paper's apparatus: many footnote or reference
// entries citing years and sources.
func hasReferences(paras []string) bool {
	n := 0
	for _, p := range paras {
		if footnoteStart.MatchString(p) && (strings.Contains(p, "http") || yearPattern.MatchString(p)) {
			n++
		}
	}
	return n >= 3
}

// guessTitle is the first short line near the top that is neither a date,
// a section heading nor a kind label.
//
// The title precedes the body, so the search stops at the first paragraph
// of running text.
func guessTitle(top []string) string {
	for _, p := range top {
		l := strings.TrimSpace(p)
		if utf8.RuneCountInString(l) > 200 || strings.Count(l, ". ") >= 2 {
			return ""
		}
		if strings.Contains(l, "\n") || utf8.RuneCountInString(l) < 8 || strings.ContainsAny(l[:1], "\"'“‘«") {
			continue
		}
		if endsSentence(l) && !strings.HasSuffix(l, "?") {
			// A sentence is body text, not a headline.
			continue
		}
		if _, at := findDate(l); at >= 0 && utf8.RuneCountInString(l) < 40 {
			continue
		}
		if sectionHeading.MatchString(l) || kindLabel(l) != "" || publisherCue.MatchString(l) || newsDateline.MatchString(l) {
			continue
		}
		return cleanTitle(l)
	}
	return ""
}

func cleanTitle(s string) string {
	return strings.TrimSpace(strings.Join(strings.Fields(s), " "))
}

// kindLabel maps a label line ("MEDIA NOTE", "Press Release") to its kind.
func kindLabel(l string) string {
	switch strings.ToUpper(strings.Trim(strings.TrimSpace(l), ":*")) {
	case "MEDIA NOTE":
		return "MEDIA_NOTE"
	case "PRESS RELEASE", "PRESS STATEMENT", "NEWS RELEASE", "STATEMENT", "READOUT":
		return "PRESS_RELEASE"
	case "JOINT STATEMENT", "JOINT DECLARATION", "JOINT COMMUNIQUE", "JOINT COMMUNIQUÉ":
		return "JOINT_STATEMENT"
	}
	return ""
}

var jointTitle = regexp.MustCompile(`(?i)^joint\s+(?:statement|declaration|communiqu[eé]|press\s+statement)\b|released the following joint statement`)

// documentKind decides the document kind from its title and top lines.
func documentKind(title string, top []string, text string, paper bool) string {
	if paper {
		return "PAPER"
	}
	if jointTitle.MatchString(title) {
		return "JOINT_STATEMENT"
	}
	for _, p := range top {
		// The label may share its block with a date or an office line.
		for _, l := range strings.Split(p, "\n") {
			if k := kindLabel(l); k != "" {
				return k
			}
		}
	}
	for _, p := range top {
		if jointTitle.MatchString(strings.TrimSpace(p)) {
			return "JOINT_STATEMENT"
		}
		if newsDateline.MatchString(p) || agencyParen.MatchString(p) {
			return "NEWS"
		}
	}
	// News reports attribute what people said; releases speak for their
	// office.
	said := len(saidCue.FindAllString(text, -1))
	words := len(strings.Fields(text))
	if said >= 3 && said*150 >= words {
		return "NEWS"
	}
	if len(officialCue.FindAllString(strings.Join(top, " "), -1)) >= 2 {
		return "PRESS_RELEASE"
	}
	return "OTHER"
}

// truncateRunes cuts s to at most n bytes at a rune boundary.
func truncateRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// titleCase writes an all-capital label in title case ("MINISTRY OF TRADE
// OF RURITANIA" → "Ministry of Trade of Ruritania").
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	small := map[string]bool{"of": true, "the": true, "and": true, "for": true, "on": true, "in": true, "to": true}
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		if i > 0 && small[w] {
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(ws, " ")
}
