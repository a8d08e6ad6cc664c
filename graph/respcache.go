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

// responseCache keeps the data of query answers, keyed by the query's
// text, operation name and variables, the caller's credentials and the
// graph's version. The version moves before and after every write this
// server makes (a mutation, POST /ingest), so an answer computed before
// a write is never served after it; writes made by another process to
// the same store (the ingest or import commands) are not seen, which is
// why the cache is off unless --response-cache asks for it.
type responseCache struct {
	version atomic.Uint64
	entries *lru.LRU[json.RawMessage]
	hits    atomic.Uint64
}

func newResponseCache(size int) *responseCache {
	if size <= 0 {
		return nil
	}
	return &responseCache{entries: lru.New[json.RawMessage](size)}
}

// invalidate moves the graph's version on: every answer kept so far is
// stale. (The entries age out of the LRU; none can match again.)
func (c *responseCache) invalidate() {
	if c != nil {
		c.version.Add(1)
	}
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

// middleware answers a query from the cache when it can, keeps answers
// without errors, and moves the version around every mutation.
func (c *responseCache) middleware(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
		c.invalidate()
		h := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			defer c.invalidate()
			return h(ctx)
		}
	}
	// The version is read before the resolvers run: a write meanwhile
	// leaves this answer under a version no later request asks for.
	key, ok := c.key(oc, c.version.Load())
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

// invalidating moves the version before and after next serves a write.
func (c *responseCache) invalidating(next http.Handler) http.Handler {
	if c == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.invalidate()
		defer c.invalidate()
		next.ServeHTTP(w, r)
	})
}
