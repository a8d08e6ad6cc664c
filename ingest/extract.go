package ingest

import (
	"context"

	"github.com/diplograph/diplograph/store"
)

// Extract finds the entities and relations of a read document.
func (p *Pipeline) Extract(ctx context.Context, doc store.Document) (store.Batch, error) {
	return store.Batch{Document: doc}, nil
}
