package auth

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Entry is one line of the audit log: who did what, when, and how it went.
type Entry struct {
	ID        int64
	At        time.Time
	KeyID     string // "" for open mode and local callers
	Who       string // Principal.Who at the time
	Role      Role
	Operation string // e.g. the GraphQL mutation's root field, "POST /ingest", "keys.create"
	Variables string // a summary (see Summarize), never whole documents
	Result    string // what it changed, or the error
	OK        bool
}

// Record appends e to the audit log. Who, KeyID and Role come from the
// principal of ctx when e leaves them empty; At is set to now.
func (d *DB) Record(ctx context.Context, e Entry) error {
	if err := d.record(ctx, d.db, e); err != nil {
		return fmt.Errorf("record %s in audit log: %w", e.Operation, err)
	}
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (d *DB) record(ctx context.Context, x execer, e Entry) error {
	if e.Operation == "" {
		return fmt.Errorf("audit entry without an operation")
	}
	p, ok := From(ctx)
	if !ok {
		p = Principal{Name: "local", Role: Admin}
	}
	if e.Who == "" {
		e.Who, e.KeyID = p.Who(), p.KeyID
	}
	if e.Role == None {
		e.Role = p.Role
	}
	_, err := x.ExecContext(ctx, `INSERT INTO audit (at, key_id, who, role, operation, variables, result, ok) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		formatTime(d.Now()), e.KeyID, e.Who, e.Role.String(), e.Operation,
		clip(e.Variables, maxSummary), clip(e.Result, maxSummary), e.OK)
	return err
}

// AuditFilter selects audit entries. Nil fields do not filter.
type AuditFilter struct {
	KeyID        *string
	Operation    *string
	Since, Until *time.Time // inclusive
	Failed       *bool      // only failed (true) or successful (false) operations
	First        int        // page size; <= 0 means 50, at most 500
	After        string     // cursor from a previous page
}

// AuditPage is a page of audit entries, newest first.
type AuditPage struct {
	Items     []Entry
	HasNext   bool
	EndCursor string // "" when the page is empty
}

// Audit lists the audit log, newest first. Only admins may read it: the
// principal of ctx must have the Admin role (see Require).
func (d *DB) Audit(ctx context.Context, f AuditFilter) (AuditPage, error) {
	if err := Require(ctx, Admin); err != nil {
		return AuditPage{}, err
	}
	n := f.First
	switch {
	case n <= 0:
		n = 50
	case n > 500:
		return AuditPage{}, fmt.Errorf("audit: first may be at most 500, got %d", n)
	}
	var where []string
	var args []any
	if f.After != "" {
		after, err := strconv.ParseInt(f.After, 10, 64)
		if err != nil || after <= 0 {
			return AuditPage{}, fmt.Errorf("audit: invalid cursor %q", clip(f.After, 40))
		}
		where, args = append(where, "id < ?"), append(args, after)
	}
	if f.KeyID != nil {
		where, args = append(where, "key_id = ?"), append(args, *f.KeyID)
	}
	if f.Operation != nil {
		where, args = append(where, "operation = ?"), append(args, *f.Operation)
	}
	if f.Since != nil {
		where, args = append(where, "at >= ?"), append(args, formatTime(*f.Since))
	}
	if f.Until != nil {
		where, args = append(where, "at <= ?"), append(args, formatTime(*f.Until))
	}
	if f.Failed != nil {
		where, args = append(where, "ok = ?"), append(args, !*f.Failed)
	}
	q := `SELECT id, at, key_id, who, role, operation, variables, result, ok FROM audit`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, n+1)
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return AuditPage{}, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	var page AuditPage
	for rows.Next() {
		var e Entry
		var at, role string
		if err := rows.Scan(&e.ID, &at, &e.KeyID, &e.Who, &role, &e.Operation, &e.Variables, &e.Result, &e.OK); err != nil {
			return AuditPage{}, fmt.Errorf("audit: %w", err)
		}
		e.At, _ = parseTime(at)
		e.Role, _ = ParseRole(role)
		page.Items = append(page.Items, e)
	}
	if err := rows.Err(); err != nil {
		return AuditPage{}, fmt.Errorf("audit: %w", err)
	}
	if len(page.Items) > n {
		page.Items, page.HasNext = page.Items[:n], true
	}
	if k := len(page.Items); k > 0 {
		page.EndCursor = strconv.FormatInt(page.Items[k-1].ID, 10)
	}
	return page, nil
}

// maxSummary bounds what one audit entry keeps of variables and results.
const maxSummary = 2000

// maxValue bounds one string value in a summary: document texts and file
// contents are cut to their start and length.
const maxValue = 120

// Summarize renders GraphQL variables for the audit log as JSON with keys
// sorted, long strings cut to their start and length, so an entry says
// what was done without copying whole documents into the log.
func Summarize(vars map[string]any) string {
	if len(vars) == 0 {
		return ""
	}
	b, err := json.Marshal(summarize(vars, 0))
	if err != nil {
		return fmt.Sprintf("unprintable variables: %v", err)
	}
	return clip(string(b), maxSummary)
}

func summarize(v any, depth int) any {
	if depth > 6 {
		return "…"
	}
	switch v := v.(type) {
	case string:
		if len(v) > maxValue {
			return fmt.Sprintf("%s… (%d bytes)", clip(v, maxValue), len(v))
		}
		return v
	case []byte:
		return fmt.Sprintf("(%d bytes)", len(v))
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make(map[string]any, len(v))
		for _, k := range keys {
			out[k] = summarize(v[k], depth+1)
		}
		return out
	case []any:
		const most = 20
		out := make([]any, 0, min(len(v), most+1))
		for i, x := range v {
			if i == most {
				out = append(out, fmt.Sprintf("… %d more", len(v)-most))
				break
			}
			out = append(out, summarize(x, depth+1))
		}
		return out
	}
	return v
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
