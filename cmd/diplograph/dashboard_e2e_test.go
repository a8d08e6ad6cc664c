package main_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/diplograph/diplograph/internal/browsertest"
)

// TestDashboardInBrowser opens /dashboard in headless Chromium against the
// real server on the corpus: each card draws its data, shows the query
// that drew it, and that query, run as shown, answers the same numbers.
// Every request the page makes goes to this server.
func TestDashboardInBrowser(t *testing.T) {
	browsertest.Require(t)
	artifacts := os.Getenv("DIPLOGRAPH_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	} else if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	s := startServe(t)
	ctx := browsertest.New(t)
	defer screenshot(t, ctx, filepath.Join(artifacts, "dashboard.png"), chromedp.FullScreenshot(100))

	browsertest.Do(t, ctx, "open /dashboard", chromedp.Navigate(s.url+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	if msg := browsertest.Read[string](t, ctx, "read the error line", `document.getElementById('error').hidden ? '' : document.getElementById('error').textContent`); msg != "" {
		t.Fatalf("the dashboard shows an error: %s", msg)
	}
	if n := browsertest.Read[int](t, ctx, "count the chart's canvases", `document.querySelectorAll('#events-chart canvas').length`); n == 0 {
		t.Error("no canvas in #events-chart: events per year were not drawn")
	}
	if origins := browsertest.Read[[]string](t, ctx, "read where the page's resources came from",
		`performance.getEntriesByType('resource').map(e => new URL(e.name).origin).filter(o => o !== location.origin)`); len(origins) > 0 {
		t.Errorf("the page loaded resources from other hosts: %q", origins)
	}

	queries := browsertest.Read[map[string]string](t, ctx, "read the queries shown",
		`Object.fromEntries([...document.querySelectorAll('section.card')].map(c => [c.id, c.querySelector('code.query').textContent]))`)
	for _, id := range []string{"events", "agencies", "documents"} {
		if !strings.HasPrefix(strings.TrimSpace(queries[id]), "query ") {
			t.Errorf("card %s shows no query: %q", id, queries[id])
		}
	}
	run := func(q string, into any) {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"query": q})
		r := postGraphQL(t, s.url, string(body))
		if len(r.Errors) > 0 {
			t.Fatalf("the query shown fails: %+v\n%s", r.Errors, q)
		}
		if err := json.Unmarshal(r.Data, into); err != nil {
			t.Fatal(err)
		}
	}

	// Events: the total drawn is the total the query answers, by kind.
	var events struct {
		Stats struct {
			Buckets []struct {
				Kind  *string
				Count int
			}
		}
	}
	run(queries["events"], &events)
	total, kinds := 0, map[string]bool{}
	for _, b := range events.Stats.Buckets {
		total += b.Count
		if b.Kind != nil {
			kinds[*b.Kind] = true
		}
	}
	if total == 0 {
		t.Fatal("the corpus has no dated events to chart")
	}
	drawn := browsertest.Read[string](t, ctx, "read the total drawn", `document.getElementById('events').dataset.total`)
	if drawn != itoa(total) {
		t.Errorf("events chart draws %s events, the query answers %d", drawn, total)
	}
	legend := browsertest.Read[string](t, ctx, "read the legend", `document.getElementById('events-legend').textContent`)
	for k := range kinds {
		if !strings.Contains(legend, k) {
			t.Errorf("legend %q lacks the kind %s", legend, k)
		}
	}

	// Agencies: the list is the query's, in its order.
	var agencies struct {
		Stats struct {
			TopEntities []struct{ Entity struct{ ID string } }
		}
	}
	run(queries["agencies"], &agencies)
	listed := browsertest.Read[[]string](t, ctx, "read the agencies", `[...document.querySelectorAll('#agencies-list li')].map(li => li.dataset.id)`)
	var want []string
	for _, e := range agencies.Stats.TopEntities {
		want = append(want, e.Entity.ID)
	}
	if len(want) == 0 || strings.Join(listed, "|") != strings.Join(want, "|") {
		t.Errorf("agencies listed %q, the query answers %q", listed, want)
	}

	// Documents: the rows are the query's, newest first.
	var docs struct {
		Documents struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	run(queries["documents"], &docs)
	rows := browsertest.Read[[]string](t, ctx, "read the documents", `[...document.querySelectorAll('#documents-rows tr')].map(tr => tr.dataset.id)`)
	want = want[:0]
	for _, e := range docs.Documents.Edges {
		want = append(want, e.Node.ID)
	}
	if len(want) == 0 || strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Errorf("documents listed %q, the query answers %q", rows, want)
	}

	// Live mode: a document ingested now shows in the latest documents
	// without a reload (dated last of all, so it is among the newest).
	browsertest.Do(t, ctx, "wait for live mode (the page reads GET /events)", chromedp.WaitVisible(chromedp.CSS(`body[data-live="on"]`)))
	text := "Ministers of Estonia and Finland met in Tallinn on 4 March 2025 to discuss cyber defence."
	res, err := http.Post(s.url+"/ingest?filename=live.txt&title=Live+update+test&published=2099-01-01", "text/plain", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	var ingested struct{ Document struct{ ID string } }
	json.NewDecoder(res.Body).Decode(&ingested)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || ingested.Document.ID == "" {
		t.Fatalf("POST /ingest = %d, document %q", res.StatusCode, ingested.Document.ID)
	}
	browsertest.Do(t, ctx, "wait for the new document's row", chromedp.WaitVisible(chromedp.CSS(`#documents-rows tr[data-id="`+ingested.Document.ID+`"]`)))
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
