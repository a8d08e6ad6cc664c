package graphio_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
	"github.com/diplograph/diplograph/store/graphio"
	"github.com/diplograph/diplograph/store/sqlite"
)

var update = flag.Bool("update", false, "rewrite testdata/export.golden.jsonl")

// clock is the fixed time every test store stamps with.
var clock = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func open(t *testing.T) *sqlite.DB {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "diplograph.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Now = func() time.Time { return clock }
	t.Cleanup(func() { st.Close() })
	return st
}

func load(t *testing.T, st *sqlite.DB, opt graphio.Options, paths ...string) graphio.Summary {
	t.Helper()
	ctx := context.Background()
	p, err := graphio.Read(ctx, st, paths, opt)
	if err != nil {
		t.Fatalf("Read(%q) error: %v", paths, err)
	}
	sum, err := graphio.Apply(ctx, st, p, graphio.ApplyOptions{SetNow: func(at time.Time) {
		if at.IsZero() {
			at = clock
		}
		st.Now = func() time.Time { return at }
	}})
	if err != nil {
		t.Fatalf("Apply(%q) error: %v", paths, err)
	}
	return sum
}

func export(t *testing.T, st store.Store) []byte {
	t.Helper()
	g, err := graphio.Snapshot(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteJSONL(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFile(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.jsonl")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// curated is the fixture annotations with an analyst's work on top: an
// alias, an assertion, a merge and a retraction, so that the export
// carries every kind of line.
func curated(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	st := open(t)
	load(t, st, graphio.Options{}, "testdata/gold")
	if _, err := st.AddAlias(ctx, "country:united-states", "U.S."); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AssertRelation(ctx, store.Relation{Type: schema.MemberOf, Subject: "country:united-states",
		Object:   "organization:north-atlantic-treaty-organization",
		Evidence: []store.Evidence{{Sentence: "founding member, 1949", Confidence: 0.9}}}); err != nil {
		t.Fatal(err)
	}
	rels, err := st.Relations(ctx, store.RelationFilter{Types: []schema.RelationType{schema.HeldIn}})
	if err != nil || len(rels.Items) != 1 {
		t.Fatalf("HELD_IN relations: %v, %v", rels.Items, err)
	}
	st.Now = func() time.Time { return clock.Add(90 * time.Minute) }
	if _, err := st.RetractRelation(ctx, rels.Items[0].ID, "the dialogue met online"); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		build func(t *testing.T) *sqlite.DB
	}{
		{"annotations", func(t *testing.T) *sqlite.DB {
			st := open(t)
			load(t, st, graphio.Options{}, "testdata/gold")
			return st
		}},
		{"curated", curated},
		{"scaled", func(t *testing.T) *sqlite.DB {
			st := open(t)
			load(t, st, graphio.Options{Scale: 3}, "testdata/gold")
			return st
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := export(t, tt.build(t))
			fresh := open(t)
			fresh.Now = func() time.Time { return clock.Add(time.Hour) } // import must not need it
			load(t, fresh, graphio.Options{}, writeFile(t, first))
			if second := export(t, fresh); !bytes.Equal(first, second) {
				t.Errorf("export → import → export differs:\n%s", firstDiff(first, second))
			}
			if tt.name != "curated" {
				return
			}
			golden := "testdata/export.golden.jsonl"
			if *update {
				if err := os.WriteFile(golden, first, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, want) {
				t.Errorf("export differs from %s (go test -update to accept):\n%s", golden, firstDiff(first, want))
			}
		})
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n got: " + clip(x) + "\nwant: " + clip(y)
		}
	}
	return "(same lines)"
}

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestScale(t *testing.T) {
	st := open(t)
	sum := load(t, st, graphio.Options{Scale: 3}, "testdata/gold")
	if sum.Documents != 6 {
		t.Errorf("Apply(scale 3) wrote %d documents, want 6", sum.Documents)
	}
	ctx := context.Background()
	for _, tt := range []struct{ id, name string }{
		{"organization:national-cyber-and-information-security-agency", "National Cyber and Information Security Agency"},
		{"organization:national-cyber-and-information-security-agency-2", "National Cyber and Information Security Agency #2"},
		{"event:united-states-czech-republic-cyber-dialogue-1", "United States - Czech Republic Cyber Dialogue #1"},
	} {
		e, err := st.Entity(ctx, tt.id)
		if err != nil {
			t.Errorf("Entity(%q) error: %v", tt.id, err)
			continue
		}
		if e.Name != tt.name {
			t.Errorf("Entity(%q).Name = %q, want %q", tt.id, e.Name, tt.name)
		}
	}
	// Copies do not touch: NÚKIB #2 converged with its full name #2 only.
	e, err := st.Entity(ctx, "organization:national-cyber-and-information-security-agency-2")
	if err == nil && strings.Join(e.Aliases, "|") != "NÚKIB #2" {
		t.Errorf("copy 2 of NÚKIB has aliases %q, want [NÚKIB #2]", e.Aliases)
	}
}

func TestBadInput(t *testing.T) {
	st := curated(t)
	before := export(t, st)
	good := writeFile(t, before)

	truncated := before[:bytes.LastIndexByte(before[:len(before)-1], '\n')+1]
	conflict := bytes.Replace(before, []byte(`"name":"Czech Republic","aliases":["Czech","Czechia"]}`),
		[]byte(`"name":"Czech Republic","aliases":["Czech","Czechia","Bohemia"]}`), 2)
	conflict = bytes.Replace(conflict, []byte(`"aliases":["Czech","Czechia","Bohemia"]}`), []byte(`"aliases":["Czech","Czechia"]}`), 1)

	tests := []struct {
		name  string
		path  string
		max   int
		where string // file:line the error must name
		what  string
	}{
		{"truncated line", "testdata/bad/truncated.jsonl", 0, "truncated.jsonl:2", "truncated"},
		{"relation to a missing entity", "testdata/bad/missing-entity.jsonl", 0, "missing-entity.jsonl:2", `no entity "nobody"`},
		{"duplicate id in a document", "testdata/bad/duplicate-id.jsonl", 0, "duplicate-id.jsonl:2", `"x" appears twice`},
		{"unknown predicate", "testdata/bad/bad-predicate.jsonl", 0, "bad-predicate.jsonl:3", `unknown type "LIKES"`},
		{"relation the ontology forbids", "testdata/bad/ontology.jsonl", 0, "ontology.jsonl:2", "may not connect"},
		{"unknown kind", "testdata/bad/bad-kind.jsonl", 0, "bad-kind.jsonl:2", `"SPACESHIP"`},
		{"not an object", "testdata/bad/not-object.jsonl", 0, "not-object.jsonl:2", "not a JSON object"},
		{"line too long", "testdata/bad/long-line.jsonl", 4096, "long-line.jsonl:2", "longer than 4096 bytes"},
		{"export cut at a line", writeFile(t, truncated), 0, "export.jsonl", "no end line"},
		{"same id, different content", writeFile(t, conflict), 0, "export.jsonl:", "differs from the one in"},
		{"no such file", "testdata/bad/none.jsonl", 0, "none.jsonl", "no such file"},
		{"good file, then a bad one", good + "\x00" + "testdata/bad/truncated.jsonl", 0, "truncated.jsonl:2", "truncated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			paths := strings.Split(tt.path, "\x00")
			_, err := graphio.Read(ctx, st, paths, graphio.Options{MaxLine: tt.max})
			var le *graphio.LineError
			switch {
			case err == nil:
				t.Fatalf("Read(%q) = nil error, want one naming %s", paths, tt.where)
			case !errors.As(err, &le):
				t.Errorf("Read(%q) error %v is not a *LineError", paths, err)
			case !strings.Contains(err.Error(), tt.where) || !strings.Contains(err.Error(), tt.what):
				t.Errorf("Read(%q) error = %q, want one naming %q and saying %q", paths, err, tt.where, tt.what)
			}
			if after := export(t, st); !bytes.Equal(after, before) {
				t.Errorf("the graph changed:\n%s", firstDiff(after, before))
			}
		})
	}
}

// TestReimport checks that importing what the store holds changes nothing.
func TestReimport(t *testing.T) {
	st := curated(t)
	before := export(t, st)
	sum := load(t, st, graphio.Options{}, writeFile(t, before))
	if sum.Documents != 0 || sum.Unchanged != 2 {
		t.Errorf("re-import wrote %d documents, %d unchanged; want 0, 2", sum.Documents, sum.Unchanged)
	}
	if after := export(t, st); !bytes.Equal(after, before) {
		t.Errorf("re-import changed the graph:\n%s", firstDiff(after, before))
	}
}

func TestGraphMLAndCSV(t *testing.T) {
	st := curated(t)
	g, err := graphio.Snapshot(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteGraphML(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<node id="organization:national-cyber-and-information-security-agency">`,
		`<data key="aliases">NÚKIB</data>`, `<data key="rtype">MEMBER_OF</data>`, `<data key="retracted">the dialogue met online</data>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("GraphML lacks %s", want)
		}
	}
	dir := t.TempDir()
	if err := g.WriteNeo4jCSV(dir); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"entities.csv":  "id:ID(Entity),:LABEL,type,name,key,kind,date,endDate,status,statusAsOf,aliases:string[],aliasKeys:string[],aliasText\n",
		"relations.csv": ":START_ID(Entity),:END_ID(Entity),:TYPE,id,",
		"mentions.csv":  ":START_ID(Document),:END_ID(Entity)\n",
		"found_in.csv":  ":START_ID(Evidence),:END_ID(Document)\n",
		"evidence.csv":  "id:ID(Evidence),relationId,documentId,sentence,start:long,end:long,extractor,confidence:double\n",
		"documents.csv": "id:ID(Document),filename,title,date,publisher,kind,source,text,ingestedAt:datetime\n",
	} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), want) {
			t.Errorf("%s begins %q, want %q", file, clip(string(data[:min(len(data), 120)])), want)
		}
	}
}
