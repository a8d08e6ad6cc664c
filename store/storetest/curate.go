package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

func testAddAlias(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	tests := []struct {
		name, id, alias string
		want            []string // the aliases after, sorted
	}{
		{"new alias", stepanik.ID, "Pavel Stepanik, Deputy", []string{"Pavel Stepanik, Deputy"}},
		{"the same alias again, other case", stepanik.ID, "pavel stepanik, DEPUTY", []string{"Pavel Stepanik, Deputy"}},
		{"the name itself", stepanik.ID, "Pavel Stepanik", []string{"Pavel Stepanik, Deputy"}},
		{"trimmed", prague.ID, "  Praha  ", []string{"Praha"}},
		{"SQL and Cypher syntax", nato.ID, hostile[0], []string{"NATO", hostile[0]}},
		{"more syntax", nato.ID, hostile[4], []string{"NATO", hostile[0], hostile[4]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := s.AddAlias(ctx, tt.id, tt.alias)
			if err != nil {
				t.Fatalf("AddAlias(%s, %q) error: %v", tt.id, tt.alias, err)
			}
			got := slices.Clone(e.Aliases)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if e.ID != tt.id || !slices.Equal(got, want) {
				t.Errorf("AddAlias(%s, %q) = %s %q, want aliases %q", tt.id, tt.alias, e.ID, e.Aliases, want)
			}
			stored, err := s.Entity(ctx, tt.id)
			if err != nil || !slices.Equal(stored.Aliases, e.Aliases) {
				t.Errorf("Entity(%s) after AddAlias = %q, %v; want %q", tt.id, stored.Aliases, err, e.Aliases)
			}
			byAlias, err := s.EntityByAlias(ctx, e.Type, tt.alias)
			if err != nil || !slices.Contains(entityIDs(byAlias), tt.id) {
				t.Errorf("EntityByAlias(%s, %q) = %v, %v; want %s among them", e.Type, tt.alias, entityIDs(byAlias), err, tt.id)
			}
			hits, err := s.Search(ctx, tt.alias, nil, 5)
			if err != nil || len(hits) == 0 || hits[0].Entity.ID != tt.id {
				var ids []string
				for _, h := range hits {
					ids = append(ids, h.Entity.ID)
				}
				t.Errorf("Search(%q) after AddAlias = %v, %v; want %s first", tt.alias, ids, err, tt.id)
			}
		})
	}
	// A fresh alias is found by its prefix too, so the index was updated.
	hits, err := s.Search(ctx, "prah", nil, 5)
	if err != nil || len(hits) == 0 || hits[0].Entity.ID != prague.ID {
		t.Errorf("Search(prah) = %d hits, %v; want Prague first", len(hits), err)
	}

	unchanged(t, s, "AddAlias(unknown entity)", store.ENOTFOUND, func() error {
		_, err := s.AddAlias(ctx, "person:nobody", "Nobody")
		return err
	})
	unchanged(t, s, "AddAlias(hostile id)", store.ENOTFOUND, func() error {
		_, err := s.AddAlias(ctx, hostile[1], "Nobody")
		return err
	})
	for _, alias := range []string{"", "   ", "..."} {
		unchanged(t, s, "AddAlias(empty alias)", store.EINVALID, func() error {
			_, err := s.AddAlias(ctx, prague.ID, alias)
			return err
		})
	}
	unchanged(t, s, "AddAlias(unknown entity, empty alias)", store.EINVALID, func() error {
		_, err := s.AddAlias(ctx, "person:nobody", "")
		return err
	})
}

// duplicates is a document naming Blinken and Lipavský under other names:
// the entities an analyst merges.
var (
	tony   = entity(schema.Person, "", "Tony Blinken", "A. Blinken")
	janL   = entity(schema.Person, "", "J. Lipavsky")
	dupDoc = func() store.Batch {
		return fixtureBatch("Duplicates", "2025-01-15", []store.Entity{tony, janL, lipavsky, summit, czechia},
			fact{s: tony, t: schema.MetWith, o: lipavsky, confidence: 0.95}, // coincides with Blinken's after the merge
			fact{s: lipavsky, t: schema.MetWith, o: tony, confidence: 0.5, // the same, read the other way
				sentence: "Lipavsky welcomed Tony Blinken."},
			fact{s: tony, t: schema.Attended, o: summit, confidence: 0.7},                                  // new for Blinken
			fact{s: tony, t: schema.MetWith, o: blinken, confidence: 0.3},                                  // Blinken with himself after the merge
			fact{s: janL, t: schema.HoldsPosition, o: czechia, confidence: 0.9, title: "Foreign Minister"}, // coincides with Lipavský's
		)
	}
)

func testMergeEntities(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	write(t, s, dupDoc())
	before := take(t, s)
	dup := docID(dupDoc())

	e, err := s.MergeEntities(ctx, blinken.ID, tony.ID)
	if err != nil {
		t.Fatalf("MergeEntities(%s, %s) error: %v", blinken.ID, tony.ID, err)
	}
	wantAliases := []string{"A. Blinken", "Blinken", "Tony Blinken"}
	got := slices.Clone(e.Aliases)
	slices.Sort(got)
	if e.ID != blinken.ID || e.Name != blinken.Name || !slices.Equal(got, wantAliases) {
		t.Errorf("MergeEntities = %s %q %q, want %s %q with aliases %q", e.ID, e.Name, e.Aliases, blinken.ID, blinken.Name, wantAliases)
	}
	if _, err := s.Entity(ctx, tony.ID); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Entity(merged) error = %v, want ENOTFOUND", err)
	}
	for _, name := range []string{"Tony Blinken", "A. Blinken"} {
		es, err := s.EntityByAlias(ctx, schema.Person, name)
		if err != nil || !slices.Equal(entityIDs(es), []string{blinken.ID}) {
			t.Errorf("EntityByAlias(Person, %q) = %v, %v; want [%s]", name, entityIDs(es), err, blinken.ID)
		}
	}
	hits, err := s.Search(ctx, "tony", nil, 5)
	if err != nil || len(hits) != 1 || hits[0].Entity.ID != blinken.ID {
		t.Errorf("Search(tony) = %d hits, %v; want Blinken alone", len(hits), err)
	}

	// Relations moved, folded where they coincide, with evidence ids for
	// their new relation; the one with himself is gone.
	met := triple{blinken, schema.MetWith, lipavsky}.id()
	attended := triple{blinken, schema.Attended, summit}.id()
	evs, err := s.EvidenceFor(ctx, []string{met, attended})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs[met]) != 3 || len(evs[attended]) != 1 {
		t.Errorf("evidence after the merge: %d for MET_WITH, %d for ATTENDED; want 3, 1", len(evs[met]), len(evs[attended]))
	}
	for id, list := range evs {
		for _, ev := range list {
			if ev.RelationID != id || ev.ID != store.EvidenceID(id, ev.DocumentID, ev.Start, ev.End) {
				t.Errorf("evidence %+v does not carry the ids of relation %s", ev, id)
			}
		}
	}
	r, err := s.Relation(ctx, met)
	if err != nil || r.Confidence != 0.95 || r.FirstSeen != "2023-11-02" || r.LastSeen != "2025-01-15" || r.Subject != blinken.ID || r.Object != lipavsky.ID {
		t.Errorf("Relation(MET_WITH) after the merge = %+v, %v; want confidence 0.95, seen 2023-11-02 to 2025-01-15", r, err)
	}
	after := take(t, s)
	for _, r := range after.Relations {
		if r.Subject == tony.ID || r.Object == tony.ID || r.Subject == r.Object {
			t.Errorf("relation %+v still names the merged entity or loops", r)
		}
	}
	// Tony's MET_WITH (both readings, one relation) folds into Blinken's,
	// the loop goes with its evidence, ATTENDED moves.
	if len(after.Relations) != len(before.Relations)-2 || after.evidenceCount() != before.evidenceCount()-1 {
		t.Errorf("after the merge: %d relations, %d evidence; want %d, %d",
			len(after.Relations), after.evidenceCount(), len(before.Relations)-2, before.evidenceCount()-1)
	}
	if len(after.Entities) != len(before.Entities)-1 {
		t.Errorf("after the merge: %d entities, want %d", len(after.Entities), len(before.Entities)-1)
	}
	if m := after.Mentions[dup]; slices.Contains(m, tony.ID) || !slices.Contains(m, blinken.ID) || !slices.IsSorted(m) {
		t.Errorf("Mentions(duplicates) after the merge = %v, want Blinken in Tony's place, sorted", m)
	}

	// A second merge, on the object side, folds HOLDS_POSITION and keeps
	// the title already there.
	if _, err := s.MergeEntities(ctx, lipavsky.ID, janL.ID); err != nil {
		t.Fatalf("MergeEntities(%s, %s) error: %v", lipavsky.ID, janL.ID, err)
	}
	post := triple{lipavsky, schema.HoldsPosition, czechia}.id()
	r, err = s.Relation(ctx, post)
	if err != nil || len(r.Evidence) != 2 || r.Title != "Minister of Foreign Affairs" {
		t.Errorf("Relation(HOLDS_POSITION) after the second merge = %+v, %v; want 2 evidence, the first title", r, err)
	}

	// Deleting the duplicates' document afterwards takes its evidence from
	// the folded relations and leaves what the world says.
	deleteDoc(t, s, dup)
	ref := openWorld(t, open)
	want := take(t, ref)
	got2 := take(t, s)
	for i := range got2.Entities {
		if got2.Entities[i].ID == blinken.ID || got2.Entities[i].ID == lipavsky.ID {
			got2.Entities[i].Aliases = slices.DeleteFunc(got2.Entities[i].Aliases, func(a string) bool {
				return a == "Tony Blinken" || a == "A. Blinken" || a == "J. Lipavsky"
			})
			if len(got2.Entities[i].Aliases) == 0 {
				got2.Entities[i].Aliases = nil
			}
		}
	}
	equalSnapshots(t, "merging then deleting the duplicates' document (aliases aside)", got2, want)
}

func testMergeErrors(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	tests := []struct {
		name, keep, merge, code string
	}{
		{"itself", blinken.ID, blinken.ID, store.EINVALID},
		{"types differ", czechia.ID, nukib.ID, store.EINVALID},
		{"keep missing", "person:nobody", blinken.ID, store.ENOTFOUND},
		{"merge missing", blinken.ID, "person:nobody", store.ENOTFOUND},
		{"both missing", "person:a", "person:b", store.ENOTFOUND},
		{"hostile ids", hostile[0], hostile[1], store.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unchanged(t, s, "MergeEntities("+tt.name+")", tt.code, func() error {
				_, err := s.MergeEntities(ctx, tt.keep, tt.merge)
				return err
			})
		})
	}
}

func testAssertRelation(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	before := take(t, s)

	// A new fact.
	note := "Confirmed by the embassy's attendance list."
	r, err := s.AssertRelation(ctx, store.Relation{Type: schema.Attended, Subject: lipavsky.ID, Object: summit.ID,
		Evidence: []store.Evidence{{Sentence: note, Confidence: 0.8}}})
	if err != nil {
		t.Fatalf("AssertRelation(new) error: %v", err)
	}
	id := triple{lipavsky, schema.Attended, summit}.id()
	if r.ID != id || r.Subject != lipavsky.ID || r.Object != summit.ID || r.Confidence != 0.8 || r.Retracted != nil || len(r.Evidence) != 1 {
		t.Errorf("AssertRelation(new) = %+v, want %s with confidence 0.8 and one evidence", r, id)
	} else if ev := r.Evidence[0]; ev.Extractor != "analyst" || ev.DocumentID != "" || ev.Sentence != note || ev.RelationID != id || ev.ID == "" || ev.Confidence != 0.8 {
		t.Errorf("asserted evidence = %+v, want the note from the analyst, without a document", ev)
	}
	listed := allRelations(t, s, store.RelationFilter{Subject: &lipavsky.ID, Types: []schema.RelationType{schema.Attended}})
	if !slices.Equal(relationIDs(listed), []string{id}) {
		t.Errorf("Relations(Lipavský ATTENDED) = %v, want [%s]", relationIDs(listed), id)
	}
	evs, err := s.EvidenceFor(ctx, []string{id})
	if err != nil || len(evs[id]) != 1 || evs[id][0] != r.Evidence[0] {
		t.Errorf("EvidenceFor(asserted) = %+v, %v; want %+v", evs[id], err, r.Evidence)
	}

	// An existing fact gains the evidence, listed after the documents'.
	twice := triple{nukib, schema.Attended, dialogue}.id()
	r, err = s.AssertRelation(ctx, store.Relation{Type: schema.Attended, Subject: nukib.ID, Object: dialogue.ID,
		Evidence: []store.Evidence{{Sentence: hostile[1]}}})
	if err != nil {
		t.Fatalf("AssertRelation(existing) error: %v", err)
	}
	if r.ID != twice || len(r.Evidence) != 3 || r.Confidence != 1 || r.FirstSeen != "2024-03-18" || r.LastSeen != "2024-07-10" {
		t.Errorf("AssertRelation(existing) = %+v, want 3 evidence, confidence 1 (an analyst's default), the seen window kept", r)
	} else if last := r.Evidence[2]; last.Sentence != hostile[1] || last.Extractor != "analyst" || last.DocumentID != "" {
		t.Errorf("AssertRelation(existing): last evidence %+v, want the analyst's, stored as written", last)
	}
	// The same note again adds nothing; the other reading of a symmetric
	// fact is the same fact.
	if r, err = s.AssertRelation(ctx, store.Relation{Type: schema.Attended, Subject: nukib.ID, Object: dialogue.ID,
		Evidence: []store.Evidence{{Sentence: hostile[1]}}}); err != nil || len(r.Evidence) != 3 {
		t.Errorf("AssertRelation(same note) = %d evidence, %v; want 3", len(r.Evidence), err)
	}
	met := triple{blinken, schema.MetWith, lipavsky}.id()
	if r, err = s.AssertRelation(ctx, store.Relation{Type: schema.MetWith, Subject: lipavsky.ID, Object: blinken.ID,
		Evidence: []store.Evidence{{Sentence: "They met again in private."}}}); err != nil || r.ID != met || len(r.Evidence) != 2 {
		t.Errorf("AssertRelation(symmetric, reversed) = %s with %d evidence, %v; want %s with 2", r.ID, len(r.Evidence), err, met)
	}

	after := take(t, s)
	if len(after.Relations) != len(before.Relations)+1 || after.evidenceCount() != before.evidenceCount()+3 {
		t.Errorf("after assertions: %d relations, %d evidence; want %d, %d",
			len(after.Relations), after.evidenceCount(), len(before.Relations)+1, before.evidenceCount()+3)
	}
	if !slices.Equal(after.Mentions[docID(summitDoc())], before.Mentions[docID(summitDoc())]) {
		t.Errorf("an assertion changed a document's mentions")
	}

	// Asserting a retracted fact reinstates it.
	if _, err := s.RetractRelation(ctx, id, "wrong summit"); err != nil {
		t.Fatal(err)
	}
	if r, err = s.AssertRelation(ctx, store.Relation{Type: schema.Attended, Subject: lipavsky.ID, Object: summit.ID,
		Evidence: []store.Evidence{{Sentence: "Right summit after all."}}}); err != nil || r.Retracted != nil {
		t.Errorf("AssertRelation(retracted) = %+v, %v; want it reinstated", r.Retracted, err)
	}
	if got := allRelations(t, s, store.RelationFilter{Subject: &lipavsky.ID, Types: []schema.RelationType{schema.Attended}}); len(got) != 1 {
		t.Errorf("Relations after reinstating = %v, want it listed", relationIDs(got))
	}
}

func testAssertErrors(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	ev := []store.Evidence{{Sentence: "An analyst says so."}}
	tests := []struct {
		name string
		r    store.Relation
		code string
	}{
		{"ontology: a place attending", store.Relation{Type: schema.Attended, Subject: prague.ID, Object: summit.ID, Evidence: ev}, store.EINVALID},
		{"ontology: stored types reversed", store.Relation{Type: schema.Attended, Subject: summit.ID, Object: czechia.ID, Evidence: ev}, store.EINVALID},
		{"unknown type", store.Relation{Type: "ADMIRES", Subject: blinken.ID, Object: lipavsky.ID, Evidence: ev}, store.EINVALID},
		{"same ends", store.Relation{Type: schema.MetWith, Subject: blinken.ID, Object: blinken.ID, Evidence: ev}, store.EINVALID},
		{"no note", store.Relation{Type: schema.MetWith, Subject: blinken.ID, Object: stepanik.ID}, store.EINVALID},
		{"blank note", store.Relation{Type: schema.MetWith, Subject: blinken.ID, Object: stepanik.ID, Evidence: []store.Evidence{{Sentence: "  "}}}, store.EINVALID},
		{"two notes", store.Relation{Type: schema.MetWith, Subject: blinken.ID, Object: stepanik.ID, Evidence: append(slices.Clone(ev), ev...)}, store.EINVALID},
		{"confidence above one", store.Relation{Type: schema.MetWith, Subject: blinken.ID, Object: stepanik.ID, Evidence: []store.Evidence{{Sentence: "x", Confidence: 2}}}, store.EINVALID},
		{"subject missing", store.Relation{Type: schema.MetWith, Subject: "person:nobody", Object: stepanik.ID, Evidence: ev}, store.ENOTFOUND},
		{"object missing", store.Relation{Type: schema.Attended, Subject: usa.ID, Object: hostile[0], Evidence: ev}, store.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unchanged(t, s, "AssertRelation("+tt.name+")", tt.code, func() error {
				_, err := s.AssertRelation(ctx, tt.r)
				return err
			})
		})
	}
}

func testRetractRelation(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	before := take(t, s)
	id := triple{usa, schema.Attended, consultations}.id()
	reason := `Misread: "}) DETACH DELETE n; DROP TABLE relations; --`
	r, err := s.RetractRelation(ctx, id, reason)
	if err != nil {
		t.Fatalf("RetractRelation error: %v", err)
	}
	if r.ID != id || r.Retracted == nil || r.Retracted.Reason != reason || r.Retracted.At.IsZero() || len(r.Evidence) != 1 {
		t.Fatalf("RetractRelation = %+v, want it retracted with the reason as written, a time and its evidence", r)
	}
	got, err := s.Relation(ctx, id)
	if err != nil || got.Retracted == nil || *got.Retracted != *r.Retracted {
		t.Errorf("Relation(retracted) = %+v, %v; want retraction %+v", got.Retracted, err, r.Retracted)
	}

	// Hidden from listings and expansions, kept for audit.
	hidden := allRelations(t, s, store.RelationFilter{})
	if len(hidden) != len(before.Relations)-1 || slices.Contains(relationIDs(hidden), id) {
		t.Errorf("Relations() = %d, want %d without %s", len(hidden), len(before.Relations)-1, id)
	}
	audit := allRelations(t, s, store.RelationFilter{IncludeRetracted: true, Subject: &usa.ID})
	found := false
	for _, x := range audit {
		if x.ID == id {
			found = x.Retracted != nil && x.Retracted.Reason == reason
		} else if x.Retracted != nil {
			t.Errorf("relation %s listed as retracted", x.ID)
		}
	}
	if !found {
		t.Errorf("Relations(IncludeRetracted) = %v, want %s with its retraction", relationIDs(audit), id)
	}
	exp, err := s.Expand(ctx, store.Expand{IDs: eids(usa, consultations), Direction: store.Both})
	if err != nil || slices.Contains(relationIDs(exp), id) {
		t.Errorf("Expand = %v, %v; want %s hidden", relationIDs(exp), err, id)
	}
	parts := allEntities(t, s, store.EntityFilter{Participant: &usa.ID})
	if slices.Contains(entityIDs(parts), consultations.ID) || !slices.Contains(entityIDs(parts), dialogue.ID) {
		t.Errorf("Entities(participant USA) = %v, want events it attended without the retracted one", entityIDs(parts))
	}
	evs, err := s.EvidenceFor(ctx, []string{id})
	if err != nil || len(evs[id]) != 1 {
		t.Errorf("EvidenceFor(retracted) = %v, %v; want its evidence kept", evs[id], err)
	}
	after := take(t, s)
	if after.evidenceCount() != before.evidenceCount() || len(after.Entities) != len(before.Entities) {
		t.Errorf("retracting removed something: %d evidence, %d entities; want %d, %d",
			after.evidenceCount(), len(after.Entities), before.evidenceCount(), len(before.Entities))
	}

	// Writing a document supporting it again does not reinstate it.
	write(t, s, fixtureBatch("Consultations Again", "2024-09-01", []store.Entity{usa, consultations},
		fact{s: usa, t: schema.Attended, o: consultations, confidence: 0.9}))
	if got, err := s.Relation(ctx, id); err != nil || got.Retracted == nil || len(got.Evidence) != 2 {
		t.Errorf("Relation after more evidence = %+v, %v; want still retracted, 2 evidence", got, err)
	}

	unchanged(t, s, "RetractRelation(unknown)", store.ENOTFOUND, func() error {
		_, err := s.RetractRelation(ctx, "rel:missing", "no such thing")
		return err
	})
	unchanged(t, s, "RetractRelation(hostile id)", store.ENOTFOUND, func() error {
		_, err := s.RetractRelation(ctx, hostile[2], "reason")
		return err
	})
	unchanged(t, s, "RetractRelation(blank reason)", store.EINVALID, func() error {
		_, err := s.RetractRelation(ctx, triple{czechia, schema.MemberOf, nato}.id(), "  ")
		return err
	})
}

func testRelation(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	id := triple{czechia, schema.MemberOf, nato}.id()
	r, err := s.Relation(ctx, id)
	if err != nil {
		t.Fatalf("Relation(%s) error: %v", id, err)
	}
	want := store.Relation{ID: id, Type: schema.MemberOf, Subject: czechia.ID, Object: nato.ID, Since: "1999",
		Confidence: 0.95, FirstSeen: "2024-07-10", LastSeen: "2024-07-10"}
	if len(r.Evidence) != 1 || r.Evidence[0].Sentence == "" {
		t.Errorf("Relation(%s).Evidence = %+v, want its one sentence", id, r.Evidence)
	}
	r.Evidence = nil
	if !equalRelation(r, want) {
		t.Errorf("Relation(%s) = %+v, want %+v", id, r, want)
	}
	listed := allRelations(t, s, store.RelationFilter{Subject: &czechia.ID, Object: &nato.ID})
	if len(listed) != 1 || !equalRelation(listed[0], want) {
		t.Errorf("Relations(czechia→nato) = %+v, want the same relation as Relation(id)", listed)
	}
	for _, bad := range []string{"rel:missing", "", hostile[3]} {
		_, err := s.Relation(ctx, bad)
		wantCode(t, "Relation("+bad+")", err, store.ENOTFOUND)
	}
}

func equalRelation(a, b store.Relation) bool {
	return a.ID == b.ID && a.Type == b.Type && a.Subject == b.Subject && a.Object == b.Object && a.Title == b.Title &&
		a.Since == b.Since && a.Confidence == b.Confidence && a.FirstSeen == b.FirstSeen && a.LastSeen == b.LastSeen &&
		(a.Retracted == nil) == (b.Retracted == nil) && len(a.Evidence) == len(b.Evidence)
}
