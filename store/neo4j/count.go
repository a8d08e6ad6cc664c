package neo4j

import (
	"context"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// countPeriod is the period a count groups by, of the date property
// DATE: the first $period characters (4 a year, 7 a month), the quarter
// for -1 (YYYY-Qn), ” for 0; null for a date not that precise, which the
// count leaves out.
const countPeriod = `CASE $period WHEN 0 THEN ''
    WHEN -1 THEN CASE WHEN size(DATE) >= 7 THEN left(DATE, 4) + '-Q' + toString((toInteger(substring(DATE, 5, 2)) + 2) / 3) END
    ELSE CASE WHEN size(DATE) >= $period THEN left(DATE, $period) END END`

// countDates keeps what is dated within [$from, $to], compared as ISO
// prefixes as the SQLite store compares them.
const countDates = `($from IS NULL OR (DATE <> '' AND left(DATE, size($from)) >= $from))
  AND ($to IS NULL OR (DATE <> '' AND left(DATE, size($to)) <= $to))`

func onDate(q, date string) string { return strings.ReplaceAll(q, "DATE", date) }

var (
	// cypherBucketsEvents groups events; their country is the smallest id
	// of a Country they were HELD_IN, else of one a Location they were
	// HELD_IN is LOCATED_IN, else ''.
	cypherBucketsEvents = `MATCH (e:Event)
WHERE ($kind IS NULL OR e.kind = $kind)
  AND ` + onDate(countDates, "e.date") + `
WITH e, CASE WHEN $byCountry OR $country IS NOT NULL THEN coalesce(
    reduce(m = null, c IN [(e)-[h:HELD_IN]->(c:Country) WHERE h.retractedReason IS NULL | c.id] | CASE WHEN m IS NULL OR c < m THEN c ELSE m END),
    reduce(m = null, c IN [(e)-[h:HELD_IN]->(:Location)-[l:LOCATED_IN]->(c:Country) WHERE h.retractedReason IS NULL AND l.retractedReason IS NULL | c.id] | CASE WHEN m IS NULL OR c < m THEN c ELSE m END),
    '') ELSE '' END AS held
WHERE $country IS NULL OR held = $country
WITH CASE WHEN $byKind THEN coalesce(e.kind, '') ELSE '' END AS kind,
  ` + onDate(countPeriod, "e.date") + ` AS period,
  CASE WHEN $byCountry THEN held ELSE '' END AS country
WHERE period IS NOT NULL
RETURN kind, '' AS type, period, country, count(*) AS n
ORDER BY kind, period, country`

	// cypherCountRelations groups the relations that stand by type and
	// the date they were first seen.
	cypherBucketsRelations = `MATCH (:Entity)-[r]->(:Entity)
WHERE type(r) IN $types AND r.retractedReason IS NULL
  AND ` + onDate(countDates, "r.firstSeen") + `
WITH CASE WHEN $byType THEN type(r) ELSE '' END AS type,
  ` + onDate(countPeriod, "r.firstSeen") + ` AS period
WHERE period IS NOT NULL
RETURN '' AS kind, type, period, '' AS country, count(*) AS n
ORDER BY type, period`

	cypherBucketsDocuments = `MATCH (d:Document)
WHERE ($kind IS NULL OR d.kind = $kind)
  AND ` + onDate(countDates, "d.date") + `
WITH CASE WHEN $byKind THEN coalesce(d.kind, '') ELSE '' END AS kind,
  ` + onDate(countPeriod, "d.date") + ` AS period
WHERE period IS NOT NULL
RETURN kind, '' AS type, period, '' AS country, count(*) AS n
ORDER BY kind, period`
)

// Count counts events, relations or documents grouped by q's keys in one
// aggregating statement.
func (s *Store) Count(ctx context.Context, q store.CountQuery) ([]store.Bucket, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	q.Country = store.NormalizeIDPtr(q.Country)
	types := q.Types
	if len(types) == 0 {
		types = schema.RelationTypes
	}
	params := map[string]any{
		"byKind": q.Has(store.GroupKind), "byCountry": q.Has(store.GroupCountry),
		"period": int64(q.Period()), "from": nonEmpty(q.From), "to": nonEmpty(q.To),
	}
	var stmt string
	switch q.Of {
	case store.CountEvents:
		stmt = cypherBucketsEvents
		params["kind"], params["country"] = nonEmpty(q.Kind), nonEmpty(q.Country)
	case store.CountRelations:
		stmt = cypherBucketsRelations
		params = map[string]any{"byType": q.Has(store.GroupType), "period": params["period"],
			"from": params["from"], "to": params["to"], "types": optionalList(types)}
	case store.CountDocuments:
		stmt = cypherBucketsDocuments
		delete(params, "byCountry")
		params["kind"] = nonEmpty(q.Kind)
	}
	recs, err := read(ctx, s, func(tx runner) ([]*neo4j.Record, error) {
		return collect(ctx, tx, stmt, params)
	})
	if err != nil {
		return nil, internal(err, "count %s by %v", q.Of, q.GroupBy)
	}
	out := []store.Bucket{}
	for _, rec := range recs {
		m := rec.AsMap()
		str := func(k string) string { v, _ := m[k].(string); return v }
		n, _ := m["n"].(int64)
		out = append(out, store.Bucket{Kind: str("kind"), Type: schema.RelationType(str("type")),
			Period: str("period"), Country: str("country"), Count: int(n)})
	}
	if len(out) == 0 && len(q.GroupBy) == 0 {
		// No rows to aggregate is a count of nothing.
		out = append(out, store.Bucket{})
	}
	return out, nil
}

// nonEmpty is optional for a filter where "" means none too.
func nonEmpty(s *string) any {
	if s == nil || *s == "" {
		return nil
	}
	return *s
}
