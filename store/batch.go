package store

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/schema"
)

// Prepare checks a batch against the ontology and fills in what follows
// from it: the document id from its text, missing entity, relation and
// evidence ids, symmetric relations in canonical order, evidence pointing
// at its relation and document, aliases without the name or repeats, and
// each relation's confidence as the best of its evidence. Both stores call
// it before writing, so they store the same thing. Relations whose ends are
// not in the batch are left to the store to check against what it holds.
func (b *Batch) Prepare() error {
	d := &b.Document
	if strings.TrimSpace(d.Text) == "" {
		return Errorf(EINVALID, "document %q has no text", d.Filename)
	}
	if !utf8.ValidString(d.Text) {
		return Errorf(EINVALID, "document %q is not valid UTF-8", d.Filename)
	}
	if d.ID == "" {
		d.ID = DocumentID(d.Text)
	}
	if !schema.ValidKind(schema.Document, d.Kind) {
		return Errorf(EINVALID, "document %q: unknown kind %q", d.Filename, d.Kind)
	}

	types := make(map[string]schema.EntityType, len(b.Entities))
	for i := range b.Entities {
		e := &b.Entities[i]
		if !e.Type.Valid() || e.Type == schema.Document {
			return Errorf(EINVALID, "entity %q: unknown type %q", e.Name, e.Type)
		}
		if strings.TrimSpace(e.Name) == "" || schema.Key(e.Name) == "" {
			return Errorf(EINVALID, "entity of type %s has no name", e.Type)
		}
		if !schema.ValidKind(e.Type, e.Kind) {
			return Errorf(EINVALID, "entity %q: kind %q is not a kind of %s", e.Name, e.Kind, e.Type)
		}
		if !schema.ValidStatus(e.Status) || (e.Status != "" && e.Type != schema.Event) {
			return Errorf(EINVALID, "entity %q: status %q is not one of an Event's %v", e.Name, e.Status, schema.EventStatuses)
		}
		if e.Status == "" {
			e.StatusAsOf = ""
		} else if e.StatusAsOf == "" {
			e.StatusAsOf = d.Date // judged as of the document's date
		}
		if e.ID == "" {
			e.ID = EntityID(e.Type, e.Name)
		}
		e.ID = NormalizeID(e.ID) // an id written before slugs, as an old export carries
		if t, ok := TypeOf(e.ID); !ok || t != e.Type {
			return Errorf(EINVALID, "entity %q: id %q does not begin with its type, %q", e.Name, e.ID, strings.ToLower(string(e.Type))+":")
		}
		e.Aliases = cleanAliases(e.Name, e.Aliases)
		types[e.ID] = e.Type
	}

	for i := range b.Relations {
		r := &b.Relations[i]
		r.Subject, r.Object = NormalizeID(r.Subject), NormalizeID(r.Object)
		if !r.Type.Valid() {
			return Errorf(EINVALID, "relation %s→%s: unknown type %q", r.Subject, r.Object, r.Type)
		}
		if r.Subject == "" || r.Object == "" || r.Subject == r.Object {
			return Errorf(EINVALID, "relation %s: needs two different ends, got %q and %q", r.Type, r.Subject, r.Object)
		}
		st, sok := types[r.Subject]
		ot, ook := types[r.Object]
		if sok && ook && !r.Type.Allows(st, ot) && !(r.Type.Symmetric() && r.Type.Allows(ot, st)) {
			return Errorf(EINVALID, "relation %s may not connect %s %q to %s %q", r.Type, st, r.Subject, ot, r.Object)
		}
		if r.Type.Symmetric() && r.Object < r.Subject {
			r.Subject, r.Object = r.Object, r.Subject
		}
		if !schema.ValidTense(r.Tense) || (r.Tense != "" && r.Type != schema.HoldsPosition) {
			return Errorf(EINVALID, "relation %s %s %s: tense %q is not one of a HOLDS_POSITION's %v", r.Subject, r.Type, r.Object, r.Tense, schema.Tenses)
		}
		if r.Tense == "" {
			r.TenseAsOf = ""
		} else if r.TenseAsOf == "" {
			r.TenseAsOf = d.Date
		}
		r.Withdrawn = nil // the stores decide (Withdrawals)
		r.ID = RelationID(r.Subject, r.Type, r.Object)
		if len(r.Evidence) == 0 {
			return Errorf(EINVALID, "relation %s %s %s has no evidence", r.Subject, r.Type, r.Object)
		}
		r.Confidence = 0
		for j := range r.Evidence {
			ev := &r.Evidence[j]
			ev.RelationID, ev.DocumentID = r.ID, d.ID
			if ev.Start < 0 || ev.End < ev.Start || ev.End > len(d.Text) {
				return Errorf(EINVALID, "relation %s: evidence offsets [%d,%d) outside the document", r.ID, ev.Start, ev.End)
			}
			if ev.Confidence < 0 || ev.Confidence > 1 {
				return Errorf(EINVALID, "relation %s: confidence %v outside [0,1]", r.ID, ev.Confidence)
			}
			ev.ID = EvidenceID(r.ID, d.ID, ev.Start, ev.End)
			r.Confidence = max(r.Confidence, ev.Confidence)
		}
	}
	b.Relations = mergeRelations(b.Relations)
	return nil
}

// mergeRelations folds relations that Prepare gave the same id into one,
// keeping each piece of evidence once.
func mergeRelations(rs []Relation) []Relation {
	at := make(map[string]int, len(rs))
	out := rs[:0]
	for _, r := range rs {
		i, seen := at[r.ID]
		if !seen {
			at[r.ID] = len(out)
			out = append(out, r)
			continue
		}
		m := &out[i]
		for _, ev := range r.Evidence {
			if !slices.ContainsFunc(m.Evidence, func(x Evidence) bool { return x.ID == ev.ID }) {
				m.Evidence = append(m.Evidence, ev)
			}
		}
		m.Confidence = max(m.Confidence, r.Confidence)
		if m.Title == "" {
			m.Title = r.Title
		}
		if m.Since == "" {
			m.Since = r.Since
		}
		m.Until = Pick(m.Until, r.Until)
		m.Tense, m.TenseAsOf = PickJudgement(m.Tense, m.TenseAsOf, r.Tense, r.TenseAsOf)
	}
	return out
}

// cleanAliases drops empty aliases, the name itself and repeats (all under
// schema.Key), keeping first spellings.
func cleanAliases(name string, aliases []string) []string {
	seen := map[string]bool{schema.Key(name): true}
	var out []string
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		k := schema.Key(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

// MergeAliases returns the union of two alias lists for an entity called
// name, as cleanAliases would keep it.
func MergeAliases(name string, a, b []string) []string {
	return cleanAliases(name, append(slices.Clone(a), b...))
}

// PrepareAssertion checks a relation an analyst asserts (AssertRelation)
// without the store: a known type, two different ends, exactly one
// evidence carrying a non-blank note, a confidence in [0,1] (0 means 1).
// It normalizes the ends (NormalizeID), puts symmetric ends in order,
// fills in the relation id and returns the evidence to store. Both stores
// call it, so they agree on ids.
func PrepareAssertion(r *Relation) (Evidence, error) {
	r.Subject, r.Object = NormalizeID(r.Subject), NormalizeID(r.Object)
	if !r.Type.Valid() {
		return Evidence{}, Errorf(EINVALID, "relation %s→%s: unknown type %q", r.Subject, r.Object, r.Type)
	}
	if r.Subject == "" || r.Object == "" || r.Subject == r.Object {
		return Evidence{}, Errorf(EINVALID, "relation %s: needs two different ends, got %q and %q", r.Type, r.Subject, r.Object)
	}
	if len(r.Evidence) != 1 || strings.TrimSpace(r.Evidence[0].Sentence) == "" {
		return Evidence{}, Errorf(EINVALID, "relation %s %s %s: an assertion needs one evidence carrying the analyst's note", r.Subject, r.Type, r.Object)
	}
	conf := r.Evidence[0].Confidence
	if conf == 0 {
		conf = 1
	}
	if conf < 0 || conf > 1 {
		return Evidence{}, Errorf(EINVALID, "relation %s %s %s: confidence %v outside [0,1]", r.Subject, r.Type, r.Object, conf)
	}
	if !schema.ValidTense(r.Tense) || (r.Tense != "" && r.Type != schema.HoldsPosition) {
		return Evidence{}, Errorf(EINVALID, "relation %s %s %s: tense %q is not one of a HOLDS_POSITION's %v", r.Subject, r.Type, r.Object, r.Tense, schema.Tenses)
	}
	if r.Tense == "" {
		r.TenseAsOf = ""
	}
	if r.Type.Symmetric() && r.Object < r.Subject {
		r.Subject, r.Object = r.Object, r.Subject
	}
	r.ID = RelationID(r.Subject, r.Type, r.Object)
	note := strings.TrimSpace(r.Evidence[0].Sentence)
	return Evidence{ID: AnalystEvidenceID(r.ID, note), RelationID: r.ID, Sentence: note,
		Extractor: AnalystExtractor, Confidence: conf}, nil
}
