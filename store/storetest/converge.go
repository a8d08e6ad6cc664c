package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// dump is a canonical rendering of everything a store holds (see take):
// two stores that hold the same graph dump the same bytes.
func dump(t *testing.T, s store.Store) canonical {
	t.Helper()
	snap := take(t, s)
	b, err := json.MarshalIndent(snap, "", " ")
	if err != nil {
		t.Fatalf("dump: %v", err)
	}
	return canonical{b, snap}
}

// canonical is a dump with the snapshot it renders, to say where two differ.
type canonical struct {
	bytes []byte
	snap  snapshot
}

func (c canonical) differs(d canonical) (string, bool) {
	if string(c.bytes) == string(d.bytes) {
		return "", false
	}
	return diff(c.snap, d.snap), true
}

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// The documents of the convergence cases. Each batch carries what a
// pipeline that reads one document at a time would find in it.
var (
	cvNATO      = entity(schema.Organization, "", "NATO")
	cvNATOFull  = entity(schema.Organization, "INTERNATIONAL", "North Atlantic Treaty Organization", "NATO")
	cvAlliance  = entity(schema.Organization, "", "Atlantic Alliance", "North Atlantic Treaty Organization")
	cvCzechia   = entity(schema.Country, "", "Czechia")
	cvCzechRep  = entity(schema.Country, "", "Czech Republic", "Czechia", "ČR")
	cvMoJKorea  = entity(schema.Organization, "GOVERNMENT", "Ministry of Justice of Korea", "Ministry of Justice")
	cvMoJJapan  = entity(schema.Organization, "GOVERNMENT", "Ministry of Justice of Japan", "Ministry of Justice")
	cvKNA       = entity(schema.Organization, "", "KNA")
	cvAssembly  = entity(schema.Organization, "GOVERNMENT", "Korean National Assembly", "KNA")
	cvArchives  = entity(schema.Organization, "GOVERNMENT", "Korea National Archives", "KNA")
	cvMFAlower  = entity(schema.Organization, "OTHER", "Ministry of foreign affairs")
	cvMFA       = entity(schema.Organization, "GOVERNMENT", "Ministry of Foreign Affairs", "MFA")
	cvKim       = entity(schema.Person, "", "Kim Min-jun")
	cvLee       = entity(schema.Person, "", "Lee Seo-yeon")
	cvSummit    = event("SUMMIT", "Vilnius Summit", "2023-07-11")
	cvSummitEnd = func() store.Entity {
		e := event("MEETING", "Vilnius Summit", "2023-07-11")
		e.EndDate = "2023-07-12"
		return e
	}()
)

// convergeCases are sets of documents that must give one graph in any
// order. check looks at that graph.
var convergeCases = []struct {
	name  string
	docs  func() []store.Batch
	check func(t *testing.T, s store.Store)
}{
	{
		name: "acronym and full name",
		docs: func() []store.Batch {
			return []store.Batch{
				fixtureBatch("Acronym only", "2023-07-01", []store.Entity{cvNATO, cvSummit},
					fact{s: cvNATO, t: schema.Attended, o: cvSummit, confidence: 0.6}),
				fixtureBatch("Full name", "2023-07-12", []store.Entity{cvNATOFull, cvKim},
					fact{s: cvKim, t: schema.HoldsPosition, o: cvNATOFull, confidence: 0.8, title: "Secretary General"}),
				fixtureBatch("Acronym again", "2023-08-01", []store.Entity{cvNATO, cvLee, cvSummit},
					fact{s: cvLee, t: schema.HoldsPosition, o: cvNATO, confidence: 0.7, title: "Deputy"},
					fact{s: cvNATO, t: schema.Attended, o: cvSummit, confidence: 0.9}),
			}
		},
		check: func(t *testing.T, s store.Store) {
			wantOne(t, s, schema.Organization, cvNATOFull.ID, "North Atlantic Treaty Organization", "INTERNATIONAL", "NATO")
			wantGone(t, s, cvNATO.ID)
			for _, x := range []triple{{cvNATOFull, schema.Attended, cvSummit}, {cvKim, schema.HoldsPosition, cvNATOFull}, {cvLee, schema.HoldsPosition, cvNATOFull}} {
				if _, err := s.Relation(context.Background(), x.id()); err != nil {
					t.Errorf("Relation(%s %s %s) error: %v", x.s.ID, x.t, x.o.ID, err)
				}
			}
			r, err := s.Relation(context.Background(), triple{cvNATOFull, schema.Attended, cvSummit}.id())
			if err == nil && (len(r.Evidence) != 2 || r.Confidence != 0.9) {
				t.Errorf("NATO ATTENDED summit = %d evidence, confidence %v; want 2 and 0.9", len(r.Evidence), r.Confidence)
			}
		},
	},
	{
		name: "chain of names",
		docs: func() []store.Batch {
			return []store.Batch{
				fixtureBatch("Chain acronym", "2023-01-01", []store.Entity{cvNATO, cvSummit},
					fact{s: cvNATO, t: schema.Attended, o: cvSummit, confidence: 0.5}),
				fixtureBatch("Chain full", "2023-01-02", []store.Entity{cvNATOFull, cvKim},
					fact{s: cvKim, t: schema.HoldsPosition, o: cvNATOFull, confidence: 0.5}),
				fixtureBatch("Chain alliance", "2023-01-03", []store.Entity{cvAlliance, cvLee},
					fact{s: cvLee, t: schema.HoldsPosition, o: cvAlliance, confidence: 0.5}),
			}
		},
		check: func(t *testing.T, s store.Store) {
			// "North Atlantic Treaty Organization" has the longer key.
			wantOne(t, s, schema.Organization, cvNATOFull.ID, "North Atlantic Treaty Organization", "INTERNATIONAL", "NATO", "Atlantic Alliance")
		},
	},
	{
		name: "short and long names",
		docs: func() []store.Batch {
			return []store.Batch{
				fixtureBatch("Short name", "2024-01-01", []store.Entity{cvCzechia, cvKim},
					fact{s: cvKim, t: schema.HoldsPosition, o: cvCzechia, confidence: 0.5}),
				fixtureBatch("Long name", "2024-01-02", []store.Entity{cvCzechRep, cvLee},
					fact{s: cvLee, t: schema.HoldsPosition, o: cvCzechRep, confidence: 0.5}),
			}
		},
		check: func(t *testing.T, s store.Store) {
			wantOne(t, s, schema.Country, cvCzechRep.ID, "Czech Republic", "", "Czechia", "ČR")
		},
	},
	{
		name: "shared aliases do not merge",
		docs: func() []store.Batch {
			return []store.Batch{
				fixtureBatch("Korean ministry", "2024-02-01", []store.Entity{cvMoJKorea, cvKim},
					fact{s: cvKim, t: schema.HoldsPosition, o: cvMoJKorea, confidence: 0.5, title: "Minister"}),
				fixtureBatch("Japanese ministry", "2024-02-02", []store.Entity{cvMoJJapan, cvLee},
					fact{s: cvLee, t: schema.HoldsPosition, o: cvMoJJapan, confidence: 0.5, title: "Minister"}),
			}
		},
		check: func(t *testing.T, s store.Store) {
			wantOne(t, s, schema.Organization, cvMoJKorea.ID, "Ministry of Justice of Korea", "GOVERNMENT", "Ministry of Justice")
			wantOne(t, s, schema.Organization, cvMoJJapan.ID, "Ministry of Justice of Japan", "GOVERNMENT", "Ministry of Justice")
		},
	},
	{
		name: "disagreements settle by content",
		docs: func() []store.Batch {
			return []store.Batch{
				fixtureBatch("Lower case", "2024-03-01", []store.Entity{cvMFAlower, cvKim, cvSummit},
					fact{s: cvKim, t: schema.HoldsPosition, o: cvMFAlower, confidence: 0.5, title: "Minister"},
					fact{s: cvMFAlower, t: schema.Attended, o: cvSummit, confidence: 0.5}),
				fixtureBatch("Capitals", "2024-03-02", []store.Entity{cvMFA, cvKim, cvSummitEnd},
					fact{s: cvKim, t: schema.HoldsPosition, o: cvMFA, confidence: 0.4, title: "Foreign Minister"},
					fact{s: cvMFA, t: schema.Attended, o: cvSummitEnd, confidence: 0.5}),
			}
		},
		check: func(t *testing.T, s store.Store) {
			wantOne(t, s, schema.Organization, cvMFA.ID, "Ministry of Foreign Affairs", "OTHER", "MFA")
			r, err := s.Relation(context.Background(), triple{cvKim, schema.HoldsPosition, cvMFA}.id())
			if err != nil || r.Title != "Minister" {
				t.Errorf("Kim HOLDS_POSITION MFA = %+v, %v; want title Minister (the greater)", r, err)
			}
			e, err := s.Entity(context.Background(), cvSummit.ID)
			if err != nil || e.Kind != "SUMMIT" || e.Date != "2023-07-11" || e.EndDate != "2023-07-12" {
				t.Errorf("summit = %+v, %v; want kind SUMMIT, 2023-07-11..2023-07-12", e, err)
			}
		},
	},
}

// wantOne checks that the one entity of type t answering to name's key is
// id, with that name, kind and aliases.
func wantOne(t *testing.T, s store.Store, typ schema.EntityType, id, name, kind string, aliases ...string) {
	t.Helper()
	es, err := s.EntityByAlias(context.Background(), typ, name)
	if err != nil {
		t.Fatalf("EntityByAlias(%s, %q) error: %v", typ, name, err)
	}
	if len(es) != 1 {
		t.Errorf("EntityByAlias(%s, %q) = %d entities %v, want one", typ, name, len(es), entityIDs(es))
		return
	}
	e := es[0]
	if e.ID != id || e.Name != name || e.Kind != kind || !sameSet(e.Aliases, aliases) {
		t.Errorf("entity = %+v, want id %s, name %q, kind %q, aliases %q", e, id, name, kind, aliases)
	}
}

func wantGone(t *testing.T, s store.Store, id string) {
	t.Helper()
	_, err := s.Entity(context.Background(), id)
	wantCode(t, fmt.Sprintf("Entity(%q)", id), err, store.ENOTFOUND)
}

// testConvergeOrder writes each case's documents in every order, and all
// at once from goroutines, and wants the same graph every time; deleting
// a document and writing it again must give that graph back too.
func testConvergeOrder(t *testing.T, open func(t *testing.T) store.Store) {
	for _, tc := range convergeCases {
		t.Run(tc.name, func(t *testing.T) {
			docs := tc.docs()
			var want canonical
			for _, p := range permutations(len(docs)) {
				s := open(t)
				for _, i := range p {
					write(t, s, docs[i])
				}
				got := dump(t, s)
				if want.bytes == nil {
					want = got
					tc.check(t, s)
					for _, b := range docs {
						deleteDoc(t, s, docID(b))
						write(t, s, b)
						if d, ok := dump(t, s).differs(want); ok {
							t.Errorf("deleting %q and writing it again: graph differs\n%s", b.Document.Title, d)
						}
					}
					continue
				}
				if d, ok := got.differs(want); ok {
					t.Errorf("order %v: graph differs from the first order's\n%s", p, d)
				}
			}
			for round := range 3 {
				s := open(t)
				var wg sync.WaitGroup
				errs := make([]error, len(docs))
				for i, b := range docs {
					wg.Go(func() { _, errs[i] = s.WriteBatch(context.Background(), b) })
				}
				wg.Wait()
				for i, err := range errs {
					if err != nil {
						t.Fatalf("round %d: concurrent WriteBatch(%q) error: %v", round, docs[i].Document.Title, err)
					}
				}
				if d, ok := dump(t, s).differs(want); ok {
					t.Errorf("round %d: concurrent writes: graph differs\n%s", round, d)
				}
			}
		})
	}
}

// testConvergeAmbiguous: a name two stored entities answer to merges with
// neither, and a batch that adds a second answer does not undo the first.
func testConvergeAmbiguous(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	s := open(t)
	write(t, s,
		fixtureBatch("Assembly", "2024-04-01", []store.Entity{cvAssembly, cvKim},
			fact{s: cvKim, t: schema.HoldsPosition, o: cvAssembly, confidence: 0.5}),
		fixtureBatch("Archives", "2024-04-02", []store.Entity{cvArchives, cvLee},
			fact{s: cvLee, t: schema.HoldsPosition, o: cvArchives, confidence: 0.5}),
	)
	res := write(t, s, fixtureBatch("Bare acronym", "2024-04-03", []store.Entity{cvKNA, cvSummit},
		fact{s: cvKNA, t: schema.Attended, o: cvSummit, confidence: 0.5}))[0]
	if !sameSet(res.NewEntities, eids(cvKNA, cvSummit)) {
		t.Errorf("NewEntities = %v, want %v", res.NewEntities, eids(cvKNA, cvSummit))
	}
	es, err := s.EntityByAlias(ctx, schema.Organization, "KNA")
	if err != nil || !sameSet(entityIDs(es), eids(cvKNA, cvAssembly, cvArchives)) {
		t.Errorf("EntityByAlias(KNA) = %v, %v; want the acronym and both bodies apart", entityIDs(es), err)
	}

	// Alone with one of them, the acronym is that body's; the result
	// names the survivor and what is new under it.
	s = open(t)
	write(t, s, fixtureBatch("Assembly", "2024-04-01", []store.Entity{cvAssembly, cvKim},
		fact{s: cvKim, t: schema.HoldsPosition, o: cvAssembly, confidence: 0.5}))
	res = write(t, s, fixtureBatch("Bare acronym", "2024-04-03", []store.Entity{cvKNA, cvSummit},
		fact{s: cvKNA, t: schema.Attended, o: cvSummit, confidence: 0.5}))[0]
	if !sameSet(res.NewEntities, eids(cvSummit)) {
		t.Errorf("NewEntities = %v, want %v", res.NewEntities, eids(cvSummit))
	}
	if want := rids(triple{cvAssembly, schema.Attended, cvSummit}); !sameSet(res.NewRelation, want) {
		t.Errorf("NewRelation = %v, want %v", res.NewRelation, want)
	}
	wantOne(t, s, schema.Organization, cvAssembly.ID, "Korean National Assembly", "GOVERNMENT", "KNA")
	m, err := s.Mentions(ctx, []string{docID(fixtureBatch("Bare acronym", "2024-04-03", nil,
		fact{s: cvKNA, t: schema.Attended, o: cvSummit, confidence: 0.5}))})
	if err != nil {
		t.Fatalf("Mentions error: %v", err)
	}
	for _, ids := range m {
		if !sameSet(ids, eids(cvAssembly, cvSummit)) {
			t.Errorf("mentions of the acronym's document = %v, want %v", ids, eids(cvAssembly, cvSummit))
		}
	}
}
