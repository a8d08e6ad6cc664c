// Command diplograph builds a knowledge graph of diplomacy from published
// documents and serves it over GraphQL.
//
//	diplograph serve   [--addr 127.0.0.1:8080] [--data ./data] [--corpus ./corpus] [--neo4j URI]
//	diplograph ingest  [--data DIR] [--neo4j URI] PATH...
//	diplograph extract --json FILE...
//	diplograph eval    [--gold corpus/gold] [-v] [DOCS...]
//	diplograph keys    create --role R [--name N] | list | revoke ID | audit  [--data DIR]
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
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "diplograph:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		usage(stderr)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: diplograph <command> [flags] [args]\n\ncommands:")
	for _, name := range []string{"serve", "ingest", "extract", "eval", "keys"} {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
}
