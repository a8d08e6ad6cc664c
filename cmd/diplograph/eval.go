package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/ingest/eval"
)

// runEval extracts every document that has a gold annotation (or only the
// DOCS named) with the real pipeline and prints the score.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	goldDir := fs.String("gold", filepath.Join("corpus", "gold"), "directory of gold annotations (*.json)")
	corpus := fs.String("corpus", "", "directory of the documents (default: parent of the gold directory)")
	verbose := fs.Bool("v", false, "list misses and false positives per document")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: diplograph eval [--gold DIR] [--corpus DIR] [-v] [DOCS...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *corpus == "" {
		*corpus = filepath.Dir(filepath.Clean(*goldDir))
	}
	gold, err := eval.LoadGold(*goldDir)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	names := fs.Args()
	if len(names) == 0 {
		for n := range gold {
			names = append(names, n)
		}
	} else {
		for i, n := range names {
			// A path to the document is as good as its name.
			names[i] = filepath.Base(n)
			if _, ok := gold[names[i]]; !ok {
				return fmt.Errorf("eval: no gold annotation for %s in %s", n, *goldDir)
			}
		}
	}
	slices.Sort(names)

	p, err := ingest.New()
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	var (
		golds, preds []ingest.Annotation
		failed       int
	)
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		golds = append(golds, gold[n])
		path := filepath.Join(*corpus, n)
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "eval: %v\n", err)
			failed++
			continue
		}
		b, err := p.Process(ctx, path, data)
		if err != nil {
			fmt.Fprintf(stderr, "eval: %v\n", err)
			failed++
			continue
		}
		a := ingest.ToAnnotation(b)
		// Gold is keyed by file name; Process may record a path.
		a.Document = n
		preds = append(preds, a)
	}
	// Failed documents score as predicting nothing, so the figures stay
	// comparable between runs.
	if err := eval.Score(golds, preds).Write(stdout, *verbose); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("eval: %d of %d documents failed: %w", failed, len(names), errFailed)
	}
	return nil
}

var errFailed = errors.New("some files failed")
