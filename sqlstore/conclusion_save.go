package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"hedui"
)

// Associated data of the sealed columns of conclusions and decisions.
const (
	adConclusion     = "conclusions.body"
	adDecisionReason = "decisions.reason"
)

// SaveConclusion stores c as the case's next conclusion version. The case
// must be in the verifier's region and verified or concluded; a verified
// case moves to concluded in the same transaction. The conclusion must
// name a stored policy version of the case's county and hukou type.
func (db *DB) SaveConclusion(ctx context.Context, by hedui.Actor, appID int64, c hedui.Conclusion) (hedui.StoredConclusion, error) {
	const op = "sqlstore.SaveConclusion"
	if err := mayEvaluate(op, by); err != nil {
		return hedui.StoredConclusion{}, err
	}
	if err := checkConclusion(op, &c); err != nil {
		return hedui.StoredConclusion{}, err
	}
	body, err := json.Marshal(c)
	if err != nil {
		return hedui.StoredConclusion{}, hedui.E(op, hedui.KindInternal, err)
	}
	now := db.now()
	var out hedui.StoredConclusion
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		rule, err := hedui.FindRule(app.Status, hedui.ActConclude, by.Role)
		if err != nil {
			return hedui.E(op, err)
		}
		if err := conclusionPolicyFits(ctx, tx, op, app, &c); err != nil {
			return err
		}
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM conclusions WHERE application_id = $1`,
			appID).Scan(&last); err != nil {
			return err
		}
		out = hedui.StoredConclusion{ApplicationID: appID, Version: last + 1, CreatedBy: by.Username, CreatedAt: now, Conclusion: c}
		if err := tx.QueryRowContext(ctx, `INSERT INTO conclusions (application_id, version, policy_id, policy_version, as_of,
			overall, category, benefit_fen, body_enc, user_id, username, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			appID, out.Version, c.PolicyID, c.PolicyVersion, db.d.date(c.AsOf), string(c.Overall), string(c.Category),
			int64(c.BenefitFen), db.seal(string(body), adConclusion), by.UserID, by.Username, db.d.ts(now)).Scan(&out.ID); err != nil {
			return err
		}
		detail := fmt.Sprintf("出具核对结论第%d版（政策第%d版）：%s／%s", out.Version, c.PolicyVersion, c.Overall.Label(), c.Category.Label())
		if app.Status != rule.To {
			if err := db.recordTransition(ctx, tx, by, appID, app.Status, rule.To, rule.Action, "", now); err != nil {
				return err
			}
			detail += "；" + app.Status.Label() + " → " + rule.To.Label()
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditConclusionCreate, objectType: "conclusion",
			objectID: strconv.FormatInt(out.ID, 10), caseID: appID, detail: detail})
	})
	if err != nil {
		return hedui.StoredConclusion{}, err
	}
	return out, nil
}

// checkConclusion refuses a conclusion that no evaluation produces.
func checkConclusion(op string, c *hedui.Conclusion) error {
	bad := func(field, msg string) error {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_conclusion", field, "%s", msg)
	}
	switch {
	case c.PolicyID <= 0 || c.PolicyVersion <= 0:
		return bad("policy_id", "核对结论须注明所依据的政策参数版本")
	case c.AsOf.IsZero():
		return bad("as_of", "核对结论须注明核对基准日")
	case !c.Overall.Valid():
		return bad("overall", "未知的核对结论："+string(c.Overall))
	case c.Category != "" && !c.Category.Valid():
		return bad("category", "未知的救助类别："+string(c.Category))
	case c.BenefitFen < 0:
		return bad("benefit_fen", "保障金额不能为负数")
	}
	c.Rows = nonNilSlice(c.Rows)
	c.Reasons = nonNilSlice(c.Reasons)
	return nil
}

// conclusionPolicyFits checks that the conclusion's policy version exists
// and is one of the case's county and hukou type.
func conclusionPolicyFits(ctx context.Context, q queryer, op string, app *hedui.Application, c *hedui.Conclusion) error {
	var county string
	var hukou hedui.HukouType
	var version int
	err := q.QueryRowContext(ctx, `SELECT county_code, hukou_type, version FROM policies WHERE id = $1`, c.PolicyID).
		Scan(&county, &hukou, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "unknown_policy", "policy_id", "核对结论所依据的政策参数不存在")
	}
	if err != nil {
		return err
	}
	var appHukou hedui.HukouType
	if err := q.QueryRowContext(ctx, `SELECT hukou_type FROM households WHERE id = $1`, app.Household.ID).Scan(&appHukou); err != nil {
		return err
	}
	if county != app.Region.County || hukou != appHukou || version != c.PolicyVersion {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "policy_mismatch", "policy_id",
			"核对结论所依据的政策参数不是该申请所在县区和户籍类型的政策")
	}
	return nil
}
