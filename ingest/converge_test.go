package ingest_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/sqlite"
)

// The pipeline reads each document alone; identity across documents is
// the store's convergence. These tests run the pipeline and a real store
// together, in both orders of the documents, and look at the graph a user
// would see.

type doc struct{ name, text string }

type mention struct{ doc, name, entity string }

// ingestAll extracts docs in the order given, writes each batch into a
// fresh store and returns the store's organizations, and per document the
// names of the organizations the store says it mentions.
func ingestAll(t *testing.T, docs []doc) ([]store.Entity, map[string][]string) {
	t.Helper()
	ctx := context.Background()
	p, err := ingest.New()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	docIDs := map[string]string{}
	for _, d := range docs {
		b, err := p.Process(ctx, d.name, []byte(d.text))
		if err != nil {
			t.Fatalf("Process(%s) = %v", d.name, err)
		}
		if _, err := db.WriteBatch(ctx, b); err != nil {
			t.Fatalf("WriteBatch(%s) = %v", d.name, err)
		}
		docIDs[d.name] = b.Document.ID
	}
	org := schema.Organization
	page, err := db.Entities(ctx, store.EntityFilter{Type: &org, Page: store.Page{First: store.MaxPageSize}})
	if err != nil {
		t.Fatal(err)
	}
	mentioned := map[string][]string{}
	for name, id := range docIDs {
		ms, err := db.Mentions(ctx, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			if slices.Contains(ms[id], e.ID) {
				mentioned[name] = append(mentioned[name], e.Name)
			}
		}
	}
	return page.Items, mentioned
}

// answering returns the names of the entities called name or aliased so.
func answering(es []store.Entity, name string) []string {
	var out []string
	for _, e := range es {
		if schema.Key(e.Name) == schema.Key(name) || slices.ContainsFunc(e.Aliases, func(a string) bool { return schema.Key(a) == schema.Key(name) }) {
			out = append(out, e.Name)
		}
	}
	slices.Sort(out)
	return out
}

// entitiesNamed returns the entities of es called one of names.
func entitiesNamed(es []store.Entity, names []string) []store.Entity {
	return slices.DeleteFunc(slices.Clone(es), func(e store.Entity) bool { return !slices.Contains(names, e.Name) })
}

func reversed(docs []doc) []doc {
	r := slices.Clone(docs)
	slices.Reverse(r)
	return r
}

func TestIdentityAcrossDocuments(t *testing.T) {
	tests := []struct {
		name string
		docs []doc
		ask  []string // every name here answers to exactly want
		want []string
		// mentions: in document doc, the organization answering to name
		// is entity
		mentions []mention
	}{
		{
			name: "an acronym learned in one document names the body a later one mentions bare",
			docs: []doc{
				{"ghana.txt", "Ghana was represented by the National Cyber Security Agency (NCSA) at the Accra Cyber Forum on 4 March 2024."},
				{"chile.txt", "Representatives of the NCSA attended the Santiago Cyber Forum with Chile on 9 April 2024."},
			},
			ask:      []string{"NCSA", "National Cyber Security Agency"},
			want:     []string{"National Cyber Security Agency"},
			mentions: []mention{{"chile.txt", "NCSA", "National Cyber Security Agency"}},
		},
		{
			name: "two states' ministries stay two, one state's ministry in three documents is one",
			docs: []doc{
				{"kenya.txt", "Kenya was represented by the Ministry of Foreign Affairs at the Nairobi Trade Dialogue on 4 March 2024."},
				{"brazil.txt", "Brazil was represented by the Ministry of Foreign Affairs at the Brasilia Trade Dialogue on 9 April 2024."},
				{"kenya2.txt", "Kenya was represented by the Ministry of Foreign Affairs and the Ministry of Energy at the Mombasa Trade Dialogue on 2 May 2024."},
				{"kenya3.txt", "Kenya's Ministry of Foreign Affairs hosted the Kisumu Trade Dialogue on 6 June 2024."},
			},
			ask:  []string{"Ministry of Foreign Affairs"},
			want: []string{"Ministry of Foreign Affairs (Brazil)", "Ministry of Foreign Affairs (Kenya)"},
			mentions: []mention{
				{"kenya.txt", "Ministry of Foreign Affairs", "Ministry of Foreign Affairs (Kenya)"},
				{"brazil.txt", "Ministry of Foreign Affairs", "Ministry of Foreign Affairs (Brazil)"},
				{"kenya2.txt", "Ministry of Foreign Affairs", "Ministry of Foreign Affairs (Kenya)"},
				{"kenya3.txt", "Ministry of Foreign Affairs", "Ministry of Foreign Affairs (Kenya)"},
			},
		},
		{
			// The store would keep the longer name of two converging
			// entities; the curated canonical name is kept instead.
			name: "the curated name wins over longer names documents give",
			docs: []doc{
				{"ghana.txt", "Ghana signed a Memorandum of Understanding with the International Criminal Police Organization (ICPO) in Accra on 4 March 2024."},
				{"chile.txt", "Officers of the ICPO attended the Santiago Policing Forum with Chile on 9 April 2024."},
				{"peru.txt", "Peru hosted Interpol at the Lima Policing Forum on 2 May 2024."},
			},
			ask:      []string{"ICPO", "International Criminal Police Organization", "Interpol"},
			want:     []string{"Interpol"},
			mentions: []mention{{"chile.txt", "ICPO", "Interpol"}, {"peru.txt", "Interpol", "Interpol"}},
		},
	}
	for _, tt := range tests {
		for _, order := range []struct {
			name string
			docs []doc
		}{{"forward", tt.docs}, {"reverse", reversed(tt.docs)}} {
			t.Run(tt.name+"/"+order.name, func(t *testing.T) {
				es, mentioned := ingestAll(t, order.docs)
				for _, a := range tt.ask {
					if got := answering(es, a); !slices.Equal(got, tt.want) {
						t.Errorf("organizations answering to %q: %q, want %q (all: %+v)", a, got, tt.want, es)
					}
				}
				for _, d := range tt.mentions {
					if got := answering(entitiesNamed(es, mentioned[d.doc]), d.name); !slices.Equal(got, []string{d.entity}) {
						t.Errorf("%s: mentioned organizations answering to %q: %q, want %q", d.doc, d.name, got, d.entity)
					}
				}
			})
		}
	}
}
