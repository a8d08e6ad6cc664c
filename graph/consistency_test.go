package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestDateArguments sends every argument that takes a date a value that
// is not one: each is refused with BAD_USER_INPUT, a message that names
// the argument as the caller wrote it, and the path of the field; real
// dates in the three forms pass.
func TestDateArguments(t *testing.T) {
	st := openStore(t)
	seed(t, st, 2, 1)
	srv := serve(t, st, graph.Options{Extract: fakeExtract})
	event := store.EntityID(schema.Event, "Cyber Dialogue 000")
	person := store.EntityID(schema.Person, "Envoy 000")

	// Each operation takes its one date in $d.
	type op struct {
		name  string // the field, and the first element of the error's path
		arg   string // the argument as the message must name it
		query string
	}
	ops := []op{
		{"events", "filter.from", `query($d: String) { events(filter: {from: $d}) { totalCount } }`},
		{"events", "filter.to", `query($d: String) { events(filter: {to: $d}) { totalCount } }`},
		{"documents", "filter.from", `query($d: String) { documents(filter: {from: $d}) { totalCount } }`},
		{"documents", "filter.to", `query($d: String) { documents(filter: {to: $d}) { totalCount } }`},
		{"relations", "filter.from", `query($d: String) { relations(filter: {from: $d}) { totalCount } }`},
		{"relations", "filter.to", `query($d: String) { relations(filter: {to: $d}) { totalCount } }`},
		{"timeline", "from", `query($d: String) { timeline(entity: "` + person + `", from: $d) { id } }`},
		{"timeline", "to", `query($d: String) { timeline(entity: "` + person + `", to: $d) { id } }`},
		{"ingestDocument", "input.date", `mutation($d: String) { ingestDocument(input: {text: "Ada Envoy attended the Test Summit.", filename: "d.txt", date: $d}) { existed } }`},
		{"assertRelation", "input.since", `mutation($d: String) { assertRelation(input: {subject: "` + person + `", type: ATTENDED, object: "` + event + `", note: "seen", since: $d}) { id } }`},
	}
	bad := []string{
		"last year",
		"2020-13",    // no thirteenth month
		"2020-00",    // nor a month zero
		"2021-02-30", // February has no 30th
		"2023-02-29", // nor a 29th outside leap years
		"2024-04-31",
		"2024-01-00",
		"2024-1-5",
		"24",
		"20240102",
		"2024-01-02T10:00:00Z",
		" 2024",
		"",
	}
	for _, o := range ops {
		for _, d := range bad {
			t.Run(o.name+" "+o.arg+" "+d, func(t *testing.T) {
				r := query(t, srv, o.query, map[string]any{"d": d})
				if codes := r.codes(); len(codes) != 1 || codes[0] != graph.CodeBadUserInput {
					t.Fatalf("%s(%s: %q): codes = %v (%+v), want [BAD_USER_INPUT]", o.name, o.arg, d, codes, r.Errors)
				}
				e := r.Errors[0]
				if want := o.arg + ": "; !strings.HasPrefix(e.Message, want) || !strings.Contains(e.Message, "YYYY-MM-DD") {
					t.Errorf("%s(%s: %q): message %q, want it to start %q and say what a date is", o.name, o.arg, d, e.Message, want)
				}
				if len(e.Path) == 0 || e.Path[0] != o.name {
					t.Errorf("%s(%s: %q): path %v, want [%s]", o.name, o.arg, d, e.Path, o.name)
				}
			})
		}
	}

	// Inline, as GraphiQL users write them, the same dates are refused the same way.
	t.Run("inline", func(t *testing.T) {
		r := query(t, srv, `{ events(filter: {from: "2020-13"}) { totalCount } }`, nil)
		if codes := r.codes(); len(codes) != 1 || codes[0] != graph.CodeBadUserInput || r.Errors[0].Message != `filter.from: "2020-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)` {
			t.Errorf("events(filter: {from: \"2020-13\"}) = %+v, want one BAD_USER_INPUT naming filter.from", r.Errors)
		}
	})

	good := []string{"2024", "2024-02", "2024-02-29", "2023-12-31", "2024-01-01"}
	for _, o := range ops {
		for _, d := range good {
			t.Run(o.name+" "+o.arg+" "+d+" passes", func(t *testing.T) {
				if r := query(t, srv, o.query, map[string]any{"d": d}); len(r.Errors) > 0 {
					t.Errorf("%s(%s: %q): errors %+v, want none", o.name, o.arg, d, r.Errors)
				}
			})
		}
		t.Run(o.name+" "+o.arg+" null passes", func(t *testing.T) {
			if r := query(t, srv, o.query, map[string]any{"d": nil}); len(r.Errors) > 0 {
				t.Errorf("%s(%s: null): errors %+v, want none", o.name, o.arg, r.Errors)
			}
		})
	}

	// A range that ends before it begins is a mistake too, not an empty answer.
	for _, tt := range []struct{ name, arg, query string }{
		{"events", "filter.from", `{ events(filter: {from: "2024-03", to: "2024-02-10"}) { totalCount } }`},
		{"documents", "filter.from", `{ documents(filter: {from: "2025", to: "2024"}) { totalCount } }`},
		{"relations", "filter.from", `{ relations(filter: {from: "2024-02-02", to: "2024-02-01"}) { totalCount } }`},
		{"timeline", "from", `{ timeline(entity: "` + person + `", from: "2024-02", to: "2024-01") { id } }`},
	} {
		t.Run(tt.name+" reversed range", func(t *testing.T) {
			r := query(t, srv, tt.query, nil)
			if codes := r.codes(); len(codes) != 1 || codes[0] != graph.CodeBadUserInput || !strings.HasPrefix(r.Errors[0].Message, tt.arg+": ") {
				t.Errorf("%s = %+v, want one BAD_USER_INPUT naming %s", tt.query, r.Errors, tt.arg)
			}
		})
	}
	// The same month twice, or a day within a month, is a range.
	if r := query(t, srv, `{ events(filter: {from: "2024-02", to: "2024-02-10"}) { totalCount } }`, nil); len(r.Errors) > 0 {
		t.Errorf("events(from: 2024-02, to: 2024-02-10): errors %+v, want none", r.Errors)
	}

	t.Run("POST /ingest?date=", func(t *testing.T) {
		for _, tt := range []struct {
			date   string
			status int
			code   string
		}{
			{"2020-13", http.StatusBadRequest, graph.CodeBadUserInput},
			{"last year", http.StatusBadRequest, graph.CodeBadUserInput},
			{"2021-02-30", http.StatusBadRequest, graph.CodeBadUserInput},
			{"2024-02-29", http.StatusCreated, ""},
		} {
			a := postIngest(t, srv, url.Values{"filename": {"dated.txt"}, "date": {tt.date}}, "Ada Envoy spoke at the Test Summit on a day. "+tt.date)
			if a.status != tt.status {
				t.Errorf("POST /ingest?date=%s = %d %s, want %d", tt.date, a.status, a.raw, tt.status)
				continue
			}
			if tt.code == "" {
				continue
			}
			e := a.oneError(t)
			if e.Extensions["code"] != tt.code || !strings.HasPrefix(e.Message, "date: ") || !strings.Contains(e.Message, tt.date) {
				t.Errorf("POST /ingest?date=%s: error %+v, want %s naming date and %q", tt.date, e, tt.code, tt.date)
			}
		}
	})
}

// TestEmptyListsAreEmpty checks that a list with nothing in it is [],
// never null, in GraphQL answers and in POST /ingest's.
func TestEmptyListsAreEmpty(t *testing.T) {
	st := openStore(t)
	seed(t, st, 2, 1)
	audit := func(context.Context, graph.AuditQuery) (graph.AuditPage, error) { return graph.AuditPage{}, nil }
	srv := serve(t, st, graph.Options{Extract: fakeExtract, Audit: audit})
	event := store.EntityID(schema.Event, "Cyber Dialogue 000")
	person := store.EntityID(schema.Person, "Envoy 000")

	// Two documents that state the same facts: deleting one removes
	// neither a fact nor an entity.
	ingest := `mutation($t: String!, $f: String!) { ingestDocument(input: {text: $t, filename: $f}) { document { id } existed newEntities { id } newRelations { id } } }`
	var first struct {
		IngestDocument struct{ Document struct{ ID string } }
	}
	r := query(t, srv, ingest, map[string]any{"t": "Ada Envoy attended the Test Summit.", "f": "a.txt"})
	if len(r.Errors) > 0 {
		t.Fatalf("ingestDocument: %+v", r.Errors)
	}
	json.Unmarshal(r.Data, &first)

	tests := []struct {
		name  string
		query string
		vars  map[string]any
		empty []string // dotted paths into data that must be []
	}{
		{"connections", `{
		  entities(filter: {nameContains: "zzzz"}) { edges { cursor } }
		  events(filter: {from: "2030"}) { edges { cursor } }
		  relations(filter: {from: "2030"}) { edges { cursor } }
		  documents(filter: {from: "2030"}) { edges { cursor } }
		  auditLog { edges { cursor } }
		}`, nil, []string{"entities.edges", "events.edges", "relations.edges", "documents.edges", "auditLog.edges"}},
		{"count only", `{ events(first: 0) { edges { cursor } } relations(first: 0) { edges { cursor } } }`, nil,
			[]string{"events.edges", "relations.edges"}},
		{"search", `{ search(text: "zzzz") { score } }`, nil, []string{"search"}},
		{"timeline", `query($p: ID!) { timeline(entity: $p, from: "2030") { id } }`, map[string]any{"p": person}, []string{"timeline"}},
		{"an event's lists", `query($e: ID!) { entity(id: $e) { ... on Event {
		  relations(types: [SIGNED]) { id } participants(type: Country) { id } topics { id } produced { id } } } }`,
			map[string]any{"e": event}, []string{"entity.relations", "entity.participants", "entity.topics", "entity.produced"}},
		{"a person's aliases", `query($p: ID!) { entity(id: $p) { aliases } }`, map[string]any{"p": person}, []string{"entity.aliases"}},
		{"neighborhood", `query($e: ID!) { neighborhood(id: $e, types: [SIGNED]) { edges { id } } }`, map[string]any{"e": event}, []string{"neighborhood.edges"}},
		{"stats", `{ stats { topEntities(type: Agreement) { degree } } }`, nil, []string{"stats.topEntities"}},
		{"ingest again", ingest, map[string]any{"t": "Ada Envoy attended the Test Summit.", "f": "a.txt"},
			[]string{"ingestDocument.newEntities", "ingestDocument.newRelations"}},
		{"ingest known facts", ingest, map[string]any{"t": "The Test Summit welcomed Ada Envoy.", "f": "b.txt"},
			[]string{"ingestDocument.newEntities", "ingestDocument.newRelations"}},
		{"delete a document whose facts stay", `mutation($d: ID!) { deleteDocument(id: $d) { removedRelations removedEntities } }`,
			map[string]any{"d": first.IngestDocument.Document.ID}, []string{"deleteDocument.removedRelations", "deleteDocument.removedEntities"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, srv, tt.query, tt.vars)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			var data map[string]any
			if err := json.Unmarshal(r.Data, &data); err != nil {
				t.Fatalf("data %s: %v", r.Data, err)
			}
			for _, p := range tt.empty {
				if v, ok := at(data, p); !ok || !isEmptyList(v) {
					t.Errorf("%s = %#v in %s, want []", p, v, r.Data)
				}
			}
		})
	}

	t.Run("POST /ingest", func(t *testing.T) {
		body := "Ada Envoy spoke at the Test Summit."
		for _, tt := range []struct {
			name   string
			status int
			empty  []string
		}{
			{"new document", http.StatusCreated, nil},
			{"the same again", http.StatusOK, []string{"newEntities", "newRelations"}},
		} {
			a := postIngest(t, srv, url.Values{"filename": {"c.txt"}}, body)
			if a.status != tt.status {
				t.Fatalf("%s: POST /ingest = %d %s, want %d", tt.name, a.status, a.raw, tt.status)
			}
			var got map[string]any
			if err := json.Unmarshal(a.raw, &got); err != nil {
				t.Fatalf("%s: answer %s: %v", tt.name, a.raw, err)
			}
			for _, k := range []string{"newEntities", "newRelations"} {
				if _, ok := got[k].([]any); !ok {
					t.Errorf("%s: %s = %#v in %s, want a list", tt.name, k, got[k], a.raw)
				}
			}
			for _, k := range tt.empty {
				if !isEmptyList(got[k]) {
					t.Errorf("%s: %s = %#v in %s, want []", tt.name, k, got[k], a.raw)
				}
			}
		}
	})
}

// TestIngestErrorShape checks that POST /ingest answers its errors in the
// shape GraphQL answers its own: {"errors": [{"message", "extensions":
// {"code"}}]}, and nothing else at the top.
func TestIngestErrorShape(t *testing.T) {
	st := openStore(t)
	withPipeline := serve(t, st, graph.Options{Extract: fakeExtract, MaxIngestBytes: 64})
	without := serve(t, st, graph.Options{})
	tests := []struct {
		name   string
		srv    string
		params url.Values
		body   string
		status int
		code   string
		says   string // in the message
	}{
		{"unreadable file", withPipeline, url.Values{"filename": {"x.bad"}}, "text", http.StatusBadRequest, graph.CodeBadUserInput, "x.bad"},
		{"bad date", withPipeline, url.Values{"filename": {"x.txt"}, "date": {"2020-13"}}, "text", http.StatusBadRequest, graph.CodeBadUserInput, `date: "2020-13"`},
		{"too large", withPipeline, url.Values{"filename": {"x.txt"}}, strings.Repeat("x", 65), http.StatusRequestEntityTooLarge, graph.CodeBadRequest, "64"},
		{"no pipeline", without, url.Values{"filename": {"x.txt"}}, "text", http.StatusBadRequest, graph.CodeBadUserInput, "extraction pipeline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := postIngest(t, tt.srv, tt.params, tt.body)
			if a.status != tt.status {
				t.Fatalf("POST /ingest?%s = %d %s, want %d", tt.params.Encode(), a.status, a.raw, tt.status)
			}
			if ct := a.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal(a.raw, &top); err != nil {
				t.Fatalf("answer %s is not a JSON object: %v", a.raw, err)
			}
			for k := range top {
				if k != "errors" {
					t.Errorf("answer %s has %q at the top; a GraphQL error answer has only errors (and data)", a.raw, k)
				}
			}
			e := a.oneError(t)
			if e.Extensions["code"] != tt.code || !strings.Contains(e.Message, tt.says) {
				t.Errorf("error %+v, want code %s and a message with %q", e, tt.code, tt.says)
			}
			if e.Path != nil {
				t.Errorf("error %+v has a path; a request without fields has none", e)
			}
		})
	}

	// The same mistake made over GraphQL has the same shape and code.
	t.Run("as GraphQL says it", func(t *testing.T) {
		r := query(t, withPipeline, `mutation { ingestDocument(input: {text: "x", filename: "x.txt", date: "2020-13"}) { existed } }`, nil)
		if codes := r.codes(); !slices.Equal(codes, []string{graph.CodeBadUserInput}) || !strings.HasPrefix(r.Errors[0].Message, `input.date: "2020-13"`) {
			t.Errorf("ingestDocument(date: 2020-13) errors %+v, want one BAD_USER_INPUT naming input.date", r.Errors)
		}
	})
}

type ingestAnswer struct {
	status int
	header http.Header
	raw    []byte
}

type errorShape struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// oneError decodes an answer that must hold exactly one GraphQL-shaped error.
func (a ingestAnswer) oneError(t *testing.T) errorShape {
	t.Helper()
	var r struct {
		Errors []errorShape `json:"errors"`
	}
	if err := json.Unmarshal(a.raw, &r); err != nil || len(r.Errors) != 1 || r.Errors[0].Message == "" {
		t.Fatalf("answer %d %s is not one GraphQL error: %v", a.status, a.raw, err)
	}
	return r.Errors[0]
}

func postIngest(t *testing.T, srv string, params url.Values, body string) ingestAnswer {
	t.Helper()
	res, err := http.Post(srv+"/ingest?"+params.Encode(), "text/plain", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST /ingest: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return ingestAnswer{res.StatusCode, res.Header, raw}
}

// at follows a dotted path of object keys into decoded JSON.
func at(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

func isEmptyList(v any) bool {
	l, ok := v.([]any)
	return ok && l != nil && len(l) == 0
}
