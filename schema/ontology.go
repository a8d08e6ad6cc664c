// Package schema holds the ontology of the diplomatic knowledge graph — entity
// types, their kinds, relation types and the endpoints each allows — and the
// GraphQL SDL that serves it (schema/*.graphqls). It imports nothing of ours,
// so every other package can agree on it.
package schema

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// EntityType is a node label of the graph.
type EntityType string

// The entity types of ONTOLOGY.md.
const (
	Person       EntityType = "Person"
	Organization EntityType = "Organization"
	Country      EntityType = "Country"
	Location     EntityType = "Location"
	Event        EntityType = "Event"
	Agreement    EntityType = "Agreement"
	Topic        EntityType = "Topic"
	Document     EntityType = "Document"
)

// EntityTypes lists every entity type in a fixed order (used for stats and
// for validating input).
var EntityTypes = []EntityType{Person, Organization, Country, Location, Event, Agreement, Topic, Document}

// Kinds lists the allowed `kind` values per entity type; a type missing here
// has no kind.
var Kinds = map[EntityType][]string{
	Organization: {"GOVERNMENT", "MILITARY", "INTERNATIONAL", "LEGISLATURE", "COMPANY", "MEDIA", "OTHER"},
	Event:        {"DIALOGUE", "MEETING", "VISIT", "SUMMIT", "CONFERENCE", "SIGNING", "NEGOTIATION", "CONFLICT", "EXERCISE", "OTHER"},
	Agreement:    {"TREATY", "AGREEMENT", "MOU", "JOINT_STATEMENT", "DECLARATION", "STRATEGY", "POLICY", "PROGRAM", "OTHER"},
	Document:     {"PRESS_RELEASE", "JOINT_STATEMENT", "MEDIA_NOTE", "NEWS", "PAPER", "OTHER"},
}

// Valid reports whether t is one of the ontology's entity types.
func (t EntityType) Valid() bool { return slices.Contains(EntityTypes, t) }

// ValidKind reports whether kind is allowed for entity type t. The empty kind
// is always allowed: not every mention says what kind of thing it names.
func ValidKind(t EntityType, kind string) bool {
	if kind == "" {
		return true
	}
	return slices.Contains(Kinds[t], kind)
}

// RelationType is an edge type of the graph.
type RelationType string

// The relation types of ONTOLOGY.md.
const (
	Attended      RelationType = "ATTENDED"
	HoldsPosition RelationType = "HOLDS_POSITION"
	PartOf        RelationType = "PART_OF"
	MemberOf      RelationType = "MEMBER_OF"
	HeldIn        RelationType = "HELD_IN"
	LocatedIn     RelationType = "LOCATED_IN"
	Signed        RelationType = "SIGNED"
	Produced      RelationType = "PRODUCED"
	MetWith       RelationType = "MET_WITH"
	Discussed     RelationType = "DISCUSSED"
)

// RelationTypes lists every relation type in a fixed order.
var RelationTypes = []RelationType{Attended, HoldsPosition, PartOf, MemberOf, HeldIn, LocatedIn, Signed, Produced, MetWith, Discussed}

// Endpoints says which entity types a relation type may connect.
type Endpoints struct {
	From []EntityType
	To   []EntityType
}

// Relations holds the endpoint rules of every relation type.
var Relations = map[RelationType]Endpoints{
	Attended:      {From: []EntityType{Person, Organization, Country}, To: []EntityType{Event}},
	HoldsPosition: {From: []EntityType{Person}, To: []EntityType{Organization, Country}},
	PartOf:        {From: []EntityType{Organization}, To: []EntityType{Organization, Country}},
	MemberOf:      {From: []EntityType{Country, Organization}, To: []EntityType{Organization}},
	HeldIn:        {From: []EntityType{Event}, To: []EntityType{Location, Country}},
	LocatedIn:     {From: []EntityType{Location}, To: []EntityType{Location, Country}},
	Signed:        {From: []EntityType{Person, Organization, Country}, To: []EntityType{Agreement}},
	Produced:      {From: []EntityType{Event}, To: []EntityType{Agreement}},
	MetWith:       {From: []EntityType{Person}, To: []EntityType{Person}},
	Discussed:     {From: []EntityType{Event}, To: []EntityType{Topic}},
}

// Valid reports whether r is one of the ontology's relation types.
func (r RelationType) Valid() bool { _, ok := Relations[r]; return ok }

// Allows reports whether r may connect an entity of type from to one of type to.
func (r RelationType) Allows(from, to EntityType) bool {
	e, ok := Relations[r]
	return ok && slices.Contains(e.From, from) && slices.Contains(e.To, to)
}

// EventStatuses lists an Event's status values (ONTOLOGY.md, "Time and
// status"), judged as of the document that states them.
var EventStatuses = []string{"HELD", "PLANNED", "PROPOSED", "POSTPONED", "CANCELLED"}

// Tenses lists a HOLDS_POSITION's tense values: whether the post is held,
// was held or is about to be, as of the document that states it.
var Tenses = []string{"CURRENT", "FORMER", "INCOMING"}

// ValidStatus reports whether s is an event status; the empty status (not
// judged) is allowed.
func ValidStatus(s string) bool { return s == "" || slices.Contains(EventStatuses, s) }

// ValidTense reports whether s is a post's tense; the empty tense is allowed.
func ValidTense(s string) bool { return s == "" || slices.Contains(Tenses, s) }

// Symmetric reports whether r reads the same in both directions; such edges
// are stored once, with the smaller entity id as subject.
func (r RelationType) Symmetric() bool { return r == MetWith }

// Topics is the controlled list of Topic names.
var Topics = []string{
	"cybersecurity", "cybercrime", "cyber defense", "5G security", "artificial intelligence",
	"quantum technology", "post-quantum cryptography", "disinformation", "hybrid threats",
	"ransomware", "energy security", "nuclear energy", "climate", "sanctions", "export controls",
	"trade and investment", "supply chain security", "defense cooperation", "missile defense",
	"military modernization", "collective defense", "Ukraine", "Indo-Pacific", "human rights",
	"democracy", "media freedom", "economic security", "critical infrastructure",
}

// Normalize folds a name the way ONTOLOGY.md compares names when scoring:
// NFKD with diacritics removed, case folded, punctuation dropped, a leading
// "the" dropped and spaces collapsed.
func Normalize(name string) string { return fold(name, false) }

// Key folds a name for identity: as Normalize, but dashes and slashes part
// words, so that "United States-Czech Republic" and "United States - Czech
// Republic" name one thing.
func Key(name string) string { return fold(name, true) }

func fold(name string, dashIsSpace bool) string {
	var b strings.Builder
	space := true // drop leading spaces
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case unicode.IsSpace(r) || dashIsSpace && (unicode.Is(unicode.Pd, r) || r == '/'):
			if !space {
				b.WriteByte(' ')
				space = true
			}
		default:
			// Punctuation ("U.S.", "Prosecutor's") vanishes without a gap.
		}
	}
	s := strings.TrimSpace(b.String())
	s = strings.TrimPrefix(s, "the ")
	return s
}
