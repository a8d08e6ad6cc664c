package ingest

import (
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/schema"
)

// titleHeads end a post's name: "Foreign Minister", "Deputy Director".
var titleHeads = map[string]bool{
	"president": true, "minister": true, "secretary": true, "ambassador": true, "director": true,
	"chairman": true, "chair": true, "chairwoman": true, "chancellor": true, "king": true, "queen": true,
	"senator": true, "governor": true, "mayor": true, "general": true, "admiral": true, "commander": true,
	"spokesperson": true, "spokesman": true, "envoy": true, "attache": true, "attachee": true, "pm": true,
	"commissioner": true, "representative": true, "undersecretary": true, "advisor": true, "adviser": true, "premier": true,
	"chief": true, "counselor": true, "consul": true, "coordinator": true, "head": true, "editor": true,
	"chairperson": true, "ruler": true, "prosecutor-general": true,
	"mediator": true, "negotiator": true, "facilitator": true, "rapporteur": true, "prince": true,
	"councilor": true, "councillor": true, "speaker": true, "ceo": true, "leader": true,
	"emir": true, "amir": true, "vice-president": true,
}

// titleMods may stand before a title head inside a post's name.
var titleMods = map[string]bool{
	"deputy": true, "vice": true, "under": true, "assistant": true, "prime": true, "foreign": true,
	"defense": true, "defence": true, "interior": true, "finance": true, "special": true, "cyber": true,
	"executive": true, "acting": true, "first": true, "national": true, "security": true, "high": true,
	"principal": true, "senior": true, "permanent": true, "state": true, "trade": true, "economy": true,
	"justice": true, "digital": true, "former": true, "parliamentary": true, "joint": true, "additional": true, "associate": true,
	"crown": true, "federal": true, "cabinet": true,
}

// portfolio words end a post's "of …" complement: "Secretary of State",
// "Assistant Secretary of Agriculture", "Secretary of Maritime Affairs".
var portfolio = map[string]bool{"state": true, "defense": true, "defence": true, "affairs": true, "justice": true, "commerce": true, "energy": true, "treasury": true, "finance": true, "interior": true, "trade": true, "security": true, "agriculture": true, "health": true, "education": true, "labor": true, "labour": true, "transportation": true,
	"protection": true, "development": true, "environment": true, "technology": true, "innovation": true, "communications": true,
	"resources": true, "planning": true, "industry": true, "economy": true, "culture": true, "tourism": true, "transport": true,
	"investment": true, "information": true, "staff": true, "government": true, "welfare": true, "youth": true, "sport": true, "sports": true, "relations": true, "cooperation": true,
	"works": true, "integration": true, "fisheries": true, "mines": true, "housing": true, "infrastructure": true, "immigration": true, "employment": true}

// honorifics stand before a name without being a post.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "amb": true, "engineer": true, "ing": true, "prof": true, "sir": true,
	// South Asian, Commonwealth and diplomatic forms of address.
	"shri": true, "smt": true, "hon": true, "excellency": true, "highness": true, "sheikh": true, "sheikha": true,
	"honourable": true, "honorable": true, "prince": true, "princess": true, "shaikh": true, "shaykh": true,
	// Abbreviated ranks: "Lt. Gen. (Rtd) Karl Hof".
	"lt": true, "gen": true, "col": true, "maj": true, "capt": true, "brig": true,
	// Malay forms of address: "Dato' Seri Utama Haji Karim bin Haji Osman".
	"dato": true, "datuk": true, "datin": true, "seri": true, "utama": true, "haji": true, "hajah": true, "tun": true,
}

// headlineStop words end a name in title-case headlines ("Secretary
// Pompeo Travels to …").
var headlineStop = map[string]bool{
	"travels": true, "visits": true, "meets": true, "says": true, "welcomes": true, "announces": true,
	"calls": true, "holds": true, "signs": true, "hosts": true, "discusses": true, "urges": true,
	"condemns": true, "to": true, "for": true, "with": true, "and": true, "in": true, "on": true, "at": true,
	"the": true, "of": true, "said": true, "will": true, "is": true, "was": true,
}

// honorific reports a form of address before a name; "H.E." folds to
// the pronoun's key, so it is told by its spelling.
func honorific(t token) bool {
	return honorifics[t.Key] && t.Key != "he" || t.Text == "H.E." || t.Text == "H. E." || t.Text == "H.H." || t.Text == "HE" || t.Text == "H.R.H." || t.Text == "HRH"
}

// afterName are words that may follow a name set off after its post
// ("…, H.E. Ana Lima to establish …", "…, Ana Lima, who …").
var afterName = map[string]bool{"to": true, "in": true, "on": true, "at": true, "who": true, "during": true, "for": true, "from": true, "with": true}

// spacedExcellency is how many tokens "H. E" or "H. E." take at j ("His
// Excellency" written with a space), 0 when none.
func spacedExcellency(toks []token, j, limit int) int {
	if j+1 >= limit || toks[j].Text != "H." || toks[j+1].Key != "e" && toks[j+1].Text != "E." {
		return 0
	}
	if toks[j+1].Text == "E" && j+2 < limit && toks[j+2].Text == "." {
		return 3
	}
	return 2
}

// possessives before a post name whose holder follows after a comma.
var possessives = map[string]bool{"its": true, "his": true, "her": true, "their": true}

var nameParticles = map[string]bool{"van": true, "von": true, "der": true, "den": true, "de": true, "da": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "bint": true, "binti": true, "ibn": true, "al": true, "ter": true, "dos": true, "das": true, "do": true, "del": true}

// titleAt reads a post's name starting at token i: modifiers, a head,
// and complements ("of State", "for Political Affairs", "General",
// "for the USA", "in Chief"). It returns the end and the title text.
func (rc *recognizer) titleAt(i, limit int) (int, string) {
	toks := rc.a.Toks
	j := i
	for j < limit && toks[j].Cap && (titleMods[toks[j].Key] || portfolio[toks[j].Key] && j+1 < limit && toks[j+1].Cap) { // "Health Minister"
		j++
		// "Vice-Minister"
		if j+1 < limit && toks[j].Text == "-" && toks[j-1].End == toks[j].Start && toks[j+1].Cap {
			j++
		}
	}
	if j >= limit || !toks[j].Cap || !titleHeads[toks[j].Key] {
		return i, ""
	}
	j++
	for j < limit && toks[j].Cap && (titleHeads[toks[j].Key] && toks[j].Key == "general" || toks[j].Key == "general") {
		j++
	}
	// "Director-General", "Secretary-General"
	if j+1 < limit && toks[j].Text == "-" && toks[j].Start == toks[j-1].End && toks[j+1].Key == "general" && toks[j+1].Start == toks[j].End {
		j += 2
	}
	// "Chair-in-Office", "Commander-in-Chief", "Ambassador-at-Large": a
	// compound joined by hyphens is one post
	if j+3 < limit && toks[j].Text == "-" && toks[j].Start == toks[j-1].End && !toks[j+1].Cap && toks[j+1].Start == toks[j].End &&
		toks[j+2].Text == "-" && toks[j+2].Start == toks[j+1].End && toks[j+3].Start == toks[j+2].End && toks[j+3].Word {
		j += 4
	}
	for j+1 < limit {
		switch {
		case toks[j].Key == "of" && (toks[j+1].Cap || toks[j+1].Key == "the" && j+2 < limit && toks[j+2].Cap && !toks[j+1].Cap):
			// "Chief of the General Staff", "Minister of the Environment"
			k := j + 1
			article := toks[k].Key == "the"
			if article {
				k++
			}
			for k < limit && k-j <= 3 && toks[k].Cap && !portfolio[toks[k].Key] {
				k++
				// "Minister of Fisheries and Energy": a field before "and" and
				// a portfolio.
				if k+1 < limit && toks[k].Key == "and" && toks[k+1].Cap && portfolio[toks[k+1].Key] {
					k++
				}
			}
			// after "the", the portfolio ends the name: "Director of the
			// National Security Agency" is a body's post, not "… Security".
			if k < limit && toks[k].Cap && portfolio[toks[k].Key] && !(article && k+1 < limit && (toks[k+1].Cap && toks[k+1].Word || toks[k+1].Key == "and")) {
				j = portfolioRun(toks, k+1, limit)
				// "Secretary of Health and Coastal Protection": a second
				// portfolio after "and".
				if j+1 < limit && toks[j].Key == "and" && toks[j+1].Cap {
					r := j + 1
					for r < limit && r-j <= 3 && toks[r].Cap && !portfolio[toks[r].Key] {
						r++
					}
					if r < limit && toks[r].Cap && portfolio[toks[r].Key] {
						j = portfolioRun(toks, r+1, limit)
					}
				}
				// "Minister of Foreign Affairs, European Union and
				// Cooperation, Mr. …": more portfolios after a comma, the
				// last after "and", before the comma that sets off the name.
				if j+1 < limit && toks[j].Text == "," && toks[j+1].Cap {
					r, and := j+1, false
					for r < limit && r-j <= 6 && (toks[r].Cap && toks[r].Word || toks[r].Key == "and") {
						and = and || toks[r].Key == "and"
						r++
					}
					// "…, Trade and Regional Integration of Peru, Luis
					// Vera": the post's state may close the list
					closed := r+1 < limit && toks[r].Text == "," && (honorific(toks[r+1]) || toks[r+1].Cap) && !titleHeads[toks[r+1].Key] ||
						toks[r].Key == "of" && rc.ownerThenComma(r+1, limit)
					if and && toks[r-1].Cap && closed {
						j = r
					}
				}
				continue
			}
		case toks[j].Key == "for" && toks[j+1].Cap && j+2 < limit && toks[j+2].Key == "of" && rc.regionAt(j+1):
			// "Director for Africa of the Monetary Fund": a region's remit
			// before the body
			j += 2
			continue
		case toks[j].Key == "responsible" && toks[j+1].Key == "for" && j+2 < limit && toks[j+2].Cap:
			// "Minister Responsible for Fisheries": the remit
			// follows as after "for"
			j++
			continue
		case toks[j].Key == "in" && toks[j+1].Key == "chief":
			j += 2
			continue
		case toks[j].Key == "for" && toks[j+1].Cap && portfolio[toks[j+1].Key] && toks[j+1].Key != "affairs" && !(j+2 < limit && toks[j+2].Key == "affairs"):
			j += 2 // "Minister for Defence"
			// "State Minister for Trade and Inland Waterways"
			if j+1 < limit && toks[j].Key == "and" && toks[j+1].Cap && rc.knownAt(j+1) == nil {
				k := j + 1
				for k < limit && k-j <= 3 && toks[k].Cap && toks[k].Word && !titleHeads[toks[k].Key] && rc.knownAt(k) == nil {
					k++
				}
				if k < limit && (toks[k].Text == "," || toks[k].Key == "of") {
					j = k
				}
			}
			continue
		case toks[j].Key == "for" && toks[j+1].Cap && toks[j+1].Word && rc.remitEnd(j+1, limit) > j+1:
			// "High Representative for Foreign Affairs and Security
			// Policy Anna Weber": the remit runs up to the name
			end := rc.remitEnd(j+1, limit)
			return end, cleanName(rc.a.span(i, end))
		case toks[j].Key == "for" && toks[j+1].Cap && toks[j+1].Word:
			k := j + 1
			for k < limit && (toks[k].Cap && toks[k].Word || toks[k].Key == "and" || toks[k].Text == "-") {
				k++
				if toks[k-1].Key == "affairs" {
					break
				}
			}
			if k > j+1 && k < limit && toks[k-1].Key == "affairs" {
				j = k
				// "for Foreign Affairs and Tourism"
				if j+1 < limit && toks[j].Key == "and" && toks[j+1].Cap && portfolio[toks[j+1].Key] {
					j += 2
				}
				continue
			}
		case toks[j].Key == "for" && toks[j+1].Key == "the" && j+2 < limit:
			if m := rc.knownAt(j + 2); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Location) && !m.E.isDemonym(rc.a.span(m.From, m.To)) {
				j = m.To
				continue
			}
		}
		break
	}
	j = rc.postingEnd(i, j, limit)
	return j, cleanName(rc.a.span(i, j))
}

// portfolioRun extends a portfolio that ends before token j over the
// portfolio words that compound it: "Development Cooperation".
func portfolioRun(toks []token, j, limit int) int {
	for j < limit && toks[j].Cap && portfolio[toks[j].Key] {
		j++
	}
	return j
}

// ownerThenComma reports a state or body named at k, perhaps after "the",
// and then a comma: "(of) the Republic of Peru, …".
func (rc *recognizer) ownerThenComma(k, limit int) bool {
	if k < limit && rc.a.Toks[k].Key == "the" {
		k++
	}
	m := rc.topAt(k)
	return m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Organization) && m.To < limit && rc.a.Toks[m.To].Text == ","
}

// bodyNameAfter reports capitalized words at k that end in a body's
// head: "of the Rivia Trade Ministry" names a body, not a person.
func (rc *recognizer) bodyNameAfter(k, limit int) bool {
	toks := rc.a.Toks
	for ; k < limit && toks[k].Cap && toks[k].Word; k++ {
		if orgHeads[toks[k].Key] != "" {
			return true
		}
	}
	return false
}

// setOffName returns where a name set off by commas after a post starts
// (", H.E. Mr. Anna Weber," at j), else j.
func (rc *recognizer) setOffName(j, limit int) int {
	toks := rc.a.Toks
	if j+1 >= limit || toks[j].Text != "," {
		return j
	}
	k := j + 1
	for k < limit {
		if n := spacedExcellency(toks, k, limit); n > 0 {
			k += n
		} else if honorific(toks[k]) && toks[k].Cap {
			k++
			if k < limit && toks[k].Text == "." {
				k++
			}
		} else {
			break
		}
	}
	// "…, Ana Prado had a call": the verb may follow the name at once
	if end := rc.nameAt(k, limit); end-k >= 2 && (end == limit || toks[end].Text == "," || toks[end].Text == "." || afterName[toks[end].Key] || toks[end].Word && !toks[end].Cap && toks[end].Key != "and") {
		return k
	}
	return j
}

// envoyHeads name posts held abroad: their "to" names where the holder
// serves, which is part of the post and never its owner ("Chilean
// Ambassador to Peru Ana Soto" holds a post of Chile).
var envoyHeads = map[string]bool{
	"ambassador": true, "commissioner": true, "representative": true, "envoy": true,
	"consul": true, "attache": true, "attachee": true, "delegate": true, "observer": true,
}

// postingEnd extends the post [i, j) over "to [the] <state, body or
// city>" when the post is an envoy's.
func (rc *recognizer) postingEnd(i, j, limit int) int {
	toks := rc.a.Toks
	if j+1 >= limit || toks[j].Key != "to" || !slices.ContainsFunc(toks[i:j], func(t token) bool { return envoyHeads[t.Key] }) {
		return j
	}
	k := j + 1
	if toks[k].Key == "the" && k+1 < limit {
		k++
	}
	if m := rc.knownAt(k); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Organization || m.E.Type == schema.Location) {
		return m.To
	}
	return j
}

// regionAt reports a one-word state or place at k, not its demonym.
func (rc *recognizer) regionAt(k int) bool {
	m := rc.knownAt(k)
	return m != nil && m.To == k+1 && (m.E.Type == schema.Country || m.E.Type == schema.Location) && !m.E.isDemonym(rc.a.span(m.From, m.To))
}

// familyCaps reports a family name in capitals that opens a name, as
// Japanese and some European releases write it: "Ms. KAMIKAWA Yoko".
// A known acronym is no name, and a given name in ordinary case follows.
func (rc *recognizer) familyCaps(j, i, limit int) bool {
	toks := rc.a.Toks
	if j != i || j+1 >= limit || len(toks[j].Text) < 3 || rc.knownAt(j) != nil {
		return false
	}
	for _, r := range toks[j].Text {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	n := toks[j+1]
	return n.Word && n.Cap && !n.Upper && !headlineStop[n.Key] && !titleHeads[n.Key] && rc.knownAt(j+1) == nil
}

func (e *ent) isDemonym(s string) bool {
	if e.Gaz == nil {
		return false
	}
	for _, d := range e.Gaz.Demonym {
		if schema.Key(d) == schema.Key(s) {
			return true
		}
	}
	return false
}

// nameAt reads a person's name at token i: up to four capitalized words
// or initials that name no known thing.
func (rc *recognizer) nameAt(i, limit int) int {
	toks := rc.a.Toks
	j := i
	particles := 0 // "Mohamed bin Zayed Al Nahyan" is no longer than five words
	for j < limit && j-i-particles < 5 {
		t := toks[j]
		// "David van Weel", "Ursula von der Leyen"; after a post the
		// particle opens the name: "Minister van Klaveren".
		if nameParticles[t.Key] && !t.Cap && j+1 < limit && (toks[j+1].Cap && toks[j+1].Word || particlePair(toks, j+1, limit)) && (j > i || t.Key == "van" || t.Key == "von" || t.Key == "de") {
			j++
			particles++
			continue
		}
		if j > i && nameParticles[t.Key] && t.Cap && j+1 < limit && toks[j+1].Cap && toks[j+1].Word {
			particles++ // "Al Nahyan"
		}
		// "Al-Falih", "Jean-Noël", and the second syllable of a Korean
		// given name in lower case ("Park Ji-won"): a hyphen inside one
		// word of the name
		if j > i && t.Text == "-" && toks[j-1].End == t.Start && j+1 < limit && toks[j+1].Start == t.End && toks[j+1].Word && (toks[j+1].Cap || j-1 > i && syllable(toks[j+1])) {
			j++
			particles++
			if !toks[j].Cap {
				j++ // the syllable would stop the name below
			}
			continue
		}
		if !t.Word || !t.Cap || t.Upper && len(t.Text) > 2 && !strings.HasSuffix(t.Text, ".") && !rc.familyCaps(j, i, limit) || headlineStop[t.Key] && !(j > i && nameParticles[toks[j-1].Key]) || titleHeads[t.Key] && j > i || ordinalWords[t.Key] || abbreviation(t.Text) {
			break
		}
		// "His Excellency Karl Hof": a form of address is no part of
		// the name
		if j == i && (possessives[t.Key] || t.Key == "excellency" || t.Key == "highness" || t.Key == "majesty") {
			break
		}
		if m := rc.knownAt(j); m != nil && !(j == i && (m.E.Type == schema.Location || m.E.Type == schema.Country) && m.To == j+1 && j+1 < limit && toks[j+1].Cap && toks[j+1].Word && rc.knownAt(j+1) == nil) {
			break
		}
		if orgHeads[t.Key] != "" || agreementHeads[t.Key] != "" || eventHeads[t.Key] != "" {
			break
		}
		j++
	}
	// A name does not end in an initial.
	for j > i && strings.HasSuffix(toks[j-1].Text, ".") {
		j--
	}
	// "Jose Faustino Jr."
	if j > i && j+1 < limit && (toks[j].Key == "jr" || toks[j].Key == "sr") && toks[j+1].Text == "." {
		j += 2
	} else if j > i+1 && j < limit && (toks[j-1].Key == "jr" || toks[j-1].Key == "sr") && toks[j].Text == "." {
		j++
	}
	return j
}

// abbreviation reports a short word with capitals inside it ("CiO",
// "MoU"): an abbreviation, no part of a name.
func abbreviation(w string) bool {
	caps := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return len(w) <= 4 && caps >= 2 && strings.ToUpper(w) != w
}

// particlePair reports a second particle at k and a capitalized word
// after it: "de la Fuente", "van der Berg".
func particlePair(toks []token, k, limit int) bool {
	return k+1 < limit && nameParticles[toks[k].Key] && !toks[k].Cap && toks[k+1].Cap && toks[k+1].Word
}

// syllable is a short word in lower case that may end a hyphenated given
// name, and no suffix a name takes in compounds ("a Rivia-led mission").
func syllable(t token) bool {
	return !t.Cap && len(t.Text) <= 5 && !compoundSuffixes[t.Key]
}

var compoundSuffixes = map[string]bool{"led": true, "based": true, "backed": true, "born": true, "elect": true, "era": true, "style": true,
	"made": true, "owned": true, "run": true, "like": true, "type": true, "wide": true, "level": true}

// remitEnd reads the remit of a post that runs straight into its
// holder's name ("for Cyber and Digital Policy Jane Roe"): a run of
// capitalized words and "and", whose tail of one to four capitalized
// words opens with a word that is a name or no English word. It returns
// where the name starts, or from when the run holds no such tail.
func (rc *recognizer) remitEnd(from, limit int) int {
	toks := rc.a.Toks
	r := from
	for r < limit && r-from < 14 && (toks[r].Cap && toks[r].Word || toks[r].Key == "and" || toks[r].Text == "&") {
		r++
	}
	wordsOnce.Do(loadWords)
	for p := from + 1; p < r; p++ {
		t := toks[p]
		if !t.Cap || r-p > 4 || !toks[p-1].Cap || rc.within(p) {
			continue
		}
		// a known name is part of the remit ("for Ukraine"), unless a
		// place's name is the holder's given name ("Victoria Nuland")
		if m := rc.knownAt(p); m != nil && !(m.E.Type == schema.Location && m.To == p+1 && p+1 < r) {
			continue
		}
		if !properWrd[t.Text] && lowerWord[t.Key] {
			continue // "Policy", "Security": the remit goes on
		}
		if slices.ContainsFunc(toks[p:r], func(u token) bool { return !u.Cap || titleHeads[u.Key] }) {
			continue
		}
		// "for East African Affairs": no name ends in a portfolio
		if portfolio[toks[r-1].Key] {
			continue
		}
		return p
	}
	return from
}

// personPass finds people by the posts and honorifics before their
// names, by apposition ("Berta Jarošová, the Czech Cyber Attachée for the
// USA"), possessive states ("France's Emmanuel Macron") and "the X
// regime/administration".
func (rc *recognizer) personPass() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for i := s.From; i < s.To; i++ {
			t := toks[i]
			if !t.Cap || t.Ref || rc.inside(i) && rc.knownAt(i) == nil && !rc.bodyAt(i) {
				continue
			}
			// [state/body] title* name
			var owner *ent
			j := i
			if m := rc.topAt(i); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Organization) && !m.Dropped {
				owner = m.E
				j = m.To
			}
			var titles []string
			for j < s.To {
				// "His Excellency", "Her Highness"
				if (toks[j].Key == "his" || toks[j].Key == "her") && j+1 < s.To && honorific(toks[j+1]) && j > i {
					j++
					continue
				}
				if n := spacedExcellency(toks, j, s.To); n > 0 {
					j += n
					continue
				}
				if honorific(toks[j]) && toks[j].Cap {
					j++
					if j < s.To && toks[j].Text == "." {
						j++
					}
					continue
				}
				// "(Rtd)": retired from the rank before it
				if j > i && j+2 < s.To && toks[j].Text == "(" && (toks[j+1].Key == "rtd" || toks[j+1].Key == "retd") && toks[j+2].Text == ")" {
					j += 3
					continue
				}
				k, title := rc.titleAt(j, s.To)
				if title == "" {
					break
				}
				// "Assistant Secretary General for Emerging Security
				// Challenges, Mr. David van Weel": a remit in capitals
				// before a comma and the name.
				if k+1 < s.To && toks[k].Key == "for" && toks[k+1].Cap {
					r := k + 1
					for r < s.To && (toks[r].Cap && toks[r].Word || toks[r].Key == "and") {
						r++
					}
					if r+1 < s.To && toks[r].Text == "," && honorific(toks[r+1]) {
						k = r
						title = cleanName(rc.a.span(j, k))
					}
				}
				titles = append(titles, title)
				// "Deputy Prime Minister and Minister for Tourism": one
				// person's two posts.
				if k+1 < s.To && toks[k].Key == "and" && toks[k+1].Cap {
					// "… and Minister of Foreign Affairs of Chile, A"
					if k2, t2 := rc.titleAt(k+1, s.To); t2 != "" && k2 > k+1 && (k2 == s.To || toks[k2].Text == "," || toks[k2].Key == "of" && rc.countryAfter(k2+1)) {
						titles = append(titles, t2)
						k = k2
					}
				}
				// "Minister of Foreign Affairs, European Union and
				// Cooperation": a body named inside a post is no mention.
				for _, m := range rc.mentionsIn(j, k) {
					if m.E.Type == schema.Organization && m.From > j && toks[m.From-1].Text == "," {
						m.Dropped = true
						rc.forget(m.E)
					}
				}
				j = k
				// "…, Mr. David van Weel"
				if j+1 < s.To && toks[j].Text == "," && honorific(toks[j+1]) {
					j++
				} else if j+1 < s.To && toks[j].Text == "," && (owner != nil || i > s.From && (possessives[toks[i-1].Key] || toks[i-1].Key == "the" || toks[i-1].Key == "and" && i-2 > s.From && toks[i-2].Text == ",")) && len(titles) <= 2 {
					// "represented by its Minister of Foreign Affairs,
					// Bendito dos Santos Freitas.": the post, then the
					// name set off by commas.
					if end := rc.nameAt(j+1, s.To); end-j-1 >= 2 && (end == s.To || toks[end].Text == "," || toks[end].Text == ".") {
						j++
					}
				} else if j+2 < s.To && toks[j].Text == "," && i == s.From && len(titles) == 1 {
					// "Minister of Trade, Kofi Mensah and the Minister of
					// Mines met …": a post opening the sentence, then its
					// holder's name, then the next person.
					if end := rc.nameAt(j+1, s.To); end-j-1 >= 2 && end < s.To && (toks[end].Key == "and" || personAfter[toks[end].Key]) && rc.nameLike(j+1, end) {
						j++
					}
				}
			}
			if len(titles) == 0 && j == i || len(titles) == 0 && owner != nil {
				continue
			}
			// "president of Borduria Karl Hof", "Ambassador of Freedonia
			// to Borduria Anna Weber"
			if j+2 < s.To && toks[j].Key == "of" {
				// "Ambassador of the United States to Rivia"
				if m := rc.knownAt(j + 1 + b2i(toks[j+1].Key == "the")); m != nil && m.E.Type == schema.Country && !m.E.isDemonym(rc.a.span(m.From, m.To)) && !rc.bodyNameAfter(m.To, s.To) {
					owner = m.E
					j = m.To
					// "to Borduria", "in Borduria": where the envoy serves
					if j+1 < s.To && (toks[j].Key == "to" || toks[j].Key == "in") {
						if n := rc.knownAt(j + 1); n != nil && (n.E.Type == schema.Country || n.E.Type == schema.Organization) {
							j = n.To
						}
					}
					// "the Ambassador of Freedonia to Borduria, Anna
					// Weber, said": the holder set off by commas.
					j = rc.setOffName(j, s.To)
				}
			}
			end := rc.nameAt(j, s.To)
			// "the General Staff": a rank before one word after "the"
			// names a body.
			if end == j+1 && len(titles) == 1 && i > s.From && toks[i-1].Key == "the" && owner == nil {
				continue
			}
			if end == j {
				if len(titles) > 0 && i > s.From && toks[i-1].Key == "the" {
					rc.titleRef(i, j, titles[0])
				}
				continue
			}
			title := ""
			if len(titles) > 0 {
				title = titles[0]
			}
			if owner == nil && end+1 < s.To && toks[end].Key == "of" {
				if m := rc.knownAt(end + 1); m != nil && m.E.Type == schema.Country {
					owner = m.E
				}
				// "Patrick Mariru of the Ministry of Defence of Kenya"
				k := end + 1
				if toks[k].Key == "the" && k+1 < s.To {
					k++
				}
				if m := rc.topAt(k); owner == nil && m != nil && (m.E.Type == schema.Organization || m.E.Type == schema.Country) && len(titles) > 0 {
					owner = m.E // "President Joko Widodo of the Republic of Indonesia"
				}
			}
			p := rc.person(j, end, title, owner)
			if p != nil && len(titles) > 1 {
				p.E.Titles = append(p.E.Titles, titles[1:]...)
			}
			i = end - 1
		}
	}
	// "the first president of Czechoslovakia Tomáš Masaryk"
	for i := 0; i+3 < len(toks); i++ {
		if toks[i].Ref || toks[i].Cap || !titleHeads[toks[i].Key] || toks[i+1].Key != "of" {
			continue
		}
		m := rc.knownAt(i + 2)
		if m == nil || m.E.Type != schema.Country {
			continue
		}
		if end := rc.nameAt(m.To, len(toks)); end-m.To >= 2 && !rc.inside(m.To) {
			title := strings.ToUpper(toks[i].Text[:1]) + toks[i].Text[1:]
			rc.person(m.To, end, title, m.E)
		}
	}
	rc.postAppositions()
	rc.respectiveNames()
	rc.pluralPostNames()
	// Apposition and possessives need the names found above.
	for _, s := range rc.a.Sents {
		if toks[s.From].Ref {
			continue
		}
		for i := s.From; i+2 < s.To; i++ {
			if toks[i].Text == "'s" || toks[i].Text == "’s" {
				if i > s.From {
					if m := rc.knownAt(i - 1); m != nil && m.To == i && m.E.Type == schema.Country {
						// "Kenya's Foreign Minister Musalia Mudavadi": the
						// state's post, then the name.
						if k, title := rc.titleAt(i+1, s.To); title != "" {
							// "Norway's Minister of Foreign Affairs, Espen
							// Barth Eide, hosted …"
							k = rc.setOffName(k, s.To)
							if end := rc.nameAt(k, s.To); end > k {
								if pm := rc.mentionAt(k, end); pm != nil && pm.E.Type == schema.Person {
									if pm.TitleOf == nil {
										pm.TitleOf = m.E
									}
									if pm.Title == "" {
										pm.Title = title
									}
								} else if !rc.inside(k) {
									rc.person(k, end, title, m.E)
								}
							}
						} else if end := rc.nameAt(i+1, s.To); end-i-1 >= 2 && !rc.inside(i+1) && !rc.commonWords(i+1, end) && !(end < s.To && toks[end].Text == "(") {
							rc.person(i+1, end, "", nil)
						}
					}
				}
			}
			if toks[i].Text == "," && i > s.From && (toks[i+1].Key == "the" || toks[i+1].Cap) {
				// Name, the [State] Title …
				k := i + 1
				if toks[k].Key == "the" {
					k++
				}
				var owner *ent
				if m := rc.knownAt(k); m != nil && m.E.Type == schema.Country && k+1 < s.To {
					owner, k = m.E, m.To
					// "Arifin Tasrif, Indonesia's Minister of Energy"
					if k+1 < s.To && (toks[k].Text == "'s" || toks[k].Text == "’s") {
						k++
					}
				} else if m := rc.topAt(k); m != nil && m.E.Type == schema.Organization && m.To+1 < s.To && (toks[m.To].Text == "'s" || toks[m.To].Text == "’s") {
					// "Karl Hof, the Trade Ministry's Director of Protocol"
					owner, k = m.E, m.To+1
				}
				end, title := rc.titleAt(k, s.To)
				if title == "" {
					continue
				}
				// "A, Rivian Defence Minister B and …": a post right before
				// a name is that name's
				if rc.nameAt(end, s.To)-end >= 2 {
					continue
				}
				// "the President of Brazil, A, the President of Argentina,
				// B, paid …": a post set off by commas before another name
				// is that name's, not the one before it.
				if t := end; t+1 < s.To && toks[t].Key == "of" {
					if m := rc.topAt(t + 1 + b2i(toks[t+1].Key == "the")); m != nil && (m.E.Type == schema.Country || m.E.Type == schema.Organization) {
						t = m.To
					}
					if t+1 < s.To && toks[t].Text == "," && rc.nameAt(t+1, s.To)-t-1 >= 2 {
						continue
					}
				}
				start, words := i, 0
				for start > s.From && words < 4 {
					p := toks[start-1]
					joined := p.Text == "-" && start-2 >= s.From && toks[start-2].End == p.Start && p.End == toks[start].Start
					// "Gilberto C. Teodoro Jr., Secretary of …"
					joined = joined || p.Text == "." && start-2 >= s.From && (start == i && suffixes[toks[start-2].Key] || len(toks[start-2].Text) == 1 && toks[start-2].Cap)
					if !joined && !(p.Word && (p.Cap || nameParticles[p.Key] && start-2 >= s.From && toks[start-2].Cap)) {
						break
					}
					if p.Word && p.Cap && !nameParticles[p.Key] {
						words++
					}
					start--
				}
				for start < i && (honorific(toks[start]) || titleHeads[toks[start].Key] || titleMods[toks[start].Key] || toks[start].Key == "general" ||
					(toks[start].Key == "his" || toks[start].Key == "her" || toks[start].Key == "the") && start+1 < i && honorific(toks[start+1])) {
					start++
				}
				if start == i || rc.nameAt(start, i) != i {
					continue
				}
				pm := rc.mentionAt(start, i)
				if pm == nil && toks[i-1].Text == "." {
					pm = rc.mentionAt(start, i-1) // "… Teodoro Jr."
				}
				if pm != nil {
					if pm.E.Type == schema.Person {
						rc.appose(pm, title, owner, end, s)
					}
					continue
				}
				if rc.inside(start) || i-start < 2 {
					continue
				}
				pm = rc.person(start, i, "", nil)
				rc.appose(pm, title, owner, end, s)
			}
		}
		// "the Lukashenka regime", "the Obama administration"
		for i := s.From + 1; i+1 < s.To; i++ {
			next := toks[i+1].Key
			if (next == "regime" || next == "administration") && toks[i].Cap && toks[i].Word && rc.knownAt(i) == nil && !rc.inside(i) && !leadStop[toks[i].Key] {
				rc.person(i, i+1, "", nil)
				if next == "administration" {
					e := rc.reg.get(schema.Organization, cleanName(rc.a.span(i, i+2)), "GOVERNMENT")
					rc.add(&mention{From: i, To: i + 2, E: e, Source: "pattern"})
				}
			}
		}
	}
	// "representatives of the opposition, including Sviatlana
	// Tsikhanouskaya": two or three capitalized words that are no common
	// words, heads or known names, after "including" or "such as".
	for i := 1; i+2 < len(toks); i++ {
		if toks[i].Ref || !(toks[i].Key == "including" || toks[i].Key == "as" && toks[i-1].Key == "such") {
			continue
		}
		j := i + 1
		for j < len(toks) && j-i <= 3 && toks[j].Cap && toks[j].Word && !isLowerWord(toks[j].Text) && rc.knownAt(j) == nil && !rc.inside(j) && toks[j].Sent == toks[i].Sent {
			j++
		}
		if n := j - i - 1; n >= 2 && n <= 3 && (j >= len(toks) || !toks[j].Cap) && rc.plainWords(i+1, j) {
			rc.person(i+1, j, "", nil)
		}
	}
	rc.interleavedPosts()
	rc.portfolioPosts()
	rc.republicPosts()
	rc.roleNames()
	rc.bareNames()
	rc.surnamePass()
}

// appose attaches "…, the Czech Cyber Attachée for the USA" or
// "…, Director of the Czech National Security Agency" to a person.
func (rc *recognizer) appose(pm *mention, title string, owner *ent, end int, s sentence) {
	toks := rc.a.Toks
	// "the Premier" later refers to the person of this post.
	if !containsKey(pm.E.Titles, title) {
		pm.E.Titles = append(pm.E.Titles, title)
	}
	if end+1 < s.To && toks[end].Key == "of" {
		k := end + 1
		if toks[k].Key == "the" {
			k++
		}
		for _, m := range rc.starting(k) {
			if !m.Nested && (m.E.Type == schema.Organization || m.E.Type == schema.Country) {
				owner = m.E
			}
		}
	}
	// "Deputy Chairman of the Cabinet of Ministers and Minister of
	// Foreign Affairs of Turkmenistan": two posts, the state named last.
	q := end
	for q < s.To && q-end < 8 && (toks[q].Key == "of" || toks[q].Key == "the" || toks[q].Word && toks[q].Cap) && (owner == nil || owner.Type != schema.Country) {
		q++
	}
	if (owner == nil || owner.Type == schema.Organization) && q+2 < s.To && toks[q].Key == "and" {
		if k2, t2 := rc.titleAt(q+1, s.To); t2 != "" && k2+1 < s.To && toks[k2].Key == "of" {
			j := k2 + 1
			if toks[j].Key == "the" {
				j++
			}
			if m := rc.knownAt(j); m != nil && m.E.Type == schema.Country {
				owner = m.E
			}
		}
	}
	if owner == nil {
		// "…, Ambassador in charge of Cyber Policy, Ministry of Foreign
		// Affairs"; not the body of the next person listed ("…, Minister
		// of Energy, and B, Chairman of the Commission").
		stop := s.To
		for k := end; k+1 < s.To; k++ {
			if toks[k].Text == ";" || toks[k].Key == "and" && toks[k+1].Cap && (toks[k-1].Text == "," || rc.topAt(k+1) != nil && rc.topAt(k+1).E.Type == schema.Person) {
				stop = k
				break
			}
		}
		for _, m := range rc.mentionsIn(end, stop) {
			if m.From-end > 12 {
				break
			}
			if !m.Nested && m.E.Type == schema.Organization {
				owner = m.E
				break
			}
			if m.E.Type == schema.Person {
				break
			}
		}
	}
	if owner == nil {
		// A post with no state or body said: whose it is is for the
		// relater to tell ("from the Ruritanian side", the document's state).
		if pm.Title == "" {
			pm.Title = title
		}
		return
	}
	rc.extraTitles = append(rc.extraTitles, posting{pm, title, owner})
}

type posting struct {
	m     *mention
	title string
	of    *ent
}

func (rc *recognizer) mentionAt(from, to int) *mention {
	for _, m := range rc.starting(from) {
		if m.To == to {
			return m
		}
	}
	return nil
}

// bodyAt reports a body or state named from token i on.
func (rc *recognizer) bodyAt(i int) bool {
	m := rc.topAt(i)
	return m != nil && (m.E.Type == schema.Organization || m.E.Type == schema.Country)
}

func (rc *recognizer) inside(i int) bool {
	in := false
	rc.spanning(i, i+1, func(m *mention) {
		if m.From <= i && i < m.To && m.E.Type != schema.Country {
			in = true
		}
	})
	return in
}

// within reports a mention that holds token i but starts before it.
func (rc *recognizer) within(i int) bool {
	in := false
	rc.spanning(i, i+1, func(m *mention) {
		in = in || m.From < i && i < m.To
	})
	return in
}

// person records a person mention named by [from,to), merging it with a
// person of the document who shares the surname.
func (rc *recognizer) person(from, to int, title string, owner *ent) *mention {
	toks := rc.a.Toks
	for to-from > 2 && postNominals[toks[to-1].Text] {
		to-- // "Karl Hof MP": letters after a name are no part of it
	}
	name := cleanName(rc.a.span(from, to))
	last := to - 1
	for last > from && (suffixes[toks[last].Key] || toks[last].Text == ".") {
		last-- // "Gilberto C. Teodoro Jr." is Teodoro
	}
	surname := toks[last].Key
	written := ""
	if to-from >= 2 && rc.familyCaps(from, from, to) {
		// "KAMIKAWA Yoko": the family name first, in capitals; the name
		// is kept in the order the later "Minister Kamikawa" resolves by.
		written, surname = name, toks[from].Key
		f := toks[from].Text
		name = cleanName(rc.a.span(from+1, to)) + " " + f[:1] + strings.ToLower(f[1:])
	}
	var e *ent
	for _, x := range rc.reg.ents {
		// Two full names that share a family name but not a given name
		// are two people ("Tahnoun bin Zayed Al Nahyan", "Abdullah bin
		// Zayed Al Nahyan"); a name that ends in another is the same
		// person named in full ("Espen Barth Eide", "Barth Eide").
		if to-from >= 2 && len(strings.Fields(x.Name)) >= 2 && (firstKey(x.Name) != firstKey(name) && !sameTail(name, x.Name) || !nameWithin(name, x.Name)) {
			continue
		}
		if x.Type == schema.Person && (lastKey(x.Name) == surname || lastKey(x.Name) == lastKey(name) || to-from == 1 && firstKey(x.Name) == surname || from+1 < to && lastKey(x.Name) == rc.a.Toks[from].Key && len(strings.Fields(x.Name)) == 1) {
			e = x
			break
		}
	}
	if e == nil {
		e = rc.reg.get(schema.Person, name, "")
	} else if k := toks[from].Key; len(strings.Fields(name)) > len(strings.Fields(e.Name)) && !portfolio[k] && !titleHeads[k] && !titleMods[k] && orgHeads[k] == "" {
		// the fuller name, unless what it adds is a word a post left
		// behind ("… Civil Defence Ana Maria Prado")
		old := e.Name
		e.Name = name
		e.addAlias(old)
	} else {
		e.addAlias(name)
	}
	if written != "" {
		e.addAlias(written)
	}
	rc.reg.reindex(e)
	if title != "" {
		e.Titles = append(e.Titles, title)
	}
	// A place or state the name starts with ("Victoria", "Israel") was
	// part of the name.
	for _, m := range rc.mentionsIn(from, to) {
		if m.E.Type == schema.Location || m.E.Type == schema.Country && m.From == from {
			m.Nested = true
			m.Dropped = true
		}
	}
	return rc.add(&mention{From: from, To: to, E: e, Title: title, TitleOf: owner, Source: "person"})
}

func firstKey(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return ""
	}
	return schema.Key(f[0])
}

func lastKey(name string) string {
	f := strings.Fields(name)
	for len(f) > 1 && suffixes[schema.Key(f[len(f)-1])] {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return ""
	}
	return schema.Key(f[len(f)-1])
}

// sameTail reports two names of which one ends in the other.
// nameWithin reports two full names of which one holds every word of
// the other but initials ("Sheikh Karim bin Omar Al Zaid" and "Karim bin
// Omar Al Zaid", "Anna K. Weber" and "Anna Weber"): one person. "Karim
// bin Omar Al Zaid" and "Karim bin Said Al Zaid" are two.
func nameWithin(a, b string) bool {
	words := func(s string) []string {
		var out []string
		for _, w := range strings.Fields(schema.Key(s)) {
			if len(w) > 1 {
				out = append(out, w)
			}
		}
		return out
	}
	wa, wb := words(a), words(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for _, w := range wa {
		if !slices.Contains(wb, w) {
			return false
		}
	}
	return true
}

func sameTail(a, b string) bool {
	a, b = " "+schema.Key(a), " "+schema.Key(b)
	return strings.HasSuffix(a, b) || strings.HasSuffix(b, a)
}

// suffixes follow a family name without being one.
var suffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true}

// postNominals are the letters a member of a parliament or an order
// writes after the name, as written.
var postNominals = map[string]bool{"MP": true, "MEP": true, "MLA": true, "MPP": true, "MHA": true, "QC": true, "KC": true, "OBE": true, "CBE": true, "KBE": true, "GCMG": true, "KCMG": true, "CMG": true}

// titleRef resolves "the Foreign Minister" to the person of the document
// who holds that post, once persons are known (see surnamePass).
func (rc *recognizer) titleRef(from, to int, title string) {
	rc.titleRefs = append(rc.titleRefs, titleRef{from, to, title})
}

type titleRef struct {
	from, to int
	title    string
}

// surnamePass finds later mentions of a person by surname alone
// ("Ducaru said") and by post ("the Foreign Minister").
func (rc *recognizer) surnamePass() {
	bySurname := map[string]*ent{}
	for _, e := range rc.reg.ents {
		if e.Type == schema.Person {
			bySurname[lastKey(e.Name)] = e
		}
	}
	for i, t := range rc.a.Toks {
		if !t.Cap || !t.Word || t.Ref {
			continue
		}
		e := bySurname[t.Key]
		if e == nil || rc.inside(i) || rc.knownAt(i) != nil {
			continue
		}
		if i+1 < len(rc.a.Toks) && rc.a.Toks[i+1].Cap && rc.a.Toks[i+1].Word && !headlineStop[rc.a.Toks[i+1].Key] {
			continue
		}
		rc.add(&mention{From: i, To: i + 1, E: e, Source: "surname"})
	}
	for _, tr := range rc.titleRefs {
		for _, e := range rc.reg.ents {
			if e.Type == schema.Person && containsKey(e.Titles, tr.title) {
				rc.add(&mention{From: tr.from, To: tr.to, E: e, Source: "title"})
				break
			}
		}
	}
}

func containsKey(xs []string, s string) bool {
	for _, x := range xs {
		if schema.Key(x) == schema.Key(s) {
			return true
		}
	}
	return false
}

// postAppositions finds people named after their post and the body or
// state it belongs to, set off by a comma: "the Director-General of the
// Federal Police, Andrei Rodrigues, received …", "the Chairperson of the
// African Union Commission, H.E. Moussa Faki Mahamat".
func (rc *recognizer) postAppositions() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		if toks[s.From].Ref {
			continue
		}
		for i := s.From; i+4 < s.To; i++ {
			if !toks[i].Cap || i > s.From && toks[i-1].Cap && toks[i-1].Word && toks[i-1].Key != "the" {
				continue
			}
			k, title := rc.titleAt(i, s.To)
			if title == "" || k+2 >= s.To || toks[k].Key != "of" && toks[k].Key != "at" { // "State Secretary at the Ministry of …, Ana Lima"
				continue
			}
			b := k + 1
			if toks[b].Key == "the" {
				b++
			}
			body := rc.topAt(b)
			if body == nil && b == k+1 {
				body = rc.unknownBody(s, b)
			}
			if body == nil || body.E.Type != schema.Organization && body.E.Type != schema.Country {
				continue
			}
			// "the Secretary-General of the Gulf Cooperation Council
			// (GCC), Jasem Mohamed Albudaiwi": past the body's acronym.
			bodyEnd := body.To
			if bodyEnd+3 < s.To && toks[bodyEnd].Text == "(" && toks[bodyEnd+2].Text == ")" {
				bodyEnd += 3
			}
			if bodyEnd+1 >= s.To {
				continue
			}
			j := bodyEnd + 1
			switch {
			case toks[bodyEnd].Text == ",":
			case holderAfter(toks, bodyEnd, s.To):
				j = bodyEnd // "President of the Senate Rosa Quispe"
			default:
				continue
			}
			for j < s.To {
				if n := spacedExcellency(toks, j, s.To); n > 0 {
					j += n
					continue
				}
				if honorific(toks[j]) && toks[j].Cap {
					j++
					if j < s.To && toks[j].Text == "." {
						j++
					}
					continue
				}
				if t, ti := rc.titleAt(j, s.To); ti != "" && t > j {
					j = t
					continue
				}
				break
			}
			end := rc.nameAt(j, s.To)
			// "the Minister for Foreign Affairs of the Republic of
			// Indonesia, Sugiono, and …": one word set off by commas after
			// a state's post is a name borne alone, when it is no common
			// word.
			single := end-j == 1 && j == bodyEnd+1 && end+1 < s.To && toks[end].Text == "," && body.E.Type == schema.Country && !isLowerWord(toks[j].Text) && rc.knownAt(j) == nil
			setOff := j > bodyEnd // the name set off by a comma
			if end-j < 2 && !single || setOff && end < s.To && toks[end].Text != "," && toks[end].Text != "." && toks[end].Text != ";" && toks[end].Key != "and" && !afterName[toks[end].Key] {
				continue
			}
			if pm := rc.mentionAt(j, end); pm != nil {
				if pm.E.Type == schema.Person && pm.TitleOf == nil {
					pm.TitleOf = body.E
					if pm.Title == "" {
						pm.Title = title
					}
					// "the Chairperson" later refers to this person
					if !containsKey(pm.E.Titles, title) {
						pm.E.Titles = append(pm.E.Titles, title)
					}
				}
				continue
			}
			if rc.inside(j) {
				continue
			}
			rc.person(j, end, title, body.E)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// respectiveNames reads "the Foreign Ministers of Indonesia, Thailand and
// the Philippines, Sugiono, Maris Sangiampongsa and Enrique A. Manalo": a
// plural post over a list of states, then as many names, in order. Each
// name holds the post for its state; a name may be a single word here.
func (rc *recognizer) respectiveNames() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for i := s.From; i+6 < s.To; i++ {
			_, capital := rc.pluralPostOf(i)
			lower, ok := rc.lowerPluralPostOf(i)
			if !capital && !ok {
				continue
			}
			a := i
			for a > s.From && toks[a-1].Cap && titleMods[toks[a-1].Key] {
				a--
			}
			// "the Ministers of Foreign Affairs of France and Germany": the
			// portfolio before the states
			complement := ""
			k := i + 2
			if !rc.countryAfter(i + 2) {
				q := i + 2
				for q < s.To && q-i <= 5 && toks[q].Cap && toks[q].Word && rc.knownAt(q) == nil {
					q++
				}
				if q == i+2 || q+1 >= s.To || toks[q].Key != "of" || !rc.countryAfter(q+1) {
					continue
				}
				complement = " " + rc.a.span(i+1, q)
				k = q + 1
			}
			// the states
			var states []*ent
			for k < s.To {
				if toks[k].Key == "the" || toks[k].Key == "and" || toks[k].Text == "," && len(states) > 0 && k+1 < s.To && rc.countryAfter(k+1) {
					k++
					continue
				}
				m := rc.knownAt(k)
				if m == nil || m.E.Type != schema.Country {
					break
				}
				states = append(states, m.E)
				k = m.To
			}
			if len(states) < 2 || k+1 >= s.To || toks[k].Text != "," {
				continue
			}
			// as many names
			type span struct{ a, b int }
			var names []span
			j := k + 1
			for j < s.To && len(names) < len(states) {
				if toks[j].Key == "and" || toks[j].Text == "," {
					j++
					continue
				}
				end := rc.nameAt(j, s.To)
				if end == j || rc.knownAt(j) != nil {
					break
				}
				names = append(names, span{j, end})
				j = end
			}
			if len(names) != len(states) || j < s.To && toks[j].Text != "," && toks[j].Text != "." && toks[j].Word && toks[j].Cap {
				continue
			}
			title := strings.TrimSuffix(cleanName(rc.a.span(a, i+1)), "s") + complement
			if !capital {
				title = lower + complement // "the foreign ministers of …"
			}
			for n, sp := range names {
				if pm := rc.mentionAt(sp.a, sp.b); pm != nil {
					continue
				}
				if rc.inside(sp.a) {
					continue
				}
				rc.person(sp.a, sp.b, title, states[n])
			}
			i = j
		}
	}
}

// countryAfter reports a state named at k, after an optional "the".
func (rc *recognizer) countryAfter(k int) bool {
	if k < len(rc.a.Toks) && rc.a.Toks[k].Key == "the" {
		k++
	}
	m := rc.knownAt(k)
	return m != nil && m.E.Type == schema.Country
}

// unknownBody reads "the Director-General of Itaipu Binacional, Enio
// Verri": two or three capitalized words no gazetteer knows, between a
// post's "of" and a comma and a name, name a body.
func (rc *recognizer) unknownBody(s sentence, b int) *mention {
	toks := rc.a.Toks
	e := b
	for e < s.To && e-b < 3 && toks[e].Word && toks[e].Cap && rc.knownAt(e) == nil && !rc.inside(e) && !titleHeads[toks[e].Key] {
		e++
	}
	if e-b < 2 || e+2 >= s.To || toks[e].Text != "," || rc.nameAt(e+1, s.To)-e-1 < 2 || rc.commonWords(b, e) {
		return nil
	}
	n := rc.nameAt(e+1, s.To)
	if n < s.To && toks[n].Text != "," && toks[n].Text != "." && toks[n].Text != ";" {
		return nil
	}
	org := rc.reg.get(schema.Organization, cleanName(rc.a.span(b, e)), "OTHER")
	return rc.add(&mention{From: b, To: e, E: org, Source: "post-body"})
}

// pluralPostNames reads "the Ministers of Defence, Jana Černochová and
// Robert Kaliňák, signed …": a plural post with its remit but no states,
// then a comma and two or more full names. Each name holds the post; whose
// it is the text leaves to the states it names elsewhere.
func (rc *recognizer) pluralPostNames() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		if toks[s.From].Ref {
			continue
		}
		for i := s.From + 1; i+5 < s.To; i++ {
			t := toks[i]
			if !t.Cap || toks[i-1].Key != "the" || !strings.HasSuffix(t.Key, "s") || !titleHeads[strings.TrimSuffix(t.Key, "s")] || toks[i+1].Key != "of" {
				continue
			}
			q := i + 2
			for q < s.To && q-i <= 5 && toks[q].Cap && toks[q].Word && rc.knownAt(q) == nil {
				q++
			}
			if q == i+2 || q+1 >= s.To || toks[q].Text != "," {
				continue
			}
			type span struct{ a, b int }
			var names []span
			j := q + 1
			for j < s.To {
				if toks[j].Key == "and" || toks[j].Text == "," && len(names) > 0 && j+1 < s.To && toks[j+1].Cap {
					j++
					continue
				}
				end := rc.nameAt(j, s.To)
				if end-j < 2 || rc.knownAt(j) != nil {
					break
				}
				names = append(names, span{j, end})
				j = end
			}
			if len(names) < 2 || j < s.To && toks[j].Text != "," && toks[j].Text != "." && (!toks[j].Word || toks[j].Cap) {
				continue
			}
			title := strings.TrimSuffix(toks[i].Text, "s") + " " + rc.a.span(i+1, q)
			// Two names after a text about two states, named as a pair
			// before ("the Republic of Ruritania and the Kingdom of Borduria"): the
			// posts are theirs in that order.
			var owners []*ent
			if len(names) == 2 {
				owners = rc.statePairBefore(i)
			}
			for n, sp := range names {
				if rc.mentionAt(sp.a, sp.b) != nil || rc.inside(sp.a) {
					continue
				}
				var owner *ent
				if owners != nil {
					owner = owners[n]
				}
				rc.person(sp.a, sp.b, title, owner)
			}
			i = j
		}
	}
}

// statePairBefore is the last pair of states named "A and B" before token
// i, when the text names no other pair of states in another order.
func (rc *recognizer) statePairBefore(i int) []*ent {
	toks := rc.a.Toks
	var pair []*ent
	for k := 0; k < i; k++ {
		a := rc.knownAt(k)
		if a == nil || a.E.Type != schema.Country || a.To+1 >= i || toks[a.To].Key != "and" {
			continue
		}
		j := a.To + 1
		if toks[j].Key == "the" {
			j++
		}
		b := rc.knownAt(j)
		if b == nil || b.E.Type != schema.Country || b.E == a.E {
			continue
		}
		if pair != nil && (pair[0] != a.E || pair[1] != b.E) {
			return nil
		}
		pair = []*ent{a.E, b.E}
	}
	return pair
}
