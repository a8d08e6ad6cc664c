// Package graph serves the knowledge graph over GraphQL with gqlgen,
// schema first: the SDL is schema/*.graphqls, gqlgen.yml binds it to the
// store's types (graph/model wraps those whose nullable fields must read as
// null), and `make generate` (graph/internal/generate: gqlgen, then one
// documented rewrite of its list marshalling, listorder.go) writes
// generated.go, listorder_gen.go, model/models_gen.go and the
// *.resolvers.go stubs (follow-schema layout).
//
// Resolvers read the graph only through store.Store, injected in Resolver.
// Fields resolved per parent (an event's participants, location, evidence
// and documents; a relation's ends and evidence; a document's mentions) go
// through the request's loaders (graph/loaders), so fifty events cost the
// same handful of store calls as five. List resolvers (entity, entities,
// events, timeline, relations, documents, neighborhood, path) also look
// ahead at the selection under their items and prime the loaders with one
// call per kind of data (prefetch.go), so the fields below them do not
// wait out a batch window: a one-hop query costs its store round trips.
//
// Curation (addAlias, mergeEntities, assertRelation, retractRelation) and
// deleteDocument are mutations over the Store's curation calls; an
// asserted relation's evidence is the analyst's note (extractor
// "analyst", no document). Retracted relations are hidden from every
// listing and expansion; relations(filter: {includeRetracted: true}) and
// relation(id) show them with retracted { reason at }. Who may run which
// mutation, and the audit log, are auth.Guard's, added by serve through
// Options.Extensions; the admin-only auditLog query reads that log through
// Options.Audit, which serve adapts from auth.
//
// An event's evidence is the evidence of every relation touching it
// (ATTENDED, HELD_IN, PRODUCED, DISCUSSED), each sentence once.
//
// Errors carry extensions.code: store.EINVALID → BAD_USER_INPUT,
// ENOTFOUND → NOT_FOUND, ECONFLICT → CONFLICT; anything else is logged and
// shown as INTERNAL_SERVER_ERROR "internal error". gqlgen's own request
// errors keep their codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
// PERSISTED_QUERY_NOT_FOUND), except that a
// variable of the wrong type or value is BAD_USER_INPUT; malformed bodies
// are BAD_REQUEST, the depth limit DEPTH_LIMIT_EXCEEDED, a request that
// ran out of time TIMEOUT. Every argument that takes a date (the from and
// to of the events, documents and relations filters and of timeline,
// ingestDocument's input.date, assertRelation's input.since and
// input.until, POST /ingest's date) passes checkDate: YYYY, YYYY-MM or
// YYYY-MM-DD with a real month and day, else BAD_USER_INPUT naming the
// argument; a range
// whose from is after its to is refused the same way. POST /ingest and
// the handler's other HTTP errors have the shape of GraphQL's errors
// (writeError), and lists with nothing in them are [], never null, there
// as in GraphQL.
//
// NewHandler adds the limits, in the order a request meets them: load
// shedding (shed.go: 429 past the requests allowed at once, overall and
// per client), body size and deadline (limit), the shape of the text
// before it is parsed (preflight.go: tokens, fields, aliases, nesting),
// validation with a linear overlap check (overlap.go), the estimated cost
// and depth before any resolver runs (cost.go: COST_LIMIT_EXCEEDED,
// DEPTH_LIMIT_EXCEEDED), a turn for heavy queries (shed.go: SERVER_BUSY),
// and while it runs the row and byte budgets (budget.go:
// RESOURCE_LIMIT_EXCEEDED with the data so far). docs/OPERATIONS.md lists
// every limit and its flag. Also: automatic persisted queries, the offline
// GraphiQL page, /healthz, /readyz, /metrics, POST /ingest and CORS.
//
// HTTP as GraphQL-over-HTTP clients expect it (transport.go, etag.go): an
// operation that cannot start is answered without a data entry, 200 under
// application/json and 400 under application/graphql-response+json; GET
// answers carry an ETag keyed by the graph's version (graphVersion, moved
// by every write of this server), the query (or the persisted query a
// hash stands for), the variables and Options.CacheScope, and
// If-None-Match gets 304 without running the query.
//
// Live updates (broker.go, socket.go, live.go): the ingest path and
// assertRelation publish to a Broker after the store committed; the
// Subscription type's documentIngested and relationAdded read it over
// graphql-transport-ws at /graphql (our transport, not gqlgen's
// transport.Websocket, for the protocol's close codes, flood control and
// the caps of Options.Live; Options.Live.Auth checks connection_init's
// key), and GET /events serves the same events as server-sent events.
// A subscriber that falls behind by its buffer is dropped, never waited
// for.
package graph
