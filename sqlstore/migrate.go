package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"hedui"
)

//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered SQL file: NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func (d dialect) migrations() ([]migration, error) {
	dir := path.Join("migrations", d.name)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, _ := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("sqlstore: migration %s/%s does not start with a positive number", dir, name)
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("sqlstore: two migrations numbered %d in %s", out[i].version, dir)
		}
	}
	return out, nil
}

// migrateLock is the first key of the PostgreSQL advisory lock taken while
// migrating; the second is derived from the schema, so that databases in
// different schemas of one server migrate independently.
const migrateLock = 0x6865_6475 // "hedu"

// Migrate applies the migrations the database has not seen, each in its own
// transaction. It is idempotent, and safe when several processes start at
// once: on PostgreSQL they queue on an advisory lock; on SQLite each
// migration's BEGIN IMMEDIATE serialises them, and each re-checks inside its
// transaction whether another process applied it meanwhile.
func (db *DB) Migrate(ctx context.Context) error {
	const op = "sqlstore.Migrate"
	ms, err := db.d.migrations()
	if err != nil {
		return hedui.E(op, hedui.KindInternal, err)
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return wrapDB(op, err)
	}
	defer conn.Close()
	if db.d.rowLocks {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, migrateLock); err != nil {
			return wrapDB(op, err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, migrateLock)
	}
	if _, err := conn.ExecContext(ctx, db.d.migrationsTable); err != nil {
		return wrapDB(op, err)
	}
	for _, m := range ms {
		if err := db.apply(ctx, conn, m); err != nil {
			return wrapDB(op, fmt.Errorf("migration %s: %w", m.name, err))
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		m.version, m.name, db.d.ts(db.now())); err != nil {
		return err
	}
	return tx.Commit()
}

// MigrationStatus returns the highest applied migration and the highest
// this binary knows; current < latest means Migrate has work to do.
func (db *DB) MigrationStatus(ctx context.Context) (current, latest int, err error) {
	const op = "sqlstore.MigrationStatus"
	ms, err := db.d.migrations()
	if err != nil {
		return 0, 0, hedui.E(op, hedui.KindInternal, err)
	}
	if len(ms) > 0 {
		latest = ms[len(ms)-1].version
	}
	var n int
	if err := db.db.QueryRowContext(ctx, db.d.tableExists, "schema_migrations").Scan(&n); err != nil {
		return 0, latest, wrapDB(op, err)
	}
	if n == 0 {
		return 0, latest, nil
	}
	if err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return 0, latest, wrapDB(op, err)
	}
	return current, latest, nil
}
