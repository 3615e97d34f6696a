package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"hedui"
)

// queryCols and queryFrom read queries "q" with their department "d" and
// application "a", so that views can filter on either.
const queryCols = `q.id, q.application_id, q.department_id, d.name, q.items, q.status, q.created_at, q.sent_at,
	q.due_on, q.answered_at, q.attempts, q.last_error, q.reminded_at`

const queryFrom = ` FROM queries q JOIN departments d ON d.id = q.department_id JOIN applications a ON a.id = q.application_id`

// Query statuses as stored.
const (
	qPending  = string(hedui.QueryPending)
	qSent     = string(hedui.QuerySent)
	qAnswered = string(hedui.QueryAnswered)
	qFailed   = string(hedui.QueryFailed)
)

// maxInList bounds the placeholders of one IN list; longer lists are read
// in chunks.
const maxInList = 500

func scanQuery(row interface{ Scan(...any) error }, q *hedui.Query) error {
	var items string
	err := row.Scan(&q.ID, &q.ApplicationID, &q.DepartmentID, &q.Department, &items, &q.Status, timeCol{&q.CreatedAt},
		timeCol{&q.SentAt}, dateCol{&q.DueOn}, timeCol{&q.AnsweredAt}, &q.Attempts, &q.LastError, timeCol{&q.RemindedAt})
	q.Items = splitList[hedui.Item](items)
	q.Subjects = []hedui.Subject{}
	return err
}

// queryView restricts the joined queries to what by may see: a liaison the
// queries delivered to his department (a pending query is not his yet), a
// clerk or verifier those of cases in his scope, the system everything.
// ok is false for roles that see no queries.
func queryView(by hedui.Actor, a *args) (cond string, ok bool) {
	switch by.Role {
	case hedui.RoleSystem:
		return "1 = 1", true
	case hedui.RoleLiaison:
		if by.OrgID == 0 {
			return "", false
		}
		return "d.org_id = " + a.add(by.OrgID) + " AND q.status <> " + a.add(qPending), true
	}
	return scopeCond(by.CaseScope(), a)
}

// listQueries reads the queries matching where (over queryFrom) in order,
// with their subjects opened when withSubjects is set.
func (db *DB) listQueries(ctx context.Context, q queryer, op, where string, a args, order string, withSubjects bool) ([]hedui.Query, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+queryCols+queryFrom+` WHERE `+where+` ORDER BY `+order, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hedui.Query{}
	for rows.Next() {
		var x hedui.Query
		if err := scanQuery(rows, &x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if withSubjects {
		err = db.fillSubjects(ctx, q, op, out)
	}
	return out, err
}

// fillSubjects reads the subjects of qs, opening their names and ID numbers
// from the members they refer to.
func (db *DB) fillSubjects(ctx context.Context, q queryer, op string, qs []hedui.Query) error {
	at := make(map[string]int, len(qs))
	ids := make([]string, len(qs))
	for i := range qs {
		at[qs[i].ID], ids[i] = i, qs[i].ID
	}
	o := db.opener()
	for chunk := range slices.Chunk(ids, maxInList) {
		var a args
		rows, err := q.QueryContext(ctx, `SELECT s.query_id, s.ref, s.member_id, m.name_enc, m.id_enc
			FROM query_subjects s JOIN members m ON m.id = s.member_id
			WHERE s.query_id IN `+in(&a, chunk)+` ORDER BY s.query_id, s.seq`, a...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var qid, name, idn string
			var s hedui.Subject
			if err := rows.Scan(&qid, &s.Ref, &s.MemberID, &name, &idn); err != nil {
				rows.Close()
				return err
			}
			s.Name, s.IDNumber = o.str(name, adMemberName), o.str(idn, adMemberID)
			x := &qs[at[qid]]
			x.Subjects = append(x.Subjects, s)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
	}
	return o.done(op)
}

// appQueries lists an application's queries in the order they were made.
func (db *DB) appQueries(ctx context.Context, q queryer, op string, appID int64, withSubjects bool) ([]hedui.Query, error) {
	var a args
	return db.listQueries(ctx, q, op, "q.application_id = "+a.add(appID), a, "q.created_at, q.id", withSubjects)
}

// Queries lists an application's queries with their subjects, for the
// clerk and verifiers of its region, and logs the view.
func (db *DB) Queries(ctx context.Context, by hedui.Actor, appID int64) ([]hedui.Query, error) {
	const op = "sqlstore.Queries"
	var out []hedui.Query
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, false)
		if err != nil {
			return err
		}
		if out, err = db.appQueries(ctx, tx, op, appID, true); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditQueriesView, appID,
			fmt.Sprintf("查看申请 %s 的部门查询%d条", app.Number, len(out))))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func errQueryNotFound(op string) error {
	return hedui.Errorf(op, hedui.KindNotFound, "query_not_found", "未找到该查询，或您无权查看")
}

// Query returns one query with its subjects for its department's liaison
// or a verifier of its case, and logs the view.
func (db *DB) Query(ctx context.Context, by hedui.Actor, id string) (hedui.Query, error) {
	const op = "sqlstore.Query"
	var out hedui.Query
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		if by.Role != hedui.RoleLiaison && by.Role != hedui.RoleVerifier && by.Role != hedui.RoleSystem {
			return errQueryNotFound(op)
		}
		var a args
		view, ok := queryView(by, &a)
		if !ok {
			return errQueryNotFound(op)
		}
		qs, err := db.listQueries(ctx, tx, op, "q.id = "+a.add(id)+" AND "+view, a, "q.id", true)
		if err != nil {
			return err
		}
		if len(qs) == 0 {
			return errQueryNotFound(op)
		}
		out = qs[0]
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditQueryView, objectType: "query", objectID: out.ID,
			caseID: out.ApplicationID, detail: fmt.Sprintf("查看发往%s的查询，核对对象%d人", out.Department, len(out.Subjects))})
	})
	return out, err
}

// checkQueryStatuses validates a status filter.
func checkQueryStatuses(op string, ss []hedui.QueryStatus) error {
	for i, s := range ss {
		switch s {
		case hedui.QueryPending, hedui.QuerySent, hedui.QueryAnswered, hedui.QueryFailed:
		default:
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_query_status", fmt.Sprintf("status[%d]", i), "未知的查询状态：%s", s)
		}
	}
	return nil
}

// openOverdue is the condition of a query still owed and past due on day.
func (db *DB) openOverdue(day hedui.Date, a *args) string {
	return "q.status IN (" + a.add(qPending) + ", " + a.add(qSent) + ") AND q.due_on < " + a.add(db.d.date(day))
}

// DepartmentQueries lists, with subjects, the queries addressed to the
// liaison's department, or for a verifier those of his region's cases, most
// urgent first; the list is logged as a view of personal data.
func (db *DB) DepartmentQueries(ctx context.Context, by hedui.Actor, f hedui.QueryFilter) (hedui.Page[hedui.Query], error) {
	const op = "sqlstore.DepartmentQueries"
	limit, offset := pageBounds(f.Limit, f.Offset)
	page := hedui.Page[hedui.Query]{Items: []hedui.Query{}, Limit: limit, Offset: offset}
	if by.Role != hedui.RoleLiaison && by.Role != hedui.RoleVerifier && by.Role != hedui.RoleSystem {
		return page, hedui.Errorf(op, hedui.KindPermission, "queries_forbidden", "只有部门联络员和核对员可以查看部门查询")
	}
	if err := checkQueryStatuses(op, f.Status); err != nil {
		return page, err
	}
	var a args
	view, ok := queryView(by, &a)
	if !ok {
		return page, hedui.Errorf(op, hedui.KindPermission, "queries_forbidden", "您的账号未关联部门或辖区，不能查看部门查询")
	}
	conds := []string{view}
	if f.DepartmentID != 0 {
		conds = append(conds, "q.department_id = "+a.add(f.DepartmentID))
	}
	if len(f.Status) > 0 {
		conds = append(conds, "q.status IN "+in(&a, f.Status))
	}
	if !f.OverdueOn.IsZero() {
		conds = append(conds, db.openOverdue(f.OverdueOn, &a))
	}
	where := strings.Join(conds, " AND ")
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*)`+queryFrom+` WHERE `+where, a...).Scan(&page.Total); err != nil {
			return err
		}
		pa := append(args(nil), a...)
		order := "q.due_on, q.id LIMIT " + pa.add(limit) + " OFFSET " + pa.add(offset)
		var err error
		if page.Items, err = db.listQueries(ctx, tx, op, where, pa, order, true); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditQueryList, objectType: "query",
			detail: fmt.Sprintf("查询部门查询列表，返回%d条，共%d条", len(page.Items), page.Total)})
	})
	return page, err
}
