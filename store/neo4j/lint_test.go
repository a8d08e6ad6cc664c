package neo4j

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/diplograph/diplograph/schema"
)

// No Neo4j server can run on the project's machines, so every statement
// the package can send is checked here by Neo4j's own Cypher front end
// (tools/cypherlint, @neo4j-cypher/language-support): syntax, undefined
// variables, and, through the schema below, misspelt labels, types and
// property keys. It runs in every `go test ./...`; without node or the
// linter's node_modules it fails, because a missing check must not look
// like a passing one.

const setupHint = "run scripts/setup-cypherlint.sh first (or set DIPLOGRAPH_SKIP_CYPHERLINT=1 to skip the Cypher lint)"

// undefinedParameter is the linter's notice for a $parameter it was not
// given a value for; the store supplies them all at run time.
var undefinedParameter = regexp.MustCompile(`^Parameter \$\S+ is not defined\.$`)

// propertyKeys are the properties the store writes. A statement that reads
// any other key has a typo: the linter warns and the test fails.
var propertyKeys = []string{
	// entities
	"id", "type", "kind", "name", "key", "aliases", "aliasKeys", "aliasText", "date", "endDate",
	"firstDocument", "lastDocument",
	// documents
	"filename", "title", "publisher", "source", "text", "ingestedAt",
	// relations
	"since", "confidence", "firstSeen", "lastSeen",
	// evidence
	"relationId", "documentId", "sentence", "start", "end", "extractor",
	// retractions
	"retractedReason", "retractedAt",
	// time and versions
	"status", "statusAsOf", "until", "tense", "tenseAsOf", "withdrawnBy", "withdrawnAt",
	// fields of UNWIND rows, which the linter cannot tell from properties
	"subject", "object", "old", "new",
}

// lintSchema tells the linter the labels, relationship types and property
// keys of the store's graph.
func lintSchema() map[string]any {
	labels := []string{"Entity", "Document", "Evidence", "FormerRelationID"}
	for _, t := range schema.EntityTypes {
		if t != schema.Document {
			labels = append(labels, string(t))
		}
	}
	types := []string{"FOUND_IN", "MENTIONS"}
	for _, t := range schema.RelationTypes {
		types = append(types, string(t))
	}
	return map[string]any{"labels": labels, "relationshipTypes": types, "propertyKeys": propertyKeys}
}

type diagnostic struct {
	Statement     string `json:"statement"`
	CypherVersion string `json:"cypherVersion"`
	Severity      string `json:"severity"`
	Message       string `json:"message"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
}

type lintOutput struct {
	Linter      string       `json:"linter"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

// errSetup marks a lint failure that the setup script cures.
var errSetup = errors.New(setupHint)

// runLint runs tools/cypherlint/lint.mjs over the statements and returns
// the diagnostics other than undefined-parameter notices.
func runLint(root string, stmts map[string]string) (lintOutput, error) {
	dir := filepath.Join(root, "tools", "cypherlint")
	node, err := exec.LookPath("node")
	if err != nil {
		return lintOutput{}, fmt.Errorf("node is not installed: %v; %w", err, errSetup)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j-cypher", "language-support", "package.json")); err != nil {
		return lintOutput{}, fmt.Errorf("the Cypher linter is not installed in %s: %v; %w", dir, err, errSetup)
	}
	// Reading the linter's files makes go test's result cache notice when
	// they change; it does not see what the node process reads.
	for _, f := range []string{"lint.mjs", "package-lock.json", filepath.Join("node_modules", ".diplograph-lock.sha256")} {
		if _, err := os.ReadFile(filepath.Join(dir, f)); err != nil {
			return lintOutput{}, fmt.Errorf("the Cypher linter is incomplete: %v; %w", err, errSetup)
		}
	}
	in, err := json.Marshal(map[string]any{"statements": stmts, "dbSchema": lintSchema()})
	if err != nil {
		return lintOutput{}, err
	}
	cmd := exec.Command(node, filepath.Join(dir, "lint.mjs"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return lintOutput{}, fmt.Errorf("node lint.mjs: %v\n%s\n%w", err, stderr.Bytes(), errSetup)
	}
	var res lintOutput
	if err := json.Unmarshal(out, &res); err != nil {
		return lintOutput{}, fmt.Errorf("node lint.mjs printed %q: %w", out, err)
	}
	res.Diagnostics = slices.DeleteFunc(res.Diagnostics, func(d diagnostic) bool {
		return undefinedParameter.MatchString(d.Message)
	})
	return res, nil
}

// brokenPrefix names the deliberately broken statements of
// TestCypherLintCatches among the rest.
const brokenPrefix = "broken/"

// linted holds the one linter run both lint tests share: starting node
// and the Cypher front end is the slow part.
var linted struct {
	once  sync.Once
	stmts map[string]string
	out   lintOutput
	err   error
}

// lintAll lints the package's statements, the tests' own and the broken
// ones, once per test binary.
func lintAll(t *testing.T) (map[string]string, lintOutput) {
	t.Helper()
	if os.Getenv("DIPLOGRAPH_SKIP_CYPHERLINT") == "1" {
		t.Skip("DIPLOGRAPH_SKIP_CYPHERLINT=1: Cypher lint skipped")
	}
	root := repoRoot(t)
	linted.once.Do(func() {
		stmts := statements()
		for name, q := range testStatements {
			stmts[name] = q
		}
		for _, b := range broken {
			stmts[brokenPrefix+b.name] = b.statement
		}
		linted.stmts = stmts
		linted.out, linted.err = runLint(root, stmts)
	})
	if linted.err != nil {
		t.Fatal(linted.err)
	}
	return linted.stmts, linted.out
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the test's own file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// cypherClearDatabase empties the test database between subtests. Tests
// only: the store deletes only what a document or a merge leaves behind.
const cypherClearDatabase = `MATCH (n) DETACH DELETE n`

// testStatements are sent by the tests only.
var testStatements = map[string]string{"clearDatabase": cypherClearDatabase}

func TestCypherLint(t *testing.T) {
	stmts, res := lintAll(t)
	n := 0
	for name := range stmts {
		if !strings.HasPrefix(name, brokenPrefix) {
			n++
		}
	}
	t.Logf("%d statements checked by %s", n, res.Linter)
	for _, d := range res.Diagnostics {
		if strings.HasPrefix(d.Statement, brokenPrefix) {
			continue
		}
		q := stmts[d.Statement]
		t.Errorf("statement %s (%s): %s: %s at %q", d.Statement, d.CypherVersion, d.Severity, d.Message, excerpt(q, d.Start, d.End))
	}
}

func excerpt(q string, start, end int) string {
	// Offsets count UTF-16 units; the statements are ASCII, where they agree.
	start, end = max(0, min(start-15, len(q))), max(0, min(end+15, len(q)))
	return strings.Join(strings.Fields(q[start:end]), " ")
}

// broken are statements the linter must object to (and one it must not),
// linted along with the package's own.
var broken = []struct {
	name, statement string
	want            string // a substring of some diagnostic; "" for none
}{
	{"ok", `MATCH (e:Entity {id: $id}) RETURN e.name AS name`, ""},
	{"syntax", `MATCH (e:Entity {id: $id} RETURN e`, "Invalid input"},
	{"undefined variable", `MATCH (e:Entity) RETURN f.name AS name`, "Variable `f` not defined"},
	{"misspelt keyword", `MTACH (e:Entity) RETURN e`, "Invalid input"},
	{"misspelt label", `MATCH (e:Entiy) RETURN e.id AS id`, "Entiy"},
	{"misspelt relationship type", `MATCH (a:Entity)-[:ATENDED]->(b:Entity) RETURN a.id AS id`, "ATENDED"},
	{"misspelt property", `MATCH (e:Entity) RETURN e.endDte AS d`, "endDte"},
	{"aggregation in WHERE", `MATCH (e:Entity) WHERE count(e) > 1 RETURN e`, "aggregating function"},
	{"parameter as label", `MATCH (e:$label) RETURN e`, "Invalid input"},
}

// TestCypherLintCatches shows the lint test can fail: each broken statement
// draws a diagnostic, and the good one none.
func TestCypherLintCatches(t *testing.T) {
	_, res := lintAll(t)
	for _, tt := range broken {
		t.Run(tt.name, func(t *testing.T) {
			var msgs []string
			for _, d := range res.Diagnostics {
				if d.Statement == brokenPrefix+tt.name {
					msgs = append(msgs, d.CypherVersion+": "+d.Message)
				}
			}
			switch {
			case tt.want == "" && len(msgs) > 0:
				t.Errorf("lint(%q) = %q, want no diagnostic", tt.statement, msgs)
			case tt.want != "" && !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(strings.ToLower(m), strings.ToLower(tt.want)) }):
				t.Errorf("lint(%q) = %q, want a diagnostic containing %q", tt.statement, msgs, tt.want)
			}
		})
	}
}

// TestLintSetupHint checks that a missing linter fails with directions to
// the setup script rather than passing quietly.
func TestLintSetupHint(t *testing.T) {
	_, err := runLint(t.TempDir(), map[string]string{"q": "RETURN 1"})
	if !errors.Is(err, errSetup) || !strings.Contains(err.Error(), "scripts/setup-cypherlint.sh") {
		t.Errorf("runLint(no linter) error = %v, want one naming the setup script", err)
	}
}
