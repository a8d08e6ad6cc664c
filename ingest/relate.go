package ingest

import (
	"cmp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/ingest/event"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// fact is a relation found in one sentence.
type fact struct {
	S, O      *ent
	T         schema.RelationType
	Title     string
	Since     string
	Sent      int
	Extractor string
	Conf      float64
}

type relater struct {
	rc        *recognizer
	a         *annotated
	doc       store.Document
	facts     []fact
	main      *ent // the event the document is about
	visit     *ent // a trip the document announces
	headVisit *ent // a visit the headline names
	ceremony  *ent // an exchange of instruments the document reports

	pending []pendingPost
	groups  []group
	eventMs map[string][]*mention // the events named, by kind, in order (see refEvent)
	tags    tagging               // part of speech of each token, from the text layer
	plural  []pluralMeeting       // gatherings of "the two Presidents" (see pluralMeetings)
	// instruments "signed by the two Foreign Ministers in Zenda" (e is the instrument)
	pluralSigners []pluralMeeting
	weEvent       *ent // "We, the Ministers of …, met": the signatories' meeting

	home      *ent // homeCountry, once known
	homeKnown bool
	postIx    *posts // see postIndex
}

// pendingPost is a post named without the body or state it belongs to.
type pendingPost struct {
	m    *mention
	sent int
}

// defaultPosts ties posts named bare to a state, for people the text
// gives no other post to.
func (rl *relater) defaultPosts() {
	rl.respectivePosts()
	rl.postIx = nil // the facts of the passes so far
	for _, p := range rl.pending {
		e := rl.rc.reg.resolve(p.m.E)
		stated := false
		for _, f := range rl.facts {
			if f.T == schema.HoldsPosition && f.S == e {
				stated = true
			}
		}
		if stated || schema.Key(p.m.Title) == "secretary" {
			continue
		}
		owner := rl.listOwner(p.m)
		listed := owner != nil
		if owner == nil {
			owner = rl.placeState(p.sent)
		}
		if owner == nil {
			owner = rl.metThere(p.m)
		}
		if owner == nil {
			owner = rl.counterpartState(e)
		}
		if owner == nil {
			owner = rl.receivingMonarch(p.m.Title, p.sent)
		}
		if owner == nil {
			owner = rl.datelineOwner(p.m)
		}
		if owner == nil {
			owner = rl.defaultOwner(p.m.Title)
		}
		// A traveller's post is not in the state they visit, nor is one's
		// post in the state of one's counterpart.
		if not := rl.notHome(e); !listed && (owner == nil && len(not) > 0 || not[owner]) {
			owner = rl.favourite(not)
		}
		if owner != nil {
			if f := rl.rel(e, owner, schema.HoldsPosition, p.sent, "title-default", 0.4); f != nil {
				f.Title = p.m.Title
			}
		}
	}
}

// listOwner is the state of the posts before m in a list of posts and
// names ("Rivian Foreign Minister A, Defence Minister B and …"): a state
// written before a post of the list owns it and the posts after it until
// another is written. Nil when m follows no such post.
func (rl *relater) listOwner(m *mention) *ent {
	toks := rl.a.Toks
	sent := toks[m.From].Sent
	for item := m; item != nil; {
		k := item.From - 1
		for k >= 0 && toks[k].Cap && toks[k].Word && toks[k].Sent == sent { // the item's own post
			if c := rl.rc.topAt(k); c != nil && c.To <= item.From && rl.rc.reg.resolve(c.E).Type == schema.Country && item != m {
				return rl.rc.reg.resolve(c.E) // "Chilean Foreign Minister"
			}
			k--
		}
		if k < 1 || toks[k].Text != "," && toks[k].Key != "and" {
			return nil
		}
		item = rl.rc.personEndingAt(k)
	}
	return nil
}

// metThere is the state a traveller goes to in order to meet the holder
// of a post named bare: "will continue to Rivia to meet with President
// Karl Hof", "travels to Rivia, where she will meet Prime Minister …".
func (rl *relater) metThere(m *mention) *ent {
	toks := rl.a.Toks
	s := rl.a.Sents[toks[m.From].Sent]
	var state *ent
	// within a few words of the name: a sentence may be a whole pasted list
	for _, q := range rl.rc.mentionsIn(max(s.From, m.From-24), m.From) {
		if q.Nested {
			continue
		}
		if e := rl.rc.reg.resolve(q.E); e.Type == schema.Country && q.From > s.From && (toks[q.From-1].Key == "to" || toks[q.From-1].Key == "the" && q.From-2 >= s.From && toks[q.From-2].Key == "to") {
			state = e
		}
	}
	if state == nil {
		return nil
	}
	for k := m.From - 1; k > s.From && k > m.From-8; k-- {
		if key := toks[k].Key; key == "meet" || key == "met" {
			return state
		}
	}
	return nil
}

func (rl *relater) rel(s, o *ent, t schema.RelationType, sent int, extractor string, conf float64) *fact {
	s, o = rl.rc.reg.resolve(s), rl.rc.reg.resolve(o)
	if s == nil || o == nil || s == o || !t.Allows(s.Type, o.Type) && !(t.Symmetric() && t.Allows(o.Type, s.Type)) {
		return nil
	}
	rl.facts = append(rl.facts, fact{S: s, O: o, T: t, Sent: sent, Extractor: extractor, Conf: conf})
	return &rl.facts[len(rl.facts)-1]
}

// sentMentions returns the top-level mentions of sentence i in order.
func (rl *relater) sentMentions(i int, nested bool) []*mention {
	s := rl.a.Sents[i]
	var out []*mention
	for _, m := range rl.rc.mentionsIn(s.From, s.To) {
		if nested || !m.Nested {
			out = append(out, m)
		}
	}
	return out
}

func (rl *relater) has(i int, words ...string) bool {
	s := strings.ToLower(rl.a.sentText(i))
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var mainKinds = map[string]int{"DIALOGUE": 0, "SIGNING": 1, "VISIT": 1, "SUMMIT": 2, "MEETING": 2, "CONFERENCE": 3, "NEGOTIATION": 4}

// relate runs every relation rule over the document.
func (rl *relater) relate() {
	rl.cutBodies()
	rl.bareHeads()
	rl.councilsMet()
	rl.initiativesAsPrograms()
	rl.conflicts()
	rl.sides()
	rl.negotiations()
	rl.accessions()
	rl.visits()
	rl.mergeVisits()
	rl.mainEvent()
	rl.findGroups()
	rl.placedEvents()
	rl.bodyMeetings()
	rl.meetings()
	rl.namedWith()
	rl.welcomes()
	rl.metFor()
	rl.weMet()
	rl.headlineSessions()
	rl.pluralMeetings()
	rl.exchangesAfter()
	rl.exercises()
	rl.eventDates()
	rl.mainEvent()
	rl.sameDayDates()
	rl.listAttendance()
	rl.addressed()
	rl.nextSessions()
	// "A today hosted the Minister …, B, for the 3rd Session": the host
	// met the guests; a meal they were hosted at is a gathering that the
	// sentence's other events do not take over.
	for i := range rl.a.Sents {
		if rl.has(i, " hosted ", " will host ", " hosts ", "co-hosted ") {
			rl.hosted(i, rl.sentMentions(i, true))
		}
	}
	for i := range rl.a.Sents {
		rl.instrumentParties(i)
		if rl.has(i, "an audience to", "in audience", "an audience with") {
			rl.audience(i)
		}
		rl.hostedConference(i)
	}
	for i := range rl.a.Sents {
		rl.sentence(i)
	}
	rl.visitHosts()
	rl.datelinePlace()
	rl.representedStates()
	rl.futureSessions()
	rl.nextMeetings()
	rl.futureSeries()
	rl.postings()
	// posts set off after a name ("B, President of Uganda") are known
	// only now
	rl.representedStates()
	rl.defaultPosts()
	rl.pluralStates()
	rl.jointStatements()
	rl.duringEvents()
	rl.signedBack()
	rl.signatoryStates()
	rl.titleInstrument()
	rl.weSigned()
	rl.bodyAdopted()
	rl.partOf()
	rl.ordinalAliases()
	rl.topics()
}

// datelinePlace: a gathering the document reports on its own date, with
// no place said, was held in the city of the dateline ("March 18, 2025 -
// Berlin, Germany").
func (rl *relater) datelinePlace() {
	ev := rl.main
	if ev == nil || !rl.gathering(ev) || ev.Kind == "VISIT" || ev.Kind == "SIGNING" || rl.doc.Date == "" || ev.Date != rl.doc.Date {
		return
	}
	for _, f := range rl.facts {
		if f.T == schema.HeldIn && f.S == ev {
			return
		}
	}
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		if i > 4 {
			return
		}
		txt := rl.a.sentText(i)
		if len(findDates(txt, "")) == 0 || s.To-s.From > 14 {
			continue
		}
		for _, m := range rl.sentMentions(i, false) {
			if m.E.Type != schema.Location {
				continue
			}
			// the dateline's place: at the line's start or after the date and a dash
			if m.From == s.From || m.From > s.From && (toks[m.From-1].Text == "-" || toks[m.From-1].Text == "–" || toks[m.From-1].Text == "—") {
				rl.rel(ev, m.E, schema.HeldIn, i, "dateline", 0.4)
				return
			}
		}
	}
}

// representedStates: the state whose official took part in the
// document's gathering (not a visit: the visitor's state is not a party
// to its own trip) was represented at it.
func (rl *relater) representedStates() {
	ev := rl.main
	if ev == nil || !rl.gathering(ev) || ev.Kind == "VISIT" || ev.Kind == "SIGNING" {
		return
	}
	for _, f := range slices.Clone(rl.facts) {
		if f.T != schema.Attended || f.O != ev || f.S.Type != schema.Person {
			continue
		}
		for _, h := range rl.facts {
			if h.T == schema.HoldsPosition && h.S == f.S && h.O.Type == schema.Country && h.Extractor != "title-default" {
				rl.rel(h.O, ev, schema.Attended, f.Sent, "represented", 0.5)
			}
		}
	}
}

// mainEvent picks the event the document is about: the first dialogue,
// summit, visit or meeting.
func (rl *relater) mainEvent() {
	rl.pickMain()
	if rl.main != nil {
		rl.main = rl.rc.reg.resolve(rl.main)
	}
}

func (rl *relater) pickMain() {
	rl.main = nil
	best := 99
	// A travel announcement is about the trip.
	if rl.visit != nil && len(rl.a.Sents) > 0 {
		head := " " + strings.ToLower(rl.a.sentText(0)) + " "
		if strings.Contains(head, "travel") || strings.Contains(head, " visit") || strings.Contains(head, " trip") {
			rl.main = rl.visit
			return
		}
	}
	// A headline that names a gathering names the document's.
	if len(rl.a.Sents) > 0 {
		for _, m := range rl.rc.mentionsIn(0, rl.a.Sents[0].To) {
			if _, ok := mainKinds[m.E.Kind]; ok && m.E.Type == schema.Event && !strings.HasPrefix(strings.ToLower(m.E.Name), "next ") {
				rl.main = m.E
				return
			}
		}
	}
	if e := rl.leadEvent(); e != nil {
		rl.main = e
		return
	}
	// The gathering the first sentence of the body names: "… welcomes
	// the resumption of the High-Level Mediation for South Sudan in
	// Nairobi on 16 May 2024".
	for i, s := range rl.a.Sents {
		if last := rl.a.Toks[s.To-1].Text; last != "." || s.To-s.From < 8 {
			continue
		}
		for _, m := range rl.sentMentions(i, false) {
			if _, ok := mainKinds[m.E.Kind]; ok && m.E.Type == schema.Event && m.E.Kind != "SIGNING" && m.E.Date != "" && !strings.HasPrefix(strings.ToLower(m.E.Name), "next ") && !rl.host(m) {
				rl.main = m.E
				return
			}
		}
		break
	}
	for _, m := range rl.rc.mentionsIn(0, len(rl.a.Toks)) {
		if m.E.Type == schema.Event && !rl.background(m.E) {
			r, ok := mainKinds[m.E.Kind]
			if rl.host(m) {
				r += 10 // the gathering a meeting was held beside, only failing any other
			}
			if ok && r < best && !strings.HasPrefix(strings.ToLower(m.E.Name), "next ") {
				best, rl.main = r, m.E
			}
		}
	}
}

// background reports an event dated in an earlier month than the
// document: "The EU and Chile concluded the negotiations on 9 December
// 2022" is history, not what the document reports.
func (rl *relater) background(e *ent) bool {
	d := rl.doc.Date
	return len(e.Date) >= 7 && len(d) >= 7 && e.Date[:7] < d[:7]
}

// host reports a gathering named as the one something happened beside:
// "on the margins of the Berlin Energy Transition Dialogue, A met B".
func (rl *relater) host(m *mention) bool {
	toks := rl.a.Toks
	k := m.From - 1
	if k > 0 && toks[k].Key == "the" {
		k--
	}
	return k > 0 && toks[k].Key == "of" && (toks[k-1].Key == "margins" || toks[k-1].Key == "margin" || toks[k-1].Key == "sidelines")
}

// sentence applies the rules that read one sentence.
func (rl *relater) sentence(i int) {
	ms := rl.sentMentions(i, false)
	all := rl.sentMentions(i, true)
	toks := rl.a.Toks
	var events []*mention
	for _, m := range ms {
		if m.E.Type == schema.Event {
			events = append(events, m)
		}
	}
	var ev *ent
	if len(events) > 0 {
		ev = events[0].E
	} else if rl.has(i, "the meeting", "the dialogue", "consultations", "the summit", "the talks", "the signing", "the ceremony", "the conference", "the visit", "the discussion", "delegation", "the secretary", "joint declaration", "joint statement", "took part", "representatives of", "representatives from", "attended by", "was represented by", "were represented by") {
		ev = cmp.Or(rl.refEvent(i), rl.main)
		if rl.nextOne(i) {
			ev = nil // "the next round of consultations will be held in X": another event (futureSessions)
		}
		// "On the margins of the meeting, A received B": a side
		// encounter, not the meeting's business.
		if rl.has(i, "margins of", "margin of", "sidelines of") {
			ev = nil
		}
	}
	// Events: who is in their name, where they were held.
	for _, em := range events {
		e := em.E
		for _, m := range all {
			if m.From >= em.From && m.To <= em.To && m != em {
				switch {
				case m.E.Type == schema.Country && e.Kind != "CONFLICT" && e.Kind != "OTHER" && e.Kind != "SIGNING" && e.Kind != "VISIT":
					rl.rel(m.E, e, schema.Attended, i, "event-name", 0.8)
				case m.E.Type == schema.Organization && (e.Kind == "SUMMIT" || e.Kind == "CONFERENCE"):
					rl.rel(m.E, e, schema.Attended, i, "event-name", 0.8)
				case m.E.Type == schema.Organization && m.From >= em.From+3 && toks[m.From-1].Key == "the" && toks[m.From-2].Key == "of" && eventOfBody[toks[m.From-3].Key]:
					// "the fourth meeting of the … Joint Committee": the body met
					rl.rel(m.E, e, schema.Attended, i, "event-name", 0.7)
				}
			}
		}
		// "held … in X", "in Zenda on May 2": the first place after
		// "in" that follows the event in the sentence.
		for _, m := range ms {
			if m.From < em.To || m.From == 0 || (m.E.Type != schema.Location && m.E.Type != schema.Country) {
				continue
			}
			p := toks[m.From-1].Key
			if p == "the" && m.From > 1 {
				p = toks[m.From-2].Key
			}
			near := m.From-em.To <= 2
			// "held … at the Presidential Office in Yongsan": the venue,
			// then the place it is in.
			if p == "at" && m.E.Type == schema.Location && e.Kind != "CONFLICT" && rl.has(i, " held", "hosted", "take place", "took place", "convene") && !rl.clauseBreak(em.To, m.From) {
				rl.rel(e, m.E, schema.HeldIn, i, "held-at", 0.6)
				// "at the Weber Hall, Rivia": the venue's city too.
				if m.To+1 < len(toks) && toks[m.To].Text == "," {
					for k, n := range ms {
						if n.From == m.To+1 && n.E.Type == schema.Location && !rl.listItem(ms, k) {
							rl.rel(e, n.E, schema.HeldIn, i, "held-at", 0.5)
							rl.rel(m.E, n.E, schema.LocatedIn, i, "apposition", 0.6)
						}
					}
				}
				continue
			}
			// not a place of a clause the event's is joined to ("held a
			// meeting and confirmed that … will conduct … in the X Sea")
			far := !near && strings.Contains(" "+strings.ToLower(rl.a.span(em.To, m.From))+" ", " that ")
			if p == "in" && (near || rl.has(i, " held", "hosted", "take place", "took place", "convene") && !far) && (e.Kind != "CONFLICT" || m.E.Type == schema.Location) {
				rl.rel(e, m.E, schema.HeldIn, i, "held-in", 0.7)
				// "in Wales, U.K.", "in Yongsan, Seoul"; not "in northern
				// Norway, Sweden and Finland".
				if m.To+1 < len(toks) && toks[m.To].Text == "," {
					for k, n := range ms {
						if n.From == m.To+1 && (n.E.Type == schema.Country || n.E.Type == schema.Location) && !rl.listItem(ms, k) {
							rl.rel(e, n.E, schema.HeldIn, i, "held-in", 0.6)
							rl.rel(m.E, n.E, schema.LocatedIn, i, "apposition", 0.7)
						}
					}
				}
				break
			}
		}
	}
	// "A hosted his colleagues in Bodø on 11–12 June for the annual
	// meeting …": the place the host received them at.
	if rl.has(i, " hosted ", " hosts ", " will host ") {
		for _, em := range events {
			if !rl.gathering(em.E) || em.E.Kind == "SIGNING" {
				continue
			}
			for _, m := range ms {
				if m.To > em.From || m.From < 2 || m.E.Type != schema.Location || rl.clauseBreak(m.To, em.From) {
					continue
				}
				if p := toks[m.From-1].Key; (p == "in" || p == "at") && !strings.Contains(strings.ToLower(rl.a.span(m.To, em.From)), " and ") {
					rl.rel(em.E, m.E, schema.HeldIn, i, "hosted-in", 0.5)
				}
			}
		}
	}
	// "NATO members decided … after the 2014 Wales Summit": the body whose
	// members met attended its summit.
	for _, em := range events {
		if em.E.Kind != "SUMMIT" {
			continue
		}
		for _, m := range ms {
			if m.E.Type == schema.Organization && m.E.Kind == "INTERNATIONAL" && m.To < len(toks) && (toks[m.To].Key == "members" || toks[m.To].Key == "leaders" || toks[m.To].Key == "allies") {
				rl.rel(m.E, em.E, schema.Attended, i, "summit-members", 0.5)
			}
		}
	}
	// "The talks, convened at the Safari Park Hotel, Nairobi, …": where
	// the gathering the sentence speaks of was held.
	if ev != nil && len(events) == 0 && rl.gathering(ev) && ev.Kind != "SIGNING" {
		rl.heldAtRef(i, ms, ev)
	}
	// Attendance: "attended by representatives of A, B and C", "a
	// delegation headed by X represented Y at the meeting".
	if ev != nil && rl.gathering(ev) && rl.has(i, "attended", "represent", "delegation", "participat", "took part", "conducted by", "opened by", "co-chair", " received ", " hosted ", "bring together", "brings together", "brought together") {
		for _, m := range ms {
			if (m.E.Type == schema.Organization || m.E.Type == schema.Person) && !rl.postBody(m) {
				rl.rel(m.E, ev, schema.Attended, i, "attendance", 0.8)
			}
		}
	}
	// "attended by the Prime Minister of A and Ministers from B, C and
	// D", "E and F were represented by officials": the states took part.
	if ev != nil && rl.gathering(ev) && rl.has(i, "attended by", "represented by", "participation of") {
		for _, m := range all {
			if m.E.Type == schema.Country && (rl.postOfList(m) || rl.representedList(m)) {
				rl.rel(m.E, ev, schema.Attended, i, "attendance-state", 0.6)
			}
		}
	}
	// "A and B, on behalf of the Governments of X and Y, …": the states
	// took part; the people did only where the sentence has them meet,
	// not where they merely release a statement (they sign it, below).
	if ev != nil && rl.has(i, "on behalf of") {
		statement := rl.has(i, "released", "issued", "statement")
		for _, m := range all {
			if m.E.Type == schema.Country || m.E.Type == schema.Person && !statement {
				rl.rel(m.E, ev, schema.Attended, i, "on-behalf", 0.6)
			}
		}
	}
	// "The Indian delegation was led by Defence Secretary X": the post is
	// the delegation's state's.
	var delegState *ent
	led, incl := -1, false
	for _, m := range ms {
		if m.E.Type == schema.Country && m.To < len(toks) && (toks[m.To].Key == "delegation" || toks[m.To].Key == "side") {
			for j := m.To + 1; j+1 < rl.a.Sents[i].To && j-m.To < 5; j++ {
				if (toks[j].Key == "led" || toks[j].Key == "headed") && toks[j+1].Key == "by" {
					delegState, led = m.E, j+2
					break
				}
				// "The Vietnamese delegation included Minister …"
				if toks[j].Key == "included" || toks[j].Key == "comprised" || toks[j].Key == "comprising" {
					delegState, led, incl = m.E, j+1, true
					break
				}
			}
			break
		}
	}
	// "Secretary A and Foreign Minister B, on behalf of the Governments of
	// X and Y": each post is its state's, in order.
	onBehalf := map[*ent]*ent{}
	if rl.has(i, "on behalf of") {
		var people, states []*mention
		at := -1
		for k := rl.a.Sents[i].From; k+2 < rl.a.Sents[i].To; k++ {
			if toks[k].Key == "on" && toks[k+1].Key == "behalf" && toks[k+2].Key == "of" {
				at = k
				break
			}
		}
		for _, m := range all {
			switch {
			case m.E.Type == schema.Person && m.From < at && m.Title != "":
				people = append(people, m)
			case m.E.Type == schema.Country && m.From > at && !slices.ContainsFunc(states, func(x *mention) bool { return x.E == m.E }):
				states = append(states, m)
			}
		}
		if at >= 0 && len(people) == len(states) && len(people) > 1 {
			for k, p := range people {
				onBehalf[p.E] = states[k].E
			}
		}
		// "A on behalf of Kenya and B on behalf of the UAE"
		for _, p := range all {
			k := p.To
			if p.E.Type != schema.Person || k+3 >= len(toks) || toks[k].Key != "on" || toks[k+1].Key != "behalf" || toks[k+2].Key != "of" {
				continue
			}
			k += 3
			if toks[k].Key == "the" {
				k++
			}
			if c := rl.rc.topAt(k); c != nil && c.E.Type == schema.Country {
				onBehalf[p.E] = c.E
			}
		}
	}
	// Posts: "Deputy Director X represented NÚKIB".
	for _, m := range ms {
		if m.E.Type != schema.Person || m.Title == "" {
			continue
		}
		owner := m.TitleOf
		// a delegation's members are a list, set off by commas
		if owner == nil && delegState != nil && m.From >= led && (!rl.clauseBreak(led, m.From) || incl && rl.listOfPosts(led, m.From)) {
			owner = delegState
			if rl.main != nil && incl {
				rl.rel(m.E, rl.main, schema.Attended, i, "delegation", 0.55)
			}
		}
		if owner == nil {
			owner = rl.sideOf(i, m)
		}
		if owner == nil {
			owner = onBehalf[m.E]
		}
		if owner == nil && rl.has(i, "represented") {
			for _, n := range ms[slices.Index(ms, m)+1:] {
				if n.E.Type == schema.Organization {
					owner = n.E
					break
				}
			}
		}
		if owner == nil {
			rl.pending = append(rl.pending, pendingPost{m, i})
		}
		if owner != nil {
			if f := rl.rel(m.E, owner, schema.HoldsPosition, i, "title", 0.8); f != nil {
				f.Title = fullTitle(m.Title, rl.rc.reg.resolve(m.E).Titles)
			}
		}
		if ev != nil && rl.has(i, "opened by", "signing", "represented", "co-chair", "co-host", "chaired by", "will chair", "led the", "led by", "headed by") {
			rl.rel(m.E, ev, schema.Attended, i, "participant", 0.6)
		}

	}
	// "under the chairmanship of X, President of Nigeria": the chair
	// and the state he serves took part.
	if ev != nil && rl.gathering(ev) && rl.has(i, "chairmanship of", "presided over by", "chaired by") {
		rl.chairs(i, ms, ev)
	}
	// Meetings between people: "the meeting of A with B", "will meet A, B".
	if rl.has(i, "meeting of", "met with", " met ", "will meet", "meets", "consultations between", "signing of", "signing was", "opened by", "courtesy call", "called on", "received", "co-chaired by") {
		var people []*ent
		for _, m := range all {
			if m.E.Type == schema.Person && !slices.Contains(people, m.E) && !rl.source(m) {
				people = append(people, m.E)
			}
		}
		if rl.calls(i, all) {
			people = nil
		}
		if len(people) >= 2 {
			for _, p := range people[1:] {
				rl.rel(people[0], p, schema.MetWith, i, "meeting", 0.6)
			}
		}
		if mev := cmp.Or(rl.visit, ev, rl.main); rl.has(i, "will meet", "where he will meet", "where she will meet") && mev != nil {
			for _, p := range people {
				rl.rel(p, mev, schema.Attended, i, "meeting", 0.6)
			}
		}
	}
	// "Korea's Strategy for …": the state's own instrument.
	for _, m := range ms {
		if m.E.Type == schema.Agreement && m.TitleOf != nil && m.Source == "possessive" {
			rl.rel(m.TitleOf, m.E, schema.Signed, i, "possessive", 0.5)
		}
	}
	rl.signing(i, ms, ev)
	rl.participleSigners(i, ms)
	rl.membership(i, ms)
	rl.invitations(i, ms)
	// "the Rivia Convention Centre": a venue named after its city
	// lies in it.
	for _, m := range ms {
		if m.E.Type != schema.Location || m.To-m.From < 2 || !venueNoun(toks[m.To-1].Key) {
			continue
		}
		for _, n := range all {
			if n != m && n.From == m.From && n.To < m.To && n.E.Type == schema.Location {
				rl.rel(m.E, n.E, schema.LocatedIn, i, "venue-name", 0.6)
			}
		}
	}
	// Places in places: "the Weber Museum in Rivia".
	for k, m := range ms {
		if m.E.Type != schema.Location || k+1 >= len(ms) {
			continue
		}
		n := ms[k+1]
		in := n.From == m.To+1 && toks[m.To].Key == "in" || n.From == m.To+2 && toks[m.To].Key == "in" && toks[m.To+1].Key == "the"
		if (n.E.Type == schema.Location || n.E.Type == schema.Country && m.E.Gaz == nil) && in {
			rl.rel(m.E, n.E, schema.LocatedIn, i, "located-in", 0.7)
			// "Kasane, Chobe District in Botswana": the town the
			// district follows lies in the state too
			if k > 0 && ms[k-1].E.Type == schema.Location && ms[k-1].To+1 == m.From && toks[ms[k-1].To].Text == "," && regionNouns[toks[m.To-1].Key] {
				rl.rel(ms[k-1].E, n.E, schema.LocatedIn, i, "located-in", 0.6)
			}
			// "the A and the B in C"
			if k > 0 && ms[k-1].E.Type == schema.Location && strings.Contains(strings.ToLower(rl.a.span(ms[k-1].To, m.From)), "and") {
				rl.rel(ms[k-1].E, n.E, schema.LocatedIn, i, "located-in", 0.6)
			}
		}
		// "Visby, Gotland, on 12 October": a place after a comma is where
		// the first lies, unless the two are items of a list.
		if n.E.Type == schema.Location && n.From == m.To+1 && toks[m.To].Text == "," && !rl.listItem(ms, k+1) {
			rl.rel(m.E, n.E, schema.LocatedIn, i, "apposition", 0.5)
		}
		if n.E.Type == schema.Country && n.From == m.To+1 && toks[m.To].Text == "," && !rl.listItem(ms, k+1) {
			rl.rel(m.E, n.E, schema.LocatedIn, i, "apposition", 0.6)
		}
	}
	// "In Warsaw, Secretary Blinken will meet …": the trip goes there.
	if rl.visit != nil && toks[rl.a.Sents[i].From].Key == "in" {
		if m := rl.rc.topAt(rl.a.Sents[i].From + 1); m != nil && m.E.Type == schema.Location && m.To < len(toks) && toks[m.To].Text == "," {
			rl.rel(rl.visit, m.E, schema.HeldIn, i, "visit", 0.6)
		}
	}
	// Visits: places visited belong to the visit.
	if ev != nil && ev.Kind == "VISIT" && rl.has(i, "visit", "travel") && !rl.rc.titleCase(rl.a.Sents[i]) {
		first := rl.a.Sents[i].To
		for k := rl.a.Sents[i].From; k < rl.a.Sents[i].To; k++ {
			if strings.HasPrefix(toks[k].Key, "visit") || strings.HasPrefix(toks[k].Key, "travel") {
				first = k
				break
			}
		}
		for _, m := range ms {
			if m.From < first {
				continue
			}
			if m.E.Type == schema.Location || m.E.Type == schema.Country && m.From > 0 && toks[m.From-1].Key == "the" && toks[max(m.From-2, 0)].Key == "to" {
				rl.rel(ev, m.E, schema.HeldIn, i, "visit", 0.6)
			}
		}
	}
}

// heldAtRef reads "convened at the X, Y", "took place in Y" of an event
// the sentence refers to without naming it.
func (rl *relater) heldAtRef(i int, ms []*mention, ev *ent) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	verb := -1
	for k := s.From; k+1 < s.To; k++ {
		if (toks[k].Key == "convened" || toks[k].Key == "held" || toks[k].Key == "place" && k > s.From && toks[k-1].Key == "took") && (toks[k+1].Key == "at" || toks[k+1].Key == "in") {
			verb = k + 1
			break
		}
	}
	if verb < 0 {
		return
	}
	for k, m := range ms {
		if m.From <= verb || m.E.Type != schema.Location && m.E.Type != schema.Country {
			continue
		}
		if m.From > verb+2 {
			break
		}
		rl.rel(ev, m.E, schema.HeldIn, i, "held-at", 0.5)
		// "at the Grand Lake Hotel, Zenda"
		if k+1 < len(ms) && ms[k+1].From == m.To+1 && toks[m.To].Text == "," && ms[k+1].E.Type == schema.Location {
			rl.rel(ev, ms[k+1].E, schema.HeldIn, i, "held-at", 0.5)
		}
		break
	}
}

// sideOf is the state whose side a person is listed on: "attended, from
// the Saudi side, by A, Minister of …; and from the Chinese side, by B",
// "Japan was represented by A, …, and the Philippines by B".
func (rl *relater) sideOf(i int, p *mention) *ent {
	toks := rl.a.Toks
	var side *ent
	for _, m := range rl.sentMentions(i, false) {
		if m.From >= p.From {
			break
		}
		if m.E.Type != schema.Country || m.To+1 >= len(toks) {
			continue
		}
		if m.From >= 2 && toks[m.To].Key == "side" && toks[m.From-1].Key == "the" && (toks[m.From-2].Key == "from" || toks[m.From-2].Key == "on") {
			side = m.E
		}
		// "Japan was represented by A, Minister …, and the Philippines by B"
		if rl.has(i, "represented by") && (toks[m.To].Key == "by" || m.To+2 < len(toks) && toks[m.To+1].Key == "represented" && toks[m.To+2].Key == "by") {
			side = m.E
		}
	}
	return side
}

// postBody reports a body named as the one a post belongs to ("Director
// of the Czech National Security Agency"): it did not act itself.
func (rl *relater) postBody(m *mention) bool {
	toks := rl.a.Toks
	if m.From > 0 && toks[m.From-1].Text == "(" {
		return true // "(CDMB)" repeats the name before it
	}
	// "Spain's Minister for Foreign Affairs", "Indonesia's National
	// Cyber and Crypto Agency": the state of a post or body named next.
	if m.E.Type == schema.Country && m.To+1 < len(toks) && (toks[m.To].Text == "'s" || toks[m.To].Text == "’s") {
		if _, title := rl.rc.titleAt(m.To+1, len(toks)); title != "" {
			return true
		}
		if b := rl.rc.topAt(m.To + 1); b != nil && b.E.Type == schema.Organization {
			return true
		}
	}
	k := m.From - 1
	if k > 0 && toks[k].Key == "the" {
		k--
	}
	if k < 1 || toks[k].Key != "of" {
		return false
	}
	return toks[k-1].Cap && titleHeads[toks[k-1].Key]
}

// gathering reports an event people attend in person.
func (rl *relater) gathering(e *ent) bool {
	_, ok := mainKinds[e.Kind]
	return ok
}

// standalone reports an entity named on its own, not only inside another
// name ("Prague" in "Prague Proposals").
func (rl *relater) standalone(e *ent) bool {
	for _, m := range rl.rc.ms {
		if !m.Nested && !m.Dropped && rl.rc.reg.resolve(m.E) == e {
			return true
		}
	}
	return false
}

// placeState reads "In Warsaw, …": the state of the city a sentence
// opens with, when the document names that state.
func (rl *relater) placeState(i int) *ent {
	s := rl.a.Sents[i]
	toks := rl.a.Toks
	if s.To-s.From < 3 || !settingOpeners[toks[s.From].Key] {
		return nil
	}
	// "In Zenda, …", "While in Zenda, …", "During her stay in Zenda, …"
	k := s.From
	for k < min(s.To-2, s.From+5) && toks[k].Key != "in" {
		k++
	}
	if toks[k].Key != "in" {
		return nil
	}
	m := rl.rc.topAt(k + 1)
	if m != nil && m.E.Type == schema.Country && m.To < s.To && rl.a.Toks[m.To].Text == "," {
		return m.E // "In Ruritania, she will meet President Karl Hof"
	}
	if m == nil || m.E.Type != schema.Location || m.E.Gaz == nil || m.E.Gaz.Country == "" {
		return nil
	}
	return rl.rc.reg.find(schema.Country, m.E.Gaz.Country)
}

// datelineOwner: "KUALA LUMPUR: Foreign Minister A will …" — a post named
// bare in a document datelined in a city is the city's state's, unless
// it is an envoy's, held abroad, or a counterpart's.
func (rl *relater) datelineOwner(m *mention) *ent {
	toks := rl.a.Toks
	if words := strings.Fields(schema.Key(m.Title)); len(words) == 0 || slices.ContainsFunc(words, func(w string) bool { return envoyHeads[w] || w == "consul" || w == "charge" }) {
		return nil
	}
	for k := max(0, m.From-4); k < m.From; k++ {
		if toks[k].Key == "counterpart" || toks[k].Key == "counterparts" {
			return nil
		}
	}
	c := rl.datelineCity()
	if c == nil || c.Gaz == nil || c.Gaz.Country == "" {
		return nil
	}
	if e := rl.rc.reg.find(schema.Country, c.Gaz.Country); e != nil {
		return rl.rc.reg.resolve(e)
	}
	return nil
}

// settingOpeners open a sentence set in a place.
var settingOpeners = map[string]bool{"in": true, "while": true, "whilst": true, "during": true, "once": true, "when": true}

// defaultOwner ties a post named without its state to one: posts that
// only one state has ("Secretary of State") to it, others to the state
// the document is mostly about besides.
func (rl *relater) defaultOwner(title string) *ent {
	k := schema.Key(title)
	if strings.Contains(k, "secretary of state") || strings.Contains(k, "secretary of defense") || strings.Contains(k, "secretary of homeland") || strings.Contains(k, "secretary of the treasury") {
		if us := rl.rc.reg.find(schema.Country, "United States"); us != nil {
			return us
		}
	}
	return rl.homeCountry()
}

// homeCountry is the most mentioned state other than the United States
// (whose documents speak of their partner). It reads the whole document,
// and every post named bare asks for it: the answer is kept.
func (rl *relater) homeCountry() *ent {
	if !rl.homeKnown {
		rl.home, rl.homeKnown = rl.findHomeCountry(), true
	}
	return rl.home
}

func (rl *relater) findHomeCountry() *ent {
	if e := rl.publisherState(); e != nil {
		return e
	}

	// Only a clear favourite (a bilateral text names both sides about as
	// often), and not the United States, whose documents speak of their
	// partner.
	not := map[*ent]bool{}
	if us := rl.rc.reg.find(schema.Country, "United States"); us != nil {
		not[us] = true
	}
	return rl.favourite(not)
}

// signing finds who signed, adopted or released an instrument and the
// event that produced it.
func (rl *relater) signing(i int, ms []*mention, ev *ent) {
	if ev == nil && rl.main != nil && rl.main.Kind == "SIGNING" {
		ev = rl.main
	}
	if !rl.has(i, "signed", "signing", "adopted", "adoption", "released", "issued", "endorsed", "signed onto", " sign ", " signs ", "ratified", "acceded", "joined") {
		return
	}
	var ags []*ent
	for _, m := range ms {
		if m.E.Type == schema.Agreement && !slices.Contains(ags, m.E) {
			ags = append(ags, m.E)
		}
	}
	if len(ags) == 0 && rl.has(i, "following joint statement", "following statement") {
		if t := rl.titleAgreement(); t != nil {
			ags = append(ags, t)
		}
	}
	// "The Memorandum was signed …": the instrument named before.
	if len(ags) == 0 {
		if s := rl.a.Sents[i]; s.To-s.From > 2 && rl.a.Toks[s.From].Key == "the" && agreementHeads[rl.a.Toks[s.From+1].Key] != "" {
			if ag := rl.lastAgreement(s.From, rl.a.Toks[s.From+1].Key); ag != nil {
				ags = append(ags, ag)
			}
		}
	}
	// "The agreements were signed … by": the instruments the sentence
	// before named.
	if len(ags) == 0 {
		if s := rl.a.Sents[i]; s.To-s.From > 2 && rl.a.Toks[s.From].Key == "the" && pluralInstruments[rl.a.Toks[s.From+1].Key] && i > 0 {
			ags = rl.lastSigned(i)
		}
	}
	// "the two sides signed a number of agreements …, including:" and a
	// list of them, one an item.
	if len(ags) == 0 {
		ags = rl.listedInstruments(i)
	}
	// "B, Minister of Foreign Affairs of Chile, signed on behalf of
	// Chile": signed what was just signed.
	if len(ags) == 0 && rl.has(i, "signed on behalf of", "signed for") {
		ags = rl.lastSigned(i)
	}
	if len(ags) == 0 {
		return
	}
	verb, by := rl.signVerb(i)
	// "the Declaration …, signed in August 2022 during the visit of …": a
	// participle says when, not who; what comes before did not sign.
	if verb > 0 && verb+1 < len(rl.a.Toks) && !by && rl.a.Toks[verb-1].Text == "," && rl.a.Toks[verb].Key == "signed" {
		switch rl.a.Toks[verb+1].Key {
		case "in", "on", "at", "during", "last", "earlier":
			if !rl.has(i, "signed on behalf") {
				return
			}
		}
	}
	// "the Strategy adopted by the Cabinet …, and the Strategy …": what
	// was signed "by" someone is the instrument right before the verb.
	if by && verb > 0 && len(ags) > 1 {
		for _, m := range ms {
			if m.E.Type == schema.Agreement && (m.To == verb || m.To == verb-1 && (rl.a.Toks[verb-1].Key == "was" || rl.a.Toks[verb-1].Key == "were")) {
				ags = []*ent{m.E}
			}
		}
	}
	// "a Memorandum … between A and B, signed by X, Minister …, and Y":
	// signed by those named after "by", as in the passive.
	participle := by && rl.a.Toks[verb].Key == "signed" && slices.ContainsFunc(ms, func(m *mention) bool { return m.E.Type == schema.Agreement && m.To <= verb })
	if verb > 0 && (rl.a.Toks[verb-1].Key == "was" || rl.a.Toks[verb-1].Key == "were" || participle) && rl.a.Toks[verb].Key == "signed" {
		for _, ag := range ags {
			rl.passiveSigning(i, verb, ag)
		}
		if rl.has(i, "on behalf of") {
			rl.onBehalf(i, ags)
		}
		return
	}
	if verb >= 0 && !by {
		var obj []*ent
		for _, m := range ms {
			if m.From <= verb || m.E.Type != schema.Agreement {
				continue
			}
			// "signed the Agreed Minutes and witnessed the signing of a
			// Memorandum …": the second was others' to sign.
			if between := " " + strings.ToLower(rl.a.span(verb, m.From)) + " "; rl.clauseBreak(verb, m.From) || strings.Contains(between, " which ") || strings.Contains(between, " witnessed ") || strings.Contains(between, " welcomed ") {
				break
			}
			if !slices.Contains(obj, m.E) {
				obj = append(obj, m.E)
			}
		}
		if len(obj) > 0 {
			ags = obj
		}
	}
	// "On the occasion of the summit, A and B signed …": the gathering
	// produced the instrument; no signing of its own.
	if occ := rl.occasion(i, verb); occ != nil && verb >= 0 && !by {
		for _, ag := range ags {
			rl.rel(occ, ag, schema.Produced, i, "occasion", 0.6)
		}
	} else if verb >= 0 && !by && (len(ags) == 1 || rl.a.Toks[verb].Key == "signed") && (rl.a.Toks[verb].Key == "signed" || rl.a.Toks[verb].Key == "adopted" && rl.placeAfter(i, verb)) && rl.a.Toks[verb+1].Key != "onto" && rl.a.Toks[verb+1].Key != "on" {
		// A signing with signers named, or with its venue ("the
		// ministers adopted the Vision 2025 in Oslo"); instruments
		// signed together have one signing.
		if slices.ContainsFunc(ms, func(m *mention) bool {
			return m.From < verb && (m.E.Type == schema.Person || m.E.Type == schema.Country || m.E.Type == schema.Organization)
		}) || rl.placeAfter(i, verb) || rl.a.Toks[verb].Key == "signed" && rl.pluralParties(i, verb) {
			for _, ag := range ags {
				rl.activeSigning(i, verb, ag, ms)
			}
		}
	}
	// "commends Ruritania and Freedonia for signing the Declaration": who is named
	// did not sign; the signing is read by signingEvents.
	gerund := verb < 0 && rl.has(i, "for signing", "the signing of", "the signing in", "after signing")
	for _, m := range ms {
		switch m.E.Type {
		case schema.Person, schema.Organization, schema.Country:
			if gerund || rl.postBody(m) || rl.shadowed(m) || rl.witness(i, m) || verb >= 0 && (by && (m.From < verb || rl.clauseBreak(verb, m.From)) || !by && (m.From > verb || m.From < rl.clauseStart(i, verb))) {
				continue
			}
			// "discussed the situation in Myanmar …, and adopted": a
			// place talked about is no signer.
			if verb >= 0 && !by && m.E.Type == schema.Country && rl.afterPreposition(m) {
				continue
			}
			for _, ag := range ags {
				rl.rel(m.E, ag, schema.Signed, i, "signing", 0.7)
			}
			if ev != nil && ev.Kind == "SIGNING" && rl.has(i, "signed") {
				rl.rel(m.E, ev, schema.Attended, i, "signing", 0.6)
			}
		case schema.Event:
			// "adopted a Joint Statement …, and welcomed the outcome of the
			// X Summit": an event in another clause produced nothing.
			if verb >= 0 && m.From > verb && rl.clauseBreak(verb, m.From) {
				continue
			}
			// "The Dialogue reviewed the Framework, adopted by both
			// countries in October 2021": adopted before the event.
			if verb >= 0 && rl.main != nil && m.E == rl.main && !rl.sameDay(i, verb) {
				continue
			}
			for _, ag := range ags {
				rl.rel(m.E, ag, schema.Produced, i, "produced", 0.7)
			}
		}
	}
	// "the defence ministers of the five countries signed …": the states
	// of a group the text listed before.
	if verb >= 0 && !by {
		cs := rl.clauseStart(i, verb)
		named := slices.ContainsFunc(ms, func(m *mention) bool {
			return m.From >= cs && m.From < verb && (m.E.Type == schema.Person || m.E.Type == schema.Country)
		})
		if members := rl.groupIn(cs, verb); !named && members != nil {
			var sev *ent
			for _, f := range rl.facts {
				if f.T == schema.Produced && f.O == ags[0] && f.S.Kind == "SIGNING" && f.Sent == i {
					sev = f.S
				}
			}
			for _, c := range members {
				for _, ag := range ags {
					rl.rel(c, ag, schema.Signed, i, "group", 0.5)
				}
				if sev != nil {
					rl.rel(c, sev, schema.Attended, i, "group", 0.5)
				}
			}
		}
	}
	// "The ministers adopted a Joint Statement", "Both governments
	// endorsed the Action Plan": adopted at the gathering the document
	// reports, which produced it.
	if verb >= 0 && !by && (ev == nil || !rl.evInClause(i, verb, ev)) && rl.main != nil && rl.gathering(rl.main) && rl.main.Kind != "SIGNING" && rl.main.Kind != "VISIT" && rl.sameDay(i, verb) &&
		(rl.pluralParties(i, verb) || rl.has(i, "both governments", "the two governments", "both countries", "the two countries")) && !rl.has(i, "following the", "after the", "ahead of", "prior to", "before the") {
		switch rl.a.Toks[verb].Key {
		case "adopted", "endorsed", "issued", "released":
			for _, ag := range ags {
				rl.rel(rl.main, ag, schema.Produced, i, "main-adopted", 0.5)
			}
		}
	}
	// "The two leaders … adopted the Joint Statement": the people who
	// attended the main event, and the states named in its name.
	if verb >= 0 && !by && rl.main != nil && rl.pluralParties(i, verb) {
		// "the two sides": the states; their people only where no state
		// took part by name.
		sides := rl.has(i, "two sides", "both sides")
		var states []*ent
		for _, f := range rl.facts {
			if f.T == schema.Attended && f.O == rl.main && f.S.Type == schema.Country && !slices.Contains(states, f.S) {
				states = append(states, f.S)
			}
		}
		if sides && len(states) == 0 {
			for _, f := range slices.Clone(rl.facts) {
				if f.T != schema.Attended || f.O != rl.main || f.S.Type != schema.Person {
					continue
				}
				for _, m := range rl.rc.ms {
					if c := m.TitleOf; rl.rc.reg.resolve(m.E) == f.S && c != nil {
						if c.Type == schema.Organization {
							c = c.Country
						}
						if c != nil && c.Type == schema.Country && !slices.Contains(states, c) {
							states = append(states, c)
						}
					}
				}
			}
			for _, c := range states {
				for _, ag := range ags {
					rl.rel(c, ag, schema.Signed, i, "parties", 0.5)
				}
			}
		}
		word := rl.partyWord(i, verb)
		// "The two Prime Ministers held talks … The leaders adopted a Plan
		// of Action": during a visit, the people of its talks, at them.
		var talks *pluralMeeting
		if rl.main.Kind == "VISIT" && len(rl.plural) == 1 && rl.plural[0].sent < i && !sides {
			talks = &rl.plural[0]
		}
		for _, f := range slices.Clone(rl.facts) {
			if f.T == schema.Attended && f.O == rl.main && (f.S.Type == schema.Person && !sides && rl.isParty(f.S, word) && (talks == nil || slices.Contains(talks.people, f.S)) || f.S.Type == schema.Country) {
				for _, ag := range ags {
					rl.rel(f.S, ag, schema.Signed, i, "parties", 0.5)
				}
			}
		}
		if talks != nil {
			for _, p := range talks.people {
				for _, ag := range ags {
					rl.rel(p, ag, schema.Signed, i, "parties", 0.5)
					rl.rel(talks.e, ag, schema.Produced, i, "parties", 0.5)
				}
			}
		}
	}
	if rl.has(i, "on behalf of") {
		rl.onBehalf(i, ags)
	}
	if ev != nil && rl.has(i, "adopted", "at the", "endorsed at") && (verb < 0 || !rl.named(i, ev) || rl.evInClause(i, verb, ev)) && (verb < 0 || rl.main == nil || rl.sameDay(i, verb)) {
		for _, ag := range ags {
			rl.rel(ev, ag, schema.Produced, i, "produced", 0.6)
		}
	}
}

// isParty reports a person the parties' noun can mean: "the leaders" are
// heads of state or government, "the ministers" ministers; other nouns
// take everyone who attended.
func (rl *relater) isParty(p *ent, word string) bool {
	var cues []string
	switch word {
	case "leaders", "presidents":
		cues = []string{"president", "prime minister", "chancellor", "king", "emir", "crown prince", "premier", "leader", "head of state"}
	case "ministers":
		cues = []string{"minister", "secretary"}
	default:
		return true
	}
	for _, t := range rl.rc.reg.resolve(p).Titles {
		k := strings.ToLower(t)
		for _, c := range cues {
			// a vice-president or deputy is no head of state or government
			// nor is a secretary-general a minister
			if strings.Contains(k, c) && !(word == "leaders" && (strings.Contains(k, "minister of") || strings.HasPrefix(k, "vice") || strings.HasPrefix(k, "deputy"))) && !(word == "ministers" && strings.Contains(strings.ReplaceAll(k, "-", " "), "secretary general")) {
				return true
			}
		}
	}
	return false
}

// listedInstruments are the instruments of the list a sentence announces
// with a colon, one an item: "signed a number of agreements …,
// including:" then "- a Memorandum of Understanding on …;".
func (rl *relater) listedInstruments(i int) []*ent {
	toks := rl.a.Toks
	if s := rl.a.Sents[i]; toks[s.To-1].Text != ":" {
		return nil
	}
	var out []*ent
	for j := i + 1; j < len(rl.a.Sents); j++ {
		it := rl.a.Sents[j]
		if t := toks[it.From]; t.Word && t.Key != "a" && t.Key != "an" && t.Key != "the" {
			break
		}
		for _, m := range rl.sentMentions(j, false) {
			if m.E.Type == schema.Agreement && !slices.Contains(out, m.E) {
				out = append(out, m.E)
				break // the item's instrument; others in it are its subject
			}
		}
	}
	return out
}

// lastSigned is what the latest signing before sentence i produced.
func (rl *relater) lastSigned(i int) []*ent {
	var out []*ent
	last := -1
	for _, f := range rl.facts {
		if f.T == schema.Produced && f.S.Kind == "SIGNING" && f.Sent < i && f.Sent >= last {
			if f.Sent > last {
				out, last = nil, f.Sent
			}
			if !slices.Contains(out, f.O) {
				out = append(out, f.O)
			}
		}
	}
	return out
}

// pluralInstruments refer back to the instruments just named: "The
// agreements were signed …".
var pluralInstruments = map[string]bool{"agreements": true, "memoranda": true, "instruments": true, "documents": true, "mous": true, "treaties": true}

// onBehalf reads "signed … on behalf of the EU", "on behalf of the UAE
// Cyber Security Council": the state or body a signer acted for signed.
func (rl *relater) onBehalf(i int, ags []*ent) {
	toks := rl.a.Toks
	for _, m := range rl.sentMentions(i, true) {
		if m.E.Type != schema.Country && m.E.Type != schema.Organization || rl.postBody(m) {
			continue
		}
		if top := rl.rc.topAt(m.From); top != nil && top != m && top.To > m.To {
			continue // "the UAE Cyber Security Council": the body acted, not its state
		}
		k := m.From - 1
		if k > 0 && toks[k].Key == "the" {
			k--
		}
		if !(k >= 2 && toks[k].Key == "of" && toks[k-1].Key == "behalf" && toks[k-2].Key == "on") {
			continue
		}
		for _, ag := range ags {
			rl.rel(m.E, ag, schema.Signed, i, "on-behalf", 0.6)
		}
	}
}

// lastAgreement is the instrument with the given head word mentioned
// last before token k.
func (rl *relater) lastAgreement(k int, head string) *ent {
	var best *mention
	for _, m := range rl.rc.mentionsIn(0, k) {
		if m.E.Type == schema.Agreement && strings.Contains(schema.Key(m.E.Name), head) {
			best = m
		}
	}
	if best == nil {
		return nil
	}
	return rl.rc.reg.resolve(best.E)
}

// shadowed reports a state named only as the adjective of a body at the
// same place ("the Danish … air forces").
func (rl *relater) shadowed(m *mention) bool {
	if m.E.Type != schema.Country {
		return false
	}
	for _, n := range rl.rc.starting(m.From) {
		if n != m && n.To == m.To && n.E.Type == schema.Organization {
			return true
		}
	}
	// "the Ministry of Trade, Industry and Energy (MOTIE) of Korea": the
	// state of a body, named after it.
	toks := rl.a.Toks
	k := m.From - 1
	if k > 0 && toks[k].Key == "the" {
		k--
	}
	if k > 0 && toks[k].Key == "of" {
		if toks[k-1].Text == ")" {
			return true
		}
		if b := rl.rc.mentionEndingAt(k); b != nil && b.E.Type == schema.Organization {
			return true
		}
	}
	return false
}

// activeSigning reads "A and B signed a Memorandum … in Helsinki": the
// signing is an event (the one the document already names, if any) that
// produced the instrument, held where "in" and "at" say after the verb,
// attended by the signers.
func (rl *relater) activeSigning(i, verb int, ag *ent, ms []*mention) {
	toks := rl.a.Toks
	var ev *ent
	for _, f := range rl.facts {
		if f.T == schema.Produced && (f.O == ag || f.Sent == i) && f.S.Kind == "SIGNING" {
			ev = f.S
		}
	}
	if ev == nil && rl.ceremony != nil {
		ev = rl.ceremony // signed at the exchange the document reports
	}
	if ev == nil {
		name := "signing of the " + ag.Name
		if toks[verb].Key == "adopted" {
			name = "adoption of the " + ag.Name
		}
		ev = rl.rc.reg.get(schema.Event, name, "SIGNING")
		ev.Kind = "SIGNING"
		rl.rc.add(&mention{From: verb, To: verb + 1, E: ev, Source: "signing", Nested: true})
		for _, d := range rl.datesIn(rl.a.Sents[i].Start, rl.a.Toks[rl.signClauseEnd(i, verb)-1].End) {
			ev.Date = d.Date
			break
		}
		// "today signed": the document's date.
		if ev.Date == "" && rl.doc.Date != "" && verb > 0 && (toks[verb-1].Key == "today" || verb+1 < len(toks) && toks[verb+1].Key == "today") {
			ev.Date = rl.doc.Date
		}
	}
	clauseEnd := rl.signClauseEnd(i, verb)
	rl.rel(ev, ag, schema.Produced, i, "signing", 0.6)
	// "…, in the presence of President X": a witness took part.
	for _, m := range ms {
		if m.E.Type == schema.Person && rl.witness(i, m) {
			rl.rel(m.E, ev, schema.Attended, i, "presence", 0.6)
		}
	}
	// "Following the meeting, … signed": on the day of the one-day
	// gathering the document reports.
	if ev.Date == "" && rl.main != nil && rl.main != ev && rl.main.Date != "" && rl.main.EndDate == "" && len(rl.main.Date) == len("2006-01-02") &&
		rl.has(i, "following the meeting", "after the meeting", "following the talks", "after the talks", "during the meeting", "following the dialogue", "on the same day") {
		ev.Date = rl.main.Date
	}
	// "A and B signed …": the signers met.
	var signers []*ent
	for _, m := range ms {
		if m.E.Type == schema.Person && m.From < verb && m.From >= rl.clauseStart(i, verb) && !rl.witness(i, m) && !slices.Contains(signers, m.E) {
			signers = append(signers, m.E)
		}
	}
	for k := 1; k < len(signers); k++ {
		rl.rel(signers[0], signers[k], schema.MetWith, i, "signing", 0.5)
	}
	for _, m := range ms {
		p := toks[max(m.From-1, 0)].Key
		if p == "the" {
			p = toks[max(m.From-2, 0)].Key
		}
		switch {
		case m.From > verb && m.From < clauseEnd && (m.E.Type == schema.Location || m.E.Type == schema.Country) && (p == "in" || p == "at") && !rl.venueIn(m):
			rl.rel(ev, m.E, schema.HeldIn, i, "signing", 0.6)
		case m.From < verb && m.From >= rl.clauseStart(i, verb) && !rl.postBody(m) && !rl.shadowed(m) && !rl.witness(i, m) && (m.E.Type == schema.Person || m.E.Type == schema.Country || m.E.Type == schema.Organization):
			rl.rel(m.E, ev, schema.Attended, i, "signing", 0.6)
		}
	}
}

// evInClause reports event ev named in the clause of the verb at verb.
func (rl *relater) evInClause(i, verb int, ev *ent) bool {
	for _, m := range rl.sentMentions(i, false) {
		if m.E == ev && (m.From < verb || !rl.clauseBreak(verb, m.From)) {
			return true
		}
	}
	return false
}

// named reports event ev named in sentence i (not only referred to).
func (rl *relater) named(i int, ev *ent) bool {
	return slices.ContainsFunc(rl.sentMentions(i, false), func(m *mention) bool { return m.E == ev })
}

// sameDay reports a clause, up to the first break after its verb, that
// names no date other than the main event's.
func (rl *relater) sameDay(i, verb int) bool {
	s := rl.a.Sents[i]
	end := s.To
	for k := verb + 1; k < s.To; k++ {
		if t := rl.a.Toks[k].Text; t == "," || t == ";" {
			end = k
			break
		}
	}
	for _, d := range rl.datesIn(s.Start, rl.a.Toks[end-1].End) {
		if rl.inName(s.Start+d.Start, nil) || len(d.Date) == 4 && !strings.HasSuffix(strings.TrimSpace(rl.a.Text[s.Start:s.Start+d.Start]), " in") {
			continue // "the 2025–2027 … Action Plan", "a Work Plan for 2025–2026"
		}
		if rl.main.Date == "" || !strings.HasPrefix(d.Date, rl.main.Date) && !strings.HasPrefix(rl.main.Date, d.Date) {
			return false
		}
	}
	return true
}

// witness reports a mention in the "in the presence of …" phrase of
// sentence i, up to the comma that closes it: one who saw the signing,
// not a signer.
func (rl *relater) witness(i int, m *mention) bool {
	toks := rl.a.Toks
	for k := m.From - 1; k >= rl.a.Sents[i].From+3; k-- {
		if toks[k].Text == "," || toks[k].Text == ";" {
			return false
		}
		if toks[k].Key == "of" && toks[k-1].Key == "presence" && toks[k-2].Key == "the" && toks[k-3].Key == "in" {
			return true
		}
	}
	return false
}

// passiveSigning reads "The Memorandum was signed at NATO Headquarters in
// Brussels by A and by B": a signing event, held where "at" and "in" say,
// attended and signed by those after "by", who met.
func (rl *relater) passiveSigning(i, verb int, ag *ent) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	var ev *ent
	for _, f := range rl.facts {
		if f.T == schema.Produced && (f.O == ag || f.Sent == i) && f.S.Kind == "SIGNING" {
			ev = f.S
		}
	}
	if ev == nil && rl.ceremony != nil {
		ev = rl.ceremony // signed at the exchange the document reports
	}
	if ev == nil {
		ev = rl.rc.reg.get(schema.Event, "signing of the "+ag.Name, "SIGNING")
		ev.Kind = "SIGNING"
		rl.rc.add(&mention{From: s.From, To: verb + 1, E: ev, Source: "signing", Nested: true})
	}
	rl.rel(ev, ag, schema.Produced, i, "signing", 0.7)
	by := -1
	for k := verb + 1; k < s.To; k++ {
		if toks[k].Key == "by" {
			by = k
			break
		}
	}
	// "a Memorandum … was signed between the Customs Service and the
	// Revenue Authority": the parties after "between" signed it.
	between := -1
	if verb+1 < s.To && toks[verb+1].Key == "between" {
		between = verb + 1
	}
	var people []*ent
	for _, m := range rl.rc.mentionsIn(verb+1, s.To) {
		if m.Nested {
			continue
		}
		p := toks[m.From-1].Key
		if p == "the" {
			p = toks[m.From-2].Key
		}
		switch {
		case between >= 0 && m.From > between && (by < 0 || m.From < by) && !rl.clauseBreak(between, m.From) && !rl.postBody(m) && (m.E.Type == schema.Organization || m.E.Type == schema.Country):
			rl.rel(m.E, ag, schema.Signed, i, "signing", 0.65)
		case (by < 0 || m.From < by) && (m.E.Type == schema.Location || m.E.Type == schema.Country) && (p == "at" || p == "in"):
			rl.rel(ev, m.E, schema.HeldIn, i, "signing", 0.6)
		case by >= 0 && m.From > by && !rl.postBody(m) && (m.E.Type == schema.Person || m.E.Type == schema.Organization || m.E.Type == schema.Country):
			rl.rel(m.E, ag, schema.Signed, i, "signing", 0.7)
			// Instruments exchanged after talks: who signed them is not
			// said to have been at the talks.
			if ev.Kind != "SIGNING" {
				continue
			}
			rl.rel(m.E, ev, schema.Attended, i, "signing", 0.7)
			if m.E.Type == schema.Person {
				people = append(people, m.E)
			}
		}
	}
	// "signed by the two Foreign Ministers in Zenda": the people the post names.
	if by >= 0 && len(people) == 0 {
		k := by + 1
		for k < s.To && (toks[k].Key == "the" || toks[k].Key == "two" || toks[k].Key == "both" || toks[k].Cap && titleMods[toks[k].Key]) {
			k++
		}
		if k < s.To && (toks[k].Key == "ministers" || toks[k].Key == "presidents" || toks[k].Key == "leaders") {
			if ps := rl.pluralSubject(s, k+1); len(ps) > 0 {
				for _, p := range ps {
					if ev.Kind == "SIGNING" {
						rl.rel(p, ev, schema.Attended, i, "signing", 0.6)
					}
					rl.rel(p, ag, schema.Signed, i, "signing", 0.6)
				}
				rl.pluralSigners = append(rl.pluralSigners, pluralMeeting{e: ag, people: ps, sent: i})
			}
		}
	}
	for k := 1; k < len(people); k++ {
		rl.rel(people[0], people[k], schema.MetWith, i, "signing", 0.5)
	}
	if ev.Date == "" {
		for _, d := range rl.datesIn(rl.a.Sents[i].Start, rl.a.Sents[i].End) {
			ev.Date = d.Date
			break
		}
	}
}

// clauseBreak reports a comma or semicolon between tokens a and b.
func (rl *relater) clauseBreak(a, b int) bool {
	for k := a; k < b; k++ {
		if t := rl.a.Toks[k].Text; t == "," || t == ";" {
			return true
		}
	}
	return false
}

// signVerb finds the verb of signing in sentence i and whether "by"
// follows it, which puts the signers after it.
func (rl *relater) signVerb(i int) (int, bool) {
	s := rl.a.Sents[i]
	for k := s.From; k < s.To; k++ {
		switch rl.a.Toks[k].Key {
		case "signed", "adopted", "released", "issued", "endorsed", "sign", "signs", "ratified", "acceded", "joined":
			return k, k+1 < s.To && rl.a.Toks[k+1].Key == "by"
		}
	}
	return -1, false
}

// titleAgreement is the instrument the document's title names.
func (rl *relater) titleAgreement() *ent {
	if rl.doc.Title == "" {
		return nil
	}
	for _, e := range rl.rc.reg.ents {
		if e.Type == schema.Agreement && schema.Key(e.Name) == schema.Key(rl.doc.Title) {
			return e
		}
	}
	return nil
}

// membership reads "a member of NATO and the EU, the Czech Republic…",
// "X joined NATO in 1999, along with A and B", "X's membership in NATO".
func (rl *relater) membership(i int, ms []*mention) {
	if !rl.has(i, "member", "joined", "accession", "includes", "participate in", "participates in", "comprises", " among ", "-led ") {
		return
	}
	var orgs, states []*mention
	for _, m := range ms {
		switch {
		case m.E.Type == schema.Organization && (m.E.Kind == "INTERNATIONAL" || m.E.Kind == "MILITARY" && m.E.Gaz != nil && m.E.Gaz.Country == "" && m.E.Gaz.Parent == ""):
			orgs = append(orgs, m)
		case m.E.Type == schema.Country:
			states = append(states, m)
		}
	}
	if len(orgs) == 0 || len(states) == 0 {
		return
	}
	since := ""
	joined := -1
	if rl.has(i, "joined") {
		for k := rl.a.Sents[i].From; k < rl.a.Sents[i].To; k++ {
			if rl.a.Toks[k].Key == "joined" {
				joined = k
				break
			}
		}
		for _, d := range findDates(rl.a.sentText(i), "") {
			since = d.Date
			break
		}
	}
	// "Ruritania, Freedonia and Borduria are also members of the Zenda Pact"
	toks := rl.a.Toks
	for k := rl.a.Sents[i].From; k+1 < rl.a.Sents[i].To; k++ {
		if !(toks[k].Key == "members" || toks[k].Key == "member") || toks[k+1].Key != "of" {
			continue
		}
		end := rl.a.Sents[i].To
		for j := k; j < end; j++ {
			if toks[j].Key == "while" || toks[j].Text == ";" || toks[j].Key == "whereas" {
				end = j
			}
		}
		for _, o := range orgs {
			if o.From <= k || o.From >= end {
				continue
			}
			for _, s := range states {
				if s.To <= k && !(s.To < len(toks) && (toks[s.To].Text == "'s" || toks[s.To].Text == "’s")) {
					rl.rel(s.E, o.E, schema.MemberOf, i, "membership", 0.6)
				}
			}
		}
		break
	}
	rl.includes(i, orgs, states)
	rl.memberList(i, orgs)
	// "the Ruritania-led Joint Coastal Force": the leading state is in it.
	for _, o := range orgs {
		k := o.From - 1
		if k > 0 && rl.a.Toks[k].Key == "the" {
			k--
		}
		if k >= 2 && rl.a.Toks[k].Key == "led" && rl.a.Toks[k-1].Text == "-" {
			if c := rl.rc.mentionEndingAt(k - 1); c != nil && c.E.Type == schema.Country {
				rl.rel(c.E, o.E, schema.MemberOf, i, "membership-led", 0.5)
			}
		}
	}
	txt := strings.ToLower(rl.a.sentText(i))
	if strings.Contains(txt, "country's membership") || strings.Contains(txt, "country’s membership") {
		if h := rl.homeCountry(); h != nil {
			for _, o := range orgs {
				rl.rel(h, o.E, schema.MemberOf, i, "membership", 0.5)
			}
		}
	}
	for _, o := range orgs {
		if o.To+1 < rl.a.Sents[i].To && rl.a.Toks[o.To].Key == "member" && (rl.a.Toks[o.To+1].Key == "country" || rl.a.Toks[o.To+1].Key == "state") {
			for _, s := range states {
				if s.From > o.To {
					rl.rel(s.E, o.E, schema.MemberOf, i, "membership", 0.6)
					break
				}
			}
		}
	}
	for _, s := range states {
		// Only states that are the subject or in the "along with" list.
		txt := strings.ToLower(rl.a.span(max(s.From-3, rl.a.Sents[i].From), s.From))
		after := strings.ToLower(rl.a.span(s.To, min(s.To+3, rl.a.Sents[i].To)))
		if strings.Contains(after, "'s membership") || strings.Contains(after, "’s membership") || strings.Contains(txt, "along with") ||
			strings.Contains(txt, "and") && since != "" || strings.Contains(after, "joined") || strings.Contains(after, "officially joined") || strings.Contains(after, "is an") || strings.Contains(after, "is a") ||
			strings.Contains(strings.ToLower(rl.a.sentText(i)), "member of") && strings.Contains(txt, ",") {
			for _, o := range orgs {
				// "Germany is a member of NATO, while Brazil is a member of
				// Mercosur": each state's own clause.
				if rl.clauseBreakAfter(min(s.To, o.To), max(s.From, o.From)) {
					continue
				}
				// "Estonia, which joined NATO in 2004, hosts the CCDCOE":
				// what a state joined is the body right after the verb.
				if joined >= 0 && !strings.Contains(rl.a.sentText(i), "member") && !(o.From > joined && o.From-joined <= 4) {
					continue
				}
				if f := rl.rel(s.E, o.E, schema.MemberOf, i, "membership", 0.7); f != nil && joined >= 0 && o.From > joined && o.From-joined <= 4 {
					f.Since = since
				}
			}
		}
	}
}

// postings adds the posts found by apposition.
func (rl *relater) postings() {
	for _, p := range rl.rc.extraTitles {
		if f := rl.rel(p.m.E, p.of, schema.HoldsPosition, rl.a.Toks[p.m.From].Sent, "apposition", 0.7); f != nil {
			f.Title = p.title
		}
	}
}

// partOf ties bodies to their states and parents.
func isPossessiveTok(t token) bool { return t.Text == "'s" || t.Text == "’s" }

func (rl *relater) partOf() {
	first := map[*ent]int{}
	for _, m := range rl.rc.ms {
		if _, ok := first[m.E]; !ok || rl.a.Toks[m.From].Sent < first[m.E] {
			first[m.E] = rl.a.Toks[m.From].Sent
		}
	}
	for _, m := range rl.rc.ms {
		e := m.E
		if e.Type != schema.Organization || m.Dropped && !slices.Contains(rl.rc.reg.ents, e) {
			continue
		}
		sent := rl.a.Toks[m.From].Sent
		if e.Country != nil {
			rl.rel(e, e.Country, schema.PartOf, sent, "part-of", 0.8)
		} else if c := rl.personnelState(m); c != nil {
			rl.rel(e, c, schema.PartOf, sent, "personnel", 0.6)
		}
		if m.TitleOf != nil {
			rl.rel(e, m.TitleOf, schema.PartOf, sent, "part-of", 0.8)
		}
		// "the Rivia University’s Department of History"
		if m.From >= 2 && isPossessiveTok(rl.a.Toks[m.From-1]) {
			if o := rl.rc.mentionEndingAt(m.From - 1); o != nil && !o.Dropped && rl.rc.reg.resolve(o.E).Type == schema.Organization {
				rl.rel(e, o.E, schema.PartOf, sent, "possessive-body", 0.7)
			}
		}
		if g := e.Gaz; g != nil {
			if g.Parent != "" {
				if p := rl.rc.reg.find(schema.Organization, g.Parent); p != nil {
					rl.rel(e, p, schema.PartOf, sent, "gazetteer", 0.7)
				}
			}
			if g.Country != "" {
				if c := rl.rc.reg.find(schema.Country, g.Country); c != nil {
					rl.rel(e, c, schema.PartOf, sent, "gazetteer", 0.7)
				}
			}
		}
	}
	// A place lies in the state the gazetteer gives it only where the text
	// ties the two: both named in one sentence ("Estonia … hosts the Centre
	// in Tallinn"). A capital named alone says nothing of its state in the
	// text, and the gold admits no outside knowledge.
	for i := range rl.a.Sents {
		ms := rl.sentMentions(i, false)
		for _, m := range ms {
			e := m.E
			if e.Type != schema.Location || e.Gaz == nil || e.Gaz.Country == "" {
				continue
			}
			c := rl.rc.reg.find(schema.Country, e.Gaz.Country)
			if c == nil {
				continue
			}
			for _, n := range ms {
				// "the Minister of the Republic of Indonesia … in Jakarta":
				// a state that owns a post or a body is not said to hold
				// the place.
				// a generated city only as "Kisumu, Kenya"
				apposed := n.From == m.To+1 && rl.a.Toks[m.To].Text == ","
				if n.E == c && !rl.ownerMention(n) && (!e.Gaz.Weak || apposed) {
					rl.rel(e, c, schema.LocatedIn, i, "gazetteer", 0.5)
					break
				}
			}
		}
	}
	// A government body named without its state in a sentence that names
	// only one state belongs to it.
	for i := range rl.a.Sents {
		var states []*ent
		var abroad []*ent // "Embassy of Japan": a state's body in another
		for _, m := range rl.sentMentions(i, true) {
			if m.E.Type == schema.Organization && strings.Contains(strings.ToLower(m.E.Name), "embass") && m.E.Country != nil {
				abroad = append(abroad, m.E.Country)
			}
		}
		// A state named only as a body's adjective ("the Departments of
		// State and Defense and the Polish Ministries of …") is the state
		// of the bodies from there on, not of those before.
		adjFrom := -1
		partner := false
		for _, m := range rl.sentMentions(i, true) {
			// "work with India": a state named as a partner owns nothing.
			if m.E.Type == schema.Country && m.From > 0 && partnerPreps[rl.a.Toks[m.From-1].Key] {
				partner = true
			}
			// "Natural Resources Canada": a state ending a body's name is
			// that body's, not one the sentence names.
			if m.E.Type == schema.Country && m.From > 0 && rl.a.Toks[m.From-1].Key != "of" && rl.a.Toks[m.From-1].Key != "the" {
				if b := rl.rc.mentionEndingAt(m.To); b != nil && b != m && b.From < m.From && b.E.Type == schema.Organization {
					continue
				}
			}
			if m.E.Type == schema.Country && !slices.Contains(states, m.E) && !slices.Contains(abroad, m.E) {
				states = append(states, m.E)
				if rl.adjectiveOfBody(m) && adjFrom < 0 {
					adjFrom = m.From
				}
			} else if m.E.Type == schema.Country && !rl.adjectiveOfBody(m) {
				adjFrom = -1
			}
		}
		if adjFrom >= 0 {
			for _, m := range rl.sentMentions(i, true) {
				if m.E.Type == schema.Country && !rl.adjectiveOfBody(m) {
					adjFrom = -1 // the state is also named in its own right
				}
			}
		}
		// A body beside an alliance's doings may be the alliance's ("The
		// Alliance's cooperation with Estonia will be reviewed by the
		// Cyber Defence Committee").
		intl := false
		for _, m := range rl.sentMentions(i, true) {
			if m.E.Type == schema.Organization && m.E.Kind == "INTERNATIONAL" && m.To < len(rl.a.Toks) && (rl.a.Toks[m.To].Text == "'s" || rl.a.Toks[m.To].Text == "’s") {
				intl = true
			}
		}
		// "the Committee, which reports to the North Atlantic Council"
		ms := rl.sentMentions(i, false)
		for k, m := range ms {
			if m.E.Type != schema.Organization || k+1 >= len(ms) || ms[k+1].E.Type != schema.Organization {
				continue
			}
			between := " " + strings.ToLower(rl.a.span(m.To, ms[k+1].From)) + " "
			if strings.Contains(between, " reports to ") || strings.Contains(between, " reporting to ") || strings.Contains(between, " subordinate to ") {
				rl.rel(m.E, ms[k+1].E, schema.PartOf, i, "reports-to", 0.6)
			}
		}
		if len(states) != 1 || intl || partner {
			continue
		}
		for _, m := range rl.sentMentions(i, false) {
			if m.E.Type == schema.Organization && m.E.Kind == "GOVERNMENT" && m.E.Country == nil && (m.E.Gaz == nil) && m.TitleOf == nil && !strings.Contains(strings.ToLower(m.E.Name), "embass") && m.From > adjFrom {
				rl.rel(m.E, states[0], schema.PartOf, i, "part-of-context", 0.5)
			}
		}
	}
}

// listItem reports mention k of ms as an item of a list of places: "and"
// or "or" follows it, or a comma and another place.
func (rl *relater) listItem(ms []*mention, k int) bool {
	toks := rl.a.Toks
	m := ms[k]
	if m.To >= len(toks) {
		return false
	}
	switch toks[m.To].Key {
	case "and", "or":
		return true
	case ",":
		if k+1 < len(ms) && ms[k+1].From == m.To+1 && ms[k+1].E.Type == m.E.Type {
			return true
		}
		if m.To+1 < len(toks) && (toks[m.To+1].Key == "and" || toks[m.To+1].Key == "or") {
			return true
		}
	}
	return false
}

// includes reads membership stated by the body's side or the members'
// verb: "the JEF, which also includes Estonia, Latvia and the
// Netherlands", "Norway and Iceland participate in the European Economic
// Area".
func (rl *relater) includes(i int, orgs, states []*mention) {
	toks := rl.a.Toks
	sent := rl.a.Sents[i]
	for _, o := range orgs {
		// "O, which (also) includes A, B and C": the states of the list
		// right after the verb.
		k := o.To
		for k < sent.To && k-o.To < 8 && toks[k].Key != "includes" && toks[k].Key != "comprises" && toks[k].Key != "include" {
			k++
		}
		if k < sent.To && k-o.To < 8 && (toks[k].Key == "includes" || toks[k].Key == "comprises" || toks[k].Key == "include") && !rl.clauseBreakAfter(o.To, k) {
			for _, s := range rl.listAfter(k+1, states) {
				rl.rel(s.E, o.E, schema.MemberOf, i, "membership-includes", 0.6)
			}
		}
		// "the Quad Cyber Security Partnership among Australia, India,
		// Japan and the United States"
		if o.To+1 < sent.To && toks[o.To].Key == "among" {
			for _, s := range rl.listAfter(o.To+1, states) {
				rl.rel(s.E, o.E, schema.MemberOf, i, "membership-among", 0.5)
			}
		}
		// "A and B participate in the (UK-led) O": the states before the
		// verb.
		k = o.From - 1
		if k > sent.From+2 && toks[k].Key == "led" && toks[k-1].Text == "-" {
			if c := rl.rc.mentionEndingAt(k - 1); c != nil {
				k = c.From - 1
			}
		}
		if k > sent.From && toks[k].Key == "the" {
			k--
		}
		if k < sent.From+1 || toks[k].Key != "in" || !strings.HasPrefix(toks[k-1].Key, "participat") {
			continue
		}
		n := 0
		for _, s := range states {
			if s.To <= k-1 && !rl.clauseBreakAfter(s.To, k-1) {
				rl.rel(s.E, o.E, schema.MemberOf, i, "membership-participates", 0.6)
				n++
			}
		}
		// "The Nordic countries participate in …": a group listed before.
		if n == 0 {
			for _, c := range rl.groupIn(sent.From, k-1) {
				rl.rel(c, o.E, schema.MemberOf, i, "membership-group", 0.5)
			}
		}
	}
}

// clauseBreakAfter reports a clause boundary between tokens a and b:
// "while", "whereas", a semicolon, or a full stop.
func (rl *relater) clauseBreakAfter(a, b int) bool {
	for k := a; k < b && k < len(rl.a.Toks); k++ {
		switch rl.a.Toks[k].Key {
		case "while", "whereas", ";", ".":
			return true
		}
	}
	return false
}

// listAfter returns the mentions among ms that form the list starting at
// token k: each separated from the last by a comma, "and", "or" or "the".
func (rl *relater) listAfter(k int, ms []*mention) []*mention {
	toks := rl.a.Toks
	var out []*mention
	for _, m := range ms {
		if m.From < k {
			continue
		}
		for j := k; j < m.From; j++ {
			switch toks[j].Key {
			case ",", "and", "or", "the", "also", "as", "well":
			default:
				return out
			}
		}
		out = append(out, m)
		k = m.To
	}
	return out
}

// adjectiveOfBody reports a state named only as the adjective of a body
// ("the Polish Ministries of National Defence, …"): the sentence's other
// bodies are not thereby its.
func (rl *relater) adjectiveOfBody(m *mention) bool {
	if m.Nested {
		return true
	}
	n := rl.rc.topAt(m.To)
	return n != nil && n.E.Type == schema.Organization && n.E.Country == m.E
}

// occasionCues tie a signing to a gathering that it is part of.
var occasionCues = []string{"on the occasion of", "on the margins of", "on the sidelines of", "in the margins of", "during the summit", "during the visit", "during the meeting", "at the summit", "at the meeting"}

// occasion is the gathering a signing in sentence i took place at: the
// main event when the sentence (or, for "also signed", the sentence
// before) says "on the occasion of the summit" or the like.
func (rl *relater) occasion(i, verb int) *ent {
	// "which the leaders adopted at the NATO Summit in Warsaw"
	if verb >= 0 {
		toks := rl.a.Toks
		for _, m := range rl.sentMentions(i, false) {
			if m.From <= verb || m.E.Type != schema.Event || m.E.Kind == "SIGNING" {
				continue
			}
			p := m.From - 1
			if toks[p].Key == "the" {
				p--
			}
			if p > verb && (toks[p].Key == "at" || toks[p].Key == "during") && !rl.clauseBreak(verb, m.From) {
				return m.E
			}
		}
	}
	if rl.main == nil || rl.main.Kind == "SIGNING" {
		return nil
	}
	// "On the sidelines of the consultations, A and B signed …": a
	// signing of its own beside the gathering.
	if rl.has(i, "sidelines of", "margins of", "margin of") {
		return nil
	}
	// "signed in August 2022 during the visit of …": another occasion
	// than the gathering of the day.
	if rl.main.Date != "" {
		for _, d := range rl.datesIn(rl.a.Sents[i].Start, rl.a.Sents[i].End) {
			if !strings.HasPrefix(d.Date, rl.main.Date) && !strings.HasPrefix(rl.main.Date, d.Date) {
				return nil
			}
		}
	}
	if rl.has(i, occasionCues...) {
		return rl.main
	}
	if verb > 0 && rl.a.Toks[verb-1].Key == "also" && i > 0 && rl.has(i-1, occasionCues...) {
		return rl.main
	}
	return nil
}

// pluralParties reports a clause whose subject is the parties of the
// main event named as a group: "The two leaders agreed … and adopted",
// "Both sides signed", "The ministers endorsed".
func (rl *relater) pluralParties(i, verb int) bool {
	return rl.partyWord(i, verb) != ""
}

// partyWord is the plural noun that names the parties as the subject of
// the verb ("leaders", "sides", "ministers"), or "".
func (rl *relater) partyWord(i, verb int) string {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for k := s.From; k < verb; k++ {
		// the subject opens the sentence or comes right before the verb
		// ("Following the talks in Rivia, the two sides signed")
		if k >= s.From+4 && k < verb-3 {
			continue
		}
		switch toks[k].Key {
		case "they":
			// "The Ministers discussed …. They adopted …": the parties
			// the sentence before named.
			if k == s.From && i > 0 {
				p := rl.a.Sents[i-1]
				for q := p.From; q < min(p.To, p.From+4); q++ {
					if q+1 < p.To && toks[q].Key == "the" || toks[q].Key == "two" || toks[q].Key == "both" {
						if w := rl.partyWord(i-1, p.To); w != "" {
							return w
						}
					}
				}
			}
		case "leaders", "sides", "ministers", "parties", "delegations", "presidents", "participants", "heads":
			for j := max(s.From, k-3); j < k; j++ {
				if toks[j].Key == "two" || toks[j].Key == "both" || toks[j].Key == "the" {
					// "both Heads of Government": leaders
					if toks[k].Key == "heads" {
						if k+2 < verb && toks[k+1].Key == "of" && (toks[k+2].Key == "government" || toks[k+2].Key == "state") {
							return "leaders"
						}
						break
					}
					return toks[k].Key
				}
			}
		}
	}
	return ""
}

// clauseStart is the first token of the clause that holds token verb in
// sentence i: after a subordinating word or a semicolon ("The framework,
// NORDEFCO, was established in 2009, when the ministers signed …").
func (rl *relater) clauseStart(i, verb int) int {
	toks := rl.a.Toks
	for k := verb - 1; k > rl.a.Sents[i].From; k-- {
		switch toks[k].Key {
		case "when", "where", "which", "who", "after", "before", "while", "because", "whereas", ";":
			return k + 1
		}
	}
	return rl.a.Sents[i].From
}

// placeAfter reports a place named after "in" or "at" past the verb of
// sentence i: an adoption with a venue ("adopted the Vision 2025 in
// Oslo") is an event; an adoption without one is only an act.
func (rl *relater) placeAfter(i, verb int) bool {
	toks := rl.a.Toks
	for _, m := range rl.sentMentions(i, false) {
		if m.From <= verb || m.E.Type != schema.Location && m.E.Type != schema.Country {
			continue
		}
		// "adopted a Joint Statement, …, and welcomed the Summit held in
		// Stockholm": a place of another clause
		if rl.clauseBreak(verb, m.From) {
			break
		}
		p := toks[m.From-1].Key
		if p == "the" {
			p = toks[m.From-2].Key
		}
		if p == "in" || p == "at" {
			return true
		}
	}
	return false
}

// refKinds map a reference ("the Dialogue will bring together …") to the
// kind of event it refers to.
var refKinds = []struct{ cue, kind string }{
	{"the dialogue", "DIALOGUE"}, {"the summit", "SUMMIT"}, {"the meeting", "MEETING"}, {"the conference", "CONFERENCE"},
	{"the visit", "VISIT"}, {"the signing", "SIGNING"}, {"the ceremony", "SIGNING"}, {"the talks", "NEGOTIATION"},
}

// refersBack reports a sentence that refers to a happening by its kind
// ("the meeting", "the summit").
func (rl *relater) refersBack(i int) bool {
	return slices.ContainsFunc(refKinds, func(r struct{ cue, kind string }) bool { return rl.has(i, r.cue) })
}

// refEvent is the event a sentence refers to by its kind: the last one of
// that kind named up to the sentence, when it is not the main event's kind.
func (rl *relater) refEvent(i int) *ent {
	for _, r := range refKinds {
		if !rl.has(i, r.cue) || rl.main != nil && rl.main.Kind == r.kind {
			continue
		}
		if rl.eventMs == nil {
			rl.eventMs = map[string][]*mention{}
			for _, m := range rl.rc.ms {
				// "the meeting" names a gathering called a meeting, not
				// "talks with the Secretary-General of the Rivia Pact" held beside it.
				if m.E.Type == schema.Event && !m.Dropped && !strings.HasPrefix(strings.ToLower(m.E.Name), "next ") && !(m.Source == "meeting" && !strings.Contains(strings.ToLower(m.E.Name), "meeting")) {
					rl.eventMs[m.E.Kind] = append(rl.eventMs[m.E.Kind], m)
				}
			}
			for _, ms := range rl.eventMs {
				slices.SortFunc(ms, func(a, b *mention) int { return a.From - b.From })
			}
		}
		ms := rl.eventMs[r.kind]
		// The last one named before the sentence ends.
		if k, _ := slices.BinarySearchFunc(ms, rl.a.Sents[i].To, func(m *mention, to int) int { return m.From - to }); k > 0 {
			return ms[k-1].E
		}
	}
	return nil
}

// venueIn reports a place that only says where the venue before it lies:
// "at Zenda Air Base in Ruritania".
func (rl *relater) venueIn(m *mention) bool {
	toks := rl.a.Toks
	if m.From < 2 || toks[m.From-1].Key != "in" {
		return false
	}
	v := rl.rc.mentionEndingAt(m.From - 1)
	return v != nil && v.E.Type == schema.Location && v.From > 0 && (toks[v.From-1].Key == "at" || toks[v.From-1].Key == "the" && v.From > 1 && toks[v.From-2].Key == "at")
}

// fullTitle is the fullest form of title among a person's posts:
// "Secretary" is "Secretary of State" where the text says so elsewhere.
func fullTitle(title string, posts []string) string {
	for _, t := range posts {
		if len(t) > len(title) && strings.HasPrefix(t, title+" ") {
			title = t
		}
	}
	return title
}

// signClauseEnd is where the clause of a signing verb ends: at "and"
// before another verb ("signed a Declaration and agreed to hold the next
// consultations in Berlin"), a semicolon or a relative clause.
func (rl *relater) signClauseEnd(i, verb int) int {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for k := verb + 1; k < s.To; k++ {
		switch toks[k].Key {
		case ";", "which", "while", "whereas":
			return k
		case "and":
			if k+1 < s.To && laterVerbs[toks[k+1].Key] {
				return k
			}
		}
	}
	return s.To
}

// laterVerbs start a second predicate after "and".
var laterVerbs = map[string]bool{"agreed": true, "decided": true, "will": true, "expressed": true, "welcomed": true, "noted": true, "reaffirmed": true, "committed": true, "pledged": true, "discussed": true, "announced": true, "called": true, "stressed": true, "underlined": true, "emphasized": true, "emphasised": true}

// partnerPreps introduce a state as the partner or target of an action.
var partnerPreps = map[string]bool{"with": true, "against": true, "toward": true, "towards": true, "to": true}

// invitations read attendance stated after an event: "the NATO Summit in
// Vilnius, to which Korea has been invited", "the G7 Summit in Hiroshima,
// which both leaders will attend" (the people who attended the main
// event).
func (rl *relater) invitations(i int, ms []*mention) {
	toks := rl.a.Toks
	var last *mention
	for k, m := range ms {
		if m.E.Type == schema.Event {
			last = m
			continue
		}
		if last == nil || m.E.Type != schema.Country && m.E.Type != schema.Person && m.E.Type != schema.Organization {
			continue
		}
		// "<event>, to which Korea has been invited"
		j := m.To
		for j < len(toks) && j-m.To < 3 && (toks[j].Key == "has" || toks[j].Key == "have" || toks[j].Key == "been" || toks[j].Key == "was" || toks[j].Key == "were" || toks[j].Key == "is" || toks[j].Key == "also") {
			j++
		}
		if j < len(toks) && toks[j].Key == "invited" && j > m.To && !strings.ContainsAny(rl.a.span(last.To, m.From), ";.") && k > 0 {
			rl.rel(m.E, last.E, schema.Attended, i, "invited", 0.5)
		}
	}
	if rl.main == nil {
		return
	}
	// "…, which both leaders will attend"
	s := rl.a.Sents[i]
	for _, ev := range ms {
		if ev.E.Type == schema.Event && ev.E != rl.main {
			rl.bothLeaders(ev, s)
		}
	}
}

// bothLeaders reads "the G7 Summit in Hiroshima, which both leaders will
// attend": the people who attended the main event attend this one.
func (rl *relater) bothLeaders(last *mention, s sentence) {
	toks := rl.a.Toks
	i := toks[last.From].Sent
	for k := last.To; k+3 < s.To && k-last.To < 10; k++ {
		if toks[k].Key != "which" {
			continue
		}
		j := k + 1
		if (toks[j].Key == "both" || toks[j].Key == "the" && toks[j+1].Key == "two") && (toks[j+1].Key == "leaders" || j+2 < s.To && toks[j+2].Key == "leaders") {
			for j < s.To && toks[j].Key != "attend" && toks[j].Key != "attended" && j-k < 6 {
				j++
			}
			if j < s.To && (toks[j].Key == "attend" || toks[j].Key == "attended") {
				for _, f := range slices.Clone(rl.facts) {
					if f.T == schema.Attended && f.O == rl.main && f.S.Type == schema.Person {
						rl.rel(f.S, last.E, schema.Attended, i, "both-leaders", 0.5)
					}
				}
			}
		}
		break
	}
}

// personnel are people who serve in a unit.
var personnel = map[string]bool{"servicemembers": true, "troops": true, "soldiers": true, "sailors": true, "airmen": true, "marines": true, "personnel": true, "officers": true, "forces": true}

// personnelState reads "U.S. servicemembers of the 101st Airborne
// Division": the state whose people serve in the unit.
func (rl *relater) personnelState(m *mention) *ent {
	toks := rl.a.Toks
	k := m.From - 1
	if k > 0 && toks[k].Key == "the" {
		k--
	}
	if k < 2 || toks[k].Key != "of" || !personnel[toks[k-1].Key] {
		return nil
	}
	if c := rl.rc.mentionEndingAt(k - 1); c != nil && c.E.Type == schema.Country {
		return c.E
	}
	return nil
}

// listOfPosts reports tokens [a,b) that hold only posts and names: the
// lower-case words in them are the connectors of posts' names ("the
// Minister of the Interior, Mr. A, and the …"), no verb.
func (rl *relater) listOfPosts(a, b int) bool {
	for k := a; k < b; k++ {
		t := rl.a.Toks[k]
		if !t.Word || t.Cap {
			if t.Text == ";" {
				return false
			}
			continue
		}
		switch t.Key {
		case "the", "of", "and", "for", "on", "in", "to":
		default:
			return false
		}
	}
	return true
}

// hosted reads "A hosted B and C": the people before the verb met those
// after it, in its clause.
func (rl *relater) hosted(i int, all []*mention) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	verb := -1
	for k := s.From; k < s.To; k++ {
		if toks[k].Key == "hosted" || toks[k].Key == "hosts" || toks[k].Key == "host" && k > s.From && toks[k-1].Key == "will" {
			verb = k
			break
		}
	}
	if verb < 0 || verb+1 < s.To && toks[verb+1].Key == "by" {
		return
	}
	var hosts, guests []*ent
	for _, m := range all {
		if m.E.Type != schema.Person || m.Nested {
			continue
		}
		switch {
		case m.From < verb && m.From >= rl.clauseStart(i, verb):
			hosts = append(hosts, m.E)
		case m.From > verb && !strings.Contains(rl.a.span(verb, m.From), ";") && !rl.witness(i, m):
			guests = append(guests, m.E)
		}
	}
	// "A and B co-hosted C": each host met each guest.
	cohost := verb >= 2 && toks[verb-1].Text == "-" && toks[verb-2].Key == "co"
	if len(hosts) != 1 && !(cohost && len(hosts) > 1) {
		return
	}
	for _, h := range hosts {
		for _, g := range guests {
			if g != h {
				rl.rel(h, g, schema.MetWith, i, "hosted", 0.6)
			}
		}
	}
	// "… at a working dinner": the meal is a gathering of host and guests;
	// "hosted a dinner for Minister B" names it first.
	for k := verb; k+3 < s.To; k++ {
		if k == verb && !(toks[k+1].Key == "a" || toks[k+1].Key == "an") || k > verb && (toks[k].Key != "at" || toks[k+1].Key != "a" && toks[k+1].Key != "an") {
			continue
		}
		n := k + 2
		for n < s.To && n-k < 4 && !mealNouns[toks[n].Key] && toks[n].Word && !toks[n].Cap {
			n++
		}
		if n >= s.To || !mealNouns[toks[n].Key] || len(guests) == 0 {
			continue
		}
		e := rl.rc.reg.get(schema.Event, cleanName(rl.a.span(k+2, n+1)), "MEETING")
		e.Kind = "MEETING"
		rl.rc.add(&mention{From: k + 2, To: n + 1, E: e, Source: "meal"})
		if ds := rl.datesIn(s.Start, s.End); len(ds) == 1 && e.Date == "" {
			e.Date, e.EndDate = ds[0].Date, ds[0].End_
		}
		for _, p := range append(hosts, guests...) {
			rl.rel(p, e, schema.Attended, i, "hosted", 0.6)
		}
		break
	}
}

// mealNouns are meals hosted as gatherings: "a working dinner".
var mealNouns = map[string]bool{"dinner": true, "lunch": true, "luncheon": true, "breakfast": true, "banquet": true, "reception": true}

// afterPreposition reports a mention governed by a preposition of place
// or topic ("in Myanmar", "on Ukraine").
func (rl *relater) afterPreposition(m *mention) bool {
	toks := rl.a.Toks
	k := m.From - 1
	if k > 0 && toks[k].Key == "the" {
		k--
	}
	if k < 0 {
		return false
	}
	switch toks[k].Key {
	case "in", "on", "about", "over", "into", "toward", "towards", "against", "regarding", "concerning":
		return true
	}
	return false
}

// venueNoun reports the last word of a venue's name.
func venueNoun(k string) bool {
	return venueHeads[k] || k == "centre" || k == "center" || k == "stadium" || k == "arena"
}

// signatoryStates: an instrument that people of two or more states
// signed, and no body did, was signed by their states too (a SIGNING is
// the states' and their signatories').
func (rl *relater) signatoryStates() {
	type sig struct {
		people, bodies []*ent
	}
	by := map[*ent]*sig{}
	var order []*ent
	for _, f := range rl.facts {
		if f.T != schema.Signed {
			continue
		}
		s := by[f.O]
		if s == nil {
			s = &sig{}
			by[f.O] = s
			order = append(order, f.O)
		}
		switch f.S.Type {
		case schema.Person:
			// signed, not adopted: ministers who adopt a statement speak
			// for themselves
			if rl.has(f.Sent, "sign") {
				s.people = append(s.people, f.S)
			}
		case schema.Organization:
			s.bodies = append(s.bodies, f.S)
		}
	}
	for _, ag := range order {
		s := by[ag]
		if len(s.bodies) > 0 || len(s.people) < 2 {
			continue
		}
		states := map[*ent]int{}
		var list []*ent
		for _, p := range s.people {
			for _, f := range rl.facts {
				if f.T == schema.HoldsPosition && f.S == p && f.O.Type == schema.Country {
					if _, ok := states[f.O]; !ok {
						list = append(list, f.O)
					}
					states[f.O] = f.Sent
					break
				}
			}
		}
		if len(list) < 2 {
			continue
		}
		for _, c := range list {
			rl.rel(c, ag, schema.Signed, states[c], "signatory-state", 0.5)
		}
	}
}

// participleSigners reads "… including a Memorandum of Understanding on
// …, signed by Mr. A and Mr. B, and an Agreement on …": the signers set
// off after the instrument they signed, up to the next instrument.
func (rl *relater) participleSigners(i int, ms []*mention) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for k, m := range ms {
		if m.E.Type != schema.Agreement || m.To+3 >= s.To || toks[m.To].Text != "," || toks[m.To+1].Key != "signed" || toks[m.To+2].Key != "by" {
			continue
		}
		for _, n := range ms[k+1:] {
			if n.E.Type == schema.Agreement || strings.Contains(rl.a.span(m.To+3, n.From), ";") {
				break
			}
			if (n.E.Type == schema.Person || n.E.Type == schema.Organization) && !rl.postBody(n) {
				rl.rel(n.E, m.E, schema.Signed, i, "signed-by", 0.6)
			}
		}
	}
}

// counterpartState is the state of someone who met a person of another
// state in a text about two states: "Foreign Minister Wang Yi held talks
// with Russian Foreign Minister Sergey Lavrov" in a text that otherwise
// names China. It is nil unless one other state stands out.
func (rl *relater) counterpartState(p *ent) *ent {
	states := rl.metStates(p)
	if len(states) != 1 {
		return nil
	}
	theirs := states[0]
	// "the Chile-US partnership", "the Rivia/Zenda Dialogue": a pair of
	// states the text joins, one of them theirs, names the other side
	if other := rl.pairedWith(theirs); other != nil {
		return other
	}
	count := map[*ent]int{}
	for _, m := range rl.rc.ms {
		if m.E.Type == schema.Country && !m.Dropped && m.E != theirs {
			count[m.E]++
		}
	}
	var best *ent
	for e, n := range count {
		if best == nil || n > count[best] || n == count[best] && e.Name < best.Name {
			best = e
		}
	}
	for e, n := range count {
		if e != best && n >= count[best] {
			return nil
		}
	}
	// named once, a state may be only talked about ("support for Ukraine")
	if best == nil || count[best] < 2 {
		return nil
	}
	return best
}

// pairedWith is the one state the text joins to c by a dash or a slash
// ("UK-US", "Rivia–Zenda", "Kenya/US"), or nil.
func (rl *relater) pairedWith(c *ent) *ent {
	toks := rl.a.Toks
	var other *ent
	for _, m := range rl.rc.ms {
		if m.Dropped || m.To+1 >= len(toks) || !dashes[toks[m.To].Text] {
			continue
		}
		n := rl.rc.topAt(m.To + 1)
		if n == nil {
			continue
		}
		a, b := rl.rc.reg.resolve(m.E), rl.rc.reg.resolve(n.E)
		if a.Type != schema.Country || b.Type != schema.Country || a == b {
			continue
		}
		var o *ent
		switch c {
		case a:
			o = b
		case b:
			o = a
		default:
			continue
		}
		if other != nil && other != o {
			return nil
		}
		other = o
	}
	return other
}

// instrumentParties reads "Memorandum of Understanding on … between the
// Central Board of Indirect Taxes and Customs (CBIC) of India and the
// General Department of Vietnam Customs": the bodies or states an
// instrument is said to be between are its parties, who signed it. A
// state after "of" only places the body before it.
func (rl *relater) instrumentParties(i int) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for _, m := range rl.sentMentions(i, false) {
		if m.E.Type != schema.Agreement || m.To+1 >= s.To || toks[m.To].Key != "between" {
			continue
		}
		// A bare "Memorandum of Understanding" may stand for another
		// instrument of the text.
		if !slices.ContainsFunc(toks[m.From:m.To], func(t token) bool { return t.Word && !bareInstrumentWords[t.Key] }) {
			continue
		}
		var parties []*ent
		k, depth, afterOf, ands := m.To+1, 0, false, 0
	scan:
		for k < s.To {
			t := toks[k]
			if depth > 0 {
				if t.Text == ")" {
					depth--
				}
				k++
				continue
			}
			if n := rl.rc.topAt(k); n != nil && !n.Dropped {
				// "the Vietnam Academy of …": a state's name opening a
				// name not recognised is no party.
				if n.E.Type == schema.Country && n.To < s.To && toks[n.To].Word && toks[n.To].Cap {
					break scan
				}
				if (n.E.Type == schema.Organization || n.E.Type == schema.Country) && !afterOf && !slices.Contains(parties, n.E) {
					parties = append(parties, n.E)
				}
				afterOf = false
				k = n.To
				continue
			}
			switch t.Key {
			case "the":
			case "and":
				ands++
				afterOf = false
			case "of":
				afterOf = true
			case "(":
				depth++
			default:
				break scan
			}
			k++
		}
		if len(parties) != 2 || ands != 1 {
			continue
		}
		for _, p := range parties {
			rl.rel(p, m.E, schema.Signed, i, "parties", 0.6)
		}
	}
}

// predicateEnd is where a second predicate joined by "and" starts after
// token from ("have an audience with A and pay a call on B": at "and"),
// else limit: what follows it is another happening's.
func (rl *relater) predicateEnd(from, limit int) int {
	toks := rl.a.Toks
	for k := from + 1; k+1 < limit; k++ {
		if n := toks[k+1]; toks[k].Key == "and" && !n.Cap && n.Word && (strings.HasSuffix(n.Key, "ed") || event.IsTrigger(n.Key) || secondVerbs[n.Key]) {
			return k
		}
	}
	return limit
}

// secondVerbs open a second predicate after "and" in a plan ("will meet
// A and pay a courtesy call on B").
var secondVerbs = map[string]bool{"pay": true, "pays": true, "hold": true, "holds": true, "attend": true, "attends": true, "visit": true, "call": true, "witness": true, "sign": true, "tour": true, "address": true, "lay": true}

// audience reads "King A granted an audience to B at the Palace": a
// meeting of the two, held where the sentence says.
func (rl *relater) audience(i int) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	at := -1
	for k := s.From; k < s.To; k++ {
		if toks[k].Key == "audience" {
			at = k
			break
		}
	}
	if at < 0 {
		return
	}
	end := rl.predicateEnd(at, s.To)
	var people []*ent
	for _, m := range rl.sentMentions(i, false) {
		if m.E.Type == schema.Person && m.From < end && !slices.Contains(people, m.E) && !rl.witness(i, m) {
			people = append(people, m.E)
		}
	}
	if len(people) < 2 {
		return
	}
	e := rl.rc.reg.get(schema.Event, "audience", "MEETING")
	e.Kind = "MEETING"
	rl.rc.add(&mention{From: at, To: at + 1, E: e, Source: "audience"})
	if ds := rl.datesIn(rl.a.Sents[i].Start, rl.a.Sents[i].End); len(ds) == 1 && e.Date == "" {
		e.Date, e.EndDate = ds[0].Date, ds[0].End_
	}
	for _, p := range people {
		rl.rel(p, e, schema.Attended, i, "audience", 0.6)
	}
	for _, p := range people[1:] {
		rl.rel(people[0], p, schema.MetWith, i, "audience", 0.6)
	}
	for _, m := range rl.rc.mentionsIn(at+1, s.To) {
		if m.Nested || m.E.Type != schema.Location {
			continue
		}
		p := toks[m.From-1].Key
		if p == "the" {
			p = toks[m.From-2].Key
		}
		if p == "at" || p == "in" {
			rl.rel(e, m.E, schema.HeldIn, i, "audience", 0.6)
		}
	}
}

// titleInstrument: a joint statement or declaration whose title names
// the states it is of ("Joint Declaration of the Prime Ministers of the
// Czech Republic and the Slovak Republic") is signed by those states, and
// came out of the gathering the document reports that day.
func (rl *relater) titleInstrument() {
	if rl.doc.Kind != "JOINT_STATEMENT" {
		return
	}
	t := rl.titleAgreement()
	if t == nil {
		return
	}
	var states []*ent
	for _, m := range rl.rc.ms {
		if m.E != t || m.Dropped {
			continue
		}
		for _, n := range rl.rc.mentionsIn(m.From, m.To) {
			if n.E.Type == schema.Country && !slices.Contains(states, n.E) {
				states = append(states, n.E)
			}
		}
		sent := rl.a.Toks[m.From].Sent
		if len(states) < 2 {
			// "Joint Statement of the GCC–Central Asia Ministerial
			// Meeting": named after the gathering, issued by those at it.
			if len(states) == 0 && rl.main != nil && rl.main.Kind != "SIGNING" && rl.main.Date != "" && rl.main.Date == rl.doc.Date && eventHeads[rl.a.Toks[m.To-1].Key] != "" {
				rl.rel(rl.main, t, schema.Produced, sent, "title-instrument", 0.5)
			}
			continue
		}
		for _, c := range states {
			rl.rel(c, t, schema.Signed, sent, "title-instrument", 0.55)
		}
		if rl.main != nil && rl.main.Kind != "SIGNING" && rl.main.Date != "" && rl.main.Date == rl.doc.Date {
			rl.rel(rl.main, t, schema.Produced, sent, "title-instrument", 0.55)
		}
		return
	}
}

// conferenceNouns head a gathering named in lower case after a verb of
// hosting: "will co-host a regional conference on inland fisheries".
var conferenceNouns = map[string]bool{"conference": true, "forum": true, "workshop": true, "seminar": true, "symposium": true}

// hostVerbs put on a gathering.
var hostVerbs = map[string]bool{"host": true, "hosts": true, "hosted": true, "hold": true, "holds": true, "held": true, "convene": true, "convened": true, "organise": true, "organised": true, "organize": true, "organized": true}

// hostedConference reads "The ECOWAS Commission and the Government of
// Nigeria will co-host a regional conference on trade and investment in
// Lagos in January 2026": a conference named in lower case, taken part in
// by those who host it, held where and when the sentence says.
func (rl *relater) hostedConference(i int) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for v := s.From + 1; v+3 < s.To; v++ {
		if !hostVerbs[toks[v].Key] || toks[v+1].Key != "a" && toks[v+1].Key != "an" {
			continue
		}
		h := v + 2
		for h < s.To && h-v < 5 && toks[h].Word && !toks[h].Cap && !conferenceNouns[toks[h].Key] {
			h++
		}
		if h >= s.To || !conferenceNouns[toks[h].Key] || toks[h].Cap {
			continue
		}
		end := h + 1
		if end+1 < s.To && toks[end].Key == "on" {
			k := end + 1
			for k < s.To && k-end < 8 && toks[k].Word && !toks[k].Cap && toks[k].Key != "in" && toks[k].Key != "at" && toks[k].Key != "with" {
				k++
			}
			if k > end+1 {
				end = k
			}
		}
		if rl.rc.coveredBy(v+2, end) != nil {
			continue
		}
		e := rl.rc.reg.get(schema.Event, cleanName(rl.a.span(v+2, end)), "CONFERENCE")
		e.Kind = "CONFERENCE"
		rl.rc.add(&mention{From: v + 2, To: end, E: e, Source: "hosted-conference"})
		if ds := rl.datesIn(toks[end-1].End, s.End); len(ds) > 0 && e.Date == "" {
			e.Date, e.EndDate = ds[0].Date, ds[0].End_
		}
		cs := rl.clauseStart(i, v)
		for _, m := range rl.sentMentions(i, false) {
			switch {
			case m.From >= cs && m.To <= v && (m.E.Type == schema.Organization || m.E.Type == schema.Country || m.E.Type == schema.Person) && !rl.postBody(m) && !rl.afterPreposition(m):
				rl.rel(m.E, e, schema.Attended, i, "hosted-conference", 0.55)
			case m.From >= end && m.E.Type == schema.Location && (toks[m.From-1].Key == "in" || toks[m.From-1].Key == "at") && !rl.clauseBreak(end, m.From):
				rl.rel(e, m.E, schema.HeldIn, i, "hosted-conference", 0.55)
			}
		}
		return
	}
}

// monarchTitles are posts of a head of state who receives at home.
var monarchTitles = map[string]bool{"king": true, "queen": true, "emir": true, "amir": true, "sultan": true, "crown prince": true}

// notHome is the states person p holds no post in, as far as the facts
// so far tell: those p visits (abroad), those of the people p met whose
// posts the text states, and, where the text speaks of "her Ruritanian
// counterpart", that state: the document's protagonists, whose posts it
// names bare, are of the other side.
func (rl *relater) notHome(p *ent) map[*ent]bool {
	ix := rl.postIndex()
	out := map[*ent]bool{}
	for _, c := range ix.counterparts {
		out[c] = true
	}
	for _, v := range ix.visits[p] {
		if namesPerson(v.Name, p) {
			for _, c := range ix.held[v] {
				out[c] = true
			}
		}
	}
	for _, c := range rl.metStates(p) {
		out[c] = true
	}
	return out
}

// metStates are the states of the people p met, where the text states
// their posts (a post guessed by default says nothing).
func (rl *relater) metStates(p *ent) []*ent {
	ix := rl.postIndex()
	var out []*ent
	for _, q := range ix.met[p] {
		for _, c := range ix.posts[q] {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// posts indexes, once the passes before defaultPosts have run, what
// notHome and metStates ask of the facts for each person, so that a
// document of thousands of people costs each of them a lookup.
type posts struct {
	met, posts, visits, held map[*ent][]*ent // whom one met; stated states; visits attended; states a visit was held in
	counterparts             []*ent          // states of "her Ruritanian counterpart"
}

func (rl *relater) postIndex() *posts {
	if rl.postIx != nil {
		return rl.postIx
	}
	ix := &posts{met: map[*ent][]*ent{}, posts: map[*ent][]*ent{}, visits: map[*ent][]*ent{}, held: map[*ent][]*ent{}}
	for _, f := range rl.facts {
		switch {
		case f.T == schema.MetWith:
			ix.met[f.S] = append(ix.met[f.S], f.O)
			ix.met[f.O] = append(ix.met[f.O], f.S)
		case f.T == schema.HoldsPosition && f.O.Type == schema.Country && f.Extractor != "title-default":
			ix.posts[f.S] = append(ix.posts[f.S], f.O)
		case f.T == schema.Attended && f.O.Kind == "VISIT":
			ix.visits[f.S] = append(ix.visits[f.S], f.O)
		case f.T == schema.HeldIn && f.S.Kind == "VISIT":
			if c := rl.stateOf(f.O); c != nil {
				ix.held[f.S] = append(ix.held[f.S], c)
			}
		}
	}
	for _, m := range rl.rc.ms {
		if m.Source == "counterpart" {
			ix.counterparts = append(ix.counterparts, rl.rc.reg.resolve(m.E))
		}
	}
	for _, pair := range rl.sidePairs() {
		ix.met[pair[0]] = append(ix.met[pair[0]], pair[1])
		ix.met[pair[1]] = append(ix.met[pair[1]], pair[0])
	}
	rl.postIx = ix
	return ix
}

// sidePairs are the people the text sets side by side with "and", each
// after a post of their own, the second's naming its state: "Trade
// Minister A and Rivia's Health Minister B signed …". They act as two
// sides, so one's post is not in the other's state. ("Rivian Defence
// Minister A and Interior Minister B" is a list of one state's posts:
// listOwner.)
func (rl *relater) sidePairs() [][2]*ent {
	toks := rl.a.Toks
	var out [][2]*ent
	var prev *mention
	for _, m := range rl.rc.mentionsIn(0, len(toks)) {
		if m.Nested || m.Dropped || rl.rc.reg.resolve(m.E).Type != schema.Person {
			continue
		}
		if prev != nil && toks[prev.To].Key == "and" && toks[prev.To].Sent == toks[m.From].Sent && m.Title != "" && prev.Title != "" && rl.onlyPost(prev.To+1, m.From) && rl.stateWritten(prev.To+1, m.From) {
			if a, b := rl.rc.reg.resolve(prev.E), rl.rc.reg.resolve(m.E); a != b {
				out = append(out, [2]*ent{a, b})
			}
		}
		prev = m
	}
	return out
}

// stateWritten reports a state named in tokens [from,to) ("Rivia's").
func (rl *relater) stateWritten(from, to int) bool {
	for _, q := range rl.rc.mentionsIn(from, to) {
		if rl.rc.reg.resolve(q.E).Type == schema.Country {
			return true
		}
	}
	return false
}

// onlyPost reports tokens [from,to) that are a post and its state only:
// capitalized words and a possessive ("Rivia's Health Minister").
func (rl *relater) onlyPost(from, to int) bool {
	for k := from; k < to; k++ {
		if t := rl.a.Toks[k]; !t.Cap && t.Key != "'s" && t.Key != "’s" && t.Key != "of" && t.Key != "for" {
			return false
		}
	}
	return to > from
}

// stateOf is a state, or the state the gazetteer puts a place in.
func (rl *relater) stateOf(e *ent) *ent {
	switch {
	case e.Type == schema.Country:
		return e
	case e.Gaz != nil && e.Gaz.Country != "":
		return rl.rc.reg.find(schema.Country, e.Gaz.Country)
	}
	return nil
}

// namesPerson reports a name that holds one of p's names.
func namesPerson(name string, p *ent) bool {
	return slices.ContainsFunc(append([]string{p.Name}, p.Aliases...), func(n string) bool { return strings.Contains(name, n) })
}

// favourite is the state the document names most besides those in not,
// if it is named at least twice as often as any other such state.
func (rl *relater) favourite(not map[*ent]bool) *ent {
	count := map[*ent]int{}
	var best *ent
	for _, m := range rl.rc.ms {
		if e := rl.rc.reg.resolve(m.E); e.Type == schema.Country && !m.Dropped && !not[e] {
			count[e]++
			if best == nil || count[e] > count[best] {
				best = e
			}
		}
	}
	for e, n := range count {
		if e != best && n*2 > count[best] {
			return nil
		}
	}
	return best
}

// receivingMonarch: "King Salman granted an audience to B at Al-Yamamah
// Palace in Riyadh": a monarch who receives a guest does so in his own
// state, the one state of the places the sentence names.
func (rl *relater) receivingMonarch(title string, i int) *ent {
	if !monarchTitles[schema.Key(title)] || !rl.has(i, "audience", "received", "hosted", "welcomed") {
		return nil
	}
	var state *ent
	for _, m := range rl.sentMentions(i, false) {
		if m.E.Type != schema.Location || m.E.Gaz == nil || m.E.Gaz.Country == "" {
			continue
		}
		c := rl.rc.reg.find(schema.Country, m.E.Gaz.Country)
		if c == nil || state != nil && c != state {
			return nil
		}
		state = c
	}
	return state
}

// ownerMention reports a state named as the owner of a post or body: after
// "of" ("Minister of Foreign Affairs of the Kingdom of Ruritania") or
// before "'s" ("Australia's Minister").
func (rl *relater) ownerMention(m *mention) bool {
	toks := rl.a.Toks
	p := m.From - 1
	if p >= 0 && toks[p].Key == "the" {
		p--
	}
	if p >= 0 && toks[p].Key == "of" {
		// a post in capitals right before: "Minister for Foreign Affairs
		// of", not "the invasion of"
		for k := p - 1; k >= 0 && k >= p-6; k-- {
			if toks[k].Cap && titleHeads[toks[k].Key] {
				return true
			}
			if !toks[k].Word || !toks[k].Cap && !connectors[toks[k].Key] {
				return false
			}
		}
		return false
	}
	return m.To < len(toks) && (toks[m.To].Text == "'s" || toks[m.To].Text == "’s")
}

// respectivePosts reads "the Brazil-Argentina Strategic Dialogue
// Mechanism, under the co-chairmanship of Foreign Minister A and Foreign
// Minister B": two people of one bare post in a sentence that pairs two
// states hold it for those states in that order.
func (rl *relater) respectivePosts() {
	toks := rl.a.Toks
	bySent := map[int][]pendingPost{}
	for _, p := range rl.pending {
		bySent[p.sent] = append(bySent[p.sent], p)
	}
	done := map[int]bool{}
	for _, q := range rl.pending {
		i, ps := q.sent, bySent[q.sent]
		if done[i] {
			continue
		}
		done[i] = true
		if len(ps) != 2 || ps[0].m.Title == "" || schema.Key(ps[0].m.Title) != schema.Key(ps[1].m.Title) || rl.rc.reg.resolve(ps[0].m.E) == rl.rc.reg.resolve(ps[1].m.E) {
			continue
		}
		var pair []*ent
		ms := rl.sentMentions(i, true)
		for _, a := range ms {
			if a.E.Type != schema.Country || a.To+1 >= len(toks) {
				continue
			}
			sep := toks[a.To]
			if sep.Text != "-" && sep.Text != "–" && sep.Key != "and" {
				continue
			}
			j := a.To + 1
			if toks[j].Key == "the" {
				j++
			}
			if b := rl.rc.knownAt(j); b != nil && b.E.Type == schema.Country && b.E != a.E {
				if pair != nil {
					pair = nil
					break
				}
				pair = []*ent{a.E, b.E}
			}
		}
		if pair == nil {
			continue
		}
		first, second := ps[0], ps[1]
		if second.m.From < first.m.From {
			first, second = second, first
		}
		for n, p := range []pendingPost{first, second} {
			if f := rl.rel(p.m.E, pair[n], schema.HoldsPosition, i, "respective", 0.5); f != nil {
				f.Title = p.m.Title
			}
		}
	}
}

// source reports a person the sentence quotes or cites, not one who took
// part: "her spokesperson Ana Lima told reporters" (event.SourceVerbs).
func (rl *relater) source(m *mention) bool {
	return m.To < len(rl.a.Toks) && event.SourceVerbs[rl.a.Toks[m.To].Key]
}

// memberList reads the members a body's name is followed by: "the six
// member-countries of the Zenda Pact (ZP): Rivia, Borduria and Freedonia",
// "the member states of the Union, namely A, B and C".
func (rl *relater) memberList(i int, orgs []*mention) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for _, o := range orgs {
		k := o.From - 1
		if k > s.From && toks[k].Key == "the" {
			k--
		}
		if k-1 <= s.From || toks[k].Key != "of" || !memberNoun(toks, k-1) {
			continue
		}
		j := o.To
		if j+2 < s.To && toks[j].Text == "(" && toks[j+2].Text == ")" {
			j += 3 // "(GCC)"
		}
		if j < s.To && (toks[j].Text == ":" || toks[j].Text == "," || toks[j].Text == "—" || toks[j].Key == "namely" || toks[j].Key == "including") {
			j++
		}
		for j < s.To {
			if toks[j].Text == "," || toks[j].Key == "and" || toks[j].Key == "the" {
				j++
				continue
			}
			m := rl.rc.topAt(j)
			if m == nil || rl.rc.reg.resolve(m.E).Type != schema.Country {
				break
			}
			rl.rel(m.E, o.E, schema.MemberOf, i, "member-list", 0.7)
			j = m.To
		}
	}
}

// memberNoun reports "members", "member states", "member-countries" ending
// at token k.
func memberNoun(toks []token, k int) bool {
	switch toks[k].Key {
	case "members":
		return true
	case "states", "countries", "nations":
		return toks[k-1].Key == "member" || toks[k-1].Text == "-" && k >= 2 && toks[k-2].Key == "member"
	}
	return false
}
