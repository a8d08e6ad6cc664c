package main_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// heldout is a folder of documents besides the corpus (its gold
// annotations are skipped by folder ingests).
const heldout = "../../ingest/testdata/heldout"

// dumpOptions say what a raw dump of a store leaves out.
type dumpOptions struct {
	rowids bool     // render each row with its rowid
	skip   []string // "table.column"s left out: times of day, which differ between runs
}

// rawDump reads every row of every table of the SQLite store in data
// with plain SQL, around the store's API: each table's rows rendered and
// sorted, the full-text indexes (whose rows are linked to entities and
// documents by rowid) also as "… by entity"/"… by document" with the id
// of the row each belongs to. Two stores with equal dumps hold the same
// graph, row for row.
func rawDump(t *testing.T, data string, o dumpOptions) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(data, "diplograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_list
		WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatalf("list tables of %s: %v", data, err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	if !slices.Contains(tables, "evidence") {
		t.Fatalf("%s holds no graph: tables %v", data, tables)
	}
	queries := map[string]string{
		"entity_fts by entity":     `SELECT e.id, f.name, f.aliases FROM entity_fts f LEFT JOIN entities e ON e.rowid = f.rowid`,
		"document_fts by document": `SELECT d.id, f.title, f.text FROM document_fts f LEFT JOIN documents d ON d.rowid = f.rowid`,
	}
	for _, table := range tables {
		cols, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
		if err != nil {
			t.Fatal(err)
		}
		var sel []string
		if o.rowids {
			sel = append(sel, "rowid")
		}
		for cols.Next() {
			var c string
			if err := cols.Scan(&c); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(o.skip, table+"."+c) {
				sel = append(sel, fmt.Sprintf("%q", c))
			}
		}
		cols.Close()
		queries[table] = fmt.Sprintf(`SELECT %s FROM %q`, strings.Join(sel, ", "), table)
	}
	out := map[string][]string{}
	for name, q := range queries {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("dump %s of %s: %v", name, data, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		n := len(cols)
		out[name] = []string{} // an empty table is listed too
		for rows.Next() {
			vals := make([]any, n)
			ptrs := make([]any, n)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
			}
			row, _ := json.Marshal(vals)
			out[name] = append(out[name], string(row))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(out[name])
	}
	return out
}

// diffDumps fails for every table whose rows differ, showing a few of
// the rows one has and the other lacks.
func diffDumps(t *testing.T, what string, got, want map[string][]string) {
	t.Helper()
	tables := map[string]bool{}
	for name := range want {
		tables[name] = true
	}
	for name := range got {
		tables[name] = true
	}
	var names []string
	for name := range tables {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		g, w := got[name], want[name]
		if slices.Equal(g, w) {
			continue
		}
		t.Errorf("%s: table %s has %d rows, want %d; rows it has and should not: %s; rows it lacks: %s",
			what, name, len(g), len(w), rowsLacking(g, w), rowsLacking(w, g))
	}
}

// rowsLacking lists up to three rows of a that b lacks (both sorted).
func rowsLacking(a, b []string) string {
	var out []string
	for _, r := range a {
		if _, ok := slices.BinarySearch(b, r); !ok {
			out = append(out, r)
			if len(out) == 3 {
				break
			}
		}
	}
	return strings.Join(out, " | ")
}

// folderFiles maps each file in dir to its contents.
func folderFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func sameFolder(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// TestBackupRestore backs up the store of a running server while clients
// read from it, restores the backup into a fresh folder and compares the
// two stores row by row and through the store's API, then serves the
// restored one. On the way: backup refuses to overwrite a file without
// --force, restore refuses a store a server has open, and a file that is
// not a store, leaving the target as it was.
func TestBackupRestore(t *testing.T) {
	data := t.TempDir()
	runIngest(t, data, corpus, heldout)
	srv := startServeIn(t, data)

	// Readers, all through the backup.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var reads, failures atomic.Int64
	queries := []string{
		agenciesAtDialogues,
		`{ entities(first: 100) { totalCount edges { node { id name relations { type object { id } } } } } }`,
	}
	for i := range 4 {
		wg.Go(func() {
			for n := i; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				body, _ := json.Marshal(map[string]string{"query": queries[n%len(queries)]})
				status, answer, err := postRaw(srv.url+"/graphql", "", string(body))
				if err != nil || status != 200 || strings.Contains(answer, `"errors"`) {
					if failures.Add(1) == 1 {
						t.Errorf("read during backup: %d %v %.300s", status, err, answer)
					}
					continue
				}
				reads.Add(1)
			}
		})
	}
	out := t.TempDir()
	backup := filepath.Join(out, "graph.backup")
	_, stderr, code := runBinary(t, out, "backup", "--data", data, backup)
	readsDuring := reads.Load()
	close(stop)
	wg.Wait()
	if code != 0 {
		t.Fatalf("diplograph backup exited %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "backed up") {
		t.Errorf("diplograph backup said %q, want what it backed up", stderr)
	}
	t.Logf("%s(%d reads while it ran)", stderr, readsDuring)

	// An existing store elsewhere, to show a refused restore leaves it be.
	other := t.TempDir()
	runIngest(t, other, filepath.Join(corpus, "000_a6d54f805eaf123d.txt"))
	notes := filepath.Join(out, "notes.txt")
	if err := os.WriteFile(notes, []byte("The ministers met in Prague.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	refusals := []struct {
		name   string
		args   []string
		says   []string
		intact string // a folder that must be left as it was
	}{
		{"backup onto an existing file", []string{"backup", "--data", data, backup}, []string{backup, "exists", "--force"}, out},
		{"restore while a server runs", []string{"restore", "--data", data, backup}, []string{"in use", "stop the server"}, data},
		{"restore a file that is not a store", []string{"restore", "--data", other, notes}, []string{notes, "not a usable diplograph store"}, other},
		{"restore a missing file", []string{"restore", "--data", other, filepath.Join(out, "nothing.backup")}, []string{"nothing.backup", "no such file"}, other},
	}
	for _, r := range refusals {
		t.Run(r.name, func(t *testing.T) {
			before := folderFiles(t, r.intact)
			stdout, stderr, code := runBinary(t, out, r.args...)
			if code == 0 || stdout != "" {
				t.Errorf("diplograph %s: exit %d, stdout %q; want a non-zero exit and nothing on stdout", strings.Join(r.args, " "), code, stdout)
			}
			for _, s := range r.says {
				if !strings.Contains(stderr, s) {
					t.Errorf("diplograph %s said %q, want it to say %q", strings.Join(r.args, " "), stderr, s)
				}
			}
			// The server's store is in use: its log may move on, its
			// graph may not.
			if r.intact != data && !sameFolder(folderFiles(t, r.intact), before) {
				t.Errorf("diplograph %s changed %s", strings.Join(r.args, " "), r.intact)
			}
		})
	}
	if _, stderr, code := runBinary(t, out, "backup", "--force", "--data", data, backup); code != 0 {
		t.Fatalf("diplograph backup --force exited %d:\n%s", code, stderr)
	}

	fresh := filepath.Join(t.TempDir(), "fresh")
	_, stderr, code = runBinary(t, out, "restore", "--data", fresh, backup)
	if code != 0 {
		t.Fatalf("diplograph restore exited %d:\n%s", code, stderr)
	}
	t.Log(strings.TrimSpace(stderr))

	want := rawDump(t, data, dumpOptions{rowids: true})
	if len(want["evidence"]) == 0 || len(want["relations"]) == 0 || len(want["entities"]) == 0 {
		t.Fatalf("the served store holds no graph: %d entities, %d relations, %d evidence",
			len(want["entities"]), len(want["relations"]), len(want["evidence"]))
	}
	diffDumps(t, "restored store", rawDump(t, fresh, dumpOptions{rowids: true}), want)
	restored := canonicalExport(t, fresh)
	checkNoDuplicates(t, restored)
	diffExports(t, "restored store", restored, canonicalExport(t, data))

	// The restored store serves what the original does.
	again := startServeIn(t, fresh)
	query, _ := json.Marshal(agenciesAtDialogues)
	body := `{"query": ` + string(query) + `}`
	a, b := postGraphQL(t, srv.url, body), postGraphQL(t, again.url, body)
	if len(a.Errors) > 0 || len(b.Errors) > 0 || !bytes.Equal(a.Data, b.Data) {
		t.Errorf("AgenciesAtDialogues on the restored store = %.300s %v, want %.300s %v", b.Data, b.Errors, a.Data, a.Errors)
	}
}
