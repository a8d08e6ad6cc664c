package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Limits of the exploration queries: each hop is one store call, and a hop
// from a hub (a country) can touch much of the graph.
const (
	maxNeighborhoodDepth = 3
	maxPathDepth         = 6
)

// allRelations pages through every relation matching f.
func allRelations(ctx context.Context, st store.Store, f store.RelationFilter) ([]store.Relation, error) {
	var out []store.Relation
	f.First, f.After = store.MaxPageSize, ""
	for {
		p, err := st.Relations(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if !p.HasNext {
			return out, nil
		}
		f.After = p.EndCursor
	}
}

// idsWhere returns the ends (subjects when wantSubject) of the relations
// matching f, each once.
func idsWhere(ctx context.Context, st store.Store, f store.RelationFilter, wantSubject bool) ([]string, error) {
	rs, err := allRelations(ctx, st, f)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, r := range rs {
		id := r.Object
		if wantSubject {
			id = r.Subject
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// intersect keeps the ids of a also in b; a nil a means "not yet limited".
func intersect(a, b []string) []string {
	if a == nil {
		return b
	}
	out := []string{}
	for _, id := range a {
		if slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}

func (r *Resolver) neighborhood(ctx context.Context, id string, depth int, types []schema.RelationType, limit int, asOf *string) (*model.Graph, error) {
	if depth < 1 || depth > maxNeighborhoodDepth {
		return nil, store.Errorf(store.EINVALID, "depth must be 1 to %d, got %d", maxNeighborhoodDepth, depth)
	}
	if limit < 1 || limit > store.MaxPageSize {
		return nil, store.Errorf(store.EINVALID, "limit must be 1 to %d, got %d", store.MaxPageSize, limit)
	}
	root, err := r.Store.Entity(ctx, id)
	if err != nil {
		return nil, err
	}
	id = root.ID // an id from before slugs is an alias (store.NormalizeID)
	in := map[string]bool{id: true}
	order := []string{id}
	// edges point into the rounds' answers, each relation once: a
	// relation is some 250 bytes, so it is neither sorted nor kept by
	// value (docs/PERFORMANCE.md, "Issue 13, fourth pass").
	var edges []*store.Relation
	kept := map[string]bool{}
	truncated := false
	frontier := []string{id}
	// One more round than depth: the last one only collects the relations
	// among nodes already found, so the drawing shows them. Every edge
	// touching a node nearer than depth came with that node's round, so
	// what is left are the edges among the outermost nodes: asked for as
	// such (Among), not by reading every relation of theirs, which at a
	// hub (a country) is most of the graph.
	for hop := 0; hop <= depth && len(frontier) > 0; hop++ {
		rs, err := r.Store.Expand(ctx, store.Expand{IDs: frontier, Direction: store.Both, Types: types, Among: hop == depth})
		if err != nil {
			return nil, err
		}
		if rs, err = keepAsOf(ctx, rs, asOf); err != nil {
			return nil, err
		}
		var next []string
		// In id order: which nodes fit within limit depends on it.
		for _, rel := range byID(rs) {
			for _, end := range [2]string{rel.Subject, rel.Object} {
				if in[end] || hop == depth {
					continue
				}
				if len(order) >= limit {
					truncated = true
					continue
				}
				in[end] = true
				order = append(order, end)
				next = append(next, end)
			}
			if in[rel.Subject] && in[rel.Object] && !kept[rel.ID] {
				kept[rel.ID] = true
				edges = append(edges, rel)
			}
		}
		frontier = next
	}
	es, err := r.Store.EntitiesByID(ctx, order)
	if err != nil {
		return nil, err
	}
	g := &model.Graph{Nodes: make([]model.Entity, 0, len(es)), Edges: []*model.Relation{}, Truncated: truncated}
	nodes := make(map[string]model.Entity, len(es))
	for _, e := range es {
		if m := model.NewEntity(e); m != nil {
			g.Nodes = append(g.Nodes, m)
			nodes[e.ID] = m
		}
	}
	slices.SortFunc(edges, func(a, b *store.Relation) int { return cmp.Compare(a.ID, b.ID) })
	fields := fieldsAt(ctx, "edges")
	g.Edges = relationsAmong(ctx, edges, nodes, fields)
	// Evidence under the edges, and the relations of the nodes, are
	// loaded as a listing's are; the ends are the nodes, loaded above.
	if has(fields, "evidence") != nil || slices.ContainsFunc(fieldsAt(ctx, "nodes"), func(f graphql.CollectedField) bool { return relationFields[f.Name] }) {
		rels := make([]store.Relation, len(g.Edges))
		for i, m := range g.Edges {
			rels[i] = m.R
		}
		if err := r.prefetchRelations(ctx, rels, es, fields); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// byID returns pointers to the relations of rs in id order.
func byID(rs []store.Relation) []*store.Relation {
	ps := make([]*store.Relation, len(rs))
	for i := range rs {
		ps[i] = &rs[i]
	}
	slices.SortFunc(ps, func(a, b *store.Relation) int { return cmp.Compare(a.ID, b.ID) })
	return ps
}

// relationsAmong makes rels, relations among nodes (by id), relations of
// the API with their ends taken from nodes when fields asks for either,
// as withEnds would load them: an end that is not a node is nil, as an
// entity the store does not hold is.
func relationsAmong(ctx context.Context, rels []*store.Relation, nodes map[string]model.Entity, fields []graphql.CollectedField) []*model.Relation {
	out := make([]*model.Relation, len(rels))
	ms := make([]model.Relation, len(rels))
	ends := len(rels) > 0 && (fields == nil || has(fields, "subject") != nil || has(fields, "object") != nil) &&
		graphql.GetFieldContext(ctx) != nil
	for i, r := range rels {
		ms[i].R = *r
		if ends {
			ms[i].SubjectEntity, ms[i].ObjectEntity = nodes[r.Subject], nodes[r.Object]
		}
		out[i] = &ms[i]
	}
	return out
}

func (r *Resolver) path(ctx context.Context, from, to string, maxDepth int) (*model.Path, error) {
	if maxDepth < 1 || maxDepth > maxPathDepth {
		return nil, store.Errorf(store.EINVALID, "maxDepth must be 1 to %d, got %d", maxPathDepth, maxDepth)
	}
	for _, id := range []*string{&from, &to} {
		e, err := r.Store.Entity(ctx, *id)
		if err != nil {
			return nil, err
		}
		*id = e.ID // an id from before slugs is an alias (store.NormalizeID)
	}
	if from == to {
		return nil, store.Errorf(store.EINVALID, "from and to are the same entity %q", from)
	}
	// Breadth-first, one Expand per hop; via[n] is the relation that first
	// reached n, so the first time to is reached the chain is shortest.
	via := map[string]store.Relation{}
	seen := map[string]bool{from: true}
	frontier := []string{from}
	for hop := 0; hop < maxDepth && len(frontier) > 0 && !seen[to]; hop++ {
		rs, err := r.Store.Expand(ctx, store.Expand{IDs: frontier, Direction: store.Both})
		if err != nil {
			return nil, err
		}
		var next []string
		for _, rel := range byID(rs) {
			for _, pair := range [][2]string{{rel.Subject, rel.Object}, {rel.Object, rel.Subject}} {
				a, b := pair[0], pair[1]
				if seen[a] && !seen[b] && slices.Contains(frontier, a) {
					seen[b] = true
					via[b] = *rel
					next = append(next, b)
				}
			}
		}
		frontier = next
	}
	if !seen[to] {
		return nil, nil
	}
	ids := []string{to}
	var rels []store.Relation
	for n := to; n != from; {
		rel := via[n]
		rels = append(rels, rel)
		if rel.Subject == n {
			n = rel.Object
		} else {
			n = rel.Subject
		}
		ids = append(ids, n)
	}
	slices.Reverse(ids)
	slices.Reverse(rels)
	es, err := r.Store.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	fields := fieldsAt(ctx, "edges")
	if err := r.prefetchRelations(ctx, rels, es, fields); err != nil {
		return nil, err
	}
	edges, err := relationModels(ctx, rels, fields)
	if err != nil {
		return nil, err
	}
	p := &model.Path{Edges: edges, Length: len(rels)}
	for _, e := range es {
		if m := model.NewEntity(e); m != nil {
			p.Nodes = append(p.Nodes, m)
		}
	}
	return p, nil
}

func (r *Resolver) timeline(ctx context.Context, id string, from, to *string) ([]*model.Event, error) {
	if err := checkDateRange("", from, to); err != nil {
		return nil, err
	}
	e, err := r.Store.Entity(ctx, id)
	if err != nil {
		return nil, err
	}
	id = e.ID // an id from before slugs is an alias (store.NormalizeID)
	rs, err := r.Store.Expand(ctx, store.Expand{IDs: []string{id}, Direction: store.Both})
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, rel := range rs {
		other := rel.Object
		if other == id {
			other = rel.Subject
		}
		if !slices.Contains(ids, other) {
			ids = append(ids, other)
		}
	}
	out := []*model.Event{}
	if len(ids) == 0 {
		return out, nil
	}
	es, err := r.Store.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var events []store.Entity
	for _, e := range es {
		if e.Type != schema.Event || !inRange(e.Date, from, to) {
			continue
		}
		events = append(events, e)
	}
	slices.SortFunc(events, func(a, b store.Entity) int {
		if (a.Date == "") != (b.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	if err := r.prefetchEntities(ctx, events, fieldsAt(ctx)); err != nil {
		return nil, err
	}
	for _, e := range events {
		out = append(out, model.NewEvent(e))
	}
	return out, nil
}

// inRange compares an ISO date with inclusive bounds as prefixes, as the
// stores do: "2024" covers every day of 2024. An undated thing is in range
// only when no bound is set.
func inRange(date string, from, to *string) bool {
	if from != nil && *from != "" {
		if date == "" || prefix(date, len(*from)) < *from {
			return false
		}
	}
	if to != nil && *to != "" {
		if date == "" || prefix(date, len(*to)) > *to {
			return false
		}
	}
	return true
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// tiedTo returns the entities tied directly to a country: bodies PART_OF
// it, places LOCATED_IN it, people who HOLD a POSITION of it and events
// HELD_IN it.
func tiedTo(ctx context.Context, st store.Store, country string) ([]string, error) {
	return idsWhere(ctx, st, store.RelationFilter{
		Types:  []schema.RelationType{schema.PartOf, schema.LocatedIn, schema.HoldsPosition, schema.HeldIn},
		Object: &country,
	}, true)
}
