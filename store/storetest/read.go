package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

func testEntity(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	got, err := s.Entity(ctx, dialogue.ID)
	if err != nil {
		t.Fatalf("Entity(%q) error: %v", dialogue.ID, err)
	}
	if got.ID != dialogue.ID || got.Type != schema.Event || got.Kind != "DIALOGUE" ||
		got.Name != dialogue.Name || got.Date != "2024-03-18" || len(got.Aliases) != 0 {
		t.Errorf("Entity(%q) = %+v, want %+v", dialogue.ID, got, dialogue)
	}
	got, err = s.Entity(ctx, nukib.ID)
	if err != nil {
		t.Fatalf("Entity(%q) error: %v", nukib.ID, err)
	}
	if !slices.Equal(got.Aliases, []string{"NÚKIB"}) || got.Kind != "GOVERNMENT" {
		t.Errorf("Entity(%q) = %+v, want kind GOVERNMENT and alias NÚKIB as written", nukib.ID, got)
	}
	for _, id := range []string{"person:nobody", "", "organization:"} {
		_, err := s.Entity(ctx, id)
		wantCode(t, "Entity("+id+")", err, store.ENOTFOUND)
	}
}

func testEntitiesByID(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ask := []string{prague.ID, "person:nobody", blinken.ID, nukib.ID, prague.ID}
	got, err := s.EntitiesByID(context.Background(), ask)
	if err != nil {
		t.Fatalf("EntitiesByID(%v) error: %v", ask, err)
	}
	want := []string{prague.ID, "", blinken.ID, nukib.ID, prague.ID}
	if ids := entityIDs(got); !slices.Equal(ids, want) {
		t.Errorf("EntitiesByID(%v) = %v, want %v", ask, ids, want)
	}
	if len(got) == 5 && (got[2].Name != blinken.Name || !slices.Equal(got[2].Aliases, []string{"Blinken"})) {
		t.Errorf("EntitiesByID: blinken = %+v, want name and alias filled in", got[2])
	}
	got, err = s.EntitiesByID(context.Background(), nil)
	if err != nil || len(got) != 0 {
		t.Errorf("EntitiesByID(nil) = %v, %v; want empty, nil", got, err)
	}
}

func testEntityByAlias(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	tests := []struct {
		typ  schema.EntityType
		name string
		want []string
	}{
		{schema.Organization, "NUKIB", eids(nukib)},
		{schema.Organization, "NÚKIB", eids(nukib)},
		{schema.Organization, "nukib", eids(nukib)},
		{schema.Organization, "National Cyber and Information Security Agency", eids(nukib)},
		{schema.Organization, "  national cyber and information-security agency. ", eids(nukib)},
		{schema.Country, "Czechia", eids(czechia)},
		{schema.Country, "the Czech Republic", eids(czechia)},
		{schema.Person, "Pavel Stepanik", eids(stepanik)},
		{schema.Person, "Blinken", eids(blinken)},
		{schema.Country, "NÚKIB", nil},       // right name, wrong type
		{schema.Organization, "NÚKI", nil},   // a prefix is not an alias
		{schema.Organization, "Nobody", nil}, // unknown
		{schema.Organization, "", nil},
	}
	for _, tt := range tests {
		got, err := s.EntityByAlias(context.Background(), tt.typ, tt.name)
		if err != nil {
			t.Errorf("EntityByAlias(%s, %q) error: %v", tt.typ, tt.name, err)
			continue
		}
		if ids := entityIDs(got); !sameSet(ids, tt.want) {
			t.Errorf("EntityByAlias(%s, %q) = %v, want %v", tt.typ, tt.name, ids, tt.want)
		}
	}
}

func testEntitiesFilter(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	event := schema.Event
	org := schema.Organization
	tests := []struct {
		name string
		f    store.EntityFilter
		want []string
	}{
		{"all", store.EntityFilter{}, eids(worldEntities...)},
		{"empty ids do not filter", store.EntityFilter{IDs: []string{}}, eids(worldEntities...)},
		{"ids", store.EntityFilter{IDs: []string{usa.ID, "country:atlantis", prague.ID}}, eids(usa, prague)},
		{"type", store.EntityFilter{Type: &event}, eids(dialogue, visit, summit, consultations)},
		{"type and kind", store.EntityFilter{Type: &org, Kind: ptr("GOVERNMENT")}, eids(nukib)},
		{"kind", store.EntityFilter{Kind: ptr("INTERNATIONAL")}, eids(nato)},
		{"name contains, in names", store.EntityFilter{NameContains: ptr("Cyber")}, eids(nukib, dialogue, cyber)},
		{"name contains, in aliases", store.EntityFilter{NameContains: ptr("nukib")}, eids(nukib)},
		{"name contains, diacritics", store.EntityFilter{NameContains: ptr("štěpán")}, eids(stepanik)},
		{"name contains, folded", store.EntityFilter{NameContains: ptr("STEPANIK")}, eids(stepanik)},
		{"name contains, type", store.EntityFilter{NameContains: ptr("prague"), Type: &event}, eids(visit)},
		{"name contains, several", store.EntityFilter{NameContains: ptr("prague")}, eids(prague, visit, proposals)},
		{"from year", store.EntityFilter{From: ptr("2024")}, eids(dialogue, summit)},
		{"to month", store.EntityFilter{To: ptr("2024-03")}, eids(visit, dialogue)},
		{"from and to", store.EntityFilter{From: ptr("2024-03"), To: ptr("2024-03")}, eids(dialogue)},
		{"from day", store.EntityFilter{From: ptr("2023-11-03")}, eids(dialogue, summit)},
		{"to day", store.EntityFilter{To: ptr("2023-11-02")}, eids(visit)},
		{"empty range", store.EntityFilter{From: ptr("2025")}, nil},
		{"participant", store.EntityFilter{Participant: ptr(usa.ID)}, eids(dialogue, visit, summit, consultations)},
		{"participant and range", store.EntityFilter{Participant: ptr(usa.ID), From: ptr("2024")}, eids(dialogue, summit)},
		{"participant nukib", store.EntityFilter{Participant: ptr(nukib.ID)}, eids(dialogue)},
		{"participant is not the event", store.EntityFilter{Participant: ptr(dialogue.ID)}, nil},
		{"nothing", store.EntityFilter{Type: &org, NameContains: ptr("prague")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, first := range []int{0, 2} {
				f := tt.f
				f.First = first
				got := entityIDs(allEntities(t, s, f))
				if !sameSet(got, tt.want) || len(dupes(got)) > 0 {
					t.Errorf("Entities(%+v) = %v, want %v", f, got, tt.want)
				}
			}
		})
	}
}

func testEntitiesOrder(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	event := schema.Event
	byName := slices.Clone(worldEntities)
	slices.SortFunc(byName, func(a, b store.Entity) int {
		return cmpPair(a.Name, a.ID, b.Name, b.ID)
	})
	tests := []struct {
		name string
		f    store.EntityFilter
		want []string
	}{
		{"by name", store.EntityFilter{OrderBy: store.OrderByName}, eids(byName...)},
		{"events by date", store.EntityFilter{Type: &event, OrderBy: store.OrderByDateAsc}, eids(visit, dialogue, summit, consultations)},
		{"events by date descending", store.EntityFilter{Type: &event, OrderBy: store.OrderByDateDesc}, eids(summit, dialogue, visit, consultations)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, first := range []int{0, 1, 3} {
				f := tt.f
				f.First = first
				if got := entityIDs(allEntities(t, s, f)); !slices.Equal(got, tt.want) {
					t.Errorf("Entities(%+v) = %v, want %v", f, got, tt.want)
				}
			}
		})
	}

	// Undated entities come last, ordered by id, in both date orders.
	var undated []store.Entity
	for _, e := range worldEntities {
		if e.Date == "" {
			undated = append(undated, e)
		}
	}
	slices.SortFunc(undated, func(a, b store.Entity) int { return strings.Compare(a.ID, b.ID) })
	for _, o := range []store.EntityOrder{store.OrderByDateAsc, store.OrderByDateDesc} {
		got := entityIDs(allEntities(t, s, store.EntityFilter{OrderBy: o, Page: store.Page{First: 4}}))
		if len(got) != worldEntityCount || !slices.Equal(got[3:], eids(undated...)) {
			t.Errorf("Entities(order %d) = %v, want 3 dated events then %v", o, got, eids(undated...))
		}
	}
}

func cmpPair(a1, a2, b1, b2 string) int {
	if c := strings.Compare(a1, b1); c != 0 {
		return c
	}
	return strings.Compare(a2, b2)
}

func testEntitiesPages(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	for _, o := range []store.EntityOrder{store.OrderByName, store.OrderByDateAsc, store.OrderByDateDesc} {
		all, err := s.Entities(ctx, store.EntityFilter{OrderBy: o, Page: store.Page{First: store.MaxPageSize}})
		if err != nil {
			t.Fatalf("Entities(order %d, first %d) error: %v", o, store.MaxPageSize, err)
		}
		if all.HasNext || all.TotalCount != worldEntityCount || len(all.Items) != worldEntityCount {
			t.Errorf("Entities(order %d, first %d) = %d items of %d, hasNext %v; want all %d",
				o, store.MaxPageSize, len(all.Items), all.TotalCount, all.HasNext, worldEntityCount)
		}
		for _, size := range []int{1, 2, 5, worldEntityCount - 1, worldEntityCount} {
			f := store.EntityFilter{OrderBy: o, Page: store.Page{First: size}}
			first, err := s.Entities(ctx, f)
			if err != nil {
				t.Fatalf("Entities(%+v) error: %v", f, err)
			}
			if len(first.Items) != size || first.HasNext != (size < worldEntityCount) || first.EndCursor == "" {
				t.Errorf("Entities(%+v) first page: %d items, hasNext %v, cursor %q", f, len(first.Items), first.HasNext, first.EndCursor)
			}
			got := entityIDs(allEntities(t, s, f))
			if !slices.Equal(got, entityIDs(all.Items)) {
				t.Errorf("walking pages of %d (order %d) = %v, want %v", size, o, got, entityIDs(all.Items))
			}
		}
	}

	// The page after the last is empty and says so.
	last, err := s.Entities(ctx, store.EntityFilter{Page: store.Page{First: store.MaxPageSize}})
	if err != nil {
		t.Fatalf("Entities error: %v", err)
	}
	after, err := s.Entities(ctx, store.EntityFilter{Page: store.Page{After: last.EndCursor}})
	if err != nil || len(after.Items) != 0 || after.HasNext || after.EndCursor != "" || after.TotalCount != worldEntityCount {
		t.Errorf("Entities(after the last) = %+v, %v; want an empty page, total %d", after, err, worldEntityCount)
	}

	bad := []struct {
		name string
		p    store.Page
	}{
		{"garbage cursor", store.Page{After: "not a cursor!"}},
		{"base64 but not a cursor", store.Page{After: "aGVsbG8"}},
		{"too many", store.Page{First: store.MaxPageSize + 1}},
		{"negative", store.Page{First: -1}},
	}
	for _, b := range bad {
		_, err := s.Entities(ctx, store.EntityFilter{Page: b.p})
		wantCode(t, "Entities("+b.name+")", err, store.EINVALID)
		_, err = s.Relations(ctx, store.RelationFilter{Page: b.p})
		wantCode(t, "Relations("+b.name+")", err, store.EINVALID)
	}
}

func testRelationsFilter(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	docs := world()
	visitID := store.DocumentID(docs[1].Document.Text)
	summitID := store.DocumentID(docs[2].Document.Text)
	attended := []triple{
		{nukib, schema.Attended, dialogue}, {usa, schema.Attended, dialogue}, {czechia, schema.Attended, dialogue},
		{blinken, schema.Attended, visit}, {usa, schema.Attended, visit},
		{czechia, schema.Attended, summit}, {usa, schema.Attended, summit}, {usa, schema.Attended, consultations},
	}
	tests := []struct {
		name string
		f    store.RelationFilter
		want []string
	}{
		{"types", store.RelationFilter{Types: []schema.RelationType{schema.Attended}}, rids(attended...)},
		{"two types", store.RelationFilter{Types: []schema.RelationType{schema.Attended, schema.HeldIn}},
			rids(append(slices.Clone(attended), triple{dialogue, schema.HeldIn, prague}, triple{visit, schema.HeldIn, prague})...)},
		{"subject", store.RelationFilter{Subject: ptr(usa.ID)},
			rids(triple{usa, schema.Attended, dialogue}, triple{usa, schema.Attended, visit}, triple{usa, schema.Attended, summit}, triple{usa, schema.Attended, consultations})},
		{"object", store.RelationFilter{Object: ptr(czechia.ID)},
			rids(triple{nukib, schema.PartOf, czechia}, triple{prague, schema.LocatedIn, czechia}, triple{lipavsky, schema.HoldsPosition, czechia})},
		{"subject and object", store.RelationFilter{Subject: ptr(nukib.ID), Object: ptr(dialogue.ID)},
			rids(triple{nukib, schema.Attended, dialogue})},
		{"document", store.RelationFilter{Document: &visitID},
			rids(triple{blinken, schema.MetWith, lipavsky}, triple{blinken, schema.Attended, visit}, triple{usa, schema.Attended, visit},
				triple{visit, schema.HeldIn, prague}, triple{prague, schema.LocatedIn, czechia}, triple{lipavsky, schema.HoldsPosition, czechia})},
		{"document with a repeated fact", store.RelationFilter{Document: &summitID},
			rids(triple{czechia, schema.Attended, summit}, triple{usa, schema.Attended, summit}, triple{czechia, schema.MemberOf, nato},
				triple{usa, schema.Attended, consultations}, triple{summit, schema.Produced, proposals}, triple{czechia, schema.Signed, proposals},
				triple{nukib, schema.Attended, dialogue})},
		{"min confidence", store.RelationFilter{MinConfidence: ptr(0.9)},
			rids(triple{nukib, schema.Attended, dialogue}, triple{nukib, schema.PartOf, czechia}, triple{blinken, schema.MetWith, lipavsky},
				triple{prague, schema.LocatedIn, czechia}, triple{czechia, schema.Attended, summit}, triple{usa, schema.Attended, summit},
				triple{czechia, schema.MemberOf, nato})},
		{"everything at once", store.RelationFilter{Types: []schema.RelationType{schema.Attended}, Subject: ptr(usa.ID), Document: &summitID, MinConfidence: ptr(0.5)},
			rids(triple{usa, schema.Attended, summit})},
		{"unknown document", store.RelationFilter{Document: ptr("doc:nothing")}, nil},
		{"all", store.RelationFilter{}, nil}, // checked by count below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, first := range []int{0, 1, 3} {
				f := tt.f
				f.First = first
				rels := allRelations(t, s, f)
				got := relationIDs(rels)
				if tt.name == "all" {
					if len(got) != worldRelationCount || len(dupes(got)) > 0 {
						t.Errorf("Relations(all, first %d) = %d relations, want %d distinct", first, len(got), worldRelationCount)
					}
					continue
				}
				if !sameSet(got, tt.want) || len(dupes(got)) > 0 {
					t.Errorf("Relations(%+v) = %v, want %v", f, got, tt.want)
				}
				if !slices.IsSorted(got) {
					t.Errorf("Relations(%+v) = %v, want ordered by id", f, got)
				}
				for _, r := range rels {
					if len(r.Evidence) != 0 {
						t.Errorf("Relations: %s carries %d evidence, want none filled in", r.ID, len(r.Evidence))
					}
				}
			}
		})
	}

	// The fields of a stored relation come back as written.
	rels := allRelations(t, s, store.RelationFilter{Subject: ptr(stepanik.ID)})
	if len(rels) != 1 || rels[0].Title != "Deputy Director" || rels[0].Type != schema.HoldsPosition ||
		rels[0].Object != nukib.ID || rels[0].Confidence != 0.7 || rels[0].FirstSeen != "2024-03-18" || rels[0].LastSeen != "2024-03-18" {
		t.Errorf("Relations(subject stepanik) = %+v, want HOLDS_POSITION Deputy Director at nukib, 0.7, seen 2024-03-18", rels)
	}
	rels = allRelations(t, s, store.RelationFilter{Types: []schema.RelationType{schema.MemberOf}})
	if len(rels) != 1 || rels[0].Since != "1999" {
		t.Errorf("Relations(MEMBER_OF) = %+v, want one with since 1999", rels)
	}
}

func testRelationsPages(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	all, err := s.Relations(ctx, store.RelationFilter{Page: store.Page{First: store.MaxPageSize}})
	if err != nil {
		t.Fatalf("Relations error: %v", err)
	}
	if len(all.Items) != worldRelationCount || all.TotalCount != worldRelationCount || all.HasNext {
		t.Fatalf("Relations(first %d) = %d items of %d, hasNext %v; want all %d", store.MaxPageSize, len(all.Items), all.TotalCount, all.HasNext, worldRelationCount)
	}
	def, err := s.Relations(ctx, store.RelationFilter{})
	if err != nil || len(def.Items) != min(worldRelationCount, store.DefaultPageSize) {
		t.Errorf("Relations(default page) = %d items, %v; want %d", len(def.Items), err, min(worldRelationCount, store.DefaultPageSize))
	}
	for _, size := range []int{1, 4, worldRelationCount} {
		f := store.RelationFilter{Page: store.Page{First: size}}
		p, err := s.Relations(ctx, f)
		if err != nil {
			t.Fatalf("Relations(%+v) error: %v", f, err)
		}
		if len(p.Items) != size || p.HasNext != (size < worldRelationCount) {
			t.Errorf("Relations(%+v) first page: %d items, hasNext %v", f, len(p.Items), p.HasNext)
		}
		if got := relationIDs(allRelations(t, s, f)); !slices.Equal(got, relationIDs(all.Items)) {
			t.Errorf("walking relation pages of %d = %v, want %v", size, got, relationIDs(all.Items))
		}
	}
	// A filtered walk keeps its filter on every page.
	f := store.RelationFilter{Types: []schema.RelationType{schema.Attended}, Page: store.Page{First: 3}}
	p1, err := s.Relations(ctx, f)
	if err != nil {
		t.Fatalf("Relations(%+v) error: %v", f, err)
	}
	f.After = p1.EndCursor
	p2, err := s.Relations(ctx, f)
	if err != nil {
		t.Fatalf("Relations(%+v) error: %v", f, err)
	}
	if p1.TotalCount != 8 || p2.TotalCount != 8 || len(p2.Items) != 3 || !p2.HasNext {
		t.Errorf("ATTENDED pages: total %d/%d, second page %d items, hasNext %v; want 8/8, 3, true", p1.TotalCount, p2.TotalCount, len(p2.Items), p2.HasNext)
	}
	if len(p1.Items) == 0 {
		t.Fatalf("Relations(%+v) first page is empty", f)
	}
	lastID := p1.Items[len(p1.Items)-1].ID
	for _, r := range p2.Items {
		if r.Type != schema.Attended || r.ID <= lastID {
			t.Errorf("ATTENDED second page holds %s %s", r.Type, r.ID)
		}
	}
}
