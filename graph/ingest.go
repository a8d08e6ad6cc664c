package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/store"
)

// Extractor turns a file into the batch it yields; ingest.Pipeline.Process
// is one. It is injected so that graph does not depend on the pipeline.
type Extractor func(ctx context.Context, name string, data []byte) (store.Batch, error)

// ingestRequest is one document to ingest with the metadata its sender
// states, which wins over what the reader finds.
type ingestRequest struct {
	filename                       string
	data                           []byte
	title, source, date, publisher string // date: checked by the caller (checkDate), source by checkSource
}

// ingest extracts and stores one document.
func (r *Resolver) ingest(ctx context.Context, req ingestRequest) (*model.IngestResult, error) {
	if r.Extract == nil {
		return nil, store.Errorf(store.EINVALID, "this server was started without an extraction pipeline; ingest with the diplograph ingest command")
	}
	if req.filename == "" {
		req.filename = "document.txt"
	}
	req.filename = filepath.Base(req.filename)
	b, err := r.Extract(ctx, req.filename, req.data)
	if err != nil {
		r.countIngest("failed")
		if store.ErrorCode(err) != store.EINTERNAL {
			return nil, err
		}
		// The pipeline's errors are about the file (empty, unreadable, an
		// unknown type) and name it; they are the sender's to fix.
		return nil, store.Errorf(store.EINVALID, "%v", err)
	}
	if req.title != "" {
		b.Document.Title = req.title
	}
	if req.source != "" {
		b.Document.Source = req.source
	}
	if req.date != "" {
		b.Document.Date = req.date
	}
	if req.publisher != "" {
		b.Document.Publisher = req.publisher
	}
	// Prepare here too (the store repeats it) so the relations carry the
	// ids the store reports as new.
	if err := b.Prepare(); err != nil {
		r.countIngest("failed")
		return nil, err
	}
	res, err := r.Store.WriteBatch(ctx, b)
	if err != nil {
		r.countIngest("failed")
		return nil, err
	}
	doc, err := r.Store.Document(ctx, res.DocumentID)
	if err != nil {
		return nil, err
	}
	out := &model.IngestResult{Document: &model.Document{D: doc}, Existed: res.Existed, NewEntityIDs: orEmpty(res.NewEntities), NewEvidence: res.NewEvidence, NewRelations: []*model.Relation{}}
	for _, rel := range b.Relations {
		if slices.Contains(res.NewRelation, rel.ID) {
			rel.Evidence = nil
			out.NewRelations = append(out.NewRelations, &model.Relation{R: rel})
		}
	}
	if err := withEnds(ctx, out.NewRelations, fieldsAt(ctx, "newRelations")); err != nil {
		return nil, err
	}
	if res.Existed {
		r.countIngest("unchanged")
	} else {
		r.countIngest("added")
		// Only now, with the write committed, may subscribers hear of it.
		rels := make([]store.Relation, len(out.NewRelations))
		for i, rel := range out.NewRelations {
			rels[i] = rel.R
		}
		r.publishIngest(ctx, doc, rels)
	}
	return out, nil
}

func (r *Resolver) countIngest(result string) {
	if r.Metrics != nil {
		r.Metrics.Ingested(result, 1)
	}
}

// ingestInput checks the mutation's input.
func ingestInput(in model.IngestDocumentInput) (ingestRequest, error) {
	req := ingestRequest{}
	// A date given is a date, even an empty one: null leaves the reader's.
	if err := checkDate("input.date", in.Date); err != nil {
		return req, err
	}
	if err := checkDate("input.published", in.Published); err != nil {
		return req, err
	}
	if err := checkSource("input.source", in.Source); err != nil {
		return req, err
	}
	if in.Published != nil {
		in.Date = in.Published // the publication date is the document's date
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&req.filename, in.Filename}, {&req.title, in.Title}, {&req.source, in.Source}, {&req.date, in.Date}, {&req.publisher, in.Publisher}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	switch {
	case (in.Text == nil) == (in.File == nil):
		return req, store.Errorf(store.EINVALID, "give exactly one of text and file")
	case in.Text != nil:
		req.data = []byte(*in.Text)
	default:
		data, err := base64.StdEncoding.DecodeString(*in.File)
		if err != nil {
			return req, store.Errorf(store.EINVALID, "file is not valid base64: %v", err)
		}
		req.data = data
	}
	return req, nil
}

// ingestHandler takes a raw file in the body of POST /ingest, with
// filename, title, source, published (or date) and publisher as query
// parameters, and answers what
// it added as JSON: {document {id filename title}, existed, newEntities
// (ids), newRelations (ids), newEvidence}, the lists [] when empty. Its
// errors have the shape of GraphQL's (writeError), so one client reads
// both. An empty date parameter is no date, as an absent one is: a query
// string has no null.
func ingestHandler(res *Resolver, maxBytes int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		// Checked before the body is read: a bad date needs no upload.
		for _, arg := range []string{"date", "published"} {
			if d := q.Get(arg); d != "" {
				if err := checkDate(arg, &d); err != nil {
					writeError(w, http.StatusBadRequest, CodeBadUserInput, err.Error())
					return
				}
			}
		}
		if src := q.Get("source"); src != "" {
			if err := checkSource("source", &src); err != nil {
				writeError(w, http.StatusBadRequest, CodeBadUserInput, err.Error())
				return
			}
		}
		date := q.Get("date")
		if p := q.Get("published"); p != "" {
			date = p
		}
		if r.ContentLength > maxBytes {
			writeError(w, http.StatusRequestEntityTooLarge, CodeBadRequest, fmt.Sprintf("file is %d bytes, more than the %d allowed", r.ContentLength, maxBytes))
			return
		}
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBytes))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeError(w, http.StatusRequestEntityTooLarge, CodeBadRequest, fmt.Sprintf("file is more than the %d bytes allowed", maxBytes))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, CodeBadRequest, "could not read the file: "+err.Error())
			return
		}
		out, err := res.ingest(r.Context(), ingestRequest{
			filename: q.Get("filename"), data: data,
			title: q.Get("title"), source: q.Get("source"), date: date, publisher: q.Get("publisher"),
		})
		if err != nil {
			code, status := CodeInternal, http.StatusInternalServerError
			switch store.ErrorCode(err) {
			case store.EINVALID:
				code, status = CodeBadUserInput, http.StatusBadRequest
			case store.ECONFLICT:
				code, status = CodeConflict, http.StatusConflict
			}
			msg := err.Error()
			if code == CodeInternal {
				res.Log.Error("ingest: internal error", "err", err, "filename", q.Get("filename"))
				msg = "internal error"
			}
			writeError(w, status, code, msg)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		status := http.StatusCreated
		if out.Existed {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		rels := make([]string, len(out.NewRelations))
		for i, rel := range out.NewRelations {
			rels[i] = rel.R.ID
		}
		json.NewEncoder(w).Encode(map[string]any{
			"document":     map[string]any{"id": out.Document.D.ID, "filename": out.Document.D.Filename, "title": out.Document.D.Title},
			"existed":      out.Existed,
			"newEntities":  out.NewEntityIDs,
			"newRelations": rels,
			"newEvidence":  out.NewEvidence,
		})
	})
}
