package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const copiesUsage = `usage: diplograph copies [--n N] --out DIR FOLDER

Writes N renamed copies of the texts of FOLDER (*.txt, in name order; the
corpus by default) into DIR, for scale tests of ingest: file i is copy
i div T of text i mod T (of T texts), named NNNNN-STEM.txt so that name order is
generation order. Copy 0 is the text itself. Copy k > 0 gives every
person its gold annotation names (FOLDER/gold/STEM.json) a surname of
its own, the old one with syllables spelling k appended ("Blinken" →
"Blinkenbadeki"), wherever the surname stands in the text, and ends with
a line of its own ("Reference k."), so every copy is a new document and
its people are new entities while countries, ministries and events are
shared, as in an archive of years of statements. The same N and FOLDER
always write the same files.`

// maxCopies bounds --n: a million files is past any test we run.
const maxCopies = 1_000_000

func runCopies(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("copies", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, copiesUsage)
		fl.PrintDefaults()
	}
	n := fl.Int("n", 10000, "documents to write")
	out := fl.String("out", "", "folder to write them into (required; created if missing)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	src := "./corpus"
	switch fl.NArg() {
	case 0:
	case 1:
		src = fl.Arg(0)
	default:
		fl.Usage()
		return fmt.Errorf("copies: one source folder, not %d", fl.NArg())
	}
	if *out == "" {
		fl.Usage()
		return errors.New("copies: --out DIR is required")
	}
	if *n < 1 || *n > maxCopies {
		return fmt.Errorf("copies: --n %d outside 1..%d", *n, maxCopies)
	}
	texts, err := readCopySources(src)
	if err != nil {
		return fmt.Errorf("copies: %w", err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("copies: %w", err)
	}
	for i := range *n {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		name, text := texts.copy(i)
		if err := os.WriteFile(filepath.Join(*out, name), []byte(text), 0o644); err != nil {
			return fmt.Errorf("copies: %w", err)
		}
	}
	fmt.Fprintf(stderr, "wrote %d copies of %d texts of %s into %s\n", *n, len(texts), src, *out)
	return nil
}

// copySource is a text to copy and the surnames a copy renames.
type copySource struct {
	stem     string
	text     string
	surnames []string
}

type copySources []copySource

// readCopySources reads the *.txt files of dir and the surnames of the
// people their gold annotations name.
func readCopySources(dir string) (copySources, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no *.txt files in %s", dir)
	}
	slices.Sort(paths)
	var out copySources
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		stem := strings.TrimSuffix(filepath.Base(p), ".txt")
		names, err := goldPeople(filepath.Join(dir, "gold", stem+".json"))
		if err != nil {
			return nil, err
		}
		out = append(out, copySource{stem: stem, text: string(data), surnames: surnames(names)})
	}
	return out, nil
}

// goldPeople returns the names of the people a gold annotation file
// lists; none when there is no such file.
func goldPeople(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var gold struct {
		Entities []struct {
			Type, Name string
		}
	}
	if err := json.Unmarshal(data, &gold); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var names []string
	for _, e := range gold.Entities {
		if e.Type == "Person" {
			names = append(names, e.Name)
		}
	}
	return names, nil
}

// surnames are the last words of names, longest first so that no
// surname is renamed inside another; initials and short words are left.
func surnames(names []string) []string {
	var out []string
	for _, n := range names {
		f := strings.Fields(n)
		if len(f) == 0 {
			continue
		}
		last := f[len(f)-1]
		r, _ := utf8.DecodeRuneInString(last)
		if utf8.RuneCountInString(last) < 3 || !unicode.IsUpper(r) || strings.HasSuffix(last, ".") || slices.Contains(out, last) {
			continue
		}
		out = append(out, last)
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// copy returns the name and text of document i.
func (ts copySources) copy(i int) (string, string) {
	src := ts[i%len(ts)]
	k := i / len(ts)
	name := fmt.Sprintf("%05d-%s.txt", i, src.stem)
	if k == 0 {
		return name, src.text
	}
	text := src.text
	for _, s := range src.surnames {
		text = replaceWord(text, s, s+syllables(k))
	}
	return name, strings.TrimRight(text, "\n") + fmt.Sprintf("\n\nReference %d.\n", k)
}

// syllables spells k > 0 in lower-case syllables, one per base-10 digit,
// so that a renamed surname still reads as one.
func syllables(k int) string {
	const syl = "badekilomunaperisotu"
	var b []byte
	for ; k > 0; k /= 10 {
		d := k % 10
		b = append(b, syl[2*d], syl[2*d+1])
	}
	return string(b)
}

// replaceWord replaces old in s wherever it stands as a whole word (no
// letter or digit on either side).
func replaceWord(s, old, new string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(old):])
		b.WriteString(s[:i])
		if isWordRune(before) || isWordRune(after) {
			b.WriteString(old)
		} else {
			b.WriteString(new)
		}
		s = s[i+len(old):]
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
