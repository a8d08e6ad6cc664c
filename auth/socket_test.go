package auth

import (
	"context"
	"errors"
	"testing"
)

// keyring is an Authenticator that knows one key, a reader's.
type keyring struct{ on bool }

func (k keyring) Configured(context.Context) (bool, error) { return k.on, nil }

func (k keyring) Authenticate(_ context.Context, key string) (Principal, error) {
	if key == "good" {
		return Principal{KeyID: "k1", Role: Reader}, nil
	}
	return Principal{}, &Error{Code: CodeUnauthenticated, Message: "unknown key"}
}

// TestSocket checks that a websocket's connection_init payload is read by
// the rules of the HTTP headers.
func TestSocket(t *testing.T) {
	tests := []struct {
		name    string
		on      bool
		payload map[string]any
		want    Role // None: refused
	}{
		{"open mode, no key", false, nil, Admin},
		{"Authorization", true, map[string]any{"Authorization": "Bearer good"}, Reader},
		{"authorization, lower case", true, map[string]any{"authorization": "bearer good"}, Reader},
		{"apiKey", true, map[string]any{"apiKey": " good "}, Reader},
		{"both, agreeing", true, map[string]any{"Authorization": "Bearer good", "apiKey": "good"}, Reader},
		{"both, disagreeing", true, map[string]any{"Authorization": "Bearer good", "apiKey": "other"}, None},
		{"no Bearer", true, map[string]any{"Authorization": "good"}, None},
		{"unknown key", true, map[string]any{"apiKey": "bad"}, None},
		{"no key", true, nil, None},
		{"not a string", true, map[string]any{"apiKey": 42}, None},
	}
	for _, tt := range tests {
		ctx, err := Socket(keyring{on: tt.on})(context.Background(), tt.payload)
		if tt.want == None {
			if err == nil || !errors.Is(err, ErrUnauthenticated) {
				t.Errorf("%s: err = %v, want an Unauthenticated error", tt.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		if p, ok := From(ctx); !ok || p.Role != tt.want {
			t.Errorf("%s: principal %+v, want role %s", tt.name, p, tt.want)
		}
	}
}
