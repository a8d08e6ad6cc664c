package ingest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/diplograph/diplograph/store"
)

// Extensions lists the file extensions Read understands.
var Extensions = []string{".txt", ".md", ".html", ".htm", ".pdf"}

// MaxFileSize is the largest file Read accepts. Diplomatic texts are small;
// anything bigger is more likely a mistake than a document.
const MaxFileSize = 20 << 20

// Read turns a file's bytes into a document: clean UTF-8 text plus the
// metadata the file states (title, date, publisher, kind). The document's
// ID is the hash of the clean text. Errors name the file.
func Read(name string, data []byte) (store.Document, error) {
	doc, err := read(name, data)
	if err != nil {
		return store.Document{}, fmt.Errorf("read %s: %w", name, err)
	}
	return doc, nil
}

func read(name string, data []byte) (store.Document, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if len(data) > MaxFileSize {
		return store.Document{}, fmt.Errorf("file is %d bytes, over the %d-byte (%d MB) limit", len(data), MaxFileSize, MaxFileSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return store.Document{}, fmt.Errorf("file is empty")
	}
	var (
		r   extracted
		err error
	)
	switch ext {
	case ".txt":
		r, err = readText(data, false)
	case ".md":
		r, err = readText(data, true)
	case ".html", ".htm":
		r, err = readHTML(data)
	case ".pdf":
		r, err = readPDF(data)
	default:
		return store.Document{}, fmt.Errorf("unsupported file type %q (want one of %s)", ext, strings.Join(Extensions, ", "))
	}
	if err != nil {
		return store.Document{}, err
	}
	text := finishText(r.text)
	if text == "" {
		return store.Document{}, fmt.Errorf("no text found")
	}
	doc := store.Document{
		ID:       store.DocumentID(text),
		Filename: filepath.Base(name),
		Source:   name,
		Text:     text,
	}
	md := deriveMeta(text, r)
	doc.Title, doc.Date, doc.Publisher, doc.Kind = md.title, md.date, md.publisher, md.kind
	return doc, nil
}

// extracted is what a format reader hands back: text whose paragraphs are
// separated by blank lines, and the metadata the format itself carries.
type extracted struct {
	text      string
	title     string // a title the format marks as such (<title>, # heading)
	date      string // ISO date from format metadata
	publisher string
	paper     bool // the layout is a typeset paper (a PDF)
}

// checkText rejects data that is not text: invalid UTF-8, NUL bytes, or a
// high share of control characters.
func checkText(data []byte) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return fmt.Errorf("binary data (NUL bytes), not text")
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		return fmt.Errorf("not valid UTF-8 text (bad byte at offset %d)", i)
	}
	var ctl, n int
	for _, r := range string(data) {
		n++
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			ctl++
		}
	}
	// A stray bell or escape is dirt to clean; many are a binary file.
	if ctl >= 8 && ctl*10 > n {
		return fmt.Errorf("binary data (%d of %d characters are control characters), not text", ctl, n)
	}
	return nil
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// isControl reports control and format characters that have no place in
// clean text; tab and line feeds are layout, handled as whitespace.
func isControl(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\f', '\v':
		return false
	}
	return unicode.IsControl(r) || r == '\uFEFF' || r == '\uFFFD' || (unicode.Is(unicode.Cf, r) && r != '\u200D')
}

// finishText makes the final clean text: NFC, no control characters, spaces
// collapsed within lines, paragraphs separated by exactly one blank line,
// repeated paragraphs (duplicated captions, titles) kept once.
func finishText(s string) string {
	s = presentationForms.Replace(norm.NFC.String(s))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var paras []string
	for _, block := range splitBlocks(s) {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			// A repeated line is a duplicated caption or title.
			if l = cleanLine(l); l != "" && (len(lines) == 0 || lines[len(lines)-1] != l) {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		p := strings.Join(lines, "\n")
		if len(paras) > 0 && paras[len(paras)-1] == p {
			continue
		}
		paras = append(paras, p)
	}
	return strings.Join(paras, "\n\n")
}

// presentationForms spells out the ligature characters (U+FB00–FB06) that
// PDFs with a proper font mapping emit, so "ﬁrst" reads as "first".
var presentationForms = strings.NewReplacer("\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl", "\uFB05", "st", "\uFB06", "st")

// splitBlocks splits text at blank lines.
func splitBlocks(s string) []string {
	var out []string
	var cur []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, "\n"))
	}
	return out
}

// cleanLine drops control characters, turns every kind of space into a
// plain one and collapses runs of them.
func cleanLine(l string) string {
	var b strings.Builder
	space := true
	for _, r := range l {
		switch {
		case isControl(r):
			continue
		case unicode.IsSpace(r) || r == '\u200B':
			if !space {
				b.WriteByte(' ')
				space = true
			}
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return strings.TrimRight(b.String(), " ")
}
