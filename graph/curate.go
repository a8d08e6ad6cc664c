package graph

import (
	"context"
	"strings"
	"time"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// nonEmpty rejects a blank argument by name, before the store is asked.
func nonEmpty(arg, v string) error {
	if strings.TrimSpace(v) == "" {
		return store.Errorf(store.EINVALID, "%s is empty", arg)
	}
	return nil
}

func orEmpty(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

// entityModel wraps an entity a mutation returns; the stores return the
// entity as it now is, so a zero one is their bug.
func entityModel(e store.Entity) (model.Entity, error) {
	m := model.NewEntity(e)
	if m == nil {
		return nil, store.Errorf(store.EINTERNAL, "store returned no entity (id %q, type %q)", e.ID, e.Type)
	}
	return m, nil
}

// assertion checks an analyst's assertion against the ontology and builds
// the relation with the note as its one piece of evidence. Checking here,
// not only in the store, lets the message name the types involved.
func (r *Resolver) assertion(ctx context.Context, in model.AssertRelationInput) (store.Relation, error) {
	for _, a := range []struct{ name, v string }{{"subject", in.Subject}, {"object", in.Object}, {"note", in.Note}} {
		if err := nonEmpty(a.name, a.v); err != nil {
			return store.Relation{}, err
		}
	}
	if err := checkDate("input.since", in.Since); err != nil {
		return store.Relation{}, err
	}
	if err := checkDate("input.until", in.Until); err != nil {
		return store.Relation{}, err
	}
	if in.Since != nil && in.Until != nil {
		if n := min(len(*in.Since), len(*in.Until)); (*in.Since)[:n] > (*in.Until)[:n] {
			return store.Relation{}, store.Errorf(store.EINVALID, "input.until: %q is before input.since: %q", *in.Until, *in.Since)
		}
	}
	// Only a post has a tense or an end (ONTOLOGY.md, "Time and status").
	if in.Type != schema.HoldsPosition {
		if in.Tense != nil {
			return store.Relation{}, store.Errorf(store.EINVALID, "input.tense: only a HOLDS_POSITION has a tense, not a %s", in.Type)
		}
		if in.Until != nil {
			return store.Relation{}, store.Errorf(store.EINVALID, "input.until: only a HOLDS_POSITION has an end date, not a %s", in.Type)
		}
	}
	es, err := r.Store.EntitiesByID(ctx, []string{in.Subject, in.Object})
	if err != nil {
		return store.Relation{}, err
	}
	for i, id := range []string{in.Subject, in.Object} {
		if es[i].ID == "" {
			return store.Relation{}, store.Errorf(store.ENOTFOUND, "no entity %q; find ids with search(text)", id)
		}
	}
	subj, obj := es[0], es[1]
	if !in.Type.Allows(subj.Type, obj.Type) {
		return store.Relation{}, store.Errorf(store.EINVALID, "%s cannot go from a %s (%s) to a %s (%s); see ONTOLOGY.md for the ends each type allows",
			in.Type, subj.Type, subj.ID, obj.Type, obj.ID)
	}
	if subj.ID == obj.ID {
		return store.Relation{}, store.Errorf(store.EINVALID, "subject and object are both %q", subj.ID)
	}
	note := strings.TrimSpace(in.Note)
	rel := store.Relation{
		ID:         store.RelationID(subj.ID, in.Type, obj.ID),
		Type:       in.Type,
		Subject:    subj.ID,
		Object:     obj.ID,
		Confidence: 1,
	}
	if in.Title != nil {
		rel.Title = strings.TrimSpace(*in.Title)
	}
	if in.Since != nil {
		rel.Since = *in.Since
	}
	if in.Until != nil {
		rel.Until = *in.Until
	}
	if in.Tense != nil {
		// The analyst judges the post as of today: newer than every
		// document dated before, so it stands until a later one says
		// otherwise (store.PickJudgement).
		rel.Tense, rel.TenseAsOf = string(*in.Tense), time.Now().UTC().Format(time.DateOnly)
	}
	// The same note on the same fact is the same evidence: asserting twice
	// does not double its support.
	rel.Evidence = []store.Evidence{{
		ID:         store.AnalystEvidenceID(rel.ID, note),
		RelationID: rel.ID,
		Sentence:   note,
		End:        len(note),
		Extractor:  store.AnalystExtractor,
		Confidence: 1,
	}}
	return rel, nil
}
