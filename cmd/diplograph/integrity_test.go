package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/sqlite"
)

// The integrity tests drive the real binary on its embedded store and
// compare canonical exports of the graph: what a clean run of
// `diplograph ingest` leaves must be what a run that was killed and
// restarted, or several runs at once, leave.

// integrityDocs is how many synthetic documents the tests ingest.
const integrityDocs = 200

// writeDocs writes n documents under dir, in three folders a, b and c:
// each a corpus text with a paragraph of its own added, so every one is a
// distinct document with the corpus's entities and relations.
func writeDocs(t *testing.T, dir string, n int) []string {
	t.Helper()
	srcs, err := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no corpus texts in %s: %v", corpus, err)
	}
	var texts []string
	for _, s := range srcs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.TrimRight(string(b), "\n"))
	}
	var files []string
	for i := range n {
		folder := filepath.Join(dir, string(rune('a'+i%3)))
		if err := os.MkdirAll(folder, 0o755); err != nil {
			t.Fatal(err)
		}
		// No date in it: a date here would become the document's, and
		// dating events by their documents is not what these tests are about.
		extra := fmt.Sprintf("Archive note %d: this copy was filed under reference %05d.", i, i*7919%100000)
		// In the middle: readers drop page furniture at the ends.
		paras := strings.Split(texts[i%len(texts)], "\n\n")
		paras = slices.Insert(paras, len(paras)/2, extra)
		path := filepath.Join(folder, fmt.Sprintf("doc%03d.txt", i))
		if err := os.WriteFile(path, []byte(strings.Join(paras, "\n\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	sort.Strings(files)
	return files
}

func ingestCmd(data string, args ...string) *exec.Cmd {
	cmd := exec.Command(binary, append([]string{"ingest", "--data", data}, args...)...)
	cmd.Env = append(os.Environ(), "NEO4J_URI=")
	return cmd
}

func runIngest(t *testing.T, data string, args ...string) string {
	t.Helper()
	cmd := ingestCmd(data, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("diplograph ingest %v: %v\n%s", args, err, out.String())
	}
	return out.String()
}

// export is a canonical rendering of a graph: every part sorted by id,
// aliases as a set, ingest times left out (they differ from run to run).
type export struct {
	DocumentCount int
	Documents     []exportDoc
	Entities      []store.Entity
	Relations     []store.Relation // Evidence left empty: it is below
	Evidence      []store.Evidence
	Mentions      map[string][]string // document id → entity ids
}

type exportDoc struct {
	ID, Filename, Title, Date, Publisher, Kind, Source string
	TextSHA                                            string
}

// canonicalExport reads the graph in data's SQLite store through the
// store API: documents (listed and counted), the entities each mentions,
// entities, relations (retracted ones too) and evidence.
func canonicalExport(t *testing.T, data string) export {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(filepath.Join(data, "diplograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ex export
	if ex.DocumentCount, err = st.DocumentCount(ctx); err != nil {
		t.Fatal(err)
	}

	var docs []store.Document
	for after := ""; ; {
		page, err := st.Documents(ctx, store.DocumentFilter{Page: store.Page{First: store.MaxPageSize, After: after}})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, page.Items...)
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	// Listings may leave the text out.
	if docs, err = st.DocumentsByID(ctx, ids); err != nil {
		t.Fatal(err)
	}
	mentions, err := st.Mentions(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	ex.Mentions = map[string][]string{}
	for doc, ents := range mentions {
		ents = slices.Clone(ents)
		slices.Sort(ents)
		ex.Mentions[doc] = ents
	}
	for _, d := range docs {
		ex.Documents = append(ex.Documents, exportDoc{d.ID, d.Filename, d.Title, d.Date, d.Publisher, d.Kind, d.Source, store.DocumentID(d.Text)})
	}
	slices.SortFunc(ex.Documents, func(a, b exportDoc) int { return strings.Compare(a.ID, b.ID) })
	ex.Documents = slices.CompactFunc(ex.Documents, func(a, b exportDoc) bool { return a.ID == b.ID })

	for after := ""; ; {
		page, err := st.Entities(ctx, store.EntityFilter{Page: store.Page{First: store.MaxPageSize, After: after}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			e.Aliases = slices.Clone(e.Aliases)
			slices.Sort(e.Aliases)
			ex.Entities = append(ex.Entities, e)
		}
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	slices.SortFunc(ex.Entities, func(a, b store.Entity) int { return strings.Compare(a.ID, b.ID) })

	var relIDs []string
	for after := ""; ; {
		page, err := st.Relations(ctx, store.RelationFilter{IncludeRetracted: true, Page: store.Page{First: store.MaxPageSize, After: after}})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			r.Evidence = nil
			ex.Relations = append(ex.Relations, r)
			relIDs = append(relIDs, r.ID)
		}
		if !page.HasNext {
			break
		}
		after = page.EndCursor
	}
	slices.SortFunc(ex.Relations, func(a, b store.Relation) int { return strings.Compare(a.ID, b.ID) })

	for i := 0; i < len(relIDs); i += 200 {
		evs, err := st.EvidenceFor(ctx, relIDs[i:min(i+200, len(relIDs))])
		if err != nil {
			t.Fatal(err)
		}
		for _, group := range evs {
			ex.Evidence = append(ex.Evidence, group...)
		}
	}
	slices.SortFunc(ex.Evidence, func(a, b store.Evidence) int { return strings.Compare(a.ID, b.ID) })
	return ex
}

// checkNoDuplicates fails for any id listed twice, any two entities of one
// type with the same key, and any two relations on the same ends.
func checkNoDuplicates(t *testing.T, ex export) {
	t.Helper()
	seen := map[string]bool{}
	dup := func(kind, key string) {
		if seen[kind+"\x00"+key] {
			t.Errorf("duplicate %s %s", kind, key)
		}
		seen[kind+"\x00"+key] = true
	}
	for _, d := range ex.Documents {
		dup("document", d.ID)
	}
	for _, e := range ex.Entities {
		dup("entity", e.ID)
		dup("entity name", string(e.Type)+":"+store.EntityID(e.Type, e.Name))
	}
	for _, r := range ex.Relations {
		dup("relation", r.ID)
		dup("relation ends", fmt.Sprint(r.Subject, r.Type, r.Object))
	}
	for _, ev := range ex.Evidence {
		dup("evidence", ev.ID)
		dup("evidence span", fmt.Sprint(ev.RelationID, ev.DocumentID, ev.Start, ev.End))
	}
	if ex.DocumentCount != len(ex.Documents) {
		t.Errorf("store counts %d documents, lists %d", ex.DocumentCount, len(ex.Documents))
	}
}

// diffExports fails with the first differences between two exports.
// sourcesAsNames returns ex with each document's source cut to its file
// name: a file ingested without a source records where it was read from,
// its path from the CLI, its name from the server (which is sent no
// path), and the two are otherwise the same graph.
func sourcesAsNames(ex export) export {
	ex.Documents = slices.Clone(ex.Documents)
	for i := range ex.Documents {
		ex.Documents[i].Source = filepath.Base(ex.Documents[i].Source)
	}
	return ex
}

func diffExports(t *testing.T, what string, got, want export) {
	t.Helper()
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if bytes.Equal(g, w) {
		return
	}
	keep := filepath.Join(os.TempDir(), "diplograph-integrity-"+strings.NewReplacer("/", "-", " ", "-", ",", "").Replace(t.Name()))
	if os.WriteFile(keep+"-got.json", g, 0o644) == nil && os.WriteFile(keep+"-want.json", w, 0o644) == nil {
		t.Logf("exports kept in %s-{got,want}.json", keep)
	}
	gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	var diffs []string
	for i := 0; i < max(len(gl), len(wl)) && len(diffs) < 20; i++ {
		var a, b string
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if a != b {
			diffs = append(diffs, fmt.Sprintf("line %d:\n  got:  %s\n  want: %s", i+1, a, b))
		}
	}
	t.Errorf("%s: graph differs from the clean run's (%d documents, %d entities, %d relations, %d evidence; want %d, %d, %d, %d); first differences:\n%s",
		what, len(got.Documents), len(got.Entities), len(got.Relations), len(got.Evidence),
		len(want.Documents), len(want.Entities), len(want.Relations), len(want.Evidence), strings.Join(diffs, "\n"))
}

// evidenceByDoc groups an export's evidence ids by document.
func evidenceByDoc(ex export) map[string][]string {
	m := map[string][]string{}
	for _, ev := range ex.Evidence {
		m[ev.DocumentID] = append(m[ev.DocumentID], ev.ID)
	}
	return m
}

func TestIngestIntegrity(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 200 documents several times; skipped in -short")
	}
	docs := t.TempDir()
	files := writeDocs(t, docs, integrityDocs)
	folders := []string{filepath.Join(docs, "a"), filepath.Join(docs, "b"), filepath.Join(docs, "c")}

	clean := t.TempDir()
	cleanOut := runIngest(t, clean, folders...)
	want := canonicalExport(t, clean)
	checkNoDuplicates(t, want)
	if want.DocumentCount != integrityDocs || len(want.Relations) == 0 || len(want.Evidence) == 0 {
		t.Fatalf("clean run stored %d documents, %d relations, %d evidence; want %d documents and a graph:\n%s",
			want.DocumentCount, len(want.Relations), len(want.Evidence), integrityDocs, cleanOut)
	}

	t.Run("clean run again changes nothing", func(t *testing.T) {
		out := runIngest(t, clean, folders...)
		if n := strings.Count(out, ": unchanged\n"); n != integrityDocs {
			t.Errorf("second run: %d unchanged, want %d:\n%s", n, integrityDocs, out)
		}
		diffExports(t, "after a second run", canonicalExport(t, clean), want)
	})

	t.Run("SIGKILL mid-ingest then rerun", func(t *testing.T) {
		data := t.TempDir()
		wantByDoc := evidenceByDoc(want)
		// Kill at several points of the folder walk, a few milliseconds
		// after a document was reported, so that some kills land inside
		// the next document's write; each restart resumes and is killed
		// once it has added this many more.
		for _, after := range []int{10, 20, 20, 25, 25, 25, 25} {
			done := killIngestAfter(t, data, after, folders)
			partial := canonicalExport(t, data)
			checkNoDuplicates(t, partial)
			t.Logf("killed after %d documents reported; %d stored", done, partial.DocumentCount)
			if partial.DocumentCount < done || partial.DocumentCount >= integrityDocs {
				t.Errorf("killed after %d documents were reported: store holds %d", done, partial.DocumentCount)
			}
			// Whole documents only: every stored document carries exactly
			// the evidence it has after a clean run.
			got := evidenceByDoc(partial)
			for _, d := range partial.Documents {
				if !slices.Equal(got[d.ID], wantByDoc[d.ID]) {
					t.Errorf("killed run: document %s (%s) has %d pieces of evidence, the clean run %d",
						d.ID, d.Source, len(got[d.ID]), len(wantByDoc[d.ID]))
				}
				if !slices.Equal(partial.Mentions[d.ID], want.Mentions[d.ID]) {
					t.Errorf("killed run: document %s (%s) mentions %d entities, in the clean run %d",
						d.ID, d.Source, len(partial.Mentions[d.ID]), len(want.Mentions[d.ID]))
				}
			}
			for doc := range got {
				if !slices.ContainsFunc(partial.Documents, func(d exportDoc) bool { return d.ID == doc }) {
					t.Errorf("killed run: evidence of document %s, which is not stored", doc)
				}
			}
		}
		runIngest(t, data, folders...)
		diffExports(t, "killed and rerun", canonicalExport(t, data), want)
	})

	t.Run("sequential in another order", func(t *testing.T) {
		data := t.TempDir()
		runIngest(t, data, folders[2], folders[1], folders[0])
		got := canonicalExport(t, data)
		checkNoDuplicates(t, got)
		diffExports(t, "folders c, b, a", got, want)
	})

	t.Run("concurrent ingests over overlapping folders", func(t *testing.T) {
		data := t.TempDir()
		jobs := [][]string{
			{folders[0], folders[1]},
			{folders[1], folders[2]},
			{folders[2], folders[0]},
			{docs},
		}
		var wg sync.WaitGroup
		outs := make([]bytes.Buffer, len(jobs))
		errs := make([]error, len(jobs))
		for i, args := range jobs {
			cmd := ingestCmd(data, args...)
			cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
			wg.Go(func() { errs[i] = cmd.Run() })
		}
		wg.Wait()
		added := 0
		for i := range jobs {
			if errs[i] != nil {
				t.Errorf("ingest %v: %v\n%s", jobs[i], errs[i], outs[i].String())
			}
			added += strings.Count(outs[i].String(), " evidence\n")
		}
		if added != integrityDocs {
			t.Errorf("the jobs added %d documents between them, want each of %d added once", added, integrityDocs)
		}
		got := canonicalExport(t, data)
		checkNoDuplicates(t, got)
		diffExports(t, "concurrent jobs", got, want)
	})

	t.Run("concurrent ingestDocument and POST /ingest on one server", func(t *testing.T) {
		data := t.TempDir()
		url, _ := startServer(t, "--data", data, "--corpus", t.TempDir())
		// Four clients, two through the mutation and two through POST
		// /ingest; each file is sent by two of them.
		const clients = 4
		var wg sync.WaitGroup
		var mu sync.Mutex
		created, existed := 0, 0
		for c := range clients {
			wg.Go(func() {
				for i, f := range files {
					if i%clients != c && (i+1)%clients != c {
						continue
					}
					old, err := sendDocument(url, f, c%2 == 0)
					mu.Lock()
					switch {
					case err != nil:
						t.Error(err)
					case old:
						existed++
					default:
						created++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if created != integrityDocs || existed != integrityDocs {
			t.Errorf("server answered %d created and %d existed, want %d of each", created, existed, integrityDocs)
		}
		got := canonicalExport(t, data)
		checkNoDuplicates(t, got)
		diffExports(t, "concurrent ingestDocument and POST /ingest", sourcesAsNames(got), sourcesAsNames(want))
	})

	t.Run("deleteDocument then ingest again restores the graph", func(t *testing.T) {
		data := t.TempDir()
		runIngest(t, data, folders...)
		url, _ := startServer(t, "--data", data, "--corpus", t.TempDir())
		// The last documents of the walk: ingesting them again last gives
		// them the same graph to resolve against as the clean run did.
		gone := files[len(files)-10:]
		idOf := map[string]string{}
		for _, d := range want.Documents {
			idOf[d.Source] = d.ID
		}
		for _, f := range gone {
			body, _ := json.Marshal(map[string]any{
				"query":     `mutation($id: ID!) { deleteDocument(id: $id) { document removedEvidence } }`,
				"variables": map[string]any{"id": idOf[f]},
			})
			status, answer := post(t, url+"/graphql", "", string(body))
			if status != 200 || strings.Contains(answer, `"errors"`) || !strings.Contains(answer, idOf[f]) {
				t.Fatalf("deleteDocument %s (%s) = %d %s", idOf[f], f, status, answer)
			}
		}
		mid := canonicalExport(t, data)
		checkNoDuplicates(t, mid)
		if mid.DocumentCount != integrityDocs-len(gone) {
			t.Errorf("after deleting %d documents the store counts %d, want %d", len(gone), mid.DocumentCount, integrityDocs-len(gone))
		}
		for _, ev := range mid.Evidence {
			if slices.ContainsFunc(gone, func(f string) bool { return idOf[f] == ev.DocumentID }) {
				t.Errorf("evidence %s of deleted document %s is still there", ev.ID, ev.DocumentID)
			}
		}
		for _, f := range gone {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			q := "filename=" + neturl.QueryEscape(f)
			if status, answer := post(t, url+"/ingest?"+q, "", string(body)); status != http.StatusCreated {
				t.Fatalf("POST /ingest %s again = %d %s", f, status, answer)
			}
		}
		got := canonicalExport(t, data)
		checkNoDuplicates(t, got)
		diffExports(t, "deleted and ingested again", sourcesAsNames(got), sourcesAsNames(want))
	})
}

// killIngestAfter starts `diplograph ingest` over folders into data, kills
// it with SIGKILL once it has reported n more documents (or when it
// ends), and returns how many documents the store held by its reports.
func killIngestAfter(t *testing.T, data string, n int, folders []string) int {
	t.Helper()
	cmd := ingestCmd(data, folders...)
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	added, reported := 0, 0
	for sc.Scan() {
		reported++
		if strings.Contains(sc.Text(), ", +") {
			added++
		}
		if added == n {
			// The next document is on its way into the store.
			time.Sleep(time.Duration(n*7%23) * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); added == n && (!ok || !ws.Signaled()) {
		t.Logf("ingest ended before the kill landed: %v", err)
	}
	return reported
}

// startServer runs `diplograph serve` with args on a free loopback port and
// returns its URL once it serves; it is killed when the test ends.
func startServer(t *testing.T, args ...string) (string, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "NEO4J_URI=")
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	var mu sync.Mutex
	urlc := make(chan string, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			mu.Lock()
			log.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				urlc <- m[1]
			}
		}
		cmd.Wait()
		close(urlc)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	select {
	case u, ok := <-urlc:
		if !ok {
			mu.Lock()
			defer mu.Unlock()
			t.Fatalf("serve exited before serving:\n%s", log.String())
		}
		return u, &log
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not start within 2 minutes")
	}
	return "", nil
}

// TestServeAccess runs the binary with and without keys: loopback-only
// open mode, 401 without a key, 403 for a role too low, and the audit log.
func TestServeAccess(t *testing.T) {
	data, empty := t.TempDir(), t.TempDir()
	run := func(args ...string) (string, string, error) {
		t.Helper()
		cmd := exec.Command(binary, args...)
		cmd.Env = append(os.Environ(), "NEO4J_URI=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}

	t.Run("no keys: other addresses refused, loopback open", func(t *testing.T) {
		_, stderr, err := run("serve", "--addr", "0.0.0.0:0", "--data", data, "--corpus", empty)
		if err == nil || !strings.Contains(stderr, "--allow-insecure-bind") {
			t.Errorf("serve on 0.0.0.0 without keys: err %v, stderr %q; want a refusal naming --allow-insecure-bind", err, stderr)
		}
		url, log := startServer(t, "--data", data, "--corpus", empty)
		if !strings.Contains(log.String(), "open mode") || !strings.Contains(log.String(), "loopback only") {
			t.Errorf("start log does not say it is open on loopback only:\n%s", log)
		}
		if status, _ := post(t, url+"/graphql", "", `{"query":"{ search(text: \"x\") { score } }"}`); status != 200 {
			t.Errorf("open mode: POST /graphql without a key = %d, want 200", status)
		}
	})

	reader, _, err := run("keys", "create", "--role", "reader", "--name", "dashboard", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	ingester, _, err := run("keys", "create", "--role", "ingester", "--name", "nightly job", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	reader, ingester = strings.TrimSpace(reader), strings.TrimSpace(ingester)
	if raw, err := os.ReadFile(filepath.Join(data, "auth.db")); err != nil || bytes.Contains(raw, []byte(reader)) {
		t.Errorf("auth.db holds the key in plain text (or cannot be read: %v)", err)
	}

	t.Run("keys", func(t *testing.T) {
		url, log := startServer(t, "--data", data, "--corpus", empty)
		if !strings.Contains(log.String(), "keys are required") {
			t.Errorf("start log does not say keys are required:\n%s", log)
		}
		doc, err := os.ReadFile(filepath.Join(corpus, "000_a6d54f805eaf123d.txt"))
		if err != nil {
			t.Fatal(err)
		}
		ingestMutation, _ := json.Marshal(map[string]any{
			"query":     `mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { existed newEvidence } }`,
			"variables": map[string]any{"in": map[string]any{"filename": "b.txt", "text": "The Foreign Ministers of Poland and Latvia met in Riga on 3 May 2024."}},
		})
		tests := []struct {
			name, path, key, body string
			status                int
			code                  string
		}{
			{"query without a key", "/graphql", "", `{"query":"{ search(text: \"x\") { score } }"}`, 401, "UNAUTHENTICATED"},
			{"query with a made-up key", "/graphql", "dgk_000000000000_" + strings.Repeat("x", 43), `{"query":"{ search(text: \"x\") { score } }"}`, 401, "UNAUTHENTICATED"},
			{"reader queries", "/graphql", reader, `{"query":"{ search(text: \"x\") { score } }"}`, 200, ""},
			{"reader posts a file", "/ingest?filename=a.txt", reader, string(doc), 403, "FORBIDDEN"},
			{"ingester posts a file", "/ingest?filename=a.txt", ingester, string(doc), 201, ""},
			{"reader ingests over GraphQL", "/graphql", reader, string(ingestMutation), 200, "FORBIDDEN"},
			{"ingester ingests over GraphQL", "/graphql", ingester, string(ingestMutation), 200, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, body := post(t, url+tt.path, tt.key, tt.body)
				if status != tt.status || (tt.code != "" && !strings.Contains(body, `"code":"`+tt.code+`"`)) ||
					(tt.code == "" && strings.Contains(body, `"errors"`)) {
					t.Errorf("POST %s = %d %s, want %d %s", tt.path, status, body, tt.status, tt.code)
				}
			})
		}
		res, err := http.Get(url + "/healthz")
		if err != nil || res.StatusCode != 200 {
			t.Errorf("GET /healthz without a key = %v, %v; want 200", res, err)
		} else {
			res.Body.Close()
		}
		// The reader's refused POST is in the log too, with the reason.
		out, _, err := run("keys", "audit", "--data", data, "--op", "POST /ingest")
		if err != nil || !strings.Contains(out, "(nightly job)") || !strings.Contains(out, "a.txt") || strings.Count(out, "POST /ingest") != 2 ||
			!strings.Contains(out, "(dashboard)") || !strings.Contains(out, "denied: forbidden") {
			t.Errorf("keys audit: %v\n%s\nwant the nightly job's POST /ingest and the dashboard's refused one", err, out)
		}
		out, _, err = run("keys", "audit", "--data", data, "--op", "ingestDocument")
		if err != nil || !strings.Contains(out, "(nightly job)") || !strings.Contains(out, "(dashboard)") || !strings.Contains(out, "denied") || !strings.Contains(out, "b.txt") {
			t.Errorf("keys audit: %v\n%s\nwant the dashboard's refused and the nightly job's ingestDocument", err, out)
		}
	})
}

// post sends body with key (if any) and returns the status and body.
func post(t *testing.T, url, key, body string) (int, string) {
	t.Helper()
	status, answer, err := postRaw(url, key, body)
	if err != nil {
		t.Fatal(err)
	}
	return status, answer
}

func postRaw(url, key, body string) (int, string, error) {
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("POST %s: %w", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

// sendDocument sends the file at path to the server, through the
// ingestDocument mutation or POST /ingest, naming it by its path, and
// says whether the server already held it. It gives no source: a source
// is an http(s) URL, and the server records the file's name as its
// origin (the CLI records its path; sourcesAsNames compares the two).
func sendDocument(url, path string, mutation bool) (existed bool, err error) {
	body, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	if !mutation {
		q := "filename=" + neturl.QueryEscape(path)
		status, answer, err := postRaw(url+"/ingest?"+q, "", string(body))
		switch {
		case err != nil:
			return false, err
		case status == http.StatusCreated, status == http.StatusOK:
			return status == http.StatusOK, nil
		}
		return false, fmt.Errorf("POST /ingest %s = %d %s", path, status, answer)
	}
	req, _ := json.Marshal(map[string]any{
		"query":     `mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { existed } }`,
		"variables": map[string]any{"in": map[string]any{"text": string(body), "filename": path}},
	})
	status, answer, err := postRaw(url+"/graphql", "", string(req))
	if err != nil {
		return false, err
	}
	var r struct {
		Data struct {
			IngestDocument struct{ Existed bool }
		}
		Errors []any
	}
	if err := json.Unmarshal([]byte(answer), &r); err != nil || status != 200 || len(r.Errors) > 0 {
		return false, fmt.Errorf("ingestDocument %s = %d %s", path, status, answer)
	}
	return r.Data.IngestDocument.Existed, nil
}
