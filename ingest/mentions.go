package ingest

import (
	"github.com/diplograph/diplograph/ingest/phrase"
	"github.com/diplograph/diplograph/schema"
)

// describedInstruments adds the instruments the mention layer
// (ingest/phrase) finds described in lower case to the recognizer's
// mentions, as new entities named by their description.
func (rc *recognizer) describedInstruments(tags tagging) {
	in := phrase.Input{Toks: make([]phrase.Token, len(rc.a.Toks))}
	for i, t := range rc.a.Toks {
		in.Toks[i] = phrase.Token{Key: t.Key, Cap: t.Cap, Tag: tags.at(i)}
	}
	for _, s := range rc.a.Sents {
		in.Sents = append(in.Sents, phrase.Sentence{From: s.From, To: s.To})
	}
	for _, m := range rc.ms {
		if !m.Dropped && rc.reg.resolve(m.E).Type != schema.Country {
			in.Claimed = append(in.Claimed, phrase.Span{From: m.From, To: m.To})
		}
	}
	for _, sp := range phrase.Find(in) {
		if rc.a.Toks[sp.From].Ref {
			continue
		}
		name := rc.a.Text[rc.a.Toks[sp.From].Start:rc.a.Toks[sp.To-1].End]
		e := rc.reg.get(sp.Type, name, sp.Kind)
		rc.add(&mention{From: sp.From, To: sp.To, E: e, Source: "mention:" + sp.Rule})
	}
}
