package ingest

import "github.com/diplograph/diplograph/schema"

// A name with no post or honorific before it ("Kofi Mensah met with
// Tomas Rivera in Lima") is a person's when the words around it are
// ones that only people stand beside: a verb whose subject is someone
// ("… met", "… said", "… will travel") or a word that governs someone
// ("met with …", "hosted by …", "thanked …", "such as …"). The name
// itself says only that it could be a person's: two to four capitalized
// words, none a known thing, a head of a body, agreement or event, or a
// post, and ending in a word that is no common English word (so "the
// White House said" stays unread). Only the context decides.

// personAfter are words that, right after a name, make it a person's.
var personAfter = map[string]bool{
	"said": true, "says": true, "told": true, "added": true, "noted": true, "stressed": true,
	"emphasized": true, "emphasised": true, "underlined": true, "highlighted": true, "thanked": true,
	"expressed": true, "urged": true, "praised": true, "reaffirmed": true, "conveyed": true,
	"met": true, "meets": true, "visited": true, "visits": true, "travelled": true, "traveled": true,
	"travels": true, "spoke": true, "speaks": true, "welcomed": true, "received": true, "hosted": true,
	"briefed": true, "chaired": true, "co-chaired": true, "paid": true, "led": true, "called": true,
	"signed": true, "will": true, "held": true, "holds": true, "attended": true, "addressed": true, "participated": true, "arrived": true, "congratulated": true, "recalled": true,
}

// personBefore are words that, right before a name, make it a person's.
var personBefore = map[string]bool{
	"with": true, "by": true, "between": true, "including": true, "thanked": true, "told": true,
	"met": true, "meet": true, "received": true, "welcomed": true, "congratulated": true, "said": true,
	"as": true, // "such as Kofi Mensah"
}

// bareNames finds the people the text names bare (see above), after the
// passes that read posts and honorifics, so a name they found stays
// theirs.
func (rc *recognizer) bareNames() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for i := s.From; i < s.To; i++ {
			if !toks[i].Cap || !toks[i].Word || rc.inside(i) || i > s.From && toks[i-1].Cap && toks[i-1].Word {
				continue
			}
			end := rc.nameAt(i, s.To)
			if n := nameWords(toks[i:end]); n < 2 || n > 4 || end < s.To && toks[end].Cap && toks[end].Word || rc.postAfter(end, s) || !rc.nameLike(i, end) || !rc.personContext(i, end, s) {
				continue
			}
			rc.person(i, end, "", nil)
			i = end - 1
		}
	}
}

// nameLike reports tokens [from,to) that could be a person's name.
func (rc *recognizer) nameLike(from, to int) bool {
	wordsOnce.Do(loadWords)
	toks := rc.a.Toks
	if !rc.plainWords(from, to) || lowerWord[toks[to-1].Key] && !nameParticles[toks[to-1].Key] {
		return false
	}
	for k := from; k < to; k++ {
		t := toks[k]
		if t.Cap && lowerWord[t.Key] && !properWrd[t.Text] || rc.inside(k) || t.Upper && len(t.Text) > 1 {
			return false
		}
	}
	return true
}

// personContext reports a name at [from,to) of sentence s that the words
// around it make a person's.
func (rc *recognizer) personContext(from, to int, s sentence) bool {
	toks := rc.a.Toks
	if to < s.To && personAfter[toks[to].Key] {
		return true
	}
	// "Kofi Mensah and Tomas Rivera met": a name before another's that
	// the verb after both makes a person's
	if to+1 < s.To && toks[to].Key == "and" && toks[to+1].Cap {
		end := rc.nameAt(to+1, s.To)
		if n := nameWords(toks[to+1 : end]); n >= 2 && n <= 4 && end < s.To && personAfter[toks[end].Key] && rc.nameLike(to+1, end) {
			return true
		}
	}
	if from == s.From {
		return false
	}
	before := toks[from-1].Key
	if personBefore[before] && (before != "as" || from-2 >= s.From && toks[from-2].Key == "such") {
		return true
	}
	// "between Kofi Mensah and Tomas Rivera": a name after another's
	return before == "and" && from-2 >= s.From && rc.personEndingAt(from-1) != nil
}

// personEndingAt is the person mention that ends at token k, if any.
func (rc *recognizer) personEndingAt(k int) *mention {
	for _, q := range rc.mentionsIn(max(0, k-6), k) {
		if q.To == k && !q.Dropped && rc.reg.resolve(q.E).Type == schema.Person {
			return q
		}
	}
	return nil
}

// postAfter reports a post set off after a name ending at k ("…, the
// incoming Minister of Trade", "…, Peru's Foreign Minister"): the
// appositive reader takes the name with its post.
func (rc *recognizer) postAfter(k int, s sentence) bool {
	toks := rc.a.Toks
	if k+1 >= s.To || toks[k].Text != "," {
		return false
	}
	j := k + 1
	for j < s.To && (toks[j].Key == "the" || toks[j].Key == "incoming" || toks[j].Key == "current" || toks[j].Key == "outgoing" || toks[j].Key == "new" || toks[j].Key == "then") {
		j++
	}
	if m := rc.knownAt(j); m != nil && m.To+1 < s.To && (toks[m.To].Key == "'s" || toks[m.To].Key == "’s") {
		return true
	}
	end, _ := rc.titleAt(j, s.To)
	return end > j
}

// nameWords counts the words of a name but its particles ("de la").
func nameWords(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.Word && !nameParticles[t.Key] {
			n++
		}
	}
	return n
}
