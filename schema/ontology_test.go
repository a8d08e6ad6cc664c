package schema

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want, key string }{
		{"NÚKIB", "nukib", "nukib"},
		{"The Czech Republic", "czech republic", "czech republic"},
		{"U.S.", "us", "us"},
		{"Supreme State Prosecutor's Office", "supreme state prosecutors office", "supreme state prosecutors office"},
		{"United States-Czech Republic", "united statesczech republic", "united states czech republic"},
		{"United States - Czech Republic", "united states czech republic", "united states czech republic"},
		{"  Pavel   Štěpáník ", "pavel stepanik", "pavel stepanik"},
		{"theatre", "theatre", "theatre"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Key(tt.in); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.key)
		}
	}
}

func TestRelationEndpoints(t *testing.T) {
	tests := []struct {
		rel      RelationType
		from, to EntityType
		want     bool
	}{
		{Attended, Organization, Event, true},
		{Attended, Event, Organization, false},
		{HoldsPosition, Person, Country, true},
		{HoldsPosition, Organization, Country, false},
		{MemberOf, Country, Organization, true},
		{MemberOf, Country, Country, false},
		{HeldIn, Event, Location, true},
		{Discussed, Event, Topic, true},
		{MetWith, Person, Person, true},
		{RelationType("KNOWS"), Person, Person, false},
	}
	for _, tt := range tests {
		if got := tt.rel.Allows(tt.from, tt.to); got != tt.want {
			t.Errorf("%s.Allows(%s, %s) = %v, want %v", tt.rel, tt.from, tt.to, got, tt.want)
		}
	}
	for _, r := range RelationTypes {
		if !r.Valid() {
			t.Errorf("%s in RelationTypes has no endpoint rule", r)
		}
	}
}

func TestValidKind(t *testing.T) {
	tests := []struct {
		t    EntityType
		kind string
		want bool
	}{
		{Organization, "GOVERNMENT", true},
		{Organization, "DIALOGUE", false},
		{Event, "DIALOGUE", true},
		{Person, "", true},
		{Person, "GOVERNMENT", false},
		{Document, "MEDIA_NOTE", true},
	}
	for _, tt := range tests {
		if got := ValidKind(tt.t, tt.kind); got != tt.want {
			t.Errorf("ValidKind(%s, %q) = %v, want %v", tt.t, tt.kind, got, tt.want)
		}
	}
}
