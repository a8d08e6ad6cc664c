package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openDB(t *testing.T) *DB {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func createKey(t *testing.T, d *DB, name string, r Role) (Key, string) {
	t.Helper()
	k, secret, err := d.Create(context.Background(), name, r)
	if err != nil {
		t.Fatalf("Create(%q, %v): %v", name, r, err)
	}
	return k, secret
}

func TestRoleIncludes(t *testing.T) {
	tests := []struct {
		have, need Role
		want       bool
	}{
		{Reader, Reader, true},
		{Reader, Ingester, false},
		{Reader, Curator, false},
		{Reader, Admin, false},
		{Ingester, Reader, true},
		{Ingester, Ingester, true},
		{Ingester, Curator, false},
		{Curator, Ingester, true},
		{Curator, Curator, true},
		{Curator, Admin, false},
		{Admin, Reader, true},
		{Admin, Curator, true},
		{Admin, Admin, true},
		{None, Reader, false},
		{Admin, None, false},
		{Role(9), Reader, false},
	}
	for _, tt := range tests {
		t.Run(tt.have.String()+"/"+tt.need.String(), func(t *testing.T) {
			if got := tt.have.Includes(tt.need); got != tt.want {
				t.Errorf("%v.Includes(%v) = %v, want %v", tt.have, tt.need, got, tt.want)
			}
			ctx := With(context.Background(), Principal{KeyID: "k", Role: tt.have})
			err := Require(ctx, tt.need)
			if (err == nil) != tt.want {
				t.Errorf("Require(%v) with %v = %v, want allowed %v", tt.need, tt.have, err, tt.want)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		in      string
		want    Role
		wantErr bool
	}{
		{"reader", Reader, false},
		{" Ingester ", Ingester, false},
		{"CURATOR", Curator, false},
		{"admin", Admin, false},
		{"none", None, true},
		{"root", None, true},
		{"", None, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRole(tt.in)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("ParseRole(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err == nil && got.String() != strings.ToLower(strings.TrimSpace(tt.in)) {
				t.Errorf("ParseRole(%q).String() = %q", tt.in, got)
			}
		})
	}
}

func TestRequireErrors(t *testing.T) {
	tests := []struct {
		name     string
		ctx      context.Context
		need     Role
		is       error
		code     string
		contains string
	}{
		{"no principal", context.Background(), Reader, ErrUnauthenticated, CodeUnauthenticated, "authentication required"},
		{"zero principal", With(context.Background(), Principal{}), Reader, ErrUnauthenticated, CodeUnauthenticated, "authentication required"},
		{"reader ingests", With(context.Background(), Principal{KeyID: "abc", Name: "dash", Role: Reader}), Ingester, ErrForbidden, CodeForbidden, "needs the ingester role; key abc (dash) has reader"},
		{"curator manages keys", With(context.Background(), Principal{KeyID: "x", Role: Curator}), Admin, ErrForbidden, CodeForbidden, "needs the admin role"},
		{"open mode is admin", With(context.Background(), OpenPrincipal), Admin, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Require(tt.ctx, tt.need)
			if tt.is == nil {
				if err != nil {
					t.Fatalf("Require(%v) = %v, want nil", tt.need, err)
				}
				return
			}
			if !errors.Is(err, tt.is) {
				t.Fatalf("Require(%v) = %v, want errors.Is %v", tt.need, err, tt.is)
			}
			wrapped := errors.Join(errors.New("resolver"), err)
			if Code(wrapped) != tt.code {
				t.Errorf("Code(%v) = %q, want %q", wrapped, Code(wrapped), tt.code)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("Require(%v) = %q, want it to contain %q", tt.need, err, tt.contains)
			}
			if tt.is == ErrForbidden && errors.Is(err, ErrUnauthenticated) {
				t.Errorf("forbidden error %v also matches ErrUnauthenticated", err)
			}
		})
	}
	if Code(errors.New("other")) != "" {
		t.Error(`Code(other error) != ""`)
	}
}

func TestKeys(t *testing.T) {
	ctx := context.Background()
	d := openDB(t)
	if on, err := d.Configured(ctx); on || err != nil {
		t.Fatalf("Configured() on a new db = %v, %v; want false", on, err)
	}
	keys := map[Role]string{}
	ids := map[Role]string{}
	for _, r := range Roles {
		k, secret := createKey(t, d, r.String()+" job", r)
		keys[r], ids[r] = secret, k.ID
		if !strings.HasPrefix(secret, keyPrefix+k.ID+"_") {
			t.Errorf("key %q does not start with %s%s_", secret, keyPrefix, k.ID)
		}
	}
	if on, err := d.Configured(ctx); !on || err != nil {
		t.Fatalf("Configured() with keys = %v, %v; want true", on, err)
	}
	if err := d.Revoke(ctx, ids[Curator]); err != nil {
		t.Fatal(err)
	}
	if err := d.Revoke(ctx, "000000000000"); !errors.Is(err, ErrNoKey) {
		t.Errorf("Revoke(unknown) = %v, want ErrNoKey", err)
	}

	flip := func(s string) string {
		b := []byte(s)
		if b[len(b)-1] == 'A' {
			b[len(b)-1] = 'B'
		} else {
			b[len(b)-1] = 'A'
		}
		return string(b)
	}
	tests := []struct {
		name string
		key  string
		want Role // None: rejected
	}{
		{"reader", keys[Reader], Reader},
		{"ingester", keys[Ingester], Ingester},
		{"admin", keys[Admin], Admin},
		{"revoked curator", keys[Curator], None},
		{"last character changed", flip(keys[Admin]), None},
		{"another key's secret under admin's id", keyPrefix + ids[Admin] + keys[Reader][len(keyPrefix)+12:], None},
		{"unknown id", keyPrefix + "0123456789ab" + keys[Admin][len(keyPrefix)+12:], None},
		{"no prefix", strings.TrimPrefix(keys[Admin], keyPrefix), None},
		{"truncated", keys[Admin][:len(keys[Admin])-1], None},
		{"empty", "", None},
		{"sql syntax", "dgk_' OR 1=1 --_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := d.Authenticate(ctx, tt.key)
			if tt.want == None {
				if Code(err) != CodeUnauthenticated {
					t.Errorf("Authenticate(%q) = %+v, %v; want UNAUTHENTICATED", tt.key, p, err)
				}
				return
			}
			if err != nil || p.Role != tt.want || p.KeyID == "" {
				t.Errorf("Authenticate(%q) = %+v, %v; want role %v", tt.key, p, err, tt.want)
			}
		})
	}

	list, err := d.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(Roles) {
		t.Fatalf("List() has %d keys, want %d", len(list), len(Roles))
	}
	for _, k := range list {
		if k.Revoked() != (k.ID == ids[Curator]) {
			t.Errorf("key %s (%s) revoked = %v", k.ID, k.Role, k.Revoked())
		}
		if k.Name != k.Role.String()+" job" {
			t.Errorf("key %s name %q, role %v", k.ID, k.Name, k.Role)
		}
	}
	if _, _, err := d.Create(ctx, "x", None); err == nil {
		t.Error("Create with role None succeeded")
	}
}

// TestNoPlaintextKeys reads the database's bytes, WAL included: the
// secrets must not be there, and their hashes must, which shows that the
// bytes searched are where keys are kept.
func TestNoPlaintextKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var secrets []string
	for _, r := range Roles {
		_, s := createKey(t, d, "k-"+r.String(), r)
		secrets = append(secrets, s)
	}
	read := func() []byte {
		var all []byte
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			b, err := os.ReadFile(path + suffix)
			if err == nil {
				all = append(all, b...)
			}
		}
		return all
	}
	check := func(when string) {
		all := read()
		for _, s := range secrets {
			secretPart := s[len(keyPrefix)+13:]
			if bytes.Contains(all, []byte(s)) || bytes.Contains(all, []byte(secretPart)) {
				t.Errorf("%s: key %q appears in the database files", when, s)
			}
			if !bytes.Contains(all, hashKey(s)) {
				t.Errorf("%s: the hash of key %q is not in the database files", when, s)
			}
		}
	}
	check("open")
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	check("closed")
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("%s mode = %v, %v; want 0600", path, info.Mode(), err)
	}
}

func TestMiddleware(t *testing.T) {
	ctx := context.Background()
	d := openDB(t)
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := From(r.Context())
		if !ok {
			http.Error(w, "no principal", 500)
			return
		}
		io.WriteString(w, p.Role.String())
	})
	h := Middleware(d, echo)
	ingest := Middleware(d, Need(Ingester, echo))

	type call struct {
		name    string
		handler http.Handler
		headers map[string]string
		status  int
		body    string // role echoed, or the extensions.code
	}
	do := func(t *testing.T, c call) {
		t.Helper()
		req := httptest.NewRequest("POST", "/graphql", strings.NewReader(`{}`))
		for k, v := range c.headers {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		c.handler.ServeHTTP(rec, req)
		if rec.Code != c.status {
			t.Fatalf("status = %d, want %d; body %s", rec.Code, c.status, rec.Body)
		}
		if c.status == 200 {
			if rec.Body.String() != c.body {
				t.Errorf("role = %q, want %q", rec.Body, c.body)
			}
			return
		}
		var e struct {
			Errors []struct {
				Message    string
				Extensions struct{ Code string }
			}
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || len(e.Errors) != 1 {
			t.Fatalf("body %q is not one GraphQL error: %v", rec.Body, err)
		}
		if e.Errors[0].Extensions.Code != c.body || e.Errors[0].Message == "" {
			t.Errorf("error = %+v, want code %s", e.Errors[0], c.body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		if c.status == 401 && rec.Header().Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
	}

	t.Run("open mode", func(t *testing.T) {
		for _, c := range []call{
			{"no key", h, nil, 200, "admin"},
			{"any key is ignored", h, map[string]string{"Authorization": "Bearer nonsense"}, 200, "admin"},
			{"ingest", ingest, nil, 200, "admin"},
		} {
			t.Run(c.name, func(t *testing.T) { do(t, c) })
		}
	})

	_, reader := createKey(t, d, "dashboard", Reader)
	_, ingester := createKey(t, d, "job", Ingester)
	revokedKey, revoked := createKey(t, d, "old", Admin)
	if err := d.Revoke(ctx, revokedKey.ID); err != nil {
		t.Fatal(err)
	}
	t.Run("keys configured", func(t *testing.T) {
		for _, c := range []call{
			{"no key", h, nil, 401, CodeUnauthenticated},
			{"unknown key", h, map[string]string{"Authorization": "Bearer dgk_000000000000_" + strings.Repeat("A", 43)}, 401, CodeUnauthenticated},
			{"revoked key", h, map[string]string{"Authorization": "Bearer " + revoked}, 401, CodeUnauthenticated},
			{"basic scheme", h, map[string]string{"Authorization": "Basic " + reader}, 401, CodeUnauthenticated},
			{"bearer without key", h, map[string]string{"Authorization": "Bearer "}, 401, CodeUnauthenticated},
			{"two different keys", h, map[string]string{"Authorization": "Bearer " + reader, "X-API-Key": ingester}, 401, CodeUnauthenticated},
			{"reader bearer", h, map[string]string{"Authorization": "Bearer " + reader}, 200, "reader"},
			{"lower-case scheme", h, map[string]string{"Authorization": "bearer " + reader}, 200, "reader"},
			{"reader X-API-Key", h, map[string]string{"X-API-Key": reader}, 200, "reader"},
			{"reader ingests", ingest, map[string]string{"Authorization": "Bearer " + reader}, 403, CodeForbidden},
			{"ingester ingests", ingest, map[string]string{"X-API-Key": ingester}, 200, "ingester"},
			{"no key ingests", ingest, nil, 401, CodeUnauthenticated},
		} {
			t.Run(c.name, func(t *testing.T) { do(t, c) })
		}
	})

	t.Run("revoking every key does not reopen", func(t *testing.T) {
		keys, err := d.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if err := d.Revoke(ctx, k.ID); err != nil {
				t.Fatal(err)
			}
		}
		// A fresh handle on the file must not think it is open either.
		d2, err := Open(d.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer d2.Close()
		do(t, call{"after revoking all", Middleware(d2, echo), nil, 401, CodeUnauthenticated})
		do(t, call{"revoked reader", Middleware(d2, echo), map[string]string{"Authorization": "Bearer " + reader}, 401, CodeUnauthenticated})
	})
}

func TestCheckBind(t *testing.T) {
	tests := []struct {
		addr           string
		keys, insecure bool
		wantErr        bool
	}{
		{"127.0.0.1:8080", false, false, false},
		{"127.1.2.3:0", false, false, false},
		{"[::1]:8080", false, false, false},
		{"localhost:8080", false, false, false},
		{"[::ffff:127.0.0.1]:80", false, false, false},
		{"0.0.0.0:8080", false, false, true},
		{":8080", false, false, true},
		{"[::]:8080", false, false, true},
		{"192.168.1.10:8080", false, false, true},
		{"example.org:80", false, false, true},
		{"localhost.example.org:80", false, false, true},
		{"0.0.0.0:8080", true, false, false},
		{"0.0.0.0:8080", false, true, false},
		{"no-port", false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			err := CheckBind(tt.addr, tt.keys, tt.insecure)
			if (err != nil) != tt.wantErr {
				t.Fatalf("CheckBind(%q, keys=%v, insecure=%v) = %v, want error %v", tt.addr, tt.keys, tt.insecure, err, tt.wantErr)
			}
			if err != nil && tt.addr != "no-port" {
				if !errors.Is(err, ErrInsecureBind) || !strings.Contains(err.Error(), "--allow-insecure-bind") {
					t.Errorf("CheckBind(%q) = %q, want ErrInsecureBind naming the flag", tt.addr, err)
				}
			}
			host, _, _ := net.SplitHostPort(tt.addr)
			want := "loopback"
			switch {
			case tt.keys:
				want = "keys are required"
			case tt.insecure && !IsLoopback(host):
				want = "WARNING"
			}
			if msg := StartMessage(tt.addr, tt.keys, tt.insecure); !strings.Contains(msg, want) {
				t.Errorf("StartMessage(%q, %v, %v) = %q, want it to contain %q", tt.addr, tt.keys, tt.insecure, msg, want)
			}
		})
	}
}

func TestAudit(t *testing.T) {
	d := openDB(t)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d.Now = func() time.Time { now = now.Add(time.Second); return now }
	ctx := context.Background()
	k, _ := createKey(t, d, "job", Ingester) // recorded as keys.create by "local"
	job := With(ctx, Principal{KeyID: k.ID, Name: "job", Role: Ingester})
	curator := With(ctx, Principal{KeyID: "c0ffee000000", Name: "ann", Role: Curator})
	admin := With(ctx, Principal{KeyID: "ad0000000000", Name: "root", Role: Admin})

	long := strings.Repeat("Ministry of Foreign Affairs. ", 10000)
	vars := map[string]any{"input": map[string]any{"filename": "a.txt", "text": long}, "ids": []any{"a", "b"}}
	if err := d.Record(job, Entry{Operation: "ingestDocument", Variables: Summarize(vars), Result: "doc:1 +3 entities", OK: true}); err != nil {
		t.Fatal(err)
	}
	if err := d.Record(curator, Entry{Operation: "mergeEntities", Variables: `{"from":"a","into":"b"}`, Result: "NOT_FOUND: no entity a", OK: false}); err != nil {
		t.Fatal(err)
	}
	if err := d.Record(curator, Entry{Operation: "assertRelation", Result: "rel:1", OK: true}); err != nil {
		t.Fatal(err)
	}

	for _, ctx := range []context.Context{ctx, job, curator} {
		if _, err := d.Audit(ctx, AuditFilter{}); err == nil {
			p, _ := From(ctx)
			t.Errorf("Audit as %v succeeded", p.Role)
		}
	}

	str := func(s string) *string { return &s }
	yes := true
	tests := []struct {
		name string
		f    AuditFilter
		want []string // operations, newest first
	}{
		{"all", AuditFilter{}, []string{"assertRelation", "mergeEntities", "ingestDocument", "keys.create"}},
		{"by key", AuditFilter{KeyID: str(k.ID)}, []string{"ingestDocument"}},
		{"by operation", AuditFilter{Operation: str("mergeEntities")}, []string{"mergeEntities"}},
		{"failed", AuditFilter{Failed: &yes}, []string{"mergeEntities"}},
		{"operation as SQL is data", AuditFilter{Operation: str("x' OR '1'='1")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := d.Audit(admin, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range page.Items {
				got = append(got, e.Operation)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Audit(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		})
	}

	t.Run("entry fields", func(t *testing.T) {
		page, err := d.Audit(admin, AuditFilter{KeyID: str(k.ID)})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("Audit = %+v, %v", page, err)
		}
		e := page.Items[0]
		if e.Who != k.ID+" (job)" || e.Role != Ingester || !e.OK || e.At.IsZero() || e.Result != "doc:1 +3 entities" {
			t.Errorf("entry = %+v", e)
		}
		if len(e.Variables) > maxSummary || !strings.Contains(e.Variables, `"filename":"a.txt"`) || !strings.Contains(e.Variables, "bytes)") {
			t.Errorf("variables summary = %q, want the filename and the text cut to its length", e.Variables)
		}
	})

	t.Run("paging", func(t *testing.T) {
		var got []string
		after := ""
		for range 10 {
			page, err := d.Audit(admin, AuditFilter{First: 1, After: after})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page.Items {
				got = append(got, e.Operation)
			}
			if !page.HasNext {
				break
			}
			after = page.EndCursor
		}
		if len(got) != 4 || got[0] != "assertRelation" || got[3] != "keys.create" {
			t.Errorf("paged audit = %v", got)
		}
		if _, err := d.Audit(admin, AuditFilter{After: "bogus"}); err == nil {
			t.Error("Audit with a bogus cursor succeeded")
		}
		if _, err := d.Audit(admin, AuditFilter{First: 501}); err == nil {
			t.Error("Audit with first 501 succeeded")
		}
	})
}

func TestAudited(t *testing.T) {
	d := openDB(t)
	ctx := context.Background()
	_, ingester := createKey(t, d, "job", Ingester)
	_, reader := createKey(t, d, "dash", Reader)
	ingest := Middleware(d, Need(Ingester, Audited(d, "POST /ingest", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("filename") == "bad.txt" {
			http.Error(w, "no text", http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))))
	tests := []struct {
		key, filename string
		status        int
		wantEntry     bool
	}{
		{ingester, "a.txt", 201, true},
		{ingester, "bad.txt", 400, true},
		{reader, "c.txt", 403, true}, // refused: recorded by Need, with the reason
	}
	for _, tt := range tests {
		req := httptest.NewRequest("POST", "/ingest?filename="+tt.filename, strings.NewReader("text"))
		req.Header.Set("X-API-Key", tt.key)
		rec := httptest.NewRecorder()
		ingest.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("POST /ingest?filename=%s = %d, want %d", tt.filename, rec.Code, tt.status)
		}
	}
	admin := With(ctx, Principal{Name: "t", Role: Admin})
	op := "POST /ingest"
	page, err := d.Audit(admin, AuditFilter{Operation: &op})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 3 {
		t.Fatalf("audit has %d POST /ingest entries, want 3: %+v", len(page.Items), page.Items)
	}
	denied, bad, good := page.Items[0], page.Items[1], page.Items[2]
	if denied.OK || !strings.Contains(denied.Variables, "c.txt") || !strings.Contains(denied.Result, "denied: forbidden: this needs the ingester role") ||
		denied.Role != Reader || !strings.Contains(denied.Who, "(dash)") {
		t.Errorf("refused ingest entry = %+v", denied)
	}
	if bad.OK || !strings.Contains(bad.Variables, "bad.txt") || !strings.Contains(bad.Result, "400") || bad.Role != Ingester {
		t.Errorf("failed ingest entry = %+v", bad)
	}
	if !good.OK || !strings.Contains(good.Result, "201") || !strings.Contains(good.Who, "(job)") {
		t.Errorf("ingest entry = %+v", good)
	}
}
