package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readText reads plain text and Markdown. A .txt file that is Markdown in
// all but name (pages saved from the web often are) is read as Markdown.
func readText(data []byte, markdown bool) (extracted, error) {
	if err := checkText(data); err != nil {
		return extracted{}, err
	}
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var r extracted
	if markdown || looksLikeMarkdown(s) {
		s, r.title = stripMarkdown(s)
	} else {
		s = dropChrome(s)
	}
	r.text = repairText(s)
	return r, nil
}

// repairText undoes the damage of text converters: broken paragraphs,
// split words and lost ligatures.
func repairText(s string) string {
	return repairLigatures(unwrapParagraphs(dropAuthorBox(s)))
}

// authorBox opens the author profile that news aggregators append to each
// story ("About Jane Doe 10908 Articles").
var authorBox = regexp.MustCompile(`(?mi)^\s*about\s+(?:the\s+author\b.*|[\p{Lu}][\p{L}.'’ -]{1,60}\s+\d[\d,]*\s+(?:articles|posts|stories)\s*)$`)

// dropAuthorBox cuts an author profile and everything after it when it
// stands in the second half of the text.
func dropAuthorBox(s string) string {
	for _, loc := range authorBox.FindAllStringIndex(s, -1) {
		if loc[0]*2 >= len(s) {
			return s[:loc[0]]
		}
	}
	return s
}

var (
	mdHeading   = regexp.MustCompile(`^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdLink      = regexp.MustCompile(`\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"\n]*")?\)`)
	mdImage     = regexp.MustCompile(`!\[([^\]\n]*)\]\([^)\n]*\)`)
	mdRefLink   = regexp.MustCompile(`\[([^\]\n]+)\]\[[^\]\n]*\]`)
	mdRefDef    = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s+\S+`)
	mdRule      = regexp.MustCompile(`^ {0,3}([-*_])(?:\s*[-*_]){2,}\s*$`)
	mdSetext    = regexp.MustCompile(`^ {0,3}(=+|-+)\s*$`)
	mdBullet    = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+`)
	mdQuote     = regexp.MustCompile(`^\s*(?:>\s?)+`)
	mdEmphasis  = regexp.MustCompile(`(\*{1,3}|_{1,3})([^\s*_](?:[^*\n]*?[^\s*_])?)(\*{1,3}|_{1,3})`)
	mdCode      = regexp.MustCompile("`+([^`\n]*)`+")
	mdFence     = regexp.MustCompile("^\\s*(```|~~~)")
	mdAutolink  = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	htmlTag     = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--[\s\S]*?-->`)
	mdTableRule = regexp.MustCompile(`^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
)

// looksLikeMarkdown reports text with at least two kinds of Markdown syntax
// on lines of their own: headings, links, emphasis markers, rules.
func looksLikeMarkdown(s string) bool {
	kinds := 0
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^#{1,6} \S`),
		regexp.MustCompile(`\[[^\]\n]+\]\([^)\n]*\)`),
		regexp.MustCompile(`\*\*[^*\n]+\*\*`),
		regexp.MustCompile(`(?m)^(?:---|\*\*\*)\s*$`),
	} {
		if re.MatchString(s) {
			kinds++
		}
	}
	return kinds >= 2
}

// boilerplateHeading names sections of a web page that are not the
// document: what follows them up to the next heading of the same or a
// higher level goes.
var boilerplateHeading = regexp.MustCompile(`(?i)^(?:related(?:\s+(?:articles?|content|posts?|stories|news|links|topics))?|tags?|topics|share(?:\s+this(?:\s+\w+)?)?|more\s+(?:from|on|news|stories)\b.*|read\s+more|see\s+also|comments?|leave\s+a\s+(?:comment|reply)|subscribe.*|newsletter|follow\s+us.*|recent\s+posts|popular\s+posts|latest\s+news|you\s+may\s+also\s+like|about\s+the\s+author)\s*:?$`)

// chromeLine is a line of site furniture rather than text: link-only lines
// such as "READ MORE", share prompts, breadcrumb trails.
var chromeLine = regexp.MustCompile(`(?i)^(?:read\s+more|continue\s+reading|share(?:\s+this)?|print|email|tweet|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|main\s+page|home(?:\s*page)?)\s*[»›>→]?$`)

// stripMarkdown turns Markdown into plain paragraphs and returns the first
// heading as the title.
func stripMarkdown(s string) (string, string) {
	lines := strings.Split(s, "\n")
	var out []string
	title := ""
	skipLevel := 0 // inside a boilerplate section of this heading level
	fence := false
	lastBullet := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if mdFence.MatchString(l) {
			fence = !fence
			continue
		}
		if fence {
			if skipLevel == 0 {
				out = append(out, l)
			}
			continue
		}
		level, text := 0, ""
		if m := mdHeading.FindStringSubmatch(l); m != nil {
			level, text = len(m[1]), m[2]
		} else if i+1 < len(lines) && strings.TrimSpace(l) != "" && mdSetext.MatchString(lines[i+1]) && !mdBullet.MatchString(l) {
			level, text = 1, l
			if strings.Contains(lines[i+1], "-") {
				level = 2
			}
			i++
		}
		if level > 0 {
			text = strings.TrimSpace(inlineMarkdown(text))
			if skipLevel > 0 && level > skipLevel {
				continue
			}
			skipLevel = 0
			if boilerplateHeading.MatchString(text) {
				skipLevel = level
				continue
			}
			if title == "" && text != "" {
				title = text
			}
			out = append(out, "", text, "")
			continue
		}
		if skipLevel > 0 {
			continue
		}
		if mdRule.MatchString(l) || mdRefDef.MatchString(l) || mdTableRule.MatchString(l) {
			out = append(out, "")
			continue
		}
		if isBreadcrumb(l) {
			continue
		}
		l = mdQuote.ReplaceAllString(l, "")
		bullet := mdBullet.MatchString(l)
		l = mdBullet.ReplaceAllString(l, "")
		l = strings.TrimSpace(inlineMarkdown(l))
		// List items are entries of their own: "- A, Minister of X" then
		// "- B, Minister of Y" must not run on as one sentence.
		if bullet && lastBullet && len(out) > 0 && out[len(out)-1] != "" && !strings.ContainsAny(out[len(out)-1][len(out[len(out)-1])-1:], ".;:!?,") {
			out = append(out, "")
		}
		lastBullet = bullet
		if strings.HasPrefix(l, "|") && strings.HasSuffix(l, "|") {
			l = strings.TrimSpace(strings.ReplaceAll(strings.Trim(l, "|"), "|", " "))
		}
		if chromeLine.MatchString(l) || isIconLine(l) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n"), title
}

var mdUnescape = strings.NewReplacer(`\*`, "*", `\_`, "_", `\#`, "#", `\[`, "[", `\]`, "]", `\\`, `\`)

// inlineMarkdown drops inline syntax and keeps the words.
func inlineMarkdown(s string) string {
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	for range 2 { // nested emphasis: ***x*** or **_x_**
		s = mdEmphasis.ReplaceAllStringFunc(s, func(m string) string {
			sm := mdEmphasis.FindStringSubmatch(m)
			if sm[1] != sm[3] {
				return m
			}
			// snake_case_words are not emphasis.
			return sm[2]
		})
	}
	s = htmlTag.ReplaceAllString(s, "")
	s = mdUnescape.Replace(s)
	return s
}

// dropChrome removes lines of site furniture that a copy of a web page as
// plain text keeps: breadcrumbs, "Main Page", "Read more", icon banners.
//
// A section headed "Related news", "Tags" or the like lists other pages:
// its heading and the short lines under it go, up to the next paragraph
// of prose.
func dropChrome(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	skipping := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if skipping {
			if t == "" || utf8.RuneCountInString(t) < 120 {
				continue
			}
			skipping = false
		}
		if t != "" && boilerplateHeading.MatchString(t) {
			skipping = true
			continue
		}
		if t != "" && (chromeLine.MatchString(t) || isIconLine(t) || isBreadcrumb(t)) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// isBreadcrumb reports a navigation trail: "Home > News > Title", with at
// least two separators between short parts, or links joined by them.
func isBreadcrumb(l string) bool {
	l = strings.TrimSpace(l)
	for _, sep := range []string{" > ", " » ", " › ", " / ", " | "} {
		parts := strings.Split(l, sep)
		if len(parts) < 2 {
			continue
		}
		links := mdLink.FindAllStringIndex(l, -1)
		if len(parts) >= 3 || len(links) >= 1 && strings.HasPrefix(l, "[") {
			short := true
			for _, p := range parts {
				if utf8.RuneCountInString(inlineMarkdown(p)) > 80 {
					short = false
				}
			}
			if short && !endsSentence(l) {
				return true
			}
		}
	}
	return false
}

// isIconLine reports banner lines that open with a pictograph ("🕒 Live
// Now: …"), site notices rather than text.
func isIconLine(l string) bool {
	r, size := utf8.DecodeRuneInString(l)
	// Geometric shapes (●, ■, ▪) below U+2600 are list bullets.
	return size > 0 && r != utf8.RuneError && r >= 0x2600 && unicode.Is(unicode.So, r)
}
