package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

func testExpand(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	attendedDialogue := []triple{{nukib, schema.Attended, dialogue}, {usa, schema.Attended, dialogue}, {czechia, schema.Attended, dialogue}}
	fromDialogue := []triple{{dialogue, schema.HeldIn, prague}, {dialogue, schema.Discussed, cyber}}
	tests := []struct {
		name string
		e    store.Expand
		want []string
	}{
		{"in", store.Expand{IDs: eids(dialogue), Direction: store.In}, rids(attendedDialogue...)},
		{"out", store.Expand{IDs: eids(dialogue), Direction: store.Out}, rids(fromDialogue...)},
		{"both", store.Expand{IDs: eids(dialogue), Direction: store.Both}, rids(append(slices.Clone(attendedDialogue), fromDialogue...)...)},
		{"both, typed", store.Expand{IDs: eids(dialogue), Direction: store.Both, Types: []schema.RelationType{schema.Attended}}, rids(attendedDialogue...)},
		{"both, two types", store.Expand{IDs: eids(dialogue), Direction: store.Both, Types: []schema.RelationType{schema.HeldIn, schema.Discussed}}, rids(fromDialogue...)},
		{"several ids", store.Expand{IDs: eids(usa, czechia), Direction: store.Out}, rids(
			triple{usa, schema.Attended, dialogue}, triple{usa, schema.Attended, visit}, triple{usa, schema.Attended, summit}, triple{usa, schema.Attended, consultations},
			triple{czechia, schema.Attended, dialogue}, triple{czechia, schema.Attended, summit}, triple{czechia, schema.MemberOf, nato}, triple{czechia, schema.Signed, proposals})},
		{"several ids, typed", store.Expand{IDs: eids(usa, czechia), Direction: store.Out, Types: []schema.RelationType{schema.MemberOf}}, rids(triple{czechia, schema.MemberOf, nato})},
		{"a relation between two asked ids comes once", store.Expand{IDs: eids(prague, czechia, visit), Direction: store.Both}, rids(
			triple{dialogue, schema.HeldIn, prague}, triple{visit, schema.HeldIn, prague}, triple{prague, schema.LocatedIn, czechia},
			triple{nukib, schema.PartOf, czechia}, triple{lipavsky, schema.HoldsPosition, czechia},
			triple{czechia, schema.Attended, dialogue}, triple{czechia, schema.Attended, summit}, triple{czechia, schema.MemberOf, nato}, triple{czechia, schema.Signed, proposals},
			triple{blinken, schema.Attended, visit}, triple{usa, schema.Attended, visit})},
		{"symmetric, both", store.Expand{IDs: eids(lipavsky), Direction: store.Both, Types: []schema.RelationType{schema.MetWith}}, rids(triple{blinken, schema.MetWith, lipavsky})},
		{"among", store.Expand{IDs: eids(prague, czechia, visit), Direction: store.Both, Among: true}, rids(
			triple{visit, schema.HeldIn, prague}, triple{prague, schema.LocatedIn, czechia})},
		{"among, whatever the direction", store.Expand{IDs: eids(prague, czechia, visit), Direction: store.In, Among: true}, rids(
			triple{visit, schema.HeldIn, prague}, triple{prague, schema.LocatedIn, czechia})},
		{"among, typed", store.Expand{IDs: eids(prague, czechia, visit), Direction: store.Both, Among: true, Types: []schema.RelationType{schema.LocatedIn}}, rids(
			triple{prague, schema.LocatedIn, czechia})},
		{"among one id", store.Expand{IDs: eids(czechia), Direction: store.Both, Among: true}, nil},
		{"unknown id", store.Expand{IDs: []string{"person:nobody"}, Direction: store.Both}, nil},
		{"no ids", store.Expand{Direction: store.Both}, nil},
	}
	for _, tt := range tests {
		got, err := s.Expand(context.Background(), tt.e)
		if err != nil {
			t.Errorf("Expand(%s) error: %v", tt.name, err)
			continue
		}
		ids := relationIDs(got)
		if !sameSet(ids, tt.want) || len(dupes(ids)) > 0 {
			t.Errorf("Expand(%s) = %v, want %v", tt.name, ids, tt.want)
		}
		for _, r := range got {
			if len(r.Evidence) != 0 || r.Subject == "" || r.Object == "" || r.Type == "" {
				t.Errorf("Expand(%s): relation %+v, want ends and type, no evidence", tt.name, r)
			}
		}
	}
}

func testEvidenceFor(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	docs := world()
	twice := triple{nukib, schema.Attended, dialogue}.id()
	once := triple{dialogue, schema.HeldIn, prague}.id()
	got, err := s.EvidenceFor(context.Background(), []string{twice, "rel:missing", once})
	if err != nil {
		t.Fatalf("EvidenceFor error: %v", err)
	}
	if len(got[twice]) != 2 || len(got[once]) != 1 || len(got["rel:missing"]) != 0 {
		t.Fatalf("EvidenceFor = %d, %d, %d pieces; want 2, 1, 0", len(got[twice]), len(got[once]), len(got["rel:missing"]))
	}
	for id, evs := range got {
		if !slices.IsSortedFunc(evs, func(a, b store.Evidence) int {
			if c := strings.Compare(a.DocumentID, b.DocumentID); c != 0 {
				return c
			}
			return a.Start - b.Start
		}) {
			t.Errorf("EvidenceFor(%s) = %+v, want document then offset order", id, evs)
		}
	}
	texts := map[string]string{}
	for _, b := range docs {
		texts[store.DocumentID(b.Document.Text)] = b.Document.Text
	}
	for _, ev := range got[twice] {
		text, ok := texts[ev.DocumentID]
		if !ok {
			t.Errorf("evidence %s points at unknown document %s", ev.ID, ev.DocumentID)
			continue
		}
		if ev.RelationID != twice || ev.Extractor != "storetest" || ev.ID == "" || text[ev.Start:ev.End] != ev.Sentence {
			t.Errorf("evidence %+v does not point at its sentence in %s", ev, ev.DocumentID)
		}
		if ev.ID != store.EvidenceID(twice, ev.DocumentID, ev.Start, ev.End) {
			t.Errorf("evidence id %s, want %s", ev.ID, store.EvidenceID(twice, ev.DocumentID, ev.Start, ev.End))
		}
	}
	var sentences []string
	for _, ev := range got[twice] {
		sentences = append(sentences, ev.Sentence)
	}
	if !slices.Contains(sentences, "NÚKIB took part in the Cyber Dialogue in March.") {
		t.Errorf("evidence sentences %q miss the summit document's", sentences)
	}
	conf := map[float64]bool{}
	for _, ev := range got[twice] {
		conf[ev.Confidence] = true
	}
	if !conf[0.9] || !conf[0.97] {
		t.Errorf("evidence confidences %v, want 0.9 and 0.97", conf)
	}
	empty, err := s.EvidenceFor(context.Background(), nil)
	if err != nil || len(empty) != 0 {
		t.Errorf("EvidenceFor(nil) = %v, %v; want empty", empty, err)
	}
}

func testDocuments(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	ctx := context.Background()
	if n, err := s.DocumentCount(ctx); err != nil || n != 0 {
		t.Errorf("DocumentCount(empty) = %d, %v; want 0", n, err)
	}
	docs := world()
	write(t, s, docs...)
	if n, err := s.DocumentCount(ctx); err != nil || n != 3 {
		t.Errorf("DocumentCount = %d, %v; want 3", n, err)
	}
	want := docs[1].Document
	want.ID = store.DocumentID(want.Text)
	got, err := s.Document(ctx, want.ID)
	if err != nil {
		t.Fatalf("Document(%q) error: %v", want.ID, err)
	}
	if !got.IngestedAt.Equal(want.IngestedAt) {
		t.Errorf("Document(%q).IngestedAt = %v, want %v", want.ID, got.IngestedAt, want.IngestedAt)
	}
	got.IngestedAt = want.IngestedAt
	if got != want {
		t.Errorf("Document(%q) = %+v, want %+v", want.ID, got, want)
	}
	_, err = s.Document(ctx, "doc:missing")
	wantCode(t, "Document(doc:missing)", err, store.ENOTFOUND)

	ids := []string{store.DocumentID(docs[2].Document.Text), "doc:missing", want.ID}
	list, err := s.DocumentsByID(ctx, ids)
	if err != nil {
		t.Fatalf("DocumentsByID error: %v", err)
	}
	var gotIDs []string
	for _, d := range list {
		gotIDs = append(gotIDs, d.ID)
	}
	if wantIDs := []string{ids[0], "", ids[2]}; !slices.Equal(gotIDs, wantIDs) {
		t.Errorf("DocumentsByID(%v) = %v, want %v", ids, gotIDs, wantIDs)
	}
	if len(list) == 3 && list[0].Title != "Summit Communique" {
		t.Errorf("DocumentsByID: first title %q, want Summit Communique", list[0].Title)
	}

	// A document without an ingest time gets one.
	b := fixtureBatch("Untimed", "", nil)
	b.Document.IngestedAt = time.Time{}
	res := write(t, s, b)[0]
	d, err := s.Document(ctx, res.DocumentID)
	if err != nil {
		t.Fatalf("Document(untimed) error: %v", err)
	}
	if d.IngestedAt.IsZero() {
		t.Errorf("Document(untimed).IngestedAt is zero, want the time of writing")
	}
}

func testSearch(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	tests := []struct {
		text  string
		types []schema.EntityType
		first string   // the best hit; "" for no hits
		also  []string // others that must be among the hits
	}{
		{text: "nuki", first: nukib.ID},
		{text: "NUKIB", first: nukib.ID},
		{text: "núkib", first: nukib.ID},
		{text: "national cyber", first: nukib.ID},
		{text: "stepanik", first: stepanik.ID},
		{text: "Štěpáník", first: stepanik.ID},
		{text: "pav step", first: stepanik.ID},
		{text: "Prague", first: prague.ID, also: eids(visit, proposals)},
		{text: "prague", types: []schema.EntityType{schema.Agreement}, first: proposals.ID},
		{text: "prague", types: []schema.EntityType{schema.Agreement, schema.Event}, also: eids(proposals, visit)},
		{text: "Czech Republic", first: czechia.ID, also: eids(dialogue)},
		{text: "czechia", first: czechia.ID},
		{text: "cyber dialogue", first: dialogue.ID},
		{text: "NATO", first: nato.ID, also: eids(summit)},
		{text: "Blinken", first: blinken.ID, also: eids(visit)},
		{text: "zanzibar"},
		{text: ""},
		{text: "  ... "},
		{text: "prague", types: []schema.EntityType{schema.Person}},
	}
	for _, tt := range tests {
		hits, err := s.Search(context.Background(), tt.text, tt.types, 10)
		if err != nil {
			t.Errorf("Search(%q, %v) error: %v", tt.text, tt.types, err)
			continue
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.Entity.ID
		}
		switch {
		case tt.first == "" && tt.also == nil && len(hits) > 0:
			t.Errorf("Search(%q, %v) = %v, want no hits", tt.text, tt.types, ids)
		case tt.first != "" && (len(hits) == 0 || ids[0] != tt.first):
			t.Errorf("Search(%q, %v) = %v, want %s first", tt.text, tt.types, ids, tt.first)
		}
		for _, id := range tt.also {
			if !slices.Contains(ids, id) {
				t.Errorf("Search(%q, %v) = %v, want %s among them", tt.text, tt.types, ids, id)
			}
		}
		if len(dupes(ids)) > 0 {
			t.Errorf("Search(%q, %v) = %v, has duplicates", tt.text, tt.types, ids)
		}
		for i, h := range hits {
			if len(tt.types) > 0 && !slices.Contains(tt.types, h.Entity.Type) {
				t.Errorf("Search(%q, %v) returned a %s", tt.text, tt.types, h.Entity.Type)
			}
			if h.Entity.Name == "" {
				t.Errorf("Search(%q): hit %d has no entity filled in", tt.text, i)
			}
			if i > 0 && h.Score > hits[i-1].Score {
				t.Errorf("Search(%q): scores %v then %v, want best first", tt.text, hits[i-1].Score, h.Score)
			}
		}
	}
	hits, err := s.Search(context.Background(), "prague", nil, 1)
	if err != nil || len(hits) != 1 {
		t.Errorf("Search(prague, limit 1) = %d hits, %v; want 1", len(hits), err)
	}
	hits, err = s.Search(context.Background(), "nukib", nil, 0)
	if err != nil || len(hits) == 0 {
		t.Errorf("Search(nukib, limit 0) = %d hits, %v; want the default limit", len(hits), err)
	}
	if len(hits) > 0 && !slices.Equal(hits[0].Entity.Aliases, []string{"NÚKIB"}) {
		t.Errorf("Search(nukib) hit aliases %q, want [NÚKIB]", hits[0].Entity.Aliases)
	}
}

func testSearchDocuments(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	dialogueID, visitID, summitID := docID(dialogueDoc()), docID(visitDoc()), docID(summitDoc())
	tests := []struct {
		text  string
		first string   // the best hit; "" for no hits
		also  []string // others that must be among the hits
	}{
		{text: "communique", first: summitID},
		{text: "COMMUNIQUÉ", first: summitID},
		{text: "took part", first: summitID},
		{text: "nukib", first: summitID},
		{text: "núki", first: summitID},
		{text: "secret visit", first: visitID},
		// A title weighs more than the text.
		{text: "prague", first: visitID, also: []string{dialogueID, summitID}},
		{text: "zanzibar"},
		{text: "took zanzibar"},
		{text: ""},
		{text: " ;; "},
	}
	for _, h := range hostile {
		tests = append(tests, struct {
			text  string
			first string
			also  []string
		}{text: h})
	}
	for _, tt := range tests {
		hits, err := s.SearchDocuments(ctx, tt.text, 10)
		if err != nil {
			t.Errorf("SearchDocuments(%q) error: %v", tt.text, err)
			continue
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.Document.ID
			if h.Document.Text == "" || h.Document.Title == "" {
				t.Errorf("SearchDocuments(%q): hit %d has no document filled in", tt.text, i)
			}
			if h.Score < 0 || h.Score >= 1 || i > 0 && h.Score > hits[i-1].Score {
				t.Errorf("SearchDocuments(%q): score %v after %v, want best first in [0,1)", tt.text, h.Score, hits[max(i-1, 0)].Score)
			}
		}
		switch {
		case tt.first == "" && tt.also == nil && len(hits) > 0:
			t.Errorf("SearchDocuments(%q) = %v, want no hits", tt.text, ids)
		case tt.first != "" && (len(hits) == 0 || ids[0] != tt.first):
			t.Errorf("SearchDocuments(%q) = %v, want %s first", tt.text, ids, tt.first)
		}
		for _, id := range tt.also {
			if !slices.Contains(ids, id) {
				t.Errorf("SearchDocuments(%q) = %v, want %s among them", tt.text, ids, id)
			}
		}
	}
	if hits, err := s.SearchDocuments(ctx, "prague", 1); err != nil || len(hits) != 1 {
		t.Errorf("SearchDocuments(prague, limit 1) = %d hits, %v; want 1", len(hits), err)
	}
	if hits, err := s.SearchDocuments(ctx, "prague", 0); err != nil || len(hits) != 3 {
		t.Errorf("SearchDocuments(prague, limit 0) = %d hits, %v; want the default limit's 3", len(hits), err)
	}
	deleteDoc(t, s, visitID)
	if hits, err := s.SearchDocuments(ctx, "secretary", 10); err != nil || len(hits) > 0 {
		t.Errorf("SearchDocuments(secretary) after deleting its document = %d hits, %v; want none", len(hits), err)
	}
	write(t, s, visitDoc())
	if hits, err := s.SearchDocuments(ctx, "secretary", 10); err != nil || len(hits) != 1 || hits[0].Document.ID != visitID {
		t.Errorf("SearchDocuments(secretary) after ingesting it again = %d hits, %v; want its document", len(hits), err)
	}
}

// hostile are names full of SQL, Cypher and full-text query syntax; a store
// must keep them as data.
var hostile = []string{
	`x'); DROP TABLE entities; --`,
	`"}) DETACH DELETE n //`,
	`Robert" OR 1=1 OR "`,
	`NEAR(a b) AND NOT * ^col: 100%_off \`,
	"$param {x: 1} `backtick` MATCH (n) RETURN n",
}

// hostileBatch is a document whose people are named by hostile, each
// with an alias as bad, the first meeting all the others.
func hostileBatch() (store.Batch, []store.Entity) {
	var people []store.Entity
	for _, name := range hostile {
		people = append(people, entity(schema.Person, "", name, name+" alias'--"))
	}
	var facts []fact
	for i := 1; i < len(people); i++ {
		facts = append(facts, fact{s: people[0], t: schema.MetWith, o: people[i], confidence: 0.5,
			sentence: fmt.Sprintf("%s met %s.", people[0].Name, people[i].Name)})
	}
	return fixtureBatch(`Title'); DELETE FROM documents; -- "}) MATCH (n) DETACH DELETE n`, "2024-01-01", people, facts...), people
}

func testHostileInput(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	b, people := hostileBatch()
	res := write(t, s, b)[0]
	if len(res.NewEntities) != len(hostile) || len(res.NewRelation) != len(hostile)-1 {
		t.Errorf("WriteBatch(hostile) = %+v, want %d new entities and %d relations", res, len(hostile), len(hostile)-1)
	}
	snap := take(t, s)
	if snap.Documents != 4 || len(snap.Entities) != worldEntityCount+len(hostile) || len(snap.Relations) != worldRelationCount+len(hostile)-1 {
		t.Errorf("after hostile input: %d docs, %d entities, %d relations; want 4, %d, %d",
			snap.Documents, len(snap.Entities), len(snap.Relations), worldEntityCount+len(hostile), worldRelationCount+len(hostile)-1)
	}
	d, err := s.Document(ctx, res.DocumentID)
	if err != nil || d.Title != b.Document.Title || d.Text != b.Document.Text {
		t.Errorf("Document(hostile) = %q, %v; want the title and text as written", d.Title, err)
	}
	for _, p := range people {
		got, err := s.Entity(ctx, p.ID)
		if err != nil || got.Name != p.Name || !slices.Equal(got.Aliases, p.Aliases) {
			t.Errorf("Entity(%q) = %+v, %v; want name %q, aliases %q", p.ID, got, err, p.Name, p.Aliases)
		}
		byAlias, err := s.EntityByAlias(ctx, schema.Person, p.Name)
		if err != nil || !slices.Equal(entityIDs(byAlias), []string{p.ID}) {
			t.Errorf("EntityByAlias(Person, %q) = %v, %v; want [%s]", p.Name, entityIDs(byAlias), err, p.ID)
		}
		hits, err := s.Search(ctx, p.Name, nil, 5)
		if err != nil || len(hits) == 0 || hits[0].Entity.ID != p.ID {
			var ids []string
			for _, h := range hits {
				ids = append(ids, h.Entity.ID)
			}
			t.Errorf("Search(%q) = %v, %v; want %s first", p.Name, ids, err, p.ID)
		}
		list := allEntities(t, s, store.EntityFilter{NameContains: &p.Name})
		if !slices.Contains(entityIDs(list), p.ID) {
			t.Errorf("Entities(nameContains %q) = %v, want %s among them", p.Name, entityIDs(list), p.ID)
		}
		rels := allRelations(t, s, store.RelationFilter{Subject: &p.Name})
		if len(rels) != 0 {
			t.Errorf("Relations(subject %q) = %d, want none (a name is not an id)", p.Name, len(rels))
		}
	}
	for _, text := range hostile {
		if _, err := s.Search(ctx, text, []schema.EntityType{schema.EntityType(text)}, 5); err != nil {
			t.Errorf("Search(%q) with that type: %v, want no error", text, err)
		}
		if _, err := s.Entities(ctx, store.EntityFilter{Kind: &text, From: &text, To: &text, Participant: &text}); err != nil {
			t.Errorf("Entities(every filter %q): %v, want no error", text, err)
		}
		if _, err := s.Expand(ctx, store.Expand{IDs: []string{text}, Direction: store.Both, Types: []schema.RelationType{schema.RelationType(text)}}); err != nil {
			t.Errorf("Expand(%q): %v, want no error", text, err)
		}
		if _, err := s.EvidenceFor(ctx, []string{text}); err != nil {
			t.Errorf("EvidenceFor(%q): %v, want no error", text, err)
		}
	}
	// The world is still whole.
	if n, err := s.DocumentCount(ctx); err != nil || n != 4 {
		t.Errorf("DocumentCount after hostile input = %d, %v; want 4", n, err)
	}
	if _, err := s.Entity(ctx, nukib.ID); err != nil {
		t.Errorf("Entity(%q) after hostile input: %v", nukib.ID, err)
	}
}
