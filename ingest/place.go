package ingest

import "github.com/diplograph/diplograph/schema"

// placesAfterPrepositions reads places no gazetteer knows from where the
// text puts them: a capitalized name of one to three words after "in" or
// a travel's "to", ended by punctuation or a word that goes on with the
// sentence ("a briefing in Pristina on 22 May", "will travel to Tarapoto
// and Iquitos"). A name that is an English word in lower case
// ("Parliament"), a month, a post, the head of a body, an instrument or
// a gathering, an adjective of nationality ("in English"), or a name
// already known, is no such place.
func (rc *recognizer) placesAfterPrepositions() {
	toks := rc.a.Toks
	for _, s := range rc.a.Sents {
		travel := false
		for k := s.From; k+1 < s.To; k++ {
			switch toks[k].Key {
			case "travel", "travels", "traveled", "travelled", "visit", "visits", "tour":
				travel = true
			}
			if toks[k].Key != "in" && !(travel && (toks[k].Key == "to" || toks[k].Key == "and" && k > s.From && rc.placeEndsAt(k))) {
				continue
			}
			if end := rc.newPlaceAt(k+1, s.To); end > k+1 {
				e := rc.reg.get(schema.Location, cleanName(rc.a.span(k+1, end)), "")
				rc.add(&mention{From: k + 1, To: end, E: e, Source: "place-after-in"})
				k = end - 1
			}
		}
	}
}

// placeEndsAt reports a place mention ending right before token k.
func (rc *recognizer) placeEndsAt(k int) bool {
	m := rc.mentionEndingAt(k)
	return m != nil && (m.E.Type == schema.Location || m.E.Type == schema.Country)
}

// newPlaceAt is the end of an unknown place's name starting at i, or i.
func (rc *recognizer) newPlaceAt(i, limit int) int {
	toks := rc.a.Toks
	j := i
	for j < limit && j-i < 3 && toks[j].Cap && toks[j].Word && !toks[j].Upper && rc.knownAt(j) == nil && !rc.inside(j) && !notPlace(toks[j]) && rc.reg.gaz.adjectiveState(toks[j].Text) == nil {
		j++
	}
	if j == i || j < limit && toks[j].Word && toks[j].Cap {
		return i // part of a longer name, or none
	}
	if j < limit && toks[j].Word && !placeFollowers[toks[j].Key] {
		return i
	}
	return j
}

// notPlace: words that start no unknown place's name.
func notPlace(t token) bool {
	return leadStop[t.Key] || calendarWords[t.Key] || titleHeads[t.Key] || titleMods[t.Key] || orgHeads[t.Key] != "" ||
		agreementHeads[t.Key] != "" || eventHeads[t.Key] != "" || honorifics[t.Key] || isLowerWord(t.Text)
}

// placeFollowers may follow a place's name in the sentence.
var placeFollowers = map[string]bool{"on": true, "and": true, "from": true, "at": true, "in": true, "to": true, "for": true,
	"this": true, "next": true, "last": true, "where": true, "during": true, "until": true, "between": true}
