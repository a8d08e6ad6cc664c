package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
)

// maxCachedAnswer is the largest answer the response cache keeps: a few
// large answers would otherwise crowd out many small ones.
const maxCachedAnswer = 1 << 20

// uncachedFields are root fields whose answers change without a write to
// the graph: the audit log grows with every refused request too.
var uncachedFields = map[string]bool{"auditLog": true}

// graphVersion counts this server's writes to the graph. It moves before
// and after every write (a mutation, POST /ingest), so an answer computed
// before a write is never taken for one computed after it: the response
// cache and the ETags of GET answers (etag.go) are keyed by it. Writes made
// by another process to the same store (the ingest or import commands)
// do not move it.
type graphVersion struct{ n atomic.Uint64 }

func (v *graphVersion) load() uint64 { return v.n.Load() }

// move moves the version on: every answer keyed by an older one is stale.
func (v *graphVersion) move() { v.n.Add(1) }

// middleware moves the version around every mutation.
func (v *graphVersion) middleware(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return next(ctx)
	}
	v.move()
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		defer v.move()
		return h(ctx)
	}
}

// invalidating moves the version before and after next serves a write.
func (v *graphVersion) invalidating(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v.move()
		defer v.move()
		next.ServeHTTP(w, r)
	})
}

// responseCache keeps the data of query answers, keyed by the query's
// text, operation name and variables, the caller's credentials and the
// graph's version (graphVersion), so it never serves an answer from
// before a write of this server; writes by another process are not seen,
// which is why the cache is off unless --response-cache asks for it.
type responseCache struct {
	version *graphVersion
	entries *lru.LRU[json.RawMessage]
	hits    atomic.Uint64
}

func newResponseCache(size int, v *graphVersion) *responseCache {
	if size <= 0 {
		return nil
	}
	return &responseCache{version: v, entries: lru.New[json.RawMessage](size)}
}

// key names an operation's answer at version v; ok is false for answers
// that must not be kept.
func (c *responseCache) key(oc *graphql.OperationContext, v uint64) (string, bool) {
	if oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return "", false
	}
	for _, sel := range oc.Operation.SelectionSet {
		if f, ok := sel.(*ast.Field); !ok || uncachedFields[f.Name] {
			return "", false // fragments at the root are rare: not worth looking into
		}
	}
	vars, err := json.Marshal(oc.Variables) // map keys sorted: one spelling per value
	if err != nil {
		return "", false
	}
	h := sha256.New()
	for _, part := range []string{oc.RawQuery, oc.OperationName, string(vars), oc.Headers.Get("Authorization")} {
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	return strconv.FormatUint(v, 10) + ":" + hex.EncodeToString(h.Sum(nil)), true
}

// middleware answers a query from the cache when it can and keeps
// answers without errors.
func (c *responseCache) middleware(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	// The version is read before the resolvers run: a write meanwhile
	// leaves this answer under a version no later request asks for.
	key, ok := c.key(oc, c.version.load())
	if !ok {
		return next(ctx)
	}
	if data, hit := c.entries.Get(ctx, key); hit {
		c.hits.Add(1)
		return func(context.Context) *graphql.Response { return &graphql.Response{Data: data} }
	}
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		if resp != nil && len(resp.Errors) == 0 && len(resp.Extensions) == 0 && len(resp.Data) <= maxCachedAnswer {
			c.entries.Add(ctx, key, resp.Data)
		}
		return resp
	}
}
