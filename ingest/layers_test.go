package ingest

import (
	"context"
	"slices"
	"testing"
)

// TestLayersEndToEnd runs the whole pipeline on sentences of our own and
// checks the facts the newer layers (ingest/event, ingest/phrase) add
// through the adapters, by rule: each row is a structure, not a document.
func TestLayersEndToEnd(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		name, text string
		want       []string // "subject PREDICATE object"
		not        []string
	}{
		{"sides of an instrument named after between",
			"Kenya and Norway signed an agreement between the Ministry of Energy of Kenya and the Ministry of Climate of Norway in Nairobi on 3 March 2024.",
			[]string{"organization:ministry-of-energy-of-kenya SIGNED agreement:agreement-between-the-ministry-of-energy-of-kenya-and-the-ministry-of-climate-of-norway"}, nil},
		{"a post set off after a name, in lower case",
			"The Minister will meet Amina Odhiambo, Kenya's president-elect, in Nairobi.",
			[]string{"person:amina-odhiambo HOLDS_POSITION country:kenya"}, nil},
		{"a trip is one visit per stop",
			"Foreign Minister Lars Holm of Norway will travel to Nairobi, Kenya, and to Kampala, Uganda, on 3 March 2025.",
			[]string{"event:minister-lars-holms-visit-to-nairobi HELD_IN location:nairobi", "event:minister-lars-holms-visit-to-kampala HELD_IN location:kampala"}, nil},
		{"the states an instrument's name opens with are its parties",
			"The ministers welcomed the entry into force of the Kenya–Uganda Trade Agreement.",
			[]string{"country:kenya SIGNED agreement:kenya-uganda-trade-agreement", "country:uganda SIGNED agreement:kenya-uganda-trade-agreement"}, nil},
		{"but not while it is negotiated",
			"Kenya and Uganda continued negotiations on the Kenya–Uganda Trade Agreement.",
			nil, []string{"country:kenya SIGNED agreement:kenya-uganda-trade-agreement"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := p.Process(context.Background(), "layers.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range b.Relations {
				got = append(got, r.Subject+" "+string(r.Type)+" "+r.Object)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("no %q among\n%v", w, got)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("%q found, want none", n)
				}
			}
		})
	}
}
