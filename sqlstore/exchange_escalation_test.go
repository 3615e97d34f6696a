package sqlstore

import (
	"slices"
	"testing"

	"hedui"
)

func TestMarkForCity(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.departments()
		app := e.accepted("张建国", "李秀英")
		draft := e.create(e.clerk, e.family("王小明", "赵丽"))
		for _, tc := range []struct {
			name   string
			by     hedui.Actor
			id     int64
			need   bool
			reason string
			want   hedui.Kind
		}{
			{"reason required", e.verifier, app.ID, true, " ", hedui.KindInvalid},
			{"clerk", e.clerk, app.ID, true, "有异地房产线索", hedui.KindPermission},
			{"city verifier", e.city, app.ID, true, "有异地房产线索", hedui.KindPermission},
			{"other county", e.verQC, app.ID, true, "有异地房产线索", hedui.KindNotFound},
			{"draft", e.verifier, draft.ID, true, "有异地房产线索", hedui.KindConflict},
		} {
			if err := e.db.MarkForCity(e.ctx, tc.by, tc.id, tc.need, tc.reason); !isKind(err, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			}
		}
		must(t, e.db.MarkForCity(e.ctx, e.verifier, app.ID, true, "有异地房产线索"))
		must(t, e.db.MarkForCity(e.ctx, e.verifier, app.ID, false, ""))
		_, err := e.db.Escalate(e.ctx, e.verifier, "621002", hedui.Quarter{Year: 2026, Q: 1})
		if hedui.CodeOf(err) != "nothing_to_escalate" {
			t.Fatalf("escalate with nothing flagged: %v", err)
		}
		if e.auditCount(hedui.AuditCityMark) != 2 || e.count("escalation_batches") != 0 {
			t.Fatal("marks not audited, or an empty batch stored")
		}
	})
}

// TestEscalation: the county flags cases and sends them up each quarter;
// the city centre queries city departments on them; the county sees the
// answers on its own case.
func TestEscalation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		app1, d1 := e.dispatched("张建国", "李秀英")
		app2 := e.accepted("王小明", "赵丽")
		app3, _ := e.dispatched("刘德华", "陈美玲")
		app4, _ := e.dispatched("周星驰", "吴孟达")
		q1 := hedui.Quarter{Year: 2026, Q: 1}
		otherCity := e.city
		otherCity.Division = "620100"
		for _, app := range []*hedui.Application{app1, app2} {
			must(t, e.db.MarkForCity(e.ctx, e.verifier, app.ID, true, "申报有市级公积金缴存"))
		}
		for _, tc := range []struct {
			name   string
			by     hedui.Actor
			county string
			q      hedui.Quarter
			want   hedui.Kind
		}{
			{"other county's verifier", e.verQC, "621002", q1, hedui.KindPermission},
			{"another city's verifier", otherCity, "621002", q1, hedui.KindPermission},
			{"bad quarter", e.verifier, "621002", hedui.Quarter{Year: 2026, Q: 5}, hedui.KindInvalid},
			{"nothing flagged", e.verQC, "621021", q1, hedui.KindInvalid},
			{"not a county", hedui.SystemActor("测试"), "621000", q1, hedui.KindInvalid},
		} {
			if _, err := e.db.Escalate(e.ctx, tc.by, tc.county, tc.q); !isKind(err, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			}
		}
		b, err := e.db.Escalate(e.ctx, e.verifier, "621002", q1)
		must(t, err)
		if b.ID == 0 || b.County != "621002" || b.Quarter != q1 || b.CreatedBy != "verifier" ||
			!slices.Equal(b.CaseIDs, []int64{app1.ID, app2.ID}) {
			t.Fatalf("batch %+v", b)
		}
		wantKind(t, e.db.MarkForCity(e.ctx, e.verifier, app1.ID, false, ""), hedui.KindConflict)
		must(t, e.db.MarkForCity(e.ctx, e.verifier, app3.ID, true, "疑似有证券账户"))
		b2, err := e.db.Escalate(e.ctx, e.verifier, "621002", q1)
		must(t, err)
		if b2.ID != b.ID || !slices.Equal(b2.CaseIDs, []int64{app1.ID, app2.ID, app3.ID}) {
			t.Fatalf("second escalation %+v", b2)
		}
		for _, tc := range []struct {
			by   hedui.Actor
			want int
		}{{e.verifier, 1}, {e.city, 1}, {e.verQC, 0}, {hedui.SystemActor("测试"), 1}} {
			bs, err := e.db.Batches(e.ctx, tc.by)
			must(t, err)
			if len(bs) != tc.want || (tc.want > 0 && len(bs[0].CaseIDs) != 3) {
				t.Errorf("%s sees %+v", tc.by.Username, bs)
			}
		}
		_, err = e.db.Batches(e.ctx, e.clerk)
		wantKind(t, err, hedui.KindPermission)

		// The city centre reads the escalated case and asks city departments.
		if _, err := e.db.Application(e.ctx, e.city, app1.ID); err != nil {
			t.Fatalf("city verifier reads the case: %v", err)
		}
		for _, tc := range []struct {
			name string
			id   int64
			code string
		}{
			{"accepted, not yet verified by the county", app2.ID, "illegal_transition"},
			{"not escalated", app4.ID, "not_escalated"},
		} {
			_, err := e.db.Dispatch(e.ctx, e.city, tc.id, hedui.LevelCity, fakeDue)
			if hedui.CodeOf(err) != tc.code {
				t.Errorf("%s: got %v, want %s", tc.name, err, tc.code)
			}
		}
		cd, err := e.db.Dispatch(e.ctx, e.city, app1.ID, hedui.LevelCity, fakeDue)
		must(t, err)
		if !cd.Created || len(cd.Queries) != 1 || cd.Queries[0].DepartmentID != f.cityFund.ID || len(cd.Queries[0].Subjects) != 2 {
			t.Fatalf("city dispatch %+v", cd)
		}
		if s := e.appStatus(app1.ID); s != hedui.StatusVerifying {
			t.Fatalf("status after city dispatch %q", s)
		}

		// Answers flow back into the county's case.
		rep := e.record(f.cityFund, answersFor(cd.Queries[0], 5))
		if rep.Recorded != 2 || len(rep.Completed) != 0 {
			t.Fatalf("city answers %+v", rep)
		}
		as, err := e.db.Answers(e.ctx, e.verifier, app1.ID)
		must(t, err)
		qs, err := e.db.Queries(e.ctx, e.verifier, app1.ID)
		must(t, err)
		if len(as) != 2 || as[0].DepartmentID != f.cityFund.ID || len(qs) != 5 {
			t.Fatalf("county sees %d answers, %d queries", len(as), len(qs))
		}
		// The county's departments answer last: the case is complete.
		for _, dep := range []hedui.Department{f.police, f.finance, f.hrss, f.bank} {
			rep = e.record(dep, answersFor(queryTo(t, d1.Queries, dep), 6))
		}
		if !slices.Equal(rep.Completed, []int64{app1.ID}) || e.appStatus(app1.ID) != hedui.StatusVerified {
			t.Fatalf("completion %+v, status %q", rep, e.appStatus(app1.ID))
		}
		rep2, err := e.db.VerifyAudit(e.ctx, e.auditor)
		must(t, err)
		if !rep2.OK() {
			t.Fatalf("audit chain %+v", rep2)
		}
	})
}

// TestEscalateByCity: the city centre pulls a county's flagged cases up on
// demand, for the counties of its city only; the batch and the audit name
// the city verifier.
func TestEscalateByCity(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.departments()
		app := e.accepted("张建国", "李秀英")
		must(t, e.db.MarkForCity(e.ctx, e.verifier, app.ID, true, "申报有市级公积金缴存"))
		q := hedui.Quarter{Year: 2026, Q: 2}
		otherCity := e.city
		otherCity.Division = "620100"
		for _, tc := range []struct {
			name   string
			by     hedui.Actor
			county string
			want   hedui.Kind
		}{
			{"another city's verifier", otherCity, "621002", hedui.KindPermission},
			{"a county of another city", e.city, "620102", hedui.KindPermission},
			{"the city itself", e.city, "621000", hedui.KindPermission},
			{"nothing flagged in the county", e.city, "621021", hedui.KindInvalid},
		} {
			if _, err := e.db.Escalate(e.ctx, tc.by, tc.county, q); !isKind(err, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			}
		}
		b, err := e.db.Escalate(e.ctx, e.city, "621002", q)
		must(t, err)
		if b.County != "621002" || b.CreatedBy != e.city.Username || !slices.Equal(b.CaseIDs, []int64{app.ID}) {
			t.Fatalf("batch %+v", b)
		}
		if got := e.lastEntry(); got.Action != hedui.AuditEscalate || got.Username != e.city.Username {
			t.Fatalf("audit %+v", got)
		}
		bs, err := e.db.Batches(e.ctx, e.verifier)
		must(t, err)
		if len(bs) != 1 || bs[0].ID != b.ID {
			t.Fatalf("the county sees %+v", bs)
		}
		for _, tc := range []struct {
			by   hedui.Actor
			want int
		}{{e.city, 1}, {e.verifier, 1}, {e.verQC, 0}} {
			page, err := e.db.Applications(e.ctx, tc.by, hedui.Filter{Batch: b.ID})
			must(t, err)
			if page.Total != tc.want || (tc.want == 1 && page.Items[0].ID != app.ID) {
				t.Errorf("%s lists the batch's cases as %+v", tc.by.Username, page)
			}
		}
	})
}
