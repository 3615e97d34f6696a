package sqlstore

import (
	"context"
	"database/sql"
	"math"

	"hedui"
)

// deptFigures computes, in one grouped query over the queries of the
// scope's cases, each department's answers in the period, their mean time
// and lateness, and its backlog at the period's end. Departments serving
// the scope are listed even when idle; a department elsewhere (a city
// department for a county's case) is listed when it has such a query.
// Only the scope's cases count, so a county sees a city department's work
// on its own cases only.
func (db *DB) deptFigures(ctx context.Context, tx *sql.Tx, s dashScope, p dashPeriod) ([]hedui.DeptFigures, error) {
	var a args
	lo, hi, end := a.add(db.d.ts(p.lo)), a.add(db.d.ts(p.hi)), a.add(db.d.ts(p.end))
	inPeriod := `q.answered_at >= ` + lo + ` AND q.answered_at < ` + hi
	// Created before the period's end (nothing is created after now), and
	// not answered by the end.
	open := `q.created_at < ` + hi + ` AND q.status <> ` + a.add(qFailed) + ` AND (q.answered_at IS NULL OR q.answered_at >= ` + end + `)`
	scope := s.cond("a", &a)
	q := `SELECT d.id, d.code, d.name, d.level, d.division_code,
		COALESCE(x.answered, 0), COALESCE(x.avg_days, 0), COALESCE(x.late, 0), COALESCE(x.open, 0), COALESCE(x.overdue, 0)
		FROM departments d LEFT JOIN (
			SELECT q.department_id AS dept,
				SUM(CASE WHEN ` + inPeriod + ` THEN 1 ELSE 0 END) AS answered,
				AVG(CASE WHEN ` + inPeriod + ` THEN ` + db.d.daysBetween("COALESCE(q.sent_at, q.created_at)", "q.answered_at") + ` END) AS avg_days,
				SUM(CASE WHEN ` + inPeriod + ` AND ` + db.d.civilDate("q.answered_at") + ` > q.due_on THEN 1 ELSE 0 END) AS late,
				SUM(CASE WHEN ` + open + ` THEN 1 ELSE 0 END) AS open,
				SUM(CASE WHEN ` + open + ` AND q.due_on < ` + a.add(db.d.date(p.endDay)) + ` THEN 1 ELSE 0 END) AS overdue
			FROM queries q JOIN applications a ON a.id = q.application_id
			WHERE ` + scope + `
			GROUP BY q.department_id
		) x ON x.dept = d.id
		WHERE (d.active = ` + a.add(true) + ` AND d.division_code IN ` + in(&a, s.divisions()) + `) OR x.dept IS NOT NULL
		ORDER BY d.level, d.division_code, d.code`
	rows, err := tx.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hedui.DeptFigures{}
	for rows.Next() {
		var f hedui.DeptFigures
		if err := rows.Scan(&f.ID, &f.Code, &f.Name, &f.Level, &f.Division, &f.Answered, &f.AvgDays, &f.Late, &f.Open, &f.Overdue); err != nil {
			return nil, err
		}
		// Tenths of a day are all a reader needs; rounding here keeps the
		// two engines' float arithmetic from differing in the output.
		f.AvgDays = math.Round(f.AvgDays*10) / 10
		out = append(out, f)
	}
	return out, rows.Err()
}

// trend counts, per month of the twelve ending with the period, the cases
// accepted, the reports issued and the queries answered (and answered
// late), each with one query grouped by the month in China.
func (db *DB) trend(ctx context.Context, tx *sql.Tx, s dashScope, p dashPeriod) ([]hedui.MonthFigures, error) {
	out := make([]hedui.MonthFigures, len(p.months))
	at := map[string]*hedui.MonthFigures{}
	for i, m := range p.months {
		out[i].Month = m
		at[m] = &out[i]
	}
	series := []struct {
		col, from, where string
		late             string // the condition of a late answer, where one applies
		set              func(m *hedui.MonthFigures, n, late int)
	}{
		{col: "t.at", from: "transitions t JOIN applications a ON a.id = t.application_id",
			where: "t.action = '" + string(hedui.ActAccept) + "'",
			set:   func(m *hedui.MonthFigures, n, _ int) { m.Accepted = n }},
		{col: "r.issued_at", from: "reports r JOIN applications a ON a.id = r.application_id",
			set: func(m *hedui.MonthFigures, n, _ int) { m.Reported = n }},
		{col: "q.answered_at", from: "queries q JOIN applications a ON a.id = q.application_id",
			late: db.d.civilDate("q.answered_at") + " > q.due_on",
			set:  func(m *hedui.MonthFigures, n, late int) { m.Answered, m.Late = n, late }},
	}
	for _, x := range series {
		var a args
		late := "0"
		if x.late != "" {
			late = "SUM(CASE WHEN " + x.late + " THEN 1 ELSE 0 END)"
		}
		where := s.cond("a", &a) + " AND " + x.col + " >= " + a.add(db.d.ts(p.trendLo)) + " AND " + x.col + " < " + a.add(db.d.ts(p.hi))
		if x.where != "" {
			where += " AND " + x.where
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+db.d.civilMonth(x.col)+`, COUNT(*), `+late+`
			FROM `+x.from+` WHERE `+where+` GROUP BY 1`, a...)
		if err != nil {
			return nil, err
		}
		err = scanMonths(rows, func(month string, n, e int) {
			if m := at[month]; m != nil {
				x.set(m, n, e)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanMonths reads (month, count, late count) rows and closes them.
func scanMonths(rows *sql.Rows, fn func(month string, n, late int)) error {
	defer rows.Close()
	for rows.Next() {
		var month string
		var n, e int
		if err := rows.Scan(&month, &n, &e); err != nil {
			return err
		}
		fn(month, n, e)
	}
	return rows.Err()
}
