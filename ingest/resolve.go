package ingest

import (
	"context"
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
	Country *ent      // the state a body belongs to or a place lies in
	Gaz     *gazEntry // where it came from, if known beforehand
	Titles  []string  // persons: posts the text gives them
	id      string
	known   bool // resolved against the graph
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
// gazetteer entry, by any alias, and through the graph's known aliases.
type registry struct {
	ctx      context.Context
	gaz      *gazetteer
	known    Known
	ents     []*ent
	index    map[string]*ent // type + key → entity
	redirect map[*ent]*ent
}

func newRegistry(ctx context.Context, g *gazetteer, k Known) *registry {
	return &registry{ctx: ctx, gaz: g, known: k, index: map[string]*ent{}, redirect: map[*ent]*ent{}}
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
// creating one when neither the document, the gazetteer nor the graph
// knows it. Curated gazetteer entries win over the graph's learned aliases.
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
	e := &ent{Type: t, Kind: kind, Name: name}
	// A body any state could have is resolved by the state the document
	// ties it to (see qualify), not by its bare name.
	if r.known != nil && t != schema.Event && !r.genericBody(t, kind, name) {
		if found, err := r.known.EntityByAlias(r.ctx, t, name); err == nil && len(found) > 0 && !ambiguous(found) {
			k := found[0]
			e.Name, e.id, e.known = k.Name, k.ID, true
			e.addAlias(name)
			for _, a := range k.Aliases {
				e.addAlias(a)
			}
			if e.Kind == "" {
				e.Kind = k.Kind
			}
			if x := r.find(t, e.Name); x != nil {
				x.addAlias(name)
				r.reindex(x)
				return x
			}
		}
	}
	r.ents = append(r.ents, e)
	r.reindex(e)
	return e
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
