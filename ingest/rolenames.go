package ingest

import (
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// People are often named right after a common noun for people in their
// role, with no title in capitals: "met his counterparts from Ghana and
// Togo, Kwame Boateng and Ama Lawson", "the Bolivian senators Rosa
// Quispe and Hugo Mamani", "his peers Carlos Mendes of Portugal and
// Pedro Ruiz of Spain". The noun makes each name in the list after it a
// person's; the states around it say whose post each holds:
//   - a demonym before the noun ("the Bolivian senators") owns them all;
//   - "from/of A and B" after it owns them in order, one state each, or
//     all when it names one state;
//   - "of A" after a name owns that name.
//
// A noun that says only "one like the subject" (counterpart, peer,
// colleague) gives each name the post of the person it is set against:
// the nearest one named with a post before it in the sentence.

// roleNouns maps a noun for people, singular and plural, to the title a
// name after it holds; likeSubject marks the nouns that borrow the
// subject's post, and "" one that holds no post at all.
var roleNouns = map[string]string{
	"counterpart": likeSubject, "counterparts": likeSubject, "peer": likeSubject, "peers": likeSubject,
	"colleague": likeSubject, "colleagues": likeSubject,
	"senator": "Senator", "senators": "Senator", "parliamentarian": "Parliamentarian", "parliamentarians": "Parliamentarian",
	"lawmaker": "Lawmaker", "lawmakers": "Lawmaker", "legislator": "Legislator", "legislators": "Legislator",
	"envoy": "Envoy", "envoys": "Envoy", "diplomat": "Diplomat", "diplomats": "Diplomat",
	"official": "Official", "officials": "Official", "ambassadors": "Ambassador", "delegates": "Delegate",
	"leader": "Leader", "negotiator": "Negotiator",
	"activist": "", "activists": "", "journalist": "", "journalists": "", "spouse": "", "wife": "", "husband": "",
}

const likeSubject = "="

// roleNames reads the names after role nouns (see above).
func (rc *recognizer) roleNames() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		if toks[s.From].Ref {
			continue
		}
		for i := s.From; i+2 < s.To; i++ {
			title, ok := roleNouns[toks[i].Key]
			if t := toks[i]; t.Cap && strings.HasSuffix(t.Key, "s") && titleHeads[strings.TrimSuffix(t.Key, "s")] && toks[i+1].Key != "of" {
				// "Presidents Ana Prado of Peru and Karl Soto of Chile",
				// "Foreign Ministers, A and B"
				a := i
				for a > s.From && toks[a-1].Cap && (titleMods[toks[a-1].Key] || portfolio[toks[a-1].Key]) {
					a--
				}
				title, ok = strings.TrimSuffix(cleanName(rc.a.span(a, i+1)), "s"), true
			} else if !ok || t.Cap {
				continue
			}
			if j := rc.roleList(i, s, title); j > i {
				i = j - 1
			}
		}
	}
}

// roleList reads the states and names after the role noun at i and
// records the people; it returns the token after the list, or i when
// no list of names follows.
func (rc *recognizer) roleList(i int, s sentence, title string) int {
	toks := rc.a.Toks
	var all *ent
	if m := rc.countryEnding(i); m != nil && m.E.isDemonym(rc.a.span(m.From, m.To)) {
		all = m.E // "the Bolivian senators"
	}
	j := i + 1
	var states []*ent
	if toks[j].Key == "from" || toks[j].Key == "of" {
		states, j = rc.stateList(j+1, s.To)
		if states == nil {
			return i
		}
	}
	if j < s.To && toks[j].Text == "," {
		j++
	}
	type named struct {
		from, to int
		owner    *ent
	}
	var names []named
	for j < s.To {
		if len(names) > 0 && (toks[j].Key == "and" || toks[j].Text == ",") {
			j++
			continue
		}
		end := rc.nameAt(j, s.To)
		if pm := rc.personStartingAt(j); pm != nil {
			end = pm.To // "Trade Ministers, Prado and Karl Soto": one named before
		} else if rc.knownSurname(j) {
			end = j + 1
		} else if !rc.cuedName(j, end) {
			break
		}
		n := named{j, end, nil}
		j = end
		if j+1 < s.To && toks[j].Key == "of" && rc.countryAfter(j+1) {
			k := j + 1
			if toks[k].Key == "the" {
				k++
			}
			m := rc.knownAt(k)
			n.owner, j = m.E, m.To
		}
		names = append(names, n)
	}
	// "… of Peru Friday agreed": a day may follow the list
	if names == nil || j < s.To && toks[j].Cap && toks[j].Word && !calendarWords[toks[j].Key] {
		return i
	}
	if title == likeSubject {
		title = rc.subjectTitle(s, i)
	}
	for k, n := range names {
		owner := n.owner
		switch {
		case owner != nil:
		case len(states) == len(names):
			owner = states[k]
		case len(states) == 1:
			owner = states[0]
		default:
			owner = all
		}
		if title == "" {
			owner = nil
		}
		rc.rolePerson(n.from, n.to, title, owner)
	}
	return j
}

// rolePerson records a person read by roleList, or gives a person
// already read there the post it lacks.
func (rc *recognizer) rolePerson(from, to int, title string, owner *ent) {
	if pm := rc.mentionAt(from, to); pm != nil {
		if pm.E.Type == schema.Person && pm.TitleOf == nil && pm.Title == "" && owner != nil {
			pm.Title, pm.TitleOf = title, owner
		}
		return
	}
	if rc.inside(from) && !rc.placeWord(from) {
		return
	}
	rc.person(from, to, title, owner)
}

// stateList reads "Ghana and Togo", "Ghana, Togo and Benin" at k.
func (rc *recognizer) stateList(k, limit int) ([]*ent, int) {
	toks := rc.a.Toks
	var states []*ent
	for k < limit {
		if len(states) > 0 && (toks[k].Key == "and" || toks[k].Text == ",") && k+1 < limit && rc.countryAfter(k+1) {
			k++
			continue
		}
		m := rc.stateAt(k)
		if m == nil {
			break
		}
		states = append(states, m.E)
		k = m.To
	}
	return states, k
}

// stateAt is the state named at k, after an optional "the", or nil.
func (rc *recognizer) stateAt(k int) *mention {
	if !rc.countryAfter(k) {
		return nil
	}
	if rc.a.Toks[k].Key == "the" {
		k++
	}
	return rc.knownAt(k)
}

// subjectTitle is the post of the person nearest before token i in
// sentence s who is named with one ("Foreign Minister Ana Lima met her
// counterparts …"), or "".
func (rc *recognizer) subjectTitle(s sentence, i int) string {
	title := ""
	for _, m := range rc.mentionsIn(s.From, i) {
		if m.E.Type == schema.Person && !m.Dropped && m.Title != "" {
			title = m.Title
		}
	}
	return strings.TrimSpace(title)
}

// pluralPostOf reports a plural post and its "of" at i ("Presidents
// of", "Ministers of") and gives the post in the singular.
func (rc *recognizer) pluralPostOf(i int) (string, bool) {
	t := rc.a.Toks[i]
	if !t.Cap || i+1 >= len(rc.a.Toks) || !strings.HasSuffix(t.Key, "s") || !titleHeads[strings.TrimSuffix(t.Key, "s")] || rc.a.Toks[i+1].Key != "of" {
		return "", false
	}
	return strings.TrimSuffix(t.Text, "s"), true
}

// lowerPluralPostOf is pluralPostOf for a post in lower case after "the",
// its modifiers with it: "the foreign ministers of" → "Foreign Minister".
func (rc *recognizer) lowerPluralPostOf(i int) (string, bool) {
	toks := rc.a.Toks
	t := toks[i]
	if t.Cap || i+1 >= len(toks) || toks[i+1].Key != "of" || !strings.HasSuffix(t.Key, "s") || !titleHeads[strings.TrimSuffix(t.Key, "s")] {
		return "", false
	}
	a := i
	for a > 0 && !toks[a-1].Cap && titleMods[toks[a-1].Key] {
		a--
	}
	if a == 0 || toks[a-1].Key != "the" {
		return "", false
	}
	var words []string
	for _, u := range toks[a:i] {
		words = append(words, strings.ToUpper(u.Text[:1])+u.Text[1:])
	}
	head := strings.TrimSuffix(t.Text, "s")
	return strings.Join(append(words, strings.ToUpper(head[:1])+head[1:]), " "), true
}

// interleavedPosts reads a plural post over pairs of a state and its
// holder: "the Presidents of Senegal, Macky Diallo; and Mali, Ibrahim
// Keita". Each name holds the post for the state before it.
func (rc *recognizer) interleavedPosts() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for i := s.From; i+5 < s.To; i++ {
			title, ok := rc.pluralPostOf(i)
			if !ok {
				title, ok = rc.lowerPluralPostOf(i)
			}
			if !ok {
				continue
			}
			type pair struct {
				state    *ent
				from, to int
			}
			var pairs []pair
			j := i + 2
			for j < s.To {
				if len(pairs) > 0 && (toks[j].Text == ";" || toks[j].Text == "," || toks[j].Key == "and") {
					j++
					continue
				}
				m := rc.stateAt(j)
				if m == nil || m.To+1 >= s.To || toks[m.To].Text != "," {
					break
				}
				end := rc.nameAt(m.To+1, s.To)
				if !rc.cuedName(m.To+1, end) {
					break
				}
				pairs = append(pairs, pair{m.E, m.To + 1, end})
				j = end
			}
			if len(pairs) < 2 {
				continue
			}
			for _, p := range pairs {
				rc.rolePerson(p.from, p.to, title, p.state)
			}
			i = j - 1
		}
	}
}

// portfolioPosts reads a plural post over pairs of a portfolio and its
// holder: "the Ministers of Fisheries Ana Soto, Trade and Industry Karl
// Hof, and Rural Development Rosa Vidal". Each holder's post is the head
// with his portfolio ("Minister of Fisheries"); a portfolio is made of
// common words, the name after it of none.
func (rc *recognizer) portfolioPosts() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for i := s.From; i+4 < s.To; i++ {
			head, ok := rc.pluralPostOf(i)
			if !ok {
				continue
			}
			type item struct{ field, from, to int }
			var items []item
			j := i + 2
			for j < s.To {
				if len(items) > 0 && (toks[j].Text == "," || toks[j].Text == ";" || toks[j].Key == "and") {
					j++
					continue
				}
				f := j // the portfolio: common words, "and" between them
				for f < s.To && toks[f].Cap && toks[f].Word && isLowerWord(toks[f].Text) || f > j && f+1 < s.To && toks[f].Key == "and" && toks[f+1].Cap && isLowerWord(toks[f+1].Text) {
					f++
				}
				end := rc.nameAt(f, s.To)
				if f == j || !rc.cuedName(f, end) {
					break
				}
				items = append(items, item{j, f, end})
				j = end
			}
			if len(items) < 2 {
				continue
			}
			for _, it := range items {
				rc.rolePerson(it.from, it.to, head+" of "+cleanName(rc.a.span(it.field, it.from)), nil)
			}
			i = j - 1
		}
	}
}

// cuedName reports tokens [from,to) that can be a name where the words
// before it call for one: two words or more, none a head, post or month,
// none in capitals, none read as something else. A name may be a common
// word here ("Martín", "Rose"): the cue decides, not the words.
func (rc *recognizer) cuedName(from, to int) bool {
	if nameWords(rc.a.Toks[from:to]) < 2 || !rc.plainWords(from, to) {
		return false
	}
	for k := from; k < to; k++ {
		if t := rc.a.Toks[k]; t.Upper && len(t.Text) > 1 || rc.inside(k) && !(k == from && rc.placeWord(k)) {
			return false
		}
	}
	return true
}

// placeWord reports a one-word place or state at k, which may open a
// name ("Santiago Vera", "Victoria Lima"; nameAt decides).
func (rc *recognizer) placeWord(k int) bool {
	m := rc.knownAt(k)
	return m != nil && m.To == k+1 && (m.E.Type == schema.Location || m.E.Type == schema.Country)
}

// republicPosts reads "the President of the Republic, Samuel Eze": a
// post of a state the text leaves unnamed, set off before its holder.
// Whose state it is, the relation layer decides as for any bare post.
func (rc *recognizer) republicPosts() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for i := s.From; i+6 < s.To; i++ {
			if !toks[i].Cap || i > s.From && toks[i-1].Cap && toks[i-1].Word {
				continue
			}
			k, title := rc.titleAt(i, s.To)
			if title == "" || k+5 >= s.To || toks[k].Key != "of" || toks[k+1].Key != "the" || toks[k+2].Key != "republic" {
				continue
			}
			// "President of the Republic, A" or "President of the
			// Republic A"
			j := k + 3
			if toks[j].Text == "," {
				j++
			}
			for j < s.To && honorific(toks[j]) && toks[j].Cap {
				j++
			}
			end := rc.nameAt(j, s.To)
			if !rc.cuedName(j, end) || end < s.To && toks[end].Text != "," && toks[end].Text != "." && toks[end].Text != ";" && toks[end].Key != "and" {
				continue
			}
			rc.rolePerson(j, end, title, nil)
			i = end - 1
		}
	}
}

// personStartingAt is the person mention that starts at token k, if any.
func (rc *recognizer) personStartingAt(k int) *mention {
	for _, m := range rc.starting(k) {
		if !m.Dropped && rc.reg.resolve(m.E).Type == schema.Person {
			return m
		}
	}
	return nil
}

// knownSurname reports a word at k that is the family name of a person
// the document named before.
func (rc *recognizer) knownSurname(k int) bool {
	t := rc.a.Toks[k]
	if !t.Cap || !t.Word {
		return false
	}
	for _, e := range rc.reg.ents {
		if e.Type == schema.Person && len(strings.Fields(e.Name)) >= 2 && lastKey(e.Name) == t.Key {
			return true
		}
	}
	return false
}
