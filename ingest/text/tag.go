// Package text is the first layer of extraction: it gives each word of a
// sentence its part of speech.
//
// Contract. Tag receives one sentence as a string and returns, for each
// word prose's tokenizer finds in it, the word's byte span in that string
// and its Penn Treebank tag. Spans are in order and do not overlap; a word
// that cannot be found in the string (prose rewrites a few, such as
// quotes) is left out rather than guessed. The tagger's model is loaded
// once, by NewTagger, and shared: prose.NewDocument loads it again on
// every call unless it is given one, which made tagging eight times slower.
//
// The extraction pipeline keeps its own tokens and sentences (they carry
// the cues recognition needs: capitals, folded keys, references); this
// layer adds the tags that prose measures best at, and the pipeline aligns
// them to its tokens by byte offset. docs/EXTRACTION.md has the figures.
package text

import (
	"fmt"
	"strings"

	"github.com/jdkato/prose/v2"
)

// Tagger tags sentences with prose's averaged-perceptron tagger.
type Tagger struct{ model *prose.Model }

// NewTagger loads prose's tagging model.
func NewTagger() *Tagger {
	return &Tagger{model: prose.ModelFromData("diplograph")}
}

// Word is a tagged word: its byte span in the sentence and its tag.
type Word struct {
	Start, End int
	Tag        string
}

// Tag returns the words of sentence with their tags.
func (t *Tagger) Tag(sentence string) ([]Word, error) {
	doc, err := prose.NewDocument(sentence, prose.UsingModel(t.model),
		prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, fmt.Errorf("tag %.40q: %w", sentence, err)
	}
	var out []Word
	at := 0
	for _, tok := range doc.Tokens() {
		i := strings.Index(sentence[at:], tok.Text)
		if i < 0 || tok.Text == "" {
			continue
		}
		start := at + i
		out = append(out, Word{Start: start, End: start + len(tok.Text), Tag: tok.Tag})
		at = start + len(tok.Text)
	}
	return out, nil
}
