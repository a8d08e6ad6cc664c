package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/diplograph/diplograph/graph"
)

type wsMsg struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

func dial(t *testing.T, base string) *websocket.Conn {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}}
	ws, _, err := d.Dial("ws"+strings.TrimPrefix(base, "http")+"/graphql", nil)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func next(t *testing.T, ws *websocket.Conn) wsMsg {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(2 * time.Second))
	var m wsMsg
	if err := ws.ReadJSON(&m); err != nil {
		t.Fatalf("read: %v", err)
	}
	return m
}

func closedWith(t *testing.T, ws *websocket.Conn) int {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(2 * time.Second))
	for {
		_, _, err := ws.ReadMessage()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		if err != nil {
			t.Fatalf("want a close frame, got %v", err)
		}
	}
}

func subscribeMsg(id, query string, vars map[string]any) wsMsg {
	p, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return wsMsg{ID: id, Type: "subscribe", Payload: p}
}

// TestSocket checks the graphql-transport-ws rules the server keeps: the
// key in connection_init, the order of messages, a relationAdded filter,
// and the cap on subscriptions per connection.
func TestSocket(t *testing.T) {
	st := openStore(t)
	auth := func(ctx context.Context, p map[string]any) (context.Context, error) {
		if p["apiKey"] != "good" {
			return nil, errors.New("unknown key")
		}
		return ctx, nil
	}
	base := serve(t, st, graph.Options{Extract: fakeExtract, Live: graph.Live{Auth: auth, MaxSubscriptions: 2}})
	initMsg := func(key string) wsMsg {
		p, _ := json.Marshal(map[string]string{"apiKey": key})
		return wsMsg{Type: "connection_init", Payload: p}
	}
	ready := func(t *testing.T) *websocket.Conn {
		ws := dial(t, base)
		ws.WriteJSON(initMsg("good"))
		if m := next(t, ws); m.Type != "connection_ack" {
			t.Fatalf("after connection_init: %s %s", m.Type, m.Payload)
		}
		return ws
	}

	for _, tt := range []struct {
		name string
		msgs []wsMsg
		code int
	}{
		{"a bad key", []wsMsg{initMsg("bad")}, 4403},
		{"subscribe before connection_init", []wsMsg{subscribeMsg("1", `subscription { documentIngested { id } }`, nil)}, 4401},
		{"two connection_inits", []wsMsg{initMsg("good"), initMsg("good")}, 4429},
		{"not a message", []wsMsg{{Type: ""}}, 4400},
		{"an id in use", []wsMsg{initMsg("good"), subscribeMsg("1", `subscription { documentIngested { id } }`, nil),
			subscribeMsg("1", `subscription { documentIngested { id } }`, nil)}, 4409},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ws := dial(t, base)
			for _, m := range tt.msgs {
				ws.WriteJSON(m)
			}
			if code := closedWith(t, ws); code != tt.code {
				t.Errorf("closed with %d, want %d", code, tt.code)
			}
		})
	}

	t.Run("a subscription by POST is refused at once", func(t *testing.T) {
		r := query(t, base, `subscription { documentIngested { id } }`, nil)
		if codes := r.codes(); r.status != 400 || len(codes) != 1 || codes[0] != "BAD_REQUEST" {
			t.Errorf("POST subscription: %d %+v, want 400 BAD_REQUEST", r.status, r.Errors)
		}
	})

	t.Run("filter and cap", func(t *testing.T) {
		ws := ready(t)
		const q = `subscription($f: RelationAddedFilter) { relationAdded(filter: $f) { type subject { name } object { name } } }`
		ws.WriteJSON(subscribeMsg("other", q, map[string]any{"f": map[string]any{"type": []string{"MET_WITH"}}}))
		ws.WriteJSON(subscribeMsg("mine", q, map[string]any{"f": map[string]any{"subject": "person:ada-envoy", "type": []string{"ATTENDED"}}}))
		ws.WriteJSON(subscribeMsg("third", `subscription { documentIngested { id } }`, nil))
		m := next(t, ws)
		if m.ID != "third" || m.Type != "error" || !strings.Contains(string(m.Payload), "SERVER_BUSY") {
			t.Errorf("third subscription: %s %s %s, want an error SERVER_BUSY", m.ID, m.Type, m.Payload)
		}
		ingest := `mutation { ingestDocument(input: {text: "Ada Envoy attended the Test Summit."}) { existed } }`
		if r := query(t, base, ingest, nil); len(r.Errors) > 0 {
			t.Fatalf("ingest: %+v", r.Errors)
		}
		m = next(t, ws)
		want := `{"data":{"relationAdded":{"type":"ATTENDED","subject":{"name":"Ada Envoy"},"object":{"name":"Test Summit"}}}}`
		if m.ID != "mine" || m.Type != "next" || string(m.Payload) != want {
			t.Errorf("after the ingest: %s %s %s, want next on mine: %s", m.ID, m.Type, m.Payload, want)
		}
		// complete from the client ends it without an answer; a ping still is.
		ws.WriteJSON(wsMsg{ID: "mine", Type: "complete"})
		ws.WriteJSON(wsMsg{Type: "ping"})
		if m := next(t, ws); m.Type != "pong" {
			t.Errorf("after complete and ping: %s %s, want pong", m.Type, m.Payload)
		}
	})
}
