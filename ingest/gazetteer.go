package ingest

//go:generate go run ./data/gencountries -o data/countries.tsv

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/diplograph/diplograph/schema"
)

//go:embed data/*.tsv
var dataFS embed.FS

// gazEntry is one known thing: a state, body, place or named event.
type gazEntry struct {
	Name    string
	Type    schema.EntityType
	Kind    string
	Aliases []string
	Demonym []string // adjectives that name the state ("Czech")
	Parent  string   // organizations: the body it belongs to
	Country string   // canonical name of the state it belongs to or lies in
	Date    string
	Capital bool // a capital city: its state goes without saying
	Curated bool // from the curated alias file: wins over learned aliases
	// Weak: a generated city, named only where the words around it make
	// it a place ("in Mombasa", "Kisumu, Kenya"): many are also surnames.
	Weak bool
}

// gazMatch is what a token sequence names.
type gazMatch struct {
	Entry   *gazEntry
	Demonym bool
}

type trieNode struct {
	next  map[string]*trieNode
	match []gazAlias
}

type gazAlias struct {
	gazMatch
	exact string // acronyms match only in this exact spelling
}

// gazetteer finds known names in token sequences: a trie over folded
// tokens, walked from every token, longest match first.
type gazetteer struct {
	root    trieNode
	entries []*gazEntry
	byKey   map[string]*gazEntry // type + key of name → entry

	statesOnce sync.Once
	states     []stateKey // see oneWordStates
}

func newGazetteer() *gazetteer {
	return &gazetteer{byKey: map[string]*gazEntry{}}
}

func entryKey(t schema.EntityType, name string) string { return string(t) + ":" + schema.Key(name) }

// add registers e, or folds its aliases into the entry of the same type
// and name already known.
func (g *gazetteer) add(e *gazEntry) *gazEntry {
	k := entryKey(e.Type, e.Name)
	if old, ok := g.byKey[k]; ok {
		old.Aliases = append(old.Aliases, e.Aliases...)
		old.Demonym = append(old.Demonym, e.Demonym...)
		if e.Kind != "" {
			old.Kind = e.Kind
		}
		old.Curated = old.Curated || e.Curated
		g.index(old, e.Aliases, false)
		g.index(old, e.Demonym, true)
		return old
	}
	g.entries = append(g.entries, e)
	g.byKey[k] = e
	g.index(e, append([]string{e.Name}, e.Aliases...), false)
	g.index(e, e.Demonym, true)
	return e
}

func (g *gazetteer) index(e *gazEntry, names []string, demonym bool) {
	for _, n := range names {
		toks := tokenize(n)
		if len(toks) == 0 {
			continue
		}
		node := &g.root
		for _, t := range toks {
			if node.next == nil {
				node.next = map[string]*trieNode{}
			}
			c := node.next[t.Key]
			if c == nil {
				c = &trieNode{}
				node.next[t.Key] = c
			}
			node = c
		}
		a := gazAlias{gazMatch: gazMatch{Entry: e, Demonym: demonym}}
		if len(toks) == 1 && toks[0].Upper && len(toks[0].Text) <= 6 {
			a.exact = n
		}
		node.match = append(node.match, a)
	}
}

// lookup returns the entry of type t whose name or alias is name.
func (g *gazetteer) lookup(t schema.EntityType, name string) *gazEntry {
	if e, ok := g.byKey[entryKey(t, name)]; ok {
		return e
	}
	toks := tokenize(name)
	n, ms := g.matchAt(toks, 0, len(toks), false)
	if n == len(toks) {
		for _, m := range ms {
			if m.Entry.Type == t && !m.Demonym {
				return m.Entry
			}
		}
	}
	return nil
}

// matchAt returns the length of the longest known name starting at token
// i (before limit) and what it names. Acronyms match only as spelled, and
// not in all-capital headlines, where every word looks like one.
func (g *gazetteer) matchAt(toks []token, i, limit int, shouting bool) (int, []gazMatch) {
	node := &g.root
	best := 0
	var found []gazMatch
	for j := i; j < limit; j++ {
		c := node.next[toks[j].Key]
		if c == nil {
			break
		}
		node = c
		if len(node.match) == 0 {
			continue
		}
		var ms []gazMatch
		for _, a := range node.match {
			if a.exact != "" {
				if shouting || schema.Normalize(toks[i].Text) != schema.Normalize(a.exact) || toks[i].Text != strings.ToUpper(toks[i].Text) {
					continue
				}
			} else if !toks[i].Cap && !isDigits(toks[i].Text) {
				continue
			}
			ms = append(ms, a.gazMatch)
		}
		if len(ms) > 0 {
			best, found = j-i+1, ms
		}
	}
	return best, found
}

func splitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readTSV calls fn with the fields of each line that is not blank or a
// comment.
func readTSV(name string, r io.Reader, fn func(f []string) error) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		for len(f) < 6 {
			f = append(f, "")
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func readData(name string, fn func(f []string) error) error {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return fmt.Errorf("open gazetteer %s: %w", name, err)
	}
	defer f.Close()
	return readTSV(name, f, fn)
}

// loadGazetteer builds the shipped gazetteer and then the user's files.
func loadGazetteer(userFiles []string) (*gazetteer, error) {
	g := newGazetteer()
	byCode := map[string]*gazEntry{}
	capitals := map[string]string{}
	err := readData("countries.tsv", func(f []string) error {
		e := &gazEntry{Name: f[1], Type: schema.Country, Aliases: splitList(f[2])}
		byCode[f[0]] = e
		if f[3] != "" {
			capitals[f[0]] = f[3]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// "Peruvian Foreign Minister": each state's adjective (data/gendemonyms)
	err = readData("demonyms.tsv", func(f []string) error {
		if e := byCode[f[0]]; e != nil {
			e.Demonym = append(e.Demonym, splitList(f[1])...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readData("countries_extra.tsv", func(f []string) error {
		e := byCode[f[0]]
		if e == nil {
			e = &gazEntry{Name: f[1], Type: schema.Country}
			byCode[f[0]] = e
		} else if f[1] != "" {
			e.Aliases = append(e.Aliases, e.Name)
			e.Name = f[1]
		}
		if e.Name == "" {
			return fmt.Errorf("state %s has no name", f[0])
		}
		e.Aliases = append(e.Aliases, splitList(f[2])...)
		e.Demonym = append(e.Demonym, splitList(f[3])...)
		if f[4] != "" {
			e.Type = schema.EntityType(f[4])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, code := range sortedKeys(byCode) {
		g.add(byCode[code])
	}
	country := func(code string) string {
		if e := byCode[code]; e != nil {
			return e.Name
		}
		return ""
	}
	// in the order of the codes: two states' capitals of one name
	// ("Kingston") are one entry, the first state's, on every run
	for _, code := range sortedKeys(capitals) {
		g.add(&gazEntry{Name: capitals[code], Type: schema.Location, Country: country(code), Capital: true})
	}
	if err := readData("places.tsv", func(f []string) error {
		g.add(&gazEntry{Name: f[0], Type: schema.Location, Aliases: splitList(f[1]), Country: country(f[2])})
		return nil
	}); err != nil {
		return nil, err
	}
	// Larger cities and provinces' seats (data/gencities), after the
	// places above: a name already known keeps its meaning ("Victoria"
	// the capital), and a name that opens with a post or a body's head
	// ("General Santos") is left to the recognizer.
	if err := readData("cities.tsv", func(f []string) error {
		toks := tokenize(f[0])
		if n, ms := g.matchAt(toks, 0, len(toks), false); n == len(toks) && len(ms) > 0 || len(toks) == 0 || headWord(toks[0].Key) {
			return nil
		}
		g.add(&gazEntry{Name: f[0], Type: schema.Location, Country: country(f[2]), Weak: true})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readData("orgs.tsv", func(f []string) error {
		if !schema.ValidKind(schema.Organization, f[1]) {
			return fmt.Errorf("unknown organization kind %q", f[1])
		}
		g.add(&gazEntry{Name: f[0], Type: schema.Organization, Kind: f[1], Aliases: splitList(f[2]), Parent: f[3], Country: country(f[4])})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readData("events.tsv", func(f []string) error {
		g.add(&gazEntry{Name: f[0], Type: schema.Event, Kind: f[1], Aliases: splitList(f[2]), Date: f[3]})
		return nil
	}); err != nil {
		return nil, err
	}
	aliasLine := func(f []string) error {
		t := schema.EntityType(f[1])
		if !t.Valid() {
			return fmt.Errorf("unknown entity type %q", f[1])
		}
		if !schema.ValidKind(t, f[3]) {
			return fmt.Errorf("kind %q is not a kind of %s", f[3], t)
		}
		g.add(&gazEntry{Name: f[0], Type: t, Aliases: splitList(f[2]), Kind: f[3], Curated: true})
		return nil
	}
	if err := readData("aliases.tsv", aliasLine); err != nil {
		return nil, err
	}
	for _, path := range userFiles {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("open gazetteer %s: %w", path, err)
		}
		err = readTSV(path, f, aliasLine)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return g, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// headWord reports a word that heads a post, a body, an event or an
// instrument.
func headWord(key string) bool {
	return titleHeads[key] || titleMods[key] || orgHeads[key] != "" || eventHeads[key] != "" || agreementHeads[key] != ""
}
