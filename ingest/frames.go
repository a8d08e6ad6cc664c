package ingest

import (
	"cmp"
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
	fr := rl.newFramer(in, ents)
	for _, f := range event.Find(in) {
		fr.apply(f)
	}
	for _, e := range rl.rc.reg.ents {
		for _, m := range rl.rc.parties[e] {
			fr.once(m.E, e, schema.Signed, rl.a.Toks[m.From].Sent, "phrase:between-parties", 0.6)
		}
	}
	rl.namedParties(fr)
	rl.headlineParties(fr)
	rl.statuses(in)
}

// headlineParties reads a headline that names the document's happening
// by the two states that held it ("Ruritania-Freedonia Foreign Ministers'
// Telephone Talk", "Rivia–Zenda Political Consultations"): the first
// event of that kind the body reports is it, and both states attended it
// (ONTOLOGY.md: parties named in an event's name).
func (rl *relater) headlineParties(fr *framer) {
	toks := rl.a.Toks
	if len(rl.a.Sents) == 0 || rl.bodySentence(0) {
		return
	}
	s := rl.a.Sents[0]
	a := rl.rc.knownAt(s.From)
	if a == nil || a.E.Type != schema.Country || a.To+1 >= s.To || toks[a.To].Text != "-" && toks[a.To].Text != "–" {
		return
	}
	b := rl.rc.knownAt(a.To + 1)
	if b == nil || b.E.Type != schema.Country || b.E == a.E {
		return
	}
	kind := lowerGatheringKinds[toks[s.To-1].Key]
	if kind == "" {
		return
	}
	for _, m := range rl.rc.ms {
		ev := rl.rc.reg.resolve(m.E)
		if m.Dropped || ev.Type != schema.Event || !rl.bodySentence(toks[m.From].Sent) || !compatible(ev.Kind, kind) || ev.Kind != kind {
			continue
		}
		ev.addAlias(cleanName(rl.a.span(s.From, s.To)))
		for _, state := range [2]*ent{a.E, b.E} {
			fr.once(state, ev, schema.Attended, 0, "headline-parties", 0.6)
		}
		return
	}
}

// namedParties: the states an instrument's name opens with, joined by a
// dash ("the Ruritania–Freedonia Trade Agreement"), are its parties: they
// signed it, unless the text says it is still being made (a treaty under
// negotiation has parties but no signatures).
func (rl *relater) namedParties(fr *framer) {
	toks := rl.a.Toks
	for _, m := range rl.rc.ms {
		if e := rl.rc.reg.resolve(m.E); m.Nested || m.Dropped || e.Type != schema.Agreement || !fr.signed[e] && rl.unconcluded(e) {
			continue
		}
		var states []*mention
		next := m.From
		if toks[next].Key == "the" {
			next++
		}
		for _, n := range rl.rc.mentionsIn(m.From, m.To) {
			if n == m || n.From != next || rl.rc.reg.resolve(n.E).Type != schema.Country {
				continue
			}
			states = append(states, n)
			if next = n.To + 1; n.To >= m.To || !dashes[toks[n.To].Text] {
				break
			}
		}
		if len(states) < 2 {
			continue
		}
		for _, st := range states {
			fr.once(st.E, m.E, schema.Signed, toks[m.From].Sent, "name-parties", 0.6)
		}
	}
}

var dashes = map[string]bool{"-": true, "–": true, "—": true, "/": true}

// unconcludedCues say an instrument is still being made.
var unconcludedCues = []string{"negotiat", "draft", "propos", "to conclude", "will sign", "would", "talks on", "work toward", "work towards"}

// unconcluded says whether a sentence that names instrument e says it is
// still being negotiated, drafted or proposed.
func (rl *relater) unconcluded(e *ent) bool {
	for _, m := range rl.rc.ms {
		if rl.rc.reg.resolve(m.E) != e {
			continue
		}
		text := strings.ToLower(rl.a.sentText(rl.a.Toks[m.From].Sent))
		for _, c := range unconcludedCues {
			if strings.Contains(text, c) {
				return true
			}
		}
	}
	return false
}

// statuses judges the status of each event no frame judged, at the
// sentence of its first mention.
func (rl *relater) statuses(in event.Input) {
	// the first mention in the body, else in the headline: a headline's
	// present tense ("Summit hits an odd note") says nothing of when
	first := map[*ent]int{}
	inBody := func(at int) bool { return rl.bodySentence(rl.a.Toks[at].Sent) }
	for _, m := range rl.rc.ms {
		e := rl.rc.reg.resolve(m.E)
		if e.Type != schema.Event || m.Dropped {
			continue
		}
		if at, ok := first[e]; !ok || inBody(m.From) && (!inBody(at) || m.From < at) {
			first[e] = m.From
		}
	}
	for _, e := range rl.rc.reg.ents {
		if at, ok := first[e]; ok && e.Status == "" {
			e.Status = in.StatusAt(rl.a.Toks[at].Sent, at, rl.asOfDoc(e), rl.doc.Date)
		}
	}
}

// framer applies frames to the facts. It indexes the facts once, and
// keeps the indexes as it adds to them, so that the frames of a long
// document cost time in proportion to it.
type framer struct {
	rl       *relater
	in       event.Input
	ents     []*ent
	stated   map[factKey]bool
	heldIn   map[*ent][]*ent // event → places
	held     []*ent          // the keys of heldIn in the order they came, for a stable choice
	attended map[*ent][]*ent // participant → events
	bySent   map[int][]*ent  // sentence → events its facts tie to it
	signed   map[*ent]bool   // instruments some fact says were signed or produced
}

type factKey struct {
	s, o *ent
	t    schema.RelationType
}

func (rl *relater) newFramer(in event.Input, ents []*ent) *framer {
	fr := &framer{rl: rl, in: in, ents: ents, stated: map[factKey]bool{},
		heldIn: map[*ent][]*ent{}, attended: map[*ent][]*ent{}, bySent: map[int][]*ent{}, signed: map[*ent]bool{}}
	for _, f := range rl.facts {
		fr.index(rl.rc.reg.resolve(f.S), rl.rc.reg.resolve(f.O), f.T, f.Sent)
	}
	return fr
}

func (fr *framer) index(s, o *ent, t schema.RelationType, sent int) {
	fr.stated[factKey{s, o, t}] = true
	switch t {
	case schema.HeldIn:
		if _, ok := fr.heldIn[s]; !ok {
			fr.held = append(fr.held, s)
		}
		fr.heldIn[s] = append(fr.heldIn[s], o)
	case schema.Attended:
		fr.attended[s] = append(fr.attended[s], o)
	case schema.Signed, schema.Produced:
		fr.signed[o] = true
	}
	for _, e := range [2]*ent{s, o} {
		if e.Type == schema.Event && !slices.Contains(fr.bySent[sent], e) {
			fr.bySent[sent] = append(fr.bySent[sent], e)
		}
	}
}

// once states a fact unless the same one is already stated.
func (fr *framer) once(s, o *ent, t schema.RelationType, sent int, src string, conf float64) {
	reg := fr.rl.rc.reg
	s, o = reg.resolve(s), reg.resolve(o)
	if fr.stated[factKey{s, o, t}] || t.Symmetric() && fr.stated[factKey{o, s, t}] {
		return
	}
	if fr.rl.rel(s, o, t, sent, src, conf) != nil {
		fr.index(s, o, t, sent)
	}
}

func (fr *framer) ent(mention int) *ent { return fr.ents[fr.in.Mentions[mention].Entity] }

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
		adjective := e.Type == schema.Country && e.isDemonym(rl.a.span(m.From, m.To))
		in.Mentions = append(in.Mentions, event.Mention{From: m.From, To: m.To, Type: e.Type, Entity: n, Within: -1, Adjective: adjective})
	}
	for i, m := range in.Mentions {
		if e := ents[m.Entity]; e.Type == schema.Location && e.Gaz != nil && e.Gaz.Country != "" {
			if c := rl.rc.reg.find(schema.Country, e.Gaz.Country); c != nil {
				if n, ok := number[rl.rc.reg.resolve(c)]; ok {
					in.Mentions[i].Within = n
				}
			}
		}
	}
	return in, ents
}

// apply decides the event frame f is about and states its arguments.
func (fr *framer) apply(f event.Frame) {
	ent := fr.ent
	src := "frame:" + f.Rule
	_, by := fr.rl.accompaniedAt(f.Sent)
	for _, pair := range f.Met {
		if by >= 0 && fr.in.Mentions[pair[0]].From > by && fr.in.Mentions[pair[1]].From > by {
			continue // "accompanied by A and B": they came with someone, not to meet each other
		}
		fr.once(ent(pair[0]), ent(pair[1]), schema.MetWith, f.Sent, src, 0.5)
	}
	if fr.eachOfList(f, src) {
		return
	}
	ref := fr.definiteBack(f)
	ev := fr.event(f, ref)
	if ev == nil {
		return
	}
	back := ref != nil && ev == ref
	if !back { // a happening named before keeps its names
		fr.visitNames(ev, f)
		fr.meetingNames(ev, f)
	}
	if ev.Status == "" {
		ev.Status = event.Dated(f.Status, fr.rl.asOfDoc(ev), fr.rl.doc.Date)
	}
	for _, a := range f.Agents {
		fr.once(ent(a), ev, schema.Attended, f.Sent, src, 0.6)
	}
	for _, p := range f.Places {
		if !back { // "the talks focused on peace in the Zenda region"
			fr.once(ev, ent(p), schema.HeldIn, f.Sent, src, 0.6)
		}
	}
	for _, i := range f.Instruments {
		fr.once(ev, ent(i), schema.Produced, f.Sent, src, 0.5)
		for _, a := range f.Agents {
			fr.once(ent(a), ent(i), schema.Signed, f.Sent, src, 0.5)
		}
	}
}

// eachOfList reads a plural happening with a list of the other sides
// ("Rivia held bilateral meetings with Zenda, Borduria and Freedonia",
// "talks … with her counterparts from Zenda and Borduria"): one
// happening with each, attended by the subject and that side, named
// "bilateral meeting with Zenda". It reports whether f was such a frame.
func (fr *framer) eachOfList(f event.Frame, src string) bool {
	a := fr.rl.a
	if f.Named >= 0 || f.Span[1] == 0 || !pluralEventNouns[a.Toks[f.Trigger].Key] {
		return false
	}
	var subjects, sides []int
	for _, i := range f.Agents {
		if m := fr.in.Mentions[i]; m.From < f.Trigger {
			subjects = append(subjects, i)
		} else if len(sides) == 0 || fr.in.Mentions[sides[0]].Type == m.Type {
			sides = append(sides, i)
		}
	}
	if len(subjects) == 0 || len(sides) < 2 {
		return false
	}
	head := a.Text[a.Toks[f.Head].Start:a.Toks[f.Trigger].End]
	head = strings.TrimSuffix(head, "s") // "bilateral meetings" → "bilateral meeting"
	date, end := fr.rl.sentDate(f.Sent)
	for _, side := range sides {
		ev := fr.rl.rc.reg.get(schema.Event, head+" with "+fr.asWritten(side), f.Kind)
		if ev.Date == "" {
			ev.Date, ev.EndDate = date, end
		}
		if ev.Status == "" {
			ev.Status = event.Dated(f.Status, fr.rl.asOfDoc(ev), fr.rl.doc.Date)
		}
		fr.rl.rc.add(&mention{From: f.Trigger, To: f.Trigger + 1, E: ev, Source: src})
		for _, x := range append(slices.Clone(subjects), side) {
			fr.once(fr.ent(x), ev, schema.Attended, f.Sent, src, 0.6)
		}
		for _, p := range f.Places {
			fr.once(ev, fr.ent(p), schema.HeldIn, f.Sent, src, 0.6)
		}
	}
	return true
}

// pluralEventNouns report several happenings of a kind at once.
var pluralEventNouns = map[string]bool{"meetings": true, "visits": true, "calls": true, "conversations": true, "sessions": true}

// frameEvent is the event f is about: the one its sentence names, else
// one the passes already tied to its sentence, else a new one named for
// its kind, people and place, dated as the sentence dates it.
func (fr *framer) event(f event.Frame, ref *ent) *ent {
	rl, entOf := fr.rl, fr.ent
	if f.Named >= 0 {
		if ev := entOf(f.Named); compatible(ev.Kind, f.Kind) {
			return ev
		}
		return nil // "the anniversary of the invasion": the sentence's happening is not the one it names
	}
	var same []*ent
	for _, e := range fr.bySent[f.Sent] {
		if e = rl.rc.reg.resolve(e); (e.Kind == f.Kind || f.Kind == "MEETING" && !f.Setting) && !fr.elsewhere(e, f) {
			same = append(same, e)
		}
	}
	if len(same) > 0 {
		return fr.nearest(same, f.Trigger)
	}
	if f.Attends {
		// "The meeting was attended by …": the happening named before,
		// when the sentence refers to one ("took part in the programme"
		// refers to none)
		if ev := cmp.Or(rl.refEvent(f.Sent), rl.main); ev != nil && (rl.refersBack(f.Sent) || rl.objectless(f.Trigger)) && !rl.nextOne(f.Sent) {
			return rl.rc.reg.resolve(ev)
		}
		return nil
	}
	if ref != nil {
		return ref // "accompanied in the meeting by …" (definiteBack)
	}
	date, end := rl.sentDate(f.Sent)
	if ev := fr.sameEvent(f); ev != nil {
		if ev.Date == "" {
			ev.Date, ev.EndDate = date, end
		}
		return ev
	}
	// A happening stands as an event of its own when the text individuates
	// it (ONTOLOGY.md: "a specific, dated or named happening"): dated, or
	// described by a phrase of its own ("the bilateral meeting between A
	// and B"), and with someone on it. Otherwise its people still meet
	// (MET_WITH) in applyFrame.
	name, alias := rl.spanName(f), ""
	if name != "" {
		alias = rl.a.Text[rl.a.Toks[f.Head].Start:rl.a.Toks[f.Span[1]-1].End]
	} else if date != "" || f.Kind == "VISIT" && f.Traveller >= 0 && len(f.Places) > 0 {
		// a visit by someone named to a place named is specific enough
		// to stand without a date
		name = frameName(f, entOf, fr.asWritten)
	} else if name = fr.betweenName(f); name != "" {
		if ev := fr.theirMeeting(f); ev != nil {
			return ev // "Today's meeting" is the one the text named before
		}
		alias = rl.a.Text[rl.a.Toks[f.Head].Start:rl.a.Toks[f.Trigger].End]
	} else if name = fr.placedMeetingName(f); name != "" {
		if ev := fr.theirMeeting(f); ev != nil {
			return ev
		}
	}
	people := slices.ContainsFunc(f.Agents, func(i int) bool { return entOf(i).Type == schema.Person })
	// "a consultative meeting of the heads of state of the region, held
	// in Zenda": a phrase of its own and a place or date individuate a
	// happening whose people the text names only by their posts.
	placed := f.Span[1] > 0 && (len(f.Places) > 0 || date != "")
	if name == "" || !people && len(f.Agents) < 2 && !placed {
		return nil
	}
	if e := rl.namedBefore(name, f.Kind); e != nil {
		return e
	}
	ev := rl.rc.reg.get(schema.Event, name, f.Kind)
	ev.addAlias(alias)
	ev.addAlias(untimed(name))
	if ev.Date == "" {
		ev.Date, ev.EndDate = date, end
	}
	rl.rc.add(&mention{From: f.Trigger, To: f.Trigger + 1, E: ev, Source: "frame:" + f.Rule})
	return ev
}

// objectless reports a verb at k with no object after it ("Rivia
// participated as an observer"): it speaks of the happening the document
// reports.
func (rl *relater) objectless(k int) bool {
	// "participates extensively in …": past the adverb
	for k+2 < len(rl.a.Toks) && !rl.a.Toks[k+1].Cap && strings.HasSuffix(rl.a.Toks[k+1].Key, "ly") {
		k++
	}
	if k+1 >= len(rl.a.Toks) {
		return true
	}
	next := rl.a.Toks[k+1]
	return !next.Cap && next.Key != "in" && next.Key != "the" && next.Key != "a" && next.Key != "an" && next.Key != "by"
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

// spanName is the text of the phrase that reports f, when it says more
// than its noun ("the talks" names nothing).
func (rl *relater) spanName(f event.Frame) string {
	from, to := f.Span[0], f.Span[1]
	if to-from < 3 {
		return ""
	}
	return rl.a.Text[rl.a.Toks[from].Start:rl.a.Toks[to-1].End]
}

// sentDate is the first date sentence i states, as an ISO range.
func (rl *relater) sentDate(i int) (date, end string) {
	s := rl.a.Sents[i]
	if ds := rl.datesIn(s.Start, s.End); len(ds) > 0 {
		return ds[0].Date, ds[0].End_
	}
	return "", ""
}

// elsewhere says whether event e is held only in places frame f does not
// name: the other stop of a trip the same sentence announces.
func (fr *framer) elsewhere(e *ent, f event.Frame) bool {
	held := fr.heldIn[e]
	if len(held) == 0 || len(f.Places) == 0 {
		return false
	}
	reg := fr.rl.rc.reg
	for _, p := range f.Places {
		if slices.ContainsFunc(held, func(h *ent) bool { return reg.resolve(h) == reg.resolve(fr.ent(p)) }) {
			return false
		}
	}
	return true
}

// definiteBack is the happening a bare definite noun of an accompaniment
// refers back to: "(accompanied) in the meeting (by …)", with nothing of
// its own after it, is the document's meeting, or else the last meeting
// the text named before its sentence. (Read more widely, "the talks" took
// the wrong happening as often as the right one.)
func (fr *framer) definiteBack(f event.Frame) *ent {
	toks := fr.rl.a.Toks
	if !f.NounTrigger() || f.Span[1] != f.Trigger+1 || f.Span[0] != f.Trigger || f.Trigger == 0 || !definiteArticles[toks[f.Trigger-1].Key] {
		return nil
	}
	if at, by := fr.rl.accompaniedAt(f.Sent); at < 0 || f.Trigger < at || f.Trigger > by {
		return nil
	}
	if main := fr.rl.main; main != nil && fr.rl.rc.reg.resolve(main).Kind == f.Kind {
		return fr.rl.rc.reg.resolve(main)
	}
	m := fr.rl.lastEventBefore(fr.rl.a.Sents[f.Sent].From)
	if m == nil {
		return nil
	}
	if ev := fr.rl.rc.reg.resolve(m.E); ev.Kind == f.Kind {
		return ev
	}
	return nil
}

var definiteArticles = map[string]bool{"the": true, "this": true, "that": true}

// sameEvent is an event of f's kind that the passes already made
// elsewhere in the document and that f describes again: held in one of
// f's places, or, for a trip, attended by its traveller and held in none
// of the places f does not name.
func (fr *framer) sameEvent(f event.Frame) *ent {
	reg := fr.rl.rc.reg
	places := map[*ent]bool{}
	for _, p := range f.Places {
		places[reg.resolve(fr.ent(p))] = true
	}
	if len(places) > 0 {
		for _, ev := range fr.held {
			if reg.resolve(ev).Kind == f.Kind && slices.ContainsFunc(fr.heldIn[ev], func(p *ent) bool { return places[reg.resolve(p)] }) {
				return reg.resolve(ev)
			}
		}
	}
	if f.Traveller < 0 {
		return nil
	}
	for _, ev := range fr.attended[reg.resolve(fr.ent(f.Traveller))] {
		if ev = reg.resolve(ev); ev.Kind == f.Kind && (len(fr.heldIn[ev]) == 0 || len(places) == 0) {
			return ev
		}
	}
	return nil
}

// betweenName names a happening a noun reports between two people the
// sentence names, as a readout of a call does ("Ana Lima and her Peruvian
// counterpart Karl Hof had a telephone conversation"): "telephone
// conversation between Ana Lima and Karl Hof". Two people named on it make
// it specific enough to stand without a date or a phrase of its own.
func (fr *framer) betweenName(f event.Frame) string {
	if !f.NounTrigger() || !betweenNouns[fr.rl.a.Toks[f.Trigger].Key] {
		return ""
	}
	people := fr.people(f)
	if len(people) != 2 {
		return ""
	}
	return fr.headPhrase(f) + " between " + people[0].Name + " and " + people[1].Name
}

// asOfDoc is the date e's status is judged by against the document's
// (event.During).
func (rl *relater) asOfDoc(e *ent) string {
	return event.During(e.Date, e.EndDate, rl.doc.Date)
}

// namedBefore is the event of kind the text named before by another name
// of the same happening: "a summit in Zenda" is the "Zenda Summit", "the
// first consultations" the "first consultations between A and B".
func (rl *relater) namedBefore(name, kind string) *ent {
	for _, e := range rl.rc.reg.ents {
		if e.Type == schema.Event && e.Kind == kind && rl.rc.reg.redirect[e] == nil && (placeFirst(e.Name, name) || shortEventName(e.Name, name)) {
			e.addAlias(name)
			rl.rc.reg.reindex(e)
			return e
		}
	}
	return nil
}

// untimed is a happening's name without the word that places it after
// the document ("upcoming regular meeting" → "regular meeting").
func untimed(name string) string {
	for _, w := range []string{"upcoming ", "forthcoming "} {
		if len(name) > len(w) && strings.EqualFold(name[:len(w)], w) {
			return name[len(w):]
		}
	}
	return name
}

// nearest is the event of evs whose mention lies closest to token k
// ("A called on B and met C": "met" is the second meeting's), the first
// when none is mentioned near.
func (fr *framer) nearest(evs []*ent, k int) *ent {
	best, dist := evs[0], -1
	sent := fr.rl.a.Toks[k].Sent
	for _, m := range fr.rl.rc.ms {
		e := fr.rl.rc.reg.resolve(m.E)
		if m.Dropped || fr.rl.a.Toks[m.From].Sent != sent || !slices.Contains(evs, e) {
			continue
		}
		d := m.From - k
		if d < 0 {
			d = -d
		}
		if dist < 0 || d < dist {
			best, dist = e, d
		}
	}
	return best
}

// placedMeetingName names a meeting of two named people at a named
// place, undated ("Ana Prado and Luis Vera met in Lima"): who and where
// make it specific (ONTOLOGY.md), as a visit's traveller and stop do.
func (fr *framer) placedMeetingName(f event.Frame) string {
	if f.Kind != "MEETING" || len(f.Met) == 0 || len(f.Places) == 0 {
		return ""
	}
	people := fr.people(f)
	if len(people) != 2 {
		return ""
	}
	return "meeting between " + people[0].Name + " and " + people[1].Name
}

// people are the persons among f's agents, each once.
func (fr *framer) people(f event.Frame) []*ent {
	var out []*ent
	for _, a := range f.Agents {
		if e := fr.rl.rc.reg.resolve(fr.ent(a)); e.Type == schema.Person && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// headPhrase is the noun phrase that reports f, from its first modifier
// to its trigger, in lower case ("telephone conversation").
func (fr *framer) headPhrase(f event.Frame) string {
	a := fr.rl.a
	return strings.ToLower(a.Text[a.Toks[f.Head].Start:a.Toks[f.Trigger].End])
}

// theirMeeting is a meeting every person of f already attended.
func (fr *framer) theirMeeting(f event.Frame) *ent {
	reg := fr.rl.rc.reg
	var shared []*ent
	first := true
	for _, a := range f.Agents {
		p := reg.resolve(fr.ent(a))
		if p.Type != schema.Person {
			continue
		}
		var evs []*ent
		for _, ev := range fr.attended[p] {
			if ev = reg.resolve(ev); ev.Kind == "MEETING" && (first || slices.Contains(shared, ev)) {
				evs = append(evs, ev)
			}
		}
		shared, first = evs, false
	}
	if len(shared) == 0 {
		return nil
	}
	return shared[0]
}

// visitNames gives a visit the names its frame makes, in both English
// orders and for the stop's state as well as its city: "Ana Lima's visit
// to Zenda", "visit of Ana Lima to Ruritania". Whatever phrase the text
// used ("her upcoming four-day State visit"), these are the names an
// analyst searches by.
func (fr *framer) visitNames(ev *ent, f event.Frame) {
	if f.Kind != "VISIT" || f.Traveller < 0 || len(f.Places) == 0 {
		return
	}
	travellers := []string{fr.asWritten(f.Traveller), fr.ent(f.Traveller).Name}
	var places []string
	for _, p := range f.Places {
		places = append(places, fr.asWritten(p), fr.ent(p).Name)
		if w := fr.in.Mentions[p].Within; w >= 0 {
			places = append(places, fr.ents[w].Name)
		}
	}
	heads := []string{"visit"}
	if f.NounTrigger() && f.Head < f.Trigger {
		heads = append(heads, fr.headPhrase(f)) // "official visit", "State visit": as the text qualifies it
	}
	for _, t := range travellers {
		for _, p := range places {
			for _, h := range heads {
				ev.addAlias(t + "'s " + h + " to " + p)
				ev.addAlias(h + " of " + t + " to " + p)
			}
		}
	}
	fr.rl.rc.reg.reindex(ev)
}

// meetingNames gives a meeting of two people the names its frame makes:
// "meeting between A and B", "meeting of A with B", "A's meeting with
// B", with the text's own head ("bilateral meeting", "phone call") as
// well as "meeting".
func (fr *framer) meetingNames(ev *ent, f event.Frame) {
	if ev.Kind != "MEETING" || f.Kind != "MEETING" {
		return
	}
	people := fr.people(f)
	if len(people) != 2 {
		return
	}
	heads := []string{"meeting"}
	if f.NounTrigger() {
		heads = append(heads, fr.headPhrase(f))
	}
	x, y := people[0].Name, people[1].Name
	for _, h := range heads {
		ev.addAlias(h + " between " + x + " and " + y)
		ev.addAlias(h + " of " + x + " with " + y)
		ev.addAlias(h + " of " + x + " and " + y)
		ev.addAlias(x + "'s " + h + " with " + y)
	}
	fr.rl.rc.reg.reindex(ev)
}

// betweenNouns report a happening between people ("a session" is a
// body's, not theirs).
var betweenNouns = map[string]bool{"conversation": true, "call": true, "talk": true, "talks": true, "meeting": true, "videoconference": true}

// frameName names an unnamed happening from its frame: "Anna Weber's
// visit to Zenda", "meeting of Anna Weber and Karl Hof", "signing of the
// Memorandum on Trade".
func frameName(f event.Frame, ent func(int) *ent, written func(int) string) string {
	names := func(is []int, n int) []string {
		var out []string
		for _, i := range is[:min(n, len(is))] {
			out = append(out, ent(i).Name)
		}
		return out
	}
	switch {
	case f.Kind == "VISIT" && f.Traveller >= 0 && len(f.Places) > 0:
		return written(f.Traveller) + "'s visit to " + written(f.Places[0])
	case f.Kind == "SIGNING" && len(f.Instruments) > 0:
		return "signing of " + ent(f.Instruments[0]).Name
	case f.Kind == "SIGNING":
		return "" // a signing is named by what was signed
	case len(f.Agents) >= 2:
		return strings.ToLower(kindWord(f.Kind)) + " of " + strings.Join(names(f.Agents, 2), " and ")
	case len(f.Agents) == 1 && len(f.Places) > 0:
		return strings.ToLower(kindWord(f.Kind)) + " of " + ent(f.Agents[0]).Name + " in " + ent(f.Places[0]).Name
	}
	return ""
}

// asWritten is a mention as the text writes it: a person with the post
// right before the name ("Secretary Blinken"), a place with its article
// ("the Dominican Republic"), as the passes name a visit.
func (fr *framer) asWritten(mention int) string {
	a, m := fr.rl.a, fr.in.Mentions[mention]
	if m.To-m.From == 1 && subjectPronouns[a.Toks[m.From].Key] {
		return fr.ent(mention).Name // "she" stands for her
	}
	from := m.From
	if from > 0 && a.Toks[from-1].Sent == a.Toks[from].Sent {
		// not the end of a hyphened post: "Secretary-General Ana Lima"
		hyphened := from >= 2 && a.Toks[from-2].Text == "-" && a.Toks[from-2].End == a.Toks[from-1].Start
		if t := a.Toks[from-1]; t.Cap && titleHeads[t.Key] && m.Type == schema.Person && !hyphened || t.Key == "the" && m.Type != schema.Person {
			from--
		}
	}
	return cleanName(a.span(from, m.To))
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

// tagging is the part of speech of each token; empty where the text layer
// did not tag.
type tagging []string

func (t tagging) at(i int) string {
	if i < len(t) {
		return t[i]
	}
	return ""
}

// bodySentence reports a sentence of the body, ended as sentences are,
// not a headline or a line of front matter.
func (rl *relater) bodySentence(i int) bool {
	s := rl.a.Sents[i]
	last := rl.a.Toks[s.To-1].Text
	return last == "." || last == "!" || last == "?"
}
