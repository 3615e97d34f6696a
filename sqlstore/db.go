package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"hedui"
	"hedui/crypt"
)

// Options configure a DB.
type Options struct {
	// Keyring seals personal data, computes blind indexes and keys the
	// audit chain. Required.
	Keyring *crypt.Keyring
	// Now is the clock; default time.Now.
	Now func() time.Time
	// LockoutThreshold is the number of consecutive failed logins that
	// locks an account; default 5.
	LockoutThreshold int
	// LockoutDuration is how long a locked account stays locked; default
	// 15 minutes.
	LockoutDuration time.Duration
	// ObjectionDays is the objection window of reports in calendar days;
	// default hedui.DefaultObjectionDays. One value for every county for
	// now: ObjectionDays takes the county so a per-county setting can come.
	ObjectionDays int
	// RecheckPartSize is the number of households in a part of a
	// re-verification round, the unit a node claims; default 1000.
	RecheckPartSize int
}

// DB is a hedui.Store on SQLite or PostgreSQL.
type DB struct {
	db        *sql.DB
	d         dialect
	kr        *crypt.Keyring
	clock     func() time.Time
	threshold int
	lockFor   time.Duration
	objection int
	partSize  int
}

var _ hedui.Store = (*DB)(nil)

// sqlitePragmas turn on foreign keys (off by default in SQLite), WAL so
// readers do not block the writer, a busy wait instead of an immediate
// SQLITE_BUSY, and BEGIN IMMEDIATE so that a transaction that reads before
// it writes cannot fail on upgrading its lock.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_txlock=immediate"

// Open connects to the database named by dsn: a postgres:// or
// postgresql:// URL selects PostgreSQL; anything else is a SQLite file path,
// optionally prefixed "sqlite:" (not ":memory:": every pooled connection
// would get a database of its own). Open does not migrate; call Migrate.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	const op = "sqlstore.Open"
	if opt.Keyring == nil {
		return nil, hedui.E(op, hedui.KindInternal, errors.New("sqlstore: Options.Keyring is required"))
	}
	driver, source, d := parseDSN(dsn)
	if source == "" {
		return nil, hedui.E(op, hedui.KindInternal, errors.New("sqlstore: empty database path"))
	}
	sdb, err := sql.Open(driver, source)
	if err != nil {
		return nil, hedui.E(op, hedui.KindInternal, err)
	}
	// database/sql keeps two idle connections by default, so a burst of
	// requests would reconnect (authenticate, or re-run the pragmas) for
	// every one beyond them.
	sdb.SetMaxIdleConns(16)
	sdb.SetConnMaxIdleTime(5 * time.Minute)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, wrapDB(op, err)
	}
	db := &DB{db: sdb, d: d, kr: opt.Keyring, clock: opt.Now,
		threshold: opt.LockoutThreshold, lockFor: opt.LockoutDuration, objection: opt.ObjectionDays}
	if db.clock == nil {
		db.clock = time.Now
	}
	if db.threshold <= 0 {
		db.threshold = 5
	}
	if db.lockFor <= 0 {
		db.lockFor = 15 * time.Minute
	}
	db.partSize = opt.RecheckPartSize
	if db.partSize <= 0 {
		db.partSize = 1000
	}
	if db.objection <= 0 {
		db.objection = hedui.DefaultObjectionDays
	}
	return db, nil
}

func parseDSN(dsn string) (driver, source string, d dialect) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "pgx", dsn, postgresDialect
	}
	path := strings.TrimPrefix(dsn, "sqlite:")
	if path == "" {
		return "sqlite", "", sqliteDialect
	}
	if !strings.HasPrefix(path, "file:") {
		path = "file:" + path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return "sqlite", path + sep + sqlitePragmas, sqliteDialect
}

// Close closes the connection pool.
func (db *DB) Close() error { return db.db.Close() }

// Engine is "sqlite" or "postgres".
func (db *DB) Engine() string { return db.d.name }

// SQL exposes the pool for tests and tools that read raw rows.
func (db *DB) SQL() *sql.DB { return db.db }

// now is the current instant as stored: UTC, microseconds, the precision
// both engines keep and the audit chain hashes.
func (db *DB) now() time.Time { return db.clock().UTC().Truncate(time.Microsecond) }
