package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"hedui"
)

// maxReplyDays bounds a department's deadline in working days.
const maxReplyDays = 60

var deptCode = regexp.MustCompile(`^[a-z0-9-]{2,40}$`)

const deptCols = `d.id, d.code, d.name, d.level, d.division_code, d.org_id, d.items, d.channel, d.reply_days,
	d.agreement_number, d.agreement_signed_on, d.agreement_from, d.agreement_until, d.endpoint, d.active, d.created_at`

func scanDept(row interface{ Scan(...any) error }, d *hedui.Department) error {
	var items string
	err := row.Scan(&d.ID, &d.Code, &d.Name, &d.Level, &d.Division, &d.OrgID, &items, &d.Channel, &d.ReplyDays,
		&d.Agreement.Number, dateCol{&d.Agreement.SignedOn}, dateCol{&d.Agreement.ValidFrom}, dateCol{&d.Agreement.ValidUntil},
		&d.Endpoint, &d.Active, timeCol{&d.CreatedAt})
	d.Items = splitList[hedui.Item](items)
	return err
}

func errDeptNotFound(op string) error {
	return hedui.Errorf(op, hedui.KindNotFound, "department_not_found", "未找到该部门，或您无权查看")
}

// mayManageDepartments: departments and their agreements are the
// administrator's, or the command line's.
func mayManageDepartments(op string, by hedui.Actor) error {
	if by.Role == hedui.RoleAdmin || by.Role == hedui.RoleSystem {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "departments_forbidden", "只有系统管理员可以登记和修改部门及共享协议")
}

// deptView restricts departments aliased "d" to what by may see: a liaison
// his own department, the centre's staff every department.
func deptView(op string, by hedui.Actor, a *args) (string, error) {
	switch by.Role {
	case hedui.RoleAdmin, hedui.RoleVerifier, hedui.RoleAuditor, hedui.RoleSystem:
		return "1 = 1", nil
	case hedui.RoleLiaison:
		return "d.org_id = " + a.add(by.OrgID), nil
	}
	return "", hedui.Errorf(op, hedui.KindPermission, "departments_forbidden", "您无权查看部门信息")
}

// checkDepartment validates and normalises d. The division and the
// organisation are checked against the database by the caller.
func checkDepartment(op string, d *hedui.Department) error {
	d.Code, d.Name, d.Endpoint = strings.TrimSpace(d.Code), strings.TrimSpace(d.Name), strings.TrimSpace(d.Endpoint)
	d.Agreement.Number = strings.TrimSpace(d.Agreement.Number)
	if !deptCode.MatchString(d.Code) {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_department_code", "code",
			"部门代码须为2至40个小写字母、数字或连字符，例如 621002-police")
	}
	if d.Name == "" || utf8.RuneCountInString(d.Name) > hedui.MaxAddressRunes {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_name", "name", "请填写部门名称（不超过%d个字）", hedui.MaxAddressRunes)
	}
	if d.Level != hedui.LevelCity && d.Level != hedui.LevelCounty {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_level", "level", "部门级别须为市级（city）或县区级（county）")
	}
	if len(d.Items) == 0 {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_items", "items", "请至少选择一项部门提供的核对项目")
	}
	seen := map[hedui.Item]bool{}
	for i, it := range d.Items {
		f := fmt.Sprintf("items[%d]", i)
		if !it.Valid() {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_item", f, "未知的核对项目：%s", it)
		}
		if seen[it] {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "duplicate_item", f, "核对项目“%s”重复", it.Label())
		}
		seen[it] = true
	}
	if !d.Channel.Valid() {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_channel", "channel", "请选择数据交换方式")
	}
	if d.ReplyDays == 0 {
		d.ReplyDays = hedui.DefaultReplyDays
	}
	if d.ReplyDays < 1 || d.ReplyDays > maxReplyDays {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_reply_days", "reply_days", "反馈时限须为1至%d个工作日", maxReplyDays)
	}
	if d.Endpoint != "" || d.Channel == hedui.ChannelOnline {
		u, err := url.Parse(d.Endpoint)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(d.Endpoint) > 500 {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_endpoint", "endpoint",
				"在线接口方式须填写部门接口地址（以 https:// 开头的网址）")
		}
	}
	return checkAgreement(op, &d.Agreement)
}

// checkAgreement: a department may be registered before its agreement is
// signed; once any part is entered, the number and start date are needed.
func checkAgreement(op string, a *hedui.Agreement) error {
	if a.Number == "" && a.SignedOn.IsZero() && a.ValidFrom.IsZero() && a.ValidUntil.IsZero() {
		return nil
	}
	switch {
	case a.Number == "" || utf8.RuneCountInString(a.Number) > hedui.MaxNameRunes:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_agreement_number", "agreement.number",
			"请填写共享协议编号（不超过%d个字）", hedui.MaxNameRunes)
	case a.ValidFrom.IsZero():
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_agreement_valid_from", "agreement.valid_from", "请填写共享协议生效日期")
	case !a.ValidUntil.IsZero() && a.ValidUntil.Before(a.ValidFrom.Time):
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_agreement_valid_until", "agreement.valid_until",
			"共享协议截止日期不能早于生效日期")
	}
	return nil
}

// deptPlace checks the department's division against its level and
// resolves (or creates) its organisation.
func (db *DB) deptPlace(ctx context.Context, tx *sql.Tx, op string, d *hedui.Department) error {
	div, err := division(ctx, tx, d.Division)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && div.Level != d.Level) {
		what := exchangeLevels[d.Level]
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_division", "division_code",
			"%s部门的所在地须为已登记的%s行政区划代码：%s", what, what, d.Division)
	}
	if err != nil {
		return err
	}
	if d.OrgID == 0 {
		org, err := ensureOrg(ctx, tx, op, hedui.Organisation{Name: d.Name, Kind: hedui.OrgDepartment, Division: d.Division})
		if err != nil {
			return err
		}
		if org.Kind != hedui.OrgDepartment {
			return hedui.FieldErrorf(op, hedui.KindConflict, "org_not_department", "name",
				"已有同名的非部门机构“%s”，请换用部门全称", d.Name)
		}
		d.OrgID = org.ID
		return nil
	}
	var kind hedui.OrgKind
	err = tx.QueryRowContext(ctx, `SELECT kind FROM organisations WHERE id = $1`, d.OrgID).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != hedui.OrgDepartment) {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_org", "org_id", "所选机构不存在或不是部门类型的机构")
	}
	return err
}

// codeTaken reports a clash of department codes, other than with self.
func codeTaken(ctx context.Context, tx *sql.Tx, op, code string, self int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM departments WHERE code = $1 AND id <> $2`, code, self).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return hedui.FieldErrorf(op, hedui.KindConflict, "department_code_taken", "code", "部门代码“%s”已被使用，请换一个", code)
	}
	return nil
}

// CreateDepartment registers a department with its agreement.
func (db *DB) CreateDepartment(ctx context.Context, by hedui.Actor, d hedui.Department) (hedui.Department, error) {
	const op = "sqlstore.CreateDepartment"
	if err := mayManageDepartments(op, by); err != nil {
		return hedui.Department{}, err
	}
	if err := checkDepartment(op, &d); err != nil {
		return hedui.Department{}, err
	}
	now := db.now()
	var out hedui.Department
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		in := d
		if err := codeTaken(ctx, tx, op, in.Code, 0); err != nil {
			return err
		}
		if err := db.deptPlace(ctx, tx, op, &in); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO departments (code, name, level, division_code, org_id, items, channel,
			reply_days, agreement_number, agreement_signed_on, agreement_from, agreement_until, endpoint, active, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			in.Code, in.Name, string(in.Level), in.Division, in.OrgID, joinList(in.Items), string(in.Channel), in.ReplyDays,
			in.Agreement.Number, db.d.nullDate(in.Agreement.SignedOn), db.d.nullDate(in.Agreement.ValidFrom),
			db.d.nullDate(in.Agreement.ValidUntil), in.Endpoint, in.Active, db.d.ts(now)).Scan(&id)
		if err != nil {
			return err
		}
		if out, err = department(ctx, tx, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, deptEvent(hedui.AuditDeptCreate, out, "登记部门"))
	})
	return out, err
}

// UpdateDepartment replaces a department's settings; OrgID 0 keeps its
// organisation.
func (db *DB) UpdateDepartment(ctx context.Context, by hedui.Actor, d hedui.Department) (hedui.Department, error) {
	const op = "sqlstore.UpdateDepartment"
	if err := mayManageDepartments(op, by); err != nil {
		return hedui.Department{}, err
	}
	if err := checkDepartment(op, &d); err != nil {
		return hedui.Department{}, err
	}
	var out hedui.Department
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		in := d
		var orgID int64
		err := tx.QueryRowContext(ctx, `SELECT org_id FROM departments WHERE id = $1`+db.d.forUpdate(""), in.ID).Scan(&orgID)
		if errors.Is(err, sql.ErrNoRows) {
			return errDeptNotFound(op)
		}
		if err != nil {
			return err
		}
		if in.OrgID == 0 {
			in.OrgID = orgID
		}
		if err := codeTaken(ctx, tx, op, in.Code, in.ID); err != nil {
			return err
		}
		if err := db.deptPlace(ctx, tx, op, &in); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE departments SET code = $1, name = $2, level = $3, division_code = $4, org_id = $5,
			items = $6, channel = $7, reply_days = $8, agreement_number = $9, agreement_signed_on = $10, agreement_from = $11,
			agreement_until = $12, endpoint = $13, active = $14 WHERE id = $15`,
			in.Code, in.Name, string(in.Level), in.Division, in.OrgID, joinList(in.Items), string(in.Channel), in.ReplyDays,
			in.Agreement.Number, db.d.nullDate(in.Agreement.SignedOn), db.d.nullDate(in.Agreement.ValidFrom),
			db.d.nullDate(in.Agreement.ValidUntil), in.Endpoint, in.Active, in.ID)
		if err != nil {
			return err
		}
		if out, err = department(ctx, tx, in.ID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, deptEvent(hedui.AuditDeptUpdate, out, "修改部门"))
	})
	return out, err
}

func deptEvent(action string, d hedui.Department, verb string) event {
	detail := fmt.Sprintf("%s %s（%s），项目%d项，%s", verb, d.Name, d.Code, len(d.Items), d.Channel.Label())
	if d.Agreement.Number != "" {
		detail += "，共享协议 " + d.Agreement.Number
	}
	if !d.Active {
		detail += "，已停用"
	}
	return event{action: action, objectType: "department", objectID: strconv.FormatInt(d.ID, 10), detail: detail}
}

func department(ctx context.Context, q queryer, id int64) (hedui.Department, error) {
	var d hedui.Department
	err := scanDept(q.QueryRowContext(ctx, `SELECT `+deptCols+` FROM departments d WHERE d.id = $1`, id), &d)
	return d, err
}

// Departments lists the departments by may see, by region and code.
func (db *DB) Departments(ctx context.Context, by hedui.Actor) ([]hedui.Department, error) {
	const op = "sqlstore.Departments"
	var a args
	cond, err := deptView(op, by, &a)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+deptCols+` FROM departments d WHERE `+cond+
		` ORDER BY d.division_code, d.code`, a...)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.Department{}
	for rows.Next() {
		var d hedui.Department
		if err := scanDept(rows, &d); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, d)
	}
	return out, wrapDB(op, rows.Err())
}

// Department returns one department if by may see it.
func (db *DB) Department(ctx context.Context, by hedui.Actor, id int64) (hedui.Department, error) {
	const op = "sqlstore.Department"
	var a args
	cond, err := deptView(op, by, &a)
	if err != nil {
		return hedui.Department{}, err
	}
	var d hedui.Department
	err = scanDept(db.db.QueryRowContext(ctx, `SELECT `+deptCols+` FROM departments d WHERE d.id = `+a.add(id)+
		` AND `+cond, a...), &d)
	if errors.Is(err, sql.ErrNoRows) {
		return d, errDeptNotFound(op)
	}
	return d, wrapDB(op, err)
}
