// Package sqlite is the embedded default store: one database file in WAL
// mode, foreign keys on, numbered migrations embedded in the binary, FTS5 for
// name search and keyset pagination for every listing.
//
// Why this driver: modernc.org/sqlite is SQLite (3.53.4) translated to pure
// Go, so building needs no C toolchain, cross-compiles, and ships in one
// static binary; FTS5 and JSON1 are compiled in, and this package's tests
// exercise both (prefix queries ranked by bm25, lists bound as JSON). The
// cgo binding mattn/go-sqlite3 runs faster, but it needs gcc on every build
// machine and the sqlite_fts5 build tag on every build, without which FTS5
// is silently missing.
package sqlite
