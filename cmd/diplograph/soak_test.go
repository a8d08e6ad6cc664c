package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var (
	soakFor   = flag.Duration("soak", 0, "run TestSoak for this long (also DIPLOGRAPH_SOAK=duration)")
	soakWrite = flag.Bool("soak-write", true, "let a writer ingest during TestSoak; false reads only, so memory growth is not the graph's")
)

// soakQueries are what the readers send, round robin: the issue-2 query
// GraphiQL opens with, and the other shapes analysts and dashboards use.
var soakQueries = []string{
	agenciesAtDialogues,
	`{ search(text: "Czech", first: 10) { score entity { id name type } } }`,
	`{ entities(first: 100) { totalCount edges { cursor node { id name aliases } } pageInfo { hasNextPage endCursor } } }`,
	`{ relations(first: 50) { totalCount edges { node { type confidence subject { name } object { name } evidence { sentence document { title } } } } } }`,
	`{ neighborhood(id: "country:czech-republic", depth: 2, limit: 200) { truncated nodes { id name } edges { type subject { id } object { id } } } }`,
	`{ events(first: 50, orderBy: DATE_DESC) { totalCount edges { node { name date kind participants { name } } } } }`,
}

// soakReaders is how many clients query at once.
const soakReaders = 8

// TestSoak drives a server with concurrent readers while a writer posts
// documents to /ingest, for -soak (or DIPLOGRAPH_SOAK) long, and reports
// requests served, errors, latency, memory and goroutines. It fails on any
// error; the figures are for the report, not pass/fail.
//
//	go test ./cmd/diplograph -run TestSoak -v -soak 60s
func TestSoak(t *testing.T) {
	d := *soakFor
	if env := os.Getenv("DIPLOGRAPH_SOAK"); d == 0 && env != "" {
		var err error
		if d, err = time.ParseDuration(env); err != nil {
			t.Fatalf("DIPLOGRAPH_SOAK=%q: %v", env, err)
		}
	}
	if d <= 0 {
		t.Skip("soak test: pass -soak 60s or set DIPLOGRAPH_SOAK=60s to run it")
	}
	s := startServe(t)
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: soakReaders + 2},
	}

	// Every query must work before it is repeated.
	for _, q := range soakQueries {
		if _, err := soakQuery(client, s.url, q); err != nil {
			t.Fatalf("query before the soak: %v\n%s", err, q)
		}
	}
	texts := soakTexts(t)
	before := sample(t, client, s)

	var (
		served, failed atomic.Int64
		mu             sync.Mutex
		lat            []time.Duration
		latBy          = make([][]time.Duration, len(soakQueries))
		firstErrs      []string
		ingested       atomic.Int64
	)
	fail := func(err error) {
		failed.Add(1)
		mu.Lock()
		if len(firstErrs) < 10 {
			firstErrs = append(firstErrs, err.Error())
		}
		mu.Unlock()
	}
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for r := range soakReaders {
		wg.Go(func() {
			mine := make([][]time.Duration, len(soakQueries))
			for i := r; time.Now().Before(deadline); i++ {
				q := i % len(soakQueries)
				took, err := soakQuery(client, s.url, soakQueries[q])
				served.Add(1)
				if err != nil {
					fail(err)
					continue
				}
				mine[q] = append(mine[q], took)
			}
			mu.Lock()
			for q, ds := range mine {
				lat = append(lat, ds...)
				latBy[q] = append(latBy[q], ds...)
			}
			mu.Unlock()
		})
	}
	wg.Go(func() {
		for i := 0; *soakWrite && time.Now().Before(deadline); i++ {
			body := soakDocument(texts, i)
			res, err := client.Post(fmt.Sprintf("%s/ingest?filename=soak-%05d.txt", s.url, i), "text/plain", strings.NewReader(body))
			if err != nil {
				fail(fmt.Errorf("POST /ingest: %w", err))
				continue
			}
			raw, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusOK {
				fail(fmt.Errorf("POST /ingest soak-%05d.txt = %d: %s", i, res.StatusCode, raw))
				continue
			}
			ingested.Add(1)
		}
	})
	wg.Wait()
	client.CloseIdleConnections()
	time.Sleep(2 * time.Second) // let idle connections' goroutines end
	after := sample(t, client, s)

	pct := func(lat []time.Duration, p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		slices.Sort(lat)
		return lat[min(len(lat)-1, int(float64(len(lat))*p))]
	}
	writers := 1
	if !*soakWrite {
		writers = 0
	}
	t.Logf("soak %v: %d readers, %d writer(s)", d, soakReaders, writers)
	t.Logf("requests served: %d (%.0f/s), errors: %d; documents ingested meanwhile: %d",
		served.Load(), float64(served.Load())/d.Seconds(), failed.Load(), ingested.Load())
	t.Logf("latency: p50 %v, p99 %v, max %v", pct(lat, 0.50), pct(lat, 0.99), pct(lat, 1))
	for q, ds := range latBy {
		name := strings.Join(strings.Fields(soakQueries[q]), " ")
		t.Logf("  %-50.50s %5d requests, p50 %v, p99 %v", name, len(ds), pct(ds, 0.5).Round(time.Millisecond), pct(ds, 0.99).Round(time.Millisecond))
	}
	t.Logf("start: %s", before)
	t.Logf("end:   %s", after)
	if n := failed.Load(); n > 0 {
		t.Errorf("%d of %d requests failed; first errors:\n%s", n, served.Load()+ingested.Load()+n, strings.Join(firstErrs, "\n"))
	}
	if *soakWrite && ingested.Load() == 0 {
		t.Error("the writer ingested nothing during the soak")
	}
}

// soakQuery posts one query and fails on any transport, HTTP or GraphQL
// error.
func soakQuery(c *http.Client, url, q string) (time.Duration, error) {
	body, _ := json.Marshal(map[string]string{"query": q})
	start := time.Now()
	res, err := c.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("POST /graphql: %w", err)
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("POST /graphql: reading the answer: %w", err)
	}
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil || res.StatusCode != 200 || len(r.Errors) > 0 || len(r.Data) < 3 {
		return 0, fmt.Errorf("POST /graphql = %d: %.300s", res.StatusCode, raw)
	}
	return took, nil
}

func soakTexts(t *testing.T) []string {
	t.Helper()
	srcs, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))
	var texts []string
	for _, s := range srcs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.TrimRight(string(b), "\n"))
	}
	if len(texts) == 0 {
		t.Fatalf("no corpus texts in %s", corpus)
	}
	return texts
}

// soakDocument is corpus text i with a paragraph of its own in the middle,
// so that every document is new to the store.
func soakDocument(texts []string, i int) string {
	paras := strings.Split(texts[i%len(texts)], "\n\n")
	extra := fmt.Sprintf("Soak note %d: this copy was filed under reference %06d.", i, i*7919%1000000)
	return strings.Join(slices.Insert(paras, len(paras)/2, extra), "\n\n") + "\n"
}

// processSample is what the server process looks like at one moment.
type processSample struct {
	rssKB, hwmKB, threads int
	goroutines            string // from /metrics when it reports them
	heap                  string
}

func (p processSample) String() string {
	return fmt.Sprintf("RSS %.1f MiB (peak %.1f MiB), %d OS threads, goroutines %s, Go heap in use %s",
		float64(p.rssKB)/1024, float64(p.hwmKB)/1024, p.threads, p.goroutines, p.heap)
}

// sample reads the server's memory and threads from /proc and its
// goroutines and heap from /metrics where it exposes Go runtime metrics.
func sample(t *testing.T, c *http.Client, s *server) processSample {
	t.Helper()
	p := processSample{goroutines: "n/a (not in /metrics)", heap: "n/a (not in /metrics)"}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		t.Fatalf("read the server's /proc status: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		switch k {
		case "VmRSS":
			p.rssKB = n
		case "VmHWM":
			p.hwmKB = n
		case "Threads":
			p.threads = n
		}
	}
	res, err := c.Get(s.url + "/metrics")
	if err != nil {
		return p
	}
	defer res.Body.Close()
	sc = bufio.NewScanner(res.Body)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), " ")
		switch {
		case !ok:
		case name == "go_goroutines":
			p.goroutines = val
		case name == "go_memstats_heap_inuse_bytes":
			if f, err := strconv.ParseFloat(val, 64); err == nil {
				p.heap = fmt.Sprintf("%.1f MiB", f/(1<<20))
			}
		}
	}
	return p
}
