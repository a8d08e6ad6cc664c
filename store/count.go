package store

import (
	"fmt"
	"slices"

	"github.com/diplograph/diplograph/schema"
)

// CountSubject is what a CountQuery counts.
type CountSubject string

const (
	CountEvents    CountSubject = "EVENTS"    // Event entities, by their date
	CountRelations CountSubject = "RELATIONS" // relations standing (not retracted), by their first seen date
	CountDocuments CountSubject = "DOCUMENTS" // documents, by their date
)

// GroupKey is one key a CountQuery groups by.
type GroupKey string

const (
	GroupKind    GroupKey = "KIND"    // events' and documents' kind
	GroupType    GroupKey = "TYPE"    // relations' type
	GroupYear    GroupKey = "YEAR"    // YYYY
	GroupQuarter GroupKey = "QUARTER" // YYYY-Qn
	GroupMonth   GroupKey = "MONTH"   // YYYY-MM
	GroupCountry GroupKey = "COUNTRY" // events: the Country HELD_IN, directly or through a Location LOCATED_IN it
)

// CountQuery asks for counts grouped by keys, as a chart draws them.
// Nil or empty filters do not filter.
type CountQuery struct {
	Of      CountSubject
	GroupBy []GroupKey
	Kind    *string               // events and documents
	Types   []schema.RelationType // relations
	From    *string               // inclusive, compared as ISO prefixes
	To      *string               // inclusive, compared as ISO prefixes
	Country *string               // events: held in this Country (as GroupCountry reads it)
}

// Bucket is one group's count. A key the query does not group by is
// empty; so is Kind for what no text gave a kind, and Country for an
// event held nowhere known. Grouping by a period leaves out what is not
// dated that precisely (an event dated 2024 has no month).
type Bucket struct {
	Kind    string
	Type    schema.RelationType
	Period  string
	Country string // entity id
	Count   int
}

// Period returns the length of the date prefix the query groups by (4,
// 7) or the quarter (-1), and 0 when it groups by no period.
func (q CountQuery) Period() int {
	switch {
	case slices.Contains(q.GroupBy, GroupYear):
		return 4
	case slices.Contains(q.GroupBy, GroupMonth):
		return 7
	case slices.Contains(q.GroupBy, GroupQuarter):
		return -1
	}
	return 0
}

// Has reports whether q groups by k.
func (q CountQuery) Has(k GroupKey) bool { return slices.Contains(q.GroupBy, k) }

// Check returns an EINVALID error naming what is wrong with q: an unknown
// subject or key, a key twice, two periods, or a key or filter the
// subject does not have.
func (q CountQuery) Check() error {
	switch q.Of {
	case CountEvents, CountRelations, CountDocuments:
	default:
		return Errorf(EINVALID, "cannot count %q: count EVENTS, RELATIONS or DOCUMENTS", q.Of)
	}
	periods := 0
	for i, k := range q.GroupBy {
		if slices.Contains(q.GroupBy[:i], k) {
			return Errorf(EINVALID, "groupBy names %s twice", k)
		}
		switch k {
		case GroupYear, GroupQuarter, GroupMonth:
			periods++
		case GroupKind:
			if q.Of == CountRelations {
				return Errorf(EINVALID, "relations have no kind: group them by TYPE")
			}
		case GroupType:
			if q.Of != CountRelations {
				return Errorf(EINVALID, "only relations have a TYPE to group by; %s have a KIND", q.Of)
			}
		case GroupCountry:
			if q.Of != CountEvents {
				return Errorf(EINVALID, "only events group by COUNTRY (the country they were held in)")
			}
		default:
			return Errorf(EINVALID, "cannot group by %q", k)
		}
	}
	if periods > 1 {
		return Errorf(EINVALID, "groupBy names %d periods: choose one of YEAR, QUARTER and MONTH", periods)
	}
	if q.Kind != nil {
		t := schema.Event
		if q.Of == CountDocuments {
			t = schema.Document
		}
		if q.Of == CountRelations || !schema.ValidKind(t, *q.Kind) {
			return Errorf(EINVALID, "%s cannot have kind %s", q.Of, *q.Kind)
		}
	}
	if len(q.Types) > 0 && q.Of != CountRelations {
		return Errorf(EINVALID, "only relations filter by type")
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return Errorf(EINVALID, "no relation type %q", t)
		}
	}
	if q.Country != nil && q.Of != CountEvents {
		return Errorf(EINVALID, "only events filter by country")
	}
	return nil
}

// QuarterOf returns the quarter of an ISO date as YYYY-Qn, "" for a date
// without a month.
func QuarterOf(date string) string {
	if len(date) < 7 || date[4] != '-' {
		return ""
	}
	m := int(date[5]-'0')*10 + int(date[6]-'0')
	if m < 1 || m > 12 {
		return ""
	}
	return fmt.Sprintf("%s-Q%d", date[:4], (m+2)/3)
}
