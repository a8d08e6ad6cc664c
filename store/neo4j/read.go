package neo4j

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Entity returns one entity by id. ENOTFOUND if there is none.
func (s *Store) Entity(ctx context.Context, id string) (store.Entity, error) {
	id = store.NormalizeID(id)
	es, err := read(ctx, s, func(tx runner) ([]store.Entity, error) {
		return entities(ctx, tx, cypherEntity, map[string]any{"id": id})
	})
	if err != nil {
		return store.Entity{}, internal(err, "read entity %s", id)
	}
	if len(es) == 0 {
		return store.Entity{}, store.Errorf(store.ENOTFOUND, "entity %q not found", id)
	}
	return es[0], nil
}

// EntitiesByID returns the entities with the given ids, in the order asked,
// with a zero Entity for each id not found.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) ([]store.Entity, error) {
	out := make([]store.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ids = store.NormalizeIDs(ids)
	es, err := read(ctx, s, func(tx runner) ([]store.Entity, error) {
		return entities(ctx, tx, cypherEntitiesByID, map[string]any{"ids": ids})
	})
	if err != nil {
		return nil, internal(err, "read %d entities", len(ids))
	}
	byID := make(map[string]store.Entity, len(es))
	for _, e := range es {
		byID[e.ID] = e
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// EntityByAlias returns the entities of type t whose name or an alias has
// the key of name.
func (s *Store) EntityByAlias(ctx context.Context, t schema.EntityType, name string) ([]store.Entity, error) {
	key := schema.Key(name)
	if key == "" {
		return nil, nil
	}
	es, err := read(ctx, s, func(tx runner) ([]store.Entity, error) {
		return entities(ctx, tx, cypherEntityByAlias, map[string]any{"type": string(t), "key": key})
	})
	if err != nil {
		return nil, internal(err, "look up %s %q", t, name)
	}
	return es, nil
}

// Entities lists entities matching f. EINVALID for a bad cursor, page size
// or order.
func (s *Store) Entities(ctx context.Context, f store.EntityFilter) (store.EntityPage, error) {
	size, err := store.CheckPage(f.Page)
	if err != nil {
		return store.EntityPage{}, err
	}
	f.IDs, f.Participant = store.NormalizeIDs(f.IDs), store.NormalizeIDPtr(f.Participant)
	var q string
	sortKey := func(e store.Entity) string { return e.Date }
	switch f.OrderBy {
	case store.OrderByName:
		q, sortKey = cypherEntitiesByName, func(e store.Entity) string { return e.Name }
	case store.OrderByDateAsc:
		q = cypherEntitiesByDateAsc
	case store.OrderByDateDesc:
		q = cypherEntitiesByDateDesc
	default:
		return store.EntityPage{}, store.Errorf(store.EINVALID, "unknown entity order %d", f.OrderBy)
	}
	var needle any
	if f.NameContains != nil {
		if k := schema.Key(*f.NameContains); k != "" {
			needle = k
		}
	}
	var typ any
	if f.Type != nil {
		typ = string(*f.Type)
	}
	params := map[string]any{
		"ids": optionalList(f.IDs), "type": typ, "kind": optional(f.Kind), "needle": needle,
		"from": optional(f.From), "to": optional(f.To), "participant": optional(f.Participant), "status": optional(f.Status),
		"afterKey": nil, "afterId": nil, "limit": int64(size + 1),
	}
	if f.After != "" {
		k, id, err := store.DecodeCursor(f.After)
		if err != nil {
			return store.EntityPage{}, err
		}
		params["afterKey"], params["afterId"] = k, id
	}
	type result struct {
		items []store.Entity
		total int
	}
	r, err := read(ctx, s, func(tx runner) (result, error) {
		total, err := count(ctx, tx, cypherCountEntities, params)
		if err != nil {
			return result{}, err
		}
		items, err := entities(ctx, tx, q, params)
		return result{items, total}, err
	})
	if err != nil {
		return store.EntityPage{}, internal(err, "list entities")
	}
	page := store.EntityPage{Items: r.items, TotalCount: r.total}
	if len(page.Items) > size {
		page.Items, page.HasNext = page.Items[:size], true
	}
	if n := len(page.Items); n > 0 {
		last := page.Items[n-1]
		page.EndCursor = store.EncodeCursor(sortKey(last), last.ID)
	}
	return page, nil
}

// Relations lists relations matching f, ordered by id. EINVALID for a bad
// cursor or page size.
func (s *Store) Relations(ctx context.Context, f store.RelationFilter) (store.RelationPage, error) {
	size, err := store.CheckPage(f.Page)
	if err != nil {
		return store.RelationPage{}, err
	}
	f.Subject, f.Object = store.NormalizeIDPtr(f.Subject), store.NormalizeIDPtr(f.Object)
	params := map[string]any{
		"types": optionalList(f.Types), "subject": optional(f.Subject), "object": optional(f.Object),
		"minConfidence": optional(f.MinConfidence), "document": optional(f.Document), "includeRetracted": f.IncludeRetracted,
		"tense": optional(f.Tense), "withdrawn": optional(f.Withdrawn),
		"afterId": nil, "limit": int64(size + 1),
	}
	if f.After != "" {
		_, id, err := store.DecodeCursor(f.After)
		if err != nil {
			return store.RelationPage{}, err
		}
		params["afterId"] = id
	}
	type result struct {
		items []store.Relation
		total int
	}
	r, err := read(ctx, s, func(tx runner) (result, error) {
		total, err := count(ctx, tx, cypherCountRelations, params)
		if err != nil {
			return result{}, err
		}
		items, err := relations(ctx, tx, cypherRelations, params)
		return result{items, total}, err
	})
	if err != nil {
		return store.RelationPage{}, internal(err, "list relations")
	}
	page := store.RelationPage{Items: r.items, TotalCount: r.total}
	if len(page.Items) > size {
		page.Items, page.HasNext = page.Items[:size], true
	}
	if n := len(page.Items); n > 0 {
		last := page.Items[n-1]
		page.EndCursor = store.EncodeCursor(last.ID, last.ID)
	}
	return page, nil
}

// Expand returns every relation touching the entities asked.
func (s *Store) Expand(ctx context.Context, e store.Expand) ([]store.Relation, error) {
	if len(e.IDs) == 0 {
		return nil, nil
	}
	e.IDs = store.NormalizeIDs(e.IDs)
	var q string
	switch e.Direction {
	case store.Out:
		q = cypherExpandOut
	case store.In:
		q = cypherExpandIn
	case store.Both:
		q = cypherExpandBoth
	default:
		return nil, store.Errorf(store.EINVALID, "unknown direction %d", e.Direction)
	}
	if e.Among {
		q = cypherExpandAmong
	}
	rs, err := read(ctx, s, func(tx runner) ([]store.Relation, error) {
		return relations(ctx, tx, q, map[string]any{"ids": e.IDs, "types": optionalList(e.Types)})
	})
	if err != nil {
		return nil, internal(err, "expand %d entities", len(e.IDs))
	}
	return rs, nil
}

// EvidenceFor returns the evidence of the given relations, grouped by
// relation id, each group in document then offset order.
func (s *Store) EvidenceFor(ctx context.Context, relationIDs []string) (map[string][]store.Evidence, error) {
	out := map[string][]store.Evidence{}
	if len(relationIDs) == 0 {
		return out, nil
	}
	recs, err := read(ctx, s, func(tx runner) ([]*neo4j.Record, error) {
		return collect(ctx, tx, cypherEvidenceFor, map[string]any{"ids": relationIDs})
	})
	if err != nil {
		return nil, internal(err, "read evidence of %d relations", len(relationIDs))
	}
	for _, rec := range recs {
		m, _ := rec.AsMap()["evidence"].(map[string]any)
		ev := evidence(m)
		out[ev.RelationID] = append(out[ev.RelationID], ev)
	}
	return out, nil
}

// Document returns one document. ENOTFOUND if there is none.
func (s *Store) Document(ctx context.Context, id string) (store.Document, error) {
	ds, err := read(ctx, s, func(tx runner) ([]store.Document, error) {
		return documents(ctx, tx, cypherDocument, map[string]any{"id": id})
	})
	if err != nil {
		return store.Document{}, internal(err, "read document %s", id)
	}
	if len(ds) == 0 {
		return store.Document{}, store.Errorf(store.ENOTFOUND, "document %q not found", id)
	}
	return ds[0], nil
}

// DocumentsByID returns documents in the order asked, a zero Document for
// each id not found.
func (s *Store) DocumentsByID(ctx context.Context, ids []string) ([]store.Document, error) {
	out := make([]store.Document, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ds, err := read(ctx, s, func(tx runner) ([]store.Document, error) {
		return documents(ctx, tx, cypherDocumentsByID, map[string]any{"ids": ids})
	})
	if err != nil {
		return nil, internal(err, "read %d documents", len(ids))
	}
	byID := make(map[string]store.Document, len(ds))
	for _, d := range ds {
		byID[d.ID] = d
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// DocumentCount returns how many documents are stored.
func (s *Store) DocumentCount(ctx context.Context) (int, error) {
	n, err := read(ctx, s, func(tx runner) (int, error) {
		return count(ctx, tx, cypherDocumentCount, nil)
	})
	if err != nil {
		return 0, internal(err, "count documents")
	}
	return n, nil
}

// DefaultSearchLimit is the number of hits Search returns for limit <= 0.
const DefaultSearchLimit = store.DefaultSearchLimit

// Search finds entities whose name or aliases contain every word of text as
// a word or word prefix, or, when those are fewer than limit, within
// store.Typos edits of one (Lucene's fuzzy word~N), ignoring case and
// diacritics, through the full-text index, ranked by store.RankSearch
// (Lucene's score orders hits within a tier). A limit above
// store.MaxPageSize is cut to it.
func (s *Store) Search(ctx context.Context, text string, types []schema.EntityType, limit int) ([]store.SearchHit, error) {
	q := luceneQuery(text)
	if q == "" {
		return nil, nil
	}
	limit = store.SearchLimit(limit)
	key := strings.Join(store.SearchWords(text), " ")
	search := func(q string, limit int) ([]store.RankedHit, error) {
		params := map[string]any{"query": q, "key": key, "types": optionalList(types), "limit": int64(limit)}
		recs, err := read(ctx, s, func(tx runner) ([]*neo4j.Record, error) {
			return collect(ctx, tx, cypherSearch, params)
		})
		if err != nil {
			return nil, internal(err, "search %q", text)
		}
		found := make([]store.RankedHit, 0, len(recs))
		for _, rec := range recs {
			m := rec.AsMap()
			e, _ := m["entity"].(map[string]any)
			rank := float(m, "rank")
			found = append(found, store.RankedHit{Entity: entity(e), Relevance: rank - math.Floor(rank)})
		}
		return found, nil
	}
	found, err := search(q, limit)
	if err != nil {
		return nil, err
	}
	hits := store.RankSearch(text, found, limit)
	fq := fuzzyLuceneQuery(text)
	if len(hits) >= limit || fq == "" {
		return hits, nil
	}
	// Every prefix hit matches the fuzzy query too: ask for them again so
	// that the typos still fill the page.
	more, err := search(fq, min(limit+len(found), store.MaxPageSize))
	if err != nil {
		return nil, err
	}
	return store.RankSearch(text, append(found, more...), limit), nil
}

// SearchDocuments finds documents whose title or text contains every word
// of text as a word or word prefix, ignoring case and diacritics, through
// the documents' full-text index, most relevant first. A limit above
// store.MaxPageSize is cut to it.
func (s *Store) SearchDocuments(ctx context.Context, text string, limit int) ([]store.DocumentHit, error) {
	q := documentLuceneQuery(text)
	if q == "" {
		return nil, nil
	}
	limit = store.SearchLimit(limit)
	recs, err := read(ctx, s, func(tx runner) ([]*neo4j.Record, error) {
		return collect(ctx, tx, cypherSearchDocuments, map[string]any{"query": q, "limit": int64(limit)})
	})
	if err != nil {
		return nil, internal(err, "search documents %q", text)
	}
	hits := make([]store.DocumentHit, 0, len(recs))
	for _, rec := range recs {
		m := rec.AsMap()
		d, _ := m["document"].(map[string]any)
		hits = append(hits, store.DocumentHit{Document: document(d), Score: float(m, "rank")})
	}
	return hits, nil
}

// documentLuceneQuery turns search text into a query over documents'
// title (weighted up) and text: every word must match as a whole word or
// a prefix. Words are folded and escaped as in luceneQuery.
func documentLuceneQuery(text string) string {
	words := strings.Fields(schema.Key(text))
	clauses := make([]string, len(words))
	for i, w := range words {
		w = escapeLucene(w)
		clauses[i] = "(title:" + w + "^2 OR title:" + w + "*^2 OR text:" + w + " OR text:" + w + "*)"
	}
	return strings.Join(clauses, " AND ")
}

// luceneQuery turns search text into a query over the index's two fields:
// every word must match, as a whole word or a prefix, in the name (weighted
// up) or an alias. The text is folded by schema.Key first, like the indexed
// keys, and each word escaped so that nothing in it acts as Lucene syntax.
func luceneQuery(text string) string {
	words := store.SearchWords(text)
	clauses := make([]string, len(words))
	for i, w := range words {
		w = escapeLucene(w)
		clauses[i] = "(key:" + w + "^4 OR key:" + w + "*^2 OR aliasText:" + w + "^2 OR aliasText:" + w + "*)"
	}
	return strings.Join(clauses, " AND ")
}

// fuzzyLuceneQuery is luceneQuery where each word long enough to forgive
// typos (store.Typos) may also be that many edits away (word~N, Lucene's
// Damerau–Levenshtein); "" when no word is.
func fuzzyLuceneQuery(text string) string {
	words := store.SearchWords(text)
	typos := false
	clauses := make([]string, len(words))
	for i, w := range words {
		n := store.Typos(w)
		w = escapeLucene(w)
		clauses[i] = "key:" + w + "^4 OR key:" + w + "*^2 OR aliasText:" + w + "^2 OR aliasText:" + w + "*"
		if n > 0 {
			typos = true
			clauses[i] += " OR key:" + w + "~" + strconv.Itoa(n) + " OR aliasText:" + w + "~" + strconv.Itoa(n)
		}
		clauses[i] = "(" + clauses[i] + ")"
	}
	if !typos {
		return ""
	}
	return strings.Join(clauses, " AND ")
}

// luceneSpecial are the characters Lucene's classic query parser reads as
// syntax.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(luceneSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	// A bare AND, OR or NOT would be an operator; lower case is not.
	switch out {
	case "AND", "OR", "NOT":
		out = strings.ToLower(out)
	}
	return out
}

func entities(ctx context.Context, tx runner, q string, params map[string]any) ([]store.Entity, error) {
	recs, err := collect(ctx, tx, q, params)
	if err != nil {
		return nil, err
	}
	out := make([]store.Entity, 0, len(recs))
	for _, rec := range recs {
		m, _ := rec.AsMap()["entity"].(map[string]any)
		out = append(out, entity(m))
	}
	return out, nil
}

func entity(m map[string]any) store.Entity {
	return store.Entity{
		ID: str(m, "id"), Type: schema.EntityType(str(m, "type")), Kind: str(m, "kind"),
		Name: str(m, "name"), Aliases: strs(m, "aliases"), Date: str(m, "date"), EndDate: str(m, "endDate"),
		Status: str(m, "status"), StatusAsOf: str(m, "statusAsOf"),
	}
}

func relations(ctx context.Context, tx runner, q string, params map[string]any) ([]store.Relation, error) {
	recs, err := collect(ctx, tx, q, params)
	if err != nil {
		return nil, err
	}
	out := make([]store.Relation, 0, len(recs))
	for _, rec := range recs {
		m, _ := rec.AsMap()["relation"].(map[string]any)
		out = append(out, relation(m))
	}
	return out, nil
}

func relation(m map[string]any) store.Relation {
	r := store.Relation{
		ID: str(m, "id"), Type: schema.RelationType(str(m, "type")),
		Subject: str(m, "subject"), Object: str(m, "object"),
		Title: str(m, "title"), Since: str(m, "since"), Confidence: float(m, "confidence"),
		FirstSeen: str(m, "firstSeen"), LastSeen: str(m, "lastSeen"),
		Until: str(m, "until"), Tense: str(m, "tense"), TenseAsOf: str(m, "tenseAsOf"),
	}
	if by, ok := m["withdrawnBy"].(string); ok {
		r.Withdrawn = &store.Withdrawal{By: by, At: str(m, "withdrawnAt")}
	}
	if reason, ok := m["retractedReason"].(string); ok {
		at, _ := m["retractedAt"].(time.Time)
		r.Retracted = &store.Retraction{Reason: reason, At: at.UTC()}
	}
	return r
}

func evidence(m map[string]any) store.Evidence {
	return store.Evidence{
		ID: str(m, "id"), RelationID: str(m, "relationId"), DocumentID: str(m, "documentId"),
		Sentence: str(m, "sentence"), Start: integer(m, "start"), End: integer(m, "end"),
		Extractor: str(m, "extractor"), Confidence: float(m, "confidence"),
	}
}

func documents(ctx context.Context, tx runner, q string, params map[string]any) ([]store.Document, error) {
	recs, err := collect(ctx, tx, q, params)
	if err != nil {
		return nil, err
	}
	out := make([]store.Document, 0, len(recs))
	for _, rec := range recs {
		m, _ := rec.AsMap()["document"].(map[string]any)
		out = append(out, document(m))
	}
	return out, nil
}

// document reads a documentProjection.
func document(m map[string]any) store.Document {
	at, _ := m["ingestedAt"].(time.Time)
	return store.Document{
		ID: str(m, "id"), Filename: str(m, "filename"), Title: str(m, "title"), Date: str(m, "date"),
		Publisher: str(m, "publisher"), Kind: str(m, "kind"), Source: str(m, "source"),
		Text: str(m, "text"), IngestedAt: at.UTC(),
	}
}

// The helpers below read a property of a map projection; a property the
// node lacks reads as the zero value.

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func strs(m map[string]any, k string) []string {
	xs, _ := m[k].([]any)
	if len(xs) == 0 {
		return nil
	}
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func integer(m map[string]any, k string) int {
	n, _ := m[k].(int64)
	return int(n)
}

func float(m map[string]any, k string) float64 {
	switch v := m[k].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}
