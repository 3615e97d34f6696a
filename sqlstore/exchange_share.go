package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"hedui"
)

// shareScope is whose share ratios an actor reads: the cities (all of
// them for the system, the one of his own division otherwise) and, for a
// county verifier, only his county's row.
func shareScope(op string, by hedui.Actor) (city, county string, err error) {
	switch {
	case by.Role == hedui.RoleSystem:
		return "", "", nil
	case by.Role == hedui.RoleVerifier && by.Level == hedui.LevelCounty:
		return cityOf(by.Division), by.Division, nil
	case by.Role == hedui.RoleVerifier || by.Role == hedui.RoleAdmin || by.Role == hedui.RoleAuditor:
		if c := cityOf(by.Division); c != "" {
			return c, "", nil
		}
	}
	return "", "", hedui.Errorf(op, hedui.KindPermission, "share_ratio_forbidden", "您无权查看信息共享率")
}

// cityOf is the city code of a 6-digit county or city code.
func cityOf(code string) string {
	if len(code) != 6 {
		return ""
	}
	return code[:4] + "00"
}

// regionRow is one row of the share-ratio table and the divisions whose
// departments it counts.
type regionRow struct {
	hedui.ShareRatio
	divisions map[string]bool
}

// ShareRatios computes, per county and for each city as a whole, the member
// units (active departments), those with an agreement in force on to, and
// those of the latter that answered at least once in [from, to] (civil days
// in China). A city row counts its own departments and its counties'.
func (db *DB) ShareRatios(ctx context.Context, by hedui.Actor, from, to hedui.Date) ([]hedui.ShareRatio, error) {
	const op = "sqlstore.ShareRatios"
	if from.IsZero() || to.IsZero() || to.Before(from.Time) {
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_period", "from", "请填写统计期间，结束日期不能早于开始日期")
	}
	city, county, err := shareScope(op, by)
	if err != nil {
		return nil, err
	}
	var out []hedui.ShareRatio
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		out, err = db.shareRatiosIn(ctx, tx, city, county, from, to)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// shareRatiosIn computes the rows of ShareRatios for the cities (all when
// city is empty) and their counties, or for one county only.
func (db *DB) shareRatiosIn(ctx context.Context, tx *sql.Tx, city, county string, from, to hedui.Date) ([]hedui.ShareRatio, error) {
	rows, err := shareRegions(ctx, tx, city, county)
	if err != nil {
		return nil, err
	}
	sharing, err := db.sharingDepartments(ctx, tx, from, to)
	if err != nil {
		return nil, err
	}
	depts, err := tx.QueryContext(ctx, `SELECT `+deptCols+` FROM departments d WHERE d.active = $1`, true)
	if err != nil {
		return nil, err
	}
	defer depts.Close()
	for depts.Next() {
		var d hedui.Department
		if err := scanDept(depts, &d); err != nil {
			return nil, err
		}
		for i := range rows {
			r := &rows[i]
			if !r.divisions[d.Division] {
				continue
			}
			r.Units++
			if d.Agreement.ActiveOn(to) {
				r.WithAgreement++
				if sharing[d.ID] {
					r.Sharing++
				}
			}
		}
	}
	if err := depts.Err(); err != nil {
		return nil, err
	}
	out := make([]hedui.ShareRatio, len(rows))
	for i, r := range rows {
		if r.Units > 0 {
			r.Ratio = float64(r.Sharing) / float64(r.Units)
		}
		out[i] = r.ShareRatio
	}
	return out, nil
}

// shareRegions lists the rows: each city (all cities when city is empty)
// followed by its counties, or only the given county.
func shareRegions(ctx context.Context, tx *sql.Tx, city, county string) ([]regionRow, error) {
	var a args
	q := `SELECT c.code, c.name, c.level, c.parent_code FROM divisions c WHERE `
	switch {
	case county != "":
		q += `c.code = ` + a.add(county) + ` AND c.level = ` + a.add(string(hedui.LevelCounty))
	case city != "":
		q += `(c.code = ` + a.add(city) + ` OR c.parent_code = ` + a.add(city) + `) AND c.level IN ` +
			in(&a, []hedui.Level{hedui.LevelCity, hedui.LevelCounty})
	default:
		q += `c.level IN ` + in(&a, []hedui.Level{hedui.LevelCity, hedui.LevelCounty})
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY c.code`, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var divs []hedui.Division
	for rows.Next() {
		var d hedui.Division
		if err := rows.Scan(&d.Code, &d.Name, &d.Level, &d.ParentCode); err != nil {
			return nil, err
		}
		divs = append(divs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []regionRow
	cityRow := map[string]int{}
	for _, d := range divs {
		if d.Level == hedui.LevelCity {
			cityRow[d.Code] = len(out)
			out = append(out, regionRow{ShareRatio: hedui.ShareRatio{Region: d.Code, Name: d.Name},
				divisions: map[string]bool{d.Code: true}})
		}
	}
	for _, d := range divs {
		if d.Level != hedui.LevelCounty {
			continue
		}
		if i, ok := cityRow[d.ParentCode]; ok {
			out[i].divisions[d.Code] = true
		} else if county == "" {
			continue // a county whose city is not listed belongs to no row here
		}
		out = append(out, regionRow{ShareRatio: hedui.ShareRatio{Region: d.Code, Name: d.Name},
			divisions: map[string]bool{d.Code: true}})
	}
	// Each city first, then its counties.
	slices.SortStableFunc(out, func(x, y regionRow) int {
		cx, cy := cityOf(x.Region), cityOf(y.Region)
		if cx != cy {
			return cmp.Compare(cx, cy)
		}
		return cmp.Compare(x.Region, y.Region)
	})
	return out, nil
}

// sharingDepartments returns the departments that recorded an answer in
// the civil days [from, to] in China.
func (db *DB) sharingDepartments(ctx context.Context, tx *sql.Tx, from, to hedui.Date) (map[int64]bool, error) {
	lo := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, hedui.CST)
	hi := time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, hedui.CST)
	ids, err := column[int64](tx.QueryContext(ctx, `SELECT DISTINCT department_id FROM answers WHERE received_at >= $1 AND received_at < $2`,
		db.d.ts(lo), db.d.ts(hi)))
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}
