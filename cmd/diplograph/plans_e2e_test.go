package main_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestNoPlans checks that serve --no-plans answers as serve does: the
// flag turns the compiled plans off (graph.Options.NoPlans), leaving
// every query to gqlgen's executor.
func TestNoPlans(t *testing.T) {
	data := t.TempDir()
	ingest := exec.Command(binary, "ingest", "--data", data, corpus)
	ingest.Env = append(os.Environ(), "NEO4J_URI=")
	if out, err := ingest.CombinedOutput(); err != nil {
		t.Fatalf("diplograph ingest: %v\n%s", err, out)
	}
	copied := filepath.Join(t.TempDir(), "data")
	if out, err := exec.Command("cp", "-r", data, copied).CombinedOutput(); err != nil {
		t.Fatalf("cp -r: %v\n%s", err, out)
	}
	empty := t.TempDir()
	plans, _ := startServer(t, "--data", data, "--corpus", empty)
	noPlans, _ := startServer(t, "--data", copied, "--corpus", empty, "--no-plans")
	got, want := gql(t, noPlans, agenciesAtDialogues, nil), gql(t, plans, agenciesAtDialogues, nil)
	if got.status != 200 || !bytes.Equal(got.raw, want.raw) || !bytes.Contains(got.raw, []byte(`"totalCount"`)) {
		t.Errorf("serve --no-plans answered %d %.300s\nserve answered %d %.300s", got.status, got.raw, want.status, want.raw)
	}
}
