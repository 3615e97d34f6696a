package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"hedui"
)

// Conclusions lists a case's conclusions, newest first, each with its
// decision, for the clerk and verifiers of its region; the view is logged.
func (db *DB) Conclusions(ctx context.Context, by hedui.Actor, appID int64) ([]hedui.StoredConclusion, error) {
	const op = "sqlstore.Conclusions"
	var out []hedui.StoredConclusion
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, false)
		if err != nil {
			return err
		}
		if out, err = db.conclusions(ctx, tx, op, appID, false); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditConclusionView, appID,
			fmt.Sprintf("查看申请 %s 的核对结论%d版", app.Number, len(out))))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// conclusions reads an application's conclusions newest first, with their
// decisions; latestOnly reads only the newest.
func (db *DB) conclusions(ctx context.Context, q queryer, op string, appID int64, latestOnly bool) ([]hedui.StoredConclusion, error) {
	query := `SELECT c.id, c.version, c.body_enc, c.username, c.created_at,
		d.action, d.overall, d.category, d.benefit_fen, d.reason_enc, d.username, d.decided_at
		FROM conclusions c LEFT JOIN decisions d ON d.conclusion_id = c.id
		WHERE c.application_id = $1 ORDER BY c.version DESC`
	if latestOnly {
		query += ` LIMIT 1`
	}
	rows, err := q.QueryContext(ctx, query, appID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	o := db.opener()
	out := []hedui.StoredConclusion{}
	for rows.Next() {
		s := hedui.StoredConclusion{ApplicationID: appID}
		var body string
		var action, overall, category, reason, decidedBy sql.NullString
		var benefit sql.NullInt64
		var d hedui.Decision
		if err := rows.Scan(&s.ID, &s.Version, &body, &s.CreatedBy, timeCol{&s.CreatedAt},
			&action, &overall, &category, &benefit, &reason, &decidedBy, timeCol{&d.At}); err != nil {
			return nil, err
		}
		if b := o.bytes(body, adConclusion); len(b) > 0 {
			if err := json.Unmarshal(b, &s.Conclusion); err != nil {
				return nil, hedui.E(op, hedui.KindInternal, "bad_conclusion", err)
			}
		}
		s.Rows, s.Reasons = nonNilSlice(s.Rows), nonNilSlice(s.Reasons)
		if action.Valid {
			d.ConclusionID, d.Action = s.ID, hedui.DecisionAction(action.String)
			d.Overall, d.Category, d.BenefitFen = hedui.Overall(overall.String), hedui.Category(category.String), hedui.Fen(benefit.Int64)
			d.Reason, d.By = o.str(reason.String, adDecisionReason), decidedBy.String
			s.Decision = &d
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, o.done(op)
}
