package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// liveTimeout bounds every wait for a live update: generous, since the
// tests assert delivery, not speed (the latency is logged).
const liveTimeout = 2 * time.Second

// wsMessage is one graphql-transport-ws message.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// dialSocket opens a graphql-transport-ws websocket to the server at url.
func dialSocket(t *testing.T, url string) *websocket.Conn {
	t.Helper()
	d := websocket.Dialer{Subprotocols: []string{"graphql-transport-ws"}, HandshakeTimeout: liveTimeout}
	ws, res, err := d.Dial("ws"+strings.TrimPrefix(url, "http")+"/graphql", nil)
	if err != nil {
		status := 0
		if res != nil {
			status = res.StatusCode
		}
		t.Fatalf("dial websocket: %v (HTTP %d)", err, status)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func sendWS(t *testing.T, ws *websocket.Conn, m wsMessage) {
	t.Helper()
	if err := ws.WriteJSON(m); err != nil {
		t.Fatalf("send %s: %v", m.Type, err)
	}
}

// readWS reads the next message, failing the test after liveTimeout.
func readWS(t *testing.T, ws *websocket.Conn) wsMessage {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(liveTimeout))
	var m wsMessage
	if err := ws.ReadJSON(&m); err != nil {
		t.Fatalf("read a message: %v", err)
	}
	return m
}

// closeCode waits up to wait for the server to close ws and returns the
// close code it sent.
func closeCode(t *testing.T, ws *websocket.Conn, wait time.Duration) int {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(wait))
	for {
		_, data, err := ws.ReadMessage()
		if err == nil {
			continue // pongs and the like, sent before the close
		}
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		t.Fatalf("want a close frame; got %v (after data %q)", err, data)
	}
}

// ingestFile posts a corpus file to /ingest with key and fails unless it
// was stored as a new document.
func ingestFile(t *testing.T, url, key, name string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpus, name))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, url+"/ingest?filename="+name, bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /ingest %s: %v", name, err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /ingest %s = %d, want 201", name, res.StatusCode)
	}
}

// TestLiveUpdates drives the subscriptions and the event stream of the
// real binary, with API keys in force: delivery of relationAdded and
// documentIngested after an ingest, and the refusals of issue 15's bad
// input (a bad key, a socket that never says connection_init, a flood)
// with the server answering throughout.
func TestLiveUpdates(t *testing.T) {
	data, empty := t.TempDir(), t.TempDir()
	keys := map[string]string{}
	for _, role := range []string{"reader", "ingester"} {
		cmd := exec.Command(binary, "keys", "create", "--role", role, "--name", role, "--data", data)
		cmd.Env = append(os.Environ(), "NEO4J_URI=")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("keys create --role %s: %v", role, err)
		}
		keys[role] = strings.TrimSpace(string(out))
	}
	// A grace far longer than any wait below: a stream that held up the
	// shutdown would fail the last subtest.
	s := startServeIn(t, data, "--corpus", empty, "--ws-init-timeout", "1s", "--ws-max-rate", "20", "--shutdown-timeout", "3m")

	t.Run("a subscriber sees relationAdded after the ingest that made it", func(t *testing.T) {
		ws := dialSocket(t, s.url)
		init, _ := json.Marshal(map[string]string{"apiKey": keys["reader"]})
		sendWS(t, ws, wsMessage{Type: "connection_init", Payload: init})
		if m := readWS(t, ws); m.Type != "connection_ack" {
			t.Fatalf("after connection_init: %s %s, want connection_ack", m.Type, m.Payload)
		}
		sub, _ := json.Marshal(map[string]any{"query": `subscription { relationAdded { id type subject { id name } object { id name } } }`})
		sendWS(t, ws, wsMessage{ID: "rel", Type: "subscribe", Payload: sub})
		docs, _ := json.Marshal(map[string]any{"query": `subscription { documentIngested { id title } }`})
		sendWS(t, ws, wsMessage{ID: "doc", Type: "subscribe", Payload: docs})
		// The server reads in order: its pong says both subscriptions are
		// in place.
		sendWS(t, ws, wsMessage{Type: "ping"})
		if m := readWS(t, ws); m.Type != "pong" {
			t.Fatalf("after ping: %s %s, want pong", m.Type, m.Payload)
		}

		got := make(chan map[string]time.Time, 1)
		go func() {
			first := map[string]time.Time{}
			ws.SetReadDeadline(time.Now().Add(liveTimeout))
			for len(first) < 2 {
				var m wsMessage
				if err := ws.ReadJSON(&m); err != nil {
					break
				}
				if m.Type != "next" {
					t.Errorf("subscription %s: %s %s, want next", m.ID, m.Type, m.Payload)
					continue
				}
				if _, seen := first[m.ID]; !seen {
					first[m.ID] = time.Now()
					var p struct {
						Data   map[string]map[string]any
						Errors []any
					}
					if err := json.Unmarshal(m.Payload, &p); err != nil || len(p.Errors) > 0 {
						t.Errorf("subscription %s: payload %s (%v)", m.ID, m.Payload, err)
					}
					t.Logf("first %s: %s", m.ID, m.Payload)
				}
			}
			got <- first
		}()
		start := time.Now()
		ingestFile(t, s.url, keys["ingester"], "000_a6d54f805eaf123d.txt")
		done := time.Now()
		first := <-got
		for _, id := range []string{"rel", "doc"} {
			at, ok := first[id]
			if !ok {
				t.Errorf("subscription %q saw nothing within %v of the ingest", id, liveTimeout)
				continue
			}
			t.Logf("%s: %v after the ingest request began, %v after its answer", id, at.Sub(start), at.Sub(done))
		}
	})

	t.Run("the event stream sees documentIngested", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, s.url+"/events", nil)
		req.Header.Set("Authorization", "Bearer "+keys["reader"])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
			t.Fatalf("GET /events = %d %q, want 200 text/event-stream", res.StatusCode, res.Header.Get("Content-Type"))
		}
		lines := make(chan string, 1024)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(res.Body)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		// The first comment says the stream is subscribed.
		for line := range lines {
			if strings.HasPrefix(line, ": subscribed") {
				break
			}
		}
		ingestFile(t, s.url, keys["ingester"], "001_4a3a77370a366731.txt")
		timeout := time.After(liveTimeout)
		var event string
		seen := map[string]bool{}
		for !seen["documentIngested"] || !seen["relationAdded"] {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("the stream ended; saw %v", seen)
				}
				switch {
				case strings.HasPrefix(line, "event: "):
					event = strings.TrimPrefix(line, "event: ")
				case strings.HasPrefix(line, "data: ") && !seen[event]:
					seen[event] = true
					var v map[string]map[string]any
					if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &v); err != nil {
						t.Fatalf("event %s: data is not JSON: %v\n%s", event, err, line)
					}
					body := v[event]
					if body == nil || body["id"] == "" {
						t.Errorf("event %s: data %s lacks {%q: {id …}}", event, line, event)
					}
					if event == "relationAdded" {
						for _, end := range []string{"subject", "object"} {
							e, _ := body[end].(map[string]any)
							if e["id"] == nil || e["name"] == nil || e["type"] == nil {
								t.Errorf("relationAdded: %s %v lacks id, name or type", end, body[end])
							}
						}
					}
				}
			case <-timeout:
				t.Fatalf("no documentIngested and relationAdded within %v; saw %v", liveTimeout, seen)
			}
		}
	})

	t.Run("the event stream needs a key", func(t *testing.T) {
		res, err := http.Get(s.url + "/events")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET /events without a key = %d, want 401", res.StatusCode)
		}
	})

	t.Run("a bad key is refused with 4403", func(t *testing.T) {
		for _, payload := range []map[string]string{
			{"Authorization": "Bearer dgk_000000000000_" + strings.Repeat("x", 43)},
			{"apiKey": "not a key"},
			{},
		} {
			ws := dialSocket(t, s.url)
			init, _ := json.Marshal(payload)
			sendWS(t, ws, wsMessage{Type: "connection_init", Payload: init})
			if code := closeCode(t, ws, liveTimeout); code != 4403 {
				t.Errorf("connection_init %v: closed with %d, want 4403", payload, code)
			}
		}
	})

	t.Run("a socket without connection_init is closed with 4408", func(t *testing.T) {
		ws := dialSocket(t, s.url)
		// --ws-init-timeout is 1s; the wait is generous.
		if code := closeCode(t, ws, 5*time.Second); code != 4408 {
			t.Errorf("closed with %d, want 4408", code)
		}
	})

	t.Run("a flooding client is closed and the server keeps answering", func(t *testing.T) {
		ws := dialSocket(t, s.url)
		init, _ := json.Marshal(map[string]string{"Authorization": "Bearer " + keys["reader"]})
		sendWS(t, ws, wsMessage{Type: "connection_init", Payload: init})
		if m := readWS(t, ws); m.Type != "connection_ack" {
			t.Fatalf("after connection_init: %s, want connection_ack", m.Type)
		}
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			ping, _ := json.Marshal(wsMessage{Type: "ping"})
			for range 5000 {
				if ws.WriteMessage(websocket.TextMessage, ping) != nil {
					return // closed: the point
				}
			}
		}()
		// Meanwhile others are answered.
		body := `{"query":"{ stats { entities { type count } } }"}`
		req, _ := http.NewRequest(http.MethodPost, s.url+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-API-Key", keys["reader"])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("POST /graphql during the flood: %v", err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("POST /graphql during the flood = %d, want 200", res.StatusCode)
		}
		if code := closeCode(t, ws, 5*time.Second); code != websocket.ClosePolicyViolation {
			t.Errorf("flooding socket closed with %d, want %d", code, websocket.ClosePolicyViolation)
		}
		wg.Wait()
		if res, err := http.Get(s.url + "/healthz"); err != nil || res.StatusCode != 200 {
			t.Errorf("/healthz after the flood: %v", err)
		}
	})

	t.Run("shutdown ends streams and sockets rather than waiting for them", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, s.url+"/events", nil)
		req.Header.Set("X-API-Key", keys["reader"])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() && !strings.HasPrefix(sc.Text(), ": subscribed") {
		}
		ws := dialSocket(t, s.url)
		init, _ := json.Marshal(map[string]string{"apiKey": keys["reader"]})
		sendWS(t, ws, wsMessage{Type: "connection_init", Payload: init})
		if m := readWS(t, ws); m.Type != "connection_ack" {
			t.Fatalf("after connection_init: %s, want connection_ack", m.Type)
		}
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if code := closeCode(t, ws, time.Minute); code != websocket.CloseGoingAway {
			t.Errorf("socket closed with %d on shutdown, want %d", code, websocket.CloseGoingAway)
		}
		var rest []string
		for sc.Scan() {
			rest = append(rest, sc.Text())
		}
		if !slices.Contains(rest, ": the server is shutting down") {
			t.Errorf("the event stream ended with %q, want a comment saying the server is shutting down", rest)
		}
		select {
		case err := <-s.done:
			s.done <- err // for the cleanup
			if err != nil {
				t.Errorf("serve exited with %v after SIGTERM, want 0", err)
			}
		case <-time.After(time.Minute):
			t.Error("serve still running a minute after SIGTERM: open streams held it up")
		}
	})
}
