package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

func testPing(t *testing.T, open func(t *testing.T) store.Store) {
	if err := open(t).Ping(context.Background()); err != nil {
		t.Errorf("Ping() = %v, want nil", err)
	}
}

func testWriteNew(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	b := dialogueDoc()
	res := write(t, s, b)[0]
	if res.Existed {
		t.Errorf("first WriteBatch: Existed = true, want false")
	}
	if want := store.DocumentID(b.Document.Text); res.DocumentID != want {
		t.Errorf("DocumentID = %q, want %q", res.DocumentID, want)
	}
	if want := eids(b.Entities...); !sameSet(res.NewEntities, want) {
		t.Errorf("NewEntities = %v, want %v", res.NewEntities, want)
	}
	if len(res.NewRelation) != 7 || len(dupes(res.NewRelation)) > 0 {
		t.Errorf("NewRelation = %v, want 7 distinct ids", res.NewRelation)
	}
	if res.NewEvidence != 7 {
		t.Errorf("NewEvidence = %d, want 7", res.NewEvidence)
	}
	snap := take(t, s)
	if snap.Documents != 1 || len(snap.Entities) != 7 || len(snap.Relations) != 7 || snap.evidenceCount() != 7 {
		t.Errorf("store holds %d docs, %d entities, %d relations, %d evidence; want 1, 7, 7, 7",
			snap.Documents, len(snap.Entities), len(snap.Relations), snap.evidenceCount())
	}

	// A second document adds only what is new in it.
	res = write(t, s, visitDoc())[0]
	if want := eids(blinken, lipavsky, visit); !sameSet(res.NewEntities, want) {
		t.Errorf("second document: NewEntities = %v, want %v", res.NewEntities, want)
	}
	if len(res.NewRelation) != 6 || res.NewEvidence != 6 {
		t.Errorf("second document: %d new relations, %d new evidence; want 6, 6", len(res.NewRelation), res.NewEvidence)
	}
}

func testWriteIdempotent(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	before := take(t, s)
	if before.Documents != 3 || len(before.Entities) != worldEntityCount ||
		len(before.Relations) != worldRelationCount || before.evidenceCount() != worldEvidenceCount {
		t.Fatalf("world holds %d docs, %d entities, %d relations, %d evidence; want 3, %d, %d, %d",
			before.Documents, len(before.Entities), len(before.Relations), before.evidenceCount(),
			worldEntityCount, worldRelationCount, worldEvidenceCount)
	}
	for _, b := range world() {
		res := write(t, s, b)[0]
		if !res.Existed || len(res.NewEntities) > 0 || len(res.NewRelation) > 0 || res.NewEvidence > 0 {
			t.Errorf("WriteBatch(%q) again = %+v, want Existed and nothing new", b.Document.Title, res)
		}
		if want := store.DocumentID(b.Document.Text); res.DocumentID != want {
			t.Errorf("WriteBatch(%q) again: DocumentID = %q, want %q", b.Document.Title, res.DocumentID, want)
		}
	}
	equalSnapshots(t, "writing the world twice", take(t, s), before)
}

func testWriteAtomic(t *testing.T, open func(t *testing.T) store.Store) {
	newcomer := entity(schema.Person, "", "Newcomer Person")
	newOrg := entity(schema.Organization, "GOVERNMENT", "Ministry of Newcomers")
	// Each bad batch carries a valid new entity and valid facts before the
	// bad part, so a store that writes as it goes would leave traces.
	valid := []fact{
		{s: newcomer, t: schema.HoldsPosition, o: newOrg, confidence: 0.8, title: "Minister"},
		{s: newcomer, t: schema.MetWith, o: stepanik, confidence: 0.8},
	}
	tests := []struct {
		name  string
		batch func() store.Batch
	}{
		{"unknown subject", func() store.Batch {
			ghost := entity(schema.Person, "", "Ghost Writer")
			return fixtureBatch("Bad: unknown subject", "2024-05-01", []store.Entity{newcomer, newOrg},
				append(valid, fact{s: ghost, t: schema.Attended, o: dialogue, confidence: 0.5})...)
		}},
		{"unknown object", func() store.Batch {
			ghost := event("MEETING", "Meeting That Never Was", "2024-05-01")
			return fixtureBatch("Bad: unknown object", "2024-05-01", []store.Entity{newcomer, newOrg},
				append(valid, fact{s: newcomer, t: schema.Attended, o: ghost, confidence: 0.5})...)
		}},
		{"types from the store not allowed", func() store.Batch {
			// dialogue is an Event in the store; HOLDS_POSITION needs an Organization or Country.
			return fixtureBatch("Bad: stored types", "2024-05-01", []store.Entity{newcomer, newOrg},
				append(valid, fact{s: newcomer, t: schema.HoldsPosition, o: dialogue, confidence: 0.5})...)
		}},
		{"types in the batch not allowed", func() store.Batch {
			return fixtureBatch("Bad: batch types", "2024-05-01", []store.Entity{newcomer, newOrg},
				append(valid, fact{s: newOrg, t: schema.MetWith, o: newcomer, confidence: 0.5})...)
		}},
		{"unknown relation type", func() store.Batch {
			return fixtureBatch("Bad: relation type", "2024-05-01", []store.Entity{newcomer, newOrg},
				append(valid, fact{s: newcomer, t: "ADMIRES", o: newOrg, confidence: 0.5})...)
		}},
		{"bad entity kind", func() store.Batch {
			b := fixtureBatch("Bad: kind", "2024-05-01", []store.Entity{newcomer, newOrg}, valid...)
			b.Entities = append(b.Entities, entity(schema.Organization, "EMPIRE", "Galactic Empire"))
			return b
		}},
		{"entity id stored with another type", func() store.Batch {
			impostor := store.Entity{ID: dialogue.ID, Type: schema.Person, Name: "Dialogue Impostor"}
			return fixtureBatch("Bad: impostor", "2024-05-01", []store.Entity{newcomer, newOrg, impostor},
				append(valid, fact{s: impostor, t: schema.MetWith, o: newcomer, confidence: 0.5})...)
		}},
		{"evidence outside the text", func() store.Batch {
			b := fixtureBatch("Bad: offsets", "2024-05-01", []store.Entity{newcomer, newOrg}, valid...)
			b.Relations[1].Evidence[0].End = len(b.Document.Text) + 10
			return b
		}},
		{"confidence above one", func() store.Batch {
			b := fixtureBatch("Bad: confidence", "2024-05-01", []store.Entity{newcomer, newOrg}, valid...)
			b.Relations[1].Evidence[0].Confidence = 1.5
			return b
		}},
		{"relation without evidence", func() store.Batch {
			b := fixtureBatch("Bad: no evidence", "2024-05-01", []store.Entity{newcomer, newOrg}, valid...)
			b.Relations[1].Evidence = nil
			return b
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openWorld(t, open)
			before := take(t, s)
			b := tt.batch()
			_, err := s.WriteBatch(context.Background(), b)
			wantCode(t, fmt.Sprintf("WriteBatch(%q)", b.Document.Title), err, store.EINVALID)
			equalSnapshots(t, "a rejected batch", take(t, s), before)
			_, err = s.Document(context.Background(), store.DocumentID(b.Document.Text))
			wantCode(t, "Document(rejected)", err, store.ENOTFOUND)
			_, err = s.Entity(context.Background(), newcomer.ID)
			wantCode(t, "Entity(newcomer of rejected batch)", err, store.ENOTFOUND)

			// The store still takes a good batch afterwards.
			good := fixtureBatch("Good after bad", "2024-05-02", []store.Entity{newcomer, newOrg}, valid...)
			if res := write(t, s, good)[0]; len(res.NewEntities) != 2 || len(res.NewRelation) != 2 {
				t.Errorf("good batch after a rejected one = %+v, want 2 new entities and 2 new relations", res)
			}
		})
	}
}

func testWriteEndsInStore(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	// This batch carries only the newcomer; the other ends are in the store.
	newcomer := entity(schema.Person, "", "Late Arrival")
	b := fixtureBatch("Ends in store", "2024-08-01", []store.Entity{newcomer},
		fact{s: newcomer, t: schema.Attended, o: summit, confidence: 0.7},
		fact{s: newcomer, t: schema.HoldsPosition, o: nukib, confidence: 0.6, title: "Analyst"},
	)
	res := write(t, s, b)[0]
	if len(res.NewRelation) != 2 || res.NewEvidence != 2 {
		t.Errorf("WriteBatch(ends in store) = %+v, want 2 new relations and 2 new evidence", res)
	}
	rs, err := s.Expand(context.Background(), store.Expand{IDs: []string{newcomer.ID}, Direction: store.Out})
	if err != nil {
		t.Fatalf("Expand(newcomer) error: %v", err)
	}
	want := rids(triple{newcomer, schema.Attended, summit}, triple{newcomer, schema.HoldsPosition, nukib})
	if got := relationIDs(rs); !sameSet(got, want) {
		t.Errorf("Expand(newcomer) = %v, want %v", got, want)
	}
}

func testWriteMergeEntities(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	ctx := context.Background()
	agency := entity(schema.Organization, "", "Cyber Agency", "CA")
	talks := event("", "Cyber Talks", "")
	first := fixtureBatch("Merge one", "2024-01-01", []store.Entity{agency, talks},
		fact{s: agency, t: schema.Attended, o: talks, confidence: 0.5})

	agency2 := agency
	agency2.Kind, agency2.Aliases = "GOVERNMENT", []string{"C.A.", "Cyber Office", "Cyber Ágency"}
	talks2 := talks
	talks2.Kind, talks2.Date, talks2.EndDate = "DIALOGUE", "2024-02-03", "2024-02-04"
	second := fixtureBatch("Merge two", "2024-02-05", []store.Entity{agency2, talks2})

	agency3 := agency
	agency3.Kind, agency3.Aliases = "OTHER", []string{"Agency for Cyber"}
	talks3 := talks
	talks3.Kind, talks3.Date = "MEETING", "2025-01-01"
	third := fixtureBatch("Merge three", "2025-01-02", []store.Entity{agency3, talks3})

	res := write(t, s, first, second, third)
	if len(res[1].NewEntities) > 0 || len(res[2].NewEntities) > 0 {
		t.Errorf("merging batches reported new entities %v, %v; want none", res[1].NewEntities, res[2].NewEntities)
	}

	got, err := s.Entity(ctx, agency.ID)
	if err != nil {
		t.Fatalf("Entity(%q) error: %v", agency.ID, err)
	}
	// Disagreements settle by store.Pick, whatever the order of documents.
	if got.Name != "Cyber Agency" || got.Kind != "OTHER" || got.Type != schema.Organization {
		t.Errorf("merged agency = %+v, want name Cyber Agency, kind OTHER (the greatest kind given)", got)
	}
	// "C.A." folds to the key of "CA" and "Cyber Ágency" to the name's:
	// neither is new; of two spellings of a key the smaller stays.
	if want := []string{"C.A.", "Cyber Office", "Agency for Cyber"}; !sameSet(got.Aliases, want) {
		t.Errorf("merged agency aliases = %q, want %q", got.Aliases, want)
	}

	got, err = s.Entity(ctx, talks.ID)
	if err != nil {
		t.Fatalf("Entity(%q) error: %v", talks.ID, err)
	}
	if got.Kind != "MEETING" || got.Date != "2025-01-01" || got.EndDate != "" {
		t.Errorf("merged event = %+v, want kind MEETING, date 2025-01-01 with no end (the greatest kind; the greatest date with its own end)", got)
	}
	// Aliases added by a later document are searchable.
	for _, q := range []string{"cyber office", "agency for"} {
		hits, err := s.Search(ctx, q, nil, 5)
		if err != nil || len(hits) == 0 || hits[0].Entity.ID != agency.ID {
			t.Errorf("Search(%q) = %v, %v; want %s first", q, hits, err, agency.ID)
		}
	}
	snap := take(t, s)
	if len(snap.Entities) != 2 || snap.Documents != 3 {
		t.Errorf("store holds %d entities and %d documents, want 2 and 3", len(snap.Entities), snap.Documents)
	}
}

func testWriteSameFact(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	ctx := context.Background()
	// Written newest first, so the seen window must widen both ways.
	later := fixtureBatch("Fact later", "2024-06-01", []store.Entity{usa, dialogue},
		fact{s: usa, t: schema.Attended, o: dialogue, confidence: 0.6, sentence: "The United States attended the dialogue."})
	earlier := fixtureBatch("Fact earlier", "2024-03-18", []store.Entity{usa, dialogue},
		fact{s: usa, t: schema.Attended, o: dialogue, confidence: 0.9, sentence: "U.S. officials took part in the Cyber Dialogue."})
	middle := fixtureBatch("Fact middle", "2024-04-01", []store.Entity{usa, dialogue},
		fact{s: usa, t: schema.Attended, o: dialogue, confidence: 0.3})
	res := write(t, s, later, earlier, middle)
	if len(res[1].NewRelation) != 0 || res[1].NewEvidence != 1 {
		t.Errorf("second document of a known fact = %+v, want no new relation and one new evidence", res[1])
	}
	rels := allRelations(t, s, store.RelationFilter{})
	if len(rels) != 1 {
		t.Fatalf("Relations() = %d relations, want 1", len(rels))
	}
	r := rels[0]
	id := triple{usa, schema.Attended, dialogue}.id()
	if r.ID != id || r.Subject != usa.ID || r.Object != dialogue.ID || r.Type != schema.Attended {
		t.Errorf("relation = %+v, want %s %s→%s", r, id, usa.ID, dialogue.ID)
	}
	if r.Confidence != 0.9 {
		t.Errorf("relation confidence = %v, want 0.9 (the best evidence)", r.Confidence)
	}
	if r.FirstSeen != "2024-03-18" || r.LastSeen != "2024-06-01" {
		t.Errorf("relation seen %q..%q, want 2024-03-18..2024-06-01", r.FirstSeen, r.LastSeen)
	}
	evs, err := s.EvidenceFor(ctx, []string{id})
	if err != nil {
		t.Fatalf("EvidenceFor(%q) error: %v", id, err)
	}
	if len(evs[id]) != 3 {
		t.Errorf("EvidenceFor(%q) = %d pieces, want 3", id, len(evs[id]))
	}
	docs := map[string]bool{}
	for _, ev := range evs[id] {
		docs[ev.DocumentID] = true
	}
	if len(docs) != 3 {
		t.Errorf("evidence comes from %d documents, want 3", len(docs))
	}
}

func testWriteSymmetric(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	one := fixtureBatch("Met one way", "2023-11-02", []store.Entity{blinken, lipavsky},
		fact{s: blinken, t: schema.MetWith, o: lipavsky, confidence: 0.8})
	other := fixtureBatch("Met the other way", "2023-11-03", []store.Entity{blinken, lipavsky},
		fact{s: lipavsky, t: schema.MetWith, o: blinken, confidence: 0.7})
	res := write(t, s, one, other)
	if len(res[1].NewRelation) != 0 || res[1].NewEvidence != 1 {
		t.Errorf("the reverse reading = %+v, want no new relation and one new evidence", res[1])
	}
	rels := allRelations(t, s, store.RelationFilter{Types: []schema.RelationType{schema.MetWith}})
	if len(rels) != 1 {
		t.Fatalf("MET_WITH relations = %d, want 1", len(rels))
	}
	r := rels[0]
	lo, hi := min(blinken.ID, lipavsky.ID), max(blinken.ID, lipavsky.ID)
	if r.Subject != lo || r.Object != hi {
		t.Errorf("MET_WITH stored as %s→%s, want %s→%s (smaller id first)", r.Subject, r.Object, lo, hi)
	}
	evs, err := s.EvidenceFor(context.Background(), []string{r.ID})
	if err != nil {
		t.Fatalf("EvidenceFor error: %v", err)
	}
	if len(evs[r.ID]) != 2 {
		t.Errorf("MET_WITH evidence = %d, want 2", len(evs[r.ID]))
	}
}

// testWriteConcurrent has several writers store overlapping documents at
// once: every world document from each of them, in its own order, plus a
// document of its own restating a world fact.
func testWriteConcurrent(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	const writers = 6
	var (
		mu      sync.Mutex
		results []store.WriteResult
		errs    []error
		wg      sync.WaitGroup
	)
	for w := range writers {
		wg.Go(func() {
			batches := world()
			rand.New(rand.NewPCG(uint64(w), 7)).Shuffle(len(batches), func(i, j int) {
				batches[i], batches[j] = batches[j], batches[i]
			})
			own := fixtureBatch(fmt.Sprintf("Writer %d", w), "2024-09-01", []store.Entity{usa, dialogue, nukib},
				fact{s: usa, t: schema.Attended, o: dialogue, confidence: 0.5},
				fact{s: nukib, t: schema.Attended, o: dialogue, confidence: 0.5})
			batches = slices.Insert(batches, w%4, own)
			for _, b := range batches {
				res, err := s.WriteBatch(context.Background(), b)
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("writer %d, %q: %w", w, b.Document.Title, err))
				}
				results = append(results, res)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		t.Errorf("concurrent WriteBatch: %v", err)
	}
	if len(errs) > 0 {
		return
	}

	snap := take(t, s)
	if snap.Documents != 3+writers {
		t.Errorf("documents = %d, want %d", snap.Documents, 3+writers)
	}
	if d := dupes(entityIDs(snap.Entities)); len(snap.Entities) != worldEntityCount || len(d) > 0 {
		t.Errorf("entities = %d (duplicates %v), want %d", len(snap.Entities), d, worldEntityCount)
	}
	if d := dupes(relationIDs(snap.Relations)); len(snap.Relations) != worldRelationCount || len(d) > 0 {
		t.Errorf("relations = %d (duplicates %v), want %d", len(snap.Relations), d, worldRelationCount)
	}
	if want := worldEvidenceCount + 2*writers; snap.evidenceCount() != want {
		t.Errorf("evidence = %d, want %d", snap.evidenceCount(), want)
	}
	usaID := triple{usa, schema.Attended, dialogue}.id()
	if n := len(snap.Evidence[usaID]); n != 1+writers {
		t.Errorf("evidence of %s = %d, want %d", usaID, n, 1+writers)
	}

	// Exactly one writer stored each document and saw each thing as new.
	var newEntities, newRelations []string
	newEvidence, stored := 0, 0
	for _, r := range results {
		newEntities = append(newEntities, r.NewEntities...)
		newRelations = append(newRelations, r.NewRelation...)
		newEvidence += r.NewEvidence
		if !r.Existed {
			stored++
		}
	}
	if stored != 3+writers {
		t.Errorf("%d writes stored a document, want %d", stored, 3+writers)
	}
	if d := dupes(newEntities); len(d) > 0 || len(newEntities) != worldEntityCount {
		t.Errorf("entities reported new %d times (twice: %v), want %d", len(newEntities), d, worldEntityCount)
	}
	if d := dupes(newRelations); len(d) > 0 || len(newRelations) != worldRelationCount {
		t.Errorf("relations reported new %d times (twice: %v), want %d", len(newRelations), d, worldRelationCount)
	}
	if newEvidence != snap.evidenceCount() {
		t.Errorf("evidence reported new %d times, store holds %d", newEvidence, snap.evidenceCount())
	}
}
