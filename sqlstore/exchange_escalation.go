package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hedui"
)

// MarkForCity flags (or unflags) a case of the county verifier's region as
// needing city-level queries, with the reason, sealed. A case already sent
// up cannot be unflagged.
func (db *DB) MarkForCity(ctx context.Context, by hedui.Actor, appID int64, need bool, reason string) error {
	const op = "sqlstore.MarkForCity"
	if by.Role != hedui.RoleVerifier || by.Level != hedui.LevelCounty {
		return hedui.Errorf(op, hedui.KindPermission, "county_verifier_only", "只有县区核对中心的核对员可以标记需市级协查的申请")
	}
	reason = strings.TrimSpace(reason)
	switch {
	case need && reason == "":
		return hedui.FieldErrorf(op, hedui.KindInvalid, "reason_required", "reason", "请填写需要市级协查的原因")
	case utf8.RuneCountInString(reason) > hedui.MaxNoteRunes:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "reason_too_long", "reason", "原因不能超过%d个字", hedui.MaxNoteRunes)
	case !need:
		reason = ""
	}
	now := db.now()
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		switch app.Status {
		case hedui.StatusAccepted, hedui.StatusVerifying, hedui.StatusVerified:
		default:
			return hedui.Errorf(op, hedui.KindConflict, "illegal_transition",
				"申请当前状态为“%s”，受理后才能标记需市级协查", app.Status.Label())
		}
		var batch sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT escalation_batch_id FROM applications WHERE id = $1`, appID).Scan(&batch); err != nil {
			return err
		}
		if batch.Valid && !need {
			return hedui.Errorf(op, hedui.KindConflict, "already_escalated", "该申请已报送市级核对中心，不能取消市级协查标记")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET needs_city = $1, city_reason_enc = $2, version = version + 1,
			updated_at = $3 WHERE id = $4`, need, db.seal(reason, adCityReason), db.d.ts(now), appID); err != nil {
			return err
		}
		detail := "取消市级协查标记"
		if need {
			detail = "标记需市级协查（附原因）"
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditCityMark, appID, detail))
	})
}

func checkQuarter(op string, q hedui.Quarter) error {
	if q.Q < 1 || q.Q > 4 || q.Year < 2000 || q.Year > 2100 {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_quarter", "quarter", "季度无效：应为2000至2100年的第1至4季度")
	}
	return nil
}

// Escalate gathers the county's flagged cases that are in no batch yet
// into its batch for the quarter, creating the batch the first time.
// Running it again in the quarter adds cases flagged since. The county's
// own centre sends its cases up; the city centre may also pull them up on
// demand for a county of its city, and the system for any county.
func (db *DB) Escalate(ctx context.Context, by hedui.Actor, county string, quarter hedui.Quarter) (hedui.Batch, error) {
	const op = "sqlstore.Escalate"
	if err := checkQuarter(op, quarter); err != nil {
		return hedui.Batch{}, err
	}
	if !mayEscalate(by, county) {
		return hedui.Batch{}, hedui.Errorf(op, hedui.KindPermission, "escalate_forbidden", "只有本县区或所属市的核对中心可以报送本县区的申请")
	}
	now := db.now()
	var out hedui.Batch
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		d, err := division(ctx, tx, county)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && d.Level != hedui.LevelCounty) {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_county", "county_code", "未知的县区代码：%s", county)
		}
		if err != nil {
			return err
		}
		if by.Level == hedui.LevelCity && by.Role == hedui.RoleVerifier && d.ParentCode != by.Division {
			return hedui.Errorf(op, hedui.KindPermission, "escalate_forbidden", "只有本县区或所属市的核对中心可以报送本县区的申请")
		}
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM escalation_batches WHERE county_code = $1 AND year = $2 AND quarter = $3`+
			db.d.forUpdate(""), county, quarter.Year, quarter.Q).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			id, err = db.newBatch(ctx, tx, op, by, d, quarter, now)
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE applications SET escalation_batch_id = $1
			WHERE county_code = $2 AND needs_city AND escalation_batch_id IS NULL`, id, county)
		if err != nil {
			return err
		}
		added, err := res.RowsAffected()
		if err != nil {
			return err
		}
		batches, err := db.batches(ctx, tx, "b.id = $1", id)
		if err != nil {
			return err
		}
		out = batches[0]
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditEscalate, objectType: "escalation_batch",
			objectID: strconv.FormatInt(id, 10), detail: fmt.Sprintf("%s报送%d年第%d季度市级协查：新增%d件，共%d件",
				d.Name, quarter.Year, quarter.Q, added, len(out.CaseIDs))})
	})
	return out, err
}

// mayEscalate is the scope of Escalate: a county verifier for his own
// county, a city verifier for the counties of his city (checked again
// against the division's parent in the transaction), the system for all.
func mayEscalate(by hedui.Actor, county string) bool {
	switch {
	case by.Role == hedui.RoleSystem:
		return true
	case by.Role != hedui.RoleVerifier:
		return false
	case by.Level == hedui.LevelCounty:
		return by.Division == county
	case by.Level == hedui.LevelCity:
		return county != by.Division && cityOf(county) == by.Division
	}
	return false
}

// newBatch creates the county's batch for the quarter, refusing an empty
// one. Two escalations racing to create it meet on the unique key; the
// loser's retry finds the batch.
func (db *DB) newBatch(ctx context.Context, tx *sql.Tx, op string, by hedui.Actor, county hedui.Division, q hedui.Quarter,
	now time.Time) (int64, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM applications WHERE county_code = $1 AND needs_city
		AND escalation_batch_id IS NULL`, county.Code).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, hedui.Errorf(op, hedui.KindInvalid, "nothing_to_escalate",
			"%s没有待报送的申请，请先将需要市级协查的申请标记为“需市级协查”", county.Name)
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO escalation_batches (city_code, county_code, year, quarter, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		cityOf(county.Code), county.Code, q.Year, q.Q, db.d.ts(now), by.Username).Scan(&id)
	return id, err
}

// Batches lists the escalation batches in the actor's view, newest
// quarter first: a county verifier his county's, a city verifier his
// city's, the system all.
func (db *DB) Batches(ctx context.Context, by hedui.Actor) ([]hedui.Batch, error) {
	const op = "sqlstore.Batches"
	var cond string
	var arg any
	switch {
	case by.Role == hedui.RoleSystem:
		cond, arg = "b.id > $1", 0 // every batch
	case by.Role == hedui.RoleVerifier && by.Level == hedui.LevelCounty:
		cond, arg = "b.county_code = $1", by.Division
	case by.Role == hedui.RoleVerifier && by.Level == hedui.LevelCity:
		cond, arg = "b.city_code = $1", by.Division
	default:
		return nil, hedui.Errorf(op, hedui.KindPermission, "batches_forbidden", "只有核对中心可以查看市级协查报送批次")
	}
	out, err := db.batches(ctx, db.db, cond, arg)
	return out, wrapDB(op, err)
}

// batches reads the batches matching cond (one argument, $1) with their
// case ids.
func (db *DB) batches(ctx context.Context, q queryer, cond string, arg any) ([]hedui.Batch, error) {
	rows, err := q.QueryContext(ctx, `SELECT b.id, b.county_code, b.year, b.quarter, b.created_at, b.created_by
		FROM escalation_batches b WHERE `+cond+` ORDER BY b.year DESC, b.quarter DESC, b.county_code`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hedui.Batch{}
	at := map[int64]int{}
	for rows.Next() {
		b := hedui.Batch{CaseIDs: []int64{}}
		if err := rows.Scan(&b.ID, &b.County, &b.Quarter.Year, &b.Quarter.Q, timeCol{&b.CreatedAt}, &b.CreatedBy); err != nil {
			return nil, err
		}
		at[b.ID] = len(out)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT a.escalation_batch_id, a.id FROM applications a
		JOIN escalation_batches b ON b.id = a.escalation_batch_id WHERE `+cond+` ORDER BY a.id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var batch, app int64
		if err := rows.Scan(&batch, &app); err != nil {
			return nil, err
		}
		b := &out[at[batch]]
		b.CaseIDs = append(b.CaseIDs, app)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
