package event

import "strings"

// StatusAt is the status of a happening reported at token at of sentence
// s, read from the sentence's cue words (see Frame.Status), then held
// against the dates: judged as of the document's date (ONTOLOGY.md), a
// happening dated after the document is planned and one dated before it
// was held, unless a cue says it was proposed, postponed or cancelled.
// Dates are ISO prefixes; either may be empty.
func (in Input) StatusAt(s, at int, date, docDate string) string {
	return Dated(in.status(in.Sents[s], at), date, docDate)
}

// During is date, or docDate when the happening runs from date to end
// and docDate falls within it: a visit from 31 May to 2 June reported on
// 2 June is under way, and its cue words say what the text means.
func During(date, end, docDate string) string {
	if date != "" && end != "" && docDate != "" && docDate >= date && docDate <= end {
		return docDate
	}
	return date
}

// Dated holds status st, read from cue words, against the dates (see
// StatusAt).
func Dated(st, date, docDate string) string {
	if st != Held && st != Planned || date == "" || docDate == "" {
		return st
	}
	n := min(len(date), len(docDate))
	switch {
	case date[:n] > docDate[:n]:
		return Planned
	case date[:n] < docDate[:n]:
		return Held
	}
	return st
}

// Tense of a post (ONTOLOGY.md, "Time and status").
const (
	Current  = "CURRENT"
	Former   = "FORMER"
	Incoming = "INCOMING"
)

// Cue words of a post's tense, in the post's own words or just before it.
var (
	formerCues   = []string{"former", "then", "ex", "erstwhile", "late", "outgoing", "retired", "served as", "who was", "previously"}
	incomingCues = []string{"incoming", "designate", "elect", "newly appointed", "newly nominated", "nominee", "nominated", "appointed as the new", "will become", "will take office"}
)

// Tense reads the tense of the post title as sentence states it: a cue in
// the title ("former Foreign Minister", "President-elect") or in the few
// words before or after it where the sentence names it ("then-Secretary
// of State", "Foreign Minister-designate"); CURRENT otherwise.
func Tense(sentence, title string) string {
	low := strings.ToLower(sentence)
	window := strings.ToLower(title)
	if i := strings.Index(low, window); i >= 0 {
		from, to := max(0, i-24), min(len(low), i+len(window)+14)
		window = low[from:to]
	}
	window = " " + strings.NewReplacer("-", " ", "–", " ", ",", " ").Replace(window) + " "
	for _, c := range incomingCues {
		if strings.Contains(window, " "+c+" ") {
			return Incoming
		}
	}
	for _, c := range formerCues {
		if strings.Contains(window, " "+c+" ") {
			return Former
		}
	}
	return Current
}
