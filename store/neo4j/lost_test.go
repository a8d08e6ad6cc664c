package neo4j

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/diplograph/diplograph/graph"
)

// lostServer listens where a Neo4j server was and hangs up on every
// connection once the driver has sent its handshake, as a server that went
// down behind a proxy does; it counts the connections, that is the
// driver's attempts.
func lostServer(t *testing.T) (addr string, attempts *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	attempts = &atomic.Int32{}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			attempts.Add(1)
			io.ReadFull(c, make([]byte, 20)) // magic and versions
			c.Close()
		}
	}()
	return ln.Addr().String(), attempts
}

// TestLostDuringWork: a store whose server is lost after Open retries a
// write with backoff, then fails with an error naming the server, and
// /readyz reports the store unreachable. (Open itself, with no server,
// is TestOpenUnreachable.)
func TestLostDuringWork(t *testing.T) {
	addr, attempts := lostServer(t)
	uri := "bolt://" + addr
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth("neo4j", "secret", ""), func(c *config.Config) {
		c.SocketConnectTimeout = connectTimeout
	})
	if err != nil {
		t.Fatal(err)
	}
	// The store as Open leaves it, once the server is gone.
	s := &Store{driver: driver, uri: uri, Now: time.Now}
	s.transact = s.driverTransact
	defer s.Close()

	// A write is retried with backoff until the caller's deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	_, werr := s.AddAlias(ctx, "person:ada-envoy", "Ada")
	cancel()
	t.Logf("AddAlias after %d connections: %v", attempts.Load(), werr)
	t.Run("a write is retried, then fails", func(t *testing.T) {
		if werr == nil {
			t.Fatal("AddAlias on a lost server succeeded")
		}
		if n := attempts.Load(); n < 2 {
			t.Errorf("the driver connected %d times, want retries", n)
		}
	})
	t.Run("the write error names the server", func(t *testing.T) {
		// An operator with several stores must learn which one is lost;
		// Open and Ping name it, a failed write must too.
		if werr == nil || !strings.Contains(werr.Error(), uri) && !strings.Contains(werr.Error(), addr) {
			t.Errorf("AddAlias error = %v, want it to name the server %s", werr, uri)
		}
	})

	t.Run("ping fails naming the URI", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Ping(ctx); err == nil || !strings.Contains(err.Error(), uri) {
			t.Errorf("Ping = %v, want an error naming %s", err, uri)
		}
	})

	t.Run("readyz reports it", func(t *testing.T) {
		srv := httptest.NewServer(graph.NewHandler(s, graph.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		defer srv.Close()
		for _, path := range []string{"/readyz", "/healthz"} {
			res, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			want := http.StatusServiceUnavailable
			if path == "/healthz" {
				want = http.StatusOK // alive, only not ready
			}
			if res.StatusCode != want {
				t.Errorf("GET %s = %d %q, want %d", path, res.StatusCode, body, want)
			}
		}
	})
}
