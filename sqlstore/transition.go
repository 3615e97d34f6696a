package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"
	"unicode/utf8"

	"hedui"
)

// Transition moves an application along the lifecycle table in hedui.Rules.
// The scope filter keeps clerks to their township and verifiers to their
// county or city; the rule decides the role. Internal actions (dispatch,
// completion) are refused here: the operations that do their work take them.
func (db *DB) Transition(ctx context.Context, by hedui.Actor, appID int64, action hedui.Action, comment string) (*hedui.Application, error) {
	const op = "sqlstore.Transition"
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > hedui.MaxNoteRunes {
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "comment_too_long", "comment", "意见不能超过%d个字", hedui.MaxNoteRunes)
	}
	now := db.now()
	var out *hedui.Application
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		rule, err := hedui.PlainRule(app.Status, action, by.Role)
		if err != nil {
			return hedui.E(op, err)
		}
		if rule.NeedsComment && comment == "" {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "comment_required", "comment", "退回时须填写原因")
		}
		if rule.NeedsComplete {
			if err := db.fillApp(ctx, tx, op, app); err != nil {
				return err
			}
			if err := hedui.CheckComplete(op, app, hedui.Today(now)); err != nil {
				return err
			}
		}
		if err := db.recordTransition(ctx, tx, by, app.ID, app.Status, rule.To, action, comment, now); err != nil {
			return err
		}
		if rule.To.Terminal() {
			// The family's members may now be in another application.
			if _, err := tx.ExecContext(ctx, `DELETE FROM active_persons WHERE application_id = $1`, app.ID); err != nil {
				return err
			}
		}
		if out, err = db.loadApp(ctx, tx, op, by, appID); err != nil {
			return err
		}
		detail := action.Label() + "：" + app.Status.Label() + " → " + rule.To.Label()
		if comment != "" {
			detail += "（附意见）"
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditAppTransition, app.ID, detail))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// recordTransition moves an application and writes its history row; the
// caller has checked the rule and appends the audit entry.
func (db *DB) recordTransition(ctx context.Context, tx *sql.Tx, by hedui.Actor, appID int64, from, to hedui.Status,
	action hedui.Action, comment string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE applications SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3`,
		string(to), db.d.ts(now), appID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO transitions (application_id, from_status, to_status, action, user_id,
		username, role, at, comment_enc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		appID, string(from), string(to), string(action), by.UserID, by.Username, string(by.Role),
		db.d.ts(now), db.seal(comment, adComment))
	return err
}
