package graph

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CodeResourceLimit ends a request that crossed a budget while it ran;
// the data resolved until then is kept.
const CodeResourceLimit = "RESOURCE_LIMIT_EXCEEDED"

// maxErrors is how many errors one answer lists; a request that fails in
// every item of a list says so once per item up to here, then counts.
const maxErrors = 50

// budget is what one request may still spend while it runs. The cost
// estimate (cost.go) prices the worst case from page sizes; the budget
// counts what the data actually returns, so an estimate that was too
// kind still cannot hold the server.
type budget struct {
	rows    atomic.Int64 // list items left
	tripped atomic.Bool
	max     int64
}

type budgetKey struct{}

// enforce is a field middleware: it stops resolving once the request's
// deadline has passed, and charges every list a field returns against the
// request's budget. The list that crosses it is cut to what was left, and
// every list after it is empty, so that the answer keeps the data resolved
// so far (a null would climb the non-null fields to the root) and says
// once, in an error, that it is cut.
//
// It runs for every field of the answer, scalars included, so it does
// the least first: the deadline is checked before resolver fields only
// (the others read a value already loaded), and the budget is looked up
// only for a list. Both walk the request's context chain, which is as
// deep as the field is nested (docs/PERFORMANCE.md, "Issue 13, third pass").
func enforce(ctx context.Context, next graphql.Resolver) (any, error) {
	if fc := graphql.GetFieldContext(ctx); fc == nil || fc.IsResolver {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	res, err := next(ctx)
	if err != nil || res == nil {
		return res, err
	}
	v := reflect.ValueOf(res)
	if v.Kind() != reflect.Slice || v.Len() == 0 {
		return res, nil
	}
	b, _ := ctx.Value(budgetKey{}).(*budget)
	if b == nil {
		return res, nil
	}
	n := int64(v.Len())
	after := b.rows.Add(-n)
	if after >= 0 {
		return res, nil
	}
	if b.tripped.CompareAndSwap(false, true) {
		graphql.AddError(ctx, b.error())
	}
	return v.Slice(0, int(max(after+n, 0))).Interface(), nil
}

func (b *budget) error() error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf("the request resolved more than %d list items, its budget; the data so far is returned: ask for fewer with first", b.max),
		Extensions: map[string]any{"code": CodeResourceLimit},
	}
}

// withBudget gives the operation in ctx its budget of rows.
func withBudget(rows int64) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		b := &budget{max: rows}
		b.rows.Store(rows)
		h := next(context.WithValue(ctx, budgetKey{}, b))
		if oc := graphql.GetOperationContext(ctx); oc.Operation == nil || oc.Operation.Operation != ast.Subscription {
			return h
		}
		// A subscription lives on: each event is resolved on a budget of
		// its own, as a request would be.
		return func(ctx context.Context) *graphql.Response {
			b.rows.Store(rows)
			b.tripped.Store(false)
			return h(ctx)
		}
	}
}

// capResponse ends an answer larger than maxBytes with an error instead
// of its data, and keeps the list of errors short.
func capResponse(maxBytes int) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp == nil {
			return resp
		}
		if len(resp.Data) > maxBytes {
			resp.Errors = append(gqlerror.List{{
				Message:    fmt.Sprintf("the answer is %d bytes of JSON, more than the %d allowed: ask for fewer items with first", len(resp.Data), maxBytes),
				Extensions: map[string]any{"code": CodeResourceLimit},
			}}, resp.Errors...)
			resp.Data = []byte("null")
		}
		if n := len(resp.Errors); n > maxErrors {
			resp.Errors = append(resp.Errors[:maxErrors-1], &gqlerror.Error{
				Message:    fmt.Sprintf("%d more errors not listed", n-maxErrors+1),
				Extensions: map[string]any{"code": CodeResourceLimit},
			})
		}
		return resp
	}
}
