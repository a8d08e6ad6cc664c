package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/ingest"
	"github.com/diplograph/diplograph/schema"
)

func ent(id string, t schema.EntityType, name string, aliases ...string) ingest.AnnEntity {
	return ingest.AnnEntity{ID: id, Type: t, Name: name, Aliases: aliases}
}

func event(id, kind, name, date string) ingest.AnnEntity {
	return ingest.AnnEntity{ID: id, Type: schema.Event, Kind: kind, Name: name, Date: date}
}

func rel(s string, p schema.RelationType, o string) ingest.AnnRelation {
	return ingest.AnnRelation{Subject: s, Predicate: p, Object: o}
}

func doc(es []ingest.AnnEntity, rs ...ingest.AnnRelation) ingest.Annotation {
	return ingest.Annotation{Document: "d.txt", Entities: es, Relations: rs}
}

func TestEntityMatching(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred []ingest.AnnEntity
		typ        schema.EntityType
		want       Counts
	}{
		{"diacritics", []ingest.AnnEntity{ent("g", schema.Person, "Pavel Štěpáník")},
			[]ingest.AnnEntity{ent("p", schema.Person, "Pavel Stepanik")}, schema.Person, Counts{TP: 1}},
		{"leading the and case", []ingest.AnnEntity{ent("g", schema.Location, "Czernin Palace")},
			[]ingest.AnnEntity{ent("p", schema.Location, "the czernin palace")}, schema.Location, Counts{TP: 1}},
		{"punctuation", []ingest.AnnEntity{ent("g", schema.Organization, "Supreme State Prosecutor's Office")},
			[]ingest.AnnEntity{ent("p", schema.Organization, "Supreme State Prosecutors Office")}, schema.Organization, Counts{TP: 1}},
		{"predicted alias equals gold name", []ingest.AnnEntity{ent("g", schema.Organization, "NÚKIB")},
			[]ingest.AnnEntity{ent("p", schema.Organization, "National Cyber and Information Security Agency", "NUKIB")}, schema.Organization, Counts{TP: 1}},
		{"gold alias equals predicted name", []ingest.AnnEntity{ent("g", schema.Country, "United States", "USA", "US")},
			[]ingest.AnnEntity{ent("p", schema.Country, "U.S.")}, schema.Country, Counts{TP: 1}},
		{"type must agree", []ingest.AnnEntity{ent("g", schema.Country, "Ukraine")},
			[]ingest.AnnEntity{ent("p", schema.Location, "Ukraine")}, schema.Country, Counts{FN: 1}},
		{"one to one: duplicate prediction is a false positive",
			[]ingest.AnnEntity{ent("g", schema.Country, "Czech Republic", "Czechia")},
			[]ingest.AnnEntity{ent("p1", schema.Country, "Czech Republic"), ent("p2", schema.Country, "Czechia")},
			schema.Country, Counts{TP: 1, FP: 1}},
		{"exact names win over alias matches",
			// In one greedy pass p1 would take g1 through "MoD", leaving
			// p2 (exactly g1) and g2 (an alias of p1) unmatched.
			[]ingest.AnnEntity{ent("g1", schema.Organization, "Ministry of Defence", "MoD"), ent("g2", schema.Organization, "Ministry of Defence of Ruritania")},
			[]ingest.AnnEntity{ent("p1", schema.Organization, "Ruritanian MoD", "MoD", "Ministry of Defence of Ruritania"), ent("p2", schema.Organization, "Ministry of Defence")},
			schema.Organization, Counts{TP: 2}},
		{"event by kind and date",
			[]ingest.AnnEntity{event("g", "SIGNING", "Signing of the MoU", "2019-05-02")},
			[]ingest.AnnEntity{event("p", "SIGNING", "the signing", "2019-05-02")}, schema.Event, Counts{TP: 1}},
		{"event fallback needs the same kind",
			[]ingest.AnnEntity{event("g", "SIGNING", "Signing of the MoU", "2019-05-02")},
			[]ingest.AnnEntity{event("p", "VISIT", "the visit", "2019-05-02")}, schema.Event, Counts{FP: 1, FN: 1}},
		{"event fallback needs a date",
			[]ingest.AnnEntity{event("g", "CONFLICT", "Invasion", "")},
			[]ingest.AnnEntity{event("p", "CONFLICT", "the war", "")}, schema.Event, Counts{FP: 1, FN: 1}},
		{"event name match is preferred over kind and date",
			[]ingest.AnnEntity{event("g1", "VISIT", "Visit to Prague", "2020-08-11"), event("g2", "VISIT", "Visit to Pilsen", "2020-08-11")},
			[]ingest.AnnEntity{event("p1", "VISIT", "his visit", "2020-08-11"), event("p2", "VISIT", "Visit to Prague", "2020-08-11")},
			schema.Event, Counts{TP: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New()
			r.Add(doc(tt.gold), doc(tt.pred))
			got := Counts{}
			if c := r.Entities[tt.typ]; c != nil {
				got = *c
			}
			if tt.want.FP > 0 && got.FP == 0 {
				// A false positive of another type still counts for the test.
				for _, c := range r.Entities {
					got.FP += c.FP
				}
			}
			if got != tt.want {
				t.Errorf("Add(%v, %v): %s = %+v, want %+v", tt.gold, tt.pred, tt.typ, got, tt.want)
			}
		})
	}
}

func TestRelationMatching(t *testing.T) {
	gold := []ingest.AnnEntity{
		ent("blinken", schema.Person, "Antony J. Blinken", "Blinken"),
		ent("lipavsky", schema.Person, "Jan Lipavský", "Lipavský"),
		ent("us", schema.Country, "United States"),
		ent("mfa", schema.Organization, "Ministry of Foreign Affairs"),
	}
	pred := []ingest.AnnEntity{
		ent("p-blinken", schema.Person, "Blinken"),
		ent("p-lip", schema.Person, "Jan Lipavsky"),
		ent("p-us", schema.Country, "USA", "United States"),
		ent("p-other", schema.Organization, "Ministry of Culture"),
	}
	tests := []struct {
		name string
		gold []ingest.AnnRelation
		pred []ingest.AnnRelation
		typ  schema.RelationType
		want Counts
	}{
		{"ends resolved through matched entities",
			[]ingest.AnnRelation{rel("blinken", schema.HoldsPosition, "us")},
			[]ingest.AnnRelation{rel("p-blinken", schema.HoldsPosition, "p-us")}, schema.HoldsPosition, Counts{TP: 1}},
		{"MET_WITH either order",
			[]ingest.AnnRelation{rel("blinken", schema.MetWith, "lipavsky")},
			[]ingest.AnnRelation{rel("p-lip", schema.MetWith, "p-blinken")}, schema.MetWith, Counts{TP: 1}},
		{"other predicates are directed",
			[]ingest.AnnRelation{rel("blinken", schema.HoldsPosition, "us")},
			[]ingest.AnnRelation{rel("p-us", schema.HoldsPosition, "p-blinken")}, schema.HoldsPosition, Counts{FP: 1, FN: 1}},
		{"predicate must agree",
			[]ingest.AnnRelation{rel("blinken", schema.HoldsPosition, "us")},
			[]ingest.AnnRelation{rel("p-blinken", schema.Signed, "p-us")}, schema.HoldsPosition, Counts{FN: 1}},
		{"unmatched end",
			[]ingest.AnnRelation{rel("lipavsky", schema.HoldsPosition, "mfa")},
			[]ingest.AnnRelation{rel("p-lip", schema.HoldsPosition, "p-other")}, schema.HoldsPosition, Counts{FP: 1, FN: 1}},
		{"each gold relation once",
			[]ingest.AnnRelation{rel("blinken", schema.MetWith, "lipavsky")},
			[]ingest.AnnRelation{rel("p-blinken", schema.MetWith, "p-lip"), rel("p-lip", schema.MetWith, "p-blinken")}, schema.MetWith, Counts{TP: 1, FP: 1}},
		{"dangling predicted id",
			nil,
			[]ingest.AnnRelation{rel("nobody", schema.MetWith, "p-lip")}, schema.MetWith, Counts{FP: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New()
			r.Add(doc(gold, tt.gold...), doc(pred, tt.pred...))
			got := Counts{}
			if c := r.Relations[tt.typ]; c != nil {
				got = *c
			}
			if got != tt.want {
				t.Errorf("Add: %s = %+v, want %+v (all: %v)", tt.typ, got, tt.want, r.Relations)
			}
		})
	}
}

func TestTotalsExcludeTopicAndDiscussed(t *testing.T) {
	gold := doc([]ingest.AnnEntity{
		event("e", "DIALOGUE", "Cyber Dialogue", "2024-03-18"),
		ent("t1", schema.Topic, "cybersecurity"),
		ent("t2", schema.Topic, "quantum technology"),
		ent("c", schema.Country, "Czech Republic"),
	}, rel("e", schema.Discussed, "t1"), rel("e", schema.Discussed, "t2"), rel("c", schema.Attended, "e"))
	pred := doc([]ingest.AnnEntity{
		event("pe", "DIALOGUE", "Cyber Dialogue", "2024-03-18"),
		ent("pt", schema.Topic, "cybersecurity"),
		ent("px", schema.Topic, "climate"),
		ent("pc", schema.Country, "Czech Republic"),
	}, rel("pe", schema.Discussed, "pt"), rel("pe", schema.Discussed, "px"), rel("pc", schema.Attended, "pe"))
	r := New()
	r.Add(gold, pred)
	if got, want := r.EntityTotal(), (Counts{TP: 2}); got != want {
		t.Errorf("EntityTotal() = %+v, want %+v", got, want)
	}
	if got, want := r.RelationTotal(), (Counts{TP: 1}); got != want {
		t.Errorf("RelationTotal() = %+v, want %+v", got, want)
	}
	if got, want := *r.Entities[schema.Topic], (Counts{TP: 1, FP: 1, FN: 1}); got != want {
		t.Errorf("Entities[Topic] = %+v, want %+v", got, want)
	}
	if got, want := *r.Relations[schema.Discussed], (Counts{TP: 1, FP: 1, FN: 1}); got != want {
		t.Errorf("Relations[DISCUSSED] = %+v, want %+v", got, want)
	}
}

func TestAttributes(t *testing.T) {
	gold := doc([]ingest.AnnEntity{
		ent("p", schema.Person, "Pavel Štěpáník"),
		{ID: "o", Type: schema.Organization, Kind: "GOVERNMENT", Name: "NÚKIB"},
		{ID: "n", Type: schema.Organization, Kind: "INTERNATIONAL", Name: "NATO"},
		event("e", "DIALOGUE", "Cyber Dialogue", "2024-03-18"),
		event("f", "CONFLICT", "Russian invasion of Ukraine", "2022"),
	}, ingest.AnnRelation{Subject: "p", Predicate: schema.HoldsPosition, Object: "o", Title: "Deputy Director"})
	pred := doc([]ingest.AnnEntity{
		ent("pp", schema.Person, "Pavel Stepanik"),
		{ID: "po", Type: schema.Organization, Kind: "GOVERNMENT", Name: "NUKIB"},
		{ID: "pn", Type: schema.Organization, Kind: "MILITARY", Name: "NATO"},
		event("pe", "MEETING", "Cyber Dialogue", "2024-03"),
		event("pf", "CONFLICT", "Russian invasion of Ukraine", "2022"),
	}, ingest.AnnRelation{Subject: "pp", Predicate: schema.HoldsPosition, Object: "po", Title: "deputy director"})
	gold.Title, gold.Date, gold.Kind = "The Cyber Dialogue", "2024-03-18", "PRESS_RELEASE"
	pred.Title, pred.Date, pred.Kind = "Cyber dialogue", "2024-03-18", "NEWS"
	r := New()
	r.Add(gold, pred)
	for _, c := range []struct {
		name      string
		got, want Accuracy
	}{
		{"title", r.Title, Accuracy{1, 1}},
		{"kind", r.Kind, Accuracy{2, 4}},
		{"date", r.Date, Accuracy{1, 2}},
		{"document title", r.DocTitle, Accuracy{1, 1}},
		{"document date", r.DocDate, Accuracy{1, 1}},
		{"document kind", r.DocKind, Accuracy{0, 1}},
	} {
		if c.got != c.want {
			t.Errorf("%s accuracy = %+v, want %+v", c.name, c.got, c.want)
		}
	}
}

func TestMicroAverage(t *testing.T) {
	g1 := ingest.Annotation{Document: "a", Entities: []ingest.AnnEntity{ent("x", schema.Country, "France"), ent("y", schema.Country, "Spain")}}
	g2 := ingest.Annotation{Document: "b", Entities: []ingest.AnnEntity{ent("x", schema.Country, "Italy")}}
	p1 := ingest.Annotation{Document: "a", Entities: []ingest.AnnEntity{ent("1", schema.Country, "France"), ent("2", schema.Country, "Spain")}}
	// b has no prediction at all: its gold counts as missed.
	r := Score([]ingest.Annotation{g1, g2}, []ingest.Annotation{p1})
	c := r.EntityTotal()
	if want := (Counts{TP: 2, FN: 1}); c != want {
		t.Fatalf("EntityTotal() = %+v, want %+v", c, want)
	}
	if p, rec := c.Precision(), c.Recall(); p != 1 || rec < 0.666 || rec > 0.667 {
		t.Errorf("P, R = %v, %v, want 1, 2/3", p, rec)
	}
	if f := c.F1(); f < 0.799 || f > 0.801 {
		t.Errorf("F1 = %v, want 0.8", f)
	}
}

func TestWrite(t *testing.T) {
	gold := ingest.Annotation{Document: "a.txt",
		Entities:  []ingest.AnnEntity{ent("b", schema.Person, "Antony Blinken"), ent("l", schema.Person, "Jan Lipavský")},
		Relations: []ingest.AnnRelation{rel("b", schema.MetWith, "l")}}
	pred := ingest.Annotation{Document: "a.txt",
		Entities: []ingest.AnnEntity{ent("1", schema.Person, "Antony Blinken"), ent("2", schema.Person, "Prague")}}
	r := New()
	r.Add(gold, pred)
	var short, long bytes.Buffer
	if err := r.Write(&short, false); err != nil {
		t.Fatal(err)
	}
	if err := r.Write(&long, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Person", "overall (no Topic)", "MET_WITH", "0.500"} {
		if !strings.Contains(short.String(), want) {
			t.Errorf("Write(verbose=false) lacks %q:\n%s", want, short.String())
		}
	}
	for _, want := range []string{"== a.txt", "Jan Lipavský (Person)", "Prague (Person)", "Antony Blinken MET_WITH Jan Lipavský"} {
		if !strings.Contains(long.String(), want) {
			t.Errorf("Write(verbose=true) lacks %q:\n%s", want, long.String())
		}
		if strings.Contains(short.String(), want) {
			t.Errorf("Write(verbose=false) has %q", want)
		}
	}
}

func TestLoadGold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", `{"document":"a.txt","entities":[{"id":"x","type":"Country","name":"France","aliases":[]}],"relations":[]}`)
	g, err := LoadGold(dir)
	if err != nil {
		t.Fatalf("LoadGold: %v", err)
	}
	if len(g) != 1 || g["a.txt"].Entities[0].Name != "France" {
		t.Errorf("LoadGold = %+v", g)
	}
	write("b.json", `{"document":`)
	if _, err := LoadGold(dir); err == nil || !strings.Contains(err.Error(), "b.json") {
		t.Errorf("LoadGold(bad json) error = %v, want one naming b.json", err)
	}
	if _, err := LoadGold(filepath.Join(dir, "missing")); err == nil {
		t.Error("LoadGold(missing dir) = nil error")
	}
}

func TestCorpusGoldLoads(t *testing.T) {
	g, err := LoadGold("../../corpus/gold")
	if err != nil {
		t.Fatal(err)
	}
	// Gold against itself must score perfectly: a check that matching and
	// id resolution agree with the gold files' own conventions.
	var gs []ingest.Annotation
	for _, a := range g {
		gs = append(gs, a)
	}
	r := Score(gs, gs)
	for _, c := range []Counts{r.EntityTotal(), r.RelationTotal()} {
		if c.FP != 0 || c.FN != 0 || c.TP == 0 {
			t.Errorf("gold scored against itself = %+v, want no errors", c)
		}
	}
}
