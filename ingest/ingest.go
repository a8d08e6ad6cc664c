// Package ingest turns source files into a store.Batch: read (txt, md,
// html, pdf → clean text and metadata), annotate (sentences and tokens),
// recognize (gazetteers and patterns), resolve (one entity per thing) and
// relate (relations and events, each with its evidence). It is pure: a
// batch is a function of its document and of the shipped (and any user)
// gazetteer data alone, never of what the graph already holds, so that
// the graph does not depend on the order documents arrive in. Identity
// across documents — an acronym learned in one document naming the
// entity a later one mentions bare — is the store's work: WriteBatch
// converges entities by their names and aliases (see store.Converges).
package ingest

import (
	"context"
	"fmt"
	"github.com/diplograph/diplograph/ingest/text"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/diplograph/diplograph/store"
)

// Option configures a Pipeline.
type Option func(*Pipeline)

// WithGazetteer adds a user gazetteer file to the shipped ones: lines of
// canonical name, entity type, aliases separated by |, and an optional
// kind, split by tabs. Its entries name their entities canonically, as the
// shipped alias file's do: a mention of any alias takes the entry's name.
func WithGazetteer(path string) Option {
	return func(p *Pipeline) { p.userFiles = append(p.userFiles, path) }
}

// Pipeline extracts a batch from one file. It is safe for concurrent use.
type Pipeline struct {
	userFiles []string
	gaz       *gazetteer
	tagger    *text.Tagger
}

var (
	shippedOnce sync.Once
	shipped     *gazetteer
	shippedErr  error

	// The tagging model is read-only once loaded; pipelines share it.
	taggerOnce sync.Once
	tagger     *text.Tagger
)

// New returns a pipeline with the shipped gazetteers and patterns.
func New(opts ...Option) (*Pipeline, error) {
	p := &Pipeline{}
	for _, o := range opts {
		o(p)
	}
	taggerOnce.Do(func() { tagger = text.NewTagger() })
	p.tagger = tagger
	if len(p.userFiles) == 0 {
		// The shipped gazetteer is read-only once built; pipelines share it.
		shippedOnce.Do(func() { shipped, shippedErr = loadGazetteer(nil) })
		p.gaz, _ = shipped, shippedErr
		if shippedErr != nil {
			return nil, shippedErr
		}
		return p, nil
	}
	g, err := loadGazetteer(p.userFiles)
	if err != nil {
		return nil, err
	}
	p.gaz = g
	return p, nil
}

// Process reads the file called name (its extension picks the reader) and
// returns the batch it yields. The error names the file. A bug that panics
// on odd input becomes an error for that file, not a crash of the job.
func (p *Pipeline) Process(ctx context.Context, name string, data []byte) (b store.Batch, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("process %s: internal error: %v\n%s", name, r, debug.Stack())
			b = store.Batch{}
		}
	}()
	doc, err := Read(name, data)
	if err != nil {
		return store.Batch{}, err
	}
	b, err = p.Extract(ctx, doc)
	if err != nil {
		return store.Batch{}, fmt.Errorf("process %s: %w", name, err)
	}
	return b, nil
}

func sortStrings(s []string) { slices.Sort(s) }
