package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"

	"github.com/diplograph/diplograph/store/sqlite"
)

const backupUsage = `usage: diplograph backup [--data DIR] [--force] FILE

Writes a consistent snapshot of the embedded store DIR/diplograph.db to
FILE, while a server or an ingest may be using it. FILE is checked before
it is kept; an existing FILE is replaced only with --force. API keys
(DIR/auth.db) are not part of it. For Neo4j, use neo4j-admin database dump.`

const restoreUsage = `usage: diplograph restore [--data DIR] FILE

Replaces the embedded store DIR/diplograph.db with the backup FILE, once
FILE is shown to be a sound store of a version this binary knows. Refused
while a server or an ingest has the store open: stop it first.`

// runBackup writes a snapshot of the SQLite store, through SQLite, never
// as a file copy: a copy taken while a writer is busy can be torn.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, backupUsage)
		fl.PrintDefaults()
	}
	data := fl.String("data", "./data", "folder of the embedded SQLite store (diplograph.db)")
	force := fl.Bool("force", false, "replace FILE if it exists")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return fmt.Errorf("backup: want one FILE, got %q", fl.Args())
	}
	file, db := fl.Arg(0), filepath.Join(*data, "diplograph.db")
	info, err := sqlite.Backup(ctx, db, file, *force)
	switch {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%w; use --force to replace it", err)
	case err != nil:
		return err // it says "back up DB to FILE: …"
	}
	fmt.Fprintf(stderr, "backed up %s to %s: %v\n", db, file, info)
	return nil
}

// runRestore puts a backup in place of the SQLite store.
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("restore", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, restoreUsage)
		fl.PrintDefaults()
	}
	data := fl.String("data", "./data", "folder of the embedded SQLite store (diplograph.db)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return fmt.Errorf("restore: want one FILE, got %q", fl.Args())
	}
	file, db := fl.Arg(0), filepath.Join(*data, "diplograph.db")
	info, err := sqlite.Restore(ctx, file, db)
	if err != nil {
		return err // it says "restore FILE into DB: …"
	}
	fmt.Fprintf(stderr, "restored %s from %s: %v\n", db, file, info)
	return nil
}
