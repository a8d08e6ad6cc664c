package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/graphio"
	"github.com/diplograph/diplograph/store/neo4j"
	"github.com/diplograph/diplograph/store/sqlite"
)

const exportUsage = `usage: diplograph export [--data DIR] [--neo4j URI] [--format jsonl|graphml|neo4j-csv] [--out FILE|DIR]

Writes the whole graph. jsonl (the default): one line per document with its
text, the entities it mentions and the facts it supports with their
evidence, then analysts' assertions and retractions; "diplograph import"
reads it back into an empty store and a second export is byte-identical.
graphml: entities and relations for Gephi or yEd. neo4j-csv: a folder (--out,
required) of CSV files with the headers "neo4j-admin database import full"
reads, and import.sh with the command. FILE "-" or none is stdout.`

const importUsage = `usage: diplograph import [--data DIR] [--neo4j URI] [--scale N] FILE|DIR...

Loads documents into the graph: ONTOLOGY JSON annotations (a folder of
*.json files, one *.json file, or JSON lines of them; each relation gets a
sentence written from it as its evidence, as the benchmark peer does) or an
export of diplograph export --format jsonl. Every input is read and checked
first; a bad line is reported as FILE:LINE and nothing is written. --scale N
loads N renamed copies (the rule of the benchmark peer's scale.py: copy k > 0
appends "#k" to ids and " #k" to names, aliases and document names).`

var errNotWritten = errors.New("nothing written")

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, exportUsage)
		fl.PrintDefaults()
	}
	var sf storeFlags
	sf.register(fl)
	format := fl.String("format", "jsonl", "jsonl, graphml or neo4j-csv")
	out := fl.String("out", "", "output file (jsonl, graphml; default stdout) or folder (neo4j-csv)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 0 {
		fl.Usage()
		return fmt.Errorf("export: unexpected arguments %q", fl.Args())
	}
	switch *format {
	case "jsonl", "graphml":
	case "neo4j-csv":
		if *out == "" || *out == "-" {
			return errors.New("export: --format neo4j-csv needs --out DIR")
		}
	default:
		return fmt.Errorf("export: unknown format %q (jsonl, graphml, neo4j-csv)", *format)
	}
	st, desc, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	g, err := graphio.Snapshot(ctx, st)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *format == "jsonl" {
		if lost := g.Unmentioned(); len(lost) > 0 {
			fmt.Fprintf(stderr, "export: warning: %d entities no document mentions are left out (first: %s)\n", len(lost), lost[0])
		}
	}
	if *format == "neo4j-csv" {
		if err := g.WriteNeo4jCSV(*out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	} else if err := writeTo(*out, stdout, func(w io.Writer) error {
		if *format == "graphml" {
			return g.WriteGraphML(w)
		}
		return g.WriteJSONL(w)
	}); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stderr, "exported %s from %s: %d documents, %d entities, %d relations in %v\n",
		*format, desc, len(g.Documents), len(g.Entities), len(g.Relations), time.Since(start).Round(time.Millisecond))
	return nil
}

// writeTo writes to path through a temporary file renamed into place, or
// to stdout for "" and "-".
func writeTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, importUsage)
		fl.PrintDefaults()
	}
	var sf storeFlags
	sf.register(fl)
	scale := fl.Int("scale", 1, fmt.Sprintf("renamed copies to load, 1..%d", graphio.MaxScale))
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return errors.New("import: no files given")
	}
	if *scale < 1 || *scale > graphio.MaxScale {
		return fmt.Errorf("import: --scale %d outside 1..%d", *scale, graphio.MaxScale)
	}
	st, desc, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	plan, err := graphio.Read(ctx, st, fl.Args(), graphio.Options{Scale: *scale})
	if err != nil {
		return fmt.Errorf("import: %w (%w)", err, errNotWritten)
	}
	fmt.Fprintf(stderr, "import: checked %d documents (%d entities, %d relations) in %v; writing into %s\n",
		len(plan.Batches), plan.Entities, plan.Relations, time.Since(start).Round(time.Millisecond), desc)
	sum, err := graphio.Apply(ctx, st, plan, graphio.ApplyOptions{Progress: stderr, SetNow: nowSetter(st)})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintf(stderr, "imported %d documents (%d unchanged): %d new entities, %d new relations, %d evidence, %d asserted, %d retracted in %v (%.0f documents/s)\n",
		sum.Documents, sum.Unchanged, sum.NewEntities, sum.NewRelations, sum.NewEvidence, sum.Asserted, sum.Retracted,
		sum.Elapsed.Round(time.Millisecond), float64(sum.Documents+sum.Unchanged)/sum.Elapsed.Seconds())
	return nil
}

// nowSetter lets an import stamp retractions with their exported times.
func nowSetter(st store.Store) func(time.Time) {
	var set func(func() time.Time)
	switch s := st.(type) {
	case *sqlite.DB:
		set = func(f func() time.Time) { s.Now = f }
	case *neo4j.Store:
		set = func(f func() time.Time) { s.Now = f }
	default:
		return nil
	}
	return func(t time.Time) {
		if t.IsZero() {
			set(time.Now)
			return
		}
		set(func() time.Time { return t })
	}
}
