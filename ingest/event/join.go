package event

import (
	"slices"

	"github.com/diplograph/diplograph/schema"
)

// join reads frames as a discourse rather than one sentence at a time:
//
//   - a trip to several places is one visit per stop ("will travel to
//     Rivia and Zenda": two visits, each with the traveller);
//   - a meeting of the traveller after a trip was announced is part of the
//     visit to the stop it names, or to the trip's first stop when it
//     names none ("While there, she will meet the Prime Minister"): the
//     people met attended the visit (ONTOLOGY.md, participation).
func join(in Input, frames []Frame) []Frame {
	var out []Frame
	var trip []int // indexes in out of the stops of the latest trip
	for _, f := range frames {
		if f.Kind == "VISIT" && f.Traveller >= 0 && f.Named < 0 {
			trip = trip[:0]
			for _, stop := range stops(in, f) {
				trip = append(trip, len(out))
				out = append(out, stop)
			}
			continue
		}
		if v := visitOf(in, out, trip, f); v >= 0 {
			fold(in, &out[v], f)
			if in.pronounSubject(f) && in.meets(f) {
				// "she will meet President Karl Hof": the traveller met them
				for _, a := range f.Agents {
					if in.Mentions[a].Type == schema.Person && a != out[v].Traveller {
						out[v].Met = append(out[v].Met, [2]int{out[v].Traveller, a})
					}
				}
			}
			continue
		}
		out = append(out, f)
	}
	return out
}

// stops splits a trip frame into one frame per place it goes to: a place
// starts a stop unless it continues the one before ("Mexico City, Mexico").
func stops(in Input, f Frame) []Frame {
	if len(f.Places) <= 1 {
		return []Frame{f}
	}
	var out []Frame
	for n, p := range f.Places {
		if n > 0 && in.placeChain(f.Places[n-1], p, f.Places) {
			last := &out[len(out)-1]
			last.Places = append(last.Places, p)
			continue
		}
		stop := f
		stop.Places = []int{p}
		// "her visits to Rivia and Zenda": the phrase names the trip, not
		// this stop, which is named for its traveller and place
		stop.Span = [2]int{}
		stop.Agents = slices.Clone(f.Agents)
		out = append(out, stop)
	}
	return out
}

// visitOf is the stop of the current trip that meeting f belongs to, or
// -1: f must be an unnamed meeting with the traveller among its people.
func visitOf(in Input, out []Frame, trip []int, f Frame) int {
	if len(trip) == 0 || f.Named >= 0 || f.Kind != "MEETING" && f.Kind != "VISIT" {
		return -1
	}
	traveller := in.Mentions[out[trip[0]].Traveller].Entity
	if !slices.ContainsFunc(f.Agents, func(i int) bool { return in.Mentions[i].Entity == traveller }) && !in.pronounSubject(f) {
		return -1
	}
	for _, v := range trip {
		for _, p := range out[v].Places {
			if slices.ContainsFunc(f.Places, func(q int) bool { return in.samePlace(q, p) }) {
				return v
			}
		}
	}
	return trip[0]
}

// fold adds meeting f's people to visit v.
func fold(in Input, v *Frame, f Frame) {
	for _, a := range f.Agents {
		v.Agents = appendEntity(in, v.Agents, a)
	}
	v.Met = append(v.Met, f.Met...)
	v.Instruments = append(v.Instruments, f.Instruments...)
}

// samePlace reports a place q that is stop p or lies in it ("Santo
// Domingo" on the stop in the Dominican Republic).
func (in Input) samePlace(q, p int) bool {
	mq, mp := in.Mentions[q], in.Mentions[p]
	return mq.Entity == mp.Entity || mq.Within >= 0 && mq.Within == mp.Entity
}

// pronounSubject reports a clause whose subject is "he" or "she", with
// no one named before its trigger: on a trip, the traveller ("He will
// then fly to Zenda to meet President Karl Hof").
func (in Input) pronounSubject(f Frame) bool {
	for k := f.clause.From; k < f.Trigger; k++ {
		if key := in.Toks[k].Key; key == "he" || key == "she" {
			return !slices.ContainsFunc(f.Agents, func(i int) bool {
				m := in.Mentions[i]
				return m.Type == schema.Person && m.From < f.Trigger
			})
		}
	}
	return false
}

// meets reports a clause with a word that says its people met ("she
// will meet …"), whichever trigger made the frame.
func (in Input) meets(f Frame) bool {
	for k := f.clause.From; k < f.clause.To; k++ {
		if meetVerb(in.Toks[k].Key) {
			return true
		}
	}
	return false
}
