package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/diplograph/diplograph/schema"
	"github.com/diplograph/diplograph/store"
)

// The read model: a copy of the graph's entities, relations, evidence and
// documents in Go maps and sorted slices, as of one state of the database,
// answering the reads the GraphQL listings make (Entity, EntitiesByID,
// Entities, Relations, Expand, EvidenceFor, Document, DocumentsByID) with
// the same results as their SQL (TestMemoryAgreesWithSQL). Rows through
// modernc.org/sqlite cost 3–7 µs each, which was most of a listing's time
// (docs/PERFORMANCE.md, "Issue 13, third pass").
//
// The copy is labelled with the state it was read at: the count of the
// writer's commits (commits.go), which moves with every write this process
// makes, and SQLite's PRAGMA data_version, read on a connection of its
// own, which moves with every commit of any other connection, other
// processes' included. A read compares the label with the commit count on
// every call (an atomic load), so it always sees this process's writes;
// data_version costs a statement (20 µs), so it is read again at most
// every dataVersionEvery, and another process's write reaches reads
// within that. A read that finds the copy stale answers from SQL, and
// the copy is read again: inline while that is quick (a small graph, as
// in tests), in the background otherwise, and at most one build's time in
// every memoryPause of them, so that a stream of writes (an ingest while
// serving) leaves reads about as fast as SQL. ":memory:" stores read from
// SQL.

// memoryInline is the longest build made inline, by the read that found
// the copy stale.
const memoryInline = 5 * time.Millisecond

// memoryPause is how many builds' time must pass after one before the
// next begins in the background.
const memoryPause = 4

// dataVersionEvery is how often data_version is read.
const dataVersionEvery = time.Millisecond

// memoryDocText bounds the documents' text kept in the copy; beyond it
// documents are read from SQL.
const memoryDocText = 32 << 20

// memoryEvidence bounds the pieces of evidence kept in the copy (some 250
// bytes each); beyond it evidence is read from SQL. Ten thousand
// documents of an archive hold 488,000 (docs/PERFORMANCE.md).
const memoryEvidence = 200_000

// label is the state of the database a copy was read at.
type label struct{ commits, data int64 }

// memory is one state of the graph.
type memory struct {
	label label

	entities   map[string]*store.Entity
	byName     []*store.Entity // every entity by name, id
	byDate     []*store.Entity // by date (undated last), id
	typeByName map[schema.EntityType][]*store.Entity
	typeByDate map[schema.EntityType][]*store.Entity

	relations []*store.Relation // every relation by id, retracted too
	byType    map[schema.RelationType][]*store.Relation
	out, in   map[string][]*store.Relation // by subject, by object; each by id
	// live counts the relations not retracted, of every type ("") and
	// per type, when relations are in id order as Go compares strings
	// (sorted): a listing by type alone counts and seeks its page
	// without reading the whole list (listRelations).
	live   map[schema.RelationType]int
	sorted bool

	evidence map[string][]store.Evidence // by relation, in queryEvidence's order; nil when over memoryEvidence
	docs     map[string]*store.Document  // nil when the texts are over memoryDocText
}

// memoryState keeps the read model of one DB.
type memoryState struct {
	commits *atomic.Int64 // the writer's (countingConnector)
	// own has two connections of its own, without mmap: data_version is
	// read on one (ver), builds read on the other. Through the read pool's
	// mmap a build left the whole file resident in one connection's
	// mapping, counted in the server's RSS (121 of 317 MiB at 100
	// copies of the gold); through read(2) into a small page cache it
	// leaves nothing behind.
	own *sql.DB
	ver *sql.Stmt

	data     atomic.Int64 // data_version as last read
	dataAt   atomic.Int64 // when, unix nanoseconds
	dataBusy atomic.Bool

	cur      atomic.Pointer[memory]
	building atomic.Bool
	lastTook atomic.Int64 // nanoseconds the last build took
	lastEnd  atomic.Int64 // when it ended, unix nanoseconds
	wg       sync.WaitGroup
	closed   atomic.Bool
}

// newMemory opens the model's own connections with dsn (a read-only one,
// with memoryPages); commits counts the writer's.
func newMemory(dsn string, commits *atomic.Int64) (*memoryState, error) {
	own, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	own.SetMaxOpenConns(2)
	own.SetMaxIdleConns(2)
	ver, err := own.Prepare(`PRAGMA data_version`)
	if err != nil {
		own.Close()
		return nil, err
	}
	return &memoryState{commits: commits, own: own, ver: ver}, nil
}

// memoryPages are the model's connections' page settings: no mmap, and a
// page cache of 2 MiB. (Until the fifth pass of issue 13 they were
// appended to the store's DSN as overrides, which the driver's sorting of
// pragmas undid: "mmap_size(0)" ran before "mmap_size(268435456)", and
// every build left the whole file mapped.)
var memoryPages = pageSettings{mmap: 0, cacheKiB: 2048}

func (st *memoryState) close() error {
	if st == nil {
		return nil
	}
	st.closed.Store(true)
	st.wg.Wait()
	st.ver.Close()
	return st.own.Close()
}

// readData reads data_version now. The statement is quick and bounded, so
// it does not watch a context (which would cost it two goroutines).
func (st *memoryState) readData() (int64, error) {
	var v int64
	if err := st.ver.QueryRowContext(context.Background()).Scan(&v); err != nil {
		return 0, err
	}
	st.data.Store(v)
	st.dataAt.Store(time.Now().UnixNano())
	return v, nil
}

// now returns the label of the database as a read starting now must see
// it: this process's commits exactly, other processes' as of at most
// dataVersionEvery ago.
func (st *memoryState) now() label {
	l := label{commits: st.commits.Load()}
	if time.Since(time.Unix(0, st.dataAt.Load())) >= dataVersionEvery && st.dataBusy.CompareAndSwap(false, true) {
		st.readData()
		st.dataBusy.Store(false)
	}
	l.data = st.data.Load()
	return l
}

// current returns the read model when it is as new as the database, nil
// when reads must go to SQL; ctx's error when it has ended (a read from
// the model is too short to watch it).
func (s *DB) current(ctx context.Context) (*memory, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.fresh(), nil
}

func (s *DB) fresh() *memory {
	st := s.mem
	if st == nil || st.closed.Load() {
		return nil
	}
	if m := st.cur.Load(); m != nil && m.label == st.now() {
		return m
	}
	if !st.building.CompareAndSwap(false, true) {
		return nil
	}
	took := time.Duration(st.lastTook.Load())
	if took < memoryInline {
		defer st.building.Store(false)
		return st.build()
	}
	if time.Since(time.Unix(0, st.lastEnd.Load())) < memoryPause*took {
		st.building.Store(false)
		return nil
	}
	st.wg.Add(1)
	go func() {
		defer st.wg.Done()
		defer st.building.Store(false)
		st.build()
	}()
	return nil
}

// build reads the graph into a new model and makes it current; nil if
// reading failed (reads then stay with SQL).
func (st *memoryState) build() *memory {
	start := time.Now()
	defer func() {
		st.lastTook.Store(int64(time.Since(start)))
		st.lastEnd.Store(time.Now().UnixNano())
	}()
	if st.closed.Load() {
		return nil
	}
	// The label is read before the rows: a write in between makes the
	// copy newer than its label says, never older, and the next read sees
	// the label behind and builds again.
	l := label{commits: st.commits.Load()}
	var err error
	if l.data, err = st.readData(); err != nil {
		return nil
	}
	m, err := loadMemory(context.Background(), st.own, l)
	if err != nil {
		return nil
	}
	st.cur.Store(m)
	return m
}

// loadMemory reads every entity, relation, piece of evidence and (within
// memoryDocText) document in one read transaction.
func loadMemory(ctx context.Context, db *sql.DB, l label) (*memory, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	es, err := queryEntities(ctx, tx, `SELECT `+entityCols+` FROM entities e`)
	if err != nil {
		return nil, err
	}
	rs, err := queryRelations(ctx, tx, `SELECT `+relationCols+` FROM relations r ORDER BY r.id`)
	if err != nil {
		return nil, err
	}
	var nev int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM evidence`).Scan(&nev); err != nil {
		return nil, err
	}
	var evs []store.Evidence
	if nev <= memoryEvidence {
		if evs, err = queryEvidence(ctx, tx, ``); err != nil {
			return nil, err
		}
	}
	var text sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT sum(length(CAST(text AS BLOB))) FROM documents`).Scan(&text); err != nil {
		return nil, err
	}
	var ds []store.Document
	if text.Int64 <= memoryDocText {
		if ds, err = queryDocuments(ctx, tx, `SELECT `+documentCols+` FROM documents`); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}

	m := &memory{
		label:      l,
		entities:   make(map[string]*store.Entity, len(es)),
		typeByName: map[schema.EntityType][]*store.Entity{},
		typeByDate: map[schema.EntityType][]*store.Entity{},
		byType:     map[schema.RelationType][]*store.Relation{},
		out:        map[string][]*store.Relation{},
		in:         map[string][]*store.Relation{},
	}
	m.byName = make([]*store.Entity, len(es))
	for i := range es {
		e := &es[i]
		// Callers own what they are given: an append to Aliases must copy.
		e.Aliases = slices.Clip(e.Aliases)
		m.entities[e.ID] = e
		m.byName[i] = e
	}
	slices.SortFunc(m.byName, byName)
	m.byDate = slices.Clone(m.byName)
	slices.SortFunc(m.byDate, byDateAsc)
	for _, e := range m.byName {
		m.typeByName[e.Type] = append(m.typeByName[e.Type], e)
	}
	for _, e := range m.byDate {
		m.typeByDate[e.Type] = append(m.typeByDate[e.Type], e)
	}

	m.relations = make([]*store.Relation, len(rs))
	m.live = map[schema.RelationType]int{}
	for i := range rs {
		r := &rs[i]
		m.relations[i] = r
		m.byType[r.Type] = append(m.byType[r.Type], r)
		m.out[r.Subject] = append(m.out[r.Subject], r)
		m.in[r.Object] = append(m.in[r.Object], r)
		if r.Retracted == nil {
			m.live[""]++
			m.live[r.Type]++
		}
	}
	m.sorted = slices.IsSortedFunc(m.relations, func(a, b *store.Relation) int { return strings.Compare(a.ID, b.ID) })
	if nev <= memoryEvidence {
		m.evidence = make(map[string][]store.Evidence, len(rs))
	}
	for i := 0; i < len(evs); {
		j := i + 1
		for j < len(evs) && evs[j].RelationID == evs[i].RelationID {
			j++
		}
		m.evidence[evs[i].RelationID] = evs[i:j:j]
		i = j
	}
	if text.Int64 <= memoryDocText {
		m.docs = make(map[string]*store.Document, len(ds))
		for i := range ds {
			m.docs[ds[i].ID] = &ds[i]
		}
	}
	return m, nil
}

func byName(a, b *store.Entity) int {
	return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

// byDateAsc is ORDER BY e.date = ”, e.date, e.id.
func byDateAsc(a, b *store.Entity) int {
	return cmp.Or(compareBool(a.Date == "", b.Date == ""), cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
}

// byDateDesc is ORDER BY e.date = ”, e.date DESC, e.id.
func byDateDesc(a, b *store.Entity) int {
	return cmp.Or(compareBool(a.Date == "", b.Date == ""), cmp.Compare(b.Date, a.Date), cmp.Compare(a.ID, b.ID))
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// entity returns the entity with id, nil if there is none.
func (m *memory) entity(id string) *store.Entity { return m.entities[id] }

func (m *memory) entitiesByID(ids []string) []store.Entity {
	out := make([]store.Entity, len(ids))
	for i, id := range ids {
		if e := m.entities[id]; e != nil {
			out[i] = *e
		}
	}
	return out
}

// prefixRunes is SQL's substr(s, 1, length(p)) for text: the first as
// many characters of s as p has.
func prefixRunes(s, p string) string {
	n := utf8.RuneCountInString(p)
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// listEntities answers Entities from the model; ok is false for a filter
// it does not answer (a name search, or a field it does not know), which
// SQL then answers. f is normalized and size checked.
func (m *memory) listEntities(f store.EntityFilter, size int) (page store.EntityPage, ok bool, err error) {
	rest := f
	rest.IDs, rest.Type, rest.Kind, rest.From, rest.To, rest.Participant, rest.Status, rest.OrderBy, rest.Page =
		nil, nil, nil, nil, nil, nil, nil, 0, store.Page{}
	if !reflect.ValueOf(rest).IsZero() {
		return page, false, nil
	}
	var less func(a, b *store.Entity) int
	switch f.OrderBy {
	case store.OrderByName:
		less = byName
	case store.OrderByDateAsc:
		less = byDateAsc
	case store.OrderByDateDesc:
		less = byDateDesc
	}

	var cands []*store.Entity
	sorted := false
	switch {
	case len(f.IDs) > 0:
		seen := make(map[string]bool, len(f.IDs))
		for _, id := range f.IDs {
			if e := m.entities[id]; e != nil && !seen[id] {
				seen[id] = true
				cands = append(cands, e)
			}
		}
	case f.Type != nil && f.OrderBy == store.OrderByName:
		cands, sorted = m.typeByName[*f.Type], true
	case f.Type != nil && f.OrderBy == store.OrderByDateAsc:
		cands, sorted = m.typeByDate[*f.Type], true
	case f.Type != nil:
		cands = m.typeByDate[*f.Type]
	case f.OrderBy == store.OrderByName:
		cands, sorted = m.byName, true
	case f.OrderBy == store.OrderByDateAsc:
		cands, sorted = m.byDate, true
	default:
		cands = m.byDate
	}
	var attended map[string]bool
	if f.Participant != nil {
		attended = map[string]bool{}
		for _, r := range m.out[*f.Participant] {
			if r.Type == schema.Attended && r.Retracted == nil {
				attended[r.Object] = true
			}
		}
	}
	match := func(e *store.Entity) bool {
		switch {
		case f.Type != nil && e.Type != *f.Type,
			f.Kind != nil && e.Kind != *f.Kind,
			f.From != nil && *f.From != "" && (e.Date == "" || prefixRunes(e.Date, *f.From) < *f.From),
			f.To != nil && *f.To != "" && (e.Date == "" || prefixRunes(e.Date, *f.To) > *f.To),
			f.Status != nil && e.Status != *f.Status,
			attended != nil && !attended[e.ID]:
			return false
		}
		return true
	}
	// As the SQL does, a bad order or cursor is refused once counted.
	refuse := func(err error) (store.EntityPage, bool, error) {
		for _, e := range cands {
			if match(e) {
				page.TotalCount++
			}
		}
		return page, true, err
	}
	if less == nil {
		return refuse(store.Errorf(store.EINVALID, "unknown entity order %d", f.OrderBy))
	}
	var after func(e *store.Entity) bool
	if f.After != "" {
		key, id, err := store.DecodeCursor(f.After)
		if err != nil {
			return refuse(err)
		}
		switch {
		case f.OrderBy == store.OrderByName:
			after = func(e *store.Entity) bool { return e.Name > key || e.Name == key && e.ID > id }
		case key == "":
			after = func(e *store.Entity) bool { return e.Date == "" && e.ID > id }
		case f.OrderBy == store.OrderByDateAsc:
			after = func(e *store.Entity) bool { return e.Date == "" || e.Date > key || e.Date == key && e.ID > id }
		default:
			after = func(e *store.Entity) bool { return e.Date == "" || e.Date < key || e.Date == key && e.ID > id }
		}
	}

	var items []*store.Entity
	if sorted {
		for _, e := range cands {
			if !match(e) {
				continue
			}
			page.TotalCount++
			if len(items) <= size && (after == nil || after(e)) {
				items = append(items, e)
			}
		}
	} else {
		var all []*store.Entity
		for _, e := range cands {
			if match(e) {
				page.TotalCount++
				if after == nil || after(e) {
					all = append(all, e)
				}
			}
		}
		slices.SortFunc(all, less)
		items = all[:min(len(all), size+1)]
	}
	if len(items) > size {
		items, page.HasNext = items[:size], true
	}
	if len(items) > 0 { // none is nil, as from SQL
		page.Items = make([]store.Entity, len(items))
		for i, e := range items {
			page.Items[i] = *e
		}
	}
	if n := len(items); n > 0 {
		last := items[n-1]
		key := last.Name
		if f.OrderBy != store.OrderByName {
			key = last.Date
		}
		page.EndCursor = store.EncodeCursor(key, last.ID)
	}
	return page, true, nil
}

// listRelations answers Relations from the model; ok is false for a
// filter it does not answer (by document, or a field it does not know).
// f is normalized and size checked.
func (m *memory) listRelations(f store.RelationFilter, size int) (page store.RelationPage, ok bool, err error) {
	rest := f
	rest.Types, rest.Subject, rest.Object, rest.MinConfidence, rest.Tense, rest.Withdrawn, rest.IncludeRetracted, rest.Page =
		nil, nil, nil, nil, nil, nil, false, store.Page{}
	if !reflect.ValueOf(rest).IsZero() {
		return page, false, nil
	}
	var cands []*store.Relation
	switch {
	case f.Subject != nil:
		cands = m.out[*f.Subject]
	case f.Object != nil:
		cands = m.in[*f.Object]
	case len(f.Types) == 1:
		cands = m.byType[f.Types[0]]
	default:
		cands = m.relations
	}
	afterID, hasAfter := "", f.After != ""
	if hasAfter {
		// A bad cursor is refused after the count, as by the SQL.
		if _, afterID, err = store.DecodeCursor(f.After); err != nil {
			hasAfter, size = false, -1
		}
	}
	var items []*store.Relation
	if m.sorted && len(f.Types) <= 1 && f.Subject == nil && f.Object == nil && f.MinConfidence == nil &&
		f.Tense == nil && f.Withdrawn == nil && !f.IncludeRetracted {
		// By type alone (or nothing): the count is kept, and the page
		// starts after the cursor's id in the list, which is in id order.
		var t schema.RelationType
		if len(f.Types) == 1 {
			t = f.Types[0]
		}
		page.TotalCount = m.live[t]
		i := 0
		if hasAfter {
			i, _ = slices.BinarySearchFunc(cands, afterID, func(r *store.Relation, id string) int {
				if r.ID <= id {
					return -1
				}
				return 1
			})
		}
		for ; i < len(cands) && len(items) <= size; i++ {
			if cands[i].Retracted == nil {
				items = append(items, cands[i])
			}
		}
		cands = nil
	}
	for _, r := range cands {
		switch {
		case len(f.Types) > 0 && !slices.Contains(f.Types, r.Type),
			f.Subject != nil && r.Subject != *f.Subject,
			f.Object != nil && r.Object != *f.Object,
			f.MinConfidence != nil && !(r.Confidence >= *f.MinConfidence),
			f.Tense != nil && r.Tense != *f.Tense,
			f.Withdrawn != nil && (r.Withdrawn != nil) != *f.Withdrawn,
			!f.IncludeRetracted && r.Retracted != nil:
			continue
		}
		page.TotalCount++
		if len(items) <= size && (!hasAfter || r.ID > afterID) {
			items = append(items, r)
		}
	}
	if err != nil {
		return store.RelationPage{TotalCount: page.TotalCount}, true, err
	}
	if len(items) > size {
		items, page.HasNext = items[:size], true
	}
	if len(items) > 0 {
		page.Items = make([]store.Relation, len(items))
		for i, r := range items {
			page.Items[i] = *r
		}
	}
	if n := len(items); n > 0 {
		page.EndCursor = store.EncodeCursor(items[n-1].ID, items[n-1].ID)
	}
	return page, true, nil
}

// expand answers Expand from the model: the relations (not retracted)
// touching e.IDs as the SQL finds them, subjects' first. e is normalized.
func (m *memory) expand(e store.Expand) []store.Relation {
	ids := make(map[string]bool, len(e.IDs))
	uniq := make([]string, 0, len(e.IDs))
	for _, id := range e.IDs {
		if !ids[id] {
			ids[id] = true
			uniq = append(uniq, id)
		}
	}
	out, in := e.Direction == store.Out || e.Direction == store.Both, e.Direction == store.In || e.Direction == store.Both
	if e.Among {
		out, in = true, false
	}
	keep := func(r *store.Relation, fromSubject bool) bool {
		switch {
		case r.Retracted != nil, len(e.Types) > 0 && !slices.Contains(e.Types, r.Type):
			return false
		case e.Among:
			return ids[r.Object]
		case !fromSubject && e.Direction == store.Both:
			return !ids[r.Subject] // found from its subject already
		}
		return true
	}
	// Counted first, then copied once: a relation is some 250 bytes, and
	// growing the slice copied each several times.
	n := 0
	for _, id := range uniq {
		if out {
			for _, r := range m.out[id] {
				if keep(r, true) {
					n++
				}
			}
		}
		if in {
			for _, r := range m.in[id] {
				if keep(r, false) {
					n++
				}
			}
		}
	}
	if n == 0 {
		return nil
	}
	rs := make([]store.Relation, 0, n)
	if out {
		for _, id := range uniq {
			for _, r := range m.out[id] {
				if keep(r, true) {
					rs = append(rs, *r)
				}
			}
		}
	}
	if in {
		for _, id := range uniq {
			for _, r := range m.in[id] {
				if keep(r, false) {
					rs = append(rs, *r)
				}
			}
		}
	}
	return rs
}

// evidenceFor answers EvidenceFor from the model.
func (m *memory) evidenceFor(ids []string) map[string][]store.Evidence {
	out := make(map[string][]store.Evidence, len(ids))
	for _, id := range ids {
		if evs := m.evidence[id]; len(evs) > 0 {
			out[id] = slices.Clone(evs)
		}
	}
	return out
}
