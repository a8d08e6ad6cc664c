package storetest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// Facts in time: an event's status, a post's tense and bounds, and the
// versions of a document published under one URL.

// statusDoc is a document of date that judges the dialogue's status and
// Štěpáník's post.
func statusDoc(title, date, status, tense, since, until string) store.Batch {
	d := dialogue
	d.Status = status
	b := fixtureBatch(title, date, []store.Entity{nukib, stepanik, d},
		fact{s: nukib, t: schema.Attended, o: d, confidence: 0.9},
		fact{s: stepanik, t: schema.HoldsPosition, o: nukib, confidence: 0.7, title: "Deputy Director"},
	)
	b.Relations[1].Tense, b.Relations[1].Since, b.Relations[1].Until = tense, since, until
	return b
}

var post = triple{stepanik, schema.HoldsPosition, nukib}

func testTimeFields(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	s := open(t)
	write(t, s, statusDoc("Planned Dialogue", "2023-12-01", "PLANNED", "INCOMING", "2024-01", ""))
	write(t, s, world()...)

	e, err := s.Entity(ctx, dialogue.ID)
	if err != nil {
		t.Fatalf("Entity(%q) error: %v", dialogue.ID, err)
	}
	if e.Status != "PLANNED" || e.StatusAsOf != "2023-12-01" {
		t.Errorf("Entity(%q) status = %q as of %q, want PLANNED as of 2023-12-01", e.ID, e.Status, e.StatusAsOf)
	}
	es, err := s.EntitiesByID(ctx, []string{dialogue.ID, visit.ID})
	if err != nil {
		t.Fatalf("EntitiesByID error: %v", err)
	}
	if es[0].Status != "PLANNED" || es[1].Status != "" {
		t.Errorf("EntitiesByID statuses = %q, %q; want PLANNED and none", es[0].Status, es[1].Status)
	}
	planned := allEntities(t, s, store.EntityFilter{Type: ptr(schema.Event), Status: ptr("PLANNED")})
	if got := eidsOf(planned); !reflect.DeepEqual(got, []string{dialogue.ID}) {
		t.Errorf("Entities(status PLANNED) = %v, want [%s]", got, dialogue.ID)
	}
	if got := allEntities(t, s, store.EntityFilter{Status: ptr("CANCELLED")}); len(got) != 0 {
		t.Errorf("Entities(status CANCELLED) = %v, want none", eidsOf(got))
	}

	r, err := s.Relation(ctx, post.id())
	if err != nil {
		t.Fatalf("Relation(%s) error: %v", post.id(), err)
	}
	if r.Tense != "INCOMING" || r.TenseAsOf != "2023-12-01" || r.Since != "2024-01" || r.Until != "" {
		t.Errorf("Relation(post) tense %q as of %q, since %q, until %q; want INCOMING as of 2023-12-01, since 2024-01",
			r.Tense, r.TenseAsOf, r.Since, r.Until)
	}
	incoming := allRelations(t, s, store.RelationFilter{Types: []schema.RelationType{schema.HoldsPosition}, Tense: ptr("INCOMING")})
	if got := ridsOf(incoming); !reflect.DeepEqual(got, []string{post.id()}) {
		t.Errorf("Relations(HOLDS_POSITION, tense INCOMING) = %v, want [%s]", got, post.id())
	}
	if got := allRelations(t, s, store.RelationFilter{Tense: ptr("FORMER")}); len(got) != 0 {
		t.Errorf("Relations(tense FORMER) = %v, want none", ridsOf(got))
	}
	rs, err := s.Expand(ctx, store.Expand{IDs: []string{stepanik.ID}, Direction: store.Out})
	if err != nil {
		t.Fatalf("Expand error: %v", err)
	}
	if len(rs) != 1 || rs[0].Tense != "INCOMING" || rs[0].Since != "2024-01" {
		t.Errorf("Expand(stepanik) = %+v, want the post with its tense and since", rs)
	}

	// A status outside the ontology, or on what is not an event, is refused.
	bad := statusDoc("Bad Status", "2024", "DONE", "", "", "")
	if _, err := s.WriteBatch(ctx, bad); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("WriteBatch(status DONE) error = %v, want EINVALID", err)
	}
	bad = statusDoc("Bad Tense", "2024", "", "SOON", "", "")
	if _, err := s.WriteBatch(ctx, bad); store.ErrorCode(err) != store.EINVALID {
		t.Errorf("WriteBatch(tense SOON) error = %v, want EINVALID", err)
	}
}

// testNewestJudgement checks that the newest document's status and tense
// win, whatever the order documents arrive in, and that a document without
// a judgement does not erase one.
func testNewestJudgement(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	docs := []store.Batch{
		statusDoc("Planned", "2023-12-01", "PLANNED", "INCOMING", "", ""),
		statusDoc("Held", "2024-03-18", "HELD", "CURRENT", "2024-01", ""),
		statusDoc("Silent", "2024-09-01", "", "", "", ""),
		statusDoc("Undated", "", "CANCELLED", "FORMER", "", "2025"),
	}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		s := open(t)
		for _, i := range order {
			write(t, s, docs[i])
		}
		e, err := s.Entity(ctx, dialogue.ID)
		if err != nil {
			t.Fatalf("Entity error: %v", err)
		}
		if e.Status != "HELD" || e.StatusAsOf != "2024-03-18" {
			t.Errorf("order %v: status = %q as of %q, want HELD as of 2024-03-18", order, e.Status, e.StatusAsOf)
		}
		r, err := s.Relation(ctx, post.id())
		if err != nil {
			t.Fatalf("Relation error: %v", err)
		}
		if r.Tense != "CURRENT" || r.TenseAsOf != "2024-03-18" || r.Since != "2024-01" || r.Until != "2025" {
			t.Errorf("order %v: tense %q as of %q, since %q, until %q; want CURRENT as of 2024-03-18, since 2024-01, until 2025",
				order, r.Tense, r.TenseAsOf, r.Since, r.Until)
		}
	}
}

// versionDoc is a version of one press release: its sentences are the
// facts given, so a fact left out is one the version no longer states.
func versionDoc(title, date string, at time.Time, facts ...fact) store.Batch {
	b := fixtureBatch(title, date, []store.Entity{nukib, czechia, usa, dialogue, prague}, facts...)
	b.Document.Source = "https://mzv.example/press/cyber-dialogue"
	b.Document.IngestedAt = at
	return b
}

var (
	attendedNukib = fact{s: nukib, t: schema.Attended, o: dialogue, confidence: 0.9}
	attendedUSA   = fact{s: usa, t: schema.Attended, o: dialogue, confidence: 0.8}
	heldInPrague  = fact{s: dialogue, t: schema.HeldIn, o: prague, confidence: 0.6}
	dropped       = triple{usa, schema.Attended, dialogue}
)

func testVersions(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	v1 := versionDoc("Cyber Dialogue", "2024-03-18", ingestedAt, attendedNukib, attendedUSA, heldInPrague)
	v2 := versionDoc("Cyber Dialogue (corrected)", "2024-03-18", ingestedAt.Add(time.Hour), attendedNukib, heldInPrague)
	// A report from elsewhere on the same event.
	other := fixtureBatch("Other Report", "2024-03-19", []store.Entity{nukib, usa, dialogue},
		fact{s: nukib, t: schema.Attended, o: dialogue, confidence: 0.5})
	v1.Prepare()
	v2.Prepare()

	for _, order := range [][]store.Batch{{v1, v2, other}, {v2, other, v1}} {
		s := open(t)
		write(t, s, order...)
		r, err := s.Relation(ctx, dropped.id())
		if err != nil {
			t.Fatalf("Relation(dropped) error: %v", err)
		}
		if r.Withdrawn == nil || r.Withdrawn.By != v2.Document.ID || r.Withdrawn.At != "2024-03-18" {
			t.Errorf("dropped fact withdrawn = %+v, want by %s at 2024-03-18", r.Withdrawn, v2.Document.ID)
		}
		if len(r.Evidence) != 1 || r.Evidence[0].DocumentID != v1.Document.ID {
			t.Errorf("dropped fact evidence = %+v, want v1's sentence kept", r.Evidence)
		}
		for _, x := range []triple{{nukib, schema.Attended, dialogue}, {dialogue, schema.HeldIn, prague}} {
			r, err := s.Relation(ctx, x.id())
			if err != nil {
				t.Fatalf("Relation error: %v", err)
			}
			if r.Withdrawn != nil {
				t.Errorf("fact %s %s %s, still stated, withdrawn = %+v", x.s.ID, x.t, x.o.ID, r.Withdrawn)
			}
		}
		gone := allRelations(t, s, store.RelationFilter{Withdrawn: ptr(true)})
		if got := ridsOf(gone); !reflect.DeepEqual(got, []string{dropped.id()}) {
			t.Errorf("Relations(withdrawn) = %v, want [%s]", got, dropped.id())
		}
		standing := allRelations(t, s, store.RelationFilter{Withdrawn: ptr(false)})
		if slices.Contains(ridsOf(standing), dropped.id()) || len(standing) != 2 {
			t.Errorf("Relations(not withdrawn) = %v, want the two facts v2 states", ridsOf(standing))
		}
		versions := allDocuments(t, s, store.DocumentFilter{Source: ptr(v1.Document.Source)})
		if len(versions) != 2 {
			t.Errorf("Documents(source) = %d documents, want the 2 versions", len(versions))
		}

		// Deleting the newer version makes v1 the newest again.
		if _, err := s.DeleteDocument(ctx, v2.Document.ID); err != nil {
			t.Fatalf("DeleteDocument(v2) error: %v", err)
		}
		if r, _ := s.Relation(ctx, dropped.id()); r.Withdrawn != nil {
			t.Errorf("after deleting v2, dropped fact withdrawn = %+v, want standing", r.Withdrawn)
		}
		// Writing it again withdraws the fact again; an analyst's
		// assertion keeps it standing.
		write(t, s, v2)
		if r, _ := s.Relation(ctx, dropped.id()); r.Withdrawn == nil {
			t.Errorf("after writing v2 again, dropped fact is standing, want withdrawn")
		}
		// A document that is no version of the source and states it keeps
		// it standing while it is stored.
		wire := fixtureBatch("Wire Report", "2024-03-20", []store.Entity{usa, dialogue},
			fact{s: usa, t: schema.Attended, o: dialogue, confidence: 0.5})
		write(t, s, wire)
		if r, _ := s.Relation(ctx, dropped.id()); r.Withdrawn != nil {
			t.Errorf("with a wire report stating it, dropped fact withdrawn = %+v, want standing", r.Withdrawn)
		}
		wire.Prepare()
		if _, err := s.DeleteDocument(ctx, wire.Document.ID); err != nil {
			t.Fatalf("DeleteDocument(wire) error: %v", err)
		}
		if r, _ := s.Relation(ctx, dropped.id()); r.Withdrawn == nil {
			t.Errorf("after deleting the wire report, dropped fact is standing, want withdrawn")
		}
		if _, err := s.AssertRelation(ctx, store.Relation{Type: dropped.t, Subject: dropped.s.ID, Object: dropped.o.ID,
			Evidence: []store.Evidence{{Sentence: "The embassy confirmed the U.S. delegation attended."}}}); err != nil {
			t.Fatalf("AssertRelation error: %v", err)
		}
		if r, _ := s.Relation(ctx, dropped.id()); r.Withdrawn != nil {
			t.Errorf("after an analyst asserted it, dropped fact withdrawn = %+v, want standing", r.Withdrawn)
		}
	}
}

func eidsOf(es []store.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func ridsOf(rs []store.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	slices.Sort(out)
	return out
}

// testAssertedPost checks that an analyst's HOLDS_POSITION keeps the
// tense, since and until asserted, and that they read back through every
// read: Relation, Relations (by tense too) and Expand. Entity.relations
// (asOf:) and positions(asOf:) read these fields, so they must be the
// same in both stores: a post no document states has no seen window, and
// its since dates it; one a document states keeps that document's window.
func testAssertedPost(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	s := openWorld(t, open)
	note := func(n string) []store.Evidence { return []store.Evidence{{Sentence: n}} }
	type fields struct{ title, tense, tenseAsOf, since, until, firstSeen, lastSeen string }
	fieldsOf := func(r store.Relation) fields {
		return fields{r.Title, r.Tense, r.TenseAsOf, r.Since, r.Until, r.FirstSeen, r.LastSeen}
	}
	check := func(what string, id string, want fields) {
		t.Helper()
		r, err := s.Relation(ctx, id)
		if err != nil {
			t.Fatalf("%s: Relation(%s) error: %v", what, id, err)
		}
		if got := fieldsOf(r); got != want || r.Withdrawn != nil || r.Retracted != nil {
			t.Errorf("%s: Relation(%s) = %+v (withdrawn %v, retracted %v), want %+v, standing", what, id, got, r.Withdrawn, r.Retracted, want)
		}
		rs, err := s.Expand(ctx, store.Expand{IDs: []string{r.Subject}, Direction: store.Out, Types: []schema.RelationType{schema.HoldsPosition}})
		if err != nil {
			t.Fatalf("%s: Expand error: %v", what, err)
		}
		i := slices.IndexFunc(rs, func(x store.Relation) bool { return x.ID == id })
		if i < 0 || fieldsOf(rs[i]) != want {
			t.Errorf("%s: Expand(%s) = %+v, want %s with %+v", what, r.Subject, rs, id, want)
		}
		listed := allRelations(t, s, store.RelationFilter{Types: []schema.RelationType{schema.HoldsPosition}, Subject: &r.Subject})
		if i := slices.IndexFunc(listed, func(x store.Relation) bool { return x.ID == id }); i < 0 || fieldsOf(listed[i]) != want {
			t.Errorf("%s: Relations(subject %s) = %+v, want %s with %+v", what, r.Subject, listed, id, want)
		}
	}
	byTense := func(tense string) []string {
		t.Helper()
		return ridsOf(allRelations(t, s, store.RelationFilter{Types: []schema.RelationType{schema.HoldsPosition}, Tense: ptr(tense)}))
	}

	// A post no document states: its bounds and tense are all it has.
	secretary := triple{blinken, schema.HoldsPosition, usa}
	r, err := s.AssertRelation(ctx, store.Relation{Type: schema.HoldsPosition, Subject: blinken.ID, Object: usa.ID,
		Title: "Secretary of State", Tense: "FORMER", TenseAsOf: "2025-02-01", Since: "2021-01-26", Until: "2025-01-20",
		Evidence: note("Served from 26 January 2021 to 20 January 2025.")})
	if err != nil {
		t.Fatalf("AssertRelation(former post) error: %v", err)
	}
	want := fields{"Secretary of State", "FORMER", "2025-02-01", "2021-01-26", "2025-01-20", "", ""}
	if r.ID != secretary.id() || fieldsOf(r) != want {
		t.Errorf("AssertRelation(former post) = %s %+v, want %s %+v", r.ID, fieldsOf(r), secretary.id(), want)
	}
	check("asserted post", secretary.id(), want)

	// A post a document states (Lipavský's, from the visit of 2023-11-02,
	// with no tense or bounds): the analyst's judgement and bounds are
	// added, the document's seen window and title kept.
	minister := triple{lipavsky, schema.HoldsPosition, czechia}
	if _, err := s.AssertRelation(ctx, store.Relation{Type: schema.HoldsPosition, Subject: lipavsky.ID, Object: czechia.ID,
		Title: "Foreign Minister", Tense: "FORMER", TenseAsOf: "2026-01-05", Since: "2021-12-17", Until: "2025-12",
		Evidence: note("Left office in December 2025.")}); err != nil {
		t.Fatalf("AssertRelation(stated post) error: %v", err)
	}
	want = fields{"Minister of Foreign Affairs", "FORMER", "2026-01-05", "2021-12-17", "2025-12", "2023-11-02", "2023-11-02"}
	check("asserted over a document's post", minister.id(), want)
	if got := byTense("FORMER"); !slices.Equal(got, ridsOf([]store.Relation{{ID: secretary.id()}, {ID: minister.id()}})) {
		t.Errorf("Relations(tense FORMER) = %v, want both asserted posts", got)
	}
	if got := byTense("CURRENT"); slices.Contains(got, secretary.id()) || slices.Contains(got, minister.id()) {
		t.Errorf("Relations(tense CURRENT) = %v, want neither FORMER post", got)
	}

	// An older judgement does not replace a newer one, and stated bounds
	// are not overwritten; the note is still added.
	r, err = s.AssertRelation(ctx, store.Relation{Type: schema.HoldsPosition, Subject: lipavsky.ID, Object: czechia.ID,
		Tense: "CURRENT", TenseAsOf: "2024-01-01", Since: "2020", Until: "2030",
		Evidence: note("Minister as of New Year 2024.")})
	if err != nil {
		t.Fatalf("AssertRelation(older judgement) error: %v", err)
	}
	if fieldsOf(r) != want || len(r.Evidence) != 3 {
		t.Errorf("AssertRelation(older judgement) = %+v with %d evidence, want %+v with 3", fieldsOf(r), len(r.Evidence), want)
	}
	// A newer one does, the same day included (an analyst corrects a
	// judgement made earlier that day).
	if _, err := s.AssertRelation(ctx, store.Relation{Type: schema.HoldsPosition, Subject: lipavsky.ID, Object: czechia.ID,
		Tense: "CURRENT", TenseAsOf: "2026-01-05", Evidence: note("Reappointed the same day.")}); err != nil {
		t.Fatalf("AssertRelation(newer judgement) error: %v", err)
	}
	want.tense = "CURRENT"
	check("a newer judgement", minister.id(), want)
	if got := byTense("CURRENT"); !slices.Contains(got, minister.id()) || slices.Contains(got, secretary.id()) {
		t.Errorf("Relations(tense CURRENT) = %v, want Lipavský's post and not Blinken's", got)
	}

	// A document dated later judges it again: the newest judgement wins,
	// whoever made it; its seen window grows, the bounds stay.
	later := fixtureBatch("Cabinet Changes", "2026-02-01", []store.Entity{lipavsky, czechia},
		fact{s: lipavsky, t: schema.HoldsPosition, o: czechia, confidence: 0.8, title: "Minister of Foreign Affairs"})
	later.Relations[0].Tense = "FORMER"
	write(t, s, later)
	want.tense, want.tenseAsOf, want.lastSeen = "FORMER", "2026-02-01", "2026-02-01"
	check("a later document's judgement", minister.id(), want)

	// Bad tenses are refused and nothing changes.
	for _, bad := range []store.Relation{
		{Type: schema.HoldsPosition, Subject: blinken.ID, Object: usa.ID, Tense: "SOON", TenseAsOf: "2026", Evidence: note("n")},
		{Type: schema.MemberOf, Subject: czechia.ID, Object: nato.ID, Tense: "CURRENT", TenseAsOf: "2026", Evidence: note("n")},
	} {
		if _, err := s.AssertRelation(ctx, bad); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("AssertRelation(%s tense %q) error = %v, want EINVALID", bad.Type, bad.Tense, err)
		}
	}
	check("after refused assertions", secretary.id(), fields{"Secretary of State", "FORMER", "2025-02-01", "2021-01-26", "2025-01-20", "", ""})
}
