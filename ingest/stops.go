package ingest

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// stops puts what a sentence says about one stop of a trip on that stop.
// A trip of several stops is several visits (ONTOLOGY.md: "each stop or
// meeting of an itinerary is its own event"), and a sentence set in one
// of them ("In Nairobi, she will meet the Cabinet Secretary …") speaks of
// the stop in that state: its places are held there, and the people the
// traveller meets there attended that stop, not the first one. It runs
// after the events are made and merged, and moves or adds facts of trip
// visits only.
func (rl *relater) stops() {
	reg := rl.rc.reg
	trip, whole := rl.tripStops()
	if len(trip) < 2 {
		return
	}
	stops := map[*ent]bool{}
	for _, v := range trip {
		stops[v] = true
	}
	travellers := rl.attendees(schema.Person)
	bySent := map[int][]int{} // sentence → its facts, so each is read once
	for k, f := range rl.facts {
		bySent[f.Sent] = append(bySent[f.Sent], k)
	}
	for i := range rl.a.Sents {
		// the state the sentence is set in: "In Zenda, she will meet …"
		stop := trip[rl.placeState(i)]
		if stop == nil {
			continue
		}
		// what the sentence put on another stop, or on the trip as a
		// whole, happened at this one
		for _, k := range bySent[i] {
			f := rl.facts[k]
			s, o := reg.resolve(f.S), reg.resolve(f.O)
			switch {
			case f.T == schema.HeldIn && (o.Type == schema.Location || o.Type == schema.Country && trip[o] == stop) && s != stop && (stops[s] || whole[s]):
				rl.facts[k].S = stop
			case f.T == schema.Attended && s.Type == schema.Person && o != stop && (stops[o] || whole[o]) && !slices.Contains(travellers[stop], s):
				rl.facts[k].O = stop
			case f.T == schema.MetWith:
				// the traveller met someone there: they attended the stop
				if slices.Contains(travellers[stop], s) {
					rl.rel(o, stop, schema.Attended, i, "stop", 0.5)
				} else if slices.Contains(travellers[stop], o) {
					rl.rel(s, stop, schema.Attended, i, "stop", 0.5)
				}
			}
		}
	}
}

// tripStops are the visits of the document held in one state each, by
// that state (the stops of a trip), and the visits held in two or more
// (the trip as a whole).
func (rl *relater) tripStops() (map[*ent]*ent, map[*ent]bool) {
	reg := rl.rc.reg
	states := map[*ent][]*ent{}
	var visits []*ent // in the order first held somewhere
	for _, f := range rl.facts {
		s, o := reg.resolve(f.S), reg.resolve(f.O)
		if f.T == schema.HeldIn && s.Type == schema.Event && s.Kind == "VISIT" && o.Type == schema.Country && !slices.Contains(states[s], o) {
			if states[s] == nil {
				visits = append(visits, s)
			}
			states[s] = append(states[s], o)
		}
	}
	stops, whole := map[*ent]*ent{}, map[*ent]bool{}
	for _, v := range visits {
		// a stop is held first in its own state ("visit to Rivia" in
		// Rivia); the passes may add places of the sentences around it
		if ss := states[v]; len(ss) > 1 && listsStates(v.Name, ss) {
			whole[v] = true
		} else if stops[ss[0]] == nil {
			stops[ss[0]] = v
		}
	}
	return stops, whole
}

// listsStates reports a trip's name that names two or more of the states
// it is held in ("visit to Rivia, Zenda and Borduria").
func listsStates(name string, states []*ent) bool {
	n := 0
	for _, st := range states {
		if strings.Contains(name, st.Name) {
			n++
		}
	}
	return n > 1
}

// legs: a visit to a city within the dates of its traveller's visit to a
// state is a leg of that trip ("will visit Rivia from 31 May to 2 June
// … will visit Zenda on 1 June where he will meet …"), and whom the
// traveller meets on the leg took part in the trip as well (ONTOLOGY.md:
// everyone the traveller met ATTENDED the visit). It adds facts only.
func (rl *relater) legs() {
	reg := rl.rc.reg
	people := rl.attendees(schema.Person)
	var trips, legs []*ent
	for _, e := range reg.ents {
		if e = reg.resolve(e); e.Type != schema.Event || e.Kind != "VISIT" || e.Date == "" {
			continue
		}
		if e.EndDate != "" && rl.heldInType(e, schema.Country) {
			trips = append(trips, e)
		} else if e.EndDate == "" && rl.heldInType(e, schema.Location) {
			legs = append(legs, e)
		}
	}
	for _, t := range trips {
		for _, l := range legs {
			if l.Date < t.Date || l.Date > t.EndDate || !slices.ContainsFunc(people[l], func(p *ent) bool { return slices.Contains(people[t], p) }) {
				continue
			}
			// a stop in another state is the next stop, not a leg
			if in := rl.places(t, schema.Country); slices.ContainsFunc(rl.places(l, schema.Country), func(c *ent) bool { return !slices.Contains(in, c) }) {
				continue
			}
			for _, p := range people[l] {
				rl.rel(p, t, schema.Attended, rl.firstSent(l), "leg", 0.5)
			}
		}
	}
}

// heldInType reports a place of type t that event e was held in.
func (rl *relater) heldInType(e *ent, t schema.EntityType) bool {
	return len(rl.places(e, t)) > 0
}

// places are the places of type t that event e was held in.
func (rl *relater) places(e *ent, t schema.EntityType) []*ent {
	var out []*ent
	for _, f := range rl.facts {
		if o := rl.rc.reg.resolve(f.O); f.T == schema.HeldIn && rl.rc.reg.resolve(f.S) == e && o.Type == t {
			out = append(out, o)
		}
	}
	return out
}
