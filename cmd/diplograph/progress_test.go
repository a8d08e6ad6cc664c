package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressPlain: away from a terminal, progress is a plain line every
// ten seconds and one at the end, with the recent rate and the time left;
// the results written through it are untouched.
func TestProgressPlain(t *testing.T) {
	var errb, out bytes.Buffer
	p := newProgress(&errb, 100, false)
	clock := p.start
	p.now = func() time.Time { return clock }
	for range 100 {
		clock = clock.Add(time.Second / 2) // 2 documents/s
		p.println(&out, "doc")
		p.add(1)
	}
	p.finish()
	if got, want := out.String(), strings.Repeat("doc\n", 100); got != want {
		t.Errorf("results = %q, want 100 lines of doc", got)
	}
	lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n")
	want := []string{
		"20/100 documents (20%), 2.0 documents/s, 40s left",
		"40/100 documents (40%), 2.0 documents/s, 30s left",
		"60/100 documents (60%), 2.0 documents/s, 20s left",
		"80/100 documents (80%), 2.0 documents/s, 10s left",
		"100/100 documents (100%), 2.0 documents/s, done in 50s",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestProgressQuiet: --quiet, or nothing to do, reports nothing, and a
// nil progress still passes results through.
func TestProgressQuiet(t *testing.T) {
	var errb, out bytes.Buffer
	for _, p := range []*progress{newProgress(&errb, 10, true), newProgress(&errb, 0, false)} {
		p.println(&out, "doc %d", 1)
		p.add(1)
		p.finish()
	}
	if errb.Len() != 0 || out.String() != "doc 1\ndoc 1\n" {
		t.Errorf("quiet progress wrote %q and results %q, want nothing and two lines", errb.String(), out.String())
	}
}

// TestProgressBar: on a terminal the bar is redrawn in place, cleared
// before a result line on the same screen and drawn again after it.
func TestProgressBar(t *testing.T) {
	var screen bytes.Buffer
	p := newProgress(&screen, 4, false)
	p.tty = true
	clock := p.start
	p.now = func() time.Time { return clock }
	for range 4 {
		clock = clock.Add(time.Second)
		p.println(&screen, "doc")
		p.add(1)
	}
	p.finish()
	s := screen.String()
	if !strings.HasPrefix(s, "doc\n\r\x1b[K[=======>") {
		t.Errorf("screen starts %q, want the first result then the bar", s[:min(len(s), 40)])
	}
	if !strings.Contains(s, "\r\x1b[Kdoc\n") {
		t.Errorf("a result line was not written over a cleared bar: %q", s)
	}
	if !strings.HasSuffix(s, "[==============================] 4/4 documents (100%), 1.0 documents/s, done in 4s\n") {
		t.Errorf("screen ends %q, want the full bar and a newline", s[max(0, len(s)-90):])
	}
}
