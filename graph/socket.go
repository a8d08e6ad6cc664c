package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/gorilla/websocket"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/store"
)

// subprotocol is the one websocket protocol served: graphql-transport-ws,
// as the graphql-ws library, Apollo and urql speak it
// (github.com/enisdenjo/graphql-ws, PROTOCOL.md).
const subprotocol = "graphql-transport-ws"

// Close codes of graphql-transport-ws, and the websocket ones used here.
const (
	closeBadRequest     = 4400
	closeUnauthorized   = 4401 // subscribe before connection_ack
	closeForbidden      = 4403
	closeNotAcceptable  = 4406
	closeInitTimeout    = 4408
	closeDuplicateID    = 4409
	closeTooManyInits   = 4429
	closePolicy         = websocket.ClosePolicyViolation // flooding
	closeGoingAway      = websocket.CloseGoingAway       // shutdown
	closeInternal       = 4500
	socketWriteDeadline = 10 * time.Second
)

// socket is a gqlgen transport for graphql-transport-ws. It is ours and
// not gqlgen's transport.Websocket because that one closes every refusal
// with 1000 or 1002 (a client cannot tell a bad key from a bug), has no
// hook to refuse a flooding client, and no cap on subscriptions: here a
// bad key closes with 4403, a socket silent past InitTimeout with 4408, a
// client sending faster than MaxMessageRate with 1008, and a subscribe
// past MaxSubscriptions gets an error while the socket stays. Operations
// run through gqlgen's executor like any request, so the access guard,
// the shape and cost limits and the error presenter apply to them.
type socket struct {
	lim      Live
	log      *slog.Logger
	broker   *Broker
	st       store.Store
	wait     time.Duration // the loaders' batch window
	upgrader websocket.Upgrader
}

var _ graphql.Transport = (*socket)(nil)

func newSocket(st store.Store, o Options) *socket {
	s := &socket{lim: o.Live, log: o.Log, broker: o.Broker, st: st, wait: o.LoaderWait}
	origins := o.CORSOrigins
	s.upgrader = websocket.Upgrader{
		Subprotocols: []string{subprotocol},
		// A page of this server or of an origin allowed by --cors; tools
		// that send no Origin (not browsers) are let in, as on /graphql.
		CheckOrigin: func(r *http.Request) bool {
			origin := r.Header.Get("Origin")
			if origin == "" || slices.Contains(origins, "*") || slices.Contains(origins, origin) {
				return true
			}
			u, err := url.Parse(origin)
			return err == nil && strings.EqualFold(u.Host, r.Host)
		},
	}
	return s
}

// isWebSocket reports whether r asks to become a websocket.
func isWebSocket(r *http.Request) bool { return websocket.IsWebSocketUpgrade(r) }

// Supports is true for websocket upgrades.
func (s *socket) Supports(r *http.Request) bool { return isWebSocket(r) }

// message is one graphql-transport-ws message, either way.
type message struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// conn is one websocket's state.
type conn struct {
	*socket
	ws   *websocket.Conn
	exec graphql.GraphExecutor
	ctx  context.Context // the operations' context, set by connection_init

	writeMu sync.Mutex
	mu      sync.Mutex
	active  map[string]context.CancelFunc
	acked   bool
	closed  bool
}

// Do upgrades the request and serves the socket until either side closes
// it or the server shuts down.
func (s *socket) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ws, err := s.upgrader.Upgrade(hijacker(w), r, nil)
	if err != nil {
		return // the upgrader has answered the request
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	c := &conn{socket: s, ws: ws, exec: exec, ctx: ctx, active: map[string]context.CancelFunc{}}
	defer c.close(websocket.CloseNormalClosure, "") // ends the operations
	if ws.Subprotocol() != subprotocol {
		c.close(closeNotAcceptable, "Subprotocol not acceptable: use "+subprotocol)
		return
	}
	ws.SetReadLimit(s.lim.MaxMessageBytes)
	go c.heartbeat(ctx)
	c.read(ctx)
	// Read on until the client answers the close frame (or close's
	// deadline passes): closing a connection with unread data in it
	// resets it, and the client would lose the close frame and its code.
	for {
		if _, _, err := ws.NextReader(); err != nil {
			break
		}
	}
	ws.Close()
}

// hijacker finds, beneath the handler's wrappers, the ResponseWriter that
// can hand its connection over: the upgrader asks w itself, and the
// wrappers that count and log requests do not hijack.
func hijacker(w http.ResponseWriter) http.ResponseWriter {
	for {
		if _, ok := w.(http.Hijacker); ok {
			return w
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return w
		}
		w = u.Unwrap()
	}
}

// read handles the client's messages in order, so that a subscription is
// in place before the next message (a ping, say) is answered.
func (c *conn) read(ctx context.Context) {
	_ = c.ws.SetReadDeadline(time.Now().Add(c.lim.InitTimeout))
	// A token bucket: MaxMessageRate a second, bursts of twice that.
	burst := float64(2 * c.lim.MaxMessageRate)
	tokens, last := burst, time.Now()
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			var ne interface{ Timeout() bool }
			if errors.As(err, &ne) && ne.Timeout() && !c.isAcked() {
				c.close(closeInitTimeout, "Connection initialisation timeout")
			}
			return // the client closed or went away; close() below is a no-op then
		}
		now := time.Now()
		tokens = min(burst, tokens+now.Sub(last).Seconds()*float64(c.lim.MaxMessageRate))
		last = now
		if tokens < 1 {
			c.close(closePolicy, fmt.Sprintf("too many messages: at most %d a second", c.lim.MaxMessageRate))
			return
		}
		tokens--
		var m message
		if err := json.Unmarshal(data, &m); err != nil || m.Type == "" {
			c.close(closeBadRequest, "Invalid message received: want a JSON object with a type")
			return
		}
		if !c.handle(ctx, m) {
			return
		}
	}
}

// handle acts on one message and reports whether the socket stays open.
func (c *conn) handle(ctx context.Context, m message) bool {
	switch m.Type {
	case "connection_init":
		if c.isAcked() {
			c.close(closeTooManyInits, "Too many initialisation requests")
			return false
		}
		var payload map[string]any
		if len(m.Payload) > 0 && !bytes.Equal(m.Payload, []byte("null")) {
			if err := json.Unmarshal(m.Payload, &payload); err != nil {
				c.close(closeBadRequest, "Invalid message received: connection_init payload is not a JSON object")
				return false
			}
		}
		opCtx := ctx
		if c.lim.Auth != nil {
			var err error
			if opCtx, err = c.lim.Auth(ctx, payload); err != nil {
				c.close(closeForbidden, clipReason("Forbidden: "+err.Error()))
				return false
			}
		}
		c.mu.Lock()
		c.ctx, c.acked = opCtx, true
		c.mu.Unlock()
		_ = c.ws.SetReadDeadline(time.Time{})
		return c.send(message{Type: "connection_ack"})
	case "ping":
		return c.send(message{Type: "pong", Payload: m.Payload})
	case "pong":
		return true
	case "subscribe":
		if !c.isAcked() {
			c.close(closeUnauthorized, "Unauthorized: send connection_init first")
			return false
		}
		if m.ID == "" {
			c.close(closeBadRequest, "Invalid message received: subscribe without an id")
			return false
		}
		return c.subscribe(m)
	case "complete":
		c.mu.Lock()
		cancel := c.active[m.ID]
		c.mu.Unlock()
		if cancel != nil {
			cancel()
		}
		return true
	}
	c.close(closeBadRequest, clipReason(fmt.Sprintf("Invalid message received: unknown type %q", m.Type)))
	return false
}

// subscribe starts an operation: its answers go out as next messages, then
// complete; an operation that cannot start gets one error message.
func (c *conn) subscribe(m message) bool {
	c.mu.Lock()
	if _, dup := c.active[m.ID]; dup {
		c.mu.Unlock()
		c.close(closeDuplicateID, clipReason("Subscriber for "+m.ID+" already exists"))
		return false
	}
	full := len(c.active) >= c.lim.MaxSubscriptions
	base := c.ctx
	c.mu.Unlock()
	if full {
		return c.sendErrors(m.ID, &gqlerror.Error{
			Message:    fmt.Sprintf("more than %d subscriptions on one connection: complete one first", c.lim.MaxSubscriptions),
			Extensions: map[string]any{"code": CodeBusy},
		})
	}
	params := &graphql.RawParams{}
	dec := json.NewDecoder(bytes.NewReader(m.Payload))
	dec.UseNumber()
	if err := dec.Decode(params); err != nil {
		return c.sendErrors(m.ID, &gqlerror.Error{Message: "subscribe payload is not a JSON object: " + err.Error(),
			Extensions: map[string]any{"code": CodeBadRequest}})
	}
	start := graphql.Now()
	params.ReadTime = graphql.TraceTiming{Start: start, End: start}
	// Each operation has loaders of its own, as each request has: a
	// socket lives longer than anything they cache should.
	ctx := graphql.StartOperationTrace(loaders.With(base, loaders.New(c.st, c.wait)))
	rc, errs := c.exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := c.exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
		return c.sendErrors(m.ID, resp.Errors...)
	}
	ctx, cancel := context.WithCancel(graphql.WithOperationContext(ctx, rc))
	c.mu.Lock()
	c.active[m.ID] = cancel
	c.mu.Unlock()
	// Dispatched here, not in the goroutine: the subscription's resolver
	// has joined the broker before the next message is read.
	responses, ctx := c.exec.DispatchOperation(ctx, rc)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				c.log.Error("websocket: panic in an operation", "panic", v)
				c.sendErrors(m.ID, &gqlerror.Error{Message: "internal error", Extensions: map[string]any{"code": CodeInternal}})
			}
			c.mu.Lock()
			_, mine := c.active[m.ID]
			delete(c.active, m.ID)
			c.mu.Unlock()
			// A client's complete cancelled it: the spec says not to answer.
			if mine && ctx.Err() == nil {
				c.send(message{ID: m.ID, Type: "complete"})
			}
			cancel()
		}()
		for {
			resp := responses(ctx)
			if resp == nil {
				return
			}
			b, err := json.Marshal(resp)
			if err != nil {
				c.log.Error("websocket: encoding an answer failed", "err", err)
				return
			}
			if !c.send(message{ID: m.ID, Type: "next", Payload: b}) {
				return
			}
		}
	}()
	return true
}

// heartbeat pings an idle socket, so proxies keep it open and a dead peer
// is found out by a failing write; it closes the socket with 1001 when the
// server shuts down.
func (c *conn) heartbeat(ctx context.Context) {
	t := time.NewTicker(c.lim.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.broker.Done():
			c.close(closeGoingAway, "the server is shutting down")
			return
		case <-t.C:
			if c.isAcked() && !c.send(message{Type: "ping"}) {
				return
			}
		}
	}
}

func (c *conn) isAcked() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.acked
}

// send writes one message; on failure the socket is closed and false
// returned.
func (c *conn) send(m message) bool {
	b, err := json.Marshal(m)
	if err != nil {
		c.log.Error("websocket: encoding a message failed", "type", m.Type, "err", err)
		return false
	}
	c.writeMu.Lock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(socketWriteDeadline))
	err = c.ws.WriteMessage(websocket.TextMessage, b)
	c.writeMu.Unlock()
	if err != nil {
		c.close(closeInternal, "")
		return false
	}
	return true
}

// sendErrors answers a subscribe that cannot run with an error message,
// which ends the operation; the socket stays.
func (c *conn) sendErrors(id string, errs ...*gqlerror.Error) bool {
	b, err := json.Marshal(errs)
	if err != nil {
		return false
	}
	return c.send(message{ID: id, Type: "error", Payload: b})
}

// close ends every operation and sends the close frame with code, once;
// Do closes the connection when the client has answered it, or within a
// second.
func (c *conn) close(code int, reason string) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	for id, cancel := range c.active {
		cancel()
		delete(c.active, id)
	}
	c.mu.Unlock()
	c.writeMu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.writeMu.Unlock()
	_ = c.ws.SetReadDeadline(time.Now().Add(time.Second))
}

// clipReason keeps a close reason within the 123 bytes a close frame has
// room for.
func clipReason(s string) string {
	if len(s) <= 123 {
		return s
	}
	return s[:120] + "..."
}
