// Package auth decides who may use the API: API keys with roles, kept
// hashed in a small SQLite file (DATA/auth.db) beside an audit log of
// every change to the graph.
//
// Roles nest: Reader (queries) < Ingester (+ ingestDocument and
// POST /ingest) < Curator (+ merge, alias, assert, retract, delete) <
// Admin (+ keys and the audit log). `diplograph keys create --role R`
// prints a key once; only its SHA-256 is stored. A key reads
// dgk_<12 hex id>_<43 base64url chars>: the id finds the row, the hash is
// compared in constant time.
//
// # Wiring it into serve
//
//	keys, err := auth.Open(filepath.Join(dataDir, auth.FileName))
//	on, err := keys.Configured(ctx)
//	if err := auth.CheckBind(addr, on, allowInsecureBind); err != nil { return err } // before any work
//	log.Info(auth.StartMessage(addr, on, allowInsecureBind))
//
//	h := graph.NewHandler(...)                  // unchanged
//	mux := http.NewServeMux()
//	mux.Handle("/graphql", auth.Middleware(keys, h))
//	mux.Handle("POST /ingest", auth.Middleware(keys, auth.Need(auth.Ingester, auth.Audited(keys, "POST /ingest", h))))
//	mux.Handle("/", h)                          // GraphiQL, explorer, /healthz, /readyz, /metrics stay open
//
// with a --allow-insecure-bind flag that lets an operator serve a
// non-loopback address without keys (everyone is then an admin, and
// the start message says so in capitals).
//
// Inside GraphQL, roles are checked per operation by the Guard extension,
// which must be added where the gqlgen server is built
// (graph.NewGraphQLServer):
//
//	srv.Use(&auth.Guard{Audit: keys})
//
// Guard gives an operation the highest role its root fields need:
// DefaultRoles lists the known mutations (ingestDocument: Ingester;
// deleteDocument: Curator; key management: Admin); any other mutation
// needs Curator, any query Reader. A refusal is one error with
// extensions.code UNAUTHENTICATED or FORBIDDEN and nothing runs. Every
// mutation, refused or not, is recorded: who (key id and name), when,
// the root fields, a summary of their arguments, inline or passed as
// variables (long strings cut to their length, so documents are not
// copied into the log), and the result. Writes refused before GraphQL
// sees them are recorded too, with "denied: " and the reason: a mutation
// or POST /ingest without a key, with an unknown or revoked one (Middleware:
// the key id it presented, or anonymous), or with a role too low (Need).
// Resolvers that check roles themselves call Require and should map
// Code(err) to extensions.code, because the error presenter otherwise
// hides the error as internal.
//
// Admins read the log through DB.Audit (newest first, filtered by key,
// operation, time and outcome, paged by cursor); the API can expose it as
// an admin-only query, and `diplograph keys audit` prints it.
//
// With no key configured the server is in open mode: every caller is
// OpenPrincipal, an admin, and it must listen on loopback only. Once a
// key exists, the server asks for keys from its next request on; revoking
// every key locks the API rather than reopening it.
package auth
