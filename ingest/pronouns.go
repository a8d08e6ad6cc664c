package ingest

import "github.com/diplograph/diplograph/schema"

// A readout names its protagonist once and then says "he" or "she": "She
// also met with President Dina Boluarte and called on Prime Minister Luis
// Vera." The pronoun that is a sentence's subject (first, or first after
// an opening phrase and its comma: "Later, he …") stands for the first
// person named in the nearest sentence before that names one. It is
// recorded as a mention of that person, so every later layer reads the
// sentence as it means; no name is taken from it.

// subjectPronouns are the pronouns that can stand for a person as subject.
var subjectPronouns = map[string]bool{"he": true, "she": true}

// pronouns resolves subject pronouns (see above): each stands for the
// latest person who was a sentence's subject, named before its verb, not
// for one met or named after it ("he will meet President Kabila. He will
// then go to Goma" is still the traveller).
func (rc *recognizer) pronouns() {
	var subject *ent
	for _, s := range rc.a.Sents {
		if k := rc.subjectPronoun(s); k >= 0 {
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
	toks := rc.a.Toks
	if s.To-s.From < 3 {
		return -1
	}
	if subjectPronouns[toks[s.From].Key] {
		return s.From
	}
	// "Later, she …", "On Monday, he …": an opening phrase of a few words
	for k := s.From + 1; k < min(s.To-1, s.From+6); k++ {
		if toks[k].Text == "," {
			if subjectPronouns[toks[k+1].Key] {
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
