package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// BenchmarkOneHop drives a real HTTP server, over the corpus, with
// concurrent clients (twice the cores) running the one-hop example queries
// of docs/queries, and in alternating rounds makes the store calls each
// query needs directly with the same concurrency, and reports both side by
// side:
//
//	http-p50-ms http-p99-ms http-req/s   — through HTTP and GraphQL
//	store-p50-ms store-p99-ms store-req/s — the store calls alone
//	overhead-x                            — store-req/s ÷ http-req/s
//
// Requests go through a lean load generator (loadgen), as wrk would send
// them, so that the clients' own CPU is not counted as the server's;
// -goclient sends them with Go's http.Client instead. The collector runs
// at serve's target (ServeGCPercent) unless GOGC is set. ns/op covers one
// request of each kind. Latencies include waiting for a
// core, so they measure the machine as much as the code: compare the two
// sides of one run. Run it with
//
//	go test -run '^$' -bench OneHop ./graph
func BenchmarkOneHop(b *testing.B) {
	if _, set := os.LookupEnv("GOGC"); !set {
		// As diplograph serve runs.
		defer debug.SetGCPercent(debug.SetGCPercent(graph.ServeGCPercent))
	}
	st := openCorpus(b)
	url := serve(b, st, graph.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), LoaderWait: *loaderWait})
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
	for _, c := range []struct {
		file   string
		direct func(context.Context, store.Store) error
	}{
		{"person-positions", directPositions},
		{"neighborhood-nukib", directNeighborhood},
		{"agencies-at-dialogues", directAgencies},
		{"search-typo-prefix", directSearch},
	} {
		q, err := os.ReadFile(filepath.Join("..", "docs", "queries", c.file+".graphql"))
		if err != nil {
			b.Fatal(err)
		}
		body, _ := json.Marshal(map[string]string{"query": string(q)})
		// A wrong answer would make the figures meaningless.
		if err := checkAnswer(client, url, body); err != nil {
			b.Fatalf("%s: %v", c.file, err)
		}
		if err := c.direct(context.Background(), st); err != nil {
			b.Fatalf("%s direct: %v", c.file, err)
		}
		lg, err := newLoadgen(url, "/graphql", body, clients)
		if err != nil {
			b.Fatal(err)
		}
		defer lg.close()
		b.Run(c.file, func(b *testing.B) {
			ctx := context.Background()
			viaHTTP := lg.do
			if *goClient {
				viaHTTP = func() error {
					res, err := client.Post(url+"/graphql", "application/json", bytes.NewReader(body))
					if err != nil {
						return err
					}
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					return err
				}
			}
			// Short alternating rounds: whatever else the machine runs
			// weighs on both sides alike.
			var httpLat, storeLat []time.Duration
			var httpTime, storeTime time.Duration
			const rounds = 10
			for i := range rounds {
				n := b.N / rounds
				if i < b.N%rounds {
					n++
				}
				lat, d := drive(b, n, viaHTTP)
				httpLat, httpTime = append(httpLat, lat...), httpTime+d
				lat, d = drive(b, n, func() error { return c.direct(ctx, st) })
				storeLat, storeTime = append(storeLat, lat...), storeTime+d
			}
			httpRate := float64(len(httpLat)) / httpTime.Seconds()
			storeRate := float64(len(storeLat)) / storeTime.Seconds()
			b.ReportMetric(pct(httpLat, 0.50), "http-p50-ms")
			b.ReportMetric(pct(httpLat, 0.99), "http-p99-ms")
			b.ReportMetric(httpRate, "http-req/s")
			b.ReportMetric(pct(storeLat, 0.50), "store-p50-ms")
			b.ReportMetric(pct(storeLat, 0.99), "store-p99-ms")
			b.ReportMetric(storeRate, "store-req/s")
			b.ReportMetric(storeRate/httpRate, "overhead-x")
		})
	}
}

// BenchmarkFloor measures what an HTTP request costs before any resolver
// runs, with the clients and the concurrency of BenchmarkOneHop: the
// server answering { __typename }, and a bare net/http handler answering a
// fixed body. A query whose store work costs less than this floor cannot
// have a small overhead ratio.
//
//	go test -run '^$' -bench Floor -benchtime 20000x ./graph
func BenchmarkFloor(b *testing.B) {
	if _, set := os.LookupEnv("GOGC"); !set {
		defer debug.SetGCPercent(debug.SetGCPercent(graph.ServeGCPercent))
	}
	st := openCorpus(b)
	url := serve(b, st, graph.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"data":{"__typename":"Query"}}`))
	}))
	b.Cleanup(bare.Close)
	body := []byte(`{"query":"{ __typename }"}`)
	for _, c := range []struct{ name, url string }{{"typename", url}, {"bare-net-http", bare.URL}} {
		lg, err := newLoadgen(c.url, "/graphql", body, clients)
		if err != nil {
			b.Fatal(err)
		}
		defer lg.close()
		b.Run(c.name, func(b *testing.B) {
			lat, d := drive(b, b.N, lg.do)
			b.ReportMetric(pct(lat, 0.50), "p50-ms")
			b.ReportMetric(float64(len(lat))/d.Seconds(), "req/s")
		})
	}
}

// BenchmarkHandler serves each one-hop example through the handler alone,
// one request at a time and without a network: its B/op and allocs/op do
// not depend on what else the machine runs, unlike BenchmarkOneHop's
// latencies, so they show a change to the GraphQL layer's fixed cost.
func BenchmarkHandler(b *testing.B) {
	st := openCorpus(b)
	h := graph.NewHandler(st, graph.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), LoaderWait: *loaderWait})
	for _, file := range []string{"person-positions", "neighborhood-nukib", "agencies-at-dialogues", "search-typo-prefix"} {
		q, err := os.ReadFile(filepath.Join("..", "docs", "queries", file+".graphql"))
		if err != nil {
			b.Fatal(err)
		}
		body, _ := json.Marshal(map[string]string{"query": string(q)})
		b.Run(file, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}

var goClient = flag.Bool("goclient", false, "BenchmarkOneHop: send requests with Go's http.Client instead of the lean load generator")

var loaderWait = flag.Duration("loaderwait", 0, "BenchmarkOneHop: how long loaders gather keys (0: loaders.DefaultWait)")

// drive runs do n times from clients concurrent goroutines and returns
// each call's latency and the time they took.
func drive(b *testing.B, n int, do func() error) ([]time.Duration, time.Duration) {
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

// clients is how many requests are in flight at once: twice the cores.
var clients = 2 * runtime.GOMAXPROCS(0)

func pct(lat []time.Duration, q float64) float64 {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000
}

func checkAnswer(client *http.Client, url string, body []byte) error {
	res, err := client.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var r response
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		return err
	}
	if len(r.Errors) > 0 || len(r.Data) < 50 {
		return fmt.Errorf("answer %s, errors %+v", r.Data, r.Errors)
	}
	return nil
}

// openCorpus ingests the repository's corpus into a fresh SQLite store.
func openCorpus(b testing.TB) store.Store {
	b.Helper()
	st := openStore(b)
	p, err := ingest.New()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "corpus", "*.txt"))
	if len(files) == 0 {
		b.Fatal("no corpus documents in ../corpus")
	}
	ctx := context.Background()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		batch, err := p.Process(ctx, filepath.Base(f), data)
		if err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		if _, err := st.WriteBatch(ctx, batch); err != nil {
			b.Fatalf("%s: %v", f, err)
		}
	}
	return st
}

const (
	nukib = "organization:national-cyber-and-information-security-agency"
	pavel = "person:pavel-stepanik"
)

// The direct counterparts make the store calls each example needs, batched
// as the loaders batch them.

func directPositions(ctx context.Context, st store.Store) error {
	if _, err := st.Entity(ctx, pavel); err != nil {
		return err
	}
	rels, err := st.Expand(ctx, store.Expand{IDs: []string{pavel}, Direction: store.Both})
	if err != nil {
		return err
	}
	var objs, relIDs []string
	for _, r := range rels {
		if r.Type == schema.HoldsPosition && r.Subject == pavel {
			objs, relIDs = append(objs, r.Object), append(relIDs, r.ID)
		}
	}
	if _, err := st.EntitiesByID(ctx, objs); err != nil {
		return err
	}
	return evidenceDocs(ctx, st, relIDs)
}

func directNeighborhood(ctx context.Context, st store.Store) error {
	if _, err := st.Entity(ctx, nukib); err != nil {
		return err
	}
	rels, err := st.Expand(ctx, store.Expand{IDs: []string{nukib}, Direction: store.Both})
	if err != nil {
		return err
	}
	ids := []string{nukib}
	for _, r := range rels {
		for _, end := range []string{r.Subject, r.Object} {
			if !slices.Contains(ids, end) {
				ids = append(ids, end)
			}
		}
	}
	// The edges among the neighbors.
	if _, err := st.Expand(ctx, store.Expand{IDs: ids[1:], Direction: store.Both}); err != nil {
		return err
	}
	_, err = st.EntitiesByID(ctx, ids)
	return err
}

func directAgencies(ctx context.Context, st store.Store) error {
	t, k := schema.Event, "DIALOGUE"
	page, err := st.Entities(ctx, store.EntityFilter{Type: &t, Kind: &k, OrderBy: store.OrderByDateAsc, Page: store.Page{First: 50}})
	if err != nil {
		return err
	}
	ids := make([]string, len(page.Items))
	for i, e := range page.Items {
		ids[i] = e.ID
	}
	rels, err := st.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both})
	if err != nil {
		return err
	}
	// Participants of the type asked and places; the evidence of every
	// fact about the events.
	var ends, relIDs []string
	for _, r := range rels {
		relIDs = append(relIDs, r.ID)
		end := ""
		switch {
		case r.Type == schema.Attended && slices.Contains(ids, r.Object):
			if t, _ := store.TypeOf(r.Subject); t == schema.Organization {
				end = r.Subject
			}
		case r.Type == schema.HeldIn && slices.Contains(ids, r.Subject):
			end = r.Object
		}
		if end != "" && !slices.Contains(ends, end) {
			ends = append(ends, end)
		}
	}
	if _, err := st.EntitiesByID(ctx, ends); err != nil {
		return err
	}
	return evidenceDocs(ctx, st, relIDs)
}

func directSearch(ctx context.Context, st store.Store) error {
	_, err := st.Search(ctx, "nuki", nil, 5)
	return err
}

// evidenceDocs loads the evidence of relIDs and the documents it cites.
func evidenceDocs(ctx context.Context, st store.Store, relIDs []string) error {
	evs, err := st.EvidenceFor(ctx, relIDs)
	if err != nil {
		return err
	}
	var docs []string
	for _, g := range evs {
		for _, ev := range g {
			if ev.DocumentID != "" && !slices.Contains(docs, ev.DocumentID) {
				docs = append(docs, ev.DocumentID)
			}
		}
	}
	_, err = st.DocumentsByID(ctx, docs)
	return err
}
