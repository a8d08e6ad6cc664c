package sqlite

import (
	"slices"
	"testing"
)

func TestWholeKeys(t *testing.T) {
	many := make([]string, 40)
	for i := range many {
		many[i] = string(rune('a'+i%26)) + "xyz"
	}
	tests := []struct {
		words []string
		near  [][]string
		want  []string
		n     int // len(want) when want is nil
	}{
		{[]string{"natoz"}, [][]string{{"nato", "natos"}}, []string{"natoz", "nato", "natos"}, 0},
		{[]string{"cybere", "defense"}, [][]string{{"cyber"}, {"defence"}},
			[]string{"cybere defense", "cybere defence", "cyber defense", "cyber defence"}, 0},
		{[]string{"usa"}, [][]string{nil}, []string{"usa"}, 0},
		// 41 × 41 spellings: cut at maxWholeKeys, the typed word's own
		// first.
		{[]string{"wxyz", "wxyz"}, [][]string{many, many}, nil, maxWholeKeys},
	}
	for _, tt := range tests {
		got := wholeKeys(tt.words, tt.near)
		if tt.want != nil && !slices.Equal(got, tt.want) {
			t.Errorf("wholeKeys(%q, %q) = %q, want %q", tt.words, tt.near, got, tt.want)
		}
		if tt.want == nil && (len(got) != tt.n || got[0] != "wxyz wxyz") {
			t.Errorf("wholeKeys(%q, …) = %d keys starting %q, want %d starting %q", tt.words, len(got), got[0], tt.n, "wxyz wxyz")
		}
	}
}
