package event

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// byWord indexes Triggers by their words.
var byWord = func() map[string][]*Trigger {
	m := map[string][]*Trigger{}
	for i := range Triggers {
		for _, w := range Triggers[i].Words {
			m[w] = append(m[w], &Triggers[i])
		}
	}
	return m
}()

// Find returns the frames of the text: at most one a sentence, made from
// the strongest trigger of the sentence with the arguments of all, then
// joined across sentences (see join).
func Find(in Input) []Frame {
	var frames []Frame
	bySent := in.bySentence()
	for s := range in.Sents {
		var prev *Frame
		for _, c := range in.clauses(s) {
			ms := inside(in, bySent[s], c)
			where := in.whereClause(c)
			if prev != nil && where {
				ms = append(prev.subjects(in), ms...)
			}
			prev = nil
			if f, ok := in.frame(s, c, ms); ok {
				// "in Lima, where he met B": the place just named
				if p := in.antecedentPlace(bySent[s], c); where && p >= 0 && len(f.Places) == 0 {
					f.Places = append(f.Places, p)
				}
				frames = append(frames, f)
				prev = &frames[len(frames)-1]
			}
		}
	}
	return join(in, frames)
}

// whereClause reports a clause ", where she met B" whose subject is a
// pronoun: it speaks of the subject of the clause before, at the place
// named before it.
func (in Input) whereClause(c Sentence) bool {
	return c.From >= 2 && in.Toks[c.From-1].Key == "where" && in.Toks[c.From-2].Key == "," && c.From < c.To && subjectPronouns[in.Toks[c.From].Key]
}

var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "we": true}

// antecedentPlace is the place named just before the ", where" that opens
// clause c, among ms; -1 if none.
func (in Input) antecedentPlace(ms []int, c Sentence) int {
	for _, i := range ms {
		if m := in.Mentions[i]; m.To == c.From-2 && (m.Type == schema.Location || m.Type == schema.Country) {
			return i
		}
	}
	return -1
}

// subjects are the people f names before its trigger.
func (f *Frame) subjects(in Input) []int {
	var out []int
	for _, i := range f.Agents {
		if m := in.Mentions[i]; m.From < f.Trigger && m.Type == schema.Person {
			out = append(out, i)
		}
	}
	return out
}

// clauses cuts sentence s where one happening's report ends and another's
// may begin ("A and B signed X, while C and D signed Y"; a semicolon):
// each clause gets a frame of its own.
func (in Input) clauses(s int) []Sentence {
	sent := in.Sents[s]
	var out []Sentence
	from := sent.From
	for k := sent.From; k < sent.To; k++ {
		// ", where she met B": a happening at the place just named
		where := in.Toks[k].Key == "where" && k > sent.From && in.Toks[k-1].Key == ","
		if (clauseBreaks[in.Toks[k].Key] || where) && k > from {
			out = append(out, Sentence{From: from, To: k})
			from = k + 1
		}
	}
	return append(out, Sentence{From: from, To: sent.To})
}

// inside keeps the mentions of ms within clause c.
func inside(in Input, ms []int, c Sentence) []int {
	var out []int
	for _, i := range ms {
		if m := in.Mentions[i]; m.From >= c.From && m.To <= c.To {
			out = append(out, i)
		}
	}
	return out
}

// bySentence lists the mentions of each sentence, in one pass over both:
// mentions and sentences are in text order.
func (in Input) bySentence() [][]int {
	out := make([][]int, len(in.Sents))
	m := 0
	for s, sent := range in.Sents {
		for m < len(in.Mentions) && in.Mentions[m].From < sent.From {
			m++
		}
		for k := m; k < len(in.Mentions) && in.Mentions[k].From < sent.To; k++ {
			if in.Mentions[k].To <= sent.To {
				out[s] = append(out[s], k)
			}
		}
	}
	return out
}

// frame reads clause sent of sentence s, whose mentions are ms.
func (in Input) frame(s int, sent Sentence, ms []int) (Frame, bool) {
	var best *Trigger
	var at int
	var triggers []*Trigger
	for k := sent.From; k < sent.To; k++ {
		t := in.trigger(k, ms)
		if t == nil {
			continue
		}
		triggers = append(triggers, t)
		if best == nil || t.Priority > best.Priority {
			best, at = t, k
		}
	}
	if best == nil {
		return Frame{}, false
	}
	// "attended a high-level meeting on trade", "received a phone call
	// from Karl Hof": the noun after the verb reports the happening
	if best.Attends || best.Verb && !best.Trip {
		limit := sent.To
		if !best.Attends {
			limit = min(sent.To, at+5)
		}
		for k := at + 1; k < limit; k++ {
			if t := in.trigger(k, ms); t != nil && t.Noun && in.determined(k) {
				best, at = t, k
				break
			}
		}
	}
	// "During a phone call, A and B stressed …": the happening is the one
	// the sentence is set in, whatever else it speaks of
	setIn := -1 // the end of the phrase "during …"
	for k := sent.From; k+2 < sent.To && k < sent.From+3 && setIn < 0; k++ {
		if in.Toks[k].Key != "during" {
			continue
		}
		for j := k + 1; j < min(sent.To, k+5); j++ {
			if t := in.trigger(j, ms); t != nil && t.Noun {
				best, at, setIn = t, j, j+1
				break
			}
		}
	}
	f := Frame{Rule: best.Name, Kind: best.Kind, Sent: s, Trigger: at, Named: -1, Traveller: -1, Attends: best.Attends, Setting: setIn >= 0, clause: sent}
	if best.Noun || best.Name == "signing-noun" {
		f.Span, f.Head = in.span(at, sent, ms)
	}
	for _, i := range ms {
		m := in.Mentions[i]
		if m.Type == schema.Event && f.Named < 0 && !in.clausal(m) && (setIn < 0 || m.From < setIn) && !in.bare(f, m) {
			f.Named = i
		}
	}
	// a trigger that ends a name is read where the name starts: "will
	// launch the Rivia–Zenda Security and Defence Dialogue"
	statusAt := at
	if f.Named >= 0 && in.Mentions[f.Named].From <= at && at < in.Mentions[f.Named].To {
		statusAt = in.Mentions[f.Named].From
	}
	f.Status = in.status(sent, statusAt)
	meets := slices.ContainsFunc(triggers, func(t *Trigger) bool { return t.Meets })
	trip := best.Trip
	signs := slices.ContainsFunc(triggers, func(t *Trigger) bool { return t.Signs })
	attends := slices.ContainsFunc(triggers, func(t *Trigger) bool { return t.Attends })
	in.fill(&f, ms, meets, trip, signs, attends)
	if trip && f.Traveller < 0 && !in.pronounSubject(f) { // "during her visit to X, Minister Y met …"
		for _, i := range f.Agents {
			if in.Mentions[i].Type == schema.Person {
				f.Traveller = i
				break
			}
		}
	}
	if len(f.Agents) == 0 && f.Named < 0 && len(f.Instruments) == 0 {
		return Frame{}, false // "the meeting focused on trade": which meeting is for resolution
	}
	return f, true
}

// determined reports a noun at k with a determiner a few words before
// it ("a high-level meeting"): a noun phrase of its own.
func (in Input) determined(k int) bool {
	for j := k - 1; j >= max(0, k-5); j-- {
		if determiners[in.Toks[j].Key] {
			return true
		}
		if w := in.Toks[j]; w.Cap || w.Key == "," || w.Key == "." {
			return false
		}
	}
	return false
}

// bare reports a frame whose noun phrase stands apart from the event
// mention m with no determiner: "the initiative to hold talks was made
// at the 12th session of the Assembly" — talks in general, not the
// session; "the talks at the session" may be its.
func (in Input) bare(f Frame, m Mention) bool {
	if f.Span[1] == 0 || m.From < f.Span[1] && f.Span[0] < m.To {
		return false
	}
	k := f.Span[0]
	return k == 0 || !determiners[in.Toks[k-1].Key] && !determiners[in.Toks[k].Key] && in.Toks[k-1].Key != "'s" && in.Toks[k-1].Key != "’s"
}

// clausal reports a mention that spans a finite verb ("Rivia's envoy will
// travel to Zenda"): an earlier reading took the clause for the event, so
// the clause is no name of it, and the frame reads the clause itself.
func (in Input) clausal(m Mention) bool {
	for k := m.From; k < m.To; k++ {
		switch tag := in.Toks[k].Tag; {
		case tag == "MD", tag == "VBD", tag == "VBZ", tag == "VBP":
			return true
		}
	}
	return false
}

// trigger is the rule token k fires, if any: not inside a name other than
// an event's, and of the part of speech the rule asks for.
func (in Input) trigger(k int, ms []int) *Trigger {
	ts := byWord[in.Toks[k].Key]
	if len(ts) == 0 {
		return nil
	}
	for _, i := range ms {
		m := in.Mentions[i]
		if k >= m.From && k < m.To && m.Type != schema.Event {
			return nil
		}
	}
	tag := in.Toks[k].Tag
	verb := strings.HasPrefix(tag, "VB")
	if tag == "" { // untagged: a word after a determiner is a noun, else either
		verb = k == 0 || !determiners[in.Toks[k-1].Key] && !nounModifiers[in.Toks[k-1].Key]
	}
	// "Ana Lima spoke by phone": a word right after a name that can be
	// its verb is one, whatever the tagger made of it ("the Rivia-Zenda
	// negotiations" may still be a noun)
	subject := in.afterSubject(k, ms)
	for _, t := range ts {
		if t.Verb && !verb && !subject || t.Noun && verb && tag != "" {
			continue
		}
		if t.Noun && topicCues[in.cueAt(k)] && !in.setting(k) {
			continue // "they discussed the negotiations": a topic, not the happening
		}
		if t.Noun && in.founded(k) {
			continue // "an agreement to establish political consultations": a mechanism, not a happening
		}
		return t
	}
	return nil
}

// afterSubject reports a trigger at k right after a person's or state's
// name, that names no event of its own.
func (in Input) afterSubject(k int, ms []int) bool {
	for _, i := range ms {
		if m := in.Mentions[i]; m.To == k && (m.Type == schema.Person || m.Type == schema.Country) {
			return true
		}
	}
	return false
}

// founded reports a noun trigger at k that a verb of founding governs
// within a few words before it ("to set up regular consultations"): the
// text founds a series of happenings, and reports none of them.
func (in Input) founded(k int) bool {
	for j := k - 1; j >= max(0, k-4); j-- {
		key := in.Toks[j].Key
		if foundingVerbs[key] || key == "up" && j > 0 && in.Toks[j-1].Key == "set" {
			return true
		}
		if spanStops[key] && key != "to" || key == "." {
			return false
		}
	}
	return false
}

// span is the noun phrase around the noun trigger at k: modifiers and a
// possessor before it ("Anna Weber's working visit"), and the phrases
// that complete it after ("to Zenda", "between A and B", "of the
// Memorandum"), up to a comma, a verb or a clause. head is where the
// phrase starts without its modifiers and possessor.
func (in Input) span(k int, sent Sentence, ms []int) ([2]int, int) {
	start := k
	for start > sent.From && (nounModifiers[in.Toks[start-1].Key] || in.Toks[start-1].Tag == "JJ" && !in.Toks[start-1].Cap || numbered(in.Toks[start-1].Key)) {
		start--
	}
	head := start
	// "a Ruritania-Freedonia Foreign Ministers' telephone talk": capitals
	// between a determiner and the noun name its parties.
	if j := in.capitalModifiers(start, sent); j < start {
		start, head = j, j
	}
	if start-1 > sent.From && (in.Toks[start-1].Key == "'s" || in.Toks[start-1].Key == "’s") {
		start = in.possessors(start-1, sent, ms)
	}
	// "the second round of fisheries consultations": the round is named
	if start-3 >= sent.From && in.Toks[start-1].Key == "of" && settingNouns[in.Toks[start-2].Key] && in.Toks[start-2].Key == "round" {
		start -= 2
		for start > sent.From && (numbered(in.Toks[start-1].Key) || ordinalKeys[in.Toks[start-1].Key]) {
			start--
		}
	}
	end := k + 1
	for end+1 < sent.To && spanLinks[in.Toks[end].Key] && end-k < 12 {
		// ("talks with May" is a name: that month needs its day or year)
		if next := in.Toks[end+1]; timeWords[next.Key] && (next.Key != "may" || end+2 < sent.To && strings.Trim(in.Toks[end+2].Key, "0123456789") == "") || strings.Trim(next.Key, "0123456789") == "" {
			break // "the summit in April": when, not which
		}
		j := end + 1
		for j < sent.To && j-k < 14 && !spanStops[in.Toks[j].Key] && !strings.HasPrefix(in.Toks[j].Tag, "VB") && !in.relativeTime(j, sent) && !in.datePhrase(j, sent) {
			j++
		}
		if j == end+1 {
			break
		}
		end = j
	}
	// a name the phrase ends inside is whole in it
	for _, i := range ms {
		if m := in.Mentions[i]; m.From < end && end < m.To {
			end = m.To
		}
	}
	return [2]int{start, end}, head
}

// capitalModifiers is where capitalized modifiers before token k begin,
// when a determiner opens them within a few words; k otherwise.
func (in Input) capitalModifiers(k int, sent Sentence) int {
	j := k
	for j > sent.From && k-j < 8 {
		t := in.Toks[j-1]
		if t.Key == "a" || t.Key == "an" || t.Key == "the" {
			if j < k && in.Toks[j].Cap {
				return j
			}
			return k
		}
		if !t.Cap && t.Key != "'" && t.Key != "’" && t.Key != "-" && t.Key != "." && t.Key != "–" || headlineWords[t.Key] {
			return k // a headline in title case is not a name: "Travels to Zenda For Talks"
		}
		j--
	}
	return k
}

// cueAt is the word before token k, past determiners, adjectives in
// capitals and commas.
func (in Input) cueAt(k int) string {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		key := in.Toks[j].Key
		if skippable[key] || in.Toks[j].Cap || nounModifiers[key] {
			continue
		}
		return key
	}
	return ""
}

// settingNouns before "of" set a sentence in the happening after it:
// "as part of his visit", "on the sidelines of the summit", "in the
// course of the talks".
var settingNouns = map[string]bool{"part": true, "course": true, "occasion": true, "framework": true, "sidelines": true,
	"margins": true, "margin": true, "sideline": true, "end": true, "conclusion": true, "eve": true, "context": true,
	"round": true, "edition": true} // "the second round of fisheries consultations": the round is the happening

// setting reports a noun trigger at k whose "of" follows a setting noun.
func (in Input) setting(k int) bool {
	for j := k - 1; j > 0 && j >= k-5; j-- {
		if in.Toks[j].Key == "of" {
			return settingNouns[in.Toks[j-1].Key]
		}
	}
	return false
}

// status reads the sentence's cue words: a cancellation, postponement or
// proposal anywhere; the future in the few words before the trigger.
func (in Input) status(sent Sentence, at int) string {
	var words []string
	for k := sent.From; k < sent.To; k++ {
		words = append(words, in.Toks[k].Key)
	}
	text := " " + strings.Join(words, " ") + " "
	// the text up to the trigger: a proposal comes before what it
	// proposes ("invited her to visit"; not "the summit, to which Rivia
	// was invited")
	upTo := " " + strings.Join(words[:max(0, min(at-sent.From+1, len(words)))], " ") + " "
	// "the outcomes of the 4th Joint Meeting": what has outcomes was held
	if heldBefore(words, at-sent.From) {
		return Held
	}
	for _, c := range statusCues {
		for _, w := range c.Words {
			if c.Status == Proposed && !proposes(upTo, w) {
				continue
			}
			if strings.Contains(text, " "+w+" ") {
				return c.Status
			}
		}
	}
	for k := max(sent.From, at-6); k < at; k++ {
		if plannedCues[in.Toks[k].Key] && (in.Toks[k].Key != "to" || in.toPlan(k, sent)) {
			return Planned
		}
	}
	// "the Zenda Summit scheduled to take place in May": the plan after
	// the name
	if plannedAfter(words, in.nameEnd(at)-sent.From) {
		return Planned
	}
	// "is scheduled to arrive in Zenda on Friday for a State visit": a
	// clause whose verb is future, however far before the trigger
	for k := max(sent.From, at-14); k < at-6; k++ {
		if futureVerbs[in.Toks[k].Key] {
			return Planned
		}
	}
	return Held
}

// futureVerbs put the whole clause after them ahead.
var futureVerbs = map[string]bool{"will": true, "shall": true, "scheduled": true, "expected": true, "plans": true, "set": false}

// toPlan reports a "to" at k that puts what follows ahead: an infinitive
// ("plans to attend", "is set to visit"), not a preposition ("led a
// delegation to the session") nor the purpose of a past act ("arrived
// to participate in", "flew to Zenda to attend").
func (in Input) toPlan(k int, sent Sentence) bool {
	if k+1 >= sent.To {
		return false
	}
	if k > sent.From && in.Toks[k-1].Key == "forward" {
		return true // "look forward to this year's summit"
	}
	n := k + 1
	for n+1 < sent.To && in.Toks[n].Tag == "RB" {
		n++ // "set to officially begin"
	}
	next := in.Toks[n]
	if determiners[next.Key] || next.Cap || next.Tag != "" && next.Tag != "VB" {
		return false
	}
	for j := k - 1; j >= max(sent.From, k-4); j-- {
		switch t := in.Toks[j]; {
		case commitVerbs[t.Key]:
			return true // "agreed on Friday to hold a summit"
		case t.Tag == "VBD" || t.Tag == "" && strings.HasSuffix(t.Key, "ed") && !plannedCues[t.Key]:
			return false
		case t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "MD":
			return true
		}
	}
	return true
}

// postingHeads are posts held abroad; the "to" after them names where.
var postingHeads = map[string]bool{"ambassador": true, "ambassadors": true, "commissioner": true, "envoy": true, "representative": true, "consul": true, "delegate": true}

// relativeTime reports a phrase of time that counts from the document's
// day at token i, which is no part of a happening's name either: "a visit
// to Zenda next week", "the talks in Rivia this year", "tomorrow".
func (in Input) relativeTime(i int, sent Sentence) bool {
	switch in.Toks[i].Key {
	case "today", "tomorrow", "yesterday", "tonight":
		return true
	case "next", "last", "this", "coming":
		return i+1 < sent.To && (timeUnits[in.Toks[i+1].Key] || timeWords[in.Toks[i+1].Key])
	case "later", "earlier": // "later this year", "later in the week"
		return i+1 < sent.To && (in.relativeTime(i+1, sent) || in.Toks[i+1].Key == "in" || in.Toks[i+1].Key == "that")
	}
	return false
}

// datePhrase reports a preposition that opens a date at token i: "from 3
// to 5 May", "from May 3".
func (in Input) datePhrase(i int, sent Sentence) bool {
	if i+1 >= sent.To || in.Toks[i].Key != "from" && in.Toks[i].Key != "between" {
		return false
	}
	next := in.Toks[i+1].Key
	return timeWords[next] || next != "" && strings.Trim(next, "0123456789") == "" || strings.TrimRight(next, "stndrh") != next && strings.Trim(strings.TrimRight(next, "stndrh"), "0123456789") == ""
}

// timeUnits are the spans of time relativeTime counts in.
var timeUnits = map[string]bool{"day": true, "week": true, "weekend": true, "month": true, "year": true, "spring": true, "summer": true, "autumn": true, "fall": true, "winter": true}

// timeWords open a phrase of time, which is no part of a happening's name.
var timeWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"early": true, "mid": true, "late": true, "the": false,
}

// planVerbs put the trip of their infinitive ahead for their subject:
// "is due to tour", "plans to tour".
var planVerbs = map[string]bool{"scheduled": true, "expected": true, "set": true, "due": true, "plans": true, "planned": true, "planning": true, "intends": true, "going": true}

// commitVerbs take an infinitive of what is still to come, whatever
// their own tense: "agreed to hold", "decided to convene".
var commitVerbs = map[string]bool{
	"agreed": true, "agree": true, "agrees": true, "decided": true, "decide": true, "decides": true,
	"resolved": true, "pledged": true, "promised": true, "vowed": true, "undertook": true,
	"committed": true, "intend": true, "intends": true, "intended": true, "hope": true, "hopes": true, "hoped": true,
}

// proposes reports cue w of a proposal in text, but not "at the
// invitation of", which says whose guest one was, not that a visit is
// yet to be agreed.
func proposes(text, w string) bool {
	w = " " + w + " "
	for _, guest := range []string{" at the invitation ", " upon the invitation ", " on the invitation ", " at the kind invitation "} {
		text = strings.ReplaceAll(text, guest, " ")
	}
	return strings.Contains(text, w)
}

// cue is the word that marks mention m's role: the nearest word before it
// that is not a title, a determiner or a comma.
func (in Input) cue(m Mention, from int) string {
	for k := m.From - 1; k >= from; k-- {
		key := in.Toks[k].Key
		if skippable[key] || in.Toks[k].Cap && !placeCues[key] {
			continue
		}
		// "Minister of Foreign Affairs Ana Prado": an "of" between
		// capitals is the post's, not the person's cue
		if (key == "of" || key == "for") && k > from && in.Toks[k-1].Cap && k+1 < m.From && in.Toks[k+1].Cap && m.Type == schema.Person {
			continue
		}
		return key
	}
	return ""
}

// fill gives f its arguments from the mentions ms of its sentence.
func (in Input) fill(f *Frame, ms []int, meets, trip, signs, attends bool) {
	sent := f.clause
	end := in.purpose(f.Trigger, sent.To)
	var before, after []int // people on either side of the trigger, for MET_WITH
	firstVerb := in.coordinated(f.Trigger, sent)
	for n, i := range ms {
		m := in.Mentions[i]
		if m.From >= end {
			break // "… to discuss relations between A and B": a topic, not a side
		}
		if m.From > firstVerb && m.From < f.Trigger {
			continue // "A called on B and met C": B is the first verb's
		}
		c := in.cue(m, sent.From)
		switch m.Type {
		case schema.Location:
			if in.place(f, ms, n, c, trip) {
				f.Places = append(f.Places, i)
			}
		case schema.Country:
			switch {
			case in.place(f, ms, n, c, trip):
				f.Places = append(f.Places, i)
			case in.party(m, c, f.Trigger) || attends && in.attendee(m, c, f.Trigger):
				f.Agents = appendEntity(in, f.Agents, i)
			}
		case schema.Person:
			if c == "of" && m.From > f.Trigger && !in.ownedPost(ms, n) || m.To < sent.To && SourceVerbs[in.Toks[m.To].Key] {
				continue // "the widow of X"; "X told reporters"
			}
			f.Agents = appendEntity(in, f.Agents, i)
			if m.From < f.Trigger {
				before = appendEntity(in, before, i)
			} else {
				after = appendEntity(in, after, i)
			}
			// the subject travels; after an invitation ("invited A to
			// visit …") the one invited, named last before the verb
			if trip && m.From < f.Trigger && (f.Traveller < 0 || f.Trigger > 0 && in.Toks[f.Trigger-1].Key == "to") {
				f.Traveller = i
			}
		case schema.Organization:
			if in.party(m, c, f.Trigger) || attends && in.attendee(m, c, f.Trigger) {
				f.Agents = appendEntity(in, f.Agents, i)
			}
		case schema.Agreement:
			if signs {
				f.Instruments = appendEntity(in, f.Instruments, i)
			}
		}
	}
	if meets && len(before) <= maxSide && len(after) <= maxSide {
		f.Met = pairs(in, before, after)
	}
}

// ownedPost reports a person ms[n] named after a post whose "of" names
// its state or body ("Minister of Foreign Affairs of Rivia Ana Lima"):
// that "of" is the post's, not one that makes the person a topic.
func (in Input) ownedPost(ms []int, n int) bool {
	if n == 0 {
		return false
	}
	prev := in.Mentions[ms[n-1]]
	of := prev.From - 1
	if of > 0 && in.Toks[of].Key == "the" {
		of--
	}
	// the "of" follows a post's name in capitals, not "the visit of"
	if prev.Type != schema.Country && prev.Type != schema.Organization || of < 1 || in.Toks[of].Key != "of" || !in.Toks[of-1].Cap {
		return false
	}
	for k := prev.To; k < in.Mentions[ms[n]].From; k++ {
		if !in.Toks[k].Cap {
			return false
		}
	}
	return true
}

// attendee says whether a state or body at m, after cue c, took part in
// what a verb of attending at trigger reports: "attended by A", "the
// ministers of A, B and C attended", "representatives of A took part".
// After "of" it must follow a plural of those who attend, not a post's
// name ("the Minister of Foreign Affairs of A").
func (in Input) attendee(m Mention, c string, trigger int) bool {
	if c == "and" { // the last of a list: the cue of the list
		c = in.listCue(m, trigger)
	}
	switch c {
	case "by":
		return m.From > trigger
	case "of":
		for k := m.From - 1; k > 0; k-- {
			if in.Toks[k].Key == "of" {
				return attendingPlurals[in.Toks[k-1].Key]
			}
		}
	}
	return false
}

// purpose is where a clause of purpose or topic starts after the trigger
// ("to discuss", "to review", "on", "regarding"): the names after it are
// what the happening was about. Without tags, "to" followed by a word in
// lower case that is not a name counts as one.
func (in Input) purpose(trigger, to int) int {
	for k := trigger + 1; k+1 < to; k++ {
		key, next := in.Toks[k].Key, in.Toks[k+1]
		switch {
		case key == "to" && meetVerb(next.Key):
			// "will fly to Zenda to meet Karl Hof": whom one travels to
			// meet takes part
		case key == "to" && (next.Tag == "VB" || next.Tag == "" && !next.Cap && purposeVerbs[next.Key]):
			return k
		case topicStarts[key]:
			return k
		case key == "and" && !next.Cap && (next.Tag == "VBD" || next.Tag == "VBZ" || next.Tag == "VB" || next.Tag == "VBP" || next.Tag == "" && IsTrigger(next.Key) && slices.ContainsFunc(byWord[next.Key], func(t *Trigger) bool { return t.Verb })):
			// "called on A and met B": the second verb reports a
			// happening of its own
			return k
		}
	}
	return to
}

// party says whether a state or body named at m, after cue c, is a side
// of the happening at trigger: the subject before it ("Ruritania and
// Freedonia held talks"), or named after with or between ("talks with
// Freedonia"). Elsewhere it owns a post, is a topic or a source.
func (in Input) party(m Mention, c string, trigger int) bool {
	if m.From < trigger {
		// "On 2 May 2024, Rivia held …"; "the leaders of A, B and C met"
		return subjectCues[c] || dateEnd(c) || in.pluralOf(m, c)
	}
	if c == "and" {
		c = in.listCue(m, trigger) // "talks with A, B and C"
	}
	return c == "with" || c == "between" || c == "from" && in.sideFrom(m, trigger)
}

// sideFrom reports a state or body after "from" that says whose people
// met: "talks with her counterparts from A and B", "delegations from A".
func (in Input) sideFrom(m Mention, trigger int) bool {
	for k := m.From - 1; k > trigger; k-- {
		if in.Toks[k].Key == "from" {
			w := in.Toks[k-1].Key
			return attendingPlurals[w] || w == "counterparts" || w == "counterpart" || w == "delegation"
		}
	}
	return false
}

// pluralOf reports a state or body m listed after "the leaders of",
// "the ministers of" before the trigger: the subject's sides.
func (in Input) pluralOf(m Mention, c string) bool {
	if c != "of" && c != "and" && c != "," && !dashes[c] {
		return false
	}
	k := in.listStart(m, 0)
	if k > 0 && dashes[in.Toks[k].Key] {
		// "the leaders of the three – A, B and C – met": the list set
		// off by dashes names the plural's members
		for j := k - 1; j > 0 && j >= k-4; j-- {
			if attendingPlurals[in.Toks[j].Key] {
				return true
			}
		}
		return false
	}
	return k > 0 && in.Toks[k].Key == "of" && attendingPlurals[in.Toks[k-1].Key]
}

var dashes = map[string]bool{"–": true, "—": true, "-": true}

// coordinated returns the verb before "and" of a verb trigger at k that
// shares its subject ("called" in "A called on B and met C"), else k.
func (in Input) coordinated(k int, sent Sentence) int {
	if k-2 < sent.From || in.Toks[k-1].Key != "and" || !slices.ContainsFunc(byWord[in.Toks[k].Key], func(t *Trigger) bool { return t.Verb }) {
		return k
	}
	for j := k - 2; j > sent.From; j-- {
		if t := in.Toks[j]; !t.Cap && (t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "" && strings.HasSuffix(t.Key, "ed")) {
			return j
		}
	}
	return k
}

// dateEnd reports a year, the last word of a date that opens a clause.
func dateEnd(key string) bool {
	return len(key) == 4 && strings.Trim(key, "0123456789") == ""
}

// listCue is the cue of the list whose last item m is (after "and"): the
// word before its first item.
func (in Input) listCue(m Mention, trigger int) string {
	return in.Toks[in.listStart(m, trigger)].Key
}

// listStart is the token before the first item of the list m ends ("of"
// in "the ministers of A, B and C"), searched back to lo.
func (in Input) listStart(m Mention, lo int) int {
	k := m.From - 1
	for k > lo {
		// an item may hold lower-case words: "the Ministry of Trade of
		// Rivia and the Ministry of …"
		if i := slices.IndexFunc(in.Mentions, func(x Mention) bool { return x.To == k+1 && x.From > lo }); i >= 0 && in.Mentions[i].From <= k {
			k = in.Mentions[i].From - 1
			continue
		}
		if !(in.Toks[k].Cap || in.Toks[k].Key == "and" || in.Toks[k].Key == "," || in.Toks[k].Key == "the") {
			break
		}
		k--
	}
	return k
}

// place says whether mention ms[n], after cue c, is where the happening
// was: the first place marked by in or at (or to, on a trip), the places
// that continue it ("Mexico City, Mexico"), and on a trip the further
// stops listed with it ("to Rivia and Zenda"). A later "in" names a place
// the text talks about ("security in the region"), not the venue.
func (in Input) place(f *Frame, ms []int, n int, c string, trip bool) bool {
	if m := in.Mentions[ms[n]]; m.To < len(in.Toks) && (in.Toks[m.To].Key == "'s" || in.Toks[m.To].Key == "’s" || m.Adjective && !placeNouns[in.Toks[m.To].Key]) {
		return false // "Zenda's minister", "the Zendan minister": an owner, not a place; "the Zendan capital" is one
	}
	if n > 0 && in.placeChain(ms[n-1], ms[n], f.Places) {
		return true
	}
	if m := in.Mentions[ms[n]]; c == "to" && m.From >= 2 && postingHeads[in.Toks[m.From-2].Key] {
		return false // "who served as Ambassador to Rivia": a posting, not a stop
	}
	if trip && c == "to" {
		return true // every "to" of a trip names a stop: "to Rivia and to Zenda"
	}
	if m := in.Mentions[ms[n]]; trip && (m.From == f.Trigger+1 || m.From == f.Trigger+2 && in.Toks[f.Trigger+1].Key == "the") && in.ownVisit(f) {
		return true // the object of "visited Rivia", "will tour the Rivia Valley"
	}
	if m := in.Mentions[ms[n]]; trip && c == "in" && m.From >= 2 && stopNouns[in.Toks[m.From-2].Key] {
		return true // "as well as stops in Rivia"
	}
	if len(f.Places) > 0 {
		return trip && (c == "and" || c == ",") && slices.Contains(f.Places, ms[n-1])
	}
	return placeCues[c]
}

// ownVisit reports a trip verb whose subject is the traveller the frame
// reads (the person before it): finite ("visited", "has visited", "will
// visit"), not an infinitive another's invitation governs ("invited A to
// visit Rivia") nor a relative clause ("B, who was visiting Rivia").
func (in Input) ownVisit(f *Frame) bool {
	k := f.Trigger
	if f.NounTrigger() || k == 0 {
		return false
	}
	switch tag, prev := in.Toks[k].Tag, in.Toks[k-1].Key; {
	case (tag == "VB" || tag == "") && prev == "to" && k >= 2 && planVerbs[in.Toks[k-2].Key]:
		return true // "is due to tour Rivia", "plans to visit Zenda"
	case tag == "VB" || tag == "":
		if prev != "will" && prev != "shall" {
			return false
		}
	case tag != "VBD" && tag != "VBN" && tag != "VBZ" && tag != "VBP":
		return false
	}
	for j := max(f.clause.From, k-3); j < k; j++ {
		if key := in.Toks[j].Key; key == "who" || key == "which" || key == "to" {
			return false
		}
	}
	return true
}

// placeChain says whether mention i continues the place named by prev:
// "Zenda, Ruritania", "Zenda, the Republic of Ruritania".
func (in Input) placeChain(prev, i int, places []int) bool {
	p, m := in.Mentions[prev], in.Mentions[i]
	if !slices.Contains(places, prev) || p.To >= len(in.Toks) || in.Toks[p.To].Key != "," {
		return false
	}
	if p.Type == schema.Country && m.Type == schema.Country {
		return false // "to Rivia, Zenda and Borduria": a state lies in no state
	}
	return m.From == p.To+1 || m.From == p.To+2 && in.Toks[p.To+1].Key == "the"
}

// maxSide is the most people on one side of a meeting whose pairs are
// stated: past it the sentence lists delegations, and who met whom among
// them is not said.
const maxSide = 3

// pairs are the people who met: each on one side of the trigger with each
// on the other; people all on one side ("A and B met") with each other.
func pairs(in Input, before, after []int) [][2]int {
	var out [][2]int
	add := func(a, b int) {
		if in.Mentions[a].Entity != in.Mentions[b].Entity {
			out = append(out, [2]int{a, b})
		}
	}
	switch {
	case len(before) > 0 && len(after) > 0:
		for _, a := range before {
			for _, b := range after {
				add(a, b)
			}
		}
	case len(before) > 1:
		for x := range before {
			for _, b := range before[x+1:] {
				add(before[x], b)
			}
		}
	case len(after) > 1:
		for x := range after {
			for _, b := range after[x+1:] {
				add(after[x], b)
			}
		}
	}
	return out
}

// appendEntity adds mention i unless a mention of its entity is there.
func appendEntity(in Input, list []int, i int) []int {
	for _, j := range list {
		if in.Mentions[j].Entity == in.Mentions[i].Entity {
			return list
		}
	}
	return append(list, i)
}

// IsTrigger says whether a folded word is in the trigger lexicon: the text
// layer tags only sentences that hold one, the only ones whose tags this
// layer reads.
func IsTrigger(key string) bool { return len(byWord[key]) > 0 }

// meetVerb reports a verb that says its people met ("meet", "receive").
func meetVerb(key string) bool {
	return slices.ContainsFunc(byWord[key], func(t *Trigger) bool { return t.Meets && t.Verb })
}

// possessors is where the people whose possessive ends at token k begin,
// with the posts written before them: "Karl Hof's", "Secretary Hof and
// Foreign Minister Lima's".
func (in Input) possessors(k int, sent Sentence, ms []int) int {
	start := k + 1
	for {
		i := slices.IndexFunc(ms, func(i int) bool { m := in.Mentions[i]; return m.To == k && m.Type == schema.Person })
		if i < 0 {
			return start
		}
		start = in.Mentions[ms[i]].From
		for start-1 > sent.From && in.Toks[start-1].Cap && in.Toks[start-2].Key != "." {
			start-- // the post before the name
		}
		if start-2 <= sent.From || in.Toks[start-1].Key != "and" {
			return start
		}
		k = start - 1
	}
}

// numbered reports an ordinal in figures, which numbers a happening of a
// series: "the 5th trade consultation".
func numbered(key string) bool {
	digits := strings.TrimRight(key, "stndrh")
	return len(digits) > 0 && len(digits) == len(key)-2 && strings.Trim(digits, "0123456789") == ""
}

// heldBefore reports words before index at (the happening's first word)
// that say it took place: "the outcomes of the …", "the results of the …".
func heldBefore(words []string, at int) bool {
	// "the ongoing war", "the continuing talks": under way
	for j := max(0, at-2); j < at; j++ {
		if words[j] == "ongoing" || words[j] == "continuing" {
			return true
		}
	}
	for j := max(0, at-5); j < at-1; j++ {
		if (words[j] == "outcomes" || words[j] == "outcome" || words[j] == "results") && words[j+1] == "of" {
			return true
		}
	}
	return false
}

// plannedAfter reports a plan stated within a few words after index at:
// "to be held", "will take place".
func plannedAfter(words []string, at int) bool {
	after := " " + strings.Join(words[min(at, len(words)):min(at+24, len(words))], " ") + " "
	// "will soon take place", "will then be convened": an adverb may stand
	// between the auxiliary and the verb
	for _, adverb := range []string{" also ", " soon ", " then ", " now "} {
		after = strings.ReplaceAll(after, " will"+adverb, " will ")
	}
	for _, p := range []string{" scheduled to ", " to be held ", " will be held ", " will take place ", " to take place ", " is due to ", " will be convened "} {
		if i := strings.Index(after, p); i >= 0 && !strings.ContainsAny(after[:i], ".;") {
			return true
		}
	}
	return false
}

// nameEnd is where the event's name that starts at token at ends, or at:
// what follows a long name is read from its end.
func (in Input) nameEnd(at int) int {
	for _, m := range in.Mentions {
		if m.From == at && m.Type == schema.Event {
			return m.To
		}
	}
	return at
}

// ordinalKeys number a round in words.
var ordinalKeys = map[string]bool{"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
	"seventh": true, "eighth": true, "ninth": true, "tenth": true, "next": true, "latest": true}
