package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hedui"
)

// ReasonNotAuthorised is why a member was left out of a dispatch.
const ReasonNotAuthorised = "未在有效授权书范围内（家庭成员变更后须重新签署授权书）"

// queryIDs are "Q" and 26 characters of Crockford's base32 over 48 bits of
// milliseconds and 80 random bits: they sort by creation and cannot be
// guessed by a department that knows another one.
var queryIDs = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

func newQueryID(now time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16)
	rand.Read(b[6:])
	return "Q" + queryIDs.EncodeToString(b[:])
}

var exchangeLevels = map[hedui.Level]string{hedui.LevelCounty: "县区级", hedui.LevelCity: "市级"}

// Dispatch launches verification at a level: one query per department
// that serves the case's county (or, for the city centre's escalated cases,
// its city) and has an agreement in force today, each listing the members
// the household's active letter covers. At county level the case moves from
// accepted to verifying in the same transaction. Dispatching again at the
// same level returns the existing queries.
func (db *DB) Dispatch(ctx context.Context, by hedui.Actor, appID int64, level hedui.Level, due hedui.DueFunc) (hedui.Dispatched, error) {
	const op = "sqlstore.Dispatch"
	var out hedui.Dispatched
	switch {
	case level != hedui.LevelCounty && level != hedui.LevelCity:
		return out, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_level", "level", "核对级别须为县区级（county）或市级（city）")
	case due == nil:
		return out, hedui.E(op, hedui.KindInternal, errors.New("sqlstore: Dispatch needs a DueFunc"))
	case by.Role != hedui.RoleVerifier:
		return out, hedui.Errorf(op, hedui.KindPermission, "verifier_only", "只有核对中心的核对员可以发起核对")
	case level == hedui.LevelCity && by.Level != hedui.LevelCity:
		return out, hedui.Errorf(op, hedui.KindPermission, "city_only", "市级协查只能由市级核对中心发起")
	}
	now := db.now()
	today := hedui.Today(now)
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = hedui.Dispatched{Queries: []hedui.Query{}, Excluded: []hedui.Exclusion{}}
		app, err := db.findApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		if err := db.fillApp(ctx, tx, op, app); err != nil {
			return err
		}
		existing, err := db.levelQueries(ctx, tx, op, appID, level)
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			out.Queries, out.Excluded = existing, notAsked(app.Members, existing)
			return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditQueriesView, appID,
				fmt.Sprintf("重复发起%s核对，返回已有查询%d条", exchangeLevels[level], len(existing))))
		}
		rule, err := dispatchRule(ctx, tx, op, by, app, level)
		if err != nil {
			return err
		}
		covered, excluded := coverage(app, today)
		out.Excluded = excluded
		if err := checkCovered(op, app, covered, rule.NeedsComplete, today); err != nil {
			return err
		}
		region := app.Region.County
		if level == hedui.LevelCity {
			region = app.Region.City
		}
		depts, skipped, err := servingDepartments(ctx, tx, op, level, region, today)
		if err != nil {
			return err
		}
		// A re-check asks only the departments its objection named.
		if depts, err = objectionDepartments(ctx, tx, op, app, depts); err != nil {
			return err
		}
		out.SkippedDepartments = skipped
		dues := make([]hedui.Date, len(depts))
		for i, d := range depts {
			if dues[i], err = due(today, d.ReplyDays); err != nil {
				return dueError(op, err)
			}
		}
		names := make([]string, len(depts))
		for i, d := range depts {
			if err := db.insertQuery(ctx, tx, app.ID, d, level, covered, dues[i], now); err != nil {
				return err
			}
			names[i] = d.Name
		}
		if out.Queries, err = db.levelQueries(ctx, tx, op, appID, level); err != nil {
			return err
		}
		out.Created = true
		if rule.Action != "" {
			if err := db.recordTransition(ctx, tx, by, app.ID, app.Status, rule.To, rule.Action, "", now); err != nil {
				return err
			}
		}
		detail := fmt.Sprintf("发起%s核对：向%d个部门发出查询（%s），核对成员%d人", exchangeLevels[level], len(depts),
			strings.Join(names, "、"), len(covered))
		if len(excluded) > 0 {
			detail += fmt.Sprintf("，%d人不在有效授权书范围内未发送", len(excluded))
		}
		if len(skipped) > 0 {
			detail += fmt.Sprintf("，%d个部门无有效共享协议未发送", len(skipped))
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditDispatch, app.ID, detail))
	})
	if err != nil {
		return hedui.Dispatched{}, err
	}
	return out, nil
}

// levelQueries lists an application's queries at one level, with subjects.
func (db *DB) levelQueries(ctx context.Context, tx *sql.Tx, op string, appID int64, level hedui.Level) ([]hedui.Query, error) {
	var a args
	return db.listQueries(ctx, tx, op, "q.application_id = "+a.add(appID)+" AND q.level = "+a.add(string(level)),
		a, "q.created_at, q.id", true)
}

// dispatchRule checks the case's status for a dispatch at level. At county
// level it is the lifecycle's dispatch rule; at city level the case stays
// where it is (verifying or verified) and must have been sent up by its
// county, so the returned rule has no action.
func dispatchRule(ctx context.Context, tx *sql.Tx, op string, by hedui.Actor, app *hedui.Application, level hedui.Level) (hedui.Rule, error) {
	if level == hedui.LevelCounty {
		rule, err := hedui.FindRule(app.Status, hedui.ActDispatch, by.Role)
		if err != nil {
			return rule, hedui.E(op, err)
		}
		return rule, nil
	}
	if app.Status != hedui.StatusVerifying && app.Status != hedui.StatusVerified {
		return hedui.Rule{}, hedui.Errorf(op, hedui.KindConflict, "illegal_transition",
			"申请当前状态为“%s”，县区核对发起后才能进行市级协查", app.Status.Label())
	}
	var batch sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT escalation_batch_id FROM applications WHERE id = $1`, app.ID).Scan(&batch); err != nil {
		return hedui.Rule{}, err
	}
	if !batch.Valid {
		return hedui.Rule{}, hedui.Errorf(op, hedui.KindConflict, "not_escalated",
			"该申请尚未由县区核对中心报送市级协查，请县区先标记并按季度报送")
	}
	return hedui.Rule{}, nil
}

// coverage splits the household's members into those the active letter
// covers on day and the others.
func coverage(app *hedui.Application, day hedui.Date) ([]hedui.Member, []hedui.Exclusion) {
	l := app.ActiveLetter()
	covered := []hedui.Member{}
	excluded := []hedui.Exclusion{}
	for _, m := range app.Members {
		if l != nil && l.Covers(m.ID, day) {
			covered = append(covered, m)
			continue
		}
		excluded = append(excluded, hedui.Exclusion{MemberID: m.ID, Name: hedui.MaskName(m.Name), Reason: ReasonNotAuthorised})
	}
	return covered, excluded
}

// notAsked lists the members that no query asks about.
func notAsked(members []hedui.Member, qs []hedui.Query) []hedui.Exclusion {
	asked := map[int64]bool{}
	for _, q := range qs {
		for _, s := range q.Subjects {
			asked[s.MemberID] = true
		}
	}
	out := []hedui.Exclusion{}
	for _, m := range members {
		if !asked[m.ID] {
			out = append(out, hedui.Exclusion{MemberID: m.ID, Name: hedui.MaskName(m.Name), Reason: ReasonNotAuthorised})
		}
	}
	return out
}

// checkCovered refuses a dispatch that would ask about nobody, or not about
// the head of household, and applies the completeness check to the covered
// members when the rule wants it: uncovered members are excluded, not a
// reason to stop.
func checkCovered(op string, app *hedui.Application, covered []hedui.Member, complete bool, today hedui.Date) error {
	if len(covered) == 0 {
		return hedui.Errorf(op, hedui.KindInvalid, "no_member_authorised",
			"没有家庭成员在有效授权书范围内，不能发起核对；家庭成员变更后须重新签署授权书")
	}
	in := map[int64]bool{}
	for _, m := range covered {
		in[m.ID] = true
	}
	for _, m := range app.Members {
		if m.Relationship == hedui.RelHead && !in[m.ID] {
			return hedui.Errorf(op, hedui.KindInvalid, "head_not_authorised",
				"户主%s不在有效授权书范围内，请重新签署授权书后再发起核对", hedui.MaskName(m.Name))
		}
	}
	if !complete {
		return nil
	}
	c := *app
	c.Members = covered
	return hedui.CheckComplete(op, &c, today)
}

// servingDepartments returns the active departments of a region at a level
// whose agreement is in force on day, and the names of those without one.
func servingDepartments(ctx context.Context, tx *sql.Tx, op string, level hedui.Level, region string, day hedui.Date) (
	[]hedui.Department, []string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+deptCols+` FROM departments d
		WHERE d.active = $1 AND d.level = $2 AND d.division_code = $3 ORDER BY d.code`, true, string(level), region)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var serving []hedui.Department
	var skipped []string
	for rows.Next() {
		var d hedui.Department
		if err := scanDept(rows, &d); err != nil {
			return nil, nil, err
		}
		if d.Agreement.ActiveOn(day) {
			serving = append(serving, d)
		} else {
			skipped = append(skipped, d.Name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	switch {
	case len(serving) == 0 && len(skipped) == 0:
		return nil, nil, hedui.Errorf(op, hedui.KindInvalid, "no_departments",
			"本地区尚未配置提供数据的部门，请管理员先登记部门和共享协议")
	case len(serving) == 0:
		return nil, nil, hedui.Errorf(op, hedui.KindInvalid, "no_agreements",
			"本地区的部门（%s）均无有效的信息共享协议，请管理员先登记或续签共享协议", strings.Join(skipped, "、"))
	}
	return serving, skipped, nil
}

// dueError keeps the DueFunc's own message (a missing calendar year) and
// gives other failures one admins can act on.
func dueError(op string, err error) error {
	var he *hedui.Error
	if errors.As(err, &he) {
		return hedui.E(op, err)
	}
	return hedui.E(op, hedui.KindInvalid, "no_calendar", "无法计算反馈截止日期，请管理员检查节假日安排", err)
}

// insertQuery puts one query with its subjects in the outbox.
func (db *DB) insertQuery(ctx context.Context, tx *sql.Tx, appID int64, d hedui.Department, level hedui.Level,
	members []hedui.Member, dueOn hedui.Date, now time.Time) error {
	id := newQueryID(now)
	_, err := tx.ExecContext(ctx, `INSERT INTO queries (id, application_id, department_id, level, items, status, created_at, due_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		id, appID, d.ID, string(level), joinList(d.Items), qPending, db.d.ts(now), db.d.date(dueOn))
	if err != nil {
		return err
	}
	for i, m := range members {
		n := i + 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO query_subjects (query_id, ref, seq, member_id) VALUES ($1, $2, $3, $4)`,
			id, id+"-"+strconv.Itoa(n), n, m.ID); err != nil {
			return err
		}
	}
	return nil
}
