package graph_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/store"
)

// TestMain runs every test of the package with graph.PlanCheckEnv set, so
// that every query any test sends and a compiled plan answers is also
// answered by gqlgen's executor and compared byte for byte; one answer
// that differs fails the run. Benchmarks run without it.
func TestMain(m *testing.M) {
	flag.Parse()
	if b := flag.Lookup("test.bench"); b != nil && b.Value.String() != "" {
		// Benchmarks measure the server as it runs, without the check.
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "diplograph-plancheck")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	check := filepath.Join(dir, "check")
	os.Setenv(graph.PlanCheckEnv, check)
	code := m.Run()
	same, differs := readPlanCheck(check)
	os.RemoveAll(dir)
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "compiled plans: %d answers compared with the executor's, %d differ\n", same+len(differs), len(differs))
	}
	if len(differs) > 0 {
		fmt.Fprintf(os.Stderr, "compiled plans: %d answers the same as the executor's, %d differ:\n%s\n", same, len(differs), strings.Join(differs, "\n"))
		code = 1
	}
	os.Exit(code)
}

// readPlanCheck reads a graph.PlanCheckEnv file: how many answers were
// the same, and the comparisons that differed.
func readPlanCheck(path string) (same int, differs []string) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		switch line := sc.Text(); {
		case line == "same":
			same++
		case strings.HasPrefix(line, "differs"):
			differs = append(differs, line)
		case len(differs) > 0:
			differs[len(differs)-1] += "\n" + line
		}
	}
	return same, differs
}

// planQuery is one request of TestPlansMatchExecutor.
type planQuery struct {
	name, query string
	vars        json.RawMessage
	planned     bool // must be answered by a plan
}

// TestPlansMatchExecutor sends every question of the benchmark
// (bench/peer/ours), every read-only example of docs/queries and the
// cases below to two servers over one store, one with compiled plans and
// one answering through gqlgen's executor alone (Options.NoPlans), and
// compares the HTTP bodies byte for byte. The benchmark's questions must
// be answered by plans; the cases that a plan must leave to the executor
// (errors, nulls where the schema has none, a budget crossed, a deadline
// passed, directives, introspection) must still answer the same.
func TestPlansMatchExecutor(t *testing.T) {
	st := openCorpus(t)
	var qs []planQuery
	files, _ := filepath.Glob(filepath.Join("..", "bench", "peer", "ours", "*.graphql"))
	for _, f := range files {
		q, _ := os.ReadFile(f)
		vars, _ := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".vars.json")
		qs = append(qs, planQuery{name: "bench/" + filepath.Base(f), query: string(q), vars: vars, planned: true})
	}
	examples, _ := filepath.Glob(filepath.Join("..", "docs", "queries", "*.graphql"))
	for _, f := range examples {
		q, _ := os.ReadFile(f)
		if bytes.Contains(q, []byte("\nmutation")) || bytes.HasPrefix(q, []byte("mutation")) {
			continue // it would change the store between the two answers
		}
		qs = append(qs, planQuery{name: "docs/" + filepath.Base(f), query: string(q)})
	}
	if len(files) == 0 || len(examples) == 0 {
		t.Fatal("no queries in ../bench/peer/ours or ../docs/queries")
	}
	for _, c := range []planQuery{
		{name: "fragments, aliases and __typename", planned: true, query: `query F($id: ID!) {
			n: entity(id: $id) { __typename ...E ... on Organization { kind aliases } }
			m: entity(id: $id) { id }
			__typename
		}
		fragment E on Entity { id name type relations(types: [ATTENDED]) { __typename id t: type subject { __typename id ... on Event { date status } } } }`,
			vars: json.RawMessage(`{"id": "` + nukib + `"}`)},
		{name: "not found", query: `{ entity(id: "person:nobody") { id name } }`},
		{name: "concurrent lists", planned: true, query: `{ search(text: "cyber", first: 20) { entity { id ... on Event { participants { id name } } } } }`},
		{name: "timelines", planned: true, query: `{ entities(filter: {type: Person}, first: 20) { totalCount edges { cursor node { id timeline { kind date endDate status tense } } } pageInfo { hasNextPage endCursor } } }`},
		{name: "relation documents", planned: true, query: `{ relations(filter: {type: [ATTENDED]}, first: 30) { totalCount edges { node { id confidence since until tense documents { id title } evidence { sentence document { id title } } } } } }`},
		{name: "a bad argument", query: `{ events(first: -1) { edges { node { id } } } }`},
		{name: "a relation not found", query: `{ relation(id: "relation:nothing") { id } }`},
		{name: "a directive", query: `query D($on: Boolean!) { events(first: 3) { edges { node { id name @include(if: $on) } } } }`, vars: json.RawMessage(`{"on": true}`)},
		{name: "introspection", query: `{ __schema { queryType { name } } }`},
		{name: "a variable of the wrong type", query: `query V($n: Int) { events(first: $n) { totalCount } }`, vars: json.RawMessage(`{"n": "x"}`)},
	} {
		qs = append(qs, c)
	}

	for _, o := range []struct {
		name string
		opts graph.Options
	}{
		{"defaults", graph.Options{}},
		{"a budget of 25 rows", graph.Options{MaxRows: 25}},
	} {
		t.Run(o.name, func(t *testing.T) {
			plans := o.opts
			plans.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
			exec := plans
			exec.NoPlans = true
			withPlans, without := serve(t, st, plans), serve(t, st, exec)
			for _, q := range qs {
				body, _ := json.Marshal(map[string]any{"query": q.query, "variables": q.vars})
				before := graph.PlansAnswered()
				got := rawPost(t, withPlans, body)
				answered := graph.PlansAnswered() - before
				want := rawPost(t, without, body)
				if o.opts.MaxRows > 0 && strings.Contains(want, `"RESOURCE_LIMIT_EXCEEDED"`) {
					// Which list crosses the budget first is up to the
					// executor's goroutines where it resolves fields
					// concurrently (stats, unprimed lists), so its answers
					// may differ from one request to the next: the plan
					// must have left the request to it.
					if answered != 0 || !strings.Contains(got, `"RESOURCE_LIMIT_EXCEEDED"`) {
						t.Errorf("%s: crossed the budget: answered by a plan %d times, want 0: %s", q.name, answered, got)
					}
					continue
				}
				if got != want {
					t.Errorf("%s: with plans\n%s\nwithout\n%s", q.name, got, want)
				}
				if o.name == "defaults" && q.planned && answered != 1 {
					t.Errorf("%s: answered by a plan %d times, want 1: %s", q.name, answered, got)
				}
			}
		})
	}
}

// rawPost sends body to /graphql and returns the status and the body.
func rawPost(t *testing.T, url string, body []byte) string {
	t.Helper()
	res, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return fmt.Sprintf("%d %s", res.StatusCode, raw)
}

// TestWriteQuoted holds the plans' string writer to graphql.MarshalString.
func TestWriteQuoted(t *testing.T) {
	for _, s := range []string{"", "plain", `quo"te`, `back\slash`, "tab\tnew\nline\rret", "\x00\x01\x1f\x7f", "Dušan Navrátil", "<b>&amp;</b>", "bad \xff utf-8 \xc3", "\u2028\u2029", "emoji 🙂"} {
		var want, got bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		graph.WriteQuoted(&got, s)
		if got.String() != want.String() {
			t.Errorf("writeQuoted(%q) = %s, want %s", s, got.String(), want.String())
		}
	}
}

// FuzzWriteQuoted holds the plans' string writer to graphql.MarshalString
// on any string.
func FuzzWriteQuoted(f *testing.F) {
	f.Add("quo\"te\\\n\x00\xff")
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		graph.WriteQuoted(&got, s)
		if got.String() != want.String() {
			t.Errorf("writeQuoted(%q) = %s, want %s", s, got.String(), want.String())
		}
	})
}

// stalling is a store whose relation listings wait for the request's
// deadline.
type stalling struct{ store.Store }

func (s stalling) Relations(ctx context.Context, _ store.RelationFilter) (store.RelationPage, error) {
	<-ctx.Done()
	return store.RelationPage{}, ctx.Err()
}

// TestPlansGiveUp checks that where a resolver fails, panics or runs
// past the deadline, the plan leaves the request to the executor, whose
// answer (errors, paths, nulls) is the one given.
func TestPlansGiveUp(t *testing.T) {
	st := openStore(t)
	seed(t, st, 3, 2)
	for _, c := range []struct {
		name  string
		st    store.Store
		opts  graph.Options
		query string
	}{
		{"a raw error", failing{Store: st}, graph.Options{}, `{ entities { totalCount edges { node { id } } } }`},
		{"a panic", failing{Store: st, panics: true}, graph.Options{}, `{ entities { totalCount edges { node { id } } } }`},
		{"the deadline", stalling{st}, graph.Options{Timeout: 100 * time.Millisecond}, `{ relations(first: 5) { edges { node { id } } } }`},
	} {
		t.Run(c.name, func(t *testing.T) {
			plans := c.opts
			plans.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
			exec := plans
			exec.NoPlans = true
			body, _ := json.Marshal(map[string]any{"query": c.query})
			before := graph.PlansAnswered()
			got := rawPost(t, serve(t, c.st, plans), body)
			answered := graph.PlansAnswered() - before
			want := rawPost(t, serve(t, c.st, exec), body)
			if got != want || answered != 0 {
				t.Errorf("with plans (answered by a plan %d times, want 0)\n%s\nwithout\n%s", answered, got, want)
			}
			if !strings.Contains(got, `"errors"`) {
				t.Errorf("no error in %s", got)
			}
		})
	}
}
