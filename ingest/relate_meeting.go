package ingest

import (
	"cmp"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// meetingNouns are gatherings named in lower case after a verb of holding
// ("held a summit with …", "will hold a roundtable with …") and their kind.
var meetingNouns = map[string]string{
	"summit": "SUMMIT", "meeting": "MEETING", "talks": "MEETING", "roundtable": "MEETING",
	"consultations": "MEETING", "videoconference": "MEETING", "teleconference": "MEETING",
}

// holdVerbs introduce a gathering the subject took part in.
var holdVerbs = map[string]bool{"held": true, "hold": true, "holds": true, "holding": true, "had": true, "have": true, "has": true, "convened": true}

// meetings finds gatherings named in lower case with their parties:
// "President A held a summit with Prime Minister B … on May 17, 2023",
// "the Secretary will hold a roundtable with members of the Seimas",
// "Ambassador A paid a courtesy call on Mr. B", "A called on B". Those
// before the verb and those after "with" or "on" attend; the people meet.
func (rl *relater) meetings() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, s := range rl.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for i := s.From + 1; i+1 < s.To; i++ {
			t := toks[i]
			if t.Ref || t.Cap {
				continue
			}
			var kind string
			from, obj := i, i+1 // the event's name starts at from; its parties at obj
			switch {
			case meetingNouns[t.Key] != "" && toks[i+1].Key == "with" && rl.heldBefore(s, i):
				kind = meetingNouns[t.Key]
				if i-1 > s.From && (toks[i-1].Key == "bilateral" || toks[i-1].Key == "trilateral" || toks[i-1].Key == "official") {
					from = i - 1
				}
				obj = i + 2
			case meetingNouns[t.Key] != "" && toks[i+1].Key != "with" && rl.bilateralPhrase(s, i) > 0:
				// "A and B held a bilateral defense ministerial meeting and
				// confirmed …": the two met at it.
				a := rl.bilateralPhrase(s, i)
				subjects := rl.subjectsBefore(s, a)
				if len(subjects) < 2 {
					continue
				}
				e := rl.rc.reg.get(schema.Event, cleanName(rl.a.span(a, i+1)), meetingNouns[t.Key])
				rc.add(&mention{From: a, To: i + 1, E: e, Source: "meeting"})
				for _, m := range subjects {
					rl.rel(m.E, e, schema.Attended, t.Sent, "meeting", 0.6)
				}
				for k := 1; k < len(subjects); k++ {
					if subjects[0].E.Type == schema.Person && subjects[k].E.Type == schema.Person {
						rl.rel(subjects[0].E, subjects[k].E, schema.MetWith, t.Sent, "meeting", 0.6)
					}
				}
				// "On the same day, the ministers also met in Rivia": the day
				// of the document's gathering.
				if e.Date == "" && rl.main != nil && rl.main.EndDate == "" && len(rl.main.Date) == 10 && rl.has(t.Sent, "on the same day", "the same day") {
					e.Date = rl.main.Date
				}
				continue
			case t.Key == "call" && toks[i+1].Key == "on" && (toks[i-1].Key == "courtesy" || rl.paidBefore(s, i)):
				kind = "MEETING"
				if toks[i-1].Key == "courtesy" {
					from = i - 1
				}
				obj = i + 2
			case t.Key == "met" && toks[i+1].Key != "with" && i-1 > s.From && groupHeads[toks[i-1].Key]:
				// "Zenda Pact defence ministers met in Rivia": a meeting of the
				// group, named by it.
				a := i - 1
				for a > s.From && toks[a-1].Word && !leadStop[toks[a-1].Key] && !relativeWords[toks[a-1].Key] && i-a < 5 {
					a--
				}
				name := cleanName(rl.a.span(a, i))
				// "the Quad, whose foreign ministers met": the body before.
				if a > s.From+1 && toks[a-1].Key == "whose" && toks[a-2].Text == "," {
					if o := rc.mentionEndingAt(a - 2); o != nil && (o.E.Type == schema.Organization || o.E.Type == schema.Country) {
						name = cleanName(rl.a.span(o.From, o.To) + " " + name)
						rl.groupMeeting(o, name, i, s)
					}
					continue
				}
				if a == i-1 || len(rc.mentionsIn(a, i)) == 0 {
					continue
				}
				e := rl.rc.reg.get(schema.Event, name+" meeting", "MEETING")
				e.Kind = "MEETING"
				rc.add(&mention{From: a, To: i, E: e, Source: "meeting"})
				for _, m := range rc.mentionsIn(a, i) {
					if m.E.Type == schema.Organization || m.E.Type == schema.Country {
						rl.rel(m.E, e, schema.Attended, t.Sent, "meeting", 0.6)
					}
				}
				if e.Date == "" {
					if ds := rl.datesIn(t.End, rl.clauseEnd(&mention{From: a, To: i + 1, E: e}, s)); len(ds) > 0 {
						e.Date, e.EndDate = ds[0].Date, ds[0].End_
					}
				}
				continue
			case t.Key == "met" && (toks[i+1].Key == "with" || i+2 < s.To && (toks[i+1].Key == "today" || toks[i+1].Key == "yesterday") && toks[i+2].Key == "with") && len(rl.subjectsBefore(s, i)) > 0:
				// "A met today with B in Washington": their meeting.
				kind = "MEETING"
				from = i
				obj = i + 2
				if toks[i+1].Key != "with" {
					obj = i + 3
				}
			case t.Key == "met" && rl.withAfterSetting(s, i) > 0 && len(rl.subjectsBefore(s, i)) > 0:
				// "A met in Vilnius on 2 April 2025 with B": the place and
				// day come first.
				kind = "MEETING"
				from = i
				obj = rl.withAfterSetting(s, i) + 1
			case t.Key == "called" && toks[i+1].Key == "on":
				// "A called on B": the name is the noun's.
				kind = "MEETING"
				obj = i + 2
			case t.Key == "met" && toks[i+1].Key != "with" && rl.withAfterSetting(s, i) == 0 && len(rl.subjectsBefore(s, i)) > 0 && rl.personAfter(s, i) > 0:
				// "A met Saudi Minister of Foreign Affairs B in Riyadh
				// today": their meeting.
				kind = "MEETING"
				obj = rl.personAfter(s, i)
			case t.Key == "received" && !rl.has(t.Sent, "margins of", "sidelines of", "margin of") && len(rl.subjectsBefore(s, i)) > 0 && rl.personAfter(s, i) > 0:
				// "A received today B, Minister …, at Qasr Al Watan": their
				// meeting.
				kind = "MEETING"
				obj = rl.personAfter(s, i)
			default:
				continue
			}
			if obj >= s.To {
				continue
			}
			// The parties after "with"/"on": a list, up to a clause break
			// or a purpose ("to discuss").
			end := obj
			var parties []*mention
			for k := obj; k < s.To; k++ {
				if key := toks[k].Key; key == ";" || key == "to" || key == "which" || key == "who" || key == "at" || key == "in" || key == "on" && k > obj {
					break
				}
				// "called on A and met B": a second verb, a second meeting
				if k > obj && rl.predicateEnd(k-1, s.To) == k {
					break
				}
				if m := rc.topAt(k); m != nil && (m.E.Type == schema.Person || m.E.Type == schema.Organization) {
					parties = append(parties, m)
					if end == obj {
						end = m.To
					}
					k = m.To - 1
				}
			}
			if t.Key == "received" {
				// the guest received, not the bodies of the guest's post
				parties = slices.DeleteFunc(parties, func(m *mention) bool { return m.E.Type != schema.Person })
			}
			if end == obj {
				// "a roundtable with members of parliament": up to a comma.
				for end < s.To && end-obj < 6 && toks[end].Word && toks[end].Key != "and" && toks[end].Key != "to" {
					end++
				}
			}
			if end == obj {
				continue
			}
			// "A of Canada": the state a person is of stays in the name only
			// when it is the end of the first party.
			for end < s.To && end+1 < s.To && toks[end].Key == "of" {
				if m := rc.topAt(end + 1); m != nil && m.E.Type == schema.Country {
					end = m.To
					continue
				}
				break
			}
			e := rl.meetingEvent(kind, from, end, s)
			if e == nil {
				continue
			}
			sent := t.Sent
			rc.add(&mention{From: from, To: end, E: e, Source: "meeting"})
			subjects := rl.subjectsBefore(s, from)
			for _, m := range append(subjects, parties...) {
				rl.rel(m.E, e, schema.Attended, sent, "meeting", 0.6)
			}
			for _, a := range subjects {
				for _, b := range parties {
					if a.E.Type == schema.Person && b.E.Type == schema.Person && a.E != b.E {
						rl.rel(a.E, b.E, schema.MetWith, sent, "meeting", 0.6)
					}
				}
			}
			if e.Date == "" {
				if ds := rl.datesIn(toks[end-1].End, rl.clauseEnd(&mention{From: from, To: end, E: e}, s)); len(ds) > 0 {
					e.Date, e.EndDate = ds[0].Date, ds[0].End_
				} else if (toks[from+1].Key == "today" || strings.Contains(strings.ToLower(rl.a.Text[toks[end-1].End:rl.clauseEnd(&mention{From: from, To: end, E: e}, s)]), " today")) && rl.doc.Date != "" {
					e.Date = rl.doc.Date // "met B in Riyadh today"
				}
			}
			// "paid a courtesy call on President A at State House,
			// Nairobi": where, right after the parties; "received B,
			// Minister of …, at Qasr Al Watan": after the guest's post.
			k := end
			if t.Key == "received" || t.Key == "met" {
				for k < s.To && k-end < 16 && toks[k].Key != "at" && toks[k].Key != ";" {
					k++
				}
			}
			if k+1 < s.To && (toks[k].Key == "at" || toks[k].Key == "in") {
				q := k + 1
				if toks[q].Key == "the" {
					q++
				}
				for p := rc.topAt(q); p != nil && p.E.Type == schema.Location; {
					rl.rel(e, p.E, schema.HeldIn, sent, "meeting", 0.6)
					if p.To+1 < s.To && (toks[p.To].Text == "," || toks[p.To].Key == "in") {
						if n := rc.topAt(p.To + 1); n != nil && (n.E.Type == schema.Location || n.E.Type == schema.Country) {
							rl.rel(e, n.E, schema.HeldIn, sent, "meeting", 0.6)
							rl.rel(p.E, n.E, schema.LocatedIn, sent, "meeting", 0.5)
						}
					}
					break
				}
			}
			// "met in Vilnius on 2 April 2025 with": the setting before
			// "with" says where and when.
			if toks[from].Key == "met" && obj > from+2 {
				if ds := rl.datesIn(toks[from].End, toks[obj-1].Start); len(ds) > 0 && e.Date == "" {
					e.Date, e.EndDate = ds[0].Date, ds[0].End_
				}
				for _, m := range rc.mentionsIn(from+1, obj-1) {
					if m.E.Type == schema.Location && !m.Nested {
						rl.rel(e, m.E, schema.HeldIn, sent, "meeting", 0.6)
					}
				}
			}
			// "In Vilnius, the Secretary will meet … He will also hold a
			// roundtable …": the paragraph's opening place.
			if p := rl.paragraphPlace(t.Sent); p != nil && e != rl.main {
				rl.rel(e, p, schema.HeldIn, sent, "paragraph-place", 0.5)
			}
			i = end - 1
		}
	}
}

// bodyMeetings reads "the Second Kenya-India Joint Defence Cooperation
// Committee meeting was held …": a body's session named by the body and
// a lower-case noun is an event the body attends.
func (rl *relater) bodyMeetings() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, m := range slices.Clone(rc.ms) {
		if m.E.Type != schema.Organization || m.Dropped || m.Nested || m.To >= len(toks) || toks[m.To].Cap || toks[m.To].Ref {
			continue
		}
		kind := ""
		switch toks[m.To].Key {
		case "meeting", "session", "plenary":
			kind = "MEETING"
		case "summit":
			kind = "SUMMIT"
		case "dialogue":
			kind = "DIALOGUE"
		case "consultations", "talks":
			kind = "MEETING"
		default:
			continue
		}
		// "the ASEAN-CARICOM summit": the sides paired before the body are in
		// the name and attend too
		sides := []*mention{m}
		for from := m.From; from >= 2 && dashes[toks[from-1].Text]; {
			o := rc.mentionEndingAt(from - 1)
			if o == nil || o.Dropped || o.E.Type != schema.Organization && o.E.Type != schema.Country {
				break
			}
			sides, from = append(sides, o), o.From
		}
		from := sides[len(sides)-1].From
		e := rc.reg.get(schema.Event, cleanName(rl.a.span(from, m.To+1)), kind)
		e.Kind = kind
		rc.add(&mention{From: from, To: m.To + 1, E: e, Source: "body-meeting"})
		for _, side := range sides {
			side.Nested = true
			rl.rel(side.E, e, schema.Attended, toks[m.From].Sent, "body-meeting", 0.6)
		}
	}
}

// heldBefore reports a verb of holding among the three words before
// token i ("held a bilateral summit").
func (rl *relater) heldBefore(s sentence, i int) bool {
	for k := i - 1; k >= max(s.From, i-3); k-- {
		if holdVerbs[rl.a.Toks[k].Key] {
			return true
		}
	}
	return false
}

// bilateralPhrase returns where "held a bilateral defense ministerial
// meeting" names its gathering, from the qualifier that says two (or
// three) parties met, or 0.
func (rl *relater) bilateralPhrase(s sentence, i int) int {
	toks := rl.a.Toks
	for k := i - 1; k > s.From+1 && i-k <= 4; k-- {
		if toks[k].Cap || !toks[k].Word {
			return 0
		}
		switch toks[k].Key {
		case "bilateral", "trilateral", "separate":
			if j := k - 1; toks[j].Key == "a" || toks[j].Key == "an" {
				if holdVerbs[toks[j-1].Key] {
					return k
				}
			}
			return 0
		}
	}
	return 0
}

// paidBefore reports "paid a call on", "will pay a call on".
func (rl *relater) paidBefore(s sentence, i int) bool {
	for k := i - 1; k >= max(s.From, i-3); k-- {
		switch rl.a.Toks[k].Key {
		case "paid", "pay", "pays", "paying":
			return true
		}
	}
	return false
}

// meetingEvent is the event a lower-case gathering names: a summit the
// document's headline names already ("Korea-Canada Summit") when it is
// its main event of the same kind, or a new one named by the phrase.
func (rl *relater) meetingEvent(kind string, from, end int, s sentence) *ent {
	// The headline's event of the kind, if it names one only.
	var named *ent
	for _, m := range rl.rc.mentionsIn(0, rl.a.Sents[0].To) {
		if m.E.Type == schema.Event && m.E.Kind == kind {
			if named != nil && named != m.E {
				named = nil
				break
			}
			named = m.E
		}
	}
	if named != nil && kind == "SUMMIT" {
		return named
	}
	// "He called on President A", "met with the Chief Minister of Rivia": the
	// calls of a visit the headline names are part of it.
	if v := rl.headVisit; v != nil && (rl.a.Toks[from].Key == "called" || rl.a.Toks[from].Key == "met" || rl.a.Toks[from].Key == "received") && !rl.has(rl.a.Toks[from].Sent, " will ") {
		return v
	}
	name := cleanName(rl.a.span(from, end))
	switch rl.a.Toks[from].Key {
	case "called":
		name = cleanName("call " + rl.a.span(from+1, end))
	case "met":
		k := from + 1
		for k < end && rl.a.Toks[k].Key != "with" {
			k++
		}
		if k == end {
			// "A met B in Riyadh": no "with"
			k = rl.personAfter(s, from)
			name = cleanName("meeting with " + rl.a.span(k, end))
			break
		}
		name = cleanName("meeting " + rl.a.span(k, end))
	case "received":
		k := rl.personAfter(s, from)
		name = cleanName("meeting with " + rl.a.span(k, end))
	}
	e := rl.rc.reg.get(schema.Event, name, kind)
	e.Kind = kind
	return e
}

// subjectsBefore returns the people (or, failing them, bodies and states)
// named as the subject of the clause that ends at token k, or the
// traveller of the document's visit when the subject is a pronoun or a
// post ("He will also hold …", "the Secretary will …").
func (rl *relater) subjectsBefore(s sentence, k int) []*mention {
	toks := rl.a.Toks
	start := s.From
	for j := k - 1; j > s.From; j-- {
		if toks[j].Key == ";" || toks[j].Key == "which" || toks[j].Key == "and" && j+1 < k && holdVerbs[toks[j+1].Key] {
			start = j + 1
			break
		}
	}
	var people, others []*mention
	for _, m := range rl.rc.mentionsIn(start, k) {
		if m.Nested {
			continue
		}
		p := m.From - 1
		for p >= start && toks[p].Cap && toks[p].Word && (titleHeads[toks[p].Key] || titleMods[toks[p].Key] || honorific(toks[p])) {
			p-- // "called on President A": the post is the object's
		}
		if p >= start && toks[p].Key == "the" {
			p--
		}
		if p >= start && prepositions[toks[p].Key] {
			continue // "on the occasion of …", "with …"
		}
		switch m.E.Type {
		case schema.Person:
			people = append(people, m)
		case schema.Organization, schema.Country:
			others = append(others, m)
		}
	}
	if len(people) > 0 {
		return people
	}
	if len(others) > 0 {
		return others
	}
	if rl.visit == nil {
		return nil
	}
	var out []*mention
	for _, f := range rl.facts {
		if f.T == schema.Attended && f.O == rl.visit && f.S.Type == schema.Person && !slices.ContainsFunc(out, func(m *mention) bool { return m.E == f.S }) {
			out = append(out, &mention{From: k, To: k, E: f.S})
		}
	}
	return out
}

// exercises names military exercises and operations: "the Coastal Shield
// exercise of A and B", "the exercise Northern Harbour 2025", "Iron
// Lantern, the world's largest … exercise", "Operation Zenda Dawn".
// The bodies after "of" and whoever "hosted" or "organised" it take part.
func (rl *relater) exercises() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, s := range rl.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for i := s.From; i < s.To; i++ {
			t := toks[i]
			if t.Ref {
				continue
			}
			from, to, kind := -1, -1, "EXERCISE"
			switch {
			case t.Key == "exercise" && !t.Cap:
				if q := i + 1; q+1 < s.To && isQuote(toks[q].Text) {
					// the exercise "Brave Griffin 25"
					if a, b := rl.capRun(s, q+1); b > a && b-a <= 5 && b < s.To && isQuote(toks[b].Text) {
						from, to = a, b
					}
				}
				if from >= 0 {
					break
				}
				if a, b := rl.capRun(s, i+1); b > a && b-a <= 5 {
					from, to = a, b // "the exercise Northern Harbour 2025"
				} else if a := rl.capRunBefore(s, i); a < i && i-a <= 4 {
					from, to = a, i+1 // "the Coastal Shield exercise"
				} else if a := rl.appositionBefore(s, i); a >= 0 {
					from, to = a, rl.capEnd(s, a) // "Iron Lantern, the … exercise"
				} else if a := rl.heldExercise(s, i); a >= 0 {
					from, to = a, i+1 // "will hold a joint coastal rescue exercise"
				}
			case t.Key == "operation" && t.Cap && (i == s.From || !toks[i-1].Cap):
				if a, b := rl.capRun(s, i+1); b > a && b-a <= 4 {
					from, to, kind = i, b, "OTHER"
				}
			}
			if from < 0 || to <= from || rc.topAt(from) != nil && rc.topAt(from).To >= to && rc.topAt(from).E.Type != schema.Event {
				continue
			}
			name := cleanName(rl.a.span(from, to))
			e := rc.reg.get(schema.Event, name, kind)
			e.Kind = kind
			rc.add(&mention{From: from, To: to, E: e, Source: "exercise"})
			rc.nest(from, to)
			sent := t.Sent
			end := max(to, i+1)
			// "of the Armed Forces of A and the B Command"
			if end < s.To && toks[end].Key == "of" {
				for _, m := range rl.listAfter(end+1, rc.mentionsIn(end+1, s.To)) {
					if m.E.Type == schema.Organization || m.E.Type == schema.Country {
						rl.rel(m.E, e, schema.Attended, sent, "exercise", 0.6)
					}
				}
			}
			// "Norway hosted the exercise …", "the Centre has organised …"
			for k := max(from-4, s.From); k < from; k++ {
				switch toks[k].Key {
				case "hosted", "hosts", "organised", "organized", "organises", "organizes", "conducted", "led":
					if subj := rl.subjectsBefore(s, k); len(subj) > 0 {
						for _, m := range subj {
							if m.E.Type != schema.Person || kind == "OTHER" {
								rl.rel(m.E, e, schema.Attended, sent, "exercise", 0.6)
							}
						}
					} else if rl.visit == nil {
						// "Since 2010, the Centre has organised …": the body
						// the previous sentence named last.
					}
				}
			}
			if e.Date == "" {
				if ds := rl.datesIn(toks[to-1].End, rl.clauseEnd(&mention{From: from, To: to, E: e}, s)); len(ds) > 0 {
					e.Date, e.EndDate = ds[0].Date, ds[0].End_
				}
			}
			// "where soldiers of A and B are taking part in the exercise":
			// the forces named take part, at the place before "where".
			if w := rl.takingPart(s, from); w >= 0 {
				for _, m := range rc.mentionsIn(w+1, from) {
					if !m.Nested && (m.E.Type == schema.Organization || m.E.Type == schema.Country) {
						rl.rel(m.E, e, schema.Attended, sent, "exercise", 0.6)
					}
				}
				if toks[w].Key == "where" && w-1 > s.From && toks[w-1].Text == "," {
					for _, p := range rc.byTo[w-1] {
						if p.E.Type == schema.Location && !p.Dropped {
							rl.rel(e, p.E, schema.HeldIn, sent, "exercise", 0.6)
						}
					}
				}
			}
			// "will hold a joint … exercise in Marsabit County": a region
			// no gazetteer knows.
			if end+1 < s.To && toks[end].Key == "in" && rc.topAt(end+1) == nil {
				if m := rl.regionAt(s, end+1); m != nil {
					rl.rel(e, m.E, schema.HeldIn, sent, "exercise", 0.6)
				}
			}
			// "… operating in northern Norway, Sweden and Finland"
			for k := end; k+1 < s.To && k-end < 20; k++ {
				if toks[k].Key == ";" || toks[k].Key == "which" {
					break
				}
				if toks[k].Key != "in" {
					continue
				}
				for _, m := range rl.listAfter(k+1, rc.mentionsIn(k+1, s.To)) {
					if m.E.Type == schema.Location || m.E.Type == schema.Country {
						rl.rel(e, m.E, schema.HeldIn, sent, "exercise", 0.6)
					}
				}
				break
			}
			i = max(i, to-1)
		}
	}
}

// capRun returns the run of capitalized words (digits allowed after the
// first) starting at token k.
func (rl *relater) capRun(s sentence, k int) (int, int) {
	toks := rl.a.Toks
	j := k
	for j < s.To && (toks[j].Cap && toks[j].Word || j > k && isDigits(toks[j].Text)) {
		j++
	}
	return k, j
}

// capEnd is the end of the capitalized run starting at a.
func (rl *relater) capEnd(s sentence, a int) int {
	_, b := rl.capRun(s, a)
	return b
}

// capRunBefore returns the start of the run of capitalized words that
// ends just before token k, not counting a sentence's first word when it
// is a function word.
func (rl *relater) capRunBefore(s sentence, k int) int {
	toks := rl.a.Toks
	j := k
	for j > s.From && toks[j-1].Cap && toks[j-1].Word && !leadStop[toks[j-1].Key] {
		j--
	}
	return j
}

// appositionBefore finds "Locked Shields, the world's largest live-fire
// … exercise": a capitalized run, a comma and "the" within twelve words
// before token k; it returns the run's start or -1.
func (rl *relater) appositionBefore(s sentence, k int) int {
	toks := rl.a.Toks
	for j := k - 1; j > s.From+1 && k-j <= 12; j-- {
		if toks[j].Key == "the" && toks[j-1].Text == "," {
			a := rl.capRunBefore(s, j-1)
			if a < j-1 {
				return a
			}
			return -1
		}
		if toks[j].Text == "," {
			return -1
		}
	}
	return -1
}

// placedEvents reads places after events. A capitalized word between
// "in" and a known place ("in Yongsan, Seoul", "in Hiroshima, Japan") is
// a place too. A summit or conference named without its place takes the
// place that follows it into its name ("the Zenda Pact Summit in Rivia"): the
// alliance meets every year, and each summit is its own event (a year in
// the name tells them apart already).
func (rl *relater) placedEvents() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, s := range rl.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for i := s.From + 1; i+3 < s.To; i++ {
			if toks[i].Key != "in" || toks[i].Cap || rc.topAt(i+1) != nil {
				continue
			}
			a, b := rl.capRun(s, i+1)
			if b == a || b-a > 2 || b+1 >= s.To || toks[b].Text != "," || leadStop[toks[a].Key] || toks[a].Upper {
				continue
			}
			if _, ok := months[toks[a].Key]; ok {
				continue
			}
			n := rc.topAt(b + 1)
			if n == nil || n.E.Type != schema.Location && n.E.Type != schema.Country {
				continue
			}
			e := rc.reg.get(schema.Location, cleanName(rl.a.span(a, b)), "")
			rc.add(&mention{From: a, To: b, E: e, Source: "place"})
		}
	}
	// "at the Presidential Office in Yongsan": a building named like a
	// body is the venue where an "in" places it.
	for _, m := range slices.Clone(rc.ms) {
		if m.E.Type != schema.Organization || m.Dropped || m.Nested || m.From < 2 || m.To+1 >= len(toks) || toks[m.To].Key != "in" {
			continue
		}
		p := m.From - 1
		if toks[p].Key == "the" {
			p--
		}
		if toks[p].Key != "at" || !venueBodies[toks[m.To-1].Key] {
			continue
		}
		if n := rc.topAt(m.To + 1); n == nil && !(toks[m.To+1].Cap && rl.plainName(m.To+1, m.To+2)) || n != nil && n.E.Type != schema.Location && n.E.Type != schema.Country {
			continue
		}
		e := rc.reg.get(schema.Location, m.E.Name, "")
		m.Dropped = true
		rc.forget(m.E)
		rc.add(&mention{From: m.From, To: m.To, E: e, Source: "venue"})
	}
	// "in northern Norway": a part of a state, which lies in it.
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].Cap || !directions[toks[i].Key] || toks[i].Ref {
			continue
		}
		c := rc.topAt(i + 1)
		if c == nil || c.E.Type != schema.Country && c.E.Type != schema.Location || rc.topAt(i) != nil {
			continue
		}
		e := rc.reg.get(schema.Location, cleanName(rl.a.span(i, c.To)), "")
		rc.add(&mention{From: i, To: c.To, E: e, Source: "region"})
		c.Nested = true
		rl.rel(e, c.E, schema.LocatedIn, toks[i].Sent, "region", 0.6)
	}
	// "signed the Memorandum … in Arusha.", "met in Visby on 12 October":
	// a capitalized word after "in" past a verb of meeting or signing is
	// the venue, known or not.
	for _, s := range rl.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		verb := -1
		for k := s.From; k < s.To; k++ {
			if venueVerbs[toks[k].Key] {
				verb = k
				break
			}
		}
		if verb < 0 {
			continue
		}
		for i := verb + 1; i+1 < s.To; i++ {
			if toks[i].Key != "in" || rc.topAt(i+1) != nil || rc.coveredBy(i+1, i+2) != nil {
				continue
			}
			a, b := rl.capRun(s, i+1)
			if b == a || b-a > 2 || !rl.plainName(a, b) {
				continue
			}
			if b < s.To && !venueFollow[toks[b].Key] {
				continue
			}
			e := rc.reg.get(schema.Location, cleanName(rl.a.span(a, b)), "")
			rc.add(&mention{From: a, To: b, E: e, Source: "venue"})
			i = b - 1
			// "in Rivia, Westmark, on 12–13 October": the region after it.
			if b+1 < s.To && toks[b].Text == "," && rc.topAt(b+1) == nil {
				c, d := rl.capRun(s, b+1)
				if d > c && d-c <= 2 && rl.plainName(c, d) && d < s.To && toks[d].Text == "," {
					r := rc.reg.get(schema.Location, cleanName(rl.a.span(c, d)), "")
					rc.add(&mention{From: c, To: d, E: r, Source: "venue"})
					i = d - 1
				}
			}
		}
	}
	// "the BRICS Summit in Kazan, …": the place of a summit, known or not.
	for _, m := range slices.Clone(rc.ms) {
		if m.E.Type != schema.Event || m.Nested || m.To+1 >= len(toks) || toks[m.To].Key != "in" || rc.topAt(m.To+1) != nil {
			continue
		}
		s := rl.a.Sents[toks[m.From].Sent]
		a, b := rl.capRun(s, m.To+1)
		if b > a && b-a <= 2 && rl.plainName(a, b) && (b >= s.To || venueFollow[toks[b].Key]) {
			e := rc.reg.get(schema.Location, cleanName(rl.a.span(a, b)), "")
			rc.add(&mention{From: a, To: b, E: e, Source: "venue"})
		}
	}
	for _, m := range slices.Clone(rc.ms) {
		e := m.E
		if e.Type != schema.Event || e.Kind != "SUMMIT" && e.Kind != "CONFERENCE" || m.Nested || m.To+1 >= len(toks) || toks[m.To].Key != "in" || toks[m.To].Sent != toks[m.From].Sent {
			continue
		}
		p := rc.topAt(m.To + 1)
		if p == nil || p.E.Type != schema.Location || strings.Contains(schema.Key(e.Name), schema.Key(p.E.Name)) || yearOnly.MatchString(e.Name) {
			continue
		}
		short := e.Name
		e.Name = short + " in " + rl.a.span(p.From, p.To)
		e.addAlias(short)
		rc.reg.reindex(e)
	}
}

// group is a set of states the text names together once and refers to
// later by its description ("all four Westmark countries — Ruritania,
// Freedonia, Borduria and Syldavia —" … "the Westmark fisheries
// ministers", "the four countries").
type group struct {
	words   map[string]bool // the description: "four", "westmark"
	members []*ent
}

var groupNouns = map[string]bool{"countries": true, "states": true, "nations": true, "allies": true}

// findGroups records the groups a document defines: a plural noun with a
// description, then a dash, a parenthesis or a colon and a list of states.
func (rl *relater) findGroups() {
	toks := rl.a.Toks
	for _, s := range rl.a.Sents {
		for i := s.From + 1; i+2 < s.To; i++ {
			if !groupNouns[toks[i].Key] || !(toks[i+1].Text == "—" || toks[i+1].Text == "–" || toks[i+1].Text == "(" || toks[i+1].Text == ":") {
				continue
			}
			words := map[string]bool{}
			for k := i - 1; k >= max(s.From, i-3); k-- {
				if toks[k].Key == "the" || toks[k].Key == "all" || !toks[k].Word {
					break
				}
				words[toks[k].Key] = true
			}
			if len(words) == 0 {
				continue
			}
			var members []*ent
			for _, m := range rl.listAfter(i+2, rl.rc.mentionsIn(i+2, s.To)) {
				if m.E.Type == schema.Country {
					members = append(members, m.E)
				}
			}
			if len(members) >= 2 {
				rl.groups = append(rl.groups, group{words: words, members: members})
			}
		}
	}
}

// groupIn returns the members of a group the tokens [from,to) refer to by
// its description ("the fisheries ministers of the four countries", "the
// Westmark fisheries ministers"), or nil.
func (rl *relater) groupIn(from, to int) []*ent {
	toks := rl.a.Toks
	for _, g := range rl.groups {
		for k := from; k < to; k++ {
			if !g.words[toks[k].Key] {
				continue
			}
			// The description must qualify people or states: "the four
			// countries", "the Westmark fisheries ministers".
			for j := k + 1; j < min(k+4, to); j++ {
				switch toks[j].Key {
				case "countries", "states", "nations", "ministers", "leaders", "governments", "allies":
					return g.members
				}
			}
		}
	}
	return nil
}

// venueVerbs say that something took place where "in" says.
var venueVerbs = map[string]bool{"held": true, "signed": true, "adopted": true, "met": true, "meet": true, "convened": true, "hosted": true, "place": true, "gathered": true, "opened": true}

// venueFollow may follow a place's name in a clause: a date, another
// place, the end of the clause.
var venueFollow = map[string]bool{",": true, ".": true, ";": true, "on": true, "in": true, "from": true, "and": true, "last": true, "this": true, "during": true, "(": true}

// plainName reports tokens [a,b) that could name a place: no month, no
// head word of a body, instrument or event, no function word.
func (rl *relater) plainName(a, b int) bool {
	toks := rl.a.Toks
	for k := a; k < b; k++ {
		key := toks[k].Key
		if _, month := months[key]; month || leadStop[key] || toks[k].Upper || orgHeads[key] != "" || agreementHeads[key] != "" || eventHeads[key] != "" || titleHeads[key] {
			return false
		}
	}
	return true
}

// groupHeads are people who meet as a body: "NATO defence ministers met".
var groupHeads = map[string]bool{"ministers": true, "leaders": true, "officials": true, "chiefs": true, "commanders": true, "envoys": true}

// directions name the part of a place: "northern Norway".
var directions = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true, "central": true, "northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true}

// paragraphPlace is the place a paragraph opens with ("In Vilnius, …")
// when sentence i belongs to it, or nil.
func (rl *relater) paragraphPlace(i int) *ent {
	toks := rl.a.Toks
	for j := i; j >= 0 && rl.a.Sents[j].Para == rl.a.Sents[i].Para; j-- {
		s := rl.a.Sents[j]
		if j > 0 && rl.a.Sents[j-1].Para == s.Para {
			continue // not the paragraph's first sentence
		}
		if s.To-s.From < 3 || toks[s.From].Key != "in" {
			return nil
		}
		if m := rl.rc.topAt(s.From + 1); m != nil && m.E.Type == schema.Location && m.To < s.To && toks[m.To].Text == "," {
			return m.E
		}
		return nil
	}
	return nil
}

// venueBodies head names of buildings as much as of bodies.
var venueBodies = map[string]bool{"office": true, "house": true, "hall": true, "headquarters": true, "residence": true, "chancellery": true}

// relativeWords open a relative clause: a group's name does not run over them.
var relativeWords = map[string]bool{"whose": true, "which": true, "who": true, "whom": true, "that": true}

// groupMeeting adds the meeting of a body's members ("the Quad, whose
// foreign ministers met earlier in the day"), attended by the body.
func (rl *relater) groupMeeting(o *mention, name string, verb int, s sentence) {
	e := rl.rc.reg.get(schema.Event, name+" meeting", "MEETING")
	e.Kind = "MEETING"
	rl.rc.add(&mention{From: verb, To: verb + 1, E: e, Source: "meeting"})
	rl.rel(o.E, e, schema.Attended, rl.a.Toks[verb].Sent, "meeting", 0.5)
	if e.Date == "" {
		if ds := rl.datesIn(rl.a.Toks[verb].End, s.End); len(ds) > 0 {
			e.Date, e.EndDate = ds[0].Date, ds[0].End_
		}
	}
}

// listAttendance reads a list of participants that a sentence announces
// with a colon: "The following Heads of State … attended the Summit:"
// and one item a line ("- H.E. A, President of the Republic of X;"). The
// people, the states they serve and the bodies named attended.
func (rl *relater) listAttendance() {
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		if s.To-s.From < 3 || toks[s.To-1].Text != ":" || !rl.has(i, "attended", "participated", "participating", "took part", "were present", "participants", "attendance") {
			continue
		}
		var ev *ent
		for _, m := range rl.sentMentions(i, false) {
			if m.E.Type == schema.Event {
				ev = m.E
				break
			}
		}
		if ev == nil {
			ev = cmp.Or(rl.refEvent(i), rl.main)
		}
		if ev == nil || !rl.gathering(ev) {
			continue
		}
		host := rl.hostBefore(i)
		for j := i + 1; j < len(rl.a.Sents); j++ {
			it := rl.a.Sents[j]
			// An item opens with a bullet, or (its bullet read away) with
			// the person it names: "Lars Løkke Rasmussen, Minister …".
			named := false
			if p := rl.rc.topAt(it.From); p != nil && p.E.Type == schema.Person && it.To-it.From < 25 {
				named = true
			}
			if t := toks[it.From]; t.Word && !named || t.Text == "(" || t.Text == "“" || t.Text == "\"" {
				break
			}
			for _, m := range rl.sentMentions(j, false) {
				switch m.E.Type {
				case schema.Person, schema.Country:
					rl.rel(m.E, ev, schema.Attended, j, "attendance-list", 0.7)
					if m.E.Type == schema.Person && host != nil {
						rl.rel(host, m.E, schema.MetWith, j, "attendance-list", 0.6)
					}
				case schema.Organization:
					if !rl.postBody(m) {
						rl.rel(m.E, ev, schema.Attended, j, "attendance-list", 0.6)
					}
				}
			}
		}
	}
}

// calls reads "A and B called on C", "A received C": those before the verb
// met those after it, not each other. It reports whether the sentence has
// such a verb with people on both sides.
func (rl *relater) calls(i int, all []*mention) bool {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	verb := -1
	for k := s.From; k+1 < s.To; k++ {
		if toks[k].Key == "called" && toks[k+1].Key == "on" || toks[k].Key == "received" && k > s.From && toks[k-1].Key != "was" && toks[k-1].Key != "were" {
			verb = k
			break
		}
	}
	if verb < 0 {
		return false
	}
	var before, after []*ent
	for _, m := range all {
		if m.E.Type != schema.Person {
			continue
		}
		if m.To <= verb && !slices.Contains(before, m.E) {
			before = append(before, m.E)
		} else if m.From > verb && !slices.Contains(after, m.E) {
			after = append(after, m.E)
		}
	}
	// "A and B called on the visiting dignitary": the visitor.
	if len(after) == 0 && rl.visit != nil && verb+3 < s.To && (toks[verb+3].Key == "visiting" || toks[verb+3].Key == "visitor" || toks[verb+2].Key == "the" && toks[verb+3].Key == "guest") {
		for _, f := range rl.facts {
			if f.T == schema.Attended && f.O == rl.visit && f.S.Type == schema.Person && !slices.Contains(before, f.S) {
				after = append(after, f.S)
				break // the traveller, named first
			}
		}
	}
	if len(before) == 0 || len(after) == 0 {
		return len(before) > 0 // "A and B called on someone": no pair here
	}
	for _, a := range before {
		for _, b := range after {
			if a != b {
				rl.rel(a, b, schema.MetWith, i, "call", 0.6)
			}
		}
	}
	return true
}

// chairs reads "under the chairmanship of X, President of the Federal
// Republic of Nigeria": the people named took part, with the states whose
// posts they hold.
func (rl *relater) chairs(i int, ms []*mention, ev *ent) {
	toks := rl.a.Toks
	for k, m := range ms {
		if m.E.Type != schema.Person {
			continue
		}
		rl.rel(m.E, ev, schema.Attended, i, "chair", 0.6)
		owner := m.TitleOf
		// "X, President of the Republic of Y": the state of the post after
		if owner == nil && k+1 < len(ms) && m.To < len(toks) && toks[m.To].Text == "," {
			if c := ms[k+1]; c.E.Type == schema.Country && c.From-m.To <= 8 && m.To+1 < len(toks) && titleHeads[toks[m.To+1].Key] {
				owner = c.E
			}
		}
		if owner != nil && owner.Type == schema.Country {
			rl.rel(owner, ev, schema.Attended, i, "chair", 0.5)
		}
	}
}

// addressed reads "In Mumbai on 31 July, Prime Minister Chinh … addressed
// the India–Vietnam Business Forum organised by FICCI": the speaker and
// the organiser took part, and a place that opens the sentence is where
// the gathering was held.
func (rl *relater) addressed() {
	toks := rl.a.Toks
	rc := rl.rc
	for i, s := range rl.a.Sents {
		for k := s.From + 1; k+2 < s.To; k++ {
			held := toks[k].Key == "held" || toks[k].Key == "convened" || toks[k].Key == "attended"
			if toks[k].Key != "addressed" && toks[k].Key != "opened" && toks[k].Key != "inaugurated" && !held {
				continue
			}
			j := k + 1
			if toks[j].Key == "the" || toks[j].Key == "a" || toks[j].Key == "an" {
				j++
			}
			// "held the fourth High-Level Security Dialogue"
			if j < s.To && (ordinalWords[toks[j].Key] || toks[j].Key == "first" || ordinal.MatchString(toks[j].Text)) {
				j++
			}
			em := rc.topAt(j)
			if em == nil || em.E.Type != schema.Event || !rl.gathering(em.E) {
				continue
			}
			// "A met with B and addressed …": A spoke, not B.
			cut := k
			for c := s.From; c < k; c++ {
				if toks[c].Key == "with" || toks[c].Key == "met" || toks[c].Key == "received" {
					cut = c
					break
				}
			}
			for _, m := range rl.subjectsBefore(s, k) {
				if m.From < cut && (m.E.Type == schema.Person || m.E.Type == schema.Organization) {
					rl.rel(m.E, em.E, schema.Attended, i, "addressed", 0.6)
				}
			}
			if em.To+2 < s.To && (toks[em.To].Key == "organised" || toks[em.To].Key == "organized" || toks[em.To].Key == "hosted" || toks[em.To].Key == "convened") && toks[em.To+1].Key == "by" {
				if o := rl.partyAt(em.To+2, s.To); o != nil && o.E.Type == schema.Organization {
					rl.rel(o.E, em.E, schema.Attended, i, "addressed", 0.6)
				}
			}
			// "In Mumbai on 31 July, …"
			if toks[s.From].Key == "in" {
				if p := rc.topAt(s.From + 1); p != nil && p.E.Type == schema.Location {
					rl.rel(em.E, p.E, schema.HeldIn, i, "addressed", 0.5)
				}
			}
		}
	}
}

// futureSessions reads the next session of a recurring gathering: "The
// second meeting of the Dialogue will take place in Pretoria in 2026",
// "The fourth round of consultations is scheduled to take place in Zenda".
// It is another event than the one reported, held where "in" says, by the
// states that took part in this one.
func (rl *relater) futureSessions() {
	toks := rl.a.Toks
	rc := rl.rc
	if rl.main == nil {
		return
	}
	for i, s := range rl.a.Sents {
		k := s.From
		if k+4 >= s.To || toks[k].Key != "the" || !ordinalWords[toks[k+1].Key] && toks[k+1].Key != "next" {
			continue
		}
		if !rl.has(i, "will take place", "will be held", "to take place", "to be held", "will meet", "will convene") {
			continue
		}
		noun := k + 2
		if toks[noun].Key != "meeting" && toks[noun].Key != "round" && toks[noun].Key != "session" || noun+2 >= s.To || toks[noun+1].Key != "of" {
			continue
		}
		end := noun + 2
		if toks[end].Key == "the" {
			end++
		}
		if m := rc.topAt(end); m != nil && m.E.Type == schema.Event {
			end = m.To
		} else {
			for end < s.To && toks[end].Word && (toks[end].Cap || eventHeads[toks[end].Key] != "") {
				end++
			}
			if end == noun+2 {
				end = lowerHeadEnd(toks, end, s.To) // "of political consultations"
			}
		}
		if end <= noun+2 || rc.topAt(k+1) != nil && rc.topAt(k+1).E.Type == schema.Event {
			continue
		}
		e := rc.reg.get(schema.Event, cleanName(rl.a.span(k+1, end)), rl.main.Kind)
		if e == rl.main {
			continue
		}
		e.Kind = rl.main.Kind
		rc.nest(k+1, end)
		rc.add(&mention{From: k + 1, To: end, E: e, Source: "future-session"})
		for j := end; j+1 < s.To; j++ {
			if toks[j].Key != "in" {
				continue
			}
			if p := rc.topAt(j + 1); p != nil && (p.E.Type == schema.Location || p.E.Type == schema.Country) {
				rl.rel(e, p.E, schema.HeldIn, i, "future-session", 0.6)
				break
			}
		}
		if e.Date == "" {
			if ds := rl.datesIn(toks[end-1].End, s.End); len(ds) > 0 {
				e.Date, e.EndDate = ds[0].Date, ds[0].End_
			}
		}
		for _, f := range slices.Clone(rl.facts) {
			if f.T == schema.Attended && f.O == rl.main && f.S.Type == schema.Country {
				rl.rel(f.S, e, schema.Attended, i, "future-session", 0.5)
			}
		}
	}
}

// lowerHeadEnd is the end of a happening's name in lower case from k:
// up to three modifiers and a head ("political consultations", "bilateral
// talks"); k when no head follows.
func lowerHeadEnd(toks []token, k, limit int) int {
	for j := k; j < limit && j < k+4 && toks[j].Word && !toks[j].Cap; j++ {
		if eventHeads[toks[j].Key] != "" {
			return j + 1
		}
	}
	return k
}

// nextOne reports a sentence about the next gathering of a series ("the
// next round of consultations will be held in Rivia", "the following
// session is planned for 2027"): what it says is not about the one the
// document reports.
func (rl *relater) nextOne(i int) bool {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for k := s.From; k+1 < s.To; k++ {
		if toks[k].Key != "next" && toks[k].Key != "following" && toks[k].Key != "upcoming" || k > s.From && toks[k-1].Key != "the" {
			continue
		}
		for j := k + 1; j < min(k+5, s.To); j++ {
			if seriesNouns[toks[j].Key] || eventHeads[toks[j].Key] != "" {
				return rl.has(i, futureCues...)
			}
		}
	}
	return false
}

var seriesNouns = map[string]bool{"round": true, "session": true, "edition": true, "meeting": true}

// pluralMeetings reads "On 1 August, the two Prime Ministers held talks
// at Hyderabad House": a gathering of the people the plural post names,
// found earlier in the document. They attend and meet, and the states
// their posts belong to are represented.
func (rl *relater) pluralMeetings() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, s := range rl.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for i := s.From + 2; i < s.To; i++ {
			t := toks[i]
			if t.Cap || t.Ref || meetingNouns[t.Key] == "" || i+1 < s.To && toks[i+1].Key == "with" || rc.topAt(i) != nil || rc.coveredBy(i, i+1) != nil {
				continue
			}
			// "held talks", "held a bilateral meeting": the verb within
			// three lower-case words before the noun.
			v := i - 1
			for v > s.From && i-v <= 3 && !holdVerbs[toks[v].Key] && !toks[v].Cap && toks[v].Word {
				v--
			}
			if !holdVerbs[toks[v].Key] || toks[v].Key == "has" || toks[v].Key == "have" || toks[v].Key == "had" {
				continue
			}
			people := rl.pluralSubject(s, v)
			if len(people) < 2 {
				continue
			}
			// "a visit …, during which the two leaders held talks": the
			// talks are part of the visit; only the meeting is new.
			if slices.ContainsFunc(toks[s.From:v], func(t token) bool { return t.Key == "which" }) {
				for k, p := range people {
					for _, q := range people[k+1:] {
						rl.rel(p, q, schema.MetWith, t.Sent, "plural-meeting", 0.55)
					}
				}
				continue
			}
			from := v + 1
			for from < i && (toks[from].Key == "a" || toks[from].Key == "an") {
				from++
			}
			e := rc.reg.get(schema.Event, cleanName(rl.a.span(from, i+1)), meetingNouns[t.Key])
			if e.Kind == "" {
				e.Kind = meetingNouns[t.Key]
			}
			rc.add(&mention{From: from, To: i + 1, E: e, Source: "plural-meeting"})
			rl.plural = append(rl.plural, pluralMeeting{e: e, people: people, sent: t.Sent})
			for k, p := range people {
				rl.rel(p, e, schema.Attended, t.Sent, "plural-meeting", 0.55)
				for _, q := range people[k+1:] {
					rl.rel(p, q, schema.MetWith, t.Sent, "plural-meeting", 0.55)
				}
			}
			if e.Date == "" {
				if ds := rl.datesIn(toks[s.From].Start, toks[s.To-1].End); len(ds) == 1 {
					e.Date, e.EndDate = ds[0].Date, ds[0].End_
				}
			}
		}
	}
}

// pluralSubject returns the people "the two Presidents", "both leaders"
// or "the three Heads of Government" before the verb at v mean: those
// named earlier whose posts the noun fits, when they are as many as the
// number says (two when it says none, at most four).
func (rl *relater) pluralSubject(s sentence, v int) []*ent {
	toks := rl.a.Toks
	k := v - 1
	if k <= s.From {
		return nil
	}
	word := toks[k].Key
	prime := false
	switch {
	case word == "government" || word == "state":
		// "the Zenda Pact Heads of State and Government", "Heads of Government"
		j := k
		for j > s.From && toks[j].Key != "heads" && k-j < 4 {
			j--
		}
		if toks[j].Key != "heads" {
			return nil
		}
		word, k = "leaders", j
	case word == "ministers" && toks[k-1].Key == "prime":
		prime = true
		k--
	case word == "presidents" || word == "leaders" || word == "ministers":
	default:
		return nil
	}
	// "the three Foreign Ministers": the posts must say "foreign" too
	var mods []string
	for j := k - 1; j > s.From && toks[j].Cap && titleMods[toks[j].Key]; j-- {
		mods = append(mods, toks[j].Key)
		k = j
	}
	two := false
	ok := false
	for j := k - 1; j >= max(s.From, k-2); j-- {
		switch toks[j].Key {
		case "two":
			two, ok = true, true
		case "both", "the":
			ok = true
		}
	}
	if !ok {
		return nil
	}
	var out []*ent
	seen := map[*ent]bool{}
	for _, m := range rl.rc.mentionsIn(0, s.From) {
		p := rl.rc.reg.resolve(m.E)
		if p == nil || p.Type != schema.Person || seen[p] || !rl.isParty(p, word) {
			continue
		}
		if prime && !slices.ContainsFunc(p.Titles, func(t string) bool { return strings.Contains(strings.ToLower(t), "prime minister") }) {
			continue
		}
		if word == "presidents" && !slices.ContainsFunc(p.Titles, func(t string) bool { return strings.HasPrefix(strings.ToLower(t), "president") }) {
			continue
		}
		if !slices.ContainsFunc(p.Titles, func(t string) bool {
			for _, m := range mods {
				if !strings.Contains(strings.ToLower(t), m) {
					return false
				}
			}
			return true
		}) {
			continue
		}
		seen[p] = true
		out = append(out, p)
	}
	if two && len(out) != 2 || len(out) > 4 {
		return nil
	}
	return out
}

// pluralMeeting is a gathering of people a plural post named.
type pluralMeeting struct {
	e      *ent
	people []*ent
	sent   int
}

// pluralStates: the states whose posts the people of a plural gathering
// hold were represented at it.
func (rl *relater) pluralStates() {
	// the states of the people who signed for them
	for _, pm := range rl.pluralSigners {
		for _, p := range pm.people {
			p = rl.rc.reg.resolve(p)
			for _, f := range slices.Clone(rl.facts) {
				if f.T == schema.HoldsPosition && f.S == p && f.O.Type == schema.Country {
					rl.rel(f.O, pm.e, schema.Signed, pm.sent, "plural-signers", 0.5)
					break
				}
			}
		}
	}
	for _, pm := range rl.plural {
		for _, p := range pm.people {
			p = rl.rc.reg.resolve(p)
			for _, f := range slices.Clone(rl.facts) {
				if f.T == schema.HoldsPosition && f.S == p && f.O.Type == schema.Country {
					rl.rel(f.O, pm.e, schema.Attended, pm.sent, "plural-meeting", 0.5)
					break
				}
			}
		}
	}
}

// exchangesAfter reads "Following the talks, the Presidents witnessed the
// exchange of the following instruments: …", "Following the talks, the
// following documents were exchanged …": the instruments exchanged came
// out of the talks the document reported before, which is the ceremony
// their signers signed at.
func (rl *relater) exchangesAfter() {
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		k := s.From
		closing := false
		// "At the close of the session, the two Ministers signed …": the
		// instruments came out of the session.
		if k+5 < s.To && toks[k].Key == "at" && toks[k+1].Key == "the" && (toks[k+2].Key == "close" || toks[k+2].Key == "end" || toks[k+2].Key == "conclusion") && toks[k+3].Key == "of" {
			k += 3
			closing = true
		}
		if k+3 >= s.To || toks[k].Key != "following" && toks[k].Key != "after" && !closing || toks[k+1].Key != "the" {
			continue
		}
		noun := toks[k+2].Key
		kind := meetingNouns[noun]
		if noun == "session" {
			kind = "MEETING"
		}
		if kind == "" || !rl.has(i, "exchange") && !(closing && rl.has(i, "signed", "adopted")) {
			continue
		}
		var ev *ent
		for _, m := range rl.rc.mentionsIn(0, s.From) {
			if m.E.Type == schema.Event && (m.E.Kind == kind || closing) && strings.Contains(strings.ToLower(m.E.Name), noun) {
				ev = rl.rc.reg.resolve(m.E)
			}
		}
		if ev == nil || rl.ceremony != nil {
			continue
		}
		rl.ceremony = ev
		ags := rl.listedInstruments(i)
		for _, m := range rl.sentMentions(i, false) {
			if m.E.Type == schema.Agreement {
				ags = append(ags, m.E)
			}
		}
		for _, ag := range ags {
			rl.rel(ev, ag, schema.Produced, i, "exchange-after", 0.6)
		}
	}
}

// withAfterSetting returns the "with" after "met" and a place or a day
// ("met in Vilnius on 2 April with …"), or 0.
func (rl *relater) withAfterSetting(s sentence, i int) int {
	toks := rl.a.Toks
	k := i + 1
	if k >= s.To || toks[k].Key != "in" && toks[k].Key != "on" && toks[k].Key != "at" {
		return 0
	}
	for ; k < s.To && k-i <= 10; k++ {
		t := toks[k]
		switch {
		case t.Key == "with":
			return k
		case t.Key == "in" || t.Key == "on" || t.Key == "at" || t.Key == "the" || t.Text == ",":
		case t.Word && (t.Cap || isDigits(t.Text)):
		default:
			return 0
		}
	}
	return 0
}

func isQuote(s string) bool {
	return s == "\"" || s == "“" || s == "”" || s == "'" || s == "‘" || s == "’"
}

// heldExercise returns the start of a lower-case exercise's name after a
// verb of holding and an article ("will hold a joint border security
// exercise" starts at "joint"), or -1. Its subjects take part.
func (rl *relater) heldExercise(s sentence, i int) int {
	toks := rl.a.Toks
	for a := i - 1; a > s.From && i-a <= 5; a-- {
		t := toks[a]
		if t.Key == "a" || t.Key == "an" {
			if v := toks[a-1].Key; holdVerbs[v] || v == "conduct" || v == "conducted" || v == "conducts" || v == "stage" || v == "staged" {
				for _, m := range rl.subjectsBefore(s, a-1) {
					if m.E.Type == schema.Organization || m.E.Type == schema.Country {
						rl.rel(m.E, rl.rc.reg.get(schema.Event, cleanName(rl.a.span(a+1, i+1)), "EXERCISE"), schema.Attended, t.Sent, "exercise", 0.6)
					}
				}
				return a + 1
			}
			return -1
		}
		if t.Cap || !t.Word {
			return -1
		}
	}
	return -1
}

// takingPart returns the token that opens the clause "where A and B are
// taking part in" ending just before the exercise's name at k, or -1.
func (rl *relater) takingPart(s sentence, k int) int {
	toks := rl.a.Toks
	j := k - 1
	for j > s.From && (toks[j].Key == "the" || !toks[j].Cap && toks[j].Word && !isQuote(toks[j].Text) && (toks[j].Key == "joint" || toks[j].Key == "exercise" || toks[j].Key == "military")) || j > s.From && isQuote(toks[j].Text) {
		j--
	}
	if j < s.From+2 || toks[j].Key != "in" || toks[j-1].Key != "part" && toks[j-1].Key != "participating" {
		return -1
	}
	for w := j - 1; w > s.From && j-w < 20; w-- {
		if toks[w].Key == "where" || toks[w].Text == "," || toks[w].Key == "which" {
			return w
		}
	}
	return -1
}

// regionNouns close the name of a region: "Marsabit County".
var regionNouns = map[string]bool{"county": true, "province": true, "region": true, "district": true, "governorate": true, "prefecture": true, "oblast": true, "state": false}

// regionAt reads a region no gazetteer knows at k: capitalized words
// closed by a region's noun.
func (rl *relater) regionAt(s sentence, k int) *mention {
	toks := rl.a.Toks
	b := k
	for b < s.To && b-k < 4 && toks[b].Word && toks[b].Cap && rl.rc.knownAt(b) == nil {
		b++
		if regionNouns[toks[b-1].Key] {
			break
		}
	}
	if b-k < 2 || !regionNouns[toks[b-1].Key] {
		return nil
	}
	e := rl.rc.reg.get(schema.Location, cleanName(rl.a.span(k, b)), "")
	return rl.rc.add(&mention{From: k, To: b, E: e, Source: "place"})
}

// futureCues say a gathering is yet to come.
var futureCues = []string{"will take place", "will be held", "to take place", "to be held", "will convene", "will host", "agreed to hold"}

// ordinalToken reports "next", "fourth" or "59th" before a gathering's
// name.
func ordinalToken(t token) bool {
	if t.Key == "next" || ordinalWords[t.Key] {
		return true
	}
	k := t.Key
	n := len(k)
	if n < 3 || !isDigits(k[:n-2]) {
		return false
	}
	switch k[n-2:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// nextSessions reads "The 14th ZMM will be held in Rivia in 2027": the
// document's gathering named again with another number or "next", in a
// sentence about the future, is the next session of the series, not the
// one reported. It is placed and dated by its own sentence.
func (rl *relater) nextSessions() {
	if rl.main == nil {
		return
	}
	toks := rl.a.Toks
	for i := range rl.a.Sents {
		if !rl.has(i, futureCues...) {
			continue
		}
		// 'the next "2+2" will be held in Tokyo': the series' short name in
		// quotes after "next".
		s := rl.a.Sents[i]
		for k := s.From; k+3 < s.To; k++ {
			if !ordinalToken(toks[k]) || !isQuote(toks[k+1].Text) {
				continue
			}
			q := k + 2
			for q < s.To && q-k < 8 && !isQuote(toks[q].Text) {
				q++
			}
			if q >= s.To || q == k+2 || rl.rc.coveredBy(k, q+1) != nil {
				continue
			}
			inner := rl.a.Text[toks[k+2].Start:toks[q-1].End]
			if !slices.Contains(rl.main.keys(), schema.Key(inner)) && !rl.quotedAfterMain(inner) {
				continue
			}
			e := rl.rc.reg.get(schema.Event, cleanName(toks[k].Text+" "+rl.a.Text[toks[k+2].Start:toks[q-1].End]), rl.main.Kind)
			e.Kind = rl.main.Kind
			rl.rc.add(&mention{From: k, To: q + 1, E: e, Source: "next-session"})
			if ds := rl.datesIn(toks[q].End, s.End); len(ds) > 0 && e.Date == "" {
				e.Date, e.EndDate = ds[0].Date, ds[0].End_
			}
		}
		for _, m := range rl.sentMentions(i, false) {
			if m.E.Type != schema.Event || rl.rc.reg.resolve(m.E) != rl.main || m.From == 0 || !ordinalToken(toks[m.From-1]) {
				continue
			}
			e := rl.rc.reg.get(schema.Event, cleanName(rl.a.span(m.From-1, m.To)), rl.main.Kind)
			if e == rl.main {
				continue
			}
			e.Kind = rl.main.Kind
			m.E, m.From = e, m.From-1
			if ds := rl.datesIn(toks[m.To-1].End, rl.a.Sents[i].End); len(ds) > 0 && e.Date == "" {
				e.Date, e.EndDate = ds[0].Date, ds[0].End_
			}
		}
	}
}

// futureSeries: the states that took part in the document's gathering
// take part in the next session of its series the document announces
// ("the 4th Session of the JFC will be held in Zenda").
func (rl *relater) futureSeries() {
	if rl.main == nil {
		return
	}
	toks := rl.a.Toks
	var states []*ent
	for _, f := range rl.facts {
		if f.T == schema.Attended && f.O == rl.main && f.S.Type == schema.Country && !slices.Contains(states, f.S) {
			states = append(states, f.S)
		}
	}
	if len(states) == 0 {
		return
	}
	mainKeys := rl.main.keys()
	for i := range rl.a.Sents {
		// "The delegations agreed to hold the next …" says who decided,
		// not who will come; an announcement says the series goes on.
		if !rl.has(i, "will take place", "will be held", "to take place", "to be held", "will convene") {
			continue
		}
		for _, m := range rl.sentMentions(i, false) {
			e := rl.rc.reg.resolve(m.E)
			if e == nil || e.Type != schema.Event || e == rl.main {
				continue
			}
			from := m.From
			for from < m.To && (toks[from].Key == "the" || ordinalToken(toks[from])) {
				from++
			}
			if from == m.From && !ordinalToken(toks[max(m.From-1, 0)]) {
				continue
			}
			rest := schema.Key(strings.Trim(rl.a.span(from, m.To), "\"“”'‘’ "))
			same := slices.Contains(mainKeys, rest) || m.Source == "next-session" || rl.sameSeries(rest)
			for _, k := range mainKeys {
				// "Session of the JFC": the series named by its acronym
				if !same && len(k) >= 2 && strings.HasSuffix(rest, " "+k) && strings.ToUpper(k) == strings.ToUpper(strings.Fields(rl.a.span(from, m.To))[len(strings.Fields(rl.a.span(from, m.To)))-1]) && !strings.Contains(k, " ") {
					same = true
				}
			}
			if !same {
				continue
			}
			for _, c := range states {
				rl.rel(c, e, schema.Attended, i, "future-series", 0.5)
			}
		}
	}
}

// hostBefore is the person who "hosted his colleagues" in the sentence
// before an attendance list at i (or in i itself): the host met each of
// those listed.
func (rl *relater) hostBefore(i int) *ent {
	toks := rl.a.Toks
	for j := i; j >= max(0, i-2); j-- {
		s := rl.a.Sents[j]
		for k := s.From; k+2 < s.To; k++ {
			if toks[k].Key != "hosted" && toks[k].Key != "hosts" {
				continue
			}
			var host *ent
			for _, m := range rl.sentMentions(j, false) {
				if m.From < k && m.E.Type == schema.Person {
					host = m.E
				}
			}
			// "his Nordic colleagues", "her counterparts"
			for q := k + 1; q < min(k+5, s.To); q++ {
				if key := toks[q].Key; key == "colleagues" || key == "counterparts" || key == "guests" {
					return host
				}
			}
		}
	}
	return nil
}

// councilsMet reads "the EU–Chile Association Council, which met at the
// Justus Lipsius building": a council of two parties, named by both, that
// met is their meeting, not a standing body; later mentions of it ("The
// Association Council discussed …") are the meeting too.
func (rl *relater) councilsMet() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, m := range slices.Clone(rc.ms) {
		// "the Rivian Ministries of Trade and Defence met": a list of
		// bodies, not one joint body
		if m.Dropped || m.Nested || m.E.Type != schema.Organization || m.To+2 >= len(toks) || m.Source == "shared-head" {
			continue
		}
		k := m.To
		if toks[k].Text == "," && toks[k+1].Key == "which" {
			k += 2
		}
		// "The next Franco-German Council of Ministers will be held in
		// Berlin": a body's session said to be held is a gathering.
		held := k+2 < len(toks) && (toks[k].Key == "will" && toks[k+1].Key == "be" && toks[k+2].Key == "held" || (toks[k].Key == "was" || toks[k].Key == "is") && toks[k+1].Key == "held" || toks[k].Key == "took" && toks[k+1].Key == "place" || toks[k].Key == "will" && toks[k+1].Key == "take" && toks[k+2].Key == "place")
		if toks[k].Key != "met" && !(toks[k].Key == "will" && toks[k+1].Key == "meet") && !held {
			continue
		}
		var parties []*ent
		for _, n := range rc.mentionsIn(m.From, m.To) {
			if n != m && (n.E.Type == schema.Country || n.E.Type == schema.Organization) && !slices.Contains(parties, n.E) {
				parties = append(parties, n.E)
			}
		}
		if len(parties) != 2 && !(held && meetingBodies[toks[m.To-1].Key]) {
			continue
		}
		org := m.E
		name := org.Name
		if held && m.From > 0 && ordinalToken(toks[m.From-1]) {
			name = cleanName(toks[m.From-1].Text + " " + name)
		}
		e := rc.reg.get(schema.Event, name, "MEETING")
		e.Kind = "MEETING"
		for _, a := range org.Aliases {
			e.addAlias(a)
		}
		// "Association Council": its name without the parties.
		short := ""
		if n := rc.mentionsIn(m.From, m.To); len(n) > 0 {
			last := n[len(n)-1]
			if last != m && last.To < m.To {
				short = cleanName(rl.a.span(last.To, m.To))
				e.addAlias(short)
			}
		}
		rc.reg.reindex(e)
		for _, o := range slices.Clone(rc.ms) {
			if o.Dropped || o.E.Type != schema.Organization {
				continue
			}
			if o.E == org || short != "" && schema.Key(o.E.Name) == schema.Key(short) {
				o.Dropped = true
				old := o.E
				rc.add(&mention{From: o.From, To: o.To, E: e, Source: "council-met"})
				rc.forget(old)
			}
		}
		if ds := findDates(rl.a.Text[toks[m.To-1].End:rl.a.Sents[toks[m.From].Sent].End], rl.doc.Date); len(ds) > 0 && e.Date == "" {
			e.Date, e.EndDate = ds[0].Date, ds[0].End_
		} else if e.Date == "" && rl.doc.Date != "" && toks[k].Key == "met" {
			e.Date = rl.doc.Date
		}
		sent := toks[m.From].Sent
		for _, p := range parties {
			rl.rel(p, e, schema.Attended, sent, "council-met", 0.6)
		}
		// "which met at the Justus Lipsius building in Brussels"
		for j := k + 1; j+1 < rl.a.Sents[sent].To && j-k < 12; j++ {
			if toks[j].Key != "at" && toks[j].Key != "in" {
				if toks[j].Word && !toks[j].Cap && toks[j].Key != "the" {
					break
				}
				continue
			}
			q := j + 1
			if toks[q].Key == "the" {
				q++
			}
			if p := rc.topAt(q); p != nil && (p.E.Type == schema.Location || p.E.Type == schema.Country) {
				rl.rel(e, p.E, schema.HeldIn, sent, "council-met", 0.6)
				j = p.To - 1
			}
		}
	}
}

// duringEvents reads "The signing took place during the EU–Chile
// Association Council": the gathering produced what the signing did.
func (rl *relater) duringEvents() {
	toks := rl.a.Toks
	for i, s := range rl.a.Sents {
		if !rl.has(i, "took place during", "takes place during", "will take place during") {
			continue
		}
		var sign, during *ent
		for k := s.From; k+2 < s.To; k++ {
			if toks[k].Key == "during" {
				// a gathering, not a visit: the visit's signing is its own
				for _, m := range rl.rc.starting(k + 1 + b2i(toks[k+1].Key == "the")) {
					if !m.Dropped && m.E.Type == schema.Event && rl.gathering(m.E) && m.E.Kind != "VISIT" {
						during = rl.rc.reg.resolve(m.E)
					}
				}
				break
			}
			if toks[k].Key == "signing" || toks[k].Key == "exchange" || toks[k].Key == "ceremony" {
				sign = rl.ceremonyEvent()
			}
		}
		if sign == nil || during == nil || sign == during {
			continue
		}
		for _, f := range slices.Clone(rl.facts) {
			if f.T == schema.Produced && f.S == sign {
				rl.rel(during, f.O, schema.Produced, i, "during", 0.6)
			}
		}
	}
}

// ceremonyEvent is the one signing event of the document, if one.
func (rl *relater) ceremonyEvent() *ent {
	var found *ent
	for _, f := range rl.facts {
		if f.T == schema.Produced && f.S.Kind == "SIGNING" {
			if found != nil && found != f.S {
				return nil
			}
			found = f.S
		}
	}
	return found
}

// quotedAfterMain reports the document's gathering named with a short
// name in quotes after it: 'Ministerial Meeting ("2+2")'.
func (rl *relater) quotedAfterMain(inner string) bool {
	for _, m := range rl.rc.ms {
		if m.Dropped || rl.rc.reg.resolve(m.E) != rl.main {
			continue
		}
		rest := strings.TrimLeft(rl.a.Text[rl.a.Toks[m.To-1].End:], " (")
		for _, q := range []string{"\"", "“", "'", "‘"} {
			if strings.HasPrefix(rest, q+inner) {
				return true
			}
		}
	}
	return false
}

// initiativesAsPrograms reads "aligning Saudi Vision 2030 with the Belt
// and Road Initiative": an initiative set beside an instrument, as its
// peer, is a programme too, not a body that acts or attends.
func (rl *relater) initiativesAsPrograms() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, m := range slices.Clone(rc.ms) {
		if m.Dropped || m.Nested || m.E.Type != schema.Organization || toks[m.To-1].Key != "initiative" || m.From < 3 {
			continue
		}
		k := m.From - 1
		if toks[k].Key == "the" {
			k--
		}
		if toks[k].Key != "with" && toks[k].Key != "and" && toks[k].Key != "into" && toks[k].Key != "to" {
			continue
		}
		peer := false
		for _, n := range rc.mentionsIn(max(rl.a.Sents[toks[m.From].Sent].From, k-6), k) {
			if n.E.Type == schema.Agreement && !n.Dropped {
				peer = true
			}
		}
		if !peer {
			continue
		}
		org := m.E
		e := rc.reg.get(schema.Agreement, org.Name, "PROGRAM")
		for _, a := range org.Aliases {
			e.addAlias(a)
		}
		rc.reg.reindex(e)
		for _, o := range slices.Clone(rc.ms) {
			if o.E == org && !o.Dropped {
				o.Dropped = true
				rc.add(&mention{From: o.From, To: o.To, E: e, Source: "initiative"})
			}
		}
		rc.forget(org)
	}
}

// cutBodies mends "Natural Resources Canada" read as "Resources Canada"
// where a line break or a heading cut its first word off: a body whose
// name ends another's, with the missing words right before it, is that
// body.
func (rl *relater) cutBodies() {
	rc := rl.rc
	var bodies []*ent
	for _, e := range rc.reg.ents {
		if e.Type == schema.Organization {
			bodies = append(bodies, e)
		}
	}
	for _, m := range slices.Clone(rc.ms) {
		if m.Dropped || m.E.Type != schema.Organization {
			continue
		}
		short := m.E
		for _, long := range bodies {
			if long == short || !strings.HasSuffix(" "+schema.Key(long.Name), " "+schema.Key(short.Name)) {
				continue
			}
			lw, sw := len(strings.Fields(long.Name)), len(strings.Fields(short.Name))
			from := m.From - (lw - sw)
			// not where the longer name was read already (a parent body
			// named inside its unit's name)
			if from < 0 || m.Nested || schema.Key(rl.a.span(from, m.To)) != schema.Key(long.Name) || rc.mentionAt(from, m.To) != nil || rc.coveredBy(from, m.To) != nil {
				continue
			}
			m.Dropped = true
			rc.add(&mention{From: from, To: m.To, E: long, Source: "cut-body"})
			rc.forget(short)
			break
		}
	}
}

// meetingBodies are bodies whose sessions are "held": "the Council of
// Ministers will be held", "the Joint Commission was held".
var meetingBodies = map[string]bool{"council": true, "commission": true, "committee": true, "ministers": true, "assembly": true, "forum": true}

// welcomes reads "Foreign Minister A today welcomed Foreign Minister B to
// Canberra for the ninth Annual Foreign Ministers' Meeting": host and
// guest met and took part in the gathering, held in the place.
func (rl *relater) welcomes() {
	toks := rl.a.Toks
	rc := rl.rc
	for i, s := range rl.a.Sents {
		if !rl.has(i, "welcomed", "welcomes", "will welcome") {
			continue
		}
		for v := s.From + 1; v+4 < s.To; v++ {
			if toks[v].Key != "welcomed" && toks[v].Key != "welcomes" && toks[v].Key != "welcome" {
				continue
			}
			var host *ent
			for _, m := range rc.mentionsIn(rl.clauseStart(i, v), v) {
				if m.E.Type == schema.Person && !m.Nested {
					host = m.E
				}
			}
			var g *mention
			for k := v + 1; g == nil && k < min(v+8, s.To); k++ {
				if m := rc.topAt(k); m != nil && m.E.Type == schema.Person {
					g = m
				}
			}
			if host == nil || g == nil || g.E.Type != schema.Person || g.To+2 >= s.To || toks[g.To].Key != "to" {
				break
			}
			place := rc.topAt(g.To + 1)
			if place == nil || place.E.Type != schema.Location && place.E.Type != schema.Country || place.To+2 >= s.To || toks[place.To].Key != "for" {
				break
			}
			q := place.To + 1
			if toks[q].Key == "the" {
				q++
			}
			for q < s.To && ordinalToken(toks[q]) {
				q++
			}
			var ev *ent
			for _, m := range rc.starting(q) {
				if m.E.Type == schema.Event && !m.Dropped {
					ev = m.E
				}
			}
			if ev == nil {
				for _, m := range rc.mentionsIn(q, min(q+8, s.To)) {
					if m.E.Type == schema.Event && !m.Dropped {
						ev = m.E
						break
					}
				}
			}
			if ev == nil {
				break
			}
			rl.rel(host, ev, schema.Attended, i, "welcome", 0.6)
			rl.rel(g.E, ev, schema.Attended, i, "welcome", 0.6)
			rl.rel(ev, place.E, schema.HeldIn, i, "welcome", 0.6)
			rl.rel(host, g.E, schema.MetWith, i, "welcome", 0.5)
			break
		}
	}
}

// nextMeetings reads "agreed to hold the next meeting in Jakarta in 2026",
// "the next round will take place in Tokyo": the next session of the
// document's gathering, named by the noun alone.
func (rl *relater) nextMeetings() {
	if rl.main == nil || !rl.gathering(rl.main) {
		return
	}
	toks := rl.a.Toks
	rc := rl.rc
	for i, s := range rl.a.Sents {
		if !rl.has(i, futureCues...) {
			continue
		}
		for k := s.From; k+2 < s.To; k++ {
			// "the next meeting", "the fourth meeting", "the next joint
			// session of the two governments"
			if toks[k].Key != "next" && !ordinalWords[toks[k].Key] || toks[k].Cap {
				continue
			}
			h := k + 1
			if sessionMods[toks[h].Key] && h+1 < s.To {
				h++
			}
			end := h + 1
			if end+3 < s.To && toks[end].Key == "of" && toks[end+1].Key == "the" && (toks[end+2].Key == "two" || toks[end+2].Key == "three") && toks[end+3].Word && !toks[end+3].Cap {
				end += 4
			}
			if end < s.To && toks[end].Key == "of" || rc.coveredBy(k, end) != nil || rc.mentionAt(k, end) != nil {
				continue
			}
			switch toks[h].Key {
			case "meeting", "session", "round", "consultations", "dialogue", "summit":
			default:
				continue
			}
			e := rc.reg.get(schema.Event, cleanName(rl.a.span(k, end)), rl.main.Kind)
			if e == rl.main {
				continue
			}
			e.Kind = rl.main.Kind
			rc.add(&mention{From: k, To: end, E: e, Source: "next-session"})
			for j := end; j+1 < s.To; j++ {
				if toks[j].Key != "in" {
					continue
				}
				if p := rc.topAt(j + 1); p != nil && (p.E.Type == schema.Location || p.E.Type == schema.Country) {
					rl.rel(e, p.E, schema.HeldIn, i, "next-session", 0.6)
					break
				}
			}
			if ds := rl.datesIn(toks[end-1].End, s.End); len(ds) > 0 && e.Date == "" {
				e.Date, e.EndDate = ds[0].Date, ds[0].End_
			}
		}
	}
}

// sessionMods qualify a next session named in lower case: "the next joint
// session".
var sessionMods = map[string]bool{"joint": true, "annual": true, "ministerial": true, "regular": true, "plenary": true, "ordinary": true, "bilateral": true}

// personAfter returns where the person "received" takes starts, past
// "today" or "on Monday", or 0. Only a person counts: "received a
// delegation", "received the report" are no meetings of two people.
func (rl *relater) personAfter(s sentence, i int) int {
	toks := rl.a.Toks
	k := i + 1
	for k < s.To && k-i <= 3 && (toks[k].Key == "today" || toks[k].Key == "yesterday" || toks[k].Key == "on" || calendarWords[toks[k].Key]) {
		k++
	}
	// "received H.E. …", "received the Minister of …, B"
	j := k
	for j < s.To && j-k <= 12 {
		if m := rl.rc.topAt(j); m != nil {
			if m.E.Type == schema.Person && !m.Nested {
				if j == k || rl.postBefore(k, j) {
					return k
				}
			}
			if m.E.Type != schema.Country && m.E.Type != schema.Organization {
				return 0
			}
			j = m.To
			continue
		}
		j++
	}
	return 0
}

// postBefore reports tokens [a,b) that hold a post and its honorifics
// only, before a name: "the Minister of Foreign Affairs of X,", "H.E.".
func (rl *relater) postBefore(a, b int) bool {
	for k := a; k < b; k++ {
		t := rl.a.Toks[k]
		if t.Word && !t.Cap && !connectors[t.Key] && t.Key != "the" {
			return false
		}
	}
	return true
}

// namedWith reads "A held a Japan-Viet Nam Summit Meeting with B": a
// gathering named in capitals, held with someone, is attended by both,
// who met.
func (rl *relater) namedWith() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, s := range rl.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for _, m := range rc.mentionsIn(s.From, s.To) {
			if m.Nested || m.Dropped || m.E.Type != schema.Event || m.To+1 >= s.To || toks[m.To].Key != "with" || m.From <= s.From {
				continue
			}
			v := m.From - 1
			for v > s.From && m.From-v <= 3 && !holdVerbs[toks[v].Key] && (toks[v].Key == "a" || toks[v].Key == "an" || toks[v].Key == "the" || ordinalToken(toks[v])) {
				v--
			}
			if !holdVerbs[toks[v].Key] || toks[v].Key == "has" || toks[v].Key == "have" || toks[v].Key == "had" {
				continue
			}
			var parties []*mention
			for k := m.To + 1; k < s.To; k++ {
				if key := toks[k].Key; key == ";" || key == "to" || key == "which" || key == "who" || key == "at" || key == "in" || key == "on" {
					break
				}
				if p := rc.topAt(k); p != nil && (p.E.Type == schema.Person || p.E.Type == schema.Organization) && !p.Nested {
					parties = append(parties, p)
					k = p.To - 1
				}
			}
			sent := toks[m.From].Sent
			subjects := rl.subjectsBefore(s, v)
			for _, p := range parties {
				if p.E.Type == schema.Person || !rl.postBody(p) {
					rl.rel(p.E, m.E, schema.Attended, sent, "meeting", 0.6)
				}
			}
			for _, a := range subjects {
				rl.rel(a.E, m.E, schema.Attended, sent, "meeting", 0.6)
				for _, b := range parties {
					if a.E.Type == schema.Person && b.E.Type == schema.Person && a.E != b.E {
						rl.rel(a.E, b.E, schema.MetWith, sent, "meeting", 0.6)
					}
				}
			}
		}
	}
}

// metFor reads "The Heads of State … met in Arusha, Tanzania, on 30
// November 2024 for the 24th Ordinary Summit": the gathering they met for
// was held where they met.
func (rl *relater) metFor() {
	toks := rl.a.Toks
	rc := rl.rc
	for i, s := range rl.a.Sents {
		if !rl.has(i, " met in ", "gathered in ", "convened in ", " meet in ") {
			continue
		}
		for k := s.From + 1; k+2 < s.To; k++ {
			switch toks[k].Key {
			case "met", "gathered", "convened", "meet":
			default:
				continue
			}
			if toks[k+1].Key != "in" {
				continue
			}
			var places []*ent
			p := rc.topAt(k + 2)
			if p == nil || p.E.Type != schema.Location && p.E.Type != schema.Country {
				break
			}
			places = append(places, p.E)
			if p.To+1 < s.To && toks[p.To].Text == "," {
				if n := rc.topAt(p.To + 1); n != nil && n.E.Type == schema.Country {
					places = append(places, n.E)
				}
			}
			for f := p.To; f+2 < s.To && f-p.To < 12; f++ {
				if toks[f].Key != "for" {
					continue
				}
				q := f + 1
				for q < s.To && (toks[q].Key == "the" || ordinalToken(toks[q])) {
					q++
				}
				var ev *ent
				for _, m := range rc.starting(q) {
					if m.E.Type == schema.Event && !m.Dropped {
						ev = m.E
					}
				}
				for _, m := range rc.starting(f + 2) {
					if ev == nil && m.E.Type == schema.Event && !m.Dropped {
						ev = m.E
					}
				}
				if ev != nil {
					for _, pl := range places {
						rl.rel(ev, pl, schema.HeldIn, i, "met-for", 0.6)
					}
				}
				break
			}
			break
		}
	}
}

// headlineSessions merges "24th Ordinary Summit in Arusha" in a headline
// with "the 24th Ordinary Summit of the EAC Heads of State" the text
// reports: a gathering the headline names by the start of the text's
// name, with its place, is the same one.
func (rl *relater) headlineSessions() {
	if len(rl.a.Sents) == 0 {
		return
	}
	rc := rl.rc
	// the lines before the body: those without a final stop
	end := 0
	for _, s := range rl.a.Sents {
		if last := rl.a.Toks[s.To-1].Text; last == "." || last == "!" || last == "?" {
			break
		}
		end = s.To
	}
	head := sentence{From: 0, To: end}
	for _, h := range rc.mentionsIn(head.From, head.To) {
		he := rc.reg.resolve(h.E)
		if he == nil || he.Type != schema.Event {
			continue
		}
		short := schema.Key(he.Name)
		if k := strings.Index(short, " in "); k > 0 {
			short = short[:k]
		}
		for _, m := range rc.mentionsIn(head.To, len(rl.a.Toks)) {
			e := rc.reg.resolve(m.E)
			if e == nil || e == he || e.Type != schema.Event || e.Kind != he.Kind || !strings.HasPrefix(schema.Key(e.Name), short+" ") {
				continue
			}
			rc.reg.merge(e, he)
			if rl.main == he {
				rl.main = e
			}
			break
		}
	}
}

// ordinalAliases: "the 24th Ordinary Summit", "the fourth meeting": a
// gathering's number before its name is another way to name it.
func (rl *relater) ordinalAliases() {
	toks := rl.a.Toks
	for _, m := range rl.rc.ms {
		if m.Dropped || m.E.Type != schema.Event || m.From == 0 {
			continue
		}
		t := toks[m.From-1]
		if t.Key == "next" || !ordinalToken(t) || t.Cap && !isDigits(strings.TrimRight(t.Key, "stndrh")) && m.From-1 > 0 && toks[m.From-2].Cap {
			continue
		}
		e := rl.rc.reg.resolve(m.E)
		if e == nil || strings.HasPrefix(strings.ToLower(e.Name), "next ") {
			continue
		}
		e.addAlias(t.Text + " " + rl.a.span(m.From, m.To))
	}
}

// weMet reads a joint statement's "We, the Foreign Ministers of France,
// Germany and Poland, met today in Paris …": the signatories' meeting,
// attended by the states they list, held where they met.
func (rl *relater) weMet() {
	toks := rl.a.Toks
	rc := rl.rc
	for i, s := range rl.a.Sents {
		if s.To-s.From < 8 || toks[s.From].Key != "we" || toks[s.From+1].Text != "," || toks[s.From+2].Key != "the" {
			continue
		}
		v := -1
		for k := s.From + 3; k < s.To && k-s.From < 30; k++ {
			if toks[k].Key == "met" || toks[k].Key == "gathered" || toks[k].Key == "convened" {
				v = k
				break
			}
		}
		if v < 0 || toks[v-1].Text != "," {
			continue
		}
		var parties []*mention
		for _, m := range rc.mentionsIn(s.From+3, v-1) {
			if !m.Nested && (m.E.Type == schema.Country || m.E.Type == schema.Organization) {
				parties = append(parties, m)
			}
		}
		if len(parties) < 2 {
			continue
		}
		e := rc.reg.get(schema.Event, cleanName("meeting of "+rl.a.span(s.From+2, v-1)), "MEETING")
		e.Kind = "MEETING"
		rc.add(&mention{From: s.From + 2, To: v - 1, E: e, Source: "we-met"})
		// "We adopted the Paris Declaration": at this meeting
		if rl.ceremony == nil {
			rl.ceremony = e
		}
		rl.weEvent = e
		for _, p := range parties {
			rl.rel(p.E, e, schema.Attended, i, "we-met", 0.6)
		}
		// "We, the Prime Ministers of A and B, Petr Fiala and Robert
		// Fico, met": the people named met there too.
		for _, m := range rc.mentionsIn(s.From+3, v-1) {
			if !m.Nested && m.E.Type == schema.Person {
				rl.rel(m.E, e, schema.Attended, i, "we-met", 0.6)
			}
		}
		end := rl.clauseEnd(&mention{From: v, To: v + 1, E: e}, s)
		if ds := rl.datesIn(toks[v].End, end); len(ds) > 0 {
			e.Date, e.EndDate = ds[0].Date, ds[0].End_
		} else if strings.Contains(strings.ToLower(rl.a.Text[toks[v].End:end]), "today") && rl.doc.Date != "" {
			e.Date = rl.doc.Date
		}
		for k := v + 1; k+1 < s.To && k-v < 4; k++ {
			if toks[k].Key == "in" {
				if p := rc.topAt(k + 1); p != nil && (p.E.Type == schema.Location || p.E.Type == schema.Country) {
					rl.rel(e, p.E, schema.HeldIn, i, "we-met", 0.6)
				}
				break
			}
		}
	}
}

// weSigned: the states that met as "we" signed what their meeting
// adopted.
func (rl *relater) weSigned() {
	if rl.weEvent == nil {
		return
	}
	for _, f := range slices.Clone(rl.facts) {
		if f.T != schema.Produced || f.S != rl.weEvent {
			continue
		}
		// Who signed it is said already: "During the session, the
		// Ministers of Defence, A and B, signed …".
		signers := slices.ContainsFunc(rl.facts, func(g fact) bool {
			return g.T == schema.Signed && g.O == f.O && g.S.Type == schema.Person
		})
		for _, g := range slices.Clone(rl.facts) {
			if g.T == schema.Attended && g.O == rl.weEvent && (g.S.Type == schema.Country || g.S.Type == schema.Person && g.Extractor == "we-met" && !signers) {
				rl.rel(g.S, f.O, schema.Signed, f.Sent, "we-met", 0.5)
			}
		}
	}
}

// bareHeads reads "The Authority adopted …" after "the ECOWAS Authority
// of Heads of State and Government": a body's head word alone, after
// "the", is the one body of the text it heads.
func (rl *relater) bareHeads() {
	toks := rl.a.Toks
	rc := rl.rc
	heads := map[string][]*ent{}
	for _, e := range rc.reg.ents {
		if e.Type != schema.Organization {
			continue
		}
		w := strings.Fields(e.Name)
		if len(w) < 2 {
			continue
		}
		h := w[len(w)-1]
		if i := slices.Index(w, "of"); i > 0 {
			h = w[i-1]
		}
		k := schema.Key(h)
		if orgHeads[k] == "" || slices.Contains(heads[k], e) {
			continue
		}
		heads[k] = append(heads[k], e)
	}
	for i := 1; i+1 < len(toks); i++ {
		t := toks[i]
		if !t.Cap || t.Ref || toks[i-1].Key != "the" || len(heads[t.Key]) != 1 || toks[i+1].Cap && toks[i+1].Word || toks[i+1].Key == "of" || rc.coveredBy(i, i+1) != nil || len(rc.starting(i)) > 0 {
			continue
		}
		rc.add(&mention{From: i, To: i + 1, E: heads[t.Key][0], Source: "bare-head"})
	}
}

// bodyAdopted: "The Authority adopted the Policy" in a report of the
// Authority's session: the session produced what its body adopted.
func (rl *relater) bodyAdopted() {
	if rl.main == nil || !rl.gathering(rl.main) {
		return
	}
	main := strings.ToLower(rl.main.Name)
	produced := map[*ent]bool{}
	for _, f := range rl.facts {
		if f.T == schema.Produced {
			produced[f.O] = true
		}
	}
	for _, f := range slices.Clone(rl.facts) {
		if f.T != schema.Signed || f.S.Type != schema.Organization || produced[f.O] || !rl.has(f.Sent, "adopted", "endorsed") {
			continue
		}
		if !strings.Contains(main, strings.ToLower(f.S.Name)) {
			continue
		}
		rl.rel(rl.main, f.O, schema.Produced, f.Sent, "body-adopted", 0.5)
		produced[f.O] = true
	}
}

// sameSeries reports a name of the series the main event belongs to, its
// states and number aside ("High-Level Meeting" for "13th Rivia–Zenda
// High-Level Meeting").
func (rl *relater) sameSeries(name string) bool {
	k, _ := rl.rc.seriesKey(name)
	return k != "" && slices.ContainsFunc(append([]string{rl.main.Name}, rl.main.Aliases...), func(n string) bool {
		m, _ := rl.rc.seriesKey(n)
		return m == k
	})
}
