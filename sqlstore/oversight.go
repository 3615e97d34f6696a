package sqlstore

import (
	"context"

	"hedui"
)

// CountyOversight aggregates the counties in the actor's view in one
// grouped query: applications by county and status, with the flagged and
// escalated cases, the overdue queries and the days to the first
// conclusion folded in by joins on per-case subtotals. The scope is the
// query's WHERE; the rows carry no personal data, so nothing is audited.
func (db *DB) CountyOversight(ctx context.Context, by hedui.Actor, day hedui.Date) ([]hedui.CountyOversight, error) {
	const op = "sqlstore.CountyOversight"
	var a args
	var scope string
	switch {
	case by.Role == hedui.RoleSystem:
		scope = "d.level = " + a.add(hedui.LevelCounty)
	case by.Role == hedui.RoleVerifier && by.Level == hedui.LevelCity:
		scope = "d.level = " + a.add(hedui.LevelCounty) + " AND d.parent_code = " + a.add(by.Division)
	case by.Role == hedui.RoleVerifier && by.Level == hedui.LevelCounty:
		scope = "d.level = " + a.add(hedui.LevelCounty) + " AND d.code = " + a.add(by.Division)
	default:
		return nil, hedui.Errorf(op, hedui.KindPermission, "oversight_forbidden", "只有核对中心可以查看各县区的办理情况")
	}
	overdue := db.openOverdue(day, &a)
	q := `SELECT d.code, d.name, COALESCE(a.status, ''), COUNT(a.id),
		COALESCE(SUM(CASE WHEN a.needs_city AND a.escalation_batch_id IS NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN a.escalation_batch_id IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(o.n), 0), COUNT(o.n), COUNT(c.first_at),
		CAST(COALESCE(SUM(` + db.d.daysBetween("a.created_at", "c.first_at") + `), 0) AS DOUBLE PRECISION)
		FROM divisions d
		LEFT JOIN applications a ON a.county_code = d.code
		LEFT JOIN (SELECT q.application_id, COUNT(*) AS n FROM queries q WHERE ` + overdue + `
			GROUP BY q.application_id) o ON o.application_id = a.id
		LEFT JOIN (SELECT application_id, MIN(created_at) AS first_at FROM conclusions
			GROUP BY application_id) c ON c.application_id = a.id
		WHERE ` + scope + `
		GROUP BY d.code, d.name, a.status
		ORDER BY d.code`
	rows, err := db.db.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.CountyOversight{}
	daySums := []float64{}
	for rows.Next() {
		var code, name, status string
		var n, flagged, escalated, overdueQ, overdueC, concluded int
		var days float64
		if err := rows.Scan(&code, &name, &status, &n, &flagged, &escalated, &overdueQ, &overdueC, &concluded, &days); err != nil {
			return nil, wrapDB(op, err)
		}
		if len(out) == 0 || out[len(out)-1].County != code {
			out = append(out, hedui.CountyOversight{County: code, Name: name, ByStatus: map[hedui.Status]int{}})
			daySums = append(daySums, 0)
		}
		c := &out[len(out)-1]
		if status != "" {
			c.ByStatus[hedui.Status(status)] += n
		}
		c.Total += n
		c.Flagged += flagged
		c.Escalated += escalated
		c.OverdueQueries += overdueQ
		c.OverdueCases += overdueC
		c.Concluded += concluded
		daySums[len(daySums)-1] += days
	}
	if err := rows.Err(); err != nil {
		return nil, wrapDB(op, err)
	}
	for i := range out {
		if out[i].Concluded > 0 {
			out[i].AvgDaysToConclusion = daySums[i] / float64(out[i].Concluded)
		}
	}
	return out, nil
}
