package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/graph"
)

// limits are serve's flags for what one request, and all of them
// together, may cost. docs/OPERATIONS.md explains each.
type limits struct {
	timeout         time.Duration
	maxBody         int64
	maxCost         int64
	maxRows         int64
	maxResponse     int
	maxDepth        int
	maxInFlight     int
	maxPerClient    int
	maxHeavy        int
	memoryLimit     string
	shutdownTimeout time.Duration
	responseCache   int
	noPlans         bool
	live            graph.Live
}

func registerLimits(fl *flag.FlagSet) *limits {
	l := &limits{}
	fl.DurationVar(&l.timeout, "timeout", 10*time.Second, "longest a GraphQL request may run, body included")
	fl.Int64Var(&l.maxBody, "max-body", 1<<20, "largest GraphQL request body, in bytes")
	fl.Int64Var(&l.maxCost, "max-cost", 100_000, "largest estimated cost (items a query could return) accepted before it runs")
	fl.Int64Var(&l.maxRows, "max-rows", 100_000, "most list items one request may resolve while it runs")
	fl.IntVar(&l.maxResponse, "max-response", 16<<20, "largest answer, in bytes of JSON")
	fl.IntVar(&l.maxDepth, "max-depth", 12, "deepest nesting of fields in a query")
	fl.IntVar(&l.maxInFlight, "max-inflight", 64, "GraphQL requests executing at once; more get 429")
	fl.IntVar(&l.maxPerClient, "max-per-client", 16, "GraphQL requests of one API key or address executing at once; more get 429")
	fl.IntVar(&l.maxHeavy, "max-heavy", 2, "queries estimated at 10,000 items or more executing at once; more wait, then fail SERVER_BUSY")
	fl.StringVar(&l.memoryLimit, "memory-limit", "384MiB", "soft limit of the Go heap (GOMEMLIMIT, which wins when set); e.g. 512MiB, 1GiB, off")
	fl.DurationVar(&l.shutdownTimeout, "shutdown-timeout", 10*time.Second, "on SIGTERM, how long requests in flight may finish before they are cancelled")
	fl.DurationVar(&l.live.InitTimeout, "ws-init-timeout", 10*time.Second, "how long a websocket may take to send connection_init before it is closed (4408)")
	fl.IntVar(&l.live.MaxSubscriptions, "max-subscriptions", 16, "subscriptions one websocket may hold at once")
	fl.IntVar(&l.live.MaxStreamsPerClient, "max-streams-per-client", 8, "websockets and /events streams one API key or address may hold open at once; more get 429")
	fl.IntVar(&l.live.MaxMessageRate, "ws-max-rate", 20, "messages a second a websocket may send (bursts of twice as many); a faster client is closed (1008)")
	fl.IntVar(&l.responseCache, "response-cache", 0, "query answers kept and served again until this server writes to the graph (0: off; writes by other processes are not seen)")
	fl.BoolVar(&l.noPlans, "no-plans", false, "answer every query through gqlgen's executor, without compiled plans")
	return l
}

func (l *limits) check() error {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"--timeout", l.timeout > 0}, {"--max-body", l.maxBody > 0}, {"--max-cost", l.maxCost > 0},
		{"--max-rows", l.maxRows > 0}, {"--max-response", l.maxResponse > 0}, {"--max-depth", l.maxDepth > 0},
		{"--max-inflight", l.maxInFlight > 0}, {"--max-per-client", l.maxPerClient > 0}, {"--max-heavy", l.maxHeavy > 0},
		{"--shutdown-timeout", l.shutdownTimeout >= 0}, {"--response-cache", l.responseCache >= 0},
		{"--ws-init-timeout", l.live.InitTimeout > 0}, {"--max-subscriptions", l.live.MaxSubscriptions > 0},
		{"--max-streams-per-client", l.live.MaxStreamsPerClient > 0}, {"--ws-max-rate", l.live.MaxMessageRate > 0},
	} {
		if !c.ok {
			return fmt.Errorf("%s must be positive", c.name)
		}
	}
	_, err := parseBytes(l.memoryLimit)
	return err
}

func (l *limits) options() graph.Options {
	return graph.Options{
		Timeout: l.timeout, MaxBodyBytes: l.maxBody, MaxCost: l.maxCost, MaxRows: l.maxRows,
		MaxResponseBytes: l.maxResponse, MaxDepth: l.maxDepth, ResponseCache: l.responseCache, NoPlans: l.noPlans,
		Concurrency: graph.Concurrency{MaxInFlight: l.maxInFlight, MaxPerClient: l.maxPerClient, MaxHeavy: l.maxHeavy},
		Live:        l.live,
	}
}

// applyMemoryLimit sets the soft memory limit unless GOMEMLIMIT is set or
// the flag says off, and reports the limit it set.
func (l *limits) applyMemoryLimit() (int64, bool) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return 0, false
	}
	n, _ := parseBytes(l.memoryLimit) // checked by check
	if n == math.MaxInt64 {
		return 0, false
	}
	debug.SetMemoryLimit(n)
	return n, true
}

// parseBytes reads a size as GOMEMLIMIT writes it: a number of bytes with
// an optional B, KiB, MiB, GiB or TiB suffix, or "off".
func parseBytes(s string) (int64, error) {
	if s == "off" {
		return math.MaxInt64, nil
	}
	mult := int64(1)
	num := s
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("--memory-limit %q: want a size such as 384MiB or 1GiB, or off", s)
	}
	return n * mult, nil
}
