package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"hedui"
	"hedui/idcard"
)

// noteMembershipChanged is the status note of a letter retired because the
// household changed: the family must sign again.
const noteMembershipChanged = "家庭成员变更，须重新签署授权书"

// AddMembers adds people to the application's household. The household's
// letter no longer covers it, so it is superseded.
func (db *DB) AddMembers(ctx context.Context, by hedui.Actor, appID int64, in []hedui.NewMember) (*hedui.Application, error) {
	const op = "sqlstore.AddMembers"
	if len(in) == 0 {
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "missing_members", "members", "请至少录入一名家庭成员")
	}
	now := db.now()
	return db.editCase(ctx, op, by, appID, func(tx *sql.Tx, app *hedui.Application) (event, error) {
		existing, err := db.activeMembers(ctx, tx, op, app.Household.ID)
		if err != nil {
			return event{}, err
		}
		ms, err := hedui.CheckMembers(op, in, existing, hedui.Civil(now))
		if err != nil {
			return event{}, err
		}
		if err := db.insertMembers(ctx, tx, app.Household.ID, ms, now); err != nil {
			return event{}, err
		}
		if err := db.claimPersons(ctx, tx, op, app.ID, ms); err != nil {
			return event{}, err
		}
		if err := db.supersedeLetters(ctx, tx, app.Household.ID, noteMembershipChanged); err != nil {
			return event{}, err
		}
		masked := make([]string, len(ms))
		for i, m := range ms {
			masked[i] = idcard.Mask(m.IDNumber)
		}
		return appEvent(hedui.AuditMemberAdd, app.ID,
			fmt.Sprintf("新增家庭成员%d人：%s", len(ms), strings.Join(masked, "、"))), nil
	})
}

// RemoveMember takes a person out of the household, frees him for another
// application, and supersedes the household's letter.
func (db *DB) RemoveMember(ctx context.Context, by hedui.Actor, appID, memberID int64) (*hedui.Application, error) {
	const op = "sqlstore.RemoveMember"
	now := db.now()
	return db.editCase(ctx, op, by, appID, func(tx *sql.Tx, app *hedui.Application) (event, error) {
		var idn string
		err := tx.QueryRowContext(ctx, `SELECT id_enc FROM members WHERE id = $1 AND household_id = $2 AND status = 'active'`,
			memberID, app.Household.ID).Scan(&idn)
		if errors.Is(err, sql.ErrNoRows) {
			return event{}, hedui.FieldErrorf(op, hedui.KindNotFound, "member_not_found", "member_id", "未找到该家庭成员")
		}
		if err != nil {
			return event{}, err
		}
		o := db.opener()
		idNumber := o.str(idn, adMemberID)
		if err := o.done(op); err != nil {
			return event{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET status = 'removed', removed_at = $1 WHERE id = $2`,
			db.d.ts(now), memberID); err != nil {
			return event{}, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM active_persons WHERE member_id = $1 AND application_id = $2`,
			memberID, app.ID); err != nil {
			return event{}, err
		}
		if err := db.supersedeLetters(ctx, tx, app.Household.ID, noteMembershipChanged); err != nil {
			return event{}, err
		}
		ev := appEvent(hedui.AuditMemberRemove, app.ID, "移除家庭成员："+idcard.Mask(idNumber))
		ev.objectType, ev.objectID = "member", strconv.FormatInt(memberID, 10)
		return ev, nil
	})
}

// SetDeclaration replaces the declaration of an application.
func (db *DB) SetDeclaration(ctx context.Context, by hedui.Actor, appID int64, d hedui.Declaration) (*hedui.Application, error) {
	const op = "sqlstore.SetDeclaration"
	return db.editCase(ctx, op, by, appID, func(tx *sql.Tx, app *hedui.Application) (event, error) {
		members, err := db.activeMembers(ctx, tx, op, app.Household.ID)
		if err != nil {
			return event{}, err
		}
		dd := hedui.Declaration{Incomes: append([]hedui.Income(nil), d.Incomes...), Assets: append([]hedui.Asset(nil), d.Assets...)}
		if err := hedui.CheckDeclaration(op, &dd, members, hedui.Civil(db.now())); err != nil {
			return event{}, err
		}
		if err := db.writeDeclaration(ctx, tx, app.ID, &dd); err != nil {
			return event{}, err
		}
		return appEvent(hedui.AuditDeclarationSet, app.ID,
			fmt.Sprintf("填写申报：收入%d项，财产%d项", len(dd.Incomes), len(dd.Assets))), nil
	})
}

// editCase is the frame of every edit: one transaction that locks an
// editable application, runs change, bumps the version, reloads the
// application and appends change's audit event.
func (db *DB) editCase(ctx context.Context, op string, by hedui.Actor, appID int64,
	change func(tx *sql.Tx, app *hedui.Application) (event, error)) (*hedui.Application, error) {
	var out *hedui.Application
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.editApp(ctx, tx, op, by, appID)
		if err != nil {
			return err
		}
		ev, err := change(tx, app)
		if err != nil {
			return err
		}
		if err := db.touchApp(ctx, tx, app.ID, db.now()); err != nil {
			return err
		}
		if out, err = db.loadApp(ctx, tx, op, by, appID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, ev)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
