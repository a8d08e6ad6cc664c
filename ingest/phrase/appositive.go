package phrase

import "github.com/diplograph/diplograph/schema"

// Words that may stand before a post set off after a name ("Anna Weber,
// Ruritania's incoming Foreign Minister") without being part of its name.
var postModifiers = map[string]bool{"the": true, "incoming": true, "current": true, "outgoing": true, "new": true, "newly": true, "appointed": true, "then": true}

// appositive reads a person named without a post before the name, who is
// given one set off after it: "Anna Weber, Ruritania's president-elect",
// "Karl Hof, the incoming Secretary of Trade of Freedonia", "Anna Weber,
// Minister of Trade". The name is what the recognizer reads as a personal
// name, not yet claimed and not the tail of a longer capitalized run; the
// post is what it reads as a post's name; the owner is a claimed state or
// body before the post (with 's) or after it (with of).
func (in Input) appositive(k int, s Sentence, claimed []bool, starts map[int]int) (Span, bool) {
	if in.NameEnd == nil || claimed[k] || !in.Toks[k].Cap || k > s.From && (in.Toks[k-1].Cap && in.Toks[k-1].Word || nameTails[in.Toks[k-1].Key]) {
		return Span{}, false // "Minister of Foreign Affairs, …": the tail of a post or a body
	}
	// "His Majesty Karl Hof, King of Rivia": the form of address is
	// no part of the name
	if k+2 < s.To && (in.Toks[k].Key == "his" || in.Toks[k].Key == "her") && addresses[in.Toks[k+1].Key] {
		k += 2
	}
	e := in.NameEnd(k, s.To)
	if e-k < 2 || e+2 >= s.To || in.Toks[e].Key != "," {
		return Span{}, false
	}
	for j := k; j < e; j++ {
		if claimed[j] {
			return Span{}, false
		}
	}
	sp := Span{From: k, To: e, Type: schema.Person, Rule: "appositive-post", Owner: -1}
	j := e + 1
	for j < s.To && postModifiers[in.Toks[j].Key] {
		j++
	}
	if c, ok := starts[j]; ok && in.owner(c) && in.Claimed[c].To+1 < s.To && isPossessive(in.Toks[in.Claimed[c].To].Key) {
		sp.Owner = c
		j = in.Claimed[c].To + 1
		for j < s.To && postModifiers[in.Toks[j].Key] {
			j++
		}
	}
	te := in.TitleEnd(j, s.To)
	if te <= j {
		return Span{}, false
	}
	sp.Title = [2]int{j, te}
	if sp.Owner < 0 && te+1 < s.To && in.Toks[te].Key == "of" {
		o := te + 1
		if in.Toks[o].Key == "the" {
			o++
		}
		if c, ok := starts[o]; ok && in.owner(c) {
			sp.Owner = c
		}
	}
	return sp, true
}

// owner says whether claimed span c can own a post: a state or a body.
func (in Input) owner(c int) bool {
	t := in.Claimed[c].Type
	return t == schema.Country || t == schema.Organization
}

// addresses follow "His" or "Her" in a form of address.
var addresses = map[string]bool{"excellency": true, "majesty": true, "highness": true, "royal": true}

// nameTails are words after which capitals continue a longer name.
var nameTails = map[string]bool{"of": true, "for": true, "the": true, "and": true, "&": true}

func isPossessive(key string) bool { return key == "'s" || key == "’s" }
