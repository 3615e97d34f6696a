package sqlstore

import (
	"fmt"
	"testing"
	"time"

	"hedui"
)

// rollHousehold writes a roll household of a county straight into the
// roll tables, with one member per entry of members (its status), so that
// the dashboard's count of recipients has exact input.
func (e *env) rawRollHousehold(county, township, number string, status hedui.RollStatus, members ...string) int64 {
	e.t.Helper()
	now, d := e.db.d.ts(e.clock.Now()), e.db.d
	var imp int64
	must(e.t, e.db.SQL().QueryRowContext(e.ctx, `INSERT INTO roll_imports (county_code, mode, file_name_enc, file_sha256,
		rows, added, updated, unchanged, exited, problem_count, created_by, created_at)
		VALUES ($1, 'full', '', 'x', 0, 0, 0, 0, 0, 0, 'test', $2) RETURNING id`, county, now).Scan(&imp))
	var hh int64
	must(e.t, e.db.SQL().QueryRowContext(e.ctx, `INSERT INTO roll_households (city_code, county_code, township_code,
		region_code, number, category, hukou_type, stable, benefit_fen, income_fen, since, address_enc, letter_number,
		letter_until, status, content_sha256, import_id, created_at, updated_at)
		VALUES ($1, $2, $3, $3, $4, 'dibao', 'urban', $5, 50000, 0, $6, '', 'L1', $7, $8, 'x', $9, $10, $10) RETURNING id`,
		cityOf(county), county, township, number, false, d.date(date("2024-01-01")), d.date(date("2027-01-01")),
		string(status), imp, now).Scan(&hh))
	for i, st := range members {
		_, err := e.db.SQL().ExecContext(e.ctx, `INSERT INTO roll_members (roll_household_id, seq, name_enc, id_enc, id_index,
			gender, birth_date, relationship, labour_capacity, lives_together, status)
			VALUES ($1, $2, '', '', $3, 'male', $4, 'head', 'none', $5, $6)`,
			hh, i+1, fmt.Sprintf("%s-%s-%d", county, number, i), d.date(date("1970-01-01")), true, st)
		must(e.t, err)
	}
	return hh
}

// reverified records that a round of the county evaluated a roll
// household now, as RecheckCoverage counts it.
func (e *env) reverified(county string, household int64) {
	e.t.Helper()
	now, d := e.db.d.ts(e.clock.Now()), e.db.d
	var round int64
	must(e.t, e.db.SQL().QueryRowContext(e.ctx, `INSERT INTO recheck_rounds (scope_code, as_of, status, households, excluded,
		parts, parts_done, created_by, created_at) VALUES ($1, $2, 'finished', 1, 0, 1, 1, 'test', $3) RETURNING id`,
		county, d.date(today), now).Scan(&round))
	_, err := e.db.SQL().ExecContext(e.ctx, `INSERT INTO recheck_results (round_id, household_id, county_code, as_of, members,
		income_fen, per_capita_fen, standard_fen, vehicles, homes, businesses, employed, deceased, evaluated_at)
		VALUES ($1, $2, $3, $4, 2, 0, 0, 79000, 0, 0, 0, 0, 0, $5)`, round, household, county, d.date(today), now)
	must(e.t, err)
}

// dashboardFixture builds, in the first quarter of 2026 (the clock starts
// on 10 March):
//   - 西峰区: case A accepted, answered by its four departments on the
//     day, concluded 未发现异常, confirmed and reported; case B accepted
//     only; case C dispatched, answered by the police 15 days later
//     (due after 7) and by nobody else;
//   - 庆城县: case D accepted only;
//   - rolls: 西峰区 3 people on active households (a removed member and
//     an exited household do not count), 2 of them re-verified by a
//     round; 庆城县 2, none re-verified.
//
// It leaves the clock on 25 March.
func (e *env) dashboardFixture() (*xfix, *hedui.Application) {
	e.t.Helper()
	f := e.departments()
	p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
	a := e.decidedCase(f, p, "甲一", "甲二")
	e.issue(a.ID)
	e.accepted("乙一", "乙二")
	_, dc := e.dispatched("丙一", "丙二")
	d := e.sign(e.clerkQC, e.create(e.clerkQC, e.family("丁一", "丁二")), hedui.LetterElectronic)
	_, err := e.db.Transition(e.ctx, e.clerkQC, d.ID, hedui.ActSubmit, "")
	must(e.t, err)
	_, err = e.db.Transition(e.ctx, e.verQC, d.ID, hedui.ActAccept, "")
	must(e.t, err)
	e.reverified("621002", e.rawRollHousehold("621002", townBeijie, "XF-1", hedui.RollActive, "active", "active", "removed"))
	e.rawRollHousehold("621002", townXiaojin, "XF-2", hedui.RollActive, "active")
	e.rawRollHousehold("621002", townXiaojin, "XF-3", hedui.RollExited, "active", "active", "active")
	e.rawRollHousehold("621021", townQingc, "QC-1", hedui.RollActive, "active", "active")
	e.clock.Advance(15 * 24 * time.Hour)
	e.record(f.police, answersFor(queryTo(e.t, dc.Queries, f.police), 7))
	return f, a
}

// deptRow finds a department's figures by code.
func deptRow(t *testing.T, d *hedui.Dashboard, code string) (hedui.DeptFigures, bool) {
	t.Helper()
	for _, x := range d.Departments {
		if x.Code == code {
			return x, true
		}
	}
	return hedui.DeptFigures{}, false
}

func TestDashboardFigures(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.dashboardFixture()
		q1 := hedui.Quarter{Year: 2026, Q: 1}
		views := e.auditCount(hedui.AuditDashboardView)

		xf, err := e.db.Dashboard(e.ctx, e.verifier, "", q1)
		must(t, err)
		if xf.Region != "621002" || xf.Name != "西峰区" || xf.Level != hedui.LevelCounty || xf.AsOf != date("2026-03-25") ||
			xf.From != date("2026-01-01") || xf.To != date("2026-03-31") || xf.Targets.Sharing != 50 {
			t.Fatalf("header %+v", xf)
		}
		want := []hedui.RegionFigures{{Code: "621002", Name: "西峰区",
			NewVerified: hedui.Share{Count: 1, Of: 3}, Reverified: hedui.Share{Count: 2, Of: 3},
			Sharing: hedui.Share{Count: 4, Of: 4}, Conclusions: hedui.ConclusionCounts{Clear: 1}}}
		if fmt.Sprint(xf.Regions) != fmt.Sprint(want) {
			t.Errorf("西峰区 regions\n got %+v\nwant %+v", xf.Regions, want)
		}
		// The police answered A on the day and C after 15 days (late);
		// the other three still owe C, past its due date.
		wantDepts := map[string]hedui.DeptFigures{
			"621002-police":  {Answered: 2, AvgDays: 7.5, Late: 1},
			"621002-finance": {Answered: 1, Open: 1, Overdue: 1},
			"621002-hrss":    {Answered: 1, Open: 1, Overdue: 1},
			"621002-bank":    {Answered: 1, Open: 1, Overdue: 1},
			"621000-fund":    {},
		}
		if len(xf.Departments) != len(wantDepts) {
			t.Errorf("西峰区 sees %d departments, want %d: %+v", len(xf.Departments), len(wantDepts), xf.Departments)
		}
		for code, w := range wantDepts {
			got, ok := deptRow(t, xf, code)
			got.ID, got.Code, got.Name, got.Level, got.Division = 0, "", "", "", ""
			if !ok || got != w {
				t.Errorf("%s: got %+v (listed %v), want %+v", code, got, ok, w)
			}
		}
		if len(xf.Trend) != 12 || xf.Trend[0].Month != "2025-04" || xf.Trend[11] != (hedui.MonthFigures{
			Month: "2026-03", Accepted: 3, Reported: 1, Answered: 5, Late: 1}) {
			t.Errorf("trend %+v", xf.Trend)
		}
		for _, m := range xf.Trend[:11] {
			if m != (hedui.MonthFigures{Month: m.Month}) {
				t.Errorf("trend month %+v should be empty", m)
			}
		}

		// The city centre: the city first (its counties summed; its own
		// department counts among the member units), then each county.
		city, err := e.db.Dashboard(e.ctx, e.city, "", q1)
		must(t, err)
		wantCity := []hedui.RegionFigures{
			{Code: "621000", Name: "庆阳市", NewVerified: hedui.Share{Count: 1, Of: 4}, Reverified: hedui.Share{Count: 2, Of: 5},
				Sharing: hedui.Share{Count: 4, Of: 6}, Conclusions: hedui.ConclusionCounts{Clear: 1}},
			want[0],
			{Code: "621021", Name: "庆城县", NewVerified: hedui.Share{Of: 1}, Reverified: hedui.Share{Of: 2},
				Sharing: hedui.Share{Of: 1}},
		}
		if fmt.Sprint(city.Regions) != fmt.Sprint(wantCity) {
			t.Errorf("city regions\n got %+v\nwant %+v", city.Regions, wantCity)
		}
		if len(city.Departments) != 6 || city.Trend[11].Accepted != 4 {
			t.Errorf("city: %d departments, trend %+v", len(city.Departments), city.Trend[11])
		}
		// Admins and auditors read the same aggregates.
		for _, by := range []hedui.Actor{e.admin, e.auditor} {
			got, err := e.db.Dashboard(e.ctx, by, "", q1)
			must(t, err)
			if fmt.Sprint(got.Regions) != fmt.Sprint(wantCity) {
				t.Errorf("%s regions %+v", by.Role, got.Regions)
			}
		}
		// The city centre may open one county: the same as its own centre's.
		one, err := e.db.Dashboard(e.ctx, e.city, "621002", q1)
		must(t, err)
		if fmt.Sprint(one.Regions) != fmt.Sprint(xf.Regions) || fmt.Sprint(one.Departments) != fmt.Sprint(xf.Departments) {
			t.Errorf("city's view of 西峰区 differs:\n%+v\n%+v", one.Regions, xf.Regions)
		}

		// 庆城县 sees its own case and departments, nothing of 西峰区.
		qc, err := e.db.Dashboard(e.ctx, e.verQC, "", q1)
		must(t, err)
		if fmt.Sprint(qc.Regions) != fmt.Sprint(wantCity[2:]) || qc.Trend[11] != (hedui.MonthFigures{Month: "2026-03", Accepted: 1}) {
			t.Errorf("庆城县: %+v %+v", qc.Regions, qc.Trend[11])
		}
		for _, d := range qc.Departments {
			if d.Division == "621002" || d.Answered+d.Open != 0 {
				t.Errorf("庆城县 sees %+v", d)
			}
		}
		if len(qc.Departments) != 2 {
			t.Errorf("庆城县 departments %+v", qc.Departments)
		}
		if got := e.auditCount(hedui.AuditDashboardView); got != views+6 {
			t.Errorf("%d dashboard views audited, want %d", got-views, 6)
		}
	})
}

func TestDashboardHistory(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f, _ := e.dashboardFixture()
		// In April the finance office answers case C, late.
		e.clock.Advance(10 * 24 * time.Hour)
		var qid string
		must(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT id FROM queries WHERE department_id = $1 AND status <> 'answered'`,
			f.finance.ID).Scan(&qid))
		q, err := e.db.Query(e.ctx, e.verifier, qid)
		must(t, err)
		e.record(f.finance, answersFor(q, 9))

		// The first quarter, now over, still shows the backlog at its end.
		q1, err := e.db.Dashboard(e.ctx, e.verifier, "", hedui.Quarter{Year: 2026, Q: 1})
		must(t, err)
		fin, _ := deptRow(t, q1, "621002-finance")
		if q1.AsOf != date("2026-03-31") || fin.Answered != 1 || fin.Open != 1 || fin.Overdue != 1 || fin.Late != 0 {
			t.Errorf("Q1 after the fact: as of %s, finance %+v", q1.AsOf, fin)
		}
		q2, err := e.db.Dashboard(e.ctx, e.verifier, "", hedui.Quarter{Year: 2026, Q: 2})
		must(t, err)
		fin, _ = deptRow(t, q2, "621002-finance")
		if fin.Answered != 1 || fin.Late != 1 || fin.Open != 0 || fin.AvgDays != 25 {
			t.Errorf("Q2 finance %+v", fin)
		}
		// The re-verification was in the first quarter: none in the second.
		if r := q2.Regions[0]; r.NewVerified != (hedui.Share{}) || r.Conclusions.Total() != 0 ||
			r.Sharing != (hedui.Share{Count: 1, Of: 4}) || r.Reverified != (hedui.Share{Of: 3}) {
			t.Errorf("Q2 regions %+v", q2.Regions)
		}
		if m := q2.Trend[11]; m.Month != "2026-06" || q2.Trend[8].Month != "2026-03" || q2.Trend[9].Answered != 1 || q2.Trend[9].Late != 1 {
			t.Errorf("Q2 trend %+v", q2.Trend)
		}
		// Before any case: all zero, and the trend still has its months.
		q4, err := e.db.Dashboard(e.ctx, e.city, "", hedui.Quarter{Year: 2025, Q: 4})
		must(t, err)
		if q4.Regions[0].NewVerified.Of != 0 || q4.Regions[0].Conclusions.Total() != 0 || len(q4.Trend) != 12 || q4.Trend[11].Month != "2025-12" {
			t.Errorf("Q4 2025 %+v", q4)
		}
	})
}

func TestDashboardScope(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.departments()
		q1 := hedui.Quarter{Year: 2026, Q: 1}
		liaison := e.liaisonOf(e.createDept(dept("621021-bank", "人民银行庆城县支行", hedui.LevelCounty, "621021",
			hedui.ChannelManual, hedui.ItemBank)), "qcbank")
		cases := []struct {
			name   string
			by     hedui.Actor
			region string
			kind   hedui.Kind
		}{
			{"another county's verifier", e.verQC, "621002", hedui.KindPermission},
			{"a county verifier asking for the city", e.verifier, "621000", hedui.KindPermission},
			{"the city asking for a township", e.city, townBeijie, hedui.KindPermission},
			{"the city asking for another city", e.city, "621100", hedui.KindPermission},
			{"the city asking for the province", e.city, "620000", hedui.KindPermission},
			{"a clerk", e.clerk, "", hedui.KindPermission},
			{"a liaison", liaison, "", hedui.KindPermission},
			{"the system without a region", hedui.SystemActor("测试"), "", hedui.KindInvalid},
		}
		for _, c := range cases {
			_, err := e.db.Dashboard(e.ctx, c.by, c.region, q1)
			if !isKind(err, c.kind) {
				t.Errorf("%s: got %v, want %v", c.name, err, c.kind)
			}
		}
		if _, err := e.db.Dashboard(e.ctx, e.city, "", hedui.Quarter{Year: 2026, Q: 5}); !isKind(err, hedui.KindInvalid) {
			t.Errorf("quarter 5: %v", err)
		}
		if _, err := e.db.Dashboard(e.ctx, e.city, "", hedui.Quarter{Year: 2026, Q: 3}); !isKind(err, hedui.KindInvalid) {
			t.Errorf("a quarter not begun: %v", err)
		}
	})
}
