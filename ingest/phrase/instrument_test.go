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
		{"The ministers signed a cooperation agreement on trade and investment.", "cooperation agreement on trade and investment"},
		{"They also signed an agreement between the [Ministry of Trade] and its counterpart in [Freedonia], officials said.",
			"agreement between the ministry of trade and its counterpart in freedonia"},
		{"Both sides adopted the joint statement of the commission.", "joint statement of the commission"},
		{"A memorandum of understanding on tourism was inked by the two ministers.", "memorandum of understanding on tourism"},
		{"The agreement was signed in Zenda.", ""},
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
