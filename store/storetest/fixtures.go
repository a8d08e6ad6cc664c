package storetest

import (
	"fmt"
	"strings"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// ingestedAt is the fixed ingest time of every fixture document, at second
// precision so that every store can keep it exactly.
var ingestedAt = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// entity returns an entity with its stable id filled in, so facts can name it.
func entity(t schema.EntityType, kind, name string, aliases ...string) store.Entity {
	return store.Entity{ID: store.EntityID(t, name), Type: t, Kind: kind, Name: name, Aliases: aliases}
}

// event returns an Event entity of the given kind and date.
func event(kind, name, date string) store.Entity {
	e := entity(schema.Event, kind, name)
	e.Date = date
	return e
}

// fact is one relation a fixture document states in one sentence.
type fact struct {
	s          store.Entity
	t          schema.RelationType
	o          store.Entity
	sentence   string
	confidence float64
	title      string // HOLDS_POSITION
	since      string // MEMBER_OF
}

// fixtureBatch builds a document whose text is the title followed by the
// sentences of the facts, with each fact's evidence pointing at its
// sentence. The title makes the text, and so the document id, unique.
func fixtureBatch(title, date string, entities []store.Entity, facts ...fact) store.Batch {
	var text strings.Builder
	text.WriteString(title + "\n\n")
	rels := make([]store.Relation, 0, len(facts))
	for _, f := range facts {
		sentence := f.sentence
		if sentence == "" {
			sentence = fmt.Sprintf("%s %s %s.", f.s.Name, strings.ToLower(string(f.t)), f.o.Name)
		}
		start := text.Len()
		text.WriteString(sentence)
		end := text.Len()
		text.WriteString(" ")
		rels = append(rels, store.Relation{
			Type:    f.t,
			Subject: f.s.ID,
			Object:  f.o.ID,
			Title:   f.title,
			Since:   f.since,
			Evidence: []store.Evidence{{
				Sentence:   sentence,
				Start:      start,
				End:        end,
				Extractor:  "storetest",
				Confidence: f.confidence,
			}},
		})
	}
	return store.Batch{
		Document: store.Document{
			Filename:   strings.ToLower(strings.ReplaceAll(title, " ", "-")) + ".txt",
			Title:      title,
			Date:       date,
			Publisher:  "Storetest Ministry",
			Kind:       "PRESS_RELEASE",
			Source:     "storetest://" + title,
			Text:       text.String(),
			IngestedAt: ingestedAt,
		},
		Entities:  append([]store.Entity(nil), entities...),
		Relations: rels,
	}
}

// The world: three documents about a small diplomatic neighbourhood.
var (
	nukib         = entity(schema.Organization, "GOVERNMENT", "National Cyber and Information Security Agency", "NÚKIB")
	nato          = entity(schema.Organization, "INTERNATIONAL", "North Atlantic Treaty Organization", "NATO")
	czechia       = entity(schema.Country, "", "Czech Republic", "Czechia")
	usa           = entity(schema.Country, "", "United States", "USA")
	stepanik      = entity(schema.Person, "", "Pavel Štěpáník")
	blinken       = entity(schema.Person, "", "Antony J. Blinken", "Blinken")
	lipavsky      = entity(schema.Person, "", "Jan Lipavský")
	prague        = entity(schema.Location, "", "Prague")
	cyber         = entity(schema.Topic, "", "cybersecurity")
	proposals     = entity(schema.Agreement, "OTHER", "Prague Proposals")
	dialogue      = event("DIALOGUE", "United States–Czech Republic Cyber Dialogue", "2024-03-18")
	visit         = event("VISIT", "Secretary Blinken's Visit to Prague", "2023-11-02")
	summit        = event("SUMMIT", "NATO Summit", "2024-07")
	consultations = event("MEETING", "Strategic Consultations", "")
)

// worldEntities is every entity of the world, in no order.
var worldEntities = []store.Entity{nukib, nato, czechia, usa, stepanik, blinken, lipavsky, prague, cyber, proposals, dialogue, visit, summit, consultations}

func dialogueDoc() store.Batch {
	return fixtureBatch("Cyber Dialogue", "2024-03-18",
		[]store.Entity{nukib, czechia, usa, stepanik, dialogue, prague, cyber},
		fact{s: nukib, t: schema.Attended, o: dialogue, confidence: 0.9},
		fact{s: usa, t: schema.Attended, o: dialogue, confidence: 0.8},
		fact{s: czechia, t: schema.Attended, o: dialogue, confidence: 0.8},
		fact{s: stepanik, t: schema.HoldsPosition, o: nukib, confidence: 0.7, title: "Deputy Director"},
		fact{s: dialogue, t: schema.HeldIn, o: prague, confidence: 0.6},
		fact{s: dialogue, t: schema.Discussed, o: cyber, confidence: 0.5},
		fact{s: nukib, t: schema.PartOf, o: czechia, confidence: 0.95},
	)
}

func visitDoc() store.Batch {
	return fixtureBatch("Secretary Visits Prague", "2023-11-02",
		[]store.Entity{blinken, lipavsky, visit, prague, czechia, usa},
		fact{s: blinken, t: schema.MetWith, o: lipavsky, confidence: 0.9},
		fact{s: blinken, t: schema.Attended, o: visit, confidence: 0.85},
		fact{s: usa, t: schema.Attended, o: visit, confidence: 0.6},
		fact{s: visit, t: schema.HeldIn, o: prague, confidence: 0.7},
		fact{s: prague, t: schema.LocatedIn, o: czechia, confidence: 0.99},
		fact{s: lipavsky, t: schema.HoldsPosition, o: czechia, confidence: 0.8, title: "Minister of Foreign Affairs"},
	)
}

func summitDoc() store.Batch {
	return fixtureBatch("Summit Communique", "2024-07-10",
		[]store.Entity{summit, consultations, nato, czechia, usa, proposals, nukib, dialogue},
		fact{s: czechia, t: schema.Attended, o: summit, confidence: 0.9},
		fact{s: usa, t: schema.Attended, o: summit, confidence: 0.9},
		fact{s: czechia, t: schema.MemberOf, o: nato, confidence: 0.95, since: "1999"},
		fact{s: usa, t: schema.Attended, o: consultations, confidence: 0.4},
		fact{s: summit, t: schema.Produced, o: proposals, confidence: 0.5},
		fact{s: czechia, t: schema.Signed, o: proposals, confidence: 0.6},
		fact{s: nukib, t: schema.Attended, o: dialogue, confidence: 0.97,
			sentence: "NÚKIB took part in the Cyber Dialogue in March."},
	)
}

// world returns the three world documents, fresh each call.
func world() []store.Batch { return []store.Batch{dialogueDoc(), visitDoc(), summitDoc()} }

// The world's sizes, counted by hand from the documents above.
const (
	worldEntityCount   = 14
	worldRelationCount = 19 // 20 facts, one stated twice
	worldEvidenceCount = 20
)

// triple names a relation by its ends; rid turns it into the stored id.
type triple struct {
	s store.Entity
	t schema.RelationType
	o store.Entity
}

func (x triple) id() string { return store.RelationID(x.s.ID, x.t, x.o.ID) }

func rids(xs ...triple) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.id()
	}
	return out
}

func eids(es ...store.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func ptr[T any](v T) *T { return &v }
