package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode/utf8"

	"hedui"
)

// Decide records the verifier's decision on the case's latest conclusion.
// A decision on an older conclusion, or a second decision, is a conflict:
// the verifier must look at what is current. A confirmation takes the
// conclusion's outcome as its own, so that the stored decision always
// holds the decided result; the conclusion is never changed.
func (db *DB) Decide(ctx context.Context, by hedui.Actor, appID int64, d hedui.Decision) (hedui.Decision, error) {
	const op = "sqlstore.Decide"
	if err := mayEvaluate(op, by); err != nil {
		return hedui.Decision{}, err
	}
	d.Reason = strings.TrimSpace(d.Reason)
	switch {
	case d.ConclusionID <= 0:
		return hedui.Decision{}, hedui.FieldErrorf(op, hedui.KindInvalid, "missing_conclusion", "conclusion_id", "请指明要确认的核对结论")
	case utf8.RuneCountInString(d.Reason) > hedui.MaxNoteRunes:
		return hedui.Decision{}, hedui.FieldErrorf(op, hedui.KindInvalid, "reason_too_long", "reason", "理由不能超过%d个字", hedui.MaxNoteRunes)
	}
	now := db.now()
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		latest, err := db.conclusions(ctx, tx, op, appID, true)
		if err != nil {
			return err
		}
		switch {
		case len(latest) == 0:
			return hedui.Errorf(op, hedui.KindConflict, "no_conclusion", "该申请尚未出具核对结论")
		case latest[0].ID != d.ConclusionID:
			return hedui.Errorf(op, hedui.KindConflict, "stale_conclusion", "核对结论已更新，请查看最新结论后再确认")
		case latest[0].Decision != nil:
			return hedui.Errorf(op, hedui.KindConflict, "already_decided", "该核对结论已经确认，不能重复确认")
		}
		rule, err := hedui.FindRule(app.Status, hedui.ActDecide, by.Role)
		if err != nil {
			return hedui.E(op, err)
		}
		c := &latest[0].Conclusion
		if err := d.Validate(c); err != nil {
			return hedui.E(op, err)
		}
		if d.Action == hedui.DecisionConfirm {
			d.Overall, d.Category, d.BenefitFen = c.Overall, c.Category, c.BenefitFen
		}
		d.By, d.At = by.Username, now
		if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (conclusion_id, application_id, action, overall, category,
			benefit_fen, reason_enc, user_id, username, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			d.ConclusionID, appID, string(d.Action), string(d.Overall), string(d.Category), int64(d.BenefitFen),
			db.seal(d.Reason, adDecisionReason), by.UserID, by.Username, db.d.ts(now)); err != nil {
			return err
		}
		if err := db.recordTransition(ctx, tx, by, appID, app.Status, rule.To, rule.Action, d.Reason, now); err != nil {
			return err
		}
		detail := "确认核对结论第" + strconv.Itoa(latest[0].Version) + "版"
		if d.Action == hedui.DecisionOverride {
			detail = "改判核对结论第" + strconv.Itoa(latest[0].Version) + "版为" + d.Overall.Label() + "／" + d.Category.Label() + "（附理由）"
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditDecisionCreate, objectType: "conclusion",
			objectID: strconv.FormatInt(d.ConclusionID, 10), caseID: appID,
			detail: detail + "；" + app.Status.Label() + " → " + rule.To.Label()})
	})
	if err != nil {
		return hedui.Decision{}, err
	}
	return d, nil
}
