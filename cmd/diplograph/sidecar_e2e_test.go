package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestSidecar ingests two folders holding versions of one statement,
// each with a NAME.meta.json sidecar naming its URL and publication date,
// the second with one sentence changed, then ones whose sidecar is bad:
// each is reported and not ingested. The versions share the facts of the
// unchanged sentence; the fact of the changed one is withdrawn, its
// evidence kept, and the new sentence's fact stands on the second alone.
func TestIngestSidecar(t *testing.T) {
	data := t.TempDir()
	run := func(args ...string) (string, string, error) {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"ingest", "--data", data}, args...)...)
		cmd.Env = append(os.Environ(), "NEO4J_URI=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}
	folder := func(files map[string]string) string {
		dir := t.TempDir()
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	const meeting = "Statement on the Prague meeting\n\nOn 5 September 2024, U.S. Secretary of State Antony Blinken met Czech Foreign Minister Jan Lipavský in Prague."
	v1 := folder(map[string]string{
		"statement.txt":       meeting + " Secretary Blinken also met Prime Minister Petr Fiala of the Czech Republic.\n",
		"statement.meta.json": `{"source": "https://mzv.example/s/1", "published": "2024-09-05", "publisher": "MFA"}`,
	})
	v2 := folder(map[string]string{
		"statement.txt":           meeting + " Secretary Blinken also met Czech Defence Minister Jana Černochová.\n",
		"statement.txt.meta.json": `{"source": "https://mzv.example/s/1", "published": "2024-09-06"}`,
	})
	for _, dir := range []string{v1, v2} {
		if out, errs, err := run(dir); err != nil || !strings.Contains(out, "+") {
			t.Fatalf("ingest %s: %v\n%s%s", dir, err, out, errs)
		}
	}
	for _, tt := range []struct{ name, sidecar, want string }{
		{"not JSON", `{"source": `, "unexpected EOF"},
		{"unknown field", `{"url": "https://mzv.example/s/2"}`, `unknown field "url"`},
		{"bad date", `{"published": "5 Sept 2024"}`, "not a date"},
		{"not a URL", `{"source": "mzv/s/2"}`, "not an absolute http(s) URL"},
		{"an absolute path", `{"source": "/srv/press/other.txt"}`, "not an absolute http(s) URL"},
		{"a name", `{"source": "shell"}`, "not an absolute http(s) URL"},
		{"empty", `{"source": ""}`, "not an absolute http(s) URL"},
		{"another scheme", `{"source": "ftp://mzv.example/s/2"}`, "not an absolute http(s) URL"},
		{"no host", `{"source": "https:///s/2"}`, "not an absolute http(s) URL"},
	} {
		dir := folder(map[string]string{"other.txt": "Another statement\n\nNÚKIB met the Ministry of the Interior in Brno.\n", "other.meta.json": tt.sidecar})
		out, errs, err := run(dir)
		if err == nil || !strings.Contains(errs, "other.meta.json") || !strings.Contains(errs, tt.want) || strings.Contains(out, "+") {
			t.Errorf("%s: err %v, stdout %q, stderr %q; want a failure naming the sidecar and %q", tt.name, err, out, errs, tt.want)
		}
	}

	// Without a sidecar the file's path is its recorded origin, as it
	// always was: set by ingest, not a source the user gave.
	plain := folder(map[string]string{"plain.txt": "A plain statement\n\nNÚKIB met the Ministry of the Interior in Ostrava.\n"})
	if out, errs, err := run(plain); err != nil || !strings.Contains(out, "+") {
		t.Fatalf("ingest %s: %v\n%s%s", plain, err, out, errs)
	}
	plainPath := filepath.Join(plain, "plain.txt")

	srv := startServeIn(t, data)
	r := postGraphQL(t, srv.url, `{"query": "{ documents(filter: {source: \"https://mzv.example/s/1\"}) { totalCount edges { node { date publisher versions { date } } } } relations(filter: {withdrawn: true}) { totalCount } all: documents { totalCount edges { node { filename source versions { id } } } } }"}`)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var all struct {
		All struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Filename, Source string
					Versions         []struct{ ID string }
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data, &all); err != nil {
		t.Fatal(err)
	}
	if all.All.TotalCount != 3 {
		t.Errorf("%d documents stored, want the 2 versions and the plain file (no file with a bad sidecar)", all.All.TotalCount)
	}
	for _, e := range all.All.Edges {
		if e.Node.Filename == "plain.txt" && (e.Node.Source != plainPath || len(e.Node.Versions) != 1) {
			t.Errorf("plain.txt: source %q with %d versions, want its path %q and itself alone", e.Node.Source, len(e.Node.Versions), plainPath)
		}
	}
	for _, want := range []string{`"totalCount":2`, `"publisher":"MFA"`, `"versions":[{"date":"2024-09-06"},{"date":"2024-09-05"}]`} {
		if !strings.Contains(string(r.Data), want) {
			t.Errorf("data %s\nlacks %s", r.Data, want)
		}
	}
	if strings.Contains(string(r.Data), `"relations":{"totalCount":0}`) {
		t.Errorf("no fact withdrawn by the second version: %s", r.Data)
	}

	// Whom Blinken met, by version: Lipavský in both (the unchanged
	// sentence), Fiala in the first only, Černochová in the second only.
	r = postGraphQL(t, srv.url, `{"query": "{ documents(filter: {source: \"https://mzv.example/s/1\"}) { edges { node { id date } } } entity(id: \"person:antony-blinken\") { relations(types: [MET_WITH]) { subject { name } object { name } withdrawn { by { id } at } documents { id } evidence { sentence document { id } } } } }"}`)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var met struct {
		Documents struct {
			Edges []struct{ Node struct{ ID, Date string } }
		}
		Entity struct {
			Relations []struct {
				Subject, Object struct{ Name string }
				Withdrawn       *struct {
					By struct{ ID string }
					At string
				}
				Documents []struct{ ID string }
				Evidence  []struct {
					Sentence string
					Document struct{ ID string }
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data, &met); err != nil {
		t.Fatal(err)
	}
	byDate := map[string]string{}
	for _, e := range met.Documents.Edges {
		byDate[e.Node.Date] = e.Node.ID
	}
	v1id, v2id := byDate["2024-09-05"], byDate["2024-09-06"]
	if v1id == "" || v2id == "" {
		t.Fatalf("versions %+v, want one dated 2024-09-05 and one 2024-09-06", met.Documents.Edges)
	}
	seen := map[string]bool{}
	for _, rel := range met.Entity.Relations {
		other := rel.Object.Name
		if strings.Contains(other, "Blinken") {
			other = rel.Subject.Name
		}
		var docs, evDocs []string
		for _, d := range rel.Documents {
			docs = append(docs, d.ID)
		}
		for _, ev := range rel.Evidence {
			evDocs = append(evDocs, ev.Document.ID)
		}
		switch {
		case strings.Contains(other, "Lipavsk"):
			seen["shared"] = true
			if rel.Withdrawn != nil || strings.Join(docs, " ") != v2id+" "+v1id {
				t.Errorf("Blinken met %s: withdrawn %+v, documents %v; want standing on both versions [%s %s]", other, rel.Withdrawn, docs, v2id, v1id)
			}
		case strings.Contains(other, "Fiala"):
			seen["withdrawn"] = true
			if rel.Withdrawn == nil || rel.Withdrawn.By.ID != v2id || rel.Withdrawn.At != "2024-09-06" {
				t.Errorf("Blinken met %s: withdrawn %+v, want by %s at 2024-09-06", other, rel.Withdrawn, v2id)
			}
			if len(rel.Evidence) != 1 || !strings.Contains(rel.Evidence[0].Sentence, "Petr Fiala") || strings.Join(evDocs, " ") != v1id {
				t.Errorf("Blinken met %s: evidence %+v, want the first version's sentence kept", other, rel.Evidence)
			}
		case strings.Contains(other, "Černochová"):
			seen["new"] = true
			if rel.Withdrawn != nil || strings.Join(docs, " ") != v2id {
				t.Errorf("Blinken met %s: withdrawn %+v, documents %v; want standing on the second version [%s] alone", other, rel.Withdrawn, docs, v2id)
			}
		}
	}
	for _, k := range []string{"shared", "withdrawn", "new"} {
		if !seen[k] {
			t.Errorf("no %s MET_WITH fact of Blinken's among %+v", k, met.Entity.Relations)
		}
	}
}
