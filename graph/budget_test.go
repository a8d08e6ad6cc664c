package graph_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
)

// TestCostEstimate: requests are priced from page sizes multiplied down
// the tree, refused above the budget with the costliest field named, and
// answered below it.
func TestCostEstimate(t *testing.T) {
	st := openStore(t)
	seed(t, st, 3, 2)
	url := serve(t, st, graph.Options{MaxCost: 10_000})
	tests := []struct {
		name    string
		query   string
		vars    map[string]any
		code    string // "" answered
		mention string // in the refusal
	}{
		{"one level of relations", `{ entities(first: 5) { edges { node { relations { id } } } } }`, nil, "", ""},
		// 1 + 50 × (1 + 1 + 100 × (1 + 1 + 100 × 2)) > 10,000
		{"two levels of defaults", `{ entities { edges { node { relations { object { relations { id } } } } } } }`, nil, "COST_LIMIT_EXCEEDED", "relations (100 each: first not given)"},
		{"small pages pass", `{ entities(first: 10) { edges { node { relations(first: 10) { object { relations(first: 10) { id } } } } } } }`, nil, "", ""},
		{"page size in a variable", `query($n: Int) { entities(first: $n) { edges { node { relations(first: 100) { id } } } } }`, map[string]any{"n": 500}, "COST_LIMIT_EXCEEDED", "entities (500 each)"},
		{"fragments priced where they spread", `fragment R on Entity { relations(first: 100) { object { id } } } { entities(first: 100) { edges { node { ...R } } } }`, nil, "COST_LIMIT_EXCEEDED", "entities (100 each)"},
		{"introspection is free", `{ __schema { types { name fields { name type { ofType { ofType { name } } } } } } }`, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, tt.vars)
			codes := r.codes()
			if tt.code == "" {
				if len(codes) > 0 {
					t.Fatalf("want data, got %v: %+v", codes, r.Errors)
				}
				return
			}
			if !slices.Equal(codes, []string{tt.code}) {
				t.Fatalf("codes %v (%+v), want [%s]", codes, r.Errors, tt.code)
			}
			if !strings.Contains(r.Errors[0].Message, tt.mention) {
				t.Errorf("message %q does not name %q", r.Errors[0].Message, tt.mention)
			}
		})
	}
}

// TestShapeLimits: counts of the text are refused before parsing.
func TestShapeLimits(t *testing.T) {
	st := openStore(t)
	url := serve(t, st, graph.Options{Shape: graph.ShapeLimits{MaxTokens: 500, MaxFields: 40, MaxAliases: 5, MaxNesting: 10}})
	tests := []struct {
		name, query, mention string
	}{
		{"tokens", "{" + strings.Repeat(" stats { __typename }", 200) + " }", "tokens"},
		{"fields", "{" + strings.Repeat(" stats { __typename }", 30) + " }", "60 fields"},
		{"aliases", "{ a: stats { __typename } b: stats { __typename } c: stats { __typename } d: stats { __typename } e: stats { __typename } f: stats { __typename } }", "6 aliases"},
		{"nesting", `{ entities(filter: {type: ` + strings.Repeat("{a: ", 12) + "1" + strings.Repeat("}", 12) + `}) { totalCount } }`, "levels of nesting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, nil)
			if codes := r.codes(); !slices.Equal(codes, []string{"COST_LIMIT_EXCEEDED"}) {
				t.Fatalf("codes %v (%+v)", codes, r.Errors)
			}
			if !strings.Contains(r.Errors[0].Message, tt.mention) {
				t.Errorf("message %q does not say %q", r.Errors[0].Message, tt.mention)
			}
		})
	}
	// Arguments, directives, fragment names and type conditions are not fields.
	ok := `query Q($x: Boolean = true) { stats @include(if: $x) { ... on Stats { __typename } ...S } } fragment S on Stats { __typename }`
	if r := query(t, url, ok, nil); len(r.Errors) > 0 {
		t.Errorf("%s: %+v", ok, r.Errors)
	}
}

// TestOverlapRule: the linear check refuses what the stock rule refused,
// and accepts what it accepted.
func TestOverlapRule(t *testing.T) {
	st := openStore(t)
	seed(t, st, 1, 0)
	url := serve(t, st, graph.Options{})
	tests := []struct {
		name  string
		query string
		ok    bool
	}{
		{"same field twice", `{ stats { __typename } stats { __typename } }`, true},
		{"same alias, other field", `{ x: entities { totalCount } x: events { totalCount } }`, false},
		{"same alias, other arguments", `{ x: entities(first: 1) { totalCount } x: entities(first: 2) { totalCount } }`, false},
		{"conflict one level down", `{ entities { edges { node { n: name } } } entities { edges { node { n: id } } } }`, false},
		{"conflict through a fragment", `fragment F on Query { x: events { totalCount } } { x: entities { totalCount } ...F }`, false},
		{"same field under exclusive types", `{ entity(id: "x") { ... on Person { v: name } ... on Country { v: name } } }`, true},
		{"conflicting types under exclusive types", `{ entity(id: "x") { ... on Event { v: date } ... on Country { v: aliases } } }`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, nil)
			failed := slices.Contains(r.codes(), "GRAPHQL_VALIDATION_FAILED")
			if failed == tt.ok {
				t.Errorf("validation failed = %v, want %v (%+v)", failed, !tt.ok, r.Errors)
			}
		})
	}
}

// TestRowBudget: a request that resolves more list items than its budget
// ends with the data so far, cut where the budget ran out, and one
// RESOURCE_LIMIT_EXCEEDED error.
func TestRowBudget(t *testing.T) {
	st := openStore(t)
	seed(t, st, 30, 0)
	url := serve(t, st, graph.Options{MaxRows: 40})
	r := query(t, url, `{ events(first: 30) { edges { node { name participants { name } } } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "RESOURCE_LIMIT_EXCEEDED" {
		t.Fatalf("errors %+v, want RESOURCE_LIMIT_EXCEEDED", r.Errors)
	}
	if !strings.Contains(string(r.Data), `"name":"Cyber Dialogue`) {
		t.Errorf("data %.200s: want the data resolved before the budget ran out", r.Data)
	}
	if len(r.Errors) != 1 {
		t.Errorf("%d errors, want 1: %+v", len(r.Errors), r.Errors)
	}
	if r := query(t, url, `{ events(first: 5) { edges { node { participants { name } } } } }`, nil); len(r.Errors) > 0 {
		t.Errorf("a small request after a spent one: %+v (budgets are per request)", r.Errors)
	}
}

// TestResponseBytes: an answer over the byte cap is refused whole.
func TestResponseBytes(t *testing.T) {
	st := openStore(t)
	seed(t, st, 20, 0)
	url := serve(t, st, graph.Options{MaxResponseBytes: 2000})
	r := query(t, url, `{ events(first: 20) { edges { node { name evidence { sentence } } } } }`, nil)
	if codes := r.codes(); len(codes) == 0 || codes[0] != "RESOURCE_LIMIT_EXCEEDED" {
		t.Fatalf("codes %v, want RESOURCE_LIMIT_EXCEEDED first", codes)
	}
}

// TestLoadShedding: past the per-client limit, requests get 429 with
// Retry-After at once, while /healthz answers.
func TestLoadShedding(t *testing.T) {
	st := openStore(t)
	seed(t, st, 5, 0)
	// A wait of a microsecond: with the store's reads from memory a
	// request here takes about 100 µs, and within a millisecond's wait
	// the queue drained before any was refused.
	url := serve(t, st, graph.Options{Concurrency: graph.Concurrency{MaxPerClient: 1, MaxInFlight: 1, QueueWait: time.Microsecond}})
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for i := range 40 {
		wg.Go(func() {
			r := query(t, url, fmt.Sprintf(`{ a%d: events(first: 5) { edges { node { participants { relations { evidence { sentence } } } } } } }`, i), nil)
			mu.Lock()
			statuses[r.status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if statuses[429] == 0 || statuses[200] == 0 {
		t.Errorf("statuses %v: want some answered and some refused with 429", statuses)
	}
}
