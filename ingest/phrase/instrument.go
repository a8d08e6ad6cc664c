package phrase

import "strings"

// instrumentHeads are the nouns that head a description of an instrument,
// with the kind each gives.
var instrumentHeads = map[string]string{
	"agreement": "AGREEMENT", "accord": "AGREEMENT", "deal": "AGREEMENT", "arrangement": "AGREEMENT",
	"protocol": "AGREEMENT", "convention": "TREATY", "treaty": "TREATY",
	"memorandum": "MOU", "mou": "MOU",
	"declaration": "DECLARATION", "communique": "JOINT_STATEMENT", "statement": "JOINT_STATEMENT",
	"roadmap": "PROGRAM", "programme": "PROGRAM", "program": "PROGRAM", "plan": "PROGRAM",
}

// Words that may modify an instrument's head ("joint", "cooperation",
// "framework"), and the words that open its complement.
var (
	instrumentMods = map[string]bool{"joint": true, "cooperation": true, "framework": true, "bilateral": true, "trilateral": true,
		"security": true, "trade": true, "defence": true, "defense": true, "partnership": true, "strategic": true, "comprehensive": true,
		"economic": true, "technical": true, "action": true, "implementation": true, "implementing": true, "free": true, "mutual": true,
		"investment": true, "visa": true, "exemption": true, "extradition": true, "readmission": true}
	complementOpeners = map[string]bool{"on": true, "between": true, "of": true, "for": true, "concerning": true, "regarding": true, "in": true}
	// A complement ends at a clause or a second coordination.
	complementStops = map[string]bool{",": true, ".": true, ";": true, ":": true, "(": true, ")": true, "which": true, "that": true, "while": true,
		"was": true, "were": true, "is": true, "are": true, "will": true, "would": true, "to": true, "as": true, "signed": true, "inked": true, "by": true, "at": true, "during": true}
	determiners = map[string]bool{"a": true, "an": true, "the": true, "this": true, "that": true}
	// localBodies are parties a place may follow: "its counterpart in Zenda".
	localBodies = map[string]bool{"counterpart": true, "counterparts": true, "institution": true, "institutions": true, "ministry": true,
		"agency": true, "authority": true, "embassy": true, "office": true, "chamber": true, "university": true, "company": true, "companies": true}
)

// instrument reads a description of an instrument starting at token k: a
// determiner, modifiers, the head, and a complement that says what it is
// about or between whom ("a cooperation agreement on patents", "the joint
// statement of the committee"). A head with neither modifier nor
// complement ("the agreement") refers back and is left to resolution; a
// plural head ("eleven agreements") names no one instrument.
func (in Input) instrument(k int, s Sentence, claimed []bool) (Span, bool) {
	if !determiners[in.Toks[k].Key] || claimed[k] {
		return Span{}, false
	}
	j := k + 1
	for j < s.To && !claimed[j] && instrumentMods[in.Toks[j].Key] && !in.Toks[j].Cap {
		j++
	}
	if j >= s.To || claimed[j] || in.Toks[j].Cap && in.Toks[j].Key != "mou" {
		return Span{}, false
	}
	kind, ok := instrumentHeads[in.Toks[j].Key]
	if !ok {
		return Span{}, false
	}
	if in.Toks[j].Key == "memorandum" && j+2 < s.To && in.Toks[j+1].Key == "of" && in.Toks[j+2].Key == "understanding" {
		j += 2
	}
	end := in.complement(j+1, s, claimed)
	if end == j+1 {
		return Span{}, false // "the joint declaration" refers back to one named before
	}
	if kind == "JOINT_STATEMENT" && !strings.HasPrefix(in.Toks[k+1].Key, "joint") {
		return Span{}, false // "a statement" is said, not signed
	}
	return Span{From: k + 1, To: end, Type: "Agreement", Kind: kind, Rule: "instrument-description"}, true
}

// complement returns where the complement that starts at j ends: j when
// there is none. Names inside it may be claimed already ("between the
// Ministry of Trade and …"); it takes one "and" after "between" and stops
// at a second.
func (in Input) complement(j int, s Sentence, claimed []bool) int {
	if j >= s.To || !complementOpeners[in.Toks[j].Key] {
		return j
	}
	// "the accord in Zenda": "in" before a name says where, not what
	if in.Toks[j].Key == "in" && j+1 < s.To && claimed[j+1] && in.Toks[j+1].Cap {
		return j
	}
	between := false
	ands := 0
	end := j + 1
	for end < s.To && end-j < 16 {
		key := in.Toks[end].Key
		if key == "(" && end+2 < s.To && in.Toks[end+2].Key == ")" {
			end += 3 // an acronym set off: "Authority (ITCA) and …"
			continue
		}
		if complementStops[key] || strings.HasPrefix(in.Toks[end].Tag, "VB") && !claimed[end] {
			break
		}
		// "… and the Ministry of Climate of Freedonia in Zenda": a place
		// after a name is where it was signed; "its counterpart in
		// Freedonia" is part of the description.
		if (key == "in" || key == "at" || key == "on") && claimed[end-1] {
			break
		}
		// "a memorandum on consular cooperation in Zenda": a name after
		// "in" says where it was signed, unless it says where a body
		// that is party to it is ("its counterpart in Zenda")
		if key == "in" && end+1 < s.To && claimed[end+1] && in.Toks[end+1].Cap && !localBodies[in.Toks[end-1].Key] {
			break
		}
		between = between || key == "between" || in.Toks[j].Key == "between"
		if key == "and" {
			// "between A and B" takes one; "on fisheries and tourism"
			// joins two nouns; "and an agreement on …" starts another.
			next := end + 1
			joinsNouns := next < s.To && !in.Toks[next].Cap && !determiners[in.Toks[next].Key] && !strings.HasPrefix(in.Toks[next].Tag, "VB")
			if ands++; (!between || ands > 1) && !joinsNouns {
				break
			}
		}
		end++
	}
	for end > j+1 && (in.Toks[end-1].Key == "and" || determiners[in.Toks[end-1].Key]) {
		end--
	}
	if end == j+1 {
		return j
	}
	return end
}

// IsHead says whether a folded word heads a description this layer reads:
// the text layer tags only sentences that hold one (or an event trigger).
func IsHead(key string) bool {
	_, ok := instrumentHeads[key]
	return ok
}

// Heads lists the instrument heads, for the rule catalogue.
func Heads() []string {
	var out []string
	for h := range instrumentHeads {
		out = append(out, h)
	}
	return out
}
