package store

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"nato", "nato", 2, 0},
		{"nato", "natp", 2, 1},  // substitute
		{"nato", "nat", 2, 1},   // delete
		{"nato", "natoo", 2, 1}, // insert
		{"nato", "ntao", 2, 1},  // swap neighbours
		{"lipavsky", "lipavksy", 2, 1},
		{"stepanik", "stpeanki", 2, 2},
		{"prague", "xxxxxx", 2, 3}, // beyond the limit: limit+1
		{"ab", "abcdef", 2, 3},
		{"štěpáník", "štěpánik", 1, 1}, // runes, not bytes
		{"", "ab", 2, 2},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestMatchEntity(t *testing.T) {
	nato := Entity{ID: "organization:nato", Name: "North Atlantic Treaty Organization", Aliases: []string{"NATO"}}
	tests := []struct {
		text   string
		reason SearchReason
		edits  int
		ok     bool
	}{
		{"north atlantic treaty organization", ReasonExact, 0, true},
		{"NATO", ReasonAlias, 0, true},
		{"nort atl", ReasonPrefix, 0, true},
		{"natp", ReasonFuzzy, 1, true},
		{"Nrth Atlantci", ReasonFuzzy, 2, true},
		{"nto", "", 0, false}, // three letters forgive nothing
		{"nxtx", "", 0, false},
		{"", "", 0, false},
	}
	for _, tt := range tests {
		reason, edits, ok := MatchEntity(tt.text, nato)
		if reason != tt.reason || edits != tt.edits || ok != tt.ok {
			t.Errorf("MatchEntity(%q) = %q, %d, %v; want %q, %d, %v", tt.text, reason, edits, ok, tt.reason, tt.edits, tt.ok)
		}
	}
}

func TestTypos(t *testing.T) {
	for word, want := range map[string]int{"eu": 0, "usa": 0, "nato": 1, "pompeoo": 1, "lipavksy": 2, "núkib": 1} {
		if got := Typos(word); got != want {
			t.Errorf("Typos(%q) = %d, want %d", word, got, want)
		}
	}
}
