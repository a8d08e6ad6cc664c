package graph

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Concurrency limits of the GraphQL endpoint.
type Concurrency struct {
	// MaxInFlight requests execute at once; more wait up to QueueWait,
	// then get 429. Default 64.
	MaxInFlight int
	// MaxPerClient requests of one client (API key, else address)
	// execute at once; more get 429 at once. Default 16.
	MaxPerClient int
	// MaxHeavy operations estimated at HeavyCost items or more execute at
	// once; more wait for a turn up to QueueWait, then fail SERVER_BUSY,
	// while light ones go on. Default 2.
	MaxHeavy  int
	HeavyCost int64         // default 10,000
	QueueWait time.Duration // default 2s
}

func (c *Concurrency) defaults() {
	if c.MaxInFlight <= 0 {
		c.MaxInFlight = 64
	}
	if c.MaxPerClient <= 0 {
		c.MaxPerClient = 16
	}
	if c.MaxHeavy <= 0 {
		c.MaxHeavy = 2
	}
	if c.HeavyCost <= 0 {
		c.HeavyCost = 10_000
	}
	if c.QueueWait <= 0 {
		c.QueueWait = 2 * time.Second
	}
}

// shedder bounds the requests executing at once, overall and per client,
// so that a flood of requests is refused in microseconds with 429 and
// Retry-After instead of queueing without end; /healthz and the pages are
// not behind it.
type shedder struct {
	c       Concurrency
	all     chan struct{}
	mu      sync.Mutex
	clients map[string]int
	onShed  func(reason string)
}

func newShedder(c Concurrency, onShed func(string)) *shedder {
	return &shedder{c: c, all: make(chan struct{}, c.MaxInFlight), clients: map[string]int{}, onShed: onShed}
}

func (s *shedder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		key := clientKey(r)
		if !s.enter(key) {
			s.refuse(w, "per-client", fmt.Sprintf("more than %d requests of this client at once", s.c.MaxPerClient))
			return
		}
		defer s.leave(key)
		t := time.NewTimer(s.c.QueueWait / 20)
		defer t.Stop()
		select {
		case s.all <- struct{}{}:
		case <-t.C:
			s.refuse(w, "overall", fmt.Sprintf("more than %d requests at once", s.c.MaxInFlight))
			return
		case <-r.Context().Done():
			return
		}
		defer func() { <-s.all }()
		next.ServeHTTP(w, r)
	})
}

func (s *shedder) enter(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clients[key] >= s.c.MaxPerClient {
		return false
	}
	s.clients[key]++
	return true
}

func (s *shedder) leave(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clients[key]--; s.clients[key] <= 0 {
		delete(s.clients, key)
	}
}

func (s *shedder) refuse(w http.ResponseWriter, reason, msg string) {
	s.onShed(reason)
	w.Header().Set("Retry-After", "1")
	writeError(w, http.StatusTooManyRequests, CodeBusy, "server busy: "+msg+"; retry after a second")
}

// clientKey tells clients apart: by the credential they send (hashed, so
// the key itself is not kept), else by address.
func clientKey(r *http.Request) string {
	if a := r.Header.Get("Authorization"); a != "" {
		h := sha256.Sum256([]byte(a))
		return string(h[:8])
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// heavyQueue lets at most c.MaxHeavy operations priced at c.HeavyCost or
// more run at once, so that expensive queries wait for each other rather
// than crowd out the memory and CPU of the light ones.
func heavyQueue(c Concurrency) graphql.OperationMiddleware {
	turns := make(chan struct{}, c.MaxHeavy)
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		rc := graphql.GetOperationContext(ctx)
		if rc.Operation == nil || rc.Operation.Operation != ast.Query || estimateOf(rc) < c.HeavyCost {
			return next(ctx)
		}
		t := time.NewTimer(c.QueueWait)
		defer t.Stop()
		select {
		case turns <- struct{}{}:
		case <-t.C:
			return failWith(CodeBusy, fmt.Sprintf("server busy: %d expensive queries are running; retry later or ask for less", c.MaxHeavy))
		case <-ctx.Done():
			return failWith(CodeTimeout, "the request ended while it waited for its turn")
		}
		h := next(ctx)
		// The operation runs while its responses are read: the turn is
		// given back after the last one.
		return func(ctx context.Context) *graphql.Response {
			resp := h(ctx)
			if resp == nil || resp.HasNext == nil || !*resp.HasNext {
				select {
				case <-turns:
				default:
				}
			}
			return resp
		}
	}
}

// estimateOf is the cost costLimit put on rc.
func estimateOf(rc *graphql.OperationContext) int64 {
	if m, ok := rc.Stats.GetExtension("CostLimit").(map[string]any); ok {
		n, _ := m["estimate"].(int64)
		return n
	}
	return 0
}

func failWith(code, msg string) graphql.ResponseHandler {
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": code}}}})
}
