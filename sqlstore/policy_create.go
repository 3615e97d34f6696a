package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"hedui"
)

// maxPolicyRules bounds the county rules of one version.
const maxPolicyRules = 50

// mayManagePolicies: policy parameters are the administrator's, or the
// command line's (the demo seeds its examples).
func mayManagePolicies(op string, by hedui.Actor) error {
	if by.Role == hedui.RoleAdmin || by.Role == hedui.RoleSystem {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "policies_forbidden", "只有系统管理员可以录入政策参数")
}

// CreatePolicy stores p as the next version of its county and hukou type.
// The caller has compiled its county rules (package rules); Validate runs
// here again as a backstop, with the checks only the store can make: the
// county exists, and the texts fit.
func (db *DB) CreatePolicy(ctx context.Context, by hedui.Actor, p hedui.Policy) (hedui.Policy, error) {
	const op = "sqlstore.CreatePolicy"
	if err := mayManagePolicies(op, by); err != nil {
		return hedui.Policy{}, err
	}
	if err := checkPolicy(op, &p); err != nil {
		return hedui.Policy{}, err
	}
	now := db.now()
	var out hedui.Policy
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		var level string
		err := tx.QueryRowContext(ctx, `SELECT level FROM divisions WHERE code = $1`, p.County).Scan(&level)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && level != string(hedui.LevelCounty)) {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "unknown_county", "county_code", "区县代码%s不是本系统登记的县区", p.County)
		}
		if err != nil {
			return err
		}
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM policies WHERE county_code = $1 AND hukou_type = $2`,
			p.County, string(p.Hukou)).Scan(&last); err != nil {
			return err
		}
		v := p
		v.ID, v.Version, v.CreatedBy, v.CreatedAt = 0, last+1, by.Username, now
		params, err := json.Marshal(v)
		if err != nil {
			return hedui.E(op, hedui.KindInternal, err)
		}
		// A concurrent creator of the same version loses on the unique
		// index; inTx runs this again and it takes the next number.
		if err := tx.QueryRowContext(ctx, `INSERT INTO policies (county_code, hukou_type, effective_from, version, name,
			example, params, user_id, username, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			v.County, string(v.Hukou), db.d.date(v.EffectiveFrom), v.Version, v.Name, v.Example, string(params),
			by.UserID, by.Username, db.d.ts(now)).Scan(&v.ID); err != nil {
			return err
		}
		out = v
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditPolicyCreate, objectType: "policy",
			objectID: strconv.FormatInt(v.ID, 10), detail: fmt.Sprintf("录入政策参数：%s %s 第%d版，自%s起执行",
				v.County, v.Hukou.Label(), v.Version, v.EffectiveFrom)})
	})
	if err != nil {
		return hedui.Policy{}, err
	}
	return out, nil
}

// checkPolicy validates and normalises p: texts trimmed, lists never nil.
func checkPolicy(op string, p *hedui.Policy) error {
	p.Name, p.Note = strings.TrimSpace(p.Name), strings.TrimSpace(p.Note)
	if err := p.Validate(); err != nil {
		return hedui.E(op, err)
	}
	bad := func(field, format string, a ...any) error {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_policy", field, format, a...)
	}
	switch {
	case utf8.RuneCountInString(p.Name) > hedui.MaxAddressRunes:
		return bad("name", "政策名称不能超过%d个字", hedui.MaxAddressRunes)
	case utf8.RuneCountInString(p.Note) > hedui.MaxNoteRunes:
		return bad("note", "修订说明不能超过%d个字", hedui.MaxNoteRunes)
	case p.Example && !strings.Contains(p.Name, "示例"):
		return bad("name", "示例政策的名称须注明“示例”")
	case len(p.Rules) > maxPolicyRules:
		return bad("rules", "县区规则不能超过%d条", maxPolicyRules)
	}
	for i, r := range p.Rules {
		if utf8.RuneCountInString(r.Name) > hedui.MaxAddressRunes || utf8.RuneCountInString(r.Note) > hedui.MaxNoteRunes {
			return bad(fmt.Sprintf("rules[%d].name", i), "规则%s的名称或说明过长", r.ID)
		}
	}
	p.ExcludedIncome = nonNilSlice(p.ExcludedIncome)
	p.Deductions = nonNilSlice(p.Deductions)
	p.VehicleExemptions = nonNilSlice(p.VehicleExemptions)
	p.Rules = nonNilSlice(p.Rules)
	return nil
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
