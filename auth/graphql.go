package auth

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// DefaultRoles are the roles the API's mutations need beyond the
// defaults of Guard (queries: Reader; other mutations: Curator).
var DefaultRoles = map[string]Role{
	"ingestDocument": Ingester,
	"deleteDocument": Curator,
	"createKey":      Admin,
	"revokeKey":      Admin,
	"auditLog":       Admin,
}

// Guard is a gqlgen extension that checks the role each operation needs
// before it runs and records every mutation in the audit log:
//
//	srv.Use(&auth.Guard{Audit: keys})
//
// An operation needs the highest role of its root fields: Roles[field] if
// listed, else Reader for queries and Curator for mutations, so that a
// mutation nobody listed is never open to mere readers. A caller without
// it gets one error with extensions.code UNAUTHENTICATED or FORBIDDEN and
// nothing runs. It reads the principal that Middleware put in the context.
type Guard struct {
	Roles map[string]Role // nil: DefaultRoles
	Audit *DB             // nil: mutations are not recorded
	Log   *slog.Logger    // where failures to record go; nil: slog.Default()
}

var (
	_ graphql.HandlerExtension     = (*Guard)(nil)
	_ graphql.OperationInterceptor = (*Guard)(nil)
)

// ExtensionName names the extension in gqlgen's stats.
func (g *Guard) ExtensionName() string { return "AuthGuard" }

// Validate accepts any schema.
func (g *Guard) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation checks the role and, for mutations, records the
// outcome once the response is ready.
func (g *Guard) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc == nil || oc.Operation == nil {
		return next(ctx)
	}
	need, fields, args := g.need(oc)
	mutation := oc.Operation.Operation == ast.Mutation
	op := strings.Join(fields, ",")
	if err := Require(ctx, need); err != nil {
		if mutation {
			g.record(ctx, Entry{Operation: op, Variables: Summarize(args), Result: "denied: " + err.Error(), OK: false})
		}
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message:    err.Error(),
			Extensions: map[string]any{"code": Code(err)},
		}}})
	}
	h := next(ctx)
	if !mutation || g.Audit == nil {
		return h
	}
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		e := Entry{Operation: op, Variables: Summarize(args), OK: true}
		switch {
		case resp == nil:
			e.Result = "no response"
		case len(resp.Errors) > 0:
			e.OK = false
			var msgs []string
			for _, err := range resp.Errors {
				code, _ := err.Extensions["code"].(string)
				msgs = append(msgs, fmt.Sprintf("%s (%s)", err.Message, code))
			}
			e.Result = "error: " + strings.Join(msgs, "; ")
		default:
			e.Result = clip(string(resp.Data), 500)
		}
		g.record(ctx, e)
		return resp
	}
}

// need returns the role an operation needs, its root fields, and their
// arguments by field (inline literals and variables alike, as the audit
// log must say what was asked however it was written).
func (g *Guard) need(oc *graphql.OperationContext) (Role, []string, map[string]any) {
	roles := g.Roles
	if roles == nil {
		roles = DefaultRoles
	}
	base, typ := Reader, "Query"
	switch oc.Operation.Operation {
	case ast.Mutation:
		base, typ = Curator, "Mutation"
	case ast.Subscription:
		typ = "Subscription"
	}
	need := Reader
	var names []string
	args := map[string]any{}
	for _, f := range graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{typ}) {
		names = append(names, f.Name)
		if a := f.ArgumentMap(oc.Variables); len(a) > 0 {
			args[f.Alias] = a
		}
		r, ok := roles[f.Name]
		if !ok {
			r = base
			if strings.HasPrefix(f.Name, "__") {
				r = Reader // introspection
			}
		}
		need = max(need, r)
	}
	if len(names) == 0 {
		names = []string{string(oc.Operation.Operation)}
	}
	return need, names, args
}

func (g *Guard) record(ctx context.Context, e Entry) {
	if g.Audit == nil {
		return
	}
	if err := g.Audit.Record(ctx, e); err != nil {
		log := g.Log
		if log == nil {
			log = slog.Default()
		}
		log.Error("audit: could not record a mutation", "operation", e.Operation, "err", err)
	}
}
