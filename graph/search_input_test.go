package graph_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
)

// TestSearchHostileText is issue 15's bad input through GraphQL: search
// text of 10,000 characters, of punctuation only, or of control
// characters answers with hits (maybe none) or a BAD_USER_INPUT error,
// never an internal one, and the server answers the next search as
// before. The store suite (storetest) checks the same texts one level
// down; BenchmarkSearch's figures say how fast.
func TestSearchHostileText(t *testing.T) {
	st := openStore(t)
	writeGeorgia(t, st)
	seed(t, st, 2, 0)
	url := serve(t, st, graph.Options{})
	const q = `query($t: String!) { search(text: $t, types: [Organization, Document], first: 10) { score reason entity { id } document { id } } }`
	tests := []struct {
		name, text string
	}{
		{"10,000 letters, one word", strings.Repeat("x", 10000)},
		{"10,000 characters of typos", strings.Repeat("lipavksy ", 1112)[:10000]},
		{"10,000 characters of accents", strings.Repeat("Národní ", 1250)},
		{"punctuation only", strings.Repeat(`!?*~"()-:^.`, 10)},
		{"FTS operators", `nukib* OR "a" NEAR(b c) AND NOT d`},
		{"control characters", "\x00\x01\x07\x1b[2J\u202e\u200b\ufeff"},
		{"control characters around a name", "\x00nukib\x1b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, q, map[string]any{"t": tt.text})
			for _, c := range r.codes() {
				if c != "BAD_USER_INPUT" {
					t.Errorf("search(%.30q…): error %s (%+v), want hits or BAD_USER_INPUT", tt.text, c, r.Errors)
				}
			}
			if len(r.Errors) == 0 {
				var got struct{ Search []json.RawMessage }
				if err := json.Unmarshal(r.Data, &got); err != nil || got.Search == nil {
					t.Errorf("search(%.30q…) = %s, want a list", tt.text, r.Data)
				}
			}
		})
	}
	// Still answering.
	r := query(t, url, q, map[string]any{"t": "nukib"})
	if !strings.Contains(string(r.Data), "organization:narodni-urad") {
		t.Errorf("search(nukib) after hostile text = %s %+v, want the agency", r.Data, r.Errors)
	}
}
