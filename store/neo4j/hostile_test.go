package neo4j

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestHostileInputFake sends text full of Cypher, SQL and Lucene syntax
// through every method of the store that takes text: each statement sent
// must be one of the fixed statements (the fake reports any other), and
// the text must travel in the parameters, never in the statement (Search
// and EntityByAlias send it escaped or folded). The same
// inputs go through both stores against real data in storetest's
// HostileInput, which needs a Neo4j server for this store.
func TestHostileInputFake(t *testing.T) {
	hostile := []string{
		`x'}) DETACH DELETE n //`,
		"` MATCH (n) DETACH DELETE n RETURN 1 //",
		`'); DROP TABLE entities; --`,
		`$rows {x: 1} \u0027 \`,
		`name:* OR id:* AND NOT ~ "x"^9`,
	}
	ctx := context.Background()
	for _, h := range hostile {
		t.Run(h, func(t *testing.T) {
			f, s := newFake(t, func(string, map[string]any) ([]map[string]any, error) { return nil, nil })
			et := schema.EntityType(h)
			rt := schema.RelationType(h)
			page := store.Page{First: 10}
			calls := []struct {
				name string
				call func() error
			}{
				{"Entity", func() error { _, err := s.Entity(ctx, h); return err }},
				{"EntitiesByID", func() error { _, err := s.EntitiesByID(ctx, []string{h}); return err }},
				{"EntityByAlias", func() error { _, err := s.EntityByAlias(ctx, schema.Person, h); return err }},
				{"Entities", func() error {
					_, err := s.Entities(ctx, store.EntityFilter{IDs: []string{h}, Kind: &h, NameContains: &h, From: &h, To: &h, Participant: &h, Page: page})
					return err
				}},
				{"Entities of a type", func() error { _, err := s.Entities(ctx, store.EntityFilter{Type: &et, Page: page}); return err }},
				{"Relations", func() error {
					_, err := s.Relations(ctx, store.RelationFilter{Types: []schema.RelationType{rt}, Subject: &h, Object: &h, Document: &h, Page: page})
					return err
				}},
				{"Expand", func() error {
					_, err := s.Expand(ctx, store.Expand{IDs: []string{h}, Direction: store.Both, Types: []schema.RelationType{rt}})
					return err
				}},
				{"EvidenceFor", func() error { _, err := s.EvidenceFor(ctx, []string{h}); return err }},
				{"Document", func() error { _, err := s.Document(ctx, h); return err }},
				{"DocumentsByID", func() error { _, err := s.DocumentsByID(ctx, []string{h}); return err }},
				{"Documents", func() error {
					_, err := s.Documents(ctx, store.DocumentFilter{Kind: &h, From: &h, To: &h, Page: page})
					return err
				}},
				{"Mentions", func() error { _, err := s.Mentions(ctx, []string{h}); return err }},
				{"Search", func() error { _, err := s.Search(ctx, h, []schema.EntityType{et}, 5); return err }},
				{"DeleteDocument", func() error { _, err := s.DeleteDocument(ctx, h); return err }},
				{"AddAlias", func() error { _, err := s.AddAlias(ctx, h, h); return err }},
				{"MergeEntities", func() error { _, err := s.MergeEntities(ctx, h, "person:"+h); return err }},
				{"RetractRelation", func() error { _, err := s.RetractRelation(ctx, h, h); return err }},
				{"Relation", func() error { _, err := s.Relation(ctx, h); return err }},
			}
			for _, c := range calls {
				before := len(f.calls)
				// The fake answers no rows, which listings take for a broken
				// answer: errors here say nothing about the input.
				c.call()
				// Whatever was sent, the text went as data: no statement
				// contains it (statements are fixed, checked by the fake).
				for _, cl := range f.calls[before:] {
					if strings.Contains(cl.name, h) {
						t.Errorf("%s sent a statement named after the input: %s", c.name, cl.name)
					}
				}
				if sent := f.calls[before:]; len(sent) > 0 && c.name != "Search" && c.name != "EntityByAlias" && !strings.Contains(fmt.Sprint(sentParams(sent)), h) {
					t.Errorf("%s(%q) sent %d statements, none with the text as a parameter", c.name, h, len(sent))
				}
			}
		})
	}
}

func sentParams(calls []call) []map[string]any {
	out := make([]map[string]any, len(calls))
	for i, c := range calls {
		out[i] = c.params
	}
	return out
}
