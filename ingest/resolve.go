package ingest

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// ent is one thing a document names, with every spelling it used.
type ent struct {
	Type    schema.EntityType
	Kind    string
	Name    string
	Aliases []string
	Date    string
	EndDate string
	Status  string    // events: HELD, PLANNED… (ingest/event)
	Country *ent      // the state a body belongs to or a place lies in
	Gaz     *gazEntry // where it came from, if known beforehand
	Titles  []string  // persons: posts the text gives them
	id      string
}

func (e *ent) keys() []string {
	ks := []string{schema.Key(e.Name)}
	for _, a := range e.Aliases {
		ks = append(ks, schema.Key(a))
	}
	return ks
}

func (e *ent) addAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" || schema.Key(a) == schema.Key(e.Name) {
		return
	}
	for _, x := range e.Aliases {
		if schema.Key(x) == schema.Key(a) {
			return
		}
	}
	e.Aliases = append(e.Aliases, a)
}

// registry resolves names to one entity per thing within a document: by
// gazetteer entry and by any alias the document or the gazetteer gives.
type registry struct {
	gaz      *gazetteer
	ents     []*ent
	index    map[string]*ent // type + key → entity
	redirect map[*ent]*ent
}

func newRegistry(g *gazetteer) *registry {
	return &registry{gaz: g, index: map[string]*ent{}, redirect: map[*ent]*ent{}}
}

func (r *registry) find(t schema.EntityType, name string) *ent {
	return r.index[string(t)+":"+schema.Key(name)]
}

func (r *registry) reindex(e *ent) {
	for _, k := range e.keys() {
		if k == "" {
			continue
		}
		if _, taken := r.index[string(e.Type)+":"+k]; !taken {
			r.index[string(e.Type)+":"+k] = e
		}
	}
}

// fromGaz returns the entity of a gazetteer entry, creating it with the
// entry's names the first time.
func (r *registry) fromGaz(g *gazEntry, surface string) *ent {
	e := r.find(g.Type, g.Name)
	if e == nil {
		e = &ent{Type: g.Type, Kind: g.Kind, Name: g.Name, Gaz: g, Date: g.Date}
		for _, a := range g.Aliases {
			e.addAlias(a)
		}
		for _, a := range g.Demonym {
			e.addAlias(a)
		}
		r.ents = append(r.ents, e)
	}
	e.addAlias(surface)
	r.reindex(e)
	return e
}

// get returns the entity of type t called name (or with name as alias),
// creating one when neither the document nor the gazetteer knows it.
func (r *registry) get(t schema.EntityType, name, kind string) *ent {
	name = strings.TrimSpace(name)
	if e := r.find(t, name); e != nil {
		if e.Kind == "" {
			e.Kind = kind
		}
		e.addAlias(name)
		r.reindex(e)
		return e
	}
	if g := r.gaz.lookup(t, name); g != nil {
		e := r.fromGaz(g, name)
		if e.Kind == "" {
			e.Kind = kind
		}
		return e
	}
	// "Ministry of Trade of the Republic of Rivia" is "Ministry of Trade
	// of Rivia" named with the state's official name.
	sk := ""
	if t == schema.Organization {
		sk = r.stateForm(name)
		if e := r.index[sk]; sk != "" && e != nil {
			e.addAlias(name)
			r.reindex(e)
			return e
		}
	}
	e := &ent{Type: t, Kind: kind, Name: name}
	r.ents = append(r.ents, e)
	r.reindex(e)
	if sk != "" {
		r.index[sk] = e
	}
	return e
}

// stateForm is the index key of a body's name with every state in it
// named by its short name ("Ministry of Defence of the Kingdom of Rivia"
// → "ministry of defence of rivia"), "" when the name names no state.
func (r *registry) stateForm(name string) string {
	toks := tokenize(name)
	var words []string
	found := false
	for i := 0; i < len(toks); i++ {
		n, ms := r.gaz.matchAt(toks, i, len(toks), false)
		if n > 0 && slices.ContainsFunc(ms, func(m gazMatch) bool { return m.Entry.Type == schema.Country && !m.Demonym }) {
			if len(words) > 0 && words[len(words)-1] == "the" {
				words = words[:len(words)-1]
			}
			for _, m := range ms {
				if m.Entry.Type == schema.Country {
					words = append(words, schema.Key(m.Entry.Name))
					break
				}
			}
			found = true
			i += n - 1
			continue
		}
		words = append(words, toks[i].Key)
	}
	if !found {
		return ""
	}
	return "state-form:" + strings.Join(words, " ")
}

// merge folds b into a (same type): b's names become a's aliases.
func (r *registry) merge(a, b *ent) {
	if a == b || a.Type != b.Type {
		return
	}
	a.addAlias(b.Name)
	for _, x := range b.Aliases {
		a.addAlias(x)
	}
	if a.Kind == "" {
		a.Kind = b.Kind
	}
	if a.Date == "" {
		a.Date, a.EndDate = b.Date, b.EndDate
	}
	if a.Country == nil {
		a.Country = b.Country
	}
	a.Titles = append(a.Titles, b.Titles...)
	r.ents = slices.DeleteFunc(r.ents, func(e *ent) bool { return e == b })
	for k, v := range r.index {
		if v == b {
			r.index[k] = a
		}
	}
	r.reindex(a)
	r.redirect[b] = a
}

func (r *registry) resolve(e *ent) *ent {
	for {
		n, ok := r.redirect[e]
		if !ok {
			return e
		}
		e = n
	}
}

func (e *ent) ID() string {
	if e.id != "" && e.id != "\x00merged" {
		return e.id
	}
	return store.EntityID(e.Type, e.Name)
}
