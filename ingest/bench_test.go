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
