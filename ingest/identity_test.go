package ingest

import (
	"testing"

	"github.com/diplograph/diplograph/schema"
)

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

// TestSharedCapitalName: two states' capitals of one name are one entry,
// the same on every run (it was whichever a map gave first: "Kingston"
// lay in Jamaica on some runs and in Norfolk Island on others).
func TestSharedCapitalName(t *testing.T) {
	for range 5 {
		g, err := loadGazetteer(nil)
		if err != nil {
			t.Fatal(err)
		}
		if e := g.lookup(schema.Location, "Kingston"); e == nil || e.Country != "Jamaica" {
			t.Fatalf("Kingston: %+v, want the capital of Jamaica", e)
		}
	}
}
