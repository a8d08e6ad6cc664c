package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// BenchmarkAgenciesAtDialogues drives a real HTTP server with concurrent
// clients running the query of issue 2 over 50 events, and reports latency
// percentiles beside ns/op. BenchmarkAgenciesAtDialoguesDirect makes the
// same store calls without GraphQL, so the two give the API's overhead.
func BenchmarkAgenciesAtDialogues(b *testing.B) {
	st := openStoreB(b)
	url := serveB(b, st)
	body, _ := json.Marshal(map[string]string{"query": agenciesAtDialogues})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			res, err := client.Post(url+"/graphql", "application/json", bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	reportLatency(b, lat)
}

func BenchmarkAgenciesAtDialoguesDirect(b *testing.B) {
	st := openStoreB(b)
	ctx := context.Background()
	var mu sync.Mutex
	var lat []time.Duration
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			if err := directAgencies(ctx, st); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	reportLatency(b, lat)
}

// directAgencies makes the store calls the query needs, batched as the
// loaders batch them.
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
	var ends, relIDs []string
	for _, r := range rels {
		ends = append(ends, r.Subject)
		relIDs = append(relIDs, r.ID)
	}
	if _, err := st.EntitiesByID(ctx, ends); err != nil {
		return err
	}
	evs, err := st.EvidenceFor(ctx, relIDs)
	if err != nil {
		return err
	}
	var docs []string
	for _, g := range evs {
		for _, ev := range g {
			if !slices.Contains(docs, ev.DocumentID) {
				docs = append(docs, ev.DocumentID)
			}
		}
	}
	_, err = st.DocumentsByID(ctx, docs)
	return err
}

func openStoreB(b *testing.B) store.Store {
	b.Helper()
	st := openStore(b)
	seed(b, st, 50, 10)
	return st
}

func serveB(b *testing.B, st store.Store) string {
	b.Helper()
	return serve(b, st, graph.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

func reportLatency(b *testing.B, lat []time.Duration) {
	b.Helper()
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
