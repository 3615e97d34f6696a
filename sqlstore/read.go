package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hedui"
	"hedui/idcard"
)

// Application returns one application in full, decrypted, and logs the view.
func (db *DB) Application(ctx context.Context, by hedui.Actor, id int64) (*hedui.Application, error) {
	const op = "sqlstore.Application"
	var app *hedui.Application
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		var err error
		if app, err = db.loadApp(ctx, tx, op, by, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditAppView, id, "查看申请 "+app.Number))
	})
	if err != nil {
		return nil, err
	}
	return app, nil
}

// summaryCols include the head of household's sealed name and ID number as
// correlated subqueries, so only the rows of the page are opened.
const summaryCols = `a.id, a.number, a.kind, a.assistance_types, a.status, a.city_code, a.county_code, a.township_code,
	COALESCE(u.username, ''), a.created_at, a.updated_at,
	(SELECT COUNT(*) FROM members m WHERE m.household_id = a.household_id AND m.status = 'active'),
	COALESCE((SELECT m.name_enc FROM members m WHERE m.household_id = a.household_id AND m.status = 'active'
		AND m.relationship = 'head' ORDER BY m.id LIMIT 1), ''),
	COALESCE((SELECT m.id_enc FROM members m WHERE m.household_id = a.household_id AND m.status = 'active'
		AND m.relationship = 'head' ORDER BY m.id LIMIT 1), '')`

// Applications lists the applications in the actor's scope that match f,
// newest first, with names and ID numbers masked.
func (db *DB) Applications(ctx context.Context, by hedui.Actor, f hedui.Filter) (hedui.Page[hedui.Summary], error) {
	const op = "sqlstore.Applications"
	limit, offset := pageBounds(f.Limit, f.Offset)
	page := hedui.Page[hedui.Summary]{Items: []hedui.Summary{}, Limit: limit, Offset: offset}
	var a args
	scope, visible := scopeCond(by.CaseScope(), &a)
	conds := []string{scope}
	for i, s := range f.Status {
		if !s.Valid() {
			return page, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_status", fmt.Sprintf("status[%d]", i), "未知的申请状态：%s", s)
		}
	}
	if len(f.Status) > 0 {
		conds = append(conds, "a.status IN "+in(&a, f.Status))
	}
	if f.Kind != "" {
		if !f.Kind.Valid() {
			return page, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_kind", "kind", "未知的核对类型：%s", f.Kind)
		}
		conds = append(conds, "a.kind = "+a.add(string(f.Kind)))
	}
	if f.Township != "" {
		conds = append(conds, "a.township_code = "+a.add(f.Township))
	}
	detail := "查询申请列表"
	if f.Batch != 0 {
		conds = append(conds, "a.escalation_batch_id = "+a.add(f.Batch))
		detail = fmt.Sprintf("查询市级协查批次%d的申请列表", f.Batch)
	}
	if f.IDNumber != "" {
		n, err := hedui.CheckIDNumber(op, "id_number", f.IDNumber, hedui.Civil(db.now()))
		if err != nil {
			return page, err
		}
		// Every household the person is or was a member of.
		conds = append(conds, "EXISTS (SELECT 1 FROM members m WHERE m.household_id = a.household_id AND m.id_index = "+
			a.add(db.kr.BlindIndex(n.Canonical))+")")
		detail = "按身份证号 " + idcard.Mask(n.Canonical) + " 查询申请列表"
	}
	where := " WHERE " + strings.Join(conds, " AND ")
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		page.Items, page.Total = []hedui.Summary{}, 0
		if visible {
			if err := db.summaries(ctx, tx, op, where, a, &page); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditAppList, objectType: "application",
			detail: fmt.Sprintf("%s，返回%d条，共%d条", detail, len(page.Items), page.Total)})
	})
	return page, err
}

func (db *DB) summaries(ctx context.Context, tx *sql.Tx, op, where string, a args, page *hedui.Page[hedui.Summary]) error {
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM applications a`+where, a...).Scan(&page.Total); err != nil {
		return err
	}
	pa := append(args(nil), a...)
	rows, err := tx.QueryContext(ctx, `SELECT `+summaryCols+appFrom+where+
		` ORDER BY a.id DESC LIMIT `+pa.add(page.Limit)+` OFFSET `+pa.add(page.Offset), pa...)
	if err != nil {
		return err
	}
	defer rows.Close()
	o := db.opener()
	for rows.Next() {
		var s hedui.Summary
		var aid, name, idn string
		if err := rows.Scan(&s.ID, &s.Number, &s.Kind, &aid, &s.Status, &s.Region.City, &s.Region.County, &s.Region.Township,
			&s.CreatedBy, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}, &s.MemberCount, &name, &idn); err != nil {
			return err
		}
		s.Aid = splitAid(aid)
		s.HeadName = hedui.MaskName(o.str(name, adMemberName))
		if idn != "" {
			s.HeadIDNumber = idcard.Mask(o.str(idn, adMemberID))
		}
		page.Items = append(page.Items, s)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return o.done(op)
}
