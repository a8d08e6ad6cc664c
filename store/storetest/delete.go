package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// deleteDoc deletes a document, failing the test on error.
func deleteDoc(t *testing.T, s store.Store, id string) store.DeleteResult {
	t.Helper()
	res, err := s.DeleteDocument(context.Background(), id)
	if err != nil {
		t.Fatalf("DeleteDocument(%s) error: %v", id, err)
	}
	return res
}

// checkDeleteResult checks that res reports exactly what disappeared
// between the two snapshots.
func checkDeleteResult(t *testing.T, id string, res store.DeleteResult, before, after snapshot) {
	t.Helper()
	gone := func(b, a []string) []string {
		var out []string
		for _, x := range b {
			if !slices.Contains(a, x) {
				out = append(out, x)
			}
		}
		return out
	}
	if res.DocumentID != id {
		t.Errorf("DeleteDocument(%s).DocumentID = %q", id, res.DocumentID)
	}
	if want := before.evidenceCount() - after.evidenceCount(); res.RemovedEvidence != want {
		t.Errorf("DeleteDocument(%s).RemovedEvidence = %d, want %d", id, res.RemovedEvidence, want)
	}
	if want := gone(relationIDs(before.Relations), relationIDs(after.Relations)); !sameSet(res.RemovedRelations, want) {
		t.Errorf("DeleteDocument(%s).RemovedRelations = %v, want %v", id, res.RemovedRelations, want)
	}
	if want := gone(entityIDs(before.Entities), entityIDs(after.Entities)); !sameSet(res.RemovedEntities, want) {
		t.Errorf("DeleteDocument(%s).RemovedEntities = %v, want %v", id, res.RemovedEntities, want)
	}
	if after.Documents != before.Documents-1 {
		t.Errorf("DeleteDocument(%s): %d documents, want %d", id, after.Documents, before.Documents-1)
	}
}

// testDeleteRoundTrip is the property deletion rests on, over several
// corpora and every document of each: deleting a document leaves the
// graph the other documents alone make, writing it again restores the
// graph with it, and deleting every document leaves nothing.
func testDeleteRoundTrip(t *testing.T, open func(t *testing.T) store.Store) {
	var synthetic []store.Batch
	for i := range 10 {
		synthetic = append(synthetic, SyntheticBatch(i))
	}
	corpora := []struct {
		name    string
		batches []store.Batch
	}{
		{"world", world()},
		{"listed world", listedWorld()},
		{"synthetic", synthetic},
		{"world and hostile names", append(world(), hostileOnWorld())},
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			write(t, s, c.batches...)
			full := take(t, s)
			for i, b := range c.batches {
				id := docID(b)
				res := deleteDoc(t, s, id)
				without := take(t, s)
				checkDeleteResult(t, id, res, full, without)

				ref := open(t)
				for j, other := range c.batches {
					if j != i {
						write(t, ref, other)
					}
				}
				equalSnapshots(t, fmt.Sprintf("deleting %q (compared with never writing it)", b.Document.Title), without, take(t, ref))

				if res := write(t, s, b)[0]; res.Existed {
					t.Errorf("writing %q after deleting it reports Existed", b.Document.Title)
				}
				equalSnapshots(t, fmt.Sprintf("deleting and rewriting %q", b.Document.Title), take(t, s), full)
			}
			// Delete everything, in an order other than that of writing.
			order := slices.Clone(c.batches)
			slices.Reverse(order)
			order[0], order[len(order)/2] = order[len(order)/2], order[0]
			for _, b := range order {
				deleteDoc(t, s, docID(b))
			}
			empty := take(t, s)
			if empty.Documents != 0 || len(empty.Entities) != 0 || len(empty.Relations) != 0 || empty.evidenceCount() != 0 || len(empty.Mentions) != 0 {
				t.Errorf("after deleting every document: %d docs, %d entities, %d relations, %d evidence, %d mentions; want none",
					empty.Documents, len(empty.Entities), len(empty.Relations), empty.evidenceCount(), len(empty.Mentions))
			}
			if hits, err := s.Search(context.Background(), "prague", nil, 5); err != nil || len(hits) > 0 {
				t.Errorf("Search(prague) in an emptied store = %d hits, %v; want none", len(hits), err)
			}
		})
	}
}

func testDeleteEffects(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	lonely := entity(schema.Topic, "", "Lonely Topic", "Solitude")
	only := fixtureBatch("Only Mentions", "2024-02-02", []store.Entity{lonely, czechia})
	write(t, s, only)

	unchanged(t, s, "DeleteDocument(doc:missing)", store.ENOTFOUND, func() error {
		_, err := s.DeleteDocument(ctx, "doc:missing")
		return err
	})
	unchanged(t, s, "DeleteDocument(hostile)", store.ENOTFOUND, func() error {
		_, err := s.DeleteDocument(ctx, hostile[0])
		return err
	})

	// A retracted relation that keeps evidence stays retracted.
	twice := triple{nukib, schema.Attended, dialogue}.id()
	if _, err := s.RetractRelation(ctx, twice, "checked by hand"); err != nil {
		t.Fatalf("RetractRelation error: %v", err)
	}

	summitID := docID(summitDoc())
	res := deleteDoc(t, s, summitID)
	if res.RemovedEvidence != 7 {
		t.Errorf("DeleteDocument(summit).RemovedEvidence = %d, want 7", res.RemovedEvidence)
	}
	if want := eids(nato, proposals, summit, consultations); !sameSet(res.RemovedEntities, want) {
		t.Errorf("DeleteDocument(summit).RemovedEntities = %v, want %v", res.RemovedEntities, want)
	}
	if want := rids(triple{czechia, schema.Attended, summit}, triple{usa, schema.Attended, summit},
		triple{czechia, schema.MemberOf, nato}, triple{usa, schema.Attended, consultations},
		triple{summit, schema.Produced, proposals}, triple{czechia, schema.Signed, proposals}); !sameSet(res.RemovedRelations, want) {
		t.Errorf("DeleteDocument(summit).RemovedRelations = %v, want %v", res.RemovedRelations, want)
	}
	r, err := s.Relation(ctx, twice)
	if err != nil {
		t.Fatalf("Relation(%s) error: %v", twice, err)
	}
	if r.Confidence != 0.9 || r.FirstSeen != "2024-03-18" || r.LastSeen != "2024-03-18" || len(r.Evidence) != 1 || r.Retracted == nil {
		t.Errorf("relation supported by what remains = %+v, want confidence 0.9, seen 2024-03-18 only, 1 evidence, still retracted", r)
	}
	if _, err := s.Document(ctx, summitID); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Document(deleted) error = %v, want ENOTFOUND", err)
	}
	rels := allRelations(t, s, store.RelationFilter{Document: &summitID, IncludeRetracted: true})
	if len(rels) != 0 {
		t.Errorf("Relations(document: deleted) = %v, want none", relationIDs(rels))
	}
	_, err = s.DeleteDocument(ctx, summitID)
	wantCode(t, "DeleteDocument(deleted again)", err, store.ENOTFOUND)

	// An entity only mentioned goes with the document mentioning it; one
	// other documents mention stays.
	res = deleteDoc(t, s, docID(only))
	if !slices.Equal(res.RemovedEntities, []string{lonely.ID}) || res.RemovedEvidence != 0 || len(res.RemovedRelations) != 0 {
		t.Errorf("DeleteDocument(only mentions) = %+v, want only %s removed", res, lonely.ID)
	}
	if hits, err := s.Search(ctx, "solitude", nil, 5); err != nil || len(hits) > 0 {
		t.Errorf("Search(alias of a deleted entity) = %d hits, %v; want none", len(hits), err)
	}
	if es, err := s.EntityByAlias(ctx, schema.Topic, "Solitude"); err != nil || len(es) > 0 {
		t.Errorf("EntityByAlias(alias of a deleted entity) = %v, %v; want none", entityIDs(es), err)
	}
	if _, err := s.Entity(ctx, czechia.ID); err != nil {
		t.Errorf("Entity(%s) after deleting one of its documents: %v", czechia.ID, err)
	}
}

func testDeleteKeepsAsserted(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	member := triple{czechia, schema.MemberOf, nato}.id()
	if _, err := s.AssertRelation(ctx, store.Relation{Type: schema.MemberOf, Subject: czechia.ID, Object: nato.ID,
		Evidence: []store.Evidence{{Sentence: "Member since 1999, per the treaty archive.", Confidence: 0.6}}}); err != nil {
		t.Fatalf("AssertRelation error: %v", err)
	}
	res := deleteDoc(t, s, docID(summitDoc()))
	if slices.Contains(res.RemovedRelations, member) || slices.Contains(res.RemovedEntities, nato.ID) {
		t.Errorf("DeleteDocument(summit) = %+v, removed a relation an analyst asserted or its end", res)
	}
	r, err := s.Relation(ctx, member)
	if err != nil {
		t.Fatalf("Relation(%s) error: %v", member, err)
	}
	if len(r.Evidence) != 1 || r.Evidence[0].Extractor != "analyst" || r.Confidence != 0.6 || r.FirstSeen != "" || r.LastSeen != "" || r.Since != "1999" {
		t.Errorf("asserted relation after its document went = %+v, want the analyst's evidence alone, confidence 0.6, no seen window, since kept", r)
	}
	// Writing the document back restores what it brought.
	write(t, s, summitDoc())
	r, err = s.Relation(ctx, member)
	if err != nil || len(r.Evidence) != 2 || r.Confidence != 0.95 || r.FirstSeen != "2024-07-10" {
		t.Errorf("relation after rewriting = %+v, %v; want 2 evidence, confidence 0.95, seen 2024-07-10", r, err)
	}
}

// hostileOnWorld is the hostile document, with one of its people also
// meeting a person of the world, so that deleting it touches both.
func hostileOnWorld() store.Batch {
	b, people := hostileBatch()
	b.Entities = append(b.Entities, lipavsky)
	extra := fixtureBatch("x", "", nil, fact{s: people[1], t: schema.MetWith, o: lipavsky, confidence: 0.4})
	r := extra.Relations[0]
	start := len(b.Document.Text)
	b.Document.Text += r.Evidence[0].Sentence
	r.Evidence[0].Start, r.Evidence[0].End = start, len(b.Document.Text)
	b.Relations = append(b.Relations, r)
	return b
}

// testDeleteRandom toggles documents of the synthetic corpus in a seeded
// random order, writing those absent and deleting those present, and
// checks now and then that the store holds what writing the present ones
// into an empty store gives.
func testDeleteRandom(t *testing.T, open func(t *testing.T) store.Store) {
	const docs, steps = 8, 40
	rng := rand.New(rand.NewPCG(7, 11))
	s := open(t)
	present := make([]bool, docs)
	for step := 1; step <= steps; step++ {
		i := rng.IntN(docs)
		b := SyntheticBatch(i)
		if present[i] {
			deleteDoc(t, s, docID(b))
		} else {
			write(t, s, b)
		}
		present[i] = !present[i]
		if step%10 != 0 {
			continue
		}
		ref := open(t)
		for j := range docs {
			if present[j] {
				write(t, ref, SyntheticBatch(j))
			}
		}
		equalSnapshots(t, fmt.Sprintf("after %d random writes and deletions", step), take(t, s), take(t, ref))
	}
}
