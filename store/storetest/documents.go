package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// listedWorld is the world plus documents that test the listing's order
// and filters: an undated one, one dated by month only, a second on the
// summit's day under another kind.
func listedWorld() []store.Batch {
	undated := fixtureBatch("Undated Note", "", []store.Entity{czechia})
	month := fixtureBatch("Monthly Report", "2024-05", []store.Entity{usa})
	month.Document.Kind = "PAPER"
	sameDay := fixtureBatch("Summit Statement", "2024-07-10", []store.Entity{nato})
	sameDay.Document.Kind = "JOINT_STATEMENT"
	return append(world(), undated, month, sameDay)
}

func docID(b store.Batch) string { return store.DocumentID(b.Document.Text) }

func documentIDs(ds []store.Document) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.ID
	}
	return out
}

func testDocumentsList(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	if got := allDocuments(t, s, store.DocumentFilter{}); len(got) != 0 {
		t.Errorf("Documents(empty store) = %v, want none", documentIDs(got))
	}
	bs := listedWorld()
	write(t, s, bs...)
	dialogue, visit, summit, undated, month, sameDay := docID(bs[0]), docID(bs[1]), docID(bs[2]), docID(bs[3]), docID(bs[4]), docID(bs[5])
	// Newest first; the two of 2024-07-10 by id; undated last.
	newest := []string{summit, sameDay}
	slices.Sort(newest)
	newest = append(newest, month, dialogue, visit, undated)

	tests := []struct {
		name string
		f    store.DocumentFilter
		want []string
	}{
		{"all", store.DocumentFilter{}, newest},
		{"kind", store.DocumentFilter{Kind: ptr("PRESS_RELEASE")}, []string{summit, dialogue, visit, undated}},
		{"kind, none", store.DocumentFilter{Kind: ptr("NEWS")}, nil},
		{"from a year", store.DocumentFilter{From: ptr("2024")}, newest[:4]},
		{"to a year", store.DocumentFilter{To: ptr("2023")}, []string{visit}},
		{"from a day: a month-dated document within it counts", store.DocumentFilter{From: ptr("2024-05-20")}, newest[:3]},
		{"from and to", store.DocumentFilter{From: ptr("2024-03"), To: ptr("2024-05")}, []string{month, dialogue}},
		{"to a day", store.DocumentFilter{To: ptr("2024-03-18")}, []string{dialogue, visit}},
		{"kind and range", store.DocumentFilter{Kind: ptr("JOINT_STATEMENT"), From: ptr("2024-07-10"), To: ptr("2024-07-10")}, []string{sameDay}},
		{"empty range", store.DocumentFilter{From: ptr("2025")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, first := range []int{0, 1, 2} {
				f := tt.f
				f.First = first
				got := documentIDs(allDocuments(t, s, f))
				if !slices.Equal(got, tt.want) {
					t.Errorf("Documents(%s, first %d) = %v, want %v", tt.name, first, got, tt.want)
				}
			}
		})
	}

	// Listed documents carry everything but (perhaps) the text.
	p, err := s.Documents(context.Background(), store.DocumentFilter{Kind: ptr("PAPER")})
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("Documents(PAPER) = %+v, %v; want one", p, err)
	}
	want := bs[4].Document
	want.ID = month
	got := p.Items[0]
	if got.Text != "" && got.Text != want.Text {
		t.Errorf("listed document text %q, want empty or %q", got.Text, want.Text)
	}
	got.Text = want.Text
	if !got.IngestedAt.Equal(want.IngestedAt) {
		t.Errorf("listed IngestedAt = %v, want %v", got.IngestedAt, want.IngestedAt)
	}
	got.IngestedAt = want.IngestedAt
	if got != want {
		t.Errorf("listed document = %+v, want %+v", got, want)
	}
}

func testDocumentsPages(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	bs := listedWorld()
	write(t, s, bs...)
	ctx := context.Background()
	all := documentIDs(allDocuments(t, s, store.DocumentFilter{}))

	// Every item's cursor resumes right after it.
	p, err := s.Documents(ctx, store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range p.Cursors {
		next, err := s.Documents(ctx, store.DocumentFilter{Page: store.Page{First: 2, After: c}})
		if err != nil {
			t.Fatalf("Documents(after item %d) error: %v", i, err)
		}
		rest := all[i+1:]
		want := rest[:min(2, len(rest))]
		if got := documentIDs(next.Items); !slices.Equal(got, want) || next.HasNext != (len(rest) > 2) || next.TotalCount != len(all) {
			t.Errorf("Documents(after item %d) = %v (hasNext %v, total %d), want %v (hasNext %v, total %d)",
				i, got, next.HasNext, next.TotalCount, want, len(rest) > 2, len(all))
		}
	}
	last, err := s.Documents(ctx, store.DocumentFilter{Page: store.Page{After: p.EndCursor}})
	if err != nil || len(last.Items) != 0 || last.HasNext || last.EndCursor != "" {
		t.Errorf("Documents(after the end) = %+v, %v; want an empty page without a cursor", last, err)
	}

	// A document written between pages appears where it belongs.
	first, err := s.Documents(ctx, store.DocumentFilter{Page: store.Page{First: 3}})
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, fixtureBatch("Late Arrival", "2024-01-01", []store.Entity{usa}))
	next, err := s.Documents(ctx, store.DocumentFilter{Page: store.Page{First: 3, After: first.EndCursor}})
	if err != nil {
		t.Fatal(err)
	}
	rest := documentIDs(next.Items)
	if want := []string{all[3], docID(fixtureBatch("Late Arrival", "2024-01-01", nil)), all[4]}; len(rest) < 3 || !slices.Equal(rest[:3], want) {
		t.Errorf("Documents after a page, with an insert = %v, want %v first", rest, want)
	}

	for _, f := range []store.DocumentFilter{
		{Page: store.Page{After: "not a cursor"}},
		{Page: store.Page{First: store.MaxPageSize + 1}},
		{Page: store.Page{First: -1}},
	} {
		_, err := s.Documents(ctx, f)
		wantCode(t, "Documents(bad page)", err, store.EINVALID)
	}
	for _, text := range hostile {
		if _, err := s.Documents(ctx, store.DocumentFilter{Kind: &text, From: &text, To: &text}); err != nil {
			t.Errorf("Documents(every filter %q): %v, want no error", text, err)
		}
	}
}

func testMentions(t *testing.T, open func(t *testing.T) store.Store) {
	s := open(t)
	bs := world()
	lonely := entity(schema.Topic, "", "Lonely Topic")
	bs = append(bs, fixtureBatch("Only Mentions", "2024-02-02", []store.Entity{lonely, czechia}))
	write(t, s, bs...)
	ids := []string{"doc:missing"}
	for _, b := range bs {
		ids = append(ids, docID(b))
	}
	got, err := s.Mentions(context.Background(), ids)
	if err != nil {
		t.Fatalf("Mentions error: %v", err)
	}
	for _, b := range bs {
		want := eids(b.Entities...)
		slices.Sort(want)
		if g := got[docID(b)]; !slices.Equal(g, want) {
			t.Errorf("Mentions(%q) = %v, want %v", b.Document.Title, g, want)
		}
	}
	if g, ok := got["doc:missing"]; ok && len(g) > 0 {
		t.Errorf("Mentions(doc:missing) = %v, want none", g)
	}
	// Writing a document again changes no mention.
	write(t, s, bs[0])
	again, err := s.Mentions(context.Background(), ids[1:2])
	if err != nil || !slices.Equal(again[ids[1]], got[ids[1]]) {
		t.Errorf("Mentions after rewriting = %v, %v; want %v", again[ids[1]], err, got[ids[1]])
	}
	empty, err := s.Mentions(context.Background(), nil)
	if err != nil || len(empty) != 0 {
		t.Errorf("Mentions(nil) = %v, %v; want empty", empty, err)
	}
}
