package graph_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// writeGeorgia stores a country and a place both called Georgia, and an
// agency known by an acronym with diacritics.
func writeGeorgia(t *testing.T, st store.Store) {
	t.Helper()
	text := "The Národní úřad (NÚKIB) met in Tbilisi, Georgia. Delegates from Atlanta, Georgia attended."
	country := store.Entity{Type: schema.Country, Name: "Georgia"}
	state := store.Entity{Type: schema.Location, Name: "Georgia"}
	agency := store.Entity{Type: schema.Organization, Kind: "GOVERNMENT", Name: "Národní úřad", Aliases: []string{"NÚKIB"}}
	es := []store.Entity{country, state, agency}
	for i := range es {
		es[i].ID = store.EntityID(es[i].Type, es[i].Name)
	}
	cut := strings.Index(text, "Delegates")
	b := store.Batch{
		Document: store.Document{Filename: "g.txt", Text: text, Kind: "NEWS", Date: "2024-05-02"},
		Entities: es,
		Relations: []store.Relation{
			{Type: schema.PartOf, Subject: es[2].ID, Object: es[0].ID, Evidence: []store.Evidence{{Sentence: text[:cut-1], Start: 0, End: cut - 1, Extractor: "test", Confidence: 1}}},
			{Type: schema.LocatedIn, Subject: es[1].ID, Object: es[0].ID, Evidence: []store.Evidence{{Sentence: text[cut:], Start: cut, End: len(text), Extractor: "test", Confidence: 1}}},
		},
	}
	if _, err := st.WriteBatch(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

func TestEntityByName(t *testing.T) {
	st := openStore(t)
	writeGeorgia(t, st)
	seed(t, st, 2, 1)
	url := serve(t, st, graph.Options{})
	tests := []struct {
		name, query string
		want        string // data, when code is ""
		code        string
	}{
		{"by alias, without diacritics", `{ entity(name: "nukib") { id name } }`, `{"entity":{"id":"organization:narodni-urad","name":"Národní úřad"}}`, ""},
		{"by name, other case and accents", `{ entity(name: "NARODNI URAD") { id } }`, `{"entity":{"id":"organization:narodni-urad"}}`, ""},
		{"by id as before", `{ entity(id: "person:envoy-001") { name } }`, `{"entity":{"name":"Envoy 001"}}`, ""},
		{"several by name, in the listing's order", `{ entities(names: ["Envoy 001", "AG000", "nukib", "NÚKIB"]) { totalCount edges { node { id } } } }`,
			`{"entities":{"totalCount":3,"edges":[{"node":{"id":"organization:agency-000"}},{"node":{"id":"person:envoy-001"}},{"node":{"id":"organization:narodni-urad"}}]}}`, ""},
		{"names and a filter", `{ entities(names: ["Envoy 001", "AG000"], filter: {type: Person}) { totalCount } }`, `{"entities":{"totalCount":1}}`, ""},
		{"unknown name", `{ entity(name: "Freedonia") { id } }`, "", "NOT_FOUND"},
		{"an unknown name among names", `{ entities(names: ["nukib", "Freedonia"]) { totalCount } }`, "", "NOT_FOUND"},
		{"ambiguous name", `{ entity(name: "georgia") { id } }`, "", graph.CodeAmbiguousName},
		{"both id and name", `{ entity(id: "x", name: "y") { id } }`, "", "BAD_USER_INPUT"},
		{"neither", `{ entity { id } }`, "", "BAD_USER_INPUT"},
		{"punctuation only", `{ entity(name: "...") { id } }`, "", "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, nil)
			if tt.code != "" {
				if codes := r.codes(); len(codes) != 1 || codes[0] != tt.code {
					t.Errorf("%s: codes %v (%+v), want %s", tt.query, codes, r.Errors, tt.code)
				}
				return
			}
			if len(r.Errors) > 0 || string(r.Data) != tt.want {
				t.Errorf("%s = %s %+v\nwant %s", tt.query, r.Data, r.Errors, tt.want)
			}
		})
	}

	r := query(t, url, `{ entity(name: "Georgia") { id } }`, nil)
	if len(r.Errors) != 1 {
		t.Fatalf("ambiguous name: errors %+v", r.Errors)
	}
	raw, _ := json.Marshal(r.Errors[0].Extensions["candidates"])
	want := `[{"id":"country:georgia","name":"Georgia","type":"Country"},{"id":"location:georgia","name":"Georgia","type":"Location"}]`
	if string(raw) != want {
		t.Errorf("ambiguous name: candidates %s, want %s", raw, want)
	}
	if !strings.Contains(r.Errors[0].Message, "Georgia") {
		t.Errorf("ambiguous name: message %q does not name it", r.Errors[0].Message)
	}
}

func TestStatsBuckets(t *testing.T) {
	st := openStore(t)
	seed(t, st, 3, 2) // dialogues in 2024-01..03, meetings in 2024-04..05
	writeGeorgia(t, st)
	url := serve(t, st, graph.Options{})
	tests := []struct {
		name, query string
		want        string
		code        string
	}{
		{"events per month by kind",
			`{ stats(groupBy: [KIND, MONTH]) { buckets { kind period count } } }`,
			`{"stats":{"buckets":[{"kind":"DIALOGUE","period":"2024-01","count":1},{"kind":"DIALOGUE","period":"2024-02","count":1},{"kind":"DIALOGUE","period":"2024-03","count":1},{"kind":"MEETING","period":"2024-04","count":1},{"kind":"MEETING","period":"2024-05","count":1}]}}`, ""},
		{"dialogues per quarter",
			`{ stats(groupBy: [QUARTER], filter: {kind: DIALOGUE}) { buckets { kind period count } } }`,
			`{"stats":{"buckets":[{"kind":null,"period":"2024-Q1","count":3}]}}`, ""},
		{"relations by type, first page",
			`{ stats(of: RELATIONS, groupBy: [TYPE]) { buckets(first: 2) { type count } } }`,
			`{"stats":{"buckets":[{"type":"ATTENDED","count":15},{"type":"HELD_IN","count":5}]}}`, ""},
		{"documents in May",
			`{ stats(of: DOCUMENTS, filter: {from: "2024-05", to: "2024-05"}) { buckets { count } } }`,
			`{"stats":{"buckets":[{"count":2}]}}`, ""},
		{"two charts in one request",
			`{ a: stats(groupBy: [YEAR]) { buckets { period count } } b: stats(of: DOCUMENTS, groupBy: [KIND]) { buckets { kind count } } }`,
			`{"a":{"buckets":[{"period":"2024","count":5}]},"b":{"buckets":[{"kind":"NEWS","count":1},{"kind":"PRESS_RELEASE","count":5}]}}`, ""},
		{"old fields still answer", `{ stats(groupBy: [YEAR]) { eventsPerYear { period count } } }`, `{"stats":{"eventsPerYear":[{"period":"2024","count":5}]}}`, ""},
		{"conflicting periods", `{ stats(groupBy: [YEAR, MONTH]) { buckets { count } } }`, "", "BAD_USER_INPUT"},
		{"a key twice", `{ stats(groupBy: [KIND, KIND]) { buckets { count } } }`, "", "BAD_USER_INPUT"},
		{"country of relations", `{ stats(of: RELATIONS, groupBy: [COUNTRY]) { buckets { count } } }`, "", "BAD_USER_INPUT"},
		{"bad date", `{ stats(filter: {from: "May"}) { buckets { count } } }`, "", "BAD_USER_INPUT"},
		{"too many", `{ stats { buckets(first: 501) { count } } }`, "", "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, nil)
			if tt.code != "" {
				if codes := r.codes(); len(codes) != 1 || codes[0] != tt.code {
					t.Errorf("%s: codes %v (%+v), want %s", tt.query, codes, r.Errors, tt.code)
				}
				return
			}
			if len(r.Errors) > 0 || string(r.Data) != tt.want {
				t.Errorf("%s =\n%s %+v\nwant\n%s", tt.query, r.Data, r.Errors, tt.want)
			}
		})
	}
}

func TestSearchReasonsAndHighlights(t *testing.T) {
	st := openStore(t)
	writeGeorgia(t, st)
	seed(t, st, 2, 0)
	url := serve(t, st, graph.Options{})
	// One typo: a fuzzy hit scored in [1/2, 1).
	r := query(t, url, `{ search(text: "Narodni urda", first: 3) { reason score entity { id } } }`, nil)
	var typo struct {
		Search []struct {
			Reason string
			Score  float64
			Entity struct{ ID string }
		}
	}
	if err := json.Unmarshal(r.Data, &typo); err != nil || len(typo.Search) != 1 || typo.Search[0].Reason != "FUZZY" ||
		typo.Search[0].Score < 0.5 || typo.Search[0].Score >= 1 || typo.Search[0].Entity.ID != "organization:narodni-urad" {
		t.Errorf("typo search = %s %+v, want the agency alone, FUZZY, scored in [0.5, 1)", r.Data, r.Errors)
	}
	r = query(t, url, `{ search(text: "nukib") { reason entity { id } } }`, nil)
	if want := `{"search":[{"reason":"ALIAS","entity":{"id":"organization:narodni-urad"}}]}`; string(r.Data) != want {
		t.Errorf("alias search = %s %+v, want %s", r.Data, r.Errors, want)
	}
	r = query(t, url, `{ search(text: "delegates atlanta", types: [Document]) { reason snippet highlights { start end } } }`, nil)
	var got struct {
		Search []struct {
			Reason     *string
			Snippet    string
			Highlights []struct{ Start, End int }
		}
	}
	if err := json.Unmarshal(r.Data, &got); err != nil || len(r.Errors) > 0 || len(got.Search) != 1 {
		t.Fatalf("document search = %s %+v", r.Data, r.Errors)
	}
	h := got.Search[0]
	var marked []string
	runes := []rune(h.Snippet)
	for _, m := range h.Highlights {
		marked = append(marked, string(runes[m.Start:m.End]))
	}
	if h.Reason != nil || strings.Join(marked, ",") != "Delegates,Atlanta" {
		t.Errorf("document hit: reason %v, snippet %q, highlights %q; want no reason and Delegates,Atlanta", h.Reason, h.Snippet, marked)
	}
}
