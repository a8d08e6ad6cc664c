package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// oldID is an entity's id as it was before slugs: the type and the key.
func oldID(e store.Entity) string {
	return strings.ToLower(string(e.Type)) + ":" + schema.Key(e.Name)
}

// testOldIDs checks that ids are slugs and that ids from before slugs are
// aliases: a batch naming entities by them (an old export) is stored
// under the slugs, and every lookup by entity id takes them.
func testOldIDs(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	ctx := context.Background()
	minister := entity(schema.Person, "", "Jan Lipavský")
	ministry := entity(schema.Organization, "GOVERNMENT", "Ministry of Foreign Affairs", "MZV")
	cz := entity(schema.Country, "", "Czech Republic", "Czechia")
	talks := event("MEETING", "Prague Cyber Talks", "2024-05")
	for _, e := range []store.Entity{minister, ministry, cz, talks} {
		if strings.Contains(e.ID, " ") || e.ID != store.NormalizeID(e.ID) {
			t.Fatalf("EntityID(%s, %q) = %q, not a slug", e.Type, e.Name, e.ID)
		}
	}
	b := fixtureBatch("Old ids", "2024-05-20", []store.Entity{minister, ministry, cz, talks},
		fact{s: minister, t: schema.HoldsPosition, o: ministry, title: "Minister", confidence: 0.9},
		fact{s: ministry, t: schema.PartOf, o: cz, confidence: 0.8},
		fact{s: ministry, t: schema.Attended, o: talks, confidence: 0.7},
		fact{s: talks, t: schema.HeldIn, o: cz, confidence: 0.6})
	for i := range b.Entities {
		b.Entities[i].ID = oldID(b.Entities[i])
	}
	for i := range b.Relations {
		r := &b.Relations[i]
		for _, e := range []store.Entity{minister, ministry, cz, talks} {
			if r.Subject == e.ID {
				r.Subject = oldID(e)
			}
			if r.Object == e.ID {
				r.Object = oldID(e)
			}
		}
	}
	res := write(t, s, b)[0]
	wantNew := []string{minister.ID, ministry.ID, cz.ID, talks.ID}
	if got := slices.Sorted(slices.Values(res.NewEntities)); !slices.Equal(got, slices.Sorted(slices.Values(wantNew))) {
		t.Errorf("WriteBatch(old ids) new entities = %q, want the slugs %q", res.NewEntities, wantNew)
	}
	holds := store.RelationID(minister.ID, schema.HoldsPosition, ministry.ID)
	if !slices.Contains(res.NewRelation, holds) {
		t.Errorf("WriteBatch(old ids) new relations = %q, want %s among them (the id of the slugs)", res.NewRelation, holds)
	}

	if e, err := s.Entity(ctx, oldID(ministry)); err != nil || e.ID != ministry.ID {
		t.Errorf("Entity(%q) = %q, %v; want %s", oldID(ministry), e.ID, err, ministry.ID)
	}
	if e, err := s.Entity(ctx, "organization:MINISTRY of Foreign Affairs"); err != nil || e.ID != ministry.ID {
		t.Errorf("Entity(other case) = %q, %v; want %s", e.ID, err, ministry.ID)
	}
	es, err := s.EntitiesByID(ctx, []string{oldID(cz), "person:nobody at all", minister.ID})
	if err != nil || len(es) != 3 || es[0].ID != cz.ID || es[1].ID != "" || es[2].ID != minister.ID {
		t.Errorf("EntitiesByID(old, missing, new) = %v, %v; want %s, none, %s in that order", ids(es), err, cz.ID, minister.ID)
	}
	page, err := s.Entities(ctx, store.EntityFilter{IDs: []string{oldID(minister), oldID(talks)}})
	if err != nil || page.TotalCount != 2 {
		t.Errorf("Entities(IDs: old) = %v, %v; want 2", ids(page.Items), err)
	}
	page, err = s.Entities(ctx, store.EntityFilter{Participant: ptr(oldID(ministry))})
	if err != nil || page.TotalCount != 1 || page.Items[0].ID != talks.ID {
		t.Errorf("Entities(Participant: old) = %v, %v; want %s", ids(page.Items), err, talks.ID)
	}
	for _, f := range []store.RelationFilter{{Subject: ptr(oldID(ministry))}, {Object: ptr(oldID(cz))}} {
		rs, err := s.Relations(ctx, f)
		if err != nil || rs.TotalCount != 2 {
			t.Errorf("Relations(%+v) = %d, %v; want 2", f, rs.TotalCount, err)
		}
	}
	rs, err := s.Expand(ctx, store.Expand{IDs: []string{oldID(ministry)}, Direction: store.Both})
	if err != nil || len(rs) != 3 {
		t.Errorf("Expand(old id) = %d relations, %v; want 3", len(rs), err)
	}
	buckets, err := s.Count(ctx, store.CountQuery{Of: store.CountEvents, Country: ptr(oldID(cz))})
	if err != nil || len(buckets) != 1 || buckets[0].Count != 1 {
		t.Errorf("Count(Country: old id) = %+v, %v; want one event", buckets, err)
	}

	if e, err := s.AddAlias(ctx, oldID(cz), "Česko"); err != nil || e.ID != cz.ID || !slices.Contains(e.Aliases, "Česko") {
		t.Errorf("AddAlias(old id) = %+v, %v", e, err)
	}
	r, err := s.AssertRelation(ctx, store.Relation{Type: schema.Attended, Subject: oldID(minister), Object: oldID(talks),
		Evidence: []store.Evidence{{Sentence: "on the guest list"}}})
	if want := store.RelationID(minister.ID, schema.Attended, talks.ID); err != nil || r.ID != want || r.Subject != minister.ID {
		t.Errorf("AssertRelation(old ids) = %s %s→%s, %v; want %s between the slugs", r.ID, r.Subject, r.Object, err, want)
	}
	if _, err := s.MergeEntities(ctx, oldID(cz), cz.ID); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("MergeEntities(an old id, its slug) error = %v, want EINVALID: they are one entity", err)
	}
	if _, err := s.MergeEntities(ctx, oldID(minister), "person:nobody at all"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("MergeEntities(old id, missing) error = %v, want ENOTFOUND", err)
	}
}

func ids(es []store.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}
