package main_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/diplograph/diplograph/internal/browsertest"
)

// TestExplorerInBrowser uses /explore as an analyst would, in headless
// Chromium against the real server on the corpus: find the agency by its
// acronym with the keyboard, see the dialogue it attended among its
// neighbours, open the relation between them and read its evidence.
func TestExplorerInBrowser(t *testing.T) {
	browsertest.Require(t)
	artifacts := os.Getenv("DIPLOGRAPH_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	} else if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	goldNames, _, _ := goldDialogue(t)
	agencyNames := goldNamed(t, "NÚKIB")
	docs := corpusText(t)

	s := startServe(t)
	ctx := browsertest.New(t)
	// Saved whether the test passes or not: on a failure it shows where
	// the page stood.
	shot := filepath.Join(artifacts, "explore.png")
	defer screenshot(t, ctx, shot, chromedp.FullScreenshot(100))
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }

	// /explore without the slash, as people type it: it must redirect.
	browsertest.Do(t, ctx, "open /explore", chromedp.Navigate(s.url+"/explore"), chromedp.WaitVisible(css(`body[data-ready="true"]`)))

	browsertest.Do(t, ctx, "type the acronym in the search", chromedp.Click(css(`#search`)), chromedp.SendKeys(css(`#search`), "NÚKIB"),
		chromedp.WaitVisible(css(`#search-results li[role="option"]:not(.empty)`)))
	screenshot(t, ctx, filepath.Join(artifacts, "explore-search.png"), chromedp.CaptureScreenshot())
	options := browsertest.Read[[]string](t, ctx, "read the results",
		`[...document.querySelectorAll('#search-results li[role="option"]')].map(li => li.children[1].textContent)`)
	agency := slices.IndexFunc(options, func(name string) bool { return matches(agencyNames, name) })
	if agency < 0 {
		t.Fatalf("search for NÚKIB offered %q, not the agency %q", options, agencyNames)
	}
	keys := make([]chromedp.Action[chromedp.Void], 0, agency+3)
	for range agency {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowDown))
	}
	browsertest.Do(t, ctx, "choose the agency with the arrows and Enter", append(keys,
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(css(`#node-list button`)),
		chromedp.WaitVisible(css(`#timeline li`)))...)

	agencyID := browsertest.Read[string](t, ctx, "read the view's address", `new URLSearchParams(location.hash.slice(1)).get('id')`)
	if !strings.HasPrefix(agencyID, "organization:") {
		t.Fatalf("opened %q, want an organization", agencyID)
	}

	type item struct{ ID, Text string }
	nodes := browsertest.Read[[]item](t, ctx, "read the entity list",
		`[...document.querySelectorAll('#node-list button')].map(b => ({id: b.dataset.id, text: b.children[1].textContent}))`)
	dialogue := slices.IndexFunc(nodes, func(n item) bool { return matches(goldNames, n.Text) })
	if dialogue < 0 {
		t.Fatalf("the dialogue %v is not among the neighbours %+v", goldNames, nodes)
	}
	if n := browsertest.Read[int](t, ctx, "count the canvases", `document.querySelectorAll('#graph canvas').length`); n == 0 {
		t.Error("no canvas in #graph: the neighbourhood was not drawn")
	}
	timeline := browsertest.Read[[]string](t, ctx, "read the timeline", `[...document.querySelectorAll('#timeline button')].map(b => b.textContent)`)
	if !slices.ContainsFunc(timeline, func(name string) bool { return matches(goldNames, name) }) {
		t.Errorf("the dialogue %v is not on the agency's timeline %q", goldNames, timeline)
	}

	// The relation between the two, from the keyboard-reachable edge list.
	edges := browsertest.Read[[]item](t, ctx, "read the relation list",
		`[...document.querySelectorAll('#edge-list button')].map(b => ({id: b.dataset.id, text: b.textContent}))`)
	agencyName := browsertest.Read[string](t, ctx, "read the agency's name", `document.querySelector('#details-body h3').textContent`)
	edge := slices.IndexFunc(edges, func(e item) bool {
		return strings.HasPrefix(e.Text, agencyName+" ATTENDED ") && strings.HasSuffix(e.Text, " "+nodes[dialogue].Text)
	})
	if edge < 0 {
		t.Fatalf("no %q ATTENDED %q among the relations %+v", agencyName, nodes[dialogue].Text, edges)
	}
	button := css(`#edge-list button[data-id="` + edges[edge].ID + `"]`)

	// Click the edge where the drawing put it.
	at := edgeAt(t, ctx, edges[edge].ID)
	browsertest.Do(t, ctx, "click the edge", chromedp.MouseClickXY(at.X, at.Y), chromedp.WaitVisible(css(`#details-body .evidence blockquote`)))
	if h := browsertest.Read[string](t, ctx, "read the details' heading", `document.querySelector('#details-body h3').textContent`); h != edges[edge].Text {
		t.Fatalf("clicking the edge at (%.0f, %.0f) opened %q, want %q", at.X, at.Y, h, edges[edge].Text)
	}

	shown := browsertest.Read[[]string](t, ctx, "read the evidence",
		`[...document.querySelectorAll('#details-body .evidence blockquote')].map(q => q.textContent)`)
	var want struct {
		Relations struct {
			Edges []struct {
				Node struct{ Evidence []struct{ Sentence string } }
			}
		}
	}
	body, _ := json.Marshal(map[string]any{
		"query":     `query($s: ID!, $o: ID!) { relations(filter: {subject: $s, object: $o, type: [ATTENDED]}) { edges { node { evidence { sentence } } } } }`,
		"variables": map[string]string{"s": agencyID, "o": nodes[dialogue].ID},
	})
	r := postGraphQL(t, s.url, string(body))
	if len(r.Errors) > 0 || json.Unmarshal(r.Data, &want) != nil || len(want.Relations.Edges) != 1 {
		t.Fatalf("the relation through the API: %+v %s", r.Errors, r.Data)
	}
	for _, ev := range want.Relations.Edges[0].Node.Evidence {
		if !slices.Contains(shown, ev.Sentence) {
			t.Errorf("evidence sentence %q is not on the page, which shows %q", ev.Sentence, shown)
		}
	}
	// The sentence a reader needs: one naming the agency, quoted from a
	// corpus document as it stands.
	if !slices.ContainsFunc(shown, func(s string) bool {
		return slices.ContainsFunc(agencyNames, func(n string) bool { return strings.Contains(s, n) })
	}) {
		t.Errorf("no evidence sentence on the page names the agency %q: %q", agencyNames, shown)
	}
	for _, sentence := range shown {
		if !strings.Contains(docs, squash(sentence)) {
			t.Errorf("evidence %q is not a sentence of the corpus", sentence)
		}
	}
	type source struct{ Document, Text string }
	sources := browsertest.Read[[]source](t, ctx, "read the evidence's sources",
		`[...document.querySelectorAll('#details-body .evidence .source')].map(p => ({document: p.querySelector('strong').textContent, text: p.textContent}))`)
	if len(sources) != len(shown) {
		t.Errorf("%d sources for %d sentences", len(sources), len(shown))
	}
	for _, src := range sources {
		if strings.TrimSpace(src.Document) == "" || !regexp.MustCompile(`confidence \d+%`).MatchString(src.Text) {
			t.Errorf("evidence source %q lacks its document or confidence", src.Text)
		}
	}

	// The query behind the view runs as it is shown and answers the same
	// neighbourhood.
	browsertest.Do(t, ctx, "show the view's query", chromedp.Click(css(`#query-details summary`)))
	query := browsertest.Read[string](t, ctx, "read the view's query", `document.querySelector('#query-text').textContent`)
	body, _ = json.Marshal(map[string]string{"query": query})
	r = postGraphQL(t, s.url, string(body))
	if len(r.Errors) > 0 {
		t.Fatalf("the view's query fails: %+v\n%s", r.Errors, query)
	}
	var view struct {
		Centre struct{ Nodes []struct{ ID string } }
	}
	if err := json.Unmarshal(r.Data, &view); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(view.Centre.Nodes, func(n struct{ ID string }) bool { return n.ID == nodes[dialogue].ID }) {
		t.Errorf("the view's query's neighbourhood lacks %s:\n%s", nodes[dialogue].ID, query)
	}

	t.Run("the relation list works from the keyboard", func(t *testing.T) {
		other := (edge + 1) % len(edges)
		heading := func(want string) chromedp.Action[chromedp.Void] {
			w, _ := json.Marshal(want)
			return browsertest.Until(`document.querySelector('#details-body h3')?.textContent === ` + string(w) +
				` && document.querySelector('#details-body .evidence blockquote') !== null`)
		}
		browsertest.Do(t, ctx, "Enter on another relation", chromedp.Focus(css(`#edge-list button[data-id="`+edges[other].ID+`"]`)),
			chromedp.KeyEvent(kb.Enter), heading(edges[other].Text))
		browsertest.Do(t, ctx, "Enter on the agency's relation", chromedp.Focus(button), chromedp.KeyEvent(kb.Enter), heading(edges[edge].Text))
		// Where the keyboard is must show.
		focus := browsertest.Read[string](t, ctx, "read the focus style", `(() => {
			const el = document.activeElement, st = getComputedStyle(el);
			return el.dataset.id + ' ' + st.outlineStyle + ' ' + st.outlineWidth;
		})()`)
		if want := edges[edge].ID + " solid 3px"; focus != want {
			t.Errorf("focused element and its outline: %q, want %q", focus, want)
		}
	})

	count := func(t *testing.T, list string) int {
		t.Helper()
		return browsertest.Read[int](t, ctx, "count "+list, `document.querySelectorAll('#`+list+` button').length`)
	}

	t.Run("Enter on a neighbour expands it", func(t *testing.T) {
		before := count(t, "node-list")
		node := css(`#node-list button[data-id="` + nodes[dialogue].ID + `"]`)
		browsertest.Do(t, ctx, "expand the dialogue", chromedp.Focus(node), chromedp.KeyEvent(kb.Enter),
			browsertest.Until(`document.querySelectorAll('#node-list button').length > `+strconv.Itoa(before)))
		if q := browsertest.Read[string](t, ctx, "read the query", `document.querySelector('#query-text').textContent`); !strings.Contains(q, "x0: neighborhood(") {
			t.Errorf("the view's query lacks the expansion:\n%s", q)
		}
	})

	t.Run("a date range after the dialogue hides its relations", func(t *testing.T) {
		before := count(t, "edge-list")
		browsertest.Do(t, ctx, "set From past every document", chromedp.SendKeys(css(`#from`), "2099"), chromedp.KeyEvent(kb.Tab),
			chromedp.WaitNotPresent(button), chromedp.WaitNotPresent(css(`#timeline li`)))
		if after := count(t, "edge-list"); after >= before {
			t.Errorf("%d relations with From 2099, %d without", after, before)
		}
		browsertest.Do(t, ctx, "clear From", chromedp.Focus(css(`#from`)), chromedp.KeyEvent(strings.Repeat(kb.Backspace, 4)+kb.Tab),
			chromedp.WaitVisible(button), chromedp.WaitVisible(css(`#timeline li`)))
	})

	t.Run("Copy GraphQL query puts the view's query on the clipboard", func(t *testing.T) {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			grant := browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name},
				Setting:    browser.PermissionSettingGranted,
				Origin:     s.url,
			}
			if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, grant); err != nil {
				t.Fatalf("grant %s: %v", name, err)
			}
		}
		browsertest.Do(t, ctx, "click Copy GraphQL query", chromedp.Click(css(`#copy-query`)),
			browsertest.Until(`document.getElementById('status').textContent === 'GraphQL query copied.'`))
		copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("read the clipboard: %v", err)
		}
		if shown := browsertest.Read[string](t, ctx, "read the query", `document.querySelector('#query-text').textContent`); copied != shown {
			t.Errorf("copied:\n%s\nshown:\n%s", copied, shown)
		}
	})

	t.Run("filtering out ATTENDED drops the relation", func(t *testing.T) {
		browsertest.Do(t, ctx, "untick ATTENDED", chromedp.Click(css(`#type-boxes input[value="ATTENDED"]`)), chromedp.WaitNotPresent(button))
		q := browsertest.Read[string](t, ctx, "read the query", `document.querySelector('#query-text').textContent`)
		if strings.Contains(q, "ATTENDED") || !strings.Contains(q, "types: [") {
			t.Errorf("the query does not follow the filter:\n%s", q)
		}
		browsertest.Do(t, ctx, "tick it again", chromedp.Click(css(`#type-boxes input[value="ATTENDED"]`)), chromedp.WaitVisible(button))
		browsertest.Do(t, ctx, "reopen the evidence", chromedp.Click(button), chromedp.WaitVisible(css(`#details-body .evidence blockquote`)))
	})

	// A fact an analyst states by hand has a note for evidence and no
	// document: the page must show it as a note, not fail on it.
	t.Run("a search finds documents by their text and opens their facts", func(t *testing.T) {
		browsertest.Do(t, ctx, "search for a word of the documents", browsertest.Until(`(document.querySelector('#search').value = '') === ''`), chromedp.Click(css(`#search`)),
			chromedp.SendKeys(css(`#search`), "ransomware"), chromedp.WaitVisible(css(`#search-results li.document`)))
		snippet := browsertest.Read[string](t, ctx, "read the document hit", `document.querySelector('#search-results li.document .snippet').textContent`)
		if !strings.Contains(strings.ToLower(snippet), "ransomware") {
			t.Errorf("the document hit shows %q, not the passage with the word", snippet)
		}
		browsertest.Do(t, ctx, "open the document", chromedp.Click(css(`#search-results li.document`)),
			chromedp.WaitVisible(css(`#details-body .facts button`)))
		screenshot(t, ctx, filepath.Join(artifacts, "explore-document.png"), chromedp.CaptureScreenshot())
		if text := browsertest.Read[string](t, ctx, "read the details", `document.querySelector('#details-body').textContent`); !strings.Contains(text, "Facts it supports") || !strings.Contains(text, snippet) {
			t.Errorf("the document's details read %q; want its facts and the passage matched", text)
		}
		end := browsertest.Read[string](t, ctx, "read a fact's first end", `document.querySelector('#details-body .facts button').textContent`)
		browsertest.Do(t, ctx, "open that entity", chromedp.Click(css(`#details-body .facts button`)),
			browsertest.Until(`document.querySelector('#details-body h3').textContent === `+strconv.Quote(end)+` && document.querySelectorAll('#node-list button').length > 0`))
	})

	t.Run("an analyst's assertion shows its note", func(t *testing.T) {
		eventID, eventName := unattendedEvent(t, s.url, agencyID)
		note := "Analyst's assessment: " + agencyName + " sent an observer to " + eventName + " (delegation list, not in the corpus)."
		body, _ := json.Marshal(map[string]any{
			"query": `mutation($s: ID!, $o: ID!, $note: String!) {
				assertRelation(input: {subject: $s, type: ATTENDED, object: $o, note: $note}) {
					id evidence { sentence extractor confidence document { id } }
				}
			}`,
			"variables": map[string]string{"s": agencyID, "o": eventID, "note": note},
		})
		r := postGraphQL(t, s.url, string(body))
		var asserted struct {
			AssertRelation struct {
				ID       string
				Evidence []struct {
					Sentence, Extractor string
					Confidence          float64
					Document            *struct{ ID string }
				}
			}
		}
		if len(r.Errors) > 0 || json.Unmarshal(r.Data, &asserted) != nil {
			t.Fatalf("assertRelation: %+v %s", r.Errors, r.Data)
		}
		rel := asserted.AssertRelation
		if len(rel.Evidence) != 1 || rel.Evidence[0].Document != nil || rel.Evidence[0].Sentence != note {
			t.Fatalf("assertRelation's evidence is %+v, want the note alone with no document", rel.Evidence)
		}

		// Open the agency afresh, as an analyst would after asserting.
		view := (url.Values{"id": {agencyID}}).Encode()
		edgeButton := css(`#edge-list button[data-id="` + rel.ID + `"]`)
		browsertest.Do(t, ctx, "open the agency again", chromedp.Navigate("about:blank"), chromedp.Navigate(s.url+"/explore/#"+view),
			chromedp.WaitVisible(css(`body[data-ready="true"]`)), chromedp.WaitVisible(edgeButton))
		text := browsertest.Read[string](t, ctx, "read the asserted relation", `document.querySelector('#edge-list button[data-id="`+rel.ID+`"]').textContent`)
		if want := agencyName + " ATTENDED " + eventName; text != want {
			t.Errorf("the asserted relation is listed as %q, want %q", text, want)
		}
		at := edgeAt(t, ctx, rel.ID)
		browsertest.Do(t, ctx, "click the asserted edge", chromedp.MouseClickXY(at.X, at.Y), chromedp.WaitVisible(css(`#details-body .evidence li.note`)))
		if h := browsertest.Read[string](t, ctx, "read the details' heading", `document.querySelector('#details-body h3').textContent`); h != text {
			t.Fatalf("clicking the edge at (%.0f, %.0f) opened %q, want %q", at.X, at.Y, h, text)
		}

		type shownEvidence struct {
			Note, Label, Source string
			Links               int
		}
		items := browsertest.Read[[]shownEvidence](t, ctx, "read the evidence", `[...document.querySelectorAll('#details-body .evidence li')].map(li => ({
			note: li.classList.contains('note') ? li.querySelector('blockquote').textContent : '',
			label: li.querySelector('.source strong').textContent,
			source: li.querySelector('.source').textContent,
			links: li.querySelectorAll('a').length,
		}))`)
		want := fmt.Sprintf("confidence %d%%", int(math.Round(rel.Evidence[0].Confidence*100)))
		if len(items) != 1 {
			t.Fatalf("%d pieces of evidence on the page, want the one note: %+v", len(items), items)
		}
		got := items[0]
		if got.Note != note || got.Label != "Analyst note" || !strings.Contains(got.Source, want) || got.Links != 0 ||
			strings.Contains(got.Source, "source:") {
			t.Errorf("the note is shown as %+v, want %q labelled Analyst note with %q and no document", got, note, want)
		}
		if msg := browsertest.Read[string](t, ctx, "read the error", `document.getElementById('error').hidden ? '' : document.getElementById('error').textContent`); msg != "" {
			t.Errorf("the page shows an error: %s", msg)
		}
		if st := browsertest.Read[string](t, ctx, "read the status", `document.getElementById('status').textContent`); !strings.HasSuffix(st, ": 1 analyst note.") {
			t.Errorf("status %q does not count the analyst note", st)
		}
		screenshot(t, ctx, filepath.Join(artifacts, "explore-analyst-note.png"), chromedp.CaptureScreenshot())

		// Retracted, the fact leaves the drawing (the API hides it).
		body, _ = json.Marshal(map[string]any{
			"query":     `mutation($id: ID!) { retractRelation(id: $id, reason: "test: withdrawn") { retracted { reason } } }`,
			"variables": map[string]string{"id": rel.ID},
		})
		if r := postGraphQL(t, s.url, string(body)); len(r.Errors) > 0 {
			t.Fatalf("retractRelation: %+v", r.Errors)
		}
		browsertest.Do(t, ctx, "open the agency once more", chromedp.Navigate("about:blank"), chromedp.Navigate(s.url+"/explore/#"+view),
			chromedp.WaitVisible(css(`body[data-ready="true"]`)), chromedp.WaitVisible(button))
		if n := browsertest.Read[int](t, ctx, "look for the retracted relation", `document.querySelectorAll('#edge-list button[data-id="`+rel.ID+`"]').length`); n != 0 {
			t.Errorf("the retracted relation %s is still listed", rel.ID)
		}
		// Leave the document evidence open for the screenshot.
		browsertest.Do(t, ctx, "reopen the evidence", chromedp.Click(button), chromedp.WaitVisible(css(`#details-body .evidence blockquote`)))
	})
}

type point struct{ X, Y float64 }

// edgeAt returns where on the page to click the edge id of the drawing.
// The layout is random: it takes the first point along the edge where
// nothing else is drawn over it, as a person would aim.
func edgeAt(t *testing.T, ctx context.Context, id string) point {
	t.Helper()
	js, _ := json.Marshal(id)
	return browsertest.Read[point](t, ctx, "find the edge in the drawing", `(() => {
		const g = document.getElementById('graph'), cy = g.cy, e = cy.getElementById(`+string(js)+`);
		const a = e.sourceEndpoint(), b = e.targetEndpoint(), z = cy.zoom(), pan = cy.pan();
		const r = g.getBoundingClientRect();
		let best = e.midpoint();
		for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
			const p = {x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f};
			const hit = cy.renderer().findNearestElement(p.x, p.y, true, false);
			if (hit && hit.id() === e.id()) { best = p; break; }
		}
		return {x: r.left + best.x * z + pan.x, y: r.top + best.y * z + pan.y};
	})()`)
}

// unattendedEvent returns an event of the corpus that entity has no
// ATTENDED relation to, so asserting one makes a fact of a note alone.
func unattendedEvent(t *testing.T, base, entity string) (id, name string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"query": `query($e: ID!) {
			events(first: 200) { edges { node { id name } } }
			relations(filter: {subject: $e, type: [ATTENDED], includeRetracted: true}, first: 500) { edges { node { object { id } } } }
		}`,
		"variables": map[string]string{"e": entity},
	})
	r := postGraphQL(t, base, string(body))
	var data struct {
		Events struct {
			Edges []struct{ Node struct{ ID, Name string } }
		}
		Relations struct {
			Edges []struct {
				Node struct{ Object struct{ ID string } }
			}
		}
	}
	if len(r.Errors) > 0 || json.Unmarshal(r.Data, &data) != nil {
		t.Fatalf("events and %s's ATTENDED relations: %+v %s", entity, r.Errors, r.Data)
	}
	attended := map[string]bool{}
	for _, e := range data.Relations.Edges {
		attended[e.Node.Object.ID] = true
	}
	for _, e := range data.Events.Edges {
		if !attended[e.Node.ID] {
			return e.Node.ID, e.Node.Name
		}
	}
	t.Fatalf("%s attended every one of the corpus's %d events", entity, len(data.Events.Edges))
	return "", ""
}

// screenshot saves what capture takes as a test artifact.
func screenshot(t *testing.T, ctx context.Context, path string, capture chromedp.Action[[]byte]) {
	t.Helper()
	png, err := chromedp.Run(ctx, capture)
	if err != nil {
		t.Errorf("screenshot %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Errorf("save screenshot: %v", err)
		return
	}
	t.Logf("screenshot: %s", path)
}

// goldNamed returns the name and aliases of the gold entity called name,
// in any of the corpus's gold annotations.
func goldNamed(t *testing.T, name string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpus, "gold", "*.json"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Entities []struct {
				Name    string
				Aliases []string
			}
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, e := range g.Entities {
			if names := append([]string{e.Name}, e.Aliases...); matches(names, name) {
				return names
			}
		}
	}
	t.Fatalf("no gold entity is called %q", name)
	return nil
}

// corpusText is every corpus document with its whitespace squashed, to
// find sentences in whatever way the text was wrapped.
func corpusText(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus documents in %s: %v", corpus, err)
	}
	var b strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(squash(string(raw)))
		b.WriteString("\n")
	}
	return b.String()
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
