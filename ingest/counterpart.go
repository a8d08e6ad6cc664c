package ingest

import (
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// counterparts reads "her Ruritanian counterpart, Karl Hof" and "his
// counterpart from Ruritania, H.E. Karl Hof": the name after
// "counterpart" is a person, whose post is in the state named with it,
// and is the post of the person whose counterpart they are (the nearest
// titled person before, in the sentence) — the word "counterpart" says
// so.
func (rc *recognizer) counterparts() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for k := s.From + 1; k+2 < s.To; k++ {
			if toks[k].Key != "counterpart" && toks[k].Key != "counterparts" || toks[k].Cap {
				continue
			}
			state := rc.stateBefore(k)
			j := k + 1
			if state == nil && toks[j].Key == "from" || toks[j].Key == "of" {
				if m := rc.knownAt(j + 1); m != nil && m.E.Type == schema.Country {
					state, j = m.E, m.To
				}
			}
			if j < s.To && toks[j].Text == "," {
				j++
			}
			for j < s.To && honorific(toks[j]) {
				j++
				if j < s.To && toks[j].Text == "." {
					j++
				}
			}
			title := ""
			if e, t := rc.titleAt(j, s.To); t != "" {
				j, title = e, t
			}
			if title == "" {
				title = rc.titleBefore(s.From, k)
			}
			// "H.E. Karl Hof": the honorific made them a person already
			if m := rc.topAt(j); m != nil && m.E.Type == schema.Person {
				if m.TitleOf == nil {
					m.TitleOf = state
				}
				if m.Title == "" {
					m.Title = title
				}
				continue
			}
			end := rc.nameAt(j, s.To)
			if end-j < 2 && title == "" || end == j || rc.inside(j) {
				continue
			}
			rc.person(j, end, title, state)
			k = end
		}
	}
}

// stateBefore is the state whose adjective or name stands right before
// "counterpart" at k ("her Ruritanian counterpart", "Ruritania's
// counterpart"), added as its mention; or nil.
func (rc *recognizer) stateBefore(k int) *ent {
	toks := rc.a.Toks
	at := k - 1
	if at > 0 && (toks[at].Key == "'s" || toks[at].Key == "’s") {
		at--
	}
	if m := rc.knownAt(at); m != nil && m.E.Type == schema.Country {
		return m.E
	}
	if !toks[at].Cap {
		return nil
	}
	var state *gazEntry
	n, ms := rc.reg.gaz.matchAt(toks, at, at+1, false)
	for _, g := range ms {
		if n == 1 && g.Entry.Type == schema.Country {
			state = g.Entry
		}
	}
	if state == nil {
		state = rc.reg.gaz.adjectiveState(toks[at].Text)
	}
	if state == nil {
		return nil
	}
	e := rc.reg.fromGaz(state, toks[at].Text)
	// nested: the adjective places the post, it is no party to the sentence
	rc.add(&mention{From: at, To: at + 1, E: e, Nested: true, Source: "counterpart"})
	return e
}

// titleBefore is the post of the last titled person between from and k.
func (rc *recognizer) titleBefore(from, k int) string {
	title := ""
	for _, m := range rc.mentionsIn(from, k) {
		if m.E.Type == schema.Person && m.Title != "" {
			title = m.Title
		}
	}
	return title
}

// adjectiveState is the state an adjective of nationality the gazetteer
// does not list seems to name ("Peruvian", "Chilean", "Kenyan"): the
// state of one word whose name the adjective continues, or shares all but
// its last two letters with and at least four ("Mexican", "Norwegian").
// Only a context that wants a state ("her Peruvian counterpart", a place
// after "in") asks.
func (g *gazetteer) adjectiveState(adj string) *gazEntry {
	adj = schema.Key(adj)
	if len(adj) < 5 || strings.Contains(adj, " ") {
		return nil
	}
	var best *gazEntry
	bestLen := 0
	for _, c := range g.oneWordStates() {
		if len(c.key) >= len(adj) {
			continue
		}
		n := commonPrefix(c.key, adj)
		if (n == len(c.key) || n >= 4 && n >= len(c.key)-2) && n > bestLen {
			best, bestLen = c.entry, n
		}
	}
	return best
}

// stateKey is a state whose name is one word, with the name folded.
type stateKey struct {
	key   string
	entry *gazEntry
}

// oneWordStates folds the one-word states' names once: adjectiveState
// asks for every capitalized word after "in".
func (g *gazetteer) oneWordStates() []stateKey {
	g.statesOnce.Do(func() {
		for _, e := range g.entries {
			if k := schema.Key(e.Name); e.Type == schema.Country && !strings.Contains(k, " ") {
				g.states = append(g.states, stateKey{k, e})
			}
		}
	})
	return g.states
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
