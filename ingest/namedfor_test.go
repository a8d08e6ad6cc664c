package ingest

import (
	"context"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestVisitNames: a visit named for its traveller is also named by the
// other ways the text refers to them, and a visit told twice is one.
func TestVisitNames(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		name, text string
		visits     int
		alias      string // a name or alias one visit must have
	}{
		{"named by the post and surname",
			"Foreign Minister Alma Ruiz will travel to Peru on 3 May 2025. In Lima, Minister Ruiz will meet the President.",
			1, "Minister Ruiz's visit to Peru"},
		{"told in the headline and the body",
			"Visit by Foreign Minister Alma Ruiz to Peru\n\nForeign Minister Alma Ruiz will travel to Peru on 3 May 2025 to meet the President.",
			1, "Visit by Foreign Minister Alma Ruiz to Peru"},
		{"two stops stay two",
			"Foreign Minister Alma Ruiz will travel to Peru and Bolivia on 3-5 May 2025.",
			2, "Minister Alma Ruiz's visit to Bolivia"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := p.Process(context.Background(), "t.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var names [][]string
			found := false
			for _, e := range b.Entities {
				if e.Type != schema.Event || e.Kind != "VISIT" {
					continue
				}
				all := append([]string{e.Name}, e.Aliases...)
				names = append(names, all)
				found = found || slices.ContainsFunc(all, func(n string) bool { return schema.Normalize(n) == schema.Normalize(tt.alias) })
			}
			if len(names) != tt.visits || !found {
				t.Errorf("visits %v, want %d of them, one named %q", names, tt.visits, tt.alias)
			}
		})
	}
}

// TestHeadlineRestatesLead: the happening a headline announces is the
// first of its kind the body tells, not a second one.
func TestHeadlineRestatesLead(t *testing.T) {
	p := newTestPipeline(t)
	text := "Foreign Minister Ruiz holds phone call with Peruvian counterpart\n\nForeign Minister Alma Ruiz held a telephone conversation with the Minister of Foreign Affairs of Peru, Javier Olaechea, on 4 June 2024. Later, Minister Ruiz received the Ambassador of Japan, Kenji Sato."
	b, err := p.Process(context.Background(), "t.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range b.Entities {
		if e.Type == schema.Event && slices.Contains(e.Aliases, "phone call with Peruvian counterpart") && e.Date != "2024-06-04" {
			t.Errorf("the headline's call joined %q, want the conversation of 4 June", e.Name)
		}
		if e.Type == schema.Event && e.Name == "phone call with Peruvian counterpart" {
			t.Errorf("the headline's call stands alone: %+v", e)
		}
	}
}

// TestHeadAliases: a happening described by a phrase is also named by the
// phrase's head and modifiers.
func TestHeadAliases(t *testing.T) {
	p := newTestPipeline(t)
	b, err := p.Process(context.Background(), "t.txt", []byte("Minister Alma Ruiz held a telephone conversation with President Dina Boluarte of Peru on 3 May 2025."))
	if err != nil {
		t.Fatal(err)
	}
	for _, alias := range []string{"telephone conversation", "telephone conversation between Alma Ruiz and Dina Boluarte"} {
		if !slices.ContainsFunc(b.Entities, func(e store.Entity) bool { return e.Type == schema.Event && slices.Contains(e.Aliases, alias) }) {
			t.Errorf("no event aliased %q in %+v", alias, b.Entities)
		}
	}
}

// TestSameSigning: one signing told twice by the same two people is one
// event; two pairs signing two instruments on one day are two.
func TestSameSigning(t *testing.T) {
	p := newTestPipeline(t)
	tests := []struct {
		name, text string
		want       int
	}{
		{"told twice", "Foreign Minister Alma Ruiz and Foreign Minister Chad Ortiz signed the Memorandum of Understanding on Water in Lima on 3 May 2025. Minister Ruiz and Minister Ortiz also signed the Andean Water Programme.", 1},
		{"two pairs", "On 3 May 2025, Foreign Minister Alma Ruiz and Foreign Minister Chad Ortiz signed the Memorandum on Water. On 4 May 2025, Trade Minister Luis Vega and Trade Minister Ana Soto signed the Agreement on Trade.", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := p.Process(context.Background(), "t.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var signings []string
			for _, e := range b.Entities {
				if e.Type == schema.Event && e.Kind == "SIGNING" {
					signings = append(signings, e.Name)
				}
			}
			if len(signings) != tt.want {
				t.Errorf("signings %q, want %d", signings, tt.want)
			}
		})
	}
}
