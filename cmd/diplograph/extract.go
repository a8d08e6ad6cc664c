package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/schema"
)

// runExtract prints what the pipeline finds in each file, one JSON
// Annotation per line with --json. A failing file is reported and skipped.
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one gold-format JSON annotation per line")
	verbose := fs.Bool("v", false, "name the rule that found each entity and relation, and each relation's sentence")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: diplograph extract [--json] [-v] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("extract: no files given")
	}
	p, err := ingest.New()
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		a, rules, err := extractFile(ctx, p, path)
		if err != nil {
			fmt.Fprintf(stderr, "extract: %v\n", err)
			failed++
			continue
		}
		if *asJSON {
			err = enc.Encode(a)
		} else {
			if !*verbose {
				rules = nil
			}
			err = summarize(stdout, a, rules)
		}
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d of %d files failed: %w", failed, fs.NArg(), errFailed)
	}
	return nil
}

// extractFile reads and extracts one file; rules names the rule that
// found each entity, by id.
func extractFile(ctx context.Context, p *ingest.Pipeline, path string) (a ingest.Annotation, rules map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error: %v", path, r)
		}
	}()
	data, err := os.ReadFile(path)
	if err != nil {
		return a, nil, err
	}
	doc, err := ingest.Read(path, data)
	if err != nil {
		return a, nil, err
	}
	b, rules, err := p.Explain(ctx, doc)
	if err != nil {
		return a, nil, err
	}
	return ingest.ToAnnotation(b), rules, nil
}

// summarize writes a readable account of one annotation: metadata, entities
// grouped by type, then relations with the names of their ends. With
// rules, each entity says the rule that found it and each relation its
// rules and sentence.
func summarize(w io.Writer, a ingest.Annotation, rules map[string]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s\n", a.Document)
	for _, f := range [][2]string{{"title", a.Title}, {"date", a.Date}, {"kind", a.Kind}} {
		if f[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
		}
	}
	byType := map[schema.EntityType][]ingest.AnnEntity{}
	name := map[string]string{}
	for _, e := range a.Entities {
		byType[e.Type] = append(byType[e.Type], e)
		name[e.ID] = e.Name
	}
	fmt.Fprintf(&b, "entities (%d):\n", len(a.Entities))
	for _, t := range schema.EntityTypes {
		if len(byType[t]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s (%d)\n", t, len(byType[t]))
		for _, e := range byType[t] {
			fmt.Fprintf(&b, "    %s", e.Name)
			var extra []string
			if e.Kind != "" {
				extra = append(extra, e.Kind)
			}
			if e.Date != "" {
				d := e.Date
				if e.EndDate != "" {
					d += "/" + e.EndDate
				}
				extra = append(extra, d)
			}
			if len(e.Aliases) > 0 {
				extra = append(extra, "aka "+strings.Join(e.Aliases, ", "))
			}
			if len(extra) > 0 {
				fmt.Fprintf(&b, " [%s]", strings.Join(extra, "; "))
			}
			if rule := rules[e.ID]; rule != "" {
				fmt.Fprintf(&b, " ← %s", rule)
			}
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "relations (%d):\n", len(a.Relations))
	for _, r := range a.Relations {
		fmt.Fprintf(&b, "  %s %s %s", orID(name, r.Subject), r.Predicate, orID(name, r.Object))
		if r.Title != "" {
			fmt.Fprintf(&b, " [title: %s]", r.Title)
		}
		if r.Since != "" {
			fmt.Fprintf(&b, " [since: %s]", r.Since)
		}
		b.WriteByte('\n')
		for _, ev := range r.Evidence {
			if rules != nil {
				fmt.Fprintf(&b, "      ← %s: %q\n", ev.Extractor, ev.Sentence)
			}
		}
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

func orID(name map[string]string, id string) string {
	if n, ok := name[id]; ok {
		return n
	}
	return id
}
