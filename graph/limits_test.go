package graph_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
)

// snapshot is what a bad request must leave as it was: the counts of
// everything in the graph and the first page of relations.
const snapshot = `{
  stats { entities { type count } relations { type count } }
  documents { totalCount }
  relations(first: 20) { totalCount edges { node { id } } }
}`

// aliases repeats field under n aliases in one selection.
func aliases(n int, field string) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	b.WriteString("}")
	return b.String()
}

// nest wraps inner in n levels of an entity's relations and their subject.
func nest(n int, inner string) string {
	q := inner
	for range n {
		q = "relations { subject { id " + q + " } }"
	}
	return `{ entity(id: "x") { id ` + q + ` } }`
}

// TestAbuseAnswered sends queries meant to exhaust or confuse the server:
// each must be answered with an error carrying its extensions.code and
// no data, leave the graph as it was, and leave the server serving.
func TestAbuseAnswered(t *testing.T) {
	st := openStore(t)
	seed(t, st, 3, 2)
	url := serve(t, st, graph.Options{MaxBodyBytes: 1 << 20})
	before := query(t, url, snapshot, nil)
	if len(before.Errors) > 0 || !strings.Contains(string(before.Data), `"totalCount":5`) {
		t.Fatalf("snapshot before: %s %+v", before.Data, before.Errors)
	}

	allStats := "stats { entities { type count } relations { type count } eventsPerYear { period count } eventsPerMonth { period count } topEntities(first: 100) { degree } }"
	// Every field of a full page of events, and of their participants'
	// relations.
	wide := "{ events(first: 500) { totalCount edges { cursor node { id name date kind aliases location { id name } " +
		"participants { id name kind aliases relations { id type confidence subject { id name } object { id name } evidence { sentence start end document { id title date } } } } " +
		"evidence { sentence document { id title date publisher } } } } pageInfo { hasNextPage endCursor } } }"
	frag := "fragment F on Entity { relations { subject { ...G } } } fragment G on Entity { relations { subject { ...H } } } " +
		"fragment H on Entity { relations { subject { ...I } } } fragment I on Entity { relations { subject { ...J } } } " +
		"fragment J on Entity { relations { subject { ...K } } } fragment K on Entity { relations { subject { ...L } } } " +
		"fragment L on Entity { relations { subject { id } } } { entity(id: \"x\") { ...F } }"
	cycle := `fragment A on Entity { relations { subject { ...B } } } fragment B on Entity { relations { subject { ...A } } } { entity(id: "x") { ...A } }`
	hugeCursor := base64.StdEncoding.EncodeToString([]byte(strings.Repeat(`"\u0000'; DROP TABLE entities; --`, 2000)))
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		code  string
	}{
		{"alias flood of stats", aliases(1000, allStats), nil, "COST_LIMIT_EXCEEDED"},
		{"alias flood of listings", aliases(1000, "entities(first: 100) { totalCount edges { node { id } } }"), nil, "COST_LIMIT_EXCEEDED"},
		{"alias flood of searches", aliases(1000, `search(text: "a") { score }`), nil, "COST_LIMIT_EXCEEDED"},
		{"wide query", wide, nil, "COST_LIMIT_EXCEEDED"},
		{"deep query", nest(20, ""), nil, "DEPTH_LIMIT_EXCEEDED"},
		{"deep through fragments", frag, nil, "DEPTH_LIMIT_EXCEEDED"},
		{"fragment cycle", cycle, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"huge first", `{ entities(first: 2147483647) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"first beyond Int", `{ entities(first: 99999999999999999999) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"huge first in a variable", `query($n: Int) { events(first: $n) { totalCount } }`, map[string]any{"n": 1 << 30}, "BAD_USER_INPUT"},
		{"huge first on a nested list", `{ documents(first: 1) { edges { node { relations(first: 1000000) { totalCount } } } } }`, nil, "BAD_USER_INPUT"},
		{"cursor not base64", `{ relations(after: "%%%") { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"cursor of garbage", `{ events(after: "` + base64.StdEncoding.EncodeToString([]byte{0xff, 0, 1, 2}) + `") { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"cursor of SQL", `query($c: String) { documents(after: $c) { totalCount } }`, map[string]any{"c": hugeCursor}, "BAD_USER_INPUT"},
		{"string for Int", `{ entities(first: "ten") { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"string for Int in a variable", `query($n: Int) { entities(first: $n) { totalCount } }`, map[string]any{"n": "ten"}, "BAD_USER_INPUT"},
		{"object for ID", `query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": map[string]any{"$ne": 1}}, "BAD_USER_INPUT"},
		{"unknown enum value", `{ entities(filter: {type: SPACESHIP}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"unknown field", `{ stats { secrets } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"unknown argument", `{ entities(limit: 5) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"unknown root field", `{ users { password } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"unknown input field", `mutation { assertRelation(input: {type: ATTENDED, subject: "a", object: "b", note: "n", admin: true}) { id } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"mutation with wrong types", `mutation { deleteDocument(id: ["a", "b"]) { deleted } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, tt.vars)
			codes := r.codes()
			if len(codes) == 0 {
				t.Fatalf("answer %.300s has no error, want %s", r.Data, tt.code)
			}
			for i, c := range codes {
				if c != tt.code {
					t.Errorf("error %d: code %q (%s), want %s", i, c, r.Errors[i].Message, tt.code)
				}
			}
			if len(r.Errors) > 20 {
				t.Errorf("%d errors for one bad request; want a few", len(r.Errors))
			}
			after := query(t, url, snapshot, nil)
			if len(after.Errors) > 0 || string(after.Data) != string(before.Data) {
				t.Errorf("graph after %s:\n%s\nbefore:\n%s (errors %+v)", tt.name, after.Data, before.Data, after.Errors)
			}
		})
	}
}
