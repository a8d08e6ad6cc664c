package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/ingest"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	corpus := fl.String("corpus", "./corpus", "folder ingested when the graph is empty")
	corsFlag := fl.String("cors", os.Getenv("DIPLOGRAPH_CORS"), "comma-separated origins whose pages may call the API (* for any); also DIPLOGRAPH_CORS")
	var sf storeFlags
	sf.register(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("serve: unexpected arguments %q", fl.Args())
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	st, desc, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	log.Info("store open", "store", desc)

	metrics := graph.NewMetrics()
	n, err := st.DocumentCount(ctx)
	if err != nil {
		return fmt.Errorf("serve: count documents: %w", err)
	}
	if n == 0 {
		if _, err := os.Stat(*corpus); err != nil {
			log.Warn("graph is empty and the corpus folder is missing; serving an empty graph", "corpus", *corpus)
		} else {
			log.Info("graph is empty: ingesting the corpus", "corpus", *corpus)
			sum, err := ingestPaths(ctx, st, []string{*corpus}, stderr)
			if err != nil {
				return fmt.Errorf("serve: ingest %s: %w", *corpus, err)
			}
			log.Info("corpus ingested", "added", sum.Added, "unchanged", sum.Unchanged, "failed", sum.Failed)
			metrics.Ingested("added", sum.Added)
			metrics.Ingested("unchanged", sum.Unchanged)
			metrics.Ingested("failed", sum.Failed)
		}
	}

	pipeline, err := ingest.New(ingest.WithKnown(st))
	if err != nil {
		return fmt.Errorf("serve: start ingest pipeline: %w", err)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler: graph.NewHandler(st, graph.Options{
			Log: log, Metrics: metrics, CORSOrigins: splitList(*corsFlag), Extract: pipeline.Process,
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      3 * time.Minute, // POST /ingest may extract for up to 2 minutes
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := "http://" + ln.Addr().String()
	log.Info("serving", "graphiql", url+"/", "graphql", url+"/graphql")

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// splitList splits a comma-separated flag, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
