package ingest

import "testing"

func TestNamesState(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		name string
		want bool
	}{
		{"Ministry of Justice", false},
		{"Department of State", false},
		{"Natural Resources Canada", true},
		{"Czech Police", true},
		{"Ministry of Foreign Affairs of Japan", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.gaz.namesState(tt.name); got != tt.want {
				t.Errorf("namesState(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}
