package storetest

import (
	"fmt"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Pool sizes of the synthetic world: documents draw their entities from
// these, so a long run of documents keeps meeting the same entities again.
const (
	syntheticCountries = 20
	syntheticPeople    = 100
	syntheticOrgs      = 30
	syntheticPlaces    = 15
)

// SyntheticBatch returns the i-th document of a synthetic corpus for
// benchmarks and load tests: one dated event per document, attended by
// three people and two countries drawn from fixed pools, with posts,
// a meeting, a venue and a parent body. Documents differ by i; entities and
// many relations recur across documents, as in real corpora.
func SyntheticBatch(i int) store.Batch {
	pick := func(n, k int) int { return (i*7 + k*13 + k*k*5) % n }
	country := func(k int) store.Entity {
		return entity(schema.Country, "", fmt.Sprintf("Country %d", pick(syntheticCountries, k)))
	}
	person := func(k int) store.Entity {
		return entity(schema.Person, "", fmt.Sprintf("Person %d", pick(syntheticPeople, k)))
	}
	c1, c2 := country(1), country(2)
	if c1.ID == c2.ID {
		c2 = entity(schema.Country, "", fmt.Sprintf("Country %d", (pick(syntheticCountries, 2)+1)%syntheticCountries))
	}
	p1, p2, p3 := person(1), person(2), person(3)
	people := uniqueEntities(p1, p2, p3)
	org := entity(schema.Organization, "GOVERNMENT", fmt.Sprintf("Ministry %d", pick(syntheticOrgs, 4)), fmt.Sprintf("M%d", pick(syntheticOrgs, 4)))
	place := entity(schema.Location, "", fmt.Sprintf("City %d", pick(syntheticPlaces, 5)))
	ev := event("MEETING", fmt.Sprintf("Meeting %d", i), fmt.Sprintf("20%02d-%02d-%02d", 10+i%15, 1+i%12, 1+i%28))

	facts := []fact{
		{s: c1, t: schema.Attended, o: ev, confidence: 0.8},
		{s: c2, t: schema.Attended, o: ev, confidence: 0.7},
		{s: ev, t: schema.HeldIn, o: place, confidence: 0.6},
		{s: org, t: schema.PartOf, o: c1, confidence: 0.9},
	}
	for _, p := range people {
		facts = append(facts,
			fact{s: p, t: schema.Attended, o: ev, confidence: 0.75},
			fact{s: p, t: schema.HoldsPosition, o: org, confidence: 0.5, title: "Envoy"})
	}
	if len(people) > 1 {
		facts = append(facts, fact{s: people[0], t: schema.MetWith, o: people[1], confidence: 0.65})
	}
	ents := append([]store.Entity{c1, c2, org, place, ev}, people...)
	return fixtureBatch(fmt.Sprintf("Synthetic document %d", i), ev.Date, ents, facts...)
}

func uniqueEntities(es ...store.Entity) []store.Entity {
	var out []store.Entity
	seen := map[string]bool{}
	for _, e := range es {
		if !seen[e.ID] {
			seen[e.ID] = true
			out = append(out, e)
		}
	}
	return out
}
