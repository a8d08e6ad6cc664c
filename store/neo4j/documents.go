package neo4j

import (
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/store"
)

// Documents lists documents matching f, newest first: by date descending,
// undated last, then by id. Text is left empty.
func (s *Store) Documents(ctx context.Context, f store.DocumentFilter) (store.DocumentPage, error) {
	size, err := store.CheckPage(f.Page)
	if err != nil {
		return store.DocumentPage{}, err
	}
	nonEmpty := func(p *string) any {
		if p == nil || *p == "" {
			return nil
		}
		return *p
	}
	params := map[string]any{
		"kind": optional(f.Kind), "from": nonEmpty(f.From), "to": nonEmpty(f.To), "source": optional(f.Source),
		"afterKey": nil, "afterId": nil, "limit": int64(size + 1),
	}
	if f.After != "" {
		k, id, err := store.DecodeCursor(f.After)
		if err != nil {
			return store.DocumentPage{}, err
		}
		params["afterKey"], params["afterId"] = k, id
	}
	type result struct {
		items []store.Document
		total int
	}
	r, err := read(ctx, s, func(tx runner) (result, error) {
		total, err := count(ctx, tx, cypherCountDocuments, params)
		if err != nil {
			return result{}, err
		}
		items, err := documents(ctx, tx, cypherDocuments, params)
		return result{items, total}, err
	})
	if err != nil {
		return store.DocumentPage{}, internal(err, "list documents")
	}
	page := store.DocumentPage{Items: r.items, TotalCount: r.total}
	if len(page.Items) > size {
		page.Items, page.HasNext = page.Items[:size], true
	}
	for _, d := range page.Items {
		page.Cursors = append(page.Cursors, store.EncodeCursor(d.Date, d.ID))
	}
	if n := len(page.Cursors); n > 0 {
		page.EndCursor = page.Cursors[n-1]
	}
	return page, nil
}

// Mentions returns the ids of the entities each stored document mentions,
// in id order; a document not stored has no entry.
func (s *Store) Mentions(ctx context.Context, documentIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(documentIDs) == 0 {
		return out, nil
	}
	recs, err := read(ctx, s, func(tx runner) ([]*neo4j.Record, error) {
		return collect(ctx, tx, cypherMentions, map[string]any{"ids": documentIDs})
	})
	if err != nil {
		return nil, internal(err, "read mentions of %d documents", len(documentIDs))
	}
	for _, rec := range recs {
		m := rec.AsMap()
		doc := str(m, "document")
		out[doc] = append(out[doc], str(m, "entity"))
	}
	return out, nil
}

// DeleteDocument removes a document with its evidence and mentions, the
// relations left without evidence and the entities left with neither a
// relation nor a mention, in one transaction. Relations that keep evidence
// get their confidence and seen window recomputed from what remains.
func (s *Store) DeleteDocument(ctx context.Context, id string) (store.DeleteResult, error) {
	v, err := s.transact(ctx, neo4j.AccessModeWrite, func(tx runner) (any, error) {
		return deleteDocument(ctx, tx, id)
	})
	res, _ := v.(store.DeleteResult)
	if err != nil {
		return store.DeleteResult{DocumentID: id}, internal(err, "delete document %s", id)
	}
	return res, nil
}

func deleteDocument(ctx context.Context, tx runner, id string) (store.DeleteResult, error) {
	res := store.DeleteResult{DocumentID: id}
	recs, err := collect(ctx, tx, cypherDocumentImpact, map[string]any{"id": id})
	if err != nil {
		return res, err
	}
	if len(recs) == 0 {
		return res, store.Errorf(store.ENOTFOUND, "document %q not found", id)
	}
	impact := recs[0].AsMap()
	source := str(impact, "source")
	rels, candidates := strs(impact, "relations"), strs(impact, "mentioned")
	slices.Sort(rels)
	if len(rels) > 0 {
		ends, err := relations(ctx, tx, relationByID, map[string]any{"ids": rels})
		if err != nil {
			return res, err
		}
		for _, r := range ends {
			candidates = append(candidates, r.Subject, r.Object)
		}
	}
	if res.RemovedEvidence, err = count(ctx, tx, cypherDeleteDocument, map[string]any{"id": id}); err != nil {
		return res, err
	}
	if res.RemovedRelations, err = pruneRelations(ctx, tx, rels); err != nil {
		return res, err
	}
	if res.RemovedEntities, err = pruneEntities(ctx, tx, candidates); err != nil {
		return res, err
	}
	// What the document supported, and the versions left of its source,
	// decide again what stands.
	if err := reconcileRelations(ctx, tx, slices.DeleteFunc(slices.Clone(rels), func(r string) bool { return slices.Contains(res.RemovedRelations, r) })); err != nil {
		return res, err
	}
	if err := reconcileVersions(ctx, tx, source, true); err != nil {
		return res, err
	}
	return res, nil
}

// pruneRelations deletes those of ids left without evidence and brings
// the rest in line with the evidence they keep, returning the deleted ids.
func pruneRelations(ctx context.Context, tx runner, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	recs, err := collect(ctx, tx, cypherRelationStats, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var gone, kept []string
	var rows []map[string]any
	for _, rec := range recs {
		m := rec.AsMap()
		id := str(m, "id")
		if integer(m, "evidence") == 0 {
			gone = append(gone, id)
			continue
		}
		kept = append(kept, id)
		rows = append(rows, map[string]any{"id": id, "confidence": float(m, "confidence"),
			"firstSeen": str(m, "firstSeen"), "lastSeen": str(m, "lastSeen")})
	}
	if len(gone) > 0 {
		if _, err := collect(ctx, tx, deleteRelations, map[string]any{"ids": gone}); err != nil {
			return nil, err
		}
	}
	if len(kept) > 0 {
		if _, err := collect(ctx, tx, setRelationStats, map[string]any{"ids": kept, "rows": rows}); err != nil {
			return nil, err
		}
	}
	slices.Sort(gone)
	return gone, nil
}

// pruneEntities deletes those of ids that nothing touches any more and
// returns them.
func pruneEntities(ctx context.Context, tx runner, ids []string) ([]string, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return nil, nil
	}
	recs, err := collect(ctx, tx, cypherPruneEntities, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, rec := range recs {
		out = append(out, str(rec.AsMap(), "id"))
	}
	slices.Sort(out)
	return out, nil
}
