package ingest

import (
	"github.com/diplograph/diplograph/ingest/phrase"
	"github.com/diplograph/diplograph/schema"
)

// describedInstruments adds what the phrase layer (ingest/phrase) finds to
// the recognizer's mentions: instruments described in lower case, as new
// entities named by their description, and people given a post after
// their name, with that post and its owner.
func (rc *recognizer) describedInstruments(tags tagging) {
	in := phrase.Input{Toks: make([]phrase.Token, len(rc.a.Toks))}
	for i, t := range rc.a.Toks {
		in.Toks[i] = phrase.Token{Key: t.Key, Cap: t.Cap, Word: t.Word, Tag: tags.at(i)}
	}
	for _, s := range rc.a.Sents {
		in.Sents = append(in.Sents, phrase.Sentence{From: s.From, To: s.To})
	}
	in.NameEnd = rc.nameAt
	in.TitleEnd = rc.postEnd
	var claimed []*mention
	for _, m := range rc.mentionsIn(0, len(rc.a.Toks)) {
		if !m.Dropped && !m.Nested {
			claimed = append(claimed, m)
			in.Claimed = append(in.Claimed, phrase.Span{From: m.From, To: m.To, Type: rc.reg.resolve(m.E).Type})
		}
	}
	for _, sp := range phrase.Find(in) {
		if rc.a.Toks[sp.From].Ref {
			continue
		}
		if sp.Type == schema.Person {
			var owner *ent
			if sp.Owner >= 0 {
				owner = rc.reg.resolve(claimed[sp.Owner].E)
			}
			if m := rc.person(sp.From, sp.To, rc.a.span(sp.Title[0], sp.Title[1]), owner); m != nil {
				m.Source = "phrase:" + sp.Rule
			}
			continue
		}
		name := rc.a.Text[rc.a.Toks[sp.From].Start:rc.a.Toks[sp.To-1].End]
		e := rc.reg.get(sp.Type, name, sp.Kind)
		rc.add(&mention{From: sp.From, To: sp.To, E: e, Source: "phrase:" + sp.Rule})
		rc.betweenParties(e, sp, claimed)
	}
}

// betweenParties records the states and bodies named after "between" in
// an instrument's description as its sides: they signed it.
func (rc *recognizer) betweenParties(e *ent, sp phrase.Span, claimed []*mention) {
	between := -1
	for k := sp.From; k < sp.To; k++ {
		if rc.a.Toks[k].Key == "between" {
			between = k
			break
		}
	}
	if between < 0 {
		return
	}
	for _, m := range claimed {
		if t := rc.reg.resolve(m.E).Type; m.From > between && m.To <= sp.To && (t == schema.Country || t == schema.Organization) {
			if rc.parties == nil {
				rc.parties = map[*ent][]*mention{}
			}
			rc.parties[e] = append(rc.parties[e], m)
		}
	}
}

// postEnd is where a post's name starting at token i ends: as titleAt
// reads one, or a post written in lower case after a possessive state
// ("Ruritania's president-elect", "its foreign minister"); i when none.
func (rc *recognizer) postEnd(i, limit int) int {
	if end, _ := rc.titleAt(i, limit); end > i {
		return end
	}
	toks := rc.a.Toks
	j := i
	for j < limit && titleMods[toks[j].Key] {
		j++
	}
	if j >= limit || !titleHeads[toks[j].Key] {
		return i
	}
	j++
	// "-elect", "-designate" are part of the post
	if j+1 < limit && toks[j].Text == "-" && (toks[j+1].Key == "elect" || toks[j+1].Key == "designate") {
		j += 2
	}
	return j
}
