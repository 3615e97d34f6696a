package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"hedui"
)

const roundCols = `r.id, r.scope_code, r.as_of, r.status, r.households, r.excluded, r.parts, r.parts_done, r.created_by,
	r.created_at, r.finished_at`

// scanRound scans roundCols into r, then any columns selected after them
// into extra.
func scanRound(row interface{ Scan(...any) error }, r *hedui.Round, extra ...any) error {
	return row.Scan(append([]any{&r.ID, &r.Scope, dateCol{&r.AsOf}, &r.Status, &r.Households, &r.Excluded, &r.Parts, &r.PartsDone,
		&r.CreatedBy, timeCol{&r.CreatedAt}, timeCol{&r.FinishedAt}}, extra...)...)
}

func (db *DB) round(ctx context.Context, q queryer, id int64) (hedui.Round, error) {
	var r hedui.Round
	err := scanRound(q.QueryRowContext(ctx, `SELECT `+roundCols+` FROM recheck_rounds r WHERE r.id = $1`, id), &r)
	return r, err
}

// scopedRound reads a round the verifier's scope covers: a county
// verifier sees his county's rounds, a city verifier every round of the
// city.
func (db *DB) scopedRound(ctx context.Context, q queryer, op string, by hedui.Actor, id int64) (hedui.Round, hedui.Scope, error) {
	scope, err := recheckScope(op, by)
	if err != nil {
		return hedui.Round{}, scope, err
	}
	var a args
	a.add(id)
	var r hedui.Round
	err = scanRound(q.QueryRowContext(ctx, `SELECT `+roundCols+` FROM recheck_rounds r WHERE r.id = $1 AND `+
		countyCond(scope, "r.scope_code", &a), a...), &r)
	if errors.Is(err, sql.ErrNoRows) {
		return r, scope, hedui.Errorf(op, hedui.KindNotFound, "round_not_found", "没有找到该复核轮次")
	}
	return r, scope, wrapDB(op, err)
}

// Rounds lists the rounds of the verifier's scope, newest first.
func (db *DB) Rounds(ctx context.Context, by hedui.Actor) ([]hedui.Round, error) {
	const op = "sqlstore.Rounds"
	scope, err := recheckScope(op, by)
	if err != nil {
		return nil, err
	}
	var a args
	rows, err := db.db.QueryContext(ctx, `SELECT `+roundCols+` FROM recheck_rounds r WHERE `+
		countyCond(scope, "r.scope_code", &a)+` ORDER BY r.id DESC`, a...)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.Round{}
	for rows.Next() {
		var r hedui.Round
		if err := scanRound(rows, &r); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, r)
	}
	return out, wrapDB(op, rows.Err())
}

// RoundProgress counts a round's queries per department, answered ones,
// and the households evaluated, with grouped counts rather than a walk.
func (db *DB) RoundProgress(ctx context.Context, by hedui.Actor, id int64) (hedui.RoundProgress, error) {
	const op = "sqlstore.RoundProgress"
	r, _, err := db.scopedRound(ctx, db.db, op, by, id)
	if err != nil {
		return hedui.RoundProgress{}, err
	}
	p := hedui.RoundProgress{Round: r, Departments: []hedui.RoundCounts{}}
	rows, err := db.db.QueryContext(ctx, `SELECT q.department_id, d.name, COUNT(*), COUNT(q.answered_at),
		COUNT(res.household_id), COUNT(CASE WHEN q.answered_at IS NULL THEN q.refusal END),
		COALESCE(MAX(CASE WHEN q.answered_at IS NULL THEN q.refusal END), '')
		FROM recheck_queries q JOIN departments d ON d.id = q.department_id
		LEFT JOIN recheck_results res ON res.round_id = q.round_id AND res.household_id = q.household_id
		WHERE q.round_id = $1 GROUP BY q.department_id, d.name ORDER BY q.department_id`, id)
	if err != nil {
		return p, wrapDB(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c hedui.RoundCounts
		if err := rows.Scan(&c.DepartmentID, &c.Department, &c.Dispatched, &c.Answered, &c.Evaluated, &c.Refused,
			&c.Refusal); err != nil {
			return p, wrapDB(op, err)
		}
		p.Overall.Dispatched += c.Dispatched
		p.Overall.Answered += c.Answered
		p.Overall.Refused += c.Refused
		p.Departments = append(p.Departments, c)
	}
	if err := rows.Err(); err != nil {
		return p, wrapDB(op, err)
	}
	err = db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM recheck_results WHERE round_id = $1`, id).Scan(&p.Overall.Evaluated)
	return p, wrapDB(op, err)
}

// RoundExcluded lists the due households a round did not ask about.
func (db *DB) RoundExcluded(ctx context.Context, by hedui.Actor, id int64) ([]hedui.RoundExclusion, error) {
	const op = "sqlstore.RoundExcluded"
	if _, _, err := db.scopedRound(ctx, db.db, op, by, id); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT x.household_id, x.county_code, h.number, x.reason
		FROM recheck_excluded x JOIN roll_households h ON h.id = x.household_id
		WHERE x.round_id = $1 ORDER BY x.county_code, h.number`, id)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.RoundExclusion{}
	for rows.Next() {
		var x hedui.RoundExclusion
		if err := rows.Scan(&x.HouseholdID, &x.County, &x.Number, &x.Reason); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, x)
	}
	return out, wrapDB(op, rows.Err())
}

// RecheckCoverage counts, per county of the scope, the persons and
// households on the roll now and those of them with a result evaluated in
// the period (days in China, inclusive).
func (db *DB) RecheckCoverage(ctx context.Context, by hedui.Actor, from, to hedui.Date) ([]hedui.RecheckCoverage, error) {
	const op = "sqlstore.RecheckCoverage"
	scope, err := recheckScope(op, by)
	if err != nil {
		return nil, err
	}
	if from.IsZero() || to.IsZero() || to.Before(from.Time) {
		return nil, hedui.Errorf(op, hedui.KindInvalid, "bad_period", "请给出有效的统计期间")
	}
	out, err := db.coverageByCounty(ctx, db.db, scope, from, to)
	return out, wrapDB(op, err)
}

// coverageByCounty is RecheckCoverage's count over the counties of scope,
// for a caller that has checked the right to it: the API's verifiers, the
// dashboard's viewers of the region (in the dashboard's transaction).
func (db *DB) coverageByCounty(ctx context.Context, q queryer, scope hedui.Scope, from, to hedui.Date) ([]hedui.RecheckCoverage, error) {
	start := from.Time.Add(-8 * 3600e9) // 00:00 China
	end := to.Time.AddDate(0, 0, 1).Add(-8 * 3600e9)
	var a args
	a.add(db.d.ts(start))
	a.add(db.d.ts(end))
	rows, err := q.QueryContext(ctx, `SELECT h.county_code, COUNT(DISTINCT h.id), COUNT(m.id),
		COUNT(DISTINCT CASE WHEN v.household_id IS NOT NULL THEN h.id END),
		COUNT(CASE WHEN v.household_id IS NOT NULL THEN m.id END)
		FROM roll_households h JOIN roll_members m ON m.roll_household_id = h.id AND m.status = 'active'
		LEFT JOIN (SELECT DISTINCT household_id FROM recheck_results WHERE evaluated_at >= $1 AND evaluated_at < $2) v
			ON v.household_id = h.id
		WHERE h.status = 'active' AND `+countyCond(scope, "h.county_code", &a)+`
		GROUP BY h.county_code ORDER BY h.county_code`, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hedui.RecheckCoverage{}
	for rows.Next() {
		var c hedui.RecheckCoverage
		if err := rows.Scan(&c.County, &c.Households, &c.Recipients, &c.ReverifiedHouseholds, &c.Reverified); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }
