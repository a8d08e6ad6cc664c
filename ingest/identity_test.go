package ingest

import (
	"context"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// graph is a Known that learns every entity of the batches it is given,
// as a store would: one node per ID, found by name or alias.
type graph struct {
	byID  map[string]store.Entity
	alias map[string][]string // type + key of a name → IDs
}

func newGraph() *graph { return &graph{byID: map[string]store.Entity{}, alias: map[string][]string{}} }

func (g *graph) add(b store.Batch) {
	for _, e := range b.Entities {
		g.byID[e.ID] = e
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			k := string(e.Type) + ":" + schema.Key(n)
			if !slices.Contains(g.alias[k], e.ID) {
				g.alias[k] = append(g.alias[k], e.ID)
			}
		}
	}
}

func (g *graph) EntityByAlias(_ context.Context, t schema.EntityType, name string) ([]store.Entity, error) {
	var out []store.Entity
	for _, id := range g.alias[string(t)+":"+schema.Key(name)] {
		out = append(out, g.byID[id])
	}
	return out, nil
}

// bodyID is the ID of the organization called (or aliased) name in b.
func bodyID(t *testing.T, b store.Batch, name string) string {
	t.Helper()
	for _, e := range b.Entities {
		if e.Type != schema.Organization {
			continue
		}
		if schema.Key(e.Name) == schema.Key(name) || slices.ContainsFunc(e.Aliases, func(a string) bool { return schema.Key(a) == schema.Key(name) }) {
			return e.ID
		}
	}
	t.Fatalf("no organization %q among %+v", name, b.Entities)
	return ""
}

// TestGenericBodiesAcrossCountries ingests documents from different
// states that each name their own "Ministry of Justice" through one graph:
// each state's ministry is one node, and the two stay apart.
func TestGenericBodiesAcrossCountries(t *testing.T) {
	g := newGraph()
	p, err := New(WithKnown(g))
	if err != nil {
		t.Fatal(err)
	}
	ingest := func(name, text string) store.Batch {
		t.Helper()
		b, err := p.Process(context.Background(), name, []byte(text))
		if err != nil {
			t.Fatalf("Process(%s) = %v", name, err)
		}
		g.add(b)
		return b
	}
	kenya := ingest("kenya.txt", "Kenya was represented by the Ministry of Justice at the Nairobi Cyber Dialogue on 4 March 2024.")
	brazil := ingest("brazil.txt", "Brazil was represented by the Ministry of Justice at the Brasilia Cyber Dialogue on 9 April 2024.")
	again := ingest("kenya2.txt", "Kenya was represented by the Ministry of Justice and the National Police Service at the Mombasa Cyber Dialogue on 2 May 2024.")
	bare := ingest("bare.txt", "Officials of the Ministry of Justice attended the Second Cyber Dialogue on 6 June 2024.")

	ke, br := bodyID(t, kenya, "Ministry of Justice"), bodyID(t, brazil, "Ministry of Justice")
	tests := []struct {
		name      string
		got, want string
		same      bool
	}{
		{"two states' ministries are two nodes", ke, br, false},
		{"one state's ministry in two documents is one node", bodyID(t, again, "Ministry of Justice"), ke, true},
		{"a bare name shared by two states resolves to neither (Kenya)", bodyID(t, bare, "Ministry of Justice"), ke, false},
		{"a bare name shared by two states resolves to neither (Brazil)", bodyID(t, bare, "Ministry of Justice"), br, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.got == tt.want) != tt.same {
				t.Errorf("IDs %q and %q: same = %v, want %v", tt.got, tt.want, tt.got == tt.want, tt.same)
			}
		})
	}
	// The qualified body is still part of its state.
	found := false
	for _, r := range kenya.Relations {
		if r.Type == schema.PartOf && r.Subject == ke && r.Object == store.EntityID(schema.Country, "Kenya") {
			found = true
		}
	}
	if !found {
		t.Errorf("kenya: no %s PART_OF Kenya among %+v", ke, kenya.Relations)
	}
}

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
