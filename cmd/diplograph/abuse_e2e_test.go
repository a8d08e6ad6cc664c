package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Deadlines of the abuse suite: wide margins over what the server is
// asked to do (answer within its 3 s request timeout, /healthz at once),
// so that a busy CI machine does not fail them; the figures themselves go
// in the log.
const (
	abuseTimeout   = 3 * time.Second
	answerDeadline = abuseTimeout + 5*time.Second
	healthDeadline = 500 * time.Millisecond
	maxPeakRSS     = 512 << 20
)

// nestedRelations is the query of issue 12 that took the server down:
// an entity's relations' objects' relations…, depth levels deep.
func nestedRelations(depth int) string {
	q := "name"
	for range depth {
		q = "name relations { object { " + q + " } }"
	}
	return `{ entity(id: "country:czech-republic") { ` + q + ` } }`
}

// repeated is field written n times in one selection.
func repeated(n int, field string) string {
	return "{ " + strings.Repeat(field+" ", n) + "}"
}

// fragmentBomb is levels fragments, each spreading the next twice: small
// text, an exponential query.
func fragmentBomb(levels int) string {
	var b strings.Builder
	for i := range levels {
		fmt.Fprintf(&b, "fragment F%d on Entity { relations { subject { ...F%d } object { ...F%d } } } ", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Entity { id } ", levels)
	b.WriteString(`{ entity(id: "country:czech-republic") { ...F0 } }`)
	return b.String()
}

// deepInput is an argument object nested n levels deep.
func deepInput(n int) string {
	return `{ entities(filter: ` + strings.Repeat("{type: ", n) + "Person" + strings.Repeat("}", n) + `) { totalCount } }`
}

// abuseCase is one hostile request and what it must get back: a status,
// or any of the error codes (none: it is answered with data).
type abuseCase struct {
	name   string
	body   []byte
	status int
	codes  []string
}

func gqlBody(q string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return b
}

func abuseCases() []abuseCase {
	cost := []string{"COST_LIMIT_EXCEEDED"}
	cases := []abuseCase{
		{name: "nested relations depth 2 is answered", body: gqlBody(nestedRelations(2), nil)},
	}
	for d := 3; d <= 8; d++ {
		cases = append(cases, abuseCase{name: fmt.Sprintf("nested relations depth %d", d), body: gqlBody(nestedRelations(d), nil), codes: append(cost, "DEPTH_LIMIT_EXCEEDED")})
	}
	var aliases strings.Builder
	aliases.WriteString("{")
	for i := range 10_000 {
		fmt.Fprintf(&aliases, " a%d: stats { __typename }", i)
	}
	aliases.WriteString(" }")
	return append(cases,
		abuseCase{name: "10,000 aliases", body: gqlBody(aliases.String(), nil), codes: cost},
		abuseCase{name: "4,000 repeated fields", body: gqlBody(repeated(4000, "stats { __typename }"), nil), codes: cost},
		abuseCase{name: "900 repeated fields validate fast", body: gqlBody(repeated(450, "stats { __typename }"), nil)},
		abuseCase{name: "5 MB body", body: gqlBody(`{ stats { __typename } }`+strings.Repeat(" ", 5<<20), nil), status: http.StatusRequestEntityTooLarge, codes: []string{"BAD_REQUEST"}},
		abuseCase{name: "deeply nested input object", body: gqlBody(deepInput(2000), nil), codes: cost},
		abuseCase{name: "deeply nested variables", body: []byte(`{"query":"query($f: EntityFilter) { entities(filter: $f) { totalCount } }","variables":{"f":` +
			strings.Repeat(`{"type":`, 5000) + `"Person"` + strings.Repeat("}", 5000) + `}}`), codes: []string{"BAD_USER_INPUT", "BAD_REQUEST"}},
		abuseCase{name: "first: 1000000", body: gqlBody(`{ entities(first: 1000000) { totalCount } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		abuseCase{name: "first: 1000000 on a nested list", body: gqlBody(`{ entity(id: "country:czech-republic") { relations(first: 1000000) { id } } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		abuseCase{name: "negative first", body: gqlBody(`{ events(first: -5) { totalCount } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		abuseCase{name: "malformed cursor", body: gqlBody(`{ relations(after: "!!not a cursor!!") { totalCount } }`, nil), codes: []string{"BAD_USER_INPUT"}},
		abuseCase{name: "fragments spreading each other in a cycle", body: gqlBody(`fragment A on Entity { relations { subject { ...B } } } fragment B on Entity { relations { object { ...A } } } { entity(id: "x") { ...A } }`, nil), codes: []string{"GRAPHQL_VALIDATION_FAILED"}},
		abuseCase{name: "fragment bomb", body: gqlBody(fragmentBomb(40), nil), codes: []string{"GRAPHQL_VALIDATION_FAILED", "COST_LIMIT_EXCEEDED", "DEPTH_LIMIT_EXCEEDED"}},
	)
}

// TestAbuse is issue 12's suite: every hostile request is answered within
// its deadline with the outcome it must get, /healthz answers throughout,
// peak memory stays under 512 MiB and the graph is as it was.
func TestAbuse(t *testing.T) {
	if testing.Short() {
		t.Skip("abuse suite: runs the real server")
	}
	s := startServeIn(t, t.TempDir(), "--timeout", abuseTimeout.String())
	before := snapshotOf(t, s.url)
	stopHealth := watchHealth(t, s.url)
	client := &http.Client{Timeout: answerDeadline}

	for _, c := range abuseCases() {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			res, err := client.Post(s.url+"/graphql", "application/json", bytes.NewReader(c.body))
			if err != nil {
				t.Fatalf("no answer within %s: %v", answerDeadline, err)
			}
			defer res.Body.Close()
			var a struct {
				Data   json.RawMessage
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
				t.Fatalf("answer %d is not JSON: %v", res.StatusCode, err)
			}
			t.Logf("answered %d in %s", res.StatusCode, time.Since(start).Round(time.Millisecond))
			if c.status != 0 && res.StatusCode != c.status {
				t.Errorf("status %d, want %d", res.StatusCode, c.status)
			}
			if len(c.codes) == 0 {
				if len(a.Errors) > 0 || len(a.Data) < 10 {
					t.Errorf("want data, got %.200s %+v", a.Data, a.Errors)
				}
				return
			}
			if len(a.Errors) == 0 {
				t.Fatalf("want one of %v, got data %.200s", c.codes, a.Data)
			}
			code, _ := a.Errors[0].Extensions["code"].(string)
			if !contains(c.codes, code) {
				t.Errorf("code %q (%s), want one of %v", code, a.Errors[0].Message, c.codes)
			}
		})
	}

	t.Run("slowloris body", func(t *testing.T) {
		start := time.Now()
		conn, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
		closed := make(chan struct{})
		go func() {
			defer close(closed)
			bufio.NewReader(conn).ReadString('\n') // the answer, or the close
		}()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-closed:
				t.Logf("server ended the trickled request after %s", time.Since(start).Round(time.Millisecond))
				return
			case <-tick.C:
				conn.Write([]byte(" "))
			case <-time.After(answerDeadline + 5*time.Second):
				t.Fatalf("a body trickled a byte at a time held a request for more than %s", answerDeadline+5*time.Second)
			}
		}
	})

	t.Run("200 concurrent heavy requests", func(t *testing.T) {
		heavy := gqlBody(`{ a: entity(id: "country:czech-republic") { relations(first: 100) { object { relations(first: 100) { subject { name } } } } }
			b: relations(first: 200) { edges { node { evidence(first: 20) { sentence document { title } } } } } }`, nil)
		var ok, shed, busy, other atomic.Int64
		var wg sync.WaitGroup
		for range 200 {
			wg.Go(func() {
				res, err := client.Post(s.url+"/graphql", "application/json", bytes.NewReader(heavy))
				if err != nil {
					t.Errorf("no answer within %s: %v", answerDeadline, err)
					return
				}
				defer res.Body.Close()
				var a struct {
					Errors []struct{ Extensions map[string]any }
				}
				json.NewDecoder(res.Body).Decode(&a)
				switch {
				case res.StatusCode == http.StatusTooManyRequests && res.Header.Get("Retry-After") != "":
					shed.Add(1)
				case len(a.Errors) == 0:
					ok.Add(1)
				case a.Errors[0].Extensions["code"] == "SERVER_BUSY" || a.Errors[0].Extensions["code"] == "TIMEOUT":
					busy.Add(1)
				default:
					other.Add(1)
					t.Errorf("status %d, errors %+v", res.StatusCode, a.Errors)
				}
			})
		}
		wg.Wait()
		t.Logf("answered %d, shed with 429 %d, busy or timed out %d, other %d", ok.Load(), shed.Load(), busy.Load(), other.Load())
		if ok.Load() == 0 {
			t.Error("no heavy request was answered")
		}
	})

	stopHealth()
	if peak := peakRSS(t, s.cmd.Process.Pid); peak > maxPeakRSS {
		t.Errorf("peak RSS %d MiB, want under %d MiB", peak>>20, maxPeakRSS>>20)
	} else {
		t.Logf("peak RSS %d MiB", peak>>20)
	}
	if after := snapshotOf(t, s.url); after != before {
		t.Errorf("graph changed:\nbefore %s\nafter  %s", before, after)
	}
}

// watchHealth polls /healthz until the returned stop is called, failing
// the test if one answer takes longer than healthDeadline.
func watchHealth(t *testing.T, url string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	client := &http.Client{Timeout: 5 * time.Second}
	go func() {
		defer close(finished)
		var worst time.Duration
		n := 0
		for {
			select {
			case <-done:
				t.Logf("/healthz: %d polls, slowest %s", n, worst.Round(time.Microsecond))
				return
			case <-time.After(20 * time.Millisecond):
			}
			start := time.Now()
			res, err := client.Get(url + "/healthz")
			d := time.Since(start)
			n++
			worst = max(worst, d)
			if err != nil {
				t.Errorf("/healthz: %v", err)
				continue
			}
			res.Body.Close()
			if res.StatusCode != 200 || d > healthDeadline {
				t.Errorf("/healthz answered %d in %s, want 200 within %s", res.StatusCode, d, healthDeadline)
			}
		}
	}()
	return func() { close(done); <-finished }
}

// peakRSS is the most resident memory the process has had (VmHWM).
func peakRSS(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}

// TestShutdownCancelsRequests: SIGTERM with a request in flight stops the
// server within its grace period plus a margin, whatever the request.
func TestShutdownCancelsRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real server")
	}
	s := startServeIn(t, t.TempDir(), "--shutdown-timeout", "1s", "--timeout", "30s")
	go http.Post(s.url+"/graphql", "application/json", bytes.NewReader(gqlBody(nestedRelations(2), nil)))
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM, want 0", err)
		}
		t.Logf("stopped %s after SIGTERM", time.Since(start).Round(time.Millisecond))
		s.done <- err // for the cleanup
	case <-time.After(15 * time.Second):
		t.Fatal("serve still running 15 s after SIGTERM with a 1 s grace period")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
