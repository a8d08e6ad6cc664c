package ingest

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// visits names trips: "Secretary Pompeo will travel to the Czech
// Republic on August 11-13, 2020" is the event "Secretary Pompeo's visit
// to the Czech Republic", attended by the traveller, held in the place,
// dated by the sentence. Travel announcements count as held visits.
func (rl *relater) visits() {
	toks := rl.a.Toks
	rc := rl.rc
	rl.headlineVisit()
	for _, s := range rl.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for _, pm := range rc.mentionsIn(s.From, s.To) {
			if pm.E.Type != schema.Person {
				continue
			}
			k := pm.To
			// "the President of Argentina, Javier Milei, paid a State
			// Visit": the name set off by commas.
			if k+1 < s.To && toks[k].Text == "," {
				if _, ok := rl.visitPhrase(s, k+1); ok {
					k++
				}
			}
			// "A, Prime Minister of X, paid a State Visit": past the post.
			if k < s.To && toks[k].Text == "," {
				for j := k + 1; j < min(k+16, s.To); j++ {
					if toks[j].Text == "," {
						if _, ok := rl.visitPhrase(s, j+1); ok {
							k = j + 1
						}
						break
					}
				}
			}
			// "the visit of Ruritanian Chancellor Anna Weber to Rivia",
			// "the visit of the Minister …, Karl Hof, to Borduria"
			if rl.visitOf(s, pm) {
				continue
			}
			// "during President Widodo's working visit to the UAE"
			if k+2 < s.To && (toks[k].Text == "'s" || toks[k].Text == "’s") {
				rl.possessiveVisit(s, pm, k+1)
				continue
			}
			if k < s.To && toks[k].Key == "will" {
				k++
			}
			// "was on an official visit to Borduria", "paid a state visit
			// to Freedonia": the visit is named by its phrase.
			if v, ok := rl.visitPhrase(s, k); ok {
				rl.namedVisit(s, pm, v)
				continue
			}
			if k+1 >= s.To || !(toks[k].Key == "travel" || toks[k].Key == "travels" || toks[k].Key == "traveled" || toks[k].Key == "travelled" || toks[k].Key == "visit" || toks[k].Key == "visits" || toks[k].Key == "visited") {
				continue
			}
			k++
			if toks[k].Key == "to" {
				k++
			}
			place := k
			if k < s.To && toks[k].Key == "the" {
				k++
			}
			dest := rc.topAt(k)
			if dest == nil && toks[k-1].Key == "the" {
				dest = rl.newPlace(s, k)
			}
			if dest == nil || dest.E.Type != schema.Country && dest.E.Type != schema.Location {
				continue
			}
			who := rl.a.span(pm.From, pm.To)
			if pm.isPronoun() {
				who = pm.E.Name
			}
			// "Secretary Pompeo": the post before the name belongs to it.
			if pm.From > s.From && toks[pm.From-1].Cap && titleHeads[toks[pm.From-1].Key] {
				who = rl.a.span(pm.From-1, pm.To)
			}
			name := cleanName(who + "'s visit to " + rl.a.span(place, dest.To))
			e := rc.reg.get(schema.Event, name, "VISIT")
			e.Kind = "VISIT"
			for _, d := range rl.datesIn(toks[dest.To-1].End, s.End) {
				e.Date, e.EndDate = d.Date, d.End_
				break
			}
			rc.add(&mention{From: pm.From, To: dest.To, E: e, Source: "visit"})
			sent := toks[pm.From].Sent
			rl.rel(pm.E, e, schema.Attended, sent, "visit", 0.8)
			rl.rel(e, dest.E, schema.HeldIn, sent, "visit", 0.8)
			if rl.visit == nil {
				rl.visit = e
			}
			// "visited the Rivia Dam in Porto do Zenda": the site and the
			// town it lies in.
			if dest.Source == "visited-place" && dest.To+1 < s.To && toks[dest.To].Key == "in" {
				in := rc.topAt(dest.To + 1)
				if in == nil {
					// a town no gazetteer knows: "in Porto do Zenda,"
					a, b := dest.To+1, dest.To+1
					for b < s.To && b-a < 5 && (toks[b].Word && toks[b].Cap || nameParticles[toks[b].Key] && b+1 < s.To && toks[b+1].Cap) && rc.knownAt(b) == nil && orgHeads[toks[b].Key] == "" {
						b++
					}
					if b > a && toks[b-1].Cap && b < s.To && (toks[b].Text == "," || toks[b].Text == ".") && !calendarWords[toks[a].Key] {
						in = rc.add(&mention{From: a, To: b, E: rc.reg.get(schema.Location, cleanName(rl.a.span(a, b)), ""), Source: "place"})
					}
				}
				if in != nil && (in.E.Type == schema.Location || in.E.Type == schema.Country) {
					rl.rel(e, in.E, schema.HeldIn, sent, "visit", 0.7)
					rl.rel(dest.E, in.E, schema.LocatedIn, sent, "visit", 0.7)
				}
			}
			// "to Ruritania and Borduria": each stop is a visit of its
			// own (ONTOLOGY.md), which the event layer makes per stop.
			if rl.main == nil || mainKinds[rl.main.Kind] > mainKinds["VISIT"] {
				rl.main = e
			}
		}
	}
}

// visitOf reads "the visit of [post] Name[,] to Place" around the person
// at pm: a visit the person paid, held in the place.
func (rl *relater) visitOf(s sentence, pm *mention) bool {
	toks := rl.a.Toks
	rc := rl.rc
	start := -1
	for k := pm.From - 1; k > s.From && pm.From-k <= 14; k-- {
		if toks[k].Key == "of" && (toks[k-1].Key == "visit" || toks[k-1].Key == "visits") && !toks[k-1].Cap {
			start = k - 1
			break
		}
		if t := toks[k]; !(t.Word && (t.Cap || t.Key == "the" || t.Key == "of" || t.Key == "and" || t.Key == "for")) && t.Text != "," {
			return false
		}
	}
	if start < 0 {
		return false
	}
	k := pm.To
	if k < s.To && toks[k].Text == "," {
		k++
	}
	if k+1 >= s.To || toks[k].Key != "to" {
		return false
	}
	k++
	if toks[k].Key == "the" {
		k++
	}
	dest := rc.topAt(k)
	if dest == nil || dest.E.Type != schema.Country && dest.E.Type != schema.Location {
		return false
	}
	e := rc.reg.get(schema.Event, cleanName(rl.a.span(start, dest.To)), "VISIT")
	e.Kind = "VISIT"
	rc.add(&mention{From: start, To: dest.To, E: e, Source: "visit"})
	sent := toks[pm.From].Sent
	rl.rel(pm.E, e, schema.Attended, sent, "visit", 0.7)
	rl.rel(e, dest.E, schema.HeldIn, sent, "visit", 0.7)
	if rl.visit == nil {
		rl.visit = e
	}
	return true
}

// jointStatements links an instrument named after an event ("Joint
// Statement on the Inaugural … Cyber Dialogue") to it: the event produced
// it and the states that attended signed it.
func (rl *relater) jointStatements() {
	for _, ag := range rl.rc.reg.ents {
		if ag.Type != schema.Agreement {
			continue
		}
		k := schema.Key(ag.Name)
		for _, ev := range rl.rc.reg.ents {
			if ev.Type != schema.Event || !slices.ContainsFunc(ev.keys(), func(n string) bool { return len(strings.Fields(n)) >= 2 && namedAfter(k, n) }) {
				continue
			}
			sent := rl.firstSent(ag)
			rl.rel(ev, ag, schema.Produced, sent, "named-after", 0.6)
			for _, f := range rl.facts {
				if f.T == schema.Attended && f.O == ev && f.S.Type == schema.Country {
					rl.rel(f.S, ag, schema.Signed, sent, "named-after", 0.5)
				}
			}
		}
	}
}

// namedAfter reports an instrument's folded name k that names the event
// n as its occasion ("joint statement on the … dialogue", "joint
// statement mexico united states … dialogue"), not as what it commits to
// ("declaration of commitment to the zenda initiative").
func namedAfter(k, n string) bool {
	i := strings.Index(k, n)
	if i < 0 {
		return false
	}
	before := strings.Fields(k[:i])
	if len(before) > 0 && before[len(before)-1] == "the" {
		before = before[:len(before)-1]
	}
	if len(before) == 0 {
		return true
	}
	switch before[len(before)-1] {
	case "to", "towards", "for", "under":
		return false
	}
	return true
}

func (rl *relater) firstSent(e *ent) int {
	best := -1
	for _, m := range rl.rc.ms {
		if rl.rc.reg.resolve(m.E) == e {
			if s := rl.a.Toks[m.From].Sent; best < 0 || s < best {
				best = s
			}
		}
	}
	return max(best, 0)
}

var lowerInstruments = map[string]string{"declaration": "DECLARATION", "agreement": "AGREEMENT", "treaty": "TREATY", "memorandum": "MOU", "statement": "JOINT_STATEMENT", "pledge": "OTHER"}

// lowerStatements finds instruments named in lower case: "issued a joint
// statement on media freedom", "the Joint Nordic Air Defence declaration".
func (rc *recognizer) lowerStatements() {
	toks := rc.a.Toks
	for i := 1; i < len(toks); i++ {
		kind, ok := lowerInstruments[toks[i].Text]
		if !ok || !toks[i-1].Cap || toks[i-1].Ref {
			continue
		}
		m := rc.mentionEndingAt(i)
		from := i - 1
		for from > 0 && toks[from-1].Cap && toks[from-1].Word && toks[from-1].Sent == toks[i].Sent && !leadStop[toks[from-1].Key] {
			from--
		}
		if m != nil && m.E.Type == schema.Country && m.From == from {
			continue // "the Czech declaration": a state's, not a name
		}
		if i-from < 2 {
			continue
		}
		e := rc.reg.get(schema.Agreement, cleanName(rc.a.span(from, i+1)), kind)
		rc.nest(from, i+1)
		rc.add(&mention{From: from, To: i + 1, E: e, Source: "pattern"})
	}
	// "a Ruritania-Borduria inland fisheries cooperation agreement": an
	// instrument between two states, named in lower case after them.
	for i := 3; i < len(toks); i++ {
		kind, ok := lowerInstruments[toks[i].Text]
		if !ok || toks[i].Ref || kind == "JOINT_STATEMENT" {
			continue
		}
		k := i - 1
		for k > 0 && i-k <= 5 && toks[k].Word && !toks[k].Cap && !leadStop[toks[k].Key] && toks[k].Sent == toks[i].Sent {
			k--
		}
		if k == i-1 {
			continue
		}
		b := rc.mentionEndingAt(k + 1)
		if b == nil || b.E.Type != schema.Country || b.From < 2 || toks[b.From-1].Text != "-" {
			continue
		}
		a := rc.mentionEndingAt(b.From - 1)
		if a == nil || a.E.Type != schema.Country || rc.coveredBy(a.From, i+1) != nil {
			continue
		}
		e := rc.reg.get(schema.Agreement, cleanName(rc.a.span(a.From, i+1)), kind)
		rc.add(&mention{From: a.From, To: i + 1, E: e, Source: "pattern"})
	}
	for i := 0; i+3 < len(toks); i++ {
		if toks[i].Text != "joint" || !(toks[i+1].Text == "statement" || toks[i+1].Text == "declaration") || toks[i+2].Text != "on" {
			continue
		}
		j := i + 3
		for j < len(toks) && j-i < 7 && toks[j].Word && !toks[j].Cap && toks[j].Sent == toks[i].Sent && !leadStop[toks[j].Key] {
			j++
		}
		if j == i+3 {
			continue
		}
		kind := "JOINT_STATEMENT"
		if toks[i+1].Text == "declaration" {
			kind = "DECLARATION"
		}
		e := rc.reg.get(schema.Agreement, cleanName(rc.a.span(i, j)), kind)
		rc.add(&mention{From: i, To: j, E: e, Source: "pattern"})
		i = j
	}
}

var visitAdjectives = map[string]bool{"official": true, "state": true, "working": true, "bilateral": true, "first": true}

// visitPhrase finds "was on an official visit", "is on a state visit",
// "paid a working visit", "will pay an official visit" at token k and
// returns the position of the phrase's first adjective or of "visit".
func (rl *relater) visitPhrase(s sentence, k int) (int, bool) {
	toks := rl.a.Toks
	// "…, Premier of the State Council, who is on an official visit to"
	if k+2 < s.To && toks[k].Key == "who" {
		k++
	}
	switch {
	case k+1 < s.To && (toks[k].Key == "was" || toks[k].Key == "is" || toks[k].Key == "be") && toks[k+1].Key == "on":
		k += 2
	case k < s.To && (toks[k].Key == "paid" || toks[k].Key == "pay" || toks[k].Key == "pays" || toks[k].Key == "made"):
		k++
	default:
		return 0, false
	}
	if k < s.To && (toks[k].Key == "a" || toks[k].Key == "an" || toks[k].Key == "his" || toks[k].Key == "her") {
		k++
	}
	start := k
	for k < s.To && visitAdjectives[toks[k].Key] {
		k++
	}
	if k+1 < s.To && toks[k].Key == "visit" && toks[k+1].Key == "to" {
		return start, true
	}
	return 0, false
}

// namedVisit makes "official visit to the Republic of Korea from May 16
// to 17" a visit attended by the person before it, held in the place.
func (rl *relater) namedVisit(s sentence, pm *mention, from int) {
	toks := rl.a.Toks
	rc := rl.rc
	k := from
	for toks[k].Key != "to" {
		k++
	}
	k++
	if k < s.To && toks[k].Key == "the" {
		k++
	}
	dest := rc.topAt(k)
	if dest == nil || dest.E.Type != schema.Country && dest.E.Type != schema.Location {
		return
	}
	e := rc.reg.get(schema.Event, cleanName(rl.a.span(from, dest.To)), "VISIT")
	// "paid a State Visit to Borduria" under the headline "Visit of … to
	// Borduria": the visit the document is about.
	if h := rl.headVisit; h != nil && rl.heldIn(h, dest.E) {
		for _, m := range rc.mentionsIn(from, dest.To) {
			if m.E.Type == schema.Event && m.E != h {
				rc.reg.merge(h, m.E)
			}
		}
		if e != h {
			rc.reg.merge(h, e)
		}
		e = h
	}
	e.Kind = "VISIT"
	if e.Date == "" {
		if ds := rl.datesIn(toks[dest.To-1].End, rl.clauseEnd(dest, s)); len(ds) > 0 {
			e.Date, e.EndDate = ds[0].Date, ds[0].End_
		}
	}
	rc.add(&mention{From: from, To: dest.To, E: e, Source: "visit"})
	sent := toks[pm.From].Sent
	rl.rel(pm.E, e, schema.Attended, sent, "visit", 0.8)
	rl.rel(e, dest.E, schema.HeldIn, sent, "visit", 0.8)
	if rl.visit == nil {
		rl.visit = e
	}
}

// headlineVisit reads a headline that names a visit: "Visit of Prime
// Minister of … to India (July 30 – August 1, 2024)". The states named
// took part; the visit is the one the document is about.
func (rl *relater) headlineVisit() {
	toks := rl.a.Toks
	rc := rl.rc
	for _, s := range rl.a.Sents {
		if last := toks[s.To-1].Text; last == "." || last == "!" || last == "?" {
			return // the body has begun
		}
		for k := s.From; k+2 < s.To; k++ {
			if toks[k].Key != "visit" || !toks[k].Cap || toks[k+1].Key != "of" && toks[k+1].Key != "by" {
				continue
			}
			from := k
			for from > s.From && visitAdjectives[toks[from-1].Key] && toks[from-1].Cap {
				from--
			}
			var dest *mention
			for j := k + 2; j+1 < s.To && dest == nil; j++ {
				if toks[j].Key != "to" {
					continue
				}
				d := j + 1
				if toks[d].Key == "the" && d+1 < s.To {
					d++
				}
				if m := rc.topAt(d); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Location) {
					dest = m
				}
			}
			if dest == nil {
				continue
			}
			e := rc.reg.get(schema.Event, cleanName(rl.a.span(from, dest.To)), "VISIT")
			e.Kind = "VISIT"
			if ds := rl.datesIn(toks[dest.To-1].End, s.End); len(ds) > 0 && e.Date == "" {
				e.Date, e.EndDate = ds[0].Date, ds[0].End_
			}
			rc.nest(from, dest.To)
			rc.add(&mention{From: from, To: dest.To, E: e, Source: "visit"})
			for _, m := range rc.mentionsIn(from, dest.To) {
				if m.E.Type == schema.Country {
					rl.rel(m.E, e, schema.Attended, toks[from].Sent, "headline-visit", 0.7)
				}
			}
			rl.rel(e, dest.E, schema.HeldIn, toks[from].Sent, "headline-visit", 0.7)
			if dest.E.Type == schema.Country {
				rl.rel(dest.E, e, schema.Attended, toks[from].Sent, "headline-visit", 0.6)
			}
			rl.visit, rl.headVisit = e, e
			return
		}
	}
}

// heldIn reports an event already placed in p.
func (rl *relater) heldIn(e, p *ent) bool {
	for _, f := range rl.facts {
		if f.S == e && f.O == p && f.T == schema.HeldIn {
			return true
		}
	}
	return false
}

// possessiveVisit reads "President Widodo's working visit to the UAE on
// 15–16 July": the visitor's visit, held in the place.
func (rl *relater) possessiveVisit(s sentence, pm *mention, k int) {
	toks := rl.a.Toks
	rc := rl.rc
	for k < s.To && visitAdjectives[toks[k].Key] {
		k++
	}
	if k+2 >= s.To || toks[k].Key != "visit" || toks[k+1].Key != "to" {
		return
	}
	d := k + 2
	if toks[d].Key == "the" && d+1 < s.To {
		d++
	}
	dest := rc.topAt(d)
	if dest == nil || dest.E.Type != schema.Country && dest.E.Type != schema.Location {
		return
	}
	from := pm.From
	if from > s.From && toks[from-1].Cap && titleHeads[toks[from-1].Key] {
		from--
	}
	name := cleanName(rl.a.span(from, pm.To) + "'s " + rl.a.span(pm.To+1, dest.To))
	e := rc.reg.get(schema.Event, name, "VISIT")
	e.Kind = "VISIT"
	if e.Date == "" {
		if ds := rl.datesIn(toks[dest.To-1].End, rl.clauseEnd(dest, s)); len(ds) > 0 {
			e.Date, e.EndDate = ds[0].Date, ds[0].End_
		}
	}
	rc.add(&mention{From: from, To: dest.To, E: e, Source: "visit"})
	sent := toks[pm.From].Sent
	rl.rel(pm.E, e, schema.Attended, sent, "visit", 0.8)
	rl.rel(e, dest.E, schema.HeldIn, sent, "visit", 0.8)
	// The host state and the visitor's took part.
	if dest.E.Type == schema.Country {
		rl.rel(dest.E, e, schema.Attended, sent, "visit", 0.6)
	}
	if pm.TitleOf != nil && pm.TitleOf.Type == schema.Country {
		rl.rel(pm.TitleOf, e, schema.Attended, sent, "visit", 0.6)
	}
	if rl.visit == nil {
		rl.visit = e
	}
}

// visitHosts: on a visit the document is about, the people who met the
// visitors took part in it ("Vice President A called on the visiting
// dignitary").
func (rl *relater) visitHosts() {
	v := rl.main
	if v == nil || v.Kind != "VISIT" {
		return
	}
	rl.visitPlaces(v)
	guests := map[*ent]bool{}
	for _, f := range rl.facts {
		if f.T == schema.Attended && f.O == v && f.S.Type == schema.Person {
			guests[f.S] = true
		}
	}
	places := map[*ent]bool{}
	for _, f := range rl.facts {
		if f.S == v && f.T == schema.HeldIn {
			places[f.O] = true
		}
	}
	for _, f := range slices.Clone(rl.facts) {
		if f.T != schema.MetWith {
			continue
		}
		// A meeting in a place the visit did not go to was another trip;
		// one announced ("will meet") is not yet attendance.
		if rl.has(f.Sent, " will ") || slices.ContainsFunc(rl.sentMentions(f.Sent, false), func(m *mention) bool {
			return (m.E.Type == schema.Location || m.E.Type == schema.Country) && !places[m.E]
		}) {
			continue
		}
		switch {
		case guests[f.S] && !guests[f.O]:
			rl.rel(f.O, v, schema.Attended, f.Sent, "visit-host", 0.5)
		case guests[f.O] && !guests[f.S]:
			rl.rel(f.S, v, schema.Attended, f.Sent, "visit-host", 0.5)
		}
	}
}

// publisherState is the one state the front matter names as the
// publisher ("Ministry of External Affairs / Government of India"):
// posts named bare in its text are that state's.
func (rl *relater) publisherState() *ent {
	toks := rl.a.Toks
	var state *ent
	for _, s := range rl.a.Sents {
		if last := toks[s.To-1].Text; last == "." || last == "!" || last == "?" {
			break // the body has begun
		}
		if s.To-s.From > 6 {
			continue // a headline, not the publisher's name
		}
		for _, m := range rl.rc.mentionsIn(s.From, s.To) {
			c := m.E
			if c.Type == schema.Organization && c.Kind == "GOVERNMENT" {
				c = c.Country
			}
			if c == nil || c.Type != schema.Country || c.Name == "United States" {
				continue
			}
			if state != nil && state != c {
				return nil
			}
			state = c
		}
	}
	return state
}

func last(toks []token, s sentence) string { return toks[s.To-1].Text }

// visitPlaces: in a report of a visit its headline names, the places the
// body says things happened "at" or "in" are where the visit went, unless
// they lie in another state than the one visited. Of a visit the body
// names, the places of the sentence that names it are ("received today
// at Al-Yamamah Palace in Riyadh X, who is on an official visit to …").
func (rl *relater) visitPlaces(v *ent) {
	only := -1
	if v != rl.headVisit {
		if v != rl.visit {
			return
		}
		only = rl.firstSent(v)
		if only < 0 {
			return
		}
	}
	toks := rl.a.Toks
	var dest *ent
	for _, f := range rl.facts {
		if f.S == v && f.T == schema.HeldIn && f.O.Type == schema.Country {
			dest = f.O
		}
	}
	if dest == nil {
		return
	}
	for i, s := range rl.a.Sents {
		if only >= 0 && i != only || last(toks, s) != "." && last(toks, s) != ";" || rl.has(i, " will ", "ahead of") {
			continue
		}
		for _, m := range rl.sentMentions(i, false) {
			if m.E.Type != schema.Location || m.From < 1 {
				continue
			}
			p := toks[m.From-1].Key
			if p == "the" && m.From > 1 {
				p = toks[m.From-2].Key
			}
			// a region spanning states ("the Indo-Pacific") is no stop
			if p != "at" && p != "in" || m.E.Country != nil && m.E.Country != dest || m.E.Gaz != nil && m.E.Gaz.Country == "" || m.E.Gaz != nil && m.E.Gaz.Country != dest.Name {
				continue
			}
			rl.rel(v, m.E, schema.HeldIn, i, "visit-place", 0.5)
		}
	}
}

// siteNouns close the name of a site visited: "the Pabradė training
// area", "the Itaipu Dam".
var siteNouns = map[string]bool{"area": true, "base": true, "port": true, "dam": true, "plant": true, "site": true, "camp": true, "range": true, "shipyard": true, "facility": true, "airbase": true, "ground": true, "grounds": true}

// newPlace reads the site after "visited the": capitalized words no
// gazetteer knows, closed by a site's noun in either case. It is a place.
func (rl *relater) newPlace(s sentence, k int) *mention {
	toks := rl.a.Toks
	rc := rl.rc
	end := k
	for end < s.To && end-k < 4 && toks[end].Word && toks[end].Cap && rc.knownAt(end) == nil && orgHeads[toks[end].Key] == "" && !leadStop[toks[end].Key] {
		end++
	}
	if end == k || rc.coveredBy(k, end) != nil {
		return nil
	}
	switch {
	case siteNouns[toks[end-1].Key] && end-k >= 2:
	case end < s.To && siteNouns[toks[end].Key]:
		end++
	case end+1 < s.To && !toks[end].Cap && toks[end].Word && siteNouns[toks[end+1].Key] && !toks[end+1].Cap:
		end += 2 // "training area"
	default:
		return nil
	}
	e := rc.reg.get(schema.Location, cleanName(rl.a.span(k, end)), "")
	return rc.add(&mention{From: k, To: end, E: e, Source: "visited-place"})
}

// mergeVisits: "Minister Sikorski visits Vilnius" in the headline and
// "paid an official visit to Vilnius on 14 May" in the text are one
// visit: the same traveller, the same place, no two different days.
func (rl *relater) mergeVisits() {
	type key struct{ who, where *ent }
	seen := map[key]*ent{}
	places := map[*ent][]*ent{}
	people := map[*ent][]*ent{}
	for _, f := range rl.facts {
		if f.T == schema.HeldIn && f.S.Kind == "VISIT" {
			places[f.S] = append(places[f.S], f.O)
		}
		if f.T == schema.Attended && f.O.Kind == "VISIT" && f.S.Type == schema.Person {
			people[f.O] = append(people[f.O], f.S)
		}
	}
	for _, m := range rl.rc.ms {
		v := rl.rc.reg.resolve(m.E)
		if v == nil || v.Type != schema.Event || v.Kind != "VISIT" || m.Dropped {
			continue
		}
		for _, p := range people[v] {
			for _, l := range places[v] {
				k := key{p, l}
				w := seen[k]
				if w == nil {
					seen[k] = v
					continue
				}
				w = rl.rc.reg.resolve(w)
				if w == v || w.Date != "" && v.Date != "" && w.Date != v.Date {
					continue
				}
				// keep the one the text dates
				a, b := w, v
				if a.Date == "" && b.Date != "" {
					a, b = b, a
				}
				rl.rc.reg.merge(a, b)
				if rl.visit == b {
					rl.visit = a
				}
				if rl.headVisit == b {
					rl.headVisit = a
				}
				seen[k] = a
			}
		}
	}
}
