package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress reports how far an ingest of many files has got, on stderr:
// on a terminal a bar redrawn in place (documents done of the total,
// documents per second, time left); elsewhere a plain line every
// interval, so a log shows the rate as the graph grows. Lines written
// through it (each document's result, failures) clear the bar first and
// redraw it after, so the two never mix on one line.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	tty      bool
	total    int
	done     int
	start    time.Time
	drawn    time.Time // when the bar or the last plain line was written
	interval time.Duration
	showing  bool // a bar is on the screen

	// The rate shown is over a window of recent documents, not since the
	// start, so that it moves when the rate does.
	marks []progressMark

	now func() time.Time // tests replace it
}

type progressMark struct {
	at   time.Time
	done int
}

const (
	barRedraw     = 200 * time.Millisecond
	plainInterval = 10 * time.Second
	rateWindow    = 10 * time.Second
	barWidth      = 30
)

// newProgress returns a reporter of total documents on w, nil (which
// reports nothing) when quiet. A bar is drawn when w is a terminal.
func newProgress(w io.Writer, total int, quiet bool) *progress {
	if quiet || total == 0 {
		return nil
	}
	p := &progress{w: w, tty: isTerminal(w), total: total, interval: plainInterval, now: time.Now}
	p.start = p.now()
	p.drawn = p.start
	p.marks = []progressMark{{p.start, 0}}
	return p
}

// isTerminal reports whether w is a character device other than the
// null device, as a terminal is; a pipe, a file or a buffer is not.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}

// add counts n more documents done.
func (p *progress) add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	now := p.now()
	p.marks = append(p.marks, progressMark{now, p.done})
	for len(p.marks) > 2 && now.Sub(p.marks[1].at) > rateWindow {
		p.marks = p.marks[1:]
	}
	switch {
	case p.tty && (now.Sub(p.drawn) >= barRedraw || p.done == p.total):
		p.drawBar(now)
	case !p.tty && (now.Sub(p.drawn) >= p.interval || p.done == p.total):
		fmt.Fprintln(p.w, p.line(now))
		p.drawn = now
	}
}

// println writes a line to w (which may be p's writer or another one on
// the same screen), clearing the bar first and redrawing it after.
func (p *progress) println(w io.Writer, format string, args ...any) {
	if p == nil {
		fmt.Fprintf(w, format+"\n", args...)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.showing || (w != p.w && !isTerminal(w)) {
		// Nothing drawn, or a line bound for a file or a pipe.
		fmt.Fprintf(w, format+"\n", args...)
		return
	}
	io.WriteString(p.w, "\r\x1b[K")
	fmt.Fprintf(w, format+"\n", args...)
	p.drawBar(p.now())
}

// finish ends the bar's line, so that what follows starts on a line of
// its own.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.showing {
		io.WriteString(p.w, "\n")
		p.showing = false
	}
}

func (p *progress) drawBar(now time.Time) {
	filled := barWidth * p.done / p.total
	bar := strings.Repeat("=", filled)
	if filled < barWidth {
		bar += ">" + strings.Repeat(" ", barWidth-filled-1)
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s] %s", bar, p.line(now))
	p.drawn = now
	p.showing = true
}

// line is "1234/10000 documents (12%), 45.2 documents/s, 3m14s left".
func (p *progress) line(now time.Time) string {
	first := p.marks[0]
	rate := 0.0
	if d := now.Sub(first.at).Seconds(); d > 0 {
		rate = float64(p.done-first.done) / d
	}
	s := fmt.Sprintf("%d/%d documents (%d%%), %.1f documents/s", p.done, p.total, 100*p.done/p.total, rate)
	switch {
	case p.done == p.total:
		s += fmt.Sprintf(", done in %v", now.Sub(p.start).Round(time.Second))
	case rate > 0:
		left := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
		s += fmt.Sprintf(", %v left", left.Round(time.Second))
	}
	return s
}
