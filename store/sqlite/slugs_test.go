package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// TestMigration7 opens a database written under migration 6, whose
// entity ids are keys with spaces, and checks every row after migration 7
// has rewritten them to slugs: entities, aliases (and the alias lists and
// search rows they feed), mentions, relations with their ids and ends,
// evidence with its ids, and the old ids still resolving.
func TestMigration7(t *testing.T) {
	ctx := context.Background()
	const (
		cz    = "country:czech republic"
		jan   = "person:jan lipavsky"
		nukib = "organization:nukib"
		mtg   = "event:prague cyber dialogue"
		// Set by hand in an import: slugs to the same id as ab.
		aHand = "organization:a-b"
		ab    = "organization:a b"
	)
	oldHolds := store.RelationID(jan, schema.HoldsPosition, cz)
	oldMet := store.RelationID(jan, schema.MetWith, "person:marco rubio")
	oldAtt := store.RelationID(nukib, schema.Attended, mtg)
	oldPart := store.RelationID(nukib, schema.PartOf, cz)
	oldAB := store.RelationID(ab, schema.PartOf, cz)
	oldHandAB := store.RelationID(aHand, schema.PartOf, cz)
	evHolds := store.EvidenceID(oldHolds, "doc:1", 0, 20)
	evMet := store.EvidenceID(oldMet, "doc:1", 21, 40)
	evAtt := store.EvidenceID(oldAtt, "doc:1", 41, 60)
	evNote := store.AnalystEvidenceID(oldPart, "known")
	evAB := store.EvidenceID(oldAB, "doc:1", 61, 70)
	evHandAB := store.EvidenceID(oldHandAB, "doc:1", 71, 80)

	s := openAt(t, 6,
		`INSERT INTO documents (id, title, text, date, ingested_at) VALUES ('doc:1', 'Statement', '`+strings.Repeat("x", 100)+`', '2024-05-02', '2025-01-01T00:00:00Z')`,
		`INSERT INTO entities (id, type, kind, name, key, date, status, status_as_of) VALUES
			('`+cz+`', 'Country', '', 'Czech Republic', 'czech republic', '', '', ''),
			('`+jan+`', 'Person', '', 'Jan Lipavský', 'jan lipavsky', '', '', ''),
			('person:marco rubio', 'Person', '', 'Marco Rubio', 'marco rubio', '', '', ''),
			('`+nukib+`', 'Organization', 'agency', 'NÚKIB', 'nukib', '', '', ''),
			('`+mtg+`', 'Event', 'dialogue', 'Prague Cyber Dialogue', 'prague cyber dialogue', '2024-05', 'HELD', '2024-05-02'),
			('`+ab+`', 'Organization', '', 'A B', 'a b', '', '', ''),
			('`+aHand+`', 'Organization', 'agency', 'A-B Agency', 'ab agency', '', '', '')`,
		`INSERT INTO aliases (entity_id, alias, key) VALUES
			('`+cz+`', 'Czechia', 'czechia'),
			('`+nukib+`', 'National Cyber and Information Security Agency', 'national cyber and information security agency'),
			('`+ab+`', 'AB', 'ab')`,
		// The search rows the write path keeps (indexEntity).
		`INSERT INTO entity_fts (rowid, name, aliases) SELECT e.rowid, e.key,
			coalesce((SELECT group_concat(a.key, char(10)) FROM aliases a WHERE a.entity_id = e.id), '') FROM entities e`,
		`INSERT INTO mentions (document_id, entity_id) VALUES ('doc:1', '`+cz+`'), ('doc:1', '`+jan+`'), ('doc:1', '`+nukib+`'),
			('doc:1', '`+mtg+`'), ('doc:1', 'person:marco rubio'), ('doc:1', '`+ab+`'), ('doc:1', '`+aHand+`')`,
		`INSERT INTO relations (id, type, subject, object, title, since, confidence, first_seen, last_seen, until, tense, tense_as_of, retracted_reason, retracted_at) VALUES
			('`+oldHolds+`', 'HOLDS_POSITION', '`+jan+`', '`+cz+`', 'Minister of Foreign Affairs', '2021', 0.9, '2024-05-02', '2024-05-02', '2025', 'FORMER', '2024-05-02', NULL, NULL),
			('`+oldMet+`', 'MET_WITH', '`+jan+`', 'person:marco rubio', '', '', 0.8, '2024-05-02', '2024-05-02', '', '', '', 'wrong', '2025-02-03T00:00:00Z'),
			('`+oldAtt+`', 'ATTENDED', '`+nukib+`', '`+mtg+`', '', '', 0.7, '2024-05-02', '2024-05-02', '', '', '', NULL, NULL),
			('`+oldPart+`', 'PART_OF', '`+nukib+`', '`+cz+`', '', '', 1, '', '', '', '', '', NULL, NULL),
			('`+oldAB+`', 'PART_OF', '`+ab+`', '`+cz+`', '', '', 0.5, '2024-05-02', '2024-05-02', '', '', '', NULL, NULL),
			('`+oldHandAB+`', 'PART_OF', '`+aHand+`', '`+cz+`', '', '', 0.6, '2024-05-02', '2024-05-02', '', '', '', NULL, NULL)`,
		`INSERT INTO evidence (id, relation_id, document_id, sentence, start, "end", extractor, confidence) VALUES
			('`+evHolds+`', '`+oldHolds+`', 'doc:1', 'holds', 0, 20, 'x', 0.9),
			('`+evMet+`', '`+oldMet+`', 'doc:1', 'met', 21, 40, 'x', 0.8),
			('`+evAtt+`', '`+oldAtt+`', 'doc:1', 'attended', 41, 60, 'x', 0.7),
			('`+evNote+`', '`+oldPart+`', NULL, 'known', 0, 0, 'analyst', 1),
			('`+evAB+`', '`+oldAB+`', 'doc:1', 'part', 61, 70, 'x', 0.5),
			('`+evHandAB+`', '`+oldHandAB+`', 'doc:1', 'part', 71, 80, 'x', 0.6)`,
	)

	// Entities: every id a slug, fields kept.
	rows := queryStrings(t, s.db, `SELECT id || '|' || name || '|' || kind || '|' || status || '|' || alias_list FROM entities ORDER BY id`)
	want := []string{
		`country:czech-republic|Czech Republic|||["Czechia"]`,
		`event:prague-cyber-dialogue|Prague Cyber Dialogue|dialogue|HELD|[]`,
		`organization:a-b|A-B Agency|agency||["A B","AB"]`,
		`organization:nukib|NÚKIB|agency||["National Cyber and Information Security Agency"]`,
		`person:jan-lipavsky|Jan Lipavský|||[]`,
		`person:marco-rubio|Marco Rubio|||[]`,
	}
	if !slices.Equal(rows, want) {
		t.Errorf("entities after migrating =\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	for _, row := range rows {
		id, _, _ := strings.Cut(row, "|")
		name := strings.Split(row, "|")[1]
		if typ, _ := store.TypeOf(id); id != "organization:a-b" && store.EntityID(typ, name) != id {
			t.Errorf("entity %q is not EntityID(%s, %q) = %q", id, typ, name, store.EntityID(typ, name))
		}
	}
	if got := queryStrings(t, s.db, `SELECT entity_id || '|' || alias FROM aliases ORDER BY entity_id, rowid`); !slices.Equal(got, []string{
		"country:czech-republic|Czechia", "organization:a-b|A B", "organization:a-b|AB",
		"organization:nukib|National Cyber and Information Security Agency"}) {
		t.Errorf("aliases after migrating = %q", got)
	}
	if got := queryStrings(t, s.db, `SELECT entity_id FROM mentions WHERE document_id = 'doc:1' ORDER BY entity_id`); !slices.Equal(got, []string{
		"country:czech-republic", "event:prague-cyber-dialogue", "organization:a-b", "organization:nukib",
		"person:jan-lipavsky", "person:marco-rubio"}) {
		t.Errorf("mentions after migrating = %q", got)
	}

	// Relations: ids recomputed from the new ends, fields kept; the two
	// PART_OF of the folded entities are one, with both pieces of evidence.
	holds := store.RelationID("person:jan-lipavsky", schema.HoldsPosition, "country:czech-republic")
	met := store.RelationID("person:jan-lipavsky", schema.MetWith, "person:marco-rubio")
	att := store.RelationID("organization:nukib", schema.Attended, "event:prague-cyber-dialogue")
	part := store.RelationID("organization:nukib", schema.PartOf, "country:czech-republic")
	abPart := store.RelationID("organization:a-b", schema.PartOf, "country:czech-republic")
	rels := queryStrings(t, s.db, `SELECT id || '|' || subject || '|' || type || '|' || object || '|' || title || '|' || since || '|' || until || '|' ||
		tense || '|' || confidence || '|' || coalesce(retracted_reason, '') FROM relations ORDER BY subject, type`)
	wantRels := []string{
		abPart + "|organization:a-b|PART_OF|country:czech-republic|||||0.6|",
		att + "|organization:nukib|ATTENDED|event:prague-cyber-dialogue|||||0.7|",
		part + "|organization:nukib|PART_OF|country:czech-republic|||||1.0|",
		holds + "|person:jan-lipavsky|HOLDS_POSITION|country:czech-republic|Minister of Foreign Affairs|2021|2025|FORMER|0.9|",
		met + "|person:jan-lipavsky|MET_WITH|person:marco-rubio|||||0.8|wrong",
	}
	if !slices.Equal(rels, wantRels) {
		t.Errorf("relations after migrating =\n%s\nwant\n%s", strings.Join(rels, "\n"), strings.Join(wantRels, "\n"))
	}
	evs := queryStrings(t, s.db, `SELECT id || '|' || relation_id || '|' || coalesce(document_id, '') || '|' || start FROM evidence ORDER BY relation_id, start`)
	wantEv := []store.Evidence{
		{RelationID: holds, DocumentID: "doc:1", Start: 0, End: 20},
		{RelationID: met, DocumentID: "doc:1", Start: 21, End: 40},
		{RelationID: att, DocumentID: "doc:1", Start: 41, End: 60},
		{RelationID: part, Sentence: "known"},
		{RelationID: abPart, DocumentID: "doc:1", Start: 61, End: 70},
		{RelationID: abPart, DocumentID: "doc:1", Start: 71, End: 80},
	}
	slices.SortFunc(wantEv, func(a, b store.Evidence) int {
		return cmp.Or(strings.Compare(a.RelationID, b.RelationID), a.Start-b.Start)
	})
	var wantEvs []string
	for _, e := range wantEv {
		wantEvs = append(wantEvs, store.EvidenceIDOf(e.RelationID, e)+"|"+e.RelationID+"|"+e.DocumentID+"|"+strconv.Itoa(e.Start))
	}
	if !slices.Equal(evs, wantEvs) {
		t.Errorf("evidence after migrating =\n%s\nwant\n%s", strings.Join(evs, "\n"), strings.Join(wantEvs, "\n"))
	}
	var fkErrors int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fkErrors); err != nil || fkErrors != 0 {
		t.Errorf("foreign key check after migrating: %d errors, %v", fkErrors, err)
	}

	// Old ids resolve: entities through store.NormalizeID, relations
	// through former_relation_ids.
	if e, err := s.Entity(ctx, cz); err != nil || e.ID != "country:czech-republic" {
		t.Errorf("Entity(%q) = %q, %v; want country:czech-republic", cz, e.ID, err)
	}
	if r, err := s.Relation(ctx, oldHolds); err != nil || r.ID != holds || len(r.Evidence) != 1 {
		t.Errorf("Relation(old id) = %q (%d evidence), %v; want %s with its evidence", r.ID, len(r.Evidence), err, holds)
	}
	if r, err := s.RetractRelation(ctx, oldAtt, "test"); err != nil || r.ID != att || r.Retracted == nil {
		t.Errorf("RetractRelation(old id) = %q, %v; want %s retracted", r.ID, err, att)
	}
	page, err := s.Relations(ctx, store.RelationFilter{Subject: ptr(jan), IncludeRetracted: true})
	if err != nil || page.TotalCount != 2 {
		t.Errorf("Relations(subject %q) = %d, %v; want 2", jan, page.TotalCount, err)
	}
	// Searching still finds the entities, by name and alias.
	if hits, err := s.Search(ctx, "Czechia", nil, 5); err != nil || len(hits) == 0 || hits[0].Entity.ID != "country:czech-republic" {
		t.Errorf("Search(Czechia) after migrating = %+v, %v", hits, err)
	}
	if hits, err := s.Search(ctx, "A B", []schema.EntityType{schema.Organization}, 5); err != nil || len(hits) == 0 || hits[0].Entity.ID != "organization:a-b" {
		t.Errorf("Search(A B) after migrating = %+v, %v", hits, err)
	}
	// A new batch naming the same things lands on the migrated rows.
	res, err := s.WriteBatch(ctx, store.Batch{
		Document: store.Document{Text: "Jan Lipavský, Minister of Foreign Affairs of the Czech Republic."},
		Entities: []store.Entity{{Type: schema.Person, Name: "Jan Lipavský"}, {Type: schema.Country, Name: "Czech Republic"}},
		Relations: []store.Relation{{Type: schema.HoldsPosition, Subject: store.EntityID(schema.Person, "Jan Lipavský"),
			Object: store.EntityID(schema.Country, "Czech Republic"), Evidence: []store.Evidence{{Start: 0, End: 10, Confidence: 0.5}}}},
	})
	if err != nil || len(res.NewEntities) != 0 || len(res.NewRelation) != 0 {
		t.Errorf("WriteBatch after migrating = %+v, %v; want nothing new", res, err)
	}
}

func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
