package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
)

// Shape limits checked on the query's text before it is parsed.
type ShapeLimits struct {
	MaxTokens  int // default 10,000
	MaxFields  int // field selections written in the text; default 1,000
	MaxAliases int // default 100
	MaxNesting int // braces, brackets and parentheses open at once; default 64
}

func (l *ShapeLimits) defaults() {
	if l.MaxTokens <= 0 {
		l.MaxTokens = 10_000
	}
	if l.MaxFields <= 0 {
		l.MaxFields = 1_000
	}
	if l.MaxAliases <= 0 {
		l.MaxAliases = 100
	}
	if l.MaxNesting <= 0 {
		l.MaxNesting = 64
	}
}

// preflight refuses a query whose text is over a shape limit in one pass
// of the lexer, before gqlgen parses and validates it: parsing recurses
// once per level of nesting, and validation has costs that grow faster
// than the text (the overlap check, see overlap.go), so neither may see a
// text of unbounded shape. It runs after persisted queries have put the
// text in place.
type preflight struct{ ShapeLimits }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = preflight{}

func (preflight) ExtensionName() string                   { return "Preflight" }
func (preflight) Validate(graphql.ExecutableSchema) error { return nil }

func (p preflight) MutateOperationParameters(_ context.Context, r *graphql.RawParams) *gqlerror.Error {
	s, err := scanShape(r.Query, p.MaxTokens)
	if err != nil {
		return err
	}
	over := func(what string, got, limit int) *gqlerror.Error {
		return &gqlerror.Error{
			Message:    fmt.Sprintf("query has %s%d %s, more than the %d allowed", more(s.cut), got, what, limit),
			Extensions: map[string]any{"code": CodeCostLimit},
		}
	}
	switch {
	case s.tokens > p.MaxTokens:
		return over("tokens", s.tokens, p.MaxTokens)
	case s.nesting > p.MaxNesting:
		return over("levels of nesting", s.nesting, p.MaxNesting)
	case s.aliases > p.MaxAliases:
		return over("aliases", s.aliases, p.MaxAliases)
	case s.fields > p.MaxFields:
		return over("fields", s.fields, p.MaxFields)
	}
	return nil
}

// more marks the counts of a scan that stopped before the end.
func more(cut bool) string {
	if cut {
		return "at least "
	}
	return ""
}

// shape is what scanShape counts.
type shape struct {
	tokens, fields, aliases, nesting int
	cut                              bool // the scan stopped at its limit of tokens
}

// scanShape counts a query's tokens, the fields and aliases of its
// selection sets, and its deepest nesting, stopping once tokens passes
// stop. A name inside a selection set (braces not inside an argument list)
// is a field, unless it follows "...", "on" or "@", or is an alias (a colon
// follows it). Lexical errors are left for the parser to report.
func scanShape(q string, stop int) (shape, *gqlerror.Error) {
	var s shape
	lx := lexer.New(&ast.Source{Input: q})
	var open []lexer.Type // what is open: BraceL, BracketL or ParenL
	var prev lexer.Token
	parens := 0
	pendingName := false // a name in a selection set, not yet known to be a field or an alias
	for {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			if pendingName {
				s.fields++
			}
			return s, nil
		}
		s.tokens++
		if s.tokens > stop {
			s.cut = true
			return s, nil
		}
		if pendingName {
			if tok.Kind == lexer.Colon {
				s.aliases++
			} else {
				s.fields++
			}
			pendingName = false
		}
		switch tok.Kind {
		case lexer.BraceL, lexer.BracketL, lexer.ParenL:
			open = append(open, tok.Kind)
			if tok.Kind == lexer.ParenL {
				parens++
			}
			s.nesting = max(s.nesting, len(open))
		case lexer.BraceR, lexer.BracketR, lexer.ParenR:
			if len(open) > 0 {
				if open[len(open)-1] == lexer.ParenL {
					parens--
				}
				open = open[:len(open)-1]
			}
		case lexer.Name:
			inSelection := parens == 0 && len(open) > 0 && open[len(open)-1] == lexer.BraceL
			notField := prev.Kind == lexer.Spread || prev.Kind == lexer.At || (prev.Kind == lexer.Name && prev.Value == "on")
			if inSelection && !notField {
				pendingName = true
			}
		}
		prev = tok
	}
}
