package graphio

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/store"
)

// Graph is everything a store holds, read through the Store interface and
// put in a fixed order: documents, entities, relations and evidence by id.
type Graph struct {
	Documents []store.Document           // with Text
	Entities  []store.Entity             // aliases sorted
	Relations []store.Relation           // retracted ones too; Evidence filled in, by id
	Mentions  map[string][]string        // document id → entity ids, sorted
	byID      map[string]*store.Entity   // entity id → entity
	byDoc     map[string][]docEvidence   // document id → its evidence, by relation id then evidence id
	analyst   []docEvidence              // evidence without a document
	relByID   map[string]*store.Relation // relation id → relation
}

type docEvidence struct {
	rel *store.Relation
	ev  store.Evidence
}

// pageSize is how many items Snapshot asks for at a time.
const pageSize = store.MaxPageSize

// Snapshot reads the whole graph of st. Retracted relations are included.
func Snapshot(ctx context.Context, st store.Store) (*Graph, error) {
	g := &Graph{Mentions: map[string][]string{}, byID: map[string]*store.Entity{},
		byDoc: map[string][]docEvidence{}, relByID: map[string]*store.Relation{}}

	var ids []string
	for after := ""; ; {
		page, err := st.Documents(ctx, store.DocumentFilter{Page: store.Page{First: pageSize, After: after}})
		if err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		for _, d := range page.Items {
			ids = append(ids, d.ID)
		}
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for i := 0; i < len(ids); i += pageSize {
		part := ids[i:min(i+pageSize, len(ids))]
		docs, err := st.DocumentsByID(ctx, part) // listings may leave the text out
		if err != nil {
			return nil, fmt.Errorf("read documents: %w", err)
		}
		g.Documents = append(g.Documents, docs...)
		m, err := st.Mentions(ctx, part)
		if err != nil {
			return nil, fmt.Errorf("read mentions: %w", err)
		}
		for d, es := range m {
			es = slices.Clone(es)
			slices.Sort(es)
			g.Mentions[d] = es
		}
	}

	for after := ""; ; {
		page, err := st.Entities(ctx, store.EntityFilter{Page: store.Page{First: pageSize, After: after}})
		if err != nil {
			return nil, fmt.Errorf("list entities: %w", err)
		}
		for _, e := range page.Items {
			e.Aliases = slices.Clone(e.Aliases)
			slices.Sort(e.Aliases)
			g.Entities = append(g.Entities, e)
		}
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	slices.SortFunc(g.Entities, func(a, b store.Entity) int { return strings.Compare(a.ID, b.ID) })
	for i := range g.Entities {
		g.byID[g.Entities[i].ID] = &g.Entities[i]
	}

	for after := ""; ; {
		page, err := st.Relations(ctx, store.RelationFilter{IncludeRetracted: true, Page: store.Page{First: pageSize, After: after}})
		if err != nil {
			return nil, fmt.Errorf("list relations: %w", err)
		}
		g.Relations = append(g.Relations, page.Items...)
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	slices.SortFunc(g.Relations, func(a, b store.Relation) int { return strings.Compare(a.ID, b.ID) })
	for i := 0; i < len(g.Relations); i += pageSize {
		part := g.Relations[i:min(i+pageSize, len(g.Relations))]
		rids := make([]string, len(part))
		for j, r := range part {
			rids[j] = r.ID
		}
		evs, err := st.EvidenceFor(ctx, rids)
		if err != nil {
			return nil, fmt.Errorf("read evidence: %w", err)
		}
		for j := range part {
			r := &part[j]
			r.Evidence = slices.Clone(evs[r.ID])
			slices.SortFunc(r.Evidence, func(a, b store.Evidence) int { return strings.Compare(a.ID, b.ID) })
		}
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		g.relByID[r.ID] = r
		for _, ev := range r.Evidence {
			if ev.DocumentID == "" {
				g.analyst = append(g.analyst, docEvidence{r, ev})
			} else {
				g.byDoc[ev.DocumentID] = append(g.byDoc[ev.DocumentID], docEvidence{r, ev})
			}
		}
	}
	return g, nil
}

// WriteJSONL writes g as JSON lines: a header, one line per document (by
// id) with the entities it mentions and the relations its evidence
// supports (each with that evidence), one line per analyst's assertion,
// one per retraction, and an end line with the counts. Read takes it back.
func (g *Graph) WriteJSONL(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	put := func(v any) error { return enc.Encode(v) }
	if err := put(header{"diplograph", FormatVersion}); err != nil {
		return err
	}
	for _, d := range g.Documents {
		text := d.Text
		l := line{Document: d.Filename, ID: d.ID, Title: d.Title, Date: d.Date, Kind: d.Kind, Publisher: d.Publisher,
			Source: d.Source, Text: &text, Entities: []entity{}, Relations: []relation{}}
		if !d.IngestedAt.IsZero() {
			l.IngestedAt = d.IngestedAt.UTC().Format(timeLayout)
		}
		for _, id := range g.Mentions[d.ID] {
			e, ok := g.byID[id]
			if !ok {
				return fmt.Errorf("document %s mentions %s, which the store does not list", d.ID, id)
			}
			l.Entities = append(l.Entities, entity{ID: e.ID, Type: string(e.Type), Kind: e.Kind, Name: e.Name,
				Aliases: e.Aliases, Date: e.Date, EndDate: e.EndDate, Status: e.Status, StatusAsOf: e.StatusAsOf})
		}
		evs := g.byDoc[d.ID]
		for i := 0; i < len(evs); {
			r := evs[i].rel
			out := relation{ID: r.ID, Subject: r.Subject, Predicate: string(r.Type), Object: r.Object, Title: r.Title,
				Since: r.Since, Confidence: r.Confidence, FirstSeen: r.FirstSeen, LastSeen: r.LastSeen,
				Until: r.Until, Tense: r.Tense, TenseAsOf: r.TenseAsOf}
			if r.Withdrawn != nil {
				out.WithdrawnBy, out.WithdrawnAt = r.Withdrawn.By, r.Withdrawn.At
			}
			for ; i < len(evs) && evs[i].rel == r; i++ {
				ev := evs[i].ev
				out.Evidence = append(out.Evidence, evidence{ID: ev.ID, Sentence: ev.Sentence, Start: ev.Start, End: ev.End,
					Extractor: ev.Extractor, Confidence: ev.Confidence})
			}
			l.Relations = append(l.Relations, out)
		}
		if err := put(l); err != nil {
			return err
		}
	}
	for _, a := range g.analyst {
		if err := put(line{Assert: &assertion{Relation: a.rel.ID, Subject: a.rel.Subject, Predicate: string(a.rel.Type),
			Object: a.rel.Object, Note: a.ev.Sentence, Confidence: a.ev.Confidence}}); err != nil {
			return err
		}
	}
	var retracted int
	for _, r := range g.Relations {
		if r.Retracted == nil {
			continue
		}
		retracted++
		if err := put(line{Retract: &retraction{Relation: r.ID, Reason: r.Retracted.Reason,
			At: r.Retracted.At.UTC().Format(timeLayout)}}); err != nil {
			return err
		}
	}
	if err := put(line{End: &trailer{Documents: len(g.Documents), Asserted: len(g.analyst), Retracted: retracted}}); err != nil {
		return err
	}
	return bw.Flush()
}

// Unmentioned returns the ids of entities no document mentions (kept by an
// analyst's assertion after their documents were deleted). The JSON lines
// cannot carry them, since entities arrive with documents.
func (g *Graph) Unmentioned() []string {
	m := map[string]bool{}
	for _, es := range g.Mentions {
		for _, e := range es {
			m[e] = true
		}
	}
	var out []string
	for _, e := range g.Entities {
		if !m[e.ID] {
			out = append(out, e.ID)
		}
	}
	return out
}
