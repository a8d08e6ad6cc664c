package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/sqlite"
)

// TestJSONPOST checks that jsonPOST answers every kind of request as
// transport.POST does — status, content type and the same JSON — except
// where the GraphQL-over-HTTP spec says otherwise: an operation that
// cannot start (it does not parse or validate, a variable does not
// coerce) is answered without a data entry, with 200 to a client that
// takes application/json and 400 under application/graphql-response+json
// (transport.POST: 422 or 400, with "data": null), and a request with no
// query is 400 (transport.POST: 422).
func TestJSONPOST(t *testing.T) {
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// A name with the characters json.Marshal escapes for HTML.
	if _, err := st.WriteBatch(context.Background(), store.Batch{
		Document: store.Document{Filename: "a.txt", Text: "The R&D <Agency> met.", Kind: "PRESS_RELEASE"},
		Entities: []store.Entity{{Type: schema.Organization, Name: "R&D <Agency>"}},
	}); err != nil {
		t.Fatal(err)
	}
	o := Options{}
	o.defaults()
	exec := executor.New(NewExecutableSchema(Config{Resolvers: resolver(st, o)}))

	tests := []struct {
		name, body, accept string
		spec               int // the spec's status where it differs from transport.POST's; 0: none
	}{
		{"data", `{"query":"{ stats { entities { type count } } }"}`, "", 0},
		{"data and variables", `{"query":"query($n: Int) { entities(first: $n) { totalCount } }","variables":{"n":3}}`, "application/json", 0},
		{"characters json.Marshal escapes", `{"query":"{ entities(first: 5) { edges { node { name } } } }"}`, "*/*", 0},
		{"a resolver's error beside data", `{"query":"{ entity(id: \"person:nobody\") { name } }"}`, "", 0},
		{"a query that does not parse", `{"query":"{ entity(id: "}`, "", 200},
		{"a query that does not validate", `{"query":"{ nosuchfield }"}`, "", 200},
		{"a variable of the wrong type", `{"query":"query($n: Int) { entities(first: $n) { totalCount } }","variables":{"n":"three"}}`, "", 200},
		{"a body that is not JSON", `{"query": `, "", 0},
		{"no query", `{}`, "", 400},
		{"graphql-response+json asked", `{"query":"{ nosuchfield }"}`, "application/graphql-response+json", 400},
		{"graphql-response+json, data", `{"query":"{ stats { entities { type count } } }"}`, "application/graphql-response+json", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer := func(post func(http.ResponseWriter, *http.Request)) *httptest.ResponseRecorder {
				t.Helper()
				r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader([]byte(tt.body)))
				r.Header.Set("Content-Type", "application/json")
				if tt.accept != "" {
					r.Header.Set("Accept", tt.accept)
				}
				r = r.WithContext(graphql.StartOperationTrace(loaders.With(r.Context(), loaders.New(st, 0))))
				w := httptest.NewRecorder()
				post(w, r)
				return w
			}
			want := answer(func(w http.ResponseWriter, r *http.Request) { transport.POST{}.Do(w, r, exec) })
			got := answer(func(w http.ResponseWriter, r *http.Request) { jsonPOST{}.Do(w, r, exec) })
			wantCode := want.Code
			if tt.spec != 0 {
				wantCode = tt.spec
			}
			if got.Code != wantCode || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("status %d, %q; want %d, %q (transport.POST answers %d)", got.Code, got.Header().Get("Content-Type"),
					wantCode, want.Header().Get("Content-Type"), want.Code)
			}
			var g, w map[string]any
			if err := json.Unmarshal(got.Body.Bytes(), &g); err != nil {
				t.Fatalf("answer is not JSON: %v\n%s", err, got.Body)
			}
			if err := json.Unmarshal(want.Body.Bytes(), &w); err != nil {
				t.Fatalf("transport.POST's answer is not JSON: %v\n%s", err, want.Body)
			}
			if tt.spec != 0 {
				// Execution never began: no data entry, and the errors'
				// codes are transport.POST's (the message of "no query" is
				// ours).
				if _, ok := g["data"]; ok {
					t.Errorf("answer %s has a data entry; the request never ran", got.Body)
				}
				delete(w, "data")
				if tt.name == "no query" {
					return
				}
			}
			if tt.accept == "*/*" && !strings.Contains(fmt.Sprint(g), "R&D <Agency>") {
				t.Errorf("answer %s lacks the entity's name", got.Body)
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("answer\n%s\ntransport.POST answers\n%s", got.Body, want.Body)
			}
		})
	}
}

// TestJSONPOSTReadError checks that a body that fails to read is reported
// as transport.POST reports it.
func TestJSONPOSTReadError(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/graphql", failing{errors.New("connection reset")})
	r.Header.Set("Content-Type", "application/json")
	r = r.WithContext(graphql.StartOperationTrace(r.Context()))
	w := httptest.NewRecorder()
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o := Options{}
	o.defaults()
	jsonPOST{}.Do(w, r, executor.New(NewExecutableSchema(Config{Resolvers: resolver(st, o)})))
	if !bytes.Contains(w.Body.Bytes(), []byte("connection reset")) {
		t.Errorf("answer %d %s; want the read error", w.Code, w.Body)
	}
}
