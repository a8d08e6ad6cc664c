package sqlite

import (
	"context"
	"database/sql"
)

// migrations are applied in order, each in its own transaction, and
// recorded in the migrations table; never edit one that has shipped, add a
// new one instead.
var migrations = []string{
	// 1: the graph.
	`
CREATE TABLE documents (
	id          TEXT PRIMARY KEY,
	filename    TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	publisher   TEXT NOT NULL DEFAULT '',
	kind        TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	ingested_at TEXT NOT NULL
);

CREATE TABLE entities (
	id       TEXT PRIMARY KEY,
	type     TEXT NOT NULL,
	kind     TEXT NOT NULL DEFAULT '',
	name     TEXT NOT NULL,
	key      TEXT NOT NULL,
	date     TEXT NOT NULL DEFAULT '',
	end_date TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_type_name ON entities (type, name, id);
CREATE INDEX entities_name ON entities (name, id);
CREATE INDEX entities_key ON entities (type, key);
CREATE INDEX entities_date ON entities (date, id);

CREATE TABLE aliases (
	entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	alias     TEXT NOT NULL,
	key       TEXT NOT NULL,
	PRIMARY KEY (entity_id, key)
);
CREATE INDEX aliases_key ON aliases (key);

CREATE TABLE relations (
	id         TEXT PRIMARY KEY,
	type       TEXT NOT NULL,
	subject    TEXT NOT NULL REFERENCES entities (id),
	object     TEXT NOT NULL REFERENCES entities (id),
	title      TEXT NOT NULL DEFAULT '',
	since      TEXT NOT NULL DEFAULT '',
	confidence REAL NOT NULL DEFAULT 0,
	first_seen TEXT NOT NULL DEFAULT '',
	last_seen  TEXT NOT NULL DEFAULT '',
	UNIQUE (subject, type, object)
);
CREATE INDEX relations_subject ON relations (subject, type);
CREATE INDEX relations_object ON relations (object, type);
CREATE INDEX relations_type ON relations (type, id);

CREATE TABLE evidence (
	id          TEXT PRIMARY KEY,
	relation_id TEXT NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
	document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	sentence    TEXT NOT NULL,
	start       INTEGER NOT NULL,
	"end"       INTEGER NOT NULL,
	extractor   TEXT NOT NULL DEFAULT '',
	confidence  REAL NOT NULL DEFAULT 0
);
CREATE INDEX evidence_relation ON evidence (relation_id, document_id, start);
CREATE INDEX evidence_document ON evidence (document_id, relation_id);

-- One row per entity, rowid = entities.rowid, holding schema.Key of the
-- name and of each alias, so that matching ignores case and diacritics
-- the same way entity ids do.
CREATE VIRTUAL TABLE entity_fts USING fts5 (
	name, aliases,
	tokenize = 'unicode61 remove_diacritics 2'
);
`,
	// 2: mentions, retraction, and evidence an analyst asserts without a
	// document. SQLite cannot drop NOT NULL in place, so evidence is
	// rebuilt. Mentions of documents ingested before this migration are
	// recovered from the ends of the relations their evidence supports:
	// the batches' full entity lists were not kept.
	`
CREATE TABLE mentions (
	document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	entity_id   TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	PRIMARY KEY (document_id, entity_id)
);
CREATE INDEX mentions_entity ON mentions (entity_id, document_id);
INSERT OR IGNORE INTO mentions (document_id, entity_id)
	SELECT v.document_id, r.subject FROM evidence v JOIN relations r ON r.id = v.relation_id
	UNION
	SELECT v.document_id, r.object FROM evidence v JOIN relations r ON r.id = v.relation_id;

ALTER TABLE relations ADD COLUMN retracted_reason TEXT;
ALTER TABLE relations ADD COLUMN retracted_at TEXT;

CREATE TABLE evidence_new (
	id          TEXT PRIMARY KEY,
	relation_id TEXT NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
	document_id TEXT REFERENCES documents (id) ON DELETE CASCADE,
	sentence    TEXT NOT NULL,
	start       INTEGER NOT NULL,
	"end"       INTEGER NOT NULL,
	extractor   TEXT NOT NULL DEFAULT '',
	confidence  REAL NOT NULL DEFAULT 0
);
INSERT INTO evidence_new SELECT id, relation_id, document_id, sentence, start, "end", extractor, confidence FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_new RENAME TO evidence;
CREATE INDEX evidence_relation ON evidence (relation_id, document_id, start);
CREATE INDEX evidence_document ON evidence (document_id, relation_id);
`,
	// 3: each entity carries its aliases as a JSON array, kept by triggers,
	// so that reading an entity is one row: gathering them per entity in a
	// correlated subquery cost reads of many entities a third of their time.
	`
ALTER TABLE entities ADD COLUMN alias_list TEXT NOT NULL DEFAULT '[]';
UPDATE entities SET alias_list =
	(SELECT json_group_array(a.alias ORDER BY a.rowid) FROM aliases a WHERE a.entity_id = entities.id);

CREATE TRIGGER aliases_insert AFTER INSERT ON aliases BEGIN
	UPDATE entities SET alias_list =
		(SELECT json_group_array(a.alias ORDER BY a.rowid) FROM aliases a WHERE a.entity_id = NEW.entity_id)
	WHERE id = NEW.entity_id;
END;
CREATE TRIGGER aliases_delete AFTER DELETE ON aliases BEGIN
	UPDATE entities SET alias_list =
		(SELECT json_group_array(a.alias ORDER BY a.rowid) FROM aliases a WHERE a.entity_id = OLD.entity_id)
	WHERE id = OLD.entity_id;
END;
CREATE TRIGGER aliases_update AFTER UPDATE ON aliases BEGIN
	UPDATE entities SET alias_list =
		(SELECT json_group_array(a.alias ORDER BY a.rowid) FROM aliases a WHERE a.entity_id = entities.id)
	WHERE id IN (OLD.entity_id, NEW.entity_id);
END;
`,
	// 4: documents' title and text, indexed for search (rowid =
	// documents.rowid), kept by triggers.
	`
CREATE VIRTUAL TABLE document_fts USING fts5 (
	title, text,
	tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO document_fts (rowid, title, text) SELECT rowid, title, text FROM documents;

CREATE TRIGGER documents_insert AFTER INSERT ON documents BEGIN
	INSERT INTO document_fts (rowid, title, text) VALUES (NEW.rowid, NEW.title, NEW.text);
END;
CREATE TRIGGER documents_delete AFTER DELETE ON documents BEGIN
	DELETE FROM document_fts WHERE rowid = OLD.rowid;
END;
CREATE TRIGGER documents_update AFTER UPDATE OF title, text ON documents BEGIN
	UPDATE document_fts SET title = NEW.title, text = NEW.text WHERE rowid = OLD.rowid;
END;
`,
	// 5: the words of entities' names and aliases, for matching typos
	// (Search reads them through an in-memory copy, rebuilt when
	// search_version moves: the triggers bump it on every change of names
	// or aliases); and indexes for the counts dashboards group by.
	`
CREATE VIRTUAL TABLE entity_terms USING fts5vocab (entity_fts, 'row');

CREATE TABLE search_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO search_version (id, n) VALUES (1, 0);
CREATE TRIGGER entities_search_insert AFTER INSERT ON entities BEGIN
	UPDATE search_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER entities_search_delete AFTER DELETE ON entities BEGIN
	UPDATE search_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER entities_search_update AFTER UPDATE OF name, key ON entities BEGIN
	UPDATE search_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER aliases_search_insert AFTER INSERT ON aliases BEGIN
	UPDATE search_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER aliases_search_delete AFTER DELETE ON aliases BEGIN
	UPDATE search_version SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER aliases_search_update AFTER UPDATE ON aliases BEGIN
	UPDATE search_version SET n = n + 1 WHERE id = 1;
END;

CREATE INDEX entities_type_kind_date ON entities (type, kind, date);
CREATE INDEX relations_type_seen ON relations (type, first_seen);
`,
	// 6: facts in time (ONTOLOGY.md, "Time and status"). An event's
	// status and a post's tense are judgements made as of a document's
	// date, which status_as_of and tense_as_of keep so that the newest
	// document's judgement wins (store.PickJudgement); until is a post's
	// stated end. withdrawn_by and withdrawn_at name the newer version of
	// a source that no longer states a fact (store.Withdrawals), found
	// through documents_source.
	`
ALTER TABLE entities ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN status_as_of TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN until TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN tense TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN tense_as_of TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN withdrawn_by TEXT;
ALTER TABLE relations ADD COLUMN withdrawn_at TEXT;
CREATE INDEX entities_type_status ON entities (type, status, date);
CREATE INDEX relations_type_tense ON relations (type, tense, id);
CREATE INDEX documents_source ON documents (source);
`,
	// 7: readable ids (store.EntityID): every entity id becomes its slug
	// ("country:czech republic" is "country:czech-republic"), and with it
	// every reference — aliases, mentions, relations' ends — and the ids
	// derived from entity ids: relations' (store.RelationID) and their
	// evidence's (store.EvidenceIDOf). Those are hashes, so the rewrite is
	// Go (slugIDs, run in this migration's transaction after this SQL).
	// A relation's id from before stays valid for a release through
	// former_relation_ids; an entity's needs no table (store.NormalizeID).
	`
CREATE TABLE former_relation_ids (
	id          TEXT PRIMARY KEY,
	relation_id TEXT NOT NULL
);
`,
	// 8: the relations a listing shows (not retracted), by type and id:
	// counting the relations of one type reads this index alone instead of
	// every row of the type to test retracted_reason, and a page of them
	// skips retracted rows without reading them (Relations with one type,
	// the store's most common listing). Added after 7 by the ingest work of
	// issue 13; 7 belongs to the id slugs.
	`
CREATE INDEX relations_type_live ON relations (type, id) WHERE retracted_reason IS NULL;
`,
}

// migrationSteps are the Go parts of migrations, by number: each runs in
// its migration's transaction, after its SQL. A step reads and writes
// tables as its migration left them, in SQL of its own, never through the
// store's current helpers, whose columns a later migration may change.
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	7: slugIDs,
}
