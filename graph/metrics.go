package graph

import (
	"fmt"
	"io"
	"net/http"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Metrics counts what the server does, for /metrics in the Prometheus text
// format. It is written by hand because the few series it keeps do not
// justify a client library.
type Metrics struct {
	mu        sync.Mutex
	requests  map[[2]string]uint64 // path, status
	durations map[string]*histogram
	errors    map[string]uint64 // extensions.code
	ingested  map[string]uint64 // added, unchanged, failed
	shed      map[string]uint64 // requests refused with 429, by limit
}

// NewMetrics returns empty metrics.
func NewMetrics() *Metrics {
	return &Metrics{
		requests:  map[[2]string]uint64{},
		durations: map[string]*histogram{},
		errors:    map[string]uint64{},
		ingested:  map[string]uint64{},
		shed:      map[string]uint64{},
	}
}

// Latency buckets in seconds: one-hop queries should land in the first few.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	n      uint64
}

func (m *Metrics) observe(path string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{path, strconv.Itoa(status)}]++
	h := m.durations[path]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.durations[path] = h
	}
	s := d.Seconds()
	if i, _ := slices.BinarySearch(buckets, s); i < len(buckets) {
		h.counts[i]++
	}
	h.sum += s
	h.n++
}

// GraphQLError counts an error sent to a client, by its extensions.code.
func (m *Metrics) GraphQLError(code string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.errors[code]++
}

// Shed counts a request refused with 429 by the limit that refused it.
func (m *Metrics) Shed(limit string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.shed[limit]++
}

// Ingested counts n ingested files by result: added, unchanged or failed.
func (m *Metrics) Ingested(result string, n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.ingested[result] += uint64(n)
}

// Expose writes the metrics in the Prometheus text exposition format.
func (m *Metrics) Expose(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP diplograph_http_requests_total HTTP requests by route and status.")
	fmt.Fprintln(w, "# TYPE diplograph_http_requests_total counter")
	for _, k := range sortedKeys(m.requests, func(k [2]string) string { return k[0] + " " + k[1] }) {
		fmt.Fprintf(w, "diplograph_http_requests_total{path=%q,code=%q} %d\n", k[0], k[1], m.requests[k])
	}
	fmt.Fprintln(w, "# HELP diplograph_http_request_duration_seconds Time to answer HTTP requests, by route.")
	fmt.Fprintln(w, "# TYPE diplograph_http_request_duration_seconds histogram")
	for _, path := range sortedKeys(m.durations, func(k string) string { return k }) {
		h := m.durations[path]
		var cum uint64
		for i, b := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "diplograph_http_request_duration_seconds_bucket{path=%q,le=%q} %d\n", path, strconv.FormatFloat(b, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "diplograph_http_request_duration_seconds_bucket{path=%q,le=\"+Inf\"} %d\n", path, h.n)
		fmt.Fprintf(w, "diplograph_http_request_duration_seconds_sum{path=%q} %g\n", path, h.sum)
		fmt.Fprintf(w, "diplograph_http_request_duration_seconds_count{path=%q} %d\n", path, h.n)
	}
	fmt.Fprintln(w, "# HELP diplograph_graphql_errors_total Errors sent to GraphQL clients, by extensions.code.")
	fmt.Fprintln(w, "# TYPE diplograph_graphql_errors_total counter")
	for _, code := range sortedKeys(m.errors, func(k string) string { return k }) {
		fmt.Fprintf(w, "diplograph_graphql_errors_total{code=%q} %d\n", code, m.errors[code])
	}
	fmt.Fprintln(w, "# HELP diplograph_ingested_documents_total Files ingested, by result.")
	fmt.Fprintln(w, "# TYPE diplograph_ingested_documents_total counter")
	for _, res := range sortedKeys(m.ingested, func(k string) string { return k }) {
		fmt.Fprintf(w, "diplograph_ingested_documents_total{result=%q} %d\n", res, m.ingested[res])
	}
	fmt.Fprintln(w, "# HELP diplograph_shed_requests_total Requests refused with 429, by the limit that refused them.")
	fmt.Fprintln(w, "# TYPE diplograph_shed_requests_total counter")
	for _, k := range sortedKeys(m.shed, func(k string) string { return k }) {
		fmt.Fprintf(w, "diplograph_shed_requests_total{limit=%q} %d\n", k, m.shed[k])
	}
	exposeRuntime(w)
}

// runtimeSamples are the process figures a soak run watches for growth;
// runtime/metrics reads them without stopping the world.
var runtimeSamples = []struct{ name, help, metric string }{
	{"go_goroutines", "Goroutines that currently exist.", "/sched/goroutines:goroutines"},
	{"go_memstats_heap_inuse_bytes", "Bytes of heap memory occupied by live objects and unswept spans.", "/memory/classes/heap/objects:bytes"},
	{"go_memstats_sys_bytes", "Bytes of memory obtained from the OS.", "/memory/classes/total:bytes"},
}

func exposeRuntime(w io.Writer) {
	samples := make([]metrics.Sample, len(runtimeSamples))
	for i, r := range runtimeSamples {
		samples[i].Name = r.metric
	}
	metrics.Read(samples)
	for i, r := range runtimeSamples {
		if samples[i].Value.Kind() != metrics.KindUint64 {
			continue
		}
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %d\n", r.name, r.help, r.name, r.name, samples[i].Value.Uint64())
	}
}

func sortedKeys[K comparable, V any](m map[K]V, key func(K) string) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b K) int {
		switch x, y := key(a), key(b); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	return ks
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
