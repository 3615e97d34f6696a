package sqlstore

import (
	"context"

	"hedui"
)

// DepartmentRounds lists the running rounds with queries to the liaison's
// departments (those of his organisation), newest first, with the
// queries sent and answered, so that his page can offer each round's
// request file and take its answer file.
//
// Only departments that answer a round by file are listed: those on the
// batch-file channel, and those on the manual channel, whose round queries
// have no other way in (the liaison's query list holds case queries, and a
// round asks every department of the county). Departments answered in
// process (online, simulator) never owe a file, and their liaisons get no
// request file full of ID numbers they have no use for.
func (db *DB) DepartmentRounds(ctx context.Context, by hedui.Actor) ([]hedui.DepartmentRound, error) {
	const op = "sqlstore.DepartmentRounds"
	if by.Role != hedui.RoleLiaison {
		return nil, hedui.Errorf(op, hedui.KindPermission, "liaison_only", "只有部门联络员可以查看本部门的复核请求")
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+roundCols+`, d.id, d.name, c.n, c.answered
		FROM (SELECT q.round_id, q.department_id, COUNT(*) AS n, COUNT(q.answered_at) AS answered
			FROM recheck_queries q
			WHERE q.department_id IN (SELECT id FROM departments WHERE org_id = $1 AND channel IN ($3, $4))
			AND q.round_id IN (SELECT id FROM recheck_rounds WHERE status = $2)
			GROUP BY q.round_id, q.department_id) c
		JOIN recheck_rounds r ON r.id = c.round_id JOIN departments d ON d.id = c.department_id
		ORDER BY r.id DESC, d.code`, by.OrgID, string(hedui.RoundRunning), string(hedui.ChannelBatchFile), string(hedui.ChannelManual))
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
