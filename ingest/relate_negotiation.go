package ingest

import (
	"github.com/diplograph/diplograph/schema"
)

// sides finds conflicts named by both parties: "the Russian-Ukrainian
// conflict". Both attend.
func (rl *relater) sides() {
	toks := rl.a.Toks
	rc := rl.rc
	for i := 3; i < len(toks); i++ {
		if toks[i].Ref || toks[i].Cap || !(toks[i].Key == "conflict" || toks[i].Key == "war") || toks[i-2].Text != "-" {
			continue
		}
		a, b := rc.mentionEndingAt(i-2), rc.topAt(i-1)
		if a == nil || b == nil || b.To != i || a.E.Type != schema.Country || b.E.Type != schema.Country {
			continue
		}
		e := rc.reg.get(schema.Event, cleanName(rl.a.span(a.From, i+1)), "CONFLICT")
		e.Kind = "CONFLICT"
		rc.add(&mention{From: a.From, To: i + 1, E: e, Source: "conflict"})
		rl.rel(a.E, e, schema.Attended, toks[i].Sent, "conflict", 0.7)
		rl.rel(b.E, e, schema.Attended, toks[i].Sent, "conflict", 0.7)
	}
}

// negotiationStop ends the object of "negotiations on …".
var negotiationStop = map[string]bool{"between": true, "which": true, "that": true, "to": true, "will": true, "in": true, "on": true, "with": true, "would": true, "should": true, "and": true}

// negotiations finds talks named in lower case: "the start of
// negotiations on a new bilateral defense deal". A document's talks of
// this kind are one event (later mentions say "the negotiations"); the
// states named before them in the sentence take part.
func (rl *relater) negotiations() {
	toks := rl.a.Toks
	rc := rl.rc
	var ev *ent
	for _, s := range rl.a.Sents {
		for i := s.From; i+2 < s.To; i++ {
			t := toks[i]
			if t.Ref || t.Key != "negotiations" || t.Cap && i != s.From || !(toks[i+1].Key == "on" || toks[i+1].Key == "for" || toks[i+1].Key == "over") {
				continue
			}
			j := i + 2
			for j < s.To && (toks[j].Word || toks[j].Text == "-" && j+1 < s.To && toks[j+1].Word) && (j == i+2 || !negotiationStop[toks[j].Key]) && j-i < 14 {
				j++
			}
			if j <= i+2 {
				continue
			}
			start := i
			if i > s.From && (toks[i-1].Key == "bilateral" || toks[i-1].Key == "multilateral" || toks[i-1].Key == "trilateral") {
				start = i - 1
			}
			name := cleanName(rl.a.span(start, j))
			if ev == nil {
				ev = rc.reg.get(schema.Event, name, "NEGOTIATION")
				ev.Kind = "NEGOTIATION"
			} else {
				ev.addAlias(name)
				rc.reg.reindex(ev)
			}
			rc.add(&mention{From: start, To: j, E: ev, Source: "negotiation"})
			parties := 0
			// "Negotiations on a … Union between Denmark, Norway and Sweden"
			if j+1 < s.To && toks[j].Key == "between" {
				for _, m := range rl.listAfter(j+1, rc.mentionsIn(j+1, s.To)) {
					if m.E.Type == schema.Country {
						rl.rel(m.E, ev, schema.Attended, t.Sent, "negotiation", 0.6)
						parties++
					}
				}
			}
			for _, m := range rc.mentionsIn(s.From, start) {
				if m.E.Type == schema.Country && !m.Nested {
					rl.rel(m.E, ev, schema.Attended, t.Sent, "negotiation", 0.6)
					parties++
				}
			}
			if parties == 0 {
				// "negotiations on a U.S.-Philippines … agreement"
				for _, m := range rc.mentionsIn(start, j) {
					if m.E.Type == schema.Country {
						rl.rel(m.E, ev, schema.Attended, t.Sent, "negotiation", 0.5)
					}
				}
			}
			i = j
		}
	}
}

var prepositions = map[string]bool{"from": true, "of": true, "with": true, "to": true, "in": true, "by": true, "against": true, "on": true, "for": true, "between": true}

// accessions finds a state joining a body: "Borduria's accession",
// "accession to the Rivia Treaty Organization". The state that
// joins takes part; one accession per body and document.
func (rl *relater) accessions() {
	toks := rl.a.Toks
	rc := rl.rc
	byBody := map[*ent]*ent{}
	for i, t := range toks {
		if t.Ref || t.Key != "accession" || t.Cap {
			continue
		}
		s := rl.a.Sents[t.Sent]
		start, end := i, i+1
		var state, body *ent
		if i >= 2 && (toks[i-1].Text == "'s" || toks[i-1].Text == "’s") {
			if m := rc.mentionEndingAt(i - 1); m != nil && m.E.Type == schema.Country {
				state, start = m.E, m.From
			}
		}
		k := i + 1
		if k+1 < s.To && toks[k].Key == "of" && toks[k+1].Key == "the" && k+2 < s.To && toks[k+2].Key == "country" {
			k += 3
		}
		if k < s.To && toks[k].Key == "to" {
			k++
			if k < s.To && toks[k].Key == "the" {
				k++
			}
			if m := rc.topAt(k); m != nil && m.E.Type == schema.Organization {
				body, end = m.E, m.To
			}
		}
		if state == nil && body == nil {
			continue
		}
		if state == nil {
			// The last state named as a subject, not after a preposition.
			for _, m := range rc.mentionsIn(s.From, start) {
				if m.E.Type != schema.Country || m.Nested {
					continue
				}
				p := m.From - 1
				if p >= s.From && toks[p].Key == "the" {
					p--
				}
				if p >= s.From && prepositions[toks[p].Key] {
					continue
				}
				state = m.E
			}
		}
		name := cleanName(rl.a.span(start, end))
		e := byBody[body]
		if e == nil || body == nil {
			e = rc.reg.get(schema.Event, name, "OTHER")
			if body != nil {
				byBody[body] = e
			}
		} else {
			e.addAlias(name)
			rc.reg.reindex(e)
		}
		rc.add(&mention{From: start, To: end, E: e, Source: "accession"})
		if state != nil {
			rl.rel(state, e, schema.Attended, t.Sent, "accession", 0.5)
		}
	}
}
