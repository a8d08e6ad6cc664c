package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/diplograph/diplograph/auth"
)

const keysUsage = `usage:
  diplograph keys create --role reader|ingester|curator|admin [--name NAME] [--data DIR]
  diplograph keys list   [--data DIR]
  diplograph keys revoke [--data DIR] ID
  diplograph keys audit  [--data DIR] [--first N] [--key ID] [--op NAME]

Keys live hashed in DIR/auth.db; create prints a key once. Once a key
exists, serve asks every /graphql and /ingest request for one.`

func runKeys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, keysUsage)
		if len(args) == 0 {
			return errors.New("keys: no subcommand given")
		}
		return nil
	}
	sub, args := args[0], args[1:]
	fl := flag.NewFlagSet("keys "+sub, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprintln(stderr, keysUsage) }
	data := fl.String("data", "./data", "data folder holding auth.db")
	var role, name, key, op *string
	var first *int
	switch sub {
	case "create":
		role = fl.String("role", "", "reader, ingester, curator or admin (required)")
		name = fl.String("name", "", "who or what the key is for")
	case "list", "revoke":
	case "audit":
		first = fl.Int("first", 50, "entries to show, newest first (at most 500)")
		key = fl.String("key", "", "only entries of this key id")
		op = fl.String("op", "", "only entries of this operation")
	default:
		fmt.Fprintln(stderr, keysUsage)
		return fmt.Errorf("keys: unknown subcommand %q", sub)
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	wantArgs := 0
	if sub == "revoke" {
		wantArgs = 1
	}
	if fl.NArg() != wantArgs {
		fl.Usage()
		return fmt.Errorf("keys %s: want %d argument(s), got %q", sub, wantArgs, fl.Args())
	}
	db, err := auth.Open(filepath.Join(*data, auth.FileName))
	if err != nil {
		return fmt.Errorf("keys %s: %w", sub, err)
	}
	defer db.Close()
	// Whoever can write the data folder holds every key already; the
	// audit log records them as the local user.
	local := auth.Principal{Name: "local user " + userName(), Role: auth.Admin}
	ctx = auth.With(ctx, local)

	switch sub {
	case "create":
		r, err := auth.ParseRole(*role)
		if err != nil {
			return fmt.Errorf("keys create: --role: %w", err)
		}
		k, secret, err := db.Create(ctx, *name, r)
		if err != nil {
			return fmt.Errorf("keys create: %w", err)
		}
		fmt.Fprintln(stdout, secret)
		fmt.Fprintf(stderr, "created %s key %s%s; it is shown only this once: store it now\n", k.Role, k.ID, nameSuffix(k.Name))
		return nil
	case "list":
		keys, err := db.List(ctx)
		if err != nil {
			return fmt.Errorf("keys list: %w", err)
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tROLE\tNAME\tCREATED\tSTATUS")
		for _, k := range keys {
			status := "active"
			if k.Revoked() {
				status = "revoked " + k.RevokedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Role, k.Name, k.CreatedAt.Format(time.RFC3339), status)
		}
		return tw.Flush()
	case "revoke":
		id := fl.Arg(0)
		if err := db.Revoke(ctx, id); err != nil {
			return fmt.Errorf("keys revoke: %w", err)
		}
		fmt.Fprintf(stderr, "revoked key %s\n", id)
		return nil
	case "audit":
		f := auth.AuditFilter{First: *first}
		if *key != "" {
			f.KeyID = key
		}
		if *op != "" {
			f.Operation = op
		}
		page, err := db.Audit(ctx, f)
		if err != nil {
			return fmt.Errorf("keys audit: %w", err)
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tWHO\tROLE\tOPERATION\tOK\tVARIABLES\tRESULT")
		for _, e := range page.Items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\t%s\t%s\n", e.At.Format(time.RFC3339), e.Who, e.Role, e.Operation, e.OK, e.Variables, e.Result)
		}
		return tw.Flush()
	}
	return nil
}

func nameSuffix(name string) string {
	if name == "" {
		return ""
	}
	return fmt.Sprintf(" (%s)", name)
}

func userName() string {
	for _, v := range []string{"USER", "LOGNAME"} {
		if u := os.Getenv(v); u != "" {
			return u
		}
	}
	return fmt.Sprintf("uid %d", os.Getuid())
}
