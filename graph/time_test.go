package graph_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// lineExtract reads one known fact from each line of a text, so a test
// can drop a sentence from a second version and see the fact withdrawn.
func lineExtract(_ context.Context, name string, data []byte) (store.Batch, error) {
	text := string(data)
	ent := func(t schema.EntityType, name string) store.Entity {
		return store.Entity{ID: store.EntityID(t, name), Type: t, Name: name}
	}
	ada, bo, cy := ent(schema.Person, "Ada Envoy"), ent(schema.Person, "Bo Envoy"), ent(schema.Person, "Cy Envoy")
	ruritania := ent(schema.Country, "Ruritania")
	summit, next := ent(schema.Event, "Test Summit"), ent(schema.Event, "Next Summit")
	summit.Date, summit.Status = "2024-05-05", "HELD"
	next.Date, next.Status = "2026", "PLANNED"
	b := store.Batch{Document: store.Document{Filename: name, Title: "Release", Text: text},
		Entities: []store.Entity{ada, bo, cy, ruritania, summit, next}}
	at := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		s := strings.TrimSpace(line)
		r := store.Relation{Evidence: []store.Evidence{{Sentence: s, Start: at, End: at + len(s), Extractor: "line", Confidence: 0.8}}}
		at += len(line)
		switch s {
		case "Ada Envoy attended the Test Summit.":
			r.Type, r.Subject, r.Object = schema.Attended, ada.ID, summit.ID
		case "Bo Envoy attended the Test Summit.":
			r.Type, r.Subject, r.Object = schema.Attended, bo.ID, summit.ID
		case "Ada Envoy will attend the Next Summit.":
			r.Type, r.Subject, r.Object = schema.Attended, ada.ID, next.ID
		case "Ada Envoy is Foreign Minister of Ruritania.":
			r.Type, r.Subject, r.Object, r.Title, r.Tense = schema.HoldsPosition, ada.ID, ruritania.ID, "Foreign Minister", "CURRENT"
		case "Cy Envoy was Foreign Minister of Ruritania until 2020.":
			r.Type, r.Subject, r.Object, r.Title, r.Tense, r.Until = schema.HoldsPosition, cy.ID, ruritania.ID, "Foreign Minister", "FORMER", "2020"
		default:
			continue
		}
		b.Relations = append(b.Relations, r)
	}
	return b, nil
}

const (
	releaseV1 = "Ada Envoy attended the Test Summit.\nBo Envoy attended the Test Summit.\nAda Envoy will attend the Next Summit.\n" +
		"Ada Envoy is Foreign Minister of Ruritania.\nCy Envoy was Foreign Minister of Ruritania until 2020.\n"
	releaseV2 = "Ada Envoy attended the Test Summit.\nAda Envoy will attend the Next Summit.\n" +
		"Ada Envoy is Foreign Minister of Ruritania.\nCy Envoy was Foreign Minister of Ruritania until 2020.\n"
	releaseURL = "https://mfa.example/press/1"
)

func TestFactsInTime(t *testing.T) {
	st := openStore(t)
	url := serve(t, st, graph.Options{Extract: lineExtract})
	const ingest = `mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { document { id date publisher source } } }`
	var ids []string
	for _, v := range []struct{ text, published string }{{releaseV1, "2024-05-06"}, {releaseV2, "2024-05-07"}} {
		r := query(t, url, ingest, map[string]any{"in": map[string]any{"text": v.text, "filename": "release.txt",
			"source": releaseURL, "published": v.published, "publisher": "Ruritanian MFA"}})
		if len(r.Errors) > 0 {
			t.Fatalf("ingest: %+v", r.Errors)
		}
		var a struct {
			IngestDocument struct {
				Document struct{ ID, Date, Publisher, Source string }
			}
		}
		json.Unmarshal(r.Data, &a)
		d := a.IngestDocument.Document
		if d.Date != v.published || d.Publisher != "Ruritanian MFA" || d.Source != releaseURL {
			t.Errorf("ingested document = %+v, want date %s, the publisher and source given", d, v.published)
		}
		ids = append(ids, d.ID)
	}

	check := func(name, q string, vars map[string]any, want ...string) {
		t.Helper()
		r := query(t, url, q, vars)
		if len(r.Errors) > 0 {
			t.Errorf("%s: errors %+v", name, r.Errors)
			return
		}
		for _, w := range want {
			if !strings.Contains(string(r.Data), w) {
				t.Errorf("%s: data %s\nlacks %s", name, r.Data, w)
			}
		}
	}
	lacks := func(name, q string, vars map[string]any, absent ...string) {
		t.Helper()
		r := query(t, url, q, vars)
		for _, w := range absent {
			if strings.Contains(string(r.Data), w) {
				t.Errorf("%s: data %s\nhas %s", name, r.Data, w)
			}
		}
	}

	check("versions", `query($id: ID!) { document(id: $id) { versions { id date } } }`, map[string]any{"id": ids[0]},
		`"versions":[{"id":"`+ids[1]+`","date":"2024-05-07"},{"id":"`+ids[0]+`","date":"2024-05-06"}]`)
	check("withdrawn fact keeps its evidence",
		`{ relations(filter: {withdrawn: true}) { totalCount edges { node { subject { name } withdrawn { by { id } at } evidence { sentence } documents { id } } } } }`, nil,
		`"totalCount":1`, `"subject":{"name":"Bo Envoy"}`, `"withdrawn":{"by":{"id":"`+ids[1]+`"},"at":"2024-05-07"}`,
		`"evidence":[{"sentence":"Bo Envoy attended the Test Summit."}]`, `"documents":[{"id":"`+ids[0]+`"}]`)
	check("unchanged facts carry both versions",
		`{ relations(filter: {withdrawn: false, type: [ATTENDED]}) { totalCount edges { node { object { name } withdrawn { at } documents { id } } } } }`, nil,
		`"totalCount":2`, `"documents":[{"id":"`+ids[1]+`"},{"id":"`+ids[0]+`"}]`)
	check("planned events", `{ events(filter: {status: PLANNED}) { totalCount edges { node { name status statusAsOf } } } }`, nil,
		`"totalCount":1`, `{"name":"Next Summit","status":"PLANNED","statusAsOf":"2024-05-07"}`)
	check("current posts", `{ relations(filter: {type: [HOLDS_POSITION], tense: CURRENT}) { totalCount edges { node { subject { name } tense tenseAsOf } } } }`, nil,
		`"totalCount":1`, `{"subject":{"name":"Ada Envoy"},"tense":"CURRENT","tenseAsOf":"2024-05-07"}`)
	check("former post", `{ relations(filter: {tense: FORMER}) { edges { node { subject { name } until } } } }`, nil,
		`{"subject":{"name":"Cy Envoy"},"until":"2020"}`)
	check("who holds the post now", `{ positions(title: "foreign minister", organization: "country:ruritania") { subject { name } } }`, nil,
		`"positions":[{"subject":{"name":"Ada Envoy"}}]`)
	check("who held it then", `{ positions(title: "Foreign Minister", organization: "country:ruritania", asOf: "2023") { subject { name } } }`, nil,
		`"positions":[]`)
	check("asOf on an entity", `{ entity(id: "person:ada-envoy") { later: relations(asOf: "2025") { object { name } } before: relations(asOf: "2024-01") { id } } }`, nil,
		`"before":[]`, `{"object":{"name":"Ruritania"}}`, `{"object":{"name":"Test Summit"}}`)
	lacks("asOf leaves out later events", `{ entity(id: "person:ada-envoy") { relations(asOf: "2025") { object { name } } } }`, nil, "Next Summit")
	lacks("asOf on relations", `{ relations(asOf: "2025", filter: {type: [ATTENDED]}) { edges { node { object { name } } } } }`, nil, "Next Summit", "Bo Envoy")
	lacks("asOf on the neighborhood", `{ neighborhood(id: "person:ada-envoy", asOf: "2025") { nodes { name } } }`, nil, "Next Summit")
	check("withdrawn facts held before the correction", `{ relations(asOf: "2024-05-06", filter: {type: [ATTENDED]}) { totalCount } }`, nil,
		`"totalCount":2`)

	r := query(t, url, `{ entity(id: "person:ada-envoy") { timeline { kind date status tense event { name } relation { title } document { id } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("timeline: %+v", r.Errors)
	}
	var tl struct {
		Entity struct {
			Timeline []struct {
				Kind, Date, Status, Tense string
				Event                     *struct{ Name string }
			}
		}
	}
	json.Unmarshal(r.Data, &tl)
	var got []string
	for _, it := range tl.Entity.Timeline {
		got = append(got, it.Kind+" "+it.Date+" "+it.Status+it.Tense)
	}
	want := []string{"EVENT 2024-05-05 HELD", "POST 2024-05-06 CURRENT", "DOCUMENT 2024-05-06 ", "DOCUMENT 2024-05-07 ", "EVENT 2026 PLANNED"}
	if !slices.Equal(got, want) {
		t.Errorf("timeline = %q, want %q", got, want)
	}

	for _, tt := range []struct {
		name, q string
		vars    map[string]any
		arg     string
	}{
		{"bad asOf", `{ relations(asOf: "2024-13") { totalCount } }`, nil, "asOf"},
		{"bad asOf on an entity", `{ entity(id: "person:ada-envoy") { relations(asOf: "soon") { id } } }`, nil, "asOf"},
		{"bad asOf on positions", `{ positions(asOf: "2021-02-30") { id } }`, nil, "asOf"},
		{"bad asOf on the neighborhood", `{ neighborhood(id: "person:ada-envoy", asOf: "yesterday") { truncated } }`, nil, "asOf"},
		{"bad published", ingest, map[string]any{"in": map[string]any{"text": "x", "published": "May 2024"}}, "input.published"},
		{"bad source", ingest, map[string]any{"in": map[string]any{"text": "x", "source": "ftp://mfa.example/1"}}, "input.source"},
	} {
		r := query(t, url, tt.q, tt.vars)
		if codes := r.codes(); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, tt.arg) {
			t.Errorf("%s: errors %+v, want one BAD_USER_INPUT naming %s", tt.name, r.Errors, tt.arg)
		}
	}
	if n, _ := st.DocumentCount(context.Background()); n != 2 {
		t.Errorf("%d documents after bad input, want the 2 versions", n)
	}
}
