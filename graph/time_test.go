package graph_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	neturl "net/url"
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
		case "Cy Envoy attended the Test Summit.":
			r.Type, r.Subject, r.Object = schema.Attended, cy.ID, summit.ID
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
	// The second version changes one sentence: Bo Envoy's attendance
	// becomes Cy Envoy's.
	releaseV2 = "Ada Envoy attended the Test Summit.\nCy Envoy attended the Test Summit.\nAda Envoy will attend the Next Summit.\n" +
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
		`{ relations(filter: {withdrawn: false, type: [ATTENDED], subject: "person:ada-envoy"}) { totalCount edges { node { object { name } withdrawn { at } documents { id } } } } }`, nil,
		`"totalCount":2`, `{"object":{"name":"Next Summit"},"withdrawn":null,"documents":[{"id":"`+ids[1]+`"},{"id":"`+ids[0]+`"}]}`,
		`{"object":{"name":"Test Summit"},"withdrawn":null,"documents":[{"id":"`+ids[1]+`"},{"id":"`+ids[0]+`"}]}`)
	check("the changed sentence's new fact stands on the new version alone",
		`{ relations(filter: {type: [ATTENDED], subject: "person:cy-envoy"}) { totalCount edges { node { withdrawn { at } documents { id } evidence { sentence } } } } }`, nil,
		`"totalCount":1`, `{"withdrawn":null,"documents":[{"id":"`+ids[1]+`"}],"evidence":[{"sentence":"Cy Envoy attended the Test Summit."}]}`)
	check("every fact of the new version stands",
		`query($d: ID!) { relations(filter: {document: $d, withdrawn: true}) { totalCount } }`, map[string]any{"d": ids[1]}, `"totalCount":0`)
	check("the documents of one source", `query($s: String) { documents(filter: {source: $s}) { totalCount } }`, map[string]any{"s": releaseURL}, `"totalCount":2`)
	check("the documents of another source", `query($s: String) { documents(filter: {source: $s}) { totalCount } }`, map[string]any{"s": "https://mfa.example/press/2"}, `"totalCount":0`)
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

	timeline := func(asOf any) []string {
		t.Helper()
		r := query(t, url, `query($d: Date) { entity(id: "person:ada-envoy") { timeline(asOf: $d) { kind date status tense event { name } relation { title } document { id } } } }`,
			map[string]any{"d": asOf})
		if len(r.Errors) > 0 {
			t.Fatalf("timeline(asOf: %v): %+v", asOf, r.Errors)
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
		return got
	}
	for _, tt := range []struct {
		asOf any
		want []string
	}{
		{nil, []string{"EVENT 2024-05-05 HELD", "POST 2024-05-06 CURRENT", "DOCUMENT 2024-05-06 ", "DOCUMENT 2024-05-07 ", "EVENT 2026 PLANNED"}},
		// The first version only: the second was not yet published, the
		// planned summit not yet due.
		{"2024-05-06", []string{"EVENT 2024-05-05 HELD", "POST 2024-05-06 CURRENT", "DOCUMENT 2024-05-06 "}},
		{"2025", []string{"EVENT 2024-05-05 HELD", "POST 2024-05-06 CURRENT", "DOCUMENT 2024-05-06 ", "DOCUMENT 2024-05-07 "}},
		{"2026", []string{"EVENT 2024-05-05 HELD", "POST 2024-05-06 CURRENT", "DOCUMENT 2024-05-06 ", "DOCUMENT 2024-05-07 ", "EVENT 2026 PLANNED"}},
		// Before any document said anything: nothing was known.
		{"2024-05-05", nil},
	} {
		if got := timeline(tt.asOf); !slices.Equal(got, tt.want) {
			t.Errorf("timeline(asOf: %v) = %q, want %q", tt.asOf, got, tt.want)
		}
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
		{"bad asOf on a timeline", `{ entity(id: "person:ada-envoy") { timeline(asOf: "2024-02-30") { kind } } }`, nil, "asOf"},
		{"bad asOf on a timeline, as a variable", `query($d: Date) { entity(id: "person:ada-envoy") { timeline(asOf: $d) { kind } } }`, map[string]any{"d": "May 2024"}, "asOf"},
		{"bad published", ingest, map[string]any{"in": map[string]any{"text": "x", "published": "May 2024"}}, "input.published"},
		{"bad source", ingest, map[string]any{"in": map[string]any{"text": "x", "source": "ftp://mfa.example/1"}}, "input.source"},
		{"a path as source", ingest, map[string]any{"in": map[string]any{"text": "x", "source": "press/release.txt"}}, "input.source"},
		{"an absolute path as source", ingest, map[string]any{"in": map[string]any{"text": "x", "source": "/srv/press/release.txt"}}, "input.source"},
		{"a name as source", ingest, map[string]any{"in": map[string]any{"text": "x", "source": "shell"}}, "input.source"},
		{"an empty source", ingest, map[string]any{"in": map[string]any{"text": "x", "source": ""}}, "input.source"},
		{"a URL without a host", ingest, map[string]any{"in": map[string]any{"text": "x", "source": "https:///press/1"}}, "input.source"},
	} {
		r := query(t, url, tt.q, tt.vars)
		if codes := r.codes(); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, tt.arg) {
			t.Errorf("%s: errors %+v, want one BAD_USER_INPUT naming %s", tt.name, r.Errors, tt.arg)
		}
	}
	// POST /ingest takes the same sources; an empty one is none, as a
	// query string has no null.
	for _, src := range []string{"shell", "press/release.txt", "/srv/press/release.txt", `C:\press\release.txt`, "ftp://mfa.example/1", "http:/mfa.example/1"} {
		res, err := http.Post(url+"/ingest?filename=x.txt&source="+neturl.QueryEscape(src), "text/plain", strings.NewReader("Ada Envoy attended the Test Summit."))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"code":"BAD_USER_INPUT"`) || !strings.Contains(string(body), "source") {
			t.Errorf("POST /ingest?source=%s = %d %s, want 400 BAD_USER_INPUT naming source", src, res.StatusCode, body)
		}
	}
	if n, _ := st.DocumentCount(context.Background()); n != 2 {
		t.Errorf("%d documents after bad input, want the 2 versions", n)
	}
}
