package sqlstore

import (
	"context"
	"database/sql"

	"hedui"
)

// regionFigures computes the three targets and the conclusions per county
// of the scope, each with one grouped query (the coverage cov is computed
// beforehand, see coverage), and puts the region's own
// row first: for a city, the sum of its counties, except for the share of
// member units, where the city's own departments count too.
func (db *DB) regionFigures(ctx context.Context, tx *sql.Tx, s dashScope, p dashPeriod, cov map[string]hedui.Share) ([]hedui.RegionFigures, error) {
	byCounty := map[string]*hedui.RegionFigures{}
	rows := make([]hedui.RegionFigures, 0, len(s.counties)+1)
	rows = append(rows, hedui.RegionFigures{Code: s.division.Code, Name: s.division.Name})
	if s.division.Level == hedui.LevelCity {
		for _, c := range s.counties {
			rows = append(rows, hedui.RegionFigures{Code: c.Code, Name: c.Name})
		}
	}
	for i := range rows {
		byCounty[rows[i].Code] = &rows[i]
	}
	if s.division.Level == hedui.LevelCounty {
		byCounty[s.division.Code] = &rows[0]
	}
	if err := db.newVerified(ctx, tx, s, p, byCounty); err != nil {
		return nil, err
	}
	if err := db.conclusionCounts(ctx, tx, s, p, byCounty); err != nil {
		return nil, err
	}
	for county, sh := range cov {
		if r := byCounty[county]; r != nil {
			r.Reverified = sh
		}
	}
	if s.division.Level == hedui.LevelCity {
		total := &rows[0]
		for _, r := range rows[1:] {
			total.NewVerified.Count += r.NewVerified.Count
			total.NewVerified.Of += r.NewVerified.Of
			total.Reverified.Count += r.Reverified.Count
			total.Reverified.Of += r.Reverified.Of
			total.Conclusions.Clear += r.Conclusions.Clear
			total.Conclusions.Visit += r.Conclusions.Visit
			total.Conclusions.Exceeds += r.Conclusions.Exceeds
			total.Conclusions.Incomplete += r.Conclusions.Incomplete
		}
	}
	city, county := s.division.Code, ""
	if s.division.Level == hedui.LevelCounty {
		city, county = s.division.ParentCode, s.division.Code
	}
	shares, err := db.shareRatiosIn(ctx, tx, city, county, p.from, p.to)
	if err != nil {
		return nil, err
	}
	for _, sr := range shares {
		if r := byCounty[sr.Region]; r != nil {
			r.Sharing = hedui.Share{Count: sr.Sharing, Of: sr.Units}
		}
	}
	return rows, nil
}

// newVerified counts, per county, the new applications accepted in the
// period and those of them with a report issued before its end.
func (db *DB) newVerified(ctx context.Context, tx *sql.Tx, s dashScope, p dashPeriod, into map[string]*hedui.RegionFigures) error {
	var a args
	lo, hi := a.add(db.d.ts(p.lo)), a.add(db.d.ts(p.hi))
	rows, err := tx.QueryContext(ctx, `SELECT a.county_code, COUNT(*),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM reports r WHERE r.application_id = a.id AND r.issued_at < `+hi+`) THEN 1 ELSE 0 END)
		FROM applications a
		WHERE `+s.cond("a", &a)+` AND a.kind = `+a.add(string(hedui.KindNew))+`
		AND EXISTS (SELECT 1 FROM transitions t WHERE t.application_id = a.id AND t.action = `+a.add(string(hedui.ActAccept))+`
			AND t.at >= `+lo+` AND t.at < `+hi+`)
		GROUP BY a.county_code`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var county string
		var sh hedui.Share
		if err := rows.Scan(&county, &sh.Of, &sh.Count); err != nil {
			return err
		}
		if r := into[county]; r != nil {
			r.NewVerified = sh
		}
	}
	return rows.Err()
}

// conclusionCounts counts, per county and outcome, the cases whose
// current conclusion (the latest version stored before the period's end)
// was reached in the period, with the verifier's decided outcome where
// he decided before the end.
func (db *DB) conclusionCounts(ctx context.Context, tx *sql.Tx, s dashScope, p dashPeriod, into map[string]*hedui.RegionFigures) error {
	var a args
	lo, hi := a.add(db.d.ts(p.lo)), a.add(db.d.ts(p.hi))
	rows, err := tx.QueryContext(ctx, `SELECT a.county_code, COALESCE(dc.overall, c.overall), COUNT(*)
		FROM conclusions c
		JOIN applications a ON a.id = c.application_id
		LEFT JOIN decisions dc ON dc.conclusion_id = c.id AND dc.decided_at < `+hi+`
		WHERE `+s.cond("a", &a)+` AND c.created_at >= `+lo+` AND c.created_at < `+hi+`
		AND c.version = (SELECT MAX(c2.version) FROM conclusions c2 WHERE c2.application_id = c.application_id AND c2.created_at < `+hi+`)
		GROUP BY a.county_code, COALESCE(dc.overall, c.overall)`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var county string
		var o hedui.Overall
		var n int
		if err := rows.Scan(&county, &o, &n); err != nil {
			return err
		}
		if r := into[county]; r != nil {
			r.Conclusions.Add(o, n)
		}
	}
	return rows.Err()
}

// coverage takes the plan's coverage figure, per county of the scope,
// from the re-verification rounds: people on the active rolls and those
// of them whose household a round evaluated in the period. The caller's
// right to the region was checked by dashboardRegion.
func (db *DB) coverage(ctx context.Context, q queryer, s dashScope, p dashPeriod) (map[string]hedui.Share, error) {
	cs, err := db.coverageByCounty(ctx, q, hedui.Scope{Level: s.division.Level, Code: s.division.Code}, p.from, p.to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]hedui.Share, len(cs))
	for _, c := range cs {
		out[c.County] = hedui.Share{Count: c.Reverified, Of: c.Recipients}
	}
	return out, nil
}
