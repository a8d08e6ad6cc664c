package main_test

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	enc "encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// badFile is a file the readers must refuse, and a word its error says.
type badFile struct {
	name string
	data []byte
	want string
}

// badFiles are files that must be refused with an error naming them: every
// kind of bad file issue 5 lists, except the 50 MB one (too big to send
// as an ordinary request) and malformed HTML (read as browsers read it).
func badFiles(t *testing.T) []badFile {
	t.Helper()
	return []badFile{
		{"empty.txt", nil, "empty"},
		{"blank.md", []byte("  \n\n\t\n"), "empty"},
		{"image.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 256)...), "binary"},
		{"latin1.txt", []byte("The minister met his counterpart in Bras\xedlia on Monday."), "UTF-8"},
		{"broken.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"), "PDF"},
		{"nested.html", []byte(strings.Repeat("<div>", 20000) + "The ministers met." + strings.Repeat("</div>", 20000)), "nested"},
		{"bomb.pdf", pdfBomb(t, 2048), "decompress"},
		{"unknown.docx", []byte("PK\x03\x04 a zip file"), "unsupported"},
	}
}

// pdfBomb is a PDF of about mib KiB whose content stream inflates to mib
// MiB of NULs: one deflate segment of a MiB of NULs, repeated.
func pdfBomb(t *testing.T, mib int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	mb := make([]byte, 1<<20)
	var marks [3]int
	for i := range marks {
		w.Write(mb)
		w.Flush()
		marks[i] = b.Len()
	}
	seg := b.Bytes()[marks[0]:marks[1]]
	if !bytes.Equal(seg, b.Bytes()[marks[1]:marks[2]]) {
		t.Fatal("deflate segments of NULs differ")
	}
	w.Close()
	z := append([]byte{0x78, 0x9c}, b.Bytes()[:marks[0]]...)
	for range mib - 1 {
		z = append(z, seg...)
	}
	z = append(z, b.Bytes()[marks[2]:]...)
	// Adler-32 of NULs: A stays 1, B is the length.
	z = enc.BigEndian.AppendUint32(z, uint32((uint64(mib)<<20)%65521)<<16|1)

	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z),
	}
	var pdf bytes.Buffer
	pdf.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = pdf.Len()
		fmt.Fprintf(&pdf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := pdf.Len()
	fmt.Fprintf(&pdf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&pdf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&pdf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return pdf.Bytes()
}

// fiftyMB is a 50 MB text file: plausible prose, over every size limit.
func fiftyMB() []byte {
	line := []byte("The foreign ministers met in Nairobi on 3 May 2024 to discuss trade and security cooperation.\n")
	return bytes.Repeat(line, 50<<20/len(line)+1)
}

// graphSnapshot is what bad input must leave unchanged, read over the API.
const graphSnapshot = `{
  stats { entities { type count kinds { kind count } } relations { type count } topEntities(first: 20) { entity { id } degree } }
  documents(first: 100) { totalCount edges { node { id title } } }
  relations(first: 100) { totalCount edges { node { id type confidence } } }
}`

func snapshotOf(t *testing.T, url string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": graphSnapshot})
	r := postGraphQL(t, url, string(body))
	if len(r.Errors) > 0 || len(r.Data) < 100 {
		t.Fatalf("snapshot: %s %+v", r.Data, r.Errors)
	}
	return string(r.Data)
}

type answer struct {
	status int
	raw    []byte
}

func (a answer) codes(t *testing.T) []string {
	t.Helper()
	var r struct {
		Errors []struct{ Extensions map[string]any }
		Error  *struct{ Code string }
	}
	if err := json.Unmarshal(a.raw, &r); err != nil {
		t.Fatalf("answer %d is not JSON: %v\n%.300s", a.status, err, a.raw)
	}
	var cs []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		cs = append(cs, c)
	}
	if r.Error != nil {
		cs = append(cs, r.Error.Code)
	}
	return cs
}

func send(t *testing.T, method, u, contentType string, body io.Reader) answer {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, raw}
}

func gql(t *testing.T, base, q string, vars map[string]any) answer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return send(t, http.MethodPost, base+"/graphql", "application/json", bytes.NewReader(body))
}

// TestBadInputServed drives a real server with every kind of bad input of
// issue 5: each is answered with a coded error (and the file's name, for
// files), the graph is the same after all of them, and the server still
// answers queries and reports ready.
func TestBadInputServed(t *testing.T) {
	data := t.TempDir()
	s := startServeIn(t, data)
	before := snapshotOf(t, s.url)
	exportBefore := canonicalExport(t, data)

	for _, f := range badFiles(t) {
		t.Run("POST /ingest "+f.name, func(t *testing.T) {
			a := send(t, http.MethodPost, s.url+"/ingest?filename="+url.QueryEscape(f.name), "application/octet-stream", bytes.NewReader(f.data))
			if codes := a.codes(t); a.status != http.StatusBadRequest || len(codes) != 1 || codes[0] != "BAD_USER_INPUT" {
				t.Errorf("status %d, codes %v (%.300s), want 400 BAD_USER_INPUT", a.status, codes, a.raw)
			}
			if !bytes.Contains(a.raw, []byte(f.name)) || !bytes.Contains(a.raw, []byte(f.want)) {
				t.Errorf("answer %.300s does not name %s and say %q", a.raw, f.name, f.want)
			}
		})
		if base64.StdEncoding.EncodedLen(len(f.data)) > 512<<10 {
			continue // over the GraphQL body limit: tested below
		}
		t.Run("ingestDocument "+f.name, func(t *testing.T) {
			a := gql(t, s.url, `mutation($f: String!, $n: String!) { ingestDocument(input: {file: $f, filename: $n}) { document { id } } }`,
				map[string]any{"f": base64.StdEncoding.EncodeToString(f.data), "n": f.name})
			if codes := a.codes(t); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" {
				t.Errorf("codes %v (%.300s), want [BAD_USER_INPUT]", codes, a.raw)
			}
			if !bytes.Contains(a.raw, []byte(f.name)) || !bytes.Contains(a.raw, []byte(f.want)) {
				t.Errorf("answer %.300s does not name %s and say %q", a.raw, f.name, f.want)
			}
		})
	}

	big := fiftyMB()
	oversized := []struct {
		name, path, contentType string
		body                    []byte
	}{
		{"50 MB file to /ingest", "/ingest?filename=big.txt", "text/plain", big},
		{"50 MB file in ingestDocument", "/graphql", "application/json",
			append(append([]byte(`{"query": "mutation($t: String!) { ingestDocument(input: {text: $t, filename: \"big.txt\"}) { document { id } } }", "variables": {"t": "`), bytes.ReplaceAll(big, []byte("\n"), []byte(`\n`))...), `"}}`...)},
		{"2 MB of white space to /graphql", "/graphql", "application/json",
			[]byte(`{"query": "{` + strings.Repeat(" ", 2<<20) + `stats { relations { count } } }"}`)},
	}
	for _, o := range oversized {
		t.Run(o.name, func(t *testing.T) {
			a := send(t, http.MethodPost, s.url+o.path, o.contentType, bytes.NewReader(o.body))
			if codes := a.codes(t); a.status != http.StatusRequestEntityTooLarge || len(codes) != 1 || codes[0] != "BAD_REQUEST" {
				t.Errorf("status %d, codes %v (%.300s), want 413 BAD_REQUEST", a.status, codes, a.raw)
			}
		})
	}

	var flood strings.Builder
	flood.WriteString("{")
	for i := range 1000 {
		fmt.Fprintf(&flood, " a%d: stats { entities { type count } relations { type count } topEntities(first: 100) { degree } }", i)
	}
	flood.WriteString(" }")
	deep := `{ entity(id: "x") { id }`
	for range 30 {
		deep = strings.Replace(deep, "{ id }", "{ id relations { subject { id } } }", 1)
	}
	queries := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"alias flood", flood.String(), nil, "COST_LIMIT_EXCEEDED"},
		{"deep query", deep + " }", nil, "DEPTH_LIMIT_EXCEEDED"},
		{"wide query", `{ events(first: 500) { totalCount edges { cursor node { id name date kind aliases location { id name }
  participants { id name kind aliases relations { id type confidence subject { id name } object { id name } evidence { sentence start end document { id title date } } } }
  evidence { sentence document { id title date publisher } } } } pageInfo { hasNextPage endCursor } } }`, nil, "COST_LIMIT_EXCEEDED"},
		{"huge first", `{ entities(first: 2000000000) { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"invalid cursor", `{ events(after: "bm90IGEgY3Vyc29y") { totalCount } }`, nil, "BAD_USER_INPUT"},
		{"cursor of SQL", `query($c: String) { relations(after: $c) { totalCount } }`, map[string]any{"c": `'); DROP TABLE relations; --`}, "BAD_USER_INPUT"},
		{"wrong type", `{ entities(first: "all") { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"wrong type in a variable", `query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": []int{1, 2}}, "BAD_USER_INPUT"},
		{"unknown field", `{ documents { edges { node { password } } } }`, nil, "GRAPHQL_VALIDATION_FAILED"},
		{"delete of a document that is not there", `mutation { deleteDocument(id: "doc:0000') DETACH DELETE n //") { document } }`, nil, "NOT_FOUND"},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			a := gql(t, s.url, q.query, q.vars)
			codes := a.codes(t)
			if len(codes) == 0 {
				t.Fatalf("answer %.300s has no error, want %s", a.raw, q.code)
			}
			for _, c := range codes {
				if c != q.code {
					t.Errorf("codes %v (%.300s), want only %s", codes, a.raw, q.code)
					break
				}
			}
		})
	}

	// Syntax of both query languages, and of full-text search, is data:
	// no error (or a plain NOT_FOUND), never an internal one, and names
	// that contain it are found by it.
	hostile := []string{
		`x'); DROP TABLE entities; --`,
		`"}) MATCH (n) DETACH DELETE n //`,
		`Robert" OR 1=1 OR "`,
		"NEAR(a b) AND NOT * ^col: 100%_off \\ {x: 1} `backtick` $param",
		`' UNION SELECT key_hash FROM keys --`,
	}
	for _, h := range hostile {
		t.Run("hostile text "+h, func(t *testing.T) {
			a := gql(t, s.url, `query($t: String!, $id: ID!) {
  search(text: $t) { entity { id } }
  entities(filter: {nameContains: $t}) { totalCount }
  events(filter: {participant: $id, location: $id}) { totalCount }
  relations(filter: {subject: $id}) { totalCount }
  entity(id: $id) { id }
}`, map[string]any{"t": h, "id": h})
			codes := a.codes(t)
			if len(codes) != 1 || codes[0] != "NOT_FOUND" {
				t.Errorf("codes %v (%.300s), want [NOT_FOUND] for the entity alone", codes, a.raw)
			}
			if !bytes.Contains(a.raw, []byte(`"entities":{"totalCount":0}`)) {
				t.Errorf("answer %.300s: entities whose name contains %q, want none", a.raw, h)
			}
		})
	}

	t.Run("graph unchanged, server serving", func(t *testing.T) {
		if after := snapshotOf(t, s.url); after != before {
			t.Errorf("graph over the API after bad input:\n%s\nbefore:\n%s", after, before)
		}
		if after := canonicalExport(t, data); !reflect.DeepEqual(after, exportBefore) {
			t.Errorf("canonical export changed by bad input: %d docs, %d entities, %d relations, %d evidence; before %d, %d, %d, %d",
				after.DocumentCount, len(after.Entities), len(after.Relations), len(after.Evidence),
				exportBefore.DocumentCount, len(exportBefore.Entities), len(exportBefore.Relations), len(exportBefore.Evidence))
		}
		res, err := http.Get(s.url + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("/readyz = %d after bad input, want 200", res.StatusCode)
		}
		body, _ := json.Marshal(map[string]string{"query": agenciesAtDialogues})
		if r := postGraphQL(t, s.url, string(body)); len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"totalCount":`) {
			t.Errorf("issue 2's query after bad input: %.300s %+v", r.Data, r.Errors)
		}
	})

	// Names full of that syntax are stored and found as they are.
	t.Run("hostile aliases are data", func(t *testing.T) {
		a := gql(t, s.url, `{ entities(first: 1) { edges { node { id } } } }`, nil)
		var first struct {
			Data struct {
				Entities struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
		}
		if err := json.Unmarshal(a.raw, &first); err != nil || len(first.Data.Entities.Edges) == 0 {
			t.Fatalf("an entity: %v %.300s", err, a.raw)
		}
		id := first.Data.Entities.Edges[0].Node.ID
		for _, h := range hostile {
			if a := gql(t, s.url, `mutation($id: ID!, $a: String!) { addAlias(entity: $id, alias: $a) { id } }`, map[string]any{"id": id, "a": h}); len(a.codes(t)) > 0 {
				t.Fatalf("addAlias(%q): %.300s", h, a.raw)
			}
		}
		for _, h := range hostile {
			a := gql(t, s.url, `query($t: String!) {
  search(text: $t, first: 3) { entity { id aliases } }
  entities(filter: {nameContains: $t}) { edges { node { id } } }
}`, map[string]any{"t": h})
			var r struct {
				Data struct {
					Search   []struct{ Entity struct{ ID string } }
					Entities struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
			}
			if err := json.Unmarshal(a.raw, &r); err != nil || len(a.codes(t)) > 0 {
				t.Fatalf("search %q: %v %.300s", h, err, a.raw)
			}
			if len(r.Data.Search) == 0 || r.Data.Search[0].Entity.ID != id {
				t.Errorf("search(%q) = %.300s, want %s first", h, a.raw, id)
			}
			if len(r.Data.Entities.Edges) != 1 || r.Data.Entities.Edges[0].Node.ID != id {
				t.Errorf("entities(nameContains %q) = %.300s, want only %s", h, a.raw, id)
			}
		}
		// Every table the syntax names is still there, and only the
		// aliases were added.
		after := canonicalExport(t, data)
		if after.DocumentCount != exportBefore.DocumentCount || len(after.Entities) != len(exportBefore.Entities) || len(after.Relations) != len(exportBefore.Relations) {
			t.Errorf("after hostile aliases: %d docs, %d entities, %d relations; want %d, %d, %d", after.DocumentCount, len(after.Entities), len(after.Relations),
				exportBefore.DocumentCount, len(exportBefore.Entities), len(exportBefore.Relations))
		}
	})
}

// TestIngestCommandBadFiles runs `diplograph ingest` on each bad file,
// the 50 MB one and the decompression bomb included, over a graph of the
// corpus: each run fails naming the file, and the graph is unchanged.
func TestIngestCommandBadFiles(t *testing.T) {
	data := t.TempDir()
	runIngest(t, data, corpus)
	before := canonicalExport(t, data)
	if before.DocumentCount == 0 {
		t.Fatal("the corpus ingested no documents")
	}
	dir := t.TempDir()
	files := append(badFiles(t), badFile{"big.txt", fiftyMB(), "limit"})
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			path := filepath.Join(dir, f.name)
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			cmd := ingestCmd(data, path)
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err == nil {
				t.Fatalf("ingest %s succeeded:\n%s", f.name, out.String())
			}
			if !strings.Contains(out.String(), "FAILED "+path) || !strings.Contains(out.String(), f.want) {
				t.Errorf("ingest %s printed %q, want FAILED %s and %q", f.name, out.String(), path, f.want)
			}
		})
	}
	if after := canonicalExport(t, data); !reflect.DeepEqual(after, before) {
		t.Errorf("canonical export changed by bad files: %d docs, %d entities, %d relations; before %d, %d, %d",
			after.DocumentCount, len(after.Entities), len(after.Relations), before.DocumentCount, len(before.Entities), len(before.Relations))
	}
}

// TestNeo4jUnreachableAtStart: serve and ingest pointed at a Neo4j server
// that is not there exit with an error naming the URI, well before the
// test's own deadline (not a timing assertion: a hang fails the test).
func TestNeo4jUnreachableAtStart(t *testing.T) {
	for _, args := range [][]string{{"serve", "--addr", "127.0.0.1:0", "--corpus", corpus}, {"ingest", corpus}} {
		t.Run(args[0], func(t *testing.T) {
			uri := "bolt://127.0.0.1:1"
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			// Flags before the paths: ingest reads everything after its
			// first path as paths.
			argv := append([]string{args[0], "--data", t.TempDir(), "--neo4j", uri}, args[1:]...)
			cmd := exec.CommandContext(ctx, binary, argv...)
			cmd.Env = append(os.Environ(), "NEO4J_URI=")
			out, err := cmd.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("diplograph %s with Neo4j at %s still running after a minute:\n%s", args[0], uri, out)
			}
			if err == nil || !strings.Contains(string(out), "unreachable") || !strings.Contains(string(out), uri) {
				t.Errorf("diplograph %s = %v, output %q; want a failure naming %s", args[0], err, out, uri)
			}
		})
	}
}
