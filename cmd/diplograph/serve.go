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
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/gorilla/websocket"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/store"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	corpus := fl.String("corpus", "./corpus", "folder ingested when the graph is empty")
	corsFlag := fl.String("cors", os.Getenv("DIPLOGRAPH_CORS"), "comma-separated origins whose pages may call the API (* for any); also DIPLOGRAPH_CORS")
	insecure := fl.Bool("allow-insecure-bind", false, "serve a non-loopback address even without API keys (everyone is then an admin)")
	lim := registerLimits(fl)
	var sf storeFlags
	sf.register(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("serve: unexpected arguments %q", fl.Args())
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if err := lim.check(); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if pct, ok := tuneGC(); ok {
		log.Info("garbage collector target raised; set GOGC to choose another", "gogc", pct)
	}
	if limit, ok := lim.applyMemoryLimit(); ok {
		log.Info("soft memory limit set; the collector works harder near it", "memory_limit_bytes", limit)
	}

	// Access is settled before any work, so a refused address fails fast.
	keys, err := auth.Open(filepath.Join(sf.data, auth.FileName))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer keys.Close()
	keyed, err := keys.Configured(ctx)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := auth.CheckBind(*addr, keyed, *insecure); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if !keyed && *insecure {
		log.Warn(auth.StartMessage(*addr, keyed, *insecure), "keys", keys.Path())
	} else {
		log.Info(auth.StartMessage(*addr, keyed, *insecure), "keys", keys.Path())
	}

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

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	opts := lim.options()
	opts.Log, opts.Metrics, opts.CORSOrigins, opts.Extract = log, metrics, splitList(*corsFlag), lazyPipeline()
	opts.Extensions = []graphql.HandlerExtension{&auth.Guard{Audit: keys, Log: log}}
	opts.Audit = auditLog(keys)
	opts.Broker = graph.NewBroker(opts.Live.SubscriberBuffer)
	opts.Live.Auth = auth.Socket(keys)
	// Answers differ by role only (the guard refuses by role), so two
	// readers share the ETags of an answer.
	opts.CacheScope = func(ctx context.Context, _ *http.Request) string {
		p, _ := auth.From(ctx)
		return p.Role.String()
	}
	h := graph.NewHandler(st, opts)
	// Keys guard what reads or changes the graph; the pages, health checks
	// and metrics stay open.
	mux := http.NewServeMux()
	gql := auth.Middleware(keys, h)
	mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) {
		// A browser cannot set headers on a websocket: its key comes in
		// connection_init, which opts.Live.Auth checks by the same rules.
		if websocket.IsWebSocketUpgrade(r) {
			h.ServeHTTP(w, r)
			return
		}
		gql.ServeHTTP(w, r)
	})
	mux.Handle("GET /events", auth.Middleware(keys, auth.Need(auth.Reader, h)))
	mux.Handle("OPTIONS /graphql", h) // CORS preflights carry no credentials
	mux.Handle("POST /ingest", auth.Middleware(keys, auth.Need(auth.Ingester, auth.Audited(keys, "POST /ingest", h))))
	mux.Handle("/", h)
	// Every request's context descends from base: cancelling it stops the
	// resolvers of requests still running when shutdown's grace ends.
	base, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := &http.Server{
		Handler:           mux,
		BaseContext:       func(net.Listener) context.Context { return base },
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      3 * time.Minute, // POST /ingest may extract for up to 2 minutes
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Streams and sockets are meant to stay open: on shutdown they are
	// ended at once rather than waited for.
	srv.RegisterOnShutdown(opts.Broker.Close)
	url := "http://" + ln.Addr().String()
	log.Info("serving", "graphiql", url+"/", "graphql", url+"/graphql")

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	return shutdown(srv, errc, cancelRequests, lim.shutdownTimeout, log)
}

// shutdown stops accepting connections, lets requests in flight finish
// for up to grace, then cancels those still running (their resolvers stop
// at the next field or store call) and closes their connections. The
// caller closes the store after it returns: every write is a transaction
// of its own, so nothing is left half-written.
func shutdown(srv *http.Server, errc <-chan error, cancelRequests context.CancelFunc, grace time.Duration, log *slog.Logger) error {
	log.Info("shutting down: no new requests; waiting for those in flight", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		log.Warn("grace period over: cancelling the requests still running")
		cancelRequests()
		err = srv.Close()
	}
	if err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// tuneGC sets the collector's target for serving (graph.ServeGCPercent)
// when GOGC is not set and says whether it did.
func tuneGC() (int, bool) {
	if _, set := os.LookupEnv("GOGC"); set {
		return 0, false
	}
	debug.SetGCPercent(graph.ServeGCPercent)
	return graph.ServeGCPercent, true
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

// auditLog serves the keys' audit log to the auditLog query; the guard
// admits only admins to it, and the log checks again.
func auditLog(keys *auth.DB) graph.AuditLog {
	return func(ctx context.Context, q graph.AuditQuery) (graph.AuditPage, error) {
		f := auth.AuditFilter{KeyID: q.Key, Operation: q.Operation, Failed: q.Failed, Since: q.Since, Until: q.Until, First: q.First}
		if q.After > 0 {
			f.After = strconv.FormatInt(q.After, 10)
		}
		p, err := keys.Audit(ctx, f)
		if code := auth.Code(err); code != "" {
			return graph.AuditPage{}, &gqlerror.Error{Message: err.Error(), Extensions: map[string]any{"code": code}}
		}
		if err != nil {
			return graph.AuditPage{}, fmt.Errorf("read the audit log: %w", err)
		}
		out := graph.AuditPage{HasNext: p.HasNext}
		for _, e := range p.Items {
			entry := &model.AuditEntry{
				At: e.At.UTC().Format(time.RFC3339), Who: e.Who, Role: e.Role.String(), Operation: e.Operation,
				Variables: e.Variables, Result: e.Result, Ok: e.OK,
			}
			if e.KeyID != "" {
				entry.Key = &e.KeyID
			}
			out.Entries = append(out.Entries, entry)
			out.Cursors = append(out.Cursors, e.ID)
		}
		return out, nil
	}
}

// lazyPipeline extracts with an ingest pipeline built on the first
// document served: its tagger model and gazetteer are some 40 MB of live
// heap, which a server that only answers queries need not hold, and which
// serve's GC target (graph.ServeGCPercent) would multiply into 200 MB of
// resident memory.
func lazyPipeline() graph.Extractor {
	var (
		once sync.Once
		p    *ingest.Pipeline
		err  error
	)
	return func(ctx context.Context, name string, data []byte) (store.Batch, error) {
		once.Do(func() { p, err = ingest.New() })
		if err != nil {
			return store.Batch{}, fmt.Errorf("start ingest pipeline: %w", err)
		}
		return p.Process(ctx, name, data)
	}
}
