package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// maxHTMLDepth bounds element nesting. Real pages stay far below it; deeper
// input is an attack on the parser or a broken generator.
const maxHTMLDepth = 256

// readHTML reads a web page: the main content (an <article>, <main> or
// role=main, else the body) as paragraphs, without navigation, page
// furniture, scripts, forms and "related" or "share" widgets; metadata from
// <title> and <meta>.
//
// A page in a legacy encoding (windows-1250 is common in Central Europe) is
// decoded when the page declares it; undeclared non-UTF-8 is an error.
func readHTML(data []byte) (extracted, error) {
	if !utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		if _, name := charset.Lookup(declaredCharset(data)); name != "" && name != "utf-8" {
			e, _ := charset.Lookup(name)
			dec, err := e.NewDecoder().Bytes(data)
			if err != nil {
				return extracted{}, fmt.Errorf("decode %s: %w", name, err)
			}
			data = dec
		}
	}
	if err := checkText(data); err != nil {
		return extracted{}, err
	}
	if d := nestingDepth(data); d > maxHTMLDepth {
		return extracted{}, fmt.Errorf("HTML nested %d elements deep, over the limit of %d", d, maxHTMLDepth)
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return extracted{}, fmt.Errorf("parse HTML: %w", err)
	}
	var r extracted
	htmlMeta(root, &r)
	main := mainContent(root)
	if main == nil {
		return extracted{}, fmt.Errorf("HTML has no body")
	}
	w := htmlText{inArticle: main.DataAtom != atom.Body}
	w.walk(main, 0)
	r.text = repairText(w.String())
	// An article's own headline beats <title>, which often carries the
	// site's name; a bare body's first heading may be the site's banner.
	if h := firstHeading(main); h != "" && (w.inArticle || r.title == "") {
		r.title = h
	}
	return r, nil
}

// declaredCharset is the charset a page names in <meta charset> or
// <meta http-equiv="Content-Type">, looked for in its first 4 KB.
func declaredCharset(data []byte) string {
	head := strings.ToLower(string(data[:min(len(data), 4096)]))
	i := strings.Index(head, "charset=")
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(head[i+len("charset="):], `"' `)
	end := strings.IndexAny(v, `"' ;/>`)
	if end < 0 {
		return ""
	}
	return v[:end]
}

// nestingDepth measures how deep elements nest, with the tokenizer, before
// the parser sees the input.
func nestingDepth(data []byte) int {
	z := html.NewTokenizer(bytes.NewReader(data))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			// io.EOF or a tokenizer error: either way the parser takes over.
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement[atom.Lookup(name)] {
				continue
			}
			depth++
			deepest = max(deepest, depth)
		case html.EndTagToken:
			if depth > 0 {
				depth--
			}
		}
	}
}

// voidElement lists elements that never enclose others, and those whose end
// tag is optional and usually left out, so that a page of unclosed <p>s
// does not count as deep.
var voidElement = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true, atom.P: true, atom.Li: true,
	atom.Td: true, atom.Tr: true, atom.Th: true, atom.Option: true,
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// htmlMeta fills title, date and publisher from <title> and <meta>.
func htmlMeta(root *html.Node, r *extracted) {
	var title, ogTitle, date, site string
	var visit func(n *html.Node, depth int)
	visit = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if title == "" {
					title = strings.TrimSpace(nodeText(n))
				}
			case atom.Meta:
				key := strings.ToLower(htmlAttr(n, "property") + htmlAttr(n, "name") + htmlAttr(n, "itemprop"))
				val := strings.TrimSpace(htmlAttr(n, "content"))
				switch key {
				case "og:title":
					ogTitle = val
				case "og:site_name", "application-name", "publisher", "dc.publisher":
					if site == "" {
						site = val
					}
				case "article:published_time", "date", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "datepublished", "sailthru.date", "parsely-pub-date":
					if date == "" {
						date = isoDate(val)
					}
				}
			case atom.Time:
				if date == "" {
					date = isoDate(htmlAttr(n, "datetime"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, depth+1)
		}
	}
	visit(root, 0)
	r.title = ogTitle
	if r.title == "" {
		r.title = title
	}
	if site != "" && r.title != "" {
		// "Title | Site" and "Title - Site" carry the site in the title.
		for _, sep := range []string{" | ", " - ", " – ", " — "} {
			if t, ok := strings.CutSuffix(r.title, sep+site); ok {
				r.title = t
			}
		}
	}
	r.date, r.publisher = date, site
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node, int)
	visit = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, depth+1)
		}
	}
	visit(n, 0)
	return strings.Join(strings.Fields(b.String()), " ")
}

// mainContent picks the element holding the document: the <article> with
// the most text, else <main> or role=main, else <body>.
func mainContent(root *html.Node) *html.Node {
	var articles, mains []*html.Node
	var body *html.Node
	var visit func(*html.Node, int)
	visit = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Article:
				articles = append(articles, n)
			case n.DataAtom == atom.Main || htmlAttr(n, "role") == "main":
				mains = append(mains, n)
			case n.DataAtom == atom.Body:
				body = n
			}
			if dropped(n) && n.DataAtom != atom.Body {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, depth+1)
		}
	}
	visit(root, 0)
	best := func(ns []*html.Node) *html.Node {
		var b *html.Node
		bl := 0
		for _, n := range ns {
			w := htmlText{inArticle: true}
			w.walk(n, 0)
			if l := len(w.String()); l > bl {
				b, bl = n, l
			}
		}
		return b
	}
	if a := best(articles); a != nil {
		return a
	}
	if m := best(mains); m != nil {
		return m
	}
	return body
}

// furnitureWords mark class and id names of page parts that are not the
// document: navigation, sharing, related links, bylines, ads. Short words
// must be a whole part of the name ("ad", not "head"); long ones may be
// inside one ("jp-relatedposts", "sharedaddy").
var furnitureWords = map[string]bool{
	"nav": true, "navbar": true, "menu": true, "tag": true, "tags": true, "ad": true, "ads": true,
	"skip": true, "modal": true, "popup": true, "banner": true, "comment": true, "promo": true, "author": true,
}

var furnitureParts = []string{
	"navigation", "breadcrumb", "related", "share", "sharing", "social", "taglist", "byline",
	"comments", "newsletter", "subscribe", "advert", "cookie", "sidebar", "footer", "masthead",
}

// dropped reports elements whose content is never document text.
func dropped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Footer, atom.Aside, atom.Script, atom.Style, atom.Noscript,
		atom.Template, atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Input, atom.Iframe,
		atom.Svg, atom.Math, atom.Object, atom.Embed, atom.Canvas, atom.Dialog, atom.Menu, atom.Head:
		return true
	}
	if n.Type == html.CommentNode {
		return true
	}
	if htmlAttr(n, "hidden") != "" || strings.EqualFold(htmlAttr(n, "aria-hidden"), "true") {
		return true
	}
	switch strings.ToLower(htmlAttr(n, "role")) {
	case "navigation", "banner", "contentinfo", "complementary", "search", "dialog":
		return true
	}
	for _, name := range []string{htmlAttr(n, "class"), htmlAttr(n, "id")} {
		name = strings.ToLower(name)
		for _, w := range strings.FieldsFunc(name, func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || r == '\t'
		}) {
			if furnitureWords[w] {
				return true
			}
		}
		for _, p := range furnitureParts {
			if strings.Contains(name, p) {
				return true
			}
		}
	}
	return false
}

var blockElement = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tr: true, atom.Blockquote: true, atom.Pre: true, atom.Figure: true,
	atom.Figcaption: true, atom.Address: true, atom.Hr: true, atom.Body: true, atom.Center: true,
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// htmlText renders content as text, one block per paragraph.
type htmlText struct {
	b         strings.Builder
	skipLevel int // inside a boilerplate section opened by a heading of this level
	// inArticle keeps <header>: within an article it holds the headline,
	// within a page the site's banner.
	inArticle bool
}

func (w *htmlText) String() string { return w.b.String() }

func (w *htmlText) walk(n *html.Node, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		if w.skipLevel == 0 && strings.TrimSpace(n.Data) != "" {
			if isHTMLSpace(n.Data[0]) {
				w.b.WriteByte(' ')
			}
			w.b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			if isHTMLSpace(n.Data[len(n.Data)-1]) {
				w.b.WriteByte(' ')
			}
		} else if w.skipLevel == 0 && n.Data != "" {
			w.b.WriteByte(' ')
		}
		return
	case html.ElementNode:
		if dropped(n) || n.DataAtom == atom.Header && !w.inArticle {
			return
		}
		if lv := headingLevel(n.DataAtom); lv > 0 {
			text := nodeText(n)
			if w.skipLevel > 0 && lv > w.skipLevel {
				return
			}
			w.skipLevel = 0
			if boilerplateHeading.MatchString(text) {
				w.skipLevel = lv
				return
			}
		}
		if n.DataAtom == atom.Br {
			w.b.WriteByte('\n')
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && blockElement[n.DataAtom]
	if block {
		w.b.WriteString("\n\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if block {
		w.b.WriteString("\n\n")
	}
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

// firstHeading is the text of the first <h1> (else <h2>) in n.
func firstHeading(n *html.Node) string {
	for _, a := range []atom.Atom{atom.H1, atom.H2} {
		if h := findElement(n, a, 0); h != nil {
			if t := nodeText(h); t != "" {
				return t
			}
		}
	}
	return ""
}

func findElement(n *html.Node, a atom.Atom, depth int) *html.Node {
	if depth > maxHTMLDepth {
		return nil
	}
	if n.Type == html.ElementNode {
		if dropped(n) {
			return nil
		}
		if n.DataAtom == a {
			return n
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a, depth+1); f != nil {
			return f
		}
	}
	return nil
}
