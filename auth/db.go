package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	// The "sqlite" driver comes with the store's package, whose migration
	// runner this file shares.
	"github.com/diplograph/diplograph/store/sqlite"
)

// FileName is the name of the key and audit database in a data folder.
const FileName = "auth.db"

// keyPrefix starts every key, so that a leaked one is recognisable (secret
// scanners, logs) and so the key id can be read from it without a lookup.
const keyPrefix = "dgk_"

// DB holds the API keys (hashed) and the audit log in one SQLite file. It
// is safe for concurrent use, also by several processes.
type DB struct {
	db   *sql.DB
	path string

	// Now stamps keys and audit entries; tests replace it.
	Now func() time.Time

	// configured latches once a key is seen (see Configured).
	configured atomic.Bool
}

// Key describes an API key. The secret itself is never stored: only its
// SHA-256, so a copy of the database lets no one in.
type Key struct {
	ID        string
	Name      string
	Role      Role
	CreatedAt time.Time
	RevokedAt time.Time // zero while the key is valid
}

// Revoked reports whether the key has been revoked.
func (k Key) Revoked() bool { return !k.RevokedAt.IsZero() }

var migrations = []string{
	`CREATE TABLE keys (
		id         TEXT PRIMARY KEY,
		name       TEXT NOT NULL DEFAULT '',
		role       TEXT NOT NULL,
		hash       BLOB NOT NULL,
		created_at TEXT NOT NULL,
		revoked_at TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE audit (
		id        INTEGER PRIMARY KEY AUTOINCREMENT,
		at        TEXT NOT NULL,
		key_id    TEXT NOT NULL DEFAULT '',
		who       TEXT NOT NULL,
		role      TEXT NOT NULL,
		operation TEXT NOT NULL,
		variables TEXT NOT NULL DEFAULT '',
		result    TEXT NOT NULL DEFAULT '',
		ok        INTEGER NOT NULL
	);
	CREATE INDEX audit_key ON audit (key_id, id);
	CREATE INDEX audit_operation ON audit (operation, id);`,
}

// Open opens (creating if needed) the key database at path, usually
// DATA/auth.db.
func Open(path string) (*DB, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open key database %q: want a file path without '?' or '#'", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open key database %q: %w", path, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open key database %q: %w", path, err)
	}
	d := &DB{db: db, path: path, Now: time.Now}
	if err := sqlite.Migrate(context.Background(), d.db, migrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("open key database %q: %w", path, err)
	}
	// Only the owner should read even hashes and the audit trail.
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		return nil, fmt.Errorf("open key database %q: %w", path, err)
	}
	return d, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Path is the file the database lives in.
func (d *DB) Path() string { return d.path }

func hashKey(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// Create makes a key with the given role and name and returns it with the
// secret, which is shown once: only its hash is kept. The creation is
// recorded in the audit log as done by the principal of ctx, or by "local"
// when ctx carries none (the keys command).
func (d *DB) Create(ctx context.Context, name string, role Role) (Key, string, error) {
	if !role.Valid() {
		return Key{}, "", fmt.Errorf("create key %q: invalid role %v", name, role)
	}
	name = strings.TrimSpace(name)
	var idb [6]byte
	var secret [32]byte
	if _, err := rand.Read(idb[:]); err != nil {
		return Key{}, "", fmt.Errorf("create key %q: %w", name, err)
	}
	if _, err := rand.Read(secret[:]); err != nil {
		return Key{}, "", fmt.Errorf("create key %q: %w", name, err)
	}
	k := Key{ID: hex.EncodeToString(idb[:]), Name: name, Role: role, CreatedAt: d.Now().UTC()}
	plain := keyPrefix + k.ID + "_" + base64.RawURLEncoding.EncodeToString(secret[:])

	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return Key{}, "", fmt.Errorf("create key %q: %w", name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO keys (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)`,
		k.ID, k.Name, k.Role.String(), hashKey(plain), formatTime(k.CreatedAt)); err != nil {
		return Key{}, "", fmt.Errorf("create key %q: %w", name, err)
	}
	e := Entry{Operation: "keys.create", Variables: fmt.Sprintf(`{"name":%q,"role":%q}`, k.Name, k.Role), Result: "created key " + k.ID, OK: true}
	if err := d.record(ctx, tx, e); err != nil {
		return Key{}, "", fmt.Errorf("create key %q: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return Key{}, "", fmt.Errorf("create key %q: %w", name, err)
	}
	d.configured.Store(true)
	return k, plain, nil
}

// List returns every key, revoked ones included, oldest first.
func (d *DB) List(ctx context.Context) ([]Key, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, role, created_at, revoked_at FROM keys ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	defer rows.Close()
	var keys []Key
	for rows.Next() {
		var k Key
		var role, created, revoked string
		if err := rows.Scan(&k.ID, &k.Name, &role, &created, &revoked); err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		k.Role, _ = ParseRole(role)
		k.CreatedAt, _ = parseTime(created)
		k.RevokedAt, _ = parseTime(revoked)
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	return keys, nil
}

// ErrNoKey is returned by Revoke for an id no key has.
var ErrNoKey = errors.New("no such key")

// Revoke revokes the key with the given id; requests with it fail from
// then on. Revoking a revoked key is not an error. ErrNoKey if there is no
// such key. Recorded in the audit log like Create.
func (d *DB) Revoke(ctx context.Context, id string) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("revoke key %q: %w", id, err)
	}
	defer tx.Rollback()
	var revoked string
	switch err := tx.QueryRowContext(ctx, `SELECT revoked_at FROM keys WHERE id = ?`, id).Scan(&revoked); {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("revoke key %q: %w", id, ErrNoKey)
	case err != nil:
		return fmt.Errorf("revoke key %q: %w", id, err)
	}
	if revoked != "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE keys SET revoked_at = ? WHERE id = ?`, formatTime(d.Now().UTC()), id); err != nil {
		return fmt.Errorf("revoke key %q: %w", id, err)
	}
	e := Entry{Operation: "keys.revoke", Variables: fmt.Sprintf(`{"id":%q}`, id), Result: "revoked key " + id, OK: true}
	if err := d.record(ctx, tx, e); err != nil {
		return fmt.Errorf("revoke key %q: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("revoke key %q: %w", id, err)
	}
	return nil
}

// Configured reports whether keys are in force: some key, even a revoked
// one, exists or has existed since this DB was opened. Once true it stays
// true for the life of the DB, so that revoking every key locks a server
// out rather than opening it to everyone.
func (d *DB) Configured(ctx context.Context) (bool, error) {
	if d.configured.Load() {
		return true, nil
	}
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM keys`).Scan(&n); err != nil {
		return false, fmt.Errorf("count keys in %s: %w", d.path, err)
	}
	if n > 0 {
		d.configured.Store(true)
	}
	return n > 0, nil
}

// Authenticate returns the principal of a presented key. An
// Unauthenticated *Error for a malformed, unknown or revoked key (the
// message does not say which, so a caller learns nothing about ids).
func (d *DB) Authenticate(ctx context.Context, presented string) (Principal, error) {
	bad := &Error{Code: CodeUnauthenticated, Message: "invalid API key"}
	id, ok := keyID(presented)
	var role, name, revoked string
	var hash []byte
	if ok {
		err := d.db.QueryRowContext(ctx, `SELECT name, role, hash, revoked_at FROM keys WHERE id = ?`, id).Scan(&name, &role, &hash, &revoked)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			ok = false
		case err != nil:
			return Principal{}, fmt.Errorf("authenticate key %s: %w", id, err)
		}
	}
	if !ok {
		// Compare anyway, so that unknown ids cost what known ones do.
		hash = make([]byte, sha256.Size)
	}
	match := subtle.ConstantTimeCompare(hashKey(presented), hash) == 1
	if !ok || !match || revoked != "" {
		return Principal{}, bad
	}
	r, err := ParseRole(role)
	if err != nil {
		return Principal{}, fmt.Errorf("authenticate key %s: %w", id, err)
	}
	return Principal{KeyID: id, Name: name, Role: r}, nil
}

// keyID reads the id out of a key of the form dgk_<id>_<secret>.
func keyID(k string) (string, bool) {
	rest, ok := strings.CutPrefix(k, keyPrefix)
	if !ok {
		return "", false
	}
	id, secret, ok := strings.Cut(rest, "_")
	if !ok || len(id) != 12 || len(secret) != 43 {
		return "", false
	}
	if _, err := hex.DecodeString(id); err != nil {
		return "", false
	}
	return id, true
}

const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(timeLayout, s)
}
