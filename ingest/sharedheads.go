package ingest

import (
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// Instruments that share a head written once in the plural are one
// instrument each (ONTOLOGY.md, shared-head lists): "the Trade and
// Fisheries Cooperation Agreements" are the Trade Cooperation Agreement
// and the Fisheries Cooperation Agreement; "the Health, Energy and Water
// Memoranda" three memoranda.

// sharedInstrumentHeads maps a plural head to its singular.
var sharedInstrumentHeads = map[string]string{
	"agreements": "Agreement", "treaties": "Treaty", "memoranda": "Memorandum", "memorandums": "Memorandum",
	"protocols": "Protocol", "conventions": "Convention", "accords": "Accord",
}

// sharedInstruments reads the lists above and records one instrument a
// member, each mention spanning the whole list.
func (rc *recognizer) sharedInstruments() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		for k := s.From + 3; k < s.To; k++ {
			singular := sharedInstrumentHeads[toks[k].Key]
			if singular == "" || !toks[k].Cap {
				continue
			}
			from, members, mods := rc.sharedList(s, k)
			if len(members) < 2 {
				continue
			}
			kind := agreementHeads[strings.ToLower(singular)]
			for _, m := range members {
				e := rc.reg.get(schema.Agreement, strings.Join(append(append([]string{m}, mods...), singular), " "), kind)
				rc.add(&mention{From: from, To: k + 1, E: e, Source: "shared-head"})
			}
			rc.nest(from, k+1)
		}
	}
}

// sharedList reads back from the plural head at k: the capitalized
// modifiers all members share, and before them the members, one
// capitalized word each, parted by commas and a last "and". It returns
// where the list starts.
func (rc *recognizer) sharedList(s sentence, k int) (int, []string, []string) {
	toks := rc.a.Toks
	j := k - 1
	for j > s.From && toks[j].Cap && toks[j].Word && toks[j-1].Key != "and" {
		j-- // the shared modifiers, and the last member
	}
	if j <= s.From || toks[j-1].Key != "and" || !toks[j].Cap {
		return k, nil, nil
	}
	var mods []string
	for m := j + 1; m < k; m++ {
		mods = append(mods, toks[m].Text)
	}
	members := []string{toks[j].Text}
	from := j
	for p := j - 2; p >= s.From && toks[p].Cap && toks[p].Word && rc.knownAt(p) == nil; p -= 2 {
		members = append([]string{toks[p].Text}, members...)
		from = p
		if p == s.From || toks[p-1].Text != "," {
			break
		}
	}
	return from, members, mods
}

// A named instrument's head often goes on in lower case: "a Memorandum of
// Understanding on the establishment of a joint fisheries council". The
// capitals name only the kind of instrument; the complement says which
// one. instrumentComplements reads it as the instrument's name, and the
// head alone ("the MoU") then refers back to it (mergeDoc).

// complementWords open an instrument's lower-case complement.
var complementWords = map[string]bool{"on": true, "for": true, "concerning": true, "regarding": true, "relating": true}

// determiners open another phrase after "and".
var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true}

// complementStops end it.
var complementStops = map[string]bool{",": true, ".": true, ";": true, ":": true, "(": true, "which": true, "that": true, "was": true,
	"were": true, "is": true, "will": true, "to": true, "signed": true, "by": true, "at": true, "during": true, "in": true, "between": true, "and": true, "with": true}

func (rc *recognizer) instrumentComplements() {
	toks := rc.a.Toks
	for _, m := range rc.mentionsIn(0, len(toks)) {
		// "the MoU for …" refers back; a head written out names one
		if m.Dropped || m.Nested || m.E.Type != schema.Agreement || !bareInstrument(schema.Key(rc.a.span(m.From, m.To))) || m.To-m.From == 1 && len(toks[m.From].Text) <= 4 {
			continue
		}
		s := rc.a.Sents[toks[m.From].Sent]
		j := m.To
		if j+2 >= s.To || !complementWords[toks[j].Key] || toks[j+1].Cap {
			continue
		}
		end := j + 1
		for end < s.To && end-j < 14 && !toks[end].Cap {
			// "a research and training centre": "and" joins two
			// nouns; "and the …", "and will …" end the complement
			joins := toks[end].Key == "and" && end+1 < s.To && !toks[end+1].Cap && !determiners[toks[end+1].Key] && !complementStops[toks[end+1].Key]
			if complementStops[toks[end].Key] && !joins {
				break
			}
			end++
		}
		if end-j < 2 {
			continue
		}
		e := rc.reg.get(schema.Agreement, cleanName(rc.a.span(m.From, end)), m.E.Kind)
		rc.nest(m.From, end)
		rc.add(&mention{From: m.From, To: end, E: e, Source: "instrument-complement"})
	}
}

// instrumentKey folds an instrument's name for comparison: "MOU on
// Establishment of a Council" and "Memorandum of Understanding on the
// establishment of a council" are one.
func instrumentKey(name string) string {
	var out []string
	for _, w := range strings.Fields(schema.Key(name)) {
		switch w {
		case "the", "a", "an":
		case "mou":
			out = append(out, "memorandum", "of", "understanding")
		default:
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// A joint body's name with "meeting" or "session" after it in lower case
// names a gathering of that body: "a two-day Joint Permanent Commission
// (JPC) meeting", "the Joint Committee session".

// jointBodyHeads head the names of bodies that meet.
var jointBodyHeads = map[string]bool{"commission": true, "committee": true, "council": true, "board": true, "forum": true, "group": true}

// gatheringWords after a body's name make its gathering.
var gatheringWords = map[string]string{"meeting": "MEETING", "session": "MEETING", "meetings": "MEETING", "summit": "SUMMIT"}

func (rc *recognizer) bodyMeetings() {
	toks := rc.a.Toks
	for _, m := range rc.mentionsIn(0, len(toks)) {
		e := rc.reg.resolve(m.E)
		if m.Dropped || m.Nested || e.Type != schema.Organization || !jointBodyHeads[toks[m.To-1].Key] {
			continue
		}
		end := m.To
		if end+3 < len(toks) && toks[end].Text == "(" && toks[end+2].Text == ")" {
			end += 3 // "(JPC)"
		}
		if held := m.To+2 < len(toks) && toks[m.To].Text == "," && toks[m.To+1].Key == "held" && toks[m.To+2].Key == "in"; held {
			// "the May 2019 Joint Trade Commission, held in Lima":
			// the body's name names its session
			ev := rc.reg.get(schema.Event, e.Name, "MEETING")
			m.Dropped = true
			rc.add(&mention{From: m.From, To: m.To, E: ev, Source: "body-meeting"})
			continue
		}
		if end >= len(toks) || toks[end].Cap || gatheringWords[toks[end].Key] == "" || toks[end].Sent != toks[m.From].Sent {
			continue
		}
		ev := rc.reg.get(schema.Event, cleanName(rc.a.span(m.From, end+1)), gatheringWords[toks[end].Key])
		rc.nest(m.From, end+1)
		rc.add(&mention{From: m.From, To: end + 1, E: ev, Source: "body-meeting"})
	}
}
