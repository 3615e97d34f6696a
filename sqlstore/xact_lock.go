package sqlstore

import "context"

// xactLock takes a PostgreSQL advisory lock held to the end of the
// transaction, keyed by key and the schema (as migrateLock is), and by
// scope where the lock covers one thing of many (a county) rather than
// all; two scopes whose hashes collide merely wait for each other. SQLite
// needs none: its write transactions run one at a time (BEGIN IMMEDIATE).
func (db *DB) xactLock(ctx context.Context, tx *bulkTx, key int, scope string) error {
	if !db.d.rowLocks {
		return nil
	}
	var err error
	if scope == "" {
		_, err = tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, key)
	} else {
		_, err = tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || '/' || $2))`, key, scope)
	}
	return err
}
