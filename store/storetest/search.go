package storetest

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// testSearchForgiving checks what a user typing from memory meets: typos
// forgiven by word length, accents and case ignored, and the tiers exact >
// alias > prefix > fuzzy, each hit saying why it matched.
func testSearchForgiving(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	// Another Lipavsk-: a prefix of one word and a typo of the other.
	lipavska := entity(schema.Person, "", "Jana Lipavská")
	write(t, s, fixtureBatch("Another Lipavska", "2024-05-01", []store.Entity{lipavska, czechia},
		fact{s: lipavska, t: schema.HoldsPosition, o: czechia, title: "Ambassador", confidence: 0.5}))

	tests := []struct {
		text   string
		types  []schema.EntityType
		first  string             // the best hit; "" for no hits
		reason store.SearchReason // the best hit's
	}{
		{text: "Prague", first: prague.ID, reason: store.ReasonExact},
		{text: "PRAGUE", first: prague.ID, reason: store.ReasonExact},
		{text: "nato", first: nato.ID, reason: store.ReasonAlias},
		{text: "NÚKIB", first: nukib.ID, reason: store.ReasonAlias},
		{text: "nuki", first: nukib.ID, reason: store.ReasonPrefix},
		{text: "lipavsky", first: lipavsky.ID, reason: store.ReasonPrefix},
		// One edit, words of 4–7 letters: substitute, insert, delete, swap.
		{text: "natp", first: nato.ID, reason: store.ReasonFuzzy},
		{text: "Blinkne", first: blinken.ID, reason: store.ReasonFuzzy},
		{text: "pragu", first: prague.ID, reason: store.ReasonPrefix},
		{text: "Prahue", first: prague.ID, reason: store.ReasonFuzzy},
		{text: "Praguee", first: prague.ID, reason: store.ReasonFuzzy},
		{text: "Czceh Republic", first: czechia.ID, reason: store.ReasonFuzzy},
		{text: "czech repbulic", first: czechia.ID, reason: store.ReasonFuzzy},
		// Eight letters and more forgive two.
		{text: "Lipavksy", first: lipavsky.ID, reason: store.ReasonFuzzy},
		{text: "Stepanikk", first: stepanik.ID, reason: store.ReasonFuzzy},
		{text: "Štěpáníkův", first: stepanik.ID, reason: store.ReasonFuzzy},
		{text: "cybersecurty", first: cyber.ID, reason: store.ReasonFuzzy},
		// Types still filter what typos find.
		{text: "Prahue", types: []schema.EntityType{schema.Agreement}, first: proposals.ID, reason: store.ReasonFuzzy},
		{text: "Lipavksy", types: []schema.EntityType{schema.Event}},
		// Too far, or too short to forgive anything.
		{text: "Prxgxe"},
		{text: "usx"},
		{text: "natoxx"},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx, tt.text, tt.types, 10)
		if err != nil {
			t.Errorf("Search(%q, %v) error: %v", tt.text, tt.types, err)
			continue
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.Entity.ID
		}
		switch {
		case tt.first == "" && len(hits) > 0:
			t.Errorf("Search(%q, %v) = %v, want no hits", tt.text, tt.types, ids)
		case tt.first != "" && (len(hits) == 0 || ids[0] != tt.first):
			t.Errorf("Search(%q, %v) = %v, want %s first", tt.text, tt.types, ids, tt.first)
		case tt.first != "" && hits[0].Reason != tt.reason:
			t.Errorf("Search(%q, %v) first hit's reason = %q, want %q", tt.text, tt.types, hits[0].Reason, tt.reason)
		}
		checkRanked(t, tt.text, hits)
	}

	// Tiers: the name itself, then the prefix of a word, then the typo.
	hits, err := s.Search(ctx, "lipavsky", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 2 || hits[0].Entity.ID != lipavsky.ID || hits[1].Entity.ID != lipavska.ID || hits[1].Reason != store.ReasonFuzzy {
		t.Errorf("Search(lipavsky) = %v, want %s (prefix) then %s (fuzzy)", describe(hits), lipavsky.ID, lipavska.ID)
	}
	hits, err = s.Search(ctx, "Prague", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if reasons := reasonsOf(hits); len(hits) < 3 || reasons[0] != store.ReasonExact || slices.Contains(reasons[1:], store.ReasonExact) {
		t.Errorf("Search(Prague) = %v, want the city (exact) before the rest", describe(hits))
	}
	// A limit counts typos too.
	if hits, err := s.Search(ctx, "Lipavksy", nil, 1); err != nil || len(hits) != 1 {
		t.Errorf("Search(Lipavksy, limit 1) = %v, %v; want one hit", describe(hits), err)
	}
}

// testSearchTypoCases generates, for every name and alias of the world,
// every word of four letters or more with each one-letter edit (insert,
// delete, substitute, swap neighbours) and checks that the entity is among
// the first three hits for at least 95% of them.
func testSearchTypoCases(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(15, 15))
	var cases, found int
	var misses []string
	for _, e := range worldEntities {
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			for _, typo := range typos(name, rng) {
				cases++
				hits, err := s.Search(ctx, typo, nil, 3)
				if err != nil {
					t.Fatalf("Search(%q) error: %v", typo, err)
				}
				if slices.ContainsFunc(hits, func(h store.SearchHit) bool { return h.Entity.ID == e.ID }) {
					found++
				} else if len(misses) < 20 {
					misses = append(misses, typo+" → "+e.Name)
				}
			}
		}
	}
	t.Logf("a name with one typo finds its entity in the top 3 in %d of %d cases", found, cases)
	if cases == 0 || found*100 < cases*95 {
		t.Errorf("a name with one typo finds its entity in the top 3 in %d of %d cases, want ≥ 95%%; misses include %q", found, cases, misses)
	}
}

// typos returns name with one edit applied, once per letter position of
// every word of four letters or more and per kind of edit, letters drawn
// by rng.
func typos(name string, rng *rand.Rand) []string {
	r := []rune(name)
	var out []string
	letter := func() rune { return rune('a' + rng.IntN(26)) }
	for start := 0; start < len(r); {
		if !unicode.IsLetter(r[start]) {
			start++
			continue
		}
		end := start
		for end < len(r) && unicode.IsLetter(r[end]) {
			end++
		}
		if end-start >= 4 {
			for i := start; i < end; i++ {
				edit := func(mid ...rune) string {
					return string(r[:i]) + string(mid) + string(r[i+1:])
				}
				sub := letter()
				for unicode.ToLower(sub) == unicode.ToLower(r[i]) {
					sub = letter()
				}
				out = append(out, edit(sub), edit(), edit(r[i], letter()))
				if i+1 < end && r[i] != r[i+1] {
					out = append(out, string(r[:i])+string(r[i+1])+string(r[i])+string(r[i+2:]))
				}
			}
		}
		start = end
	}
	return out
}

// testSearchHostileText checks that text no one means to search — very
// long, punctuation only, control characters — answers quickly with no
// error.
func testSearchHostileText(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	long := strings.Repeat("lipavksy prahue ", 700) // about 11,000 bytes
	for _, text := range []string{long, strings.Repeat("!?*~", 2500), "\x00\x01\x1b[2J\u202e", "a~2 OR b*", "\"unbalanced (quote"} {
		hits, err := s.Search(ctx, text, nil, 10)
		if err != nil {
			t.Errorf("Search(%.40q…) error: %v", text, err)
		}
		checkRanked(t, text, hits)
		if _, err := s.SearchDocuments(ctx, text, 10); err != nil {
			t.Errorf("SearchDocuments(%.40q…) error: %v", text, err)
		}
	}
}

// checkRanked checks that hits carry a reason and come best first.
func checkRanked(t *testing.T, text string, hits []store.SearchHit) {
	t.Helper()
	for i, h := range hits {
		if h.Reason == "" {
			t.Errorf("Search(%.40q): hit %d (%s) has no reason", text, i, h.Entity.ID)
		}
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("Search(%.40q): scores %v then %v, want best first", text, hits[i-1].Score, h.Score)
		}
	}
}

func reasonsOf(hits []store.SearchHit) []store.SearchReason {
	out := make([]store.SearchReason, len(hits))
	for i, h := range hits {
		out[i] = h.Reason
	}
	return out
}

func describe(hits []store.SearchHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Entity.ID + " (" + string(h.Reason) + ")"
	}
	return out
}
