package sqlstore

import (
	"context"
	"database/sql"
)

// maxAttempts bounds how often a transaction is retried after a busy
// database or a lost race on a unique index.
const maxAttempts = 3

// inTx runs fn in one transaction, retrying it whole when that may help, and
// wraps the final error for op. fn must not keep state between attempts
// except through its results.
func (db *DB) inTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = db.tryTx(ctx, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	return wrapDB(op, err)
}

func (db *DB) tryTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	committed = true
	return nil
}
