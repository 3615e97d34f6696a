package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"hedui"
	"hedui/workday"
)

// HolidayYears returns the holiday notices stored by administrators, per
// notice year, in date order.
func (db *DB) HolidayYears(ctx context.Context) (map[int][]hedui.CalendarDay, error) {
	const op = "sqlstore.HolidayYears"
	rows, err := db.db.QueryContext(ctx, `SELECT year, day, workday, name FROM holidays ORDER BY year, day`)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := map[int][]hedui.CalendarDay{}
	for rows.Next() {
		var year int
		var d hedui.CalendarDay
		if err := rows.Scan(&year, dateCol{&d.Date}, &d.Workday, &d.Name); err != nil {
			return nil, wrapDB(op, err)
		}
		out[year] = append(out[year], d)
	}
	return out, wrapDB(op, rows.Err())
}

// PutHolidayYear replaces the stored notice for year. The notice is
// checked as the workday calendar will load it: not empty, every date in
// the year (or the December before), no date twice, adjusted working days
// on weekends only.
func (db *DB) PutHolidayYear(ctx context.Context, by hedui.Actor, year int, days []hedui.CalendarDay) error {
	const op = "sqlstore.PutHolidayYear"
	if by.Role != hedui.RoleAdmin && by.Role != hedui.RoleSystem {
		return hedui.Errorf(op, hedui.KindPermission, "calendar_forbidden", "只有系统管理员可以录入节假日安排")
	}
	if year < 2000 || year > 2100 {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_year", "year", "年份无效：%d", year)
	}
	days = slices.Clone(days)
	wd := make([]workday.Day, len(days))
	holidays := 0
	for i, d := range days {
		days[i].Name = clip(d.Name, hedui.MaxNameRunes)
		wd[i] = workday.Day{Date: d.Date.Time, Kind: workday.Holiday, Name: days[i].Name}
		if d.Workday {
			wd[i].Kind = workday.Workday
		} else {
			holidays++
		}
	}
	if err := new(workday.Calendar).SetYear(year, wd); err != nil {
		msg, ok := workday.ChineseMessage(err)
		if !ok {
			msg = fmt.Sprintf("%d年的放假安排有误", year)
		}
		return hedui.E(op, hedui.KindInvalid, "invalid_calendar", msg, hedui.Field("days"), err)
	}
	return db.inTx(ctx, op, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE year = $1`, year); err != nil {
			return err
		}
		for _, d := range days {
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (year, day, workday, name) VALUES ($1, $2, $3, $4)`,
				year, db.d.date(hedui.DateOf(d.Date.Time)), d.Workday, d.Name); err != nil {
				return err
			}
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditHolidayPut, objectType: "holiday_calendar",
			objectID: strconv.Itoa(year), detail: fmt.Sprintf("录入%d年节假日安排：放假%d天，调休上班%d天", year, holidays, len(days)-holidays)})
	})
}
