package ingest

import (
	"slices"
	"unicode"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Every state has a "Ministry of Justice" and a "Department of State": a
// body's name alone does not say which one a document means. Such bodies
// get the identity of the state the text ties them to, so that two
// countries' ministries stay two nodes of the graph while the same
// ministry named in two documents stays one.

// genericBody reports an organization whose name any state could use: a
// government, military or legislative body whose name names no state
// ("Ministry of Justice", "Coast Guard", but not "Natural Resources
// Canada" or "Czech Police"), and that no curated entry pins to a state.
func (r *registry) genericBody(t schema.EntityType, kind, name string) bool {
	if t != schema.Organization {
		return false
	}
	switch kind {
	case "", "GOVERNMENT", "MILITARY", "LEGISLATURE":
	default:
		return false
	}
	if g := r.gaz.lookup(t, name); g != nil && (g.Country != "" || g.Kind == "INTERNATIONAL") {
		return false
	}
	if r.gaz.namesState(name) {
		return false
	}
	// Only common words: an acronym or a proper name ("NACR Office",
	// "Seimas") is the body's own.
	for _, t := range tokenize(name) {
		if t.Upper && len(t.Text) > 1 || !isLowerWord(t.Text) && unicode.IsLetter([]rune(t.Text)[0]) {
			return false
		}
	}
	return true
}

// namesState reports a state's name or adjective anywhere in name.
func (g *gazetteer) namesState(name string) bool {
	toks := tokenize(name)
	for i := range toks {
		if _, ms := g.matchAt(toks, i, len(toks), false); slices.ContainsFunc(ms, func(m gazMatch) bool { return m.Entry.Type == schema.Country }) {
			return true
		}
	}
	return false
}

// qualify renames each generic body the document ties to exactly one
// state ("Ministry of Justice (Japan)", the short form kept as an alias)
// and gives it that identity. The identity needs no graph: the same
// state's body gets the same name in every document, and the store's
// convergence never links two states' bodies through the short name they
// share as an alias.
func (rl *relater) qualify() {
	states := map[*ent][]*ent{}
	tie := func(body, state *ent) {
		if !slices.Contains(states[body], state) {
			states[body] = append(states[body], state)
		}
	}
	for _, e := range rl.rc.reg.ents {
		e = rl.rc.reg.resolve(e)
		if e.Country != nil && e.Country.Type == schema.Country {
			tie(e, rl.rc.reg.resolve(e.Country))
		}
	}
	for _, f := range rl.facts {
		s, o := rl.rc.reg.resolve(f.S), rl.rc.reg.resolve(f.O)
		if f.T == schema.PartOf && o.Type == schema.Country {
			tie(s, o)
		}
	}
	for e, ss := range states {
		if len(ss) != 1 || e.id != "" || !rl.rc.reg.genericBody(e.Type, e.Kind, e.Name) {
			continue
		}
		short := e.Name
		e.Name = short + " (" + ss[0].Name + ")"
		e.addAlias(short)
		e.id = store.EntityID(e.Type, e.Name)
	}
}
