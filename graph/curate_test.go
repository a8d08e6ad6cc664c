package graph_test

import (
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestCuration runs an analyst's session of corrections in order, each
// step seeing the graph the steps before it left, and checks the error
// code of every kind of bad input on the way.
func TestCuration(t *testing.T) {
	st := openStore(t)
	seed(t, st, 2, 0)
	url := serve(t, st, graph.Options{})
	ctx := context.Background()
	docs, err := st.Documents(ctx, store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var doc1 string
	for _, d := range docs.Items {
		if d.Title == "Release 001" {
			doc1 = d.ID
		}
	}
	if doc1 == "" {
		t.Fatalf("Documents lists no Release 001: %+v", docs.Items)
	}
	id := func(t schema.EntityType, name string) string { return store.EntityID(t, name) }
	agency0, agency1 := id(schema.Organization, "Agency 000"), id(schema.Organization, "Agency 001")
	envoy0, envoy1 := id(schema.Person, "Envoy 000"), id(schema.Person, "Envoy 001")
	ministry0, venue0 := id(schema.Organization, "Ministry 0"), id(schema.Location, "Venue 0")
	asserted := store.RelationID(envoy0, schema.HoldsPosition, ministry0)
	attended0 := store.RelationID(envoy0, schema.Attended, id(schema.Event, "Cyber Dialogue 000"))

	const (
		addAlias = `mutation($e: ID!, $a: String!) { addAlias(entity: $e, alias: $a) { id aliases } }`
		merge    = `mutation($k: ID!, $m: ID!) { mergeEntities(keep: $k, merge: $m) { id aliases relations(types: [ATTENDED]) { object { name } } } }`
		assert   = `mutation($in: AssertRelationInput!) { assertRelation(input: $in) { id type title subject { id } object { id } retracted { reason }
		  evidence { sentence extractor document { id } } } }`
		retract = `mutation($id: ID!, $r: String!) { retractRelation(id: $id, reason: $r) { id retracted { reason } } }`
		listPos = `query($all: Boolean) { relations(filter: {type: [HOLDS_POSITION], includeRetracted: $all}) { totalCount edges { node { id retracted { reason } } } } }`
		entity  = `query($id: ID!) { entity(id: $id) { id relations(types: [HOLDS_POSITION]) { id } } }`
		del     = `mutation($id: ID!) { deleteDocument(id: $id) { document removedEvidence removedRelations removedEntities } }`
	)
	note := map[string]any{"subject": envoy0, "type": "HOLDS_POSITION", "object": ministry0, "title": "Special Envoy", "note": "Named in the ministry's 2024 staff list."}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for k, v := range note {
			m[k] = v
		}
		m[k] = v
		return m
	}
	steps := []struct {
		name  string
		query string
		vars  map[string]any
		want  []string // substrings of the data, in any order
		code  string   // the one error's extensions.code
	}{
		{"add an alias", addAlias, map[string]any{"e": agency0, "a": "  AG-Zero "}, []string{`"AG-Zero"`, `"AG000"`}, ""},
		{"blank alias", addAlias, map[string]any{"e": agency0, "a": "  "}, nil, "BAD_USER_INPUT"},
		{"alias of nobody", addAlias, map[string]any{"e": "organization:nobody", "a": "X"}, nil, "NOT_FOUND"},
		{"search finds the alias", `{ search(text: "ag-zer") { entity { id } } }`, nil, []string{`"id":"` + agency0 + `"`}, ""},
		{"merge", merge, map[string]any{"k": agency0, "m": agency1},
			[]string{`"Agency 001"`, `"AG001"`, `{"object":{"name":"Cyber Dialogue 000"}}`, `{"object":{"name":"Cyber Dialogue 001"}}`}, ""},
		{"merged entity is gone", entity, map[string]any{"id": agency1}, nil, "NOT_FOUND"},
		{"merge with itself", merge, map[string]any{"k": agency0, "m": agency0}, nil, "BAD_USER_INPUT"},
		{"merge across types", merge, map[string]any{"k": agency0, "m": envoy0}, nil, "BAD_USER_INPUT"},
		{"merge a missing entity", merge, map[string]any{"k": agency0, "m": "organization:nobody"}, nil, "NOT_FOUND"},
		{"assert", assert, map[string]any{"in": note},
			[]string{`"id":"` + asserted + `"`, `"title":"Special Envoy"`, `"retracted":null`,
				`{"sentence":"Named in the ministry's 2024 staff list.","extractor":"analyst","document":null}`}, ""},
		{"asserted fact is listed", entity, map[string]any{"id": envoy0}, []string{asserted}, ""},
		{"assert against the ontology", assert, map[string]any{"in": with("object", venue0)}, nil, "BAD_USER_INPUT"},
		{"assert without a note", assert, map[string]any{"in": with("note", " ")}, nil, "BAD_USER_INPUT"},
		{"assert about nobody", assert, map[string]any{"in": with("subject", "person:nobody")}, nil, "NOT_FOUND"},
		{"assert an unknown type", assert, map[string]any{"in": with("type", "LIKES")}, nil, "BAD_USER_INPUT"},
		{"assert a bad since", assert, map[string]any{"in": with("since", "last May")}, nil, "BAD_USER_INPUT"},
		{"retract", retract, map[string]any{"id": asserted, "r": "Wrong ministry"}, []string{`"retracted":{"reason":"Wrong ministry"}`}, ""},
		{"retracted fact is hidden from listings", listPos, nil, []string{`"totalCount":0`}, ""},
		{"retracted fact is hidden from the entity", entity, map[string]any{"id": envoy0}, []string{`"relations":[]`}, ""},
		{"retracted fact is kept for audit", listPos, map[string]any{"all": true},
			[]string{`"totalCount":1`, `{"id":"` + asserted + `","retracted":{"reason":"Wrong ministry"}}`}, ""},
		{"relation(id) shows the retraction", `query($id: ID!) { relation(id: $id) { retracted { reason at } } }`, map[string]any{"id": asserted},
			[]string{`"reason":"Wrong ministry","at":"20`}, ""},
		{"retract without a reason", retract, map[string]any{"id": asserted, "r": ""}, nil, "BAD_USER_INPUT"},
		{"retract a missing fact", retract, map[string]any{"id": "rel:000000000000000000000000", "r": "x"}, nil, "NOT_FOUND"},
		{"missing relation", `{ relation(id: "rel:000000000000000000000000") { id } }`, nil, nil, "NOT_FOUND"},
		{"later root fields of a mutation see the earlier ones' changes",
			`mutation($e: ID!, $r: ID!) { a: addAlias(entity: $e, alias: "E0") { relations(types: [ATTENDED]) { id } }
			  r: retractRelation(id: $r, reason: "test") { id } b: addAlias(entity: $e, alias: "E-0") { relations(types: [ATTENDED]) { id } } }`,
			map[string]any{"e": envoy0, "r": attended0},
			[]string{`"a":{"relations":[{"id":"` + attended0 + `"}]}`, `"b":{"relations":[]}`}, ""},
		{"delete a document", del, map[string]any{"id": doc1},
			[]string{`"document":"` + doc1 + `"`, `"removedEvidence":4`, `"` + envoy1 + `"`}, ""},
		{"what only it named is gone", entity, map[string]any{"id": envoy1}, nil, "NOT_FOUND"},
		{"what others name stays", entity, map[string]any{"id": agency0}, []string{agency0}, ""},
		{"delete it again", del, map[string]any{"id": doc1}, nil, "NOT_FOUND"},
		{"delete with no id", del, map[string]any{"id": ""}, nil, "BAD_USER_INPUT"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			r := query(t, url, s.query, s.vars)
			if s.code != "" {
				if codes := r.codes(); len(codes) != 1 || codes[0] != s.code {
					t.Errorf("codes = %v (%+v), want [%s]", codes, r.Errors, s.code)
				}
				return
			}
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			for _, w := range s.want {
				if !strings.Contains(string(r.Data), w) {
					t.Errorf("data %s\nlacks %s", r.Data, w)
				}
			}
		})
	}
}

// TestPrefetch checks that list resolvers load what their items' fields
// ask for ahead of them: with loaders that gather keys for no time at all,
// each query still costs one store call per kind of data, so its latency
// does not depend on the loaders' batch window.
func TestPrefetch(t *testing.T) {
	// It counts store calls, which the plans' check (TestMain) doubles.
	t.Setenv(graph.PlanCheckEnv, "")
	st := openStore(t)
	seed(t, st, 20, 0)
	c := &counting{Store: st, calls: map[string]int{}}
	url := serve(t, c, graph.Options{LoaderWait: time.Nanosecond})
	envoy := store.EntityID(schema.Person, "Envoy 003")
	tests := []struct {
		name, query string
		want        map[string]int
	}{
		{"events with participants, places, evidence and documents", agenciesAtDialogues,
			map[string]int{"Entities": 1, "Expand": 1, "EntitiesByID": 1, "EvidenceFor": 1, "DocumentsByID": 1}},
		{"an entity's relations with their ends and evidence",
			`{ entity(id: "` + envoy + `") { name relations(types: [ATTENDED], direction: OUT) { object { name } evidence { sentence document { title } } } } }`,
			map[string]int{"Entity": 1, "Expand": 1, "EntitiesByID": 1, "EvidenceFor": 1, "DocumentsByID": 1}},
		{"relations with their ends and evidence",
			`{ relations(filter: {type: [ATTENDED]}, first: 30) { edges { node { subject { name } object { name } evidence { sentence } } } } }`,
			map[string]int{"Relations": 1, "EntitiesByID": 1, "EvidenceFor": 1}},
		{"documents with their mentions",
			`{ documents(first: 20) { edges { node { title mentions(type: Organization) { name } } } } }`,
			map[string]int{"Documents": 1, "Mentions": 1, "EntitiesByID": 1}},
		{"a timeline with places and participants",
			`{ timeline(entity: "` + envoy + `") { name location { name } participants { name } } }`,
			map[string]int{"Entity": 1, "Expand": 2, "EntitiesByID": 2}},
		{"a neighborhood",
			`{ neighborhood(id: "` + envoy + `", depth: 2) { nodes { name } edges { subject { id } object { id } evidence { sentence } } } }`,
			map[string]int{"Entity": 1, "Expand": 3, "EntitiesByID": 1, "EvidenceFor": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.reset()
			r := query(t, url, tt.query, nil)
			if len(r.Errors) > 0 || len(r.Data) < 100 {
				t.Fatalf("answer %s, errors %+v", r.Data, r.Errors)
			}
			if got := c.reset(); !maps.Equal(got, tt.want) {
				t.Errorf("store calls %v, want %v", got, tt.want)
			}
		})
	}

	// participants(type:) loads only entities of that type, whether the
	// query states it or a variable does: the ids say which they are.
	t.Run("participants of one type", func(t *testing.T) {
		for _, q := range []struct {
			text string
			vars map[string]any
		}{
			{`{ events(first: 20) { edges { node { participants(type: Organization) { name } } } } }`, nil},
			{`query($t: EntityType) { events(first: 20) { edges { node { participants(type: $t) { name } } } } }`, map[string]any{"t": "Organization"}},
		} {
			c.reset()
			if r := query(t, url, q.text, q.vars); len(r.Errors) > 0 {
				t.Fatalf("answer %s, errors %+v", r.Data, r.Errors)
			}
			asked := c.askedEntities()
			if len(asked) == 0 {
				t.Fatalf("%s: no entities loaded", q.text)
			}
			for _, id := range asked {
				if typ, _ := store.TypeOf(id); typ != schema.Organization {
					t.Errorf("%s: loaded %s", q.text, id)
				}
			}
		}
	})
}

// TestAuditLog checks the auditLog query's paging and input errors over a
// log that records what it was asked.
func TestAuditLog(t *testing.T) {
	st := openStore(t)
	var asked graph.AuditQuery
	log := func(_ context.Context, q graph.AuditQuery) (graph.AuditPage, error) {
		asked = q
		key := "k1"
		return graph.AuditPage{
			Entries: []*model.AuditEntry{
				{At: "2026-01-02T03:04:05Z", Key: &key, Who: "k1 (analyst)", Role: "curator", Operation: "retractRelation", Variables: "{}", Result: "ok", Ok: true},
				{At: "2026-01-02T03:00:00Z", Who: "local", Role: "admin", Operation: "keys.create", Variables: "{}", Result: "created", Ok: true},
			},
			Cursors: []int64{9, 8},
			HasNext: true,
		}, nil
	}
	url := serve(t, st, graph.Options{Audit: log})
	bare := serve(t, st, graph.Options{})
	const q = `query($f: AuditFilter, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) {
	  edges { cursor node { key who operation ok } } pageInfo { hasNextPage endCursor } } }`
	tests := []struct {
		name string
		url  string
		vars map[string]any
		want string
		code string
		sent graph.AuditQuery
	}{
		{"a page", url, map[string]any{"first": 2, "after": "12", "f": map[string]any{"operation": "retractRelation", "since": "2026-01-01T00:00:00Z"}},
			`{"auditLog":{"edges":[{"cursor":"9","node":{"key":"k1","who":"k1 (analyst)","operation":"retractRelation","ok":true}},{"cursor":"8","node":{"key":null,"who":"local","operation":"keys.create","ok":true}}],"pageInfo":{"hasNextPage":true,"endCursor":"8"}}}`,
			"", graph.AuditQuery{First: 2, After: 12}},
		{"bad time", url, map[string]any{"f": map[string]any{"until": "yesterday"}}, "", "BAD_USER_INPUT", graph.AuditQuery{}},
		{"bad cursor", url, map[string]any{"after": "abc"}, "", "BAD_USER_INPUT", graph.AuditQuery{}},
		{"page too big", url, map[string]any{"first": 1000}, "", "BAD_USER_INPUT", graph.AuditQuery{}},
		{"no audit log", bare, nil, "", "BAD_USER_INPUT", graph.AuditQuery{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked = graph.AuditQuery{}
			r := query(t, tt.url, q, tt.vars)
			if tt.code != "" {
				if codes := r.codes(); len(codes) != 1 || codes[0] != tt.code {
					t.Errorf("codes = %v (%+v), want [%s]", codes, r.Errors, tt.code)
				}
				return
			}
			if len(r.Errors) > 0 || string(r.Data) != tt.want {
				t.Errorf("got %s %+v\nwant %s", r.Data, r.Errors, tt.want)
			}
			if asked.First != tt.sent.First || asked.After != tt.sent.After || asked.Operation == nil || *asked.Operation != "retractRelation" ||
				asked.Since == nil || !asked.Since.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) || asked.Until != nil {
				t.Errorf("log asked %+v", asked)
			}
		})
	}
}
