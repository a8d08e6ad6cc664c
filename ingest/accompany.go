package ingest

import (
	"slices"

	"github.com/diplograph/diplograph/schema"
)

// accompanied: those who accompany someone to a happening attend it: "A,
// accompanied by B, met C", "He was accompanied by B and C", "The
// ministers were accompanied in the meeting by B, Minister of Works, and
// C". It runs after the frames, so that the happenings they found are
// there to attend.
func (rl *relater) accompanied() {
	for i := range rl.a.Sents {
		at, by := rl.accompaniedAt(i)
		if at < 0 {
			continue
		}
		var leads, with []*ent
		for _, m := range rl.sentMentions(i, false) {
			e := rl.rc.reg.resolve(m.E)
			switch {
			case e.Type != schema.Person:
			case m.From < at:
				leads = append(leads, e)
			case m.From > by:
				with = append(with, e)
			}
		}
		for _, ev := range rl.accompaniedTo(i, at, by, leads) {
			for _, p := range with {
				rl.rel(p, ev, schema.Attended, i, "accompanied", 0.55)
			}
		}
	}
}

// accompaniedAt finds "accompanied … by" in sentence i: the tokens of the
// two words, the "by" within a few words ("accompanied in the meeting
// by"), or -1, -1.
func (rl *relater) accompaniedAt(i int) (int, int) {
	toks := rl.a.Toks
	s := rl.a.Sents[i]
	for k := s.From; k < s.To; k++ {
		if toks[k].Key != "accompanied" {
			continue
		}
		for j := k + 1; j < min(s.To, k+6); j++ {
			if toks[j].Key == "by" {
				return k, j
			}
			if toks[j].Text == "," {
				break
			}
		}
	}
	return -1, -1
}

// accompaniedTo is what the company of sentence i attended: the
// happening its leads attend in the sentence; else one it names between
// "accompanied" and "by"; else the last one its leads (or, with no lead
// named, anyone) attended before it.
func (rl *relater) accompaniedTo(i, at, by int, leads []*ent) []*ent {
	var evs []*ent
	for _, f := range rl.facts {
		if f.T == schema.Attended && f.Sent == i && slices.Contains(leads, f.S) && !slices.Contains(evs, f.O) {
			evs = append(evs, f.O)
		}
	}
	if len(evs) > 0 {
		return evs
	}
	if m := rl.lastEventBefore(by); m != nil && m.From > at {
		return []*ent{rl.rc.reg.resolve(m.E)}
	}
	var last *ent
	lastSent := -1
	for _, f := range rl.facts {
		if f.T == schema.Attended && f.Sent < i && f.Sent >= lastSent && (len(leads) == 0 || slices.Contains(leads, f.S)) {
			last, lastSent = f.O, f.Sent
		}
	}
	if last == nil {
		return nil
	}
	return []*ent{rl.rc.reg.resolve(last)}
}

// lastEventBefore is the last mention of an event that starts before
// token to.
func (rl *relater) lastEventBefore(to int) *mention {
	var last *mention
	for _, m := range rl.rc.ms {
		if !m.Dropped && m.E.Type == schema.Event && m.From < to && (last == nil || m.From > last.From) {
			last = m
		}
	}
	return last
}
