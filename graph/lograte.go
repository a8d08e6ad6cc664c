package graph

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// rateLimited passes at most burst records of one message per interval to
// next and counts the rest: a request that fails in every item of a list
// would otherwise log one line per item. The first record let through
// after some were dropped says how many.
type rateLimited struct {
	next     slog.Handler
	burst    int
	interval time.Duration
	state    *rateState
}

type rateState struct {
	mu   sync.Mutex
	msgs map[string]*window
}

type window struct {
	start   time.Time
	passed  int
	dropped int
}

func rateLimit(next slog.Handler, burst int, interval time.Duration) slog.Handler {
	if _, ok := next.(*rateLimited); ok {
		return next
	}
	return &rateLimited{next: next, burst: burst, interval: interval, state: &rateState{msgs: map[string]*window{}}}
}

func (h *rateLimited) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *rateLimited) Handle(ctx context.Context, r slog.Record) error {
	dropped, ok := h.state.admit(r.Message, r.Time, h.burst, h.interval)
	if !ok {
		return nil
	}
	if dropped > 0 {
		r.AddAttrs(slog.Int("suppressed", dropped))
	}
	return h.next.Handle(ctx, r)
}

func (s *rateState) admit(msg string, now time.Time, burst int, interval time.Duration) (dropped int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.msgs[msg]
	if w == nil {
		if len(s.msgs) > 1000 { // messages are constants; this guards a caller that formats them
			clear(s.msgs)
		}
		w = &window{start: now}
		s.msgs[msg] = w
	}
	if now.Sub(w.start) >= interval {
		w.start, w.passed = now, 0
	}
	if w.passed >= burst {
		w.dropped++
		return 0, false
	}
	w.passed++
	dropped, w.dropped = w.dropped, 0
	return dropped, true
}

func (h *rateLimited) WithAttrs(as []slog.Attr) slog.Handler {
	return &rateLimited{next: h.next.WithAttrs(as), burst: h.burst, interval: h.interval, state: h.state}
}

func (h *rateLimited) WithGroup(name string) slog.Handler {
	return &rateLimited{next: h.next.WithGroup(name), burst: h.burst, interval: h.interval, state: h.state}
}
