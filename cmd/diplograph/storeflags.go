package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/neo4j"
	"github.com/diplograph/diplograph/store/sqlite"
)

// storeFlags are the flags every command that opens the graph shares.
type storeFlags struct {
	data  string
	neo4j string
}

func (f *storeFlags) register(fl *flag.FlagSet) {
	fl.StringVar(&f.data, "data", "./data", "folder of the embedded SQLite store (diplograph.db)")
	fl.StringVar(&f.neo4j, "neo4j", os.Getenv("NEO4J_URI"), "Neo4j URI (bolt:// or neo4j://) instead of SQLite; also NEO4J_URI, with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE")
}

// open opens the store the flags name and says which it is.
func (f *storeFlags) open(ctx context.Context) (store.Store, string, error) {
	if f.neo4j != "" {
		st, err := neo4j.Open(ctx, neo4j.Config{
			URI:      f.neo4j,
			User:     os.Getenv("NEO4J_USER"),
			Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE"),
		})
		if err != nil {
			return nil, "", fmt.Errorf("open neo4j %s: %w", f.neo4j, err)
		}
		return st, "neo4j " + f.neo4j, nil
	}
	if err := os.MkdirAll(f.data, 0o755); err != nil {
		return nil, "", fmt.Errorf("create data folder: %w", err)
	}
	path := filepath.Join(f.data, "diplograph.db")
	st, err := sqlite.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("open %s: %w", path, err)
	}
	return st, "sqlite " + path, nil
}

// ingestSummary counts what ingestPaths did.
type ingestSummary struct {
	Added, Unchanged, Failed int
}

// ingestPaths ingests files and folders (walked for ingest.Extensions,
// skipping gold annotation folders and hidden entries) into st, writing one
// progress line per document to progress. A file that fails is reported
// and skipped; the summary says how many did.
func ingestPaths(ctx context.Context, st store.Store, paths []string, progress io.Writer) (ingestSummary, error) {
	return ingestPathsTo(ctx, st, paths, progress, progress, nil)
}

// ingestPathsTo is ingestPaths with the files that failed reported to
// failures rather than with the results, and, unless newBar is nil, the
// documents done counted on the bar it returns for the total found.
func ingestPathsTo(ctx context.Context, st store.Store, paths []string, results, failures io.Writer, newBar func(total int) *progress) (ingestSummary, error) {
	var sum ingestSummary
	p, err := ingest.New()
	if err != nil {
		return sum, fmt.Errorf("start ingest pipeline: %w", err)
	}
	// Every folder is listed first, so that the bar knows the total.
	var files []string
	for _, root := range paths {
		fs, err := ingestFiles(root)
		if err != nil {
			fmt.Fprintf(failures, "FAILED %s: %v\n", root, err)
			sum.Failed++
			continue
		}
		files = append(files, fs...)
	}
	var bar *progress
	if newBar != nil {
		bar = newBar(len(files))
	}
	defer bar.finish()
	err = ingestList(ctx, p, st, files, func(path, line string, err error) {
		switch {
		case err != nil:
			bar.println(failures, "FAILED %s: %v", path, err)
			sum.Failed++
		case line == "":
			bar.println(results, "%s: unchanged", path)
			sum.Unchanged++
		default:
			bar.println(results, "%s: %s", path, line)
			sum.Added++
		}
		bar.add(1)
	})
	return sum, err
}

// ingestList ingests files in order and calls done for each with what it
// added ("" when the store held the document already) or why it failed.
// The next files are read and extracted while one is written, so that the
// store's work and the pipeline's overlap; when the store is the slower
// half, the documents extracted meanwhile are written together in one
// transaction where the store can (batchWriter), as many as fit in
// groupTime at the pace of the last group, up to maxGroup.
func ingestList(ctx context.Context, p *ingest.Pipeline, st store.Store, files []string, done func(path, line string, err error)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan extracted, maxGroup)
	go func() {
		defer close(next)
		for _, path := range files {
			var x extracted
			x.path = path
			x.b, x.held, x.err = readBatch(ctx, p, st, path)
			select {
			case next <- x:
			case <-ctx.Done():
				return
			}
		}
	}()
	group := make([]extracted, 0, maxGroup)
	limit := 1 // documents in the next group
	for x := range next {
		// What else is ready, without waiting for it.
		group = append(group[:0], x)
	more:
		for len(group) < limit {
			select {
			case y, ok := <-next:
				if !ok {
					break more
				}
				group = append(group, y)
			default:
				break more
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		if n := writeGroup(ctx, st, group, done); n > 0 {
			// As many as fit in groupTime at the pace of this group.
			perDoc := time.Since(start) / time.Duration(n)
			limit = max(1, min(maxGroup, int(groupTime/max(perDoc, time.Millisecond))))
		}
	}
	return ctx.Err()
}

// maxGroup bounds the documents written in one transaction, and how far
// extraction runs ahead of the store.
const maxGroup = 16

// groupTime is about the longest a group's transaction should take: it
// holds the store's write lock, which another process writing to the same
// store waits for (sqlite.BusyTimeout at most).
const groupTime = 200 * time.Millisecond

// extracted is a file read and extracted, ready to be written.
type extracted struct {
	path string
	b    store.Batch
	held bool // the store holds the document already
	err  error
}

// batchWriter is a store that writes several batches in one transaction
// (sqlite.DB.WriteBatches).
type batchWriter interface {
	WriteBatches(ctx context.Context, bs []store.Batch) ([]store.WriteResult, []error)
}

// writeGroup writes the group's documents, in one transaction where st
// can, calls done for each file in order, and returns how many documents
// it wrote (or tried to).
func writeGroup(ctx context.Context, st store.Store, group []extracted, done func(path, line string, err error)) int {
	var bs []store.Batch
	for _, x := range group {
		if x.err == nil && !x.held {
			bs = append(bs, x.b)
		}
	}
	bw, ok := st.(batchWriter)
	if !ok || len(bs) < 2 {
		for _, x := range group {
			if x.err != nil || x.held {
				done(x.path, "", x.err)
				continue
			}
			line, err := writeBatch(ctx, st, x.path, x.b)
			done(x.path, line, err)
		}
		return len(bs)
	}
	results, errs := bw.WriteBatches(ctx, bs)
	i := 0
	for _, x := range group {
		if x.err != nil || x.held {
			done(x.path, "", x.err)
			continue
		}
		line, err := describeWrite(x.path, results[i], errs[i])
		i++
		done(x.path, line, err)
	}
	return len(bs)
}

// ingestFiles lists the files to ingest under root, in name order. A file
// named directly is always tried, so that its reader can say why it fails.
func ingestFiles(root string) ([]string, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	var files []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if path != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			// Gold annotations describe documents; they are not documents.
			if path != root && name == "gold" {
				return filepath.SkipDir
			}
			return nil
		}
		if slices.Contains(ingest.Extensions, strings.ToLower(filepath.Ext(name))) {
			files = append(files, path)
		}
		return nil
	})
	return files, err
}

// readBatch reads a file and extracts its batch, unless the store holds
// its document already (held): a folder ingested again costs a read of
// each file, not an extraction.
func readBatch(ctx context.Context, p *ingest.Pipeline, st store.Store, path string) (b store.Batch, held bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return b, false, err
	}
	meta, err := readSidecar(path)
	if err != nil {
		return b, false, err
	}
	// p.Process(path, data) in two steps, so that the text read (a fifth
	// of ingest's CPU) is read once.
	doc, err := ingest.Read(path, data)
	if err != nil {
		return b, false, err
	}
	switch held, err := holds(ctx, st, doc.ID); {
	case err != nil:
		return b, false, fmt.Errorf("store %s: %w", path, err)
	case held:
		return b, true, nil
	}
	if b, err = extract(ctx, p, path, doc); err != nil {
		return b, false, err
	}
	meta.apply(&b.Document)
	return b, false, nil
}

// holds reports whether st holds the document id: through HasDocument
// where the store has it (the SQLite store's is one indexed probe, which
// neither reads the text nor rebuilds its read model after every write),
// else through Document.
func holds(ctx context.Context, st store.Store, id string) (bool, error) {
	if h, ok := st.(interface {
		HasDocument(context.Context, string) (bool, error)
	}); ok {
		return h.HasDocument(ctx, id)
	}
	switch _, err := st.Document(ctx, id); {
	case err == nil:
		return true, nil
	case store.ErrorCode(err) != store.ENOTFOUND:
		return false, err
	}
	return false, nil
}

// extract is the second half of p.Process: extraction from a document
// read, an extractor's panic reported as an error of this file.
func extract(ctx context.Context, p *ingest.Pipeline, path string, doc store.Document) (b store.Batch, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("process %s: internal error: %v\n%s", path, r, debug.Stack())
			b = store.Batch{}
		}
	}()
	if b, err = p.Extract(ctx, doc); err != nil {
		return store.Batch{}, fmt.Errorf("process %s: %w", path, err)
	}
	return b, nil
}

// writeBatch writes a file's batch and describes what it added, "" when the
// store already held the document.
func writeBatch(ctx context.Context, st store.Store, path string, b store.Batch) (string, error) {
	res, err := st.WriteBatch(ctx, b)
	return describeWrite(path, res, err)
}

// describeWrite is writeBatch's line for a batch written.
func describeWrite(path string, res store.WriteResult, err error) (string, error) {
	if err != nil {
		return "", fmt.Errorf("store %s: %w", path, err)
	}
	if res.Existed {
		return "", nil
	}
	return fmt.Sprintf("%s, +%d entities, +%d relations, +%d evidence",
		res.DocumentID, len(res.NewEntities), len(res.NewRelation), res.NewEvidence), nil
}
