package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"hedui"
	"hedui/audit"
)

// event is what a method records; the actor and the time are added by
// appendAudit.
type event struct {
	action     string
	objectType string
	objectID   string
	caseID     int64
	detail     string
}

// appEvent is an event about one application.
func appEvent(action string, appID int64, detail string) event {
	return event{action: action, objectType: "application", objectID: strconv.FormatInt(appID, 10), caseID: appID, detail: detail}
}

// userEvent is an event about one account.
func userEvent(action, username, detail string) event {
	return event{action: action, objectType: "user", objectID: username, detail: detail}
}

// appendAudit chains ev to the log inside tx. Callers append last, just
// before commit: on PostgreSQL the head row lock serialises every writer
// from here to the commit, so it should be held briefly.
func (db *DB) appendAudit(ctx context.Context, tx *sql.Tx, by hedui.Actor, ev event) error {
	var headSeq int64
	var headHash string
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+db.d.forUpdate("")).Scan(&headSeq, &headHash)
	if err != nil {
		return err
	}
	e := hedui.AuditEntry{
		At: db.now(), UserID: by.UserID, Username: by.Username, Role: by.Role, OrgID: by.OrgID,
		Action: ev.action, ObjectType: ev.objectType, ObjectID: ev.objectID, CaseID: ev.caseID,
		ClientAddr: by.ClientAddr, Purpose: by.Purpose, Detail: ev.detail,
	}
	audit.Seal(db.kr.AuditKey(), headSeq, headHash, &e)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, user_id, username, role, org_id, action, object_type,
		object_id, case_id, client_addr, purpose, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		e.Seq, db.d.ts(e.At), e.UserID, e.Username, string(e.Role), e.OrgID, e.Action, e.ObjectType,
		e.ObjectID, e.CaseID, e.ClientAddr, e.Purpose, e.Detail, e.PrevHash, e.Hash)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, e.Seq, e.Hash)
	return err
}

const auditCols = `seq, at, user_id, username, role, org_id, action, object_type, object_id, case_id,
	client_addr, purpose, detail, prev_hash, hash`

func scanAudit(rows *sql.Rows, e *hedui.AuditEntry) error {
	return rows.Scan(&e.Seq, timeCol{&e.At}, &e.UserID, &e.Username, &e.Role, &e.OrgID, &e.Action,
		&e.ObjectType, &e.ObjectID, &e.CaseID, &e.ClientAddr, &e.Purpose, &e.Detail, &e.PrevHash, &e.Hash)
}

// mayReadAudit: the log shows who looked at which family, so only oversight
// and the command line read it.
func mayReadAudit(op string, by hedui.Actor) error {
	if by.Role == hedui.RoleAuditor || by.Role == hedui.RoleSystem {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "audit_forbidden", "只有审计人员可以查看审计日志")
}

// AuditEntries lists entries newest first.
func (db *DB) AuditEntries(ctx context.Context, by hedui.Actor, f hedui.AuditFilter) (hedui.Page[hedui.AuditEntry], error) {
	const op = "sqlstore.AuditEntries"
	limit, offset := pageBounds(f.Limit, f.Offset)
	page := hedui.Page[hedui.AuditEntry]{Limit: limit, Offset: offset}
	if err := mayReadAudit(op, by); err != nil {
		return page, err
	}
	var a args
	var conds []string
	if f.Username != "" {
		conds = append(conds, "username = "+a.add(f.Username))
	}
	if f.Action != "" {
		conds = append(conds, "action = "+a.add(f.Action))
	}
	if f.CaseID != 0 {
		conds = append(conds, "case_id = "+a.add(f.CaseID))
	}
	if !f.From.IsZero() {
		conds = append(conds, "at >= "+a.add(db.d.ts(f.From)))
	}
	if !f.To.IsZero() {
		conds = append(conds, "at < "+a.add(db.d.ts(f.To)))
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		page.Items = []hedui.AuditEntry{}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log`+where, a...).Scan(&page.Total); err != nil {
			return err
		}
		pa := append(args(nil), a...)
		q := `SELECT ` + auditCols + ` FROM audit_log` + where +
			` ORDER BY seq DESC LIMIT ` + pa.add(limit) + ` OFFSET ` + pa.add(offset)
		rows, err := tx.QueryContext(ctx, q, pa...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e hedui.AuditEntry
			if err := scanAudit(rows, &e); err != nil {
				return err
			}
			page.Items = append(page.Items, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditLogView, objectType: "audit_log",
			detail: fmt.Sprintf("查询审计日志，返回%d条，共%d条", len(page.Items), page.Total)})
	})
	return page, err
}

// VerifyAudit walks the whole log in sequence order, streaming rows through
// an audit.Verifier, and compares its end with the head record. The walk is
// one snapshot, so appends during it do not show up as a broken tail.
func (db *DB) VerifyAudit(ctx context.Context, by hedui.Actor) (hedui.AuditReport, error) {
	const op = "sqlstore.VerifyAudit"
	if err := mayReadAudit(op, by); err != nil {
		return hedui.AuditReport{}, err
	}
	rep, err := db.verifyChain(ctx)
	if err != nil {
		return rep, wrapDB(op, err)
	}
	if by.Role == hedui.RoleSystem {
		// The command line may run on a read-only copy; it does not log.
		return rep, nil
	}
	detail := fmt.Sprintf("校验审计日志%d条，完整", rep.Entries)
	if rep.Break != nil {
		detail = fmt.Sprintf("校验审计日志，第%d条处断裂：%s", rep.Break.Seq, rep.Break.Reason)
	}
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditLogVerify, objectType: "audit_log", detail: detail})
	})
	return rep, err
}

func (db *DB) verifyChain(ctx context.Context) (hedui.AuditReport, error) {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: db.d.snapshot})
	if err != nil {
		return hedui.AuditReport{}, err
	}
	defer tx.Rollback()
	var headSeq int64
	var headHash string
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return hedui.AuditReport{}, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return hedui.AuditReport{}, err
	}
	defer rows.Close()
	v := audit.NewVerifier(db.kr.AuditKey())
	var e hedui.AuditEntry
	for rows.Next() {
		if err := scanAudit(rows, &e); err != nil {
			return hedui.AuditReport{}, err
		}
		v.Add(&e)
	}
	if err := rows.Err(); err != nil {
		return hedui.AuditReport{}, err
	}
	return v.Finish(headSeq, headHash), nil
}
