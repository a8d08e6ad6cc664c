package ingest

import (
	"slices"

	"github.com/diplograph/diplograph/ingest/event"
	"github.com/diplograph/diplograph/schema"
)

// A readout names its protagonist once and then says "he" or "she": "She
// also met with President Dina Boluarte and called on Prime Minister Luis
// Vera." The pronoun that is a sentence's subject (first, or first after
// an opening phrase and its comma: "Later, he …") stands for the first
// person named in the nearest sentence before that names one. It is
// recorded as a mention of that person, so every later layer reads the
// sentence as it means; no name is taken from it.

// "The two sides signed …", "Both ministers stressed …": a plural that
// opens a sentence as its subject stands for the pair the text has been
// about, the two states or the two people named together last before it.
// Each of the pair gets a mention over the phrase.

// pairNouns, after "the two" or "both", name a pair of states or of
// people.
var pairNouns = map[string]schema.EntityType{
	"sides": schema.Country, "countries": schema.Country, "states": schema.Country, "governments": schema.Country,
	"nations": schema.Country, "parties": schema.Country,
	"ministers": schema.Person, "leaders": schema.Person, "presidents": schema.Person,
}

// pairs resolves the subject pairs (see above).
func (rc *recognizer) pairs() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		k := rc.subjectAt(s, func(k int) bool { return toks[k].Key == "the" || toks[k].Key == "both" })
		if k < 0 {
			continue
		}
		j := k + 1
		if toks[k].Key == "the" {
			if j >= s.To || toks[j].Key != "two" {
				continue
			}
			j++
		}
		for j < s.To-1 && titleMods[toks[j].Key] && pairNouns[toks[j+1].Key] != "" {
			j++ // "the two trade ministers"
		}
		if j >= s.To {
			continue
		}
		t := pairNouns[toks[j].Key]
		if t == "" {
			continue
		}
		for _, e := range rc.pairBefore(k, t) {
			rc.add(&mention{From: k, To: j + 1, E: e, Source: "pronoun"})
		}
	}
}

// pairBefore is the last two entities of type t named together in one
// sentence before token k, or nil.
func (rc *recognizer) pairBefore(k int, t schema.EntityType) []*ent {
	toks := rc.a.Toks
	for i := toks[max(k-1, 0)].Sent; i >= 0 && k > 0; i-- {
		s := rc.a.Sents[i]
		var pair []*ent
		for _, m := range rc.mentionsIn(s.From, min(s.To, k)) {
			if e := rc.reg.resolve(m.E); e.Type == t && !m.Dropped && m.Source != "pronoun" && !slices.Contains(pair, e) {
				pair = append(pair, e)
			}
		}
		switch {
		case len(pair) == 2:
			return pair
		case len(pair) > 2:
			return nil // more than two named: which two is not said
		}
	}
	return nil
}

// subjectPronouns are the pronouns that can stand for a person as subject.
var subjectPronouns = map[string]bool{"he": true, "she": true}

// pronouns resolves subject pronouns (see above): each stands for the
// latest person who was a sentence's subject, named before its verb, not
// for one met or named after it ("he will meet President Karl Hof. He will
// then go to Kisumu" is still the traveller).
func (rc *recognizer) pronouns() {
	var subject *ent
	for _, s := range rc.a.Sents {
		if k := rc.subjectPronoun(s); k >= 0 {
			if subject != nil {
				rc.add(&mention{From: k, To: k + 1, E: subject, Source: "pronoun"})
			}
			continue
		}
		// "His talks with B showed …": the subject's own happening
		if k := rc.possessiveSubject(s); k >= 0 {
			if subject != nil {
				rc.add(&mention{From: k, To: k + 1, E: subject, Source: "pronoun"})
			}
			continue
		}
		if e := rc.namedSubject(s); e != nil {
			subject = e
		}
	}
}

// possessiveSubject is the token of "his" or "her" opening sentence s's
// subject before an event's noun ("His talks with …", "Her visit to …"),
// or -1.
func (rc *recognizer) possessiveSubject(s sentence) int {
	return rc.subjectAt(s, func(k int) bool {
		key := rc.a.Toks[k].Key
		return (key == "his" || key == "her") && k+1 < s.To && event.IsTrigger(rc.a.Toks[k+1].Key) && !rc.a.Toks[k+1].Cap
	})
}

// namedSubject is the person named in sentence s before its first verb.
func (rc *recognizer) namedSubject(s sentence) *ent {
	verb := s.To
	for k := s.From; k < s.To; k++ {
		if key := rc.a.Toks[k].Key; personAfter[key] || linkingVerbs[key] {
			verb = k
			break
		}
	}
	for _, m := range rc.mentionsIn(s.From, verb) {
		if e := rc.reg.resolve(m.E); e.Type == schema.Person {
			return e
		}
	}
	return nil
}

// linkingVerbs join a subject to what is said of it.
var linkingVerbs = map[string]bool{"is": true, "was": true, "are": true, "were": true, "has": true, "had": true, "have": true, "would": true, "shall": true}

// subjectPronoun is the token of sentence s's subject pronoun, or -1.
func (rc *recognizer) subjectPronoun(s sentence) int {
	return rc.subjectAt(s, func(k int) bool { return subjectPronouns[rc.a.Toks[k].Key] })
}

// subjectAt is the token where sentence s's subject starts when it is
// one that is reports, first or after an opening phrase of a few words
// and its comma ("Later, she …", "On Monday, the two sides …"); else -1.
func (rc *recognizer) subjectAt(s sentence, is func(k int) bool) int {
	toks := rc.a.Toks
	if s.To-s.From < 3 {
		return -1
	}
	if is(s.From) {
		return s.From
	}
	for k := s.From + 1; k < min(s.To-1, s.From+6); k++ {
		if toks[k].Text == "," {
			if is(k + 1) {
				return k + 1
			}
			return -1
		}
		if !toks[k].Word {
			return -1
		}
	}
	return -1
}

// isPronoun reports a mention that stands for its entity by a pronoun.
func (m *mention) isPronoun() bool { return m.Source == "pronoun" }
