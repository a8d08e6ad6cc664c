package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fuzzRead feeds arbitrary bytes to the reader of one extension: it must
// not panic, must name the file in any error, and must return clean text
// whenever it succeeds.
func fuzzRead(f *testing.F, ext string, seeds ...[]byte) {
	f.Helper()
	matches, _ := filepath.Glob(filepath.Join("testdata", "read", "*"+ext))
	for _, m := range matches {
		if data, err := os.ReadFile(m); err == nil {
			f.Add(data)
		}
	}
	for _, s := range seeds {
		f.Add(s)
	}
	name := "fuzz" + ext
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(name, data)
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("Read error %q does not name the file", err)
			}
			return
		}
		if doc.Text == "" || !utf8.ValidString(doc.Text) || !norm.NFC.IsNormalString(doc.Text) {
			t.Errorf("Read(%q) returned empty, invalid or unnormalized text %q", data, doc.Text)
		}
		for _, r := range doc.Text {
			if isControl(r) || r == '\t' || r == '\r' {
				t.Fatalf("Read(%q).Text has control character %U", data, r)
			}
		}
		if doc.ID == "" || doc.Filename != name {
			t.Errorf("Read(%q) = ID %q, Filename %q", data, doc.ID, doc.Filename)
		}
	})
}

func FuzzReadTxt(f *testing.F) {
	fuzzRead(f, ".txt",
		[]byte("o cially the rst\n\nde ned brie y"),
		[]byte("Title\n\nMAY 2, 2023\n\nBody gov-\nernment text"),
		[]byte("\xff\xfe"),
	)
}

func FuzzReadMarkdown(f *testing.F) {
	fuzzRead(f, ".md",
		[]byte("# T\n\n**MEDIA NOTE**\n\n[a](b) > [c](d)\n\n## Related\n\n- x"),
		[]byte("```\ncode\n```\n\n***x***_y_"),
	)
}

func FuzzReadHTML(f *testing.F) {
	fuzzRead(f, ".html",
		[]byte("<html><body><article><h1>T</h1><p>x</p></article></body></html>"),
		[]byte("<div><div><div><p>unclosed"),
		[]byte("<table><tr><td>a<td>b</table><script>x</script>"),
	)
}

func FuzzReadPDF(f *testing.F) {
	fuzzRead(f, ".pdf",
		makePDF([][]string{{"Title", "Body text of the page."}}),
		makePDF([][]string{{"a"}, {"b"}})[:200],
		[]byte("%PDF-1.4\n%%EOF"),
	)
}
