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
