package ingest

import (
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/ingest/event"
	"github.com/diplograph/diplograph/schema"
)

// namedForAliases: an event named for a person ("Karl Hof's visit to
// Zenda") is as well named by any other way the text refers to that
// person: "Hof's visit to Zenda", "Minister Hof's visit to Zenda". The
// forms are the person's name and aliases, and each post the text puts
// right before one of their mentions, with the name as written there and
// with the surname. It runs after the events are made and adds aliases
// only.
func (rl *relater) namedForAliases() {
	forms := rl.personForms()
	for _, e := range rl.rc.reg.ents {
		if e.Type != schema.Event {
			continue
		}
		for _, fs := range forms {
			rest, ok := namedFor(e.Name, fs)
			if !ok {
				continue
			}
			for _, f := range fs {
				if len(e.Aliases) >= maxNamedForAliases {
					break
				}
				e.addAlias(f + "'s " + rest)
			}
			break
		}
	}
}

// maxNamedForAliases bounds the aliases one event gathers this way.
const maxNamedForAliases = 8

// namedFor reports an event name that opens with one of forms and a
// possessive, and what follows it.
func namedFor(name string, forms []string) (string, bool) {
	for _, f := range forms {
		for _, pos := range []string{"'s ", "’s "} {
			if rest, ok := strings.CutPrefix(name, f+pos); ok && rest != "" {
				return rest, true
			}
		}
	}
	return "", false
}

// personForms are, for each person of the document, the ways the text
// names them, longest first.
func (rl *relater) personForms() map[*ent][]string {
	toks := rl.a.Toks
	out := map[*ent][]string{}
	add := func(p *ent, f string) {
		if f = cleanName(f); !slices.Contains(out[p], f) {
			out[p] = append(out[p], f)
		}
	}
	for _, m := range rl.rc.ms {
		p := rl.rc.reg.resolve(m.E)
		if m.Dropped || p == nil || p.Type != schema.Person {
			continue
		}
		add(p, p.Name)
		for _, a := range p.Aliases {
			add(p, a)
		}
		if m.From == 0 || !toks[m.From-1].Cap || !titleHeads[toks[m.From-1].Key] || toks[m.From-1].Sent != toks[m.From].Sent {
			continue
		}
		post := toks[m.From-1].Text
		add(p, post+" "+rl.a.span(m.From, m.To))
		for _, a := range p.Aliases {
			if !strings.Contains(a, " ") {
				add(p, post+" "+a) // "Minister Hof"
			}
		}
	}
	for _, fs := range out {
		slices.SortStableFunc(fs, func(a, b string) int { return len(b) - len(a) })
	}
	return out
}

// attendees are, for each event, the entities of type t the facts so far
// say attended it, each once.
func (rl *relater) attendees(t schema.EntityType) map[*ent][]*ent {
	reg := rl.rc.reg
	out := map[*ent][]*ent{}
	for _, f := range rl.facts {
		if s, o := reg.resolve(f.S), reg.resolve(f.O); f.T == schema.Attended && s.Type == t && !slices.Contains(out[o], s) {
			out[o] = append(out[o], s)
		}
	}
	return out
}

// sameVisits merges the visits the document reports twice, by different
// phrases ("the Visit by Minister Hof to Zenda" in the headline, "Hof's
// visit to Zenda" in the body): with a person who attended both, of no
// two dates, and held in a place of both (or, when both are dated, with
// no place said for one). Two stops of one trip share their dates and
// their traveller but not their places, so they stay two. The longer name stays the name;
// the other becomes an alias.
func (rl *relater) sameVisits() {
	reg := rl.rc.reg
	people, places := rl.attendees(schema.Person), map[*ent][]*ent{}
	for _, f := range rl.facts {
		if s := reg.resolve(f.S); f.T == schema.HeldIn && s.Kind == "VISIT" {
			places[s] = append(places[s], reg.resolve(f.O))
		}
	}
	var visits []*ent
	for _, e := range reg.ents {
		if e.Type == schema.Event && e.Kind == "VISIT" {
			visits = append(visits, e)
		}
	}
	// a visit's name may name its traveller: "Visit by Minister Hof to Zenda"
	for _, p := range reg.ents {
		if p.Type != schema.Person {
			continue
		}
		for _, v := range visits {
			if namesPerson(v.Name, p) {
				people[v] = append(people[v], p)
			}
		}
	}
	for i, a := range visits {
		for _, b := range visits[i+1:] {
			a, b := reg.resolve(a), reg.resolve(b)
			if a == b || !shares(people[a], people[b]) {
				continue
			}
			switch {
			case a.Date != "" && b.Date != "" && a.Date != b.Date:
				continue
			case shares(places[a], places[b]):
			case a.Date == "" || b.Date == "" || len(places[a]) > 0 && len(places[b]) > 0:
				continue
			}
			if len(b.Name) > len(a.Name) {
				a, b = b, a
			}
			reg.merge(a, b)
			people[a] = append(people[a], people[b]...)
			places[a] = append(places[a], places[b]...)
		}
	}
}

func shares(a, b []*ent) bool { return sharedCount(a, b) > 0 }

// headlineEvents merges a happening the headline announces into the
// first one of the same kind (and date, if the headline gives one) that
// the body tells and that shares a person with it, or any such when the
// headline names no one ("Minister Hof holds phone call with Ruritanian
// counterpart", then "Minister Hof held a telephone conversation with
// …"): a headline restates the lead.
func (rl *relater) headlineEvents() {
	if len(rl.a.Sents) < 2 {
		return
	}
	reg, head := rl.rc.reg, rl.a.Sents[0]
	if last := rl.a.Toks[head.To-1].Text; last == "." || last == "!" || last == "?" {
		return // the text opens with a sentence, not a headline
	}
	people := rl.attendees(schema.Person)
	var inHead, inBody []*ent
	ms := slices.Clone(rl.rc.ms)
	slices.SortStableFunc(ms, func(a, b *mention) int { return a.From - b.From })
	for _, m := range ms {
		e := reg.resolve(m.E)
		if m.Dropped || e.Type != schema.Event || slices.Contains(inHead, e) || slices.Contains(inBody, e) {
			continue
		}
		if m.From < head.To {
			inHead = append(inHead, e)
		} else {
			inBody = append(inBody, e)
		}
	}
	for _, h := range inHead {
		for _, b := range inBody {
			if b.Kind != h.Kind || slices.Contains(inHead, b) || h.Date != "" && h.Date != b.Date {
				continue
			}
			// a headline may name no one: "Working Visit to Rivia"
			if len(people[h]) == 0 || shares(people[h], people[b]) {
				reg.merge(b, h)
				break
			}
		}
	}
}

// headAliases: an unnamed happening described by a phrase ("telephone
// conversation with the Minister of Rivia", "signing ceremony of the
// Memorandum") is also referred to by the phrase's head and its
// modifiers alone, as the text does after the first mention ("the
// telephone conversation"). One word ("talks") says too little to alias.
func (rl *relater) headAliases() {
	for _, e := range rl.rc.reg.ents {
		if e.Type != schema.Event || e.Name == "" || unicode.IsUpper([]rune(e.Name)[0]) {
			continue
		}
		if head := headPhrase(e.Name); head != e.Name && strings.Contains(head, " ") {
			e.addAlias(head)
		}
	}
}

// spanLinkWords join a happening's noun to what completes it.
var spanLinkWords = map[string]bool{"with": true, "between": true, "of": true, "to": true, "in": true, "on": true, "at": true, "for": true, "by": true}

// undatedSignings drops the signings the text neither dates nor names,
// nor names the instrument of ("the two ministers signed a memorandum on
// trade"): ONTOLOGY.md's Event is "a specific, dated or named happening",
// and such a signing is the act of signing, which SIGNED already records.
// Who signed what stays; the event and its attendance go. It is the one
// step that decides which candidate signings stand.
func (rl *relater) undatedSignings() {
	reg := rl.rc.reg
	drop := map[*ent]bool{}
	for _, e := range reg.ents {
		if e.Type == schema.Event && e.Kind == "SIGNING" && e.Date == "" && unnamedSigning(e.Name) {
			drop[e] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	rl.facts = slices.DeleteFunc(rl.facts, func(f fact) bool { return drop[reg.resolve(f.S)] || drop[reg.resolve(f.O)] })
	for _, m := range rl.rc.ms {
		if drop[reg.resolve(m.E)] {
			m.Dropped = true
		}
	}
}

// unnamedSigning: "signing of the cooperation agreement on trade", an
// instrument described in lower case; not "signing of the Trade Accord".
func unnamedSigning(name string) bool {
	rest, ok := strings.CutPrefix(name, "signing of ")
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "the ")
	return rest != "" && !unicode.IsUpper([]rune(rest)[0])
}

// betweenAliases: a meeting of two people (or of two states) the text
// describes by its head ("the telephone conversation with the Minister",
// "talks") is also "the telephone conversation between A and B", the
// way readers and other documents refer to it.
func (rl *relater) betweenAliases() {
	reg := rl.rc.reg
	people, states := rl.attendees(schema.Person), rl.attendees(schema.Country)
	for _, e := range reg.ents {
		if e.Type != schema.Event || e.Name == "" || unicode.IsUpper([]rune(e.Name)[0]) || !gatheringKinds[e.Kind] {
			continue
		}
		sides := people[e]
		if len(sides) != 2 {
			sides = states[e]
		}
		head := headPhrase(e.Name)
		if len(sides) != 2 || head == "" {
			continue
		}
		for _, pair := range [][2]string{{sides[0].Name, sides[1].Name}, {surname(sides[0]), surname(sides[1])}} {
			a, b := pair[0], pair[1]
			e.addAlias(head + " between " + a + " and " + b)
			e.addAlias(head + " between " + b + " and " + a)
		}
	}
}

// placeAliases: a visit named without where it went ("Minister Hof's
// visit") and held in one state is also that visit "to" the state, the way
// readers and other documents refer to it.
func (rl *relater) placeAliases() {
	held := map[*ent][]*ent{}
	for _, f := range rl.facts {
		if f.T == schema.HeldIn && f.O.Type == schema.Country && !slices.Contains(held[f.S], f.O) {
			held[f.S] = append(held[f.S], f.O)
		}
	}
	for _, e := range rl.rc.reg.ents {
		key := " " + schema.Key(e.Name) + " "
		if e.Type != schema.Event || e.Kind != "VISIT" || len(held[e]) != 1 || strings.Contains(key, " to ") || !strings.HasSuffix(key, " visit ") {
			continue
		}
		e.addAlias(e.Name + " to " + held[e][0].Name)
		e.addAlias("visit to " + held[e][0].Name)
	}
}

// surname is the last word of a person's name ("Hof" of "Karl Hof"),
// or the name of anything else.
func surname(e *ent) string {
	if e.Type != schema.Person {
		return e.Name
	}
	f := strings.Fields(e.Name)
	for len(f) > 1 && suffixes[schema.Key(f[len(f)-1])] {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return e.Name
	}
	return f[len(f)-1]
}

// agentAliases: an unnamed happening described by what was done ("call
// on President Hof", "working visit to Zenda") is also the doing of the
// person who did it, as readers name it: "Weber's call on President
// Hof", "Minister Weber's working visit to Zenda". That person is the
// first who attended it and whom its description does not name.
func (rl *relater) agentAliases() {
	forms := rl.personForms()
	people := rl.attendees(schema.Person)
	for _, e := range rl.rc.reg.ents {
		if e.Type != schema.Event || e.Name == "" || unicode.IsUpper([]rune(e.Name)[0]) || strings.Contains(e.Name, "'s ") || strings.Contains(e.Name, "’s ") {
			continue
		}
		agent := slices.IndexFunc(people[e], func(p *ent) bool { return !strings.Contains(e.Name, surname(p)) })
		if agent < 0 {
			continue
		}
		p := people[e][agent]
		fs := append(slices.Clone(forms[p]), surname(p))
		for _, f := range fs {
			if len(e.Aliases) >= maxNamedForAliases {
				break
			}
			e.addAlias(f + "'s " + e.Name)
		}
	}
}

var gatheringKinds = map[string]bool{"MEETING": true, "DIALOGUE": true, "NEGOTIATION": true}

// headPhrase is the words of an unnamed happening's name before what
// completes it ("telephone conversation" of "telephone conversation with
// the Minister"), or the name when nothing completes it.
func headPhrase(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		if spanLinkWords[w] {
			if i == 0 || !event.IsTrigger(schema.Key(words[i-1])) {
				return ""
			}
			return strings.Join(words[:i], " ")
		}
	}
	if len(words) <= 3 && event.IsTrigger(schema.Key(words[len(words)-1])) {
		return name
	}
	return ""
}

// sameSignings merges the signings the document tells twice ("the
// signing of the Memorandum" dated in one sentence, "the signing of the
// Rivia–Zenda Programme" it set up in another): no two dates, and the
// same two people or more on both. Two instruments signed by two
// different pairs on one day stay two signings.
func (rl *relater) sameSignings() {
	reg := rl.rc.reg
	people := rl.attendees(schema.Person)
	var signings []*ent
	for _, e := range reg.ents {
		if e.Type == schema.Event && e.Kind == "SIGNING" {
			signings = append(signings, e)
		}
	}
	for i, a := range signings {
		for _, b := range signings[i+1:] {
			a, b := reg.resolve(a), reg.resolve(b)
			if a == b || a.Date != "" && b.Date != "" && a.Date != b.Date || sharedCount(people[a], people[b]) < 2 {
				continue
			}
			if b.Date != "" && a.Date == "" {
				a, b = b, a // the dated one stays
			}
			reg.merge(a, b)
			people[a] = append(people[a], people[b]...)
		}
	}
}

func sharedCount(a, b []*ent) int {
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return n
}
