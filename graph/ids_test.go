package graph_test

import (
	"context"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestOldIDsAreAliases asks every query and mutation that takes an entity
// id with an id from before slugs ("organization:narodni urad") and checks
// it answers as it does for the slug, in the slug.
func TestOldIDsAreAliases(t *testing.T) {
	st := openStore(t)
	writeGeorgia(t, st)
	text := "Ada Envoy, director of the Národní úřad, opened the Tbilisi Cyber Talks."
	ada, agency := store.EntityID(schema.Person, "Ada Envoy"), store.EntityID(schema.Organization, "Národní úřad")
	talks := store.EntityID(schema.Event, "Tbilisi Cyber Talks")
	ev := func() []store.Evidence { // a slice each: Prepare fills it in
		return []store.Evidence{{Sentence: text, Start: 0, End: len(text), Extractor: "test", Confidence: 1}}
	}
	if _, err := st.WriteBatch(context.Background(), store.Batch{
		Document: store.Document{Filename: "t.txt", Text: text, Kind: "NEWS", Date: "2024-06-01"},
		Entities: []store.Entity{{Type: schema.Person, Name: "Ada Envoy"}, {Type: schema.Organization, Name: "Národní úřad"},
			{Type: schema.Event, Kind: "DIALOGUE", Name: "Tbilisi Cyber Talks", Date: "2024-06-01"}},
		Relations: []store.Relation{
			{Type: schema.HoldsPosition, Subject: ada, Object: agency, Title: "Director", Tense: "CURRENT", Evidence: ev()},
			{Type: schema.Attended, Subject: agency, Object: talks, Evidence: ev()},
		},
	}); err != nil {
		t.Fatal(err)
	}
	if agency != "organization:narodni-urad" || ada != "person:ada-envoy" {
		t.Fatalf("ids %q, %q are not the slugs this test expects", agency, ada)
	}
	url := serve(t, st, graph.Options{})
	const oldAgency, oldAda, oldTalks = "organization:narodni urad", "person:ada envoy", "event:tbilisi cyber talks"
	tests := []struct{ name, query string }{
		{"entity", `{ entity(id: "AGENCY") { id name } }`},
		{"neighborhood", `{ neighborhood(id: "AGENCY", depth: 2) { truncated nodes { id } edges { id subject { id } object { id } } } }`},
		{"path", `{ path(from: "ADA", to: "country:georgia") { length nodes { id } edges { id } } }`},
		{"timeline", `{ timeline(entity: "AGENCY") { id } }`},
		{"positions", `{ positions(organization: "AGENCY") { id subject { id } } }`},
		{"relations by subject", `{ relations(filter: {subject: "ADA"}) { totalCount edges { node { id object { id } } } } }`},
		{"relations by object", `{ relations(filter: {object: "TALKS"}) { totalCount edges { node { id } } } }`},
		{"events by participant", `{ events(filter: {participant: "AGENCY"}) { totalCount edges { node { id } } } }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fill := func(agencyID, adaID, talksID string) string {
				return replaceAll(tt.query, "AGENCY", agencyID, "ADA", adaID, "TALKS", talksID)
			}
			want := query(t, url, fill(agency, ada, talks), nil)
			got := query(t, url, fill(oldAgency, oldAda, oldTalks), nil)
			if len(want.Errors) > 0 || len(got.Errors) > 0 || string(got.Data) != string(want.Data) {
				t.Errorf("with old ids = %s %+v\nwith slugs = %s %+v", got.Data, got.Errors, want.Data, want.Errors)
			}
		})
	}

	r := query(t, url, `mutation { addAlias(entity: "organization:narodni urad", alias: "NU") { id aliases } }`, nil)
	if want := `{"addAlias":{"id":"organization:narodni-urad","aliases":["NÚKIB","NU"]}}`; len(r.Errors) > 0 || string(r.Data) != want {
		t.Errorf("addAlias(old id) = %s %+v, want %s", r.Data, r.Errors, want)
	}
	r = query(t, url, `mutation { assertRelation(input: {type: ATTENDED, subject: "person:ada envoy", object: "event:tbilisi cyber talks", note: "the guest list"}) { subject { id } object { id } } }`, nil)
	if want := `{"assertRelation":{"subject":{"id":"person:ada-envoy"},"object":{"id":"event:tbilisi-cyber-talks"}}}`; len(r.Errors) > 0 || string(r.Data) != want {
		t.Errorf("assertRelation(old ids) = %s %+v, want %s", r.Data, r.Errors, want)
	}
	r = query(t, url, `mutation { mergeEntities(keep: "organization:narodni urad", merge: "organization:narodni-urad") { id } }`, nil)
	if codes := r.codes(); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" {
		t.Errorf("mergeEntities(an old id and its slug) = %s %+v, want BAD_USER_INPUT: they are one entity", r.Data, r.Errors)
	}
}

func replaceAll(s string, oldnew ...string) string { return strings.NewReplacer(oldnew...).Replace(s) }
