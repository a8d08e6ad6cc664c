// Package eval scores extraction output against gold annotations the way
// ONTOLOGY.md ("How the two are scored") says: names compared after
// schema.Normalize, entities matched one-to-one by type and any shared name,
// unnamed events by kind and date, relations by predicate and matched ends,
// all micro-averaged over documents.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/schema"
)

// Counts are the true positives, false positives and false negatives of one
// row of the report.
type Counts struct {
	TP, FP, FN int
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Precision is TP/(TP+FP), or 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), or 0 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Accuracy counts how many of the compared attributes agreed.
type Accuracy struct {
	Correct, Total int
}

func (a *Accuracy) add(ok bool) {
	a.Total++
	if ok {
		a.Correct++
	}
}

// Rate is Correct/Total, or 0 when nothing was compared.
func (a Accuracy) Rate() float64 { return ratio(a.Correct, a.Total) }

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// compare counts one attribute where either side gives a value.
func (a *Accuracy) compare(gold, pred string) {
	if gold == "" && pred == "" {
		return
	}
	a.Total++
	if gold == pred {
		a.Correct++
	}
}

// Item is a gold item nothing matched (a miss) or a predicted item that
// matched nothing (a false positive).
type Item struct {
	Document string
	Relation bool   // a relation rather than an entity
	Type     string // entity type or predicate
	Text     string // entity name, or "subject PREDICATE object"
	Rule     string // predicted relations: the extractor of its first evidence
}

// Report holds the scores of a set of documents. Use New and Add, or Score.
type Report struct {
	Documents []string
	Entities  map[schema.EntityType]*Counts
	Relations map[schema.RelationType]*Counts
	// Title is HOLDS_POSITION title agreement over matched relations; Kind
	// is kind agreement over matched entities whose type has kinds; Date is
	// date agreement over matched events.
	Title, Kind, Date Accuracy
	// Status is event status agreement and Tense HOLDS_POSITION tense
	// agreement over matched items where either side gives one
	// (ONTOLOGY.md, "Time and status").
	Status, Tense Accuracy
	// DocTitle, DocDate and DocKind compare the document metadata the
	// reader derives with the gold file's title, date and kind.
	DocTitle, DocDate, DocKind Accuracy
	Misses                     []Item
	FalsePositives             []Item
}

// New returns an empty report.
func New() *Report {
	return &Report{
		Entities:  map[schema.EntityType]*Counts{},
		Relations: map[schema.RelationType]*Counts{},
	}
}

// EntityTotal is the overall entity figure: every type but Topic.
func (r *Report) EntityTotal() Counts {
	var c Counts
	for t, n := range r.Entities {
		if t != schema.Topic {
			c.add(*n)
		}
	}
	return c
}

// RelationTotal is the overall relation figure: every predicate but DISCUSSED.
func (r *Report) RelationTotal() Counts {
	var c Counts
	for t, n := range r.Relations {
		if t != schema.Discussed {
			c.add(*n)
		}
	}
	return c
}

func (r *Report) entity(t schema.EntityType) *Counts {
	c := r.Entities[t]
	if c == nil {
		c = &Counts{}
		r.Entities[t] = c
	}
	return c
}

func (r *Report) relation(t schema.RelationType) *Counts {
	c := r.Relations[t]
	if c == nil {
		c = &Counts{}
		r.Relations[t] = c
	}
	return c
}

// LoadGold reads every *.json annotation in dir, keyed by its document name.
func LoadGold(dir string) (map[string]ingest.Annotation, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("load gold %s: %w", dir, err)
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("load gold: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("load gold %s: not a directory", dir)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load gold %s: no *.json files", dir)
	}
	gold := make(map[string]ingest.Annotation, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("load gold: %w", err)
		}
		var a ingest.Annotation
		if err := json.Unmarshal(data, &a); err != nil {
			return nil, fmt.Errorf("load gold %s: %w", f, err)
		}
		if a.Document == "" {
			return nil, fmt.Errorf("load gold %s: no document name", f)
		}
		if _, dup := gold[a.Document]; dup {
			return nil, fmt.Errorf("load gold %s: second annotation of %s", f, a.Document)
		}
		gold[a.Document] = a
	}
	return gold, nil
}

// Score pairs predictions with gold by document name and scores them. A gold
// document without a prediction counts as predicting nothing; a prediction
// without gold is ignored.
func Score(gold, pred []ingest.Annotation) *Report {
	byDoc := make(map[string]ingest.Annotation, len(pred))
	for _, p := range pred {
		byDoc[p.Document] = p
	}
	r := New()
	for _, g := range gold {
		p, ok := byDoc[g.Document]
		if !ok {
			p = ingest.Annotation{Document: g.Document}
		}
		r.Add(g, p)
	}
	return r
}

// names is the normalized {name} ∪ aliases of an entity.
func names(e ingest.AnnEntity) []string {
	out := []string{schema.Normalize(e.Name)}
	for _, a := range e.Aliases {
		out = append(out, schema.Normalize(a))
	}
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	return out
}

func shareName(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// matchEntities returns, for each predicted entity index, the index of the
// gold entity it matched or -1. Passes run from the strongest evidence to
// the weakest so a loose match cannot take a gold entity a precise one needs:
// canonical names equal, then any shared name, then events by kind and date.
func matchEntities(gold, pred []ingest.AnnEntity) []int {
	gn := make([][]string, len(gold))
	for i, g := range gold {
		gn[i] = names(g)
	}
	pn := make([][]string, len(pred))
	for i, p := range pred {
		pn[i] = names(p)
	}
	m := make([]int, len(pred))
	for i := range m {
		m[i] = -1
	}
	taken := make([]bool, len(gold))
	pass := func(ok func(gi, pi int) bool) {
		for pi, p := range pred {
			if m[pi] >= 0 {
				continue
			}
			for gi, g := range gold {
				if taken[gi] || g.Type != p.Type || !ok(gi, pi) {
					continue
				}
				m[pi], taken[gi] = gi, true
				break
			}
		}
	}
	pass(func(gi, pi int) bool {
		a, b := schema.Normalize(gold[gi].Name), schema.Normalize(pred[pi].Name)
		return a != "" && a == b
	})
	pass(func(gi, pi int) bool { return shareName(gn[gi], pn[pi]) })
	pass(func(gi, pi int) bool {
		g, p := gold[gi], pred[pi]
		return g.Type == schema.Event && g.Date != "" && g.Date == p.Date && g.Kind == p.Kind
	})
	return m
}

// Add scores one document's prediction against its gold annotation.
func (r *Report) Add(gold, pred ingest.Annotation) {
	doc := gold.Document
	r.Documents = append(r.Documents, doc)
	r.DocTitle.add(schema.Normalize(gold.Title) == schema.Normalize(pred.Title))
	r.DocDate.add(gold.Date == pred.Date)
	r.DocKind.add(gold.Kind == pred.Kind)

	m := matchEntities(gold.Entities, pred.Entities)
	goldMatched := make([]bool, len(gold.Entities))
	for pi, gi := range m {
		p := pred.Entities[pi]
		if gi < 0 {
			r.entity(p.Type).FP++
			r.FalsePositives = append(r.FalsePositives, Item{Document: doc, Type: string(p.Type), Text: p.Name})
			continue
		}
		goldMatched[gi] = true
		g := gold.Entities[gi]
		r.entity(g.Type).TP++
		if len(schema.Kinds[g.Type]) > 0 && g.Kind != "" {
			r.Kind.Total++
			if g.Kind == p.Kind {
				r.Kind.Correct++
			}
		}
		if g.Type == schema.Event {
			r.Date.Total++
			if g.Date == p.Date {
				r.Date.Correct++
			}
			r.Status.compare(g.Status, p.Status)
		}
	}
	for gi, g := range gold.Entities {
		if !goldMatched[gi] {
			r.entity(g.Type).FN++
			r.Misses = append(r.Misses, Item{Document: doc, Type: string(g.Type), Text: g.Name})
		}
	}

	// Predicted ids resolve to the gold id they matched; an unmatched end
	// makes a relation unmatchable.
	toGold := map[string]string{}
	for pi, gi := range m {
		if gi >= 0 {
			toGold[pred.Entities[pi].ID] = gold.Entities[gi].ID
		}
	}
	goldName := nameIndex(gold.Entities)
	predName := nameIndex(pred.Entities)
	taken := make([]bool, len(gold.Relations))
	for _, p := range pred.Relations {
		s, sok := toGold[p.Subject]
		o, ook := toGold[p.Object]
		hit := -1
		if sok && ook {
			for gi, g := range gold.Relations {
				if taken[gi] || g.Predicate != p.Predicate {
					continue
				}
				if g.Subject == s && g.Object == o || p.Predicate.Symmetric() && g.Subject == o && g.Object == s {
					hit = gi
					break
				}
			}
		}
		if hit < 0 {
			r.relation(p.Predicate).FP++
			r.FalsePositives = append(r.FalsePositives, relItem(doc, p, predName))
			continue
		}
		taken[hit] = true
		r.relation(p.Predicate).TP++
		if g := gold.Relations[hit]; g.Predicate == schema.HoldsPosition {
			r.Title.Total++
			if schema.Normalize(g.Title) == schema.Normalize(p.Title) {
				r.Title.Correct++
			}
			r.Tense.compare(g.Tense, p.Tense)
		}
	}
	for gi, g := range gold.Relations {
		if !taken[gi] {
			r.relation(g.Predicate).FN++
			r.Misses = append(r.Misses, relItem(doc, g, goldName))
		}
	}
}

func nameIndex(es []ingest.AnnEntity) map[string]string {
	m := make(map[string]string, len(es))
	for _, e := range es {
		m[e.ID] = e.Name
	}
	return m
}

func relItem(doc string, rel ingest.AnnRelation, name map[string]string) Item {
	n := func(id string) string {
		if s, ok := name[id]; ok {
			return s
		}
		return "?" + id
	}
	it := Item{Document: doc, Relation: true, Type: string(rel.Predicate),
		Text: n(rel.Subject) + " " + string(rel.Predicate) + " " + n(rel.Object)}
	if len(rel.Evidence) > 0 {
		it.Rule = rel.Evidence[0].Extractor
	}
	return it
}
