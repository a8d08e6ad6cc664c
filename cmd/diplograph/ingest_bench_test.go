package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/store/sqlite"
)

// benchCorpus is the repository's corpus, copied for the benchmark.
const benchCorpus = "../../corpus"

var (
	ingestDocs  = flag.Int("ingest-docs", 2000, "BenchmarkIngestFolder: documents to ingest (diplograph copies --n)")
	ingestChunk = flag.Int("ingest-chunk", 500, "BenchmarkIngestFolder: documents per chunk reported")
	ingestProf  = flag.String("ingest-cpuprofile", "", "BenchmarkIngestFolder: write CPU profiles of the first and the last chunk to `DIR`/first.pprof and last.pprof (not with -cpuprofile)")
)

// BenchmarkIngestFolder ingests -ingest-docs renamed copies of the
// corpus (what `diplograph copies` writes) into a fresh file store, the
// way `diplograph ingest DIR` does (ingestList), and logs for each chunk of
// -ingest-chunk documents its rate and the process's resident memory, so
// that a rate falling as the graph grows shows:
//
//	go test -run '^$' -bench IngestFolder -benchtime 1x ./cmd/diplograph -args -ingest-docs 10000 -ingest-chunk 1000
//
// It reports the first and last chunks' rates and their ratio
// (last/first, 1 when the rate holds), the CPU time per document of each
// (which other processes' load moves much less than the rate), and the
// resident anonymous memory after each; nothing here passes or fails on
// time.
func BenchmarkIngestFolder(b *testing.B) {
	n, chunk := *ingestDocs, *ingestChunk
	if n < 1 || chunk < 1 {
		b.Fatalf("-ingest-docs %d, -ingest-chunk %d: both must be positive", n, chunk)
	}
	src := b.TempDir()
	if err := runCopies(context.Background(), []string{"--n", strconv.Itoa(n), "--out", src, benchCorpus}, io.Discard, io.Discard); err != nil {
		b.Fatal(err)
	}
	files, err := ingestFiles(src)
	if err != nil || len(files) != n {
		b.Fatalf("ingestFiles(%s) = %d files, %v; want %d", src, len(files), err, n)
	}
	p, err := ingest.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		st, err := sqlite.Open(filepath.Join(b.TempDir(), "diplograph.db"))
		if err != nil {
			b.Fatal(err)
		}
		var rates, cpus, anon []float64
		start := time.Now()
		for i := 0; i < n; i += chunk {
			t, c := time.Now(), cpuTime()
			var prof *os.File
			if *ingestProf != "" && (i == 0 || i+chunk >= n) {
				name := "first.pprof"
				if i > 0 {
					name = "last.pprof"
				}
				if prof, err = os.Create(filepath.Join(*ingestProf, name)); err != nil {
					b.Fatal(err)
				}
				if err := pprof.StartCPUProfile(prof); err != nil {
					b.Fatal(err)
				}
			}
			end := min(i+chunk, n)
			err := ingestList(ctx, p, st, files[i:end], func(path, line string, err error) {
				if err != nil || line == "" {
					b.Fatalf("ingest %s = %q, %v; want a new document", path, line, err)
				}
			})
			if err != nil {
				b.Fatal(err)
			}
			if prof != nil {
				pprof.StopCPUProfile()
				prof.Close()
			}
			rate := float64(end-i) / time.Since(t).Seconds()
			cpu := float64((cpuTime() - c).Milliseconds()) / float64(end-i)
			a, f := residentMiB()
			b.Logf("documents %5d-%-5d %6.1f documents/s  CPU %6.1f ms/document  RSS anon %6.1f MiB, file %6.1f MiB  load %s",
				i+1, end, rate, cpu, a, f, loadAverage())
			rates, cpus, anon = append(rates, rate), append(cpus, cpu), append(anon, a)
		}
		b.Logf("%d documents in %v", n, time.Since(start).Round(time.Millisecond))
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		last := len(rates) - 1
		b.ReportMetric(rates[0], "first-docs/s")
		b.ReportMetric(rates[last], "last-docs/s")
		b.ReportMetric(rates[last]/rates[0], "last/first")
		b.ReportMetric(cpus[0], "first-cpu-ms/doc")
		b.ReportMetric(cpus[last], "last-cpu-ms/doc")
		b.ReportMetric(anon[0], "first-anon-MiB")
		b.ReportMetric(anon[last], "last-anon-MiB")
	}
}

// residentMiB is the process's resident memory, anonymous (heaps, SQLite's
// page caches) and file-backed (mostly the store's file, mapped by SQLite),
// from /proc; zeros where there is no /proc.
func residentMiB() (anon, file float64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "RssAnon:":
			anon = kb / 1024
		case "RssFile:":
			file = kb / 1024
		}
	}
	return anon, file
}

// cpuTime is the CPU time the process has used, user and system, from
// /proc (in ticks of 1/100 s, the kernel's USER_HZ); zero where there is
// no /proc. Unlike the rate, it moves little with other processes' load.
func cpuTime() time.Duration {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// The fields after the command's name, which is in parentheses.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data))[0]
}

// TestIngestFolderAgain: ingesting a folder a second time changes
// nothing: every document is reported unchanged, and the export (every
// document, entity, relation and piece of evidence) is the same, byte for
// byte, as after the first time.
func TestIngestFolderAgain(t *testing.T) {
	src := t.TempDir()
	if err := runCopies(context.Background(), []string{"--n", "12", "--out", src, benchCorpus}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	ingestOnce := func() (stdout string, digest string) {
		t.Helper()
		var out, errb bytes.Buffer
		if err := run(context.Background(), []string{"ingest", "--data", data, "--neo4j", "", src}, &out, &errb); err != nil {
			t.Fatalf("ingest %s: %v\n%s", src, err, errb.String())
		}
		var exp, errx bytes.Buffer
		if err := run(context.Background(), []string{"export", "--data", data, "--neo4j", ""}, &exp, &errx); err != nil {
			t.Fatalf("export: %v\n%s", err, errx.String())
		}
		sum := sha256.Sum256(exp.Bytes())
		return out.String(), hex.EncodeToString(sum[:])
	}
	first, before := ingestOnce()
	if n := strings.Count(first, ": doc:"); n != 12 {
		t.Fatalf("first ingest added %d documents, want 12:\n%s", n, first)
	}
	c1 := tableCounts(t, filepath.Join(data, "diplograph.db"))
	for _, round := range []string{"second", "third"} {
		again, after := ingestOnce()
		if n := strings.Count(again, ": unchanged\n"); n != 12 {
			t.Errorf("%s ingest: %d documents unchanged, want 12:\n%s", round, n, again)
		}
		if after != before {
			t.Errorf("export digest after the %s ingest = %s, want %s (as after the first)", round, after, before)
		}
		if c := tableCounts(t, filepath.Join(data, "diplograph.db")); c != c1 {
			t.Errorf("rows after the %s ingest: %s, want %s", round, c, c1)
		}
	}
}

// tableCounts counts the rows of the store's tables, read-only.
func tableCounts(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	for _, q := range []string{
		`SELECT count(*) FROM documents`, `SELECT count(*) FROM entities`, `SELECT count(*) FROM aliases`,
		`SELECT count(*) FROM relations`, `SELECT count(*) FROM evidence`, `SELECT count(*) FROM mentions`,
	} {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out = append(out, fmt.Sprintf("%s: %d", strings.TrimPrefix(q, "SELECT count(*) FROM "), n))
	}
	return strings.Join(out, ", ")
}
