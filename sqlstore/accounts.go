package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"hedui"
)

const userCols = `u.id, u.username, u.display_name, u.role, u.org_id, o.name, o.division_code, o.level,
	u.disabled, u.created_at`

const userFrom = ` FROM users u JOIN organisations o ON o.id = u.org_id`

func scanUser(row interface{ Scan(...any) error }, u *hedui.User, extra ...any) error {
	dest := append([]any{&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.OrgID, &u.OrgName,
		&u.Division, &u.Level, &u.Disabled, timeCol{&u.CreatedAt}}, extra...)
	return row.Scan(dest...)
}

func errUserNotFound(op string) error {
	return hedui.Errorf(op, hedui.KindNotFound, "user_not_found", "未找到该用户")
}

// mayManageUsers: accounts are the administrator's, or the command line's.
func mayManageUsers(op string, by hedui.Actor) error {
	if by.Role == hedui.RoleAdmin || by.Role == hedui.RoleSystem {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "users_forbidden", "只有系统管理员可以管理用户账号")
}

// maxUsernameRunes bounds usernames; they also appear in every audit entry.
const maxUsernameRunes = 64

func checkUsername(op, s string) (string, error) {
	s = strings.TrimSpace(s)
	ok := s != "" && utf8.RuneCountInString(s) <= maxUsernameRunes
	for _, r := range s {
		if unicode.IsSpace(r) || !unicode.IsPrint(r) {
			ok = false
		}
	}
	if !ok {
		return "", hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_username", "username",
			"用户名须为1至%d个字符，且不能包含空格", maxUsernameRunes)
	}
	return s, nil
}

// roleLevels says where a role's organisation must sit for its case scope
// to mean anything: a clerk works for a township, a verifier for a county or
// city centre. Other roles see no cases and may sit anywhere.
var roleLevels = map[hedui.Role][]hedui.Level{
	hedui.RoleClerk:    {hedui.LevelTownship},
	hedui.RoleVerifier: {hedui.LevelCounty, hedui.LevelCity},
}

// CreateUser creates an account.
func (db *DB) CreateUser(ctx context.Context, by hedui.Actor, nu hedui.NewUser) (hedui.User, error) {
	const op = "sqlstore.CreateUser"
	if err := mayManageUsers(op, by); err != nil {
		return hedui.User{}, err
	}
	username, err := checkUsername(op, nu.Username)
	if err != nil {
		return hedui.User{}, err
	}
	display := strings.TrimSpace(nu.DisplayName)
	if display == "" || utf8.RuneCountInString(display) > hedui.MaxNameRunes {
		return hedui.User{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_display_name", "display_name",
			"请填写姓名（不超过%d个字）", hedui.MaxNameRunes)
	}
	if !nu.Role.Valid() {
		return hedui.User{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_role", "role", "未知的角色：%s", nu.Role)
	}
	if nu.PasswordHash == "" {
		return hedui.User{}, hedui.FieldErrorf(op, hedui.KindInvalid, "missing_password", "password", "请设置密码")
	}
	var u hedui.User
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		var orgName string
		var level hedui.Level
		err := tx.QueryRowContext(ctx, `SELECT name, level FROM organisations WHERE id = $1`, nu.OrgID).Scan(&orgName, &level)
		if errors.Is(err, sql.ErrNoRows) {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "unknown_org", "org_id", "所属机构不存在，请先创建机构")
		}
		if err != nil {
			return err
		}
		if want, ok := roleLevels[nu.Role]; ok && !contains(want, level) {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "role_org_mismatch", "org_id",
				"%s须属于%s机构，“%s”不符合", nu.Role.Label(), levelLabels(want), orgName)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE username = $1`, username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return hedui.FieldErrorf(op, hedui.KindConflict, "username_taken", "username", "用户名已存在")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO users (username, display_name, role, org_id, password_hash, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, username, display, string(nu.Role), nu.OrgID, nu.PasswordHash, db.d.ts(db.now()))
		if err != nil {
			return err
		}
		if err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userCols+userFrom+` WHERE u.username = $1`, username), &u); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, userEvent(hedui.AuditUserCreate, username,
			fmt.Sprintf("创建用户，角色：%s，机构：%s", u.Role.Label(), u.OrgName)))
	})
	return u, err
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func levelLabels(ls []hedui.Level) string {
	names := map[hedui.Level]string{hedui.LevelProvince: "省级", hedui.LevelCity: "市级",
		hedui.LevelCounty: "县（区）级", hedui.LevelTownship: "乡镇（街道）"}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = names[l]
	}
	return strings.Join(out, "或")
}

// User returns an account by username. Staff data is not audited here.
func (db *DB) User(ctx context.Context, username string) (hedui.User, error) {
	const op = "sqlstore.User"
	var u hedui.User
	err := scanUser(db.db.QueryRowContext(ctx, `SELECT `+userCols+userFrom+` WHERE u.username = $1`, username), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return u, errUserNotFound(op)
	}
	return u, wrapDB(op, err)
}

// Users lists all accounts, for administrators and auditors.
func (db *DB) Users(ctx context.Context, by hedui.Actor) ([]hedui.User, error) {
	const op = "sqlstore.Users"
	if by.Role != hedui.RoleAuditor {
		if err := mayManageUsers(op, by); err != nil {
			return nil, err
		}
	}
	var out []hedui.User
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = []hedui.User{}
		rows, err := tx.QueryContext(ctx, `SELECT `+userCols+userFrom+` ORDER BY u.username`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u hedui.User
			if err := scanUser(rows, &u); err != nil {
				return err
			}
			out = append(out, u)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditUserList, objectType: "user",
			detail: fmt.Sprintf("查看用户列表，共%d个", len(out))})
	})
	return out, err
}

// SetPassword replaces a password hash and clears any lockout: a reset is
// how an administrator unlocks an account. Users may change their own.
func (db *DB) SetPassword(ctx context.Context, by hedui.Actor, username, hash string) error {
	const op = "sqlstore.SetPassword"
	if by.Username != username || by.UserID == 0 {
		if err := mayManageUsers(op, by); err != nil {
			return err
		}
	}
	if hash == "" {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_password", "password", "请设置密码")
	}
	return db.updateUser(ctx, op, by, username,
		`UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE username = $2`,
		[]any{hash, username}, userEvent(hedui.AuditUserPassword, username, "设置密码"))
}

// SetDisabled disables or re-enables an account. Disabling ends its
// sessions; enabling clears any lockout.
func (db *DB) SetDisabled(ctx context.Context, by hedui.Actor, username string, disabled bool) error {
	const op = "sqlstore.SetDisabled"
	if err := mayManageUsers(op, by); err != nil {
		return err
	}
	if disabled && by.Username == username && by.UserID != 0 {
		return hedui.Errorf(op, hedui.KindConflict, "disable_self", "不能停用自己的账号")
	}
	ev := userEvent(hedui.AuditUserEnable, username, "启用账号")
	if disabled {
		ev = userEvent(hedui.AuditUserDisable, username, "停用账号")
	}
	return db.updateUser(ctx, op, by, username,
		`UPDATE users SET disabled = $1, failed_logins = 0, locked_until = NULL WHERE username = $2`,
		[]any{disabled, username}, ev, func(tx *sql.Tx) error {
			if !disabled {
				return nil
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = $1)`, username)
			return err
		})
}

// updateUser runs one UPDATE of an account, then any follow-up steps, and
// audits it; an unknown username is NotFound.
func (db *DB) updateUser(ctx context.Context, op string, by hedui.Actor, username, query string, qargs []any,
	ev event, then ...func(*sql.Tx) error) error {
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, qargs...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errUserNotFound(op)
		}
		for _, f := range then {
			if err := f(tx); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, by, ev)
	})
}
