package graph_test

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/graphio"
	"github.com/diplograph/diplograph/store/sqlite"
)

var (
	peerScale   = flag.Int("peer-scale", 1, "BenchmarkPeerQueries: copies of the gold graph (as make bench-peer SCALE=N)")
	peerGold    = flag.String("peer-gold", filepath.Join("..", "..", "shared", "gold"), "BenchmarkPeerQueries: the gold annotations")
	peerClients = flag.Int("peer-c", 16, "BenchmarkPeerQueries: concurrent clients (side-by-side.sh's -c)")
	peerDB      = flag.String("peer-db", "", "BenchmarkPeerQueries: a SQLite store already holding the -peer-scale import (diplograph import --scale N), opened instead of importing")
)

// peerStores keeps one loaded store per scale for the whole run.
var peerStores sync.Map

// BenchmarkPeerQueries runs the questions of the benchmark peer
// (bench/peer/ours, as make bench-peer sends them) against a real HTTP
// server over the gold graph at -peer-scale copies, imported as make
// bench-peer imports it, from -peer-c concurrent clients through the lean
// load generator, and reports req/s, p50 and p99. The in-process
// counterpart of make bench-peer's diplograph column, for profiles:
//
//	go test -run '^$' -bench PeerQueries -benchtime 3000x -cpuprofile cpu.out ./graph
//
// With -peer-db it reads a store imported beforehand instead (at 100
// copies the import takes most of a run).
func BenchmarkPeerQueries(b *testing.B) {
	if _, err := os.Stat(*peerGold); err != nil {
		b.Skipf("no gold annotations at %s (-peer-gold): %v", *peerGold, err)
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		defer debug.SetGCPercent(debug.SetGCPercent(graph.ServeGCPercent))
	}
	st := peerStore(b)
	url := serve(b, st, graph.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	files, _ := filepath.Glob(filepath.Join("..", "bench", "peer", "ours", "*.graphql"))
	if len(files) == 0 {
		b.Fatal("no queries in ../bench/peer/ours")
	}
	client := &http.Client{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".graphql")
		q, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		req := map[string]any{"query": string(q)}
		if vars, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".vars.json"); err == nil {
			req["variables"] = json.RawMessage(vars)
		}
		body, _ := json.Marshal(req)
		if err := checkAnswer(client, url, body); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		lg, err := newLoadgen(url, "/graphql", body, *peerClients)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			cpu0 := cpuTime()
			lat, d := driveN(b, b.N, *peerClients, lg.do)
			// CPU time (server and load generator alike) per request: on a
			// shared machine req/s falls with everyone else's load, this
			// much less.
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(len(lat)), "cpu-µs/req")
			b.ReportMetric(float64(len(lat))/d.Seconds(), "req/s")
			b.ReportMetric(pct(lat, 0.50), "p50-ms")
			b.ReportMetric(pct(lat, 0.99), "p99-ms")
			// The stack new goroutines start with (the runtime's average
			// of the stacks it scanned): gqlgen runs every list element
			// on a goroutine of its own, which grows from here.
			s := []metrics.Sample{{Name: "/gc/stack/starting-size:bytes"}}
			if metrics.Read(s); s[0].Value.Kind() == metrics.KindUint64 {
				b.ReportMetric(float64(s[0].Value.Uint64()), "start-stack-B")
			}
		})
		lg.close()
	}
}

// peerStore imports -peer-scale copies of the gold into a fresh SQLite
// store, once per run.
func peerStore(b *testing.B) store.Store {
	b.Helper()
	if st, ok := peerStores.Load(*peerScale); ok {
		return st.(store.Store)
	}
	if *peerDB != "" {
		st, err := sqlite.Open(*peerDB)
		if err != nil {
			b.Fatal(err)
		}
		// Kept open for the whole run, as an import is.
		peerStores.Store(*peerScale, st)
		return st
	}
	st := openStore(b)
	ctx := context.Background()
	p, err := graphio.Read(ctx, st, []string{*peerGold}, graphio.Options{Scale: *peerScale})
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if _, err := graphio.Apply(ctx, st, p, graphio.ApplyOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("imported %d documents (scale %d) in %v", len(p.Batches), *peerScale, time.Since(t0).Round(time.Millisecond))
	peerStores.Store(*peerScale, st)
	return st
}

// driveN is drive with a given number of clients.
func driveN(b *testing.B, n, clients int, do func() error) ([]time.Duration, time.Duration) {
	b.Helper()
	var mu sync.Mutex
	var lat []time.Duration
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			var mine []time.Duration
			for next.Add(1) <= int64(n) {
				t0 := time.Now()
				if err := do(); err != nil {
					b.Error(err)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return lat, time.Since(start)
}
