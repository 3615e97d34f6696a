package sqlstore

import (
	"strings"
	"testing"
	"time"

	"hedui"
)

func TestObjectionWindowClosed(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		xifeng := e.agencyAt("agency", "西峰区民政局低保中心", "621002")
		app := e.decidedCase(f, p, "马春生", "杨秀兰")
		r := e.issue(app.ID) // 2026-03-10: the window ends on 03-15
		in := hedui.ObjectionInput{Departments: []int64{f.bank.ID}, Reason: "家庭称存款为代管他人款项"}
		e.clock.Advance(6 * 24 * time.Hour)
		_, err := e.db.Object(e.ctx, xifeng, app.ID, in)
		wantCode(t, err, hedui.KindConflict, "objection_window_closed")
		if msg := hedui.MessageOf(err); !strings.Contains(msg, "已超过异议期限") || !strings.Contains(msg, "2026-03-15") ||
			!strings.Contains(msg, r.Number) {
			t.Errorf("message %q", msg)
		}
		if e.appStatus(app.ID) != hedui.StatusReported || e.count("objections") != 0 {
			t.Fatal("a late objection changed the case")
		}
	})
}

func TestObjectionRecheck(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		xifeng := e.agencyAt("agency", "西峰区民政局低保中心", "621002")
		qingc := e.agencyAt("agencyqc", "庆城县民政局低保中心", "621021")
		app := e.decidedCase(f, p, "何志强", "吴春燕")
		r1 := e.issue(app.ID)
		e.clock.Advance(5 * 24 * time.Hour) // the last day of the window

		in := hedui.ObjectionInput{Departments: []int64{f.police.ID, f.police.ID}, Reason: "家庭称名下车辆已于去年报废", Objector: hedui.ObjectorFamily}
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			in   hedui.ObjectionInput
			kind hedui.Kind
			code string
		}{
			{"verifier", e.verifier, in, hedui.KindPermission, "agency_only"},
			{"other county", qingc, in, hedui.KindNotFound, "application_not_found"},
			{"no department", xifeng, hedui.ObjectionInput{Reason: in.Reason}, hedui.KindInvalid, "departments_required"},
			{"no reason", xifeng, hedui.ObjectionInput{Departments: in.Departments, Reason: "不服"}, hedui.KindInvalid, "reason_required"},
			{"not asked", xifeng, hedui.ObjectionInput{Departments: []int64{f.qcPolice.ID}, Reason: in.Reason}, hedui.KindInvalid, "department_not_asked"},
			{"city", xifeng, hedui.ObjectionInput{Departments: []int64{f.cityFund.ID}, Reason: in.Reason}, hedui.KindInvalid, "department_not_asked"},
		} {
			_, err := e.db.Object(e.ctx, tc.by, app.ID, tc.in)
			if !isKind(err, tc.kind) || hedui.CodeOf(err) != tc.code {
				t.Fatalf("%s: %v, want %v %s", tc.name, err, tc.kind, tc.code)
			}
		}
		o, err := e.db.Object(e.ctx, xifeng, app.ID, in)
		must(t, err)
		if o.RecheckID == 0 || o.ReportID != r1.ID || len(o.Departments) != 1 || o.DepartmentNames[0] != "西峰区公安局" ||
			o.Objector != hedui.ObjectorFamily || o.WindowEnds.String() != "2026-03-15" {
			t.Fatalf("objection %+v", o)
		}
		if e.appStatus(app.ID) != hedui.StatusObjected {
			t.Fatalf("objected case is %s", e.appStatus(app.ID))
		}
		re, err := e.db.Application(e.ctx, e.verifier, o.RecheckID)
		must(t, err)
		if re.Kind != hedui.KindObjection || re.Status != hedui.StatusAccepted || re.Household.ID != app.Household.ID ||
			len(re.Members) != 2 || len(re.Declaration.Incomes) != 1 || re.Number != o.RecheckNumber {
			t.Fatalf("re-check %+v", re)
		}
		// The household's members moved to the re-check.
		var n int
		must(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT COUNT(*) FROM active_persons WHERE application_id = $1`, o.RecheckID).Scan(&n))
		if n != 2 {
			t.Fatalf("%d active persons on the re-check", n)
		}
		_, err = e.db.Object(e.ctx, xifeng, app.ID, in)
		wantKind(t, err, hedui.KindConflict)
		_, err = e.db.AgencyDecide(e.ctx, xifeng, app.ID, hedui.AgencyDecisionInput{Decision: hedui.AgencyApprove})
		wantCode(t, err, hedui.KindConflict, "objection_pending")

		// The centre dispatches the re-check: only the named department.
		d, err := e.db.Dispatch(e.ctx, e.verifier, o.RecheckID, hedui.LevelCounty, fakeDue)
		must(t, err)
		if len(d.Queries) != 1 || d.Queries[0].DepartmentID != f.police.ID {
			t.Fatalf("re-check queries %+v", d.Queries)
		}
		e.record(f.police, answersFor(d.Queries[0], 7, hedui.ItemVehicle))
		if s := e.appStatus(o.RecheckID); s != hedui.StatusVerified {
			t.Fatalf("re-check %s after the police answered", s)
		}
		// Its case file has the police's new answers and the others' old ones.
		cf, err := e.db.CaseFile(e.ctx, e.verifier, o.RecheckID)
		must(t, err)
		depts := map[int64]int{}
		for _, a := range cf.Answers {
			depts[a.DepartmentID]++
		}
		if len(cf.Queries) != 4 || len(depts) != 4 || cf.Queries[0].ApplicationID != o.RecheckID {
			t.Fatalf("re-check case file: %d queries, answers by department %v", len(cf.Queries), depts)
		}
		for _, q := range cf.Queries {
			if q.DepartmentID == f.police.ID && q.ApplicationID != o.RecheckID {
				t.Errorf("the police's old query %s is in the re-check's file", q.ID)
			}
			if len(q.Subjects) == 0 {
				t.Errorf("query %s without subjects", q.ID)
			}
		}

		// Decided and reported: a new version of the original's report.
		e.decide(p, re, hedui.CategoryNearPoor)
		dr, err := e.db.PrepareReport(e.ctx, e.verifier, o.RecheckID)
		must(t, err)
		if len(dr.Queries) != 4 || dr.Slot.Chain != app.ID || dr.Slot.Version != 2 || dr.Slot.Replaces != r1.ID {
			t.Fatalf("re-check draft: %d queries, slot %+v", len(dr.Queries), dr.Slot)
		}
		r2, err := e.db.IssueReport(e.ctx, e.verifier, o.RecheckID, rendered(&dr))
		must(t, err)
		if r2.ApplicationID != o.RecheckID || r2.Chain != app.ID || r2.Version != 2 || r2.Replaces != r1.ID ||
			r2.Content.Kind != hedui.KindObjection || !strings.Contains(r2.Content.Replaces, r1.Number) {
			t.Fatalf("re-check report %+v", r2)
		}
		for _, id := range []int64{app.ID, o.RecheckID} {
			list, err := e.db.Reports(e.ctx, xifeng, id)
			must(t, err)
			if len(list) != 2 || list[0].ID != r2.ID || list[1].ID != r1.ID || list[1].Current {
				t.Fatalf("chain of %d: %+v", id, list)
			}
		}
		c, err := e.db.VerifyReport(e.ctx, hedui.PublicActor("198.51.100.1"), r1.Code)
		must(t, err)
		if !c.Authentic || c.Current || c.CurrentVersion != 2 {
			t.Fatalf("the objected report: %+v", c)
		}

		// The agency decides on the re-check: both cases close and the
		// household is free.
		_, err = e.db.AgencyDecide(e.ctx, xifeng, o.RecheckID, hedui.AgencyDecisionInput{Decision: hedui.AgencyApprove, Note: "复查后按低保边缘认定"})
		must(t, err)
		if e.appStatus(o.RecheckID) != hedui.StatusClosed || e.appStatus(app.ID) != hedui.StatusClosed {
			t.Fatalf("after deciding: re-check %s, original %s", e.appStatus(o.RecheckID), e.appStatus(app.ID))
		}
		if e.count("active_persons") != 0 {
			t.Errorf("%d active persons after closing", e.count("active_persons"))
		}
		if e.auditCount(hedui.AuditObjection) != 1 {
			t.Errorf("%d objection entries", e.auditCount(hedui.AuditObjection))
		}
		e.assertNoPlaintext([]string{"何志强", "吴春燕", "车辆已于去年报废"})
	})
}
