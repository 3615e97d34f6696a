package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hedui"
)

// AgencyDecide records the agency's decision on the current report of a
// reported case of its region and closes the case: its members leave
// active_persons, so the household may have a later application (the next
// periodic review). Closing a re-check also closes the objected cases it
// descends from. A decision on an objected case itself is refused: the
// agency decides on the re-check's report.
//
// The 清退 recommendation (removal) is set when the chain began as a
// periodic review of an existing recipient and the decided category is
// 不符合; the agency decides what to do with it.
func (db *DB) AgencyDecide(ctx context.Context, by hedui.Actor, appID int64, in hedui.AgencyDecisionInput) (hedui.AgencyDecision, error) {
	const op = "sqlstore.AgencyDecide"
	if err := mustBeAgency(op, by, "只有经办机构可以对核对报告作出决定"); err != nil {
		return hedui.AgencyDecision{}, err
	}
	in.Note = strings.TrimSpace(in.Note)
	switch {
	case !in.Decision.Valid():
		return hedui.AgencyDecision{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_agency_decision", "decision",
			"请选择批准（approve）、不予批准（reject）或停止救助（stop）")
	case in.Decision != hedui.AgencyApprove && utf8.RuneCountInString(in.Note) < 4:
		return hedui.AgencyDecision{}, hedui.FieldErrorf(op, hedui.KindInvalid, "note_required", "note",
			"不予批准或停止救助须填写理由（至少4个字）")
	case utf8.RuneCountInString(in.Note) > hedui.MaxNoteRunes:
		return hedui.AgencyDecision{}, hedui.FieldErrorf(op, hedui.KindInvalid, "note_too_long", "note", "理由不能超过%d个字", hedui.MaxNoteRunes)
	}
	now := db.now()
	out := hedui.AgencyDecision{ApplicationID: appID, Decision: in.Decision, Note: in.Note, By: by.Username, At: now}
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.reportApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		if app.Status == hedui.StatusObjected {
			return hedui.Errorf(op, hedui.KindConflict, "objection_pending",
				"该申请已提出异议，正在复查；请在复查报告出具后对复查申请作出决定")
		}
		rule, err := hedui.FindRule(app.Status, hedui.ActAgencyDecide, by.Role)
		if err != nil {
			return hedui.E(op, err)
		}
		chain, err := chainOf(ctx, tx, appID)
		if err != nil {
			return err
		}
		var category hedui.Category
		var rootKind hedui.AppKind
		err = tx.QueryRowContext(ctx, `SELECT r.id, r.category, c.kind FROM reports r JOIN applications c ON c.id = r.chain_id
			WHERE r.chain_id = $1 AND r.is_current = $2 AND r.application_id = $3`, chain, true, appID).
			Scan(&out.ReportID, &category, &rootKind)
		if err == sql.ErrNoRows {
			return hedui.Errorf(op, hedui.KindConflict, "no_current_report", "该申请没有现行的核对报告")
		}
		if err != nil {
			return err
		}
		out.Removal = rootKind == hedui.KindPeriodic && category == hedui.CategoryNone
		if _, err := tx.ExecContext(ctx, `INSERT INTO agency_decisions (application_id, report_id, decision, removal, note_enc,
			org_id, user_id, username, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			appID, out.ReportID, string(in.Decision), out.Removal, db.seal(in.Note, adAgencyNote), by.OrgID, by.UserID,
			by.Username, db.d.ts(now)); err != nil {
			return err
		}
		if err := db.closeCase(ctx, tx, by, appID, app.Status, rule, in.Note, now); err != nil {
			return err
		}
		if err := db.closeObjected(ctx, tx, by, appID, app.Number, now); err != nil {
			return err
		}
		detail := fmt.Sprintf("经办机构决定：%s（报告第%d号）", in.Decision.Label(), out.ReportID)
		if out.Removal {
			detail += "；核对结论为不符合，建议清退"
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditAgencyDecide, objectType: "application",
			objectID: fmt.Sprint(appID), caseID: appID, detail: detail + "；" + app.Status.Label() + " → " + rule.To.Label()})
	})
	if err != nil {
		return hedui.AgencyDecision{}, err
	}
	return out, nil
}

// closeCase moves a case to closed and frees its members.
func (db *DB) closeCase(ctx context.Context, tx *sql.Tx, by hedui.Actor, appID int64, from hedui.Status, rule hedui.Rule,
	comment string, now time.Time) error {
	if err := db.recordTransition(ctx, tx, by, appID, from, rule.To, rule.Action, comment, now); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM active_persons WHERE application_id = $1`, appID)
	return err
}

// closeObjected closes the objected cases a closed re-check descends from.
func (db *DB) closeObjected(ctx context.Context, tx *sql.Tx, by hedui.Actor, appID int64, number string, now time.Time) error {
	for id := appID; ; {
		parent, err := objectionParent(ctx, tx, id)
		if err != nil || parent == 0 {
			return err
		}
		var status hedui.Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = $1`+db.d.forUpdate(""), parent).Scan(&status); err != nil {
			return err
		}
		if status == hedui.StatusObjected {
			rule, err := hedui.FindRule(status, hedui.ActAgencyDecide, by.Role)
			if err != nil {
				return hedui.E("sqlstore.AgencyDecide", err)
			}
			if err := db.closeCase(ctx, tx, by, parent, status, rule, "异议复查申请 "+number+" 已办结", now); err != nil {
				return err
			}
			if err := db.appendAudit(ctx, tx, by, appEvent(hedui.AuditAppTransition, parent,
				"异议复查申请 "+number+" 已办结："+status.Label()+" → "+rule.To.Label())); err != nil {
				return err
			}
		}
		id = parent
	}
}
