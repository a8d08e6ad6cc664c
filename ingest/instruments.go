package ingest

import (
	"slices"

	"github.com/diplograph/diplograph/schema"
)

// signedBack reads instruments that a sentence refers back to in the
// plural and says who signed ("The two ministers witnessed the signing of
// the Trade Agreement and the Memorandum on Fisheries. The agreements
// were signed by Minister Ana Lima and Minister Karl Hof."): the people
// the sentence names signed each instrument the sentence before named.
// The sentence must name no instrument of its own, and the one before
// must name two or more.
func (rl *relater) signedBack() {
	toks := rl.a.Toks
	for i := 1; i < len(rl.a.Sents); i++ {
		s := rl.a.Sents[i]
		k := s.From
		for k < s.To && (toks[k].Key == "the" || toks[k].Key == "these" || toks[k].Key == "both" || toks[k].Key == "two" || toks[k].Key == "all") {
			k++
		}
		if k == s.From || k+3 >= s.To || !pluralInstrumentHeads[toks[k].Key] || !rl.has(i, " signed by ") {
			continue
		}
		ms := rl.sentMentions(i, false)
		if slices.ContainsFunc(ms, func(m *mention) bool { return m.E.Type == schema.Agreement }) {
			continue
		}
		var instruments []*ent
		for _, m := range rl.sentMentions(i-1, false) {
			if m.E.Type == schema.Agreement && !m.Dropped && !slices.Contains(instruments, m.E) {
				instruments = append(instruments, m.E)
			}
		}
		if len(instruments) < 2 {
			continue
		}
		for _, m := range ms {
			if m.E.Type != schema.Person || m.Dropped {
				continue
			}
			for _, ag := range instruments {
				rl.rel(m.E, ag, schema.Signed, i, "signed-back", 0.5)
			}
		}
	}
}

// pluralInstrumentHeads refer back to instruments named before.
var pluralInstrumentHeads = map[string]bool{"agreements": true, "documents": true, "instruments": true, "memoranda": true, "mous": true, "accords": true, "treaties": true}

// signedAtMeeting reads a sentence that says a meeting was where the
// document's instruments were signed ("Ruritania and Freedonia inked
// eleven deals at the fifth meeting of the Joint Council"): that meeting
// produced every instrument the document says was signed, and everyone
// who signed one took part in it.
func (rl *relater) signedAtMeeting() {
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		if !rl.has(i, "signed", "inked", "concluded", "exchanged") {
			continue
		}
		var ev *ent
		for k := s.From; k+2 < s.To && ev == nil; k++ {
			if !signingPlurals[toks[k].Key] || !(toks[k+1].Key == "at" || toks[k+1].Key == "in" || toks[k+1].Key == "during") {
				continue
			}
			j := k + 2
			if toks[j].Key == "the" {
				j++
			}
			if m := rl.rc.topAt(j); m != nil && m.E.Type == schema.Event && rl.gathering(rl.rc.reg.resolve(m.E)) {
				ev = rl.rc.reg.resolve(m.E)
			}
		}
		if ev == nil {
			continue
		}
		for _, f := range slices.Clone(rl.facts) {
			if f.T != schema.Signed {
				continue
			}
			rl.rel(ev, f.O, schema.Produced, i, "signed-at-meeting", 0.6)
			if f.S.Type == schema.Person {
				rl.rel(f.S, ev, schema.Attended, f.Sent, "signed-at-meeting", 0.6)
			}
		}
		return
	}
}

// signingPlurals name what a meeting signed, in the plural.
var signingPlurals = map[string]bool{"agreements": true, "deals": true, "documents": true, "instruments": true, "memoranda": true, "mous": true, "accords": true}
