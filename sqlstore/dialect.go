package sqlstore

import (
	"database/sql"
	"time"

	"hedui"
)

// dialect is everything that differs between the engines. The SQL text is
// otherwise shared.
type dialect struct {
	name string
	// rowLocks: PostgreSQL needs SELECT … FOR UPDATE to serialise writers
	// on a row; SQLite has no row locks, and its BEGIN IMMEDIATE already
	// serialises writers on the whole file.
	rowLocks bool
	// snapshot is the isolation level for long consistent reads (audit
	// verification). SQLite's deferred read transaction is a snapshot in
	// WAL mode and accepts only the default level.
	snapshot sql.IsolationLevel
	// nativeTime: PostgreSQL has TIMESTAMPTZ and DATE; SQLite stores text.
	nativeTime bool
	// migrationsTable is created before the first migration runs.
	migrationsTable string
	// tableExists is a query taking one table name that returns a count.
	tableExists string
}

var sqliteDialect = dialect{
	name:     "sqlite",
	snapshot: sql.LevelDefault,
	migrationsTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
) STRICT`,
	tableExists: `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1`,
}

var postgresDialect = dialect{
	name:       "postgres",
	rowLocks:   true,
	snapshot:   sql.LevelRepeatableRead,
	nativeTime: true,
	migrationsTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TIMESTAMPTZ NOT NULL
)`,
	tableExists: `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`,
}

// forUpdate returns the locking clause for a SELECT, naming the tables to
// lock (PostgreSQL refuses to lock the nullable side of an outer join).
func (d dialect) forUpdate(tables string) string {
	if !d.rowLocks {
		return ""
	}
	if tables == "" {
		return " FOR UPDATE"
	}
	return " FOR UPDATE OF " + tables
}

// textTime is the SQLite form of an instant: fixed width, so that comparing
// the text compares the times.
const textTime = "2006-01-02T15:04:05.000000Z"

// ts converts an instant to a query argument.
func (d dialect) ts(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if d.nativeTime {
		return t
	}
	return t.Format(textTime)
}

// nullTS is ts with the zero time as NULL.
func (d dialect) nullTS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return d.ts(t)
}

// date converts a civil date to a query argument.
func (d dialect) date(x hedui.Date) any {
	if d.nativeTime {
		return x.Time
	}
	return x.Format(time.DateOnly)
}

// nullDate is date with the zero date as NULL.
func (d dialect) nullDate(x hedui.Date) any {
	if x.IsZero() {
		return nil
	}
	return d.date(x)
}

// sqliteOnly returns query on SQLite and nothing on PostgreSQL.
func (d dialect) sqliteOnly(query string) string {
	if d.name != sqliteDialect.name {
		return ""
	}
	return query
}

// civilDate is the SQL expression of the civil date in China of the
// instant in col, comparable with a date column or date argument. (SQLite
// reads the stored text to the millisecond, so an instant in the last half
// millisecond of a day rounds into the next.)
func (d dialect) civilDate(col string) string {
	if d.nativeTime {
		return "CAST((" + col + " AT TIME ZONE 'Asia/Shanghai') AS DATE)"
	}
	return "date(" + col + ", '+8 hours')"
}

// civilMonth is the SQL expression of the month in China of the instant
// in col, as 2006-01 text.
func (d dialect) civilMonth(col string) string {
	if d.nativeTime {
		return "to_char(" + col + " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')"
	}
	return "strftime('%Y-%m', " + col + ", '+8 hours')"
}

// daysBetween is the SQL expression of the time from instant from to
// instant to, in (fractional) days.
func (d dialect) daysBetween(from, to string) string {
	if d.nativeTime {
		return "(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) / 86400.0)"
	}
	return "(julianday(" + to + ") - julianday(" + from + "))"
}
