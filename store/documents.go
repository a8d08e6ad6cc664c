package store

import "context"

// DocumentFilter selects documents. Nil fields do not filter.
type DocumentFilter struct {
	Kind     *string // one of schema.Kinds[schema.Document]
	From, To *string // the document's date, inclusive, compared as ISO prefixes
	Page
}

// DocumentPage is a page of documents, newest first (undated last, then by
// id). Text may be left empty: listings are for choosing a document.
type DocumentPage struct {
	Items      []Document
	Cursors    []string // the cursor after each item, for Relay edges
	TotalCount int
	HasNext    bool
	EndCursor  string
}

// DocumentLister is implemented by stores that can list documents. It is
// apart from Store so that a store gains it without breaking the others;
// the API reports the listing as unavailable where a store lacks it.
type DocumentLister interface {
	// Documents lists documents matching f. EINVALID for a bad cursor or
	// page size.
	Documents(ctx context.Context, f DocumentFilter) (DocumentPage, error)
}
