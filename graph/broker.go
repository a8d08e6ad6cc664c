package graph

import (
	"context"
	"sync"

	"github.com/diplograph/diplograph/store"
)

// Event is one change to the graph, published after the write that made
// it committed: a document stored (Document set) or a fact new to the
// graph (Relation set, with its two ends as stored when it was published,
// so that a stream can name them without asking the store again).
type Event struct {
	Document *store.Document
	Relation *store.Relation
	Subject  store.Entity
	Object   store.Entity
}

// DefaultSubscriberBuffer is how many events a subscriber may fall behind
// by before it is dropped. One ingest publishes its document and each new
// relation at once: a few dozen events for a long press release.
const DefaultSubscriberBuffer = 256

// Broker hands the events of this server's writes to its subscribers
// (GraphQL subscriptions and GET /events). Publish never waits: a
// subscriber whose buffer is full is dropped, its channel closed, so a
// slow reader costs an ingest nothing. Writes made by other processes
// (the ingest and import commands) are not seen.
type Broker struct {
	buffer int

	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	done   chan struct{} // closed by Close
	closed bool
	// dropped counts subscribers dropped for falling behind (tests, metrics).
	dropped int
}

type subscriber struct {
	ch chan Event
}

// NewBroker returns a broker whose subscribers each buffer up to buffer
// events (DefaultSubscriberBuffer when buffer <= 0).
func NewBroker(buffer int) *Broker {
	if buffer <= 0 {
		buffer = DefaultSubscriberBuffer
	}
	return &Broker{buffer: buffer, subs: map[*subscriber]struct{}{}, done: make(chan struct{})}
}

// Close ends every subscription and refuses new ones: the server is
// shutting down, and streams that stay open would hold it up. serve calls
// it from http.Server.RegisterOnShutdown.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	close(b.done)
	for s := range b.subs {
		delete(b.subs, s)
		close(s.ch)
	}
}

// Done is closed when the broker is.
func (b *Broker) Done() <-chan struct{} { return b.done }

// Subscribe returns a channel of the events published from now on. It is
// closed when ctx ends or when the subscriber falls behind by more than
// the buffer; either way the subscriber is gone.
func (b *Broker) Subscribe(ctx context.Context) <-chan Event {
	s := &subscriber{ch: make(chan Event, b.buffer)}
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		close(s.ch)
		return s.ch
	}
	b.subs[s] = struct{}{}
	b.mu.Unlock()
	context.AfterFunc(ctx, func() { b.remove(s) })
	return s.ch
}

// remove closes s's channel once, whichever of its context and a full
// buffer ends it first.
func (b *Broker) remove(s *subscriber) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.subs[s]; ok {
		delete(b.subs, s)
		close(s.ch)
	}
}

// Publish sends ev to every subscriber without waiting; a subscriber with
// a full buffer is dropped instead. A nil broker publishes nothing.
func (b *Broker) Publish(ev Event) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.subs {
		select {
		case s.ch <- ev:
		default:
			delete(b.subs, s)
			close(s.ch)
			b.dropped++
		}
	}
}

// Subscribers reports how many subscribers are listening.
func (b *Broker) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Dropped reports how many subscribers were dropped for falling behind.
func (b *Broker) Dropped() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.dropped
}

// publishIngest publishes a stored document and the relations new to the
// graph, with their ends read in one store call. It runs after the write
// committed; a failure to read the ends is logged and the events go out
// with the ids alone, since the facts are stored either way.
func (r *Resolver) publishIngest(ctx context.Context, doc store.Document, rels []store.Relation) {
	if r.Broker == nil || r.Broker.Subscribers() == 0 {
		return
	}
	r.Broker.Publish(Event{Document: &doc})
	if len(rels) == 0 {
		return
	}
	ids := make([]string, 0, 2*len(rels))
	for _, rel := range rels {
		ids = append(ids, rel.Subject, rel.Object)
	}
	ends := map[string]store.Entity{}
	if es, err := r.Store.EntitiesByID(ctx, ids); err != nil {
		r.Log.Warn("events: reading the ends of new relations failed; sending ids only", "document", doc.ID, "err", err)
	} else {
		for _, e := range es {
			ends[e.ID] = e
		}
	}
	for _, rel := range rels {
		r.Broker.Publish(r.relationEvent(rel, ends))
	}
}

// publishAssertion publishes a fact an analyst asserted, once the store
// committed it.
func (r *Resolver) publishAssertion(ctx context.Context, rel store.Relation) {
	if r.Broker == nil || r.Broker.Subscribers() == 0 {
		return
	}
	ends := map[string]store.Entity{}
	if es, err := r.Store.EntitiesByID(ctx, []string{rel.Subject, rel.Object}); err == nil {
		for _, e := range es {
			ends[e.ID] = e
		}
	}
	rel.Evidence = nil // the note is the analyst's; a stream carries the fact
	r.Broker.Publish(r.relationEvent(rel, ends))
}

// relationEvent is the event of rel with its ends from ends, or their ids
// alone where ends lacks them.
func (r *Resolver) relationEvent(rel store.Relation, ends map[string]store.Entity) Event {
	ev := Event{Relation: &rel, Subject: ends[rel.Subject], Object: ends[rel.Object]}
	if ev.Subject.ID == "" {
		ev.Subject = store.Entity{ID: rel.Subject}
		ev.Subject.Type, _ = store.TypeOf(rel.Subject)
	}
	if ev.Object.ID == "" {
		ev.Object = store.Entity{ID: rel.Object}
		ev.Object.Type, _ = store.TypeOf(rel.Object)
	}
	return ev
}
