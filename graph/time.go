package graph

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/graph/loaders"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Facts in time: what held at a date (asOf), an entity's timeline, who
// holds a post, and the versions of a document.

// comparePrefix compares two ISO dates as the stores do, each cut to the
// shorter: "2024" and "2024-05-02" are equal, as a year covers its days.
func comparePrefix(a, b string) int {
	n := min(len(a), len(b))
	return strings.Compare(a[:n], b[:n])
}

// standsAt reports whether a fact held at asOf, as Entity.relations(asOf:)
// documents it: stated by a document dated by then and not withdrawn by a
// version dated by then (an undated withdrawal counts); no end an event
// dated after it (eventDates holds the dates of the events among its
// ends); and for a post, since…until including it, a FORMER post without
// an until ended by the date it was judged FORMER, an INCOMING one without
// a since begun only after the date it was judged INCOMING. A post no
// dated document states (an analyst's assertion) is dated by its since
// alone: the analyst stated its bounds in hindsight.
func standsAt(r store.Relation, asOf string, eventDates map[string]string) bool {
	seen := cmp.Or(r.FirstSeen, r.LastSeen)
	if seen == "" && r.Type == schema.HoldsPosition {
		seen = r.Since
	}
	if seen == "" || comparePrefix(seen, asOf) > 0 {
		return false
	}
	if w := r.Withdrawn; w != nil && (w.At == "" || comparePrefix(w.At, asOf) <= 0) {
		return false
	}
	for _, end := range []string{r.Subject, r.Object} {
		if d := eventDates[end]; d != "" && comparePrefix(d, asOf) > 0 {
			return false
		}
	}
	if r.Type != schema.HoldsPosition {
		return true
	}
	if r.Since != "" && comparePrefix(r.Since, asOf) > 0 || r.Until != "" && comparePrefix(r.Until, asOf) < 0 {
		return false
	}
	switch r.Tense {
	case "FORMER":
		return r.Until != "" || r.TenseAsOf == "" || comparePrefix(r.TenseAsOf, asOf) > 0
	case "INCOMING":
		return r.Since != "" || r.TenseAsOf == "" || comparePrefix(asOf, r.TenseAsOf) > 0
	}
	return true
}

// holdsNow reports whether a post is held today as far as the graph
// knows: not FORMER, not withdrawn, begun (an INCOMING post only with a
// since by today) and not ended.
func holdsNow(r store.Relation, today string) bool {
	switch {
	case r.Tense == "FORMER" || r.Withdrawn != nil:
		return false
	case r.Until != "" && comparePrefix(r.Until, today) < 0:
		return false
	case r.Since != "" && comparePrefix(r.Since, today) > 0:
		return false
	case r.Tense == "INCOMING" && r.Since == "":
		return false
	}
	return true
}

// keepAsOf keeps the relations of rs that held at asOf (standsAt); a nil
// asOf keeps them all. The dates of events among their ends come through
// the request's loader (ids tell an event without loading it).
func keepAsOf(ctx context.Context, rs []store.Relation, asOf *string) ([]store.Relation, error) {
	if asOf == nil || len(rs) == 0 {
		return rs, nil
	}
	var ids []string
	for _, r := range rs {
		for _, end := range []string{r.Subject, r.Object} {
			if t, _ := store.TypeOf(end); t == schema.Event && !slices.Contains(ids, end) {
				ids = append(ids, end)
			}
		}
	}
	dates := map[string]string{}
	if len(ids) > 0 {
		es, err := loaders.For(ctx).Entity.LoadAll(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			dates[e.ID] = e.Date
		}
	}
	out := make([]store.Relation, 0, len(rs))
	for _, r := range rs {
		if standsAt(r, *asOf, dates) {
			out = append(out, r)
		}
	}
	return out, nil
}

// timelineOf answers Entity.timeline: the events tied to id with their
// status, the posts it held or that were held of it with their tense, and
// the documents supporting its facts, in date order (undated last), then
// events before posts before documents, then by name. With asOf, only the
// facts that held then (keepAsOf: events on or before it, posts whose
// bounds include it) and the documents published by then: a version
// published later, or an undated document, is not yet known at asOf.
func timelineOf(ctx context.Context, id string, first *int, asOf *string) ([]*model.TimelineItem, error) {
	if err := checkFirst(first, "timeline"); err != nil {
		return nil, err
	}
	if err := checkDate("asOf", asOf); err != nil {
		return nil, err
	}
	rs, err := relationsOf(ctx, id, nil, store.Both)
	if err != nil {
		return nil, err
	}
	if rs, err = keepAsOf(ctx, rs, asOf); err != nil {
		return nil, err
	}
	type item struct {
		*model.TimelineItem
		date, name string
	}
	var items []item
	var events []store.Relation
	for _, r := range rs {
		if r.Type == schema.HoldsPosition {
			m := &model.Relation{R: r}
			items = append(items, item{&model.TimelineItem{Kind: model.TimelineKindPost,
				Date: strPtr(cmp.Or(r.Since, r.FirstSeen)), EndDate: strPtr(r.Until), Tense: m.Tense(), Relation: m},
				cmp.Or(r.Since, r.FirstSeen), r.Title})
			continue
		}
		other := r.Object
		if other == id {
			other = r.Subject
		}
		if t, _ := store.TypeOf(other); t == schema.Event {
			events = append(events, r)
		}
	}
	es, err := ends(ctx, id, events)
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		ev := model.NewEvent(e)
		items = append(items, item{&model.TimelineItem{Kind: model.TimelineKindEvent, Date: ev.Date(), EndDate: ev.EndDate(),
			Status: ev.Status(), Event: ev}, e.Date, e.Name})
	}
	evs, err := evidenceOf(ctx, rs, false)
	if err != nil {
		return nil, err
	}
	docs, err := documentsOf(ctx, evs)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if asOf != nil && (d.D.Date == "" || comparePrefix(d.D.Date, *asOf) > 0) {
			continue
		}
		items = append(items, item{&model.TimelineItem{Kind: model.TimelineKindDocument, Date: d.Date(), Document: d},
			d.D.Date, d.D.Title + "\x00" + d.D.ID})
	}
	order := map[model.TimelineKind]int{model.TimelineKindEvent: 0, model.TimelineKindPost: 1, model.TimelineKindDocument: 2}
	slices.SortStableFunc(items, func(a, b item) int {
		if (a.date == "") != (b.date == "") {
			if a.date == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(order[a.Kind], order[b.Kind]), cmp.Compare(a.name, b.name))
	})
	out := make([]*model.TimelineItem, len(items))
	var posts []*model.Relation
	for i, it := range items {
		out[i] = it.TimelineItem
		if it.Relation != nil {
			posts = append(posts, it.Relation)
		}
	}
	if err := withEnds(ctx, posts, fieldsAt(ctx, "relation")); err != nil {
		return nil, err
	}
	return firstOf(out, first, "timeline")
}

// positions answers Query.positions: the HOLDS_POSITION facts of a title
// (contained, by schema.Key) at an organization, held at asOf or now.
func (r *Resolver) positions(ctx context.Context, title, organization, asOf *string, first *int) ([]*model.Relation, error) {
	if err := checkFirst(first, "positions"); err != nil {
		return nil, err
	}
	if err := checkDate("asOf", asOf); err != nil {
		return nil, err
	}
	if organization != nil {
		if _, err := r.Store.Entity(ctx, *organization); err != nil {
			return nil, err
		}
	}
	all, err := allRelations(ctx, r.Store, store.RelationFilter{Types: []schema.RelationType{schema.HoldsPosition}, Object: organization})
	if err != nil {
		return nil, err
	}
	if title != nil {
		k := schema.Key(*title)
		all = slices.DeleteFunc(all, func(rel store.Relation) bool { return !strings.Contains(schema.Key(rel.Title), k) })
	}
	if asOf != nil {
		all = slices.DeleteFunc(all, func(rel store.Relation) bool { return !standsAt(rel, *asOf, nil) })
	} else {
		today := time.Now().UTC().Format(time.DateOnly)
		all = slices.DeleteFunc(all, func(rel store.Relation) bool { return !holdsNow(rel, today) })
	}
	// The most recent judgement first: it says the most about now.
	slices.SortFunc(all, func(a, b store.Relation) int {
		return cmp.Or(cmp.Compare(b.TenseAsOf, a.TenseAsOf), cmp.Compare(b.LastSeen, a.LastSeen), cmp.Compare(a.ID, b.ID))
	})
	all, err = firstOf(all, first, "positions")
	if err != nil {
		return nil, err
	}
	if err := r.prefetchRelations(ctx, all, nil, fieldsAt(ctx)); err != nil {
		return nil, err
	}
	return relationModels(ctx, all, fieldsAt(ctx))
}

// versionsOf answers Document.versions: the documents of the same http(s)
// source, newest first, each whole (through the loader); d alone when its
// source is not a URL.
func (r *Resolver) versionsOf(ctx context.Context, d store.Document, first *int) ([]*model.Document, error) {
	if err := checkFirst(first, "versions"); err != nil {
		return nil, err
	}
	if !store.Versionable(d.Source) {
		return firstOf([]*model.Document{{D: d}}, first, "versions")
	}
	var found []store.Document
	f := store.DocumentFilter{Source: &d.Source, Page: store.Page{First: store.MaxPageSize}}
	for {
		p, err := r.Store.Documents(ctx, f)
		if err != nil {
			return nil, err
		}
		found = append(found, p.Items...)
		if !p.HasNext {
			break
		}
		f.After = p.EndCursor
	}
	store.SortVersions(found)
	found, err := firstOf(found, first, "versions")
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(found))
	for i, v := range found {
		ids[i] = v.ID
	}
	whole, err := loaders.For(ctx).Document.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Document, 0, len(whole))
	for _, v := range whole {
		if v.ID != "" {
			out = append(out, &model.Document{D: v})
		}
	}
	return out, nil
}

// supportingDocuments answers Relation.documents: the documents of a
// fact's evidence, newest first.
func supportingDocuments(ctx context.Context, rel store.Relation, first *int) ([]*model.Document, error) {
	if err := checkFirst(first, "documents"); err != nil {
		return nil, err
	}
	evs, err := evidenceOf(ctx, []store.Relation{rel}, false)
	if err != nil {
		return nil, err
	}
	docs, err := documentsOf(ctx, evs)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(docs, func(a, b *model.Document) int { return store.CompareVersions(b.D, a.D) })
	return firstOf(docs, first, "documents")
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
