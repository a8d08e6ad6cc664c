package graph

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/store"
)

// Page sizes of list fields. A connection (entities, events, relations,
// documents, auditLog, document.relations) pages like the store does; a
// per-parent list (an entity's relations, an event's participants,
// evidence…) returns at most first items, ListDefault when first is not
// given, and refuses more than ListMax.
const (
	ListDefault = 100
	ListMax     = store.MaxPageSize
)

// CodeCostLimit is the code of a request refused before it runs because
// its estimated cost or its shape is over a limit.
const CodeCostLimit = "COST_LIMIT_EXCEEDED"

// cost is the estimate of one selection: the items it could resolve at
// most, how deep it nests, and the path to its costliest field, named in
// the error that refuses it.
type cost struct {
	items int64
	depth int
	worst []string
}

// costModel prices an operation before it runs. Every field costs one;
// a field that takes a page size (first, or limit for neighborhood) costs
// its selection once per item that size allows, so the price of nesting
// is multiplied down the tree, as the data would be. The walk visits each
// fragment once (its cost is remembered by name), so it is linear in the
// query's text even when fragments spread into each other many times.
type costModel struct {
	vars  map[string]any
	frags ast.FragmentDefinitionList
	memo  map[string]cost
}

func estimate(op *ast.OperationDefinition, frags ast.FragmentDefinitionList, vars map[string]any) cost {
	m := &costModel{vars: vars, frags: frags, memo: map[string]cost{}}
	return m.set(op.SelectionSet)
}

func (m *costModel) set(set ast.SelectionSet) cost {
	var c cost
	var best int64 // items of the branch c.worst names
	for _, s := range set {
		var sc cost
		switch s := s.(type) {
		case *ast.Field:
			sc = m.field(s)
		case *ast.InlineFragment:
			sc = m.set(s.SelectionSet)
		case *ast.FragmentSpread:
			sc = m.spread(s.Name)
		}
		if sc.items > best {
			best, c.worst = sc.items, sc.worst
		}
		c.items = saturate(c.items + sc.items)
		c.depth = max(c.depth, sc.depth)
	}
	return c
}

func (m *costModel) spread(name string) cost {
	if c, ok := m.memo[name]; ok {
		return c
	}
	m.memo[name] = cost{} // a cycle (rejected by validation anyway) costs nothing more
	var c cost
	if f := m.frags.ForName(name); f != nil {
		c = m.set(f.SelectionSet)
	}
	m.memo[name] = c
	return c
}

func (m *costModel) field(f *ast.Field) cost {
	if strings.HasPrefix(f.Name, "__") {
		// Introspection (GraphiQL's nests ofType many levels deep) is
		// bounded by the schema, not by the data.
		return cost{items: 1}
	}
	child := m.set(f.SelectionSet)
	n := m.pageSize(f)
	c := cost{items: saturate(1 + n*child.items), depth: 1 + child.depth}
	c.worst = append([]string{f.Alias + pageNote(f, n)}, child.worst...)
	return c
}

// pageSize is how many items f can return: its first or limit argument,
// else that argument's default in the schema, else the list or
// connection default; 1 for a field without a page size.
func (m *costModel) pageSize(f *ast.Field) int64 {
	if f.Definition == nil {
		return 1
	}
	for _, name := range []string{"first", "limit"} {
		def := f.Definition.Arguments.ForName(name)
		if def == nil {
			continue
		}
		if a := f.Arguments.ForName(name); a != nil {
			if v, err := a.Value.Value(m.vars); err == nil && v != nil {
				if n, ok := toInt(v); ok {
					return int64(min(max(n, 0), ListMax))
				}
			}
		}
		if def.DefaultValue != nil {
			if n, err := strconv.Atoi(def.DefaultValue.Raw); err == nil {
				return int64(n)
			}
		}
		if strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
			return store.DefaultPageSize
		}
		return ListDefault
	}
	return 1
}

// pageNote says, in the refusal, how a field's page size was decided.
func pageNote(f *ast.Field, n int64) string {
	if n <= 1 {
		return ""
	}
	if f.Arguments.ForName("first") != nil || f.Arguments.ForName("limit") != nil {
		return fmt.Sprintf(" (%d each)", n)
	}
	return fmt.Sprintf(" (%d each: first not given)", n)
}

func toInt(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		return int(v), true
	case interface{ Int64() (int64, error) }: // json.Number
		n, err := v.Int64()
		return int(n), err == nil
	}
	return 0, false
}

// saturate keeps products of page sizes from overflowing: anything near
// the top of int64 is far over any budget.
func saturate(n int64) int64 {
	const ceiling = 1 << 53
	if n < 0 || n > ceiling {
		return ceiling
	}
	return n
}

// costLimit refuses, before any resolver runs, an operation whose
// estimated cost is over max items or that nests deeper than maxDepth,
// and names the costliest field. It runs after validation, which the
// preflight (preflight.go) keeps linear.
type costLimit struct {
	max      int64
	maxDepth int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = costLimit{}

func (costLimit) ExtensionName() string                   { return "CostLimit" }
func (costLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (l costLimit) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	c := estimate(rc.Operation, rc.Doc.Fragments, rc.Variables)
	rc.Stats.SetExtension("CostLimit", map[string]any{"estimate": c.items, "limit": l.max})
	if c.depth > l.maxDepth {
		return &gqlerror.Error{
			Message:    fmt.Sprintf("operation is nested %d levels deep, more than the %d allowed", c.depth, l.maxDepth),
			Extensions: map[string]any{"code": CodeDepthLimit},
		}
	}
	if c.items > l.max {
		return &gqlerror.Error{
			Message: fmt.Sprintf("operation could resolve about %d items, more than the budget of %d; most of them under %s: ask for fewer with first, or split the query",
				c.items, l.max, strings.Join(c.worst, " > ")),
			Extensions: map[string]any{"code": CodeCostLimit, "estimate": c.items, "budget": l.max},
		}
	}
	return nil
}
