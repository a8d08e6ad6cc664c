// Package store holds the domain types the stores speak — entities,
// relations, evidence, documents, the batch one document yields — their
// filters, and the Store interface that store/sqlite and store/neo4j
// implement. store/storetest is the contract suite both pass.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/diplograph/diplograph/schema"
)

// Entity is a node of the graph: a person, body, state, place, event,
// instrument or topic. Its ID is derived from its type and canonical name
// (see EntityID), so two writers naming the same thing agree on the id.
type Entity struct {
	ID      string
	Type    schema.EntityType
	Kind    string   // one of schema.Kinds[Type], or empty
	Name    string   // canonical name
	Aliases []string // other names; never includes Name
	Date    string   // events: YYYY, YYYY-MM or YYYY-MM-DD
	EndDate string   // events spanning days
	// Status is an event's HELD, PLANNED, PROPOSED, POSTPONED or
	// CANCELLED as of its document's date (ONTOLOGY.md, "Time and
	// status"); empty where extraction did not judge it. Where documents
	// disagree, the newest document's judgement wins (PickJudgement).
	Status string
	// StatusAsOf is the date of the document whose judgement Status is
	// (Batch.Prepare sets it from the document), "" when undated.
	StatusAsOf string
}

// Relation is one fact: a typed edge between two entities, unique per
// (Subject, Type, Object). Every piece of text that supports it is one
// Evidence; the same fact found in several documents is one edge.
type Relation struct {
	ID         string
	Type       schema.RelationType
	Subject    string // entity id
	Object     string // entity id
	Title      string // HOLDS_POSITION: the post
	Since      string // MEMBER_OF: when membership began; HOLDS_POSITION: when the post began; where stated
	Until      string // HOLDS_POSITION: when the post ended, where stated
	Tense      string // HOLDS_POSITION: CURRENT, FORMER or INCOMING; the newest document's judgement (PickJudgement)
	TenseAsOf  string // the date of the document whose judgement Tense is (set by Batch.Prepare)
	Confidence float64
	FirstSeen  string // earliest date of a supporting document, if known
	LastSeen   string // latest date of a supporting document, if known
	Evidence   []Evidence
	Retracted  *Retraction // set when an analyst retracted the fact
	// Withdrawn is set when every document supporting the fact is a
	// version superseded by a newer one that no longer states it, and no
	// analyst asserted it (see Withdrawals). The fact and its evidence
	// stay.
	Withdrawn *Withdrawal
}

// Withdrawal says which newer version of a document no longer states a
// fact: the newest version of the source whose older versions supported
// it, and that version's date.
type Withdrawal struct {
	By string // document id
	At string // its date, "" when undated
}

// Retraction records why and when a relation was retracted.
type Retraction struct {
	Reason string
	At     time.Time
}

// DeleteResult says what deleting a document removed.
type DeleteResult struct {
	DocumentID       string
	RemovedEvidence  int
	RemovedRelations []string // ids
	RemovedEntities  []string // ids
}

// Evidence is a sentence that supports a relation.
type Evidence struct {
	ID         string
	RelationID string
	DocumentID string
	Sentence   string
	Start, End int // byte offsets of Sentence in the document's cleaned text
	Extractor  string
	Confidence float64 // in [0,1]
}

// Document is an ingested source text. Its ID is the hash of its cleaned
// text, which makes ingest idempotent by content.
type Document struct {
	ID         string
	Filename   string
	Title      string
	Date       string // as the document states it, YYYY[-MM[-DD]]
	Publisher  string
	Kind       string // one of schema.Kinds[schema.Document]
	Source     string // where it came from (path or URL)
	Text       string // cleaned text; evidence offsets point into it
	IngestedAt time.Time
}

// Batch is everything one document adds: the document, the entities it
// mentions and the relations it supports, each relation with the evidence
// from this document. A store writes a batch atomically.
type Batch struct {
	Document  Document
	Entities  []Entity
	Relations []Relation
}

// WriteResult says what a batch changed.
type WriteResult struct {
	DocumentID  string
	Existed     bool     // the document was already stored: nothing changed
	NewEntities []string // ids
	NewRelation []string // ids
	NewEvidence int
}

// TypeOf returns the entity type an entity id begins with. Every stored
// id does (Batch.Prepare refuses others, merging keeps ids), so a reader
// can tell an entity's type without loading it.
func TypeOf(id string) (schema.EntityType, bool) {
	prefix, _, ok := strings.Cut(id, ":")
	if !ok {
		return "", false
	}
	t, ok := typeOfPrefix[prefix]
	return t, ok
}

// typeOfPrefix maps the prefix EntityID gives each type back to the type.
var typeOfPrefix = func() map[string]schema.EntityType {
	m := make(map[string]schema.EntityType, len(schema.EntityTypes))
	for _, t := range schema.EntityTypes {
		m[strings.ToLower(string(t))] = t
	}
	return m
}()

// RelationID returns the stable id of the fact (subject, t, object). For a
// symmetric type the ends are ordered first, so both readings share an id.
func RelationID(subject string, t schema.RelationType, object string) string {
	if t.Symmetric() && object < subject {
		subject, object = object, subject
	}
	return "rel:" + shortHash(subject, string(t), object)
}

// EvidenceID returns the stable id of the evidence for relation rel at
// [start,end) of document doc.
func EvidenceID(rel, doc string, start, end int) string {
	return "ev:" + shortHash(rel, doc, itoa(start), itoa(end))
}

// AnalystExtractor marks evidence an analyst asserted (AssertRelation):
// its Sentence is the analyst's note and it has no document.
const AnalystExtractor = "analyst"

// AnalystEvidenceID returns the id of an analyst's note on relation rel:
// the same note on the same fact is one piece of evidence.
func AnalystEvidenceID(rel, note string) string {
	return EvidenceID(rel, "analyst\x00"+note, 0, 0)
}

// EvidenceIDOf returns the id of ev once it belongs to relation rel, as
// when a merge moves evidence to another relation.
func EvidenceIDOf(rel string, ev Evidence) string {
	if ev.DocumentID == "" {
		return AnalystEvidenceID(rel, ev.Sentence)
	}
	return EvidenceID(rel, ev.DocumentID, ev.Start, ev.End)
}

// DocumentID returns the id of a document with the given cleaned text.
func DocumentID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "doc:" + hex.EncodeToString(sum[:12])
}

func shortHash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// EntityFilter selects entities. Nil or empty fields do not filter.
type EntityFilter struct {
	IDs          []string
	Type         *schema.EntityType
	Kind         *string
	NameContains *string // case- and diacritic-insensitive, over name and aliases
	From, To     *string // events: date range, inclusive, compared as ISO prefixes
	Participant  *string // events: an entity id that ATTENDED the event
	Status       *string // events: one of schema.EventStatuses
	OrderBy      EntityOrder
	Page
}

// EntityOrder sets the order of entity listings.
type EntityOrder int

const (
	OrderByName     EntityOrder = iota // name, then id
	OrderByDateAsc                     // date (undated last), then id
	OrderByDateDesc                    // date descending (undated last), then id
)

// RelationFilter selects relations. Nil or empty fields do not filter.
type RelationFilter struct {
	Types         []schema.RelationType
	Subject       *string // entity id
	Object        *string // entity id
	Document      *string // supported by evidence from this document
	MinConfidence *float64
	Tense         *string // HOLDS_POSITION: one of schema.Tenses
	// Withdrawn, when set, keeps only withdrawn facts (true) or only
	// standing ones (false).
	Withdrawn *bool
	// IncludeRetracted lists retracted relations too (for audit); by
	// default they are hidden.
	IncludeRetracted bool
	Page
}

// Page asks for at most First items after the cursor After. First <= 0
// means DefaultPageSize; larger than MaxPageSize is an EINVALID error.
type Page struct {
	First int
	After string
}

const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// EntityPage is a page of entities.
type EntityPage struct {
	Items      []Entity
	TotalCount int
	HasNext    bool
	EndCursor  string // cursor of the last item, "" when the page is empty
}

// RelationPage is a page of relations (without Evidence filled in).
type RelationPage struct {
	Items      []Relation
	TotalCount int
	HasNext    bool
	EndCursor  string
}

// Direction says which way to follow edges from an entity.
type Direction int

const (
	Out  Direction = iota // the entity is the subject
	In                    // the entity is the object
	Both                  // either
)

// Expand asks for the relations touching a set of entities at once, so
// that a GraphQL field resolved for fifty parents costs one call.
type Expand struct {
	IDs       []string
	Direction Direction
	Types     []schema.RelationType // empty: all
	// Among keeps only the relations whose two ends are both among IDs,
	// whatever Direction says: the edges inside a set of nodes already
	// found (a neighbourhood's last round), without reading every other
	// relation of theirs.
	Among bool
}

// SearchHit is one result of a name search, best first.
type SearchHit struct {
	Entity Entity
	Score  float64      // higher is better; RankSearch says how tiers fall
	Reason SearchReason // why it matched
}

// DefaultSearchLimit is how many hits a search returns for a limit <= 0.
const DefaultSearchLimit = 20

// SearchLimit is the number of hits a search asked for limit returns: the
// default for none, at most MaxPageSize.
func SearchLimit(limit int) int {
	if limit <= 0 {
		return DefaultSearchLimit
	}
	return min(limit, MaxPageSize)
}

// DocumentHit is one result of a search of documents' text, best first.
type DocumentHit struct {
	Document Document
	Score    float64 // higher is better, in [0,1)
}

// Store is the graph's persistence. Implementations are safe for concurrent
// use. Errors are *Error values with a Code where the caller can act on them.
type Store interface {
	// WriteBatch stores a document with its entities, relations and evidence
	// in one transaction. A document already stored (same ID) changes
	// nothing and reports Existed. EINVALID for a batch that breaks the
	// ontology or refers to entities it does not carry or the store does
	// not hold.
	//
	// The graph is a function of the set of documents written, not of
	// their order, concurrent writers included. Entities merge by ID:
	// aliases are united, and where documents disagree the value is
	// settled by content — names of one key and spellings of one alias by
	// PickName (the smaller string), kinds, relation titles, since and
	// until by Pick (the greater; any value beats none), an event's date
	// and end date as one pair by PickDates, an event's status and a
	// post's tense by PickJudgement (the newest document's judgement).
	// Confidence is the best, the seen window the widest.
	//
	// A document whose Source is an http(s) URL (Versionable) is a version
	// of the other documents of that source: once it is written, a fact
	// that only superseded versions support is marked Withdrawn (see
	// Withdrawals), and one a newer version states again stands.
	//
	// Then, in the same transaction, the batch's entities converge with
	// what is stored (cross-document identity; the pipeline reads each
	// document alone): an entity whose name's key is another's name's or
	// alias's, or whose alias's key is another's name's, is that entity,
	// unless the key links it to several (ConvergenceCandidates; aliases
	// in common never link). The two merge as MergeEntities merges, into
	// the Survivor (not an acronym, then the longer key, then the smaller
	// id — never the one stored first), the other's name becoming an
	// alias, its relations, evidence and mentions moving under recomputed
	// ids, and disagreements settled as above. The survivor is looked at
	// again, since it now answers to more names. WriteResult names
	// survivors: an entity merged into one stored before is not new, and
	// a relation is new when all its evidence comes from this document.
	//
	// Order independence is exact while every key links at most two
	// entities. When a name answers to several entities, which one a
	// merge has already joined depends on what came first, and stays so.
	//
	// DeleteDocument does not undo a convergence: the merged entity keeps
	// the names the deleted document brought (as it keeps aliases and
	// kinds), and writing the document again converges to the same graph.
	WriteBatch(ctx context.Context, b Batch) (WriteResult, error)

	// Entity returns one entity by id. ENOTFOUND if there is none.
	Entity(ctx context.Context, id string) (Entity, error)
	// EntitiesByID returns the entities with the given ids, in the order
	// asked, with a zero Entity (empty ID) for each id not found.
	EntitiesByID(ctx context.Context, ids []string) ([]Entity, error)
	// EntityByAlias returns the entities of type t whose name or an alias
	// normalizes (schema.Key) to the key of name.
	EntityByAlias(ctx context.Context, t schema.EntityType, name string) ([]Entity, error)
	// Entities lists entities matching f. EINVALID for a bad cursor or page size.
	Entities(ctx context.Context, f EntityFilter) (EntityPage, error)

	// Relations lists relations matching f, ordered by id. EINVALID for a
	// bad cursor or page size.
	Relations(ctx context.Context, f RelationFilter) (RelationPage, error)
	// Expand returns every relation touching the entities asked, in no
	// particular order, without Evidence filled in.
	Expand(ctx context.Context, e Expand) ([]Relation, error)
	// EvidenceFor returns the evidence of the given relations, grouped by
	// relation id, each group in document then offset order.
	EvidenceFor(ctx context.Context, relationIDs []string) (map[string][]Evidence, error)

	// Document returns one document. ENOTFOUND if there is none.
	Document(ctx context.Context, id string) (Document, error)
	// DocumentsByID returns documents in the order asked, a zero Document
	// for each id not found.
	DocumentsByID(ctx context.Context, ids []string) ([]Document, error)
	// DocumentCount returns how many documents are stored.
	DocumentCount(ctx context.Context) (int, error)

	// Search finds entities whose name or aliases match text, ignoring
	// case and diacritics: every word of text (SearchWords) begins a word
	// of them or is within Typos edits of one. Hits are ranked and scored
	// by RankSearch: exact names, exact aliases, prefixes, then typos.
	Search(ctx context.Context, text string, types []schema.EntityType, limit int) ([]SearchHit, error)
	// SearchDocuments finds documents whose title or text contains every
	// word of text as a word or word prefix, ignoring case and diacritics,
	// most relevant first.
	SearchDocuments(ctx context.Context, text string, limit int) ([]DocumentHit, error)

	// Count counts events, relations or documents grouped as q asks, from
	// the store's indexes (no listing is read), buckets in the order of
	// their keys, empty keys first. EINVALID for a query q.Check refuses.
	Count(ctx context.Context, q CountQuery) ([]Bucket, error)

	// Documents lists documents matching f, newest first. EINVALID for a
	// bad cursor or page size.
	Documents(ctx context.Context, f DocumentFilter) (DocumentPage, error)
	// Mentions returns, per document id asked, the ids of the entities that
	// document mentions (every entity of its batch), in id order. A
	// document not stored (or mentioning nothing) has no entry.
	Mentions(ctx context.Context, documentIDs []string) (map[string][]string, error)
	// DeleteDocument removes a document, its evidence and mentions, every
	// relation left with no evidence (an analyst's counts) and every entity
	// left with no relation and no mention. A relation that keeps evidence
	// gets its confidence (the best of what remains), seen window (the
	// dates of its remaining documents) and withdrawal (by the versions
	// left) recomputed; its title, since, until, tense and any retraction
	// stay, as do aliases, kinds, dates and statuses the document brought
	// to entities that remain. Ingesting the document again
	// restores the graph as it was. ENOTFOUND if there is no such document.
	DeleteDocument(ctx context.Context, id string) (DeleteResult, error)

	// Curation: analysts' corrections. Each is one transaction.

	// AddAlias adds an alias (trimmed) to an entity and its search index;
	// one it already answers to by schema.Key changes nothing. ENOTFOUND
	// for an unknown entity, EINVALID for an alias with an empty key.
	AddAlias(ctx context.Context, entityID, alias string) (Entity, error)
	// MergeEntities folds merge into keep: merge's name and aliases become
	// keep's aliases, keep's empty kind, date or end date is filled from
	// merge, its relations and mentions move to keep (relations that then
	// coincide become one under RelationID of the new ends, with all their
	// evidence under recomputed ids, the best confidence, the widest seen
	// window, keep's title and since unless empty, retracted only if every
	// part was), and merge is removed. A relation between the two would
	// join keep to itself and is dropped with its evidence. EINVALID when
	// the two differ in type or are the same; ENOTFOUND when either is
	// missing.
	MergeEntities(ctx context.Context, keep, merge string) (Entity, error)
	// AssertRelation stores a relation an analyst states; its one Evidence
	// carries the analyst's note as Sentence, Extractor "analyst" and no
	// DocumentID. r.Evidence must hold exactly that one item with a
	// non-blank Sentence; its Confidence, 1 when zero, is the evidence's,
	// and r's Confidence, FirstSeen and LastSeen are ignored (the seen
	// window is that of supporting documents). Asserting an existing
	// relation adds the evidence to it (the same note twice is one piece)
	// and reinstates it if it was retracted. The stored relation is
	// returned with all its evidence. EINVALID for a bad type, equal ends,
	// a missing note or ends that break the ontology; ENOTFOUND for a
	// missing end.
	AssertRelation(ctx context.Context, r Relation) (Relation, error)
	// RetractRelation hides a relation from every listing and expansion
	// (Entities' Participant filter too) while keeping it, its evidence and
	// the reason for audit, stamped with the store's Now. Retracting again
	// replaces reason and time; later documents supporting it add evidence
	// but do not reinstate it (AssertRelation does). ENOTFOUND for an
	// unknown relation, EINVALID for a blank reason.
	RetractRelation(ctx context.Context, id, reason string) (Relation, error)
	// Relation returns one relation by id, retracted or not, with its
	// Evidence filled in. ENOTFOUND.
	Relation(ctx context.Context, id string) (Relation, error)

	// Ping checks that the store is reachable.
	Ping(ctx context.Context) error
	Close() error
}
