package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// getQuery is transport.GET with the answers HTTP caches and clients
// expect: a query's answer carries an ETag naming the graph's version
// (graphVersion) and what was asked (the query, or the persisted query it
// stands for, the operation, the variables and who asks), and a request
// whose If-None-Match names it is answered 304 Not Modified without
// running the query. Answers are "private, no-cache": a shared cache must
// not keep them (they depend on the key), and a client asks again each
// time, which costs a 304 while the graph has not changed. Answers with
// errors are not tagged and are "no-store". Operations that cannot start
// are answered by writeRequestError, as on POST.
type getQuery struct {
	version *graphVersion
	// scope names who asks, for the tag: answers differ by role.
	scope func(ctx context.Context, r *http.Request) string
}

var _ graphql.Transport = getQuery{}

// Supports is true for GET requests that are not websocket upgrades.
func (t getQuery) Supports(r *http.Request) bool {
	return r.Method == http.MethodGet && r.Header.Get("Upgrade") == ""
}

func (t getQuery) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ct := responseType(r)
	if ct == "" {
		ct = mediaJSON // GET has no other answer to give
	}
	w.Header().Set("Content-Type", ct)
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		badParams(w, ct, "the query string does not parse: "+err.Error())
		return
	}
	raw := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName"), Headers: r.Header}
	raw.ReadTime.Start = graphql.Now()
	for _, p := range []struct {
		name string
		dst  any
	}{{"variables", &raw.Variables}, {"extensions", &raw.Extensions}} {
		if v := q.Get(p.name); v != "" {
			dec := json.NewDecoder(strings.NewReader(v))
			dec.UseNumber()
			if err := dec.Decode(p.dst); err != nil {
				badParams(w, ct, p.name+" is not a JSON object: "+err.Error())
				return
			}
		}
	}
	raw.ReadTime.End = graphql.Now()
	if noQuery(raw) {
		badParams(w, ct, "the request has no query: pass ?query=… or a persisted query's hash in extensions")
		return
	}
	ctx := r.Context()
	// Read before the operation runs: a write meanwhile leaves the answer
	// tagged with a version the next request no longer matches.
	version := t.version.load()
	rc, opErr := exec.CreateOperationContext(ctx, raw)
	if opErr != nil {
		writeRequestError(w, ctx, exec, rc, opErr, ct)
		return
	}
	if op := rc.Operation; op == nil || op.Operation != ast.Query {
		// A GET must not change anything (GraphQL over HTTP: 405).
		w.Header().Set("Allow", "POST")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusMethodNotAllowed)
		w.Write(errorsOnly(gqlerror.List{{Message: "GET answers queries only: send mutations by POST and subscriptions by websocket",
			Extensions: map[string]any{"code": CodeBadRequest}}}, nil))
		return
	}
	tag, tagged := t.tag(ctx, r, rc, version)
	if tagged {
		w.Header().Set("Vary", "Authorization, X-API-Key")
		if matches(r.Header.Get("If-None-Match"), tag) {
			w.Header().Set("ETag", tag)
			w.Header().Set("Cache-Control", "private, no-cache")
			w.Header().Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	resp := responses(ctx)
	if tagged && resp != nil && len(resp.Errors) == 0 {
		w.Header().Set("ETag", tag)
		w.Header().Set("Cache-Control", "private, no-cache")
	} else {
		w.Header().Set("Cache-Control", "no-store")
	}
	writeResponse(w, resp)
}

// tag is the ETag of an operation's answer at version v; tagged is false
// for answers that change without a write to the graph (auditLog).
func (t getQuery) tag(ctx context.Context, r *http.Request, oc *graphql.OperationContext, v uint64) (tag string, tagged bool) {
	for _, sel := range oc.Operation.SelectionSet {
		if f, ok := sel.(*ast.Field); !ok || uncachedFields[f.Name] {
			return "", false
		}
	}
	vars, err := json.Marshal(oc.Variables) // map keys sorted: one spelling per value
	if err != nil {
		return "", false
	}
	h := sha256.New()
	// oc.RawQuery is the query a persisted-query hash stands for, so both
	// ways of asking share a tag.
	for _, part := range []string{oc.RawQuery, oc.OperationName, string(vars), t.scope(ctx, r)} {
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	return `W/"` + strconv.FormatUint(v, 10) + "-" + hex.EncodeToString(h.Sum(nil)[:16]) + `"`, true
}

// matches reports whether an If-None-Match header names tag, compared
// weakly as RFC 9110 asks of GET (W/ ignored); "*" matches any.
func matches(header, tag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(tag, "W/")
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "*" || strings.TrimPrefix(part, "W/") == want {
			return true
		}
	}
	return false
}

// credentialScope names the caller by the credentials it presents,
// hashed: the default scope of a tag when the handler knows no roles.
func credentialScope(_ context.Context, r *http.Request) string {
	h := sha256.Sum256([]byte(r.Header.Get("Authorization") + "\x00" + r.Header.Get("X-API-Key")))
	return hex.EncodeToString(h[:8])
}
