package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hedui"
)

// answeredStatuses are the statuses of cases with all their answers, the
// ones a draft policy can be tried on.
var answeredStatuses = []hedui.Status{hedui.StatusVerified, hedui.StatusConcluded, hedui.StatusDecided}

// DryRunInputs reads the latest answered cases of one county and hukou
// type for a dry run of a draft policy, and logs the bulk read once.
// Administrators may try any county; a verifier only one in his region.
func (db *DB) DryRunInputs(ctx context.Context, by hedui.Actor, county string, hukou hedui.HukouType, limit int) ([]hedui.CaseFile, error) {
	const op = "sqlstore.DryRunInputs"
	switch {
	case by.Role != hedui.RoleAdmin && by.Role != hedui.RoleSystem && by.Role != hedui.RoleVerifier:
		return nil, hedui.Errorf(op, hedui.KindPermission, "dryrun_forbidden", "只有系统管理员和核对员可以试算政策参数")
	case !hukou.Valid():
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_hukou_type", "hukou_type", "户籍类型应为城镇（urban）或农村（rural）")
	}
	if limit <= 0 {
		limit = hedui.DefaultDryRunCases
	}
	limit = min(limit, hedui.MaxDryRunCases)
	var a args
	where := "a.county_code = " + a.add(county) + " AND h.hukou_type = " + a.add(string(hukou)) +
		" AND a.status IN " + in(&a, answeredStatuses)
	if by.Role == hedui.RoleVerifier {
		cond, ok := scopeCond(by.CaseScope(), &a)
		if !ok {
			return nil, hedui.Errorf(op, hedui.KindPermission, "dryrun_forbidden", "您无权试算政策参数")
		}
		where += " AND " + cond
	}
	var out []hedui.CaseFile
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = []hedui.CaseFile{}
		if by.Role == hedui.RoleVerifier {
			if err := verifierCounty(ctx, tx, op, by, county); err != nil {
				return err
			}
		}
		apps, err := dryRunApps(ctx, tx, where, a, limit)
		if err != nil {
			return err
		}
		for _, app := range apps {
			f, err := db.caseFile(ctx, tx, op, app)
			if err != nil {
				return err
			}
			out = append(out, f)
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditPolicyDryRunRead, objectType: "policy",
			objectID: county + "-" + string(hukou),
			detail:   fmt.Sprintf("政策试算：读取%s%s户籍已反馈申请%d件的申报信息和部门反馈", county, hukou.Label(), len(out))})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// verifierCounty refuses a county outside the verifier's region: his own
// county, or a county of his city.
func verifierCounty(ctx context.Context, q queryer, op string, by hedui.Actor, county string) error {
	refuse := hedui.Errorf(op, hedui.KindPermission, "dryrun_forbidden", "只能对本辖区县区的申请试算政策参数")
	switch by.Level {
	case hedui.LevelCounty:
		if county != by.Division {
			return refuse
		}
		return nil
	case hedui.LevelCity:
		var parent string
		err := q.QueryRowContext(ctx, `SELECT parent_code FROM divisions WHERE code = $1`, county).Scan(&parent)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && parent != by.Division) {
			return refuse
		}
		return err
	}
	return refuse
}

func dryRunApps(ctx context.Context, q queryer, where string, a args, limit int) ([]*hedui.Application, error) {
	pa := append(args(nil), a...)
	rows, err := q.QueryContext(ctx, `SELECT `+appCols+appFrom+` JOIN households h ON h.id = a.household_id
		WHERE `+where+` ORDER BY a.id DESC LIMIT `+pa.add(limit), pa...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*hedui.Application
	for rows.Next() {
		app := &hedui.Application{}
		if err := scanApp(rows, app); err != nil {
			return nil, err
		}
		out = append(out, app)
	}
	return out, rows.Err()
}
