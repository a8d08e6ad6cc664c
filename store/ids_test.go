package store

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
)

func TestEntityID(t *testing.T) {
	tests := []struct {
		t    schema.EntityType
		name string
		want string
	}{
		{schema.Country, "Czech Republic", "country:czech-republic"},
		{schema.Organization, "NÚKIB", "organization:nukib"},
		{schema.Person, "Jan Lipavský", "person:jan-lipavsky"},
		{schema.Country, "U.S.", "country:us"}, // punctuation vanishes, as in schema.Key
		{schema.Country, "US", "country:us"},   // so the two are one entity, as before slugs
		{schema.Location, "The Hague", "location:hague"},
		{schema.Agreement, "Kenya–Uganda Trade Agreement", "agreement:kenya-uganda-trade-agreement"},
		{schema.Event, "U.S.-Czech  Strategic / Dialogue", "event:us-czech-strategic-dialogue"},
		{schema.Person, "Prosecutor's Office", "person:prosecutors-office"},
		{schema.Location, "Łódź", "location:łodz"},    // ł does not decompose: it stays a letter
		{schema.Organization, "!!!", "organization:"}, // no key: Batch.Prepare refuses the name
	}
	for _, tt := range tests {
		if got := EntityID(tt.t, tt.name); got != tt.want {
			t.Errorf("EntityID(%s, %q) = %q, want %q", tt.t, tt.name, got, tt.want)
		}
	}
}

func TestNormalizeID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"country:czech republic", "country:czech-republic"}, // written before slugs
		{"organization:national cyber and information security agency", "organization:national-cyber-and-information-security-agency"},
		{"country:czech-republic", "country:czech-republic"},
		{"organization:NÚKIB", "organization:nukib"},
		{"Country:Czech Republic", "country:czech-republic"},
		{"event:the summit", "event:the-summit"}, // an id keeps its words: only names lose "the"
		{"location:łodz", "location:łodz"},
		{"rel:0123abcd", "rel:0123abcd"},
		{"doc:a b", "doc:a b"}, // not an entity id
		{"planet:a b", "planet:a b"},
		{"no colon", "no colon"},
		{"", ""},
		{"person:", "person:"},
	}
	for _, tt := range tests {
		if got := NormalizeID(tt.in); got != tt.want {
			t.Errorf("NormalizeID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNormalizeIDOfOldIDs checks, over names of every kind of trouble,
// that an id written before slugs (the type and schema.Key of the name)
// normalizes to EntityID of the name, and that EntityID's ids are left
// alone.
func TestNormalizeIDOfOldIDs(t *testing.T) {
	names := []string{"Czech Republic", "NÚKIB", "U.S.", "the United Kingdom", "São Tomé and Príncipe", "Côte d'Ivoire",
		"Straße", "İstanbul", "Ｕｎｉｃｏｄｅ", "ＫＫ", "Ministry of Foreign Affairs (Kenya)", "G7/G20 summit", "2024 NATO Summit",
		"Lars Holm's visit to Nairobi", "Kenya–Uganda", "  spaced   out  ", "Łódź", "Þingvellir", "Ærø", "Москва", "北京"}
	for _, name := range names {
		for _, typ := range []schema.EntityType{schema.Person, schema.Country, schema.Event} {
			old := strings.ToLower(string(typ)) + ":" + schema.Key(name)
			id := EntityID(typ, name)
			if got := NormalizeID(old); got != id {
				t.Errorf("NormalizeID(%q) = %q, want EntityID(%s, %q) = %q", old, got, typ, name, id)
			}
			if got := NormalizeID(id); got != id {
				t.Errorf("NormalizeID(%q) = %q, want it unchanged", id, got)
			}
			if strings.ContainsAny(id[strings.Index(id, ":")+1:], " :/?#%") {
				t.Errorf("EntityID(%s, %q) = %q holds a character a URL would escape", typ, name, id)
			}
		}
	}
}

func TestNormalizeIDs(t *testing.T) {
	in := []string{"country:czech-republic", "country:czech republic"}
	got := NormalizeIDs(in)
	if got[1] != "country:czech-republic" || in[1] != "country:czech republic" {
		t.Errorf("NormalizeIDs(%q) = %q and the input became %q; want a new slice with the slug", []string{"country:czech-republic", "country:czech republic"}, got, in)
	}
	same := []string{"a:b", "person:x"}
	if got := NormalizeIDs(same); &got[0] != &same[0] {
		t.Errorf("NormalizeIDs of current ids copied them")
	}
}
