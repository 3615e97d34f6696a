package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"hedui"
)

// dashScope is the region a dashboard covers and how its queries filter:
// cases (and roll households) carry city_code and county_code, so the
// filter is an equality on one column.
type dashScope struct {
	division hedui.Division
	counties []hedui.Division // the county itself, or the city's counties
}

// cond is the scope's condition on a table alias with city_code and
// county_code columns.
func (s dashScope) cond(alias string, a *args) string {
	if s.division.Level == hedui.LevelCity {
		return alias + ".city_code = " + a.add(s.division.Code)
	}
	return alias + ".county_code = " + a.add(s.division.Code)
}

// divisions are the codes whose departments serve the scope: a county
// and its city, or a city and its counties.
func (s dashScope) divisions() []string {
	out := []string{s.division.Code}
	if s.division.Level == hedui.LevelCounty {
		return append(out, s.division.ParentCode)
	}
	for _, c := range s.counties {
		out = append(out, c.Code)
	}
	return out
}

// dashboardRegion decides which region the actor reads: his own when
// region is empty; a county's verifier, admin or auditor only his county,
// the city's also any county of the city. The system actor must name one.
func dashboardRegion(op string, by hedui.Actor, region string) (string, error) {
	forbidden := hedui.Errorf(op, hedui.KindPermission, "dashboard_forbidden", "您无权查看该地区的统计看板")
	switch by.Role {
	case hedui.RoleSystem:
		if region == "" {
			return "", hedui.FieldErrorf(op, hedui.KindInvalid, "region_required", "region", "请指定地区")
		}
		return region, nil
	case hedui.RoleVerifier, hedui.RoleAdmin, hedui.RoleAuditor:
	default:
		return "", forbidden
	}
	if region == "" {
		region = by.Division
	}
	switch {
	case by.Level == hedui.LevelCounty && region == by.Division:
	case by.Level == hedui.LevelCity && len(region) == 6 && cityOf(region) == by.Division:
	default:
		return "", forbidden
	}
	return region, nil
}

// loadDashScope reads the region and, for a city, its counties. A code
// that is not a city or county is refused like one outside the scope, so
// that the answer does not reveal which codes exist.
func loadDashScope(ctx context.Context, q queryer, op, region string) (dashScope, error) {
	var s dashScope
	rows, err := q.QueryContext(ctx, `SELECT code, name, level, parent_code FROM divisions
		WHERE code = $1 OR (parent_code = $1 AND level = $2) ORDER BY code`, region, string(hedui.LevelCounty))
	if err != nil {
		return s, err
	}
	defer rows.Close()
	for rows.Next() {
		var d hedui.Division
		if err := rows.Scan(&d.Code, &d.Name, &d.Level, &d.ParentCode); err != nil {
			return s, err
		}
		if d.Code == region {
			s.division = d
		} else {
			s.counties = append(s.counties, d)
		}
	}
	if err := rows.Err(); err != nil {
		return s, err
	}
	if l := s.division.Level; l != hedui.LevelCity && l != hedui.LevelCounty {
		s.division = hedui.Division{}
	}
	if s.division.Code == "" {
		return s, hedui.Errorf(op, hedui.KindPermission, "dashboard_forbidden", "您无权查看该地区的统计看板")
	}
	if s.division.Level == hedui.LevelCounty {
		s.counties = []hedui.Division{s.division}
	}
	return s, nil
}

// dashPeriod is the quarter in the forms the queries need.
type dashPeriod struct {
	from, to hedui.Date
	asOf     hedui.Date // the last day, or today while the quarter runs
	lo, hi   time.Time  // [from 00:00, to+1 00:00) in China
	end      time.Time  // hi, or now while the quarter runs: the backlog is counted here
	endDay   hedui.Date // the civil day of end, for "past due"
	trendLo  time.Time  // the first day of the trend's first month, in China
	months   []string   // the trend's months, 2006-01, oldest first
}

func newDashPeriod(q hedui.Quarter, now time.Time) dashPeriod {
	var p dashPeriod
	p.from, p.to = q.Span()
	p.lo = time.Date(p.from.Year(), p.from.Month(), p.from.Day(), 0, 0, 0, 0, hedui.CST)
	p.hi = time.Date(p.to.Year(), p.to.Month(), p.to.Day()+1, 0, 0, 0, 0, hedui.CST)
	p.end, p.asOf = p.hi, p.to
	if now.Before(p.hi) {
		p.end, p.asOf = now, hedui.Today(now)
	}
	p.endDay = hedui.Today(p.end)
	first := time.Date(p.to.Year(), p.to.Month()-11, 1, 0, 0, 0, 0, hedui.CST)
	p.trendLo = first
	for m := first; m.Before(p.hi); m = m.AddDate(0, 1, 0) {
		p.months = append(p.months, m.Format("2006-01"))
	}
	return p
}

// Dashboard computes the dashboard of a city or county for a quarter in
// one read transaction, and audits the read.
func (db *DB) Dashboard(ctx context.Context, by hedui.Actor, region string, q hedui.Quarter) (*hedui.Dashboard, error) {
	const op = "sqlstore.Dashboard"
	if !q.Valid() {
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_quarter", "quarter", "季度无效")
	}
	region, err := dashboardRegion(op, by, region)
	if err != nil {
		return nil, err
	}
	now := db.now()
	p := newDashPeriod(q, now)
	if now.Before(p.lo) {
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "quarter_not_begun", "quarter", "%s尚未开始", q.Label())
	}
	s, err := loadDashScope(ctx, db.db, op, region)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	var out *hedui.Dashboard
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		cov, err := db.coverage(ctx, tx, s, p)
		if err != nil {
			return err
		}
		d := &hedui.Dashboard{Region: s.division.Code, Name: s.division.Name, Level: s.division.Level, Quarter: q,
			From: p.from, To: p.to, AsOf: p.asOf, Targets: hedui.TargetsOn(p.to)}
		if d.Regions, err = db.regionFigures(ctx, tx, s, p, cov); err != nil {
			return err
		}
		if d.Departments, err = db.deptFigures(ctx, tx, s, p); err != nil {
			return err
		}
		if d.Trend, err = db.trend(ctx, tx, s, p); err != nil {
			return err
		}
		out = d
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditDashboardView, objectType: "dashboard",
			objectID: region + "/" + q.String(), detail: "查看统计看板 " + s.division.Name + " " + q.Label()})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
