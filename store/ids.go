package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/diplograph/diplograph/schema"
)

// Entity ids are readable slugs: the lower-cased type, a colon, and the
// name's key (schema.Key) with each space as a dash — "country:czech-republic",
// "organization:nukib", "person:jan-lipavsky". They need no escaping in a
// URL path or query (letters that Unicode does not decompose, such as the
// "ł" of "Łódź", stay letters and travel percent-encoded as any IRI does).
//
// The slug is one-to-one with the key, since a key holds only letters,
// digits and single spaces: two names share an id exactly when they share
// a key, as they did before slugs ("U.S." and "US" both key to "us", so
// both are country:us), and no two stored entities collide when their
// ids are rewritten. A name whose key is empty ("—", "!!!") has no id:
// Batch.Prepare refuses it, and EntityID returns the bare prefix.
//
// Ids written before slugs, the key itself after the colon
// ("country:czech republic"), stay valid as aliases for one release:
// NormalizeID turns one into its slug, and every lookup by id in both
// stores passes what it is given through NormalizeID first.

// EntityID returns the stable id of an entity of type t called name.
func EntityID(t schema.EntityType, name string) string {
	return strings.ToLower(string(t)) + ":" + slug(schema.Key(name))
}

// NormalizeID returns the current form of an entity id: one written before
// slugs ("country:czech republic") becomes its slug
// ("country:czech-republic"), as does one typed by hand in another case
// or with accents ("organization:NÚKIB" is "organization:nukib"). Ids that
// do not begin with an entity type — of relations, evidence, documents,
// or nothing known — come back unchanged, as does an id already in its
// current form. It is a pure function, so a store needs no table to
// resolve old ids, and both stores resolve them alike.
func NormalizeID(id string) string {
	prefix, tail, ok := strings.Cut(id, ":")
	if !ok {
		return id
	}
	p := strings.ToLower(prefix)
	if _, known := typeOfPrefix[p]; !known {
		return id
	}
	if p == prefix && isSlug(tail) {
		return id
	}
	return p + ":" + slug(tail)
}

// NormalizeIDs returns ids through NormalizeID, in a new slice where any
// changed (ids itself otherwise, so callers may keep using it).
func NormalizeIDs(ids []string) []string {
	var out []string
	for i, id := range ids {
		if n := NormalizeID(id); n != id {
			if out == nil {
				out = append([]string(nil), ids...)
			}
			out[i] = n
		}
	}
	if out == nil {
		return ids
	}
	return out
}

// NormalizeIDPtr is NormalizeID for an optional id, as filters hold them.
func NormalizeIDPtr(id *string) *string {
	if id == nil {
		return nil
	}
	n := NormalizeID(*id)
	if n == *id {
		return id
	}
	return &n
}

// slug folds s as schema.Key does (diacritics and case dropped, other
// punctuation vanishing without a gap: "U.S." is "us"), but keeps a
// leading "the" and joins words with single dashes: spaces, dashes and
// slashes are where words part.
func slug(s string) string {
	var b strings.Builder
	gap := true // no leading dash
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			gap = false
		case unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == '/':
			if !gap {
				b.WriteByte('-')
				gap = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// isSlug says whether s is already what slug makes of it, cheaply for the
// ASCII ids nearly every lookup carries.
func isSlug(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c == '-' && i > 0 && i < len(s)-1 && s[i-1] != '-':
		default:
			return slug(s) == s
		}
	}
	return true
}
