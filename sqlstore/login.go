package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hedui"
	"hedui/idcard"
)

// LoginInfo returns what the login check needs. Not audited: the caller
// audits the outcome through RecordLogin.
func (db *DB) LoginInfo(ctx context.Context, username string) (hedui.LoginInfo, error) {
	const op = "sqlstore.LoginInfo"
	var li hedui.LoginInfo
	err := scanUser(db.db.QueryRowContext(ctx, `SELECT `+userCols+`, u.password_hash, u.failed_logins, u.locked_until`+
		userFrom+` WHERE u.username = $1`, username), &li.User, &li.PasswordHash, &li.FailedLogins, timeCol{&li.LockedUntil})
	if errors.Is(err, sql.ErrNoRows) {
		return li, errUserNotFound(op)
	}
	return li, wrapDB(op, err)
}

// RecordLogin audits a login attempt and keeps the failure count: after
// LockoutThreshold consecutive failures the account is locked for
// LockoutDuration from at. A failure after a lock has run out starts a new
// count, so an expired lock gives a full set of attempts again.
func (db *DB) RecordLogin(ctx context.Context, username, client string, ok bool, at time.Time) error {
	const op = "sqlstore.RecordLogin"
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		by := hedui.Actor{Username: loggedUsername(username, at), ClientAddr: client, Purpose: "登录"}
		var failed int
		var lockedUntil time.Time
		err := tx.QueryRowContext(ctx, `SELECT id, role, org_id, failed_logins, locked_until FROM users WHERE username = $1`+
			db.d.forUpdate(""), username).Scan(&by.UserID, &by.Role, &by.OrgID, &failed, timeCol{&lockedUntil})
		if errors.Is(err, sql.ErrNoRows) {
			return db.appendAudit(ctx, tx, by, userEvent(hedui.AuditLoginFail, by.Username, "用户名不存在"))
		}
		if err != nil {
			return err
		}
		by.Username = username
		if ok {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, by.UserID); err != nil {
				return err
			}
			return db.appendAudit(ctx, tx, by, userEvent(hedui.AuditLogin, username, "登录成功"))
		}
		if !lockedUntil.IsZero() && !at.Before(lockedUntil) {
			failed, lockedUntil = 0, time.Time{}
		}
		failed++
		detail := fmt.Sprintf("密码错误，连续失败%d次", failed)
		lock := db.d.nullTS(lockedUntil)
		if failed >= db.threshold {
			until := at.Add(db.lockFor)
			lock = db.d.ts(until)
			detail += fmt.Sprintf("，账号锁定至%s", until.In(hedui.CST).Format("2006-01-02 15:04:05"))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3`,
			failed, lock, by.UserID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, userEvent(hedui.AuditLoginFail, username, detail))
	})
}

// loggedUsername is an unknown username as it may be written to the log:
// people type their ID number into the username box, and the log must
// never hold one in full.
func loggedUsername(s string, now time.Time) string {
	if _, err := idcard.Parse(s, now); err == nil {
		return idcard.Mask(s)
	}
	if utf8.RuneCountInString(s) > maxUsernameRunes {
		s = string([]rune(s)[:maxUsernameRunes])
	}
	return strings.ToValidUTF8(s, "?")
}

// CreateSession stores a login session.
func (db *DB) CreateSession(ctx context.Context, s hedui.Session) error {
	const op = "sqlstore.CreateSession"
	if len(s.TokenHash) == 0 || s.UserID == 0 || !s.ExpiresAt.After(s.CreatedAt) {
		return hedui.E(op, hedui.KindInternal, errors.New("sqlstore: incomplete session"))
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, client, last_seen_at)
		VALUES ($1, $2, $3, $4, $5, $3)`, s.TokenHash, s.UserID, db.d.ts(s.CreatedAt), db.d.ts(s.ExpiresAt), s.Client)
	return wrapDB(op, err)
}

// SessionActor resolves a session to its actor. Expired sessions, and
// sessions of disabled accounts, are rejected.
func (db *DB) SessionActor(ctx context.Context, tokenHash []byte, now time.Time) (hedui.Actor, error) {
	const op = "sqlstore.SessionActor"
	var a hedui.Actor
	var expires time.Time
	var disabled bool
	err := db.db.QueryRowContext(ctx, `SELECT s.expires_at, u.id, u.username, u.role, u.org_id, o.division_code, o.level, u.disabled
		FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id
		WHERE s.token_hash = $1`, tokenHash).
		Scan(timeCol{&expires}, &a.UserID, &a.Username, &a.Role, &a.OrgID, &a.Division, &a.Level, &disabled)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return hedui.Actor{}, hedui.Errorf(op, hedui.KindUnauthenticated, "no_session", "登录已失效，请重新登录")
	case err != nil:
		return hedui.Actor{}, wrapDB(op, err)
	case !now.Before(expires):
		return hedui.Actor{}, hedui.Errorf(op, hedui.KindUnauthenticated, "session_expired", "登录已过期，请重新登录")
	case disabled:
		return hedui.Actor{}, hedui.Errorf(op, hedui.KindUnauthenticated, "user_disabled", "账号已停用，请联系管理员")
	}
	return a, nil
}

// DeleteSession ends a session (logout). Ending one that does not exist is
// not an error and is not logged.
func (db *DB) DeleteSession(ctx context.Context, by hedui.Actor, tokenHash []byte) error {
	const op = "sqlstore.DeleteSession"
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return db.appendAudit(ctx, tx, by, userEvent(hedui.AuditLogout, by.Username, "退出登录"))
	})
}
