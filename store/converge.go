package store

import (
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/schema"
)

// Cross-document identity. The ingest pipeline extracts each document on
// its own, so the same thing may reach the store under two ids: "NATO" in
// one document, "North Atlantic Treaty Organization (NATO)" in another.
// WriteBatch converges them when it writes, by rules that look only at the
// entities' content, so that the graph does not depend on the order in
// which documents arrive. Both stores use the rules below.

// Converges reports whether e and c name the same thing as far as
// convergence goes: the same type, different ids, and the name of one
// answering (schema.Key) to the name or an alias of the other. Two aliases
// in common do not count: generic short forms ("Ministry of Justice") are
// shared by many countries' bodies.
func Converges(e, c Entity) bool {
	if e.Type != c.Type || e.ID == c.ID {
		return false
	}
	return len(linkKeys(e, c)) > 0
}

// ConvergenceKeys returns the keys under which a store looks for e's
// convergence candidates: its name's and its aliases'. A store returns the
// entities of e's type whose name or an alias has one of them, and
// ConvergenceCandidates sorts out which count.
func ConvergenceKeys(e Entity) []string {
	keys := []string{schema.Key(e.Name)}
	for _, a := range e.Aliases {
		if k := schema.Key(a); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// ConvergenceCandidates returns the entities among found that e
// converges with, in id order. Each of e's keys links e to the entities
// that answer to it (its name's key to names and aliases, its aliases'
// keys to names only); a key that links e to several is ambiguous and
// links it to none. Two keys may each link e to a different entity — a
// chain of names, "NATO" to one and "North Atlantic Treaty Organization"
// to another — and then e converges with both, so that a chain gives one
// entity whichever of its links was stored first.
func ConvergenceCandidates(e Entity, found []Entity) []Entity {
	byKey := map[string][]Entity{}
	for _, c := range found {
		if c.Type != e.Type || c.ID == e.ID {
			continue
		}
		for _, k := range linkKeys(e, c) {
			if !slices.ContainsFunc(byKey[k], func(x Entity) bool { return x.ID == c.ID }) {
				byKey[k] = append(byKey[k], c)
			}
		}
	}
	var out []Entity
	for _, cs := range byKey {
		if len(cs) == 1 && !slices.ContainsFunc(out, func(x Entity) bool { return x.ID == cs[0].ID }) {
			out = append(out, cs[0])
		}
	}
	slices.SortFunc(out, func(a, b Entity) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// linkKeys returns the keys of e that link it to c: e's name's key if it
// is c's name's or an alias's, and the keys of e's aliases that are c's
// name's.
func linkKeys(e, c Entity) []string {
	ek, ck := schema.Key(e.Name), schema.Key(c.Name)
	if ek == "" || ck == "" {
		return nil
	}
	var keys []string
	if ek == ck || slices.ContainsFunc(c.Aliases, func(a string) bool { return schema.Key(a) == ek }) {
		keys = append(keys, ek)
	}
	if slices.ContainsFunc(e.Aliases, func(a string) bool { return schema.Key(a) == ck }) {
		keys = append(keys, ck)
	}
	return keys
}

// Survivor orders two converging entities: keep is the one whose id and
// name the merged entity takes, merge the one folded into it. The choice
// depends only on the two, never on which was stored first: a name that
// is not an acronym (it has a lower-case letter) wins, then the longer
// key, then the smaller id.
func Survivor(a, b Entity) (keep, merge Entity) {
	if better(a, b) {
		return a, b
	}
	return b, a
}

func better(a, b Entity) bool {
	if al, bl := hasLower(a.Name), hasLower(b.Name); al != bl {
		return al
	}
	if ak, bk := len(schema.Key(a.Name)), len(schema.Key(b.Name)); ak != bk {
		return ak > bk
	}
	return a.ID < b.ID
}

func hasLower(s string) bool {
	return strings.IndexFunc(s, unicode.IsLower) >= 0
}

// Pick is how WriteBatch settles a field two documents (or two converging
// entities) disagree on — an entity's kind, a relation's title or since:
// the greater string wins, and any value beats an empty one. Being a
// maximum, it gives the same answer in any order and again when a document
// is ingested a second time.
func Pick(a, b string) string {
	return max(a, b)
}

// PickDates settles an entity's date and end date as Pick would, but as
// one pair, so that a start from one document never ends up with an end
// from another: the greater date wins, then the greater end date. ISO
// prefixes compare so that the more precise of two agreeing dates wins.
func PickDates(date, end, date2, end2 string) (string, string) {
	if date2 > date || (date2 == date && end2 > end) {
		return date2, end2
	}
	return date, end
}

// PickName is how WriteBatch settles two spellings with one key (names of
// an entity, or two spellings of one alias): the smaller string, which
// prefers capitals ("Foreign Affairs" over "foreign affairs").
func PickName(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return min(a, b)
}

// Follow returns the survivor of id after the merges recorded in moved
// (merged id → the id it merged into), following chains of merges.
func Follow(moved map[string]string, id string) string {
	for {
		next, ok := moved[id]
		if !ok {
			return id
		}
		id = next
	}
}

// Settle rewrites a WriteResult for the merges convergence made: ids
// merged away give way to their survivors', which count as new only if
// this batch created them, and relations are named by their new ends,
// new when all their evidence comes from this document. onlyHere reports
// that of a stored relation, and ENOTFOUND when the merge removed it.
func Settle(res *WriteResult, b Batch, moved map[string]string, onlyHere func(relationID string) (bool, error)) error {
	if len(moved) == 0 {
		return nil
	}
	var ents []string
	for _, id := range res.NewEntities {
		id = Follow(moved, id)
		if slices.Contains(res.NewEntities, id) && !slices.Contains(ents, id) {
			ents = append(ents, id)
		}
	}
	res.NewEntities = ents
	var rels []string
	for _, r := range b.Relations {
		s, o := Follow(moved, r.Subject), Follow(moved, r.Object)
		if s == o {
			continue
		}
		id := RelationID(s, r.Type, o) // orders symmetric ends itself
		if slices.Contains(rels, id) {
			continue
		}
		only, err := onlyHere(id)
		if ErrorCode(err) == ENOTFOUND {
			continue
		}
		if err != nil {
			return err
		}
		if only {
			rels = append(rels, id)
		}
	}
	res.NewRelation = rels
	return nil
}
