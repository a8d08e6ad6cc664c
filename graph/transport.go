package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// jsonPOST is transport.POST with a cheaper way out: it writes the answer
// of an operation that ran as gqlgen built it. transport.POST passes the
// whole response through json.Marshal, which re-parses the data gqlgen
// has already written as JSON to compact it: a tenth of the time of a
// large answer. Everything else (another Accept than plain JSON, a body
// that does not decode, an operation that cannot start, incremental
// delivery) is transport.POST's own work, so errors and status codes are
// gqlgen's.
type jsonPOST struct{ transport.POST }

func (t jsonPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	switch r.Header.Get("Accept") {
	case "", "*/*", "application/json":
	default:
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
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		replay()
		return
	}
	w.Header().Set("Content-Type", "application/json")
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, responses(ctx))
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
	var b bytes.Buffer
	b.Grow(len(resp.Data) + 64)
	b.WriteByte('{')
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			errs = []byte(`[{"message":"internal error: unable to encode the errors"}]`)
		}
		b.WriteString(`"errors":`)
		b.Write(errs)
		b.WriteByte(',')
	}
	b.WriteString(`"data":`)
	if len(resp.Data) == 0 {
		b.WriteString("null")
	} else {
		b.Write(resp.Data)
	}
	if len(resp.Extensions) > 0 {
		if ext, err := json.Marshal(resp.Extensions); err == nil {
			b.WriteString(`,"extensions":`)
			b.Write(ext)
		}
	}
	b.WriteByte('}')
	// The whole answer is at hand: saying its length spares both ends
	// chunked encoding.
	if hw, ok := w.(http.ResponseWriter); ok {
		hw.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	}
	w.Write(b.Bytes())
}

// failing is a reader that fails with err, or ends when err is nil.
type failing struct{ err error }

func (f failing) Read([]byte) (int, error) {
	if f.err == nil {
		return 0, io.EOF
	}
	return 0, f.err
}
