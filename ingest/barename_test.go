package ingest

import (
	"context"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/schema"
)

// TestBareNames: people named with no post or honorific are read by the
// words around the name, and only then.
func TestBareNames(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		text      string
		want, not []string // person names
	}{
		{"Kofi Mensah met with Tomas Rivera in Lima on 3 May 2024.", []string{"Kofi Mensah", "Tomas Rivera"}, nil},
		{"The talks were hosted by Ilse Brandt in Accra.", []string{"Ilse Brandt"}, nil},
		{"Talks between Ana Lucia Prado and Tomas Rivera ended in Lima.", []string{"Ana Lucia Prado", "Tomas Rivera"}, nil},
		{"Minister of Trade, Kofi Mensah and the Minister of Mines met in Accra.", []string{"Kofi Mensah"}, nil},
		{"The President will meet Juan Pablo de la Vega in Quito.", []string{"Juan Pablo de la Vega"}, nil},
		{"On 2 May 2024, Kofi Mensah held a telephone conversation with Ana Prado.", []string{"Kofi Mensah", "Ana Prado"}, nil},
		// common words in capitals are no name, whatever follows them
		{"The White House said the talks went well.", nil, []string{"White House"}},
		{"Foreign Affairs said nothing.", nil, []string{"Foreign Affairs"}},
		// a capitalized run that goes on into a body's name
		{"The Kofi Mensah Foundation said it would help.", nil, []string{"Kofi Mensah"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := p.Process(context.Background(), "t.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var people []string
			for _, e := range b.Entities {
				if e.Type == schema.Person {
					people = append(people, e.Name)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(people, w) {
					t.Errorf("lacks person %q; people %v", w, people)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(people, n) {
					t.Errorf("reads %q as a person", n)
				}
			}
		})
	}
}
