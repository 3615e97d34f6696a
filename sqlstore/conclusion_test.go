package sqlstore

import (
	"reflect"
	"testing"

	"hedui"
)

func TestConclusionLifecycle(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		app := e.verified(f, "张建国", "李秀英")

		c1, err := e.db.SaveConclusion(e.ctx, e.verifier, app.ID, conclusionFor(p, app, hedui.OverallClear, hedui.CategoryDibao, "首次核对"))
		must(t, err)
		if c1.Version != 1 || c1.ID == 0 || c1.CreatedBy != "verifier" || e.appStatus(app.ID) != hedui.StatusConcluded {
			t.Fatalf("first conclusion %+v, status %s", c1, e.appStatus(app.ID))
		}
		got, err := e.db.Application(e.ctx, e.verifier, app.ID)
		must(t, err)
		last := got.History[len(got.History)-1]
		if last.Action != hedui.ActConclude || last.From != hedui.StatusVerified || last.To != hedui.StatusConcluded {
			t.Errorf("history ends with %+v", last)
		}
		transitions := len(got.History)

		// Evaluated again: a new version; the case stays concluded and
		// its history does not grow.
		c2, err := e.db.SaveConclusion(e.ctx, e.verifier, app.ID, conclusionFor(p, app, hedui.OverallVisit, hedui.CategoryNearPoor, "补充反馈后重新核对"))
		must(t, err)
		got, err = e.db.Application(e.ctx, e.verifier, app.ID)
		must(t, err)
		if c2.Version != 2 || got.Status != hedui.StatusConcluded || len(got.History) != transitions {
			t.Fatalf("second conclusion version %d, status %s, %d transitions (was %d)", c2.Version, got.Status, len(got.History), transitions)
		}
		list, err := e.db.Conclusions(e.ctx, e.clerk, app.ID)
		must(t, err)
		if len(list) != 2 || list[0].ID != c2.ID || list[1].ID != c1.ID || list[0].Decision != nil {
			t.Fatalf("conclusions %+v", list)
		}
		if !reflect.DeepEqual(list[1], c1) {
			t.Errorf("stored\n%+v\nsaved\n%+v", list[1], c1)
		}

		override := hedui.Decision{ConclusionID: c2.ID, Action: hedui.DecisionOverride, Overall: hedui.OverallClear,
			Category: hedui.CategoryDibao, BenefitFen: 30000}
		for _, tc := range []struct {
			name string
			d    hedui.Decision
			kind hedui.Kind
			code string
		}{
			{"stale conclusion", hedui.Decision{ConclusionID: c1.ID, Action: hedui.DecisionConfirm}, hedui.KindConflict, "stale_conclusion"},
			{"no conclusion named", hedui.Decision{Action: hedui.DecisionConfirm}, hedui.KindInvalid, "missing_conclusion"},
			{"override without reason", override, hedui.KindInvalid, "invalid_decision"},
			{"no action", hedui.Decision{ConclusionID: c2.ID}, hedui.KindInvalid, "invalid_decision"},
		} {
			_, err := e.db.Decide(e.ctx, e.verifier, app.ID, tc.d)
			if !isKind(err, tc.kind) || hedui.CodeOf(err) != tc.code {
				t.Errorf("%s: %v, want %v %s", tc.name, err, tc.kind, tc.code)
			}
		}
		if e.count("decisions") != 0 || e.appStatus(app.ID) != hedui.StatusConcluded {
			t.Fatal("a refused decision was stored")
		}
		override.Reason = "入户调查核实无存款"
		d, err := e.db.Decide(e.ctx, e.verifier, app.ID, override)
		must(t, err)
		if d.By != "verifier" || d.At.IsZero() || e.appStatus(app.ID) != hedui.StatusDecided {
			t.Fatalf("decision %+v, status %s", d, e.appStatus(app.ID))
		}
		list, err = e.db.Conclusions(e.ctx, e.verifier, app.ID)
		must(t, err)
		if list[0].Decision == nil || !reflect.DeepEqual(*list[0].Decision, d) || list[0].Overall != hedui.OverallVisit {
			t.Errorf("after deciding: %+v, decision %+v; want the conclusion unchanged beside %+v", list[0].Conclusion.Overall, list[0].Decision, d)
		}
		if _, err := e.db.Decide(e.ctx, e.verifier, app.ID, override); hedui.CodeOf(err) != "already_decided" || !isKind(err, hedui.KindConflict) {
			t.Errorf("second decision: %v", err)
		}
		if _, err := e.db.SaveConclusion(e.ctx, e.verifier, app.ID, conclusionFor(p, app, hedui.OverallClear, hedui.CategoryDibao, "x")); !isKind(err, hedui.KindConflict) {
			t.Errorf("concluding a decided case: %v", err)
		}
		if e.auditCount(hedui.AuditConclusionCreate) != 2 || e.auditCount(hedui.AuditDecisionCreate) != 1 {
			t.Errorf("audit: %d conclusions, %d decisions", e.auditCount(hedui.AuditConclusionCreate), e.auditCount(hedui.AuditDecisionCreate))
		}
		rep, err := e.db.VerifyAudit(e.ctx, e.auditor)
		must(t, err)
		if !rep.OK() {
			t.Fatalf("audit chain broken: %+v", rep.Break)
		}
	})
}

func TestDecideConfirm(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		app := e.verified(f, "张建国", "李秀英")
		incomplete, err := e.db.SaveConclusion(e.ctx, e.verifier, app.ID, conclusionFor(p, app, hedui.OverallIncomplete, "", "缺少反馈"))
		must(t, err)
		if _, err := e.db.Decide(e.ctx, e.verifier, app.ID, hedui.Decision{ConclusionID: incomplete.ID, Action: hedui.DecisionConfirm}); !isKind(err, hedui.KindInvalid) {
			t.Errorf("confirming an incomplete conclusion: %v", err)
		}
		c, err := e.db.SaveConclusion(e.ctx, e.verifier, app.ID, conclusionFor(p, app, hedui.OverallClear, hedui.CategoryDibao, "齐全"))
		must(t, err)
		d, err := e.db.Decide(e.ctx, e.verifier, app.ID, hedui.Decision{ConclusionID: c.ID, Action: hedui.DecisionConfirm})
		must(t, err)
		if d.Overall != hedui.OverallClear || d.Category != hedui.CategoryDibao || d.BenefitFen != c.BenefitFen {
			t.Errorf("a confirmation takes the conclusion's outcome: %+v", d)
		}
		var overall, category string
		must(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT overall, category FROM decisions WHERE conclusion_id = $1`, c.ID).Scan(&overall, &category))
		if overall != "clear" || category != "dibao" {
			t.Errorf("decision row %s %s", overall, category)
		}
	})
}

func TestSaveConclusionRefused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		rural := e.createPolicy(testPolicy("621002", hedui.HukouRural, "2026-01-01"))
		qc := e.createPolicy(testPolicy("621021", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		app := e.verified(f, "张建国", "李秀英")
		accepted := e.accepted("王大山", "赵小花")
		good := conclusionFor(p, app, hedui.OverallClear, hedui.CategoryDibao, "ok")
		for _, tc := range []struct {
			name  string
			by    hedui.Actor
			appID int64
			c     hedui.Conclusion
			kind  hedui.Kind
		}{
			{"other county's verifier", e.verQC, app.ID, good, hedui.KindNotFound},
			{"clerk", e.clerk, app.ID, good, hedui.KindPermission},
			{"admin", e.admin, app.ID, good, hedui.KindPermission},
			{"not verified yet", e.verifier, accepted.ID, conclusionFor(p, accepted, hedui.OverallClear, hedui.CategoryDibao, "x"), hedui.KindConflict},
			{"other county's policy", e.verifier, app.ID, conclusionFor(qc, app, hedui.OverallClear, hedui.CategoryDibao, "x"), hedui.KindInvalid},
			{"rural policy for an urban household", e.verifier, app.ID, conclusionFor(rural, app, hedui.OverallClear, hedui.CategoryDibao, "x"), hedui.KindInvalid},
			{"unknown overall", e.verifier, app.ID, func() hedui.Conclusion { c := good; c.Overall = "fine"; return c }(), hedui.KindInvalid},
			{"no policy", e.verifier, app.ID, func() hedui.Conclusion { c := good; c.PolicyID = 0; return c }(), hedui.KindInvalid},
		} {
			if _, err := e.db.SaveConclusion(e.ctx, tc.by, tc.appID, tc.c); !isKind(err, tc.kind) {
				t.Errorf("%s: %v, want %v", tc.name, err, tc.kind)
			}
		}
		if e.count("conclusions") != 0 || e.appStatus(app.ID) != hedui.StatusVerified {
			t.Fatal("a refused conclusion was stored")
		}
		// The city centre's verifier sees every county's cases.
		if _, err := e.db.SaveConclusion(e.ctx, e.city, app.ID, good); err != nil {
			t.Fatalf("city verifier: %v", err)
		}
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			kind hedui.Kind
		}{
			{"other county's verifier reads", e.verQC, hedui.KindNotFound},
			{"other county's clerk reads", e.clerkQC, hedui.KindNotFound},
			{"admin reads", e.admin, hedui.KindNotFound},
		} {
			if _, err := e.db.Conclusions(e.ctx, tc.by, app.ID); !isKind(err, tc.kind) {
				t.Errorf("%s: %v, want %v", tc.name, err, tc.kind)
			}
		}
		if _, err := e.db.Decide(e.ctx, e.verQC, app.ID, hedui.Decision{ConclusionID: 1, Action: hedui.DecisionConfirm}); !isKind(err, hedui.KindNotFound) {
			t.Errorf("other county's verifier decides: %v", err)
		}
	})
}

func TestCaseFile(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		app := e.verified(f, "张建国", "李秀英")
		cf, err := e.db.CaseFile(e.ctx, e.verifier, app.ID)
		must(t, err)
		if cf.ID != app.ID || cf.Number != app.Number || cf.Hukou != hedui.HukouUrban || cf.Region.County != "621002" ||
			cf.Status != hedui.StatusVerified {
			t.Errorf("case file header %+v", cf)
		}
		if len(cf.Members) != 2 || len(cf.Declaration.Incomes) != 1 || len(cf.Answers) == 0 || len(cf.Queries) != 4 {
			t.Fatalf("%d members, %d incomes, %d answers, %d queries", len(cf.Members), len(cf.Declaration.Incomes), len(cf.Answers), len(cf.Queries))
		}
		for _, m := range cf.Members {
			if m.Name != "" || m.IDNumber != "" || m.ID == 0 || m.BirthDate.IsZero() {
				t.Errorf("member %+v: want no name or ID number, and the rest", m)
			}
		}
		owed := 0
		for _, q := range cf.Queries {
			for _, s := range q.Subjects {
				if s.Name != "" || s.IDNumber != "" || s.MemberID == 0 || s.Ref == "" {
					t.Errorf("subject %+v", s)
				}
				owed += len(q.Items)
			}
		}
		if owed != len(cf.Answers) {
			t.Errorf("%d answers owed, %d answered", owed, len(cf.Answers))
		}
		if got := cf.AsOf(hedui.Today(start)); got != date("2026-03-01") {
			t.Errorf("as of %s, want the answers' 2026-03-01", got)
		}
		if e.lastEntry().Action != hedui.AuditCaseFileRead {
			t.Errorf("the read is not logged: %+v", e.lastEntry())
		}
		for _, by := range []hedui.Actor{e.verQC, e.clerk, e.admin} {
			if _, err := e.db.CaseFile(e.ctx, by, app.ID); err == nil {
				t.Errorf("%s reads the case file", by.Username)
			}
		}
	})
}

func TestDryRunInputs(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		a1 := e.verified(f, "张建国", "李秀英")
		a2 := e.verified(f, "王大山", "赵小花")
		_, err := e.db.SaveConclusion(e.ctx, e.verifier, a2.ID, conclusionFor(p, a2, hedui.OverallClear, hedui.CategoryDibao, "ok"))
		must(t, err)
		e.accepted("刘一", "陈二") // no answers: not tried
		for _, tc := range []struct {
			name   string
			by     hedui.Actor
			county string
			hukou  hedui.HukouType
			limit  int
			want   []int64 // nil: refused
		}{
			{"admin", e.admin, "621002", hedui.HukouUrban, 0, []int64{a2.ID, a1.ID}},
			{"admin, limit", e.admin, "621002", hedui.HukouUrban, 1, []int64{a2.ID}},
			{"admin, rural", e.admin, "621002", hedui.HukouRural, 0, []int64{}},
			{"county verifier", e.verifier, "621002", hedui.HukouUrban, 0, []int64{a2.ID, a1.ID}},
			{"city verifier", e.city, "621002", hedui.HukouUrban, 0, []int64{a2.ID, a1.ID}},
			{"other county's verifier", e.verQC, "621002", hedui.HukouUrban, 0, nil},
			{"auditor", e.auditor, "621002", hedui.HukouUrban, 0, nil},
			{"clerk", e.clerk, "621002", hedui.HukouUrban, 0, nil},
		} {
			before := e.auditCount(hedui.AuditPolicyDryRunRead)
			fs, err := e.db.DryRunInputs(e.ctx, tc.by, tc.county, tc.hukou, tc.limit)
			if tc.want == nil {
				if !isKind(err, hedui.KindPermission) {
					t.Errorf("%s: %d cases, %v; want refused", tc.name, len(fs), err)
				}
				continue
			}
			must(t, err)
			got := []int64{}
			for _, f := range fs {
				got = append(got, f.ID)
				if len(f.Answers) == 0 || len(f.Members) != 2 {
					t.Errorf("%s: case %d without answers or members", tc.name, f.ID)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s: cases %v, want %v", tc.name, got, tc.want)
			}
			if e.auditCount(hedui.AuditPolicyDryRunRead) != before+1 {
				t.Errorf("%s: the bulk read is not logged once", tc.name)
			}
		}
	})
}

// TestConclusionNoPlaintextAtRest: conclusions and decisions quote people
// in their texts; none of it is readable in the tables.
func TestConclusionNoPlaintextAtRest(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		app := e.verified(f, "欧阳建国", "司马秀英")
		head := app.Members[0]
		c := conclusionFor(p, app, hedui.OverallVisit, hedui.CategoryNearPoor, "欧阳建国（"+head.IDNumber+"）名下有未申报存款")
		sc, err := e.db.SaveConclusion(e.ctx, e.verifier, app.ID, c)
		must(t, err)
		_, err = e.db.Decide(e.ctx, e.verifier, app.ID, hedui.Decision{ConclusionID: sc.ID, Action: hedui.DecisionOverride,
			Overall: hedui.OverallClear, Category: hedui.CategoryDibao, BenefitFen: 1000, Reason: "经入户调查，司马秀英的存款为代管亲属款项"})
		must(t, err)
		_, err = e.db.DryRunInputs(e.ctx, e.admin, "621002", hedui.HukouUrban, 0)
		must(t, err)
		secrets := []string{"欧阳建国", "司马秀英", head.IDNumber, app.Members[1].IDNumber, "代管亲属款项"}
		if cells := e.assertNoPlaintext(secrets); cells < 600 {
			t.Fatalf("only %d cells read", cells)
		}
	})
}
