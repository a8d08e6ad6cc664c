package store

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
)

// Time and versions. A fact's status or tense is a judgement made as of a
// document's date, and a source (a URL) may publish several versions of
// one statement. The rules below say how judgements from several
// documents settle and which facts a newer version withdraws; both stores
// use them, so they agree.

// PickJudgement settles a judgement two documents disagree on — an
// event's status, a post's tense — each given with the date of the
// document that made it: the newest document's judgement wins, then the
// greater value (as Pick), and any value beats none. Being a maximum over
// (date, value) pairs, it gives the same answer in any order of
// documents. An undated document's judgement ("" date) loses to any
// dated one.
func PickJudgement(value, asOf, value2, asOf2 string) (string, string) {
	switch {
	case value2 == "":
		return value, asOf
	case value == "":
		return value2, asOf2
	case asOf2 > asOf || (asOf2 == asOf && value2 > value):
		return value2, asOf2
	}
	return value, asOf
}

// Versionable reports whether documents from source are versions of one
// another: source is an absolute http or https URL with a host. Paths
// and names (what a folder ingest records) are not: two files called
// document.txt are not one document.
func Versionable(source string) bool {
	u, err := url.Parse(source)
	if err != nil {
		return false
	}
	s := strings.ToLower(u.Scheme)
	return (s == "http" || s == "https") && u.Host != "" && u.IsAbs()
}

// CompareVersions orders two versions of one source, oldest first: by
// date (undated first), then by the time they were ingested (a
// correction published on the same day is ingested later), then by id.
func CompareVersions(a, b Document) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), a.IngestedAt.Compare(b.IngestedAt), cmp.Compare(a.ID, b.ID))
}

// SortVersions orders versions newest first, as Document.versions lists
// them.
func SortVersions(ds []Document) {
	slices.SortFunc(ds, func(a, b Document) int { return CompareVersions(b, a) })
}

// Support is one document supporting a fact, as Withdrawals reads it:
// Document is the zero Document for an analyst's note.
type Support struct {
	RelationID string
	Document   Document // ID, Source, Date and IngestedAt are enough
}

// Withdrawals decides, for each of the relations ids, whether a newer
// version withdrew it: it is withdrawn when every piece of its support is
// a document of a versionable source of which versions holds a newer
// version (versions: every stored document of each such source). An
// analyst's note, a document that is not versioned, or the newest
// version of its source keeps the fact standing (nil). A withdrawn fact
// names the newest version of the sources that dropped it, the latest of
// them when several did.
func Withdrawals(ids []string, support []Support, versions map[string][]Document) map[string]*Withdrawal {
	newest := make(map[string]Document, len(versions))
	for src, ds := range versions {
		for _, d := range ds {
			if n, ok := newest[src]; !ok || CompareVersions(d, n) > 0 {
				newest[src] = d
			}
		}
	}
	out := make(map[string]*Withdrawal, len(ids))
	standing := map[string]bool{}
	by := map[string]Document{}
	for _, s := range support {
		d := s.Document
		n, versioned := newest[d.Source]
		if d.ID == "" || !versioned || !Versionable(d.Source) || n.ID == d.ID {
			standing[s.RelationID] = true
			continue
		}
		if cur, ok := by[s.RelationID]; !ok || CompareVersions(n, cur) > 0 {
			by[s.RelationID] = n
		}
	}
	for _, id := range ids {
		if n, ok := by[id]; ok && !standing[id] {
			out[id] = &Withdrawal{By: n.ID, At: n.Date}
		} else {
			out[id] = nil
		}
	}
	return out
}
