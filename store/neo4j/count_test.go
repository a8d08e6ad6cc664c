package neo4j

import (
	"context"
	"reflect"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestCountParams checks, against the fake, that each count sends every
// parameter its statement reads, and reads the rows back as buckets.
func TestCountParams(t *testing.T) {
	ctx := context.Background()
	f, s := newFake(t, func(name string, params map[string]any) ([]map[string]any, error) {
		if name == "bucketsEvents" && params["byKind"] == true {
			return []map[string]any{{"kind": "DIALOGUE", "type": "", "period": "2024", "country": "", "n": int64(3)}}, nil
		}
		return nil, nil
	})
	tests := []struct {
		q    store.CountQuery
		name string
		want []store.Bucket
	}{
		{store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupKind, store.GroupYear}, Country: ptr("country:x")}, "bucketsEvents",
			[]store.Bucket{{Kind: "DIALOGUE", Period: "2024", Count: 3}}},
		{store.CountQuery{Of: store.CountRelations, GroupBy: []store.GroupKey{store.GroupType, store.GroupQuarter}, Types: []schema.RelationType{schema.Attended}}, "bucketsRelations", []store.Bucket{}},
		{store.CountQuery{Of: store.CountDocuments, From: ptr("2024")}, "bucketsDocuments", []store.Bucket{{}}},
	}
	for _, tt := range tests {
		f.calls = nil
		got, err := s.Count(ctx, tt.q)
		if err != nil {
			t.Fatalf("Count(%+v) error: %v", tt.q, err)
		}
		if len(f.calls) != 1 || f.calls[0].name != tt.name {
			t.Errorf("Count(%+v) sent %v, want %s", tt.q, f.callNames(), tt.name)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Count(%+v) = %+v, want %+v", tt.q, got, tt.want)
		}
	}
	if _, err := s.Count(ctx, store.CountQuery{Of: store.CountEvents, GroupBy: []store.GroupKey{store.GroupYear, store.GroupMonth}}); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("Count(YEAR and MONTH) error = %v, want EINVALID", err)
	}
}
