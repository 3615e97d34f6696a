package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"hedui"
)

const policyCols = `p.id, p.county_code, p.hukou_type, p.effective_from, p.version, p.name, p.example, p.params,
	p.username, p.created_at`

// scanPolicy reads a policy row: the parameters from their JSON, and the
// identifying columns over whatever the JSON says, since the columns are
// what the indexes and constraints hold to.
func scanPolicy(row interface{ Scan(...any) error }, p *hedui.Policy) error {
	var params string
	var id int64
	var county, user string
	var hukou hedui.HukouType
	var from hedui.Date
	var version int
	var name string
	var example bool
	var at time.Time
	if err := row.Scan(&id, &county, &hukou, dateCol{&from}, &version, &name, &example, &params, &user, timeCol{&at}); err != nil {
		return err
	}
	*p = hedui.Policy{}
	if err := json.Unmarshal([]byte(params), p); err != nil {
		return hedui.E("sqlstore.scanPolicy", hedui.KindInternal, "bad_policy_params", err)
	}
	p.ID, p.County, p.Hukou, p.EffectiveFrom, p.Version = id, county, hukou, from, version
	p.Name, p.Example, p.CreatedBy, p.CreatedAt = name, example, user, at
	p.ExcludedIncome = nonNilSlice(p.ExcludedIncome)
	p.Deductions = nonNilSlice(p.Deductions)
	p.VehicleExemptions = nonNilSlice(p.VehicleExemptions)
	p.Rules = nonNilSlice(p.Rules)
	return nil
}

func errPolicyNotFound(op string) error {
	return hedui.Errorf(op, hedui.KindNotFound, "policy_not_found", "未找到该政策参数，或您无权查看")
}

// policyView restricts policies aliased "p" to what by may read: every
// county for administrators, auditors and the command line; a county
// verifier his county, a city verifier the counties of his city.
func policyView(op string, by hedui.Actor, a *args) (string, error) {
	switch by.Role {
	case hedui.RoleAdmin, hedui.RoleAuditor, hedui.RoleSystem:
		return "1 = 1", nil
	case hedui.RoleVerifier:
		switch by.Level {
		case hedui.LevelCounty:
			return "p.county_code = " + a.add(by.Division), nil
		case hedui.LevelCity:
			return "p.county_code IN (SELECT code FROM divisions WHERE parent_code = " + a.add(by.Division) + ")", nil
		}
	}
	return "", hedui.Errorf(op, hedui.KindPermission, "policies_forbidden", "您无权查看政策参数")
}

// Policies lists the versions in by's view, newest first: by county, hukou
// type and version. A county verifier asking for another county is told
// so rather than shown an empty list.
func (db *DB) Policies(ctx context.Context, by hedui.Actor, county string, hukou hedui.HukouType) ([]hedui.Policy, error) {
	const op = "sqlstore.Policies"
	var a args
	view, err := policyView(op, by, &a)
	if err != nil {
		return nil, err
	}
	conds := []string{view}
	if county != "" {
		if by.Role == hedui.RoleVerifier && by.Level == hedui.LevelCounty && county != by.Division {
			return nil, hedui.Errorf(op, hedui.KindPermission, "policies_forbidden", "只能查看本县区的政策参数")
		}
		conds = append(conds, "p.county_code = "+a.add(county))
	}
	if hukou != "" {
		if !hukou.Valid() {
			return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_hukou_type", "hukou_type", "户籍类型应为城镇（urban）或农村（rural）")
		}
		conds = append(conds, "p.hukou_type = "+a.add(string(hukou)))
	}
	out := []hedui.Policy{}
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, `SELECT `+policyCols+` FROM policies p WHERE `+strings.Join(conds, " AND ")+
			` ORDER BY p.county_code, p.hukou_type DESC, p.version DESC`, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p hedui.Policy
			if err := scanPolicy(rows, &p); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Policy returns one version in by's view.
func (db *DB) Policy(ctx context.Context, by hedui.Actor, id int64) (hedui.Policy, error) {
	const op = "sqlstore.Policy"
	var a args
	view, err := policyView(op, by, &a)
	if err != nil {
		return hedui.Policy{}, err
	}
	var p hedui.Policy
	err = scanPolicy(db.db.QueryRowContext(ctx, `SELECT `+policyCols+` FROM policies p WHERE p.id = `+a.add(id)+` AND `+view, a...), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return hedui.Policy{}, errPolicyNotFound(op)
	}
	if err != nil {
		return hedui.Policy{}, wrapDB(op, err)
	}
	return p, nil
}

// PolicyAt returns the version in force on day.
func (db *DB) PolicyAt(ctx context.Context, county string, hukou hedui.HukouType, day hedui.Date) (hedui.Policy, error) {
	const op = "sqlstore.PolicyAt"
	return db.policyAt(ctx, db.db, op, county, hukou, day)
}

func (db *DB) policyAt(ctx context.Context, q queryer, op, county string, hukou hedui.HukouType, day hedui.Date) (hedui.Policy, error) {
	var p hedui.Policy
	err := scanPolicy(q.QueryRowContext(ctx, `SELECT `+policyCols+` FROM policies p
		WHERE p.county_code = $1 AND p.hukou_type = $2 AND p.effective_from <= $3
		ORDER BY p.effective_from DESC, p.version DESC LIMIT 1`, county, string(hukou), db.d.date(day)), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return hedui.Policy{}, errNoPolicy(op, hukou)
	}
	if err != nil {
		return hedui.Policy{}, wrapDB(op, err)
	}
	return p, nil
}

// errNoPolicy: no version in force is something an administrator fixes,
// so it says who and what.
func errNoPolicy(op string, hukou hedui.HukouType) error {
	return hedui.Errorf(op, hedui.KindInvalid, "policy_not_configured",
		"该县区尚未配置%s低保政策参数，请管理员先录入", hukou.Label())
}
