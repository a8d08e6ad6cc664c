package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
)

// Authenticator is what the middleware needs of a key database; *DB is one.
type Authenticator interface {
	// Configured reports whether keys are in force; while they are not,
	// every caller is OpenPrincipal.
	Configured(ctx context.Context) (bool, error)
	// Authenticate returns the principal of a presented key, or an
	// Unauthenticated *Error.
	Authenticate(ctx context.Context, key string) (Principal, error)
}

// Middleware authenticates each request before next sees it, by the key
// in "Authorization: Bearer <key>" or "X-API-Key: <key>", and puts the
// principal in the request's context (From). A missing, malformed,
// unknown or revoked key is answered 401 with a GraphQL-shaped JSON error
// (extensions.code UNAUTHENTICATED). While no key is configured every
// request is OpenPrincipal — an admin — whatever it presents: serve must
// then listen on loopback only (CheckBind).
//
// When keys can also record (a *DB can), a write it refuses — a GraphQL
// mutation, or a POST such as /ingest — is recorded in the audit log with
// the reason and the key id it presented ("anonymous" without one), and
// Need records the writes it refuses in the same log.
func Middleware(keys Authenticator, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		on, err := keys.Configured(ctx)
		if err != nil {
			slog.Error("auth: reading keys failed", "err", err)
			writeError(w, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "internal error checking credentials")
			return
		}
		if !on {
			next.ServeHTTP(w, r.WithContext(With(ctx, OpenPrincipal)))
			return
		}
		if rec, ok := keys.(recorder); ok {
			ctx = withRecorder(ctx, rec)
		}
		key, err := credentials(r)
		if err != nil {
			auditRefusal(ctx, r, claimed(key), err.Error())
			w.Header().Set("WWW-Authenticate", `Bearer realm="diplograph"`)
			writeError(w, http.StatusUnauthorized, CodeUnauthenticated, err.Error())
			return
		}
		p, err := keys.Authenticate(ctx, key)
		if err != nil {
			if Code(err) == CodeUnauthenticated {
				auditRefusal(ctx, r, claimed(key), err.Error())
				w.Header().Set("WWW-Authenticate", `Bearer realm="diplograph", error="invalid_token"`)
				writeError(w, http.StatusUnauthorized, CodeUnauthenticated, err.Error())
				return
			}
			slog.Error("auth: authenticating a key failed", "err", err)
			writeError(w, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "internal error checking credentials")
			return
		}
		next.ServeHTTP(w, r.WithContext(With(ctx, p)))
	})
}

// Need answers 403 (FORBIDDEN) to requests whose principal lacks role
// need, 401 to requests without one, and passes the rest to next. It goes
// inside Middleware, around endpoints that need one role throughout, such
// as POST /ingest (Ingester); a write it refuses is recorded in
// Middleware's audit log, so Audited goes inside it, not around it.
func Need(need Role, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := Require(r.Context(), need); err != nil {
			p, _ := From(r.Context())
			auditRefusal(r.Context(), r, p, err.Error())
			status := http.StatusForbidden
			if errors.Is(err, ErrUnauthenticated) {
				status = http.StatusUnauthorized
			}
			writeError(w, status, Code(err), err.Error())
			return
		}
		next.ServeHTTP(w, r)
	})
}

// credentials reads the key a request presents.
func credentials(r *http.Request) (string, error) {
	h := r.Header.Get("Authorization")
	x := strings.TrimSpace(r.Header.Get("X-API-Key"))
	switch {
	case h != "":
		scheme, key, ok := strings.Cut(strings.TrimSpace(h), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
			return "", errors.New("malformed Authorization header: want Authorization: Bearer <key>")
		}
		key = strings.TrimSpace(key)
		if x != "" && x != key {
			return "", errors.New("the Authorization and X-API-Key headers name different keys")
		}
		return key, nil
	case x != "":
		return x, nil
	}
	return "", ErrUnauthenticated
}

// writeError answers in the shape GraphQL clients read errors in.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{
		"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}

// Audited records each request to next in db's audit log as operation op,
// with the request's query parameters and body size as variables and the
// response status as result. It goes inside Middleware, around endpoints
// that change the graph outside GraphQL, such as POST /ingest.
func Audited(db *DB, op string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		e := Entry{
			Operation: op,
			Variables: Summarize(requestVars(r)),
			Result:    fmt.Sprintf("HTTP %d %s", sw.status, http.StatusText(sw.status)),
			OK:        sw.status < 400,
		}
		if err := db.Record(r.Context(), e); err != nil {
			slog.Error("audit: could not record a request", "operation", op, "err", err)
		}
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
