package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/store/sqlite"
)

// TestGuard runs the project's own GraphQL server behind Middleware and
// Guard: queries need a reader, ingestDocument an ingester, and every
// mutation, allowed or not, lands in the audit log.
func TestGuard(t *testing.T) {
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

	newServer := func(roles map[string]auth.Role) http.Handler {
		srv := graph.NewGraphQLServer(st, graph.Options{Extract: p.Process})
		srv.Use(&auth.Guard{Roles: roles, Audit: keys})
		return auth.Middleware(keys, loaders.Middleware(st, 0, srv))
	}
	h := newServer(nil)
	strict := newServer(map[string]auth.Role{"ingestDocument": auth.Admin})

	_, reader, _ := keys.Create(ctx, "dashboard", auth.Reader)
	ingKey, ingester, _ := keys.Create(ctx, "job", auth.Ingester)
	_, curator, _ := keys.Create(ctx, "analyst", auth.Curator)
	_, admin, _ := keys.Create(ctx, "ops", auth.Admin)

	// Curation is listed in no role map: Guard's default for mutations
	// (Curator) must hold for it.
	const alias = `{"query": "mutation { addAlias(entity: \"country:czech-republic\", alias: \"Česko\") { name } }"}`
	const query = `{"query": "{ search(text: \"Czech\") { score entity { name } } }"}`
	const mutation = `{"query": "mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { existed newEvidence } }",
		"variables": {"in": {"filename": "note.txt", "text": "Secretary of State Antony Blinken met Czech Foreign Minister Jan Lipavsky in Prague on 2 May 2023."}}}`

	tests := []struct {
		name    string
		h       http.Handler
		key     string
		body    string
		status  int
		code    string // extensions.code of the one error; "" for none
		audited string // operation recorded, or ""
		ok      bool   // recorded as succeeded
	}{
		{"reader queries", h, reader, query, 200, "", "", false},
		{"no key", h, "", query, 401, auth.CodeUnauthenticated, "", false},
		{"reader ingests", h, reader, mutation, 200, auth.CodeForbidden, "ingestDocument", false},
		{"ingester ingests", h, ingester, mutation, 200, "", "ingestDocument", true},
		{"ingester queries", h, ingester, query, 200, "", "", false},
		{"stricter roles: ingester refused", strict, ingester, mutation, 200, auth.CodeForbidden, "ingestDocument", false},
		{"stricter roles: admin allowed", strict, admin, mutation, 200, "", "ingestDocument", true},
		{"ingester curates", h, ingester, alias, 200, auth.CodeForbidden, "addAlias", false},
		{"curator curates", h, curator, alias, 200, "", "addAlias", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := auditCount(t, keys)
			req := httptest.NewRequest("POST", "/graphql", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			if tt.key != "" {
				req.Header.Set("Authorization", "Bearer "+tt.key)
			}
			rec := httptest.NewRecorder()
			tt.h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			var res struct {
				Data   map[string]any
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
				t.Fatalf("answer %q: %v", rec.Body, err)
			}
			switch {
			case tt.code == "" && len(res.Errors) > 0:
				t.Errorf("errors %+v, want none", res.Errors)
			case tt.code != "" && (len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != tt.code):
				t.Errorf("errors %+v, want one with code %s", res.Errors, tt.code)
			case tt.code == "" && res.Data == nil:
				t.Errorf("no data: %s", rec.Body)
			}
			page := auditPage(t, keys)
			added := len(page) - before
			if tt.audited == "" {
				if added != 0 {
					t.Errorf("%d audit entries added, want none: %+v", added, page[0])
				}
				return
			}
			if added != 1 {
				t.Fatalf("%d audit entries added, want 1", added)
			}
			e := page[0]
			// Inline arguments count as much as variables.
			want := "note.txt"
			if tt.audited == "addAlias" {
				want = `"alias":"Česko"`
			}
			if e.Operation != tt.audited || e.OK != tt.ok || !strings.Contains(e.Variables, want) {
				t.Errorf("audit entry %+v, want %s ok=%v with the variables", e, tt.audited, tt.ok)
			}
			if tt.ok && tt.key == ingester && e.KeyID != ingKey.ID {
				t.Errorf("audit entry by %q, want key %s", e.KeyID, ingKey.ID)
			}
		})
	}
}

func auditPage(t *testing.T, keys *auth.DB) []auth.Entry {
	t.Helper()
	ctx := auth.With(context.Background(), auth.Principal{Name: "test", Role: auth.Admin})
	page, err := keys.Audit(ctx, auth.AuditFilter{First: 500})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

func auditCount(t *testing.T, keys *auth.DB) int {
	t.Helper()
	return len(auditPage(t, keys))
}
