package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// countEntities counts entities of type t, of kind k when k is not nil.
func (r *Resolver) countEntities(ctx context.Context, t schema.EntityType, k *string) (int, error) {
	if t == schema.Document {
		if k == nil {
			return r.Store.DocumentCount(ctx)
		}
		p, err := r.Store.Documents(ctx, store.DocumentFilter{Kind: k, Page: store.Page{First: 1}})
		return p.TotalCount, err
	}
	p, err := r.Store.Entities(ctx, store.EntityFilter{Type: &t, Kind: k, Page: store.Page{First: 1}})
	return p.TotalCount, err
}

func (r *Resolver) typeCounts(ctx context.Context) ([]*model.TypeCount, error) {
	out := make([]*model.TypeCount, 0, len(schema.EntityTypes))
	for _, t := range schema.EntityTypes {
		n, err := r.countEntities(ctx, t, nil)
		if err != nil {
			return nil, err
		}
		tc := &model.TypeCount{Type: t, Count: n, Kinds: []*model.KindCount{}}
		rest := n
		for _, k := range schema.Kinds[t] {
			c, err := r.countEntities(ctx, t, &k)
			if err != nil {
				return nil, err
			}
			if c > 0 {
				kind := model.Kind(k)
				tc.Kinds = append(tc.Kinds, &model.KindCount{Kind: &kind, Count: c})
			}
			rest -= c
		}
		if len(schema.Kinds[t]) > 0 && rest > 0 {
			tc.Kinds = append(tc.Kinds, &model.KindCount{Count: rest})
		}
		out = append(out, tc)
	}
	return out, nil
}

func (r *Resolver) relationCounts(ctx context.Context) ([]*model.RelationTypeCount, error) {
	out := make([]*model.RelationTypeCount, 0, len(schema.RelationTypes))
	for _, t := range schema.RelationTypes {
		p, err := r.Store.Relations(ctx, store.RelationFilter{Types: []schema.RelationType{t}, Page: store.Page{First: 1}})
		if err != nil {
			return nil, err
		}
		out = append(out, &model.RelationTypeCount{Type: t, Count: p.TotalCount})
	}
	return out, nil
}

// eventsPer counts dated events by the first n characters of their date
// (4: year, 7: month), leaving out dates shorter than that.
func (r *Resolver) eventsPer(ctx context.Context, n int) ([]*model.PeriodCount, error) {
	t := schema.Event
	f := store.EntityFilter{Type: &t, OrderBy: store.OrderByDateAsc, Page: store.Page{First: store.MaxPageSize}}
	counts := map[string]int{}
	for {
		p, err := r.Store.Entities(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range p.Items {
			if len(e.Date) >= n {
				counts[e.Date[:n]]++
			}
		}
		if !p.HasNext {
			break
		}
		f.After = p.EndCursor
	}
	out := make([]*model.PeriodCount, 0, len(counts))
	for period, c := range counts {
		out = append(out, &model.PeriodCount{Period: period, Count: c})
	}
	slices.SortFunc(out, func(a, b *model.PeriodCount) int { return cmp.Compare(a.Period, b.Period) })
	return out, nil
}

// topEntities ranks entities by degree. It reads every relation once: the
// store has no degree index, and a chart asks for this rarely.
func (r *Resolver) topEntities(ctx context.Context, t *schema.EntityType, first int) ([]*model.EntityDegree, error) {
	if _, err := store.CheckPage(store.Page{First: first}); err != nil || first == 0 {
		return []*model.EntityDegree{}, err
	}
	rs, err := allRelations(ctx, r.Store, store.RelationFilter{})
	if err != nil {
		return nil, err
	}
	degree := map[string]int{}
	for _, rel := range rs {
		degree[rel.Subject]++
		degree[rel.Object]++
	}
	ids := make([]string, 0, len(degree))
	for id := range degree {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Or(cmp.Compare(degree[b], degree[a]), cmp.Compare(a, b)) })
	es, err := r.Store.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []*model.EntityDegree{}
	for _, e := range es {
		if len(out) == first {
			break
		}
		if e.ID == "" || t != nil && e.Type != *t {
			continue
		}
		out = append(out, &model.EntityDegree{Entity: model.NewEntity(e), Degree: degree[e.ID]})
	}
	return out, nil
}

// countQuery turns stats' arguments into the store's query.
func countQuery(st *model.Stats) store.CountQuery {
	q := store.CountQuery{Of: store.CountSubject(st.Of)}
	for _, k := range st.GroupBy {
		q.GroupBy = append(q.GroupBy, store.GroupKey(k))
	}
	if f := st.Filter; f != nil {
		if f.Kind != nil {
			k := string(*f.Kind)
			q.Kind = &k
		}
		q.Types, q.From, q.To, q.Country = f.Types, f.From, f.To, f.Country
	}
	return q
}

// newBuckets turns the store's buckets into the API's, empty keys null.
func newBuckets(bs []store.Bucket) []*model.StatsBucket {
	out := make([]*model.StatsBucket, len(bs))
	for i, b := range bs {
		m := &model.StatsBucket{Count: b.Count, CountryID: b.Country}
		if b.Kind != "" {
			k := model.Kind(b.Kind)
			m.Kind = &k
		}
		if b.Type != "" {
			t := b.Type
			m.Type = &t
		}
		if b.Period != "" {
			p := b.Period
			m.Period = &p
		}
		out[i] = m
	}
	return out
}
