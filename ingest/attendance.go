package ingest

// listStart is where the list that mention m is an item of begins: "B, C
// and D" from any of them. It walks back over ", X", "and X" and ", and X"
// (forward, rc.stateList reads such a list of states).
func (rl *relater) listStart(m *mention) int {
	toks := rl.a.Toks
	from := m.From
	for from > 1 && (toks[from-1].Text == "," || toks[from-1].Key == "and") {
		k := from - 1
		if toks[k].Key == "and" && k > 0 && toks[k-1].Text == "," {
			k--
		}
		prev := rl.rc.mentionEndingAt(k)
		if prev == nil || prev.E.Type != m.E.Type {
			break
		}
		from = prev.From
	}
	return from
}

// postOfList reports a state named as whose the posts or envoys before it
// are: "the Deputy Premier of A", "Ministers from B, C and D".
func (rl *relater) postOfList(m *mention) bool {
	toks := rl.a.Toks
	k := rl.listStart(m) - 1
	if k > 0 && toks[k].Key == "the" {
		k--
	}
	if k < 1 || toks[k].Key != "of" && toks[k].Key != "from" {
		return false
	}
	for j := k - 1; j >= max(0, k-3); j-- {
		if titleHeads[toks[j].Key] || attendingPluralWords[toks[j].Key] {
			return true
		}
	}
	return false
}

// representedList reports a state in a list that "was/were represented":
// "E, F and G were represented by officials".
func (rl *relater) representedList(m *mention) bool {
	toks := rl.a.Toks
	_, to := rl.rc.stateList(rl.listStart(m), rl.a.Sents[toks[m.From].Sent].To)
	return to+1 < len(toks) && (toks[to].Key == "were" || toks[to].Key == "was") && toks[to+1].Key == "represented"
}

// attendingPluralWords name those who attend for a state.
var attendingPluralWords = map[string]bool{"ministers": true, "representatives": true, "delegations": true, "delegates": true, "officials": true, "envoys": true, "leaders": true}
