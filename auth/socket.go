package auth

import (
	"context"
	"log/slog"
	"strings"
)

// Socket admits a websocket by its connection_init payload, as
// Middleware admits a request by its headers: browsers cannot set headers
// on a websocket, so graphql-transport-ws clients send the key as
// {"Authorization": "Bearer <key>"} or {"apiKey": "<key>"}. The returned
// function gives the context the socket's operations run in, carrying the
// principal (Guard then checks each operation's role), or an
// Unauthenticated *Error for a missing, malformed, unknown or revoked
// key. With no key configured every socket is OpenPrincipal.
func Socket(keys Authenticator) func(ctx context.Context, payload map[string]any) (context.Context, error) {
	return func(ctx context.Context, payload map[string]any) (context.Context, error) {
		on, err := keys.Configured(ctx)
		if err != nil {
			slog.Error("auth: reading keys failed", "err", err)
			return nil, errInternal
		}
		if !on {
			return With(ctx, OpenPrincipal), nil
		}
		key, err := payloadKey(payload)
		if err != nil {
			return nil, err
		}
		p, err := keys.Authenticate(ctx, key)
		if err != nil {
			if Code(err) == CodeUnauthenticated {
				return nil, err
			}
			slog.Error("auth: authenticating a key failed", "err", err)
			return nil, errInternal
		}
		return With(ctx, p), nil
	}
}

// errInternal is what a socket hears when the keys cannot be read: the
// cause is logged, not shown.
var errInternal = &Error{Code: "INTERNAL_SERVER_ERROR", Message: "internal error checking credentials"}

// payloadKey reads the key of a connection_init payload by the rules of
// credentials: Authorization must be "Bearer <key>", and when both name a
// key they must agree.
func payloadKey(payload map[string]any) (string, error) {
	str := func(names ...string) string {
		for _, n := range names {
			if v, ok := payload[n].(string); ok && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	h := str("Authorization", "authorization")
	x := str("apiKey", "X-API-Key", "x-api-key")
	switch {
	case h != "":
		scheme, key, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
			return "", &Error{Code: CodeUnauthenticated, Message: `malformed Authorization in connection_init: want {"Authorization": "Bearer <key>"}`}
		}
		key = strings.TrimSpace(key)
		if x != "" && x != key {
			return "", &Error{Code: CodeUnauthenticated, Message: "the Authorization and apiKey of connection_init name different keys"}
		}
		return key, nil
	case x != "":
		return x, nil
	}
	return "", &Error{Code: CodeUnauthenticated, Message: `authentication required: send {"Authorization": "Bearer <key>"} or {"apiKey": "<key>"} in connection_init`}
}
