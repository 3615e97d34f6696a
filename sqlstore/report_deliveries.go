package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"hedui"
)

// webhookPurpose is the audit purpose of the notification worker.
const webhookPurpose = "向经办机构推送核对报告"

// ClaimWebhookDeliveries leases up to limit pending deliveries whose time
// has come and that nobody holds, oldest first, with their endpoint and
// opened secret. Claiming is not audited: delivery and failure are.
func (db *DB) ClaimWebhookDeliveries(ctx context.Context, limit int, lease time.Duration) ([]hedui.WebhookDelivery, error) {
	const op = "sqlstore.ClaimWebhookDeliveries"
	if limit <= 0 {
		limit = defaultClaim
	}
	limit = min(limit, maxClaim)
	if lease <= 0 {
		lease = defaultLease
	}
	now := db.now()
	var out []hedui.WebhookDelivery
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = []hedui.WebhookDelivery{}
		ids, err := column[int64](tx.QueryContext(ctx, `UPDATE webhook_deliveries SET lease_until = $2 WHERE id IN (
			SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
			WHERE d.status = $3 AND w.active = $4 AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)
			ORDER BY d.next_attempt_at, d.id LIMIT $5`+db.d.forUpdateSkip("d")+`) RETURNING id`,
			db.d.ts(now), db.d.ts(now.Add(lease)), "pending", true, limit))
		if err != nil || len(ids) == 0 {
			return err
		}
		var a args
		rows, err := tx.QueryContext(ctx, `SELECT d.id, d.webhook_id, d.report_id, w.url, w.secret_enc, d.event, d.payload,
			d.attempts FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
			WHERE d.id IN `+in(&a, ids)+` ORDER BY d.next_attempt_at, d.id`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		o := db.opener()
		for rows.Next() {
			var d hedui.WebhookDelivery
			var secret, payload string
			if err := rows.Scan(&d.ID, &d.WebhookID, &d.ReportID, &d.URL, &secret, &d.Event, &payload, &d.Attempts); err != nil {
				return err
			}
			d.KeyID, d.Secret, d.Payload = webhookKeyID(d.WebhookID), o.bytes(secret, adWebhookSecret), []byte(payload)
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return o.done(op)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// forUpdateSkip is the locking clause of a claim on PostgreSQL: lock the
// rows of alias, passing over those another claimer holds.
func (d dialect) forUpdateSkip(alias string) string {
	if !d.rowLocks {
		return ""
	}
	return " FOR UPDATE OF " + alias + " SKIP LOCKED"
}

// WebhookDelivered records that the agency's endpoint took the
// notification.
func (db *DB) WebhookDelivered(ctx context.Context, id int64, at time.Time) error {
	const op = "sqlstore.WebhookDelivered"
	if at.IsZero() {
		at = db.now()
	}
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		ev, ok, err := db.deliveryEvent(ctx, tx, id)
		if err != nil || !ok {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, delivered_at = $2,
			lease_until = NULL, last_error = '' WHERE id = $3 AND status = $4`, "delivered", db.d.ts(at), id, "pending"); err != nil {
			return err
		}
		ev.action, ev.detail = hedui.AuditWebhookSent, ev.detail+"成功"
		return db.appendAudit(ctx, tx, hedui.SystemActor(webhookPurpose), ev)
	})
}

// WebhookFailed records a failed attempt. With a retry time the delivery
// waits for it; without one it is given up, which is audited.
func (db *DB) WebhookFailed(ctx context.Context, id int64, reason string, retryAt time.Time) error {
	const op = "sqlstore.WebhookFailed"
	reason = clip(reason, maxErrorRunes)
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		if !retryAt.IsZero() {
			_, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $1,
				next_attempt_at = $2, lease_until = NULL WHERE id = $3 AND status = $4`, reason, db.d.ts(retryAt), id, "pending")
			return err
		}
		ev, ok, err := db.deliveryEvent(ctx, tx, id)
		if err != nil || !ok {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, last_error = $2,
			lease_until = NULL WHERE id = $3 AND status = $4`, "failed", reason, id, "pending"); err != nil {
			return err
		}
		ev.action, ev.detail = hedui.AuditWebhookFailed, ev.detail+"失败，已停止重试："+reason
		return db.appendAudit(ctx, tx, hedui.SystemActor(webhookPurpose), ev)
	})
}

// deliveryEvent describes a pending delivery for the audit log; ok is
// false when it is no longer pending.
func (db *DB) deliveryEvent(ctx context.Context, tx *sql.Tx, id int64) (event, bool, error) {
	var appID int64
	var number, org string
	var attempts int
	err := tx.QueryRowContext(ctx, `SELECT r.application_id, r.number, o.name, d.attempts FROM webhook_deliveries d
		JOIN reports r ON r.id = d.report_id JOIN webhooks w ON w.id = d.webhook_id JOIN organisations o ON o.id = w.org_id
		WHERE d.id = $1 AND d.status = $2`+db.d.forUpdate("d"), id, "pending").Scan(&appID, &number, &org, &attempts)
	if err == sql.ErrNoRows {
		return event{}, false, nil
	}
	if err != nil {
		return event{}, false, err
	}
	return event{objectType: "webhook_delivery", objectID: fmt.Sprint(id), caseID: appID,
		detail: fmt.Sprintf("向%s推送报告 %s（第%d次）", org, number, attempts+1)}, true, nil
}
