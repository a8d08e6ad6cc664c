package ingest

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/ingest/event"
	"github.com/diplograph/diplograph/schema"
)

// eventFrames runs the event layer (ingest/event) over the document and
// turns its frames into facts. It runs after the passes of relate, as a
// source of candidates they did not find: a frame adds arguments to the
// event its sentence already names or the passes already made there, and
// makes a new event only where there is none. It deletes nothing.
func (rl *relater) eventFrames() {
	in, ents := rl.eventInput()
	for _, f := range event.Find(in) {
		rl.applyFrame(f, in, ents)
	}
}

// eventInput is the layer's view of the document: its tokens and
// sentences, and its top-level mentions with an entity number each.
func (rl *relater) eventInput() (event.Input, []*ent) {
	var in event.Input
	in.Toks = make([]event.Token, len(rl.a.Toks))
	for i, t := range rl.a.Toks {
		in.Toks[i] = event.Token{Key: t.Key, Cap: t.Cap, Tag: rl.tags.at(i)}
	}
	for _, s := range rl.a.Sents {
		in.Sents = append(in.Sents, event.Sentence{From: s.From, To: s.To})
	}
	number := map[*ent]int{}
	var ents []*ent
	for _, m := range rl.rc.mentionsIn(0, len(rl.a.Toks)) {
		if m.Nested || rl.a.Toks[m.From].Ref {
			continue
		}
		e := rl.rc.reg.resolve(m.E)
		n, ok := number[e]
		if !ok {
			n = len(ents)
			number[e] = n
			ents = append(ents, e)
		}
		in.Mentions = append(in.Mentions, event.Mention{From: m.From, To: m.To, Type: e.Type, Entity: n})
	}
	return in, ents
}

// applyFrame decides the event frame f is about and states its arguments.
func (rl *relater) applyFrame(f event.Frame, in event.Input, ents []*ent) {
	ent := func(i int) *ent { return ents[in.Mentions[i].Entity] }
	src := "frame:" + f.Rule
	for _, pair := range f.Met {
		rl.once(ent(pair[0]), ent(pair[1]), schema.MetWith, f.Sent, src, 0.5)
	}
	ev := rl.frameEvent(f, ent)
	if ev == nil {
		return
	}
	for _, a := range f.Agents {
		rl.once(ent(a), ev, schema.Attended, f.Sent, src, 0.6)
	}
	for _, p := range f.Places {
		rl.once(ev, ent(p), schema.HeldIn, f.Sent, src, 0.6)
	}
	for _, i := range f.Instruments {
		rl.once(ev, ent(i), schema.Produced, f.Sent, src, 0.5)
		for _, a := range f.Agents {
			rl.once(ent(a), ent(i), schema.Signed, f.Sent, src, 0.5)
		}
	}
}

// frameEvent is the event f is about: the one its sentence names, else
// one the passes already tied to its sentence, else a new one named for
// its kind, people and place, dated as the sentence dates it.
func (rl *relater) frameEvent(f event.Frame, entOf func(int) *ent) *ent {
	if f.Named >= 0 {
		if ev := entOf(f.Named); compatible(ev.Kind, f.Kind) {
			return ev
		}
		return nil // "the anniversary of the invasion": the sentence's happening is not the one it names
	}
	for _, x := range rl.facts {
		if x.Sent != f.Sent {
			continue
		}
		for _, e := range [2]*ent{x.S, x.O} {
			if e = rl.rc.reg.resolve(e); e.Type == schema.Event && (e.Kind == f.Kind || f.Kind == "MEETING") {
				return e
			}
		}
	}
	date, end := rl.sentDate(f.Sent)
	if ev := rl.sameEvent(f, entOf); ev != nil {
		if ev.Date == "" {
			ev.Date, ev.EndDate = date, end
		}
		return ev
	}
	// An unnamed, undated happening is not individuated enough to stand
	// as an event of its own (ONTOLOGY.md: "a specific, dated or named
	// happening"); its people still meet (MET_WITH) in applyFrame.
	name := frameName(f, entOf)
	if name == "" || date == "" || !slices.ContainsFunc(f.Agents, func(i int) bool { return entOf(i).Type == schema.Person }) {
		return nil
	}
	ev := rl.rc.reg.get(schema.Event, name, f.Kind)
	if ev.Date == "" {
		ev.Date, ev.EndDate = date, end
	}
	rl.rc.add(&mention{From: f.Trigger, To: f.Trigger + 1, E: ev, Source: "frame:" + f.Rule})
	return ev
}

// compatible says whether an event named of kind named can be the
// happening a trigger of kind found reports: the same kind, or any
// gathering reported as a meeting, talks or a call.
func compatible(named, found string) bool {
	switch {
	case named == "" || named == found:
		return true
	case found == "MEETING" || found == "DIALOGUE":
		return named == "MEETING" || named == "DIALOGUE" || named == "SUMMIT" || named == "CONFERENCE" || named == "NEGOTIATION" || named == "VISIT"
	case found == "SIGNING":
		return named == "MEETING" || named == "DIALOGUE" || named == "SUMMIT" || named == "VISIT"
	}
	return false
}

// sentDate is the first date sentence i states, as an ISO range.
func (rl *relater) sentDate(i int) (date, end string) {
	s := rl.a.Sents[i]
	if ds := findDates(rl.a.Text[s.Start:s.End], rl.doc.Date); len(ds) > 0 {
		return ds[0].Date, ds[0].End_
	}
	return "", ""
}

// sameEvent is an event of f's kind that the passes already made
// elsewhere in the document and that f describes again: held in one of
// f's places, or, for a trip, attended by its traveller and held in none
// of the places f does not name.
func (rl *relater) sameEvent(f event.Frame, entOf func(int) *ent) *ent {
	places := map[*ent]bool{}
	for _, p := range f.Places {
		places[rl.rc.reg.resolve(entOf(p))] = true
	}
	held := map[*ent][]*ent{}
	var attendedBy []*ent
	for _, x := range rl.facts {
		s, o := rl.rc.reg.resolve(x.S), rl.rc.reg.resolve(x.O)
		switch {
		case x.T == schema.HeldIn && s.Kind == f.Kind:
			held[s] = append(held[s], o)
		case x.T == schema.Attended && o.Kind == f.Kind && f.Traveller >= 0 && s == rl.rc.reg.resolve(entOf(f.Traveller)):
			attendedBy = append(attendedBy, o)
		}
	}
	for ev, ps := range held {
		if slices.ContainsFunc(ps, func(p *ent) bool { return places[p] }) {
			return ev
		}
	}
	for _, ev := range attendedBy {
		if len(held[ev]) == 0 || len(places) == 0 {
			return ev
		}
	}
	return nil
}

// frameName names an unnamed happening from its frame: "Anna Weber's
// visit to Zenda", "meeting of Anna Weber and Karl Hof", "signing of the
// Memorandum on Trade".
func frameName(f event.Frame, ent func(int) *ent) string {
	names := func(is []int, n int) []string {
		var out []string
		for _, i := range is[:min(n, len(is))] {
			out = append(out, ent(i).Name)
		}
		return out
	}
	switch {
	case f.Kind == "VISIT" && f.Traveller >= 0 && len(f.Places) > 0:
		return ent(f.Traveller).Name + "'s visit to " + ent(f.Places[0]).Name
	case f.Kind == "SIGNING" && len(f.Instruments) > 0:
		return "signing of " + ent(f.Instruments[0]).Name
	case len(f.Agents) >= 2:
		return strings.ToLower(kindWord(f.Kind)) + " of " + strings.Join(names(f.Agents, 2), " and ")
	case len(f.Agents) == 1 && len(f.Places) > 0:
		return strings.ToLower(kindWord(f.Kind)) + " of " + ent(f.Agents[0]).Name + " in " + ent(f.Places[0]).Name
	}
	return ""
}

func kindWord(kind string) string {
	switch kind {
	case "NEGOTIATION":
		return "negotiations"
	case "EXERCISE":
		return "exercise"
	}
	return strings.ToLower(kind)
}

// once states a fact unless the same one is already stated.
func (rl *relater) once(s, o *ent, t schema.RelationType, sent int, src string, conf float64) {
	s, o = rl.rc.reg.resolve(s), rl.rc.reg.resolve(o)
	if slices.ContainsFunc(rl.facts, func(f fact) bool {
		return f.T == t && (f.S == s && f.O == o || t.Symmetric() && f.S == o && f.O == s)
	}) {
		return
	}
	rl.rel(s, o, t, sent, src, conf)
}

// tagging is the part of speech of each token; empty where the text layer
// did not tag.
type tagging []string

func (t tagging) at(i int) string {
	if i < len(t) {
		return t[i]
	}
	return ""
}
