// Package neo4j implements store.Store on a Neo4j server (5.x or 2025+)
// through neo4j-go-driver/v5. Entities are (:Entity:<Type>) nodes, relations
// typed relationships between them, evidence (:Evidence) nodes hung off
// their (:Document) (an analyst's hang off nothing), and each document
// -[:MENTIONS]-> the entities of its batch. A retracted relation keeps its
// place and carries retractedReason and retractedAt. A neo4j:// URI routes
// across a cluster.
//
// Every statement is a constant in cypher.go, checked in the ordinary test
// run by Neo4j's Cypher front end (tools/cypherlint).
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/diplograph/diplograph/store"
)

// Config says where the server is.
type Config struct {
	URI      string // bolt://host:7687, or neo4j://host for a routed cluster
	User     string // empty: no authentication
	Password string
	Database string // empty: the server's default database
}

// connectTimeout bounds how long Open waits for an unreachable server, so
// that a wrong URI fails in seconds rather than after the driver's minutes.
const connectTimeout = 5 * time.Second

// indexTimeout bounds how long Open waits for new indexes to come online.
const indexTimeout = 60

// Store is a store.Store on Neo4j. It is safe for concurrent use: the driver
// pools connections and each call opens its own session.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	uri      string
	// transact runs work in a transaction of the given mode, retried on
	// transient errors; tests put a fake in its place.
	transact func(ctx context.Context, mode neo4j.AccessMode, work func(tx runner) (any, error)) (any, error)
	// Now stamps documents that arrive without IngestedAt; tests replace it.
	Now func() time.Time
}

var _ store.Store = (*Store)(nil)

// Open connects to the server at cfg.URI, checks that it answers,
// creates the constraints and indexes the store relies on, and rewrites
// the ids of a graph written before slug ids (slugIDs).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	// Only dialling is bounded tighter than the driver's defaults: waiting
	// for a pooled connection under load may rightly take longer.
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = connectTimeout
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", cfg.URI, err)
	}
	s := &Store{driver: driver, database: cfg.Database, uri: cfg.URI, Now: time.Now}
	s.transact = s.driverTransact

	vctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := driver.VerifyConnectivity(vctx); err != nil {
		driver.Close(context.Background())
		return nil, fmt.Errorf("neo4j %s: server unreachable: %w", cfg.URI, err)
	}
	if err := s.setup(ctx); err != nil {
		driver.Close(context.Background())
		return nil, fmt.Errorf("neo4j %s: set up constraints and indexes: %w", cfg.URI, err)
	}
	if err := s.slugIDs(ctx); err != nil {
		driver.Close(context.Background())
		return nil, fmt.Errorf("neo4j %s: %w", cfg.URI, err)
	}
	return s, nil
}

// setup runs each schema statement in its own transaction: Neo4j does not
// mix schema changes with anything else in one.
func (s *Store) setup(ctx context.Context) error {
	stmts := append([]string(nil), setupStatements...)
	for _, t := range relationTypesInOrder() {
		stmts = append(stmts, relationIDIndex[t])
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, q := range stmts {
		if _, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, q, nil)
			if err != nil {
				return nil, err
			}
			_, err = res.Consume(ctx)
			return nil, err
		}); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	res, err := sess.Run(ctx, cypherAwaitIndexes, map[string]any{"timeoutSeconds": indexTimeout})
	if err != nil {
		return fmt.Errorf("await indexes: %w", err)
	}
	if _, err := res.Consume(ctx); err != nil {
		return fmt.Errorf("await indexes: %w", err)
	}
	return nil
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.database})
}

// runner is the part of a transaction the store uses.
type runner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

// driverTransact runs work in a managed transaction of its own session,
// which the driver retries on transient errors such as deadlocks.
func (s *Store) driverTransact(ctx context.Context, mode neo4j.AccessMode, work func(tx runner) (any, error)) (any, error) {
	sess := s.session(ctx, mode)
	defer sess.Close(ctx)
	fn := func(tx neo4j.ManagedTransaction) (any, error) { return work(tx) }
	var v any
	var err error
	if mode == neo4j.AccessModeRead {
		v, err = sess.ExecuteRead(ctx, fn)
	} else {
		v, err = sess.ExecuteWrite(ctx, fn)
	}
	// A user's error (a bad batch) reads as it is; a driver's error, once
	// the retries are spent, says which server failed.
	var se *store.Error
	if err != nil && !errors.As(err, &se) {
		err = fmt.Errorf("neo4j %s: %w", s.uri, err)
	}
	return v, err
}

// read runs work in a read transaction.
func read[T any](ctx context.Context, s *Store, work func(tx runner) (T, error)) (T, error) {
	v, err := s.transact(ctx, neo4j.AccessModeRead, func(tx runner) (any, error) { return work(tx) })
	out, _ := v.(T)
	return out, err
}

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("neo4j %s: %w", s.uri, err)
	}
	return nil
}

// Close releases the driver's connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}

// collect runs q in tx and returns its records.
func collect(ctx context.Context, tx runner, q string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// count runs q, which returns one row with an integer n.
func count(ctx context.Context, tx runner, q string, params map[string]any) (int, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, err
	}
	n, _, err := neo4j.GetRecordValue[int64](rec, "n")
	return int(n), err
}

// internal wraps a driver error with what was being done; store errors
// pass through so their codes reach the caller.
func internal(err error, format string, args ...any) error {
	var se *store.Error
	if errors.As(err, &se) {
		return err
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// isConstraintViolation reports whether err is a uniqueness violation, as
// when two writers store the same document at once.
func isConstraintViolation(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed"
}

// optional turns an unset filter into a Cypher null.
func optional[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// optionalList turns an empty filter list into a Cypher null.
func optionalList[T ~string](xs []T) any {
	if len(xs) == 0 {
		return nil
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
