// Package graphio moves whole graphs in and out of a store.Store: JSON
// lines (the ONTOLOGY format, extended with what a store holds, so an
// export imports into an empty store and exports again byte for byte),
// GraphML for Gephi and yEd, and the CSV files `neo4j-admin database
// import` reads. It speaks only the Store interface, so both stores get it.
//
// Import reads and checks everything before it writes anything (Read, then
// Apply): a bad line is reported with its file and line number and the
// graph is left as it was.
package graphio

import (
	"time"
)

// FormatVersion is the version of the export's JSON lines.
const FormatVersion = 1

// header is the first line of an export. A file that begins with one must
// end with its trailer, so a truncated export is refused.
type header struct {
	Format  string `json:"format"` // "diplograph"
	Version int    `json:"version"`
}

// trailer is the last line of an export: how many lines came before it
// after the header.
type trailer struct {
	Documents int `json:"documents"`
	Asserted  int `json:"asserted"`
	Retracted int `json:"retracted"`
}

// line is one JSON line: a document (the ONTOLOGY format, optionally with
// text, offsets and everything a store keeps), an analyst's assertion, a
// retraction, or the export's header or trailer. Members an ONTOLOGY file
// has beyond these are ignored.
type line struct {
	Format  string   `json:"format,omitempty"`
	Version int      `json:"version,omitempty"`
	End     *trailer `json:"end,omitempty"`

	Assert  *assertion  `json:"assert,omitempty"`
	Retract *retraction `json:"retract,omitempty"`

	File       string     `json:"file,omitempty"` // scale.py's key, kept when present
	Document   string     `json:"document,omitempty"`
	ID         string     `json:"id,omitempty"`
	Title      string     `json:"title,omitempty"`
	Date       string     `json:"date,omitempty"`
	Kind       string     `json:"kind,omitempty"`
	Publisher  string     `json:"publisher,omitempty"`
	Source     string     `json:"source,omitempty"`
	IngestedAt string     `json:"ingestedAt,omitempty"`
	Text       *string    `json:"text,omitempty"`
	Entities   []entity   `json:"entities,omitempty"`
	Relations  []relation `json:"relations,omitempty"`
}

type entity struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Kind    string   `json:"kind,omitempty"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Date    string   `json:"date,omitempty"`
	EndDate string   `json:"endDate,omitempty"`
	// An event's status and the date of the document that judged it.
	Status     string `json:"status,omitempty"`
	StatusAsOf string `json:"statusAsOf,omitempty"`
}

type relation struct {
	ID         string  `json:"id,omitempty"`
	Subject    string  `json:"subject"`
	Predicate  string  `json:"predicate"`
	Object     string  `json:"object"`
	Title      string  `json:"title,omitempty"`
	Since      string  `json:"since,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	FirstSeen  string  `json:"firstSeen,omitempty"`
	LastSeen   string  `json:"lastSeen,omitempty"`
	// HOLDS_POSITION: the post's end, its tense and the date of the
	// document that judged it.
	Until     string `json:"until,omitempty"`
	Tense     string `json:"tense,omitempty"`
	TenseAsOf string `json:"tenseAsOf,omitempty"`
	// The newer version of a source that no longer states the fact. The
	// store works it out from the documents' sources and dates
	// (store.Withdrawals), so Read does not take it: it is there to be
	// read, and an import of the export withdraws the same facts.
	WithdrawnBy string     `json:"withdrawnBy,omitempty"`
	WithdrawnAt string     `json:"withdrawnAt,omitempty"`
	Evidence    []evidence `json:"evidence,omitempty"`
}

type evidence struct {
	ID         string  `json:"id,omitempty"`
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Extractor  string  `json:"extractor,omitempty"`
	Confidence float64 `json:"confidence"`
}

// assertion is a piece of evidence an analyst asserted (no document).
type assertion struct {
	Relation   string  `json:"relation,omitempty"` // its id, for reference
	Subject    string  `json:"subject"`
	Predicate  string  `json:"predicate"`
	Object     string  `json:"object"`
	Note       string  `json:"note"`
	Confidence float64 `json:"confidence"`
}

// retraction hides a relation, as RetractRelation did.
type retraction struct {
	Relation string `json:"relation"`
	Reason   string `json:"reason"`
	At       string `json:"at"` // RFC 3339, UTC
}

const timeLayout = time.RFC3339Nano
