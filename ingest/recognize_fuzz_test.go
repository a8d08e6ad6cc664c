package ingest

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diplograph/diplograph/store"
)

// The recognizers, resolution and relation extraction are not exported,
// so they are fuzzed through Extract, which runs them all. Extract is
// called directly rather than through Process, whose recover would turn a
// panic into an ordinary error and hide it from the fuzzer.

// FuzzRecognize reads arbitrary bytes as a text file and extracts from
// what the reader accepts: no panic, and a batch the store would take.
func FuzzRecognize(f *testing.F) {
	for _, s := range []string{
		"Secretary of State Antony J. Blinken met Czech Foreign Minister Jan Lipavský in Prague on May 2, 2023.",
		"The Ministry of Foreign Affairs (MFA) and the U.S. Department of State (DOS) signed a Memorandum of Understanding (MOU).",
		"U.S.-Czech Strategic Dialogue\n\nMEDIA NOTE\n\nOFFICE OF THE SPOKESPERSON\n\nMAY 2, 2023\n\nThe delegations met.",
		"Mr. . Dr. (( )) \"\" — – ’s ’ 2023-13-45 31 February 2023 Ministry of Ministry of of",
		"A.B.C. D.E.F.G. (ABC) (A) () (",
	} {
		f.Add([]byte(s))
	}
	p := fuzzPipeline(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("fuzz.txt", data)
		if err != nil {
			return
		}
		checkExtract(t, p, doc)
	})
}

// FuzzRecognizeText extracts from arbitrary valid UTF-8 text that no
// reader has cleaned, as a document built by another caller might carry:
// control characters, stray offsets and odd whitespace included.
func FuzzRecognizeText(f *testing.F) {
	for _, s := range []string{
		"Prime Minister Petr Fiala visited Washington.\tThe President welcomed him.\r\n",
		"Minister  of  Defence\u00a0Jana Černochová signed the Defense Cooperation Agreement (DCA).",
		"\x00\x01 Ministry of Foreign Affairs\u200b of the Czech Republic",
		"e\u0301 ﬁnance ministers met in Paris; ",
	} {
		f.Add(s)
	}
	p := fuzzPipeline(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.TrimSpace(text) == "" {
			return
		}
		checkExtract(t, p, store.Document{Filename: "fuzz.txt", Text: text, ID: store.DocumentID(text)})
	})
}

func fuzzPipeline(f *testing.F) *Pipeline {
	f.Helper()
	p, err := New()
	if err != nil {
		f.Fatal(err)
	}
	return p
}

// checkExtract extracts twice from doc and checks the batch: the same
// both times, every evidence sentence the very text at its offsets, and
// valid for the store (Prepare accepts it).
func checkExtract(t *testing.T, p *Pipeline, doc store.Document) {
	t.Helper()
	ctx := context.Background()
	b, err := p.Extract(ctx, doc)
	if err != nil {
		t.Fatalf("Extract(%q): %v", doc.Text, err)
	}
	again, err := p.Extract(ctx, doc)
	if err != nil || !reflect.DeepEqual(b, again) {
		t.Fatalf("Extract(%q) is not deterministic:\n%+v\nthen\n%+v (%v)", doc.Text, b, again, err)
	}
	if b.Document.Text != doc.Text {
		t.Fatalf("Extract(%q) changed the text to %q", doc.Text, b.Document.Text)
	}
	text := doc.Text
	for _, e := range b.Entities {
		if strings.TrimSpace(e.Name) == "" {
			t.Errorf("Extract(%q) has an entity of type %s without a name", text, e.Type)
		}
	}
	for _, r := range b.Relations {
		if len(r.Evidence) == 0 {
			t.Errorf("Extract(%q): relation %s %s %s has no evidence", text, r.Subject, r.Type, r.Object)
		}
		for _, ev := range r.Evidence {
			if ev.Start < 0 || ev.End < ev.Start || ev.End > len(text) {
				t.Fatalf("Extract(%q): %s evidence offsets [%d,%d) outside the %d-byte text", text, r.Type, ev.Start, ev.End, len(text))
			}
			if got := text[ev.Start:ev.End]; got != ev.Sentence {
				t.Errorf("Extract(%q): %s evidence sentence %q, but text[%d:%d] = %q", text, r.Type, ev.Sentence, ev.Start, ev.End, got)
			}
			if !utf8.ValidString(ev.Sentence) {
				t.Errorf("Extract(%q): evidence %q cuts a character", text, ev.Sentence)
			}
		}
	}
	if err := b.Prepare(); err != nil {
		t.Errorf("Extract(%q) made a batch the store would refuse: %v", text, err)
	}
}
