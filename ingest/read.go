package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/store"
)

// Extensions lists the file extensions Read understands.
var Extensions = []string{".txt", ".md", ".html", ".htm", ".pdf"}

// Read turns a file's bytes into a document: clean UTF-8 text plus the
// metadata the file states (title, date, publisher, kind). The document's
// ID is the hash of the clean text.
func Read(name string, data []byte) (store.Document, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if len(data) == 0 {
		return store.Document{}, fmt.Errorf("read %s: file is empty", name)
	}
	switch ext {
	case ".txt", ".md":
		if !utf8.Valid(data) {
			return store.Document{}, fmt.Errorf("read %s: not valid UTF-8 text", name)
		}
		text := string(data)
		return store.Document{ID: store.DocumentID(text), Filename: filepath.Base(name), Source: name, Text: text}, nil
	}
	return store.Document{}, fmt.Errorf("read %s: unsupported file type %q (want one of %s)", name, ext, strings.Join(Extensions, ", "))
}
