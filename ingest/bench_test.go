package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

type corpusFile struct {
	name string
	data []byte
}

func loadCorpus(b *testing.B, times int) ([]corpusFile, int) {
	b.Helper()
	files, err := filepath.Glob("../corpus/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus: %v", err)
	}
	var out []corpusFile
	words := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := strings.Repeat(string(data)+"\n\n", times)
		out = append(out, corpusFile{filepath.Base(f), []byte(text)})
		words += len(strings.Fields(text))
	}
	return out, words
}

func benchPipeline(b *testing.B, times int) {
	files, words := loadCorpus(b, times)
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			if _, err := p.Process(context.Background(), f.name, f.data); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func benchProse(b *testing.B, times int) {
	files, words := loadCorpus(b, times)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			if _, err := prose.NewDocument(string(f.data)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkPipeline reads and extracts the corpus.
func BenchmarkPipeline(b *testing.B) { benchPipeline(b, 1) }

// BenchmarkProseDefault runs prose with its default pipeline (tokens,
// tags, entities) over the same text: the speed target is 3× its rate.
func BenchmarkProseDefault(b *testing.B) { benchProse(b, 1) }

// The 20× variants show that cost grows linearly with the text.
func BenchmarkPipeline20x(b *testing.B)     { benchPipeline(b, 20) }
func BenchmarkProseDefault20x(b *testing.B) { benchProse(b, 20) }

// pathological builds the inputs no extraction may be slow on: one
// sentence of 5,000 words without punctuation, and a megabyte of names,
// one a line, as a list pasted from a table would be.
func pathological() map[string]string {
	words := []string{"the", "minister", "met", "Anna", "Weber", "in", "Zenda", "and", "talks", "with", "Ruritania", "on", "trade", "Ministry", "of", "Defence"}
	var sentence strings.Builder
	for i := range 5000 {
		sentence.WriteString(words[(i*7)%len(words)] + " ")
	}
	var names strings.Builder
	first := []string{"Anna", "Karl", "Maria", "Jan", "Sofia", "Omar", "Li", "Ngozi"}
	last := []string{"Weber", "Hof", "Novak", "Okafor", "Tanaka", "Haddad", "Silva", "Kowalski"}
	for i := 0; names.Len() < 1<<20; i++ {
		names.WriteString("Minister " + first[i%len(first)] + " " + last[(i/len(first))%len(last)] + "\n")
	}
	return map[string]string{"sentence-5000-words": sentence.String(), "names-1MB": names.String()}
}

// BenchmarkPathological reports the time per word of extraction on the
// corpus documents and on the pathological inputs, to be read side by
// side (docs/EXTRACTION.md): none may cost much more per word than a
// document does.
//
//	go test ./ingest -run '^$' -bench Pathological -benchtime 3x
func BenchmarkPathological(b *testing.B) {
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	inputs := pathological()
	files, _ := loadCorpus(b, 1)
	for _, f := range files {
		inputs["corpus/"+f.name] = string(f.data)
	}
	for name, text := range inputs {
		words := len(strings.Fields(text))
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := p.Process(context.Background(), "bench.txt", []byte(text)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
		})
	}
}
