// Command diplograph builds a knowledge graph of diplomacy from published
// documents and serves it over GraphQL.
//
//	diplograph serve   [--addr 127.0.0.1:8080] [--data ./data] [--corpus ./corpus] [--neo4j URI]
//	diplograph ingest  [--data DIR] [--neo4j URI] PATH...
//	diplograph extract --json FILE...
//	diplograph eval    [--gold corpus/gold] [-v] [DOCS...]
//	diplograph import  [--data DIR] [--scale N] FILE|DIR...
//	diplograph export  [--data DIR] [--format jsonl|graphml|neo4j-csv] [--out FILE|DIR]
//	diplograph keys    create --role R [--name N] | list | revoke ID | audit  [--data DIR]
//	diplograph backup  [--data DIR] [--force] FILE
//	diplograph restore [--data DIR] FILE
//	diplograph copies  [--n N] --out DIR [FOLDER]
//
// Every command answers -h and --help with its usage and exit status 0;
// failures go to stderr with exit status 1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{
	"serve":   {"serve the graph over GraphQL (ingests the corpus into an empty graph)", runServe},
	"ingest":  {"ingest files or folders into the graph", runIngest},
	"extract": {"print what extraction finds in files, without a store", runExtract},
	"eval":    {"score extraction against gold annotations", runEval},
	"keys":    {"create, list and revoke API keys; read the audit log", runKeys},
	"import":  {"load annotations or an export into the graph, checked before anything is written", runImport},
	"export":  {"write the whole graph as JSON lines, GraphML or neo4j-admin CSV", runExport},
	"backup":  {"write a consistent snapshot of the SQLite store, even while it is in use", runBackup},
	"restore": {"replace the SQLite store with a backup (the server must be stopped)", runRestore},
	"copies":  {"write renamed copies of a folder of texts, for scale tests of ingest", runCopies},
}

// commandOrder is the order usage lists the commands in.
var commandOrder = []string{"serve", "ingest", "extract", "eval", "import", "export", "keys", "backup", "restore", "copies"}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "diplograph:", err)
		os.Exit(1)
	}
}

// run runs the command args name. Asking for help (help, -h, --help, at
// the top or after a command) is not an error; usage goes to stderr, as
// everything but a command's results does.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return errors.New("no command given")
	}
	name := args[0]
	if isHelp(name) {
		if len(args) > 1 {
			// help CMD is CMD --help.
			if c, ok := commands[args[1]]; ok {
				return quietHelp(c.run(ctx, []string{"--help"}, stdout, stderr))
			}
			usage(stderr)
			return fmt.Errorf("help: unknown command %q", args[1])
		}
		usage(stderr)
		return nil
	}
	c, ok := commands[name]
	if !ok {
		usage(stderr)
		return fmt.Errorf("unknown command %q", name)
	}
	return quietHelp(c.run(ctx, args[1:], stdout, stderr))
}

func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// quietHelp turns flag.ErrHelp, which a command's flag set returns once
// it has printed its usage for -h or --help, into success.
func quietHelp(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: diplograph <command> [flags] [args]\n\ncommands:")
	for _, name := range commandOrder {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\n\"diplograph help <command>\" or \"diplograph <command> --help\" shows a command's flags.")
}
