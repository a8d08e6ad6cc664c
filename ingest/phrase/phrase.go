// Package phrase is a layer of recognition that finds names by the shape
// of the phrase around a head word, where the recognizer's gazetteers and
// capitalized spans do not reach: instruments described in lower case
// ("a cooperation agreement on trade and investment", "an agreement
// between the Ministry of Trade of Ruritania and its counterpart in
// Freedonia").
//
// Contract. It receives the tokens of a document (folded keys, capitals,
// part-of-speech tags where the text layer has them), its sentences, and
// the spans the recognizer already claimed. It returns new spans, each
// with its type and the rule that found it, that overlap no claimed span
// and end inside their sentence. It never changes or drops a claimed span.
package phrase

import "github.com/diplograph/diplograph/schema"

// Token is one word as the text layer gives it.
type Token struct {
	Key  string // folded: lower case, no diacritics
	Cap  bool
	Word bool   // letters or digits, not punctuation
	Tag  string // Penn part of speech, "" when untagged
}

// Sentence is the token range [From, To).
type Sentence struct{ From, To int }

// Span is a phrase of tokens [From, To).
type Span struct {
	From, To int
	Type     schema.EntityType
	Kind     string // the kind its head gives ("MOU", "AGREEMENT", …)
	Rule     string
	// A person set off with a post: the post's tokens, and the claimed
	// span (an index into Input.Claimed) of the body or state it belongs
	// to, -1 when the phrase names none.
	Title [2]int
	Owner int
}

// Input is what the layer reads.
type Input struct {
	Toks    []Token
	Sents   []Sentence
	Claimed []Span // in text order, with their types
	// The recognizer's lexical knowledge, which the rules' structures
	// consult: where a personal name starting at i ends (i when none), and
	// where a post's name starting at i ends (i when none).
	NameEnd, TitleEnd func(i, limit int) int
}

// Find returns the spans of every rule, in text order.
func Find(in Input) []Span {
	claimed := make([]bool, len(in.Toks))
	for _, c := range in.Claimed {
		for k := c.From; k < c.To && k < len(claimed); k++ {
			claimed[k] = true
		}
	}
	starts := map[int]int{}
	for i, c := range in.Claimed {
		starts[c.From] = i
	}
	var out []Span
	for _, s := range in.Sents {
		for k := s.From; k < s.To; k++ {
			if sp, ok := in.instrument(k, s, claimed); ok {
				out = append(out, sp)
				k = sp.To - 1
			} else if sp, ok := in.appositive(k, s, claimed, starts); ok {
				out = append(out, sp)
				k = sp.To - 1
			}
		}
	}
	return out
}
