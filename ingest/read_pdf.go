package ingest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// maxPDFPages bounds the pages read from one PDF; a diplomatic text is a
// few pages, a report a few hundred.
const maxPDFPages = 500

// maxPDFInflated bounds what a PDF's Flate streams may expand to in all.
// A few kilobytes of deflated zeros make a gigabyte, and the PDF library
// inflates streams without a limit, so a PDF over it is refused before the
// library reads it. Text, fonts and CMaps of a few hundred pages stay far
// below; images are skipped (the library never inflates them).
const maxPDFInflated = 128 << 20

// readPDF extracts the text of each page, rebuilding lines from glyph
// positions, then rejoins wrapped lines into paragraphs, undoes hyphenation
// and repairs ligatures the font lost. The PDF library panics on some
// malformed input; that becomes an error.
func readPDF(data []byte) (r extracted, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = extracted{}, fmt.Errorf("malformed PDF: %v", p)
		}
	}()
	if err := checkInflated(data, maxPDFInflated); err != nil {
		return extracted{}, err
	}
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return extracted{}, fmt.Errorf("malformed PDF: %w", err)
	}
	n := rd.NumPage()
	if n == 0 {
		return extracted{}, fmt.Errorf("PDF has no pages")
	}
	if n > maxPDFPages {
		return extracted{}, fmt.Errorf("PDF has %d pages, over the limit of %d", n, maxPDFPages)
	}
	var pages [][]string
	title := ""
	for i := 1; i <= n; i++ {
		p := rd.Page(i)
		if p.V.IsNull() {
			continue
		}
		lines, sizes := pageLines(p.Content().Text, lineBreakGlyphs(p))
		if len(pages) == 0 {
			title = largestLines(lines, sizes)
		}
		pages = append(pages, lines)
	}
	pages = dropRunningLines(pages)
	var all []string
	for _, p := range pages {
		all = append(all, p...)
	}
	if len(all) == 0 {
		return extracted{}, fmt.Errorf("PDF has no extractable text (scanned images?)")
	}
	text := strings.ToValidUTF8(strings.Join(joinWrapped(all), "\n\n"), "")
	if !mostlyLetters(text) {
		return extracted{}, fmt.Errorf("PDF text is not readable (fonts without a Unicode mapping?)")
	}
	return extracted{text: repairLigatures(text), title: title}, nil
}

// checkInflated inflates every Flate stream of a PDF into nothing, counting
// bytes, and fails once the total passes limit: it finds streams by their
// keyword rather than through the PDF's cross-reference table, so object
// and cross-reference streams are counted too and a broken table hides
// nothing. Streams that do not inflate are left to the PDF library.
func checkInflated(data []byte, limit int64) error {
	var total int64
	for i := 0; i < len(data); {
		j := bytes.Index(data[i:], []byte("stream"))
		if j < 0 {
			return nil
		}
		kw := i + j
		i = kw + len("stream")
		if kw >= 3 && string(data[kw-3:kw]) == "end" {
			continue
		}
		// The keyword ends its line; the data starts on the next.
		body := i
		if body < len(data) && data[body] == '\r' {
			body++
		}
		if body >= len(data) || data[body] != '\n' {
			continue
		}
		body++
		// The stream's dictionary is what precedes the keyword in its
		// object; a bounded look back keeps the scan linear.
		dict := data[max(0, kw-4096):kw]
		if k := bytes.LastIndex(dict, []byte("obj")); k >= 0 {
			dict = dict[k:]
		}
		if !bytes.Contains(dict, []byte("FlateDecode")) || bytes.Contains(dict, []byte("/Image")) {
			continue
		}
		src := bytes.NewReader(data[body:])
		zr, err := zlib.NewReader(src)
		if err != nil {
			continue
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, limit-total+1))
		total += n
		if total > limit {
			return fmt.Errorf("PDF streams decompress to more than %d MB (a decompression bomb?)", limit>>20)
		}
		// Skip the compressed bytes: "stream" inside them is no keyword.
		i = body + int(src.Size()) - src.Len()
	}
	return nil
}

// lineBreakGlyphs decodes "\n" with each font of the page, keyed as
// pdf.Text names fonts (base font without its subset prefix), keeping the
// results that are not white space.
func lineBreakGlyphs(p pdf.Page) map[string]string {
	m := map[string]string{}
	for _, name := range p.Fonts() {
		f := p.Font(name)
		base := f.BaseFont()
		if i := strings.Index(base, "+"); i >= 0 {
			base = base[i+1:]
		}
		if s := f.Encoder().Decode("\n"); strings.TrimSpace(s) != "" {
			m[base] = s
		}
	}
	return m
}

// mostlyLetters reports whether at least half the visible characters of s
// are letters or digits, as in any prose.
func mostlyLetters(s string) bool {
	var letters, visible int
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letters++
			visible++
		case !unicode.IsSpace(r):
			visible++
		}
	}
	return letters*2 >= visible
}

// pageLines groups a page's glyphs into lines by baseline, top to bottom,
// and puts a space where the gap between glyphs is wider than a fraction of
// the font size.
//
// skip maps a font to the pseudo-glyph to drop: the library ends every TJ
// array with a "\n" run through the font's encoding, which a TeX font
// decodes as "Ω".
func pageLines(glyphs []pdf.Text, skip map[string]string) ([]string, []float64) {
	type line struct {
		y  float64
		gs []pdf.Text
	}
	var lines []*line
	for _, g := range glyphs {
		if g.S == "" || skip[g.Font] == g.S {
			continue
		}
		tol := math.Max(g.FontSize, 1) * 0.4
		var l *line
		// Most glyphs continue the line before them; look there first.
		for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
			if math.Abs(lines[i].y-g.Y) <= tol {
				l = lines[i]
				break
			}
		}
		if l == nil {
			l = &line{y: g.Y}
			lines = append(lines, l)
		}
		l.gs = append(l.gs, g)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y > lines[j].y })
	var (
		out   []string
		sizes []float64
	)
	for _, l := range lines {
		sort.SliceStable(l.gs, func(i, j int) bool { return l.gs[i].X < l.gs[j].X })
		size := 0.0
		var b strings.Builder
		end := math.Inf(-1)
		for _, g := range l.gs {
			size = math.Max(size, g.FontSize)
			size := math.Max(g.FontSize, 1)
			if b.Len() > 0 && g.X-end > size*0.12 && !strings.HasSuffix(b.String(), " ") && g.S != " " {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Map(func(r rune) rune {
				if r == '\n' || r == '\r' {
					return ' '
				}
				return r
			}, g.S))
			w := g.W
			if w <= 0 {
				// Fonts without widths (the standard 14): estimate.
				w = size * 0.5 * float64(len([]rune(g.S)))
			}
			end = g.X + w
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			out = append(out, s)
			sizes = append(sizes, size)
		}
	}
	return out, sizes
}

// largestLines is the title of a first page: the consecutive lines set
// in the largest type among its first lines, when that type is larger than
// the page's body text.
func largestLines(lines []string, sizes []float64) string {
	if len(lines) == 0 {
		return ""
	}
	body := slices.Clone(sizes)
	slices.Sort(body)
	median := body[len(body)/2]
	top := min(len(lines), 15)
	best := slices.Max(sizes[:top])
	if best < median*1.2 {
		return ""
	}
	var title []string
	for i := 0; i < top; i++ {
		if sizes[i] == best {
			title = append(title, lines[i])
		} else if len(title) > 0 {
			break
		}
	}
	return strings.Join(title, " ")
}

// dropRunningLines removes page headers, footers and page numbers: lines
// that recur at the top or bottom of most pages, and bare numbers there.
func dropRunningLines(pages [][]string) [][]string {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range edges(p) {
			k := strings.Trim(strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return '#'
				}
				return r
			}, l), " ")
			if !seen[k] {
				count[k]++
				seen[k] = true
			}
		}
	}
	out := make([][]string, len(pages))
	for i, p := range pages {
		for j, l := range p {
			edge := j < 2 || j >= len(p)-2
			k := strings.Trim(strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return '#'
				}
				return r
			}, l), " ")
			if edge && (isPageNumber(l) || len(pages) >= 3 && count[k]*2 > len(pages)) {
				continue
			}
			out[i] = append(out[i], l)
		}
	}
	return out
}

func edges(p []string) []string {
	if len(p) <= 4 {
		return p
	}
	return append(append([]string{}, p[:2]...), p[len(p)-2:]...)
}

func isPageNumber(l string) bool {
	l = strings.TrimSpace(strings.Trim(l, "-–— "))
	l = strings.TrimPrefix(strings.TrimPrefix(l, "Page "), "page ")
	if l == "" || len(l) > 12 {
		return false
	}
	for _, r := range l {
		if !(r >= '0' && r <= '9' || r == ' ' || r == '/' || strings.ContainsRune("of", r)) {
			return false
		}
	}
	return true
}
