package eval

import (
	"fmt"
	"io"
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// Write prints one aligned table for entities and one for relations, then
// the attribute accuracies; verbose adds the misses and false positives of
// each document.
func (r *Report) Write(w io.Writer, verbose bool) error {
	var b strings.Builder
	const head = "%-24s %6s %6s %6s %7s %7s %7s\n"
	row := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-24s %6d %6d %6d %7.3f %7.3f %7.3f\n", name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	fmt.Fprintf(&b, "documents: %d\n\n", len(r.Documents))
	fmt.Fprintf(&b, head, "entity type", "TP", "FP", "FN", "P", "R", "F1")
	for _, t := range schema.EntityTypes {
		if c, ok := r.Entities[t]; ok && t != schema.Topic {
			row(string(t), *c)
		}
	}
	row("overall (no Topic)", r.EntityTotal())
	if c, ok := r.Entities[schema.Topic]; ok {
		row(string(schema.Topic), *c)
	}
	fmt.Fprintf(&b, "\n"+head, "relation type", "TP", "FP", "FN", "P", "R", "F1")
	for _, t := range schema.RelationTypes {
		if c, ok := r.Relations[t]; ok && t != schema.Discussed {
			row(string(t), *c)
		}
	}
	row("overall (no DISCUSSED)", r.RelationTotal())
	if c, ok := r.Relations[schema.Discussed]; ok {
		row(string(schema.Discussed), *c)
	}
	fmt.Fprintf(&b, "\n%-24s %7s %6s %8s\n", "attribute", "correct", "total", "accuracy")
	acc := func(name string, a Accuracy) {
		fmt.Fprintf(&b, "%-24s %7d %6d %8.3f\n", name, a.Correct, a.Total, a.Rate())
	}
	acc("HOLDS_POSITION title", r.Title)
	acc("entity kind", r.Kind)
	acc("event date", r.Date)
	acc("event status", r.Status)
	acc("HOLDS_POSITION tense", r.Tense)
	acc("document title", r.DocTitle)
	acc("document date", r.DocDate)
	acc("document kind", r.DocKind)
	if verbose {
		miss, fp := byDocument(r.Misses), byDocument(r.FalsePositives)
		for _, d := range r.Documents {
			if len(miss[d]) == 0 && len(fp[d]) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\n== %s\n", d)
			list(&b, "missed", miss[d])
			list(&b, "false positives", fp[d])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
func byDocument(items []Item) map[string][]Item {
	m := map[string][]Item{}
	for _, it := range items {
		m[it.Document] = append(m[it.Document], it)
	}
	return m
}

func list(w io.Writer, head string, items []Item) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "  %s (%d):\n", head, len(items))
	for _, it := range items {
		if it.Relation && it.Rule != "" {
			fmt.Fprintf(w, "    %s  [%s]\n", it.Text, it.Rule)
		} else if it.Relation {
			fmt.Fprintf(w, "    %s\n", it.Text)
		} else {
			fmt.Fprintf(w, "    %s (%s)\n", it.Text, it.Type)
		}
	}
}
