package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/store/sqlite"
)

// TestRefusedWritesAudited wires the server as serve does and checks that
// every write it refuses — POST /ingest and mutations, refused for a
// missing, unknown or revoked key (401) or a role too low (403) — leaves
// one audit entry that says who (key id, or anonymous) and why, while
// refused reads leave none.
func TestRefusedWritesAudited(t *testing.T) {
	ctx := context.Background()
	keys, err := auth.Open(filepath.Join(t.TempDir(), auth.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer keys.Close()
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := ingest.New()
	if err != nil {
		t.Fatal(err)
	}
	h := graph.NewHandler(st, graph.Options{
		Extract:    p.Process,
		Extensions: []graphql.HandlerExtension{&auth.Guard{Audit: keys}},
	})
	mux := http.NewServeMux()
	mux.Handle("/graphql", auth.Middleware(keys, h))
	mux.Handle("POST /ingest", auth.Middleware(keys, auth.Need(auth.Ingester, auth.Audited(keys, "POST /ingest", h))))

	readerKey, reader, _ := keys.Create(ctx, "dashboard", auth.Reader)
	ingesterKey, ingester, _ := keys.Create(ctx, "job", auth.Ingester)
	oldKey, old, _ := keys.Create(ctx, "old job", auth.Ingester)
	if err := keys.Revoke(ctx, oldKey.ID); err != nil {
		t.Fatal(err)
	}
	const unknownID = "0123456789ab"
	unknown := "dgk_" + unknownID + "_" + strings.Repeat("A", 43)

	const doc = "Secretary of State Antony Blinken met Czech Foreign Minister Jan Lipavsky in Prague on 2 May 2023."
	gql := func(q, opName string) string {
		b, _ := json.Marshal(map[string]any{"query": q, "operationName": opName, "variables": map[string]any{"t": doc}})
		return string(b)
	}
	ingestDocument := gql(`mutation($t: String!) { ingestDocument(input: {text: $t, filename: "note.txt"}) { existed } }`, "")
	addAlias := gql(`mutation { addAlias(entity: "country:czech-republic", alias: "Česko") { name } }`, "")
	search := gql(`{ search(text: "Czech") { score } }`, "")
	mixed := `query Read { search(text: "Czech") { score } } mutation Write { alias: addAlias(entity: "country:czech-republic", alias: "Česko") { name } }`

	tests := []struct {
		name    string
		method  string
		path    string
		header  string // Authorization
		body    string
		status  int
		code    string // extensions.code of the answer's one error
		audited bool
		op      string // operation recorded
		keyID   string // key id recorded; "" for anonymous
		who     string // in the recorded who
		vars    string // in the recorded variables
		reason  string // in the recorded result, after "denied: "
	}{
		{name: "ingest without a key", method: "POST", path: "/ingest?filename=a.txt", body: doc,
			status: 401, code: auth.CodeUnauthenticated, audited: true, op: "POST /ingest", who: "anonymous", vars: "a.txt", reason: "authentication required"},
		{name: "ingest with a malformed header", method: "POST", path: "/ingest?filename=a.txt", header: "Basic " + ingester, body: doc,
			status: 401, code: auth.CodeUnauthenticated, audited: true, op: "POST /ingest", who: "anonymous", vars: "a.txt", reason: "malformed Authorization header"},
		{name: "ingest with an unknown key", method: "POST", path: "/ingest?filename=a.txt", header: "Bearer " + unknown, body: doc,
			status: 401, code: auth.CodeUnauthenticated, audited: true, op: "POST /ingest", keyID: unknownID, who: "unverified", vars: "a.txt", reason: "invalid API key"},
		{name: "ingest with a revoked key", method: "POST", path: "/ingest?filename=a.txt", header: "Bearer " + old, body: doc,
			status: 401, code: auth.CodeUnauthenticated, audited: true, op: "POST /ingest", keyID: oldKey.ID, who: "unverified", vars: "a.txt", reason: "invalid API key"},
		{name: "reader ingests", method: "POST", path: "/ingest?filename=a.txt", header: "Bearer " + reader, body: doc,
			status: 403, code: auth.CodeForbidden, audited: true, op: "POST /ingest", keyID: readerKey.ID, who: "(dashboard)", vars: "a.txt", reason: "needs the ingester role"},

		{name: "mutation without a key", method: "POST", path: "/graphql", body: ingestDocument,
			status: 401, code: auth.CodeUnauthenticated, audited: true, op: "ingestDocument", who: "anonymous", vars: "note.txt", reason: "authentication required"},
		{name: "mutation with a revoked key", method: "POST", path: "/graphql", header: "Bearer " + old, body: addAlias,
			status: 401, code: auth.CodeUnauthenticated, audited: true, op: "addAlias", keyID: oldKey.ID, who: "unverified", vars: "Česko", reason: "invalid API key"},
		{name: "reader mutates", method: "POST", path: "/graphql", header: "Bearer " + reader, body: ingestDocument,
			status: 200, code: auth.CodeForbidden, audited: true, op: "ingestDocument", keyID: readerKey.ID, who: "(dashboard)", vars: "note.txt", reason: "needs the ingester role"},
		{name: "ingester curates", method: "POST", path: "/graphql", header: "Bearer " + ingester, body: addAlias,
			status: 200, code: auth.CodeForbidden, audited: true, op: "addAlias", keyID: ingesterKey.ID, who: "(job)", vars: "Česko", reason: "needs the curator role"},
		{name: "the mutation of several operations, without a key", method: "POST", path: "/graphql", body: gql(mixed, "Write"),
			status: 401, code: auth.CodeUnauthenticated, audited: true, op: "addAlias", who: "anonymous", vars: `"alias":{"alias":"Česko"`, reason: "authentication required"},

		// Refused reads, and requests that could not have written, leave nothing.
		{name: "query without a key", method: "POST", path: "/graphql", body: search, status: 401, code: auth.CodeUnauthenticated},
		{name: "the query of several operations, without a key", method: "POST", path: "/graphql", body: gql(mixed, "Read"), status: 401, code: auth.CodeUnauthenticated},
		{name: "a mutation over GET, without a key", method: "GET", path: "/graphql?query=" + url.QueryEscape(`mutation { addAlias(entity: "x", alias: "y") { name } }`), status: 401, code: auth.CodeUnauthenticated},
		{name: "a body that is not GraphQL, without a key", method: "POST", path: "/graphql", body: `{"query": "mutation {"}`, status: 401, code: auth.CodeUnauthenticated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := auditPage(t, keys)
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			if strings.HasPrefix(tt.path, "/graphql") {
				req.Header.Set("Content-Type", "application/json")
			} else {
				req.Header.Set("Content-Type", "text/plain")
			}
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, rec.Code, rec.Body, tt.status)
			}
			var res struct {
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != tt.code {
				t.Errorf("answer %s (%v), want one error with code %s", rec.Body, err, tt.code)
			}

			page := auditPage(t, keys)
			added := len(page) - len(before)
			if !tt.audited {
				if added != 0 {
					t.Errorf("%d audit entries added, want none: %+v", added, page[0])
				}
				return
			}
			if added != 1 {
				t.Fatalf("%d audit entries added, want 1", added)
			}
			e := page[0]
			if e.Operation != tt.op || e.OK || e.KeyID != tt.keyID || !strings.Contains(e.Who, tt.who) ||
				!strings.Contains(e.Variables, tt.vars) || !strings.HasPrefix(e.Result, "denied: ") || !strings.Contains(e.Result, tt.reason) {
				t.Errorf("audit entry %+v\nwant operation %s, failed, key %q, who with %q, variables with %q, result denied: …%s…",
					e, tt.op, tt.keyID, tt.who, tt.vars, tt.reason)
			}
			if tt.status == 401 && e.Role != auth.None {
				t.Errorf("audit entry %+v: role %s, want none for a caller not authenticated", e, e.Role)
			}
		})
	}

	// An allowed ingest is still recorded once, by Audited, as before.
	t.Run("ingester ingests", func(t *testing.T) {
		before := len(auditPage(t, keys))
		req := httptest.NewRequest("POST", "/ingest?filename=a.txt", strings.NewReader(doc))
		req.Header.Set("Authorization", "Bearer "+ingester)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusCreated {
			t.Fatalf("POST /ingest = %d %s, want 201", rec.Code, rec.Body)
		}
		page := auditPage(t, keys)
		if added := len(page) - before; added != 1 || !page[0].OK || page[0].KeyID != ingesterKey.ID {
			t.Errorf("%d audit entries added, newest %+v; want one, ok, by %s", added, page[0], ingesterKey.ID)
		}
	})
}
