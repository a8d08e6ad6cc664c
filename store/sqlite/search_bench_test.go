package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"
)

// searchQueries are what BenchmarkSearch asks, by kind: names as typed in
// full, the start of words as one types, one typo, and two words that
// are no name's whole.
var searchQueries = []struct {
	kind    string
	queries []string
}{
	{"exact", []string{"Czech Republic", "Mike Pompeo", "NATO", "Dušan Navrátil"}},
	{"prefix", []string{"nati", "czech rep", "minis", "cyber def"}},
	{"typo", []string{"Lipavksy", "pompeoo", "natoz", "Navratli"}},
	{"two-words", []string{"security agency", "ministry justice", "foreign affairs", "cyber defence"}},
}

// BenchmarkSearch runs the name searches of searchQueries, one at a time,
// against the corpus's gold graph imported once (1x) and as 100 renamed
// copies (100x, graphio's scale rule as diplograph import --scale 100;
// skipped under -short, as the import takes a while). ns/op is one
// search; p50-ms and p99-ms are over every search of the kind (issue 15:
// p99 ≤ 5 ms at 1x, ≤ 20 ms at 100x). Run it with
//
//	go test -run '^$' -bench Search -benchtime 2000x ./store/sqlite
func BenchmarkSearch(b *testing.B) {
	for _, sc := range []struct {
		name  string
		scale int
	}{{"1x", 1}, {"100x", 100}} {
		b.Run(sc.name, func(b *testing.B) {
			if sc.scale > 1 && testing.Short() {
				b.Skip("-short: no 100x import")
			}
			t0 := time.Now()
			db := openGold(b, sc.scale)
			b.Logf("imported the gold graph ×%d in %v", sc.scale, time.Since(t0).Round(time.Millisecond))
			ctx := context.Background()
			for _, set := range searchQueries {
				for _, q := range set.queries {
					// A search that finds nothing would measure nothing.
					if hits, err := db.Search(ctx, q, nil, 20); err != nil || len(hits) == 0 {
						b.Fatalf("Search(%q) = %d hits, %v", q, len(hits), err)
					}
				}
				b.Run(set.kind, func(b *testing.B) {
					lat := make([]time.Duration, 0, b.N)
					i := 0
					for b.Loop() {
						q := set.queries[i%len(set.queries)]
						i++
						t := time.Now()
						if _, err := db.Search(ctx, q, nil, 20); err != nil {
							b.Fatalf("Search(%q) error: %v", q, err)
						}
						lat = append(lat, time.Since(t))
					}
					slices.Sort(lat)
					at := func(q float64) float64 {
						return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000
					}
					b.ReportMetric(at(0.50), "p50-ms")
					b.ReportMetric(at(0.99), "p99-ms")
				})
			}
		})
	}
}
