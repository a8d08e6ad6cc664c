package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestNeighborhoodEdges checks a neighbourhood against its definition,
// worked out here from plain store listings: its nodes are every entity
// within depth hops of the start, and its edges every relation (of the
// types asked) whose two ends are both among the nodes — whichever round
// of the search found them.
func TestNeighborhoodEdges(t *testing.T) {
	st := openStore(t)
	seed(t, st, 6, 3)
	ctx := context.Background()
	// Ties among the events' participants and places, so that a
	// neighbourhood has edges among its outermost nodes too.
	country := store.Entity{Type: schema.Country, Name: "Freedonia"}
	es := []store.Entity{country}
	var rels []store.Relation
	var text strings.Builder
	tie := func(s store.Entity, rt schema.RelationType, o store.Entity) {
		for _, e := range []*store.Entity{&s, &o} {
			e.ID = store.EntityID(e.Type, e.Name)
			es = append(es, *e)
		}
		sentence := fmt.Sprintf("%s %s %s.", s.Name, rt, o.Name)
		start := text.Len()
		text.WriteString(sentence + " ")
		rels = append(rels, store.Relation{Type: rt, Subject: s.ID, Object: o.ID, Evidence: []store.Evidence{{
			Sentence: sentence, Start: start, End: start + len(sentence), Extractor: "test", Confidence: 0.9,
		}}})
	}
	country.ID = store.EntityID(country.Type, country.Name)
	for i := range 9 {
		ministry := store.Entity{Type: schema.Organization, Kind: "GOVERNMENT", Name: fmt.Sprintf("Ministry %d", i%4)}
		tie(store.Entity{Type: schema.Person, Name: fmt.Sprintf("Envoy %03d", i)}, schema.HoldsPosition, ministry)
		tie(ministry, schema.PartOf, country)
		tie(store.Entity{Type: schema.Location, Name: fmt.Sprintf("Venue %d", i%3)}, schema.LocatedIn, country)
	}
	if _, err := st.WriteBatch(ctx, store.Batch{
		Document: store.Document{Filename: "ties.txt", Title: "Ties", Date: "2024-06-01", Kind: "PRESS_RELEASE", Source: "test", Text: text.String()},
		Entities: es, Relations: rels,
	}); err != nil {
		t.Fatal(err)
	}
	url := serve(t, st, graph.Options{})
	var all []store.Relation
	for after := ""; ; {
		p, err := st.Relations(ctx, store.RelationFilter{Page: store.Page{First: store.MaxPageSize, After: after}})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Items...)
		if !p.HasNext {
			break
		}
		after = p.EndCursor
	}
	starts := []string{
		store.EntityID(schema.Event, "Cyber Dialogue 000"),
		store.EntityID(schema.Organization, "Ministry 1"),
		store.EntityID(schema.Location, "Venue 2"),
	}
	typeSets := [][]schema.RelationType{nil, {schema.Attended}, {schema.Attended, schema.HoldsPosition}}
	for _, start := range starts {
		for depth := 1; depth <= 3; depth++ {
			for _, types := range typeSets {
				name := fmt.Sprintf("%s depth %d types %v", start, depth, types)
				want := map[string]bool{start: true}
				frontier := []string{start}
				for range depth {
					var next []string
					for _, r := range all {
						if len(types) > 0 && !slices.Contains(types, r.Type) {
							continue
						}
						for _, pair := range [][2]string{{r.Subject, r.Object}, {r.Object, r.Subject}} {
							if slices.Contains(frontier, pair[0]) && !want[pair[1]] {
								want[pair[1]] = true
								next = append(next, pair[1])
							}
						}
					}
					frontier = next
				}
				var wantEdges []string
				for _, r := range all {
					if (len(types) == 0 || slices.Contains(types, r.Type)) && want[r.Subject] && want[r.Object] {
						wantEdges = append(wantEdges, r.ID)
					}
				}
				slices.Sort(wantEdges)

				typeArg := []string{}
				for _, ty := range types {
					typeArg = append(typeArg, string(ty))
				}
				vars := map[string]any{"e": start, "d": depth}
				q := `query($e: ID!, $d: Int!) { neighborhood(id: $e, depth: $d) { truncated nodes { id } edges { id subject { id } object { id } } } }`
				if len(types) > 0 {
					vars["t"] = typeArg
					q = `query($e: ID!, $d: Int!, $t: [RelationType!]) { neighborhood(id: $e, depth: $d, types: $t) { truncated nodes { id } edges { id subject { id } object { id } } } }`
				}
				r := query(t, url, q, vars)
				if len(r.Errors) > 0 {
					t.Fatalf("%s: errors %+v", name, r.Errors)
				}
				var a struct {
					Neighborhood struct {
						Truncated bool
						Nodes     []struct{ ID string }
						Edges     []struct {
							ID      string
							Subject struct{ ID string }
							Object  struct{ ID string }
						}
					}
				}
				if err := json.Unmarshal(r.Data, &a); err != nil {
					t.Fatal(err)
				}
				var gotNodes, wantNodes, gotEdges []string
				for _, n := range a.Neighborhood.Nodes {
					gotNodes = append(gotNodes, n.ID)
				}
				for id := range want {
					wantNodes = append(wantNodes, id)
				}
				for _, e := range a.Neighborhood.Edges {
					gotEdges = append(gotEdges, e.ID)
					if !want[e.Subject.ID] || !want[e.Object.ID] {
						t.Errorf("%s: edge %s has an end outside the nodes", name, e.ID)
					}
				}
				slices.Sort(gotNodes)
				slices.Sort(wantNodes)
				if a.Neighborhood.Truncated || !slices.Equal(gotNodes, wantNodes) {
					t.Errorf("%s: nodes %v (truncated %v), want %v", name, gotNodes, a.Neighborhood.Truncated, wantNodes)
				}
				if !slices.Equal(gotEdges, wantEdges) {
					t.Errorf("%s: edges %v, want %v", name, gotEdges, wantEdges)
				}
			}
		}
	}
}

// TestTypedPrefetch: a listing whose fields read relations of some types
// only loads just those (prefetchEntities); its answers must be those of
// the same fields asked one event at a time, next to a field that reads
// every relation, which loads them all.
func TestTypedPrefetch(t *testing.T) {
	st := openStore(t)
	seed(t, st, 6, 3)
	url := serve(t, st, graph.Options{})
	const fields = `id participants { id } orgs: participants(type: Organization) { id } location { id } topics { id }`
	type event = map[string]any
	listing := func(extra string) []event {
		t.Helper()
		r := query(t, url, `{ events(first: 50) { edges { node { `+fields+extra+` } } } }`, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		var a struct {
			Events struct{ Edges []struct{ Node event } }
		}
		if err := json.Unmarshal(r.Data, &a); err != nil {
			t.Fatal(err)
		}
		var out []event
		for _, e := range a.Events.Edges {
			delete(e.Node, "relations")
			out = append(out, e.Node)
		}
		return out
	}
	typed := listing("")
	full := listing(" relations { id }")
	if len(typed) != 9 {
		t.Fatalf("%d events, want 9", len(typed))
	}
	for i, e := range typed {
		r := query(t, url, `query($id: ID!) { entity(id: $id) { ... on Event { `+fields+` } } }`, map[string]any{"id": e["id"]})
		var a struct{ Entity event }
		if err := json.Unmarshal(r.Data, &a); err != nil || len(r.Errors) > 0 {
			t.Fatalf("entity(%v): %v %+v", e["id"], err, r.Errors)
		}
		want, _ := json.Marshal(a.Entity)
		got, _ := json.Marshal(e)
		gotFull, _ := json.Marshal(full[i])
		if string(got) != string(want) || string(gotFull) != string(want) {
			t.Errorf("event %v:\nlisting          %s\nlisting, all     %s\none at a time    %s", e["id"], got, gotFull, want)
		}
		if ps, _ := e["participants"].([]any); len(ps) != 3 {
			t.Errorf("event %v: %d participants, want 3", e["id"], len(ps))
		}
	}
}
