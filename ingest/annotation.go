package ingest

import (
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Annotation is one document's entities and relations in the JSON format of
// ONTOLOGY.md: the format of the gold files and of `extract --json`.
type Annotation struct {
	Document  string        `json:"document"`
	Title     string        `json:"title,omitempty"`
	Date      string        `json:"date,omitempty"`
	Kind      string        `json:"kind,omitempty"`
	Entities  []AnnEntity   `json:"entities"`
	Relations []AnnRelation `json:"relations"`
}

// AnnEntity is an entity of an Annotation; ID is local to the file.
type AnnEntity struct {
	ID      string            `json:"id"`
	Type    schema.EntityType `json:"type"`
	Kind    string            `json:"kind,omitempty"`
	Name    string            `json:"name"`
	Date    string            `json:"date,omitempty"`
	EndDate string            `json:"endDate,omitempty"`
	Status  string            `json:"status,omitempty"`
	Aliases []string          `json:"aliases"`
}

// AnnRelation is a relation of an Annotation. Evidence is not part of the
// gold format; extraction output carries it so a reader can check it.
type AnnRelation struct {
	Subject   string              `json:"subject"`
	Predicate schema.RelationType `json:"predicate"`
	Object    string              `json:"object"`
	Title     string              `json:"title,omitempty"`
	Since     string              `json:"since,omitempty"`
	Until     string              `json:"until,omitempty"`
	Tense     string              `json:"tense,omitempty"`
	Evidence  []AnnEvidence       `json:"evidence,omitempty"`
}

// AnnEvidence is the support of an extracted relation.
type AnnEvidence struct {
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Extractor  string  `json:"extractor"`
	Confidence float64 `json:"confidence"`
}

// ToAnnotation renders a batch in the gold format, with entity ids as local ids.
func ToAnnotation(b store.Batch) Annotation {
	a := Annotation{
		Document:  b.Document.Filename,
		Title:     b.Document.Title,
		Date:      b.Document.Date,
		Kind:      b.Document.Kind,
		Entities:  make([]AnnEntity, 0, len(b.Entities)),
		Relations: make([]AnnRelation, 0, len(b.Relations)),
	}
	for _, e := range b.Entities {
		aliases := e.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		a.Entities = append(a.Entities, AnnEntity{ID: e.ID, Type: e.Type, Kind: e.Kind, Name: e.Name, Date: e.Date, EndDate: e.EndDate, Status: e.Status, Aliases: aliases})
	}
	for _, r := range b.Relations {
		ar := AnnRelation{Subject: r.Subject, Predicate: r.Type, Object: r.Object, Title: r.Title, Since: r.Since, Until: r.Until, Tense: r.Tense}
		for _, ev := range r.Evidence {
			ar.Evidence = append(ar.Evidence, AnnEvidence{Sentence: ev.Sentence, Start: ev.Start, End: ev.End, Extractor: ev.Extractor, Confidence: ev.Confidence})
		}
		a.Relations = append(a.Relations, ar)
	}
	return a
}
