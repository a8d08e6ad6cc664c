package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// jsonPOST is transport.POST with a cheaper way out and the status codes
// of the GraphQL-over-HTTP spec. It writes the answer of an operation
// that ran as gqlgen built it: transport.POST passes the whole response
// through json.Marshal, which re-parses the data gqlgen has already
// written as JSON to compact it, a tenth of the time of a large answer.
// An operation that cannot start (it does not parse or validate, or a
// variable does not coerce) is answered by writeRequestError. Everything
// else (another Accept than JSON, a body that does not decode,
// incremental delivery) is transport.POST's own work.
type jsonPOST struct{ transport.POST }

func (t jsonPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ct := responseType(r)
	if ct == "" {
		t.POST.Do(w, r, exec)
		return
	}
	ctx := r.Context()
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	// replay hands the request to transport.POST as it arrived.
	replay := func() {
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), failing{err}))
		t.POST.Do(w, r, exec)
	}
	if err != nil {
		replay()
		return
	}
	params := &graphql.RawParams{}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if dec.Decode(params) != nil {
		replay()
		return
	}
	if noQuery(params) {
		badParams(w, ct, "the request has no query: send {\"query\": \"…\"} or a persisted query's hash in extensions")
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		writeRequestError(w, ctx, exec, rc, opErr, ct)
		return
	}
	if rc.Operation != nil && rc.Operation.Operation == ast.Subscription {
		// It would wait for its first event until the request's deadline.
		badParams(w, ct, "subscriptions are served over a graphql-transport-ws websocket at /graphql, or as server-sent events at GET /events")
		return
	}
	w.Header().Set("Content-Type", ct)
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
}

// Media types of GraphQL answers.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// responseType is the media type r accepts an answer in, as
// transport.POST chooses it (the first JSON type its Accept names;
// application/json when it names none or anything), or "" when Accept
// names neither JSON type nor a wildcard (multipart, event streams:
// transport.POST's business).
func responseType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return ""
}

// writeRequestError answers a request whose operation could not start as
// the GraphQL-over-HTTP spec asks: with no data entry (execution never
// began), and, when the client takes application/json, status 200 (a
// legacy client reads the errors only from a 200), while under
// application/graphql-response+json a document that does not parse or
// validate, or a variable that does not coerce, is 400. gqlgen's
// transports answer 422 with "data": null.
func writeRequestError(w http.ResponseWriter, ctx context.Context, exec graphql.GraphExecutor, rc *graphql.OperationContext, errs gqlerror.List, ct string) {
	status := http.StatusOK
	if ct == mediaGraphQLResponse && errcode.GetErrorKind(errs) == errcode.KindProtocol {
		status = http.StatusBadRequest
	}
	resp := exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(errorsOnly(resp.Errors, resp.Extensions))
}

// noQuery reports whether a request asks nothing: no query and no
// persisted query (its parameters are invalid, not its document).
func noQuery(p *graphql.RawParams) bool {
	_, persisted := p.Extensions["persistedQuery"]
	return strings.TrimSpace(p.Query) == "" && !persisted
}

// badParams answers a request that is not a well-formed GraphQL request
// (GraphQL over HTTP: 400, whichever JSON type the client takes).
func badParams(w http.ResponseWriter, ct, msg string) {
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusBadRequest)
	w.Write(errorsOnly(gqlerror.List{{Message: msg, Extensions: map[string]any{"code": CodeBadRequest}}}, nil))
}

// errorsOnly is the JSON of an answer without a data entry.
func errorsOnly(errs gqlerror.List, ext map[string]any) []byte {
	b, err := json.Marshal(struct {
		Errors     gqlerror.List  `json:"errors"`
		Extensions map[string]any `json:"extensions,omitempty"`
	}{errs, ext})
	if err != nil {
		return []byte(`{"errors":[{"message":"internal error: unable to encode the errors"}]}`)
	}
	return b
}

// writeResponse writes resp with its data as it is.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if resp == nil || resp.Label != "" || resp.Path != nil || resp.HasNext != nil {
		b, err := json.Marshal(resp)
		if err != nil {
			b = []byte(`{"errors":[{"message":"internal error: unable to encode the response"}],"data":null}`)
		}
		w.Write(b)
		return
	}
	// The answer's data is written as it is, not copied into a buffer of
	// the whole answer first.
	var errs, ext []byte
	if len(resp.Errors) > 0 {
		var err error
		if errs, err = json.Marshal(resp.Errors); err != nil {
			errs = []byte(`[{"message":"internal error: unable to encode the errors"}]`)
		}
	}
	if len(resp.Extensions) > 0 {
		ext, _ = json.Marshal(resp.Extensions)
	}
	data := resp.Data
	if len(data) == 0 {
		data = []byte("null")
	}
	n := len(`{"data":}`) + len(data)
	if errs != nil {
		n += len(`"errors":,`) + len(errs)
	}
	if ext != nil {
		n += len(`,"extensions":`) + len(ext)
	}
	// The whole answer is at hand: saying its length spares both ends
	// chunked encoding.
	if hw, ok := w.(http.ResponseWriter); ok {
		hw.Header().Set("Content-Length", strconv.Itoa(n))
	}
	io.WriteString(w, "{")
	if errs != nil {
		io.WriteString(w, `"errors":`)
		w.Write(errs)
		io.WriteString(w, ",")
	}
	io.WriteString(w, `"data":`)
	w.Write(data)
	if ext != nil {
		io.WriteString(w, `,"extensions":`)
		w.Write(ext)
	}
	io.WriteString(w, "}")
}

// failing is a reader that fails with err, or ends when err is nil.
type failing struct{ err error }

func (f failing) Read([]byte) (int, error) {
	if f.err == nil {
		return 0, io.EOF
	}
	return 0, f.err
}
