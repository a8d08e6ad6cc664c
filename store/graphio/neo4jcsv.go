package graphio

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/schema"
)

// Neo4jImportCommand is how the files WriteNeo4jCSV writes go into a new
// database (run in the folder holding them). Text spans lines, hence
// --multiline-fields; arrays use the default delimiter ';'.
const Neo4jImportCommand = `neo4j-admin database import full --multiline-fields=true \
  --nodes=Entity=entities.csv --nodes=Document=documents.csv --nodes=Evidence=evidence.csv \
  --relationships=relations.csv --relationships=MENTIONS=mentions.csv --relationships=FOUND_IN=found_in.csv \
  neo4j`

// WriteNeo4jCSV writes g into dir as the CSV files, with headers, that
// `neo4j-admin database import full` reads (Neo4jImportCommand, also
// written to dir/import.sh), in the model store/neo4j keeps: (:Entity:Type)
// nodes with their alias keys and search text, typed relationships between
// them, (:Evidence) nodes -[:FOUND_IN]-> (:Document), and
// (:Document)-[:MENTIONS]->(:Entity). Every string is quoted, so an empty
// one stays a string (an unquoted empty field is a missing property).
// store/neo4j creates its constraints and indexes when it first opens the
// database. An alias holding ';' (the array delimiter) is an error.
func (g *Graph) WriteNeo4jCSV(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name   string
		header string
		rows   func(w *csvWriter) error
	}{
		{"entities.csv", "id:ID(Entity),:LABEL,type,name,key,kind,date,endDate,status,statusAsOf,aliases:string[],aliasKeys:string[],aliasText", func(w *csvWriter) error {
			for _, e := range g.Entities {
				keys := make([]string, len(e.Aliases))
				var text strings.Builder
				for i, a := range e.Aliases {
					if strings.Contains(a, ";") {
						return fmt.Errorf("entity %s: alias %q holds the array delimiter ';'", e.ID, a)
					}
					keys[i] = schema.Key(a)
					text.WriteString(keys[i] + "\n")
				}
				w.row(q(e.ID), q("Entity;"+string(e.Type)), q(string(e.Type)), q(e.Name), q(schema.Key(e.Name)), q(e.Kind),
					q(e.Date), q(e.EndDate), q(e.Status), q(e.StatusAsOf), q(strings.Join(e.Aliases, ";")), q(strings.Join(keys, ";")), q(text.String()))
			}
			return nil
		}},
		{"documents.csv", "id:ID(Document),filename,title,date,publisher,kind,source,text,ingestedAt:datetime", func(w *csvWriter) error {
			for _, d := range g.Documents {
				w.row(q(d.ID), q(d.Filename), q(d.Title), q(d.Date), q(d.Publisher), q(d.Kind), q(d.Source), q(d.Text),
					d.IngestedAt.UTC().Format(time.RFC3339Nano))
			}
			return nil
		}},
		{"evidence.csv", "id:ID(Evidence),relationId,documentId,sentence,start:long,end:long,extractor,confidence:double", func(w *csvWriter) error {
			for _, r := range g.Relations {
				for _, ev := range r.Evidence {
					doc := "" // unquoted: no property, as an analyst's evidence has
					if ev.DocumentID != "" {
						doc = q(ev.DocumentID)
					}
					w.row(q(ev.ID), q(r.ID), doc, q(ev.Sentence), strconv.Itoa(ev.Start), strconv.Itoa(ev.End), q(ev.Extractor), num(ev.Confidence))
				}
			}
			return nil
		}},
		{"relations.csv", ":START_ID(Entity),:END_ID(Entity),:TYPE,id,title,since,confidence:double,firstSeen,lastSeen,retractedReason,retractedAt:datetime,until,tense,tenseAsOf,withdrawnBy,withdrawnAt", func(w *csvWriter) error {
			for _, r := range g.Relations {
				reason, at := "", ""
				if r.Retracted != nil {
					reason, at = q(r.Retracted.Reason), r.Retracted.At.UTC().Format(time.RFC3339Nano)
				}
				wby, wat := "", "" // unquoted: no property, as on a fact that stands
				if r.Withdrawn != nil {
					wby, wat = q(r.Withdrawn.By), q(r.Withdrawn.At)
				}
				w.row(q(r.Subject), q(r.Object), q(string(r.Type)), q(r.ID), q(r.Title), q(r.Since), num(r.Confidence),
					q(r.FirstSeen), q(r.LastSeen), reason, at, q(r.Until), q(r.Tense), q(r.TenseAsOf), wby, wat)
			}
			return nil
		}},
		{"mentions.csv", ":START_ID(Document),:END_ID(Entity)", func(w *csvWriter) error {
			for _, d := range g.Documents {
				for _, e := range g.Mentions[d.ID] {
					w.row(q(d.ID), q(e))
				}
			}
			return nil
		}},
		{"found_in.csv", ":START_ID(Evidence),:END_ID(Document)", func(w *csvWriter) error {
			for _, r := range g.Relations {
				for _, ev := range r.Evidence {
					if ev.DocumentID != "" {
						w.row(q(ev.ID), q(ev.DocumentID))
					}
				}
			}
			return nil
		}},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		out, err := os.Create(path)
		if err != nil {
			return err
		}
		w := &csvWriter{bufio.NewWriterSize(out, 1<<16)}
		w.WriteString(f.header + "\n")
		err = f.rows(w)
		if err == nil {
			err = w.Flush()
		}
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	script := "#!/bin/sh\n# Loads these files into a new Neo4j database (stopped, or not yet created).\ncd \"$(dirname \"$0\")\" && " + Neo4jImportCommand + "\n"
	return os.WriteFile(filepath.Join(dir, "import.sh"), []byte(script), 0o755)
}

type csvWriter struct{ *bufio.Writer }

func (w *csvWriter) row(fields ...string) {
	w.WriteString(strings.Join(fields, ","))
	w.WriteByte('\n')
}

// q quotes a CSV field, doubling quotes inside.
func q(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
