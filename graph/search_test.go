package graph

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("Lorem ipsum dolor sit amet. ", 20) + "The delegation of NÚKIB discussed ransomware. " + strings.Repeat("Consectetur adipiscing elit. ", 20)
	tests := []struct {
		name, text, query string
		has               string // the snippet contains it
		prefix, suffix    string
	}{
		{"a match in the middle", long, "ransom", "NÚKIB discussed ransomware.", "…", "…"},
		{"folded like search", long, "nukib", "delegation of NÚKIB", "…", "…"},
		{"the first word that matches", long, "delegation ransomware", "The delegation", "…", "…"},
		{"a short text whole", "Ministers met in Prague.", "prague", "Ministers met in Prague.", "Ministers", "Prague."},
		{"no match: the start", long, "zzz", "Lorem ipsum", "Lorem", "…"},
		{"white space made single", "A\n\n  B   cyber\tdialogue", "cyb", "A B cyber dialogue", "A", "dialogue"},
		{"empty text", "", "x", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snippet(tt.text, tt.query)
			if !strings.Contains(got, tt.has) || !strings.HasPrefix(got, tt.prefix) || !strings.HasSuffix(got, tt.suffix) {
				t.Errorf("snippet(…, %q) = %q; want it to contain %q, begin %q and end %q", tt.query, got, tt.has, tt.prefix, tt.suffix)
			}
			if n := utf8.RuneCountInString(got); n > snippetRunes+40 {
				t.Errorf("snippet(…, %q) is %d runes long, want about %d", tt.query, n, snippetRunes)
			}
			if !utf8.ValidString(got) {
				t.Errorf("snippet(…, %q) = %q is not valid UTF-8", tt.query, got)
			}
		})
	}
}
