package graph

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestBrokerDropsSlowSubscriber checks that Publish never waits: a
// subscriber that reads nothing is dropped once its buffer is full, while
// one that keeps up sees every event.
func TestBrokerDropsSlowSubscriber(t *testing.T) {
	b := NewBroker(4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	slow := b.Subscribe(ctx)
	fast := b.Subscribe(ctx)
	got := 0
	for i := range 10 {
		b.Publish(Event{Document: &store.Document{ID: "doc:" + string(rune('a'+i))}})
		for len(fast) > 0 {
			<-fast
			got++
		}
	}
	if got != 10 {
		t.Errorf("the subscriber that kept up saw %d events, want 10", got)
	}
	n := 0
	for range slow { // closed once dropped
		n++
	}
	if n != 4 || b.Dropped() != 1 || b.Subscribers() != 1 {
		t.Errorf("slow subscriber: %d events before its channel closed, dropped %d, subscribers left %d; want 4, 1, 1", n, b.Dropped(), b.Subscribers())
	}
	cancel()
	for range fast {
	}
	b.Close()
	if _, ok := <-b.Subscribe(context.Background()); ok {
		t.Error("Subscribe after Close gave an open channel")
	}
	b.Publish(Event{}) // no subscribers, closed: must not panic
}

func TestRelationMatches(t *testing.T) {
	a, c := "person:a", "person:c"
	met := &store.Relation{Type: schema.MetWith, Subject: a, Object: c}
	attended := &store.Relation{Type: schema.Attended, Subject: a, Object: "event:e"}
	tests := []struct {
		name string
		f    *model.RelationAddedFilter
		rel  *store.Relation
		want bool
	}{
		{"no filter", nil, attended, true},
		{"type", &model.RelationAddedFilter{Type: []schema.RelationType{schema.MetWith}}, attended, false},
		{"subject", &model.RelationAddedFilter{Subject: &a}, attended, true},
		{"object", &model.RelationAddedFilter{Object: &a}, attended, false},
		{"symmetric, ends either way", &model.RelationAddedFilter{Subject: &c, Object: &a}, met, true},
		{"not symmetric, ends the wrong way", &model.RelationAddedFilter{Subject: &c}, attended, false},
	}
	for _, tt := range tests {
		if got := relationMatches(tt.f, tt.rel); got != tt.want {
			t.Errorf("%s: relationMatches = %v, want %v", tt.name, got, tt.want)
		}
	}
}
