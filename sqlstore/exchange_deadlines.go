package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hedui"
)

// deadlineView is queryView for the deadline lists: liaisons, verifiers
// and the system only.
func deadlineView(op string, by hedui.Actor, a *args, roles ...hedui.Role) (string, error) {
	if contains(roles, by.Role) {
		if cond, ok := queryView(by, a); ok {
			return cond, nil
		}
	}
	return "", hedui.Errorf(op, hedui.KindPermission, "deadlines_forbidden", "您无权查看部门反馈期限")
}

func checkDay(op string, day hedui.Date) error {
	if day.IsZero() {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_day", "day", "请指定日期")
	}
	return nil
}

// Overdue lists the open queries past due on day in the actor's view,
// oldest due first, without subjects.
func (db *DB) Overdue(ctx context.Context, by hedui.Actor, day hedui.Date) ([]hedui.Query, error) {
	const op = "sqlstore.Overdue"
	if err := checkDay(op, day); err != nil {
		return nil, err
	}
	var a args
	view, err := deadlineView(op, by, &a, hedui.RoleLiaison, hedui.RoleVerifier, hedui.RoleSystem)
	if err != nil {
		return nil, err
	}
	qs, err := db.listQueries(ctx, db.db, op, view+" AND "+db.openOverdue(day, &a), a, "q.due_on, q.id", false)
	return qs, wrapDB(op, err)
}

// Remind records one reminder per overdue query in the actor's view and
// day; running it again on the same day adds none. It returns how many it
// recorded.
func (db *DB) Remind(ctx context.Context, by hedui.Actor, day hedui.Date) (int, error) {
	const op = "sqlstore.Remind"
	if err := checkDay(op, day); err != nil {
		return 0, err
	}
	var a args
	view, err := deadlineView(op, by, &a, hedui.RoleVerifier, hedui.RoleSystem)
	if err != nil {
		return 0, err
	}
	where := view + " AND " + db.openOverdue(day, &a)
	now := db.now()
	var n int
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		n = 0
		ids, err := column[string](tx.QueryContext(ctx, `SELECT q.id`+queryFrom+` WHERE `+where+` ORDER BY q.id`, a...))
		if err != nil {
			return err
		}
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `INSERT INTO reminders (query_id, day, created_at) VALUES ($1, $2, $3)
				ON CONFLICT (query_id, day) DO NOTHING`, id, db.d.date(day), db.d.ts(now))
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			if k == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE queries SET reminded_at = $1 WHERE id = $2`, db.d.ts(now), id); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return nil
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditRemind, objectType: "query",
			detail: fmt.Sprintf("%s催办逾期未反馈的查询%d条", day, n)})
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
