package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/store"
)

// sidecar is the metadata a folder ingest reads from NAME.meta.json beside
// a file (press.html.meta.json, or press.meta.json): what the publisher
// states about the document, which wins over what the reader finds.
type sidecar struct {
	Source    *string `json:"source"`    // the URL it was published at; versions share it
	Published string  `json:"published"` // YYYY, YYYY-MM or YYYY-MM-DD
	Publisher string  `json:"publisher"`
	Title     string  `json:"title"`
}

// sidecarPaths are where the sidecar of the file at path may be, in the
// order looked for.
func sidecarPaths(path string) []string {
	full := path + ".meta.json"
	stem := strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.json"
	if stem == full {
		return []string{full}
	}
	return []string{full, stem}
}

// readSidecar reads the sidecar of the file at path, if there is one. A
// sidecar that is not one JSON object of the known fields, or whose date
// or source is malformed, is an error naming it: the file is not ingested.
func readSidecar(path string) (sidecar, error) {
	var m sidecar
	for _, p := range sidecarPaths(path) {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return m, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&m); err != nil {
			return m, fmt.Errorf("sidecar %s: %w", p, err)
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return m, fmt.Errorf("sidecar %s: more than one JSON value", p)
		}
		if m.Published != "" && !graph.ValidDate(m.Published) {
			return m, fmt.Errorf("sidecar %s: published %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", p, m.Published)
		}
		// A source given is a URL, even an empty one: without one the
		// file's path is recorded as its origin (ingest.Read), but a
		// path or a name given as a source would never have versions.
		if m.Source != nil && !store.Versionable(*m.Source) {
			return m, fmt.Errorf("sidecar %s: source %q is not an absolute http(s) URL", p, *m.Source)
		}
		return m, nil
	}
	return m, nil
}

// apply sets on d what the sidecar states.
func (m sidecar) apply(d *store.Document) {
	if m.Source != nil {
		d.Source = *m.Source
	}
	if m.Published != "" {
		d.Date = m.Published
	}
	if m.Publisher != "" {
		d.Publisher = m.Publisher
	}
	if m.Title != "" {
		d.Title = m.Title
	}
}
