package graph_test

import (
	"fmt"
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
}
