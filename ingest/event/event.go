// Package event is the event layer of extraction: it finds the happenings
// a text reports (meetings, calls, visits, trips, signings, summits,
// conferences, exercises, talks) from trigger words and fills each one's
// frame from the mentions around it: who took part, who met whom, where,
// when, what was signed, and whether it happened or is planned.
//
// Contract. It receives the tokens of a document (folded keys, capitals,
// part-of-speech tags where the text layer has them), its sentences, and
// the mentions the recognizer found, each with its type. It returns frames
// that point into those mentions by index; it never invents a mention or
// changes one. Every frame names the trigger rule that made it, so an
// error leads back to a rule. The caller decides what a frame becomes in
// the graph (a new event, or more arguments of one already named).
package event

import (
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// Token is one word of the text as the text layer gives it.
type Token struct {
	Key string // folded: lower case, no diacritics
	Cap bool   // starts with a capital
	Tag string // Penn part of speech, "" where the text layer has none
}

// Sentence is the token range [From, To).
type Sentence struct{ From, To int }

// Mention is a name the recognizer found: tokens [From, To) of one entity.
type Mention struct {
	From, To int
	Type     schema.EntityType
	Entity   int // the caller's entity number: mentions of one entity share it
	// Within is the entity number of the state a place lies in, where the
	// caller knows it and the document names that state; else -1. It
	// puts "In Santo Domingo, she will meet …" on the stop in the
	// Dominican Republic.
	Within int
	// Adjective: the name stands as the state's adjective ("Russian
	// President …"), which names no place to go to.
	Adjective bool
}

// Input is what the layer reads.
type Input struct {
	Toks     []Token
	Sents    []Sentence
	Mentions []Mention // in text order, top-level only (not inside a longer name)
}

// Status of an event as of the document's date (ONTOLOGY.md, "Time and status").
const (
	Held      = "HELD"
	Planned   = "PLANNED"
	Proposed  = "PROPOSED"
	Postponed = "POSTPONED"
	Cancelled = "CANCELLED"
)

// Frame is one happening and its arguments, as indexes into Input.Mentions.
type Frame struct {
	Rule    string // the trigger rule that found it
	Kind    string // DIALOGUE, MEETING, VISIT, SUMMIT, CONFERENCE, SIGNING, NEGOTIATION, EXERCISE
	Sent    int
	Trigger int // token index of the trigger word
	Status  string
	// Named is the mention of an Event that names this happening in the
	// sentence ("the Strategic Dialogue"), -1 when it is unnamed.
	Named int
	// Agents took part: the people, bodies and states on either side.
	Agents []int
	// Met are pairs of people the text says met (MET_WITH).
	Met [][2]int
	// Places it was held in: venue or city first, then country.
	Places []int
	// Instruments signed or adopted at it.
	Instruments []int
	// Attends: the frame only says who took part in a happening the
	// sentence names or refers back to ("the meeting was attended by …").
	Attends bool
	// Traveller is the agent whose trip or visit this is; -1 otherwise.
	Traveller int
	// Span is the noun phrase that reports the happening, tokens
	// [Span[0], Span[1]) ("Anna Weber's working visit to Zenda", "a
	// bilateral meeting between Ruritania and Freedonia"), and Head where
	// it starts without its modifiers; both zero for a verb.
	Span [2]int
	Head int

	// Setting: the sentence is set in this happening ("During a call, A
	// and B stressed …"); what else it names is what they spoke of.
	Setting bool
	clause  Sentence // the clause of Sent that reports it
}

// NounTrigger reports a frame a noun reports ("the visit", "a call").
func (f *Frame) NounTrigger() bool { return f.Span[1] > 0 }

// Describe renders f with the names of its mentions, as the rules'
// examples state what they want: "MEETING HELD agents=A,B places=C met=A~B".
func (f Frame) Describe(name func(mention int) string) string {
	var b strings.Builder
	b.WriteString(f.Kind + " " + f.Status)
	list := func(label string, is []int) {
		if len(is) == 0 {
			return
		}
		var ns []string
		for _, i := range is {
			ns = append(ns, name(i))
		}
		b.WriteString(" " + label + "=" + strings.Join(ns, ","))
	}
	if f.Named >= 0 {
		b.WriteString(" named=" + name(f.Named))
	}
	list("agents", f.Agents)
	list("places", f.Places)
	list("instruments", f.Instruments)
	if f.Traveller >= 0 {
		b.WriteString(" traveller=" + name(f.Traveller))
	}
	if len(f.Met) > 0 {
		var ps []string
		for _, p := range f.Met {
			ps = append(ps, name(p[0])+"~"+name(p[1]))
		}
		b.WriteString(" met=" + strings.Join(ps, ","))
	}
	if f.Attends {
		b.WriteString(" attends")
	}
	return b.String()
}
