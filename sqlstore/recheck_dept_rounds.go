package sqlstore

import (
	"context"

	"hedui"
)

// DepartmentRounds lists the running rounds with queries to the liaison's
// departments (those of his organisation), newest first, with the
// queries sent and answered, so that his page can offer each round's
// request file and take its answer file.
func (db *DB) DepartmentRounds(ctx context.Context, by hedui.Actor) ([]hedui.DepartmentRound, error) {
	const op = "sqlstore.DepartmentRounds"
	if by.Role != hedui.RoleLiaison {
		return nil, hedui.Errorf(op, hedui.KindPermission, "liaison_only", "只有部门联络员可以查看本部门的复核请求")
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+roundCols+`, d.id, d.name, c.n, c.answered
		FROM (SELECT q.round_id, q.department_id, COUNT(*) AS n, COUNT(q.answered_at) AS answered
			FROM recheck_queries q
			WHERE q.department_id IN (SELECT id FROM departments WHERE org_id = $1)
			AND q.round_id IN (SELECT id FROM recheck_rounds WHERE status = $2)
			GROUP BY q.round_id, q.department_id) c
		JOIN recheck_rounds r ON r.id = c.round_id JOIN departments d ON d.id = c.department_id
		ORDER BY r.id DESC, d.code`, by.OrgID, string(hedui.RoundRunning))
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.DepartmentRound{}
	for rows.Next() {
		var x hedui.DepartmentRound
		if err := scanRound(rows, &x.Round, &x.Counts.DepartmentID, &x.Counts.Department, &x.Counts.Dispatched,
			&x.Counts.Answered); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, x)
	}
	return out, wrapDB(op, rows.Err())
}
