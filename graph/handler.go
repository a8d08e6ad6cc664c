package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/web"
)

// Options are the limits and wiring of the HTTP handler. Zero values take
// the defaults below.
type Options struct {
	Log          *slog.Logger
	MaxBodyBytes int64         // request body cap; default 1 MiB
	Timeout      time.Duration // per request; default 10s
	// MaxCost is the most items an operation's estimate (cost.go) may
	// reach; default 100,000.
	MaxCost  int64
	MaxDepth int // default 12
	// MaxRows is the most list items one request resolves; past it the
	// request ends with its data so far. Default 100,000.
	MaxRows int64
	// MaxResponseBytes caps an answer's data; default 16 MiB.
	MaxResponseBytes int
	Shape            ShapeLimits
	Concurrency      Concurrency
	LoaderWait       time.Duration // default loaders.DefaultWait
	APQCacheSize     int           // persisted queries kept; default 1000
	QueryCacheSize   int           // parsed queries kept; default 1000
	// CORSOrigins may call the API from a browser page on another origin;
	// "*" allows any. Empty: same origin only.
	CORSOrigins []string
	Metrics     *Metrics // default: new, served at /metrics
	// Extract enables ingestDocument and POST /ingest.
	Extract Extractor
	// MaxIngestBytes caps a file sent to POST /ingest; default 32 MiB.
	MaxIngestBytes int64
	// Audit serves the auditLog query; nil: there is no audit log.
	Audit AuditLog
	// Extensions are added to the gqlgen server after the built-in ones,
	// e.g. an access guard: graph stays free of who may do what.
	Extensions []graphql.HandlerExtension
	// NoPlans answers every query through gqlgen's executor, with no
	// compiled plans in front of it (plan.go).
	NoPlans bool
	// ResponseCache is how many query answers the response cache keeps
	// (respcache.go); 0, the default, turns it off.
	ResponseCache int

	// CacheScope names who asks, for the ETags of GET answers (etag.go):
	// answers that may differ between two callers must differ in it.
	// serve gives the caller's role; default: the credentials presented.
	CacheScope func(ctx context.Context, r *http.Request) string
	// Broker publishes this server's writes to subscriptions and GET
	// /events; default: a new one.
	Broker *Broker
	// Live are the limits of websockets and event streams (live.go).
	Live Live

	version *graphVersion  // made by NewHandler, moved by POST /ingest too
	cache   *responseCache // made by NewHandler
}

// ServeGCPercent is the collector's target while serving: diplograph serve
// sets it unless the operator sets GOGC, and BenchmarkOneHop runs with it.
// The server's live Go heap is small (a few MB: the store's pages live
// outside it), so at Go's default of 100 it collects every tenth of a
// second under load, and each cycle's marking and assists land on the
// requests in flight. At 400 the one-hop benchmark collected 17 times
// instead of 57 and spent 1% of its CPU on GC instead of 4%, for some
// 25 MB more heap. Since then the SQLite store keeps a copy of the graph
// in the heap (store/sqlite/memory.go: 25 MiB at 100 copies of the gold),
// which 400 multiplied into 196 MiB of anonymous memory; 200 leaves
// twice the live heap free for garbage (docs/PERFORMANCE.md, "Issue 13, third
// pass"). GOMEMLIMIT, when the operator sets it, still caps the heap.
const ServeGCPercent = 200

// Error codes in extensions.code.
const (
	CodeBadUserInput = "BAD_USER_INPUT"
	CodeNotFound     = "NOT_FOUND"
	CodeConflict     = "CONFLICT"
	CodeInternal     = "INTERNAL_SERVER_ERROR"
	CodeBadRequest   = "BAD_REQUEST"
	CodeTimeout      = "TIMEOUT"
	CodeDepthLimit   = "DEPTH_LIMIT_EXCEEDED"
	CodeCancelled    = "CANCELLED"
	CodeBusy         = "SERVER_BUSY"
)

func (o *Options) defaults() {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	o.Log = slog.New(rateLimit(o.Log.Handler(), 10, time.Second))
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.MaxCost <= 0 {
		o.MaxCost = 100_000
	}
	if o.MaxRows <= 0 {
		o.MaxRows = 100_000
	}
	if o.MaxResponseBytes <= 0 {
		o.MaxResponseBytes = 16 << 20
	}
	o.Shape.defaults()
	o.Concurrency.defaults()
	if o.MaxDepth <= 0 {
		o.MaxDepth = 12
	}
	if o.APQCacheSize <= 0 {
		o.APQCacheSize = 1000
	}
	if o.QueryCacheSize <= 0 {
		o.QueryCacheSize = 1000
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics()
	}
	if o.MaxIngestBytes <= 0 {
		o.MaxIngestBytes = 32 << 20
	}
	if o.Broker == nil {
		o.Broker = NewBroker(o.Live.SubscriberBuffer)
	}
	o.Live.defaults()
}

// NewHandler serves the graph in st over HTTP: GraphQL at /graphql (GET,
// POST, and subscriptions over a graphql-transport-ws websocket), the
// event stream at GET /events, the offline GraphiQL page at /, its assets under /graphiql/,
// /healthz (200 once the store is open, which it is by the time this
// handler exists), /readyz (the store answers a ping), /metrics
// (Prometheus) and POST /ingest (a raw file, when o.Extract is set). Every
// request is counted, timed and logged.
func NewHandler(st store.Store, o Options) http.Handler {
	o.defaults()
	o.version = &graphVersion{}
	o.cache = newResponseCache(o.ResponseCache, o.version)
	mux := http.NewServeMux()
	gql := loaders.Middleware(st, o.LoaderWait, NewGraphQLServer(st, o))
	shed := newShedder(o.Concurrency, o.Metrics.Shed)
	requests := shed.wrap(limit(o, gql))
	// A websocket outlives any request: it is not one of the requests in
	// flight, nor bound by their deadline, but by the live limits.
	live := newStreams(o.Live.MaxStreamsPerClient)
	mux.Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isWebSocket(r) {
			requests.ServeHTTP(w, r)
			return
		}
		done, ok := live.open(w, r)
		if !ok {
			return
		}
		defer done()
		gql.ServeHTTP(w, r)
	}))
	mux.Handle("GET /events", eventsHandler(o.Broker, o.Live, live))
	// Extraction of a long PDF takes longer than a query may.
	mux.Handle("POST /ingest", o.version.invalidating(timeout(max(o.Timeout, 2*time.Minute), ingestHandler(resolver(st, o), o.MaxIngestBytes))))

	assets, err := fs.Sub(web.FS, "graphiql")
	if err != nil {
		panic(fmt.Sprintf("web assets: %v", err)) // embedded at build time
	}
	mux.Handle("GET /graphiql/", http.StripPrefix("/graphiql/", http.FileServerFS(assets)))
	mux.Handle("/explore", web.Explorer())
	mux.Handle("/explore/", web.Explorer())
	mux.Handle("/dashboard", web.Dashboard())
	mux.Handle("/dashboard/", web.Dashboard())
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		// Everything the page loads comes from this server: analysts work on
		// closed networks, and a CDN would also see their queries' pages.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'")
		http.ServeFileFS(w, r, assets, "index.html")
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := st.Ping(ctx); err != nil {
			o.Log.Error("readyz: store ping failed", "err", err)
			writeError(w, http.StatusServiceUnavailable, CodeInternal, "store unreachable")
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		o.Metrics.Expose(w)
	})
	return observe(o, cors(o.CORSOrigins, mux), mux)
}

// observe counts, times and logs each request by the route it matched, so
// that label values stay few whatever paths clients try.
func observe(o Options, next http.Handler, mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		// The mux recorded the pattern it matched on r: matching again
		// would cost every request a second walk of the routes.
		route := r.Pattern
		switch {
		case route == "":
			route = "unmatched"
		case isWebSocket(r):
			// A socket's duration is its lifetime: counted apart, it
			// leaves the latency of /graphql requests as it was.
			route = "websocket"
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		o.Metrics.observe(route, sw.status, d)
		switch route {
		case "GET /healthz", "GET /readyz", "GET /metrics", "GET /graphiql/":
		default:
			o.Log.LogAttrs(r.Context(), slog.LevelInfo, "http", slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.Int("status", sw.status), slog.Duration("duration", d))
		}
	})
}

// cors lets pages from the allowed origins call the API and answers their
// preflight requests.
func cors(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	anyOrigin := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && (anyOrigin || slices.Contains(origins, origin)) {
			h := w.Header()
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Allow-Origin", origin)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// limit caps the body and the time of each GraphQL request; the body must
// arrive before the deadline too, so a client that sends it a byte at a
// time holds a request for no longer than a slow query may.
func limit(o Options, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(o.Timeout))
		if r.ContentLength > o.MaxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, CodeBadRequest,
				fmt.Sprintf("request body is %d bytes, more than the %d allowed", r.ContentLength, o.MaxBodyBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, o.MaxBodyBytes)
		timeout(o.Timeout, next).ServeHTTP(w, r)
	})
}

func timeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func resolver(st store.Store, o Options) *Resolver {
	return &Resolver{Store: st, Extract: o.Extract, Log: o.Log, Metrics: o.Metrics, Audit: o.Audit, Broker: o.Broker}
}

// writeError answers a request that never reached GraphQL in its shape.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{
		"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}

// NewGraphQLServer returns the gqlgen server over st with the error
// presenter, recover func, limits and persisted queries; it expects the
// request's loaders in the context (loaders.Middleware).
func NewGraphQLServer(st store.Store, o Options) *handler.Server {
	o.defaults()
	cfg := Config{Resolvers: resolver(st, o)}
	es := NewExecutableSchema(cfg)
	if !o.NoPlans && !slices.ContainsFunc(o.Extensions, intercepts) {
		es = newPlanned(es, o.QueryCacheSize)
	}
	srv := handler.New(es)
	srv.SetValidationRulesFn(validationRules)
	srv.SetParserTokenLimit(o.Shape.MaxTokens)
	if o.version == nil {
		o.version = &graphVersion{}
		o.cache = newResponseCache(o.ResponseCache, o.version)
	}
	scope := credentialScope
	if o.CacheScope != nil {
		scope = o.CacheScope
	}
	srv.AddTransport(newSocket(st, o))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(getQuery{version: o.version, scope: scope})
	srv.AddTransport(jsonPOST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](o.QueryCacheSize))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](o.APQCacheSize)})
	srv.Use(preflight{o.Shape})
	srv.Use(costLimit{max: o.MaxCost, maxDepth: o.MaxDepth})
	srv.AroundOperations(o.version.middleware)
	if o.cache != nil {
		// Outermost of the operation middlewares: a hit skips the heavy
		// queue and the budget as well as the resolvers.
		srv.AroundOperations(o.cache.middleware)
	}
	srv.AroundOperations(withBudget(o.MaxRows))
	srv.AroundOperations(heavyQueue(o.Concurrency))
	srv.AroundFields(enforce)
	srv.AroundResponses(capResponse(o.MaxResponseBytes))
	for _, ext := range o.Extensions {
		srv.Use(ext)
	}
	// A variable of the wrong type or enum value is the caller's input,
	// like a bad argument: gqlgen rejects it before any resolver runs and
	// calls it a validation failure, as it would a malformed query.
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp == nil {
			return resp
		}
		for _, e := range resp.Errors {
			if code, _ := e.Extensions["code"].(string); code == errcode.ValidationFailed &&
				len(e.Path) > 0 && e.Path[0] == ast.PathName("variable") {
				e.Extensions["code"] = CodeBadUserInput
			}
		}
		return resp
	})
	present := presenter(o.Log)
	srv.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		code, _ := e.Extensions["code"].(string)
		o.Metrics.GraphQLError(code)
		return e
	})
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		o.Log.Error("graphql: panic", "panic", v, "path", graphql.GetPath(ctx).String())
		return &gqlerror.Error{Message: "internal error", Extensions: map[string]any{"code": CodeInternal}}
	})
	return srv
}

// intercepts reports whether ext acts on fields, which the compiled plans
// would not run: a server with such an extension answers through the
// executor alone.
func intercepts(ext graphql.HandlerExtension) bool {
	_, field := ext.(graphql.FieldInterceptor)
	_, root := ext.(graphql.RootFieldInterceptor)
	return field || root
}

// presenter maps store error codes to extensions.code with the store's
// user-safe message, keeps gqlgen's own request errors (parse, validation,
// complexity, persisted queries) and hides everything else behind
// "internal error" after logging it.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var serr *store.Error
		switch {
		case errors.As(err, &serr):
			code := CodeInternal
			switch serr.Code {
			case store.EINVALID:
				code = CodeBadUserInput
			case store.ENOTFOUND:
				code = CodeNotFound
			case store.ECONFLICT:
				code = CodeConflict
			}
			if code == CodeInternal {
				log.Error("graphql: internal error", "err", err, "path", gerr.Path.String())
				gerr.Message = "internal error"
			} else {
				gerr.Message = serr.Message
			}
			setCode(gerr, code)
		case errors.Is(err, context.DeadlineExceeded):
			gerr.Message = "the request took too long; ask for fewer items or a narrower filter"
			gerr.Err = nil
			setCode(gerr, CodeTimeout)
		case errors.Is(err, context.Canceled):
			gerr.Message = "the request was cancelled: the client went away or the server is shutting down"
			gerr.Err = nil
			setCode(gerr, CodeCancelled)
		case gerr.Err == nil:
			// gqlgen's own errors about the request: safe to show as they are.
			if _, ok := gerr.Extensions["code"]; !ok {
				setCode(gerr, CodeBadRequest)
			}
		default:
			log.Error("graphql: internal error", "err", err, "path", gerr.Path.String())
			gerr.Message = "internal error"
			gerr.Err = nil
			setCode(gerr, CodeInternal)
		}
		return gerr
	}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}
