package graph_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/sqlite"
)

// agenciesAtDialogues is the query of issue 2, verbatim.
const agenciesAtDialogues = `query AgenciesAtDialogues {
  events(filter: {kind: DIALOGUE}, first: 50) {
    totalCount
    edges { cursor node {
      id name date kind
      location { name }
      participants(type: Organization) { id name kind }
      evidence { document { title } sentence }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

// openStore opens a fresh SQLite store in a temp folder.
func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// seed writes dialogues dialogues and meetings meetings, each from its own
// press release: an agency, a ministry (shared among events) and a person
// attend, and it is held at one of three venues.
func seed(t testing.TB, st store.Store, dialogues, meetings int) {
	t.Helper()
	ctx := context.Background()
	for i := range dialogues + meetings {
		kind, label := "DIALOGUE", "Dialogue"
		if i >= dialogues {
			kind, label = "MEETING", "Meeting"
		}
		date := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
		ev := store.Entity{Type: schema.Event, Kind: kind, Name: fmt.Sprintf("Cyber %s %03d", label, i), Date: date}
		venue := store.Entity{Type: schema.Location, Name: fmt.Sprintf("Venue %d", i%3)}
		agency := store.Entity{Type: schema.Organization, Kind: "GOVERNMENT", Name: fmt.Sprintf("Agency %03d", i), Aliases: []string{fmt.Sprintf("AG%03d", i)}}
		ministry := store.Entity{Type: schema.Organization, Kind: "GOVERNMENT", Name: fmt.Sprintf("Ministry %d", i%4)}
		person := store.Entity{Type: schema.Person, Name: fmt.Sprintf("Envoy %03d", i)}
		es := []store.Entity{ev, venue, agency, ministry, person}
		for j := range es {
			es[j].ID = store.EntityID(es[j].Type, es[j].Name)
		}
		var text strings.Builder
		var rels []store.Relation
		say := func(s store.Entity, rt schema.RelationType, o store.Entity, sentence string) {
			start := text.Len()
			text.WriteString(sentence)
			rels = append(rels, store.Relation{Type: rt, Subject: s.ID, Object: o.ID, Evidence: []store.Evidence{{
				Sentence: sentence, Start: start, End: text.Len(), Extractor: "test", Confidence: 0.9,
			}}})
			text.WriteString(" ")
		}
		say(es[0], schema.HeldIn, es[1], fmt.Sprintf("The %s took place at %s on %s.", ev.Name, venue.Name, date))
		say(es[2], schema.Attended, es[0], fmt.Sprintf("%s attended the %s.", agency.Name, ev.Name))
		say(es[3], schema.Attended, es[0], fmt.Sprintf("%s also attended.", ministry.Name))
		say(es[4], schema.Attended, es[0], fmt.Sprintf("%s led the delegation.", person.Name))
		b := store.Batch{
			Document: store.Document{
				Filename: fmt.Sprintf("release-%03d.txt", i), Title: fmt.Sprintf("Release %03d", i),
				Date: date, Kind: "PRESS_RELEASE", Source: "test", Text: text.String(),
			},
			Entities:  es,
			Relations: rels,
		}
		if _, err := st.WriteBatch(ctx, b); err != nil {
			t.Fatalf("seed WriteBatch(%d): %v", i, err)
		}
	}
}

type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	status int
}

func (r response) codes() []string {
	var cs []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		cs = append(cs, c)
	}
	return cs
}

// post sends body to /graphql and decodes the answer.
func post(t *testing.T, url string, body []byte) response {
	t.Helper()
	res, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("POST /graphql: answer is not JSON: %v\n%s", err, raw)
	}
	r.status = res.StatusCode
	return r
}

func query(t *testing.T, url, q string, vars map[string]any) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return post(t, url, body)
}

func serve(t testing.TB, st store.Store, o graph.Options) string {
	t.Helper()
	srv := httptest.NewServer(graph.NewHandler(st, o))
	t.Cleanup(srv.Close)
	return srv.URL
}

type eventsAnswer struct {
	Events struct {
		TotalCount int
		Edges      []struct {
			Cursor string
			Node   struct {
				ID, Name, Date, Kind string
				Location             *struct{ Name string }
				Participants         []struct{ ID, Name, Kind string }
				Evidence             []struct {
					Document struct{ Title string }
					Sentence string
				}
			}
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   string
		}
	}
}

func TestAgenciesAtDialogues(t *testing.T) {
	st := openStore(t)
	seed(t, st, 3, 2)
	url := serve(t, st, graph.Options{})

	r := query(t, url, agenciesAtDialogues, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("query errors: %+v", r.Errors)
	}
	var a eventsAnswer
	if err := json.Unmarshal(r.Data, &a); err != nil {
		t.Fatal(err)
	}
	ev := a.Events
	if ev.TotalCount != 3 || len(ev.Edges) != 3 || ev.PageInfo.HasNextPage {
		t.Fatalf("events = %d of %d (hasNext %v), want 3 of 3", len(ev.Edges), ev.TotalCount, ev.PageInfo.HasNextPage)
	}
	for i, e := range ev.Edges {
		n := e.Node
		t.Run(n.Name, func(t *testing.T) {
			if n.Kind != "DIALOGUE" {
				t.Errorf("kind = %q, want DIALOGUE", n.Kind)
			}
			if want := fmt.Sprintf("Venue %d", i%3); n.Location == nil || n.Location.Name != want {
				t.Errorf("location = %+v, want %s", n.Location, want)
			}
			var names []string
			for _, p := range n.Participants {
				if p.Kind != "GOVERNMENT" {
					t.Errorf("participant %s kind = %q, want GOVERNMENT", p.Name, p.Kind)
				}
				names = append(names, p.Name)
			}
			want := []string{fmt.Sprintf("Agency %03d", i), fmt.Sprintf("Ministry %d", i%4)}
			if fmt.Sprint(names) != fmt.Sprint(want) {
				t.Errorf("participants(type: Organization) = %v, want %v (no Person)", names, want)
			}
			if len(n.Evidence) != 4 {
				t.Errorf("evidence has %d sentences, want 4 (HELD_IN and three ATTENDED)", len(n.Evidence))
			}
			for _, evd := range n.Evidence {
				if want := fmt.Sprintf("Release %03d", i); evd.Document.Title != want {
					t.Errorf("evidence document = %q, want %q", evd.Document.Title, want)
				}
			}
			if e.Cursor == "" {
				t.Error("edge has no cursor")
			}
		})
	}
	if last := ev.Edges[len(ev.Edges)-1].Cursor; ev.PageInfo.EndCursor != last {
		t.Errorf("endCursor = %q, want the last edge's cursor %q", ev.PageInfo.EndCursor, last)
	}
}

// counting wraps a store and counts its calls by method.
type counting struct {
	store.Store
	mu    sync.Mutex
	calls map[string]int
	asked []string // the ids of every EntitiesByID call since the last reset
}

func (c *counting) count(m string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[m]++
}

func (c *counting) reset() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.calls
	c.calls, c.asked = map[string]int{}, nil
	return old
}

// askedEntities returns the ids EntitiesByID was asked for since the last
// reset.
func (c *counting) askedEntities() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.asked)
}

func (c *counting) Entity(ctx context.Context, id string) (store.Entity, error) {
	c.count("Entity")
	return c.Store.Entity(ctx, id)
}

func (c *counting) EntitiesByID(ctx context.Context, ids []string) ([]store.Entity, error) {
	c.count("EntitiesByID")
	c.mu.Lock()
	c.asked = append(c.asked, ids...)
	c.mu.Unlock()
	return c.Store.EntitiesByID(ctx, ids)
}

func (c *counting) Entities(ctx context.Context, f store.EntityFilter) (store.EntityPage, error) {
	c.count("Entities")
	return c.Store.Entities(ctx, f)
}

func (c *counting) Relations(ctx context.Context, f store.RelationFilter) (store.RelationPage, error) {
	c.count("Relations")
	return c.Store.Relations(ctx, f)
}

func (c *counting) Expand(ctx context.Context, e store.Expand) ([]store.Relation, error) {
	c.count("Expand")
	return c.Store.Expand(ctx, e)
}

func (c *counting) EvidenceFor(ctx context.Context, ids []string) (map[string][]store.Evidence, error) {
	c.count("EvidenceFor")
	return c.Store.EvidenceFor(ctx, ids)
}

func (c *counting) Document(ctx context.Context, id string) (store.Document, error) {
	c.count("Document")
	return c.Store.Document(ctx, id)
}

func (c *counting) DocumentsByID(ctx context.Context, ids []string) ([]store.Document, error) {
	c.count("DocumentsByID")
	return c.Store.DocumentsByID(ctx, ids)
}

func (c *counting) Documents(ctx context.Context, f store.DocumentFilter) (store.DocumentPage, error) {
	c.count("Documents")
	return c.Store.Documents(ctx, f)
}

func (c *counting) Mentions(ctx context.Context, ids []string) (map[string][]string, error) {
	c.count("Mentions")
	return c.Store.Mentions(ctx, ids)
}

// TestStoreCallsDoNotGrowWithEvents proves the loaders batch: fifty events
// with participants, location and evidence cost as many store calls as
// five, and a handful in all, not one per event.
func TestStoreCallsDoNotGrowWithEvents(t *testing.T) {
	// It counts store calls, which the plans' check (TestMain) doubles.
	t.Setenv(graph.PlanCheckEnv, "")
	st := openStore(t)
	seed(t, st, 50, 0)
	c := &counting{Store: st, calls: map[string]int{}}
	// A generous wait keeps a busy test machine from splitting a batch;
	// the assertion is about batching, not speed.
	url := serve(t, c, graph.Options{LoaderWait: 50 * time.Millisecond})

	// Each level of the query needs at most one call per method: events
	// (Entities), their relations (Expand), participants and locations
	// (EntitiesByID), evidence (EvidenceFor), its documents (DocumentsByID).
	const maxPerMethod, maxTotal = 2, 8
	for _, n := range []int{5, 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			c.reset()
			q := strings.Replace(agenciesAtDialogues, "first: 50", fmt.Sprintf("first: %d", n), 1)
			r := query(t, url, q, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("query errors: %+v", r.Errors)
			}
			var a eventsAnswer
			json.Unmarshal(r.Data, &a)
			if len(a.Events.Edges) != n {
				t.Fatalf("got %d events, want %d", len(a.Events.Edges), n)
			}
			for _, e := range a.Events.Edges {
				if len(e.Node.Participants) != 2 || e.Node.Location == nil || len(e.Node.Evidence) != 4 {
					t.Fatalf("event %s incomplete: %+v", e.Node.Name, e.Node)
				}
			}
			calls := c.reset()
			total := 0
			for m, k := range calls {
				total += k
				if k > maxPerMethod {
					t.Errorf("%s called %d times for %d events, want at most %d", m, k, n, maxPerMethod)
				}
			}
			if total > maxTotal {
				t.Errorf("%d store calls for %d events (%v), want at most %d", total, n, calls, maxTotal)
			}
			t.Logf("%d events: %d store calls %v", n, total, calls)
		})
	}
}

func TestPagination(t *testing.T) {
	st := openStore(t)
	seed(t, st, 7, 0)
	url := serve(t, st, graph.Options{})
	const q = `query($after: String, $order: EventOrder) {
	  events(first: 3, after: $after, orderBy: $order) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } }
	}`
	for _, order := range []string{"DATE_ASC", "DATE_DESC", "NAME"} {
		t.Run(order, func(t *testing.T) {
			seen := map[string]bool{}
			var after any
			pages := 0
			for {
				r := query(t, url, q, map[string]any{"after": after, "order": order})
				if len(r.Errors) > 0 {
					t.Fatalf("errors: %+v", r.Errors)
				}
				var a eventsAnswer
				json.Unmarshal(r.Data, &a)
				pages++
				for _, e := range a.Events.Edges {
					if seen[e.Node.Name] {
						t.Errorf("%s seen twice", e.Node.Name)
					}
					seen[e.Node.Name] = true
				}
				if !a.Events.PageInfo.HasNextPage {
					break
				}
				if pages > 5 {
					t.Fatal("paging does not end")
				}
				after = a.Events.PageInfo.EndCursor
			}
			if len(seen) != 7 || pages != 3 {
				t.Errorf("saw %d events in %d pages, want 7 in 3", len(seen), pages)
			}
		})
	}

	t.Run("edge cursor resumes after its edge", func(t *testing.T) {
		r := query(t, url, q, map[string]any{"order": "NAME"})
		var first eventsAnswer
		json.Unmarshal(r.Data, &first)
		r = query(t, url, q, map[string]any{"order": "NAME", "after": first.Events.Edges[0].Cursor})
		var next eventsAnswer
		json.Unmarshal(r.Data, &next)
		if len(r.Errors) > 0 || len(next.Events.Edges) == 0 || next.Events.Edges[0].Node.Name != first.Events.Edges[1].Node.Name {
			t.Errorf("after the first edge's cursor got %+v %+v, want %s first", r.Errors, next.Events.Edges, first.Events.Edges[1].Node.Name)
		}
	})
}

func TestQueries(t *testing.T) {
	st := openStore(t)
	seed(t, st, 2, 1)
	url := serve(t, st, graph.Options{})
	agency := store.EntityID(schema.Organization, "Agency 001")
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  []string // substrings of the data
	}{
		{"entity by id with typed fragment", `query($id: ID!) { entity(id: $id) { id type kind name aliases ... on Organization { relations(direction: OUT) { type object { name } } } } }`,
			map[string]any{"id": agency}, []string{`"type":"Organization"`, `"aliases":["AG001"]`, `"object":{"name":"Cyber Dialogue 001"}`}},
		{"entities by type and name", `{ entities(filter: {type: Organization, nameContains: "minis"}) { totalCount edges { node { name } } } }`, nil,
			[]string{`"totalCount":3`, `"Ministry 0"`, `"Ministry 2"`}},
		{"events by participant", `query($p: ID!) { events(filter: {participant: $p}) { totalCount edges { node { name } } } }`,
			map[string]any{"p": agency}, []string{`"totalCount":1`, `"Cyber Dialogue 001"`}},
		{"meetings only", `{ events(filter: {kind: MEETING}) { totalCount edges { node { name kind } } } }`, nil,
			[]string{`"totalCount":1`, `"Cyber Meeting 002"`}},
		{"search by acronym", `{ search(text: "AG002", types: [Organization]) { entity { name } } }`, nil,
			[]string{`"Agency 002"`}},
		{"search of documents", `{ search(text: "deleg", types: [Document]) { entity { name } document { title } snippet } }`, nil,
			[]string{`{"entity":null,"document":{"title":"Release 00`, `Envoy 001 led the delegation.`}},
		{"search of entities, then documents", `{ search(text: "agency 001", types: [Organization, Document]) { entity { name } document { title } } }`, nil,
			[]string{`[{"entity":{"name":"Agency 001"},"document":null},{"entity":null,"document":{"title":"Release 001"}}]`}},
		{"search without Document finds no documents", `{ search(text: "delegation") { entity { name } document { title } } }`, nil,
			[]string{`"search":[]`}},
		{"relations with evidence", `query($s: ID!) { relations(filter: {type: ATTENDED, subject: $s}) { totalCount edges { node { type subject { name } object { name } confidence evidence { sentence start end extractor confidence document { title } } } } } }`,
			map[string]any{"s": agency}, []string{`"totalCount":1`, `"type":"ATTENDED"`, `"sentence":"Agency 001 attended the Cyber Dialogue 001."`, `"extractor":"test"`, `"title":"Release 001"`}},
		{"relations by min confidence", `{ relations(filter: {minConfidence: 0.95}) { totalCount } }`, nil, []string{`"totalCount":0`}},
		{"count only", `{ events(first: 0) { totalCount edges { cursor } } }`, nil, []string{`"totalCount":3`, `"edges":[]`}},
		{"events at a place", `query($l: ID!) { events(filter: {location: $l}) { totalCount edges { node { name location { name } } } } }`,
			map[string]any{"l": store.EntityID(schema.Location, "Venue 1")}, []string{`"totalCount":1`, `"name":"Cyber Dialogue 001","location":{"name":"Venue 1"}`}},
		{"events at a place and of a kind", `query($l: ID!) { events(filter: {location: $l, kind: MEETING}) { totalCount } }`,
			map[string]any{"l": store.EntityID(schema.Location, "Venue 1")}, []string{`"totalCount":0`}},
		{"entities of a country with none", `query($c: ID!) { entities(filter: {country: $c}) { totalCount edges { cursor } } }`,
			map[string]any{"c": store.EntityID(schema.Country, "Atlantis")}, []string{`"totalCount":0,"edges":[]`}},
		{"events at a place where none was held", `query($l: ID!) { events(filter: {location: $l}) { totalCount edges { cursor } } }`,
			map[string]any{"l": store.EntityID(schema.Location, "Nowhere")}, []string{`"totalCount":0,"edges":[]`}},
		{"timeline", `query($e: ID!) { timeline(entity: $e) { name date } }`,
			map[string]any{"e": store.EntityID(schema.Organization, "Ministry 1")}, []string{`"timeline":[{"name":"Cyber Dialogue 001","date":"2024-02-02"}]`}},
		{"path through an event", `query($a: ID!, $b: ID!) { path(from: $a, to: $b) { length nodes { name } edges { type evidence { sentence } } } }`,
			map[string]any{"a": store.EntityID(schema.Organization, "Agency 000"), "b": store.EntityID(schema.Person, "Envoy 000")},
			[]string{`"length":2`, `"nodes":[{"name":"Agency 000"},{"name":"Cyber Dialogue 000"},{"name":"Envoy 000"}]`, `"sentence":"Envoy 000 led the delegation."`}},
		{"no path", `query($a: ID!, $b: ID!) { path(from: $a, to: $b) { length } }`,
			map[string]any{"a": store.EntityID(schema.Organization, "Agency 000"), "b": store.EntityID(schema.Organization, "Agency 001")}, []string{`"path":null`}},
		{"neighborhood", `query($e: ID!) { neighborhood(id: $e, depth: 2) { truncated nodes { name } edges { type } } }`,
			map[string]any{"e": store.EntityID(schema.Event, "Cyber Dialogue 000")},
			[]string{`"truncated":false`, `{"name":"Venue 0"}`, `{"name":"Ministry 0"}`, `{"name":"Envoy 000"}`, `"edges":[{"type":`}},
		{"stats", `{ stats { entities { type count kinds { kind count } } relations { type count } eventsPerYear { period count } eventsPerMonth { period count }
			top: topEntities(first: 1) { entity { name } degree } topOrg: topEntities(type: Organization, first: 1) { entity { name } degree } } }`, nil,
			[]string{`{"type":"Event","count":3,"kinds":[{"kind":"DIALOGUE","count":2},{"kind":"MEETING","count":1}]}`,
				`{"type":"Organization","count":6,"kinds":[{"kind":"GOVERNMENT","count":6}]}`, `{"type":"Person","count":3,"kinds":[]}`,
				`{"type":"Document","count":3,`, `{"type":"ATTENDED","count":9}`, `{"type":"HELD_IN","count":3}`, `{"type":"MET_WITH","count":0}`,
				`"eventsPerYear":[{"period":"2024","count":3}]`, `"eventsPerMonth":[{"period":"2024-01","count":1},{"period":"2024-02","count":1},{"period":"2024-03","count":1}]`,
				`"top":[{"entity":{"name":"Cyber Dialogue 000"},"degree":4}]`, `"topOrg":[{"entity":{"name":"Agency 000"},"degree":1}]`}},
		{"neighborhood truncated", `query($e: ID!) { neighborhood(id: $e, limit: 2) { truncated nodes { id } } }`,
			map[string]any{"e": store.EntityID(schema.Event, "Cyber Dialogue 000")}, []string{`"truncated":true`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, tt.vars)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(r.Data), w) {
					t.Errorf("data %s\nlacks %s", r.Data, w)
				}
			}
		})
	}

	t.Run("document and its relations", func(t *testing.T) {
		r := query(t, url, `{ relations(first: 1) { edges { node { evidence { document { id } } } } } }`, nil)
		var a struct {
			Relations struct {
				Edges []struct {
					Node struct {
						Evidence []struct{ Document struct{ ID string } }
					}
				}
			}
		}
		json.Unmarshal(r.Data, &a)
		id := a.Relations.Edges[0].Node.Evidence[0].Document.ID
		r = query(t, url, `query($id: ID!) { document(id: $id) { id title kind date relations { totalCount } } }`, map[string]any{"id": id})
		if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"kind":"PRESS_RELEASE"`) || !strings.Contains(string(r.Data), `"totalCount":4`) {
			t.Errorf("document(%s) = %s %+v", id, r.Data, r.Errors)
		}
	})
}

// failing is a store whose listings fail with a raw error, or panic.
type failing struct {
	store.Store
	panics bool
}

func (f failing) Entities(ctx context.Context, _ store.EntityFilter) (store.EntityPage, error) {
	if f.panics {
		panic("boom: secret detail")
	}
	return store.EntityPage{}, errors.New("disk on fire: secret detail")
}

func TestErrors(t *testing.T) {
	st := openStore(t)
	seed(t, st, 1, 0)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	url := serve(t, st, graph.Options{Log: log, MaxBodyBytes: 4096, MaxDepth: 6, MaxCost: 2000})
	deep := `{ entity(id: "x") { ... on Event { participants { relations { subject { relations { object { name } } } } } } } }`
	tests := []struct {
		name   string
		body   string
		code   string
		status int // 0: any
	}{
		{"invalid JSON", `{"query": `, "BAD_REQUEST", 400},
		// GraphQL over HTTP: a client that takes application/json reads
		// request errors from a 200 (gqlgen answers 422).
		{"unknown field", `{"query": "{ events { edges { node { nope } } } }"}`, "GRAPHQL_VALIDATION_FAILED", 200},
		{"syntax error", `{"query": "{ events { "}`, "GRAPHQL_PARSE_FAILED", 200},
		{"first over the cap", `{"query": "{ events(first: 100000) { totalCount } }"}`, "BAD_USER_INPUT", 0},
		{"negative first", `{"query": "{ relations(first: -1) { totalCount } }"}`, "BAD_USER_INPUT", 0},
		{"kind of another type", `{"query": "{ events(filter: {kind: GOVERNMENT}) { totalCount } }"}`, "BAD_USER_INPUT", 0},
		{"bad cursor", `{"query": "{ entities(after: \"nonsense\") { totalCount } }"}`, "BAD_USER_INPUT", 0},
		{"empty search", `{"query": "{ search(text: \"  \") { score } }"}`, "BAD_USER_INPUT", 0},
		{"neighborhood too deep", `{"query": "{ neighborhood(id: \"x\", depth: 4) { truncated } }"}`, "BAD_USER_INPUT", 0},
		{"path from nowhere", `{"query": "{ path(from: \"person:nobody\", to: \"person:noone\") { length } }"}`, "NOT_FOUND", 0},
		{"missing entity", `{"query": "{ entity(id: \"person:nobody\") { id } }"}`, "NOT_FOUND", 0},
		{"too deep", fmt.Sprintf(`{"query": %q}`, deep), "DEPTH_LIMIT_EXCEEDED", 0},
		{"too complex", `{"query": "{ events(first: 500) { edges { cursor node { id name date kind } } } }"}`, "COST_LIMIT_EXCEEDED", 0},
		// The complexity of a query without variables is remembered by its
		// text: asked again, it is refused again.
		{"too complex again", `{"query": "{ events(first: 500) { edges { cursor node { id name date kind } } } }"}`, "COST_LIMIT_EXCEEDED", 0},
		{"body too large", `{"query": "` + strings.Repeat(" ", 5000) + `{ events { totalCount } }"}`, "BAD_REQUEST", 413},
		{"unknown persisted query", `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}`, "PERSISTED_QUERY_NOT_FOUND", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, url, []byte(tt.body))
			if codes := r.codes(); len(codes) != 1 || codes[0] != tt.code {
				t.Errorf("codes = %v (%+v), want [%s]", codes, r.Errors, tt.code)
			}
			if tt.status != 0 && r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
		})
	}

	// The same text with other variables is priced anew: a page size of
	// one passes, the same operation asking for 500 does not.
	t.Run("complexity follows variables", func(t *testing.T) {
		q := `query Page($n: Int) { events(first: $n) { edges { cursor node { id name date kind } } } }`
		for _, tt := range []struct {
			n    int
			want []string
		}{{1, nil}, {500, []string{"COST_LIMIT_EXCEEDED"}}, {1, nil}} {
			if codes := query(t, url, q, map[string]any{"n": tt.n}).codes(); !slices.Equal(codes, tt.want) {
				t.Errorf("first: %d: codes = %v, want %v", tt.n, codes, tt.want)
			}
		}
	})

	for _, panics := range []bool{false, true} {
		t.Run(fmt.Sprintf("internal error hidden, panic %v", panics), func(t *testing.T) {
			logs.Reset()
			url := serve(t, failing{Store: st, panics: panics}, graph.Options{Log: log})
			r := query(t, url, `{ entities { totalCount } }`, nil)
			if codes := r.codes(); len(codes) != 1 || codes[0] != "INTERNAL_SERVER_ERROR" {
				t.Fatalf("codes = %v, want [INTERNAL_SERVER_ERROR]", codes)
			}
			if strings.Contains(r.Errors[0].Message, "secret") {
				t.Errorf("message %q leaks the internal error", r.Errors[0].Message)
			}
			if !strings.Contains(logs.String(), "secret detail") {
				t.Errorf("log %q lacks the internal error", logs.String())
			}
		})
	}
}

func TestPersistedQuery(t *testing.T) {
	st := openStore(t)
	seed(t, st, 1, 0)
	url := serve(t, st, graph.Options{})
	q := `{ events { totalCount } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}

	hashOnly, _ := json.Marshal(map[string]any{"extensions": ext})
	if r := post(t, url, hashOnly); len(r.codes()) != 1 || r.codes()[0] != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("hash before registering: %+v, want PERSISTED_QUERY_NOT_FOUND", r.Errors)
	}
	register, _ := json.Marshal(map[string]any{"query": q, "extensions": ext})
	if r := post(t, url, register); len(r.Errors) > 0 {
		t.Fatalf("registering: %+v", r.Errors)
	}
	r := post(t, url, hashOnly)
	if len(r.Errors) > 0 || string(r.Data) != `{"events":{"totalCount":1}}` {
		t.Errorf("hash after registering = %s %+v, want the count", r.Data, r.Errors)
	}
}

func TestHTTP(t *testing.T) {
	st := openStore(t)
	url := serve(t, st, graph.Options{})
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/healthz", 200, "ok"},
		{"/readyz", 200, "ok"},
		{"/", 200, "/graphiql/graphiql.min.js"},
		{"/graphiql/graphiql.min.js", 200, "GraphiQL"},
		{"/graphiql/init.js", 200, "/graphql"},
		{"/graphql?query=%7Bentities%7BtotalCount%7D%7D", 200, `{"data":{"entities":{"totalCount":0}}}`},
		{"/nope", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, err := http.Get(url + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("GET %s = %d %.200q, want %d containing %q", tt.path, res.StatusCode, body, tt.status, tt.want)
			}
		})
	}

	t.Run("introspection passes the depth limit", func(t *testing.T) {
		// The shape of GraphiQL's introspection query: ofType nested deep.
		ofType := "kind name"
		for range 8 {
			ofType = "kind name ofType { " + ofType + " }"
		}
		q := fmt.Sprintf(`{ __schema { queryType { name } types { name fields { name type { %s } } } } }`, ofType)
		r := query(t, url, q, nil)
		if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"AgenciesAtDialogues"`) && !strings.Contains(string(r.Data), `"EventConnection"`) {
			t.Errorf("introspection: %+v %.200s", r.Errors, r.Data)
		}
	})

	t.Run("metrics count requests, latency and error codes", func(t *testing.T) {
		query(t, url, `{ entity(id: "person:nobody") { id } }`, nil)
		res, err := http.Get(url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		for _, want := range []string{
			`diplograph_http_requests_total{path="/graphql",code="200"} `,
			`diplograph_http_request_duration_seconds_bucket{path="/graphql",le="+Inf"} `,
			`diplograph_http_request_duration_seconds_count{path="/graphql"} `,
			`diplograph_graphql_errors_total{code="NOT_FOUND"} 1`,
			`diplograph_http_requests_total{path="unmatched",code="404"} 1`,
			"\ngo_goroutines ",
			"\ngo_memstats_heap_inuse_bytes ",
		} {
			if !strings.Contains(string(body), want) {
				t.Errorf("/metrics lacks %s:\n%s", want, body)
			}
		}
	})

	t.Run("CORS", func(t *testing.T) {
		url := serve(t, st, graph.Options{CORSOrigins: []string{"https://dash.example"}})
		for _, tt := range []struct {
			origin string
			allow  string
			status int
		}{
			{"https://dash.example", "https://dash.example", http.StatusNoContent},
			{"https://evil.example", "", http.StatusMethodNotAllowed},
		} {
			req, _ := http.NewRequest(http.MethodOptions, url+"/graphql", nil)
			req.Header.Set("Origin", tt.origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("preflight from %s: Allow-Origin = %q, want %q", tt.origin, got, tt.allow)
			}
			if tt.allow != "" && res.StatusCode != tt.status {
				t.Errorf("preflight from %s: status %d, want %d", tt.origin, res.StatusCode, tt.status)
			}
		}
	})

	t.Run("readyz fails when the store is closed", func(t *testing.T) {
		st := openStore(t)
		url := serve(t, st, graph.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		st.Close()
		res, err := http.Get(url + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("GET /readyz on a closed store = %d, want 503", res.StatusCode)
		}
	})
}

// fakeExtract finds one fact in any text: "Ada Envoy" attended the "Test
// Summit", supported by the whole text. A file called *.bad fails.
func fakeExtract(_ context.Context, name string, data []byte) (store.Batch, error) {
	if strings.HasSuffix(name, ".bad") {
		return store.Batch{}, fmt.Errorf("read %s: unsupported file type", name)
	}
	text := string(data)
	person := store.Entity{Type: schema.Person, Name: "Ada Envoy"}
	summit := store.Entity{Type: schema.Event, Kind: "SUMMIT", Name: "Test Summit", Date: "2025-05-05"}
	person.ID, summit.ID = store.EntityID(person.Type, person.Name), store.EntityID(summit.Type, summit.Name)
	return store.Batch{
		Document: store.Document{Filename: name, Title: "found title", Text: text},
		Entities: []store.Entity{person, summit},
		Relations: []store.Relation{{Type: schema.Attended, Subject: person.ID, Object: summit.ID, Evidence: []store.Evidence{{
			Sentence: text, Start: 0, End: len(text), Extractor: "fake", Confidence: 0.8,
		}}}},
	}, nil
}

func TestIngestDocument(t *testing.T) {
	st := openStore(t)
	url := serve(t, st, graph.Options{Extract: fakeExtract})
	const m = `mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) {
	  existed newEvidence document { title date filename } newEntities { name } newRelations { type subject { name } object { name } evidence { sentence } } } }`
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name string
		in   map[string]any
		want []string // substrings of the data
		code string
	}{
		{"text", map[string]any{"text": "Ada Envoy attended the Test Summit.", "filename": "a.txt", "title": "Given title", "date": "2025-05"},
			[]string{`"existed":false`, `"newEvidence":1`, `"title":"Given title"`, `"date":"2025-05"`, `{"name":"Ada Envoy"}`, `{"name":"Test Summit"}`,
				`"type":"ATTENDED","subject":{"name":"Ada Envoy"},"object":{"name":"Test Summit"},"evidence":[{"sentence":"Ada Envoy attended the Test Summit."}]`}, ""},
		{"same text again", map[string]any{"text": "Ada Envoy attended the Test Summit.", "filename": "a.txt"},
			[]string{`"existed":true`, `"newEntities":[]`, `"newRelations":[]`, `"newEvidence":0`}, ""},
		{"file, known facts", map[string]any{"file": b64("The Test Summit welcomed Ada Envoy."), "filename": "b.txt"},
			[]string{`"existed":false`, `"newEntities":[]`, `"newRelations":[]`, `"newEvidence":1`, `"title":"found title"`}, ""},
		{"text and file", map[string]any{"text": "x", "file": b64("x")}, nil, "BAD_USER_INPUT"},
		{"neither", map[string]any{"filename": "a.txt"}, nil, "BAD_USER_INPUT"},
		{"bad base64", map[string]any{"file": "%%%"}, nil, "BAD_USER_INPUT"},
		{"bad date", map[string]any{"text": "x", "date": "May 2025"}, nil, "BAD_USER_INPUT"},
		{"extraction fails", map[string]any{"text": "x", "filename": "x.bad"}, nil, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, m, map[string]any{"in": tt.in})
			if tt.code != "" {
				if codes := r.codes(); len(codes) != 1 || codes[0] != tt.code {
					t.Errorf("codes = %v (%+v), want [%s]", codes, r.Errors, tt.code)
				}
				return
			}
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(r.Data), w) {
					t.Errorf("data %s\nlacks %s", r.Data, w)
				}
			}
		})
	}

	t.Run("POST /ingest", func(t *testing.T) {
		for _, tt := range []struct {
			file   string
			status int
			want   string
		}{
			{"c.txt", http.StatusCreated, `"existed":false`},
			{"c.txt", http.StatusOK, `"existed":true`},
			{"c.bad", http.StatusBadRequest, `"code":"BAD_USER_INPUT"`},
		} {
			res, err := http.Post(url+"/ingest?filename="+tt.file+"&source=https://shell.example/c", "text/plain", strings.NewReader("Ada Envoy spoke at the Test Summit."))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("POST /ingest?filename=%s = %d %s, want %d with %s", tt.file, res.StatusCode, body, tt.status, tt.want)
			}
		}
	})

	t.Run("without a pipeline", func(t *testing.T) {
		url := serve(t, st, graph.Options{})
		r := query(t, url, m, map[string]any{"in": map[string]any{"text": "x"}})
		if codes := r.codes(); len(codes) != 1 || codes[0] != "BAD_USER_INPUT" {
			t.Errorf("codes = %v, want [BAD_USER_INPUT]", codes)
		}
	})
}

func TestCountryAndMentions(t *testing.T) {
	st := openStore(t)
	text := "The Freedonian Ministry of Truth is a body of Freedonia. Fredville lies in Freedonia."
	country := store.Entity{Type: schema.Country, Name: "Freedonia"}
	org := store.Entity{Type: schema.Organization, Kind: "GOVERNMENT", Name: "Freedonian Ministry of Truth"}
	city := store.Entity{Type: schema.Location, Name: "Fredville"}
	es := []store.Entity{country, org, city}
	for i := range es {
		es[i].ID = store.EntityID(es[i].Type, es[i].Name)
	}
	cut := strings.Index(text, "Fredville")
	b := store.Batch{
		Document: store.Document{Filename: "f.txt", Text: text, Kind: "NEWS"},
		Entities: es,
		Relations: []store.Relation{
			{Type: schema.PartOf, Subject: es[1].ID, Object: es[0].ID, Evidence: []store.Evidence{{Sentence: text[:cut-1], Start: 0, End: cut - 1, Extractor: "test", Confidence: 1}}},
			{Type: schema.LocatedIn, Subject: es[2].ID, Object: es[0].ID, Evidence: []store.Evidence{{Sentence: text[cut:], Start: cut, End: len(text), Extractor: "test", Confidence: 1}}},
		},
	}
	res, err := st.WriteBatch(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, st, 2, 0) // entities not tied to the country
	url := serve(t, st, graph.Options{})
	tests := []struct {
		name, query string
		vars        map[string]any
		want        string
	}{
		{"entities of a country", `query($c: ID!) { entities(filter: {country: $c}) { totalCount edges { node { name } } } }`,
			map[string]any{"c": es[0].ID}, `{"entities":{"totalCount":2,"edges":[{"node":{"name":"Fredville"}},{"node":{"name":"Freedonian Ministry of Truth"}}]}}`},
		{"organizations of a country", `query($c: ID!) { entities(filter: {country: $c, type: Organization}) { totalCount } }`,
			map[string]any{"c": es[0].ID}, `{"entities":{"totalCount":1}}`},
		{"mentions", `query($d: ID!) { document(id: $d) { mentions { name } places: mentions(type: Location) { name } } }`,
			map[string]any{"d": res.DocumentID}, `{"document":{"mentions":[{"name":"Fredville"},{"name":"Freedonia"},{"name":"Freedonian Ministry of Truth"}],"places":[{"name":"Fredville"}]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := query(t, url, tt.query, tt.vars)
			if len(r.Errors) > 0 || string(r.Data) != tt.want {
				t.Errorf("got %s %+v\nwant %s", r.Data, r.Errors, tt.want)
			}
		})
	}
}

func TestRelationsSeen(t *testing.T) {
	st := openStore(t)
	seed(t, st, 3, 0) // documents dated 2024-01-01, 2024-02-02, 2024-03-03; four facts each
	url := serve(t, st, graph.Options{})
	const q = `query($f: RelationFilter, $after: String) { relations(filter: $f, first: 3, after: $after) {
	  totalCount edges { node { firstSeen lastSeen } } pageInfo { hasNextPage endCursor } } }`
	type answer struct {
		Relations struct {
			TotalCount int
			Edges      []struct {
				Node struct{ FirstSeen, LastSeen string }
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	tests := []struct {
		name   string
		filter map[string]any
		total  int
	}{
		{"one month", map[string]any{"from": "2024-02", "to": "2024-02"}, 4},
		{"from", map[string]any{"from": "2024-02"}, 8},
		{"to a day", map[string]any{"to": "2024-01-15"}, 4},
		{"with a type", map[string]any{"from": "2024", "type": "HELD_IN"}, 3},
		{"none", map[string]any{"from": "2025"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var after any
			seen := 0
			for range 5 {
				r := query(t, url, q, map[string]any{"f": tt.filter, "after": after})
				if len(r.Errors) > 0 {
					t.Fatalf("errors: %+v", r.Errors)
				}
				var a answer
				json.Unmarshal(r.Data, &a)
				if a.Relations.TotalCount != tt.total {
					t.Errorf("totalCount = %d, want %d", a.Relations.TotalCount, tt.total)
				}
				for _, e := range a.Relations.Edges {
					from, _ := tt.filter["from"].(string)
					if from != "" && e.Node.LastSeen[:len(from)] < from {
						t.Errorf("relation last seen %s before %s", e.Node.LastSeen, from)
					}
				}
				seen += len(a.Relations.Edges)
				if !a.Relations.PageInfo.HasNextPage {
					break
				}
				after = a.Relations.PageInfo.EndCursor
			}
			if seen != tt.total {
				t.Errorf("paged through %d relations, want %d", seen, tt.total)
			}
		})
	}
}
