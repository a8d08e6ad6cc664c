package neo4j

import (
	"context"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestSlugIDsFake checks what Open's rewrite of old ids sends for a graph
// holding entities with ids from before slugs: each renamed (one folded
// into the entity already holding its slug), the relations touching them
// renamed under ids of their normalized ends with their evidence, the old
// relation ids recorded; and that a lookup by an old relation id finds the
// relation through the record.
func TestSlugIDsFake(t *testing.T) {
	ctx := context.Background()
	const (
		cz, czNew   = "country:czech republic", "country:czech-republic"
		jan, janNew = "person:jan lipavsky", "person:jan-lipavsky"
		ab, abNew   = "organization:a b", "organization:a-b" // abNew is stored already
	)
	oldHolds := store.RelationID(jan, schema.HoldsPosition, cz)
	holds := store.RelationID(janNew, schema.HoldsPosition, czNew)
	current := store.RelationID(abNew, schema.PartOf, czNew) // written by new code: stays
	respond := func(name string, p map[string]any) ([]map[string]any, error) {
		switch name {
		case "oldEntityIDs":
			if p["after"] != "" {
				return nil, nil
			}
			return []map[string]any{{"id": ab}, {"id": cz}, {"id": jan}}, nil
		case "renameEntities":
			var out []map[string]any
			for _, row := range p["rows"].([]map[string]any) {
				if row["old"] != ab {
					out = append(out, map[string]any{"id": row["old"]})
				}
			}
			return out, nil
		case "entitiesByID":
			return []map[string]any{entityRow(abNew, "Organization", "A-B", ""), entityRow(ab, "Organization", "A B", "")}, nil
		case "addAliases":
			return []map[string]any{entityRow(abNew, "Organization", "A-B", "", "A B")}, nil
		case "relationsTouchingAny":
			return []map[string]any{
				relRow(oldHolds, "HOLDS_POSITION", janNew, czNew, 0.9, "2024", "2024"),
				relRow(current, "PART_OF", abNew, czNew, 1, "", ""),
			}, nil
		case "evidenceFor":
			return []map[string]any{evRow("ev:old", oldHolds, "doc:d", 0, 10, 0.9), evRow("ev:note", oldHolds, "", 0, 0, 1)}, nil
		case "relationByID":
			if p["ids"].([]string)[0] == holds {
				return []map[string]any{relRow(holds, "HOLDS_POSITION", janNew, czNew, 0.9, "2024", "2024")}, nil
			}
			return nil, nil
		case "formerRelationID":
			if p["id"] == oldHolds {
				return []map[string]any{{"id": holds}}, nil
			}
			return nil, nil
		}
		return canned(nil)(name, p)
	}
	f, s := newFake(t, respond)
	if err := s.slugIDs(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{"oldEntityIDs", "renameEntities",
		"entitiesByID", "relationsTouching", "moveMentions", "deleteEntity", "addAliases", // the fold of ab
		"relationsTouchingAny", "evidenceFor", "renameRelations", "renameEvidence", "recordFormerRelations",
		"oldEntityIDs"}
	if got := f.callNames(); !slices.Equal(got, want) {
		t.Errorf("slugIDs sent %v, want %v", got, want)
	}
	wantModes(t, f, neo4j.AccessModeWrite)
	rows := paramsOf(t, f, "renameEntities")["rows"].([]map[string]any)
	if len(rows) != 3 || rows[1]["old"] != cz || rows[1]["new"] != czNew || rows[2]["new"] != janNew {
		t.Errorf("renameEntities rows = %v", rows)
	}
	if p := paramsOf(t, f, "entitiesByID"); !slices.Equal(p["ids"].([]string), []string{abNew, ab}) {
		t.Errorf("the fold read %v, want %s kept and %s merged", p["ids"], abNew, ab)
	}
	p := paramsOf(t, f, "renameRelations")
	if !slices.Equal(p["ids"].([]string), []string{oldHolds}) || p["rows"].([]map[string]any)[0]["new"] != holds {
		t.Errorf("renameRelations params = %v, want %s → %s alone", p, oldHolds, holds)
	}
	evs := paramsOf(t, f, "renameEvidence")["rows"].([]map[string]any)
	wantEv := []string{store.EvidenceID(holds, "doc:d", 0, 10), store.AnalystEvidenceID(holds, "s ev:note")}
	if len(evs) != 2 || evs[0]["new"] != wantEv[0] || evs[1]["new"] != wantEv[1] || evs[0]["relationId"] != holds {
		t.Errorf("renameEvidence rows = %v, want ids %v under %s", evs, wantEv, holds)
	}
	if rows := paramsOf(t, f, "recordFormerRelations")["rows"].([]map[string]any); len(rows) != 1 || rows[0]["old"] != oldHolds {
		t.Errorf("recordFormerRelations rows = %v", rows)
	}
	if p := f.calls[len(f.calls)-1].params; p["after"] != jan {
		t.Errorf("the second batch starts after %v, want %q", p["after"], jan)
	}

	// Lookups by the old relation id.
	f.calls = nil
	r, err := s.Relation(ctx, oldHolds)
	if err != nil || r.ID != holds {
		t.Errorf("Relation(old id) = %q, %v; want %s", r.ID, err, holds)
	}
	if got := f.callNames(); !slices.Equal(got, []string{"relationByID", "formerRelationID", "relationByID", "evidenceFor"}) {
		t.Errorf("Relation(old id) sent %v", got)
	}
	wantModes(t, f, neo4j.AccessModeRead)
}
