package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"hedui"
)

// CreateOrganisation creates an organisation for an administrator and
// audits it. Unlike EnsureOrganisation, which seeds reference data, an
// existing name at the division is a Conflict: a person who types a name
// twice should hear so rather than silently get the old one.
func (db *DB) CreateOrganisation(ctx context.Context, by hedui.Actor, o hedui.Organisation) (hedui.Organisation, error) {
	const op = "sqlstore.CreateOrganisation"
	if err := mayManageUsers(op, by); err != nil {
		return o, err
	}
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" || utf8.RuneCountInString(o.Name) > hedui.MaxAddressRunes {
		return o, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_name", "name", "请填写机构名称（不超过%d个字）", hedui.MaxAddressRunes)
	}
	if !orgKinds[o.Kind] {
		return o, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_org_kind", "kind", "请选择机构类型")
	}
	var out hedui.Organisation
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations WHERE name = $1 AND division_code = $2`,
			o.Name, o.Division).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return hedui.FieldErrorf(op, hedui.KindConflict, "org_exists", "name", "该行政区划下已有同名机构")
		}
		var err error
		if out, err = ensureOrg(ctx, tx, op, o); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditOrgCreate, objectType: "organisation",
			objectID: fmt.Sprint(out.ID), detail: fmt.Sprintf("创建机构：%s（%s）", out.Name, out.Kind.Label())})
	})
	return out, err
}
