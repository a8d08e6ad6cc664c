package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// testCount checks the counts a dashboard draws: grouped by kind, type,
// period and country, filtered, and refused when the keys conflict.
func testCount(t *testing.T, open func(t *testing.T) store.Store) {
	s := openWorld(t, open)
	ctx := context.Background()
	// An event held in a country directly, not through a place.
	talks := event("MEETING", "Cyber Talks", "2024-05")
	write(t, s, fixtureBatch("Cyber Talks", "2024-05-20", []store.Entity{talks, usa},
		fact{s: talks, t: schema.HeldIn, o: usa, confidence: 0.5}))

	cz, us := czechia.ID, usa.ID
	type b = store.Bucket
	tests := []struct {
		name string
		q    store.CountQuery
		want []store.Bucket
	}{
		{"events", store.CountQuery{Of: store.CountEvents}, []b{{Count: 5}}},
		{"events by kind", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupKind}},
			[]b{{Kind: "DIALOGUE", Count: 1}, {Kind: "MEETING", Count: 2}, {Kind: "SUMMIT", Count: 1}, {Kind: "VISIT", Count: 1}}},
		{"events by year, the undated left out", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupYear}},
			[]b{{Period: "2023", Count: 1}, {Period: "2024", Count: 3}}},
		{"events by quarter", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupQuarter}},
			[]b{{Period: "2023-Q4", Count: 1}, {Period: "2024-Q1", Count: 1}, {Period: "2024-Q2", Count: 1}, {Period: "2024-Q3", Count: 1}}},
		{"events by month", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupMonth}},
			[]b{{Period: "2023-11", Count: 1}, {Period: "2024-03", Count: 1}, {Period: "2024-05", Count: 1}, {Period: "2024-07", Count: 1}}},
		{"events by country, directly or through a place", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupCountry}},
			[]b{{Count: 2}, {Country: cz, Count: 2}, {Country: us, Count: 1}}},
		{"events by kind and year from 2024", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupYear, store.GroupKind}, From: ptr("2024")},
			[]b{{Kind: "DIALOGUE", Period: "2024", Count: 1}, {Kind: "MEETING", Period: "2024", Count: 1}, {Kind: "SUMMIT", Period: "2024", Count: 1}}},
		{"meetings per country per quarter", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupCountry, store.GroupQuarter}, Kind: ptr("MEETING")},
			[]b{{Period: "2024-Q2", Country: us, Count: 1}}},
		{"events in a country up to 2023", store.CountQuery{Of: store.CountEvents, Country: &cz, To: ptr("2023")}, []b{{Count: 1}}},
		{"relations by type", store.CountQuery{Of: store.CountRelations, GroupBy: []store.GroupKey{store.GroupType}, Types: []schema.RelationType{schema.Attended, schema.HeldIn}},
			[]b{{Type: schema.Attended, Count: 8}, {Type: schema.HeldIn, Count: 3}}},
		{"attendance per year", store.CountQuery{Of: store.CountRelations, GroupBy: []store.GroupKey{store.GroupType, store.GroupYear}, Types: []schema.RelationType{schema.Attended}},
			[]b{{Type: schema.Attended, Period: "2023", Count: 2}, {Type: schema.Attended, Period: "2024", Count: 6}}},
		{"relations", store.CountQuery{Of: store.CountRelations}, []b{{Count: worldRelationCount + 1}}},
		{"documents by kind and month", store.CountQuery{Of: store.CountDocuments, GroupBy: []store.GroupKey{store.GroupKind, store.GroupMonth}},
			[]b{{Kind: "PRESS_RELEASE", Period: "2023-11", Count: 1}, {Kind: "PRESS_RELEASE", Period: "2024-03", Count: 1},
				{Kind: "PRESS_RELEASE", Period: "2024-05", Count: 1}, {Kind: "PRESS_RELEASE", Period: "2024-07", Count: 1}}},
		{"nothing matches", store.CountQuery{Of: store.CountEvents, From: ptr("2030")}, []b{{Count: 0}}},
		{"nothing matches, grouped", store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupKind}, Kind: ptr("CONFLICT")}, []b{}},
	}
	for _, tt := range tests {
		got, err := s.Count(ctx, tt.q)
		if err != nil {
			t.Errorf("Count(%s: %+v) error: %v", tt.name, tt.q, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Count(%s) = %+v, want %+v", tt.name, got, tt.want)
		}
	}

	bad := []store.CountQuery{
		{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupYear, store.GroupMonth}},
		{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupKind, store.GroupKind}},
		{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupType}},
		{Of: store.CountRelations, GroupBy: []store.GroupKey{store.GroupCountry}},
		{Of: store.CountRelations, GroupBy: []store.GroupKey{store.GroupKind}},
		{Of: store.CountRelations, Kind: ptr("DIALOGUE")},
		{Of: store.CountEvents, Kind: ptr("TREATY")},
		{Of: store.CountDocuments, Country: &cz},
		{Of: store.CountEvents, GroupBy: []store.GroupKey{"WEEKDAY"}},
		{Of: "PEOPLE"},
	}
	for _, q := range bad {
		if _, err := s.Count(ctx, q); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("Count(%+v) error = %v, want %s", q, err, store.EINVALID)
		}
	}
}
