package main_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestSidecar ingests two folders holding versions of one statement,
// each with a NAME.meta.json sidecar naming its URL and publication date,
// then one whose sidecar is bad: that file is reported and not ingested.
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
		"statement.txt":           meeting + "\n",
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
	} {
		dir := folder(map[string]string{"other.txt": "Another statement\n\nNÚKIB met the Ministry of the Interior in Brno.\n", "other.meta.json": tt.sidecar})
		out, errs, err := run(dir)
		if err == nil || !strings.Contains(errs, "other.meta.json") || !strings.Contains(errs, tt.want) || strings.Contains(out, "+") {
			t.Errorf("%s: err %v, stdout %q, stderr %q; want a failure naming the sidecar and %q", tt.name, err, out, errs, tt.want)
		}
	}

	srv := startServeIn(t, data)
	r := postGraphQL(t, srv.url, `{"query": "{ documents(filter: {source: \"https://mzv.example/s/1\"}) { totalCount edges { node { date publisher versions { date } } } } relations(filter: {withdrawn: true}) { totalCount } }"}`)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	for _, want := range []string{`"totalCount":2`, `"publisher":"MFA"`, `"versions":[{"date":"2024-09-06"},{"date":"2024-09-05"}]`} {
		if !strings.Contains(string(r.Data), want) {
			t.Errorf("data %s\nlacks %s", r.Data, want)
		}
	}
	if strings.Contains(string(r.Data), `"relations":{"totalCount":0}`) {
		t.Errorf("no fact withdrawn by the second version: %s", r.Data)
	}
}
