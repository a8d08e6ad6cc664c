package ingest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/schema"
)

// mention is a span of tokens [From,To) naming an entity.
type mention struct {
	From, To int
	E        *ent
	Nested   bool   // inside a longer mention (the country of "Army of the Republic of Borduria")
	Title    string // persons: the post named with them
	TitleOf  *ent   // persons: the body or state the post belongs to; instruments: the state whose it is
	Source   string
	Dropped  bool // not a mention after all
}

// Words that head names of bodies, instruments, events and venues. The
// kind follows from the head.
var (
	orgHeads = map[string]string{
		"ministry": "GOVERNMENT", "ministries": "GOVERNMENT", "department": "GOVERNMENT", "departments": "GOVERNMENT",
		"agency": "GOVERNMENT", "authority": "GOVERNMENT", "office": "GOVERNMENT", "centre": "GOVERNMENT",
		"center": "GOVERNMENT", "service": "GOVERNMENT", "council": "GOVERNMENT", "police": "GOVERNMENT",
		"division": "MILITARY", "regiment": "MILITARY", "battalion": "MILITARY", "tribunal": "OTHER",
		"board": "GOVERNMENT", "bureau": "GOVERNMENT", "committee": "GOVERNMENT", "commission": "GOVERNMENT",
		"embassy": "GOVERNMENT", "administration": "GOVERNMENT", "directorate": "GOVERNMENT", "inspectorate": "GOVERNMENT",
		"secretariat": "GOVERNMENT", "prosecutor": "GOVERNMENT", "court": "GOVERNMENT", "government": "GOVERNMENT",
		"command": "MILITARY", "army": "MILITARY", "forces": "MILITARY", "force": "MILITARY", "navy": "MILITARY",
		"guard": "MILITARY", "corps": "MILITARY", "brigade": "MILITARY", "mission": "INTERNATIONAL",
		"parliament": "LEGISLATURE", "senate": "LEGISLATURE", "assembly": "LEGISLATURE", "congress": "LEGISLATURE",
		"chamber": "LEGISLATURE", "initiative": "INTERNATIONAL", "organization": "INTERNATIONAL", "organisation": "INTERNATIONAL",
		"institute": "OTHER", "academy": "OTHER", "university": "OTHER", "foundation": "OTHER", "corporation": "COMPANY", "company": "COMPANY",
		"alliance": "OTHER", "coalition": "OTHER", "cartel": "OTHER",
		// a ministry's parts: "Head of the Economic Affairs Sector"
		"sector": "GOVERNMENT", "section": "GOVERNMENT", "unit": "GOVERNMENT",
		// legal forms that end companies' names: "Uniper SE", "Siemens AG"
		"se": "COMPANY", "ag": "COMPANY", "gmbh": "COMPANY", "inc": "COMPANY", "ltd": "COMPANY", "llc": "COMPANY", "plc": "COMPANY", "asa": "COMPANY", "oyj": "COMPANY",
	}
	// tailHeads head a body's name only at its end or before "of"/"for":
	// "Rivia Farmers Alliance", not "the Alliance's Northern Border".
	tailHeads      = map[string]bool{"alliance": true, "coalition": true, "cartel": true, "se": true, "ag": true, "gmbh": true, "inc": true, "ltd": true, "llc": true, "plc": true, "asa": true, "oyj": true}
	agreementHeads = map[string]string{
		"agreement": "AGREEMENT", "treaty": "TREATY", "memorandum": "MOU", "mou": "MOU", "declaration": "DECLARATION",
		"statement": "JOINT_STATEMENT", "strategy": "STRATEGY", "policy": "POLICY", "proposals": "OTHER",
		"charter": "TREATY", "program": "PROGRAM", "programme": "PROGRAM", "convention": "TREATY", "accord": "AGREEMENT",
		"accords": "AGREEMENT", "protocol": "TREATY", "pact": "TREATY", "plan": "PROGRAM", "act": "OTHER",
		"partnership": "PROGRAM", "framework": "OTHER", "understanding": "MOU", "vision": "STRATEGY", "pledge": "OTHER",
		"minutes": "OTHER", "letter": "OTHER", "communique": "JOINT_STATEMENT", "communiqué": "JOINT_STATEMENT",
	}
	eventHeads = map[string]string{
		"dialogue": "DIALOGUE", "summit": "SUMMIT", "conference": "CONFERENCE", "negotiations": "NEGOTIATION",
		"talks": "NEGOTIATION", "forum": "CONFERENCE", "meeting": "MEETING", "revolution": "OTHER", "war": "CONFLICT",
		"exercise": "EXERCISE", "exercises": "EXERCISE", "consultations": "MEETING", "visit": "VISIT",
		"session": "MEETING", "mediation": "NEGOTIATION", "roundtable": "MEETING",
	}
	// eventOfBody are event heads that name a gathering of the body after
	// "of": "Session of the Zenda Commission", "Meeting of the Council".
	eventOfBody = map[string]bool{"session": true, "meeting": true, "summit": true}
	venueHeads  = map[string]bool{
		"palace": true, "museum": true, "memorial": true, "castle": true, "square": true, "hall": true,
		"building": true, "cathedral": true, "headquarters": true, "airport": true, "base": true, "hotel": true, "house": true, "monument": true,
		"station": true,
		"qasr":    true, // Arabic: palace ("Qasr Al Watan")
	}
	connectors = map[string]bool{"of": true, "the": true, "and": true, "&": true, "for": true, "against": true, "on": true, "de": true, "'s": true}
	// leading words that are not part of a name when a sentence or
	// heading puts a capital on them.
	leadStop = map[string]bool{
		"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "as": true, "this": true, "that": true,
		"these": true, "our": true, "we": true, "it": true, "its": true, "their": true, "with": true, "by": true,
		"for": true, "from": true, "to": true, "after": true, "before": true, "during": true, "since": true,
		"while": true, "although": true, "if": true, "both": true, "all": true, "new": true, "inaugural": true,
		"first": true, "next": true, "such": true, "and": true, "of": true, "under": true, "between": true,
		"following": true, "following:": true, "besides": true, "despite": true, "given": true, "lastly": true,
		"together": true, "however": true, "according": true, "establishing": true, "launching": true,
		"supporting": true, "signing": true, "adoption": true, "opening": true, "enlisting": true, "hosting": true,
		"including": true, "expanding": true, "representatives": true, "delegations": true, "officials": true, "members": true, "taking": true, "making": true, "leading": true, "many": true, "more": true,
	}
)

// subjectWords open an instrument's subject in its name, after the
// parties: "… Concerning Reciprocal Access", "… on Defence Cooperation".
var subjectWords = map[string]bool{"concerning": true, "regarding": true, "on": true, "relating": true, "for": true}

// purposeVerbs go on an instrument's name after "to": "… to Combat
// Transnational Crime", "… to Prevent …".
var purposeVerbs = map[string]bool{
	"combat": true, "prevent": true, "counter": true, "suppress": true, "eliminate": true, "end": true,
	"promote": true, "strengthen": true, "enhance": true, "protect": true, "facilitate": true, "establish": true,
	"implement": true, "avoid": true, "reduce": true, "ban": true, "prohibit": true,
}

// relationVerbs tend a relationship: "enhance the … Partnership".
var relationVerbs = map[string]bool{
	"enhance": true, "strengthen": true, "deepen": true, "implement": true, "elevate": true, "upgrade": true,
	"advance": true, "expand": true, "broaden": true, "consolidate": true,
}

// fieldList reports whether the words after a comma inside a name go on
// as a list of fields that "and" closes ("Terrorism, Extremism and
// Cybercrime"), not as an apposition that names a person or a post
// ("Federal Police, Andrei Rodrigues, …", "…Service, Lieutenant General").
func fieldList(toks []token) bool {
	// a field is a word ("Trade", "African Cooperation"); a run that is
	// none is a name set off after a post ("the Minister of Trade, Kofi
	// Mensah and …")
	if len(toks) == 0 || honorific(toks[0]) || titleHeads[toks[0].Key] || !fieldItem(toks) {
		return false
	}
	for k, t := range toks {
		switch {
		case t.Key == "and" || t.Key == "&":
			// the last field follows in capitals; "President of the
			// Senate, Ana Lima, and addressed …" closes a name set off
			if k+2 < len(toks) && toks[k+1].Key == "the" {
				k++ // ", and the Treasury"
			}
			return k+1 < len(toks) && toks[k+1].Cap && toks[k+1].Word
		case t.Word && t.Cap, t.Text == ",", t.Text == "-":
		case t.Word && (t.Key == "of" || t.Key == "for"):
		default:
			return false
		}
	}
	return false
}

// fieldItem reports a first field that ends in a common noun
// ("Trade", "African Cooperation"), not in a family name.
func fieldItem(toks []token) bool {
	k := 0
	for k < len(toks) && toks[k].Word && toks[k].Cap {
		k++
	}
	wordsOnce.Do(loadWords)
	return k > 0 && lowerWord[toks[k-1].Key] && !properWrd[toks[k-1].Text]
}

// appositive reports a capitalized run closed by a comma and a post
// ("…, and Mykola Tochytskyi, Deputy Minister"): a person, not the last
// field of a name.
func appositive(toks []token) bool {
	k := 0
	for k < len(toks) && toks[k].Word && toks[k].Cap {
		k++
	}
	return k > 0 && k+1 < len(toks) && toks[k].Text == "," && (titleHeads[toks[k+1].Key] || titleMods[toks[k+1].Key] || honorific(toks[k+1]))
}

// capPhrases returns the spans of runs of capitalized words in sentence s,
// joined by connectors ("Ministry of Fisheries and Forestry"), hyphens
// ("Ruritania - Freedonia") and, inside a name that already has a
// complement, commas ("Centre against Smuggling, Piracy and Poaching").
func capPhrases(a *annotated, s sentence) [][2]int {
	toks := a.Toks
	var out [][2]int
	i := s.From
	for i < s.To {
		t := toks[i]
		if !(t.Word && (t.Cap || isDigits(t.Text) && len(t.Text) == 4)) {
			i++
			continue
		}
		j := i + 1
		last := i + 1 // end of the phrase so far (after a capitalized word)
		complement := false
		for j < s.To {
			u := toks[j]
			switch {
			case u.Word && u.Cap && complement && (orgHeads[toks[j-1].Key] != "" || toks[j-1].Cap && slices.ContainsFunc(toks[i:j-1], func(t token) bool { return t.Cap && orgHeads[t.Key] != "" })) && holderAfter(toks, j, s.To):
				// "President of the Senate Rosa Quispe", "Secretary of the
				// Secretariat for Peace Mechanisms Ana Soto": the body's
				// name ends before its post's holder
			case u.Word && (u.Cap || isDigits(u.Text) || u.Text == "5G"):
				j++
				last = j
				continue
			case (u.Text == "'" || u.Text == "’") && u.Start == toks[j-1].End && strings.HasSuffix(toks[j-1].Key, "s") && j+1 < s.To && toks[j+1].Cap && toks[j+1].Word && toks[j+1].Start > u.End:
				// "Leaders' Summit", "Leaders' Declaration": a plural
				// possessive inside the name
				j++
				continue
			case (u.Word || u.Text == "&") && connectors[u.Key] || u.Text == "'s" || u.Text == "’s":
				// "Zenda Pact Heads of State and Government" is one phrase.
				stateAndGov := u.Key == "and" && toks[j-1].Key == "state" && j+1 < s.To && toks[j+1].Key == "government"
				// "Ministries of the Interior and of Fisheries": a plural
				// head shares itself over items that repeat "of".
				sharedOf := u.Key == "and" && j+2 < s.To && (toks[j+1].Key == "of" || toks[j+1].Key == "the" && toks[j-1].Text == "," && orgHeads[toks[j+2].Key] == "") && toks[j+2].Cap && pluralIn(toks[i:j])
				// "… Central Committee and Foreign Minister Wang Yi": a post
				// after "and" starts no part of the body's name.
				postNext := j+2 < s.To && titleMods[toks[j+1].Key] && toks[j+2].Cap && titleHeads[toks[j+2].Key]
				// "Agreement Between the Ministry of A and the Ministry of
				// B": "between" takes one "and" into the name.
				betweenOpen := u.Key == "and" && betweenUnclosed(toks[i:j])
				if u.Key == "and" && !stateAndGov && !sharedOf && !betweenOpen && j+1 < s.To && (toks[j+1].Key == "the" || toks[j+1].Key == "of" || orgHeads[toks[j+1].Key] != "" || titleHeads[toks[j+1].Key] || postNext) {
					break
				}
				// "the Rivia Institute and Zenda Museums": a body's name
				// that ends in its head, with no complement, is complete;
				// "and" starts the next one.
				if u.Key == "and" && !complement && orgHeads[toks[j-1].Key] != "" && !tailHeads[toks[j-1].Key] {
					break
				}
				// "the Rivia University’s Department of History": the
				// body after a body's possessive is a body of its own.
				// ("the Prosecutor's Office" is one name).
				if (u.Text == "'s" || u.Text == "’s") && orgHeads[toks[j-1].Key] != "" && j+1 < s.To && orgHeads[toks[j+1].Key] != "" && toks[j+1].Key != "office" {
					break
				}
				// "the Rivia Ministry's Deputy Director": a post after a
				// body's possessive is the post of its holder, not part
				// of the body's name.
				if (u.Text == "'s" || u.Text == "’s") && orgHeads[toks[j-1].Key] != "" && j+1 < s.To && (titleMods[toks[j+1].Key] || titleHeads[toks[j+1].Key]) {
					break
				}
				if u.Key == "of" || u.Key == "against" || u.Key == "for" || u.Key == "on" {
					complement = true
				}
				k := j + 1
				for k < s.To && toks[k].Word && connectors[toks[k].Key] && toks[k].Key != "and" {
					k++
				}
				if k < s.To && capLike(toks[k]) && !calendarWords[toks[k].Key] && (toks[k].Cap || k+1 >= s.To || !toks[k+1].Word || toks[k+1].Cap) {
					j = k
					continue
				}
			case u.Key == "to" && complement && j+1 < s.To && toks[j+1].Cap && purposeVerbs[toks[j+1].Key]:
				// "Memorandum of Understanding on Information Sharing to
				// Combat Transnational Crime"
				j++
				continue
			case u.Text == "-" || u.Text == "–" || u.Text == "/" || u.Text == "“" || u.Text == "”" || u.Text == "\"":
				// "Co-operation", "Non-proliferation": a hyphenated word
				// whose second part is in lower case
				if u.Text == "-" && j+1 < s.To && toks[j+1].Word && !toks[j+1].Cap && u.Start == toks[j-1].End && toks[j+1].Start == u.End && toks[j-1].Cap && !compoundSuffixes[toks[j+1].Key] {
					j += 2
					last = j
					continue
				}
				// "NAIROBI– Representatives of …": a dash after a dateline in
				// capitals ends it
				if toks[j-1].Upper && len(toks[j-1].Text) > 1 && toks[j-1].End == u.Start && j+1 < s.To && u.End < toks[j+1].Start {
					break
				}
				// "Accra, 3 March 2025 – The Ministry …": an article after a
				// dash opens another phrase
				if j+1 < s.To && toks[j+1].Word && (toks[j+1].Cap && toks[j+1].Key != "the" || toks[j+1].Key == "led" || isDigits(toks[j+1].Text) && isDigits(toks[j-1].Text)) {
					j++
					continue
				}
				if (u.Text == "”" || u.Text == "\"") && j > i {
					j++
					continue
				}
			case u.Text == "," && complement && pluralIn(toks[i:j]) && j+2 < s.To && (toks[j+1].Key == "of" && toks[j+2].Cap || toks[j+1].Key == "and" && (toks[j+2].Key == "of" || toks[j+2].Key == "the" && j+3 < s.To && orgHeads[toks[j+3].Key] == "")):
				// "Ministries of Defence, of Justice …, and of Science"
				j++
				continue
			case u.Text == "," && complement:
				if j+1 < s.To && toks[j+1].Word && toks[j+1].Cap && toks[j+1].Key != "the" && orgHeads[toks[j+1].Key] == "" && fieldList(toks[j+1:s.To]) {
					j++
					continue
				}
				// ", and Fisheries and Coastal Management"
				if j+2 < s.To && toks[j+1].Key == "and" && toks[j+2].Cap && toks[j+2].Key != "the" && orgHeads[toks[j+2].Key] == "" && !appositive(toks[j+2:s.To]) {
					j += 2
					continue
				}
			}
			break
		}
		out = append(out, [2]int{i, last})
		i = max(j, i+1)
	}
	return out
}

// regionAdjectives joined to a state's adjective make a region's:
// "Ibero-American", "Afro-Asian", "Pan-African".
var regionAdjectives = map[string]bool{"ibero": true, "afro": true, "pan": true, "latino": true, "euro": true}

// compassWords before a continent's adjective make a region's: "South
// American", "West African", "Southeast Asian".
var compassWords = map[string]bool{"south": true, "north": true, "east": true, "west": true, "central": true, "southeast": true,
	"southern": true, "northern": true, "eastern": true, "western": true, "northeast": true, "southwest": true, "northwest": true}

// lowerVenues name a venue after a proper name in lower case.
var lowerVenues = map[string]bool{"building": true, "hotel": true, "palace": true}

// calendarWords end a name: "signed the Memorandum on Monday".
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	// abbreviations that are no names ("Jan" is one)
	"feb": true, "apr": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// betweenUnclosed reports an instrument's name so far whose "between"
// has had no "and" yet.
func betweenUnclosed(toks []token) bool {
	for k := len(toks) - 1; k >= 0; k-- {
		switch toks[k].Key {
		case "and":
			return false
		case "between":
			return k > 0 && agreementHeads[toks[0].Key] != "" || k > 0 && slices.ContainsFunc(toks[:k], func(t token) bool { return agreementHeads[t.Key] != "" })
		}
	}
	return false
}

// holderAfter reports a person's name of two to four capitalized words
// at i, ending the capitalized run: the first a name or no English word,
// none the head of a body or a post.
func holderAfter(toks []token, i, limit int) bool {
	wordsOnce.Do(loadWords)
	if !properWrd[toks[i].Text] && lowerWord[toks[i].Key] {
		return false
	}
	j := i
	for j < limit && toks[j].Word && toks[j].Cap {
		if orgHeads[toks[j].Key] != "" || titleHeads[toks[j].Key] || calendarWords[toks[j].Key] {
			return false
		}
		j++
	}
	return j-i >= 2 && j-i <= 4 && (j == limit || !toks[j].Word || !connectors[toks[j].Key])
}

// capLike reports whether t can carry on a name: a capitalized word or
// an alphanumeric like "5G".
func capLike(t token) bool {
	if !t.Word {
		return false
	}
	if t.Cap {
		return true
	}
	return t.Text[0] >= '0' && t.Text[0] <= '9' && strings.ToLower(t.Text) != t.Text
}

// recognizer holds the state of one document's recognition.
type recognizer struct {
	a     *annotated
	reg   *registry
	ms    []*mention
	acros map[string]*ent // acronyms defined or known in the document

	byFrom, byTo map[int][]*mention
	maxLen       int

	extraTitles []posting
	headline    bool // classifying a title-case headline
	titleRefs   []titleRef
	// parties are the states and bodies an instrument's description names
	// as its sides ("an agreement between A and B"), by instrument.
	parties map[*ent][]*mention
}

func (rc *recognizer) add(m *mention) *mention {
	rc.ms = append(rc.ms, m)
	if rc.byFrom == nil {
		rc.byFrom, rc.byTo = map[int][]*mention{}, map[int][]*mention{}
	}
	rc.byFrom[m.From] = append(rc.byFrom[m.From], m)
	rc.byTo[m.To] = append(rc.byTo[m.To], m)
	rc.maxLen = max(rc.maxLen, m.To-m.From)
	return m
}

// starting returns the mentions that start at token i; looking mentions
// up by position keeps recognition linear in the length of the text.
func (rc *recognizer) starting(i int) []*mention { return rc.byFrom[i] }

// spanning calls fn with every mention that may cover token positions
// [from,to): those starting within the longest mention's reach.
func (rc *recognizer) spanning(from, to int, fn func(m *mention)) {
	for p := max(from-rc.maxLen, 0); p < to; p++ {
		for _, m := range rc.byFrom[p] {
			fn(m)
		}
	}
}

// covered reports whether a mention of the given types spans [from,to).
func (rc *recognizer) coveredBy(from, to int) *mention {
	var found *mention
	rc.spanning(from, from+1, func(m *mention) {
		if found == nil && !m.Nested && m.From <= from && to <= m.To && !(m.From == from && m.To == to) {
			found = m
		}
	})
	return found
}

func (rc *recognizer) shouting(s sentence) bool {
	up, words := 0, 0
	for k := s.From; k < s.To; k++ {
		if rc.a.Toks[k].Word && !isDigits(rc.a.Toks[k].Text) {
			words++
			if rc.a.Toks[k].Upper {
				up++
			}
		}
	}
	return words >= 3 && up*10 >= words*6
}

// titleCase reports a headline in title case, where capitals say nothing
// about names.
func (rc *recognizer) titleCase(s sentence) bool {
	// "Issued by the Directorate of Information and Communication, African
	// Union Commission": a footer that names its body, not a headline.
	if s.To-s.From > 3 {
		if k := rc.a.Toks[s.From].Key; (k == "issued" || k == "published" || k == "released") && rc.a.Toks[s.From+1].Key == "by" {
			return false
		}
	}
	n := 0
	for k := s.From + 1; k < s.To; k++ {
		t := rc.a.Toks[k]
		if t.Cap && !t.Upper && titleFunction[t.Key] && rc.a.Toks[k-1].Word {
			n++
		}
	}
	if n >= 2 {
		return true
	}
	// "Poland and Japan Hold Second Security Dialogue": a line without a
	// final stop whose every word but small ones is capitalized.
	last := rc.a.Toks[s.To-1].Text
	if last == "." || last == "!" || last == "?" || last == ":" {
		return false
	}
	words := 0
	for k := s.From; k < s.To; k++ {
		t := rc.a.Toks[k]
		if !t.Word || isDigits(t.Text) {
			continue
		}
		if !t.Cap && !titleFunction[t.Key] && t.Key != "the" && t.Key != "a" && t.Key != "an" {
			return false
		}
		words++
	}
	return words >= 5
}

var titleFunction = map[string]bool{"for": true, "with": true, "to": true, "of": true, "in": true, "on": true, "and": true, "at": true, "from": true, "by": true}

var typeRank = map[schema.EntityType]int{schema.Country: 0, schema.Organization: 1, schema.Location: 2, schema.Event: 3, schema.Agreement: 4, schema.Person: 5}

// gazetteerPass finds every known name, longest first.
func (rc *recognizer) gazetteerPass() {
	for _, s := range rc.a.Sents {
		shout := rc.shouting(s)
		for i := s.From; i < s.To; {
			if rc.a.Toks[i].Ref {
				i++
				continue
			}
			n, ms := rc.reg.gaz.matchAt(rc.a.Toks, i, s.To, shout)
			if n == 0 {
				i++
				continue
			}
			slices.SortStableFunc(ms, func(x, y gazMatch) int {
				if x.Demonym != y.Demonym {
					if x.Demonym {
						return 1
					}
					return -1
				}
				return typeRank[x.Entry.Type] - typeRank[y.Entry.Type]
			})
			g := ms[0]
			// "Belarusian democratic forces", "the Iranian diaspora": people
			// of the state, not the state.
			if g.Demonym && g.Entry.Type == schema.Country && i+n < s.To && notTheState[rc.a.Toks[i+n].Key] {
				i += n
				continue
			}
			// "Mohamed Al Kuwaiti", "Ahmed al-Masri": a family name that
			// is a demonym after a name's particle
			if g.Demonym && i > s.From && (nameParticles[rc.a.Toks[i-1].Key] && rc.a.Toks[i-1].Cap || rc.a.Toks[i-1].Text == "-" && i-2 >= s.From && nameParticles[rc.a.Toks[i-2].Key]) {
				i += n
				continue
			}
			// "Ibero-American", "Latin American", "South American": a
			// region's adjective, not the state's
			if g.Demonym && i-1 >= s.From && (i-2 >= s.From && rc.a.Toks[i-1].Text == "-" && regionAdjectives[rc.a.Toks[i-2].Key] || rc.a.Toks[i-1].Key == "latin" || compassWords[rc.a.Toks[i-1].Key] && rc.a.Toks[i-1].Cap) {
				i += n
				continue
			}
			// "US$ 300 million", "A$", "HK$": a currency, not the state.
			if i+n < len(rc.a.Toks) && (rc.a.Toks[i+n].Text == "$" || rc.a.Toks[i+n].Text == "＄") && rc.a.Toks[i+n].Start == rc.a.Toks[i+n-1].End {
				i += n
				continue
			}
			// "Hydrogen Alliance", "Opposition Movements Alliance": a body's
			// short form in common words ends a longer name, not that body.
			if n == 1 && i > s.From && g.Entry.Type == schema.Organization && rc.a.Toks[i-1].Cap && rc.a.Toks[i-1].Word &&
				rc.a.Toks[i-1].Key != "the" && !rc.a.Toks[i].Upper && isLowerWord(rc.a.Toks[i].Text) && schema.Key(g.Entry.Name) != rc.a.Toks[i].Key {
				i++
				continue
			}
			if g.Entry.Weak && !rc.placeContext(i, i+n, s) {
				i += n
				continue
			}
			e := rc.reg.fromGaz(g.Entry, rc.a.span(i, i+n))
			rc.add(&mention{From: i, To: i + n, E: e, Source: "gazetteer"})
			i += n
		}
	}
}

// placeWords, right before a name, make it a place's.
var placeWords = map[string]bool{"in": true, "to": true, "at": true, "from": true, "near": true, "of": true, "via": true,
	"visit": true, "visited": true, "visiting": true, "visits": true, "toured": true, "outside": true}

// placeContext reports a name at [from,to) of sentence s set alone (no
// capitalized word touches it) after a word of place, or before a comma
// and a known state or place ("Kisumu, Kenya").
func (rc *recognizer) placeContext(from, to int, s sentence) bool {
	toks := rc.a.Toks
	capWord := func(k int) bool { return k >= s.From && k < s.To && toks[k].Cap && toks[k].Word }
	if capWord(from-1) || capWord(to) && toks[to].Key != "province" {
		return false
	}
	if from > s.From && placeWords[toks[from-1].Key] {
		return true
	}
	if to+1 < s.To && toks[to].Text == "," {
		n, ms := rc.reg.gaz.matchAt(toks, to+1, s.To, false)
		return n > 0 && slices.ContainsFunc(ms, func(m gazMatch) bool {
			return !m.Entry.Weak && !m.Demonym && (m.Entry.Type == schema.Country || m.Entry.Type == schema.Location)
		})
	}
	return false
}

// mentionsIn returns the mentions inside [from,to), in text order.
func (rc *recognizer) mentionsIn(from, to int) []*mention {
	var out []*mention
	for p := from; p < to; p++ {
		for _, m := range rc.byFrom[p] {
			if m.To <= to && !m.Dropped {
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(x, y *mention) int {
		if x.From != y.From {
			return x.From - y.From
		}
		return y.To - x.To
	})
	return out
}

// countryAt returns the country (or state adjective) named by a
// gazetteer mention at exactly [from,to).
func (rc *recognizer) countryAt(from, to int) *ent {
	for _, m := range rc.starting(from) {
		if m.To == to && m.E.Type == schema.Country {
			return m.E
		}
	}
	return nil
}

// knownAt returns a gazetteer mention starting at token i.
func (rc *recognizer) knownAt(i int) *mention {
	for _, m := range rc.starting(i) {
		if m.Source == "gazetteer" && !m.Dropped {
			return m
		}
	}
	return nil
}

func (rc *recognizer) nest(from, to int) {
	for p := from; p < to; p++ {
		for _, m := range rc.byFrom[p] {
			if m.To <= to && !(m.From == from && m.To == to) {
				m.Nested = true
			}
		}
	}
}

// phrasePass classifies capitalized phrases by their head word.
func (rc *recognizer) phrasePass() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		if rc.a.Toks[s.From].Ref {
			continue
		}
		rc.lowerBodies(s)
		if rc.shouting(s) {
			rc.shoutedPublisher(s)
			continue
		}
		// In a title-case headline capitals mark no names; only an
		// instrument's title ("Joint Statement on …") still reads as one.
		rc.headline = rc.titleCase(s)
		for _, p := range capPhrases(rc.a, s) {
			from, to := p[0], p[1]
			for from < to && (leadStop[toks[from].Key] || !toks[from].Word) {
				from++
			}
			if from >= to || toks[from].Ref {
				continue // cited or page furniture ("© 2024 …")
			}
			rc.classify(s, from, to)
			// "the Justus Lipsius building": a venue with its noun in
			// lower case
			if to < s.To && !toks[to].Cap && lowerVenues[toks[to].Key] && rc.coveredBy(from, to) == nil && rc.mentionAt(from, to) == nil && !rc.headline && !hasHead(toks[from:to]) {
				rc.simple(from, to+1, schema.Location, "")
			}
		}
	}
	// "the Declaration of Commitment to the Zenda Initiative": a name
	// an instrument's name took in after it was read is part of that name.
	for _, m := range rc.ms {
		if m.E.Type != schema.Agreement || m.Nested || m.Dropped {
			continue
		}
		for _, n := range rc.mentionsIn(m.From, m.To) {
			if n != m && n.Source == "pattern" && (n.From > m.From || n.To < m.To) {
				n.Nested = true
			}
		}
	}
}

// classify turns the phrase [from,to) into an organization, instrument,
// event or venue when a head word says which.
func (rc *recognizer) classify(s sentence, from, to int) {
	toks := rc.a.Toks
	if m := rc.knownAt(from); m != nil && m.To >= to {
		// "Memorandum of Understanding on cooperation in …": the
		// gazetteer's bare instrument with a subject in lower case
		if m.E.Type == schema.Agreement && m.To == to && agreementHeads[toks[to-1].Key] != "" {
			if end := rc.instrumentField(s, from, to); end > to {
				m.Dropped = true
				rc.partiesAlias(rc.simple(from, end, schema.Agreement, agreementHeads[toks[to-1].Key]))
			}
		}
		return // the gazetteer knows it
	}
	// "Member of the Political Bureau of the CPC Central Committee": a
	// membership names the body after it, not one of its own.
	if to-from >= 4 && (toks[from].Key == "member" || toks[from].Key == "members") && toks[from+1].Key == "of" {
		from += 2
		if toks[from].Key == "the" {
			from++
		}
	}
	// "the two Heads of Government welcomed": the people of a post, not
	// a body ("Zenda Assembly of Heads of State" still is one).
	if to-from >= 3 && toks[from].Key == "heads" && toks[from+1].Key == "of" && (toks[to-1].Key == "government" || toks[to-1].Key == "state" || toks[to-1].Key == "delegation") {
		return
	}
	// "the African Union Commission on the Continental Early Warning
	// System": what follows a known body's name after "on" is a subject.
	if m := rc.knownAt(from); m != nil && m.E.Type == schema.Organization && m.To < to && toks[m.To].Key == "on" {
		return
	}
	// "Ruritania Coast Guard against Freedonian vessels": a state's adjective
	// before a common noun, after a connector, starts no part of the name.
	if to < s.To && to-from >= 3 && toks[to].Word && !toks[to].Cap {
		if m := rc.knownAt(to - 1); m != nil && m.To == to && m.E.Type == schema.Country && m.E.isDemonym(rc.a.span(m.From, m.To)) && connectors[toks[to-2].Key] {
			to -= 2
		}
	}
	// "Chobe District", "Zambezi Region": a region's noun closes the name
	// of a place inside a state
	if to-from >= 2 && to-from <= 4 && regionNouns[toks[to-1].Key] && !hasHead(toks[from:to]) && rc.knownAt(from) == nil && !rc.headline {
		rc.simple(from, to, schema.Location, "")
		return
	}
	// "Ministry of Trade of the Republic of Rivia Ana Lima": a body's name
	// ends at its state; the name after it is its official's.
	for k := from + 2; k < to-1; k++ {
		if m := rc.knownAt(k); m != nil && m.E.Type == schema.Country && m.To < to && (toks[k-1].Key == "of" || toks[k-1].Key == "the" && toks[k-2].Key == "of") && slices.ContainsFunc(toks[from:k], func(t token) bool { return t.Cap && orgHeads[t.Key] != "" }) && !hasHead(toks[m.To:to]) && holderAfter(toks, m.To, to) {
			to = m.To
			break
		}
	}
	// "No. 3/2025 — Zenda Institute for Regional Studies": a number
	// before a dash is not part of the name after it.
	if from+2 < to && isDigits(toks[from].Text) && (toks[from+1].Text == "—" || toks[from+1].Text == "–" || toks[from+1].Text == "-") && toks[from].End < toks[from+1].Start {
		from += 2
	}
	// "Joint Statement on … Dialogue - United States Department of State":
	// a spaced dash after a full name starts another.
	for k := from + 1; k < to-1; k++ {
		if (toks[k].Text == "-" || toks[k].Text == "–") && toks[k-1].End < toks[k].Start && toks[k].End < toks[k+1].Start {
			if hasHead(toks[from:k]) && hasHead(toks[k+1:to]) {
				rc.classify(s, from, k)
				rc.classify(s, k+1, to)
				return
			}
		}
	}
	// "Advanced Framework Agreement and Interim Trade Agreement": two
	// instruments, each named in full.
	for k := from + 2; k < to-2; k++ {
		if toks[k].Key == "and" && agreementHeads[toks[k-1].Key] != "" && toks[k-1].Cap && agreementHeads[toks[to-1].Key] != "" && toks[k+1].Cap && agreementHeads[toks[k+1].Key] == "" {
			rc.classify(s, from, k)
			rc.classify(s, k+1, to)
			return
		}
	}
	// "between Rivia Shipping and Zenda Steel AG": two companies, the legal
	// form of the second named.
	if orgHeads[toks[to-1].Key] == "COMPANY" && tailHeads[toks[to-1].Key] {
		for k := from + 1; k < to-2; k++ {
			if toks[k].Key == "and" {
				if !hasHead(toks[from:k]) && k-from <= 3 {
					rc.org(s, from, k, "COMPANY")
				}
				rc.classify(s, k+1, to)
				return
			}
		}
	}
	// "… Dialogue between the United States and the Czech Republic"
	if to+3 < s.To && toks[to].Key == "between" {
		k := to + 1
		if toks[k].Key == "the" {
			k++
		}
		if m := rc.knownAt(k); m != nil && m.E.Type == schema.Country && m.To < s.To && toks[m.To].Key == "and" {
			k = m.To + 1
			if k < s.To && toks[k].Key == "the" {
				k++
			}
			if n := rc.knownAt(k); n != nil && n.E.Type == schema.Country && (eventHeads[toks[to-1].Key] != "" || agreementHeads[toks[to-1].Key] != "" || toks[to-1].Cap && hasHead(toks[from:to])) {
				to = n.To
				// "Agreement between Japan and the Republic of the
				// Philippines Concerning Reciprocal Access": the subject in
				// capitals after the parties goes on the name.
				if agreementHeads[toks[from].Key] != "" || from+1 < to && agreementHeads[toks[from+1].Key] != "" {
					if to+1 < s.To && toks[to].Cap && subjectWords[toks[to].Key] && toks[to+1].Cap {
						k := to + 1
						for k < s.To && (toks[k].Cap && toks[k].Word || (connectors[toks[k].Key] && k+1 < s.To && toks[k+1].Cap)) {
							k++
						}
						to = k
					} else if to+1 < s.To && toks[to].Key == "on" && toks[to+1].Cap && rc.knownAt(to+1) == nil {
						// "Agreement between the Czech Republic and the
						// Slovak Republic on Cooperation in the Protection
						// of Airspace": the subject after the parties.
						to = rc.capRun(s, to+1)
					}
				}
			}
		}
	}
	// Find the head: the last head word of the phrase's first part.
	head, headKind, headType := -1, "", schema.EntityType("")
	for k := from; k < to; k++ {
		key := toks[k].Key
		// "Agreement Between the Ministry of …": the sides an
		// instrument's name opens after "between" have heads of their own
		if key == "between" && headType == schema.Agreement {
			break
		}
		if !toks[k].Cap && !toks[k].Upper {
			continue
		}
		switch {
		case (key == "centre" || key == "center") && k > from && venueKinds[toks[k-1].Key]:
			// "Rivia Convention Centre": a venue
			head, headKind, headType = k, "", schema.Location
		case agreementHeads[key] != "":
			head, headKind, headType = k, agreementHeads[key], schema.Agreement
		case eventHeads[key] != "":
			head, headKind, headType = k, eventHeads[key], schema.Event
		case orgHeads[key] != "" && (!tailHeads[key] || (k == to-1 || toks[k+1].Key == "of" || toks[k+1].Key == "for") && !rc.statesOnly(from, k)):
			// "Ordinary Session of the Rivia Fisheries Council": a gathering
			// of a body is named by its own head.
			if headType == schema.Event && head+1 < to && toks[head+1].Key == "of" && eventOfBody[toks[head].Key] {
				continue
			}
			// a name that ends in a body's head is the body's ("the
			// Asia Policy Institute", "the Charter Foundation")
			if headType != schema.Agreement && headType != schema.Event || k > head+1 || headType == schema.Agreement && k == to-1 {
				head, headKind, headType = k, orgHeads[key], schema.Organization
			}
		case venueHeads[key]:
			head, headKind, headType = k, "", schema.Location
		}
	}
	if head < 0 {
		return
	}
	// "Department of Fisheries Undersecretary Karl Hof": the
	// body ends where a post begins.
	if headType == schema.Organization {
		for k := head + 1; k < to; k++ {
			if toks[k].Cap && titleHeads[toks[k].Key] && toks[k-1].Key != "of" && toks[k-1].Key != "the" {
				for k-1 > head && postMods[toks[k-1].Key] {
					k--
				}
				to = k
				break
			}
		}
	}
	// "High Representative of the Union for Foreign Affairs and Security
	// Policy": a post's remit, not an instrument.
	if headType == schema.Agreement {
		for k := from; k < head; k++ {
			if titleHeads[toks[k].Key] && toks[k].Cap && k+1 < head && toks[k+1].Key == "of" {
				return
			}
		}
	}
	// "Chairman of the Zenda Harbour Management Board": a post, then the body.
	for k := from; k < head; k++ {
		// "General Department of Ruritania Customs": a body's own rank
		// word right before its head is no post.
		if toks[k].Key == "general" && k+1 == head && headType == schema.Organization {
			continue
		}
		if titleHeads[toks[k].Key] && toks[k].Cap {
			from = k + 1
			// "Ambassador for Cyber Affairs … of the Department of …"
			for j := k + 1; j < head; j++ {
				if toks[j].Key == "of" {
					from = j + 1
					break
				}
			}
			if from == k+1 && from < to && (toks[from].Key == "for" || toks[from].Key == "in") {
				return
			}
		}
	}
	// "(the signing on 12th) December 2024 of the Memorandum": a date
	// before "of" is no part of the name.
	if headType == schema.Agreement {
		k := from
		for k < head && (calendarWords[toks[k].Key] || isDigits(toks[k].Text)) {
			k++
		}
		if k > from && k < head && toks[k].Key == "of" {
			from = k
		}
	}
	for from < head && (toks[from].Key == "of" || toks[from].Key == "the") {
		from++
	}
	if from >= to {
		return
	}
	// "Joint Statement on the X Dialogue": an instrument named after an
	// event is an instrument.
	for k := from; k < head; k++ {
		if agreementHeads[toks[k].Key] != "" && (toks[k+1].Key == "on" || toks[k+1].Key == "of" || toks[k+1].Key == "for") && headType == schema.Event {
			headType, headKind = schema.Agreement, agreementHeads[toks[k].Key]
			break
		}
	}
	if head == from && to-from == 1 && headType != schema.Event {
		return // a lone head word ("the Ministry") names nothing
	}
	// A line that is nothing but a body's name is its publisher's
	// ("Ministry of Fisheries of Borduria"), headline case or not.
	if rc.headline && headType != schema.Agreement && headType != schema.Event && !(headType == schema.Organization && from == s.From && to == s.To) {
		return
	}
	// "Bordurian Heads of State and Government" are people, not a body.
	if headType == schema.Organization && toks[head].Key == "government" && head-2 >= from && toks[head-1].Key == "and" && toks[head-2].Key == "state" {
		return
	}
	switch headType {
	case schema.Organization:
		// "the 27th Mountain Rifle Division": an ordinal belongs to the name.
		if from > s.From && ordinal.MatchString(toks[from-1].Text) {
			from--
		}
		// A division is a unit of troops only with its number or arm
		// ("North America Division" is an office's desk).
		if toks[head].Key == "division" && !ordinal.MatchString(toks[from].Text) && !rc.armWord(from, head) {
			return
		}
		rc.org(s, from, to, headKind)
	case schema.Agreement:
		if rc.heading(s) {
			return
		}
		// "elevate the relationship to a Comprehensive Strategic
		// Partnership": a standing, not an instrument; a partnership
		// "among Ruritania, Freedonia, Borduria and Syldavia" is a
		// grouping of states.
		if toks[head].Key == "partnership" && head == to-1 {
			// "the Ruritania–Freedonia Fisheries Partnership": two states' standing
			if a := rc.knownAt(from); a != nil && a.E.Type == schema.Country && a.To+1 < to && (toks[a.To].Text == "–" || toks[a.To].Text == "-") {
				if b := rc.knownAt(a.To + 1); b != nil && b.E.Type == schema.Country {
					return
				}
			}
			// "enhance the Comprehensive Strategic Partnership": a standing
			// the states keep, not an instrument or a body.
			if from >= 2 && relationVerbs[toks[from-2].Key] && toks[from-1].Key == "the" {
				return
			}
			if to+1 < s.To && (toks[to].Key == "among" || toks[to].Key == "between") {
				k := to + 1
				if toks[k].Key == "the" && k+1 < s.To {
					k++
				}
				if m := rc.knownAt(k); m == nil || m.E.Type != schema.Country {
					return // "between the two neighbours": their standing
				}
				rc.org(s, from, to, "INTERNATIONAL")
				return
			}
			if from >= 2 && (toks[from-1].Key == "a" || toks[from-1].Key == "the") && (toks[from-2].Key == "to" || toks[from-2].Key == "into") {
				return
			}
		}
		// "Policy Paper No. 7/2024": a numbered publication series.
		if toks[to-1].Key == "no" && to+2 < s.To && toks[to].Text == "." && toks[to+1].Word && isDigits(toks[to+1].Text) {
			return
		}
		// "in charge of Fisheries Policy": a field, not an instrument.
		if to-from == 2 && head == to-1 && genericInstrument[toks[head].Key] {
			return
		}
		if toks[head].Key == "statement" && (head == from || toks[head-1].Key != "joint") {
			return
		}
		to = rc.instrumentField(s, from, to)
		rc.partiesAlias(rc.simple(from, to, schema.Agreement, headKind))
	case schema.Event:
		ofThe := false
		for k := head - 1; k > from+1; k-- {
			if toks[k].Key == "the" && toks[k-1].Key == "of" && eventHeads[toks[from].Key] == "" && !isDigits(toks[from].Text) && rc.knownAt(from) == nil {
				from, ofThe = k+1, true
				break
			}
		}
		// A headline names an event only as "Outcome of the X Summit" or
		// after the instrument it issued ("Joint Statement: X Dialogue").
		issued := from >= s.From+2 && toks[from-1].Text == ":" && agreementHeads[toks[from-2].Key] != ""
		if rc.headline && !ofThe && !issued {
			return
		}
		if from > s.From && toks[from-1].Key == "next" {
			from-- // "the next Zenda Dialogue" is another one
		}
		// "will reconvene for the fifth X Dialogue in 2025": a session to
		// come is another one than the one reported.
		if from > s.From && ordinalWords[toks[from-1].Key] && rc.future(s) {
			from--
		}
		// "the 12th Andean Summit": its number is part of its name
		numbered := from > s.From && ordinal.MatchString(toks[from-1].Text)
		if numbered {
			from--
		}
		if head == from && to-from == 1 {
			return
		}
		// "members of the Zenda Group and of the Rivia Dialogue Forum": what states
		// are members of is a body, though named like a gathering.
		for k := from - 1; k >= s.From && from-k < 10; k-- {
			t := toks[k]
			if t.Key == "members" || t.Key == "member" {
				rc.org(s, from, to, "INTERNATIONAL")
				return
			}
			if !(t.Word && t.Cap || t.Key == "of" || t.Key == "the" || t.Key == "and" || t.Text == ",") {
				break
			}
		}
		// A session of heads of state is a summit.
		if headKind == "MEETING" && strings.Contains(strings.ToLower(rc.a.span(from, to)), "heads of state") {
			headKind = "SUMMIT"
		}
		m := rc.simple(from, to, schema.Event, headKind)
		if numbered {
			m.E.addAlias(cleanName(rc.a.span(from+1, to)))
		}
	case schema.Location:
		rc.simple(from, to, schema.Location, "")
	}
}

// parentheticalNames binds "the Agreement … Concerning Reciprocal Access
// (Reciprocal Access Agreement, RAA)": a short name of the same kind in
// parentheses after a name, with or without an acronym, is that name's.
func (rc *recognizer) parentheticalNames() {
	toks := rc.a.Toks
	for i := 1; i+3 < len(toks); i++ {
		if toks[i].Text != "(" {
			continue
		}
		var outer *mention
		for _, m := range rc.byTo[i] {
			if !m.Nested && !m.Dropped && (outer == nil || m.From < outer.From) {
				outer = m
			}
		}
		inner := rc.topAt(i + 1)
		if outer == nil || inner == nil || inner.E == outer.E || inner.E.Type != outer.E.Type || outer.E.Type != schema.Agreement && outer.E.Type != schema.Organization {
			continue
		}
		k := inner.To
		if k+2 < len(toks) && toks[k].Text == "," && looksAcronym(toks[k+1].Text) && toks[k+2].Text == ")" {
			outer.E.addAlias(toks[k+1].Text)
			rc.acros[strings.ToUpper(toks[k+1].Text)] = outer.E
		} else if k >= len(toks) || toks[k].Text != ")" {
			continue
		}
		rc.reg.merge(outer.E, inner.E)
		for _, m := range rc.ms {
			if m.E == inner.E {
				m.E = outer.E
			}
		}
	}
}

// knownAs binds "the High-Level Mediation for South Sudan, known as the
// Tumaini Initiative": the second name is the first thing's alias, not a
// thing of its own.
func (rc *recognizer) knownAs() {
	toks := rc.a.Toks
	for i := 1; i+3 < len(toks); i++ {
		if toks[i].Key != "known" || toks[i+1].Key != "as" || toks[i-1].Text != "," && toks[i-1].Text != "(" {
			continue
		}
		outer := rc.mentionEndingAt(i - 1)
		if outer == nil || outer.E.Type == schema.Person || outer.E.Type == schema.Country || outer.E.Type == schema.Location {
			continue
		}
		k := i + 2
		if toks[k].Key == "the" {
			k++
		}
		inner := rc.topAt(k)
		if inner == nil || inner.E == outer.E || inner.E.Type == schema.Person || inner.E.Type == schema.Country {
			continue
		}
		outer.E.addAlias(cleanName(rc.a.span(inner.From, inner.To)))
		rc.reg.reindex(outer.E)
		inner.Dropped = true
	}
}

// statesOnly reports tokens [from,to) that name nothing but states and
// their adjectives: "U.S.-Philippine Alliance" is the states' standing,
// not a body.
func (rc *recognizer) statesOnly(from, to int) bool {
	for k := from; k < to; {
		if m := rc.knownAt(k); m != nil && m.E.Type == schema.Country {
			k = m.To
			continue
		}
		if t := rc.a.Toks[k]; t.Word || t.Key == "the" {
			return false
		}
		k++
	}
	return true
}

// ministryShort gives the short forms of a ministry's name: "Ministry of
// Foreign Affairs" is also "Foreign Ministry".
func ministryShort(name string) []string {
	rest, ok := strings.CutPrefix(name, "Ministry of ")
	if !ok {
		return nil
	}
	rest = strings.TrimPrefix(rest, "the ")
	rest = strings.TrimSuffix(rest, " Affairs")
	if strings.Contains(rest, " ") {
		return nil
	}
	return []string{rest + " Ministry"}
}

// heading reports a numbered section heading ("III. Czech Foreign and
// Security Policy"), whose capitals name a section, not an instrument.
func (rc *recognizer) heading(s sentence) bool {
	toks := rc.a.Toks
	if s.From >= 2 && toks[s.From-1].Text == "." && strings.Trim(toks[s.From-2].Text, "IVXLC") == "" && (s.From == 2 || toks[s.From-3].Sent != toks[s.From-2].Sent) {
		return true
	}
	if s.To-s.From < 2 || toks[s.From+1].Text != "." {
		return false
	}
	t := toks[s.From].Text
	return strings.Trim(t, "IVXLC") == "" || len(t) == 1 && t[0] >= 'A' && t[0] <= 'Z'
}

// postMods stand before a post's head but never in a body's name.
var postMods = map[string]bool{"deputy": true, "vice": true, "under": true, "assistant": true, "acting": true, "senior": true, "parliamentary": true, "executive": true, "special": true, "principal": true, "chief": true, "first": true}

// bodyMods qualify each body of a shared head: "the Federal Ministries of …".
var bodyMods = map[string]bool{"federal": true, "national": true, "royal": true, "union": true, "central": true, "provincial": true, "state": true}

// sharedOfSep separates the items of a shared head that repeat "of".
var sharedOfSep = regexp.MustCompile(`(?:,\s*(?:and\s+)?|\s+and\s+)of\s+`)

// pluralIn reports a plural head a list of bodies shares.
func pluralIn(ts []token) bool {
	for _, t := range ts {
		if pluralHeads[t.Key] != "" {
			return true
		}
	}
	return false
}

var pluralHeads = map[string]string{"ministries": "Ministry", "departments": "Department", "agencies": "Agency", "offices": "Office", "committees": "Committee"}

// splitShared splits the members of a shared-head list: commas part
// them, and the last "and" of a comma list (or the first "and" without
// commas) parts the last two.
func splitShared(s string) []string {
	var items []string
	// "Defence, of Justice and Public Security, and of Science, Technology
	// and Innovation": where items repeat "of", only "of" separates them.
	if sharedOfSep.MatchString(s) {
		for _, p := range sharedOfSep.Split(s, -1) {
			if p = strings.TrimSpace(p); p != "" {
				items = append(items, p)
			}
		}
		return items
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		oxford := strings.HasPrefix(p, "and ")
		p = strings.TrimSpace(strings.TrimPrefix(p, "and "))
		if p == "" {
			continue
		}
		if i == len(parts)-1 && !oxford {
			if a, b, ok := strings.Cut(p, " and "); ok {
				items = append(items, strings.TrimSpace(a), strings.TrimSpace(b))
				continue
			}
		}
		items = append(items, p)
	}
	return items
}

var genericInstrument = map[string]bool{"policy": true, "strategy": true, "plan": true, "framework": true, "program": true, "programme": true, "partnership": true, "act": true}

func hasHead(ts []token) bool {
	for _, t := range ts {
		if (t.Cap || t.Upper) && (orgHeads[t.Key] != "" || agreementHeads[t.Key] != "" || eventHeads[t.Key] != "" || venueHeads[t.Key]) {
			return true
		}
	}
	return false
}

func (rc *recognizer) simple(from, to int, t schema.EntityType, kind string) *mention {
	name := cleanName(rc.a.span(from, to))
	e := rc.reg.get(t, name, kind)
	rc.nest(from, to)
	return rc.add(&mention{From: from, To: to, E: e, Source: "pattern"})
}

func cleanName(s string) string {
	s = strings.NewReplacer("“", "", "”", "", "\"", "", "\n", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// org builds a body from [from,to): a state before it ("Czech
// Telecommunications Office") or after "of the" makes it PART_OF that
// state; "X of the Police of Y" makes X part of the police.
func (rc *recognizer) org(s sentence, from, to int, kind string) {
	toks := rc.a.Toks
	if from > s.From && (toks[from].Text == "-" || toks[from-1].Text == "-") && toks[from].Start == toks[from-1].End {
		return // "-in-Chief Vella": the end of a compound post ("Commander-in-Chief")
	}
	// "the Ministry of Trade and Transport Ana Prado": a name after the
	// last field of a ministry's name is its official's, not the body's
	if to-from >= 5 && portfolio[toks[to-3].Key] && rc.nameLike(to-2, to) && toks[to-2].Cap && toks[to-1].Cap && rc.knownAt(to-2) == nil {
		to -= 2
	}
	// "the Fisheries Authority CEO Ana Lima": the body ends at its head
	// when a post and its holder follow
	for k := from + 1; k+2 < to; k++ {
		if orgHeads[toks[k].Key] != "" && titleHeads[toks[k+1].Key] && toks[k+2].Cap {
			to = k + 1
			break
		}
	}
	// "the Department of Fisheries of Peru and Marine Authority of Chile":
	// a body's name ends at its state; "and" starts the next body
	for k := from + 3; k+1 < to; k++ {
		if toks[k].Key != "and" || !toks[k+1].Cap {
			continue
		}
		if c := rc.countryEnding(k); c != nil && c.From > from && toks[c.From-1].Key == "of" {
			rc.org(s, from, k, kind)
			rc.org(s, k+1, to, kind)
			return
		}
	}
	full := cleanName(rc.a.span(from, to))
	var country *ent
	var parent *mention
	base := to
	// Trailing "of (the) <State>".
	for k := to - 1; k > from; k-- {
		if toks[k].Key != "of" {
			continue
		}
		c := k + 1
		if c < to && toks[c].Key == "the" {
			c++
		}
		if ce := rc.countryAt(c, to); ce != nil {
			country, base = ce, k
			break
		}
	}
	// "<Child> of the <Parent head> of <State>": the parent is a body too.
	// "Harbour Police Department of the National Police of Ruritania",
	// "Coastal Defence Command of the Freedonian Army": the parent's head
	// may follow a modifier, and a state's adjective may name it.
	for k := base - 1; k > from; k-- {
		if toks[k].Key != "of" || k+2 >= to || toks[k+1].Key != "the" || country == nil && orgHeads[toks[k-1].Key] == "" {
			continue
		}
		ph := -1
		for j := k + 2; j < min(k+5, base); j++ {
			if parentHeads[toks[j].Key] && toks[j].Cap {
				ph = j
				break
			}
		}
		pcountry := country
		if pcountry == nil {
			if m := rc.knownAt(k + 2); m != nil && m.E.Type == schema.Country && ph == m.To && ph+1 == to {
				pcountry = m.E
			}
		}
		if ph < 0 || pcountry == nil {
			continue
		}
		pname := cleanName(rc.a.span(k+2, to))
		pe := rc.reg.get(schema.Organization, pname, orgHeads[toks[ph].Key])
		if pe.Country == nil {
			pe.Country = pcountry
		}
		parent = rc.add(&mention{From: k + 2, To: to, E: pe, Source: "pattern", Nested: true})
		base = k
		if country == nil {
			to = k // the child is named without its parent
		}
		break
	}
	// "the Ministries of Justice and Transport and Communications"
	ph := from
	var phState *ent
	if m := rc.knownAt(from); m != nil && m.E.Type == schema.Country && m.To < to {
		ph, phState = m.To, m.E
	}
	// "the Federal Ministries of …": the modifier is each body's.
	mod := ""
	if phState == nil {
		for k := ph; k < min(ph+3, to-2); k++ {
			if pluralHeads[toks[k].Key] != "" && k > from {
				if !slices.ContainsFunc(toks[from:k], func(t token) bool { return !bodyMods[t.Key] }) {
					mod, ph = rc.a.span(from, k)+" ", k
				}
				break
			}
		}
	}
	if singular := pluralHeads[toks[ph].Key]; singular != "" && ph+2 < to && toks[ph+1].Key == "of" {
		singular = mod + singular
		for _, item := range splitShared(cleanName(rc.a.span(ph+2, to))) {
			e := rc.reg.get(schema.Organization, singular+" of "+item, kind)
			if e.Country == nil {
				e.Country = phState
			}
			// "the Peruvian Ministries of Defence and Finance": each is
			// the "Peruvian Ministry of Defence" too
			if phState != nil {
				e.addAlias(rc.a.span(from, ph) + " " + singular + " of " + item)
				rc.reg.reindex(e)
			}
			rc.add(&mention{From: from, To: to, E: e, Source: "shared-head"})
		}
		rc.nest(from, to)
		return
	}
	// "Ruritanian and Bordurian Armed Forces": one body per state.
	if m := rc.knownAt(from); m != nil && m.E.Type == schema.Country && m.To+1 < base && toks[m.To].Key == "and" {
		if n := rc.knownAt(m.To + 1); n != nil && n.E.Type == schema.Country && n.To < base {
			rest := cleanName(rc.a.span(n.To, to))
			// "the Ruritanian and Bordurian Foreign Ministries": one
			// Foreign Ministry each
			if singular := pluralHeads[toks[to-1].Key]; singular != "" {
				rest = cleanName(rc.a.span(n.To, to-1) + " " + singular)
			}
			for _, c := range []*mention{m, n} {
				e := rc.reg.get(schema.Organization, cleanName(rc.a.span(c.From, c.To))+" "+rest, kind)
				if e.Country == nil {
					e.Country = c.E
				}
				rc.add(&mention{From: c.From, To: to, E: e, Source: "shared-head"})
			}
			rc.nest(from, to)
			return
		}
	}
	// Leading state adjective or name.
	lead := from
	if m := rc.knownAt(from); m != nil && m.E.Type == schema.Country && m.To < base {
		country = m.E
		lead = m.To
		if lead < base && (toks[lead].Text == "-" || toks[lead].Text == "–") {
			lead = from // "Ruritania-Freedonia Joint Fisheries Council": a joint body
			country = nil
		}
	} else if m != nil && m.E.Type == schema.Organization && m.To < base && (orgHeads[toks[m.To].Key] == "" || m.E.Kind == "INTERNATIONAL" && m.To+1 == base) {
		// "NATO Cyber Defence Centre", "ASEAN Secretariat"
		// "NATO Cyber Defence Centre": the body of a known organization.
		if parent == nil {
			parent = m
		}
	}
	possessive := country != nil && lead < base && (toks[lead].Text == "'s" || toks[lead].Text == "’s")
	if possessive {
		lead++ // "Kenya's Ministry of Foreign Affairs"
	}
	name := full
	if parent != nil && parent.From > from {
		name = cleanName(rc.a.span(from, base))
	}
	// A body any state could have, named with its state's possessive
	// ("Kenya's Ministry of Foreign Affairs"), is no name of its own: it
	// takes the identity qualify gives the body when the text ties it to
	// its state otherwise, so that both spellings are one entity.
	if short := cleanName(rc.a.span(lead, base)); possessive && parent == nil && lead < base && rc.reg.genericBody(schema.Organization, kind, short) {
		name = short + " (" + country.Name + ")"
	}
	if strings.HasSuffix(strings.ToLower(name), "'s") || strings.HasSuffix(name, "’s") {
		return
	}
	if g := rc.reg.gaz.lookup(schema.Organization, name); g != nil {
		e := rc.reg.fromGaz(g, name)
		rc.nest(from, to)
		rc.add(&mention{From: from, To: to, E: e, Source: "gazetteer"})
		return
	}
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if w == "army" || w == "forces" || w == "command" || w == "military" {
			kind = "MILITARY"
		}
	}
	if base < to && country != nil {
		if x := rc.reg.find(schema.Organization, cleanName(rc.a.span(from, base))); x != nil && (x.Country == nil || x.Country == country) {
			x.addAlias(name)
			rc.reg.reindex(x)
		}
	}
	e := rc.reg.get(schema.Organization, name, kind)
	for _, short := range ministryShort(cleanName(rc.a.span(lead, base))) {
		e.addAlias(short)
	}
	if name != full {
		e.addAlias(full)
	}
	// "Royal Canadian Navy": the one state named inside the name, not as
	// one side of a joint body ("U.S.-EU …").
	if country == nil && e.Country == nil && parent == nil {
		var inner *ent
		n := 0
		for k := from; k < base; k++ {
			if m := rc.knownAt(k); m != nil && m.E.Type == schema.Country {
				if m.To < len(toks) && (toks[m.To].Text == "-" || toks[m.To].Text == "–") || k > from && (toks[k-1].Text == "-" || toks[k-1].Text == "–") {
					n = 2
					break
				}
				inner = m.E
				n++
				k = m.To - 1
			}
		}
		if n == 1 {
			e.Country = inner
		}
	}
	if country != nil {
		if base < to && base-from >= 2 {
			e.addAlias(cleanName(rc.a.span(from, base)))
		}
		if lead > from && lead < base {
			e.addAlias(cleanName(rc.a.span(lead, base)))
		}
		if e.Country == nil && (parent == nil || parent.From < from) {
			e.Country = country
		}
	}
	rc.reg.reindex(e)
	rc.nest(from, to)
	m := rc.add(&mention{From: from, To: to, E: e, Source: "pattern"})
	if parent != nil {
		m.TitleOf = parent.E // the body this one belongs to
	}
}

var parentHeads = map[string]bool{"police": true, "army": true, "ministry": true, "department": true, "armed": true, "forces": true}

// acronymPass binds "Full Name (ACR)" and "ACR (Full Name)" and finds the
// acronym's other mentions.
func (rc *recognizer) acronymPass() {
	toks := rc.a.Toks
	rc.parentheticalNames()
	rc.knownAs()
	for i := 1; i+2 < len(toks); i++ {
		if toks[i].Text != "(" || toks[i+2].Text != ")" || !toks[i+1].Word {
			continue
		}
		acr := toks[i+1].Text
		if !looksAcronym(acr) {
			continue
		}
		var best *mention
		for _, m := range rc.byTo[i] {
			if !m.Nested && (best == nil || m.From < best.From) {
				best = m
			}
		}
		// "National center of Incident readiness and Strategy for
		// Cybersecurity (NISC)": the acronym spells the capitals of a
		// longer name than the one recognized, and its head word, even in
		// lower case, says it is a body.
		if from := rc.initialsStart(i, acr); from >= 0 && (best == nil || best.From > from && best.E.Type != schema.Organization) && rc.bodyHead(from, i) {
			if best != nil {
				best.Dropped = true
			}
			e := rc.reg.get(schema.Organization, cleanName(rc.a.span(from, i)), "GOVERNMENT")
			// "United Nations Mission in Borduria": the bodies its
			// name starts with were read from part of it.
			for _, m := range slices.Clone(rc.starting(from)) {
				if m.E.Type == schema.Organization && m.To < i && !m.Dropped {
					m.Dropped = true
					rc.forget(m.E)
				}
			}
			rc.nest(from, i)
			best = rc.add(&mention{From: from, To: i, E: e, Source: "acronym"})
		}
		if best == nil || best.E.Type == schema.Person || best.E.Type == schema.Country {
			continue
		}
		best.E.addAlias(acr)
		rc.reg.reindex(best.E)
		rc.acros[strings.ToUpper(acr)] = best.E
		// "Interim Trade Agreement (ITA)": the document's own acronym,
		// not a body the gazetteer knows by the same letters.
		for k, t := range toks {
			if t.Text != acr {
				continue
			}
			for _, m := range rc.starting(k) {
				if m.To == k+1 && m.Source == "gazetteer" && m.E != best.E && m.E.Type == schema.Organization {
					m.Dropped = true
				}
			}
		}
		// "the Ministry of Trade, Industry and Energy (MOTIE) of Korea"
		if best.E.Type == schema.Organization && best.E.Country == nil && i+4 < len(toks) && toks[i+3].Key == "of" {
			k := i + 4
			if toks[k].Key == "the" && k+1 < len(toks) {
				k++
			}
			if c := rc.knownAt(k); c != nil && c.E.Type == schema.Country {
				best.E.Country = c.E
			}
		}
	}
	for i, t := range toks {
		if t.Ref || !looksAcronym(t.Text) || rc.coveredBy(i, i+1) != nil || rc.at(i, i+1) {
			continue
		}
		e := rc.acros[strings.ToUpper(t.Text)]
		if e == nil && rc.bareBody(i) {
			e = rc.reg.get(schema.Organization, t.Text, "")
		}
		if e != nil {
			rc.add(&mention{From: i, To: i + 1, E: e, Source: "acronym"})
		}
	}
}

func (rc *recognizer) at(from, to int) bool {
	for _, m := range rc.starting(from) {
		if m.To == to {
			return true
		}
	}
	return false
}

// bareBody reports an acronym the document never spells out used as the
// name of a body ("the NCSA"): letters only, all capitals, after "the" and
// not the start of a longer name. Another document may define it; the
// store's convergence then makes the two mentions one entity.
func (rc *recognizer) bareBody(i int) bool {
	toks := rc.a.Toks
	t := toks[i]
	if i == 0 || toks[i-1].Key != "the" || toks[i-1].Sent != t.Sent || len(t.Text) < 3 || len(t.Text) > 6 {
		return false
	}
	for _, r := range t.Text {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	if i+1 < len(toks) && toks[i+1].Sent == t.Sent && (toks[i+1].Cap && toks[i+1].Word || toks[i+1].Text == "(" || toks[i+1].Text == "-") {
		return false
	}
	return true
}

func looksAcronym(s string) bool {
	up := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r > 127 && strings.ToUpper(string(r)) == string(r) {
			up++
		}
	}
	return up >= 2 && len(s) <= 10
}

// pluralBodies are lower-case plural heads shared by a list of states:
// "the Ruritanian, Freedonian and Bordurian air forces".
var pluralBodies = []struct {
	words    []string
	singular string
	kind     string
}{
	{[]string{"air", "forces"}, "Air Force", "MILITARY"},
	{[]string{"armed", "forces"}, "Armed Forces", "MILITARY"},
	{[]string{"navies"}, "Navy", "MILITARY"},
}

// sharedStates splits "the A, B and C air forces" into one body per state.
func (rc *recognizer) sharedStates(s sentence) {
	toks := rc.a.Toks
	for _, m := range rc.mentionsIn(s.From, s.To) {
		if m.E.Type != schema.Country || m.Nested {
			continue
		}
		// Walk a list of states starting here.
		list := []*mention{m}
		k := m.To
		for k+1 < s.To && (toks[k].Text == "," || toks[k].Key == "and") {
			k++
			if toks[k].Key == "and" {
				k++
			}
			n := rc.topAt(k)
			if n == nil || n.E.Type != schema.Country {
				break
			}
			list = append(list, n)
			k = n.To
		}
		if len(list) < 2 {
			continue
		}
	heads:
		for _, h := range pluralBodies {
			if k+len(h.words) > s.To {
				continue
			}
			for j, w := range h.words {
				if toks[k+j].Key != w {
					continue heads
				}
			}
			for _, c := range list {
				e := rc.reg.get(schema.Organization, cleanName(rc.a.span(c.From, c.To))+" "+h.singular, h.kind)
				if e.Country == nil {
					e.Country = c.E
				}
				rc.add(&mention{From: c.From, To: c.To, E: e, Source: "shared-head"})
			}
			return
		}
	}
}

// lowerHeads name a state's bodies in lower case after its name or
// adjective: "the Czech government", "U.S. armed forces".
var lowerHeads = []struct {
	words []string
	kind  string
}{
	{[]string{"air", "force"}, "MILITARY"},
	{[]string{"navy"}, "MILITARY"},
	{[]string{"armed", "forces"}, "MILITARY"},
	{[]string{"security", "service"}, "GOVERNMENT"},
	{[]string{"government"}, "GOVERNMENT"},
}

func (rc *recognizer) lowerBodies(s sentence) {
	toks := rc.a.Toks
	rc.sharedStates(s)
	for _, m := range rc.mentionsIn(s.From, s.To) {
		if m.E.Type != schema.Country {
			continue
		}
	heads:
		for _, h := range lowerHeads {
			end := m.To + len(h.words)
			if end > s.To {
				continue
			}
			for k, w := range h.words {
				if toks[m.To+k].Key != w {
					continue heads
				}
			}
			// "the government's" is fine; "government officials" is not a body.
			if end < s.To && toks[end].Word && !toks[end].Cap && toks[end].Key != "of" && h.kind == "GOVERNMENT" && len(h.words) == 1 && toks[end].Key != "has" && toks[end].Key != "should" && toks[end].Key != "published" && toks[end].Key != "eventually" {
				if !(toks[end].Key == "and" || toks[end].Key == "through" || toks[end].Key == "to" || toks[end].Key == "is") {
					continue
				}
			}
			// "the Royal Canadian Navy": a body named already.
			if c := rc.coveredBy(m.From, end); c != nil && c.E.Type == schema.Organization || m.From > s.From && toks[m.From-1].Cap && toks[m.From-1].Word && !leadStop[toks[m.From-1].Key] {
				break
			}
			name := cleanName(rc.a.span(m.From, end))
			var e *ent
			for _, x := range rc.reg.ents {
				if x.Type == schema.Organization && x.Country == m.E && x.Kind == h.kind && strings.Contains(schema.Key(x.Name), strings.Join(h.words, " ")) {
					e = x
					e.addAlias(name)
					rc.reg.reindex(e)
					break
				}
			}
			if e == nil {
				e = rc.reg.get(schema.Organization, name, h.kind)
			}
			e.Country = m.E
			rc.nest(m.From, end)
			rc.add(&mention{From: m.From, To: end, E: e, Source: "pattern"})
			break
		}
	}
}

// initialsStart returns where the name that acr abbreviates begins,
// reading the capitalized words back from token i: their initials must
// spell the acronym's letters exactly. It returns -1 when they do not.
func (rc *recognizer) initialsStart(i int, acr string) int {
	toks := rc.a.Toks
	var letters []rune
	for _, r := range acr {
		if unicode.IsLetter(r) {
			letters = append(letters, unicode.ToUpper(r))
		}
	}
	if len(letters) < 3 {
		return -1
	}
	n := len(letters)
	for k := i - 1; k >= 0 && i-k <= 3*len(letters) && toks[k].Sent == toks[i].Sent; k-- {
		t := toks[k]
		if !t.Word {
			return -1
		}
		if !t.Cap {
			// "United Nations Mission in Borduria (UNMIB)": a small
			// word may give its letter too.
			if n > 0 && unicode.ToUpper([]rune(t.Text)[0]) == letters[n-1] && rc.initialsFrom(k, letters[:n-1]) >= 0 && rc.initialsFrom(k, letters[:n]) < 0 {
				n--
			}
			continue
		}
		n--
		if n < 0 || unicode.ToUpper([]rune(t.Text)[0]) != letters[n] {
			return -1
		}
		if n == 0 {
			return k
		}
	}
	return -1
}

// initialsFrom matches the capitals before token k to letters, right to
// left, as initialsStart does; it returns the start or -1.
func (rc *recognizer) initialsFrom(k int, letters []rune) int {
	toks := rc.a.Toks
	n := len(letters)
	if n == 0 {
		return k
	}
	for j := k - 1; j >= 0 && k-j <= 3*len(letters) && toks[j].Sent == toks[k].Sent; j-- {
		t := toks[j]
		if !t.Word {
			return -1
		}
		if !t.Cap {
			continue
		}
		n--
		if unicode.ToUpper([]rune(t.Text)[0]) != letters[n] {
			return -1
		}
		if n == 0 {
			return j
		}
	}
	return -1
}

// bodyHead reports a word that heads a body's name in tokens [from,to),
// in any case ("National center of …").
func (rc *recognizer) bodyHead(from, to int) bool {
	for k := from; k < to; k++ {
		if orgHeads[rc.a.Toks[k].Key] != "" {
			return true
		}
	}
	return false
}

// articles names the articles of instruments: "Article 12 of the Rivia
// Treaty" is two instruments, "Article 12" and the treaty; "Article IV
// of the RFT" names the article beside the acronym.
func (rc *recognizer) articles() {
	toks := rc.a.Toks
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Key != "article" || !toks[i].Cap || toks[i].Ref || !(isDigits(toks[i+1].Text) || romanNumeral(toks[i+1].Text)) {
			continue
		}
		var whole *mention
		for _, m := range rc.byFrom[i] {
			if m.E.Type == schema.Agreement && !m.Dropped && (whole == nil || m.To > whole.To) {
				whole = m
			}
		}
		end := i + 2
		if whole != nil && whole.To > end {
			k := end
			if k < whole.To && toks[k].Key == "of" {
				k++
			}
			if k < whole.To && toks[k].Key == "the" {
				k++
			}
			if k > end && k < whole.To {
				whole.Dropped = true
				rc.forget(whole.E)
				rc.simple(k, whole.To, schema.Agreement, whole.E.Kind)
			}
		} else if whole != nil {
			continue
		}
		if whole == nil && rc.coveredBy(i, end) != nil {
			continue
		}
		rc.simple(i, end, schema.Agreement, "OTHER")
		i = end - 1
	}
}

// romanNumeral reports an upper-case Roman numeral ("IV", "XII").
func romanNumeral(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("IVXLC", r) {
			return false
		}
	}
	return true
}

// forget removes an entity that no live mention names any more, so that
// its name does not absorb the parts it was split into.
func (rc *recognizer) forget(e *ent) {
	for _, m := range rc.ms {
		if m.E == e && !m.Dropped {
			return
		}
	}
	r := rc.reg
	r.ents = slices.DeleteFunc(r.ents, func(x *ent) bool { return x == e })
	for k, v := range r.index {
		if v == e {
			delete(r.index, k)
		}
	}
}

// ordinal is a numbered unit's number: "101st", "2nd", "82nd".
// ordinalWords number the sessions of a recurring gathering.
var ordinalWords = map[string]bool{
	"second": true, "third": true, "fourth": true, "fifth": true, "sixth": true, "seventh": true,
	"eighth": true, "ninth": true, "tenth": true, "eleventh": true, "twelfth": true,
}

// future reports a sentence about what is to come.
func (rc *recognizer) future(s sentence) bool {
	for k := s.From; k < s.To; k++ {
		switch rc.a.Toks[k].Key {
		case "will", "shall", "scheduled", "upcoming":
			return true
		}
	}
	return false
}

var ordinal = regexp.MustCompile(`^\d+(?:st|nd|rd|th)$`)

var arms = map[string]bool{"airborne": true, "infantry": true, "armored": true, "armoured": true, "mountain": true, "marine": true, "cavalry": true, "mechanized": true, "mechanised": true, "artillery": true, "panzer": true}

// armWord reports the arm of a unit among tokens [from,to).
func (rc *recognizer) armWord(from, to int) bool {
	for k := from; k < to; k++ {
		if arms[rc.a.Toks[k].Key] {
			return true
		}
	}
	return false
}

// notTheState follow a state's adjective that names its people against
// or apart from its government.
var notTheState = map[string]bool{"democratic": true, "opposition": true, "diaspora": true, "exiles": true, "dissidents": true, "activists": true, "civil": true, "independent": true, "émigrés": true, "emigres": true, "refugees": true}

// bodyNouns describe a body after a state's possessive: "the Seimas,
// Lithuania's parliament".
var bodyNouns = map[string]string{"parliament": "LEGISLATURE", "legislature": "LEGISLATURE", "senate": "LEGISLATURE", "congress": "LEGISLATURE", "cabinet": "GOVERNMENT", "government": "GOVERNMENT", "army": "MILITARY", "navy": "MILITARY", "police": "GOVERNMENT", "central bank": "GOVERNMENT"}

// fieldWords name the remit of a body called after its state: "Natural
// Resources Canada", "Statistics Norway", "Global Affairs Canada".
var fieldWords = map[string]bool{"resources": true, "affairs": true, "statistics": true, "health": true, "transport": true, "safety": true, "heritage": true, "environment": true, "innovation": true, "business": true, "export": true, "trade": true, "defence": true, "defense": true, "justice": true, "finance": true, "security": true, "energy": true, "employment": true}

// namedBodies finds bodies named without a head word: by apposition to a
// description ("the Rikshall, Borduria's parliament"), by a remit and the
// state's name ("Natural Resources Ruritania"), or as the government's
// cabinet ("approved by the Cabinet").
func (rc *recognizer) namedBodies() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for i := s.From + 1; i < s.To; i++ {
			t := toks[i]
			if !t.Cap || t.Ref || rc.topAt(i) != nil || rc.inside(i) {
				continue
			}
			// "the Cabinet", "the Parliament": the state's own, named alone.
			if (t.Key == "cabinet" || t.Key == "parliament") && toks[i-1].Key == "the" && (i+1 >= s.To || !toks[i+1].Cap) {
				kind := "GOVERNMENT"
				if t.Key == "parliament" {
					kind = "LEGISLATURE"
				}
				e := rc.reg.get(schema.Organization, t.Text, kind)
				rc.add(&mention{From: i, To: i + 1, E: e, Source: "pattern"})
				continue
			}
			// "the Rikshall, Borduria's parliament"
			j := i
			for j < s.To && j-i < 3 && toks[j].Cap && toks[j].Word && !leadStop[toks[j].Key] && (j == i || rc.topAt(j) == nil) {
				j++
			}
			if j > i && j+4 <= s.To && toks[j].Text == "," {
				if c := rc.topAt(j + 1); c != nil && c.E.Type == schema.Country && c.To+1 < s.To && (toks[c.To].Text == "'s" || toks[c.To].Text == "’s") {
					if kind, ok := bodyNouns[toks[c.To+1].Key]; ok && rc.plainWords(i, j) {
						e := rc.reg.get(schema.Organization, cleanName(rc.a.span(i, j)), kind)
						e.Country = c.E
						rc.add(&mention{From: i, To: j, E: e, Source: "apposition"})
						i = j
						continue
					}
				}
			}
			// "Natural Resources Canada signed …"
			if j > i && j-i <= 3 {
				if c := rc.topAt(j); c != nil && c.E.Type == schema.Country && !c.E.isDemonym(rc.a.span(c.From, c.To)) && (c.To >= s.To || !toks[c.To].Cap) {
					field := false
					for k := i; k < j; k++ {
						field = field || fieldWords[toks[k].Key]
					}
					if field && rc.commonWords(i, j) {
						e := rc.reg.get(schema.Organization, cleanName(rc.a.span(i, c.To)), "GOVERNMENT")
						e.Country = c.E
						c.Nested = true
						rc.add(&mention{From: i, To: c.To, E: e, Source: "pattern"})
						i = c.To - 1
					}
				}
			}
		}
	}
}

// plainWords reports capitalized tokens [a,b) that are no heads, titles
// or months: a proper name.
func (rc *recognizer) plainWords(a, b int) bool {
	for k := a; k < b; k++ {
		key := rc.a.Toks[k].Key
		if _, month := months[key]; month || orgHeads[key] != "" || agreementHeads[key] != "" || eventHeads[key] != "" || titleHeads[key] || titleMods[key] {
			return false
		}
	}
	return true
}

// commonWords reports tokens [a,b) that are all common English words.
func (rc *recognizer) commonWords(a, b int) bool {
	for k := a; k < b; k++ {
		if !isLowerWord(rc.a.Toks[k].Text) || titleHeads[rc.a.Toks[k].Key] || titleMods[rc.a.Toks[k].Key] && !fieldWords[rc.a.Toks[k].Key] {
			return false
		}
	}
	return true
}

// possessiveInstruments reads an instrument named after a state's
// possessive: "Korea's Strategy for a Free, Peaceful and Prosperous
// Indo-Pacific Region and Canada's Indo-Pacific Strategy" names two
// strategies, each its state's. The name runs over capitalized words,
// "for a", "of the", commas and "and" between capitals, and stops before
// the next state's possessive.
func (rc *recognizer) possessiveInstruments() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		if rc.titleCase(s) || rc.shouting(s) {
			continue
		}
		for _, c := range rc.mentionsIn(s.From, s.To) {
			if c.E.Type != schema.Country || c.To+1 >= s.To || toks[c.To].Text != "'s" && toks[c.To].Text != "’s" || !toks[c.To+1].Cap {
				continue
			}
			from := c.To + 1
			end, head := from, -1
			for k := from; k < s.To; k++ {
				t := toks[k]
				switch {
				case t.Cap && t.Word || t.Text == "-" && k > from && k+1 < s.To && toks[k+1].Cap:
					if agreementHeads[t.Key] != "" {
						head = k
					}
					end = k + 1
					continue
				case (t.Key == "for" || t.Key == "of" || t.Key == "on") && k+1 < s.To && (toks[k+1].Key == "a" || toks[k+1].Key == "the" || toks[k+1].Cap) && head >= 0:
					continue
				case (t.Key == "a" || t.Key == "the") && k > from && (toks[k-1].Key == "for" || toks[k-1].Key == "of" || toks[k-1].Key == "on"):
					continue
				case (t.Text == "," || t.Key == "and") && k+1 < s.To && toks[k+1].Cap && head >= 0:
					// "and Canada's …" starts the next one.
					if n := rc.topAt(k + 1); n != nil && n.E.Type == schema.Country && n.To < s.To && (toks[n.To].Text == "'s" || toks[n.To].Text == "’s") {
						break
					}
					continue
				}
				break
			}
			if head < 0 || end-from < 2 {
				continue
			}
			for _, m := range rc.mentionsIn(from, s.To) {
				if m.E.Type == schema.Agreement && m.From < end {
					m.Dropped = true
					rc.forget(m.E)
				}
			}
			// The possessive phrase itself ("Korea's Strategy") may have
			// been read as one name.
			for _, m := range rc.mentionsIn(c.From, end) {
				if m.E.Type == schema.Agreement {
					m.Dropped = true
					rc.forget(m.E)
				}
			}
			e := rc.reg.get(schema.Agreement, cleanName(rc.a.span(from, end)), agreementHeads[toks[head].Key])
			rc.nest(from, end)
			rc.add(&mention{From: from, To: end, E: e, Source: "possessive", TitleOf: c.E})
		}
	}
}

// lowerGatherings finds gatherings named in lower case after the pair of
// states that hold them: "Ruritanian-Freedonian fisheries consultations",
// "Borduria–Syldavia maritime dialogue", "a Rivia-Zenda Defence Ministers'
// video call". A pair of states and a gathering noun within a few words
// make a name, though no word of it but the states and the posts of those
// who meet is capitalized.
func (rc *recognizer) lowerGatherings() {
	toks := rc.a.Toks
	for k := 0; k+3 < len(toks); k++ {
		a := rc.knownAt(k)
		if a == nil || a.E.Type != schema.Country || a.To+1 >= len(toks) || toks[a.To].Text != "-" && toks[a.To].Text != "–" {
			continue
		}
		b := rc.knownAt(a.To + 1)
		if b == nil || b.E.Type != schema.Country || b.E == a.E {
			continue
		}
		for h := b.To; h < min(b.To+5, len(toks)); h++ {
			t := toks[h]
			if t.Sent != toks[k].Sent || calendarWords[t.Key] {
				break
			}
			if posters(t) {
				continue
			}
			if !t.Word || t.Cap && !t.Upper {
				break
			}
			kind := lowerGatheringKinds[t.Key]
			if kind == "" {
				if leadStop[t.Key] || connectors[t.Key] || strings.HasSuffix(t.Key, "ed") || strings.HasSuffix(t.Key, "ing") {
					break
				}
				continue
			}
			if h == b.To && kind != "DIALOGUE" {
				break // "Indo-Pacific summit": two words at least
			}
			if rc.topAt(k) != nil && rc.topAt(k).To > h {
				break // inside a longer name already
			}
			e := rc.reg.get(schema.Event, cleanName(rc.a.span(k, h+1)), kind)
			rc.nest(k, h+1)
			rc.add(&mention{From: k, To: h + 1, E: e, Source: "lower-gathering"})
			k = h
			break
		}
	}
}

// lowerGatheringKinds are the gathering nouns lowerGatherings ends a name
// with.
var lowerGatheringKinds = map[string]string{
	"consultations": "DIALOGUE", "dialogue": "DIALOGUE", "talks": "MEETING", "talk": "MEETING",
	"summit": "SUMMIT", "meeting": "MEETING", "call": "MEETING", "negotiations": "NEGOTIATION",
}

// posters are the words of the posts of those who meet, inside a
// gathering's name: "Foreign Ministers'", "Defence Chiefs’".
func posters(t token) bool {
	return t.Cap && (titleHeads[strings.TrimSuffix(t.Key, "s")] || titleMods[t.Key] || groupWords[t.Key]) ||
		t.Text == "'" || t.Text == "’" || t.Key == "'s" || t.Key == "’s"
}

// sessionOpeners number or qualify a gathering named in lower case.
var sessionOpeners = map[string]bool{"first": true, "annual": true, "inaugural": true, "extraordinary": true, "ordinary": true, "plenary": true, "ministerial": true, "regular": true,
	"standing": true, "special": true, "informal": true, "consultative": true}

// groupWords end a gathering's name that says who met: "the annual
// meeting of the Nordic foreign ministers".
var groupWords = map[string]bool{"ministers": true, "leaders": true, "presidents": true, "chiefs": true}

// lowerSessions finds gatherings named in lower case after their number
// or recurrence: "the fourth meeting of the Ruritanian-Freedonian
// High-Level Joint Committee", "the 12th session of the Rivian Assembly",
// "the annual meeting of the Westmark fisheries ministers", "the third
// round of the political dialogue".
// A bare "meeting of the Committee" is no particular one.
func (rc *recognizer) lowerSessions() {
	toks := rc.a.Toks
	var seen []sitting
	for k := 1; k+3 < len(toks); k++ {
		t := toks[k]
		if t.Cap || t.Ref || !sessionNouns[t.Key] || toks[k+1].Key != "of" {
			continue
		}
		b := k + 2 // what it is a sitting of: "of the Committee", "of Andean foreign ministers"
		if toks[b].Key == "the" {
			b++
		}
		from := k
		for from > 0 && k-from < 3 && !toks[from-1].Cap && (ordinalWords[toks[from-1].Key] || sessionOpeners[toks[from-1].Key] || ordinal.MatchString(toks[from-1].Text)) {
			from--
		}
		if from == k || rc.coveredBy(from, k+1) != nil {
			continue
		}
		end, kind := rc.sessionOf(b, t.Sent, b == k+3)
		if end < 0 {
			continue
		}
		e := rc.reg.get(schema.Event, cleanName(rc.a.span(from, end)), kind)
		rc.nest(from, end)
		rc.add(&mention{From: from, To: end, E: e, Source: "lower-session"})
		// "the eighth meeting of the Joint Fisheries Committee … the 8th
		// meeting of the Committee": one sitting, named twice.
		s := sitting{n: ordinalValue(toks[from].Text), body: schema.Key(rc.a.span(b, end)), e: e}
		for _, o := range seen {
			if o.n > 0 && o.n == s.n && (strings.HasSuffix(" "+o.body, " "+s.body) || strings.HasSuffix(" "+s.body, " "+o.body)) {
				if len(s.body) > len(o.body) {
					rc.reg.merge(e, o.e) // the fuller name stays the name
				} else {
					rc.reg.merge(o.e, e)
				}
			}
		}
		seen = append(seen, s)
		k = end - 1
	}
	for _, s := range seen {
		if !slices.ContainsFunc(seen, func(o sitting) bool { return o.body == s.body && rc.reg.resolve(o.e) != rc.reg.resolve(s.e) }) {
			rc.sittingNamed(s)
		}
	}
}

// sittingNamed folds a sitting of those who meet into the gathering the
// text names after them: "the second meeting of Zenda Pact Foreign
// Ministers" is the "Pact Foreign Ministers Meeting". (lowerSessions asks
// only when no other sitting of theirs is in the text, which would make
// the name ambiguous.)
func (rc *recognizer) sittingNamed(s sitting) {
	words := strings.Fields(s.body)
	if len(words) == 0 || !groupWords[words[len(words)-1]] {
		return
	}
	for _, e := range slices.Clone(rc.reg.ents) {
		key := schema.Key(e.Name)
		group, ok := strings.CutSuffix(key, " meeting")
		if e == s.e || e.Type != schema.Event || !ok || !strings.HasSuffix(" "+s.body, " "+group) || len(strings.Fields(group)) < 2 {
			continue
		}
		rc.reg.merge(e, s.e)
		return
	}
}

// sitting is a numbered sitting lowerSessions found: its number (0 if it
// has none), the key of what it is a sitting of, and its event.
type sitting struct {
	n    int
	body string
	e    *ent
}

// ordinalValue is the number an ordinal gives ("eighth", "8th"), or 0.
func ordinalValue(s string) int {
	if ordinal.MatchString(s) {
		n, _ := strconv.Atoi(s[:len(s)-2])
		return n
	}
	return slices.Index(ordinalList, strings.ToLower(s)) + 1
}

var ordinalList = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"}

// sessionNouns are the lower-case nouns of one sitting of a recurring
// gathering.
var sessionNouns = map[string]bool{"meeting": true, "session": true, "round": true}

// sessionOf reads what a numbered sitting is of, from token b on, and
// returns where that ends and the sitting's kind, or -1: a body ("of the
// Joint Committee"), a title-case name no layer knew, after "the" ("of
// the Rivia-Zenda Joint Planning Group"), those who meet ("of (the)
// Westmark fisheries ministers", "of Zenda Pact Foreign Ministers") or a
// gathering in lower case ("of the fisheries dialogue").
func (rc *recognizer) sessionOf(b, sent int, the bool) (int, string) {
	toks := rc.a.Toks
	if m := rc.topAt(b); m != nil && m.E.Type == schema.Organization {
		return m.To, "MEETING"
	} else if m != nil && groupWords[toks[m.To-1].Key] {
		// "of Zenda Pact Foreign Ministers": people, whatever an earlier
		// reading took the name for
		m.Dropped = true
		return m.To, "MEETING"
	} else if m != nil && m.E.Type != schema.Country {
		return -1, ""
	}
	j := b
	for j < len(toks) && toks[j].Sent == sent && (toks[j].Cap && toks[j].Word || j > b && (toks[j].Text == "-" || toks[j].Text == "–")) && !leadStop[toks[j].Key] {
		j++
	}
	if (the || groupWords[toks[j-1].Key]) && j-b >= 2 && rc.coveredBy(j-1, j) == nil {
		return j, gatheringKind(toks[j-1].Key)
	}
	for j = b; j < len(toks) && j-b < 3 && toks[j].Word && toks[j].Sent == sent && rc.knownAt(j) == nil; j++ {
		if groupWords[toks[j].Key] && j > b {
			return j + 1, "MEETING"
		}
		if toks[j].Key == "heads" {
			return rc.headsOf(j, sent), "SUMMIT"
		}
		if k := lowerGatheringKinds[toks[j].Key]; k != "" && j > b && !toks[j].Cap {
			return j + 1, k
		}
	}
	return -1, ""
}

// headsOf reads "heads of state (and government) (of Central Asia)" from
// its "heads" at j, and returns where it ends.
func (rc *recognizer) headsOf(j, sent int) int {
	toks := rc.a.Toks
	end := j + 1
	for end+1 < len(toks) && toks[end].Sent == sent && toks[end].Key == "of" {
		at := end + 1
		if toks[at].Key == "the" && at+1 < len(toks) {
			at++
		}
		if m := rc.topAt(at); m != nil {
			return m.To // "of Central Asia", "of the Pact": whose heads
		}
		if toks[at].Cap && toks[at].Word {
			for at < len(toks) && toks[at].Sent == sent && toks[at].Cap && toks[at].Word {
				at++
			}
			return at // "of the Andes": a region no layer knew
		}
		if !headsOfWords[toks[end+1].Key] {
			break
		}
		end += 2
		if end+1 < len(toks) && toks[end].Key == "and" && headsOfWords[toks[end+1].Key] {
			end += 2
		}
	}
	return end
}

var headsOfWords = map[string]bool{"state": true, "states": true, "government": true, "governments": true, "delegation": true, "delegations": true}

// gatheringKind is the kind of a sitting of a body named by its last word:
// a dialogue's or consultations' sittings are the dialogue's.
func gatheringKind(last string) string {
	if k := lowerGatheringKinds[last]; k == "DIALOGUE" {
		return k
	}
	return "MEETING"
}

// lowerBetween reads a gathering in lower case named by the two sides
// that held it: "the first political consultations between Rivia and
// Zenda were held in Zenda". Read here, before the relation passes, it
// is the happening they attach chairs and delegations to; the event
// layer finds it again as the sentence's named happening.
func (rc *recognizer) lowerBetween() {
	toks := rc.a.Toks
	side := func(k int) *mention {
		if toks[k].Key == "the" && k+1 < len(toks) {
			k++
		}
		if m := rc.topAt(k); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Organization) {
			return m
		}
		return nil
	}
	for k := 1; k+4 < len(toks); k++ {
		// "the dialogue between A and B is under threat": a dialogue in
		// lower case is as often a relationship as a happening
		kind := lowerGatheringKinds[toks[k].Key]
		if kind == "" || toks[k].Key == "dialogue" || toks[k].Cap || toks[k].Ref || toks[k+1].Key != "between" {
			continue
		}
		a := side(k + 2)
		if a == nil || a.To+1 >= len(toks) || toks[a.To].Key != "and" {
			continue
		}
		b := side(a.To + 1)
		if b == nil || b.E == a.E || toks[b.To-1].Sent != toks[k].Sent {
			continue
		}
		from := rc.gatheringStart(k)
		if rc.coveredBy(from, b.To) != nil {
			continue
		}
		// the sides stay mentions of their own: they held it
		e := rc.reg.get(schema.Event, cleanName(rc.a.span(from, b.To)), kind)
		rc.add(&mention{From: from, To: b.To, E: e, Source: "lower-between"})
		k = b.To - 1
	}
}

// gatheringStart is where the name of the gathering whose noun is at k
// starts: its modifiers in lower case ("political", "first") and the
// round it is ("the ninth round of"), or a capital opening the sentence.
func (rc *recognizer) gatheringStart(k int) int {
	toks := rc.a.Toks
	modifier := func(t token) bool {
		return ordinalWords[t.Key] || sessionOpeners[t.Key] || gatheringModifiers[t.Key]
	}
	from := k
	for from > 0 && k-from < 3 && modifier(toks[from-1]) && (!toks[from-1].Cap || from-1 == 0 || toks[from-2].Sent != toks[from-1].Sent) {
		from--
	}
	// "the ninth round of fisheries consultations"
	if from >= 2 && toks[from-1].Key == "of" && toks[from-2].Key == "round" {
		from -= 2
		for from > 0 && modifier(toks[from-1]) && !toks[from-1].Cap {
			from--
		}
	}
	return from
}

// gatheringModifiers say what kind of gathering a lower-case name is.
var gatheringModifiers = map[string]bool{"political": true, "bilateral": true, "strategic": true, "intergovernmental": true, "interministerial": true, "consular": true, "high-level": true}

// fieldNouns open the field an instrument covers: "in the field of fisheries".
var fieldNouns = map[string]bool{"field": true, "area": true, "sphere": true, "domain": true, "fields": true, "areas": true}

// sectorNouns close a field named in capitals: "in the Fisheries Sector".
// venueKinds name what a centre is for when it is a venue: "Convention
// Centre", "Exhibition Center".
var venueKinds = map[string]bool{"convention": true, "conference": true, "exhibition": true, "congress": true, "expo": true}

var sectorNouns = map[string]bool{"sector": true, "sectors": true, "industry": true}

// instrumentObject reads the state or named thing an instrument's
// subject is aimed at, part of its name: "Joint Statement on Nordic
// Support to Ukraine", "Declaration of Commitment to the Tumaini
// Initiative", "Agreement on the Resolution of the Conflict in the
// Republic of South Sudan". Only a name that ends in its subject, not in
// its head, goes on ("the Strategy to Parliament" does not).
func (rc *recognizer) instrumentObject(s sentence, from, to int) int {
	toks := rc.a.Toks
	if to+1 >= s.To || agreementHeads[toks[to-1].Key] != "" || !toks[to-1].Cap || toks[to].Key != "to" && toks[to].Key != "in" {
		return to
	}
	k := to + 1
	if m := rc.knownAt(k); m != nil && m.E.Type == schema.Country {
		return m.To
	}
	if toks[k].Key != "the" || k+1 >= s.To {
		return to
	}
	k++
	if m := rc.knownAt(k); m != nil && m.E.Type == schema.Country {
		return m.To
	}
	if toks[to].Key != "to" || rc.knownAt(k) != nil {
		return to
	}
	end := k
	for end < s.To && end-k < 5 && toks[end].Word && toks[end].Cap && !leadStop[toks[end].Key] {
		end++
	}
	if end-k < 2 {
		return to
	}
	return end
}

// instrumentField extends an instrument's name over the field it covers:
// "Joint Declaration of Intent on Cooperation in Inland Shipping",
// "Memorandum of Understanding on Cooperation in the field of Port
// Management". A place after "in" is where it was signed, not part
// of its name.
func (rc *recognizer) instrumentField(s sentence, from, to int) int {
	toks := rc.a.Toks
	// "Plan of Action for the period 2027–2029": the years it covers are
	// part of its name.
	if to+5 < s.To+1 && to+4 < s.To && agreementHeads[toks[to-1].Key] == "" && toks[to].Key == "for" && toks[to+1].Key == "the" && toks[to+2].Key == "period" && isDigits(toks[to+3].Text) && len(toks[to+3].Text) == 4 {
		end := to + 4
		if end+1 < s.To && (toks[end].Text == "–" || toks[end].Text == "-" || toks[end].Key == "to") && isDigits(toks[end+1].Text) {
			end += 2
		}
		return end
	}
	// "Joint Action Plan on Fisheries and Shipping for 2027–2031": the
	// years it covers.
	if to+3 < s.To && toks[to].Key == "for" && isDigits(toks[to+1].Text) && len(toks[to+1].Text) == 4 && (toks[to+2].Text == "–" || toks[to+2].Text == "-") && isDigits(toks[to+3].Text) && len(toks[to+3].Text) == 4 {
		return to + 4
	}
	// "Memorandum of Understanding on cooperation in the field of radio
	// and television between …": a subject in lower case, up to the
	// parties or the end of the clause.
	if to+2 < s.To && agreementHeads[toks[to-1].Key] != "" && toks[to].Key == "on" && toks[to+1].Key == "cooperation" {
		end := to + 2
		for end < s.To && end-to < 12 && toks[end].Word && !toks[end].Cap && toks[end].Key != "between" && toks[end].Key != "signed" && toks[end].Key != "which" && toks[end].Key != "with" {
			end++
		}
		for end > to+2 && (connectors[toks[end-1].Key] || toks[end-1].Key == "in") {
			end--
		}
		return end
	}
	// "Line of Credit Agreement of US$ 300 million for strengthening
	// maritime security of Vietnam": the sum and its purpose name a loan.
	if to+1 < s.To && toks[to].Text == "$" && toks[to].Start == toks[to-1].End && isDigits(strings.ReplaceAll(toks[to+1].Text, ",", "")) {
		k := to + 2
		if k < s.To && (toks[k].Key == "million" || toks[k].Key == "billion" || toks[k].Key == "crore") {
			k++
		}
		if k+1 < s.To && toks[k].Key == "for" {
			end := k + 1
			for end < s.To && end-k < 10 && toks[end].Word && toks[end].Key != "which" && toks[end].Key != "between" && toks[end].Key != "signed" {
				end++
			}
			return end
		}
		return k
	}
	if end := rc.instrumentObject(s, from, to); end > to {
		return end
	}
	if end := rc.instrumentAnd(s, from, to); end > to {
		return end
	}
	if end := rc.instrumentBetween(s, to); end > to {
		return end
	}
	// "Joint Communiqué of the 12th ZMM": the numbered gathering that
	// issued it.
	if to+3 < s.To && agreementHeads[toks[to-1].Key] != "" && toks[to].Key == "of" && toks[to+1].Key == "the" && ordinalNumber(toks[to+2].Text) && toks[to+3].Cap {
		end := to + 3
		for end < s.To && end-to < 8 && toks[end].Word && (toks[end].Cap || connectors[toks[end].Key] && end+1 < s.To && toks[end+1].Cap) {
			end++
		}
		return end
	}
	if to+2 >= s.To || toks[to].Key != "in" || !slices.ContainsFunc(toks[from:to], func(t token) bool { return t.Key == "on" || t.Key == "of" }) {
		return to
	}
	k := to + 1
	if toks[k].Key == "the" && k+2 < s.To && fieldNouns[toks[k+1].Key] && toks[k+2].Key == "of" {
		k += 3
		end := k
		for end < s.To && end-k < 6 && toks[end].Word && !leadStop[toks[end].Key] && toks[end].Key != "between" && rc.knownAt(end) == nil {
			end++
		}
		if end > k {
			return end
		}
		return to
	}
	// "… on Cooperation in the Energy Sector": a field named in capitals
	// and closed by a field's noun (a venue after "in the" is not).
	if toks[k].Key == "the" && k+1 < s.To && toks[k+1].Cap && rc.knownAt(k+1) == nil {
		end := k + 1
		for end < s.To && end-k < 5 && toks[end].Word && (toks[end].Cap || toks[end].Key == "and") && rc.knownAt(end) == nil {
			end++
		}
		if end-1 > k+1 && toks[end-1].Cap && (fieldNouns[toks[end-1].Key] || sectorNouns[toks[end-1].Key]) {
			return end
		}
		return to
	}
	if !toks[k].Cap || rc.knownAt(k) != nil || calendarWords[toks[k].Key] {
		return to
	}
	end := k
	for end < s.To && end-k < 5 && toks[end].Word && (toks[end].Cap || toks[end].Key == "and") && rc.knownAt(end) == nil {
		end++
	}
	for end > k && toks[end-1].Key == "and" {
		end--
	}
	return end
}

// ordinalNumber reports "58th", "3rd", "21st".
func ordinalNumber(s string) bool {
	n := len(s)
	if n < 3 || !isDigits(s[:n-2]) {
		return false
	}
	switch strings.ToLower(s[n-2:]) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// instrumentAnd extends an instrument's name over a second party or a
// second subject joined by "and the", which capPhrases leaves out because
// "and the" mostly starts another name: "Joint Declaration of the Prime
// Ministers of the Czech Republic and the Slovak Republic", "Memorandum of
// Understanding on Trade Facilitation and the Movement of Goods along the
// Abidjan–Lagos Corridor".
func (rc *recognizer) instrumentAnd(s sentence, from, to int) int {
	toks := rc.a.Toks
	if to+2 >= s.To || toks[to].Key != "and" || !toks[to-1].Cap || agreementHeads[toks[to-1].Key] != "" {
		return to
	}
	k := to + 1
	if toks[k].Key == "the" {
		k++
	}
	// A second state after the first: the parties.
	var first *mention
	for p := to - 1; p > from && p >= to-4 && first == nil; p-- {
		if m := rc.knownAt(p); m != nil && m.To == to && m.E.Type == schema.Country {
			first = m
		}
	}
	if first != nil && (toks[first.From-1].Key == "of" || toks[first.From-1].Key == "the" && first.From-2 > from && toks[first.From-2].Key == "of") {
		if n := rc.knownAt(k); n != nil && n.E.Type == schema.Country {
			return n.To
		}
		return to
	}
	// A second subject after "on …": capitalised, and neither a body, a
	// post nor a known name.
	if toks[k-1].Key != "the" || !slices.ContainsFunc(toks[from:to], func(t token) bool { return t.Key == "on" }) {
		return to
	}
	if !toks[k].Cap || !toks[k].Word || rc.knownAt(k) != nil || titleHeads[toks[k].Key] || orgHeads[toks[k].Key] != "" || agreementHeads[toks[k].Key] != "" || eventHeads[toks[k].Key] != "" {
		return to
	}
	return rc.capRun(s, k)
}

// capRun returns the end of a run of capitalised words from k, going on
// over a dash between two of them and over small words followed by one:
// "Protection of Airspace", "Movement of Goods along the Abidjan–Lagos
// Corridor".
func (rc *recognizer) capRun(s sentence, k int) int {
	toks := rc.a.Toks
	end := k
	for end < s.To && end-k < 12 {
		t := toks[end]
		if t.Word && t.Cap && !calendarWords[t.Key] {
			end++
			continue
		}
		if (t.Text == "–" || t.Text == "-") && end+1 < s.To && toks[end+1].Cap && t.Start == toks[end-1].End {
			end++
			continue
		}
		j := end
		for j < s.To && toks[j].Word && (connectors[toks[j].Key] && toks[j].Key != "and" || toks[j].Key == "in" || toks[j].Key == "along") {
			j++
		}
		if j > end && j < s.To && toks[j].Cap && toks[j].Word && !calendarWords[toks[j].Key] {
			end = j
			continue
		}
		break
	}
	return end
}

// shoutedPublisher reads a letterhead in capitals near the top of a text,
// "MINISTRY OF FISHERIES OF THE REPUBLIC OF BORDURIA" or
// "KINGDOM OF RURITANIA" over "MINISTRY OF FISHERIES": the
// publishing ministry, a body of the state the letterhead names.
func (rc *recognizer) shoutedPublisher(s sentence) {
	toks := rc.a.Toks
	if toks[s.From].Sent > 3 || s.To-s.From < 3 || orgHeads[toks[s.From].Key] != "GOVERNMENT" || toks[s.From+1].Key != "of" || !toks[s.From].Upper {
		return
	}
	// The line and nothing else: a headline that opens with a ministry
	// says more after it.
	end := s.To
	var state *ent
	for k := s.From + 2; k < s.To; k++ {
		t := toks[k]
		if !t.Word || !t.Upper && !connectors[t.Key] {
			return
		}
		if t.Key == "of" && state == nil {
			j := k + 1
			if j < s.To && toks[j].Key == "the" {
				j++
			}
			if m := rc.knownAt(j); m != nil && m.E.Type == schema.Country && m.To == s.To {
				state, end = m.E, k
				break
			}
		}
	}
	if end-s.From < 3 || rc.coveredBy(s.From, end) != nil {
		return
	}
	if state == nil && toks[s.From].Sent > 0 {
		// the state on the line above
		p := rc.a.Sents[toks[s.From].Sent-1]
		for _, m := range rc.mentionsIn(p.From, p.To) {
			if m.E.Type == schema.Country && m.To == p.To {
				state = m.E
			}
		}
	}
	var words []string
	for k := s.From; k < end; k++ {
		w := strings.ToLower(toks[k].Text)
		if k == s.From || !connectors[w] {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		words = append(words, w)
	}
	e := rc.reg.get(schema.Organization, strings.Join(words, " "), "GOVERNMENT")
	if e.Country == nil {
		e.Country = state
	}
	rc.add(&mention{From: s.From, To: end, E: e, Source: "letterhead"})
}

// instrumentBetween extends an instrument's name over its parties and the
// subject after them: "Memorandum of Understanding between the ECOWAS
// Commission and the African Union Commission on the Continental Early
// Warning System". Without a subject after them the parties stay out.
func (rc *recognizer) instrumentBetween(s sentence, to int) int {
	toks := rc.a.Toks
	if to+4 >= s.To || toks[to].Key != "between" {
		return to
	}
	k, parties := to+1, 0
	for k < s.To {
		if toks[k].Key == "the" || toks[k].Key == "and" && parties == 1 {
			k++
			continue
		}
		m := rc.topAt(k)
		if m == nil || m.E.Type != schema.Organization && m.E.Type != schema.Country {
			break
		}
		parties++
		k = m.To
		if parties == 2 {
			break
		}
	}
	if parties != 2 || k+1 >= s.To || toks[k].Key != "on" {
		return to
	}
	j := k + 1
	if toks[j].Key == "the" {
		j++
	}
	if j >= s.To || !toks[j].Cap || !toks[j].Word || rc.knownAt(j) != nil {
		return to
	}
	return rc.capRun(s, j)
}

// partiesAlias gives "Memorandum of Understanding between A and B on the
// X" the shorter name without its parties, "Memorandum of Understanding
// on the X", by which a text may also call it.
func (rc *recognizer) partiesAlias(m *mention) {
	if m == nil {
		return
	}
	toks := rc.a.Toks
	b, on := -1, -1
	for k := m.From; k < m.To; k++ {
		switch {
		case toks[k].Key == "between" && b < 0:
			b = k
		case toks[k].Key == "on" && b >= 0 && on < 0:
			on = k
		}
	}
	if b <= m.From || on < 0 || on+1 >= m.To {
		return
	}
	m.E.addAlias(cleanName(rc.a.span(m.From, b) + " " + rc.a.span(on, m.To)))
}

// countryEnding is the state mention that ends at token k, if any.
func (rc *recognizer) countryEnding(k int) *mention {
	for _, m := range rc.byTo[k] {
		if !m.Dropped && m.Source == "gazetteer" && m.E.Type == schema.Country {
			return m
		}
	}
	return nil
}
