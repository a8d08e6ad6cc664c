package phrase

import (
	"strings"
	"testing"
	"unicode"
)

// tokens splits an example into words and punctuation; words in brackets
// are claimed, as names the recognizer found.
func tokens(example string) Input {
	var in Input
	claimed := false
	for _, f := range strings.Fields(example) {
		if strings.HasPrefix(f, "[") {
			claimed, f = true, f[1:]
		}
		end := strings.HasSuffix(strings.TrimRight(f, ".,"), "]")
		core := strings.TrimRight(strings.TrimRight(f, ".,"), "]")
		if core == "" {
			for _, p := range f {
				in.Toks = append(in.Toks, Token{Key: string(p)})
			}
			continue
		}
		from := len(in.Toks)
		in.Toks = append(in.Toks, Token{Key: strings.ToLower(core), Cap: unicode.IsUpper([]rune(core)[0])})
		if claimed {
			in.Claimed = append(in.Claimed, Span{From: from, To: from + 1})
		}
		for _, p := range f[len(core):] {
			if p != ']' {
				in.Toks = append(in.Toks, Token{Key: string(p)})
			}
		}
		if end {
			claimed = false
		}
	}
	in.Sents = []Sentence{{From: 0, To: len(in.Toks)}}
	return in
}

func TestInstrumentDescriptions(t *testing.T) {
	tests := []struct{ example, want string }{
		{"The ministers signed a cooperation agreement on fisheries and tourism.", "cooperation agreement on fisheries and tourism"},
		{"They also signed an agreement between the [Ministry of Trade] and its counterpart in [Freedonia], officials said.",
			"agreement between the ministry of trade and its counterpart in freedonia"},
		{"Both sides adopted the joint statement of the commission.", "joint statement of the commission"},
		{"A memorandum of understanding on tourism was inked by the two ministers.", "memorandum of understanding on tourism"},
		{"The agreement was signed in Zenda.", ""},
		{"The envoys signed a trade accord in [Zenda] on Friday.", ""}, // "in" before a name says where
		{"They signed a memorandum of understanding on consular cooperation in [Zenda] on Friday.", "memorandum of understanding on consular cooperation"},
		{"They welcomed the joint declaration.", ""},
		{"The two countries signed eleven agreements on Friday.", ""},
		{"He made a statement on the talks.", ""},
	}
	for _, tt := range tests {
		in := tokens(tt.example)
		var got []string
		for _, sp := range Find(in) {
			var ws []string
			for _, tok := range in.Toks[sp.From:sp.To] {
				ws = append(ws, tok.Key)
			}
			got = append(got, strings.Join(ws, " "))
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.example, g, tt.want)
		}
	}
}

// TestAppositivePosts: a person named without a post before the name and
// given one after it, with the post's owner where the phrase names it.
func TestAppositivePosts(t *testing.T) {
	titles := map[string]bool{"president-elect": true, "secretary": true, "minister": true, "president": true}
	tests := []struct{ example, want string }{
		{"She met Anna Weber , [Ruritania] 's president-elect , in Zenda .", "anna weber / president-elect / ruritania"},
		{"Anna Weber , Minister of Trade , spoke .", "anna weber / minister of trade / "},
		{"He will meet Karl Hof , the incoming Secretary of Trade of [Freedonia] .", "karl hof / secretary of trade / freedonia"},
		{"The Minister of Foreign Affairs , Ambassador Karl Hof , spoke .", ""},
		{"Talks with Anna Weber , who leads the party , ended .", ""},
	}
	for _, tt := range tests {
		in := tokens(tt.example)
		for i := range in.Toks {
			in.Toks[i].Word = in.Toks[i].Key != "," && in.Toks[i].Key != "."
		}
		for i := range in.Claimed {
			in.Claimed[i].Type = "Country"
		}
		in.NameEnd = func(i, limit int) int {
			j := i
			for j < limit && in.Toks[j].Cap && in.Toks[j].Word && !titles[in.Toks[j].Key] {
				j++
			}
			return j
		}
		in.TitleEnd = func(i, limit int) int {
			if i >= limit || !titles[in.Toks[i].Key] {
				return i
			}
			j := i + 1
			if j+1 < limit && in.Toks[j].Key == "of" && in.Toks[j+1].Cap && !slicesContainsStart(in.Claimed, j+1) {
				j += 2
			}
			return j
		}
		var got []string
		for _, sp := range Find(in) {
			if sp.Type != "Person" {
				continue
			}
			words := func(a, b int) string {
				var ws []string
				for _, tok := range in.Toks[a:b] {
					ws = append(ws, tok.Key)
				}
				return strings.Join(ws, " ")
			}
			owner := ""
			if sp.Owner >= 0 {
				owner = words(in.Claimed[sp.Owner].From, in.Claimed[sp.Owner].To)
			}
			got = append(got, words(sp.From, sp.To)+" / "+words(sp.Title[0], sp.Title[1])+" / "+owner)
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.example, g, tt.want)
		}
	}
}

func slicesContainsStart(spans []Span, from int) bool {
	for _, s := range spans {
		if s.From == from {
			return true
		}
	}
	return false
}
