package store

import (
	"testing"

	"github.com/diplograph/diplograph/schema"
)

func validBatch() Batch {
	text := "NATO and the Czech Republic signed a Memorandum."
	return Batch{
		Document: Document{Filename: "a.txt", Text: text, Kind: "PRESS_RELEASE"},
		Entities: []Entity{
			{Type: schema.Organization, Kind: "INTERNATIONAL", Name: "NATO", Aliases: []string{"NATO", "", "North Atlantic Treaty Organization", "north atlantic treaty organization"}},
			{Type: schema.Country, Name: "Czech Republic"},
			{Type: schema.Agreement, Kind: "MOU", Name: "Memorandum"},
		},
		Relations: []Relation{
			{Type: schema.Signed, Subject: "organization:nato", Object: "agreement:memorandum", Evidence: []Evidence{{Start: 0, End: len(text), Sentence: text, Confidence: 0.8}}},
			{Type: schema.Signed, Subject: "organization:nato", Object: "agreement:memorandum", Evidence: []Evidence{{Start: 0, End: len(text), Sentence: text, Confidence: 0.9}}},
		},
	}
}

func TestPrepare(t *testing.T) {
	b := validBatch()
	if err := b.Prepare(); err != nil {
		t.Fatalf("Prepare(valid) = %v", err)
	}
	if b.Document.ID != DocumentID(b.Document.Text) {
		t.Errorf("document id = %q, want the hash of its text", b.Document.ID)
	}
	if got := b.Entities[0].Aliases; len(got) != 1 || got[0] != "North Atlantic Treaty Organization" {
		t.Errorf("aliases = %q, want the one distinct alias", got)
	}
	if len(b.Relations) != 1 {
		t.Fatalf("relations = %d, want the two readings of one fact folded into 1", len(b.Relations))
	}
	r := b.Relations[0]
	if r.Confidence != 0.9 || len(r.Evidence) != 1 || r.Evidence[0].RelationID != r.ID || r.Evidence[0].DocumentID != b.Document.ID {
		t.Errorf("folded relation = %+v, want confidence 0.9 and one piece of evidence pointing at it", r)
	}
}

func TestPrepareRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Batch)
	}{
		{"empty text", func(b *Batch) { b.Document.Text = "  \n" }},
		{"invalid UTF-8", func(b *Batch) { b.Document.Text = "a\xffb" }},
		{"unknown document kind", func(b *Batch) { b.Document.Kind = "BLOG" }},
		{"unknown entity type", func(b *Batch) { b.Entities[0].Type = "Planet" }},
		{"entity without a name", func(b *Batch) { b.Entities[0].Name = " ... " }},
		{"kind of another type", func(b *Batch) { b.Entities[0].Kind = "DIALOGUE" }},
		{"id of another type", func(b *Batch) { b.Entities[0].ID = "country:" + schema.Key(b.Entities[0].Name) }},
		{"id without a type", func(b *Batch) { b.Entities[0].ID = schema.Key(b.Entities[0].Name) }},
		{"unknown relation type", func(b *Batch) { b.Relations[0].Type = "KNOWS" }},
		{"relation to itself", func(b *Batch) { b.Relations[0].Object = b.Relations[0].Subject }},
		{"ends the ontology forbids", func(b *Batch) { b.Relations[0].Type = schema.HeldIn }},
		{"no evidence", func(b *Batch) { b.Relations[0].Evidence = nil }},
		{"offsets outside the text", func(b *Batch) { b.Relations[0].Evidence[0].End = 10_000 }},
		{"confidence above 1", func(b *Batch) { b.Relations[0].Evidence[0].Confidence = 1.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := validBatch()
			tt.mutate(&b)
			if err := b.Prepare(); ErrorCode(err) != EINVALID {
				t.Errorf("Prepare() = %v, want an %s error", err, EINVALID)
			}
		})
	}
}

func TestTypeOf(t *testing.T) {
	tests := []struct {
		id   string
		want schema.EntityType
		ok   bool
	}{
		{"person:pavel-stepanik", schema.Person, true},
		{"organization:ministry-of-justice-czech-republic", schema.Organization, true},
		{EntityID(schema.Event, "Cyber Dialogue"), schema.Event, true},
		{"Person:pavel", "", false},
		{"planet:mars", "", false},
		{"no type here", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, ok := TypeOf(tt.id)
			if got != tt.want || ok != tt.ok {
				t.Errorf("TypeOf(%q) = %q, %v; want %q, %v", tt.id, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCursor(t *testing.T) {
	for _, c := range []struct{ key, id string }{{"", ""}, {"2024-03-18", "event:x"}, {"a\" b\x00", "ü \n"}} {
		k, id, err := DecodeCursor(EncodeCursor(c.key, c.id))
		if err != nil || k != c.key || id != c.id {
			t.Errorf("DecodeCursor(EncodeCursor(%q, %q)) = %q, %q, %v", c.key, c.id, k, id, err)
		}
	}
	for _, bad := range []string{"", "!!!", "Zm9v", EncodeCursor("a", "b") + "x"} {
		if _, _, err := DecodeCursor(bad); ErrorCode(err) != EINVALID {
			t.Errorf("DecodeCursor(%q) = %v, want %s", bad, err, EINVALID)
		}
	}
}

func TestSearchLimit(t *testing.T) {
	for _, tt := range []struct{ in, want int }{{0, DefaultSearchLimit}, {-3, DefaultSearchLimit}, {7, 7}, {MaxPageSize, MaxPageSize}, {MaxPageSize + 1, MaxPageSize}} {
		if got := SearchLimit(tt.in); got != tt.want {
			t.Errorf("SearchLimit(%d) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
