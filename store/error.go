package store

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Error codes. The API edge maps them to HTTP statuses and GraphQL
// extensions.code; only EINTERNAL is logged.
const (
	ECONFLICT = "conflict"
	EINTERNAL = "internal"
	EINVALID  = "invalid"
	ENOTFOUND = "not_found"
)

// Error is an error a user may see: Message is safe to show.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err's *Error, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// A cursor is an opaque position in an ordered listing: the sort key of the
// last item seen and its id, so paging is by key (stable under inserts),
// never by offset.

// EncodeCursor returns the cursor after an item with the given sort key and id.
func EncodeCursor(sortKey, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.Quote(sortKey) + " " + strconv.Quote(id)))
}

// DecodeCursor reverses EncodeCursor. EINVALID for anything it did not make.
func DecodeCursor(cursor string) (sortKey, id string, err error) {
	bad := Errorf(EINVALID, "invalid cursor %q: pass a cursor from a previous page", truncate(cursor, 40))
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return "", "", bad
	}
	s := string(raw)
	k, rest, ok := cutQuoted(s)
	if !ok || !strings.HasPrefix(rest, " ") {
		return "", "", bad
	}
	i, rest, ok := cutQuoted(rest[1:])
	if !ok || rest != "" {
		return "", "", bad
	}
	return k, i, nil
}

func cutQuoted(s string) (val, rest string, ok bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", false
	}
	v, err := strconv.Unquote(q)
	if err != nil {
		return "", "", false
	}
	return v, s[len(q):], true
}

// CheckPage validates p and returns the page size to use.
func CheckPage(p Page) (int, error) {
	switch {
	case p.First < 0:
		return 0, Errorf(EINVALID, "first must not be negative, got %d", p.First)
	case p.First == 0:
		return DefaultPageSize, nil
	case p.First > MaxPageSize:
		return 0, Errorf(EINVALID, "first may be at most %d, got %d", MaxPageSize, p.First)
	}
	return p.First, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }
