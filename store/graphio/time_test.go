package graphio_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/graphio"
	"github.com/diplograph/diplograph/store/sqlite"
)

// TestImportOldIDs imports an export written before slug ids — entity ids
// with spaces, relation and evidence ids computed from them, an assertion
// and a retraction naming relations by those ids — and checks that the
// graph it gives is the one the same export with today's ids gives.
func TestImportOldIDs(t *testing.T) {
	st := open(t)
	sum := load(t, st, graphio.Options{}, "testdata/export.old-ids.jsonl")
	if sum.Documents != 2 || sum.Asserted != 1 || sum.Retracted != 1 {
		t.Errorf("import of the old export = %+v, want 2 documents, 1 assertion, 1 retraction", sum)
	}
	want, err := os.ReadFile("testdata/export.golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if got := export(t, st); !bytes.Equal(got, want) {
		t.Errorf("export after importing old ids differs from testdata/export.golden.jsonl:\n%s", firstDiff(got, want))
	}
	// Importing it again over the graph changes nothing.
	if sum := load(t, st, graphio.Options{}, "testdata/export.old-ids.jsonl"); sum.Documents != 0 || sum.Unchanged != 2 {
		t.Errorf("second import of the old export = %+v, want 2 unchanged", sum)
	}
}

// timeGraph is a store holding every field of time and status: an
// event's status, a post's since, until and tense, documents' date,
// publisher and source, and two versions of one source, the newer of
// which no longer states a fact (withdrawn).
func timeGraph(t *testing.T) (*sqlite.DB, map[string]string) {
	t.Helper()
	ctx := context.Background()
	st := open(t)
	ana, mfa, summit, bo := store.EntityID(schema.Person, "Ana Novak"), store.EntityID(schema.Organization, "Ministry of Foreign Affairs"),
		store.EntityID(schema.Event, "Vienna Summit"), store.EntityID(schema.Person, "Bo Lee")
	ents := []store.Entity{
		{Type: schema.Person, Name: "Ana Novak"}, {Type: schema.Person, Name: "Bo Lee"},
		{Type: schema.Organization, Name: "Ministry of Foreign Affairs"},
	}
	v1 := store.Batch{
		Document: store.Document{Filename: "v1.txt", Title: "Visit", Date: "2024-01-10", Publisher: "MFA", Kind: "PRESS_RELEASE",
			Source: "https://example.org/visit", Text: "Ana Novak, former minister, will meet Bo Lee at the Vienna Summit."},
		Entities: append(append([]store.Entity(nil), ents...), store.Entity{Type: schema.Event, Name: "Vienna Summit", Date: "2024-02", Status: "PLANNED"}),
		Relations: []store.Relation{
			{Type: schema.HoldsPosition, Subject: ana, Object: mfa, Title: "Minister", Since: "2019", Until: "2023", Tense: "FORMER",
				Evidence: []store.Evidence{{Start: 0, End: 30, Confidence: 0.9}}},
			{Type: schema.MetWith, Subject: ana, Object: bo, Evidence: []store.Evidence{{Start: 0, End: 45, Confidence: 0.8}}},
			{Type: schema.Attended, Subject: ana, Object: summit, Evidence: []store.Evidence{{Start: 0, End: 60, Confidence: 0.7}}},
		},
	}
	v2 := store.Batch{
		Document: store.Document{Filename: "v2.txt", Title: "Visit (updated)", Date: "2024-03-01", Publisher: "MFA", Kind: "PRESS_RELEASE",
			Source: "https://example.org/visit", Text: "Ana Novak, former minister, attended the Vienna Summit."},
		Entities: append(append([]store.Entity(nil), ents...), store.Entity{Type: schema.Event, Name: "Vienna Summit", Date: "2024-02", Status: "HELD"}),
		Relations: []store.Relation{
			{Type: schema.HoldsPosition, Subject: ana, Object: mfa, Title: "Minister", Since: "2019", Until: "2023", Tense: "FORMER",
				Evidence: []store.Evidence{{Start: 0, End: 26, Confidence: 0.9}}},
			{Type: schema.Attended, Subject: ana, Object: summit, Evidence: []store.Evidence{{Start: 0, End: 50, Confidence: 0.7}}},
		},
	}
	for _, b := range []store.Batch{v1, v2} {
		if _, err := st.WriteBatch(ctx, b); err != nil {
			t.Fatalf("WriteBatch(%s) error: %v", b.Document.Filename, err)
		}
	}
	return st, map[string]string{"ana": ana, "mfa": mfa, "summit": summit, "bo": bo,
		"v2": store.DocumentID(v2.Document.Text)}
}

// TestTimeFieldsRoundTrip checks that each field of time and status goes
// out in the JSON lines and comes back on import, and that GraphML and the
// Neo4j CSV files carry it.
func TestTimeFieldsRoundTrip(t *testing.T) {
	ctx := context.Background()
	st, ids := timeGraph(t)
	first := export(t, st)
	fresh := open(t)
	load(t, fresh, graphio.Options{}, writeFile(t, first))
	if second := export(t, fresh); !bytes.Equal(first, second) {
		t.Errorf("export → import → export differs:\n%s", firstDiff(first, second))
	}

	ev, err := fresh.Entity(ctx, ids["summit"])
	if err != nil || ev.Status != "HELD" || ev.StatusAsOf != "2024-03-01" {
		t.Errorf("event after import = %+v, %v; want status HELD as of 2024-03-01", ev, err)
	}
	posts, err := fresh.Relations(ctx, store.RelationFilter{Types: []schema.RelationType{schema.HoldsPosition}})
	if err != nil || len(posts.Items) != 1 {
		t.Fatalf("posts after import = %+v, %v", posts.Items, err)
	}
	if p := posts.Items[0]; p.Title != "Minister" || p.Since != "2019" || p.Until != "2023" || p.Tense != "FORMER" || p.TenseAsOf != "2024-03-01" {
		t.Errorf("post after import = %+v; want Minister since 2019 until 2023, FORMER as of 2024-03-01", p)
	}
	met, err := fresh.Relations(ctx, store.RelationFilter{Types: []schema.RelationType{schema.MetWith}})
	if err != nil || len(met.Items) != 1 || met.Items[0].Withdrawn == nil || met.Items[0].Withdrawn.By != ids["v2"] || met.Items[0].Withdrawn.At != "2024-03-01" {
		t.Errorf("MET_WITH after import = %+v, %v; want withdrawn by %s at 2024-03-01", met.Items, err, ids["v2"])
	}
	docs, err := fresh.DocumentsByID(ctx, []string{ids["v2"]})
	if err != nil || docs[0].Date != "2024-03-01" || docs[0].Publisher != "MFA" || docs[0].Source != "https://example.org/visit" {
		t.Errorf("document after import = %+v, %v; want dated 2024-03-01, published by MFA, from its URL", docs, err)
	}
	vs, err := fresh.Documents(ctx, store.DocumentFilter{Source: ptr("https://example.org/visit")})
	if err != nil || vs.TotalCount != 2 {
		t.Errorf("versions of the source after import = %d, %v; want 2", vs.TotalCount, err)
	}
	for _, want := range []string{`"status":"HELD","statusAsOf":"2024-03-01"`, `"until":"2023","tense":"FORMER","tenseAsOf":"2024-03-01"`,
		`"since":"2019"`, `"withdrawnBy":"` + ids["v2"] + `","withdrawnAt":"2024-03-01"`,
		`"date":"2024-03-01","kind":"PRESS_RELEASE","publisher":"MFA","source":"https://example.org/visit"`} {
		if !strings.Contains(string(first), want) {
			t.Errorf("JSON lines lack %s", want)
		}
	}

	g, err := graphio.Snapshot(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteGraphML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<data key="status">HELD</data>`, `<data key="statusAsOf">2024-03-01</data>`,
		`<data key="since">2019</data>`, `<data key="until">2023</data>`, `<data key="tense">FORMER</data>`,
		`<data key="tenseAsOf">2024-03-01</data>`, `<data key="withdrawnBy">` + ids["v2"] + `</data>`, `<data key="withdrawnAt">2024-03-01</data>`,
		`<key id="status" for="node" attr.name="status" attr.type="string"/>`, `<key id="withdrawnBy" for="edge"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("GraphML lacks %s", want)
		}
	}
	dir := t.TempDir()
	if err := g.WriteNeo4jCSV(dir); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if e := read("entities.csv"); !strings.Contains(e, `"2024-02","","HELD","2024-03-01"`) {
		t.Errorf("entities.csv lacks the event's status:\n%s", e)
	}
	rels := read("relations.csv")
	for _, want := range []string{`"Minister","2019",0.9,"2024-01-10","2024-03-01",,,"2023","FORMER","2024-03-01",,`,
		`,,,"","","","` + ids["v2"] + `","2024-03-01"`} {
		if !strings.Contains(rels, want) {
			t.Errorf("relations.csv lacks %s:\n%s", want, rels)
		}
	}
	if d := read("documents.csv"); !strings.Contains(d, `"Visit (updated)","2024-03-01","MFA","PRESS_RELEASE","https://example.org/visit"`) {
		t.Errorf("documents.csv lacks the document's date, publisher and source:\n%s", d)
	}
}

func ptr[T any](v T) *T { return &v }
