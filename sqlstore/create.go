package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"hedui"
)

// maxClientKey bounds idempotency keys, which clients generate.
const maxClientKey = 200

// CreateApplication registers an application, with a new household or on an
// existing one of the clerk's township.
func (db *DB) CreateApplication(ctx context.Context, by hedui.Actor, in hedui.NewApplication) (*hedui.Application, bool, error) {
	const op = "sqlstore.CreateApplication"
	if err := mustBeClerk(op, by, "只有乡镇（街道）经办人员可以登记申请"); err != nil {
		return nil, false, err
	}
	if s := by.CaseScope(); s.Level != hedui.LevelTownship || s.Code == "" {
		return nil, false, hedui.Errorf(op, hedui.KindPermission, "no_township", "您的账号未关联乡镇（街道），不能登记申请")
	}
	key := strings.TrimSpace(in.IdempotencyKey)
	if len(key) > maxClientKey {
		return nil, false, hedui.Errorf(op, hedui.KindInvalid, "invalid_idempotency_key", "请求标识过长")
	}
	now := db.now()
	today := hedui.Civil(now)
	// On an existing household the declaration may name members already
	// stored, which CheckNewApplication cannot see: check it once they are
	// loaded.
	var decl *hedui.Declaration
	if in.HouseholdID != 0 {
		decl, in.Declaration = in.Declaration, nil
	}
	members, err := hedui.CheckNewApplication(op, &in, today)
	if err != nil {
		return nil, false, err
	}
	if in.HouseholdID != 0 {
		in.Declaration = decl
	}

	var app *hedui.Application
	var created bool
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, created = nil, false
		if key != "" {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM applications WHERE created_by = $1 AND client_key = $2`,
				by.UserID, key).Scan(&id)
			if err == nil {
				if app, err = db.loadApp(ctx, tx, op, by, id); err != nil {
					return err
				}
				return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditAppView, id, "重复提交的登记请求，返回已登记的申请"))
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		// Each attempt works on its own copies: CheckDeclaration writes
		// member ids into the declaration.
		ms := append([]hedui.Member(nil), members...)
		var d *hedui.Declaration
		if in.Declaration != nil {
			d = &hedui.Declaration{Incomes: append([]hedui.Income(nil), in.Declaration.Incomes...),
				Assets: append([]hedui.Asset(nil), in.Declaration.Assets...)}
		}
		id, err := db.insertApplication(ctx, tx, op, by, &in, ms, d, key, now, today)
		if err != nil {
			return err
		}
		if app, err = db.loadApp(ctx, tx, op, by, id); err != nil {
			return err
		}
		created = true
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditAppCreate, id,
			fmt.Sprintf("登记申请 %s（%s），家庭成员%d人", app.Number, app.Kind.Label(), len(app.Members))))
	})
	if err != nil {
		return nil, false, err
	}
	return app, created, nil
}

// insertApplication writes the household (if new), the members, the
// application, its active persons and its declaration, and returns the id.
func (db *DB) insertApplication(ctx context.Context, tx *sql.Tx, op string, by hedui.Actor, in *hedui.NewApplication,
	members []hedui.Member, decl *hedui.Declaration, key string, now, today time.Time) (int64, error) {
	var region hedui.Region
	var householdID int64
	var existing []hedui.Member
	var err error
	if in.HouseholdID != 0 {
		householdID = in.HouseholdID
		if region, existing, err = db.existingHousehold(ctx, tx, op, by, householdID); err != nil {
			return 0, err
		}
		if members, err = hedui.CheckMembers(op, in.Members, existing, today); err != nil {
			return 0, err
		}
	} else if householdID, region, err = db.newHousehold(ctx, tx, op, by, in.Household, now); err != nil {
		return 0, err
	}
	if err := db.insertMembers(ctx, tx, householdID, members, now); err != nil {
		return 0, err
	}
	all := append(existing, members...)
	if decl != nil {
		if err := hedui.CheckDeclaration(op, decl, all, hedui.Civil(now)); err != nil {
			return 0, err
		}
	}
	seq, err := nextNumber(ctx, tx, "application:"+region.County+":"+fmt.Sprint(today.Year()))
	if err != nil {
		return 0, err
	}
	var clientKey any
	if key != "" {
		clientKey = key
	}
	var createdBy any
	if by.UserID != 0 {
		createdBy = by.UserID
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO applications (number, household_id, kind, assistance_types, status,
		city_code, county_code, township_code, created_by, client_key, created_at, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 1) RETURNING id`,
		appNumber(region.County, today.Year(), seq), householdID, string(in.Kind), joinAid(in.Aid),
		string(hedui.StatusDraft), region.City, region.County, region.Township, createdBy, clientKey, db.d.ts(now)).Scan(&id)
	if err != nil {
		return 0, err
	}
	if err := db.claimPersons(ctx, tx, op, id, all); err != nil {
		return 0, err
	}
	if decl != nil {
		if err := db.writeDeclaration(ctx, tx, id, decl); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// newHousehold stores a household in the clerk's own township.
func (db *DB) newHousehold(ctx context.Context, tx *sql.Tx, op string, by hedui.Actor, nh *hedui.NewHousehold,
	now time.Time) (int64, hedui.Region, error) {
	township := strings.TrimSpace(nh.Township)
	if township == "" {
		township = by.Division
	}
	if township != by.Division {
		return 0, hedui.Region{}, hedui.FieldErrorf(op, hedui.KindPermission, "other_township", "household.township_code",
			"只能登记本乡镇（街道）的申请")
	}
	d, err := division(ctx, tx, township)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (d.Level != hedui.LevelTownship || len(d.Code) != 9)) {
		return 0, hedui.Region{}, hedui.FieldErrorf(op, hedui.KindInvalid, "unknown_township", "household.township_code",
			"乡镇（街道）代码无效：%s，请联系管理员核对机构所在区划", township)
	}
	if err != nil {
		return 0, hedui.Region{}, err
	}
	region := hedui.RegionOf(township)
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO households (city_code, county_code, township_code, address_enc, hukou_type, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		region.City, region.County, region.Township, db.seal(nh.Address, adAddress), string(nh.Hukou), db.d.ts(now)).Scan(&id)
	return id, region, err
}

// existingHousehold checks that a household lies in the clerk's township
// and has no open application, and returns its region and members.
func (db *DB) existingHousehold(ctx context.Context, tx *sql.Tx, op string, by hedui.Actor, id int64) (hedui.Region, []hedui.Member, error) {
	var r hedui.Region
	err := tx.QueryRowContext(ctx, `SELECT city_code, county_code, township_code FROM households
		WHERE id = $1 AND township_code = $2`+db.d.forUpdate(""), id, by.Division).Scan(&r.City, &r.County, &r.Township)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil, hedui.FieldErrorf(op, hedui.KindNotFound, "household_not_found", "household_id", "未找到该家庭，或您无权查看")
	}
	if err != nil {
		return r, nil, err
	}
	number, err := openAppNumber(ctx, tx, id)
	if err != nil {
		return r, nil, err
	}
	if number != "" {
		return r, nil, hedui.FieldErrorf(op, hedui.KindConflict, "household_has_open_application", "household_id",
			"该家庭已有在办申请（编号 %s），办结或撤回后才能再次登记", number)
	}
	ms, err := db.activeMembers(ctx, tx, op, id)
	return r, ms, err
}
