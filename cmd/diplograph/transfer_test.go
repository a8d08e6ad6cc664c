package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs one diplograph command in process and returns its stdout
// and stderr.
func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// TestImportExportRoundTrip: annotations imported, exported, imported
// into an empty store and exported again give the same bytes, in every
// format.
func TestImportExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	gold := filepath.Join("..", "..", "store", "graphio", "testdata", "gold")
	if _, stderr, err := runCmd(t, "import", "--data", a, "--scale", "2", gold); err != nil {
		t.Fatalf("import %s: %v\n%s", gold, err, stderr)
	}
	first := filepath.Join(dir, "a.jsonl")
	if _, stderr, err := runCmd(t, "export", "--data", a, "--out", first); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	if _, stderr, err := runCmd(t, "import", "--data", b, first); err != nil {
		t.Fatalf("import %s: %v\n%s", first, err, stderr)
	}
	for _, format := range []string{"jsonl", "graphml"} {
		outA, _, errA := runCmd(t, "export", "--data", a, "--format", format)
		outB, _, errB := runCmd(t, "export", "--data", b, "--format", format)
		if errA != nil || errB != nil {
			t.Fatalf("export --format %s: %v, %v", format, errA, errB)
		}
		if outA != outB || len(outA) < 1000 {
			t.Errorf("export --format %s after a round trip differs (%d bytes, want %d)", format, len(outB), len(outA))
		}
	}
	csvA, csvB := filepath.Join(dir, "csv-a"), filepath.Join(dir, "csv-b")
	for _, c := range [][2]string{{a, csvA}, {b, csvB}} {
		if _, stderr, err := runCmd(t, "export", "--data", c[0], "--format", "neo4j-csv", "--out", c[1]); err != nil {
			t.Fatalf("export neo4j-csv: %v\n%s", err, stderr)
		}
	}
	for _, f := range []string{"entities.csv", "relations.csv", "documents.csv", "evidence.csv", "mentions.csv", "found_in.csv"} {
		x, _ := os.ReadFile(filepath.Join(csvA, f))
		y, _ := os.ReadFile(filepath.Join(csvB, f))
		if !bytes.Equal(x, y) || bytes.Count(x, []byte("\n")) < 2 {
			t.Errorf("neo4j-csv %s differs after a round trip or is empty", f)
		}
	}
}

// TestImportBadLine: a bad line after good ones is named by file and line,
// and the graph is left as it was.
func TestImportBadLine(t *testing.T) {
	data := t.TempDir()
	gold := filepath.Join("..", "..", "store", "graphio", "testdata", "gold")
	if _, stderr, err := runCmd(t, "import", "--data", data, gold); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	before, _, err := runCmd(t, "export", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, want string }{
		{"missing-entity.jsonl", "missing-entity.jsonl:2: "},
		{"truncated.jsonl", "truncated.jsonl:2: "},
	} {
		path := filepath.Join("..", "..", "store", "graphio", "testdata", "bad", tt.file)
		_, _, err := runCmd(t, "import", "--data", data, path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing written") {
			t.Errorf("import %s = %v, want an error naming %q and saying nothing was written", tt.file, err, tt.want)
		}
		if after, _, _ := runCmd(t, "export", "--data", data); after != before {
			t.Errorf("import %s changed the graph", tt.file)
		}
	}
}
