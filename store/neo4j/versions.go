package neo4j

import (
	"context"
	"slices"
	"time"

	"github.com/diplograph/diplograph/store"
)

// reconcileVersions decides again, once a document of source has been
// written (or deleted), which of the facts the versions of source support
// a newer version withdrew (store.Withdrawals), and records it. A source
// that is not versionable sends nothing, and one with a single version
// one look-up unless a version was just deleted.
func reconcileVersions(ctx context.Context, tx runner, source string, deleted bool) error {
	if !store.Versionable(source) {
		return nil
	}
	versions, err := versionsOf(ctx, tx, []string{source})
	if err != nil {
		return internal(err, "read the versions of %s", source)
	}
	if len(versions[source]) < 2 && !deleted {
		return nil
	}
	recs, err := collect(ctx, tx, cypherSeriesRelations, map[string]any{"source": source})
	if err != nil {
		return internal(err, "read the facts of %s", source)
	}
	var ids []string
	for _, rec := range recs {
		ids = append(ids, str(rec.AsMap(), "id"))
	}
	return reconcileRelations(ctx, tx, ids)
}

// reconcileRelations records for each of the relations ids whether a newer
// version withdrew it, from the support it has now.
func reconcileRelations(ctx context.Context, tx runner, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	recs, err := collect(ctx, tx, cypherRelationSupport, map[string]any{"ids": ids})
	if err != nil {
		return internal(err, "read the support of %d relations", len(ids))
	}
	var support []store.Support
	var sources []string
	for _, rec := range recs {
		m := rec.AsMap()
		d, _ := m["document"].(map[string]any)
		doc := versionDocument(d)
		support = append(support, store.Support{RelationID: str(m, "relation"), Document: doc})
		if store.Versionable(doc.Source) && !slices.Contains(sources, doc.Source) {
			sources = append(sources, doc.Source)
		}
	}
	versions := map[string][]store.Document{}
	if len(sources) > 0 {
		if versions, err = versionsOf(ctx, tx, sources); err != nil {
			return internal(err, "read versions")
		}
	}
	ws := store.Withdrawals(ids, support, versions)
	rows := make([]map[string]any, len(ids))
	for i, id := range ids {
		var by, at any
		if w := ws[id]; w != nil {
			by, at = w.By, w.At
		}
		rows[i] = map[string]any{"id": id, "withdrawnBy": by, "withdrawnAt": at}
	}
	if _, err := collect(ctx, tx, setWithdrawn, map[string]any{"ids": ids, "rows": rows}); err != nil {
		return internal(err, "record withdrawals of %d relations", len(ids))
	}
	return nil
}

// versionsOf returns the stored documents of each source, without text.
func versionsOf(ctx context.Context, tx runner, sources []string) (map[string][]store.Document, error) {
	recs, err := collect(ctx, tx, cypherVersions, map[string]any{"sources": sources})
	if err != nil {
		return nil, err
	}
	out := map[string][]store.Document{}
	for _, rec := range recs {
		d, _ := rec.AsMap()["document"].(map[string]any)
		doc := versionDocument(d)
		out[doc.Source] = append(out[doc.Source], doc)
	}
	return out, nil
}

// versionDocument reads {.id, .source, .date, .ingestedAt}; nil (an
// analyst's note has no document) reads as the zero Document.
func versionDocument(m map[string]any) store.Document {
	at, _ := m["ingestedAt"].(time.Time)
	return store.Document{ID: str(m, "id"), Source: str(m, "source"), Date: str(m, "date"), IngestedAt: at.UTC()}
}
