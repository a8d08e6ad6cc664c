package neo4j

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// sent records the name of every statement a fake transaction ran, across
// the package's tests.
var sent struct {
	sync.Mutex
	names map[string]bool
}

func recordSent(name string) {
	sent.Lock()
	defer sent.Unlock()
	if sent.names == nil {
		sent.names = map[string]bool{}
	}
	sent.names[name] = true
}

// TestMain checks, after a full run, that the fake-transaction tests sent
// every statement but Open's schema set-up (which needs a server): a
// statement the lint passes but no test runs may still be called with the
// wrong parameters. Per-type statements count once per family, as they
// differ only in the type. A run narrowed by -run skips the check.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code != 0 || flag.Lookup("test.run").Value.String() != "" {
		os.Exit(code)
	}
	if missing := unsent(); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: no fake-transaction test sends %s\n", strings.Join(missing, ", "))
		os.Exit(1)
	}
	os.Exit(code)
}

func unsent() []string {
	setup := map[string]bool{cypherAwaitIndexes: true}
	for _, q := range setupStatements {
		setup[q] = true
	}
	for _, q := range relationIDIndex {
		setup[q] = true
	}
	family := func(name string) string {
		f, _, _ := strings.Cut(name, ".")
		return f
	}
	sent.Lock()
	defer sent.Unlock()
	covered := map[string]bool{}
	for name := range sent.names {
		covered[family(name)] = true
	}
	var missing []string
	for name, q := range statements() {
		if !setup[q] && !covered[family(name)] && !slices.Contains(missing, family(name)) {
			missing = append(missing, family(name))
		}
	}
	slices.Sort(missing)
	return missing
}
