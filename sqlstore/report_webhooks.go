package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"hedui"
)

// minWebhookSecret is the shortest secret accepted, in bytes: the HMAC
// signer's minimum.
const minWebhookSecret = 32

// webhookKeyID names a webhook's secret in the signature header.
func webhookKeyID(id int64) string { return fmt.Sprintf("hedui-webhook-%d", id) }

// CreateWebhook registers an endpoint of an agency organisation; only
// administrators manage them. Without a secret in the input a random one
// is generated; either way it is sealed at rest and returned here once.
func (db *DB) CreateWebhook(ctx context.Context, by hedui.Actor, in hedui.NewWebhook) (hedui.Webhook, error) {
	const op = "sqlstore.CreateWebhook"
	if by.Role != hedui.RoleAdmin {
		return hedui.Webhook{}, hedui.Errorf(op, hedui.KindPermission, "admin_only", "只有管理员可以配置经办机构的推送地址")
	}
	u, err := url.Parse(strings.TrimSpace(in.URL))
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return hedui.Webhook{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_url", "url",
			"推送地址应为以 https:// 开头的完整地址，如 https://dibao.example.gov.cn/hedui/reports")
	case u.User != nil || u.Fragment != "":
		return hedui.Webhook{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_url", "url", "推送地址不能包含用户信息或锚点")
	case len(u.String()) > 500:
		return hedui.Webhook{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_url", "url", "推送地址过长")
	}
	secret := in.Secret
	if secret == nil {
		secret = make([]byte, minWebhookSecret)
		rand.Read(secret)
	}
	if len(secret) < minWebhookSecret {
		return hedui.Webhook{}, hedui.FieldErrorf(op, hedui.KindInvalid, "weak_secret", "secret", "签名密钥至少%d字节", minWebhookSecret)
	}
	now := db.now()
	w := hedui.Webhook{OrgID: in.OrgID, URL: u.String(), Active: true, CreatedBy: by.Username, CreatedAt: now,
		Secret: base64.StdEncoding.EncodeToString(secret)}
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		var kind hedui.OrgKind
		err := tx.QueryRowContext(ctx, `SELECT name, kind FROM organisations WHERE id = $1`, in.OrgID).Scan(&w.OrgName, &kind)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != hedui.OrgAgency) {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "not_an_agency", "org_id", "推送地址只能配置给经办机构")
		}
		if err != nil {
			return err
		}
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM webhooks WHERE org_id = $1 AND url = $2`, in.OrgID, w.URL).
			Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			return hedui.FieldErrorf(op, hedui.KindConflict, "webhook_exists", "url", "该经办机构已配置此推送地址")
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO webhooks (org_id, url, secret_enc, active, user_id, username, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, in.OrgID, w.URL, db.kr.Seal(secret, adWebhookSecret), true,
			by.UserID, by.Username, db.d.ts(now)).Scan(&w.ID); err != nil {
			return err
		}
		w.KeyID = webhookKeyID(w.ID)
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditWebhookCreate, objectType: "webhook",
			objectID: fmt.Sprint(w.ID), detail: "为" + w.OrgName + "配置报告推送地址 " + u.Host})
	})
	if err != nil {
		return hedui.Webhook{}, err
	}
	return w, nil
}

// Webhooks lists the registered endpoints without their secrets.
func (db *DB) Webhooks(ctx context.Context, by hedui.Actor) ([]hedui.Webhook, error) {
	const op = "sqlstore.Webhooks"
	if by.Role != hedui.RoleAdmin {
		return nil, hedui.Errorf(op, hedui.KindPermission, "admin_only", "只有管理员可以查看经办机构的推送地址")
	}
	var out []hedui.Webhook
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = []hedui.Webhook{}
		rows, err := tx.QueryContext(ctx, `SELECT w.id, w.org_id, o.name, w.url, w.active, w.username, w.created_at
			FROM webhooks w JOIN organisations o ON o.id = w.org_id ORDER BY w.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var w hedui.Webhook
			if err := rows.Scan(&w.ID, &w.OrgID, &w.OrgName, &w.URL, &w.Active, &w.CreatedBy, timeCol{&w.CreatedAt}); err != nil {
				return err
			}
			w.KeyID = webhookKeyID(w.ID)
			out = append(out, w)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditWebhookList, objectType: "webhook",
			detail: fmt.Sprintf("查看经办机构推送地址%d个", len(out))})
	})
	return out, err
}

// queueWebhooks puts a notification of a newly issued report in the
// outbox of every active webhook of an agency of the case's county or
// city, and returns how many it queued.
func (db *DB) queueWebhooks(ctx context.Context, tx *sql.Tx, app *hedui.Application, r *hedui.Report, dec *hedui.Decision,
	now time.Time) (int, error) {
	ids, err := column[int64](tx.QueryContext(ctx, `SELECT w.id FROM webhooks w JOIN organisations o ON o.id = w.org_id
		WHERE w.active = $1 AND o.kind = $2 AND o.division_code IN ($3, $4) ORDER BY w.id`,
		true, string(hedui.OrgAgency), app.Region.County, app.Region.City))
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	payload, err := json.Marshal(hedui.WebhookPayload{Event: hedui.WebhookEventReport, ReportID: r.ID, Number: r.Number,
		Version: r.Version, Replaces: r.Replaces, ApplicationID: app.ID, ApplicationNumber: app.Number, Kind: app.Kind,
		County: app.Region.County, Overall: dec.Overall, Category: dec.Category, IssuedAt: r.IssuedAt, SHA256: r.SHA256,
		Code: r.Code, ObjectionUntil: r.ObjectionEnds})
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_deliveries (webhook_id, report_id, event, payload, status,
			attempts, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $6)`,
			id, r.ID, hedui.WebhookEventReport, string(payload), "pending", db.d.ts(now)); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
