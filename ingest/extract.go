package ingest

import (
	"context"

	"fmt"
	"github.com/diplograph/diplograph/ingest/event"
	"github.com/diplograph/diplograph/ingest/phrase"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Extract finds the entities and relations of a read document.
func (p *Pipeline) Extract(ctx context.Context, doc store.Document) (store.Batch, error) {
	if err := ctx.Err(); err != nil {
		return store.Batch{}, fmt.Errorf("extract %s: %w", doc.Filename, err)
	}
	return p.extract(doc).batch(), nil
}

// Explain is Extract with, for each entity of the batch by id, the rule
// that first named it (the relations name theirs in their evidence): so
// that `extract -v` leads from every entity to its rule.
func (p *Pipeline) Explain(ctx context.Context, doc store.Document) (store.Batch, map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return store.Batch{}, nil, fmt.Errorf("extract %s: %w", doc.Filename, err)
	}
	rl := p.extract(doc)
	b := rl.batch()
	rules := map[string]string{}
	for _, m := range rl.rc.ms {
		if id := rl.rc.reg.resolve(m.E).ID(); !m.Dropped && rules[id] == "" {
			rules[id] = m.Source
		}
	}
	return b, rules, nil
}

// extract runs the layers over doc, up to the facts batch renders.
func (p *Pipeline) extract(doc store.Document) *relater {
	a := annotate(doc.Text)
	reg := newRegistry(p.gaz)
	rc := &recognizer{a: a, reg: reg, acros: map[string]*ent{}}
	rc.gazetteerPass()
	rc.phrasePass()
	rc.sharedInstruments()
	rc.acronymPass()
	rc.articles()
	rc.possessiveInstruments()
	rc.personPass()
	rc.pronouns()
	rc.pairs()
	rc.counterparts()
	rc.namedBodies()
	rc.placesAfterPrepositions()
	rc.lowerStatements()
	rc.lowerGatherings()
	rc.lowerSessions()
	rc.lowerBetween()
	rc.instrumentComplements()
	rc.bodyMeetings()
	rc.mergeDoc()
	tags := p.tag(a)
	rc.describedInstruments(tags)
	rl := &relater{rc: rc, a: a, doc: doc, tags: tags}
	rl.signingEvents()
	rl.relate()
	rl.eventFrames()
	rl.sameVisits()
	rl.sameSignings()
	rl.signedAtMeeting()
	rl.hereEvents()
	rl.stops()
	rl.legs()
	rl.sameDayDates() // again, for the happenings the frames found
	rl.accompanied()
	rl.headlineEvents()
	rl.namedForAliases()
	rl.headAliases()
	rl.betweenAliases()
	rl.placeAliases()
	rl.agentAliases()
	rl.undatedSignings()
	return rl
}

// tag gives each token the part of speech the text layer finds for the
// word that starts where it starts; tokens it split otherwise get none.
// Only the layers that read tags need them (an event trigger, an
// instrument's head), and tagging is most of prose's cost, so only the
// sentences that hold such a word are tagged (docs/EXTRACTION.md has the
// figures).
func (p *Pipeline) tag(a *annotated) tagging {
	tags := make(tagging, len(a.Toks))
	for _, s := range a.Sents {
		if !slices.ContainsFunc(a.Toks[s.From:s.To], func(t token) bool { return event.IsTrigger(t.Key) || phrase.IsHead(t.Key) }) {
			continue
		}
		words, err := p.tagger.Tag(a.Text[s.Start:s.End])
		if err != nil {
			continue // untagged: the layers that read tags fall back to the word
		}
		k := s.From
		for _, w := range words {
			for k < s.To && a.Toks[k].Start < s.Start+w.Start {
				k++
			}
			if k < s.To && a.Toks[k].Start == s.Start+w.Start {
				tags[k] = w.Tag
			}
		}
	}
	return tags
}

// mergeDoc folds names of one thing into one entity: an event or
// instrument named in full and by its tail ("Ruritania-Freedonia Fisheries
// Dialogue", "Fisheries Dialogue"), and instruments named through an
// acronym the document defines ("MOU on Fisheries Cooperation").
func (rc *recognizer) mergeDoc() {
	for _, e := range slices.Clone(rc.reg.ents) {
		if e.Type != schema.Agreement {
			continue
		}
		f := strings.Fields(e.Name)
		if len(f) < 2 {
			continue
		}
		if full := rc.acros[strings.ToUpper(f[0])]; full != nil && full != e && full.Type == schema.Agreement {
			expanded := full.Name + " " + strings.Join(f[1:], " ")
			rc.reg.merge(full, e)
			full.addAlias(full.Name)
			full.Name = expanded
			rc.reg.reindex(full)
		}
	}
	// "a Memorandum of Understanding" (indefinite, at its first mention)
	// is another instrument than one named in full; "the MoU" refers back.
	first := map[*ent]int{}
	for _, m := range rc.ms {
		if m.Nested || m.Dropped {
			continue
		}
		if f, ok := first[m.E]; !ok || m.From < f {
			first[m.E] = m.From
		}
	}
	indefinite := map[*ent]bool{}
	for e, f := range first {
		if f > 0 && (rc.a.Toks[f-1].Key == "a" || rc.a.Toks[f-1].Key == "an") {
			indefinite[e] = true
		}
	}
	ents := slices.Clone(rc.reg.ents)
	for _, e := range ents {
		if e.Type != schema.Event && e.Type != schema.Agreement || rc.reg.redirect[e] != nil {
			continue
		}
		ke := schema.Key(e.Name)
		for _, x := range ents {
			if x == e || x.Type != e.Type || rc.reg.redirect[x] != nil {
				continue
			}
			kx := schema.Key(x.Name)
			if len(kx) > len(ke) && strings.HasSuffix(kx, " "+ke) && !strings.HasPrefix(kx, "next ") && len(strings.Fields(ke)) >= 2 {
				rc.reg.merge(x, e)
				break
			}
			if strings.HasPrefix(kx, ke+" ") && e.Type == schema.Agreement && len(strings.Fields(ke)) >= 2 && (!bareInstrument(ke) || !indefinite[e]) {
				rc.reg.merge(x, e)
				break
			}
			if e.Type == schema.Agreement && len(strings.Fields(ke)) >= 3 && instrumentKey(x.Name) == instrumentKey(e.Name) {
				rc.reg.merge(x, e) // "MOU on …" in the headline, "Memorandum of Understanding on …" in the body
				break
			}
			if e.Type == schema.Event && slices.ContainsFunc(append([]string{x.Name}, x.Aliases...), func(n string) bool { return shortEventName(n, e.Name) }) {
				rc.reg.merge(x, e)
				break
			}
			if e.Type == schema.Event && rc.sameSeriesName(x.Name, e.Name) {
				rc.reg.merge(x, e)
				break
			}
		}
	}
	for _, m := range rc.ms {
		m.E = rc.reg.resolve(m.E)
	}
}

// batch renders what was found as a store.Batch, each relation with the
// sentence that supports it.
func (rl *relater) batch() store.Batch {
	rl.qualify()
	b := store.Batch{Document: rl.doc}
	seen := map[*ent]bool{}
	used := map[*ent]bool{}
	for _, f := range rl.facts {
		used[f.S], used[f.O] = true, true
	}
	for _, m := range rl.rc.ms {
		e := rl.rc.reg.resolve(m.E)
		if seen[e] || e.Type == schema.Topic || m.Dropped {
			continue
		}
		// A place or body seen only inside another name ("Prague
		// Proposals") is not a mention of its own; a state is.
		if m.Nested && e.Type != schema.Country && !used[e] {
			continue
		}
		seen[e] = true
	}
	for _, e := range rl.rc.reg.ents {
		e = rl.rc.reg.resolve(e)
		if !seen[e] && !(e.Type == schema.Topic && used[e]) {
			continue
		}
		b.Entities = append(b.Entities, store.Entity{ID: e.ID(), Type: e.Type, Kind: e.Kind, Name: e.Name, Aliases: store.MergeAliases(e.Name, e.Aliases, nil), Date: e.Date, EndDate: e.EndDate, Status: e.Status})
		seen[e] = false // once
	}
	idx := map[string]int{}
	for _, f := range rl.facts {
		s, o := rl.rc.reg.resolve(f.S), rl.rc.reg.resolve(f.O)
		if s == o {
			continue
		}
		sent := rl.a.Sents[f.Sent]
		ev := store.Evidence{Sentence: rl.a.Text[sent.Start:sent.End], Start: sent.Start, End: sent.End, Extractor: f.Extractor, Confidence: f.Conf}
		key := s.ID() + "|" + string(f.T) + "|" + o.ID()
		if f.T.Symmetric() && o.ID() < s.ID() {
			key = o.ID() + "|" + string(f.T) + "|" + s.ID()
		}
		if k, ok := idx[key]; ok {
			r := &b.Relations[k]
			if !slices.ContainsFunc(r.Evidence, func(x store.Evidence) bool { return x.Start == ev.Start }) {
				r.Evidence = append(r.Evidence, ev)
			}
			// The fullest statement of a post wins: "Secretary of State"
			// over "Secretary".
			if len(f.Title) > len(r.Title) {
				r.Title = f.Title
			}
			if r.Since == "" {
				r.Since = f.Since
			}
			r.Confidence = max(r.Confidence, f.Conf)
			continue
		}
		idx[key] = len(b.Relations)
		b.Relations = append(b.Relations, store.Relation{Type: f.T, Subject: s.ID(), Object: o.ID(), Title: f.Title, Since: f.Since, Confidence: f.Conf, Evidence: []store.Evidence{ev}})
	}
	for i := range b.Relations {
		if r := &b.Relations[i]; r.Type == schema.HoldsPosition {
			r.Tense = event.Tense(r.Evidence[0].Sentence, r.Title)
		}
	}
	return b
}

// bareInstrumentWords make up names of no instrument in particular.
var bareInstrumentWords = map[string]bool{"memorandum": true, "of": true, "understanding": true, "mou": true, "joint": true, "statement": true, "declaration": true, "agreement": true, "treaty": true, "protocol": true, "communique": true, "the": true, "a": true, "an": true, "new": true}

// bareInstrument reports a folded name made only of instrument words.
func bareInstrument(key string) bool {
	for _, w := range strings.Fields(key) {
		if !bareInstrumentWords[w] {
			return false
		}
	}
	return true
}

// shortEventName reports short, a shorter name the text gives event
// long: long without its body's acronym ("Special CAN Summit of Trade
// Ministers" → "Special Summit of Trade Ministers"), or without its "of"
// or "between" complement ("Special Summit", "first consultations").
func shortEventName(long, short string) bool {
	lf, sf := strings.Fields(long), strings.Fields(short)
	if len(sf) < 2 || len(lf) <= len(sf) {
		return false
	}
	if len(lf) == len(sf)+1 {
		for i, w := range lf {
			if isAcronym(w) && slices.Equal(slices.Concat(lf[:i:i], lf[i+1:]), sf) {
				return true
			}
		}
	}
	head := schema.Key(sf[len(sf)-1])
	after := schema.Key(lf[len(sf)])
	return (eventHeads[head] != "" || lowerGatheringKinds[head] != "") && slices.EqualFunc(lf[:len(sf)], sf, func(a, b string) bool { return schema.Key(a) == schema.Key(b) }) && (after == "of" || after == "between")
}

// placeFirst reports a name "<place> <head>" and another "<head> in
// <place>" of one happening: "Zenda Summit", "summit in Zenda".
func placeFirst(a, b string) bool {
	ka, kb := strings.Fields(schema.Key(a)), strings.Fields(schema.Key(b))
	if len(ka) < 2 || len(kb) != len(ka)+1 || eventHeads[ka[len(ka)-1]] == "" {
		return false
	}
	head, place := ka[len(ka)-1], ka[:len(ka)-1]
	return kb[0] == head && kb[1] == "in" && slices.Equal(kb[2:], place)
}

// isAcronym reports a word in capitals of two letters or more ("CAN").
func isAcronym(w string) bool {
	return len(w) >= 2 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// sameSeriesName reports two names of one happening that differ only in
// the states that hold it and in a number one of them gives: "13th
// High-Level Meeting" in a headline and "Rivia–Zenda High-Level Meeting"
// in the body. Two different numbers are two sessions.
func (rc *recognizer) sameSeriesName(a, b string) bool {
	ka, na := rc.seriesKey(a)
	kb, nb := rc.seriesKey(b)
	return ka != "" && ka == kb && (na == "" || nb == "" || na == nb) && a != b && !strings.HasPrefix(schema.Key(a), "next ") && !strings.HasPrefix(schema.Key(b), "next ")
}

// seriesKey is a name without its states and its ordinal, and that
// ordinal; "" when fewer than two words remain.
func (rc *recognizer) seriesKey(name string) (key, number string) {
	var words []string
	for _, t := range tokenize(name) {
		switch {
		case !t.Word:
		case ordinal.MatchString(t.Text):
			number = t.Key
		case rc.reg.gaz.lookup(schema.Country, t.Text) != nil:
		default:
			words = append(words, t.Key)
		}
	}
	if len(words) < 2 {
		return "", ""
	}
	return strings.Join(words, " "), number
}
