package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// page turns GraphQL's first/after into a store page, rejecting sizes over
// the cap before the store is asked. first: 0 is a legal Relay request for
// the count alone, which the store would read as "default size"; it asks
// for one item, and countOnly tells the caller to drop it.
func page(first *int, after *string) (p store.Page, countOnly bool, err error) {
	if first != nil {
		p.First = *first
	}
	if after != nil {
		p.After = *after
	}
	if _, err := store.CheckPage(p); err != nil {
		return p, false, err
	}
	if first != nil && *first == 0 {
		p.First, countOnly = 1, true
	}
	return p, countOnly, nil
}

func pageInfo(hasNext bool, end string) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext}
	if end != "" {
		pi.EndCursor = &end
	}
	return pi
}

// entityCursor is the cursor after e in a listing ordered by o: the store's
// sort key (name, or date for date orders) and the id, as the stores encode
// EndCursor, so that any edge's cursor can be passed back as `after`.
// listEntities runs an entity listing for a connection: its total, the
// edges edge makes of the page's items (none when only the count is
// asked, which then says only whether there is any), and its page info.
// The loaders are primed for what the query asks of each node.
func listEntities[E any](ctx context.Context, r *Resolver, f store.EntityFilter, countOnly bool, edge func(cursor string, e store.Entity) E) (int, []E, *model.PageInfo, error) {
	res, err := r.Store.Entities(ctx, f)
	if err != nil {
		return 0, nil, nil, err
	}
	edges := []E{}
	if countOnly {
		return res.TotalCount, edges, pageInfo(res.TotalCount > 0, ""), nil
	}
	if err := r.prefetchEntities(ctx, res.Items, fieldsAt(ctx, "edges", "node")); err != nil {
		return 0, nil, nil, err
	}
	cursors := graphql.GetFieldContext(ctx) == nil || has(fieldsAt(ctx, "edges"), "cursor") != nil
	edges = make([]E, 0, len(res.Items))
	for _, e := range res.Items {
		cursor := ""
		if cursors { // made only when the query asks for it
			cursor = entityCursor(f.OrderBy, e)
		}
		edges = append(edges, edge(cursor, e))
	}
	return res.TotalCount, edges, pageInfo(res.HasNext, res.EndCursor), nil
}

func entityCursor(o store.EntityOrder, e store.Entity) string {
	if o == store.OrderByName {
		return store.EncodeCursor(e.Name, e.ID)
	}
	return store.EncodeCursor(e.Date, e.ID)
}

// relationCursor is the cursor after r in a listing ordered by id.
func relationCursor(r store.Relation) string { return store.EncodeCursor(r.ID, r.ID) }

// checkKind rejects a kind the entity type cannot have.
func checkKind(t schema.EntityType, k *model.Kind) error {
	if k != nil && !schema.ValidKind(t, string(*k)) {
		return store.Errorf(store.EINVALID, "%s is not a kind of %s (kinds of %s: %v)", *k, t, t, schema.Kinds[t])
	}
	return nil
}

func entityOrder(o *model.EntityOrder) store.EntityOrder {
	if o == nil {
		return store.OrderByName
	}
	switch *o {
	case model.EntityOrderDateAsc:
		return store.OrderByDateAsc
	case model.EntityOrderDateDesc:
		return store.OrderByDateDesc
	}
	return store.OrderByName
}

func eventOrder(o *model.EventOrder) store.EntityOrder {
	if o == nil {
		return store.OrderByDateAsc
	}
	switch *o {
	case model.EventOrderDateDesc:
		return store.OrderByDateDesc
	case model.EventOrderName:
		return store.OrderByName
	}
	return store.OrderByDateAsc
}

// relationModels wraps rs for GraphQL, with their ends when fields (the
// selection under each relation) asks for them (withEnds).
func relationModels(ctx context.Context, rs []store.Relation, fields []graphql.CollectedField) ([]*model.Relation, error) {
	out := make([]*model.Relation, len(rs))
	for i, r := range rs {
		out[i] = &model.Relation{R: r}
	}
	return out, withEnds(ctx, out, fields)
}

// withEnds fills in the subject and object of each relation when fields
// (the selection under each relation; nil when not known) asks for
// either, through the request's entity loader, which a listing's
// prefetch has primed with them.
func withEnds(ctx context.Context, ms []*model.Relation, fields []graphql.CollectedField) error {
	if len(ms) == 0 || fields != nil && has(fields, "subject") == nil && has(fields, "object") == nil {
		return nil
	}
	if graphql.GetFieldContext(ctx) == nil {
		return nil // not for GraphQL (POST /ingest): no field will ask
	}
	ids := make([]string, 0, 2*len(ms))
	for _, m := range ms {
		ids = append(ids, m.R.Subject, m.R.Object)
	}
	es, err := loaders.For(ctx).Entity.LoadAll(ctx, ids)
	if err != nil {
		return err
	}
	setEnds(ms, es)
	return nil
}

// setEnds sets the ends of ms from es, each relation's subject then object.
func setEnds(ms []*model.Relation, es []store.Entity) {
	for i, m := range ms {
		m.SubjectEntity, m.ObjectEntity = model.NewEntity(es[2*i]), model.NewEntity(es[2*i+1])
	}
}

// relationsOf returns the relations touching id through the request's
// loader, keeping those of the given types (all when empty) in the given
// direction, ordered by type then id for a stable answer.
func relationsOf(ctx context.Context, id string, types []schema.RelationType, dir store.Direction) ([]store.Relation, error) {
	l := loaders.For(ctx)
	all, ok := l.Typed(id, types)
	if !ok {
		var err error
		if all, err = l.Relations.Load(ctx, id); err != nil {
			return nil, err
		}
	}
	keep := func(r *store.Relation) bool {
		return (len(types) == 0 || slices.Contains(types, r.Type)) &&
			!(dir == store.Out && r.Subject != id || dir == store.In && r.Object != id)
	}
	// Counted first: relations are large, and growing the slice by
	// appending copies them over and over for every event of a listing.
	n := 0
	for i := range all {
		if keep(&all[i]) {
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	out := make([]store.Relation, 0, n)
	for i := range all {
		if keep(&all[i]) {
			out = append(out, all[i])
		}
	}
	slices.SortFunc(out, func(a, b store.Relation) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// toDirection maps the GraphQL direction; nil means both.
func toDirection(d *model.Direction) store.Direction {
	if d == nil {
		return store.Both
	}
	switch *d {
	case model.DirectionOut:
		return store.Out
	case model.DirectionIn:
		return store.In
	}
	return store.Both
}

// ends loads the entities at the far end of rs from id, dropping ids the
// store no longer holds, ordered by name.
func ends(ctx context.Context, id string, rs []store.Relation) ([]store.Entity, error) {
	var ids []string
	for _, r := range rs {
		other := r.Object
		if other == id {
			other = r.Subject
		}
		if !slices.Contains(ids, other) {
			ids = append(ids, other)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	es, err := loaders.For(ctx).Entity.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := es[:0]
	for _, e := range es {
		if e.ID != "" {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b store.Entity) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// entityByID loads one entity through the loader; a dangling id is an
// internal error because the stores keep relation ends consistent.
func entityByID(ctx context.Context, id string) (model.Entity, error) {
	e, err := loaders.For(ctx).Entity.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	m := model.NewEntity(e)
	if m == nil {
		return nil, fmt.Errorf("relation end %q is not in the store", id)
	}
	return m, nil
}

// evidenceOf loads the evidence of rs in document then offset order, each
// sentence once: one sentence often supports several relations of the same
// event ("A and B attended"), and a reader wants to see it once. With
// withDocuments, the documents it cites come with it.
func evidenceOf(ctx context.Context, rs []store.Relation, withDocuments bool) ([]*model.Evidence, error) {
	if len(rs) == 0 {
		return []*model.Evidence{}, nil
	}
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	groups, err := loaders.For(ctx).Evidence.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	type span struct {
		doc        string
		start, end int
		note       string // analysts' notes have no document to tell them apart
	}
	seen := map[span]bool{}
	out := []*model.Evidence{}
	for _, g := range groups {
		for i := range g {
			k := span{g[i].DocumentID, g[i].Start, g[i].End, ""}
			if k.doc == "" {
				k.note = g[i].Sentence
			}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, &model.Evidence{Evidence: g[i]})
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Evidence) int {
		return cmp.Or(cmp.Compare(a.DocumentID, b.DocumentID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	if !withDocuments {
		return out, nil
	}
	docs, err := documentsOf(ctx, out)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*model.Document, len(docs))
	for _, d := range docs {
		byID[d.D.ID] = d
	}
	for _, ev := range out {
		if ev.DocumentID == "" {
			continue // an analyst's note
		}
		if ev.Document = byID[ev.DocumentID]; ev.Document == nil {
			return nil, fmt.Errorf("evidence %s: document %q is not in the store", ev.ID, ev.DocumentID)
		}
	}
	return out, nil
}

// asksDocument reports whether the evidence field being resolved asks
// for its pieces' documents.
func asksDocument(ctx context.Context) bool { return has(fieldsAt(ctx), "document") != nil }

// documentsOf loads the distinct documents of evs in order of first use.
func documentsOf(ctx context.Context, evs []*model.Evidence) ([]*model.Document, error) {
	var ids []string
	for _, ev := range evs {
		if ev.DocumentID != "" && !slices.Contains(ids, ev.DocumentID) {
			ids = append(ids, ev.DocumentID)
		}
	}
	if len(ids) == 0 {
		return []*model.Document{}, nil
	}
	ds, err := loaders.For(ctx).Document.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Document, 0, len(ds))
	for _, d := range ds {
		if d.ID != "" {
			out = append(out, &model.Document{D: d})
		}
	}
	return out, nil
}

// relationEdges primes the loaders for what the selection under the
// edges' nodes asks of them, and fills in their ends.
func (r *Resolver) relationEdges(ctx context.Context, conn *model.RelationConnection) error {
	rs := make([]store.Relation, len(conn.Edges))
	ms := make([]*model.Relation, len(conn.Edges))
	for i, e := range conn.Edges {
		rs[i], ms[i] = e.Node.R, e.Node
	}
	fields := fieldsAt(ctx, "edges", "node")
	if err := r.prefetchRelations(ctx, rs, nil, fields); err != nil {
		return err
	}
	return withEnds(ctx, ms, fields)
}

// relationConnection lists relations as a connection.
func (r *Resolver) relationConnection(ctx context.Context, f store.RelationFilter, countOnly bool) (*model.RelationConnection, error) {
	res, err := r.Store.Relations(ctx, f)
	if err != nil {
		return nil, err
	}
	conn := &model.RelationConnection{TotalCount: res.TotalCount, Edges: []*model.RelationEdge{}, PageInfo: pageInfo(res.HasNext, res.EndCursor)}
	if countOnly {
		conn.PageInfo = pageInfo(res.TotalCount > 0, "")
		return conn, nil
	}
	// An edge's cursor is made only when the query asks for it: a
	// hundred of them were 2% of a listing's CPU. Edges and relations
	// are carved out of one allocation each.
	cursors := graphql.GetFieldContext(ctx) == nil || has(fieldsAt(ctx, "edges"), "cursor") != nil
	edges := make([]model.RelationEdge, len(res.Items))
	nodes := make([]model.Relation, len(res.Items))
	conn.Edges = make([]*model.RelationEdge, len(res.Items))
	for i, rel := range res.Items {
		nodes[i].R = rel
		edges[i].Node = &nodes[i]
		if cursors {
			edges[i].Cursor = relationCursor(rel)
		}
		conn.Edges[i] = &edges[i]
	}
	return conn, nil
}

// relationsSeen lists the relations matching f that were seen within
// [from, to] and held at asOf (when given), paging by relation id as the
// stores do, so cursors stay interchangeable with unfiltered listings.
func (r *Resolver) relationsSeen(ctx context.Context, f store.RelationFilter, from, to, asOf *string, countOnly bool) (*model.RelationConnection, error) {
	size, err := store.CheckPage(f.Page)
	if err != nil {
		return nil, err
	}
	afterID := ""
	if f.After != "" {
		if _, afterID, err = store.DecodeCursor(f.After); err != nil {
			return nil, err
		}
	}
	all, err := allRelations(ctx, r.Store, f)
	if err != nil {
		return nil, err
	}
	if all, err = keepAsOf(ctx, all, asOf); err != nil {
		return nil, err
	}
	conn := &model.RelationConnection{Edges: []*model.RelationEdge{}}
	var kept []store.Relation
	for _, rel := range all {
		if (from != nil || to != nil) && !seenWithin(rel, from, to) {
			continue
		}
		conn.TotalCount++
		if rel.ID > afterID {
			kept = append(kept, rel)
		}
	}
	slices.SortFunc(kept, func(a, b store.Relation) int { return cmp.Compare(a.ID, b.ID) })
	hasNext := len(kept) > size
	if hasNext {
		kept = kept[:size]
	}
	if countOnly {
		conn.PageInfo = pageInfo(conn.TotalCount > 0, "")
		return conn, nil
	}
	end := ""
	for _, rel := range kept {
		end = relationCursor(rel)
		conn.Edges = append(conn.Edges, &model.RelationEdge{Cursor: end, Node: &model.Relation{R: rel}})
	}
	conn.PageInfo = pageInfo(hasNext, end)
	return conn, nil
}

// seenWithin reports whether a relation's supporting documents' dates
// reach into [from, to], both inclusive ISO prefixes.
func seenWithin(rel store.Relation, from, to *string) bool {
	first, last := rel.FirstSeen, rel.LastSeen
	if first == "" {
		first = last
	}
	if last == "" {
		last = first
	}
	if first == "" {
		return false
	}
	if from != nil && *from != "" && prefix(last, len(*from)) < *from {
		return false
	}
	if to != nil && *to != "" && prefix(first, len(*to)) > *to {
		return false
	}
	return true
}

// entityRelations answers an entity's relations field: one page of the
// relations touching id, of the types and direction asked, held at asOf
// when it is given.
func entityRelations(ctx context.Context, id string, types []schema.RelationType, dir *model.Direction, first *int, asOf *string) ([]*model.Relation, error) {
	if err := checkFirst(first, "relations"); err != nil {
		return nil, err
	}
	if err := checkDate("asOf", asOf); err != nil {
		return nil, err
	}
	rs, err := relationsOf(ctx, id, types, toDirection(dir))
	if err != nil {
		return nil, err
	}
	if rs, err = keepAsOf(ctx, rs, asOf); err != nil {
		return nil, err
	}
	rs, _ = firstOf(rs, first, "relations")
	return relationModels(ctx, rs, fieldsAt(ctx))
}
