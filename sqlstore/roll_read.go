package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"hedui"
	"hedui/idcard"
)

// rollScope is the condition on roll_households h (or any table with a
// county_code, named by col) that limits a read to the actor's rolls: a
// county verifier his county, a city verifier the counties of his city,
// the command line everything.
func rollScope(op string, by hedui.Actor, col string, a *args) (string, error) {
	if by.Role == hedui.RoleSystem {
		return "1 = 1", nil
	}
	s := by.CaseScope()
	if by.Role != hedui.RoleVerifier || s.IsZero() {
		return "", hedui.Errorf(op, hedui.KindPermission, "roll_forbidden", "只有县区或市核对中心的核对员可以查看名册")
	}
	if s.Level == hedui.LevelCity {
		return col + " IN (SELECT code FROM divisions WHERE parent_code = " + a.add(s.Code) + ")", nil
	}
	return col + " = " + a.add(s.Code), nil
}

// RollImports lists the imports of the rolls in scope, newest first, with
// their validation reports.
func (db *DB) RollImports(ctx context.Context, by hedui.Actor, county string) ([]hedui.RollImport, error) {
	const op = "sqlstore.RollImports"
	var a args
	cond, err := rollScope(op, by, "i.county_code", &a)
	if err != nil {
		return nil, err
	}
	if county != "" {
		cond += " AND i.county_code = " + a.add(county)
	}
	var out []hedui.RollImport
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = []hedui.RollImport{}
		rows, err := tx.QueryContext(ctx, `SELECT i.id, i.county_code, i.mode, i.file_name_enc, i.file_sha256, i.rows,
			i.added, i.updated, i.unchanged, i.exited, i.problems_enc, i.created_by, i.created_at
			FROM roll_imports i WHERE `+cond+` ORDER BY i.id DESC LIMIT 200`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		o := db.opener()
		for rows.Next() {
			var r hedui.RollImport
			var name, problems string
			if err := rows.Scan(&r.ID, &r.County, &r.Mode, &name, &r.SHA256, &r.Rows, &r.Added, &r.Updated,
				&r.Unchanged, &r.Exited, &problems, &r.By, timeCol{&r.At}); err != nil {
				return err
			}
			r.FileName = o.str(name, adRollFile)
			r.Problems = []hedui.Problem{}
			if b := o.bytes(problems, adRollProblems); len(b) > 0 {
				if err := json.Unmarshal(b, &r.Problems); err != nil {
					return err
				}
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := o.done(op); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditRollImports, objectType: "roll_import",
			detail: fmt.Sprintf("查看名册导入记录（县区 %s），返回%d条", county, len(out))})
	})
	return out, err
}

// RollHouseholds lists the roll households in scope that match f, masked.
func (db *DB) RollHouseholds(ctx context.Context, by hedui.Actor, f hedui.RollFilter) (hedui.Page[hedui.RollSummary], error) {
	const op = "sqlstore.RollHouseholds"
	limit, offset := pageBounds(f.Limit, f.Offset)
	page := hedui.Page[hedui.RollSummary]{Items: []hedui.RollSummary{}, Limit: limit, Offset: offset}
	var a args
	scope, err := rollScope(op, by, "h.county_code", &a)
	if err != nil {
		return page, err
	}
	conds := []string{scope}
	detail := "查询名册家庭"
	if f.County != "" {
		conds = append(conds, "h.county_code = "+a.add(f.County))
	}
	if f.Category != "" {
		if f.Category != hedui.CategoryDibao && f.Category != hedui.CategoryTekun {
			return page, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_category", "category", "救助类别应为低保或特困")
		}
		conds = append(conds, "h.category = "+a.add(string(f.Category)))
	}
	if f.Status != "" {
		if f.Status != hedui.RollActive && f.Status != hedui.RollExited {
			return page, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_status", "status", "名册状态应为 active 或 exited")
		}
		conds = append(conds, "h.status = "+a.add(string(f.Status)))
	}
	if f.Number != "" {
		conds = append(conds, "h.number = "+a.add(strings.TrimSpace(f.Number)))
	}
	if f.IDNumber != "" {
		n, err := hedui.CheckIDNumber(op, "id_number", f.IDNumber, hedui.Civil(db.now()))
		if err != nil {
			return page, err
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM roll_members m WHERE m.roll_household_id = h.id AND m.id_index = "+
			a.add(db.kr.BlindIndex(n.Canonical))+")")
		detail = "按身份证号 " + idcard.Mask(n.Canonical) + " 查询名册家庭"
	}
	where := " WHERE " + strings.Join(conds, " AND ")
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		page.Items, page.Total = []hedui.RollSummary{}, 0
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM roll_households h`+where, a...).Scan(&page.Total); err != nil {
			return err
		}
		pa := append(args(nil), a...)
		// The head is the member listed first; the count is of the
		// members on the roll now.
		rows, err := tx.QueryContext(ctx, `SELECT h.id, h.county_code, h.region_code, h.number, h.category, h.stable,
			h.benefit_fen, h.status,
			(SELECT COUNT(*) FROM roll_members m WHERE m.roll_household_id = h.id AND m.status = 'active'),
			COALESCE(hm.name_enc, ''), COALESCE(hm.id_enc, '')
			FROM roll_households h
			LEFT JOIN roll_members hm ON hm.roll_household_id = h.id AND hm.status = 'active' AND hm.seq =
				(SELECT MIN(m.seq) FROM roll_members m WHERE m.roll_household_id = h.id AND m.status = 'active')`+
			where+` ORDER BY h.county_code, h.number LIMIT `+pa.add(limit)+` OFFSET `+pa.add(offset), pa...)
		if err != nil {
			return err
		}
		defer rows.Close()
		o := db.opener()
		for rows.Next() {
			var s hedui.RollSummary
			var name, idn string
			if err := rows.Scan(&s.ID, &s.County, &s.Region, &s.Number, &s.Category, &s.Stable, &s.BenefitFen, &s.Status,
				&s.Members, &name, &idn); err != nil {
				return err
			}
			s.HeadMasked = hedui.MaskName(o.str(name, adRollName))
			if idn != "" {
				s.HeadMasked += "，" + idcard.Mask(o.str(idn, adRollID))
			}
			page.Items = append(page.Items, s)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := o.done(op); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditRollList, objectType: "roll_household",
			detail: fmt.Sprintf("%s，返回%d条，共%d条", detail, len(page.Items), page.Total)})
	})
	return page, err
}

// RollHousehold opens one household with the members on the roll now.
func (db *DB) RollHousehold(ctx context.Context, by hedui.Actor, id int64) (*hedui.RollHousehold, error) {
	const op = "sqlstore.RollHousehold"
	var a args
	scope, err := rollScope(op, by, "h.county_code", &a)
	if err != nil {
		return nil, err
	}
	var h hedui.RollHousehold
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		h = hedui.RollHousehold{Members: []hedui.Member{}}
		var addr string
		err := tx.QueryRowContext(ctx, `SELECT h.id, h.county_code, h.region_code, h.number, h.category, h.hukou_type,
			h.stable, h.benefit_fen, h.income_fen, h.since, h.address_enc, h.letter_number, h.letter_until, h.status,
			h.import_id, h.updated_at FROM roll_households h WHERE h.id = `+a.add(id)+` AND `+scope, a...).Scan(
			&h.ID, &h.County, &h.Region, &h.Number, &h.Category, &h.Hukou, &h.Stable, &h.BenefitFen, &h.IncomeFen,
			dateCol{&h.Since}, &addr, &h.LetterNumber, dateCol{&h.LetterUntil}, &h.Status, &h.ImportID, timeCol{&h.UpdatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			return hedui.Errorf(op, hedui.KindNotFound, "roll_household_not_found", "未找到该名册家庭，或您无权查看")
		}
		if err != nil {
			return err
		}
		o := db.opener()
		h.Address = o.str(addr, adRollAddress)
		rows, err := tx.QueryContext(ctx, `SELECT id, name_enc, id_enc, gender, birth_date, relationship, disability_grade,
			labour_capacity, lives_together FROM roll_members WHERE roll_household_id = $1 AND status = 'active' ORDER BY seq`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m := hedui.Member{HouseholdID: id, Hukou: h.Hukou}
			var name, idn string
			if err := rows.Scan(&m.ID, &name, &idn, &m.Gender, dateCol{&m.BirthDate}, &m.Relationship,
				&m.DisabilityGrade, &m.Labour, &m.LivesTogether); err != nil {
				return err
			}
			m.Name, m.IDNumber = o.str(name, adRollName), o.str(idn, adRollID)
			h.Members = append(h.Members, m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := o.done(op); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditRollView, objectType: "roll_household",
			objectID: strconv.FormatInt(id, 10), detail: fmt.Sprintf("查看名册家庭 %s（县区 %s，%d人）", h.Number, h.County, len(h.Members))})
	})
	if err != nil {
		return nil, err
	}
	return &h, nil
}
