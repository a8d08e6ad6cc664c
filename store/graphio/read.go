package graphio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// MaxLine is the longest JSON line (or *.json file) Read accepts by
// default: a document's text with its facts, with room to spare.
const MaxLine = 64 << 20

// MaxScale is the largest number of copies Read makes (as scale.py).
const MaxScale = 10000

// Options tune Read.
type Options struct {
	// Scale makes this many renamed copies of the input (0 or 1: one), by
	// the rule of the benchmark peer's scale.py: copy 0 keeps ids and
	// names, copy k > 0 appends " #k" to entity names, aliases and
	// document names, and "-k" to entity ids (scale.py's "#k", as a slug
	// has it). Copies go copy-major.
	Scale int
	// MaxLine overrides MaxLine.
	MaxLine int
}

// Plan is a checked import: what Apply writes, in order.
type Plan struct {
	Batches   []store.Batch
	Asserts   []store.Relation // each with its one analyst Evidence
	Retracts  []Retract
	where     []string // of each batch, for errors while writing
	Entities  int      // distinct entity ids over the batches
	Relations int      // distinct relation ids over the batches
}

// Retract is a retraction to replay, with its time.
type Retract struct {
	RelationID, Reason string
	At                 time.Time
}

// LineError is a bad line: its file, line number (1-based) and what is
// wrong with it.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// read is one parsed line with where it came from.
type read struct {
	file string
	line int
	key  string // scale.py's key for the document
	l    line
}

func (r read) where() string { return fmt.Sprintf("%s:%d", r.file, r.line) }

func (r read) errorf(format string, args ...any) error {
	return &LineError{File: r.file, Line: r.line, Err: fmt.Errorf(format, args...)}
}

// Read parses and checks the inputs — folders (their *.json files in name
// order), *.json files (one document each) and JSON-lines files (one
// document, assertion or retraction a line, or an export) — against the
// ontology and each other, and against st where a line refers to what the
// store already holds (st may be nil: then such references are errors).
// It writes nothing. The first bad line is a *LineError.
func Read(ctx context.Context, st store.Store, paths []string, opt Options) (*Plan, error) {
	if opt.Scale == 0 {
		opt.Scale = 1
	}
	if opt.Scale < 1 || opt.Scale > MaxScale {
		return nil, fmt.Errorf("scale %d outside 1..%d", opt.Scale, MaxScale)
	}
	if opt.MaxLine <= 0 {
		opt.MaxLine = MaxLine
	}
	var lines []read
	for _, p := range paths {
		got, err := readPath(p, opt.MaxLine)
		if err != nil {
			return nil, err
		}
		lines = append(lines, got...)
	}
	return plan(ctx, st, lines, opt.Scale)
}

func readPath(p string, maxLine int) ([]read, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, &LineError{File: p, Err: errors.Unwrap(err)}
	}
	if info.IsDir() {
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, &LineError{File: p, Err: err}
		}
		var out []read
		for _, e := range ents { // ReadDir sorts by name
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			got, err := readJSONFile(filepath.Join(p, e.Name()), maxLine)
			if err != nil {
				return nil, err
			}
			out = append(out, got...)
		}
		if len(out) == 0 {
			return nil, &LineError{File: p, Err: errors.New("no *.json files")}
		}
		return out, nil
	}
	if strings.HasSuffix(p, ".json") {
		return readJSONFile(p, maxLine)
	}
	return readJSONLines(p, maxLine)
}

// readJSONFile reads a file holding one document (pretty-printed, as the
// gold files are).
func readJSONFile(path string, maxLine int) ([]read, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &LineError{File: path, Err: errors.Unwrap(err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(maxLine)+1))
	if err != nil {
		return nil, &LineError{File: path, Err: err}
	}
	if len(data) > maxLine {
		return nil, &LineError{File: path, Err: fmt.Errorf("longer than %d bytes", maxLine)}
	}
	var l line
	if err := decode(data, &l); err != nil {
		return nil, &LineError{File: path, Line: lineOf(data, err), Err: err}
	}
	key := strings.TrimSuffix(filepath.Base(path), ".json")
	return []read{{file: path, line: 1, key: key, l: l}}, nil
}

// lineOf returns the line of data a JSON syntax or type error points at.
func lineOf(data []byte, err error) int {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return 1
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

func decode(data []byte, l *line) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return errors.New("not a JSON object")
	}
	d := json.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(l); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return errors.New("not JSON: truncated")
		}
		return fmt.Errorf("not JSON: %w", err)
	}
	if d.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// readJSONLines reads one JSON object a line, blank lines skipped, lines
// longer than maxLine refused without holding them in memory.
func readJSONLines(path string, maxLine int) ([]read, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &LineError{File: path, Err: errors.Unwrap(err)}
	}
	defer f.Close()
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	br := bufio.NewReaderSize(f, 1<<20)
	var out []read
	var head *header
	var end *trailer
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > maxLine+1 {
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return nil, &LineError{File: path, Line: n, Err: err}
		}
		if tooLong {
			return nil, &LineError{File: path, Line: n, Err: fmt.Errorf("line longer than %d bytes", maxLine)}
		}
		if len(bytes.TrimSpace(buf)) > 0 {
			r := read{file: path, line: n}
			if end != nil {
				return nil, r.errorf("line after the export's end line")
			}
			if err := decode(buf, &r.l); err != nil {
				return nil, r.errorf("%v", err)
			}
			switch {
			case r.l.Format != "":
				if len(out) > 0 || head != nil {
					return nil, r.errorf("export header after the first line")
				}
				if r.l.Format != "diplograph" || r.l.Version != FormatVersion {
					return nil, r.errorf("unknown export format %q version %d (this binary reads diplograph %d)", r.l.Format, r.l.Version, FormatVersion)
				}
				head = &header{r.l.Format, r.l.Version}
			case r.l.End != nil:
				if head == nil {
					return nil, r.errorf("end line without an export header")
				}
				end = r.l.End
				var d, a, x int
				for _, o := range out {
					switch {
					case o.l.Assert != nil:
						a++
					case o.l.Retract != nil:
						x++
					default:
						d++
					}
				}
				if d != end.Documents || a != end.Asserted || x != end.Retracted {
					return nil, r.errorf("export holds %d documents, %d assertions, %d retractions; its end line says %d, %d, %d",
						d, a, x, end.Documents, end.Asserted, end.Retracted)
				}
			default:
				r.key = r.l.File
				if r.key == "" {
					r.key = strings.TrimSuffix(r.l.Document, filepath.Ext(r.l.Document))
				}
				if r.key == "" {
					r.key = fmt.Sprintf("%s-%d", stem, n)
				}
				out = append(out, r)
			}
		}
		if err == io.EOF {
			break
		}
	}
	if head != nil && end == nil {
		return nil, &LineError{File: path, Err: errors.New("truncated: the export has no end line")}
	}
	if len(out) == 0 {
		return nil, &LineError{File: path, Err: errors.New("no documents")}
	}
	return out, nil
}

// copyOf returns copy k of a document line (scale.py's rule).
func copyOf(l line, k int) line {
	if k == 0 {
		return l
	}
	// "-k" is what the slug of a name ending " #k" ends with, so a copied
	// export's ids are those its names give (store.EntityID).
	ids, names := fmt.Sprintf("-%d", k), fmt.Sprintf(" #%d", k)
	c := l
	if c.Document != "" {
		c.Document += names
	}
	c.ID = "" // the text changes below, and with it the id
	if c.Text != nil {
		t := *c.Text + "\n" + names[1:]
		c.Text = &t // appended: evidence offsets still hold
	}
	c.Entities = make([]entity, len(l.Entities))
	for i, e := range l.Entities {
		e.ID += ids
		e.Name += names
		if len(e.Aliases) > 0 {
			as := make([]string, len(e.Aliases))
			for j, a := range e.Aliases {
				as[j] = a + names
			}
			e.Aliases = as
		}
		c.Entities[i] = e
	}
	c.Relations = make([]relation, len(l.Relations))
	for i, r := range l.Relations {
		r.ID = ""
		r.Subject += ids
		r.Object += ids
		c.Relations[i] = r
	}
	return c
}

// plan converts and checks every line.
func plan(ctx context.Context, st store.Store, lines []read, scale int) (*Plan, error) {
	p := &Plan{}
	type seen struct {
		where string
		e     store.Entity
	}
	entities := map[string]seen{}
	docs := map[string]string{} // id → where
	relations := map[string]bool{}
	var external []string // ids the import refers to but does not carry
	externalAt := map[string]read{}
	// An export made before slug ids names relations by ids computed from
	// the entity ids of then; retractions find them under their ids now.
	current := map[string]string{} // relation id in the file → id now

	for k := 0; k < scale; k++ {
		for _, r := range lines {
			if r.l.Assert != nil || r.l.Retract != nil {
				continue
			}
			r.l = copyOf(r.l, k)
			b, err := toBatch(r)
			if err != nil {
				return nil, err
			}
			if w, dup := docs[b.Document.ID]; dup {
				return nil, r.errorf("document %s (%q) already came from %s", b.Document.ID, b.Document.Filename, w)
			}
			docs[b.Document.ID] = r.where()
			inLine := map[string]bool{}
			for _, e := range b.Entities {
				inLine[e.ID] = true
				prev, ok := entities[e.ID]
				if !ok {
					entities[e.ID] = seen{r.where(), e}
					continue
				}
				// An export repeats each entity whole in every document
				// that mentions it; different content under one id is a
				// conflict. Annotations name entities anew in each file,
				// and those merge as documents do.
				if r.l.Text != nil && !reflect.DeepEqual(normEntity(prev.e), normEntity(e)) {
					return nil, r.errorf("entity %s differs from the one in %s", e.ID, prev.where)
				}
			}
			if k == 0 {
				for _, rel := range r.l.Relations {
					if rel.ID != "" {
						current[rel.ID] = store.RelationID(store.NormalizeID(rel.Subject), schema.RelationType(rel.Predicate), store.NormalizeID(rel.Object))
					}
				}
			}
			for _, rel := range b.Relations {
				relations[rel.ID] = true
				for _, end := range []string{rel.Subject, rel.Object} {
					if !inLine[end] {
						if _, ok := entities[end]; !ok {
							if _, ok := externalAt[end]; !ok {
								external = append(external, end)
								externalAt[end] = r
							}
						}
					}
				}
			}
			p.Batches = append(p.Batches, b)
			p.where = append(p.where, r.where())
		}
	}
	p.Entities, p.Relations = len(entities), len(relations)

	for _, r := range lines {
		switch {
		case r.l.Assert != nil:
			a := r.l.Assert
			rel := store.Relation{Type: schema.RelationType(a.Predicate), Subject: a.Subject, Object: a.Object,
				Evidence: []store.Evidence{{Sentence: a.Note, Confidence: a.Confidence, Extractor: store.AnalystExtractor}}}
			probe := rel
			probe.Evidence = slices.Clone(rel.Evidence)
			if _, err := store.PrepareAssertion(&probe); err != nil {
				return nil, r.errorf("%v", err)
			}
			for _, end := range []string{probe.Subject, probe.Object} { // as NormalizeID has them
				if _, ok := entities[end]; !ok {
					if _, ok := externalAt[end]; !ok {
						external = append(external, end)
						externalAt[end] = r
					}
				}
			}
			relations[probe.ID] = true
			if a.Relation != "" {
				current[a.Relation] = probe.ID
			}
			p.Asserts = append(p.Asserts, rel)
		case r.l.Retract != nil:
			x := r.l.Retract
			if strings.TrimSpace(x.Reason) == "" {
				return nil, r.errorf("retraction of %s without a reason", x.Relation)
			}
			at, err := time.Parse(timeLayout, x.At)
			if err != nil {
				return nil, r.errorf("retraction of %s: time %q: %v", x.Relation, x.At, err)
			}
			id := x.Relation
			if now, ok := current[id]; ok {
				id = now
			}
			if !relations[id] {
				if st == nil {
					return nil, r.errorf("retraction of relation %s, which the import does not carry", x.Relation)
				}
				rel, err := st.Relation(ctx, id)
				if err != nil {
					return nil, r.errorf("retraction of relation %s: neither the import nor the store holds it", x.Relation)
				}
				id = rel.ID // the store may know it under an id from before slugs
			}
			p.Retracts = append(p.Retracts, Retract{id, x.Reason, at.UTC()})
		}
	}

	if len(external) > 0 {
		var found []store.Entity
		if st != nil {
			var err error
			if found, err = st.EntitiesByID(ctx, external); err != nil {
				return nil, fmt.Errorf("look up entities the import refers to: %w", err)
			}
		}
		for i, id := range external {
			if st == nil || found[i].ID == "" {
				return nil, externalAt[id].errorf("relation to entity %q, which neither the import nor the store holds", id)
			}
		}
	}
	return p, nil
}

func normEntity(e store.Entity) store.Entity {
	e.Aliases = slices.Clone(e.Aliases)
	sort.Strings(e.Aliases)
	if len(e.Aliases) == 0 {
		e.Aliases = nil
	}
	return e
}

// toBatch converts a document line into a prepared batch. A line with
// "text" is an export's: ids, offsets and evidence are as the store had
// them. A line without is an annotation (the ONTOLOGY's gold format):
// entity ids are local to it, and the document's text is written from its
// facts, one sentence a relation, which is each relation's evidence.
func toBatch(r read) (store.Batch, error) {
	l := r.l
	if len(l.Entities) == 0 && len(l.Relations) == 0 && l.Text == nil {
		return store.Batch{}, r.errorf(`a document needs "entities" (or "text")`)
	}
	b := store.Batch{Document: store.Document{
		ID: l.ID, Filename: l.Document, Title: l.Title, Date: l.Date, Publisher: l.Publisher,
		Kind: l.Kind, Source: l.Source,
	}}
	if l.IngestedAt != "" {
		at, err := time.Parse(timeLayout, l.IngestedAt)
		if err != nil {
			return b, r.errorf("ingestedAt %q: %v", l.IngestedAt, err)
		}
		b.Document.IngestedAt = at.UTC()
	}
	own := l.Text != nil
	local := make(map[string]store.Entity, len(l.Entities))
	for _, e := range l.Entities {
		if e.ID == "" || e.Type == "" || strings.TrimSpace(e.Name) == "" {
			return b, r.errorf("entity without id, type or name: %+v", e)
		}
		if _, dup := local[e.ID]; dup {
			return b, r.errorf("entity id %q appears twice", e.ID)
		}
		se := store.Entity{Type: schema.EntityType(e.Type), Kind: e.Kind, Name: e.Name,
			Aliases: slices.Clone(e.Aliases), Date: e.Date, EndDate: e.EndDate, Status: e.Status, StatusAsOf: e.StatusAsOf}
		if !own && (se.Type != schema.Event || !schema.ValidStatus(se.Status)) {
			// An annotation's "status" is an event's, or a member of its
			// own that the import ignores.
			se.Status, se.StatusAsOf = "", ""
		}
		if own {
			se.ID = e.ID
		} else {
			se.ID = store.EntityID(se.Type, se.Name)
		}
		local[e.ID] = se
		b.Entities = append(b.Entities, se)
	}
	var text strings.Builder
	if !own {
		text.WriteString(cmp(l.Title, l.Document))
		text.WriteString("\n\n")
	}
	for _, rel := range l.Relations {
		sr := store.Relation{Type: schema.RelationType(rel.Predicate), Title: rel.Title, Since: rel.Since,
			FirstSeen: rel.FirstSeen, LastSeen: rel.LastSeen, Until: rel.Until, Tense: rel.Tense, TenseAsOf: rel.TenseAsOf}
		if own {
			sr.Subject, sr.Object = rel.Subject, rel.Object
			if len(rel.Evidence) == 0 {
				return b, r.errorf("relation %s %s %s without evidence", rel.Subject, rel.Predicate, rel.Object)
			}
			for _, ev := range rel.Evidence {
				sr.Evidence = append(sr.Evidence, store.Evidence{Sentence: ev.Sentence, Start: ev.Start, End: ev.End,
					Extractor: ev.Extractor, Confidence: ev.Confidence})
			}
		} else {
			s, sok := local[rel.Subject]
			o, ook := local[rel.Object]
			if !sok || !ook {
				missing := rel.Subject
				if sok {
					missing = rel.Object
				}
				return b, r.errorf("relation %s %s %s: no entity %q in this document", rel.Subject, rel.Predicate, rel.Object, missing)
			}
			sr.Subject, sr.Object = s.ID, o.ID
			// The peer's synthetic evidence, word for word (schema.sql).
			sentence := fmt.Sprintf("%s %s %s. (synthetic evidence)", s.Name,
				strings.ToLower(strings.ReplaceAll(rel.Predicate, "_", " ")), o.Name)
			start := text.Len()
			text.WriteString(sentence)
			sr.Evidence = []store.Evidence{{Sentence: sentence, Start: start, End: text.Len(), Extractor: "import", Confidence: 1}}
			text.WriteString("\n")
		}
		b.Relations = append(b.Relations, sr)
	}
	if own {
		b.Document.Text = *l.Text
	} else {
		b.Document.Text = text.String()
	}
	given := b.Document.ID
	if given != "" && given != store.DocumentID(b.Document.Text) {
		return b, r.errorf("document id %s is not the hash of its text (%s)", given, store.DocumentID(b.Document.Text))
	}
	if err := b.Prepare(); err != nil {
		return b, r.errorf("%v", err)
	}
	return b, nil
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
