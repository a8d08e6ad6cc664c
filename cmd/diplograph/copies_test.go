package main

import "testing"

func TestReplaceWord(t *testing.T) {
	tests := []struct{ s, old, new, want string }{
		{"Secretary Blinken met Blinken's aide", "Blinken", "Blinkende", "Secretary Blinkende met Blinkende's aide"},
		{"Blinkenson is not Blinken", "Blinken", "X", "Blinkenson is not X"},
		{"Pavel Štěpáník, NÚKIB", "Štěpáník", "Štěpáníkde", "Pavel Štěpáníkde, NÚKIB"},
		{"aŠtěpáník", "Štěpáník", "X", "aŠtěpáník"},
		{"", "Zeman", "X", ""},
	}
	for _, tt := range tests {
		if got := replaceWord(tt.s, tt.old, tt.new); got != tt.want {
			t.Errorf("replaceWord(%q, %q, %q) = %q, want %q", tt.s, tt.old, tt.new, got, tt.want)
		}
	}
}

// TestSyllables: every copy number spells a surname suffix of its own.
func TestSyllables(t *testing.T) {
	seen := map[string]int{}
	for k := 1; k <= 20000; k++ {
		s := syllables(k)
		if j, ok := seen[s]; ok {
			t.Fatalf("syllables(%d) = syllables(%d) = %q", k, j, s)
		}
		seen[s] = k
	}
	if got := syllables(12); got != "kide" {
		t.Errorf("syllables(12) = %q, want %q", got, "kide")
	}
}
