package graph

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// validationRules are gqlparser's defaults with OverlappingFieldsCanBeMerged
// replaced by overlapRule. The stock rule compares every pair of fields
// that share a response name: `{ stats { __typename } stats { __typename } … }`
// repeated 4,000 times took 5.4 s to validate (gqlgen issue #3380 and
// gqlparser's own issues describe the same hot spot).
func validationRules() *rules.Rules {
	r := rules.NewDefaultRules()
	r.RemoveRule(rules.OverlappingFieldsCanBeMergedRule.Name)
	r.AddRule(overlapRule.Name, overlapRule.RuleFunc)
	return r
}

// maxExpandedFields bounds the fields the overlap check visits once
// fragments are spread in place, so that fragments spreading each other
// many times cannot make validation expensive.
const maxExpandedFields = 20_000

// overlapRule checks the same thing as OverlappingFieldsCanBeMerged in
// time linear in the fields of the query with its fragments spread in
// place: the fields of one selection that share a response name are
// grouped by that name, each is compared with the first of its group only
// (same field, same arguments, same type; different fields may share a
// name only under object types that exclude each other), and the groups'
// selections are merged and checked the same way, one level down.
var overlapRule = core.Rule{
	Name: "OverlappingFieldsCanBeMergedLinear",
	RuleFunc: func(observers *core.Events, addError core.AddErrFunc) {
		observers.OnOperation(func(w *core.Walker, op *ast.OperationDefinition) {
			if hasCycle(w.Document.Fragments) {
				return // NoFragmentCycles reports it; spreading it would not end
			}
			c := &overlapCheck{doc: w.Document, addError: addError}
			c.check([]ast.SelectionSet{op.SelectionSet})
		})
	},
}

type overlapCheck struct {
	doc      *ast.QueryDocument
	addError core.AddErrFunc
	visited  int
	stopped  bool
}

// check checks the fields of sets, which answer as one object.
func (c *overlapCheck) check(sets []ast.SelectionSet) {
	var order []string
	groups := map[string][]*ast.Field{}
	for _, set := range sets {
		c.collect(set, map[string]bool{}, func(f *ast.Field) {
			if _, ok := groups[f.Alias]; !ok {
				order = append(order, f.Alias)
			}
			groups[f.Alias] = append(groups[f.Alias], f)
		})
	}
	for _, key := range order {
		g := groups[key]
		var subs []ast.SelectionSet
		for _, f := range g {
			if f != g[0] && c.conflict(key, g[0], f) {
				break
			}
			if len(f.SelectionSet) > 0 {
				subs = append(subs, f.SelectionSet)
			}
		}
		if len(subs) > 0 && !c.stopped {
			c.check(subs)
		}
	}
}

// collect calls add for each field of set, inline fragments and fragment
// spreads included; spread names each fragment once per selection.
func (c *overlapCheck) collect(set ast.SelectionSet, spread map[string]bool, add func(*ast.Field)) {
	for _, s := range set {
		if c.stopped {
			return
		}
		switch s := s.(type) {
		case *ast.Field:
			if c.visited++; c.visited > maxExpandedFields {
				c.stopped = true
				c.addError(core.Message("operation spreads to more than %d fields through its fragments", maxExpandedFields), core.At(s.Position))
				return
			}
			add(s)
		case *ast.InlineFragment:
			c.collect(s.SelectionSet, spread, add)
		case *ast.FragmentSpread:
			if spread[s.Name] {
				continue
			}
			spread[s.Name] = true
			if f := c.doc.Fragments.ForName(s.Name); f != nil {
				c.collect(f.SelectionSet, spread, add)
			}
		}
	}
}

// conflict reports, and says whether, a and b cannot answer as one key.
func (c *overlapCheck) conflict(key string, a, b *ast.Field) bool {
	why := ""
	switch {
	case a.Definition != nil && b.Definition != nil && a.Definition.Type.String() != b.Definition.Type.String():
		why = fmt.Sprintf("they return conflicting types %s and %s", a.Definition.Type, b.Definition.Type)
	case exclusive(a, b):
		return false
	case a.Name != b.Name:
		why = fmt.Sprintf("%s and %s are different fields", a.Name, b.Name)
	case !sameArguments(a.Arguments, b.Arguments):
		why = "they have differing arguments"
	default:
		return false
	}
	c.addError(core.Message(`Fields "%s" conflict because %s. Use different aliases on the fields to fetch both if this was intentional.`, key, why),
		core.At(b.Position))
	return true
}

// exclusive says whether a and b are selected on two different object
// types, which no one value can be at once.
func exclusive(a, b *ast.Field) bool {
	pa, pb := a.ObjectDefinition, b.ObjectDefinition
	return pa != nil && pb != nil && pa != pb && pa.Kind == ast.Object && pb.Kind == ast.Object
}

func sameArguments(a, b ast.ArgumentList) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		y := b.ForName(x.Name)
		if y == nil || x.Value.String() != y.Value.String() {
			return false
		}
	}
	return true
}

// hasCycle says whether some fragment spreads itself, directly or through
// others: a depth-first walk of the spreads, each fragment visited once.
func hasCycle(frags ast.FragmentDefinitionList) bool {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var visit func(set ast.SelectionSet) bool
	visit = func(set ast.SelectionSet) bool {
		for _, s := range set {
			switch s := s.(type) {
			case *ast.Field:
				if visit(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if visit(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				switch state[s.Name] {
				case onPath:
					return true
				case unseen:
					state[s.Name] = onPath
					if f := frags.ForName(s.Name); f != nil && visit(f.SelectionSet) {
						return true
					}
					state[s.Name] = done
				}
			}
		}
		return false
	}
	for _, f := range frags {
		if state[f.Name] == unseen {
			state[f.Name] = onPath
			if visit(f.SelectionSet) {
				return true
			}
			state[f.Name] = done
		}
	}
	return false
}
