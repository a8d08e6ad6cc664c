package neo4j

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/storetest"
)

// serverConfig returns the server to test against, from the environment
// the binary reads too.
func serverConfig(t *testing.T) Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Skip("NEO4J_URI is not set: the Neo4j contract suite needs a server " +
			"(set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and optionally NEO4J_DATABASE; the test empties that database)")
	}
	return Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

func TestStore(t *testing.T) {
	cfg := serverConfig(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		t.Helper()
		ctx := context.Background()
		s, err := Open(ctx, cfg)
		if err != nil {
			t.Fatalf("Open(%s) error: %v", cfg.URI, err)
		}
		t.Cleanup(func() { s.Close() })
		clear(t, s)
		return s
	})
}

// clear deletes everything in the store's database; the constraints and
// indexes stay.
func clear(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	if _, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return collect(ctx, tx, cypherClearDatabase, nil)
	}); err != nil {
		t.Fatalf("clear database: %v", err)
	}
}

func TestOpenUnreachable(t *testing.T) {
	tests := []struct {
		name string
		uri  string
	}{
		{"bolt refused", "bolt://127.0.0.1:1"},
		{"routing refused", "neo4j://127.0.0.1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			s, err := Open(ctx, Config{URI: tt.uri, User: "neo4j", Password: "secret"})
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded, want an error", tt.uri)
			}
			if !strings.Contains(err.Error(), tt.uri) {
				t.Errorf("Open(%s) error = %q, want it to name the URI", tt.uri, err)
			}
			if ctx.Err() != nil {
				t.Errorf("Open(%s) gave up only when the test's deadline passed: %v", tt.uri, err)
			}
		})
	}
}

func TestOpenBadURI(t *testing.T) {
	_, err := Open(context.Background(), Config{URI: "http://127.0.0.1:7474"})
	if err == nil || !strings.Contains(err.Error(), "http://127.0.0.1:7474") {
		t.Errorf("Open(http://…) error = %v, want an error naming the URI", err)
	}
}
