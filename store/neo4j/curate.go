package neo4j

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Analysts' corrections. Each runs in one write transaction, which rolls
// back on any error, so an error leaves the store as it was.

// write runs work in a write transaction.
func write[T any](ctx context.Context, s *Store, work func(tx runner) (T, error)) (T, error) {
	v, err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) (any, error) { return work(tx) })
	out, _ := v.(T)
	return out, err
}

// AddAlias adds an alias to an entity and to the search index. An alias
// the entity already answers to (by schema.Key) changes nothing.
func (s *Store) AddAlias(ctx context.Context, entityID, alias string) (store.Entity, error) {
	entityID = store.NormalizeID(entityID)
	alias = strings.TrimSpace(alias)
	k := schema.Key(alias)
	if k == "" {
		return store.Entity{}, store.Errorf(store.EINVALID, "alias %q for %q is empty", alias, entityID)
	}
	e, err := write(ctx, s, func(tx runner) (store.Entity, error) {
		return addAliases(ctx, tx, entityID, []string{alias}, store.Entity{}, false)
	})
	if err != nil {
		return store.Entity{}, internal(err, "add alias %q to %s", alias, entityID)
	}
	return e, nil
}

// addAliases unites aliases with id's and fills its empty kind and dates
// from fill, or with pick settles them as WriteBatch does. ENOTFOUND for
// an unknown entity.
func addAliases(ctx context.Context, tx runner, id string, aliases []string, fill store.Entity, pick bool) (store.Entity, error) {
	keys := make([]string, len(aliases))
	for i, a := range aliases {
		keys[i] = schema.Key(a)
	}
	es, err := entities(ctx, tx, cypherAddAliases, map[string]any{"id": id, "aliases": aliases, "aliasKeys": keys,
		"kind": fill.Kind, "date": fill.Date, "endDate": fill.EndDate, "pick": pick,
		"status": fill.Status, "statusAsOf": fill.StatusAsOf})
	if err != nil {
		return store.Entity{}, err
	}
	if len(es) == 0 {
		return store.Entity{}, store.Errorf(store.ENOTFOUND, "entity %q not found", id)
	}
	return es[0], nil
}

// MergeEntities folds merge into keep. Relations move to keep under the
// id of their new ends; those that then coincide with one already there
// become one (best confidence, widest seen window, a filled title or
// since, retracted only if every part was), and their evidence takes ids
// computed for the new relation. A relation between keep and merge would
// connect keep to itself and is dropped with its evidence. An empty kind,
// date or end date of keep is filled from merge.
func (s *Store) MergeEntities(ctx context.Context, keep, merge string) (store.Entity, error) {
	keep, merge = store.NormalizeID(keep), store.NormalizeID(merge)
	if keep == merge {
		return store.Entity{}, store.Errorf(store.EINVALID, "cannot merge entity %q into itself", keep)
	}
	e, err := write(ctx, s, func(tx runner) (store.Entity, error) {
		return mergeInto(ctx, tx, keep, merge, false)
	})
	if err != nil {
		return store.Entity{}, internal(err, "merge %s into %s", merge, keep)
	}
	return e, nil
}

// mergeInto folds merge into keep. An analyst's merge (pick false) keeps
// keep's kind, dates and relation titles and fills only what is empty;
// WriteBatch's convergence (pick true) settles each by store.Pick, so that
// the outcome does not depend on which entity was stored first.
func mergeInto(ctx context.Context, tx runner, keep, merge string, pick bool) (store.Entity, error) {
	es, err := entities(ctx, tx, cypherEntitiesByID, map[string]any{"ids": []string{keep, merge}})
	if err != nil {
		return store.Entity{}, err
	}
	var k, m store.Entity
	for _, e := range es {
		switch e.ID {
		case keep:
			k = e
		case merge:
			m = e
		}
	}
	for _, id := range []string{keep, merge} {
		if (id == keep && k.ID == "") || (id == merge && m.ID == "") {
			return store.Entity{}, store.Errorf(store.ENOTFOUND, "entity %q not found", id)
		}
	}
	if k.Type != m.Type {
		return store.Entity{}, store.Errorf(store.EINVALID, "cannot merge %s %q into %s %q", m.Type, merge, k.Type, keep)
	}

	moved, err := relations(ctx, tx, cypherRelationsTouching, map[string]any{"id": merge})
	if err != nil {
		return store.Entity{}, err
	}
	if len(moved) > 0 {
		if err := moveRelations(ctx, tx, moved, merge, keep, pick); err != nil {
			return store.Entity{}, err
		}
	}
	if _, err := count(ctx, tx, cypherMoveMentions, map[string]any{"keep": keep, "merge": merge}); err != nil {
		return store.Entity{}, err
	}
	if _, err := count(ctx, tx, cypherDeleteEntity, map[string]any{"id": merge}); err != nil {
		return store.Entity{}, err
	}
	aliases := store.MergeAliases(k.Name, nil, append([]string{m.Name}, m.Aliases...))
	return addAliases(ctx, tx, keep, aliases, m, pick)
}

// moveRelations re-points the relations rs from merge to keep, folding
// each into what is stored (or moved) under its new id.
func moveRelations(ctx context.Context, tx runner, rs []store.Relation, merge, keep string, pick bool) error {
	fold := fold
	if pick {
		fold = foldPick
	}
	oldIDs := make([]string, len(rs))
	for i, r := range rs {
		oldIDs[i] = r.ID
	}
	recs, err := collect(ctx, tx, cypherEvidenceFor, map[string]any{"ids": oldIDs})
	if err != nil {
		return err
	}
	evs := map[string][]store.Evidence{}
	for _, rec := range recs {
		m, _ := rec.AsMap()["evidence"].(map[string]any)
		ev := evidence(m)
		evs[ev.RelationID] = append(evs[ev.RelationID], ev)
	}

	// Where each relation goes, and what is already there.
	var folded []store.Relation
	at := map[string]int{}
	var newIDs []string
	for _, r := range rs {
		old := r.ID
		if r.Subject == merge {
			r.Subject = keep
		}
		if r.Object == merge {
			r.Object = keep
		}
		if r.Subject == r.Object {
			continue
		}
		if r.Type.Symmetric() && r.Object < r.Subject {
			r.Subject, r.Object = r.Object, r.Subject
		}
		r.ID = store.RelationID(r.Subject, r.Type, r.Object)
		for _, ev := range evs[old] {
			ev.RelationID = r.ID
			ev.ID = store.EvidenceIDOf(r.ID, ev)
			r.Evidence = append(r.Evidence, ev)
		}
		if i, ok := at[r.ID]; ok {
			folded[i] = fold(folded[i], r)
			continue
		}
		at[r.ID] = len(folded)
		folded = append(folded, r)
		newIDs = append(newIDs, r.ID)
	}
	if len(newIDs) > 0 {
		stored, err := relations(ctx, tx, relationByID, map[string]any{"ids": newIDs})
		if err != nil {
			return err
		}
		for _, x := range stored {
			i := at[x.ID]
			folded[i] = fold(x, folded[i])
		}
	}

	if _, err := count(ctx, tx, cypherDeleteEvidenceOf, map[string]any{"ids": oldIDs}); err != nil {
		return err
	}
	if _, err := collect(ctx, tx, deleteRelations, map[string]any{"ids": oldIDs}); err != nil {
		return err
	}
	rows := map[schema.RelationType][]map[string]any{}
	var evRows []map[string]any
	seen := map[string]bool{}
	for _, r := range folded {
		var reason, when, wby, wat any
		if r.Retracted != nil {
			reason, when = r.Retracted.Reason, r.Retracted.At
		}
		if r.Withdrawn != nil {
			wby, wat = r.Withdrawn.By, r.Withdrawn.At
		}
		rows[r.Type] = append(rows[r.Type], map[string]any{
			"id": r.ID, "subject": r.Subject, "object": r.Object, "title": r.Title, "since": r.Since,
			"confidence": r.Confidence, "firstSeen": r.FirstSeen, "lastSeen": r.LastSeen,
			"retractedReason": reason, "retractedAt": when,
			"until": r.Until, "tense": r.Tense, "tenseAsOf": r.TenseAsOf, "withdrawnBy": wby, "withdrawnAt": wat,
		})
		for _, ev := range r.Evidence {
			if !seen[ev.ID] {
				seen[ev.ID] = true
				evRows = append(evRows, evidenceRow(ev))
			}
		}
	}
	for _, t := range relationTypesInOrder() {
		if len(rows[t]) == 0 {
			continue
		}
		if _, err := collect(ctx, tx, putRelation[t], map[string]any{"rows": rows[t]}); err != nil {
			return err
		}
	}
	if len(evRows) > 0 {
		if _, err := count(ctx, tx, cypherPutEvidence, map[string]any{"rows": evRows}); err != nil {
			return err
		}
	}
	return nil
}

// fold returns the one relation a and b become: the best confidence, the
// widest seen window, a's title and since unless empty, retracted only if
// both were. Evidence stored under a (not carried) is left where it is.
func fold(a, b store.Relation) store.Relation {
	a.Confidence = max(a.Confidence, b.Confidence)
	if a.Title == "" {
		a.Title = b.Title
	}
	if a.Since == "" {
		a.Since = b.Since
	}
	if a.Until == "" {
		a.Until = b.Until
	}
	if a.Tense == "" {
		a.Tense, a.TenseAsOf = b.Tense, b.TenseAsOf
	}
	// One fact of two is withdrawn only if both were.
	if a.Withdrawn == nil || b.Withdrawn == nil {
		a.Withdrawn = nil
	} else if b.Withdrawn.At > a.Withdrawn.At {
		a.Withdrawn = b.Withdrawn
	}
	if a.FirstSeen == "" || (b.FirstSeen != "" && b.FirstSeen < a.FirstSeen) {
		a.FirstSeen = b.FirstSeen
	}
	if b.LastSeen > a.LastSeen {
		a.LastSeen = b.LastSeen
	}
	if b.Retracted == nil {
		a.Retracted = nil
	}
	a.Evidence = append(a.Evidence, b.Evidence...)
	return a
}

// foldPick is fold for WriteBatch's convergence: title and since settle
// by store.Pick rather than by which relation was first.
func foldPick(a, b store.Relation) store.Relation {
	r := fold(a, b)
	r.Title, r.Since, r.Until = store.Pick(a.Title, b.Title), store.Pick(a.Since, b.Since), store.Pick(a.Until, b.Until)
	r.Tense, r.TenseAsOf = store.PickJudgement(a.Tense, a.TenseAsOf, b.Tense, b.TenseAsOf)
	return r
}

func evidenceRow(ev store.Evidence) map[string]any {
	var doc any
	if ev.DocumentID != "" {
		doc = ev.DocumentID
	}
	return map[string]any{
		"id": ev.ID, "relationId": ev.RelationID, "documentId": doc, "sentence": ev.Sentence,
		"start": int64(ev.Start), "end": int64(ev.End), "extractor": ev.Extractor, "confidence": ev.Confidence,
	}
}

// AssertRelation stores a fact an analyst states. r.Evidence must hold
// exactly one item whose Sentence is the analyst's note; its Confidence
// (1 when zero) becomes the evidence's. Asserting a relation that was
// retracted reinstates it. The seen window stays that of the supporting
// documents: r.FirstSeen, r.LastSeen and r.Confidence are ignored.
func (s *Store) AssertRelation(ctx context.Context, r store.Relation) (store.Relation, error) {
	ev, err := checkAssertion(&r)
	if err != nil {
		return store.Relation{}, err
	}
	out, err := write(ctx, s, func(tx runner) (store.Relation, error) {
		recs, err := collect(ctx, tx, cypherEntityTypes, map[string]any{"ids": []string{r.Subject, r.Object}})
		if err != nil {
			return store.Relation{}, err
		}
		types := map[string]schema.EntityType{}
		for _, rec := range recs {
			m := rec.AsMap()
			types[str(m, "id")] = schema.EntityType(str(m, "type"))
		}
		for _, id := range []string{r.Subject, r.Object} {
			if _, ok := types[id]; !ok {
				return store.Relation{}, store.Errorf(store.ENOTFOUND, "entity %q not found", id)
			}
		}
		st, ot := types[r.Subject], types[r.Object]
		if !r.Type.Allows(st, ot) && !(r.Type.Symmetric() && r.Type.Allows(ot, st)) {
			return store.Relation{}, store.Errorf(store.EINVALID, "relation %s may not connect %s %q to %s %q", r.Type, st, r.Subject, ot, r.Object)
		}
		if _, err := collect(ctx, tx, assertRelation[r.Type], map[string]any{"id": r.ID, "subject": r.Subject, "object": r.Object,
			"title": r.Title, "since": r.Since, "confidence": ev.Confidence,
			"until": r.Until, "tense": r.Tense, "tenseAsOf": r.TenseAsOf}); err != nil {
			return store.Relation{}, err
		}
		if _, err := count(ctx, tx, cypherPutEvidence, map[string]any{"rows": []map[string]any{evidenceRow(ev)}}); err != nil {
			return store.Relation{}, err
		}
		return relationTx(ctx, tx, r.ID)
	})
	if err != nil {
		return store.Relation{}, internal(err, "assert relation %s %s %s", r.Subject, r.Type, r.Object)
	}
	return out, nil
}

// RetractRelation marks a relation retracted with a reason and the time,
// from Now. Retracting it again replaces both. EINVALID for a blank reason.
func (s *Store) RetractRelation(ctx context.Context, id, reason string) (store.Relation, error) {
	if strings.TrimSpace(reason) == "" {
		return store.Relation{}, store.Errorf(store.EINVALID, "retracting %q needs a reason", id)
	}
	at := s.Now().UTC()
	out, err := write(ctx, s, func(tx runner) (store.Relation, error) {
		recs, err := collect(ctx, tx, retractRelation, map[string]any{"ids": []string{id}, "reason": reason, "at": at})
		if err != nil {
			return store.Relation{}, err
		}
		if len(recs) == 0 {
			// An id from before slug ids names the relation it became.
			now, err := currentRelationID(ctx, tx, id)
			if err != nil {
				return store.Relation{}, err
			}
			if now != id {
				if recs, err = collect(ctx, tx, retractRelation, map[string]any{"ids": []string{now}, "reason": reason, "at": at}); err != nil {
					return store.Relation{}, err
				}
			}
			if len(recs) == 0 {
				return store.Relation{}, store.Errorf(store.ENOTFOUND, "relation %q not found", id)
			}
			id = now
		}
		return relationTx(ctx, tx, id)
	})
	if err != nil {
		return store.Relation{}, internal(err, "retract relation %s", id)
	}
	return out, nil
}

// Relation returns one relation by id, retracted or not, with its evidence.
func (s *Store) Relation(ctx context.Context, id string) (store.Relation, error) {
	r, err := read(ctx, s, func(tx runner) (store.Relation, error) {
		return relationTx(ctx, tx, id)
	})
	if err != nil {
		return store.Relation{}, internal(err, "read relation %s", id)
	}
	return r, nil
}

func relationTx(ctx context.Context, tx runner, id string) (store.Relation, error) {
	rs, err := relations(ctx, tx, relationByID, map[string]any{"ids": []string{id}})
	if err != nil {
		return store.Relation{}, err
	}
	if len(rs) == 0 {
		// An id from before slug ids names the relation it became.
		now, err := currentRelationID(ctx, tx, id)
		if err != nil {
			return store.Relation{}, err
		}
		if now != id {
			if rs, err = relations(ctx, tx, relationByID, map[string]any{"ids": []string{now}}); err != nil {
				return store.Relation{}, err
			}
		}
		if len(rs) == 0 {
			return store.Relation{}, store.Errorf(store.ENOTFOUND, "relation %q not found", id)
		}
		id = now
	}
	r := rs[0]
	recs, err := collect(ctx, tx, cypherEvidenceFor, map[string]any{"ids": []string{id}})
	if err != nil {
		return store.Relation{}, err
	}
	for _, rec := range recs {
		m, _ := rec.AsMap()["evidence"].(map[string]any)
		r.Evidence = append(r.Evidence, evidence(m))
	}
	return r, nil
}

// checkAssertion is store.PrepareAssertion, refusing first a type for
// which this store has no assertion statement.
func checkAssertion(r *store.Relation) (store.Evidence, error) {
	if _, ok := assertRelation[r.Type]; !ok {
		return store.Evidence{}, store.Errorf(store.EINVALID, "relation %s→%s: unknown type %q", r.Subject, r.Object, r.Type)
	}
	return store.PrepareAssertion(r)
}
