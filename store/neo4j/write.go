package neo4j

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// WriteBatch stores a document with its entities, relations and evidence in
// one transaction, retried by the driver on transient errors. EINVALID for
// a batch that breaks the ontology or names an entity neither it nor the
// store holds; the transaction then rolls back and nothing is written.
func (s *Store) WriteBatch(ctx context.Context, b store.Batch) (store.WriteResult, error) {
	b = cloneBatch(b)
	if err := b.Prepare(); err != nil {
		return store.WriteResult{}, err
	}
	if b.Document.IngestedAt.IsZero() {
		b.Document.IngestedAt = s.Now()
	}
	b.Document.IngestedAt = b.Document.IngestedAt.UTC()

	work := func(tx runner) (any, error) {
		return writeBatch(ctx, tx, &b)
	}
	v, err := s.transact(ctx, neo4j.AccessModeWrite, work)
	if err != nil && isConstraintViolation(err) {
		// Another writer stored the same document meanwhile; running again
		// finds it and reports Existed.
		v, err = s.transact(ctx, neo4j.AccessModeWrite, work)
	}
	res, _ := v.(store.WriteResult)
	if err != nil {
		return store.WriteResult{DocumentID: b.Document.ID}, internal(err, "write document %s", b.Document.ID)
	}
	return res, nil
}

// cloneBatch copies what Prepare rewrites, so the caller's batch stays as
// it was passed.
func cloneBatch(b store.Batch) store.Batch {
	b.Entities = slices.Clone(b.Entities)
	for i := range b.Entities {
		b.Entities[i].Aliases = slices.Clone(b.Entities[i].Aliases)
	}
	b.Relations = slices.Clone(b.Relations)
	for i := range b.Relations {
		b.Relations[i].Evidence = slices.Clone(b.Relations[i].Evidence)
	}
	return b
}

// writeBatch is the body of WriteBatch's transaction. The driver may run it
// more than once, so it builds its result from scratch each time.
func writeBatch(ctx context.Context, tx runner, b *store.Batch) (store.WriteResult, error) {
	d := b.Document
	res := store.WriteResult{DocumentID: d.ID}
	n, err := count(ctx, tx, cypherDocumentExists, map[string]any{"id": d.ID})
	if err != nil {
		return res, internal(err, "look up document %s", d.ID)
	}
	if n > 0 {
		res.Existed = true
		return res, nil
	}
	if _, err := collect(ctx, tx, cypherCreateDocument, map[string]any{
		"id": d.ID, "filename": d.Filename, "title": d.Title, "date": d.Date,
		"publisher": d.Publisher, "kind": d.Kind, "source": d.Source, "text": d.Text,
		"ingestedAt": d.IngestedAt,
	}); err != nil {
		return res, internal(err, "create document %s", d.ID)
	}
	if len(b.Entities) > 0 {
		if _, err := count(ctx, tx, cypherLockConvergence, map[string]any{"keys": lockKeys(b.Entities), "documentId": d.ID}); err != nil {
			return res, internal(err, "lock entities of document %s", d.ID)
		}
	}

	if res.NewEntities, err = mergeEntities(ctx, tx, d.ID, b.Entities); err != nil {
		return res, err
	}
	if len(b.Entities) > 0 {
		if _, err := count(ctx, tx, cypherCreateMentions, map[string]any{"documentId": d.ID, "ids": eids(b.Entities)}); err != nil {
			return res, internal(err, "write mentions of document %s", d.ID)
		}
	}
	if err := checkEnds(ctx, tx, b.Relations); err != nil {
		return res, err
	}
	if res.NewRelation, err = mergeRelations(ctx, tx, d, b.Relations); err != nil {
		return res, err
	}
	if res.NewEvidence, err = createEvidence(ctx, tx, d.ID, b.Relations); err != nil {
		return res, err
	}
	moved, err := converge(ctx, tx, eids(b.Entities))
	if err != nil {
		return res, err
	}
	if err := settle(ctx, tx, &res, *b, moved); err != nil {
		return res, internal(err, "converge entities of document %s", d.ID)
	}
	if err := reconcileVersions(ctx, tx, d.Source, false); err != nil {
		return res, internal(err, "reconcile the versions of %s", d.Source)
	}
	return res, nil
}

// mergeEntities writes the batch's entities, one statement per type, and
// returns the ids of those it created, in batch order.
func mergeEntities(ctx context.Context, tx runner, docID string, es []store.Entity) ([]string, error) {
	rows := map[schema.EntityType][]map[string]any{}
	for _, e := range es {
		// The incoming name goes in with the aliases: where the entity is
		// stored under another spelling, it becomes an alias.
		aliases := append([]string{e.Name}, e.Aliases...)
		keys := make([]string, len(aliases))
		for i, a := range aliases {
			keys[i] = schema.Key(a)
		}
		rows[e.Type] = append(rows[e.Type], map[string]any{
			"id": e.ID, "type": string(e.Type), "kind": e.Kind, "name": e.Name, "key": schema.Key(e.Name),
			"date": e.Date, "endDate": e.EndDate, "aliases": aliases, "aliasKeys": keys,
			"status": e.Status, "statusAsOf": e.StatusAsOf,
		})
	}
	created := map[string]bool{}
	for _, t := range schema.EntityTypes {
		if len(rows[t]) == 0 {
			continue
		}
		q, ok := mergeEntity[t]
		if !ok {
			return nil, store.Errorf(store.EINVALID, "entities of type %s cannot be stored", t)
		}
		recs, err := collect(ctx, tx, q, map[string]any{"rows": rows[t], "documentId": docID})
		if err != nil {
			return nil, internal(err, "write %s entities", t)
		}
		for _, rec := range recs {
			m := rec.AsMap()
			id, stored := str(m, "id"), str(m, "type")
			if stored != string(t) {
				return nil, store.Errorf(store.EINVALID, "entity %q is stored as a %s, not a %s", id, stored, t)
			}
			if b, _ := m["created"].(bool); b {
				created[id] = true
			}
		}
	}
	var ids []string
	for _, e := range es {
		if created[e.ID] && !slices.Contains(ids, e.ID) {
			ids = append(ids, e.ID)
		}
	}
	return ids, nil
}

// checkEnds makes sure both ends of every relation are stored (the batch's
// own entities already are) with types the relation may connect.
func checkEnds(ctx context.Context, tx runner, rs []store.Relation) error {
	if len(rs) == 0 {
		return nil
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.Subject, r.Object)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	recs, err := collect(ctx, tx, cypherEntityTypes, map[string]any{"ids": ids})
	if err != nil {
		return internal(err, "look up relation ends")
	}
	types := make(map[string]schema.EntityType, len(recs))
	for _, rec := range recs {
		m := rec.AsMap()
		types[str(m, "id")] = schema.EntityType(str(m, "type"))
	}
	for _, r := range rs {
		st, ok := types[r.Subject]
		if !ok {
			return store.Errorf(store.EINVALID, "relation %s refers to unknown entity %q", r.Type, r.Subject)
		}
		ot, ok := types[r.Object]
		if !ok {
			return store.Errorf(store.EINVALID, "relation %s refers to unknown entity %q", r.Type, r.Object)
		}
		if !r.Type.Allows(st, ot) && !(r.Type.Symmetric() && r.Type.Allows(ot, st)) {
			return store.Errorf(store.EINVALID, "relation %s may not connect %s %q to %s %q", r.Type, st, r.Subject, ot, r.Object)
		}
	}
	return nil
}

// mergeRelations writes the relations, one statement per type, and returns
// the ids of those it created, in batch order. A relation's seen window
// defaults to the document's date.
func mergeRelations(ctx context.Context, tx runner, d store.Document, rs []store.Relation) ([]string, error) {
	rows := map[schema.RelationType][]map[string]any{}
	for _, r := range rs {
		first, last := r.FirstSeen, r.LastSeen
		if first == "" {
			first = d.Date
		}
		if last == "" {
			last = d.Date
		}
		rows[r.Type] = append(rows[r.Type], map[string]any{
			"id": r.ID, "subject": r.Subject, "object": r.Object, "title": r.Title, "since": r.Since,
			"confidence": r.Confidence, "firstSeen": first, "lastSeen": last,
			"until": r.Until, "tense": r.Tense, "tenseAsOf": r.TenseAsOf,
		})
	}
	created := map[string]bool{}
	for _, t := range relationTypesInOrder() {
		if len(rows[t]) == 0 {
			continue
		}
		recs, err := collect(ctx, tx, mergeRelation[t], map[string]any{"rows": rows[t], "documentId": d.ID})
		if err != nil {
			return nil, internal(err, "write %s relations", t)
		}
		if len(recs) != len(rows[t]) {
			// checkEnds found both ends, so every row must have matched.
			return nil, store.Errorf(store.EINTERNAL, "wrote %d of %d %s relations", len(recs), len(rows[t]), t)
		}
		for _, rec := range recs {
			m := rec.AsMap()
			if b, _ := m["created"].(bool); b {
				created[str(m, "id")] = true
			}
		}
	}
	var ids []string
	for _, r := range rs {
		if created[r.ID] {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
}

// createEvidence stores every relation's evidence from this document and
// returns how many pieces it added.
func createEvidence(ctx context.Context, tx runner, docID string, rs []store.Relation) (int, error) {
	var rows []map[string]any
	seen := map[string]bool{}
	for _, r := range rs {
		for _, ev := range r.Evidence {
			if seen[ev.ID] {
				continue
			}
			seen[ev.ID] = true
			rows = append(rows, map[string]any{
				"id": ev.ID, "relationId": ev.RelationID, "sentence": ev.Sentence,
				"start": int64(ev.Start), "end": int64(ev.End), "extractor": ev.Extractor, "confidence": ev.Confidence,
			})
		}
	}
	if len(rows) == 0 {
		return 0, nil
	}
	// Evidence ids hash the document's id, and the document is new, so
	// every row is a new piece of evidence.
	if _, err := count(ctx, tx, cypherCreateEvidence, map[string]any{"rows": rows, "documentId": docID}); err != nil {
		return 0, internal(err, "write evidence of document %s", docID)
	}
	return len(rows), nil
}

// relationTypesInOrder lists the relation types with a statement, in the
// ontology's order, so writes and set-up run in a fixed order.
func relationTypesInOrder() []schema.RelationType {
	return slices.DeleteFunc(slices.Clone(schema.RelationTypes), func(t schema.RelationType) bool {
		_, ok := mergeRelation[t]
		return !ok
	})
}

func eids(es []store.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// lockKeys returns the sorted convergence keys of es, each with its type.
func lockKeys(es []store.Entity) []string {
	var keys []string
	for _, e := range es {
		for _, k := range store.ConvergenceKeys(e) {
			keys = append(keys, string(e.Type)+":"+k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
