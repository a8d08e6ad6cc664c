package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/ingest"
)

// writeFile creates dir/name with body, making dir as needed.
func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEval(t *testing.T) {
	root := t.TempDir()
	gold := filepath.Join(root, "gold")
	writeFile(t, root, "a.txt", "Foreign Minister Jan Lipavský visited Paris on 2 May 2023.\n")
	writeFile(t, gold, "a.json", `{"document":"a.txt","entities":[{"id":"l","type":"Person","name":"Jan Lipavský","aliases":[]}],"relations":[]}`)
	writeFile(t, gold, "b.json", `{"document":"b.txt","entities":[],"relations":[]}`)

	tests := []struct {
		name    string
		args    []string
		wantErr string // empty: must succeed
		wantOut []string
	}{
		{"one document", []string{"--gold", gold, "a.txt"}, "", []string{"documents: 1", "Person", "overall (no Topic)"}},
		{"verbose lists misses", []string{"--gold", gold, "-v", "a.txt"}, "", []string{"== a.txt"}},
		{"all gold, one document missing", []string{"--gold", gold}, "1 of 2 documents failed", []string{"documents: 2"}},
		{"no gold dir", []string{"--gold", filepath.Join(root, "none")}, "none", nil},
		{"document without gold", []string{"--gold", gold, "c.txt"}, "c.txt", nil},
		{"corpus flag", []string{"--gold", gold, "--corpus", filepath.Join(root, "elsewhere"), "a.txt"}, "a.txt", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := runEval(context.Background(), tt.args, &out, &errOut)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("runEval(%q) = %v (stderr %s)", tt.args, err, errOut.String())
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error()+errOut.String(), tt.wantErr)):
				t.Fatalf("runEval(%q) = %v, stderr %q; want an error mentioning %q", tt.args, err, errOut.String(), tt.wantErr)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("runEval(%q) output lacks %q:\n%s", tt.args, w, out.String())
				}
			}
		})
	}
}

func TestExtract(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", "The Czech Republic and NATO signed a memorandum in Prague.\n")
	empty := writeFile(t, dir, "empty.txt", "")
	missing := filepath.Join(dir, "missing.txt")

	t.Run("json lines, failures named and counted", func(t *testing.T) {
		var out, errOut bytes.Buffer
		err := runExtract(context.Background(), []string{"--json", good, empty, missing, good}, &out, &errOut)
		if err == nil {
			t.Fatal("runExtract with failing files = nil error")
		}
		for _, f := range []string{"empty.txt", "missing.txt"} {
			if !strings.Contains(errOut.String(), f) {
				t.Errorf("stderr %q does not name %s", errOut.String(), f)
			}
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 2 {
			t.Fatalf("got %d JSON lines, want 2:\n%s", len(lines), out.String())
		}
		for _, l := range lines {
			var a ingest.Annotation
			if err := json.Unmarshal([]byte(l), &a); err != nil {
				t.Fatalf("line %q: %v", l, err)
			}
			if a.Document != "good.txt" {
				t.Errorf("document = %q, want good.txt", a.Document)
			}
		}
	})
	t.Run("summary", func(t *testing.T) {
		var out, errOut bytes.Buffer
		if err := runExtract(context.Background(), []string{good}, &out, &errOut); err != nil {
			t.Fatalf("runExtract: %v (%s)", err, errOut.String())
		}
		for _, w := range []string{"== good.txt", "entities (", "relations ("} {
			if !strings.Contains(out.String(), w) {
				t.Errorf("summary lacks %q:\n%s", w, out.String())
			}
		}
	})
	t.Run("rules", func(t *testing.T) {
		var out, errOut bytes.Buffer
		if err := runExtract(context.Background(), []string{"-v", good}, &out, &errOut); err != nil {
			t.Fatalf("runExtract: %v (%s)", err, errOut.String())
		}
		// every entity names its rule (topics are gathered, not named)
		topics := false
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   ") {
				topics = strings.HasPrefix(l, "  Topic (")
			}
			if strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "     ") && !topics && !strings.Contains(l, " ← ") {
				t.Errorf("entity line without its rule: %q", l)
			}
		}
		if !strings.Contains(out.String(), "      ← ") {
			t.Errorf("no relation names its rule:\n%s", out.String())
		}
	})
	t.Run("no files", func(t *testing.T) {
		var out, errOut bytes.Buffer
		if err := runExtract(context.Background(), nil, &out, &errOut); err == nil {
			t.Error("runExtract() with no files = nil error")
		}
	})
}
