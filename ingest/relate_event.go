package ingest

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/diplograph/diplograph/schema"
)

var conflictWords = map[string]bool{"invasion": true, "aggression": true, "war": true, "attack": true, "annexation": true, "liberation": true, "occupation": true, "invaded": true}

// conflicts finds wars and invasions: "the Bordurian invasion of
// Syldavia", "Borduria's brutal war of aggression", "the Freedonian Army
// liberation of Northern Rivia in May 1921", "the Bordurian-led invasion
// of Syldavia by Zenda Pact forces". The aggressor attends, the place
// attacked is where it was held.
func (rl *relater) conflicts() {
	toks := rl.a.Toks
	rc := rl.rc
	byPair := map[[2]*ent]*ent{}
	type found struct {
		k [2]*ent
		e *ent
	}
	var conflictsFound []found
	for _, s := range rl.a.Sents {
		for i := s.From; i < s.To; i++ {
			if !conflictWords[toks[i].Key] || toks[i].Cap || toks[i].Ref {
				continue
			}
			var agg, target, extra *ent
			start, end := i, i+1
			// Back: "Russian", "Russia's brutal", "Soviet-led", "U.S. Army".
			for k := i - 1; k >= max(s.From, i-5); k-- {
				if m := rc.mentionEndingAt(k + 1); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Organization) {
					agg, start = m.E, m.From
					break
				}
				t := toks[k]
				if t.Word && !t.Cap && t.Key != "led" && t.Key != "brutal" && t.Key != "full" && t.Key != "scale" && t.Key != "unprovoked" && t.Key != "and" && t.Key != "s" || t.Text == "," {
					break
				}
			}
			j := i + 1
			if j < s.To && toks[j].Key == "of" && j+1 < s.To && toks[j+1].Key == "aggression" {
				j += 2
				end = j
			}
			if j < s.To && (toks[j].Key == "of" || toks[j].Key == "against" || toks[j].Key == "on" || toks[j].Key == "in") {
				k := j + 1
				if k < s.To && toks[k].Key == "the" {
					k++
				}
				if m := rc.topAt(k); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Location) {
					target, end = m.E, m.To
				}
			}
			if agg == nil && target == nil {
				continue
			}
			if agg == nil {
				k := i - 1
				for k >= s.From && conflictMods[toks[k].Key] {
					k--
				}
				if k >= s.From && (toks[k].Key == "an" || toks[k].Key == "a") {
					continue // "an armed attack on …": a case, not an event
				}
				start = k + 1
			}
			if target != nil && end+1 < s.To && toks[end].Key == "by" {
				if m := rc.topAt(end + 1); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Organization) {
					extra = m.E
					e2 := end + 1 + (m.To - m.From)
					if e2 < s.To && toks[e2].Key == "forces" {
						e2++
					}
					end = e2
				}
			}
			// A year right before names the conflict too: "2022 Russian invasion".
			if start > s.From && isDigits(toks[start-1].Text) && len(toks[start-1].Text) == 4 {
				start--
			}
			name := cleanName(rl.a.span(start, end))
			key := [2]*ent{agg, target}
			e := byPair[key]
			if e == nil {
				for _, c := range conflictsFound {
					if (c.k[0] == nil || agg == nil || c.k[0] == agg) && (c.k[1] == nil || target == nil || c.k[1] == target) && (c.k[0] == agg && agg != nil || c.k[1] == target && target != nil || c.k[0] == nil || c.k[1] == nil) && conflictKinds(c.e.Name, name) {
						e = c.e
						break
					}
				}
			}
			if e == nil && agg != nil && target != nil {
				// One war per aggressor and target: "Russia's aggression
				// against Ukraine" and "the invasion of Ukraine" are one.
				for _, c := range conflictsFound {
					if c.k[1] == target && (c.k[0] == nil || c.k[0] == agg) {
						e = c.e
						break
					}
				}
			}
			if e == nil && agg == nil {
				for _, c := range conflictsFound {
					if c.k[1] == target {
						e = c.e
						break
					}
				}
			}
			if e == nil {
				e = rc.reg.get(schema.Event, name, "CONFLICT")
				e.Kind = "CONFLICT"
				byPair[key] = e
				conflictsFound = append(conflictsFound, found{key, e})
			} else {
				e.addAlias(name)
				rc.reg.reindex(e)
			}
			rc.nestUnder(start, end)
			rc.add(&mention{From: start, To: end, E: e, Source: "conflict"})
			sent := toks[i].Sent
			for _, d := range findDates(rl.a.span(start, min(end+4, s.To)), "") {
				if e.Date == "" {
					e.Date = d.Date
				}
				break
			}
			if agg != nil {
				rl.rel(agg, e, schema.Attended, sent, "conflict", 0.7)
			}
			if extra != nil {
				rl.rel(extra, e, schema.Attended, sent, "conflict", 0.6)
			}
			if target != nil {
				rl.rel(e, target, schema.HeldIn, sent, "conflict", 0.7)
			}
			i = end - 1
		}
	}
}

// conflictMods may stand before a conflict word in its name.
var conflictMods = map[string]bool{"brutal": true, "unprovoked": true, "full": true, "scale": true, "-": true, "separatist": true, "civil": true, "and": true, "armed": true, "military": true, "illegal": true}

// conflictKinds keeps an annexation or a liberation apart from a war.
func conflictKinds(a, b string) bool {
	kind := func(s string) string {
		s = strings.ToLower(s)
		for _, w := range []string{"annexation", "liberation", "occupation"} {
			if strings.Contains(s, w) {
				return w
			}
		}
		return "war"
	}
	return kind(a) == kind(b)
}

func (rc *recognizer) mentionEndingAt(to int) *mention {
	var best *mention
	for _, m := range rc.byTo[to] {
		if best == nil || m.From < best.From {
			best = m
		}
	}
	return best
}

func (rc *recognizer) topAt(from int) *mention {
	var best *mention
	for _, m := range rc.starting(from) {
		if best == nil || m.To > best.To {
			best = m
		}
	}
	return best
}

func (rc *recognizer) nestUnder(from, to int) {
	for _, m := range rc.mentionsIn(from, to) {
		if m.E.Type == schema.Event {
			m.Nested = true
		}
	}
}

// signingEvents names "Signing of the new MOU on Fisheries Cooperation"
// and "Adoption of the Ruritania-Freedonia Joint Declaration on Port
// Security" as signing events that produced the instrument, attended and
// signed by those after "by".
func (rl *relater) signingEvents() {
	toks := rl.a.Toks
	rc := rl.rc
	rl.exchanges()
	rl.betweenParties()
	for _, s := range rl.a.Sents {
		for i := s.From; i+2 < s.To; i++ {
			if !(toks[i].Key == "signing" || toks[i].Key == "adoption") || toks[i].Ref {
				continue
			}
			// "the signing in Abuja on 12th December 2024 of the MoU"
			of := i + 1
			if toks[of].Key == "in" || toks[of].Key == "on" {
				for of < min(i+10, s.To) && toks[of].Key != "of" && toks[of].Text != "," {
					of++
				}
			}
			// "commends the parties for signing the Declaration … on 9 May":
			// the gerund with its object
			gerund := toks[i].Key == "signing" && toks[i+1].Key == "the" && i > s.From && (toks[i-1].Key == "for" || toks[i-1].Key == "after" || toks[i-1].Key == "by")
			if gerund {
				of = i
			}
			if of >= s.To || toks[of].Key != "of" && !gerund {
				continue
			}
			k := of + 1
			for k < s.To && (toks[k].Key == "the" || toks[k].Key == "new") {
				k++
			}
			ag := rc.topAt(k)
			if ag == nil || ag.E.Type != schema.Agreement {
				continue
			}
			name := cleanName(rl.a.span(i, i+1) + " " + rl.a.span(of, ag.To))
			if gerund {
				name = cleanName("signing of " + rl.a.span(i+1, ag.To))
			}
			e := rc.reg.get(schema.Event, name, "SIGNING")
			rc.add(&mention{From: i, To: ag.To, E: e, Source: "signing"})
			sent := toks[i].Sent
			rl.rel(e, ag.E, schema.Produced, sent, "signing", 0.8)
			// "the Ruritania-Freedonia Joint Declaration": the states it names signed it.
			for _, m := range rc.mentionsIn(ag.From, ag.To) {
				if m.E.Type == schema.Country {
					rl.rel(m.E, ag.E, schema.Signed, sent, "signing", 0.6)
				}
			}
			txt := rl.a.Text[toks[min(ag.To, s.To-1)].Start:s.End]
			for _, d := range findDates(txt, "") {
				e.Date = d.Date
				break
			}
			by := ag.To < s.To && (toks[ag.To].Key == "by" || toks[ag.To].Key == "between")
			if by {
				for _, m := range rc.mentionsIn(ag.To, s.To) {
					p := toks[m.From-1].Key
					if p == "the" {
						p = toks[m.From-2].Key
					}
					if p == "of" && m.E.Type != schema.Person || rl.postBody(m) {
						continue
					}
					if !m.Nested && (m.E.Type == schema.Person || m.E.Type == schema.Country || m.E.Type == schema.Organization) {
						rl.rel(m.E, e, schema.Attended, sent, "signing", 0.7)
						rl.rel(m.E, ag.E, schema.Signed, sent, "signing", 0.7)
					}
				}
			}
		}
	}
}

// eventDates gives each undated event the first date its sentence states
// after it, or the year its name starts with.
func (rl *relater) eventDates() {
	for _, m := range rl.rc.ms {
		e := m.E
		if e.Type != schema.Event || e.Date != "" {
			continue
		}
		toks := rl.a.Toks
		s := rl.a.Sents[toks[m.From].Sent]
		txt := rl.a.Text[toks[m.From].Start:rl.clauseEnd(m, s)]
		if isDigits(toks[m.From].Text) && len(toks[m.From].Text) == 4 {
			// "the 2022 Rivia Summit, held from 13th to 15th June 2022":
			// the year its name gives, or a day of it the clause gives
			e.Date = toks[m.From].Text
			for _, d := range findDates(txt, rl.doc.Date) {
				if len(d.Date) > len(e.Date) && strings.HasPrefix(d.Date, e.Date) {
					e.Date, e.EndDate = d.Date, d.End_
					break
				}
			}
			continue
		}
		for _, d := range findDates(txt, rl.doc.Date) {
			// "aligning Saudi Vision 2030 with …": a year in a name
			if rl.inName(toks[m.From].Start+d.Start, m) || sinceDate(txt, d) {
				continue
			}
			e.Date, e.EndDate = d.Date, d.End_
			break
		}
		if e.Date == "" && m.From > s.From {
			// "the conflict that began in 2014 with the annexation of
			// Crimea and the separatist war in Eastern Ukraine": a date
			// shortly before, in the same clause.
			from := max(s.From, m.From-12)
			span := rl.a.Text[toks[from].Start:toks[m.From].Start]
			if ds := findDates(span, ""); len(ds) > 0 {
				last := ds[0]
				for _, d := range ds {
					if d.Start > last.Start {
						last = d
					}
				}
				between := " " + strings.ToLower(span[last.End:]) + " "
				if !strings.ContainsAny(between, ";.") && !strings.Contains(between, " which ") && !strings.Contains(between, " while ") && !strings.Contains(between, ",") {
					e.Date, e.EndDate = last.Date, last.End_
				}
			}
		}
		if e.Date == "" {
			// "On 12 June 2023, the … Dialogue was held"
			for _, d := range rl.datesIn(s.Start, toks[m.From].Start) {
				if len(d.Date) == 10 && d.Start <= 8 {
					e.Date, e.EndDate = d.Date, d.End_
					break
				}
			}
		}
		// "Today, the two governments held the fourth … Dialogue"
		if e.Date == "" && m.From > s.From && rl.doc.Date != "" && len(rl.doc.Date) == 10 && slices.ContainsFunc(toks[s.From:m.From], func(t token) bool { return t.Key == "today" }) {
			e.Date = rl.doc.Date
		}
		if e.Date == "" && m.From > 0 && strings.Contains(strings.ToLower(rl.a.span(max(m.From-3, 0), m.From)), "this year") && len(rl.doc.Date) >= 4 {
			e.Date = rl.doc.Date[:4]
		}
	}
}

// sameDayDates dates a happening by the day of one reported before it:
// "In the afternoon, the Minister visited …" (the document's gathering),
// "On the same day she also met …", "The next day, the ministers
// signed …" (the last happening before it with a day of its own).
func (rl *relater) sameDayDates() {
	toks := rl.a.Toks
	refs := map[int]dayRef{} // each sentence's first dayRefs phrase, read once
	for _, m := range rl.rc.ms {
		e := rl.rc.reg.resolve(m.E)
		if e == nil || e.Type != schema.Event || e.Date != "" || m.Dropped {
			continue
		}
		sent := toks[m.From].Sent
		s := rl.a.Sents[sent]
		ref := ""
		if rl.main != nil && e != rl.main && len(rl.main.Date) == 10 && rl.main.EndDate == "" {
			open := " " + strings.ToLower(rl.a.span(s.From, min(s.From+5, m.From))) + " "
			if slices.ContainsFunc(sameDayOpeners, func(p string) bool { return strings.HasPrefix(open, p) }) {
				ref = rl.main.Date
			}
		}
		r, ok := refs[sent]
		if !ok {
			r = rl.dayReference(s)
			refs[sent] = r
		}
		if ref == "" && r.end >= 0 && r.end <= m.From {
			ref = rl.dayBefore(m.From, e)
			if ref == "" && rl.main != nil && e != rl.main && len(rl.main.Date) == 10 && rl.main.EndDate == "" {
				ref = rl.main.Date
			}
		}
		if ref != "" {
			e.Date = addDays(ref, r.shift)
		}
	}
}

// sameDayOpeners open a sentence about the day of the gathering before.
var sameDayOpeners = []string{" in the afternoon", " in the morning", " in the evening", " earlier in the day", " on the margins of", " on the sidelines of", " on the margin of"}

// dayRefs name a day by the day of the happening reported before, and
// how many days after it.
var dayRefs = []struct {
	words []string
	shift int
}{
	{[]string{"the", "same", "day"}, 0}, {[]string{"that", "same", "day"}, 0}, {[]string{"later", "that", "day"}, 0}, {[]string{"earlier", "that", "day"}, 0}, {[]string{"that", "day"}, 0},
	{[]string{"the", "next", "day"}, 1}, {[]string{"the", "following", "day"}, 1}, {[]string{"a", "day", "later"}, 1}, {[]string{"the", "day", "after"}, 1},
	{[]string{"the", "previous", "day"}, -1}, {[]string{"the", "day", "before"}, -1},
}

// dayRef is where a dayRefs phrase ends in a sentence (-1: none) and its
// shift in days.
type dayRef struct{ end, shift int }

// dayReference finds the first dayRefs phrase of sentence s.
func (rl *relater) dayReference(s sentence) dayRef {
	toks := rl.a.Toks
	for k := s.From; k < s.To; k++ {
		for _, r := range dayRefs {
			if k+len(r.words) <= s.To && slices.EqualFunc(toks[k:k+len(r.words)], r.words, func(t token, w string) bool { return t.Key == w }) {
				return dayRef{end: k + len(r.words), shift: r.shift}
			}
		}
	}
	return dayRef{end: -1}
}

// dayBefore is the day of the last happening named before token at, other
// than e, that has a day and no end; "" if none.
func (rl *relater) dayBefore(at int, e *ent) string {
	day, from := "", -1
	for _, n := range rl.rc.ms {
		o := rl.rc.reg.resolve(n.E)
		if n.Dropped || o == nil || o == e || o.Type != schema.Event || n.From >= at || n.From <= from || len(o.Date) != 10 || o.EndDate != "" {
			continue
		}
		day, from = o.Date, n.From
	}
	return day
}

// addDays moves an ISO day by n days.
func addDays(day string, n int) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil || n == 0 {
		return day
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// inName reports a text offset inside the name of an instrument or body,
// or of another event than the one at m (if any).
func (rl *relater) inName(off int, m *mention) bool {
	toks := rl.a.Toks
	for _, n := range rl.rc.ms {
		if n == m || n.Dropped || n.E.Type != schema.Agreement && n.E.Type != schema.Organization && n.E.Type != schema.Event {
			continue
		}
		if m != nil && n.From <= m.From && n.To >= m.To {
			continue // the name the event itself is in
		}
		if toks[n.From].Start <= off && off < toks[n.To-1].End {
			return true
		}
	}
	return false
}

// topicWords maps phrases to the controlled topic list.
var topicWords = map[string]string{
	"cybersecurity": "cybersecurity", "cyber security": "cybersecurity", "cybercrime": "cybercrime",
	"cyber crime": "cybercrime", "cyber defense": "cyber defense", "cyber defence": "cyber defense",
	"5g security": "5G security", "5g network security": "5G security", "5g network": "5G security", "artificial intelligence": "artificial intelligence",
	" ai ": "artificial intelligence", "quantum technolog": "quantum technology", "post-quantum cryptography": "post-quantum cryptography",
	"disinformation": "disinformation", "hybrid threat": "hybrid threats", "hybrid interference": "hybrid threats",
	"ransomware": "ransomware", "energy security": "energy security", "nuclear energy": "nuclear energy",
	"climate": "climate", "sanctions": "sanctions", "export controls": "export controls",
	"trade and investment": "trade and investment", "supply chain": "supply chain security",
	"defense cooperation": "defense cooperation", "defence cooperation": "defense cooperation",
	"missile defense": "missile defense", "missile defence": "missile defense", "military modernization": "military modernization",
	"collective security": "collective defense", "collective defense": "collective defense", "collective defence": "collective defense",
	"ukraine": "Ukraine", "indo-pacific": "Indo-Pacific", "human rights": "human rights", "democracy": "democracy",
	"media freedom": "media freedom", "economic security": "economic security", "critical infrastructure": "critical infrastructure",
	"clean energy": "energy security", "energy cooperation": "energy security", "civil nuclear": "nuclear energy", "nuclear power": "nuclear energy",
	"article 5": "collective defense", "democratic institutions": "democracy", "democratic governance": "democracy", "democratic values": "democracy",
	"undersea infrastructure": "critical infrastructure", "critical energy infrastructure": "critical infrastructure", "infrastructure protection": "critical infrastructure",
	"modernization of the armed forces": "military modernization", "defense modernization": "military modernization", "defence modernisation": "military modernization",
}

// topics links events to the topics their sentences discuss.
func (rl *relater) topics() {
	// An instrument's name says what was signed: "the Memorandum of
	// Understanding on Cyber Defence" puts cyber defense on its signing's
	// agenda.
	for _, f := range slices.Clone(rl.facts) {
		if f.T != schema.Produced || f.S.Kind != "SIGNING" && f.S.Kind != "NEGOTIATION" {
			continue
		}
		name := " " + strings.ToLower(f.O.Name) + " "
		for _, w := range sortedKeys(topicWords) {
			if strings.Contains(name, w) {
				rl.rel(f.S, rl.rc.reg.get(schema.Topic, topicWords[w], ""), schema.Discussed, f.Sent, "topic-instrument", 0.5)
			}
		}
	}
	for i := range rl.a.Sents {
		txt := " " + strings.ToLower(rl.a.sentText(i)) + " "
		var ev *ent
		for _, m := range rl.sentMentions(i, false) {
			// "… and confirmed that the next session will be held in
			// Tokyo": the next session has no agenda yet.
			if m.E.Type == schema.Event && m.E.Kind != "CONFLICT" && m.Source != "next-session" {
				ev = m.E
				// "The delegations discussed …, including the start of
				// negotiations on …": an event named after the verb of
				// discussion is one of the topics of the main event.
				if rl.main != nil && ev != rl.main {
					if k := rl.discussVerb(i); k >= 0 && k < m.From {
						ev = rl.main
					}
				}
				break
			}
		}
		if ev == nil && containsAny(txt, instrumentTopicCues) {
			ev = rl.signingOf(i)
		}
		if ev == nil && rl.main != nil && (containsAny(txt, mainTopicCues) || rl.doc.Kind == "JOINT_STATEMENT" && strings.HasPrefix(txt, " we ")) {
			ev = rl.main
			// "… during President Widodo's working visit, during which the
			// two leaders held talks. The two sides discussed …": the
			// gathering the sentence before spoke of.
			// "The two Prime Ministers held talks … The two sides
			// discussed …", "During the talks, the Presidents reviewed …":
			// the talks of a visit, not the whole visit.
			if i > 0 && rl.main.Kind == "VISIT" {
				for _, m := range rl.sentMentions(i-1, false) {
					if m.Source == "plural-meeting" {
						ev = m.E
					}
				}
			}
			// "President A met with the Chairperson. The two leaders
			// exchanged views on …": the meeting just reported.
			if i > 0 && (strings.HasPrefix(txt, " the two ") || strings.HasPrefix(txt, " both ")) {
				for _, m := range rl.sentMentions(i-1, false) {
					if m.Source == "meeting" && m.E.Type == schema.Event && rl.rc.reg.resolve(m.E) != rl.main {
						ev = m.E
					}
				}
			}
			if i > 0 && rl.main.Kind == "SIGNING" {
				for _, m := range rl.sentMentions(i-1, false) {
					if m.E.Type == schema.Event && m.E != rl.main && rl.gathering(m.E) && m.E.Kind != "SIGNING" {
						ev = m.E
					}
				}
			}
		}
		if ev == nil {
			continue
		}
		// "The ministers of Ruritania and Borduria discussed:" and the items
		// of the list after it.
		sents := []int{i}
		if toks := rl.a.Toks; toks[rl.a.Sents[i].To-1].Text == ":" && rl.discussVerb(i) >= 0 {
			for j := i + 1; j < len(rl.a.Sents); j++ {
				it := rl.a.Sents[j]
				sents = append(sents, j)
				if end := toks[it.To-1].Text; end != ";" && end != "," || it.To-it.From > 60 {
					break
				}
			}
		}
		for _, j := range sents {
			txt := " " + strings.ToLower(rl.a.sentText(j)) + " "
			for _, w := range sortedKeys(topicWords) {
				if topic := topicWords[w]; strings.Contains(txt, w) && (topic != strings.ToLower(topic) || !rl.onlyInNames(j, w)) {
					t := rl.rc.reg.get(schema.Topic, topic, "")
					rl.rel(ev, t, schema.Discussed, j, "topic", 0.5)
				}
			}
		}
	}
}

// onlyInNames reports the topic phrase w said in sentence i only in
// capitals after a capitalized word, inside a name or a post ("Minister
// for Economic Affairs and Climate Action").
func (rl *relater) onlyInNames(i int, w string) bool {
	orig := " " + rl.a.sentText(i) + " "
	low := strings.ToLower(orig)
	w = strings.TrimSpace(w)
	for at := 0; ; {
		k := strings.Index(low[at:], w)
		if k < 0 {
			return true
		}
		k += at
		at = k + len(w)
		if !unicode.IsUpper(rune(orig[k])) {
			return false // running text
		}
		// an instrument's or gathering's name says its subject
		// ("Enhanced Fisheries Cooperation Agreement")
		off := rl.a.Sents[i].Start + k - 1
		for _, m := range rl.sentMentions(i, true) {
			if (m.E.Type == schema.Agreement || m.E.Type == schema.Event) && rl.a.Toks[m.From].Start <= off && off < rl.a.Toks[m.To-1].End {
				return false
			}
		}
		prev := strings.Fields(orig[:k])
		if len(prev) == 0 {
			return false // the sentence's first word
		}
		p := prev[len(prev)-1]
		if (p == "and" || p == "for" || p == "of") && len(prev) > 1 {
			p = prev[len(prev)-2]
		}
		if r := []rune(p); !unicode.IsUpper(r[0]) {
			return false
		}
	}
}

// clauseEnd is the byte offset where the clause holding mention m ends:
// at a semicolon, a relative clause ("…, which entered into force on
// January 1, 2015"), a contrast, or the next event named. A date beyond
// belongs to something else.
func (rl *relater) clauseEnd(m *mention, s sentence) int {
	toks := rl.a.Toks
	for k := m.To; k < s.To; k++ {
		switch toks[k].Key {
		case ";", "while", "whereas":
			return toks[k].Start
		case "which", "who", "whose":
			// "the G7 Summit in Hiroshima, Japan, which both leaders will
			// attend on May 19-21": the clause is about the event itself
			// when only its places stand between.
			if !rl.onlyPlaces(m.To, k) && !rl.happens(k+1, s.To) {
				return toks[k].Start
			}
		}
		if n := rl.rc.topAt(k); n != nil && n != m && n.E.Type == schema.Event && n.E != m.E {
			return toks[k].Start
		}
	}
	return s.End
}

// onlyPlaces reports tokens a..b holding nothing but places, commas and
// "in", "at", "the".
func (rl *relater) onlyPlaces(a, b int) bool {
	toks := rl.a.Toks
	for k := a; k < b; k++ {
		if n := rl.rc.topAt(k); n != nil && (n.E.Type == schema.Location || n.E.Type == schema.Country) {
			k = n.To - 1
			continue
		}
		switch toks[k].Key {
		case ",", "in", "at", "the":
		default:
			return false
		}
	}
	return true
}

// happens reports a relative clause that says when an event happens:
// "which will take place from June 3 to 9", "which was held on …".
func (rl *relater) happens(k, end int) bool {
	for j := k; j < min(k+4, end); j++ {
		switch rl.a.Toks[j].Key {
		case "place", "held", "convened", "opened":
			return true
		}
	}
	return false
}

// discussVerb returns the token where sentence i says its subjects
// talked about something ("discussed", "agreed to", "focused on",
// "exchanged views"), or -1.
func (rl *relater) discussVerb(i int) int {
	toks, s := rl.a.Toks, rl.a.Sents[i]
	for k := s.From; k < s.To; k++ {
		next := ""
		if k+1 < s.To {
			next = toks[k+1].Key
		}
		switch {
		case strings.HasPrefix(toks[k].Key, "discuss"),
			toks[k].Key == "agreed" && next == "to",
			toks[k].Key == "focused" && next == "on",
			toks[k].Key == "exchanged" && next == "views":
			return k
		}
	}
	return -1
}

// instrumentTopicCues mark a sentence that says what an instrument is
// about: "the Memorandum also covers cooperation on …".
var instrumentTopicCues = []string{" covers ", " cover ", "provides for", "focuses on", "addresses", "deals with"}

// signingOf returns the event that signed or negotiated the instrument
// sentence i names: by name, or by its head after "the" ("the
// Memorandum") when one such event produced an instrument of that kind.
func (rl *relater) signingOf(i int) *ent {
	producer := func(match func(a *ent) bool) *ent {
		var found *ent
		for _, f := range rl.facts {
			ev := rl.rc.reg.resolve(f.S)
			if f.T != schema.Produced || ev.Kind != "SIGNING" && ev.Kind != "NEGOTIATION" || !match(rl.rc.reg.resolve(f.O)) {
				continue
			}
			if found != nil && found != ev {
				return nil // which one is meant is unclear
			}
			found = ev
		}
		return found
	}
	for _, m := range rl.sentMentions(i, false) {
		if m.E.Type == schema.Agreement {
			a := rl.rc.reg.resolve(m.E)
			return producer(func(o *ent) bool { return o == a })
		}
	}
	toks, s := rl.a.Toks, rl.a.Sents[i]
	for k := s.From; k+1 < s.To; k++ {
		if toks[k].Key != "the" || !toks[k+1].Cap {
			continue
		}
		if kind := agreementHeads[toks[k+1].Key]; kind != "" {
			return producer(func(o *ent) bool { return o.Kind == kind })
		}
	}
	return nil
}

// mainTopicCues mark a sentence that reports what the parties of the
// document's event said or did together, or what they talked about. A
// sentence of a joint statement that opens with "We" is the parties
// speaking too.
var mainTopicCues = []string{"discuss", "topic", "meeting", "declaration", "exchanged views", "both sides", "the two sides", "the two leaders", "the leaders", "both leaders", "the delegations", "both delegations", "the secretary will", "underscore", "reaffirmed", "reconfirmed", "reiterated", "agreed to", "focused on", "focus on", "talks covered", "during the talks", " reviewed ", "heads of delegation", "deepen cooperation", "deepening cooperation", "affirmed", "will address"}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// instrumentNouns are the lower-case words for what a ceremony exchanges.
var instrumentNouns = map[string]bool{
	"agreements": true, "agreement": true, "memoranda": true, "memorandums": true, "memorandum": true, "mous": true,
	"documents": true, "instruments": true, "notes": true, "letters": true, "treaties": true, "accords": true,
}

// exchanges reads a ceremony at which instruments change hands: "witnessed
// the exchange of a number of agreements and memoranda of understanding
// between the United Arab Emirates and Indonesia at Qasr Al Watan". It is
// one dated event: the states named attended, those who witnessed it did,
// and the instruments signed in the document are its products.
func (rl *relater) exchanges() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, s := range rl.a.Sents {
		for i := s.From; i+4 < s.To; i++ {
			if toks[i].Key != "exchange" || toks[i].Cap || toks[i+1].Key != "of" || toks[i].Ref {
				continue
			}
			k := i + 2
			start := k
			// "a number of", "the": not part of the name
			for k < s.To && (toks[k].Key == "a" || toks[k].Key == "the" || toks[k].Key == "number" || toks[k].Key == "of" && toks[k-1].Key == "number") {
				k++
				start = k
			}
			noun := false
			for k < s.To && toks[k].Word && !toks[k].Cap && toks[k].Key != "between" && toks[k].Key != "at" && toks[k].Key != "in" {
				noun = noun || instrumentNouns[toks[k].Key]
				k++
			}
			if !noun || k+3 >= s.To || toks[k].Key != "between" {
				continue
			}
			end := k + 1
			var parties []*mention
			for end < s.To && len(parties) < 2 {
				if toks[end].Key == "the" || toks[end].Key == "and" {
					end++
					continue
				}
				m := rc.topAt(end)
				if m == nil || m.E.Type != schema.Country && m.E.Type != schema.Organization {
					break
				}
				parties = append(parties, m)
				end = m.To
			}
			if len(parties) < 2 {
				continue
			}
			name := "exchange of " + rl.a.span(start, end)
			e := rc.reg.get(schema.Event, cleanName(name), "SIGNING")
			e.Kind = "SIGNING"
			rc.nest(i, end)
			rc.add(&mention{From: i, To: end, E: e, Source: "exchange"})
			sent := toks[i].Sent
			for _, m := range parties {
				rl.rel(m.E, e, schema.Attended, sent, "exchange", 0.7)
			}
			// "A and B today witnessed the exchange"
			for _, m := range rl.subjectsBefore(s, i) {
				if m.E.Type == schema.Person || m.E.Type == schema.Country {
					rl.rel(m.E, e, schema.Attended, sent, "exchange", 0.7)
				}
			}
			// "… at Qasr Al Watan in Abu Dhabi"
			at := end
			for at+1 < s.To && (toks[at].Key == "at" || toks[at].Key == "in") {
				at++
				if toks[at].Key == "the" {
					at++
				}
				m := rc.topAt(at)
				if m == nil || m.E.Type != schema.Location && m.E.Type != schema.Country {
					break
				}
				rl.rel(e, m.E, schema.HeldIn, sent, "exchange", 0.7)
				at = m.To
			}
			if e.Date == "" {
				if ds := rl.datesIn(toks[end-1].End, s.End); len(ds) > 0 {
					e.Date, e.EndDate = ds[0].Date, ds[0].End_
				} else if rl.doc.Date != "" && rl.has(sent, "today") {
					e.Date = rl.doc.Date
				}
			}
			if rl.ceremony == nil {
				rl.ceremony = e
			}
		}
	}
}

// betweenParties reads the parties an instrument names: "Memorandum of
// Understanding … between the Central Board of Indirect Taxes and Customs
// (CBIC) of India and the General Department of Vietnam Customs", "the
// Comprehensive Economic Partnership Agreement (CEPA) between the UAE and
// Indonesia". Both signed it.
func (rl *relater) betweenParties() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, m := range slices.Clone(rc.ms) {
		if m.E.Type != schema.Agreement || m.Nested || m.Dropped || toks[m.From].Ref {
			continue
		}
		// "(iii) Memorandum of Understanding between …": a bare head
		// names an instrument of its own, not the one it resolved to.
		switch strings.ToLower(cleanName(rl.a.span(m.From, m.To))) {
		case "memorandum of understanding", "mou", "memorandum", "agreement", "the agreement":
			continue
		}
		s := rl.a.Sents[toks[m.From].Sent]
		k := rl.skipAside(m.To, s.To)
		// "Agreement between Japan and the Republic of the Philippines
		// Concerning …": the parties inside the name.
		for j := m.From + 1; j+3 < m.To; j++ {
			if toks[j].Key == "between" {
				k = j
				break
			}
		}
		if k+3 >= s.To || toks[k].Key != "between" {
			continue
		}
		a := rl.partyAt(k+1, s.To)
		if a == nil {
			continue
		}
		j := rl.skipAside(a.To, s.To)
		// "(CBIC) of India": the party's state, said after it
		if j+1 < s.To && toks[j].Key == "of" {
			if c := rc.topAt(j + 1); c != nil && c.E.Type == schema.Country {
				j = c.To
			}
		}
		if j+1 >= s.To || toks[j].Key != "and" {
			continue
		}
		b := rl.partyAt(j+1, s.To)
		if b == nil || b.E == a.E {
			continue
		}
		for _, p := range []*mention{a, b} {
			rl.rel(p.E, m.E, schema.Signed, toks[m.From].Sent, "between", 0.6)
		}
	}
}

// skipAside steps over a parenthesis ("(CEPA)") at token k.
func (rl *relater) skipAside(k, limit int) int {
	toks := rl.a.Toks
	if k < limit && toks[k].Text == "(" {
		for j := k + 1; j < limit && j-k < 8; j++ {
			if toks[j].Text == ")" {
				return j + 1
			}
		}
	}
	return k
}

// partyAt is a state or body named at token k, after an article.
func (rl *relater) partyAt(k, limit int) *mention {
	if k < limit && rl.a.Toks[k].Key == "the" {
		k++
	}
	m := rl.rc.topAt(k)
	if m == nil || m.E.Type != schema.Country && m.E.Type != schema.Organization {
		return nil
	}
	// "the Vietnam Academy of …" unrecognized: not the state
	if m.To < limit && rl.a.Toks[m.To].Cap && rl.a.Toks[m.To].Word && !subjectWords[rl.a.Toks[m.To].Key] {
		return nil
	}
	return m
}

// leadEvent is the gathering the lead sentence says was held: "The
// Sixty-Sixth Ordinary Session of … was held on 15th December 2024 at …".
// A report is about that one, not about a signing it mentions later.
func (rl *relater) leadEvent() *ent {
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		if s.To-s.From < 8 || toks[s.To-1].Text != "." {
			continue
		}
		if !rl.has(i, " was held", " were held", " took place", " was convened", " convened") {
			return nil
		}
		for _, m := range rl.sentMentions(i, false) {
			if _, ok := mainKinds[m.E.Kind]; ok && m.E.Type == schema.Event && m.E.Kind != "SIGNING" && !strings.HasPrefix(strings.ToLower(m.E.Name), "next ") {
				return m.E
			}
		}
		return nil
	}
	return nil
}
