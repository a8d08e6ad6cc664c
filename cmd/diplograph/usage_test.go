package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

// TestUsageListsEveryCommand: usage names each command once, so the
// binary's help (which TestHelp and TestFailuresGoToStderr read the
// command names from) covers them all.
func TestUsageListsEveryCommand(t *testing.T) {
	for name := range commands {
		if !slices.Contains(commandOrder, name) {
			t.Errorf("command %q is missing from commandOrder, so usage does not list it", name)
		}
	}
	for _, name := range commandOrder {
		if _, ok := commands[name]; !ok {
			t.Errorf("commandOrder lists %q, which is not a command", name)
		}
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"help"}, &out, &errb); err != nil || out.Len() > 0 {
		t.Fatalf("run(help) = %v, stdout %q; want nil and nothing on stdout", err, out.String())
	}
	for _, name := range commandOrder {
		if n := strings.Count(errb.String(), "\n  "+name+" "); n != 1 {
			t.Errorf("usage lists %q %d times, want once:\n%s", name, n, errb.String())
		}
	}
}
