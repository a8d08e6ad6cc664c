package event

import (
	"strings"
	"testing"
	"unicode"

	"github.com/diplograph/diplograph/schema"
)

var bracketTypes = map[string]schema.EntityType{
	"P": schema.Person, "O": schema.Organization, "C": schema.Country, "L": schema.Location,
	"A": schema.Agreement, "E": schema.Event,
}

// parse reads a rule's example: words split at spaces and punctuation,
// names in brackets with their type, one entity per distinct name. It has
// no tagger, so the rules must hold on untagged text too.
func parse(t *testing.T, example string) (Input, []string) {
	t.Helper()
	var in Input
	var names []string
	entity := map[string]int{}
	word := func(w string) {
		r := []rune(w)
		in.Toks = append(in.Toks, Token{Key: strings.ToLower(w), Cap: unicode.IsUpper(r[0])})
	}
	words := func(s string) {
		for _, f := range strings.Fields(s) {
			core := strings.TrimRight(f, ",.")
			if core != "" {
				word(core)
			}
			for _, p := range f[len(core):] {
				word(string(p))
			}
		}
	}
	for rest := example; rest != ""; {
		open := strings.IndexByte(rest, '[')
		if open < 0 {
			words(rest)
			break
		}
		words(rest[:open])
		end := strings.IndexByte(rest, ']')
		typ, name, _ := strings.Cut(rest[open+1:end], " ")
		name = strings.TrimPrefix(name, "the ")
		if strings.HasPrefix(rest[open+1:end], typ+" the ") {
			word("the")
		}
		n, ok := entity[name]
		if !ok {
			n = len(entity)
			entity[name] = n
		}
		from := len(in.Toks)
		words(name)
		in.Mentions = append(in.Mentions, Mention{From: from, To: len(in.Toks), Type: bracketTypes[typ], Entity: n, Within: -1})
		names = append(names, name)
		rest = rest[end+1:]
	}
	in.Sents = []Sentence{{From: 0, To: len(in.Toks)}}
	return in, names
}

// TestTriggerExamples: each rule finds, in its own example sentence, the
// frame it says it finds, with the rule's name on it.
func TestTriggerExamples(t *testing.T) {
	for _, r := range Triggers {
		t.Run(r.Name, func(t *testing.T) {
			in, names := parse(t, r.Example)
			frames := Find(in)
			if len(frames) == 0 {
				t.Fatalf("%q: no frame, want %s", r.Example, r.Want)
			}
			f := frames[0]
			if f.Rule != r.Name {
				t.Errorf("frame made by %s, want %s", f.Rule, r.Name)
			}
			var got []string
			for _, f := range frames {
				got = append(got, f.Describe(func(i int) string { return names[i] }))
			}
			if g := strings.Join(got, " | "); g != r.Want {
				t.Errorf("%q:\n got %s\nwant %s", r.Example, g, r.Want)
			}
		})
	}
}

func TestTense(t *testing.T) {
	tests := []struct{ sentence, title, want string }{
		{"Anna Weber, the Foreign Minister of Ruritania, spoke.", "Foreign Minister", Current},
		{"Former Foreign Minister Anna Weber spoke.", "Foreign Minister", Former},
		{"Anna Weber, then-Foreign Minister, signed it in 2001.", "Foreign Minister", Former},
		{"Karl Hof, who served as Prime Minister until 2019, spoke.", "Prime Minister", Former},
		{"Anna Weber, Ruritania's president-elect, met the envoy.", "president", Incoming},
		{"Karl Hof, the incoming Secretary of Trade, attended.", "Secretary of Trade", Incoming},
		{"Anna Weber, Foreign Minister-designate, arrived.", "Foreign Minister", Incoming},
	}
	for _, tt := range tests {
		if got := Tense(tt.sentence, tt.title); got != tt.want {
			t.Errorf("Tense(%q, %q) = %s, want %s", tt.sentence, tt.title, got, tt.want)
		}
	}
}

// TestTripStops: each "to" of a trip names a stop, and a state set off
// after a city, with or without "the", is the city's.
func TestTripStops(t *testing.T) {
	in, names := parse(t, "Minister [P Anna Weber] will undertake a working visit to [L Zenda], the [C Republic of Ruritania] and to [L Rivia], [C Freedonia].")
	var got []string
	for _, f := range Find(in) {
		got = append(got, f.Describe(func(i int) string { return names[i] }))
	}
	want := "VISIT PLANNED agents=Anna Weber places=Zenda,Republic of Ruritania traveller=Anna Weber | VISIT PLANNED agents=Anna Weber places=Rivia,Freedonia traveller=Anna Weber"
	if g := strings.Join(got, " | "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
	// a state after a state is a stop of its own
	in, names = parse(t, "Minister [P Anna Weber] will travel to [C Ruritania], [C Freedonia] and [C Borduria] next week.")
	got = nil
	for _, f := range Find(in) {
		got = append(got, f.Describe(func(i int) string { return names[i] }))
	}
	want = "VISIT PLANNED agents=Anna Weber places=Ruritania traveller=Anna Weber | VISIT PLANNED agents=Anna Weber places=Freedonia traveller=Anna Weber | VISIT PLANNED agents=Anna Weber places=Borduria traveller=Anna Weber"
	if g := strings.Join(got, " | "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

// TestNoHappening: sentences that name a trigger word but report no
// happening give no frame.
func TestNoHappening(t *testing.T) {
	tests := []string{
		"[C Ruritania] and [C Freedonia] signed a memorandum to establish political consultations.",
		"[P Anna Weber] and [P Karl Hof] agreed to set up annual consultations.",
		"[P Anna Weber] discussed the negotiations with [C Freedonia].",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			in, names := parse(t, s)
			for _, f := range Find(in) {
				if f.Kind == "DIALOGUE" || f.Kind == "NEGOTIATION" {
					t.Errorf("got %s", f.Describe(func(i int) string { return names[i] }))
				}
			}
		})
	}
}

// TestSamePlace: a place lies on a stop when it is the stop or lies in it.
func TestSamePlace(t *testing.T) {
	in := Input{Mentions: []Mention{
		{Entity: 0, Within: -1}, // Ruritania, a stop
		{Entity: 1, Within: 0},  // Zenda, in Ruritania
		{Entity: 2, Within: -1}, // Rivia, elsewhere
	}}
	tests := []struct {
		q, p int
		want bool
	}{{0, 0, true}, {1, 0, true}, {2, 0, false}, {0, 1, false}}
	for _, tt := range tests {
		if got := in.samePlace(tt.q, tt.p); got != tt.want {
			t.Errorf("samePlace(%d, %d) = %v, want %v", tt.q, tt.p, got, tt.want)
		}
	}
}

// TestOwnedPost: a person named after a post whose "of" names the post's
// state takes part; after "the widow of" a person does not. A state after
// "the ministers of" attends; after a post's "of" it owns the post.
func TestOwnedPost(t *testing.T) {
	tests := []struct{ example, want string }{
		{"Foreign Minister [P Anna Weber] held a telephone conversation with Minister of Foreign Affairs of [C Ruritania] [P Karl Hof].",
			"MEETING HELD agents=Anna Weber,Karl Hof met=Anna Weber~Karl Hof"},
		{"Foreign Minister [P Anna Weber] held talks with the widow of [P Karl Hof].",
			"MEETING HELD agents=Anna Weber"},
		{"[C Ruritania] held talks with [C Zenda], [C Borduria] and [C Freedonia].",
			"MEETING HELD agents=Ruritania,Zenda,Borduria,Freedonia"},
		{"In 2024 the leaders of [C Ruritania], [C Zenda] and [C Borduria] met in [L Rivia].",
			"MEETING HELD agents=Ruritania,Zenda,Borduria places=Rivia"},
		{"Minister [P Anna Weber] held talks with her counterparts from [C Zenda] and [C Borduria].",
			"MEETING HELD agents=Anna Weber,Zenda,Borduria"},
		{"On 2 May 2024, [C Ruritania] held talks with [C Zenda].",
			"MEETING HELD agents=Ruritania,Zenda"},
		{"The [E Zenda Forum] was attended by the foreign ministers of [C Ruritania] and [C Freedonia].",
			"CONFERENCE HELD named=Zenda Forum agents=Ruritania,Freedonia"},
		{"Minister [P Anna Weber] attended a high-level meeting on trade hosted by [P Karl Hof].",
			"MEETING HELD agents=Anna Weber,Karl Hof met=Anna Weber~Karl Hof"},
		{"The Minister of Foreign Affairs of [C Ruritania] attended the [E Zenda Forum].",
			"CONFERENCE HELD named=Zenda Forum"},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			in, names := parse(t, tt.example)
			var got []string
			for _, f := range Find(in) {
				got = append(got, f.Describe(func(i int) string { return names[i] }))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

// TestStatusCues: the status a sentence gives the happening it reports,
// read where the happening's name starts and from a proposal that comes
// before it.
// TestDuring: a happening under way on the document's date is judged by
// its cue words, not by its first day.
func TestDuring(t *testing.T) {
	tests := []struct{ date, end, doc, cue, want string }{
		{"2016-05-31", "2016-06-02", "2016-06-02", Planned, Planned},
		{"2016-05-31", "2016-06-02", "2016-06-10", Planned, Held},
		{"2016-05-31", "", "2016-06-02", Planned, Held},
	}
	for _, tt := range tests {
		if got := Dated(tt.cue, During(tt.date, tt.end, tt.doc), tt.doc); got != tt.want {
			t.Errorf("Dated(%s, During(%s, %s, %s)) = %s, want %s", tt.cue, tt.date, tt.end, tt.doc, got, tt.want)
		}
	}
}

func TestStatusCues(t *testing.T) {
	tests := []struct{ example, want string }{
		{"Minister [P Anna Weber] will also launch the [E Ruritania Security and Defence Dialogue] in [L Zenda].", Planned},
		{"At the invitation of President [P Karl Hof], President [P Anna Weber] paid a state visit to [C Ruritania].", Held},
		{"President [P Karl Hof] invited President [P Anna Weber] to visit [C Ruritania].", Proposed},
		{"The leaders will attend the [E Zenda Summit], to which [C Ruritania] has been invited.", Planned},
		{"The [E Zenda Summit] was postponed.", Postponed},
		// "to" plans only as an infinitive that is not a past act's purpose
		{"Minister [P Anna Weber] arrived in [L Zenda] to attend the [E Zenda Summit].", Held},
		{"Minister [P Anna Weber] led a delegation to the [E Zenda Forum].", Held},
		{"Minister [P Anna Weber] is set to officially open the [E Zenda Forum].", Planned},
		{"[C Ruritania] looks forward to this year's [E Zenda Summit].", Planned},
		{"President [P Karl Hof], with a delegation, is scheduled to arrive in [L Zenda] on Friday for a four-day State visit.", Planned},
		{"He proposed that [C Ruritania] and [C Freedonia] carry out the outcomes of the [E 4th Zenda Joint Meeting].", Held},
		{"They will prepare for the [E Zenda Summit] scheduled to take place at the end of 2031.", Planned},
		{"Minister [P Anna Weber] will discuss trade in the context of the ongoing talks with [C Freedonia].", Held},
		// a verb of commitment puts its infinitive ahead, whatever its tense
		{"Ministers [P Anna Weber] and [P Karl Hof] agreed on Friday to hold a bilateral summit in [L Zenda].", Planned},
		{"[C Ruritania] and [C Freedonia] decided to convene the [E Zenda Forum] next year.", Planned},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			in, names := parse(t, tt.example)
			frames := Find(in)
			if len(frames) == 0 {
				t.Fatal("no frame")
			}
			if got := frames[0].Status; got != tt.want {
				t.Errorf("status %s, want %s (%s)", got, tt.want, frames[0].Describe(func(i int) string { return names[i] }))
			}
		})
	}
}

// TestVisitedPlace: the object of a finite trip verb is where the trip
// went; after an invitation's "to" the one invited travels.
func TestVisitedPlace(t *testing.T) {
	tests := []struct{ example, want string }{
		{"Minister [P Anna Weber] had visited [L Zenda] in 2023.", "VISIT HELD agents=Anna Weber places=Zenda traveller=Anna Weber"},
		{"Minister [P Anna Weber] will visit [L Zenda] next week.", "VISIT PLANNED agents=Anna Weber places=Zenda traveller=Anna Weber"},
		{"[P Karl Hof] invited [P Anna Weber] to visit [L Zenda].", "VISIT PROPOSED agents=Karl Hof,Anna Weber traveller=Anna Weber"},
		// a plan's infinitive is the subject's own trip
		{"Minister [P Anna Weber] is scheduled to visit [L Zenda] next week.", "VISIT PLANNED agents=Anna Weber places=Zenda traveller=Anna Weber"},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			in, names := parse(t, tt.example)
			in.Toks = tagVisit(in.Toks)
			var got []string
			for _, f := range Find(in) {
				got = append(got, f.Describe(func(i int) string { return names[i] }))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

// tagVisit tags the trip verbs of the examples as a tagger would: the
// examples have no tagger.
func tagVisit(toks []Token) []Token {
	for k := range toks {
		switch toks[k].Key {
		case "visited":
			toks[k].Tag = "VBN"
		case "visit":
			toks[k].Tag = "VB"
		}
	}
	return toks
}

// TestNamedHappening: a frame reports the event the clause names unless
// its own noun, with no determiner, stands apart from that name.
func TestNamedHappening(t *testing.T) {
	tests := []struct{ example, want string }{
		{"The proposal to hold talks was made by [P Anna Weber] during the [E 12th Zenda Assembly].", "MEETING PLANNED agents=Anna Weber"},
		{"[P Anna Weber] and [P Karl Hof] held talks at the [E Zenda Summit].", "SUMMIT HELD named=Zenda Summit agents=Anna Weber,Karl Hof met=Anna Weber~Karl Hof"},
	}
	for _, tt := range tests {
		t.Run(tt.example, func(t *testing.T) {
			in, names := parse(t, tt.example)
			frames := Find(in)
			if len(frames) == 0 {
				t.Fatal("no frame")
			}
			if got := frames[0].Describe(func(i int) string { return names[i] }); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestVerbAfterSubject: a trigger right after a person's name is its
// verb, though the tagger tags it a noun.
func TestVerbAfterSubject(t *testing.T) {
	in, names := parse(t, "[P Anna Weber] spoke by phone with [P Karl Hof].")
	for k := range in.Toks {
		if in.Toks[k].Key == "spoke" {
			in.Toks[k].Tag = "NN"
		}
	}
	frames := Find(in)
	if len(frames) == 0 {
		t.Fatal("no frame")
	}
	if got, want := frames[0].Describe(func(i int) string { return names[i] }), "MEETING HELD agents=Anna Weber,Karl Hof met=Anna Weber~Karl Hof"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestAdjectiveNoStop: a state's adjective names no stop of a trip, unless
// a place noun follows it.
func TestAdjectiveNoStop(t *testing.T) {
	tests := []struct {
		example string
		stop    bool // whether the adjective's state is a stop
	}{
		{"When President [P Anna Weber] traveled to [L Zenda] in May, she and [C Rivian] President [P Karl Hof] spoke.", false},
		{"President [P Anna Weber] traveled to [L Zenda], the [C Rivian] capital.", true},
	}
	for _, tt := range tests {
		in, names := parse(t, tt.example)
		for i, m := range in.Mentions {
			in.Mentions[i].Adjective = m.Type == schema.Country
		}
		var got []string
		for _, f := range Find(in) {
			got = append(got, f.Describe(func(i int) string { return names[i] }))
		}
		g := strings.Join(got, " | ")
		if stop := strings.Contains(g, "Rivian traveller") || strings.Contains(g, "places=Rivian"); stop != tt.stop {
			t.Errorf("%q: got %s; Rivian a stop: %v, want %v", tt.example, g, stop, tt.stop)
		}
	}
}
