package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runBinary runs the built binary in dir with args and returns what it
// printed on each stream and its exit code.
func runBinary(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NEO4J_URI=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.Exited():
		code = exit.ExitCode()
	default:
		t.Fatalf("diplograph %q: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String(), code
}

// commandNames reads the command names from `diplograph help`, so that a
// command added to the binary is tested here without being listed again.
func commandNames(t *testing.T) []string {
	t.Helper()
	_, usage, code := runBinary(t, t.TempDir(), "help")
	if code != 0 {
		t.Fatalf("diplograph help exited %d:\n%s", code, usage)
	}
	_, list, ok := strings.Cut(usage, "commands:\n")
	if !ok {
		t.Fatalf("diplograph help lists no commands:\n%s", usage)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^  ([a-z]+) `).FindAllStringSubmatch(list, -1) {
		names = append(names, m[1])
	}
	// The commands of issue 12 at least; the list is the binary's.
	for _, want := range []string{"serve", "ingest", "extract", "eval", "keys", "backup", "restore"} {
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("diplograph help does not list %s:\n%s", want, usage)
		}
	}
	return names
}

var usageText = regexp.MustCompile(`(?i)usage`)

// TestHelp: every way of asking for help, for the binary and each of its
// commands, prints usage and exits 0, with nothing on stdout (stdout is
// for results).
func TestHelp(t *testing.T) {
	tests := [][]string{{"help"}, {"--help"}, {"-h"}, {"-help"}, {"keys", "create", "--help"}, {"keys", "audit", "-h"}}
	for _, name := range commandNames(t) {
		tests = append(tests, []string{name, "--help"}, []string{name, "-h"}, []string{"help", name})
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			stdout, stderr, code := runBinary(t, t.TempDir(), args...)
			if code != 0 || stdout != "" || !usageText.MatchString(stderr) {
				t.Errorf("diplograph %s: exit %d, stdout %q, stderr %q; want exit 0, no stdout, usage on stderr",
					strings.Join(args, " "), code, stdout, stderr)
			}
		})
	}
}

// TestFailuresGoToStderr: a command that fails exits non-zero and says
// why on stderr, printing nothing on stdout.
func TestFailuresGoToStderr(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("The ministers met in Prague.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		says string
	}{
		{nil, "no command given"},
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"help", "nope"}, `unknown command "nope"`},
		{[]string{"serve", "extra"}, "unexpected arguments"},
		{[]string{"ingest"}, "no files or folders given"},
		{[]string{"extract"}, "no files given"},
		{[]string{"extract", missing}, "no such file"},
		{[]string{"eval", "--gold", missing}, "eval:"},
		{[]string{"keys"}, "no subcommand"},
		{[]string{"keys", "rotate"}, "unknown subcommand"},
		{[]string{"keys", "revoke"}, "want 1 argument"},
		{[]string{"keys", "create", "--role", "king", "--data", dir}, "--role"},
		{[]string{"backup"}, "want one FILE"},
		{[]string{"backup", "--data", missing, filepath.Join(dir, "b.db")}, "no such file"},
		{[]string{"restore"}, "want one FILE"},
		{[]string{"restore", "--data", filepath.Join(dir, "data"), missing}, "no such file"},
		{[]string{"restore", "--data", filepath.Join(dir, "data"), notes}, "not a usable diplograph store"},
	}
	for _, name := range commandNames(t) {
		tests = append(tests, struct {
			args []string
			says string
		}{[]string{name, "--no-such-flag"}, "no-such-flag"})
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr, code := runBinary(t, dir, tt.args...)
			if code == 0 || stdout != "" || !strings.Contains(stderr, "diplograph: ") || !strings.Contains(stderr, tt.says) {
				t.Errorf("diplograph %s: exit %d, stdout %q, stderr %q; want a non-zero exit, no stdout, and stderr saying %q",
					strings.Join(tt.args, " "), code, stdout, stderr, tt.says)
			}
		})
	}
}
