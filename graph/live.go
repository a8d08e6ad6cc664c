package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/diplograph/diplograph/store"
)

// Live are the limits of live updates: GraphQL subscriptions over
// websockets (socket.go) and server-sent events at GET /events. Zero
// values take the defaults below.
type Live struct {
	// InitTimeout is how long a websocket may take to send
	// connection_init; past it the server closes it with 4408. Default 10s.
	InitTimeout time.Duration
	// MaxSubscriptions a websocket may hold at once; past it a subscribe
	// is answered with an error and the connection stays. Default 16.
	MaxSubscriptions int
	// MaxStreamsPerClient websockets and event streams one client (API key,
	// else address) may hold open at once; past it, 429. Default 8.
	MaxStreamsPerClient int
	// MaxMessageRate is how many messages a second a websocket may send,
	// with bursts of twice as many; a client that sends more is closed
	// with 1008 (policy violation). Default 20.
	MaxMessageRate int
	// MaxMessageBytes caps one websocket message; a longer one closes the
	// connection (1009). Default 64 KiB.
	MaxMessageBytes int64
	// Heartbeat is how often an idle stream hears from the server (a
	// comment on /events, a ping on a websocket), so proxies keep it open
	// and a dead peer is noticed. Default 25s.
	Heartbeat time.Duration
	// SubscriberBuffer is how many events a subscriber may fall behind by
	// before it is dropped; default DefaultSubscriberBuffer.
	SubscriberBuffer int
	// Auth admits a websocket by its connection_init payload and returns
	// the context its operations run in (carrying who the caller is); an
	// error closes the socket with 4403. Browsers cannot set headers on a
	// websocket, so the key travels in the payload. Nil: every socket is
	// admitted, as every request is when the handler is used without
	// keys.
	Auth func(ctx context.Context, payload map[string]any) (context.Context, error)
}

func (l *Live) defaults() {
	if l.InitTimeout <= 0 {
		l.InitTimeout = 10 * time.Second
	}
	if l.MaxSubscriptions <= 0 {
		l.MaxSubscriptions = 16
	}
	if l.MaxStreamsPerClient <= 0 {
		l.MaxStreamsPerClient = 8
	}
	if l.MaxMessageRate <= 0 {
		l.MaxMessageRate = 20
	}
	if l.MaxMessageBytes <= 0 {
		l.MaxMessageBytes = 64 << 10
	}
	if l.Heartbeat <= 0 {
		l.Heartbeat = 25 * time.Second
	}
}

// streams counts the long-lived connections of each client, so that one
// client cannot hold every file descriptor of the server.
type streams struct {
	max     int
	mu      sync.Mutex
	clients map[string]int
}

func newStreams(max int) *streams { return &streams{max: max, clients: map[string]int{}} }

// open admits one more stream of r's client and returns the function that
// ends it, or writes 429 and returns false.
func (s *streams) open(w http.ResponseWriter, r *http.Request) (func(), bool) {
	key := clientKey(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clients[key] >= s.max {
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusTooManyRequests, CodeBusy,
			fmt.Sprintf("server busy: more than %d live connections of this client at once; close one first", s.max))
		return nil, false
	}
	s.clients[key]++
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.clients[key]--; s.clients[key] <= 0 {
			delete(s.clients, key)
		}
	}, true
}

// eventsHandler serves GET /events: the broker's events as server-sent
// events, for clients that cannot speak graphql-transport-ws (a fetch
// stream with the key in a header, curl). Each event is named
// documentIngested or relationAdded, its data one JSON object keyed by
// that name, as a subscription's data would be:
//
//	event: relationAdded
//	data: {"relationAdded":{"id":"…","type":"MET_WITH","subject":{"id":"…","name":"…","type":"Person"},"object":{…}}}
//
// An idle stream carries a comment every Heartbeat. The stream ends when
// the client goes away, when the server shuts down (ctx), or when the
// client falls behind by more than its buffer; an EventSource then
// reconnects by itself after retry.
func eventsHandler(b *Broker, lim Live, s *streams) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done, ok := s.open(w, r)
		if !ok {
			return
		}
		defer done()
		rc := http.NewResponseController(w)
		// The server's read and write timeouts are for requests, not for
		// a stream meant to stay open (past the read timeout, net/http
		// would cancel its context): each write sets its own deadline.
		_ = rc.SetReadDeadline(time.Time{})
		_ = rc.SetWriteDeadline(time.Time{})
		h := w.Header()
		h.Set("Content-Type", "text/event-stream; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Accel-Buffering", "no") // nginx: pass each event on at once
		sub, cancel := context.WithCancel(r.Context())
		defer cancel()
		events := b.Subscribe(sub)
		write := func(format string, args ...any) bool {
			_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if _, err := fmt.Fprintf(w, format, args...); err != nil {
				return false
			}
			return rc.Flush() == nil
		}
		// The first bytes tell the client the subscription is in place.
		if !write("retry: 3000\n: subscribed to documentIngested, relationAdded\n\n") {
			return
		}
		beat := time.NewTicker(lim.Heartbeat)
		defer beat.Stop()
		for {
			select {
			case <-sub.Done():
				return
			case <-beat.C:
				if !write(": heartbeat\n\n") {
					return
				}
			case ev, ok := <-events:
				if !ok {
					select {
					case <-b.Done():
						write(": the server is shutting down\n\n")
					default:
						write(": dropped: this stream fell behind; reconnect and query what was missed\n\n")
					}
					return
				}
				name, data, err := eventData(ev)
				if err != nil {
					continue
				}
				if !write("event: %s\ndata: %s\n\n", name, data) {
					return
				}
			}
		}
	})
}

// eventData is the name and JSON data of ev on /events; the shapes are a
// contract with the explorer and the dashboard.
func eventData(ev Event) (string, []byte, error) {
	switch {
	case ev.Document != nil:
		d := ev.Document
		data, err := json.Marshal(map[string]any{"documentIngested": map[string]any{
			"id": d.ID, "title": d.Title, "filename": d.Filename, "date": d.Date, "publisher": d.Publisher,
			"kind": d.Kind, "source": d.Source, "ingestedAt": d.IngestedAt.UTC().Format(time.RFC3339),
		}})
		return "documentIngested", data, err
	case ev.Relation != nil:
		end := func(e store.Entity) map[string]any {
			return map[string]any{"id": e.ID, "name": e.Name, "type": string(e.Type)}
		}
		rel := ev.Relation
		m := map[string]any{"id": rel.ID, "type": string(rel.Type), "subject": end(ev.Subject), "object": end(ev.Object)}
		for k, v := range map[string]string{"title": rel.Title, "since": rel.Since, "until": rel.Until, "tense": rel.Tense} {
			if v != "" {
				m[k] = v
			}
		}
		data, err := json.Marshal(map[string]any{"relationAdded": m})
		return "relationAdded", data, err
	}
	return "", nil, fmt.Errorf("event carries neither a document nor a relation")
}
