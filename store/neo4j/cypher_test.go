package neo4j

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/schema"
)

func TestLuceneQuery(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"NATO", `(key:nato^4 OR key:nato*^2 OR aliasText:nato^2 OR aliasText:nato*)`},
		{"  Štěpáník ", `(key:stepanik^4 OR key:stepanik*^2 OR aliasText:stepanik^2 OR aliasText:stepanik*)`},
		{"pav step", `(key:pav^4 OR key:pav*^2 OR aliasText:pav^2 OR aliasText:pav*) AND (key:step^4 OR key:step*^2 OR aliasText:step^2 OR aliasText:step*)`},
		// Key drops the syntax of hostile text before escaping sees it.
		{`x"); AND NOT * ^col:`, `(key:x^4 OR key:x*^2 OR aliasText:x^2 OR aliasText:x*) AND (key:and^4 OR key:and*^2 OR aliasText:and^2 OR aliasText:and*) AND (key:not^4 OR key:not*^2 OR aliasText:not^2 OR aliasText:not*) AND (key:col^4 OR key:col*^2 OR aliasText:col^2 OR aliasText:col*)`},
		{"", ""},
		{" ... ", ""},
	}
	for _, tt := range tests {
		if got := luceneQuery(tt.text); got != tt.want {
			t.Errorf("luceneQuery(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestFuzzyLuceneQuery(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Lipavksy", `(key:lipavksy^4 OR key:lipavksy*^2 OR aliasText:lipavksy^2 OR aliasText:lipavksy* OR key:lipavksy~2 OR aliasText:lipavksy~2)`},
		{"pompeoo un", `(key:pompeoo^4 OR key:pompeoo*^2 OR aliasText:pompeoo^2 OR aliasText:pompeoo* OR key:pompeoo~1 OR aliasText:pompeoo~1) AND (key:un^4 OR key:un*^2 OR aliasText:un^2 OR aliasText:un*)`},
		// No word long enough to forgive a typo: nothing more to ask.
		{"eu un", ""},
		{" ... ", ""},
	}
	for _, tt := range tests {
		if got := fuzzyLuceneQuery(tt.text); got != tt.want {
			t.Errorf("fuzzyLuceneQuery(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDocumentLuceneQuery(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"ransomware", `(title:ransomware^2 OR title:ransomware*^2 OR text:ransomware OR text:ransomware*)`},
		{"Černín pal", `(title:cernin^2 OR title:cernin*^2 OR text:cernin OR text:cernin*) AND (title:pal^2 OR title:pal*^2 OR text:pal OR text:pal*)`},
		{`x") OR text:*`, `(title:x^2 OR title:x*^2 OR text:x OR text:x*) AND (title:or^2 OR title:or*^2 OR text:or OR text:or*) AND (title:text^2 OR title:text*^2 OR text:text OR text:text*)`},
		{" ;; ", ""},
	}
	for _, tt := range tests {
		if got := documentLuceneQuery(tt.text); got != tt.want {
			t.Errorf("documentLuceneQuery(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestEscapeLucene(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"prague", "prague"},
		{`a+b-c`, `a\+b\-c`},
		{`x&&y||!z`, `x\&\&y\|\|\!z`},
		{`(g){r}[o]^u"p~*?:\/`, `\(g\)\{r\}\[o\]\^u\"p\~\*\?\:\\\/`},
		{"AND", "and"},
		{"OR", "or"},
		{"NOTE", "NOTE"},
		{"ščř", "ščř"},
	}
	for _, tt := range tests {
		if got := escapeLucene(tt.in); got != tt.want {
			t.Errorf("escapeLucene(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestStatementsCoverOntology checks that every entity and relation type
// has its statements, with the placeholders filled in.
func TestStatementsCoverOntology(t *testing.T) {
	stmts := statements()
	for _, typ := range schema.EntityTypes {
		q, ok := stmts["mergeEntity."+string(typ)]
		switch {
		case typ == schema.Document && ok:
			t.Errorf("documents have a merge-entity statement; they are stored as (:Document)")
		case typ != schema.Document && !ok:
			t.Errorf("no merge statement for entity type %s", typ)
		case ok && !strings.Contains(q, "SET e:"+string(typ)+","):
			t.Errorf("merge statement for %s does not set its label:\n%s", typ, q)
		}
	}
	for _, typ := range schema.RelationTypes {
		q, ok := stmts["mergeRelation."+string(typ)]
		if !ok || !strings.Contains(q, "[r:"+string(typ)+" {id: row.id}]") {
			t.Errorf("merge statement for relation type %s missing or wrong:\n%s", typ, q)
		}
		if q, ok := stmts["relationIDIndex."+string(typ)]; !ok || !strings.Contains(q, "[r:"+string(typ)+"]") {
			t.Errorf("id index for relation type %s missing or wrong: %s", typ, q)
		}
	}
	for name, q := range stmts {
		if strings.Contains(q, "__") {
			t.Errorf("statement %s has an unfilled placeholder:\n%s", name, q)
		}
	}
	// The participant filter names the ATTENDED type literally.
	if !strings.Contains(cypherCountEntities, "[a:"+string(schema.Attended)+"]") {
		t.Errorf("the participant filter does not follow %s edges", schema.Attended)
	}
}

// TestSetupStatementsLinted checks that what Open sends is among the
// statements the Cypher lint sees.
func TestSetupStatementsLinted(t *testing.T) {
	linted := map[string]bool{}
	for _, q := range statements() {
		linted[q] = true
	}
	all := append([]string{cypherAwaitIndexes}, setupStatements...)
	for _, q := range relationIDIndex {
		all = append(all, q)
	}
	for _, q := range all {
		if !linted[q] {
			t.Errorf("Open sends a statement the lint does not see:\n%s", q)
		}
	}
}
