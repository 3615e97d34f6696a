package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"hedui"
)

// Outbox defaults and limits.
const (
	defaultLease    = 5 * time.Minute
	defaultClaim    = 100
	maxClaim        = 1000
	firstBackoff    = 30 * time.Second
	maxBackoff      = time.Hour
	maxAuditedIDs   = 20 // query ids named in one audit entry
	maxErrorRunes   = hedui.MaxNoteRunes
	outboxPurpose   = "信息核对：向部门发送查询"
	claimableClause = ` AND (lease_until IS NULL OR lease_until <= $1) AND (next_attempt_at IS NULL OR next_attempt_at <= $1)`
)

// skipLocked makes PostgreSQL claimers pass over rows another claimer has
// locked instead of waiting for them; SQLite's write transaction already
// keeps claimers apart.
func (d dialect) skipLocked() string {
	if d.rowLocks {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// backoff is the wait before the next attempt after attempts earlier
// failures: 30 s, 1 min, 2 min, … up to an hour.
func backoff(attempts int) time.Duration {
	if attempts >= 7 {
		return maxBackoff
	}
	return min(firstBackoff<<attempts, maxBackoff)
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// ClaimOutbox leases up to limit of a department's pending queries that
// nobody holds and whose retry time has come, oldest first, and returns
// them with their subjects' names and ID numbers for the adapter.
func (db *DB) ClaimOutbox(ctx context.Context, deptID int64, limit int, lease time.Duration) ([]hedui.Query, error) {
	const op = "sqlstore.ClaimOutbox"
	if limit <= 0 {
		limit = defaultClaim
	}
	limit = min(limit, maxClaim)
	if lease <= 0 {
		lease = defaultLease
	}
	now := db.now()
	var out []hedui.Query
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = []hedui.Query{}
		ids, err := column[string](tx.QueryContext(ctx, `UPDATE queries SET lease_until = $2 WHERE id IN (SELECT id FROM queries
			WHERE department_id = $3 AND status = $4`+claimableClause+` ORDER BY created_at, id LIMIT $5`+db.d.skipLocked()+`)
			RETURNING id`, db.d.ts(now), db.d.ts(now.Add(lease)), deptID, qPending, limit))
		if err != nil || len(ids) == 0 {
			return err
		}
		var a args
		if out, err = db.listQueries(ctx, tx, op, "q.id IN "+in(&a, ids), a, "q.created_at, q.id", true); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, hedui.SystemActor(outboxPurpose), event{action: hedui.AuditOutboxClaim,
			objectType: "department", objectID: fmt.Sprint(deptID), detail: fmt.Sprintf("领取待发送查询%d条", len(ids))})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// OutboxDepartments lists the departments with queries claimable now.
func (db *DB) OutboxDepartments(ctx context.Context) ([]int64, error) {
	const op = "sqlstore.OutboxDepartments"
	out, err := column[int64](db.db.QueryContext(ctx, `SELECT DISTINCT department_id FROM queries WHERE status = $2`+claimableClause+
		` ORDER BY department_id`, db.d.ts(db.now()), qPending))
	return out, wrapDB(op, err)
}

// MarkSent records that the department took the queries; their deadline
// was fixed at dispatch. Queries no longer pending are left as they are.
func (db *DB) MarkSent(ctx context.Context, ids []string, at time.Time) error {
	const op = "sqlstore.MarkSent"
	if len(ids) == 0 {
		return nil
	}
	if at.IsZero() {
		at = db.now()
	}
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		var n int64
		for chunk := range slices.Chunk(ids, maxInList) {
			a := args{qSent, db.d.ts(at), qPending}
			res, err := tx.ExecContext(ctx, `UPDATE queries SET status = $1, sent_at = $2, lease_until = NULL
				WHERE status = $3 AND id IN `+in(&a, chunk), a...)
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += k
		}
		if n == 0 {
			return nil
		}
		named := ids[:min(len(ids), maxAuditedIDs)]
		detail := fmt.Sprintf("%d条查询已送达部门：%s", n, strings.Join(named, "、"))
		if len(named) < len(ids) {
			detail += "等"
		}
		return db.appendAudit(ctx, tx, hedui.SystemActor(outboxPurpose), event{action: hedui.AuditOutboxSent,
			objectType: "query", detail: detail})
	})
}

// lockQuery reads the case and status of a query for an outbox update.
func (db *DB) lockQuery(ctx context.Context, tx *sql.Tx, op, id string) (appID int64, status string, attempts int, err error) {
	err = tx.QueryRowContext(ctx, `SELECT application_id, status, attempts FROM queries WHERE id = $1`+db.d.forUpdate(""), id).
		Scan(&appID, &status, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		err = errQueryNotFound(op)
	}
	return appID, status, attempts, err
}

// MarkFailed records that a query cannot be delivered; it needs a person's
// attention. Answered or already failed queries are left as they are.
func (db *DB) MarkFailed(ctx context.Context, id, reason string) error {
	const op = "sqlstore.MarkFailed"
	reason = clip(reason, maxErrorRunes)
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		appID, status, _, err := db.lockQuery(ctx, tx, op, id)
		if err != nil || (status != qPending && status != qSent) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE queries SET status = $1, last_error = $2, lease_until = NULL WHERE id = $3`,
			qFailed, reason, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, hedui.SystemActor(outboxPurpose), event{action: hedui.AuditOutboxFailed,
			objectType: "query", objectID: id, caseID: appID, detail: "查询无法送达：" + reason})
	})
}

// Release hands back the lease on a pending query after a transient
// failure: it is tried again after the backoff. Retry bookkeeping is not
// audited; the eventual delivery or failure is.
func (db *DB) Release(ctx context.Context, id, reason string) error {
	const op = "sqlstore.Release"
	reason = clip(reason, maxErrorRunes)
	now := db.now()
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		_, status, attempts, err := db.lockQuery(ctx, tx, op, id)
		if err != nil || status != qPending {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE queries SET attempts = attempts + 1, last_error = $1, lease_until = NULL,
			next_attempt_at = $2 WHERE id = $3`, reason, db.d.ts(now.Add(backoff(attempts))), id)
		return err
	})
}
