// Package sqlite is the embedded default store: one database file in WAL
// mode, foreign keys on, numbered migrations embedded in the binary, FTS5 for
// name search and keyset pagination for every listing.
//
// Why this driver: modernc.org/sqlite is SQLite 3.50 translated to pure Go,
// so `go build` needs no C toolchain, cross-compiles and ships as one static
// binary, and FTS5 and JSON1 are compiled in by default (this package's tests
// create an FTS5 table and rank with bm25). mattn/go-sqlite3 is the faster
// cgo binding, but it needs gcc on every build machine and the `fts5` build
// tag on every build, which a default `go install` silently leaves out.
package sqlite
