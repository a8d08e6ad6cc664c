package main_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// auditDir holds the graphql-http audit suite, installed by `make setup`
// (scripts/setup-graphqlaudit.sh) at the version its package.json pins.
const auditDir = "../../tools/graphqlaudit"

var auditSummary = regexp.MustCompile(`(?m)^audit: (\d+) ok, (\d+) notice, (\d+) warn, (\d+) error$`)

// TestGraphQLOverHTTPAudit runs the GraphQL-over-HTTP audit suite of the
// graphql-http package (auditServer) against the real server and fails on
// any error or warning (a MUST or a SHOULD of the spec the server does
// not do). It skips only when node is not installed.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the GraphQL-over-HTTP audit (tools/graphqlaudit) needs it (Debian: apt-get install nodejs npm, then make setup)")
	}
	if _, err := os.Stat(filepath.Join(auditDir, "node_modules", "graphql-http", "package.json")); err != nil {
		t.Fatalf("graphql-http is not installed in %s: run make setup (scripts/setup-graphqlaudit.sh): %v", auditDir, err)
	}
	s := startServeIn(t, t.TempDir(), "--corpus", t.TempDir())
	cmd := exec.Command(node, filepath.Join(auditDir, "audit.mjs"), s.url+"/graphql")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err = cmd.Run()
	t.Logf("audit results:\n%s", out.String())
	m := auditSummary.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("the audit printed no summary (%v):\n%s", err, stderr.String())
	}
	if m[3] != "0" || m[4] != "0" || err != nil {
		t.Errorf("audit: %s ok, %s notice, %s warn, %s error (exit: %v); want no warning and no error", m[1], m[2], m[3], m[4], err)
	}
}
