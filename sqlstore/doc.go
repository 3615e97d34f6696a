// Package sqlstore implements hedui.Store over database/sql, on SQLite
// (modernc.org/sqlite, pure Go, the embedded default) and PostgreSQL
// (jackc/pgx/v5 through its database/sql driver).
//
// Both engines run the same SQL text: modernc binds $1…$n by number as pgx
// does, and the few differences (row locks, column types, how a time is
// passed) live in dialect.go. Each engine has its own versioned migrations
// under migrations/, applied by (*DB).Migrate.
//
// Every public method is one transaction. Case reads and writes filter by
// the actor's scope in the SQL itself, so an out-of-scope case is
// indistinguishable from a missing one. Names, ID numbers, addresses and
// scans are sealed with the crypt.Keyring before they reach the database; a
// person is found by the HMAC blind index of the ID number. Every write, and
// every read of personal data, appends an entry to the hash-chained audit log
// in the same transaction.
package sqlstore
