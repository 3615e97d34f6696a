package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"hedui"
)

// Re-verification is county work: a county verifier works on his county,
// a city verifier on every county of the city. Scope conditions are on a
// county_code column, so that every recheck table filters the same way.

// recheckScope is the verifier's scope, or a permission error.
func recheckScope(op string, by hedui.Actor) (hedui.Scope, error) {
	if by.Role == hedui.RoleVerifier {
		if s := by.CaseScope(); !s.IsZero() {
			return s, nil
		}
	}
	return hedui.Scope{}, hedui.Errorf(op, hedui.KindPermission, "verifier_only", "只有县区或市级核对员可以管理复核")
}

// countyCond restricts the county_code column col to the scope: equal to
// a county, or within the city (county codes share the city's first four
// digits).
func countyCond(s hedui.Scope, col string, a *args) string {
	if s.Level == hedui.LevelCity {
		return col + " LIKE " + a.add(s.Code[:4]+"%")
	}
	return col + " = " + a.add(s.Code)
}

// inScope reports whether a county lies in the scope.
func inScope(s hedui.Scope, county string) bool {
	if s.Level == hedui.LevelCity {
		return strings.HasPrefix(county, s.Code[:4])
	}
	return county == s.Code
}

const scheduleCols = `county_code, category, valid_from, stable_months, other_months, income_rise_bp,
	income_rise_min_fen, example, note, created_by, created_at`

func scanSchedule(row interface{ Scan(...any) error }, s *hedui.RecheckSchedule) error {
	return row.Scan(&s.County, &s.Category, dateCol{&s.ValidFrom}, &s.StableMonths, &s.OtherMonths, &s.IncomeRiseBP,
		&s.IncomeRiseMinFen, &s.Example, &s.Note, &s.CreatedBy, timeCol{&s.CreatedAt})
}

// RecheckSchedules lists the schedule versions of a county ("" for every
// county of the actor's scope), newest first.
func (db *DB) RecheckSchedules(ctx context.Context, by hedui.Actor, county string) ([]hedui.RecheckSchedule, error) {
	const op = "sqlstore.RecheckSchedules"
	scope, err := recheckScope(op, by)
	if err != nil {
		return nil, err
	}
	var a args
	where := countyCond(scope, "county_code", &a)
	if county != "" {
		where += " AND county_code = " + a.add(county)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+scheduleCols+` FROM recheck_schedules WHERE `+where+`
		ORDER BY county_code, category, valid_from DESC`, a...)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.RecheckSchedule{}
	for rows.Next() {
		var s hedui.RecheckSchedule
		if err := scanSchedule(rows, &s); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, s)
	}
	return out, wrapDB(op, rows.Err())
}

// PutRecheckSchedule stores a schedule version; a version of the same day
// replaces the earlier one (the dated history is kept across days).
func (db *DB) PutRecheckSchedule(ctx context.Context, by hedui.Actor, s hedui.RecheckSchedule) (hedui.RecheckSchedule, error) {
	const op = "sqlstore.PutRecheckSchedule"
	scope, err := recheckScope(op, by)
	if err != nil {
		return s, err
	}
	if !inScope(scope, s.County) {
		return s, hedui.Errorf(op, hedui.KindPermission, "out_of_scope", "不能设置本辖区以外的复核周期")
	}
	switch {
	case s.Category != hedui.CategoryDibao && s.Category != hedui.CategoryTekun:
		return s, hedui.Errorf(op, hedui.KindInvalid, "bad_category", "复核周期只适用于低保和特困")
	case s.ValidFrom.IsZero():
		return s, hedui.Errorf(op, hedui.KindInvalid, "no_valid_from", "请填写生效日期")
	case s.StableMonths <= 0 || s.OtherMonths <= 0 || s.StableMonths > 36 || s.OtherMonths > 36:
		return s, hedui.Errorf(op, hedui.KindInvalid, "bad_interval", "复核间隔应为 1 至 36 个月")
	case s.IncomeRiseBP < 0 || s.IncomeRiseMinFen < 0:
		return s, hedui.Errorf(op, hedui.KindInvalid, "bad_threshold", "预警阈值不能为负数")
	}
	s.CreatedBy, s.CreatedAt = by.Username, db.now()
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM recheck_schedules WHERE county_code = $1 AND category = $2
			AND valid_from = $3`, s.County, string(s.Category), db.d.date(s.ValidFrom)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO recheck_schedules (`+scheduleCols+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, s.County, string(s.Category), db.d.date(s.ValidFrom),
			s.StableMonths, s.OtherMonths, s.IncomeRiseBP, s.IncomeRiseMinFen, s.Example, s.Note, s.CreatedBy,
			db.d.ts(s.CreatedAt)); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: "recheck.schedule", objectType: "recheck_schedule",
			objectID: s.County + "/" + string(s.Category) + "/" + s.ValidFrom.String()})
	})
	return s, err
}

// schedulesAt returns the schedules in force on day for the counties, by
// hedui.ScheduleKey.
func (db *DB) schedulesAt(ctx context.Context, q queryer, counties []string, day hedui.Date) (map[string]hedui.RecheckSchedule, error) {
	out := map[string]hedui.RecheckSchedule{}
	if len(counties) == 0 {
		return out, nil
	}
	var a args
	a.add(db.d.date(day))
	rows, err := q.QueryContext(ctx, `SELECT `+scheduleCols+` FROM recheck_schedules
		WHERE valid_from <= $1 AND county_code IN `+in(&a, counties)+` ORDER BY valid_from`, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s hedui.RecheckSchedule
		if err := scanSchedule(rows, &s); err != nil {
			return nil, err
		}
		out[hedui.ScheduleKey(s.County, s.Category)] = s // later versions overwrite
	}
	return out, rows.Err()
}
