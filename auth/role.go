package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Role is what a key may do. Each role includes the ones before it:
// an admin can do everything a curator can, and so on.
type Role int

const (
	// None is the zero Role: no access. No key has it.
	None Role = iota
	// Reader runs queries.
	Reader
	// Ingester also adds documents: the ingest mutations and POST /ingest.
	Ingester
	// Curator also edits the graph: merge, alias, assert, retract.
	Curator
	// Admin also manages keys and reads the audit log.
	Admin
)

var roleNames = [...]string{None: "none", Reader: "reader", Ingester: "ingester", Curator: "curator", Admin: "admin"}

// Roles lists the roles a key may have, least first.
var Roles = []Role{Reader, Ingester, Curator, Admin}

func (r Role) String() string {
	if r < None || int(r) >= len(roleNames) {
		return fmt.Sprintf("role(%d)", int(r))
	}
	return roleNames[r]
}

// Valid reports whether r is a role a key may have.
func (r Role) Valid() bool { return r >= Reader && r <= Admin }

// Includes reports whether a holder of r may do what need requires.
func (r Role) Includes(need Role) bool { return r.Valid() && need.Valid() && r >= need }

// ParseRole reads a role name (reader, ingester, curator, admin), ignoring
// case and surrounding space.
func ParseRole(s string) (Role, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, r := range Roles {
		if roleNames[r] == name {
			return r, nil
		}
	}
	return None, fmt.Errorf("unknown role %q: want one of reader, ingester, curator, admin", s)
}

// Principal is who a request acts for.
type Principal struct {
	KeyID string // "" in open mode and for local (CLI) callers
	Name  string // the key's name, or a description of the local caller
	Role  Role
	// Open is set when the server runs without keys (loopback only): every
	// caller is an admin, and the audit log says so.
	Open bool
}

// Who is how the audit log names the principal.
func (p Principal) Who() string {
	switch {
	case p.KeyID != "" && p.Name != "":
		return p.KeyID + " (" + p.Name + ")"
	case p.KeyID != "":
		return p.KeyID
	case p.Open:
		return "anonymous (open mode)"
	case p.Name != "":
		return p.Name
	}
	return "anonymous"
}

// OpenPrincipal is every caller of a server that runs without keys.
var OpenPrincipal = Principal{Name: "anonymous", Role: Admin, Open: true}

type ctxKey struct{}

// With returns ctx carrying p. The middleware calls it; so do in-process
// callers (the CLI, tests) that act with a known role.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the principal of ctx, and false when there is none (the
// request did not pass through the middleware).
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// Error codes, as the GraphQL layer should put them in extensions.code.
const (
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
)

// Error is an access error whose Message is safe to show to the caller.
// Compare with errors.Is against ErrUnauthenticated or ErrForbidden, or
// read Code after errors.As.
type Error struct {
	Code    string // CodeUnauthenticated or CodeForbidden
	Message string
	Need    Role // the role the operation needs (Forbidden)
	Have    Role // the role the caller has (Forbidden)
}

func (e *Error) Error() string { return e.Message }

// Is makes errors.Is(err, ErrForbidden) true for any forbidden error, and
// likewise for ErrUnauthenticated.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

var (
	// ErrUnauthenticated matches errors for requests without a valid key.
	ErrUnauthenticated = &Error{Code: CodeUnauthenticated, Message: "authentication required: pass an API key as Authorization: Bearer <key>"}
	// ErrForbidden matches errors for keys whose role is too low.
	ErrForbidden = &Error{Code: CodeForbidden, Message: "forbidden"}
)

// Code returns the extensions.code for an access error, "" for any other.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Require returns nil if the principal of ctx has role need, an
// Unauthenticated *Error if ctx carries none, and a Forbidden one naming
// both roles if its role is too low.
func Require(ctx context.Context, need Role) error {
	p, ok := From(ctx)
	if !ok || !p.Role.Valid() {
		return ErrUnauthenticated
	}
	if !p.Role.Includes(need) {
		return &Error{
			Code:    CodeForbidden,
			Message: fmt.Sprintf("forbidden: this needs the %s role; key %s has %s", need, p.Who(), p.Role),
			Need:    need,
			Have:    p.Role,
		}
	}
	return nil
}
