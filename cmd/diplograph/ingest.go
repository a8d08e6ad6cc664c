package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: diplograph ingest [--data DIR] [--neo4j URI] [--quiet] PATH...\n\nIngests files and folders (.txt .md .html .htm .pdf) into the graph: one\nline per document on stdout, progress on stderr. A document the graph\nholds already is left as it is, so ingesting a folder again changes\nnothing.")
		fl.PrintDefaults()
	}
	var sf storeFlags
	sf.register(fl)
	quiet := fl.Bool("quiet", false, "no progress on stderr (a bar on a terminal, else a line every 10 s)")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the ingest to `FILE` (for go tool pprof)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return errors.New("ingest: no files or folders given")
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	st, desc, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stderr, "ingesting into %s\n", desc)

	sum, err := ingestPathsTo(ctx, st, fl.Args(), stdout, stderr, func(total int) *progress {
		return newProgress(stderr, total, *quiet)
	})
	fmt.Fprintf(stderr, "%d added, %d unchanged, %d failed\n", sum.Added, sum.Unchanged, sum.Failed)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("ingest: %d of %d files failed", sum.Failed, sum.Added+sum.Unchanged+sum.Failed)
	}
	return nil
}
