package neo4j

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/diplograph/diplograph/schema"
)

// Every statement the store sends lives in this file, as a constant or in a
// map built once at init from the ontology, so that the Cypher lint test can
// hand them all to Neo4j's own front end. Data only ever travels as
// parameters.
//
// Labels and relationship types cannot be parameters in Cypher 5 (dynamic
// labels, `$(…)`, arrived only in 5.26). Relations are nevertheless stored
// as typed relationships, (:Entity)-[:ATTENDED]->(:Entity), rather than one
// generic relationship with a type property: that is the graph people
// browse and query in Neo4j directly, and it lets Neo4j index and expand by
// type. The price is one statement per relation type (and per entity type
// for the type label), generated below from schema.RelationTypes and
// schema.EntityTypes, checked against a strict identifier pattern, and
// chosen at run time by map lookup — never spliced from user input.

// Schema set-up, run by Open; each is idempotent.
const (
	cypherEntityIDUnique   = `CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE`
	cypherDocumentIDUnique = `CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE`
	cypherEvidenceIDUnique = `CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE`
	cypherEntityTypeIndex  = `CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)`
	cypherEntityKindIndex  = `CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)`
	cypherEntityDateIndex  = `CREATE INDEX entity_date IF NOT EXISTS FOR (n:Entity) ON (n.date)`
	cypherEntityKeyIndex   = `CREATE INDEX entity_key IF NOT EXISTS FOR (n:Entity) ON (n.key)`
	cypherEntityNameIndex  = `CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)`
	cypherEvidenceRelIndex = `CREATE INDEX evidence_relation IF NOT EXISTS FOR (n:Evidence) ON (n.relationId)`
	cypherEvidenceDocIndex = `CREATE INDEX evidence_document IF NOT EXISTS FOR (n:Evidence) ON (n.documentId)`
	// The versions of a document are the documents of one source URL.
	cypherDocumentSourceIndex = `CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)`
	// The full-text index holds schema.Key of the name and of each alias, so
	// that search ignores case and diacritics exactly as entity ids do,
	// whatever analyzer the server defaults to.
	// Convergence locks (see cypherLockConvergence) need MERGE to be
	// unique under concurrency, which only a constraint ensures.
	cypherConvergenceLockUnique = `CREATE CONSTRAINT convergence_lock IF NOT EXISTS FOR (n:ConvergenceLock) REQUIRE n.key IS UNIQUE`
	cypherEntitySearchIndex     = `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.key, n.aliasText]`
	// Documents' title and text are indexed as they are, with an analyzer
	// that folds case and diacritics as schema.Key does: a folded copy of
	// every text would double what the store holds.
	cypherDocumentSearchIndex = "CREATE FULLTEXT INDEX document_search IF NOT EXISTS FOR (n:Document) ON EACH [n.title, n.text]\n" +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}"
	// Open waits for the indexes so that the first search after it finds
	// what is stored rather than an index still populating.
	cypherAwaitIndexes = `CALL db.awaitIndexes($timeoutSeconds)`
)

// setupStatements are run by Open in this order; the per-type relationship
// indexes follow them.
var setupStatements = []string{
	cypherEntityIDUnique, cypherDocumentIDUnique, cypherEvidenceIDUnique,
	cypherEntityTypeIndex, cypherEntityKindIndex, cypherEntityDateIndex,
	cypherEntityKeyIndex, cypherEntityNameIndex,
	cypherEvidenceRelIndex, cypherEvidenceDocIndex, cypherDocumentSourceIndex,
	cypherEntitySearchIndex, cypherDocumentSearchIndex, cypherConvergenceLockUnique,
	cypherFormerRelationIDUnique,
}

// Writes.
const (
	cypherDocumentExists = `MATCH (d:Document {id: $id}) RETURN count(d) AS n`

	cypherCreateDocument = `CREATE (d:Document {id: $id, filename: $filename, title: $title, date: $date,
  publisher: $publisher, kind: $kind, source: $source, text: $text, ingestedAt: $ingestedAt})`

	// cypherMergeEntityTemplate merges entities of one type. Rows carry the
	// incoming name among the aliases with every alias's schema.Key, so the
	// union drops the stored name and known spellings by key, as
	// store.MergeAliases does. Setting lastDocument first takes the node's
	// write lock before the read-modify-write of the alias lists, so two
	// writers cannot lose each other's aliases. Disagreements settle as
	// store.PickName (the name, an alias's spelling), store.Pick (kind),
	// store.PickDates and store.PickJudgement (status) say, so that the order of documents does not matter.
	// firstDocument tells the
	// caller whether this write created the node: the document is new, so
	// only nodes created now can carry its id.
	cypherMergeEntityTemplate = `UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:__LABEL__, e.type = row.type, e.name = row.name, e.key = row.key,
  e.kind = row.kind, e.date = row.date, e.endDate = row.endDate,
  e.status = row.status, e.statusAsOf = row.statusAsOf,
  e.aliases = [], e.aliasKeys = [], e.firstDocument = $documentId
SET e.lastDocument = $documentId
WITH e, row, [i IN range(0, size(row.aliases) - 1)
  WHERE row.aliasKeys[i] <> e.key AND NOT row.aliasKeys[i] IN e.aliasKeys] AS fresh
WITH e, row, fresh, row.date > e.date OR (row.date = e.date AND row.endDate > e.endDate) AS later,
  row.status <> '' AND (coalesce(e.status, '') = '' OR row.statusAsOf > coalesce(e.statusAsOf, '')
    OR (row.statusAsOf = coalesce(e.statusAsOf, '') AND row.status > e.status)) AS newer
SET e.status = CASE WHEN newer THEN row.status ELSE coalesce(e.status, '') END,
  e.statusAsOf = CASE WHEN newer THEN row.statusAsOf ELSE coalesce(e.statusAsOf, '') END
SET e.aliases = e.aliases + [i IN fresh | row.aliases[i]],
  e.aliasKeys = e.aliasKeys + [i IN fresh | row.aliasKeys[i]],
  e.name = CASE WHEN row.key = e.key AND row.name < e.name THEN row.name ELSE e.name END,
  e.kind = CASE WHEN row.kind > e.kind THEN row.kind ELSE e.kind END,
  e.date = CASE WHEN later THEN row.date ELSE e.date END,
  e.endDate = CASE WHEN later THEN row.endDate ELSE e.endDate END
SET e.aliases = [j IN range(0, size(e.aliasKeys) - 1) | reduce(best = e.aliases[j], i IN range(0, size(row.aliases) - 1) |
  CASE WHEN row.aliasKeys[i] = e.aliasKeys[j] AND row.aliases[i] < best THEN row.aliases[i] ELSE best END)]
SET e.aliasText = reduce(s = '', k IN e.aliasKeys | s + k + '\n')
RETURN row.id AS id, e.type AS type, e.firstDocument = $documentId AS created`

	// cypherLockConvergence takes a write lock, held to commit, on one
	// node per key (type and schema.Key) under which a batch's entities
	// may converge. Under read-committed isolation two writers could each
	// miss the other's uncommitted entity and both keep theirs; writers
	// whose entities share a key take turns instead, and the second sees
	// the first's. Keys come sorted, so writers lock in one order.
	cypherLockConvergence = `UNWIND $keys AS k
MERGE (l:ConvergenceLock {key: k})
SET l.document = $documentId
RETURN count(l) AS n`

	// cypherConvergenceCandidates finds the entities a written one may be
	// (store.ConvergenceKeys): of its type, not it, with a name of one of
	// its keys or an alias of its name's key. store.ConvergenceCandidates
	// decides which count.
	cypherConvergenceCandidates = `UNWIND $keys AS k
MATCH (e:Entity)
WHERE e.type = $type AND e.id <> $id AND (e.key = k OR (k = $nameKey AND k IN e.aliasKeys))
WITH DISTINCT e
RETURN ` + entityProjection + `
ORDER BY e.id`

	// cypherEntityTypes looks up the stored types of relation ends.
	cypherEntityTypes = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, e.type AS type`

	// cypherMergeRelationTemplate merges relations of one type between
	// entities already checked to exist. MERGE between bound nodes locks
	// both ends, so concurrent writers make one edge. A fact seen again
	// keeps the best confidence, the greater title, since and until
	// (store.Pick), the newest document's tense (store.PickJudgement), and
	// widens its seen window; new support stands until reconcileVersions
	// says a newer version withdrew it.
	cypherMergeRelationTemplate = `UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
MERGE (s)-[r:__TYPE__ {id: row.id}]->(o)
ON CREATE SET r.title = row.title, r.since = row.since, r.confidence = row.confidence,
  r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen, r.firstDocument = $documentId,
  r.until = row.until, r.tense = row.tense, r.tenseAsOf = row.tenseAsOf
ON MATCH SET r.confidence = CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END,
  r.title = CASE WHEN row.title > r.title THEN row.title ELSE r.title END,
  r.since = CASE WHEN row.since > r.since THEN row.since ELSE r.since END,
  r.until = CASE WHEN row.until > coalesce(r.until, '') THEN row.until ELSE coalesce(r.until, '') END,
  r.firstSeen = CASE WHEN r.firstSeen = '' OR (row.firstSeen <> '' AND row.firstSeen < r.firstSeen)
    THEN row.firstSeen ELSE r.firstSeen END,
  r.lastSeen = CASE WHEN row.lastSeen > r.lastSeen THEN row.lastSeen ELSE r.lastSeen END,
  r.withdrawnBy = null, r.withdrawnAt = null
WITH r, row, row.tense <> '' AND (coalesce(r.tense, '') = '' OR row.tenseAsOf > coalesce(r.tenseAsOf, '')
  OR (row.tenseAsOf = coalesce(r.tenseAsOf, '') AND row.tense > r.tense)) AS newer
SET r.tense = CASE WHEN newer THEN row.tense ELSE coalesce(r.tense, '') END,
  r.tenseAsOf = CASE WHEN newer THEN row.tenseAsOf ELSE coalesce(r.tenseAsOf, '') END
RETURN row.id AS id, r.firstDocument = $documentId AS created`

	// cypherCreateEvidence stores evidence as nodes: a relationship cannot
	// point at another relationship, so evidence names its relation by id
	// (indexed) and hangs off its document.
	cypherCreateEvidence = `MATCH (d:Document {id: $documentId})
UNWIND $rows AS row
MERGE (ev:Evidence {id: row.id})
ON CREATE SET ev.relationId = row.relationId, ev.documentId = d.id, ev.sentence = row.sentence,
  ev.start = row.start, ev.end = row.end, ev.extractor = row.extractor, ev.confidence = row.confidence
MERGE (ev)-[:FOUND_IN]->(d)
RETURN count(ev) AS n`
)

// Reads.
const (
	entityProjection = `e {.id, .type, .kind, .name, .aliases, .date, .endDate, .status, .statusAsOf} AS entity`

	cypherEntity = `MATCH (e:Entity {id: $id}) RETURN ` + entityProjection

	cypherEntitiesByID = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN ` + entityProjection

	cypherEntityByAlias = `MATCH (e:Entity)
WHERE e.type = $type AND (e.key = $key OR $key IN e.aliasKeys)
RETURN ` + entityProjection + `
ORDER BY e.id`

	// entityFilter is shared by the listing and its count. Dates compare
	// as ISO prefixes: each side is cut to the shorter of the two, so an
	// event of "2024-05" falls within a range starting "2024-05-10" as
	// well as one ending "2024".
	entityFilter = `MATCH (e:Entity)
WHERE ($ids IS NULL OR e.id IN $ids)
  AND ($type IS NULL OR e.type = $type)
  AND ($kind IS NULL OR e.kind = $kind)
  AND ($needle IS NULL OR e.key CONTAINS $needle OR any(k IN e.aliasKeys WHERE k CONTAINS $needle))
  AND ($from IS NULL OR (e.date <> '' AND left(e.date, size($from)) >= left($from, size(e.date))))
  AND ($to IS NULL OR (e.date <> '' AND left(e.date, size($to)) <= left($to, size(e.date))))
  AND ($participant IS NULL OR EXISTS { MATCH (:Entity {id: $participant})-[a:ATTENDED]->(e) WHERE a.retractedReason IS NULL })
  AND ($status IS NULL OR e.status = $status)
`

	cypherCountEntities = entityFilter + `RETURN count(e) AS n`

	// The cursor's key is the name or the date of the last item; undated
	// events (date '') sort after dated ones in both date orders.
	cypherEntitiesByName = entityFilter + `  AND ($afterKey IS NULL OR e.name > $afterKey OR (e.name = $afterKey AND e.id > $afterId))
RETURN ` + entityProjection + `
ORDER BY e.name, e.id
LIMIT $limit`

	cypherEntitiesByDateAsc = entityFilter + `  AND ($afterKey IS NULL OR CASE WHEN $afterKey = ''
    THEN e.date = '' AND e.id > $afterId
    ELSE e.date = '' OR e.date > $afterKey OR (e.date = $afterKey AND e.id > $afterId) END)
RETURN ` + entityProjection + `
ORDER BY CASE WHEN e.date = '' THEN 1 ELSE 0 END, e.date, e.id
LIMIT $limit`

	cypherEntitiesByDateDesc = entityFilter + `  AND ($afterKey IS NULL OR CASE WHEN $afterKey = ''
    THEN e.date = '' AND e.id > $afterId
    ELSE e.date = '' OR e.date < $afterKey OR (e.date = $afterKey AND e.id > $afterId) END)
RETURN ` + entityProjection + `
ORDER BY CASE WHEN e.date = '' THEN 1 ELSE 0 END, e.date DESC, e.id
LIMIT $limit`

	relationProjection = `{id: r.id, type: type(r), subject: s.id, object: o.id, title: r.title, since: r.since,
  confidence: r.confidence, firstSeen: r.firstSeen, lastSeen: r.lastSeen,
  retractedReason: r.retractedReason, retractedAt: r.retractedAt,
  until: r.until, tense: r.tense, tenseAsOf: r.tenseAsOf, withdrawnBy: r.withdrawnBy, withdrawnAt: r.withdrawnAt} AS relation`

	relationFilter = `MATCH (s:Entity)-[r]->(o:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($subject IS NULL OR s.id = $subject)
  AND ($object IS NULL OR o.id = $object)
  AND ($minConfidence IS NULL OR r.confidence >= $minConfidence)
  AND ($document IS NULL OR EXISTS { MATCH (ev:Evidence {relationId: r.id, documentId: $document}) })
  AND ($includeRetracted OR r.retractedReason IS NULL)
  AND ($tense IS NULL OR r.tense = $tense)
  AND ($withdrawn IS NULL OR (r.withdrawnBy IS NOT NULL) = $withdrawn)
`

	cypherCountRelations = relationFilter + `RETURN count(r) AS n`

	cypherRelations = relationFilter + `  AND ($afterId IS NULL OR r.id > $afterId)
RETURN ` + relationProjection + `
ORDER BY r.id
LIMIT $limit`

	cypherExpandOut = `MATCH (s:Entity) WHERE s.id IN $ids
MATCH (s)-[r]->(o:Entity)
WHERE ($types IS NULL OR type(r) IN $types) AND r.retractedReason IS NULL
RETURN ` + relationProjection

	cypherExpandIn = `MATCH (o:Entity) WHERE o.id IN $ids
MATCH (s:Entity)-[r]->(o)
WHERE ($types IS NULL OR type(r) IN $types) AND r.retractedReason IS NULL
RETURN ` + relationProjection

	// The edges among the entities asked, each found from its subject.
	cypherExpandAmong = `MATCH (s:Entity) WHERE s.id IN $ids
MATCH (s)-[r]->(o:Entity)
WHERE o.id IN $ids AND ($types IS NULL OR type(r) IN $types) AND r.retractedReason IS NULL
RETURN ` + relationProjection

	// An edge between two of the entities asked is found from both ends;
	// DISTINCT returns it once.
	cypherExpandBoth = `MATCH (n:Entity) WHERE n.id IN $ids
MATCH (n)-[r]-(:Entity)
WHERE ($types IS NULL OR type(r) IN $types) AND r.retractedReason IS NULL
WITH DISTINCT r
WITH r, startNode(r) AS s, endNode(r) AS o
RETURN ` + relationProjection

	// Evidence an analyst asserted has no documentId; null sorts last.
	cypherEvidenceFor = `MATCH (ev:Evidence)
WHERE ev.relationId IN $ids
RETURN ev {.id, .relationId, .documentId, .sentence, .start, .end, .extractor, .confidence} AS evidence
ORDER BY ev.relationId, ev.documentId, ev.start, ev.end, ev.id`

	documentProjection = `d {.id, .filename, .title, .date, .publisher, .kind, .source, .text, .ingestedAt} AS document`

	cypherDocument = `MATCH (d:Document {id: $id}) RETURN ` + documentProjection

	cypherDocumentsByID = `UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN ` + documentProjection

	cypherDocumentCount = `MATCH (d:Document) RETURN count(d) AS n`

	// cypherSearch queries the full-text index with a Lucene query built by
	// luceneQuery and passed as a parameter. Hits whose name is exactly the
	// text come first, then exact aliases, then the rest by Lucene's score
	// squeezed into [0,1), as the SQLite store ranks them.
	cypherSearch = `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WITH node AS e, score
WHERE $types IS NULL OR e.type IN $types
WITH e, score, CASE WHEN e.key = $key THEN 2 WHEN $key IN e.aliasKeys THEN 1 ELSE 0 END AS exact
RETURN ` + entityProjection + `, exact + score / (1.0 + score) AS rank
ORDER BY rank DESC, e.name, e.id
LIMIT $limit`

	// cypherSearchDocuments queries the documents' full-text index with a
	// Lucene query built by documentLuceneQuery, Lucene's score squeezed
	// into [0,1) as the SQLite store's bm25 is.
	cypherSearchDocuments = `CALL db.index.fulltext.queryNodes('document_search', $query) YIELD node, score
WITH node AS d, score
RETURN ` + documentProjection + `, score / (1.0 + score) AS rank
ORDER BY rank DESC, d.id
LIMIT $limit`
)

// Documents and mentions.
const (
	// cypherCreateMentions links a new document to every entity of its
	// batch, which mergeEntities has just written.
	cypherCreateMentions = `MATCH (d:Document {id: $documentId})
UNWIND $ids AS id
MATCH (e:Entity {id: id})
MERGE (d)-[:MENTIONS]->(e)
RETURN count(e) AS n`

	cypherMentions = `UNWIND $ids AS id
MATCH (d:Document {id: id})-[:MENTIONS]->(e:Entity)
RETURN d.id AS document, e.id AS entity
ORDER BY document, entity`

	// documentFilter is shared by the listing and its count; dates compare
	// as ISO prefixes, as entityFilter's do.
	documentFilter = `MATCH (d:Document)
WHERE ($kind IS NULL OR d.kind = $kind)
  AND ($source IS NULL OR d.source = $source)
  AND ($from IS NULL OR (d.date <> '' AND left(d.date, size($from)) >= left($from, size(d.date))))
  AND ($to IS NULL OR (d.date <> '' AND left(d.date, size($to)) <= left($to, size(d.date))))
`

	cypherCountDocuments = documentFilter + `RETURN count(d) AS n`

	// Newest first, undated last, then by id; listings leave out the text.
	cypherDocuments = documentFilter + `  AND ($afterKey IS NULL OR CASE WHEN $afterKey = ''
    THEN d.date = '' AND d.id > $afterId
    ELSE d.date = '' OR d.date < $afterKey OR (d.date = $afterKey AND d.id > $afterId) END)
RETURN d {.id, .filename, .title, .date, .publisher, .kind, .source, .ingestedAt} AS document
ORDER BY CASE WHEN d.date = '' THEN 1 ELSE 0 END, d.date DESC, d.id
LIMIT $limit`
)

// Deletion: DeleteDocument runs these in one transaction.
const (
	// cypherDocumentImpact finds what deleting a document may touch: the
	// relations its evidence supports, the entities it mentions, and its
	// source, whose versions decide again what stands.
	cypherDocumentImpact = `MATCH (d:Document {id: $id})
OPTIONAL MATCH (ev:Evidence {documentId: $id})
WITH d, collect(DISTINCT ev.relationId) AS relations
OPTIONAL MATCH (d)-[:MENTIONS]->(m:Entity)
RETURN relations, collect(DISTINCT m.id) AS mentioned, d.source AS source`

	// cypherDeleteDocument removes the document, its mentions and its
	// evidence.
	cypherDeleteDocument = `MATCH (d:Document {id: $id})
OPTIONAL MATCH (ev:Evidence {documentId: $id})
WITH d, collect(ev) AS evs
FOREACH (ev IN evs | DETACH DELETE ev)
DETACH DELETE d
RETURN size(evs) AS n`

	// cypherRelationStats sums up the evidence each relation keeps: how
	// much, the best confidence, and the dates of its documents.
	cypherRelationStats = `UNWIND $ids AS id
OPTIONAL MATCH (ev:Evidence {relationId: id})
OPTIONAL MATCH (ev)-[:FOUND_IN]->(d:Document)
RETURN id, count(ev) AS evidence, max(ev.confidence) AS confidence,
  min(CASE WHEN d.date <> '' THEN d.date END) AS firstSeen,
  max(CASE WHEN d.date <> '' THEN d.date END) AS lastSeen`

	// cypherPruneEntities deletes those of the entities asked that nothing
	// touches any more: no relation, no mention.
	cypherPruneEntities = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { MATCH (e)--() }
WITH e, e.id AS id
DELETE e
RETURN id`
)

// Curation.
const (
	// cypherAddAliases unites aliases (deduplicated by the caller) with an
	// entity's, by key, fills an empty kind, date or status — or, with $pick
	// (a merge by WriteBatch's convergence), settles kind, dates, status and
	// alias spellings as store.Pick, PickDates, PickJudgement and PickName
	// do — and rebuilds the
	// searched alias text. Setting aliasText first takes the node's write
	// lock before the read-modify-write, as the entity merge does.
	cypherAddAliases = `MATCH (e:Entity {id: $id})
SET e.aliasText = e.aliasText
WITH e, [i IN range(0, size($aliases) - 1) WHERE $aliasKeys[i] <> e.key AND NOT $aliasKeys[i] IN e.aliasKeys] AS fresh
WITH e, fresh, $pick AND ($date > e.date OR ($date = e.date AND $endDate > e.endDate)) AS later,
  $status <> '' AND (coalesce(e.status, '') = '' OR ($pick AND ($statusAsOf > coalesce(e.statusAsOf, '')
    OR ($statusAsOf = coalesce(e.statusAsOf, '') AND $status > e.status)))) AS newer
SET e.status = CASE WHEN newer THEN $status ELSE coalesce(e.status, '') END,
  e.statusAsOf = CASE WHEN newer THEN $statusAsOf ELSE coalesce(e.statusAsOf, '') END
SET e.aliases = e.aliases + [i IN fresh | $aliases[i]],
  e.aliasKeys = e.aliasKeys + [i IN fresh | $aliasKeys[i]],
  e.kind = CASE WHEN e.kind = '' OR ($pick AND $kind > e.kind) THEN $kind ELSE e.kind END,
  e.date = CASE WHEN later OR (NOT $pick AND e.date = '') THEN $date ELSE e.date END,
  e.endDate = CASE WHEN later OR (NOT $pick AND e.endDate = '') THEN $endDate ELSE e.endDate END
SET e.aliases = CASE WHEN $pick THEN [j IN range(0, size(e.aliasKeys) - 1) | reduce(best = e.aliases[j], i IN range(0, size($aliases) - 1) |
  CASE WHEN $aliasKeys[i] = e.aliasKeys[j] AND $aliases[i] < best THEN $aliases[i] ELSE best END)] ELSE e.aliases END
SET e.aliasText = reduce(s = '', k IN e.aliasKeys | s + k + '\n')
RETURN ` + entityProjection

	// cypherRelationsTouching returns the relations at either end of an
	// entity; mentions come from documents and are not among them.
	cypherRelationsTouching = `MATCH (m:Entity {id: $id})-[r]-(:Entity)
WITH DISTINCT r
WITH r, startNode(r) AS s, endNode(r) AS o
RETURN ` + relationProjection + `
ORDER BY r.id`

	cypherDeleteEvidenceOf = `MATCH (ev:Evidence)
WHERE ev.relationId IN $ids
DETACH DELETE ev
RETURN count(*) AS n`

	// cypherPutEvidence stores evidence nodes, linking each to its document
	// where it has one; an analyst's has none.
	cypherPutEvidence = `UNWIND $rows AS row
MERGE (ev:Evidence {id: row.id})
ON CREATE SET ev.relationId = row.relationId, ev.documentId = row.documentId, ev.sentence = row.sentence,
  ev.start = row.start, ev.end = row.end, ev.extractor = row.extractor, ev.confidence = row.confidence
WITH ev, row
OPTIONAL MATCH (d:Document {id: row.documentId})
FOREACH (doc IN CASE WHEN d IS NULL THEN [] ELSE [d] END | MERGE (ev)-[:FOUND_IN]->(doc))
RETURN count(ev) AS n`

	cypherMoveMentions = `MATCH (k:Entity {id: $keep})
MATCH (d:Document)-[x:MENTIONS]->(:Entity {id: $merge})
MERGE (d)-[:MENTIONS]->(k)
DELETE x
RETURN count(d) AS n`

	cypherDeleteEntity = `MATCH (e:Entity {id: $id})
DETACH DELETE e
RETURN count(*) AS n`
)

// Versions: the documents of one source URL, and which facts a newer
// version withdrew (store.Withdrawals decides; reconcileVersions runs
// these).
const (
	cypherVersions = `MATCH (d:Document)
WHERE d.source IN $sources
RETURN d {.id, .source, .date, .ingestedAt} AS document`

	// cypherSeriesRelations finds the relations the documents of a
	// source support.
	cypherSeriesRelations = `MATCH (d:Document {source: $source})
MATCH (ev:Evidence {documentId: d.id})
RETURN DISTINCT ev.relationId AS id
ORDER BY id`

	// cypherRelationSupport returns each piece of support of the
	// relations asked: its document, or none for an analyst's note.
	cypherRelationSupport = `MATCH (ev:Evidence)
WHERE ev.relationId IN $ids
OPTIONAL MATCH (ev)-[:FOUND_IN]->(d:Document)
RETURN ev.relationId AS relation, d {.id, .source, .date, .ingestedAt} AS document`
)

// Statements that find relations by id. A relation's type is not known
// from its id, and each type has its own id index, so each of these is a
// UNION ALL of one indexed branch per relation type, generated at init
// from a branch template whose __TYPE__ is filled in. (A CALL subquery
// would need the variable scope clause of Neo4j 5.23+ to lint clean.)
const (
	relationByIDBranch = `MATCH (s:Entity)-[r:__TYPE__]->(o:Entity) WHERE r.id IN $ids
RETURN ` + relationProjection

	deleteRelationsBranch = `MATCH (:Entity)-[r:__TYPE__]->(:Entity) WHERE r.id IN $ids
WITH r, r.id AS id
DELETE r
RETURN id`

	// Each row carries a relation's recomputed numbers.
	setRelationStatsBranch = `MATCH (:Entity)-[r:__TYPE__]->(:Entity) WHERE r.id IN $ids
WITH r, [row IN $rows WHERE row.id = r.id][0] AS row
SET r.confidence = row.confidence, r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen
RETURN r.id AS id`

	// Each row carries a relation's withdrawal, or nulls for a standing fact.
	setWithdrawnBranch = `MATCH (:Entity)-[r:__TYPE__]->(:Entity) WHERE r.id IN $ids
WITH r, [row IN $rows WHERE row.id = r.id][0] AS row
SET r.withdrawnBy = row.withdrawnBy, r.withdrawnAt = row.withdrawnAt
RETURN r.id AS id`

	retractRelationBranch = `MATCH (:Entity)-[r:__TYPE__]->(:Entity) WHERE r.id IN $ids
SET r.retractedReason = $reason, r.retractedAt = $at
RETURN r.id AS id`

	// Each row carries a relation's id before (old) and after (new) slug
	// ids (see slugIDs).
	renameRelationsBranch = `MATCH (:Entity)-[r:__TYPE__]->(:Entity) WHERE r.id IN $ids
WITH r, [row IN $rows WHERE row.old = r.id][0] AS row
SET r.id = row.new
RETURN r.id AS id`
)

// Templates are filled in at init with identifiers from the ontology.
const (
	cypherRelationIDIndexTemplate = `CREATE INDEX __NAME__ IF NOT EXISTS FOR ()-[r:__TYPE__]-() ON (r.id)`

	// cypherPutRelationTemplate writes a relation as computed by the
	// caller: a merge of entities re-points relations and folds those
	// that coincide.
	cypherPutRelationTemplate = `UNWIND $rows AS row
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
MERGE (s)-[r:__TYPE__ {id: row.id}]->(o)
SET r.title = row.title, r.since = row.since, r.confidence = row.confidence,
  r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen,
  r.retractedReason = row.retractedReason, r.retractedAt = row.retractedAt,
  r.until = row.until, r.tense = row.tense, r.tenseAsOf = row.tenseAsOf,
  r.withdrawnBy = row.withdrawnBy, r.withdrawnAt = row.withdrawnAt
RETURN row.id AS id`

	// cypherAssertRelationTemplate stores a fact an analyst states; it
	// reinstates a retracted one. The seen window stays that of documents;
	// the analyst's tense stands over judgements as of that day or before.
	cypherAssertRelationTemplate = `MATCH (s:Entity {id: $subject})
MATCH (o:Entity {id: $object})
MERGE (s)-[r:__TYPE__ {id: $id}]->(o)
ON CREATE SET r.title = $title, r.since = $since, r.confidence = $confidence, r.firstSeen = '', r.lastSeen = '',
  r.until = $until, r.tense = '', r.tenseAsOf = ''
ON MATCH SET r.confidence = CASE WHEN $confidence > r.confidence THEN $confidence ELSE r.confidence END,
  r.title = CASE WHEN r.title = '' THEN $title ELSE r.title END,
  r.since = CASE WHEN r.since = '' THEN $since ELSE r.since END,
  r.until = CASE WHEN coalesce(r.until, '') = '' THEN $until ELSE r.until END
REMOVE r.retractedReason, r.retractedAt, r.withdrawnBy, r.withdrawnAt
WITH r, $tense <> '' AND $tenseAsOf >= coalesce(r.tenseAsOf, '') AS newer
SET r.tense = CASE WHEN newer THEN $tense ELSE coalesce(r.tense, '') END,
  r.tenseAsOf = CASE WHEN newer THEN $tenseAsOf ELSE coalesce(r.tenseAsOf, '') END
RETURN r.id AS id`
)

// identifier is what a label or relationship type from the ontology must
// look like to be written into a statement without quoting.
var identifier = regexp.MustCompile(`^[A-Za-z][A-Za-z_]*$`)

var (
	// mergeEntity holds the entity merge statement of each entity type.
	mergeEntity = map[schema.EntityType]string{}
	// mergeRelation holds the relation merge statement of each relation type.
	mergeRelation = map[schema.RelationType]string{}
	// relationIDIndex holds the index on id of each relationship type.
	relationIDIndex = map[schema.RelationType]string{}
	// putRelation and assertRelation hold the curation writes of each type.
	putRelation    = map[schema.RelationType]string{}
	assertRelation = map[schema.RelationType]string{}

	// The statements that find relations by id, filled in at init.
	relationByID, deleteRelations, setRelationStats, retractRelation, setWithdrawn, renameRelations string
)

func init() {
	for _, t := range schema.EntityTypes {
		if t == schema.Document {
			continue // documents are not entities here: they have their own label
		}
		mustIdentifier(string(t))
		mergeEntity[t] = strings.ReplaceAll(cypherMergeEntityTemplate, "__LABEL__", string(t))
	}
	for _, t := range schema.RelationTypes {
		mustIdentifier(string(t))
		mergeRelation[t] = strings.ReplaceAll(cypherMergeRelationTemplate, "__TYPE__", string(t))
		idx := strings.NewReplacer("__NAME__", "rel_"+strings.ToLower(string(t))+"_id", "__TYPE__", string(t))
		relationIDIndex[t] = idx.Replace(cypherRelationIDIndexTemplate)
		putRelation[t] = strings.ReplaceAll(cypherPutRelationTemplate, "__TYPE__", string(t))
		assertRelation[t] = strings.ReplaceAll(cypherAssertRelationTemplate, "__TYPE__", string(t))
	}
	relationByID = everyType(relationByIDBranch)
	deleteRelations = everyType(deleteRelationsBranch)
	setRelationStats = everyType(setRelationStatsBranch)
	retractRelation = everyType(retractRelationBranch)
	renameRelations = everyType(renameRelationsBranch)
	setWithdrawn = everyType(setWithdrawnBranch)
}

// everyType joins one copy of branch per relation type with UNION ALL.
func everyType(branch string) string {
	parts := make([]string, len(schema.RelationTypes))
	for i, t := range schema.RelationTypes {
		parts[i] = strings.ReplaceAll(branch, "__TYPE__", string(t))
	}
	return strings.Join(parts, "\nUNION ALL\n")
}

func mustIdentifier(s string) {
	if !identifier.MatchString(s) {
		panic(fmt.Sprintf("neo4j: ontology name %q cannot be a Cypher label or relationship type", s))
	}
}

// statements returns every statement the package can send, by name.
func statements() map[string]string {
	m := map[string]string{
		"entityIDUnique":        cypherEntityIDUnique,
		"documentIDUnique":      cypherDocumentIDUnique,
		"evidenceIDUnique":      cypherEvidenceIDUnique,
		"entityTypeIndex":       cypherEntityTypeIndex,
		"entityKindIndex":       cypherEntityKindIndex,
		"entityDateIndex":       cypherEntityDateIndex,
		"entityKeyIndex":        cypherEntityKeyIndex,
		"entityNameIndex":       cypherEntityNameIndex,
		"evidenceRelIndex":      cypherEvidenceRelIndex,
		"evidenceDocIndex":      cypherEvidenceDocIndex,
		"documentSourceIndex":   cypherDocumentSourceIndex,
		"entitySearchIndex":     cypherEntitySearchIndex,
		"documentSearchIndex":   cypherDocumentSearchIndex,
		"convergenceLockUnique": cypherConvergenceLockUnique,
		"awaitIndexes":          cypherAwaitIndexes,

		"documentExists":        cypherDocumentExists,
		"createDocument":        cypherCreateDocument,
		"entityTypes":           cypherEntityTypes,
		"convergenceCandidates": cypherConvergenceCandidates,
		"lockConvergence":       cypherLockConvergence,
		"createEvidence":        cypherCreateEvidence,

		"entity":             cypherEntity,
		"entitiesByID":       cypherEntitiesByID,
		"entityByAlias":      cypherEntityByAlias,
		"countEntities":      cypherCountEntities,
		"entitiesByName":     cypherEntitiesByName,
		"entitiesByDateAsc":  cypherEntitiesByDateAsc,
		"entitiesByDateDesc": cypherEntitiesByDateDesc,
		"countRelations":     cypherCountRelations,
		"relations":          cypherRelations,
		"expandOut":          cypherExpandOut,
		"expandIn":           cypherExpandIn,
		"expandBoth":         cypherExpandBoth,
		"expandAmong":        cypherExpandAmong,
		"evidenceFor":        cypherEvidenceFor,
		"document":           cypherDocument,
		"documentsByID":      cypherDocumentsByID,
		"documentCount":      cypherDocumentCount,
		"search":             cypherSearch,
		"searchDocuments":    cypherSearchDocuments,
		"bucketsEvents":      cypherBucketsEvents,
		"bucketsRelations":   cypherBucketsRelations,
		"bucketsDocuments":   cypherBucketsDocuments,

		"createMentions":    cypherCreateMentions,
		"mentions":          cypherMentions,
		"countDocuments":    cypherCountDocuments,
		"documents":         cypherDocuments,
		"documentImpact":    cypherDocumentImpact,
		"deleteDocument":    cypherDeleteDocument,
		"relationStats":     cypherRelationStats,
		"pruneEntities":     cypherPruneEntities,
		"addAliases":        cypherAddAliases,
		"relationsTouching": cypherRelationsTouching,
		"deleteEvidenceOf":  cypherDeleteEvidenceOf,
		"putEvidence":       cypherPutEvidence,
		"moveMentions":      cypherMoveMentions,
		"deleteEntity":      cypherDeleteEntity,
		"relationByID":      relationByID,
		"deleteRelations":   deleteRelations,
		"setRelationStats":  setRelationStats,
		"retractRelation":   retractRelation,
		"setWithdrawn":      setWithdrawn,
		"versions":          cypherVersions,
		"seriesRelations":   cypherSeriesRelations,
		"relationSupport":   cypherRelationSupport,

		"formerRelationIDUnique": cypherFormerRelationIDUnique,
		"oldEntityIDs":           cypherOldEntityIDs,
		"renameEntities":         cypherRenameEntities,
		"relationsTouchingAny":   cypherRelationsTouchingAny,
		"renameRelations":        renameRelations,
		"renameEvidence":         cypherRenameEvidence,
		"recordFormerRelations":  cypherRecordFormerRelations,
		"formerRelationID":       cypherFormerRelationID,
	}
	for t, q := range putRelation {
		m["putRelation."+string(t)] = q
	}
	for t, q := range assertRelation {
		m["assertRelation."+string(t)] = q
	}
	for t, q := range mergeEntity {
		m["mergeEntity."+string(t)] = q
	}
	for t, q := range mergeRelation {
		m["mergeRelation."+string(t)] = q
	}
	for t, q := range relationIDIndex {
		m["relationIDIndex."+string(t)] = q
	}
	return m
}

// Slug ids (store.EntityID): Open rewrites a graph written before them,
// in batches, each batch one transaction (slugIDs). Each statement is
// idempotent, so an interrupted run resumes where it stopped.
const (
	// A relation's id from before slug ids names the relation it became.
	cypherFormerRelationIDUnique = `CREATE CONSTRAINT former_relation_id IF NOT EXISTS FOR (n:FormerRelationID) REQUIRE n.id IS UNIQUE`

	// cypherOldEntityIDs finds entities whose id is from before slugs:
	// those ids are schema.Key of the name, whose words spaces part, and a
	// slug has none.
	cypherOldEntityIDs = `MATCH (e:Entity)
WHERE e.id CONTAINS ' ' AND e.id > $after
RETURN e.id AS id
ORDER BY id
LIMIT $limit`

	// cypherRenameEntities gives each entity its slug, unless an entity
	// holds that id already (then the caller folds the two).
	cypherRenameEntities = `UNWIND $rows AS row
MATCH (e:Entity {id: row.old})
WHERE NOT EXISTS { MATCH (:Entity {id: row.new}) }
SET e.id = row.new
RETURN row.old AS id`

	// cypherRelationsTouchingAny returns the relations at either end of
	// any of the entities asked.
	cypherRelationsTouchingAny = `UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(:Entity)
WITH DISTINCT r
WITH r, startNode(r) AS s, endNode(r) AS o
RETURN ` + relationProjection + `
ORDER BY r.id`

	// cypherRenameEvidence gives evidence the id computed for its
	// relation's new id.
	cypherRenameEvidence = `UNWIND $rows AS row
MATCH (ev:Evidence {id: row.old})
SET ev.id = row.new, ev.relationId = row.relationId
RETURN count(ev) AS n`

	// cypherRecordFormerRelations keeps each relation's id from before
	// slugs, so that lookups by it find the relation for a release.
	cypherRecordFormerRelations = `UNWIND $rows AS row
MERGE (f:FormerRelationID {id: row.old})
SET f.relationId = row.new
RETURN count(f) AS n`

	cypherFormerRelationID = `MATCH (f:FormerRelationID {id: $id})
RETURN f.relationId AS id`
)
