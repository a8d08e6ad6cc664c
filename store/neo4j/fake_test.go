package neo4j

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Without a server, these tests run the store's Go side against a fake
// transaction that answers each statement with rows the test chooses. The
// fake checks what the Cypher lint cannot: that every statement sent is one
// the lint sees, that every $parameter and row.field a statement reads is
// passed, and that reads and writes ask for the right access mode (a
// cluster routes reads to followers).

var (
	paramRef = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	rowRef   = regexp.MustCompile(`\brow\.([A-Za-z_][A-Za-z0-9_]*)`)
)

type call struct {
	name   string
	mode   neo4j.AccessMode
	params map[string]any
}

// fake is a transaction runner and the store's transact function.
type fake struct {
	t       *testing.T
	names   map[string]string // statement → name in statements()
	mode    neo4j.AccessMode
	calls   []call
	respond func(name string, params map[string]any) ([]map[string]any, error)
}

func newFake(t *testing.T, respond func(name string, params map[string]any) ([]map[string]any, error)) (*fake, *Store) {
	t.Helper()
	f := &fake{t: t, names: map[string]string{}, respond: respond}
	for name, q := range statements() {
		f.names[q] = name
	}
	s := &Store{uri: "bolt://fake", Now: func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }}
	s.transact = func(ctx context.Context, mode neo4j.AccessMode, work func(tx runner) (any, error)) (any, error) {
		f.mode = mode
		return work(f)
	}
	return f, s
}

func (f *fake) Run(_ context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	name, ok := f.names[cypher]
	if !ok {
		f.t.Errorf("sent a statement the Cypher lint does not check:\n%s", cypher)
	}
	for _, m := range paramRef.FindAllStringSubmatch(cypher, -1) {
		if _, ok := params[m[1]]; !ok {
			f.t.Errorf("statement %s reads $%s, which was not passed (params %v)", name, m[1], keys(params))
		}
	}
	if rows, ok := params["rows"].([]map[string]any); ok {
		for _, m := range rowRef.FindAllStringSubmatch(cypher, -1) {
			for _, row := range rows {
				if _, ok := row[m[1]]; !ok {
					f.t.Errorf("statement %s reads row.%s, which a row lacks (row %v)", name, m[1], keys(row))
				}
			}
		}
	}
	f.calls = append(f.calls, call{name, f.mode, params})
	recordSent(name)
	rows, err := f.respond(name, params)
	if err != nil {
		return nil, err
	}
	recs := make([]*neo4j.Record, len(rows))
	for i, row := range rows {
		ks := keys(row)
		vals := make([]any, len(ks))
		for j, k := range ks {
			vals[j] = row[k]
		}
		recs[i] = &neo4j.Record{Keys: ks, Values: vals}
	}
	return &fakeResult{recs: recs}, nil
}

func (f *fake) callNames() []string {
	out := make([]string, len(f.calls))
	for i, c := range f.calls {
		out[i] = c.name
	}
	return out
}

// fakeResult implements the result methods the store calls; the embedded
// interface, left nil, stands in for the rest.
type fakeResult struct {
	neo4j.ResultWithContext
	recs []*neo4j.Record
}

func (r *fakeResult) Collect(context.Context) ([]*neo4j.Record, error) { return r.recs, nil }

func (r *fakeResult) Single(context.Context) (*neo4j.Record, error) {
	if len(r.recs) != 1 {
		return nil, fmt.Errorf("want one record, have %d", len(r.recs))
	}
	return r.recs[0], nil
}

func keys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// graphFake answers the write statements like a database holding the
// entities in stored (id → type) and the documents in docs.
type graphFake struct {
	stored map[string]string
	docs   map[string]bool
	// ents holds the name and aliases of entities written through it (or
	// set by the test), for the convergence look-ups.
	ents map[string]store.Entity
	// failCreate makes the first createDocument fail as a concurrent
	// writer's commit would, and stores the document meanwhile.
	failCreate bool
}

func (g *graphFake) respond(name string, p map[string]any) ([]map[string]any, error) {
	switch {
	case name == "documentExists":
		n := int64(0)
		if g.docs[p["id"].(string)] {
			n = 1
		}
		return []map[string]any{{"n": n}}, nil
	case name == "createDocument":
		if g.failCreate {
			g.failCreate = false
			g.docs[p["id"].(string)] = true
			return nil, &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "already exists"}
		}
		return nil, nil
	case strings.HasPrefix(name, "mergeEntity."):
		var out []map[string]any
		for _, row := range p["rows"].([]map[string]any) {
			id := row["id"].(string)
			typ, had := g.stored[id]
			if !had {
				typ = row["type"].(string)
				g.stored[id] = typ
				if g.ents == nil {
					g.ents = map[string]store.Entity{}
				}
				g.ents[id] = store.Entity{ID: id, Type: schema.EntityType(typ), Name: row["name"].(string), Aliases: row["aliases"].([]string)[1:]}
			}
			out = append(out, map[string]any{"id": id, "type": typ, "created": !had})
		}
		return out, nil
	case name == "entityTypes":
		var out []map[string]any
		for _, id := range p["ids"].([]string) {
			if typ, ok := g.stored[id]; ok {
				out = append(out, map[string]any{"id": id, "type": typ})
			}
		}
		return out, nil
	case strings.HasPrefix(name, "mergeRelation."):
		var out []map[string]any
		for _, row := range p["rows"].([]map[string]any) {
			out = append(out, map[string]any{"id": row["id"], "created": true})
		}
		return out, nil
	case name == "entitiesByID":
		var out []map[string]any
		for _, id := range p["ids"].([]string) {
			if e, ok := g.ents[id]; ok {
				out = append(out, entityRow(e.ID, string(e.Type), e.Name, "", e.Aliases...))
			}
		}
		return out, nil
	case name == "convergenceCandidates":
		// What the statement's WHERE says, over ents.
		var out []map[string]any
		for _, id := range slices.Sorted(maps.Keys(g.ents)) {
			e := g.ents[id]
			if string(e.Type) != p["type"] || e.ID == p["id"] {
				continue
			}
			hit := slices.Contains(p["keys"].([]string), schema.Key(e.Name))
			for _, a := range e.Aliases {
				hit = hit || schema.Key(a) == p["nameKey"]
			}
			if hit {
				out = append(out, entityRow(e.ID, string(e.Type), e.Name, "", e.Aliases...))
			}
		}
		return out, nil
	case name == "lockConvergence":
		return []map[string]any{{"n": int64(len(p["keys"].([]string)))}}, nil
	case name == "createMentions":
		return []map[string]any{{"n": int64(len(p["ids"].([]string)))}}, nil
	case name == "createEvidence":
		return []map[string]any{{"n": int64(len(p["rows"].([]map[string]any)))}}, nil
	}
	return nil, fmt.Errorf("graphFake: unexpected statement %s", name)
}

func testBatch() store.Batch {
	text := "Minister Ana Novak met Jan Horak in Vienna. Novak attended the Vienna Talks."
	ana := store.Entity{Type: schema.Person, Name: "Ana Novak", Aliases: []string{"Novak", "Ana Novák"}}
	jan := store.Entity{Type: schema.Person, Name: "Jan Horak"}
	talks := store.Entity{Type: schema.Event, Kind: "DIALOGUE", Name: "Vienna Talks", Date: "2024-05"}
	return store.Batch{
		Document: store.Document{Filename: "talks.txt", Title: "Talks", Date: "2024-05-02", Kind: "PRESS_RELEASE", Text: text},
		Entities: []store.Entity{ana, jan, talks},
		Relations: []store.Relation{
			{Type: schema.MetWith, Subject: store.EntityID(schema.Person, "Jan Horak"), Object: store.EntityID(schema.Person, "Ana Novak"),
				Evidence: []store.Evidence{{Sentence: text[:43], Start: 0, End: 43, Confidence: 0.8}}},
			{Type: schema.Attended, Subject: store.EntityID(schema.Person, "Ana Novak"), Object: store.EntityID(schema.Event, "Vienna Talks"),
				Evidence: []store.Evidence{{Sentence: text[44:], Start: 44, End: len(text), Confidence: 0.7}}},
			{Type: schema.HeldIn, Subject: store.EntityID(schema.Event, "Vienna Talks"), Object: store.EntityID(schema.Location, "Vienna"),
				Evidence: []store.Evidence{{Sentence: text[:43], Start: 0, End: 43, Confidence: 0.5}}},
		},
	}
}

func TestWriteBatchFake(t *testing.T) {
	vienna := store.EntityID(schema.Location, "Vienna")
	docID := store.DocumentID(testBatch().Document.Text)
	allWrites := []string{"documentExists", "createDocument", "lockConvergence", "mergeEntity.Person", "mergeEntity.Event", "createMentions", "entityTypes",
		"mergeRelation.ATTENDED", "mergeRelation.HELD_IN", "mergeRelation.MET_WITH", "createEvidence",
		// Convergence looks at each entity of the batch, in id order; none has a match.
		"entitiesByID", "convergenceCandidates", "entitiesByID", "convergenceCandidates", "entitiesByID", "convergenceCandidates"}
	tests := []struct {
		name      string
		g         graphFake
		edit      func(b *store.Batch)
		wantCode  string
		wantCalls []string
		check     func(t *testing.T, res store.WriteResult)
	}{
		{
			name:      "new document, one end in the store",
			g:         graphFake{stored: map[string]string{vienna: "Location"}},
			wantCalls: allWrites,
			check: func(t *testing.T, res store.WriteResult) {
				if res.Existed || res.DocumentID != docID || len(res.NewEntities) != 3 || len(res.NewRelation) != 3 || res.NewEvidence != 3 {
					t.Errorf("WriteBatch = %+v, want a new document with 3 entities, 3 relations, 3 evidence", res)
				}
			},
		},
		{
			name:      "document already stored",
			g:         graphFake{docs: map[string]bool{docID: true}},
			wantCalls: []string{"documentExists"},
			check: func(t *testing.T, res store.WriteResult) {
				if !res.Existed || res.DocumentID != docID || len(res.NewEntities)+len(res.NewRelation)+res.NewEvidence > 0 {
					t.Errorf("WriteBatch = %+v, want Existed and nothing new", res)
				}
			},
		},
		{
			name:      "another writer stores the document meanwhile",
			g:         graphFake{stored: map[string]string{vienna: "Location"}, failCreate: true},
			wantCalls: []string{"documentExists", "createDocument", "documentExists"},
			check: func(t *testing.T, res store.WriteResult) {
				if !res.Existed {
					t.Errorf("WriteBatch = %+v, want Existed after the retry", res)
				}
			},
		},
		{
			name:      "end neither in the batch nor stored",
			g:         graphFake{stored: map[string]string{}},
			wantCode:  store.EINVALID,
			wantCalls: []string{"documentExists", "createDocument", "lockConvergence", "mergeEntity.Person", "mergeEntity.Event", "createMentions", "entityTypes"},
		},
		{
			name:      "stored end of a type the relation cannot take",
			g:         graphFake{stored: map[string]string{vienna: "Topic"}},
			wantCode:  store.EINVALID,
			wantCalls: []string{"documentExists", "createDocument", "lockConvergence", "mergeEntity.Person", "mergeEntity.Event", "createMentions", "entityTypes"},
		},
		{
			name: "entity id stored under another type",
			g: graphFake{stored: map[string]string{vienna: "Location",
				store.EntityID(schema.Person, "Jan Horak"): "Organization"}},
			wantCode:  store.EINVALID,
			wantCalls: []string{"documentExists", "createDocument", "lockConvergence", "mergeEntity.Person"},
		},
		{
			name:     "batch breaking the ontology never reaches the server",
			g:        graphFake{},
			edit:     func(b *store.Batch) { b.Entities[2].Kind = "PICNIC" },
			wantCode: store.EINVALID,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.g
			if g.stored == nil {
				g.stored = map[string]string{}
			}
			if g.docs == nil {
				g.docs = map[string]bool{}
			}
			f, s := newFake(t, g.respond)
			b := testBatch()
			if tt.edit != nil {
				tt.edit(&b)
			}
			before := testBatch()
			if tt.edit != nil {
				tt.edit(&before)
			}
			res, err := s.WriteBatch(context.Background(), b)
			if got := store.ErrorCode(err); got != tt.wantCode {
				t.Fatalf("WriteBatch error = %v (code %q), want code %q", err, got, tt.wantCode)
			}
			if got := f.callNames(); !slices.Equal(got, tt.wantCalls) {
				t.Errorf("WriteBatch sent %v, want %v", got, tt.wantCalls)
			}
			for _, c := range f.calls {
				if c.mode != neo4j.AccessModeWrite {
					t.Errorf("WriteBatch ran %s in a read transaction", c.name)
				}
			}
			if !reflect.DeepEqual(b, before) {
				t.Errorf("WriteBatch changed the caller's batch")
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
}

// TestWriteBatchRows checks what the store sends for a batch: ids from
// Prepare, the name among the aliases with their keys, the seen window
// defaulting to the document's date, the document stamped with Now.
func TestWriteBatchRows(t *testing.T) {
	g := graphFake{stored: map[string]string{store.EntityID(schema.Location, "Vienna"): "Location"}, docs: map[string]bool{}}
	f, s := newFake(t, g.respond)
	if _, err := s.WriteBatch(context.Background(), testBatch()); err != nil {
		t.Fatalf("WriteBatch error: %v", err)
	}
	byName := map[string]map[string]any{}
	for _, c := range f.calls {
		byName[c.name] = c.params
	}
	if at, _ := byName["createDocument"]["ingestedAt"].(time.Time); !at.Equal(s.Now()) {
		t.Errorf("createDocument ingestedAt = %v, want Now %v", at, s.Now())
	}
	people := byName["mergeEntity.Person"]["rows"].([]map[string]any)
	ana := people[0]
	if ana["id"] != "person:ana-novak" || !slices.Equal(ana["aliases"].([]string), []string{"Ana Novak", "Novak"}) ||
		!slices.Equal(ana["aliasKeys"].([]string), []string{"ana novak", "novak"}) || ana["key"] != "ana novak" {
		t.Errorf("mergeEntity row for Ana Novak = %v", ana)
	}
	met := byName["mergeRelation.MET_WITH"]["rows"].([]map[string]any)[0]
	if met["subject"] != "person:ana-novak" || met["object"] != "person:jan-horak" {
		t.Errorf("MET_WITH row = %v, want the smaller id as subject", met)
	}
	if met["firstSeen"] != "2024-05-02" || met["lastSeen"] != "2024-05-02" || met["confidence"] != 0.8 {
		t.Errorf("MET_WITH row = %v, want seen on the document's date, confidence 0.8", met)
	}
	if ids := byName["createMentions"]["ids"].([]string); !slices.Equal(ids, []string{"person:ana-novak", "person:jan-horak", "event:vienna-talks"}) {
		t.Errorf("createMentions ids = %v, want every entity of the batch", ids)
	}
	evs := byName["createEvidence"]["rows"].([]map[string]any)
	for _, ev := range evs {
		if !strings.HasPrefix(ev["id"].(string), "ev:") || !strings.HasPrefix(ev["relationId"].(string), "rel:") {
			t.Errorf("evidence row %v lacks ids", ev)
		}
	}
}

func entityRow(id, typ, name, date string, aliases ...string) map[string]any {
	as := make([]any, len(aliases))
	for i, a := range aliases {
		as[i] = a
	}
	return map[string]any{"entity": map[string]any{"id": id, "type": typ, "kind": "", "name": name, "aliases": as, "date": date, "endDate": ""}}
}

func relationRow(id string) map[string]any {
	return map[string]any{"relation": map[string]any{"id": id, "type": "ATTENDED", "subject": "country:a", "object": "event:b",
		"title": "", "since": "", "confidence": 0.5, "firstSeen": "2024", "lastSeen": "2025"}}
}

func TestReadsFake(t *testing.T) {
	ctx := context.Background()
	rows := map[string][]map[string]any{
		"countEntities":  {{"n": int64(5)}},
		"countRelations": {{"n": int64(4)}},
		"entitiesByName": {
			entityRow("person:a", "Person", "A", ""), entityRow("person:b", "Person", "B", ""), entityRow("person:c", "Person", "C", ""),
		},
		"entitiesByDateAsc": {
			entityRow("event:x", "Event", "X", "2023"), entityRow("event:y", "Event", "Y", "2024-05"),
		},
		"entitiesByID": {entityRow("person:b", "Person", "B", "", "Bee"), entityRow("person:a", "Person", "A", "")},
		"relations":    {relationRow("rel:1"), relationRow("rel:2")},
		"evidenceFor": {
			{"evidence": map[string]any{"id": "ev:1", "relationId": "rel:1", "documentId": "doc:1", "sentence": "s", "start": int64(3), "end": int64(9), "extractor": "x", "confidence": 0.5}},
			{"evidence": map[string]any{"id": "ev:2", "relationId": "rel:1", "documentId": "doc:2", "sentence": "t", "start": int64(0), "end": int64(1), "extractor": "x", "confidence": 1.0}},
			{"evidence": map[string]any{"id": "ev:3", "relationId": "rel:2", "documentId": "doc:1", "sentence": "u", "start": int64(0), "end": int64(1), "extractor": "x", "confidence": 0.25}},
		},
		"document": {{"document": map[string]any{"id": "doc:1", "title": "T", "text": "hello",
			"ingestedAt": time.Date(2025, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600))}}},
		"search": {
			{"entity": entityRow("country:cz", "Country", "Czech Republic", "")["entity"], "rank": 2.4},
			{"entity": entityRow("event:d", "Event", "Czech Dialogue", "")["entity"], "rank": 0.3},
		},
		"searchDocuments": {
			{"document": map[string]any{"id": "doc:2", "title": "Joint Statement", "text": "maritime security",
				"ingestedAt": time.Date(2025, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600))}, "rank": 0.75},
			{"document": map[string]any{"id": "doc:1", "title": "T", "text": "maritime"}, "rank": 0.5},
		},
	}
	f, s := newFake(t, func(name string, _ map[string]any) ([]map[string]any, error) { return rows[name], nil })
	person := schema.Person

	t.Run("entities by name, first page", func(t *testing.T) {
		f.calls = nil
		p, err := s.Entities(ctx, store.EntityFilter{Type: &person, NameContains: ptr("Štěp"), Page: store.Page{First: 2}})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 2 || !p.HasNext || p.TotalCount != 5 {
			t.Errorf("page = %d items, hasNext %v, total %d; want 2, true, 5", len(p.Items), p.HasNext, p.TotalCount)
		}
		if k, id, err := store.DecodeCursor(p.EndCursor); err != nil || k != "B" || id != "person:b" {
			t.Errorf("EndCursor = (%q, %q, %v), want (B, person:b)", k, id, err)
		}
		params := f.calls[len(f.calls)-1].params
		if params["limit"] != int64(3) || params["needle"] != "step" || params["type"] != "Person" || params["kind"] != nil || params["afterKey"] != nil {
			t.Errorf("entitiesByName params = %v", params)
		}
	})
	t.Run("entities by date, after a cursor", func(t *testing.T) {
		f.calls = nil
		p, err := s.Entities(ctx, store.EntityFilter{OrderBy: store.OrderByDateAsc, Page: store.Page{After: store.EncodeCursor("2022", "event:w")}})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 2 || p.HasNext {
			t.Errorf("page = %d items, hasNext %v; want 2, false", len(p.Items), p.HasNext)
		}
		if k, id, _ := store.DecodeCursor(p.EndCursor); k != "2024-05" || id != "event:y" {
			t.Errorf("EndCursor = (%q, %q), want the last date and id", k, id)
		}
		params := f.calls[len(f.calls)-1].params
		if params["afterKey"] != "2022" || params["afterId"] != "event:w" || params["limit"] != int64(store.DefaultPageSize+1) {
			t.Errorf("entitiesByDateAsc params = %v", params)
		}
	})
	t.Run("entities, bad input", func(t *testing.T) {
		f.calls = nil
		for _, fl := range []store.EntityFilter{{OrderBy: 9}, {Page: store.Page{After: "junk!"}}, {Page: store.Page{First: store.MaxPageSize + 1}}} {
			if _, err := s.Entities(ctx, fl); store.ErrorCode(err) != store.EINVALID {
				t.Errorf("Entities(%+v) error = %v, want EINVALID", fl, err)
			}
		}
		if len(f.calls) > 0 {
			t.Errorf("bad input reached the server: %v", f.callNames())
		}
	})
	t.Run("every order with every filter", func(t *testing.T) {
		event := schema.Event
		for o, want := range map[store.EntityOrder]string{store.OrderByName: "entitiesByName", store.OrderByDateAsc: "entitiesByDateAsc", store.OrderByDateDesc: "entitiesByDateDesc"} {
			f.calls = nil
			fl := store.EntityFilter{IDs: []string{"event:x"}, Type: &event, Kind: ptr("SUMMIT"), NameContains: ptr("x"),
				From: ptr("2020"), To: ptr("2025-01"), Participant: ptr("country:cz"), Status: ptr("HELD"), OrderBy: o, Page: store.Page{After: store.EncodeCursor("", "event:a")}}
			if _, err := s.Entities(ctx, fl); err != nil {
				t.Fatal(err)
			}
			if got := f.callNames(); !slices.Equal(got, []string{"countEntities", want}) {
				t.Errorf("Entities(order %d) sent %v, want countEntities, %s", o, got, want)
			}
			for _, c := range f.calls {
				for k, v := range c.params {
					if v == nil {
						t.Errorf("Entities(order %d): %s got no %s though the filter sets it", o, c.name, k)
					}
				}
			}
		}
	})
	t.Run("relations", func(t *testing.T) {
		f.calls = nil
		p, err := s.Relations(ctx, store.RelationFilter{Types: []schema.RelationType{schema.Attended}, Page: store.Page{First: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 1 || !p.HasNext || p.TotalCount != 4 || p.Items[0].FirstSeen != "2024" || p.Items[0].Confidence != 0.5 {
			t.Errorf("page = %+v", p)
		}
		if _, id, _ := store.DecodeCursor(p.EndCursor); id != "rel:1" {
			t.Errorf("EndCursor id = %q, want rel:1", id)
		}
		params := f.calls[len(f.calls)-1].params
		if !slices.Equal(params["types"].([]string), []string{"ATTENDED"}) || params["subject"] != nil {
			t.Errorf("relations params = %v", params)
		}
	})
	t.Run("entities by id keep the order asked", func(t *testing.T) {
		got, err := s.EntitiesByID(ctx, []string{"person:a", "person:zz", "person:b"})
		if err != nil {
			t.Fatal(err)
		}
		if ids := []string{got[0].ID, got[1].ID, got[2].ID}; !slices.Equal(ids, []string{"person:a", "", "person:b"}) {
			t.Errorf("EntitiesByID = %v", ids)
		}
		if !slices.Equal(got[2].Aliases, []string{"Bee"}) || got[0].Aliases != nil {
			t.Errorf("aliases = %q, %q; want [Bee] and none", got[2].Aliases, got[0].Aliases)
		}
	})
	t.Run("not found", func(t *testing.T) {
		if _, err := s.Entity(ctx, "person:none"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("Entity(missing) error = %v, want ENOTFOUND", err)
		}
	})
	t.Run("evidence grouped", func(t *testing.T) {
		got, err := s.EvidenceFor(ctx, []string{"rel:1", "rel:2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got["rel:1"]) != 2 || len(got["rel:2"]) != 1 || got["rel:1"][0].End != 9 || got["rel:2"][0].Confidence != 0.25 {
			t.Errorf("EvidenceFor = %+v", got)
		}
	})
	t.Run("document time in UTC", func(t *testing.T) {
		d, err := s.Document(ctx, "doc:1")
		if err != nil {
			t.Fatal(err)
		}
		if d.IngestedAt != time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) || d.Text != "hello" {
			t.Errorf("Document = %+v", d)
		}
	})
	t.Run("search", func(t *testing.T) {
		f.calls = nil
		hits, err := s.Search(ctx, "Czech", []schema.EntityType{schema.Country, schema.Event}, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Both rows begin with the word: prefixes, scored 1 + Lucene's share.
		if len(hits) != 2 || hits[0].Entity.ID != "country:cz" || math.Abs(hits[0].Score-1.4) > 1e-9 || hits[0].Reason != store.ReasonPrefix {
			t.Errorf("Search = %+v", hits)
		}
		params := f.calls[0].params
		if params["limit"] != int64(DefaultSearchLimit) || params["key"] != "czech" || !strings.Contains(params["query"].(string), "key:czech*") ||
			strings.Contains(params["query"].(string), "~") {
			t.Errorf("search params = %v", params)
		}
		// Fewer hits than asked: the same statement again, forgiving a typo.
		if len(f.calls) != 2 || !strings.Contains(f.calls[1].params["query"].(string), "key:czech~1") {
			t.Errorf("search calls = %+v, want a second one with key:czech~1", f.calls)
		}
		f.calls = nil
		if _, err := s.Search(ctx, "x", nil, 10*store.MaxPageSize); err != nil {
			t.Fatal(err)
		}
		if got := f.calls[0].params["limit"]; len(f.calls) != 1 || got != int64(store.MaxPageSize) {
			t.Errorf("search limit = %v, want it cut to %d", got, store.MaxPageSize)
		}
		f.calls = nil
		if hits, err := s.Search(ctx, " .. ", nil, 5); err != nil || hits != nil || len(f.calls) > 0 {
			t.Errorf("Search(punctuation) = %v, %v after %v; want nothing asked", hits, err, f.callNames())
		}
	})
	t.Run("search documents", func(t *testing.T) {
		f.calls = nil
		hits, err := s.SearchDocuments(ctx, "Maritime sec", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 2 || hits[0].Document.ID != "doc:2" || hits[0].Score != 0.75 || hits[0].Document.Text != "maritime security" ||
			hits[0].Document.IngestedAt != time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) {
			t.Errorf("SearchDocuments = %+v", hits)
		}
		params := f.calls[0].params
		if params["limit"] != int64(DefaultSearchLimit) || params["query"] != documentLuceneQuery("maritime sec") {
			t.Errorf("searchDocuments params = %v", params)
		}
		if _, err := s.SearchDocuments(ctx, "x", 10*store.MaxPageSize); err != nil {
			t.Fatal(err)
		}
		if got := f.calls[1].params["limit"]; got != int64(store.MaxPageSize) {
			t.Errorf("searchDocuments limit = %v, want it cut to %d", got, store.MaxPageSize)
		}
		f.calls = nil
		if hits, err := s.SearchDocuments(ctx, " .. ", 5); err != nil || hits != nil || len(f.calls) > 0 {
			t.Errorf("SearchDocuments(punctuation) = %v, %v after %v; want nothing asked", hits, err, f.callNames())
		}
	})
	t.Run("expand picks the direction", func(t *testing.T) {
		for d, want := range map[store.Direction]string{store.Out: "expandOut", store.In: "expandIn", store.Both: "expandBoth"} {
			f.calls = nil
			if _, err := s.Expand(ctx, store.Expand{IDs: []string{"country:a"}, Direction: d}); err != nil {
				t.Fatal(err)
			}
			if got := f.callNames(); !slices.Equal(got, []string{want}) {
				t.Errorf("Expand(direction %d) sent %v, want %s", d, got, want)
			}
		}
		f.calls = nil
		if _, err := s.Expand(ctx, store.Expand{IDs: []string{"country:a"}, Direction: store.Both, Among: true}); err != nil {
			t.Fatal(err)
		}
		if got := f.callNames(); !slices.Equal(got, []string{"expandAmong"}) {
			t.Errorf("Expand(among) sent %v, want expandAmong", got)
		}
		f.calls = nil
		if rs, err := s.Expand(ctx, store.Expand{Direction: store.Both}); err != nil || rs != nil || len(f.calls) > 0 {
			t.Errorf("Expand(no ids) = %v, %v after %v", rs, err, f.callNames())
		}
	})
	t.Run("reads use read transactions", func(t *testing.T) {
		f.calls = nil
		s.DocumentCount(ctx)
		s.DocumentsByID(ctx, []string{"doc:1"})
		s.EntityByAlias(ctx, schema.Person, "Ana")
		for _, c := range f.calls {
			if c.mode != neo4j.AccessModeRead {
				t.Errorf("%s ran in a write transaction", c.name)
			}
		}
		if len(f.calls) != 3 {
			t.Errorf("sent %v, want documentCount, documentsByID, entityByAlias", f.callNames())
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestInternalKeepsCodes(t *testing.T) {
	inv := store.Errorf(store.EINVALID, "bad")
	if got := internal(fmt.Errorf("wrapped: %w", inv), "write"); store.ErrorCode(got) != store.EINVALID {
		t.Errorf("internal(EINVALID) code = %q", store.ErrorCode(got))
	}
	drv := errors.New("connection reset")
	if got := internal(drv, "read entity %s", "x"); !errors.Is(got, drv) || !strings.Contains(got.Error(), "read entity x") {
		t.Errorf("internal(driver error) = %v", got)
	}
}

// canned answers each statement with fixed rows; one it has none for
// returns nothing, or a count of 0 if it returns a count as n.
func canned(rows map[string][]map[string]any) func(string, map[string]any) ([]map[string]any, error) {
	stmts := statements()
	return func(name string, _ map[string]any) ([]map[string]any, error) {
		if r, ok := rows[name]; ok || !strings.HasSuffix(stmts[name], " AS n") {
			return r, nil
		}
		return []map[string]any{{"n": int64(0)}}, nil
	}
}

func paramsOf(t *testing.T, f *fake, name string) map[string]any {
	t.Helper()
	for _, c := range f.calls {
		if c.name == name {
			return c.params
		}
	}
	t.Fatalf("%s was not sent; sent %v", name, f.callNames())
	return nil
}

func wantModes(t *testing.T, f *fake, mode neo4j.AccessMode) {
	t.Helper()
	for _, c := range f.calls {
		if c.mode != mode {
			t.Errorf("%s ran in access mode %v, want %v", c.name, c.mode, mode)
		}
	}
}

func TestDocumentsFake(t *testing.T) {
	ctx := context.Background()
	doc := func(id, date string) map[string]any {
		return map[string]any{"document": map[string]any{"id": id, "date": date, "title": "T " + id, "kind": "NEWS",
			"ingestedAt": time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}}
	}
	f, s := newFake(t, canned(map[string][]map[string]any{
		"countDocuments": {{"n": int64(7)}},
		"documents":      {doc("doc:b", "2024-05"), doc("doc:a", "2024-05"), doc("doc:c", "")},
		"mentions": {{"document": "doc:a", "entity": "country:x"}, {"document": "doc:a", "entity": "person:y"},
			{"document": "doc:b", "entity": "person:y"}},
	}))
	p, err := s.Documents(ctx, store.DocumentFilter{Kind: ptr("NEWS"), From: ptr(""), To: ptr("2024"),
		Page: store.Page{First: 2, After: store.EncodeCursor("2025", "doc:z")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := documentIDsOf(p.Items); !slices.Equal(got, []string{"doc:b", "doc:a"}) || !p.HasNext || p.TotalCount != 7 {
		t.Errorf("Documents = %v (hasNext %v, total %d), want [doc:b doc:a], true, 7", got, p.HasNext, p.TotalCount)
	}
	if len(p.Cursors) != 2 || p.EndCursor != p.Cursors[1] {
		t.Errorf("Cursors = %v, EndCursor %q; want one per item, the last as EndCursor", p.Cursors, p.EndCursor)
	}
	if k, id, _ := store.DecodeCursor(p.Cursors[0]); k != "2024-05" || id != "doc:b" {
		t.Errorf("first cursor = (%q, %q), want (2024-05, doc:b)", k, id)
	}
	if got := f.callNames(); !slices.Equal(got, []string{"countDocuments", "documents"}) {
		t.Errorf("Documents sent %v", got)
	}
	params := paramsOf(t, f, "documents")
	if params["kind"] != "NEWS" || params["from"] != nil || params["to"] != "2024" || params["afterKey"] != "2025" ||
		params["afterId"] != "doc:z" || params["limit"] != int64(3) {
		t.Errorf("documents params = %v", params)
	}
	for _, fl := range []store.DocumentFilter{{Page: store.Page{After: "junk!"}}, {Page: store.Page{First: -1}}} {
		f.calls = nil
		if _, err := s.Documents(ctx, fl); store.ErrorCode(err) != store.EINVALID || len(f.calls) > 0 {
			t.Errorf("Documents(%+v) = %v after %v, want EINVALID before any statement", fl, err, f.callNames())
		}
	}

	f.calls = nil
	m, err := s.Mentions(ctx, []string{"doc:a", "doc:b", "doc:none"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m["doc:a"], []string{"country:x", "person:y"}) || !slices.Equal(m["doc:b"], []string{"person:y"}) || m["doc:none"] != nil {
		t.Errorf("Mentions = %v", m)
	}
	if empty, err := s.Mentions(ctx, nil); err != nil || len(empty) != 0 {
		t.Errorf("Mentions(nil) = %v, %v", empty, err)
	}
	if got := f.callNames(); !slices.Equal(got, []string{"mentions"}) {
		t.Errorf("Mentions sent %v, want one mentions statement", got)
	}
	wantModes(t, f, neo4j.AccessModeRead)
}

func documentIDsOf(ds []store.Document) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}

func relRow(id, typ, subject, object string, confidence float64, first, last string) map[string]any {
	return map[string]any{"relation": map[string]any{"id": id, "type": typ, "subject": subject, "object": object,
		"title": "", "since": "", "confidence": confidence, "firstSeen": first, "lastSeen": last}}
}

func evRow(id, rel, doc string, start, end int, conf float64) map[string]any {
	m := map[string]any{"id": id, "relationId": rel, "sentence": "s " + id, "start": int64(start), "end": int64(end),
		"extractor": "x", "confidence": conf}
	if doc != "" {
		m["documentId"] = doc
	}
	return map[string]any{"evidence": m}
}

func TestDeleteDocumentFake(t *testing.T) {
	ctx := context.Background()
	t.Run("not found", func(t *testing.T) {
		f, s := newFake(t, canned(nil))
		_, err := s.DeleteDocument(ctx, "doc:none")
		if store.ErrorCode(err) != store.ENOTFOUND {
			t.Errorf("DeleteDocument(missing) error = %v, want ENOTFOUND", err)
		}
		if got := f.callNames(); !slices.Equal(got, []string{"documentImpact"}) {
			t.Errorf("DeleteDocument(missing) sent %v", got)
		}
	})
	t.Run("prunes and recomputes", func(t *testing.T) {
		f, s := newFake(t, canned(map[string][]map[string]any{
			"documentImpact": {{"relations": []any{"rel:2", "rel:1"}, "mentioned": []any{"person:a", "topic:t"}}},
			"relationByID": {relRow("rel:1", "MET_WITH", "person:a", "person:b", 0.5, "2024", "2024"),
				relRow("rel:2", "ATTENDED", "person:a", "event:c", 0.9, "2023", "2024")},
			"deleteDocument": {{"n": int64(3)}},
			"relationStats": {
				{"id": "rel:1", "evidence": int64(0), "confidence": nil, "firstSeen": nil, "lastSeen": nil},
				{"id": "rel:2", "evidence": int64(2), "confidence": 0.7, "firstSeen": "2023", "lastSeen": "2023-06"},
			},
			"pruneEntities": {{"id": "topic:t"}, {"id": "person:b"}},
		}))
		res, err := s.DeleteDocument(ctx, "doc:1")
		if err != nil {
			t.Fatal(err)
		}
		want := store.DeleteResult{DocumentID: "doc:1", RemovedEvidence: 3, RemovedRelations: []string{"rel:1"}, RemovedEntities: []string{"person:b", "topic:t"}}
		if !reflect.DeepEqual(res, want) {
			t.Errorf("DeleteDocument = %+v, want %+v", res, want)
		}
		wantCalls := []string{"documentImpact", "relationByID", "deleteDocument", "relationStats", "deleteRelations", "setRelationStats", "pruneEntities",
			"relationSupport", "setWithdrawn"}
		if got := f.callNames(); !slices.Equal(got, wantCalls) {
			t.Errorf("DeleteDocument sent %v, want %v", got, wantCalls)
		}
		wantModes(t, f, neo4j.AccessModeWrite)
		if ids := paramsOf(t, f, "relationStats")["ids"].([]string); !slices.Equal(ids, []string{"rel:1", "rel:2"}) {
			t.Errorf("relationStats ids = %v", ids)
		}
		if ids := paramsOf(t, f, "deleteRelations")["ids"].([]string); !slices.Equal(ids, []string{"rel:1"}) {
			t.Errorf("deleteRelations ids = %v", ids)
		}
		stats := paramsOf(t, f, "setRelationStats")
		rows := stats["rows"].([]map[string]any)
		if !slices.Equal(stats["ids"].([]string), []string{"rel:2"}) || len(rows) != 1 || rows[0]["confidence"] != 0.7 ||
			rows[0]["firstSeen"] != "2023" || rows[0]["lastSeen"] != "2023-06" {
			t.Errorf("setRelationStats params = %v", stats)
		}
		// Every end of a touched relation and every mentioned entity is a
		// candidate, once.
		if ids := paramsOf(t, f, "pruneEntities")["ids"].([]string); !slices.Equal(ids, []string{"event:c", "person:a", "person:b", "topic:t"}) {
			t.Errorf("pruneEntities ids = %v", ids)
		}
	})
}

func TestAddAliasFake(t *testing.T) {
	ctx := context.Background()
	f, s := newFake(t, canned(map[string][]map[string]any{
		"addAliases": {entityRow("person:a", "Person", "A", "", "Ä one")},
	}))
	e, err := s.AddAlias(ctx, "person:a", "  Ä one ")
	if err != nil || e.ID != "person:a" || !slices.Equal(e.Aliases, []string{"Ä one"}) {
		t.Fatalf("AddAlias = %+v, %v", e, err)
	}
	p := paramsOf(t, f, "addAliases")
	if !slices.Equal(p["aliases"].([]string), []string{"Ä one"}) || !slices.Equal(p["aliasKeys"].([]string), []string{"a one"}) || p["kind"] != "" {
		t.Errorf("addAliases params = %v", p)
	}
	wantModes(t, f, neo4j.AccessModeWrite)

	f.calls = nil
	if _, err := s.AddAlias(ctx, "person:a", " .. "); store.ErrorCode(err) != store.EINVALID || len(f.calls) > 0 {
		t.Errorf("AddAlias(empty) = %v after %v, want EINVALID before any statement", err, f.callNames())
	}
	_, s = newFake(t, canned(nil))
	if _, err := s.AddAlias(ctx, "person:none", "X"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("AddAlias(missing) error = %v, want ENOTFOUND", err)
	}
}

func TestMergeEntitiesFake(t *testing.T) {
	ctx := context.Background()
	keep, merge := "person:blinken", "person:tony"
	rows := map[string][]map[string]any{
		"entitiesByID": {entityRow(keep, "Person", "Antony Blinken", "", "Blinken"), entityRow(merge, "Person", "Tony Blinken", "2024", "A. Blinken", "blinken")},
		"relationsTouching": {
			relRow("rel:m1", "MET_WITH", "person:lip", merge, 0.9, "2025", "2025"), // coincides with rel:k1
			relRow("rel:m2", "MET_WITH", keep, merge, 0.3, "2025", "2025"),         // becomes a loop
			relRow("rel:m3", "ATTENDED", merge, "event:s", 0.7, "2025", "2025"),    // moves
		},
		"evidenceFor": {
			evRow("ev:1", "rel:m1", "doc:d", 0, 10, 0.9),
			evRow("ev:2", "rel:m1", "", 0, 0, 1),
			evRow("ev:3", "rel:m2", "doc:d", 11, 20, 0.3),
			evRow("ev:4", "rel:m3", "doc:d", 21, 30, 0.7),
		},
		"addAliases": {entityRow(keep, "Person", "Antony Blinken", "2024", "Blinken", "Tony Blinken", "A. Blinken")},
	}
	k1 := store.RelationID(keep, schema.MetWith, "person:lip")
	moved := store.RelationID(keep, schema.Attended, "event:s")
	stored := relRow(k1, "MET_WITH", keep, "person:lip", 0.8, "2023", "2023")
	stored["relation"].(map[string]any)["title"] = "kept"
	rows["relationByID"] = []map[string]any{stored}

	f, s := newFake(t, canned(rows))
	e, err := s.MergeEntities(ctx, keep, merge)
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != keep || len(e.Aliases) != 3 {
		t.Errorf("MergeEntities = %+v", e)
	}
	wantCalls := []string{"entitiesByID", "relationsTouching", "evidenceFor", "relationByID", "deleteEvidenceOf", "deleteRelations",
		"putRelation.ATTENDED", "putRelation.MET_WITH", "putEvidence", "moveMentions", "deleteEntity", "addAliases"}
	if got := f.callNames(); !slices.Equal(got, wantCalls) {
		t.Errorf("MergeEntities sent %v, want %v", got, wantCalls)
	}
	wantModes(t, f, neo4j.AccessModeWrite)
	if ids := paramsOf(t, f, "relationByID")["ids"].([]string); !slices.Equal(ids, []string{k1, moved}) {
		t.Errorf("relationByID ids = %v, want the new ids %v", ids, []string{k1, moved})
	}
	for _, name := range []string{"deleteEvidenceOf", "deleteRelations"} {
		if ids := paramsOf(t, f, name)["ids"].([]string); !slices.Equal(ids, []string{"rel:m1", "rel:m2", "rel:m3"}) {
			t.Errorf("%s ids = %v, want every old relation", name, ids)
		}
	}
	met := paramsOf(t, f, "putRelation.MET_WITH")["rows"].([]map[string]any)
	if len(met) != 1 || met[0]["id"] != k1 || met[0]["confidence"] != 0.9 || met[0]["title"] != "kept" ||
		met[0]["firstSeen"] != "2023" || met[0]["lastSeen"] != "2025" || met[0]["retractedReason"] != nil {
		t.Errorf("putRelation.MET_WITH rows = %v, want one folded relation", met)
	}
	att := paramsOf(t, f, "putRelation.ATTENDED")["rows"].([]map[string]any)
	if len(att) != 1 || att[0]["id"] != moved || att[0]["subject"] != keep || att[0]["object"] != "event:s" {
		t.Errorf("putRelation.ATTENDED rows = %v", att)
	}
	evs := paramsOf(t, f, "putEvidence")["rows"].([]map[string]any)
	want := map[string]bool{
		store.EvidenceID(k1, "doc:d", 0, 10):     true,
		store.AnalystEvidenceID(k1, "s ev:2"):    true,
		store.EvidenceID(moved, "doc:d", 21, 30): true,
	}
	if len(evs) != len(want) {
		t.Errorf("putEvidence rows = %v, want %d (the loop's evidence dropped)", evs, len(want))
	}
	for _, ev := range evs {
		if !want[ev["id"].(string)] {
			t.Errorf("putEvidence row %v has an id not computed for its new relation", ev)
		}
		if ev["id"] == store.AnalystEvidenceID(k1, "s ev:2") && ev["documentId"] != nil {
			t.Errorf("analyst evidence row %v names a document", ev)
		}
	}
	al := paramsOf(t, f, "addAliases")
	// Keys keep already has are dropped by the statement, under the lock.
	if !slices.Equal(al["aliases"].([]string), []string{"Tony Blinken", "A. Blinken", "blinken"}) || al["date"] != "2024" {
		t.Errorf("addAliases params = %v, want merge's name and aliases, its date", al)
	}

	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name, keep, merge, code string
			rows                    []map[string]any
			calls                   int
		}{
			{"itself", keep, keep, store.EINVALID, nil, 0},
			{"types differ", keep, "country:x", store.EINVALID, []map[string]any{rows["entitiesByID"][0], entityRow("country:x", "Country", "X", "")}, 1},
			{"merge missing", keep, merge, store.ENOTFOUND, rows["entitiesByID"][:1], 1},
			{"keep missing", keep, merge, store.ENOTFOUND, rows["entitiesByID"][1:], 1},
		}
		for _, tt := range tests {
			f, s := newFake(t, canned(map[string][]map[string]any{"entitiesByID": tt.rows}))
			_, err := s.MergeEntities(ctx, tt.keep, tt.merge)
			if store.ErrorCode(err) != tt.code || len(f.calls) != tt.calls {
				t.Errorf("MergeEntities(%s) = %v after %v, want %s after %d statements", tt.name, err, f.callNames(), tt.code, tt.calls)
			}
		}
	})
}

func TestFold(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ret := &store.Retraction{Reason: "r", At: at}
	tests := []struct {
		name string
		a, b store.Relation
		want store.Relation
	}{
		{"best confidence, widest window, first title",
			store.Relation{Confidence: 0.5, Title: "a", FirstSeen: "2024", LastSeen: "2024"},
			store.Relation{Confidence: 0.8, Title: "b", Since: "1999", FirstSeen: "2023", LastSeen: "2025"},
			store.Relation{Confidence: 0.8, Title: "a", Since: "1999", FirstSeen: "2023", LastSeen: "2025"}},
		{"an empty window takes the other",
			store.Relation{},
			store.Relation{FirstSeen: "2023", LastSeen: "2024"},
			store.Relation{FirstSeen: "2023", LastSeen: "2024"}},
		{"retracted only if both were", store.Relation{Retracted: ret}, store.Relation{}, store.Relation{}},
		{"both retracted", store.Relation{Retracted: ret}, store.Relation{Retracted: &store.Retraction{Reason: "other"}}, store.Relation{Retracted: ret}},
	}
	for _, tt := range tests {
		if got := fold(tt.a, tt.b); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("fold(%s) = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestFoldPick: convergence folds relations as fold does, but title and
// since settle by store.Pick, whichever relation comes first.
func TestFoldPick(t *testing.T) {
	a := store.Relation{Confidence: 0.5, Title: "Minister", FirstSeen: "2024", LastSeen: "2024"}
	b := store.Relation{Confidence: 0.8, Title: "Foreign Minister", Since: "1999", FirstSeen: "2023", LastSeen: "2025"}
	want := store.Relation{Confidence: 0.8, Title: "Minister", Since: "1999", FirstSeen: "2023", LastSeen: "2025"}
	for _, got := range []store.Relation{foldPick(a, b), foldPick(b, a)} {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("foldPick = %+v, want %+v", got, want)
		}
	}
}

func TestAssertRelationFake(t *testing.T) {
	ctx := context.Background()
	id := store.RelationID("person:a", schema.MetWith, "person:b")
	types := []map[string]any{{"id": "person:a", "type": "Person"}, {"id": "person:b", "type": "Person"}}
	rows := map[string][]map[string]any{
		"entityTypes":  types,
		"relationByID": {relRow(id, "MET_WITH", "person:a", "person:b", 1, "", "")},
		"evidenceFor":  {evRow(store.AnalystEvidenceID(id, "a note"), id, "", 0, 0, 1)},
	}
	f, s := newFake(t, canned(rows))
	r, err := s.AssertRelation(ctx, store.Relation{Type: schema.MetWith, Subject: "person:b", Object: "person:a",
		Evidence: []store.Evidence{{Sentence: " a note "}}})
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != id || len(r.Evidence) != 1 || r.Evidence[0].DocumentID != "" {
		t.Errorf("AssertRelation = %+v", r)
	}
	wantCalls := []string{"entityTypes", "assertRelation.MET_WITH", "putEvidence", "relationByID", "evidenceFor"}
	if got := f.callNames(); !slices.Equal(got, wantCalls) {
		t.Errorf("AssertRelation sent %v, want %v", got, wantCalls)
	}
	wantModes(t, f, neo4j.AccessModeWrite)
	p := paramsOf(t, f, "assertRelation.MET_WITH")
	if p["id"] != id || p["subject"] != "person:a" || p["object"] != "person:b" || p["confidence"] != 1.0 {
		t.Errorf("assertRelation params = %v, want the ends in order and an analyst's confidence of 1", p)
	}
	ev := paramsOf(t, f, "putEvidence")["rows"].([]map[string]any)[0]
	if ev["id"] != store.AnalystEvidenceID(id, "a note") || ev["documentId"] != nil || ev["extractor"] != "analyst" || ev["sentence"] != "a note" {
		t.Errorf("putEvidence row = %v", ev)
	}

	tests := []struct {
		name  string
		r     store.Relation
		types []map[string]any
		code  string
		calls int
	}{
		{"no note", store.Relation{Type: schema.MetWith, Subject: "person:a", Object: "person:b"}, types, store.EINVALID, 0},
		{"unknown type", store.Relation{Type: "ADMIRES", Subject: "person:a", Object: "person:b", Evidence: []store.Evidence{{Sentence: "n"}}}, types, store.EINVALID, 0},
		{"loop", store.Relation{Type: schema.MetWith, Subject: "person:a", Object: "person:a", Evidence: []store.Evidence{{Sentence: "n"}}}, types, store.EINVALID, 0},
		{"confidence", store.Relation{Type: schema.MetWith, Subject: "person:a", Object: "person:b", Evidence: []store.Evidence{{Sentence: "n", Confidence: -1}}}, types, store.EINVALID, 0},
		{"end missing", store.Relation{Type: schema.MetWith, Subject: "person:a", Object: "person:b", Evidence: []store.Evidence{{Sentence: "n"}}}, types[:1], store.ENOTFOUND, 1},
		{"ontology", store.Relation{Type: schema.MetWith, Subject: "person:a", Object: "person:b", Evidence: []store.Evidence{{Sentence: "n"}}},
			[]map[string]any{types[0], {"id": "person:b", "type": "Event"}}, store.EINVALID, 1},
	}
	for _, tt := range tests {
		f, s := newFake(t, canned(map[string][]map[string]any{"entityTypes": tt.types}))
		_, err := s.AssertRelation(ctx, tt.r)
		if store.ErrorCode(err) != tt.code || len(f.calls) != tt.calls {
			t.Errorf("AssertRelation(%s) = %v after %v, want %s after %d statements", tt.name, err, f.callNames(), tt.code, tt.calls)
		}
	}
}

func TestRetractRelationFake(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	retracted := relRow("rel:1", "ATTENDED", "country:a", "event:b", 0.5, "2024", "2024")
	retracted["relation"].(map[string]any)["retractedReason"] = "wrong"
	retracted["relation"].(map[string]any)["retractedAt"] = at.In(time.FixedZone("CET", 3600))
	f, s := newFake(t, canned(map[string][]map[string]any{
		"retractRelation": {{"id": "rel:1"}},
		"relationByID":    {retracted},
	}))
	r, err := s.RetractRelation(ctx, "rel:1", "wrong")
	if err != nil {
		t.Fatal(err)
	}
	if r.Retracted == nil || r.Retracted.Reason != "wrong" || r.Retracted.At != at {
		t.Errorf("RetractRelation = %+v, want retracted at %v in UTC", r.Retracted, at)
	}
	p := paramsOf(t, f, "retractRelation")
	if p["reason"] != "wrong" || p["at"] != s.Now() || !slices.Equal(p["ids"].([]string), []string{"rel:1"}) {
		t.Errorf("retractRelation params = %v, want the reason and Now", p)
	}
	wantModes(t, f, neo4j.AccessModeWrite)

	f.calls = nil
	if _, err := s.RetractRelation(ctx, "rel:1", "  "); store.ErrorCode(err) != store.EINVALID || len(f.calls) > 0 {
		t.Errorf("RetractRelation(blank reason) = %v after %v, want EINVALID before any statement", err, f.callNames())
	}
	f, s = newFake(t, canned(nil))
	if _, err := s.RetractRelation(ctx, "rel:none", "x"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("RetractRelation(missing) error = %v, want ENOTFOUND", err)
	}
	if _, err := s.Relation(ctx, "rel:none"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("Relation(missing) error = %v, want ENOTFOUND", err)
	}
	// relationByID, then the look-up of an id from before slug ids.
	if got := f.callNames()[len(f.calls)-2:]; !slices.Equal(got, []string{"relationByID", "formerRelationID"}) || f.calls[len(f.calls)-1].mode != neo4j.AccessModeRead {
		t.Errorf("Relation sent %v in mode %v, want relationByID and formerRelationID in a read transaction", got, f.calls[len(f.calls)-1].mode)
	}
}

func TestRelationsRetractedFake(t *testing.T) {
	ctx := context.Background()
	f, s := newFake(t, canned(map[string][]map[string]any{"countRelations": {{"n": int64(0)}}}))
	for _, include := range []bool{false, true} {
		f.calls = nil
		if _, err := s.Relations(ctx, store.RelationFilter{IncludeRetracted: include}); err != nil {
			t.Fatal(err)
		}
		for _, c := range f.calls {
			if c.params["includeRetracted"] != include {
				t.Errorf("%s includeRetracted = %v, want %v", c.name, c.params["includeRetracted"], include)
			}
		}
	}
	for _, q := range []string{cypherExpandOut, cypherExpandIn, cypherExpandBoth, cypherExpandAmong, cypherRelations, cypherCountEntities} {
		if !strings.Contains(q, "retractedReason IS NULL") {
			t.Errorf("statement does not hide retracted relations:\n%s", q)
		}
	}
}

// TestWriteBatchConvergesFake: an entity written that answers to a stored
// one (name to alias) is merged with it into the survivor their content
// picks — whichever was stored first — by MergeEntities' machinery in
// WriteBatch's settling mode, and the result names the survivor.
func TestWriteBatchConvergesFake(t *testing.T) {
	full := store.Entity{Type: schema.Organization, Name: "North Atlantic Treaty Organization", Aliases: []string{"NATO"}}
	acr := store.Entity{Type: schema.Organization, Name: "NATO"}
	kim := store.Entity{Type: schema.Person, Name: "Kim Min-jun"}
	for _, e := range []*store.Entity{&full, &acr, &kim} {
		e.ID = store.EntityID(e.Type, e.Name)
	}
	survivorRel := store.RelationID(kim.ID, schema.HoldsPosition, full.ID)
	converge := []string{"entitiesByID", "convergenceCandidates", "entitiesByID", "relationsTouching"}
	tail := []string{"moveMentions", "deleteEntity", "addAliases",
		"entitiesByID", "convergenceCandidates", // Kim
		"entitiesByID", "convergenceCandidates", // the survivor, again
		"relationByID", "evidenceFor"} // the result's relation
	tests := []struct {
		name            string
		stored, written store.Entity
		moves           []string // statements that move the written entity's relation
		wantNew         []string
	}{
		{"the survivor is written", acr, full, nil, []string{full.ID, kim.ID}},
		{"the survivor is stored", full, acr,
			[]string{"evidenceFor", "relationByID", "deleteEvidenceOf", "deleteRelations", "putRelation.HOLDS_POSITION", "putEvidence"},
			[]string{kim.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "Kim Min-jun is the Secretary General of " + tt.written.Name + "."
			docID := store.DocumentID(text)
			b := store.Batch{
				Document: store.Document{Filename: "nato.txt", Kind: "PRESS_RELEASE", Text: text},
				Entities: []store.Entity{kim, tt.written},
				Relations: []store.Relation{{Type: schema.HoldsPosition, Subject: kim.ID, Object: tt.written.ID,
					Title: "Secretary General", Evidence: []store.Evidence{{Sentence: text, End: len(text), Confidence: 0.8}}}},
			}
			g := &graphFake{stored: map[string]string{tt.stored.ID: "Organization"}, docs: map[string]bool{},
				ents: map[string]store.Entity{tt.stored.ID: tt.stored}}
			rels := map[string]map[string]any{} // relation id → row, as stored
			respond := func(name string, p map[string]any) ([]map[string]any, error) {
				switch {
				case strings.HasPrefix(name, "mergeRelation."), strings.HasPrefix(name, "putRelation."):
					for _, row := range p["rows"].([]map[string]any) {
						rels[row["id"].(string)] = relRow(row["id"].(string), "HOLDS_POSITION", row["subject"].(string), row["object"].(string), 0.8, "", "")
					}
					if strings.HasPrefix(name, "putRelation.") {
						return nil, nil
					}
				case name == "relationsTouching":
					var out []map[string]any
					for _, r := range rels {
						if m := r["relation"].(map[string]any); m["subject"] == p["id"] || m["object"] == p["id"] {
							out = append(out, r)
						}
					}
					return out, nil
				case name == "relationByID":
					var out []map[string]any
					for _, id := range p["ids"].([]string) {
						if r, ok := rels[id]; ok {
							out = append(out, r)
						}
					}
					return out, nil
				case name == "evidenceFor":
					var out []map[string]any
					for _, id := range p["ids"].([]string) {
						out = append(out, evRow("ev:"+id, id, docID, 0, len(text), 0.8))
					}
					return out, nil
				case name == "deleteRelations":
					for _, id := range p["ids"].([]string) {
						delete(rels, id)
					}
					return nil, nil
				case name == "deleteEntity":
					delete(g.ents, p["id"].(string))
					delete(g.stored, p["id"].(string))
					return []map[string]any{{"n": int64(1)}}, nil
				case name == "deleteEvidenceOf", name == "putEvidence", name == "moveMentions":
					return []map[string]any{{"n": int64(1)}}, nil
				case name == "addAliases":
					e := g.ents[p["id"].(string)]
					e.Aliases = store.MergeAliases(e.Name, e.Aliases, p["aliases"].([]string))
					g.ents[e.ID] = e
					return []map[string]any{entityRow(e.ID, string(e.Type), e.Name, "", e.Aliases...)}, nil
				}
				return g.respond(name, p)
			}
			f, s := newFake(t, respond)
			res, err := s.WriteBatch(context.Background(), b)
			if err != nil {
				t.Fatalf("WriteBatch error: %v", err)
			}
			calls := f.callNames()
			i := slices.Index(calls, "createEvidence")
			want := slices.Concat(converge, tt.moves, tail)
			if i < 0 || !slices.Equal(calls[i+1:], want) {
				t.Errorf("WriteBatch sent %v, want createEvidence then %v", calls, want)
			}
			wantModes(t, f, neo4j.AccessModeWrite)
			lock := paramsOf(t, f, "lockConvergence")["keys"].([]string)
			if !slices.Contains(lock, "Organization:nato") || !slices.IsSorted(lock) {
				t.Errorf("lockConvergence keys = %v, want sorted, with the key both names share", lock)
			}
			rt := paramsOf(t, f, "relationsTouching")
			if rt["id"] != acr.ID {
				t.Errorf("relationsTouching id = %v, want the acronym's, merged away", rt["id"])
			}
			al := paramsOf(t, f, "addAliases")
			if al["id"] != full.ID || al["pick"] != true || !slices.Contains(al["aliases"].([]string), "NATO") {
				t.Errorf("addAliases params = %v, want the full name's entity, the acronym among the aliases, pick", al)
			}
			if _, ok := g.ents[acr.ID]; ok {
				t.Errorf("the acronym's entity is still stored")
			}
			if got := slices.Sorted(slices.Values(res.NewEntities)); !slices.Equal(got, tt.wantNew) {
				t.Errorf("NewEntities = %v, want %v", res.NewEntities, tt.wantNew)
			}
			if !slices.Equal(res.NewRelation, []string{survivorRel}) {
				t.Errorf("NewRelation = %v, want the survivor's %v", res.NewRelation, survivorRel)
			}
		})
	}
}

// TestReconcileVersionsFake checks the withdrawal of a fact a newer
// version of a source no longer states: the versions and the support are
// read, store.Withdrawals decides, and one row per fact is written.
func TestReconcileVersionsFake(t *testing.T) {
	ctx := context.Background()
	src := "https://mzv.example/press/1"
	old := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	doc := func(id string, at time.Time) map[string]any {
		return map[string]any{"document": map[string]any{"id": id, "source": src, "date": "2024-03-18", "ingestedAt": at}}
	}
	f, _ := newFake(t, canned(map[string][]map[string]any{
		"versions":        {doc("doc:v1", old), doc("doc:v2", old.Add(time.Hour))},
		"seriesRelations": {{"id": "rel:kept"}, {"id": "rel:dropped"}, {"id": "rel:asserted"}},
		"relationSupport": {
			{"relation": "rel:kept", "document": doc("doc:v2", old.Add(time.Hour))["document"]},
			{"relation": "rel:kept", "document": doc("doc:v1", old)["document"]},
			{"relation": "rel:dropped", "document": doc("doc:v1", old)["document"]},
			{"relation": "rel:asserted", "document": doc("doc:v1", old)["document"]},
			{"relation": "rel:asserted", "document": nil},
		},
	}))
	if err := reconcileVersions(ctx, f, src, false); err != nil {
		t.Fatal(err)
	}
	want := []string{"versions", "seriesRelations", "relationSupport", "versions", "setWithdrawn"}
	if got := f.callNames(); !slices.Equal(got, want) {
		t.Errorf("reconcileVersions sent %v, want %v", got, want)
	}
	rows := paramsOf(t, f, "setWithdrawn")["rows"].([]map[string]any)
	got := map[string]any{}
	for _, r := range rows {
		got[r["id"].(string)] = r["withdrawnBy"]
	}
	if !reflect.DeepEqual(got, map[string]any{"rel:kept": nil, "rel:dropped": "doc:v2", "rel:asserted": nil}) {
		t.Errorf("setWithdrawn rows = %v, want only rel:dropped withdrawn by doc:v2", rows)
	}

	// A path is no URL: nothing is sent.
	f.calls = nil
	if err := reconcileVersions(ctx, f, "corpus/a.txt", false); err != nil || len(f.calls) > 0 {
		t.Errorf("reconcileVersions(path) = %v, sent %v; want nothing", err, f.callNames())
	}
}
