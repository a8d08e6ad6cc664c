package ingest

import "github.com/diplograph/diplograph/schema"

// A release written where it reports says "here": "the Joint Commission
// meeting that concluded here today", "the talks held here on Monday".
// "Here" is the place its dateline opens with ("Lima, 4 May –", "LIMA —"),
// so the happening the sentence names was held there.

// hereVerbs before "here" say something took place there.
var hereVerbs = map[string]bool{"held": true, "concluded": true, "opened": true, "began": true, "ended": true, "convened": true,
	"met": true, "signed": true, "hosted": true, "arrived": true, "place": true, "underway": true}

// hereEvents places the happenings said to be "here" at the dateline's
// place.
func (rl *relater) hereEvents() {
	place := rl.datelineCity()
	if place == nil {
		return
	}
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		for k := s.From + 1; k < s.To; k++ {
			if toks[k].Key != "here" || !hereVerbs[toks[k-1].Key] {
				continue
			}
			for _, m := range rl.sentMentions(i, false) {
				if ev := rl.rc.reg.resolve(m.E); ev.Type == schema.Event && m.From < k && rl.gathering(ev) {
					rl.rel(ev, place, schema.HeldIn, i, "here", 0.5)
					break
				}
			}
			break
		}
	}
}

// datelineCity is the place a dateline opens the document's first lines
// with: a place at the start of a line, before a comma or a dash.
func (rl *relater) datelineCity() *ent {
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		if i > 3 {
			return nil
		}
		m := rl.rc.topAt(s.From)
		if m == nil || m.E.Type != schema.Location || m.To >= s.To {
			continue
		}
		if t := toks[m.To].Text; t == "," || t == "-" || t == "–" || t == "—" || t == ":" {
			return rl.rc.reg.resolve(m.E)
		}
	}
	return nil
}
