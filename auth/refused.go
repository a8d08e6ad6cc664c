package auth

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// A refused write is audited like an allowed one: an admin reading the
// log must see who tried to change the graph and was turned away (a
// revoked key still in a job, a reader's key used to ingest), not only
// what changed. Guard records the mutations it refuses; this file records
// the writes refused over HTTP before GraphQL sees them: by Middleware (no
// key, an unknown or revoked one: 401) and by Need (a role too low: 403).
// Reads refused are not recorded: they change nothing, and an anonymous
// client could fill the log with them.

// recorder is what records a refusal; *DB is one. Middleware finds it in
// its Authenticator and passes it to Need through the request's context.
type recorder interface {
	Record(ctx context.Context, e Entry) error
}

type recorderKey struct{}

func withRecorder(ctx context.Context, rec recorder) context.Context {
	return context.WithValue(ctx, recorderKey{}, rec)
}

// maxPeek bounds what a refused request's body is read for: the graph's
// default body cap, beyond which it would have been refused anyway.
const maxPeek = 1 << 20

// maxPeekTokens bounds the parse of a refused request's query, so that a
// client without a key cannot make the refusal itself costly.
const maxPeekTokens = 20000

// auditRefusal records a request refused for reason when it is a write:
// a GraphQL mutation (operation: its root fields, as Guard names them) or
// any other request that is not GET, HEAD or OPTIONS (operation: method
// and path, "POST /ingest"). p is who asked: the principal, or for a 401
// the key id the request claimed (see claimed). The request is not served
// after this, so its body may be read.
func auditRefusal(ctx context.Context, r *http.Request, p Principal, reason string) {
	rec, ok := ctx.Value(recorderKey{}).(recorder)
	if !ok {
		return
	}
	op, vars, write := writeOf(r)
	if !write {
		return
	}
	e := Entry{Operation: op, Variables: Summarize(vars), Result: "denied: " + reason, OK: false}
	if err := rec.Record(With(ctx, p), e); err != nil {
		slog.Error("audit: could not record a refused request", "operation", op, "err", err)
	}
}

// claimed is who a request that failed authentication says it is: the id
// of the key it presented, when that is well formed, marked unverified;
// else anonymous. Its role is None.
func claimed(presented string) Principal {
	if id, ok := keyID(presented); ok {
		return Principal{KeyID: id, Name: "unverified key"}
	}
	return Principal{}
}

// writeOf tells whether r would have changed the graph had it been let
// through, and names it for the log. A GraphQL request (its path ends in
// /graphql) is a write when the operation it selects is a mutation; a
// query, a body that is not JSON or a query that does not parse is not
// (gqlgen would not have run it as a mutation either).
func writeOf(r *http.Request) (op string, vars map[string]any, write bool) {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		// gqlgen runs no mutation over GET; nothing else here writes on one.
		return "", nil, false
	}
	if !strings.HasSuffix(r.URL.Path, "/graphql") {
		return r.Method + " " + r.URL.Path, requestVars(r), true
	}
	var params struct {
		Query         string         `json:"query"`
		OperationName string         `json:"operationName"`
		Variables     map[string]any `json:"variables"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxPeek+1))
	if err != nil || len(body) > maxPeek || json.Unmarshal(body, &params) != nil || params.Query == "" {
		return "", nil, false
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, maxPeekTokens)
	if err != nil {
		return "", nil, false
	}
	o := doc.Operations.ForName(params.OperationName)
	if o == nil || o.Operation != ast.Mutation {
		return "", nil, false
	}
	var names []string
	args := map[string]any{}
	rootFields(o.SelectionSet, doc.Fragments, params.Variables, map[string]bool{}, &names, args)
	if len(names) == 0 {
		names = []string{string(ast.Mutation)}
	}
	return strings.Join(names, ","), args, true
}

// rootFields collects the names of the fields of set, through fragments,
// and the arguments of each by its alias, as Guard's log entries have
// them; without the schema, only what the request wrote (no defaults).
func rootFields(set ast.SelectionSet, frags ast.FragmentDefinitionList, vars map[string]any, seen map[string]bool, names *[]string, args map[string]any) {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			*names = append(*names, s.Name)
			a := map[string]any{}
			for _, arg := range s.Arguments {
				if v, err := arg.Value.Value(vars); err == nil {
					a[arg.Name] = v
				}
			}
			if len(a) > 0 {
				alias := s.Alias
				if alias == "" {
					alias = s.Name
				}
				args[alias] = a
			}
		case *ast.InlineFragment:
			rootFields(s.SelectionSet, frags, vars, seen, names, args)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && !seen[s.Name] {
				seen[s.Name] = true
				rootFields(f.SelectionSet, frags, vars, seen, names, args)
			}
		}
	}
}

// requestVars summarizes a request outside GraphQL for the log: its query
// parameters and the size of its body.
func requestVars(r *http.Request) map[string]any {
	vars := map[string]any{"bytes": r.ContentLength}
	for k, v := range r.URL.Query() {
		vars[k] = strings.Join(v, ",")
	}
	return vars
}
