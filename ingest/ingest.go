// Package ingest turns source files into a store.Batch: read (txt, md,
// html, pdf → clean text and metadata), annotate (prose sentences and
// tokens), recognize (gazetteers and patterns), resolve (one entity per
// thing) and relate (relations and events, each with its evidence). It is
// pure: it reads no store, except through the Known lookup a caller may pass
// so that aliases learned from earlier documents resolve later mentions.
package ingest

import (
	"context"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Known looks up entities the graph already holds; store.Store satisfies it.
type Known interface {
	EntityByAlias(ctx context.Context, t schema.EntityType, name string) ([]store.Entity, error)
}

// Option configures a Pipeline.
type Option func(*Pipeline)

// WithKnown makes the pipeline resolve mentions against entities the graph
// already holds.
func WithKnown(k Known) Option { return func(p *Pipeline) { p.known = k } }

// Pipeline extracts a batch from one file. It is safe for concurrent use.
type Pipeline struct {
	known Known
}

// New returns a pipeline with the shipped gazetteers and patterns.
func New(opts ...Option) (*Pipeline, error) {
	p := &Pipeline{}
	for _, o := range opts {
		o(p)
	}
	return p, nil
}

// Process reads the file called name (its extension picks the reader) and
// returns the batch it yields. The error names the file.
func (p *Pipeline) Process(ctx context.Context, name string, data []byte) (store.Batch, error) {
	doc, err := Read(name, data)
	if err != nil {
		return store.Batch{}, err
	}
	return p.Extract(ctx, doc)
}
