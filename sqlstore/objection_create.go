package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"hedui"
)

// Object records an objection to the current report of a reported case
// of the agency's region, within the report's window (calendar days from
// its issue date, inclusive of the last day, as printed on it), and opens
// the re-check in one transaction:
//
//   - the objected case moves to objected;
//   - a new application of kind objection is registered for the same
//     household, accepted, linked to it (objection_of, chain_id), with a
//     copy of its declaration; the household's members move to it in
//     active_persons, so the rule "one person, one open case" holds;
//   - the departments named are kept with the objection: the re-check's
//     dispatch, done by the centre's verifier as for any accepted case,
//     asks only them (objection_evidence.go), and its evaluation and
//     report take the other departments' answers from the objected case.
//
// Only county-level departments that the case's verification asked may
// be named.
func (db *DB) Object(ctx context.Context, by hedui.Actor, appID int64, in hedui.ObjectionInput) (hedui.Objection, error) {
	const op = "sqlstore.Object"
	if err := mustBeAgency(op, by, "只有经办机构可以提出异议（家庭的异议由经办机构代为登记）"); err != nil {
		return hedui.Objection{}, err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	if in.Objector == "" {
		in.Objector = hedui.ObjectorAgency
	}
	depts := slices.Compact(slices.Sorted(slices.Values(in.Departments)))
	switch {
	case !in.Objector.Valid():
		return hedui.Objection{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_objector", "objector",
			"异议提出方应为经办机构（agency）或申请家庭（family）")
	case utf8.RuneCountInString(in.Reason) < 4:
		return hedui.Objection{}, hedui.FieldErrorf(op, hedui.KindInvalid, "reason_required", "reason", "请填写异议理由（至少4个字）")
	case utf8.RuneCountInString(in.Reason) > hedui.MaxNoteRunes:
		return hedui.Objection{}, hedui.FieldErrorf(op, hedui.KindInvalid, "reason_too_long", "reason", "异议理由不能超过%d个字", hedui.MaxNoteRunes)
	case len(depts) == 0:
		return hedui.Objection{}, hedui.FieldErrorf(op, hedui.KindInvalid, "departments_required", "department_ids",
			"请指明需要重新查询的部门")
	}
	now := db.now()
	today := hedui.Today(now)
	out := hedui.Objection{ApplicationID: appID, Departments: depts, Reason: in.Reason, Objector: in.Objector, By: by.Username, At: now}
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out.DepartmentNames = nil
		app, err := db.reportApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		rule, err := hedui.FindRule(app.Status, hedui.ActObject, by.Role)
		if err != nil {
			return hedui.E(op, err)
		}
		chain, err := chainOf(ctx, tx, appID)
		if err != nil {
			return err
		}
		cur, ok, err := currentReport(ctx, tx, chain)
		if err != nil {
			return err
		}
		if !ok || cur.ApplicationID != appID {
			return hedui.Errorf(op, hedui.KindConflict, "no_current_report", "该申请没有现行的核对报告")
		}
		out.ReportID, out.OriginalReportNum, out.WindowEnds = cur.ID, cur.Number, cur.ObjectionEnds
		if today.After(cur.ObjectionEnds.Time) {
			return hedui.Errorf(op, hedui.KindConflict, "objection_window_closed",
				"已超过异议期限：核对报告 %s 于%s出具，异议须在%s（含）前提出", cur.Number,
				hedui.DateOf(cur.IssuedAt.In(hedui.CST)).String(), cur.ObjectionEnds.String())
		}
		if out.DepartmentNames, err = db.askedDepartments(ctx, tx, op, appID, depts); err != nil {
			return err
		}
		if out.RecheckID, out.RecheckNumber, err = db.openRecheck(ctx, tx, op, by, app, chain, today, now); err != nil {
			return err
		}
		if err := db.recordTransition(ctx, tx, by, appID, app.Status, rule.To, rule.Action, in.Reason, now); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO objections (application_id, report_id, recheck_id, department_ids,
			objector, reason_enc, org_id, user_id, username, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			RETURNING id`, appID, cur.ID, out.RecheckID, joinIDs(depts), string(in.Objector), db.seal(in.Reason, adObjectionNote),
			by.OrgID, by.UserID, by.Username, db.d.ts(now)).Scan(&out.ID); err != nil {
			return err
		}
		who := map[hedui.Objector]string{hedui.ObjectorAgency: "经办机构", hedui.ObjectorFamily: "申请家庭（经办机构代为登记）"}[in.Objector]
		if err := db.appendAudit(ctx, tx, by, appEvent(hedui.AuditAppCreate, out.RecheckID,
			fmt.Sprintf("因对报告 %s 提出异议登记复查申请 %s（原申请 %s）", cur.Number, out.RecheckNumber, app.Number))); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditObjection, appID,
			fmt.Sprintf("%s对核对报告 %s 第%d版提出异议（附理由），复查部门：%s；复查申请 %s；%s → %s", who, cur.Number, cur.Version,
				strings.Join(out.DepartmentNames, "、"), out.RecheckNumber, app.Status.Label(), rule.To.Label())))
	})
	if err != nil {
		return hedui.Objection{}, err
	}
	return out, nil
}

// askedDepartments checks that every named department is a county-level
// one the case's verification asked (its own queries, or those a re-check
// inherits) and returns their names in the order of ids.
func (db *DB) askedDepartments(ctx context.Context, tx *sql.Tx, op string, appID int64, ids []int64) ([]string, error) {
	var a args
	qs, err := db.listQueries(ctx, tx, op, "q.application_id = "+a.add(appID), a, "q.created_at, q.id", false)
	if err != nil {
		return nil, err
	}
	var answers []hedui.Answer
	if err := db.inheritEvidence(ctx, tx, op, appID, &qs, &answers); err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, q := range qs {
		names[q.DepartmentID] = q.Department
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		name, ok := names[id]
		if !ok {
			return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "department_not_asked", "department_ids",
				"只能对本次核对查询过的部门申请复查（部门编号%d未被查询）", id)
		}
		var level hedui.Level
		if err := tx.QueryRowContext(ctx, `SELECT level FROM departments WHERE id = $1`, id).Scan(&level); err != nil {
			return nil, err
		}
		if level != hedui.LevelCounty {
			return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "city_department", "department_ids",
				"%s是市级部门，异议复查只能重新查询县区级部门；市级部门的复查请联系市核对中心协查", name)
		}
		out = append(out, name)
	}
	return out, nil
}

// openRecheck registers the re-check of an objected case: same household,
// region and assistance types, kind objection, accepted, a copy of the
// declaration, and the household's members moved to it. Its history
// starts with one entry, accepted → accepted by the objection, naming the
// objected case.
func (db *DB) openRecheck(ctx context.Context, tx *sql.Tx, op string, by hedui.Actor, app *hedui.Application, chain int64,
	today hedui.Date, now time.Time) (int64, string, error) {
	seq, err := nextNumber(ctx, tx, "application:"+app.Region.County+":"+fmt.Sprint(today.Year()))
	if err != nil {
		return 0, "", err
	}
	number := appNumber(app.Region.County, today.Year(), seq)
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO applications (number, household_id, kind, assistance_types, status,
		city_code, county_code, township_code, created_by, created_at, updated_at, version, objection_of, chain_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 1, $11, $12) RETURNING id`,
		number, app.Household.ID, string(hedui.KindObjection), joinAid(app.Aid), string(hedui.StatusAccepted),
		app.Region.City, app.Region.County, app.Region.Township, nullID(by.UserID), db.d.ts(now), app.ID, chain).Scan(&id)
	if err != nil {
		return 0, "", err
	}
	d, err := db.declaration(ctx, tx, op, app.ID)
	if err != nil {
		return 0, "", err
	}
	if err := db.writeDeclaration(ctx, tx, id, &d); err != nil {
		return 0, "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE active_persons SET application_id = $1 WHERE application_id = $2`, id, app.ID); err != nil {
		return 0, "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO transitions (application_id, from_status, to_status, action, user_id,
		username, role, at, comment_enc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		id, string(hedui.StatusAccepted), string(hedui.StatusAccepted), string(hedui.ActObject), by.UserID, by.Username, string(by.Role),
		db.d.ts(now), db.seal("因对申请 "+app.Number+" 的核对报告提出异议而登记的复查", adComment))
	return id, number, err
}
