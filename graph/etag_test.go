package graph_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/graph"
)

// TestETag checks GET queries' ETags: a repeated GET with If-None-Match
// is 304 without a body until the graph changes; a persisted query's hash
// and its text share a tag; other variables or credentials get another
// tag; answers with errors, and POSTs, carry none.
func TestETag(t *testing.T) {
	st := openStore(t)
	seed(t, st, 2, 0)
	base := serve(t, st, graph.Options{Extract: fakeExtract})
	const q = `query($t: EntityType) { entities(filter: {type: $t}) { totalCount } }`
	get := func(params url.Values, header ...string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, base+"/graphql?"+params.Encode(), nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, string(body)
	}
	orgs := url.Values{"query": {q}, "variables": {`{"t":"Organization"}`}}
	res, body := get(orgs)
	tag := res.Header.Get("ETag")
	if res.StatusCode != 200 || tag == "" || !strings.Contains(res.Header.Get("Cache-Control"), "no-cache") {
		t.Fatalf("GET = %d, ETag %q, Cache-Control %q: %s; want 200 with an ETag, no-cache", res.StatusCode, tag, res.Header.Get("Cache-Control"), body)
	}
	if res, body := get(orgs, "If-None-Match", tag); res.StatusCode != http.StatusNotModified || body != "" || res.Header.Get("ETag") != tag {
		t.Errorf("GET with If-None-Match: %d %q ETag %q, want 304, no body, the same tag", res.StatusCode, body, res.Header.Get("ETag"))
	}
	if res, _ := get(orgs, "If-None-Match", `"other", `+strings.TrimPrefix(tag, "W/")); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match listing the tag among others (strong form): %d, want 304", res.StatusCode)
	}
	people := url.Values{"query": {q}, "variables": {`{"t":"Person"}`}}
	if res, _ := get(people, "If-None-Match", tag); res.StatusCode != 200 || res.Header.Get("ETag") == tag {
		t.Errorf("other variables: %d ETag %q, want 200 and another tag than %q", res.StatusCode, res.Header.Get("ETag"), tag)
	}
	if res, _ := get(orgs, "If-None-Match", tag, "Authorization", "Bearer someone-else"); res.StatusCode != 200 {
		t.Errorf("another caller with this tag: %d, want 200 (tags are per caller)", res.StatusCode)
	}

	// A persisted query asked by its hash answers under the same tag.
	sum := sha256.Sum256([]byte(q))
	ext, _ := json.Marshal(map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}})
	register := url.Values{"query": {q}, "variables": {`{"t":"Organization"}`}, "extensions": {string(ext)}}
	if res, body := get(register); res.StatusCode != 200 || res.Header.Get("ETag") != tag {
		t.Errorf("registering the persisted query by GET: %d ETag %q %s, want 200 and %q", res.StatusCode, res.Header.Get("ETag"), body, tag)
	}
	byHash := url.Values{"variables": {`{"t":"Organization"}`}, "extensions": {string(ext)}}
	if res, body := get(byHash, "If-None-Match", tag); res.StatusCode != http.StatusNotModified {
		t.Errorf("persisted query by hash with If-None-Match: %d %s, want 304", res.StatusCode, body)
	}

	// A write moves the graph's version: the old tag no longer matches.
	ingest, _ := http.Post(base+"/ingest?filename=new.txt", "text/plain", strings.NewReader("Agency 900 attended the Cyber Dialogue 900."))
	ingest.Body.Close()
	res, body = get(orgs, "If-None-Match", tag)
	if res.StatusCode != 200 || res.Header.Get("ETag") == tag || res.Header.Get("ETag") == "" {
		t.Errorf("after an ingest: %d ETag %q %s, want 200 with a new tag", res.StatusCode, res.Header.Get("ETag"), body)
	}

	// Errors are not tagged and not stored.
	bad := url.Values{"query": {`{ entity(id: "person:nobody") { id } }`}}
	if res, _ := get(bad); res.Header.Get("ETag") != "" || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("an answer with errors: ETag %q, Cache-Control %q, want none and no-store", res.Header.Get("ETag"), res.Header.Get("Cache-Control"))
	}
	// A mutation is not a GET's to make.
	if res, _ := get(url.Values{"query": {`mutation { addAlias(entity: "x", alias: "y") { id } }`}}); res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "POST" {
		t.Errorf("mutation by GET: %d Allow %q, want 405 Allow: POST", res.StatusCode, res.Header.Get("Allow"))
	}
	res2, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ entities { totalCount } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res2.Header.Get("ETag") != "" {
		t.Errorf("POST answered with ETag %q; only GETs are tagged", res2.Header.Get("ETag"))
	}
}
