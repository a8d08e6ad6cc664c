package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: diplograph ingest [--data DIR] [--neo4j URI] PATH...\n\nIngests files and folders (.txt .md .html .htm .pdf) into the graph.")
		fl.PrintDefaults()
	}
	var sf storeFlags
	sf.register(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return errors.New("ingest: no files or folders given")
	}
	st, desc, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stderr, "ingesting into %s\n", desc)

	sum, err := ingestPathsTo(ctx, st, fl.Args(), stdout, stderr)
	fmt.Fprintf(stderr, "%d added, %d unchanged, %d failed\n", sum.Added, sum.Unchanged, sum.Failed)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("ingest: %d of %d files failed", sum.Failed, sum.Added+sum.Unchanged+sum.Failed)
	}
	return nil
}
