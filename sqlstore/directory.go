package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"hedui"
)

// divisionCodeLen is the code length at each level of the statistical tree.
var divisionCodeLen = map[hedui.Level]int{
	hedui.LevelProvince: 6, hedui.LevelCity: 6, hedui.LevelCounty: 6, hedui.LevelTownship: 9,
}

func checkDivision(op string, i int, d hedui.Division) error {
	field := fmt.Sprintf("divisions[%d]", i)
	n, ok := divisionCodeLen[d.Level]
	if !ok {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_level", field+".level", "第%d条行政区划的级别无效：%s", i+1, d.Level)
	}
	if len(d.Code) != n || !digits(d.Code) {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_division_code", field+".code",
			"第%d条行政区划代码应为%d位数字：%s", i+1, n, d.Code)
	}
	if d.ParentCode != "" && !digits(d.ParentCode) {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_division_code", field+".parent_code",
			"第%d条行政区划的上级代码应为数字：%s", i+1, d.ParentCode)
	}
	if strings.TrimSpace(d.Name) == "" {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_name", field+".name", "第%d条行政区划缺少名称", i+1)
	}
	return nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// PutDivisions inserts or updates divisions.
func (db *DB) PutDivisions(ctx context.Context, ds []hedui.Division) error {
	const op = "sqlstore.PutDivisions"
	for i, d := range ds {
		if err := checkDivision(op, i, d); err != nil {
			return err
		}
	}
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		for _, d := range ds {
			_, err := tx.ExecContext(ctx, `INSERT INTO divisions (code, name, level, parent_code) VALUES ($1, $2, $3, $4)
				ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code`,
				d.Code, strings.TrimSpace(d.Name), string(d.Level), d.ParentCode)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// Divisions lists every division in code order.
func (db *DB) Divisions(ctx context.Context) ([]hedui.Division, error) {
	const op = "sqlstore.Divisions"
	rows, err := db.db.QueryContext(ctx, `SELECT code, name, level, parent_code FROM divisions ORDER BY code`)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.Division{}
	for rows.Next() {
		var d hedui.Division
		if err := rows.Scan(&d.Code, &d.Name, &d.Level, &d.ParentCode); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, d)
	}
	return out, wrapDB(op, rows.Err())
}

// Division returns one division.
func (db *DB) Division(ctx context.Context, code string) (hedui.Division, error) {
	const op = "sqlstore.Division"
	d, err := division(ctx, db.db, code)
	if errors.Is(err, sql.ErrNoRows) {
		return d, hedui.Errorf(op, hedui.KindNotFound, "division_not_found", "未找到行政区划：%s", code)
	}
	return d, wrapDB(op, err)
}

func division(ctx context.Context, q queryer, code string) (hedui.Division, error) {
	var d hedui.Division
	err := q.QueryRowContext(ctx, `SELECT code, name, level, parent_code FROM divisions WHERE code = $1`, code).
		Scan(&d.Code, &d.Name, &d.Level, &d.ParentCode)
	return d, err
}

var orgKinds = map[hedui.OrgKind]bool{
	hedui.OrgTownship: true, hedui.OrgCentre: true, hedui.OrgDepartment: true,
	hedui.OrgAgency: true, hedui.OrgAdmin: true, hedui.OrgOversight: true,
}

// EnsureOrganisation returns the organisation with o's name at o's division,
// creating it first if needed. Its level is the division's.
func (db *DB) EnsureOrganisation(ctx context.Context, o hedui.Organisation) (hedui.Organisation, error) {
	const op = "sqlstore.EnsureOrganisation"
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" || utf8.RuneCountInString(o.Name) > hedui.MaxAddressRunes {
		return o, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_name", "name", "请填写机构名称（不超过%d个字）", hedui.MaxAddressRunes)
	}
	if !orgKinds[o.Kind] {
		return o, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_org_kind", "kind", "未知的机构类型：%s", o.Kind)
	}
	var out hedui.Organisation
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		var err error
		out, err = ensureOrg(ctx, tx, op, o)
		return err
	})
	return out, err
}

// ensureOrg is EnsureOrganisation inside a transaction, for o already
// checked.
func ensureOrg(ctx context.Context, tx *sql.Tx, op string, o hedui.Organisation) (hedui.Organisation, error) {
	var out hedui.Organisation
	d, err := division(ctx, tx, o.Division)
	if errors.Is(err, sql.ErrNoRows) {
		return out, hedui.FieldErrorf(op, hedui.KindInvalid, "unknown_division", "division_code", "机构所在行政区划不存在：%s", o.Division)
	}
	if err != nil {
		return out, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO organisations (name, kind, division_code, level) VALUES ($1, $2, $3, $4)
		ON CONFLICT (name, division_code) DO NOTHING`, o.Name, string(o.Kind), d.Code, string(d.Level)); err != nil {
		return out, err
	}
	err = tx.QueryRowContext(ctx, `SELECT id, name, kind, division_code, level FROM organisations
		WHERE name = $1 AND division_code = $2`, o.Name, d.Code).
		Scan(&out.ID, &out.Name, &out.Kind, &out.Division, &out.Level)
	return out, err
}

// Organisations lists every organisation.
func (db *DB) Organisations(ctx context.Context) ([]hedui.Organisation, error) {
	const op = "sqlstore.Organisations"
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, kind, division_code, level FROM organisations ORDER BY id`)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.Organisation{}
	for rows.Next() {
		var o hedui.Organisation
		if err := rows.Scan(&o.ID, &o.Name, &o.Kind, &o.Division, &o.Level); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, o)
	}
	return out, wrapDB(op, rows.Err())
}
