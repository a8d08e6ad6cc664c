package graph_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// loadgen is the benchmark's HTTP client, built as load generators such as
// wrk are: keep-alive connections, each request's bytes written once, each
// answer read by its Content-Length. The clients share the machine's two
// cores with the server, so whatever they spend is taken from the server's
// throughput: Go's http.Client costs some 25 µs of CPU a request (header
// maps, a reader and a writer goroutine per connection), which a benchmark
// of the server would count as GraphQL's.
type loadgen struct {
	addr  string
	req   []byte
	conns chan *lgConn // idle connections, one per client at most
}

type lgConn struct {
	c net.Conn
	r *bufio.Reader
}

// newLoadgen prepares POST requests of body to path on the server at base.
func newLoadgen(base, path string, body []byte, clients int) (*loadgen, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	var req bytes.Buffer
	fmt.Fprintf(&req, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", path, u.Host, len(body))
	req.Write(body)
	return &loadgen{addr: u.Host, req: req.Bytes(), conns: make(chan *lgConn, clients)}, nil
}

// do sends one request and reads its answer, which must be a 200 with a
// Content-Length (the GraphQL endpoint states it).
func (g *loadgen) do() error {
	var c *lgConn
	select {
	case c = <-g.conns:
	default:
		nc, err := net.Dial("tcp", g.addr)
		if err != nil {
			return err
		}
		c = &lgConn{c: nc, r: bufio.NewReaderSize(nc, 64<<10)}
	}
	if err := c.roundTrip(g.req); err != nil {
		c.c.Close()
		return err
	}
	select {
	case g.conns <- c:
	default:
		c.c.Close()
	}
	return nil
}

func (c *lgConn) roundTrip(req []byte) error {
	if _, err := c.c.Write(req); err != nil {
		return err
	}
	status, err := c.r.ReadSlice('\n')
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(status, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("answer %q", bytes.TrimSpace(status))
	}
	n := -1
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		if name, value, ok := strings.Cut(string(line), ":"); ok && strings.EqualFold(name, "Content-Length") {
			if n, err = strconv.Atoi(strings.TrimSpace(value)); err != nil {
				return fmt.Errorf("Content-Length %q: %w", value, err)
			}
		}
	}
	if n < 0 {
		return fmt.Errorf("answer without a Content-Length")
	}
	_, err = io.CopyN(io.Discard, c.r, int64(n))
	return err
}

func (g *loadgen) close() {
	for {
		select {
		case c := <-g.conns:
			c.c.Close()
		default:
			return
		}
	}
}

// TestLoadgen checks the benchmarks' client against net/http's server: it
// reads whole answers over kept-alive connections and refuses what it
// cannot measure.
func TestLoadgen(t *testing.T) {
	var requests, conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		b, _ := io.ReadAll(r.Body)
		switch string(b) {
		case "chunked":
			w.(http.Flusher).Flush() // no length known: chunked
			io.WriteString(w, "part")
		case "bad":
			http.Error(w, "no", http.StatusBadRequest)
		default:
			answer := strings.Repeat("x", 100_000) // longer than a read buffer
			w.Header().Set("Content-Length", strconv.Itoa(len(answer)))
			io.WriteString(w, answer)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	lg, err := newLoadgen(srv.URL, "/graphql", []byte("ok"), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer lg.close()
	for range 5 {
		if err := lg.do(); err != nil {
			t.Fatalf("do() error: %v", err)
		}
	}
	if requests.Load() != 5 || conns.Load() != 1 {
		t.Errorf("%d requests over %d connections; want 5 over 1", requests.Load(), conns.Load())
	}
	for _, body := range []string{"bad", "chunked"} {
		bad, err := newLoadgen(srv.URL, "/graphql", []byte(body), 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := bad.do(); err == nil {
			t.Errorf("do() of a %s answer = nil, want an error", body)
		}
		bad.close()
	}
}
