package store

// DocumentFilter selects documents. Nil fields do not filter.
type DocumentFilter struct {
	Kind     *string // one of schema.Kinds[schema.Document]
	From, To *string // the document's date, inclusive, compared as ISO prefixes
	Source   *string // exactly this source: the versions of a document (see Versionable)
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
