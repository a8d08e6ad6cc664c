package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Resolvers that return lists look ahead at what the query asks of each
// item and prime the request's loaders with one store call per kind of
// data: the fields below then find their values waiting instead of each
// sleeping through a loader's batch window, so a one-hop query costs its
// store round trips and little else. What the plan misses still goes
// through the loaders, batched as before; what it over-fetches is a few
// rows of a call it makes anyway.

// Event fields that read the event's relations through the loader.
var relationFields = map[string]bool{
	"participants": true, "location": true, "topics": true, "produced": true,
	"evidence": true, "documents": true, "relations": true,
}

// selectable are the type conditions fragments may name in the selections
// the plans read; a plan that includes a fragment of another type only
// loads a little more.
var selectable = []string{
	"Entity", "Person", "Organization", "Country", "Location", "Event", "Agreement", "Topic",
	"Relation", "Evidence", "Document", "Graph", "Path",
	"EntityConnection", "EntityEdge", "EventConnection", "EventEdge",
	"RelationConnection", "RelationEdge", "DocumentConnection", "DocumentEdge", "SearchHit",
}

// fieldsAt returns the fields selected under the field being resolved,
// descending through the named fields first (e.g. "edges", "node").
func fieldsAt(ctx context.Context, path ...string) []graphql.CollectedField {
	if graphql.GetFieldContext(ctx) == nil {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, selectable)
	for _, name := range path {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == name {
				next = append(next, graphql.CollectFields(op, f.Selections, selectable)...)
			}
		}
		fields = next
	}
	return fields
}

func has(fields []graphql.CollectedField, name string) *graphql.CollectedField {
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
	}
	return nil
}

// plan gathers what the selections below a list will load.
type plan struct {
	op       *graphql.OperationContext
	ends     []string // entity ids
	known    []store.Entity
	evidence []string // relation ids
	docs     bool     // the documents of that evidence
	// seen are the entity and relation ids planned already (kept
	// apart, not prefixed: a prefixed id is an allocation per lookup).
	seenEntity, seenRelation map[string]bool
}

func newPlan(ctx context.Context) *plan {
	return &plan{op: graphql.GetOperationContext(ctx), seenEntity: map[string]bool{}, seenRelation: map[string]bool{}}
}

// know records entities already loaded: they prime the loader and are
// not asked for again.
func (p *plan) know(es []store.Entity) {
	p.known = append(p.known, es...)
	for _, e := range es {
		p.seenEntity[e.ID] = true
	}
}

func (p *plan) end(id string) {
	if !p.seenEntity[id] {
		p.seenEntity[id] = true
		p.ends = append(p.ends, id)
	}
}

func (p *plan) evidenceOf(rs []store.Relation, docs bool) {
	for _, r := range rs {
		if !p.seenRelation[r.ID] {
			p.seenRelation[r.ID] = true
			p.evidence = append(p.evidence, r.ID)
		}
	}
	p.docs = p.docs || docs && len(rs) > 0
}

// relations plans the selection under a list of relations.
func (p *plan) relations(rs []store.Relation, fields []graphql.CollectedField) {
	if has(fields, "subject") != nil || has(fields, "object") != nil {
		for _, r := range rs {
			p.end(r.Subject)
			p.end(r.Object)
		}
	}
	if f := has(fields, "evidence"); f != nil {
		p.evidenceOf(rs, has(p.sub(*f), "document") != nil)
	}
}

func (p *plan) sub(f graphql.CollectedField) []graphql.CollectedField {
	return graphql.CollectFields(p.op, f.Selections, selectable)
}

// entity plans the selection under one entity whose relations are all.
func (p *plan) entity(e store.Entity, all []store.Relation, fields []graphql.CollectedField) {
	// ends plans the other ends of e's relations of type t in direction
	// d that keep (nil: all) accepts, read in place: copying the
	// relations out first (pickRelations) was a tenth of the agencies at
	// dialogues at 100× (docs/PERFORMANCE.md, "Issue 13, sixth pass").
	ends := func(t schema.RelationType, d store.Direction, keep func(r *store.Relation) bool) {
		for i := range all {
			r := &all[i]
			if r.Type != t || d == store.Out && r.Subject != e.ID || d == store.In && r.Object != e.ID {
				continue
			}
			if keep != nil && !keep(r) {
				continue
			}
			if r.Subject == e.ID {
				p.end(r.Object)
			} else {
				p.end(r.Subject)
			}
		}
	}
	for _, f := range fields {
		switch f.Name {
		case "relations":
			types, dir := relationArgs(f.ArgumentMap(p.op.Variables))
			p.relations(pickRelations(e.ID, all, types, dir), p.sub(f))
		}
		if e.Type != schema.Event {
			continue
		}
		switch f.Name {
		case "participants":
			var keep func(r *store.Relation) bool
			if t, ok := f.ArgumentMap(p.op.Variables)["type"].(string); ok {
				keep = func(r *store.Relation) bool { rt, _ := store.TypeOf(r.Subject); return string(rt) == t }
			}
			ends(schema.Attended, store.In, keep)
		case "location":
			ends(schema.HeldIn, store.Out, nil)
		case "topics":
			ends(schema.Discussed, store.Out, nil)
		case "produced":
			ends(schema.Produced, store.Out, nil)
		case "evidence":
			p.evidenceOf(all, has(p.sub(f), "document") != nil)
		case "documents":
			p.evidenceOf(all, true)
		}
	}
}

// relationArgs reads the types and direction arguments of a relations
// field as the request states them (enum values are strings there).
func relationArgs(args map[string]any) ([]schema.RelationType, store.Direction) {
	var types []schema.RelationType
	if ts, ok := args["types"].([]any); ok {
		for _, t := range ts {
			if s, ok := t.(string); ok {
				types = append(types, schema.RelationType(s))
			}
		}
	}
	switch args["direction"] {
	case "OUT":
		return types, store.Out
	case "IN":
		return types, store.In
	}
	return types, store.Both
}

// pickRelations keeps the relations of the given types (all when empty)
// in the given direction from id, as relationsOf does.
func pickRelations(id string, all []store.Relation, types []schema.RelationType, dir store.Direction) []store.Relation {
	var out []store.Relation
	for _, r := range all {
		if len(types) > 0 && !slices.Contains(types, r.Type) {
			continue
		}
		if dir == store.Out && r.Subject != id || dir == store.In && r.Object != id {
			continue
		}
		out = append(out, r)
	}
	return out
}

// run makes the planned store calls and primes the loaders with their
// answers. They run one after the other on the resolver's goroutine: in
// parallel they would each need a fresh goroutine, and SQLite's deep
// call stacks made growing those stacks cost more than the overlap saved
// on a busy server.
func (p *plan) run(ctx context.Context, st store.Store) error {
	l := loaders.For(ctx)
	for _, e := range p.known {
		if e.ID != "" {
			l.Entity.Prime(e.ID, e)
		}
	}
	if len(p.ends) > 0 {
		es, err := st.EntitiesByID(ctx, p.ends)
		if err == nil && len(es) != len(p.ends) {
			err = store.Errorf(store.EINTERNAL, "store returned %d entities for %d ids", len(es), len(p.ends))
		}
		if err != nil {
			return err
		}
		for i, id := range p.ends {
			l.Entity.Prime(id, es[i])
		}
	}
	if len(p.evidence) > 0 {
		return p.runEvidence(ctx, st, l)
	}
	return nil
}

func (p *plan) runEvidence(ctx context.Context, st store.Store, l *loaders.Loaders) error {
	m, err := st.EvidenceFor(ctx, p.evidence)
	if err != nil {
		return err
	}
	var docs []string
	for _, id := range p.evidence {
		l.Evidence.Prime(id, m[id])
		for _, ev := range m[id] {
			if p.docs && ev.DocumentID != "" && !slices.Contains(docs, ev.DocumentID) {
				docs = append(docs, ev.DocumentID)
			}
		}
	}
	if len(docs) == 0 {
		return nil
	}
	ds, err := st.DocumentsByID(ctx, docs)
	if err != nil {
		return err
	}
	if len(ds) != len(docs) {
		return store.Errorf(store.EINTERNAL, "store returned %d documents for %d ids", len(ds), len(docs))
	}
	for i, id := range docs {
		l.Document.Prime(id, ds[i])
	}
	return nil
}

// prefetchEntities primes the loaders for what fields (the selection under
// each entity) will ask of es: their relations in one Expand, then the
// entities at their ends and the evidence and documents behind them.
func (r *Resolver) prefetchEntities(ctx context.Context, es []store.Entity, fields []graphql.CollectedField) error {
	if len(es) == 0 || !slices.ContainsFunc(fields, func(f graphql.CollectedField) bool { return relationFields[f.Name] }) {
		return nil
	}
	ids := make([]string, len(es))
	byID := make(map[string][]store.Relation, len(es))
	for i, e := range es {
		ids[i] = e.ID
		byID[e.ID] = nil
	}
	types := relationTypesOf(fields, graphql.GetOperationContext(ctx).Variables)
	rs, err := r.Store.Expand(ctx, store.Expand{IDs: ids, Direction: store.Both, Types: types})
	if err != nil {
		return err
	}
	// Each entity's share is counted first and carved out of one
	// allocation: relations are large, and appending copies them as the
	// slices grow.
	count := make(map[string]int, len(es))
	total := 0
	for i := range rs {
		if _, ok := byID[rs[i].Subject]; ok {
			count[rs[i].Subject]++
			total++
		}
		if _, ok := byID[rs[i].Object]; ok && rs[i].Object != rs[i].Subject {
			count[rs[i].Object]++
			total++
		}
	}
	buf := make([]store.Relation, 0, total)
	for id, n := range count {
		byID[id], buf = buf[:0:n], buf[n:n:cap(buf)]
	}
	for _, rel := range rs {
		if _, ok := byID[rel.Subject]; ok {
			byID[rel.Subject] = append(byID[rel.Subject], rel)
		}
		if _, ok := byID[rel.Object]; ok && rel.Object != rel.Subject {
			byID[rel.Object] = append(byID[rel.Object], rel)
		}
	}
	l := loaders.For(ctx)
	p := newPlan(ctx)
	p.know(es)
	for _, e := range es {
		if types == nil {
			l.Relations.Prime(e.ID, byID[e.ID])
		} else {
			l.PrimeTyped(e.ID, types, byID[e.ID])
		}
		p.entity(e, byID[e.ID], fields)
	}
	return p.run(ctx, r.Store)
}

// typeOfField is the one relation type an event field reads.
var typeOfField = map[string]schema.RelationType{
	"participants": schema.Attended, "location": schema.HeldIn, "topics": schema.Discussed, "produced": schema.Produced,
}

// relationTypesOf returns the relation types the fields read, or nil when
// one of them reads relations of every type (evidence, documents, or
// relations without types).
func relationTypesOf(fields []graphql.CollectedField, vars map[string]any) []schema.RelationType {
	var types []schema.RelationType
	add := func(t schema.RelationType) {
		if !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	for _, f := range fields {
		if t, ok := typeOfField[f.Name]; ok {
			add(t)
			continue
		}
		if !relationFields[f.Name] {
			continue
		}
		if f.Name != "relations" {
			return nil
		}
		ts, _ := relationArgs(f.ArgumentMap(vars))
		if len(ts) == 0 {
			return nil
		}
		for _, t := range ts {
			add(t)
		}
	}
	return types
}

// prefetchRelations primes the loaders for what fields (the selection
// under each relation) will ask of rs; nodes are entities already loaded.
func (r *Resolver) prefetchRelations(ctx context.Context, rs []store.Relation, nodes []store.Entity, fields []graphql.CollectedField) error {
	p := newPlan(ctx)
	p.know(nodes)
	p.relations(rs, fields)
	return p.run(ctx, r.Store)
}

// prefetchDocuments primes the loaders for the mentions fields asks of ds:
// the mentions of every document in one call, then their entities.
func (r *Resolver) prefetchDocuments(ctx context.Context, ds []store.Document, fields []graphql.CollectedField) error {
	if len(ds) == 0 || has(fields, "mentions") == nil {
		return nil
	}
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	m, err := r.Store.Mentions(ctx, ids)
	if err != nil {
		return err
	}
	l := loaders.For(ctx)
	p := newPlan(ctx)
	for _, id := range ids {
		l.Mentions.Prime(id, m[id])
		for _, e := range m[id] {
			p.end(e)
		}
	}
	return p.run(ctx, r.Store)
}
