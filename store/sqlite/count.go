package sqlite

import (
	"context"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// eventCountry is the Country an event (e) was HELD_IN: directly, else
// through a Location LOCATED_IN it; ” when neither is known. Both look
// the event's edges up by relations_subject.
const eventCountry = `COALESCE(
	(SELECT MIN(h.object) FROM relations h JOIN entities c ON c.id = h.object AND c.type = 'Country'
		WHERE h.subject = e.id AND h.type = 'HELD_IN' AND h.retracted_reason IS NULL),
	(SELECT MIN(l.object) FROM relations h
		JOIN relations l ON l.subject = h.object AND l.type = 'LOCATED_IN' AND l.retracted_reason IS NULL
		JOIN entities c ON c.id = l.object AND c.type = 'Country'
		WHERE h.subject = e.id AND h.type = 'HELD_IN' AND h.retracted_reason IS NULL),
	'')`

// Count counts events, relations or documents grouped by q's keys, with
// one GROUP BY over the indexed columns (entities_type_kind_date,
// relations_type_seen).
func (s *DB) Count(ctx context.Context, q store.CountQuery) ([]store.Bucket, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	var from, date, kind, typ string
	var c conds
	switch q.Of {
	case store.CountEvents:
		from, date, kind = `entities e`, `e.date`, `e.kind`
		c.add(`e.type = ?`, string(schema.Event))
	case store.CountRelations:
		from, date, typ = `relations r`, `r.first_seen`, `r.type`
		c.add(`r.retracted_reason IS NULL`)
		if len(q.Types) > 0 {
			c.add(`r.type IN (SELECT value FROM json_each(?))`, jsonList(q.Types))
		}
	case store.CountDocuments:
		from, date, kind = `documents d`, `d.date`, `d.kind`
	}
	if q.Kind != nil {
		c.add(kind+` = ?`, *q.Kind)
	}
	// Dates compare as ISO prefixes, as listings compare them.
	if q.From != nil && *q.From != "" {
		c.add(date+` <> '' AND substr(`+date+`, 1, length(?)) >= ?`, *q.From, *q.From)
	}
	if q.To != nil && *q.To != "" {
		c.add(date+` <> '' AND substr(`+date+`, 1, length(?)) <= ?`, *q.To, *q.To)
	}
	if q.Country != nil {
		c.add(eventCountry+` = ?`, store.NormalizeID(*q.Country))
	}
	cols := []string{`''`, `''`, `''`, `''`} // kind, type, period, country
	var keys []string
	if q.Has(store.GroupKind) {
		cols[0] = kind
		keys = append(keys, "1")
	}
	if q.Has(store.GroupType) {
		cols[1] = typ
		keys = append(keys, "2")
	}
	switch n := q.Period(); n {
	case 4, 7:
		cols[2] = `substr(` + date + `, 1, ` + strconv.Itoa(n) + `)`
		c.add(`length(` + date + `) >= ` + strconv.Itoa(n))
		keys = append(keys, "3")
	case -1:
		cols[2] = `substr(` + date + `, 1, 4) || '-Q' || ((CAST(substr(` + date + `, 6, 2) AS INTEGER) + 2) / 3)`
		c.add(`length(` + date + `) >= 7`)
		keys = append(keys, "3")
	}
	if q.Has(store.GroupCountry) {
		cols[3] = eventCountry
		keys = append(keys, "4")
	}
	query := `SELECT ` + strings.Join(cols, ", ") + `, count(*) FROM ` + from + c.where()
	if len(keys) > 0 {
		query += ` GROUP BY ` + strings.Join(keys, ", ") + ` ORDER BY ` + strings.Join(keys, ", ")
	}
	rows, err := s.reader(nil).QueryContext(ctx, query, c.args...)
	if err != nil {
		return nil, internal(err, "count %s by %v", q.Of, q.GroupBy)
	}
	defer rows.Close()
	out := []store.Bucket{}
	for rows.Next() {
		var b store.Bucket
		var t string
		if err := rows.Scan(&b.Kind, &t, &b.Period, &b.Country, &b.Count); err != nil {
			return nil, internal(err, "count %s by %v", q.Of, q.GroupBy)
		}
		b.Type = schema.RelationType(t)
		if b.Count > 0 || len(keys) == 0 {
			out = append(out, b)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "count %s by %v", q.Of, q.GroupBy)
	}
	return out, nil
}
