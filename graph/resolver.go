package graph

import (
	"log/slog"

	"github.com/diplograph/diplograph/store"
)

//go:generate go run ./internal/generate

// Resolver is the root resolver and the one place dependencies are
// injected: every resolver reads the graph through Store, and per-parent
// fields go through the request's loaders (loaders.For).
type Resolver struct {
	Store   store.Store
	Extract Extractor // nil: the server cannot ingest
	Log     *slog.Logger
	Metrics *Metrics
	Audit   AuditLog // nil: the server keeps no audit log
	// Broker carries the events of this server's writes to subscribers;
	// nil: nothing is published and subscriptions are refused.
	Broker *Broker
}
