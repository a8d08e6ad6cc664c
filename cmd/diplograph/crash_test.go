package main_test

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashDocs copies about ten documents into a fresh folder: the corpus
// and a few held-out ones, in each format the reader takes.
func crashDocs(t *testing.T) string {
	t.Helper()
	srcs, err := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no corpus texts in %s: %v", corpus, err)
	}
	srcs = append(srcs,
		"../../ingest/testdata/heldout/100_japan_australia_cyber_dialogue.txt",
		"../../ingest/testdata/heldout/104_nordic_defence_cooperation.md",
		"../../ingest/testdata/heldout/105_korea_canada_summit.html",
		"../../ingest/testdata/heldout2/002_ecowas_abuja_summit.txt",
		"../../ingest/testdata/heldout2/005_wam_uae_indonesia_signing.html",
	)
	dir := t.TempDir()
	for _, src := range srcs {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// killIngestAfterDelay starts `diplograph ingest` of docs into data and
// sends it SIGKILL after delay, unless it ends first. It returns how many
// documents it had reported stored and whether the kill landed.
func killIngestAfterDelay(t *testing.T, data, docs string, delay time.Duration) (added int, killed bool) {
	t.Helper()
	cmd := ingestCmd(data, docs)
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(delay, func() { cmd.Process.Signal(syscall.SIGKILL) })
	defer timer.Stop()
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		if strings.Contains(sc.Text(), ", +") {
			added++
		}
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return added, true
		}
	}
	if err != nil {
		t.Fatalf("ingest ended on its own with %v before the kill:\n%s", err, stderr.String())
	}
	return added, false
}

// TestIngestCrash kills a folder ingest with SIGKILL at random moments,
// one or more times in a row, runs it again to the end, and compares the
// store, row by row, with one a clean run wrote: every document whole
// (one transaction each), nothing lost, nothing twice.
func TestIngestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills ingests a few dozen times; skipped in -short")
	}
	docs := crashDocs(t)
	clean := t.TempDir()
	start := time.Now()
	out := runIngest(t, clean, docs)
	took := time.Since(start) // where to kill, never a pass/fail figure
	n := strings.Count(out, " entities, +")
	skip := dumpOptions{skip: []string{"documents.ingested_at", "migrations.applied_at"}}
	want, wantEx := rawDump(t, clean, skip), canonicalExport(t, clean)
	checkNoDuplicates(t, wantEx)
	if n < 8 || wantEx.DocumentCount != n || len(wantEx.Evidence) == 0 {
		t.Fatalf("the clean run added %d documents (%d stored, %d evidence); want about ten and a graph:\n%s",
			n, wantEx.DocumentCount, len(wantEx.Evidence), out)
	}
	t.Logf("clean ingest: %d documents in %v", n, took.Round(time.Millisecond))

	// Fixed seeds: the same delays on every run, though where in the
	// ingest each lands depends on the machine.
	seeds := []uint64{1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233}
	kills, mid := 0, 0
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 12))
			data := t.TempDir()
			var runs []string
			for range 1 + rng.IntN(3) {
				delay := time.Duration(rng.Int64N(int64(took)))
				added, killed := killIngestAfterDelay(t, data, docs, delay)
				runs = append(runs, fmt.Sprintf("after %v: %d documents reported, killed %v", delay.Round(time.Millisecond), added, killed))
				if killed {
					kills++
					if added > 0 {
						mid++
					}
				}
			}
			t.Log(strings.Join(runs, "; "))
			// A document the kill left half-written would now count as
			// stored and be skipped, so the comparison below sees it.
			runIngest(t, data, docs)
			got := canonicalExport(t, data)
			checkNoDuplicates(t, got)
			diffExports(t, "killed and run again", got, wantEx)
			diffDumps(t, "killed and run again", rawDump(t, data, skip), want)
		})
	}
	t.Logf("%d kills, %d of them after the ingest had stored documents", kills, mid)
}
