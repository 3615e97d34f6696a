package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"hedui"
)

// Answers lists every answer about an application's members, oldest
// first, with the departments' records opened, for the clerk and verifiers
// of its region; the view is logged. A subject × item with no answer is
// 未反馈; an answer with NoRecord is 查无记录.
func (db *DB) Answers(ctx context.Context, by hedui.Actor, appID int64) ([]hedui.Answer, error) {
	const op = "sqlstore.Answers"
	var out []hedui.Answer
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, false)
		if err != nil {
			return err
		}
		if out, err = db.appAnswers(ctx, tx, op, appID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditAnswersView, appID,
			fmt.Sprintf("查看申请 %s 的部门反馈%d条", app.Number, len(out))))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (db *DB) appAnswers(ctx context.Context, q queryer, op string, appID int64) ([]hedui.Answer, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, query_id, subject_ref, member_id, department_id, item, no_record, records_enc,
		as_of, received_at, channel, source, payload_sha256 FROM answers WHERE application_id = $1 ORDER BY id`, appID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	o := db.opener()
	out := []hedui.Answer{}
	for rows.Next() {
		var a hedui.Answer
		var records string
		if err := rows.Scan(&a.ID, &a.QueryID, &a.SubjectRef, &a.MemberID, &a.DepartmentID, &a.Item, &a.NoRecord, &records,
			dateCol{&a.AsOf}, timeCol{&a.ReceivedAt}, &a.Channel, &a.Source, &a.PayloadSHA256); err != nil {
			return nil, err
		}
		a.Records = []hedui.Record{}
		if b := o.bytes(records, adAnswerRecords); len(b) > 0 {
			if err := json.Unmarshal(b, &a.Records); err != nil {
				return nil, hedui.E(op, hedui.KindInternal, "bad_answer_records", err)
			}
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, o.done(op)
}
