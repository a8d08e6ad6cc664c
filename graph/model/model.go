// Package model holds the GraphQL object types that wrap the store's domain
// types (written by hand, so that nullable fields read as null rather than
// "") and the connection, edge and input types gqlgen generates beside them.
package model

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Kind is a `kind` value of any entity type. It is one Go type for every
// ontology kind because the Entity interface carries `kind` for all types.
type Kind string

// ValidKind reports whether k is a kind of some entity type.
func ValidKind(k string) bool {
	for _, ks := range schema.Kinds {
		if slices.Contains(ks, k) {
			return true
		}
	}
	return false
}

// UnmarshalGQL implements graphql.Unmarshaler.
func (k *Kind) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !ValidKind(s) {
		return fmt.Errorf("%v is not a valid Kind", v)
	}
	*k = Kind(s)
	return nil
}

// MarshalGQL implements graphql.Marshaler.
func (k Kind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

func kindPtr(s string) *Kind {
	if s == "" {
		return nil
	}
	k := Kind(s)
	return &k
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Entity is a node of the graph; each entity type has its own object type.
type Entity interface {
	IsEntity()
	// Store returns the entity as the store holds it.
	Store() store.Entity
}

type entity struct{ e store.Entity }

func (entity) IsEntity()                 {}
func (x entity) Store() store.Entity     { return x.e }
func (x entity) ID() string              { return x.e.ID }
func (x entity) Type() schema.EntityType { return x.e.Type }
func (x entity) Kind() *Kind             { return kindPtr(x.e.Kind) }
func (x entity) Name() string            { return x.e.Name }
func (x entity) Aliases() []string {
	if x.e.Aliases == nil {
		return []string{}
	}
	return x.e.Aliases
}

// The object types of the Entity interface.
type (
	Person       struct{ entity }
	Organization struct{ entity }
	Country      struct{ entity }
	Location     struct{ entity }
	Agreement    struct{ entity }
	Topic        struct{ entity }
	Event        struct{ entity }
)

// Date returns the event's date as stated, nil when none was.
func (x Event) Date() *string { return strPtr(x.e.Date) }

// EndDate returns the last day of an event spanning days.
func (x Event) EndDate() *string { return strPtr(x.e.EndDate) }

// Status returns whether the event took place, nil where no text said.
func (x Event) Status() *EventStatus {
	if x.e.Status == "" {
		return nil
	}
	s := EventStatus(x.e.Status)
	return &s
}

// StatusAsOf returns the date of the document whose judgement Status is.
func (x Event) StatusAsOf() *string { return strPtr(x.e.StatusAsOf) }

// NewEntity wraps a store entity in the object type of its entity type. It
// returns nil for the zero Entity, which the store returns for ids it does
// not hold, and for types that have no object type.
func NewEntity(e store.Entity) Entity {
	if e.ID == "" {
		return nil
	}
	b := entity{e}
	switch e.Type {
	case schema.Person:
		return &Person{b}
	case schema.Organization:
		return &Organization{b}
	case schema.Country:
		return &Country{b}
	case schema.Location:
		return &Location{b}
	case schema.Agreement:
		return &Agreement{b}
	case schema.Topic:
		return &Topic{b}
	case schema.Event:
		return &Event{b}
	}
	// Documents are not entities of the API, and a type the ontology does
	// not know is a store bug: neither is shown as a node.
	return nil
}

// NewEvent wraps a store entity of type Event.
func NewEvent(e store.Entity) *Event { return &Event{entity{e}} }

// Relation is one fact. Its ends are loaded with it (graph.withEnds),
// not by field resolvers of their own: gqlgen runs every resolver field
// of a list element but one on a goroutine of its own, two per edge for
// subject and object, each growing its stack through the middleware
// chain (docs/PERFORMANCE.md, "Issue 13, third pass").
type Relation struct {
	R store.Relation
	// SubjectEntity and ObjectEntity are the ends, nil when not loaded
	// or not in the store.
	SubjectEntity, ObjectEntity Entity
}

// Subject returns the entity the fact is about.
func (x Relation) Subject() (Entity, error) { return relationEnd(x.SubjectEntity, x.R.Subject) }

// Object returns the entity the fact points to.
func (x Relation) Object() (Entity, error) { return relationEnd(x.ObjectEntity, x.R.Object) }

func relationEnd(e Entity, id string) (Entity, error) {
	if e == nil {
		return nil, fmt.Errorf("relation end %q is not in the store", id)
	}
	return e, nil
}

func (x Relation) ID() string                { return x.R.ID }
func (x Relation) Type() schema.RelationType { return x.R.Type }
func (x Relation) Title() *string            { return strPtr(x.R.Title) }
func (x Relation) Since() *string            { return strPtr(x.R.Since) }
func (x Relation) Confidence() float64       { return x.R.Confidence }
func (x Relation) FirstSeen() *string        { return strPtr(x.R.FirstSeen) }
func (x Relation) LastSeen() *string         { return strPtr(x.R.LastSeen) }
func (x Relation) Until() *string            { return strPtr(x.R.Until) }
func (x Relation) TenseAsOf() *string        { return strPtr(x.R.TenseAsOf) }

// Tense returns a post's tense, nil for other relations.
func (x Relation) Tense() *Tense {
	if x.R.Tense == "" {
		return nil
	}
	t := Tense(x.R.Tense)
	return &t
}

// Withdrawn returns which newer version withdrew the fact, nil while it
// stands.
func (x Relation) Withdrawn() *Withdrawal {
	if x.R.Withdrawn == nil {
		return nil
	}
	return &Withdrawal{ByID: x.R.Withdrawn.By, At: strPtr(x.R.Withdrawn.At)}
}

// Withdrawal names the newer version of a document that no longer states
// a fact; its document resolves by id.
type Withdrawal struct {
	ByID string
	At   *string
}

// TimelineItem is one item of an entity's timeline: an event, a post or a
// document, at its date.
type TimelineItem struct {
	Kind     TimelineKind
	Date     *string
	EndDate  *string
	Status   *EventStatus
	Tense    *Tense
	Event    *Event
	Relation *Relation
	Document *Document
}

// Document is an ingested source text.
type Document struct{ D store.Document }

func (x Document) ID() string         { return x.D.ID }
func (x Document) Filename() string   { return x.D.Filename }
func (x Document) Title() *string     { return strPtr(x.D.Title) }
func (x Document) Date() *string      { return strPtr(x.D.Date) }
func (x Document) Publisher() *string { return strPtr(x.D.Publisher) }
func (x Document) Kind() *Kind        { return kindPtr(x.D.Kind) }
func (x Document) Source() *string    { return strPtr(x.D.Source) }
func (x Document) Text() string       { return x.D.Text }
func (x Document) IngestedAt() string {
	if x.D.IngestedAt.IsZero() {
		return ""
	}
	return x.D.IngestedAt.UTC().Format(time.RFC3339)
}

// Stats is the root of the chart counts; its fields resolve on demand.
type Stats struct {
	// Of, GroupBy and Filter are the arguments of the stats field, which
	// buckets reads.
	Of      StatsSubject
	GroupBy []StatsKey
	Filter  *StatsFilter
}

// StatsBucket is one group's count; its country resolves by id.
type StatsBucket struct {
	Kind      *Kind
	Type      *schema.RelationType
	Period    *string
	CountryID string
	Count     int
}

// IngestResult says what ingesting a document added.
type IngestResult struct {
	Document     *Document
	Existed      bool
	NewEntityIDs []string
	NewRelations []*Relation
	NewEvidence  int
}

// Retracted returns the relation's retraction, nil for a standing fact.
func (x Relation) Retracted() *Retraction {
	if x.R.Retracted == nil {
		return nil
	}
	return &Retraction{Reason: x.R.Retracted.Reason, At: x.R.Retracted.At.UTC().Format(time.RFC3339)}
}

// Retraction is why and when an analyst retracted a relation.
type Retraction struct {
	Reason string
	At     string
}

// Evidence is a piece of evidence with its document at hand: the resolver
// that returns a list of evidence loads the documents of all of it at once,
// so no piece waits on a loader of its own (nil for an analyst's note, or
// when the query does not ask for documents).
type Evidence struct {
	store.Evidence
	Document *Document
}
