package graph_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestAssertPostInTime checks that assertRelation states a post's tense,
// start and end (issue 14), that they are read back as stored, and that
// each bad value is BAD_USER_INPUT naming its argument.
func TestAssertPostInTime(t *testing.T) {
	st := openStore(t)
	seed(t, st, 2, 0)
	url := serve(t, st, graph.Options{})
	envoy := store.EntityID(schema.Person, "Envoy 000")
	ministry := store.EntityID(schema.Organization, "Ministry 0")
	agency := store.EntityID(schema.Organization, "Agency 000")
	const assert = `mutation($in: AssertRelationInput!) { assertRelation(input: $in) { id type title since until tense tenseAsOf } }`
	post := func(extra map[string]any) map[string]any {
		in := map[string]any{"subject": envoy, "type": "HOLDS_POSITION", "object": ministry, "title": "Special Envoy", "note": "Named in the 2023 staff list."}
		for k, v := range extra {
			in[k] = v
		}
		return in
	}
	today := time.Now().UTC().Format(time.DateOnly)
	tests := []struct {
		name string
		in   map[string]any
		want []string // substrings of the data
		arg  string   // the argument a BAD_USER_INPUT names
	}{
		{"a former post with its dates", post(map[string]any{"tense": "FORMER", "since": "2021-03", "until": "2023-11-30"}),
			[]string{`"since":"2021-03"`, `"until":"2023-11-30"`, `"tense":"FORMER"`, `"tenseAsOf":"` + today[:4]}, ""},
		{"asserted again as current: the newer judgement stands", post(map[string]any{"tense": "CURRENT", "note": "Reappointed."}),
			[]string{`"tense":"CURRENT"`, `"since":"2021-03"`}, ""},
		{"an unknown tense", post(map[string]any{"tense": "PAST"}), nil, "input.tense"},
		{"a bad since", post(map[string]any{"since": "March 2021"}), nil, "input.since"},
		{"a bad until", post(map[string]any{"until": "2023-02-30"}), nil, "input.until"},
		{"an end before the start", post(map[string]any{"since": "2024", "until": "2023-05"}), nil, "input.until"},
		{"a tense on another type", map[string]any{"subject": agency, "type": "MEMBER_OF", "object": ministry, "note": "n", "tense": "CURRENT"}, nil, "input.tense"},
		{"an end on another type", map[string]any{"subject": agency, "type": "MEMBER_OF", "object": ministry, "note": "n", "until": "2024"}, nil, "input.until"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, assert, map[string]any{"in": tt.in})
			if tt.arg != "" {
				// An enum value is checked as the variable is read: the
				// error's path names the argument instead of its message.
				if codes := r.codes(); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" ||
					!strings.Contains(r.Errors[0].Message+fmt.Sprint(r.Errors[0].Path), strings.TrimPrefix(tt.arg, "input.")) {
					t.Errorf("errors = %+v, want one BAD_USER_INPUT naming %s", r.Errors, tt.arg)
				}
				return
			}
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(r.Data), w) {
					t.Errorf("data %s\nlacks %s", r.Data, w)
				}
			}
		})
	}
	// The store kept them: a listing filtered by tense finds the post.
	r := query(t, url, `{ relations(filter: {type: [HOLDS_POSITION], tense: CURRENT}) { edges { node { subject { id } until } } } }`, nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), envoy) || !strings.Contains(string(r.Data), `"until":"2023-11-30"`) {
		t.Errorf("relations(tense: CURRENT) = %s %+v, want the asserted post with its end", r.Data, r.Errors)
	}
	// No document dates the asserted post: its bounds do, read through
	// asOf by positions, relations and the timeline alike.
	for _, tt := range []struct {
		asOf string
		held bool
	}{{"2020", false}, {"2021-02", false}, {"2021-03", true}, {"2022", true}, {"2023-11-30", true}, {"2023-12", false}, {"2024", false}} {
		q := `query($d: Date, $org: ID!, $p: ID!) {
			positions(title: "special envoy", organization: $org, asOf: $d) { subject { id } }
			relations(asOf: $d, filter: {type: [HOLDS_POSITION], subject: $p}) { totalCount }
			entity(id: $p) { relations(asOf: $d, types: [HOLDS_POSITION]) { id } timeline(asOf: $d) { kind tense date endDate } } }`
		r := query(t, url, q, map[string]any{"d": tt.asOf, "org": ministry, "p": envoy})
		if len(r.Errors) > 0 {
			t.Fatalf("asOf %s: errors %+v", tt.asOf, r.Errors)
		}
		var got struct {
			Positions []struct{ Subject struct{ ID string } }
			Relations struct{ TotalCount int }
			Entity    struct {
				Relations []struct{ ID string }
				Timeline  []struct{ Kind, Tense, Date, EndDate string }
			}
		}
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatal(err)
		}
		var posts []string
		for _, it := range got.Entity.Timeline {
			if it.Kind == "POST" {
				posts = append(posts, it.Tense+" "+it.Date+" "+it.EndDate)
			}
		}
		want, n, wantPosts := 0, 0, []string(nil)
		if tt.held {
			want, n, wantPosts = 1, 1, []string{"CURRENT 2021-03 2023-11-30"}
		}
		if len(got.Positions) != want || got.Relations.TotalCount != n || len(got.Entity.Relations) != n || !slices.Equal(posts, wantPosts) {
			t.Errorf("asOf %s: positions %v, relations %d, entity relations %d, timeline posts %q; want the post held: %v",
				tt.asOf, got.Positions, got.Relations.TotalCount, len(got.Entity.Relations), posts, tt.held)
		}
	}
}
