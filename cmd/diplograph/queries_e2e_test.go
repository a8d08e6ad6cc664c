package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
)

// queriesDir holds one example per question a user asks; the README links it.
const queriesDir = "../../docs/queries"

const (
	nukibID      = "organization:national-cyber-and-information-security-agency"
	pavelID      = "person:pavel-stepanik"
	cyberDialog  = "event:united-states-czech-republic-cyber-dialogue"
	unitedStates = "country:united-states"
)

type node struct {
	ID, Name, Type string
	Kind           *string
	Aliases        []string
}

type evidence struct {
	Sentence   string
	Start, End int
	Extractor  string
	Document   *struct {
		ID    string
		Title *string
		Date  *string
	}
}

type edge struct {
	ID        string
	Type      string
	Title     *string
	Subject   node
	Object    node
	FirstSeen *string
	Evidence  []evidence
	Retracted *struct{ Reason, At string }
}

// decode reads data into a value of type T, failing the test if it cannot.
func decode[T any](t *testing.T, data json.RawMessage) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("answer does not have the expected shape: %v\n%s", err, data)
	}
	return v
}

func names(ns []node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Name
	}
	return out
}

// named matches an entity called name, by its name or an alias, ignoring
// case and diacritics, as ONTOLOGY.md matches entities.
func named(name string) func(node) bool {
	return func(n node) bool {
		return slices.ContainsFunc(append([]string{n.Name}, n.Aliases...), func(s string) bool {
			return schema.Normalize(s) == schema.Normalize(name)
		})
	}
}

func ids(ns []node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// TestExampleQueries starts the binary on the corpus and runs every file
// of docs/queries, in the order of the table below (read-only questions
// first, then ingestion and curation, each checked by what follows), and
// checks each answer. A file without an entry fails the test. It then
// checks that the mutations were audited and that keys with too low a
// role are refused each of them.
func TestExampleQueries(t *testing.T) {
	data := t.TempDir()
	srv := startServeIn(t, data)
	corpusDocs, _ := filepath.Glob(filepath.Join(corpus, "*.txt"))

	// The two versions document-versions ingests, which withdrawn-facts reads.
	var versioned struct{ original, corrected string }

	// Shared between steps: what ingest-document added, which
	// delete-document must remove.
	var ingested struct {
		doc       string
		relations []string
		entities  []string
	}

	steps := []struct {
		file  string
		check func(t *testing.T, data json.RawMessage)
	}{
		{"agencies-at-dialogues", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Events struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							ID, Name     string
							Date         *string
							Location     *node
							Participants []node
							Evidence     []evidence
						}
					}
				}
			}](t, data)
			if a.Events.TotalCount != len(a.Events.Edges) {
				t.Errorf("totalCount %d but %d edges on a page of 50", a.Events.TotalCount, len(a.Events.Edges))
			}
			found := false
			for _, e := range a.Events.Edges {
				n := e.Node
				for _, p := range n.Participants {
					if p.Type != "" && p.Type != "Organization" {
						t.Errorf("%s: participant %s is a %s, asked for organizations", n.Name, p.Name, p.Type)
					}
				}
				if n.ID != cyberDialog {
					continue
				}
				found = true
				if n.Date == nil || *n.Date != "2024-03-18" {
					t.Errorf("cyber dialogue date = %v, want 2024-03-18", n.Date)
				}
				for _, want := range []string{"NÚKIB", "Ministry of Justice", "Ministry of the Interior"} {
					if !slices.ContainsFunc(n.Participants, named(want)) {
						t.Errorf("cyber dialogue participants %v lack %s", names(n.Participants), want)
					}
				}
				// The sentence naming the agencies is among the evidence.
				if !slices.ContainsFunc(n.Evidence, func(ev evidence) bool { return strings.Contains(ev.Sentence, "Ministry of Justice") }) {
					t.Errorf("cyber dialogue evidence has no sentence naming the Ministry of Justice: %+v", n.Evidence)
				}
			}
			if !found {
				t.Errorf("no %s among the dialogues", cyberDialog)
			}
		}},
		{"who-met-whom-2023", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Relations struct {
					TotalCount int
					Edges      []struct{ Node edge }
				}
			}](t, data)
			found := false
			for _, e := range a.Relations.Edges {
				n := e.Node
				if len(n.Evidence) == 0 {
					t.Errorf("%s–%s has no evidence", n.Subject.Name, n.Object.Name)
				}
				in2023 := slices.ContainsFunc(n.Evidence, func(ev evidence) bool {
					return ev.Document != nil && ev.Document.Date != nil && strings.HasPrefix(*ev.Document.Date, "2023")
				})
				if !in2023 {
					t.Errorf("%s–%s: no evidence from a 2023 document", n.Subject.Name, n.Object.Name)
				}
				pair := []string{n.Subject.Name, n.Object.Name}
				if slices.Contains(pair, "Jan Lipavský") && slices.Contains(pair, "Antony J. Blinken") {
					found = true
					if !slices.ContainsFunc(n.Evidence, func(ev evidence) bool { return strings.Contains(ev.Sentence, "Blinken") }) {
						t.Errorf("Lipavský–Blinken evidence does not name Blinken: %+v", n.Evidence)
					}
				}
				if slices.Contains(pair, "Mike Pompeo") {
					t.Errorf("Pompeo's 2020 meetings are listed for 2023: %v", pair)
				}
			}
			if !found {
				t.Errorf("Jan Lipavský's meeting with Antony J. Blinken is missing from 2023's meetings")
			}
		}},
		{"person-positions", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Entity struct {
					Name      string
					Relations []edge
				}
			}](t, data)
			if a.Entity.Name != "Pavel Štěpáník" {
				t.Errorf("name = %q", a.Entity.Name)
			}
			ok := slices.ContainsFunc(a.Entity.Relations, func(r edge) bool {
				return r.Object.ID == nukibID && r.Title != nil && *r.Title == "Deputy Director" &&
					slices.ContainsFunc(r.Evidence, func(ev evidence) bool { return strings.Contains(ev.Sentence, "Štěpáník") })
			})
			if !ok {
				t.Errorf("no Deputy Director of NÚKIB with a sentence naming him: %+v", a.Entity.Relations)
			}
		}},
		{"entity-timeline", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Timeline []struct {
					ID   string
					Date *string
				}
			}](t, data)
			if !slices.ContainsFunc(a.Timeline, func(e struct {
				ID   string
				Date *string
			}) bool {
				return e.ID == cyberDialog && e.Date != nil && *e.Date == "2024-03-18"
			}) {
				t.Errorf("NÚKIB's timeline lacks the cyber dialogue of 2024-03-18: %+v", a.Timeline)
			}
			var dates []string
			undated := false
			for _, e := range a.Timeline {
				switch {
				case e.Date == nil:
					undated = true
				case undated:
					t.Errorf("dated event %s after an undated one", e.ID)
				default:
					dates = append(dates, *e.Date)
				}
			}
			if !slices.IsSorted(dates) {
				t.Errorf("timeline dates out of order: %v", dates)
			}
		}},
		{"neighborhood-nukib", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Neighborhood struct {
					Truncated bool
					Nodes     []node
					Edges     []edge
				}
			}](t, data)
			n := a.Neighborhood
			got := ids(n.Nodes)
			for _, want := range []string{nukibID, pavelID, cyberDialog, "country:czech-republic"} {
				if !slices.Contains(got, want) {
					t.Errorf("neighborhood nodes %v lack %s", got, want)
				}
			}
			for _, e := range n.Edges {
				if !slices.Contains(got, e.Subject.ID) || !slices.Contains(got, e.Object.ID) {
					t.Errorf("edge %s %s→%s leaves the drawn nodes", e.Type, e.Subject.ID, e.Object.ID)
				}
			}
			if len(n.Edges) < len(n.Nodes)-1 || n.Truncated {
				t.Errorf("%d nodes, %d edges, truncated %v: every neighbor needs an edge, and 100 nodes is plenty", len(n.Nodes), len(n.Edges), n.Truncated)
			}
		}},
		{"path-between", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Path *struct {
					Length int
					Nodes  []node
					Edges  []edge
				}
			}](t, data)
			p := a.Path
			if p == nil {
				t.Fatal("no path from Pavel Štěpáník to the United States")
			}
			if p.Length != len(p.Edges) || len(p.Nodes) != p.Length+1 || p.Length > 4 {
				t.Fatalf("length %d, %d edges, %d nodes", p.Length, len(p.Edges), len(p.Nodes))
			}
			if p.Nodes[0].ID != pavelID || p.Nodes[len(p.Nodes)-1].ID != unitedStates {
				t.Errorf("path runs %s … %s", p.Nodes[0].ID, p.Nodes[len(p.Nodes)-1].ID)
			}
			for i, e := range p.Edges {
				ends := []string{e.Subject.Name, e.Object.Name}
				if !slices.Contains(ends, p.Nodes[i].Name) || !slices.Contains(ends, p.Nodes[i+1].Name) {
					t.Errorf("hop %d (%v) does not join %s and %s", i, ends, p.Nodes[i].Name, p.Nodes[i+1].Name)
				}
				if len(e.Evidence) == 0 {
					t.Errorf("hop %d has no evidence", i)
				}
			}
		}},
		{"relations-by-type", func(t *testing.T, data json.RawMessage) {
			type conn struct {
				TotalCount int
				Edges      []struct{ Cursor string }
				PageInfo   struct{ HasNextPage bool }
			}
			a := decode[struct {
				Stats struct {
					Relations []struct {
						Type  string
						Count int
					}
				}
				Attended, Signed conn
			}](t, data)
			counts := map[string]int{}
			for _, c := range a.Stats.Relations {
				counts[c.Type] = c.Count
			}
			for typ, c := range map[string]conn{"ATTENDED": a.Attended, "SIGNED": a.Signed} {
				if c.TotalCount != counts[typ] || c.TotalCount == 0 {
					t.Errorf("%s: listing says %d, stats %d", typ, c.TotalCount, counts[typ])
				}
				if len(c.Edges) != min(5, c.TotalCount) || c.PageInfo.HasNextPage != (c.TotalCount > 5) {
					t.Errorf("%s: %d edges, hasNextPage %v for %d facts", typ, len(c.Edges), c.PageInfo.HasNextPage, c.TotalCount)
				}
			}
		}},
		{"stats", func(t *testing.T, data json.RawMessage) {
			type count struct {
				Kind, Period *string
				Count        int
			}
			a := decode[struct {
				Stats struct {
					Entities []struct {
						Type  string
						Count int
						Kinds []count
					}
					EventsPerYear []struct {
						Period string
						Count  int
					}
					TopEntities []struct {
						Degree int
						Entity node
					}
				}
			}](t, data)
			for _, e := range a.Stats.Entities {
				sum := 0
				for _, k := range e.Kinds {
					sum += k.Count
				}
				if len(e.Kinds) > 0 && sum != e.Count {
					t.Errorf("%s: kinds add up to %d of %d", e.Type, sum, e.Count)
				}
				if e.Type == "Document" && e.Count != len(corpusDocs) {
					t.Errorf("%d documents, the corpus has %d", e.Count, len(corpusDocs))
				}
			}
			years := map[string]int{}
			for _, y := range a.Stats.EventsPerYear {
				years[y.Period] = y.Count
			}
			if years["2023"] == 0 || years["2024"] == 0 {
				t.Errorf("events per year %v lack 2023 or 2024", years)
			}
			top := a.Stats.TopEntities
			if len(top) == 0 || len(top) > 5 || !slices.IsSortedFunc(top, func(x, y struct {
				Degree int
				Entity node
			}) int {
				return y.Degree - x.Degree
			}) {
				t.Errorf("top entities not 1–5 by degree: %+v", top)
			}
		}},
		{"search-typo-prefix", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Search []struct{ Entity node }
			}](t, data)
			if len(a.Search) == 0 || a.Search[0].Entity.ID != nukibID {
				t.Errorf("\"nuki\" does not find NÚKIB first: %+v", a.Search)
			}
		}},
		{"search-typos", func(t *testing.T, data json.RawMessage) {
			type hit struct {
				Reason string
				Score  float64
				Entity node
			}
			a := decode[struct{ Lipavsky, Pompeo []hit }](t, data)
			for _, tt := range []struct {
				hits []hit
				name string
			}{{a.Lipavsky, "Lipavský"}, {a.Pompeo, "Pompeo"}} {
				i := slices.IndexFunc(tt.hits, func(h hit) bool {
					return strings.Contains(schema.Normalize(h.Entity.Name), schema.Normalize(tt.name)) && h.Entity.Type == "Person"
				})
				if i < 0 || tt.hits[i].Reason != "FUZZY" || tt.hits[i].Score <= 0 || tt.hits[i].Score >= 1 {
					t.Errorf("a typo of %s does not find the person, FUZZY and scored below 1: %+v", tt.name, tt.hits)
				}
			}
		}},
		{"entity-by-name", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Entity   node
				Entities struct {
					TotalCount int
					Edges      []struct{ Node node }
				}
			}](t, data)
			if a.Entity.ID != nukibID {
				t.Errorf("entity(name: nukib) = %+v, want %s", a.Entity, nukibID)
			}
			var got []string
			for _, e := range a.Entities.Edges {
				got = append(got, e.Node.ID)
			}
			if a.Entities.TotalCount != 2 || !slices.Contains(got, nukibID) || !slices.Contains(got, "country:czech-republic") {
				t.Errorf("entities(names:) = %d %q, want the country and the agency", a.Entities.TotalCount, got)
			}
		}},
		{"stats-buckets", func(t *testing.T, data json.RawMessage) {
			type bucket struct {
				Kind, Type, Period *string
				Country            *node
				Count              int
			}
			a := decode[struct {
				EventsPerYearByKind, EventsPerCountryPerQuarter, PositionsPerYear struct{ Buckets []bucket }
			}](t, data)
			// The buckets by kind and year add up to the events per year.
			years := map[string]int{}
			for _, b := range a.EventsPerYearByKind.Buckets {
				if b.Period == nil || len(*b.Period) != 4 || b.Count <= 0 {
					t.Errorf("bucket by kind and year %+v", b)
					continue
				}
				years[*b.Period] += b.Count
			}
			body, _ := json.Marshal(map[string]string{"query": `{ stats { eventsPerYear { period count } } }`})
			r := postGraphQL(t, srv.url, string(body))
			per := decode[struct {
				Stats struct {
					EventsPerYear []struct {
						Period string
						Count  int
					}
				}
			}](t, r.Data)
			for _, y := range per.Stats.EventsPerYear {
				if years[y.Period] != y.Count {
					t.Errorf("%s: buckets by kind add up to %d, eventsPerYear says %d", y.Period, years[y.Period], y.Count)
				}
			}
			if len(per.Stats.EventsPerYear) == 0 {
				t.Error("no events per year to compare")
			}
			located := 0
			for _, b := range a.EventsPerCountryPerQuarter.Buckets {
				if b.Period == nil || !strings.Contains(*b.Period, "-Q") {
					t.Errorf("bucket by quarter %+v", b)
				}
				if b.Country != nil {
					located += b.Count
					if b.Country.Name == "" || !strings.HasPrefix(b.Country.ID, "country:") {
						t.Errorf("bucket's country %+v", b.Country)
					}
				}
			}
			if located == 0 {
				t.Error("no event of the corpus is counted in a country")
			}
			for _, b := range a.PositionsPerYear.Buckets {
				if b.Type == nil || *b.Type != "HOLDS_POSITION" || b.Count <= 0 {
					t.Errorf("bucket of positions %+v", b)
				}
			}
			if len(a.PositionsPerYear.Buckets) == 0 {
				t.Error("no HOLDS_POSITION facts counted by year")
			}
		}},
		{"search-documents", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Search []struct {
					Entity     *node
					Document   *struct{ ID, Filename string }
					Snippet    string
					Highlights []struct{ Start, End int }
					Score      float64
				}
			}](t, data)
			// Of the corpus, one statement speaks of ransomware.
			if len(a.Search) != 1 || a.Search[0].Document == nil || a.Search[0].Entity != nil {
				t.Fatalf("search of documents for ransomware = %+v, want one document", a.Search)
			}
			h := a.Search[0]
			if h.Document.Filename != "001_4a3a77370a366731.txt" || !strings.Contains(h.Snippet, "We recognize ransomware as a serious") || h.Score <= 0 {
				t.Errorf("hit %+v, want 001_4a3a77370a366731.txt with the sentence on ransomware", h)
			}
			runes := []rune(h.Snippet)
			if len(h.Highlights) == 0 {
				t.Errorf("hit %+v highlights nothing", h)
			}
			for _, m := range h.Highlights {
				if m.Start < 0 || m.End > len(runes) || m.Start >= m.End || !strings.EqualFold(string(runes[m.Start:m.End]), "ransomware") {
					t.Errorf("highlight %+v of %q is not the word searched for", m, h.Snippet)
				}
			}
		}},
		{"documents-and-facts", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Documents struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							ID        string
							Date      *string
							Mentions  []node
							Relations struct {
								TotalCount int
								Edges      []struct{ Node edge }
							}
						}
					}
				}
			}](t, data)
			if a.Documents.TotalCount != len(corpusDocs) || len(a.Documents.Edges) != len(corpusDocs) {
				t.Errorf("%d documents (%d edges), the corpus has %d", a.Documents.TotalCount, len(a.Documents.Edges), len(corpusDocs))
			}
			var dates []string
			for _, e := range a.Documents.Edges {
				n := e.Node
				if n.Relations.TotalCount == 0 || len(n.Relations.Edges) == 0 {
					t.Errorf("%s supports no facts", n.ID)
				}
				if n.Date != nil {
					dates = append(dates, *n.Date)
					if *n.Date == "2024-03-18" && !slices.Contains(ids(n.Mentions), nukibID) {
						t.Errorf("the cyber dialogue's press release does not mention NÚKIB: %v", names(n.Mentions))
					}
				}
			}
			if !slices.IsSortedFunc(dates, func(x, y string) int { return strings.Compare(y, x) }) {
				t.Errorf("documents not newest first: %v", dates)
			}
		}},
		{"bodies-of-a-country", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Entities struct {
					Edges []struct{ Node node }
				}
			}](t, data)
			var got []node
			for _, e := range a.Entities.Edges {
				got = append(got, e.Node)
			}
			for _, want := range []string{"NÚKIB", "Ministry of Justice"} {
				if !slices.ContainsFunc(got, named(want)) {
					t.Errorf("Czech bodies %v lack %s", names(got), want)
				}
			}
			for _, not := range []string{"NATO", "U.S. Department of State"} {
				if slices.ContainsFunc(got, named(not)) {
					t.Errorf("Czech bodies include %s", not)
				}
			}
		}},
		{"events-attended-by", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Events struct {
					Edges []struct {
						Node struct {
							Name     string
							Date     *string
							Location *node
						}
					}
				}
			}](t, data)
			var dates []string
			found := false
			for _, e := range a.Events.Edges {
				n := e.Node
				if n.Date != nil {
					dates = append(dates, *n.Date)
				}
				if n.Date != nil && *n.Date == "2023-05-02" && n.Location != nil && n.Location.Name == "Washington" {
					found = true
				}
			}
			if !found {
				t.Errorf("Lipavský's events lack the Strategic Dialogue in Washington on 2023-05-02: %s", data)
			}
			if !slices.IsSortedFunc(dates, func(x, y string) int { return strings.Compare(y, x) }) {
				t.Errorf("events not newest first: %v", dates)
			}
		}},
		{"who-signed-what", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Relations struct {
					Edges []struct{ Node edge }
				}
			}](t, data)
			found := false
			for _, e := range a.Relations.Edges {
				n := e.Node
				if len(n.Evidence) == 0 {
					t.Errorf("%s signed %s: no evidence", n.Subject.Name, n.Object.Name)
				}
				if strings.Contains(n.Object.Name, "Memorandum of Understanding on Cyber Defence") && n.Subject.Name == "Sorin Ducaru" {
					found = true
				}
			}
			if !found {
				t.Errorf("Sorin Ducaru's signature of the MoU on Cyber Defence is missing: %s", data)
			}
		}},
		{"events-planned", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Events struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							ID, Name   string
							Status     string
							StatusAsOf *string
						}
					}
				}
			}](t, data)
			if a.Events.TotalCount == 0 {
				t.Error("no planned event in the corpus")
			}
			for _, e := range a.Events.Edges {
				if e.Node.Status != "PLANNED" || e.Node.StatusAsOf == nil {
					t.Errorf("%s: status %q as of %v, want PLANNED as of its document's date", e.Node.ID, e.Node.Status, e.Node.StatusAsOf)
				}
			}
		}},
		{"who-holds-post", func(t *testing.T, data json.RawMessage) {
			type post struct {
				Subject node
				Title   string
				Tense   string
			}
			a := decode[struct{ Now, In2021 []post }](t, data)
			if len(a.Now) == 0 || !named("Jan Lipavský")(a.Now[0].Subject) {
				t.Errorf("foreign minister now = %+v, want Jan Lipavský first (the latest document)", a.Now)
			}
			if len(a.In2021) == 0 || slices.ContainsFunc(a.In2021, func(p post) bool { return named("Jan Lipavský")(p.Subject) }) {
				t.Errorf("foreign minister in 2021 = %+v, want the one the 2020 document names, not Lipavský (named only in 2023)", a.In2021)
			}
			for _, p := range append(a.Now, a.In2021...) {
				if p.Tense == "FORMER" || !strings.Contains(strings.ToLower(p.Title), "foreign minister") {
					t.Errorf("post %+v is not a held Foreign Minister post", p)
				}
			}
		}},
		{"posts-as-of", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Relations struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Subject   node
							Tense     string
							FirstSeen *string
						}
					}
				}
			}](t, data)
			if a.Relations.TotalCount == 0 {
				t.Error("no post current in 2021")
			}
			for _, e := range a.Relations.Edges {
				n := e.Node
				if n.Tense != "CURRENT" || n.FirstSeen == nil || *n.FirstSeen > "2021" {
					t.Errorf("%s: tense %s, first seen %v; want CURRENT and stated by 2021", n.Subject.Name, n.Tense, n.FirstSeen)
				}
			}
		}},
		{"entity-history", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Entity struct {
					Timeline []struct {
						Kind, Tense string
						Date        *string
					}
				}
			}](t, data)
			items := a.Entity.Timeline
			kinds := map[string]int{}
			last, undated := "", false
			for _, it := range items {
				kinds[it.Kind]++
				switch {
				case it.Date == nil:
					undated = true
				case undated || *it.Date < last:
					t.Errorf("timeline out of date order at %s %s", it.Kind, *it.Date)
				default:
					last = *it.Date
				}
				if it.Kind == "POST" && it.Tense == "" {
					t.Errorf("a post without its tense: %+v", it)
				}
			}
			if kinds["EVENT"] == 0 || kinds["POST"] == 0 || kinds["DOCUMENT"] == 0 {
				t.Errorf("timeline kinds %v, want events, posts and documents", kinds)
			}
		}},
		{"entity-history-as-of", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Entity struct {
					Timeline []struct {
						Kind  string
						Date  *string
						Event *node
					}
				}
			}](t, data)
			kinds := map[string]int{}
			for _, it := range a.Entity.Timeline {
				kinds[it.Kind]++
				if it.Kind != "EVENT" && it.Date == nil {
					t.Errorf("an undated %s as of 2023: undated documents are not known by a date", it.Kind)
				}
				if it.Date != nil && *it.Date > "2023-12-31" {
					t.Errorf("%s dated %s in the history as of 2023-12-31", it.Kind, *it.Date)
				}
				if it.Event != nil && strings.Contains(it.Event.Name, "Cyber Dialogue") {
					t.Errorf("the March 2024 cyber dialogue %q in the history as of 2023", it.Event.Name)
				}
			}
			if kinds["EVENT"] == 0 || kinds["DOCUMENT"] == 0 {
				t.Errorf("timeline as of 2023 kinds %v, want the events and documents known by then", kinds)
			}
		}},
		{"neighborhood-as-of", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Neighborhood struct {
					Nodes []node
					Edges []struct{ FirstSeen *string }
				}
			}](t, data)
			g := a.Neighborhood
			if len(g.Nodes) == 0 || g.Nodes[0].ID != nukibID {
				t.Errorf("nodes %v, want NÚKIB first", ids(g.Nodes))
			}
			if slices.Contains(ids(g.Nodes), cyberDialog) {
				t.Errorf("the 2024 cyber dialogue is in NÚKIB's 2023 neighbourhood: %v", ids(g.Nodes))
			}
			for _, e := range g.Edges {
				if e.FirstSeen == nil || *e.FirstSeen > "2023-12-31" {
					t.Errorf("an edge first seen %v is in the 2023 neighbourhood", e.FirstSeen)
				}
			}
		}},
		{"ingest-document", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				IngestDocument struct {
					Existed      bool
					Document     struct{ ID, Title, Date string }
					NewEntities  []node
					NewRelations []edge
					NewEvidence  int
				}
			}](t, data)
			r := a.IngestDocument
			if r.Existed || r.NewEvidence == 0 || len(r.NewEntities) == 0 || len(r.NewRelations) == 0 {
				t.Errorf("first ingest: existed %v, %d evidence, %d entities, %d relations; want new facts", r.Existed, r.NewEvidence, len(r.NewEntities), len(r.NewRelations))
			}
			if r.Document.Date != "2024-06-12" || !strings.HasPrefix(r.Document.Title, "Finnish-Czech") {
				t.Errorf("document %+v: the stated title and date are not kept", r.Document)
			}
			if !slices.Contains(names(r.NewEntities), "Elina Valtonen") {
				t.Errorf("new entities %v lack Elina Valtonen", names(r.NewEntities))
			}
			ingested.doc, ingested.entities = r.Document.ID, ids(r.NewEntities)
			for _, rel := range r.NewRelations {
				ingested.relations = append(ingested.relations, rel.ID)
			}
		}},
		{"ingest-document", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				IngestDocument struct {
					Existed      bool
					Document     struct{ ID string }
					NewEntities  []node
					NewRelations []edge
					NewEvidence  int
				}
			}](t, data)
			r := a.IngestDocument
			if !r.Existed || r.NewEvidence != 0 || len(r.NewEntities) != 0 || len(r.NewRelations) != 0 || r.Document.ID != ingested.doc {
				t.Errorf("second ingest of the same text: %+v; want existed and nothing new", r)
			}
		}},
		{"delete-document", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				DeleteDocument struct {
					Document         string
					RemovedEvidence  int
					RemovedRelations []string
					RemovedEntities  []string
				}
			}](t, data)
			d := a.DeleteDocument
			if d.Document != ingested.doc {
				t.Fatalf("deleted %s; ingest-document.graphql gave %s: put that id in delete-document.graphql", d.Document, ingested.doc)
			}
			for _, id := range ingested.relations {
				if !slices.Contains(d.RemovedRelations, id) {
					t.Errorf("relation %s, new with the document, was not removed with it: %v", id, d.RemovedRelations)
				}
			}
			for _, id := range ingested.entities {
				if !slices.Contains(d.RemovedEntities, id) {
					t.Errorf("entity %s, new with the document, was not removed with it: %v", id, d.RemovedEntities)
				}
			}
			if d.RemovedEvidence == 0 {
				t.Error("no evidence removed")
			}
		}},
		{"curate-merge-entities", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				MergeEntities struct {
					ID        string
					Aliases   []string
					Relations []edge
				}
			}](t, data)
			m := a.MergeEntities
			if m.ID != "event:2014-nato-summit" || !slices.Contains(m.Aliases, "2014 Wales Summit") {
				t.Errorf("kept %s with aliases %v; want the NATO summit known also as the Wales Summit", m.ID, m.Aliases)
			}
			if !slices.ContainsFunc(m.Relations, func(r edge) bool { return r.Type == "DISCUSSED" && r.Object.Name == "Ukraine" }) {
				t.Errorf("the Wales Summit's DISCUSSED Ukraine did not move to the kept event: %+v", m.Relations)
			}
		}},
		{"curate-add-alias", func(t *testing.T, data json.RawMessage) {
			a := decode[struct{ AddAlias node }](t, data)
			if a.AddAlias.ID != nukibID || !slices.Contains(a.AddAlias.Aliases, "Czech cyber security watchdog") || !slices.Contains(a.AddAlias.Aliases, "NÚKIB") {
				t.Errorf("aliases %v", a.AddAlias.Aliases)
			}
		}},
		{"curate-assert-relation", func(t *testing.T, data json.RawMessage) {
			a := decode[struct{ AssertRelation edge }](t, data)
			r := a.AssertRelation
			if r.Type != "ATTENDED" || r.Subject.Name != "Sorin Ducaru" || r.Object.Name != "2014 NATO Summit" {
				t.Errorf("asserted %+v", r)
			}
			if !slices.ContainsFunc(r.Evidence, func(ev evidence) bool {
				return ev.Extractor == "analyst" && ev.Document == nil && strings.HasPrefix(ev.Sentence, "As NATO Assistant Secretary General")
			}) {
				t.Errorf("the note is not the evidence: %+v", r.Evidence)
			}
		}},
		{"curate-retract-relation", func(t *testing.T, data json.RawMessage) {
			a := decode[struct{ RetractRelation edge }](t, data)
			r := a.RetractRelation
			if r.Type != "MET_WITH" || r.Retracted == nil || !strings.Contains(r.Retracted.Reason, "will meet") || r.Retracted.At == "" {
				t.Errorf("retracted %+v", r)
			}
		}},
		{"retracted-relations", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Standing struct{ TotalCount int }
				All      struct {
					TotalCount int
					Edges      []struct{ Node edge }
				}
			}](t, data)
			if a.All.TotalCount != a.Standing.TotalCount+1 {
				t.Errorf("%d MET_WITH with the retracted, %d without; want one retracted", a.All.TotalCount, a.Standing.TotalCount)
			}
			var retracted []edge
			for _, e := range a.All.Edges {
				if e.Node.Retracted != nil {
					retracted = append(retracted, e.Node)
				}
			}
			if len(retracted) != 1 || retracted[0].ID != "rel:d6123ddced1f9936aeab07e8" || !strings.Contains(retracted[0].Retracted.Reason, "will meet") {
				t.Errorf("retracted facts %+v; want the Babis–Pompeo meeting with its reason", retracted)
			}
		}},
		{"audit-log", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				AuditLog struct {
					Edges []struct {
						Node struct {
							At, Who, Operation, Variables, Result string
							Ok                                    bool
						}
					}
				}
			}](t, data)
			var ops []string
			for _, e := range a.AuditLog.Edges {
				ops = append(ops, e.Node.Operation)
				if e.Node.Operation == "retractRelation" && (!e.Node.Ok || !strings.Contains(e.Node.Variables+e.Node.Result, "d6123ddced1f9936aeab07e8")) {
					t.Errorf("retraction audited as %+v", e.Node)
				}
			}
			// Newest first: the curation of the steps above, in reverse.
			want := []string{"retractRelation", "assertRelation", "addAlias", "mergeEntities", "deleteDocument", "ingestDocument", "ingestDocument"}
			if len(ops) < len(want) || !slices.Equal(ops[:len(want)], want) {
				t.Errorf("audit log operations %v, want %v first", ops, want)
			}
		}},
		{"document-versions", func(t *testing.T, data json.RawMessage) {
			type version struct{ ID, Date string }
			a := decode[struct {
				Original  struct{ Document struct{ ID string } }
				Corrected struct {
					Document struct {
						ID, Date, Publisher, Source string
						Versions                    []version
					}
				}
			}](t, data)
			d := a.Corrected.Document
			want := []version{{d.ID, "2024-09-06"}, {a.Original.Document.ID, "2024-09-05"}}
			if !slices.Equal(d.Versions, want) || d.ID == a.Original.Document.ID {
				t.Errorf("versions %+v, want %+v (newest first)", d.Versions, want)
			}
			if d.Publisher != "Ministry of Foreign Affairs of the Czech Republic" || !strings.HasPrefix(d.Source, "https://") {
				t.Errorf("corrected document %+v: the stated publisher and source are not kept", d)
			}
			versioned.original, versioned.corrected = a.Original.Document.ID, d.ID
		}},
		{"withdrawn-facts", func(t *testing.T, data json.RawMessage) {
			a := decode[struct {
				Relations struct {
					Edges []struct {
						Node struct {
							Type            string
							Subject, Object node
							Withdrawn       *struct {
								By struct{ ID string }
								At string
							}
							Evidence  []evidence
							Documents []struct{ ID string }
						}
					}
				}
			}](t, data)
			found := false
			for _, e := range a.Relations.Edges {
				n := e.Node
				if n.Withdrawn == nil || n.Withdrawn.By.ID != versioned.corrected || n.Withdrawn.At != "2024-09-06" {
					t.Errorf("%s %s %s withdrawn = %+v, want by the corrected version", n.Subject.Name, n.Type, n.Object.Name, n.Withdrawn)
				}
				if n.Type == "MET_WITH" && (named("Petr Fiala")(n.Subject) || named("Petr Fiala")(n.Object)) {
					found = true
					if len(n.Evidence) == 0 || !strings.Contains(n.Evidence[0].Sentence, "Petr Fiala") || n.Evidence[0].Document.ID != versioned.original {
						t.Errorf("the withdrawn meeting's evidence %+v, want the original's sentence kept", n.Evidence)
					}
				}
				if slices.ContainsFunc(n.Documents, func(d struct{ ID string }) bool { return d.ID == versioned.corrected }) {
					t.Errorf("withdrawn %s %s %s is supported by the corrected version", n.Subject.Name, n.Type, n.Object.Name)
				}
			}
			if !found {
				t.Errorf("the meeting with Petr Fiala, dropped by the correction, is not withdrawn: %s", data)
			}
		}},
	}

	files, err := filepath.Glob(filepath.Join(queriesDir, "*.graphql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example queries in %s: %v", queriesDir, err)
	}
	checked := map[string]bool{}
	for _, s := range steps {
		checked[s.file] = true
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".graphql")
		if !checked[name] {
			t.Errorf("%s has no assertion in TestExampleQueries: add one", f)
		}
	}
	mutations := map[string]bool{}
	for _, s := range steps {
		t.Run(s.file, func(t *testing.T) {
			q, err := os.ReadFile(filepath.Join(queriesDir, s.file+".graphql"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(q, []byte("# ")) {
				t.Errorf("%s.graphql does not open with a comment stating its question", s.file)
			}
			if bytes.Contains(q, []byte("\nmutation ")) {
				mutations[s.file] = true
			}
			body, _ := json.Marshal(map[string]string{"query": string(q)})
			r := postGraphQL(t, srv.url, string(body))
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			s.check(t, r.Data)
		})
	}

	keys := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"keys"}, append(args, "--data", data)...)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("keys %v: %v\n%s", args, err, errb.String())
		}
		return out.String()
	}
	t.Run("mutations are audited", func(t *testing.T) {
		for _, op := range []string{"ingestDocument", "deleteDocument", "mergeEntities", "addAlias", "assertRelation", "retractRelation"} {
			if out := keys("audit", "--op", op); !strings.Contains(out, op) {
				t.Errorf("keys audit --op %s lists nothing:\n%s", op, out)
			}
		}
	})

	t.Run("roles", func(t *testing.T) {
		reader := strings.TrimSpace(keys("create", "--role", "reader", "--name", "dashboard"))
		curator := strings.TrimSpace(keys("create", "--role", "curator", "--name", "analyst"))
		for file := range mutations {
			q, _ := os.ReadFile(filepath.Join(queriesDir, file+".graphql"))
			body, _ := json.Marshal(map[string]string{"query": string(q)})
			for _, c := range []struct{ who, key, code string }{{"no key", "", "UNAUTHENTICATED"}, {"reader", reader, "FORBIDDEN"}} {
				_, got := post(t, srv.url+"/graphql", c.key, string(body))
				if !strings.Contains(got, `"code":"`+c.code+`"`) {
					t.Errorf("%s with %s: %s; want %s", file, c.who, got, c.code)
				}
			}
		}
		q, _ := os.ReadFile(filepath.Join(queriesDir, "audit-log.graphql"))
		body, _ := json.Marshal(map[string]string{"query": string(q)})
		for _, c := range []struct{ who, key string }{{"reader", reader}, {"curator", curator}} {
			if _, got := post(t, srv.url+"/graphql", c.key, string(body)); !strings.Contains(got, `"code":"FORBIDDEN"`) {
				t.Errorf("%s reads the audit log: %s; want FORBIDDEN", c.who, got)
			}
		}
		// A curator may curate: adding an alias it already has changes nothing and succeeds.
		q, _ = os.ReadFile(filepath.Join(queriesDir, "curate-add-alias.graphql"))
		body, _ = json.Marshal(map[string]string{"query": string(q)})
		if status, got := post(t, srv.url+"/graphql", curator, string(body)); status != 200 || strings.Contains(got, `"errors"`) {
			t.Errorf("curator adds an alias: %d %s", status, got)
		}
		if out := keys("audit", "--op", "retractRelation"); !strings.Contains(out, "denied") || !strings.Contains(out, "(dashboard)") {
			t.Errorf("the reader's refused retraction is not audited:\n%s", out)
		}
	})
}
