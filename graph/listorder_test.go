package graph

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/store/sqlite"
)

// listSelection returns the selection under the field named list, found
// depth first in query, validated against the schema.
func listSelection(t *testing.T, query, list string) ast.SelectionSet {
	t.Helper()
	schema := NewExecutableSchema(Config{}).Schema()
	doc, errs := gqlparser.LoadQuery(schema, query)
	if errs != nil {
		t.Fatalf("LoadQuery(%q): %v", query, errs)
	}
	var find func(ast.SelectionSet) ast.SelectionSet
	find = func(sel ast.SelectionSet) ast.SelectionSet {
		for _, s := range sel {
			var sub ast.SelectionSet
			switch s := s.(type) {
			case *ast.Field:
				if s.Name == list {
					return s.SelectionSet
				}
				sub = s.SelectionSet
			case *ast.InlineFragment:
				sub = s.SelectionSet
			case *ast.FragmentSpread:
				sub = s.Definition.SelectionSet
			}
			if found := find(sub); found != nil {
				return found
			}
		}
		return nil
	}
	sel := find(doc.Operations[0].SelectionSet)
	if sel == nil {
		t.Fatalf("no field %q in %q", list, query)
	}
	return sel
}

func TestModeOf(t *testing.T) {
	tests := []struct {
		name, query, list string
		want              listMode
	}{
		{"plain fields and ends", `{ relations(first: 5) { edges { node { id title subject { id name } object { id type name } } } } }`, "edges", inOrder},
		{"scalars of an interface", `{ search(text: "a") { entity { id name } } }`, "search", inOrder},
		{"primed evidence", `{ relations(first: 5) { edges { node { id evidence { sentence document { title } } } } } }`, "edges", watched},
		{"primed participants", `{ events(first: 5) { edges { node { id participants { id name } } } } }`, "edges", watched},
		{"under the primed field", `{ events(first: 5) { edges { node { id participants { id name } } } } }`, "participants", inOrder},
		{"relations of an entity", `{ entities(first: 5) { edges { node { id relations { id } } } } }`, "edges", watched},
		{"documents of a relation", `{ relations(first: 5) { edges { node { id documents { id } } } } }`, "edges", concurrent},
		{"timeline in a fragment", `{ entities(first: 5) { edges { node { id ... on Person { timeline { kind } } } } } }`, "edges", concurrent},
		{"fragment spread", `query { events(first: 5) { edges { node { ...E } } } } fragment E on Event { id location { id } }`, "edges", watched},
		{"timeline past a primed field", `{ events(first: 5) { edges { node { participants { id timeline { kind } } } } } }`, "edges", concurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := modeOf(listSelection(t, tt.query, tt.list)); got != tt.want {
				t.Errorf("modeOf(%s under %q) = %d, want %d", tt.list, tt.query, got, tt.want)
			}
		})
	}
}

// marshalList gives each element its index and recovers a panic as
// graphql.MarshalSliceConcurrently does: an error at the element's path
// and a null list, with the other elements still marshalled.
func TestMarshalListPanic(t *testing.T) {
	for _, mode := range []string{"in order", "concurrent"} {
		t.Run(mode, func(t *testing.T) {
			sel := listSelection(t, `{ relations(first: 5) { edges { node { id } } } }`, "edges")
			if mode == "concurrent" {
				sel = listSelection(t, `{ relations(first: 5) { edges { node { documents { id } } } } }`, "edges")
			}
			ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
				func(ctx context.Context, err any) error { return errors.New("internal system error") })
			ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "edges"}}})
			var seen [3]int
			ret := marshalList(ctx, sel, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
				seen[i] = *graphql.GetFieldContext(ctx).Index + 1
				if i == 1 {
					panic("boom")
				}
				return graphql.MarshalString("x")
			})
			if ret != nil {
				t.Errorf("marshalList with a panicking element = %v, want nil", ret)
			}
			if seen != [3]int{1, 2, 3} {
				t.Errorf("indexes seen = %v, want [1 2 3] (each element, once, at its index)", seen)
			}
			errs := graphql.GetErrors(ctx)
			if len(errs) != 1 || errs[0].Path.String() != "edges[1]" {
				t.Errorf("errors = %v, want one at edges[1]", errs)
			}
		})
	}
}

// A watched list is marshalled in order while its elements find their
// values primed; once one sends a key to a loader's batch, the rest are
// marshalled concurrently, so that their loads share one batch.
func TestMarshalListWatched(t *testing.T) {
	sel := listSelection(t, `{ relations(first: 5) { edges { node { evidence { sentence } } } } }`, "edges")
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	defer st.Close()
	l := loaders.New(st, 0)
	for _, id := range []string{"a", "b"} {
		l.Evidence.Prime(id, nil)
	}
	ctx := loaders.With(context.Background(), l)
	ctx = graphql.WithResponseContext(ctx, graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	keys := []string{"a", "b", "c", "d", "e"} // c, d, e are not primed
	var order []int
	started := make(chan int, len(keys))
	ret := marshalList(ctx, sel, len(keys), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		started <- i
		if _, err := l.Evidence.Load(ctx, keys[i]); err != nil {
			t.Errorf("Load(%q): %v", keys[i], err)
		}
		return graphql.MarshalInt(i)
	})
	close(started)
	for i := range started {
		order = append(order, i)
	}
	if len(ret) != len(keys) {
		t.Fatalf("marshalList = %d elements, want %d", len(ret), len(keys))
	}
	if order[0] != 0 || order[1] != 1 || order[2] != 2 {
		t.Errorf("elements started in order %v, want 0, 1, 2 first (in order until c waits)", order)
	}
	if got := loaders.Waits(ctx); got != 3 {
		t.Errorf("loaders.Waits = %d, want 3 (c alone, then d and e)", got)
	}
}
