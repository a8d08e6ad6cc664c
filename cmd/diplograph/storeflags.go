package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	return ingestPathsTo(ctx, st, paths, progress, progress)
}

// ingestPathsTo is ingestPaths with the files that failed reported to
// failures rather than with the progress.
func ingestPathsTo(ctx context.Context, st store.Store, paths []string, progress, failures io.Writer) (ingestSummary, error) {
	var sum ingestSummary
	p, err := ingest.New()
	if err != nil {
		return sum, fmt.Errorf("start ingest pipeline: %w", err)
	}
	for _, root := range paths {
		files, err := ingestFiles(root)
		if err != nil {
			fmt.Fprintf(failures, "FAILED %s: %v\n", root, err)
			sum.Failed++
			continue
		}
		for _, path := range files {
			if err := ctx.Err(); err != nil {
				return sum, err
			}
			line, err := ingestFile(ctx, p, st, path)
			switch {
			case err != nil:
				fmt.Fprintf(failures, "FAILED %s: %v\n", path, err)
				sum.Failed++
			case line == "":
				fmt.Fprintf(progress, "%s: unchanged\n", path)
				sum.Unchanged++
			default:
				fmt.Fprintf(progress, "%s: %s\n", path, line)
				sum.Added++
			}
		}
	}
	return sum, nil
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

// ingestFile ingests one file and describes what it added, "" when the
// store already held the document.
func ingestFile(ctx context.Context, p *ingest.Pipeline, st store.Store, path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	meta, err := readSidecar(path)
	if err != nil {
		return "", err
	}
	b, err := p.Process(ctx, path, data)
	if err != nil {
		return "", err
	}
	meta.apply(&b.Document)
	res, err := st.WriteBatch(ctx, b)
	if err != nil {
		return "", fmt.Errorf("store %s: %w", path, err)
	}
	if res.Existed {
		return "", nil
	}
	return fmt.Sprintf("%s, +%d entities, +%d relations, +%d evidence",
		res.DocumentID, len(res.NewEntities), len(res.NewRelation), res.NewEvidence), nil
}
