package sqlstore

import "hedui"

// testPolicy is a valid policy version of a county and hukou type,
// effective from the date given.
func testPolicy(county string, hukou hedui.HukouType, from string) hedui.Policy {
	return hedui.Policy{
		County: county, Hukou: hukou, EffectiveFrom: date(from), Name: county + hukou.Label() + "低保政策参数",
		StandardMonthlyFen: 79000, NearPoorBP: hedui.DefaultNearPoorBP, LookbackMonths: 6,
		ExcludedIncome:    []hedui.IncomeCategory{hedui.IncomeCompensation},
		Deductions:        []hedui.Deduction{{Basis: hedui.DeductWork, Label: "就业成本", ShareBP: 2000, MonthlyFen: 30000}},
		FinancialAssetsBP: 20000, HomesAllowed: 1, BusinessDisqualifies: true, ToleranceFen: 10000, ToleranceBP: 500,
		Tekun: hedui.TekunCriteria{MinAge: 60, ChildAge: 16, MaxDisabilityGrade: 2},
		Rules: []hedui.PolicyRule{{ID: "no_income", Name: "无收入需入户", Expr: "GrossIncomeFen == 0", Effect: hedui.EffectVisit}},
	}
}

// createPolicy stores p as the administrator and fails the test on error.
func (e *env) createPolicy(p hedui.Policy) hedui.Policy {
	e.t.Helper()
	out, err := e.db.CreatePolicy(e.ctx, e.admin, p)
	must(e.t, err)
	return out
}

// verified dispatches a two-person family of 北街 (urban) and answers
// every query of 西峰区's departments, so that the case is verified.
func (e *env) verified(f *xfix, head, spouse string) *hedui.Application {
	e.t.Helper()
	app, d := e.dispatched(head, spouse)
	for i, dep := range []hedui.Department{f.police, f.finance, f.hrss, f.bank} {
		e.record(dep, answersFor(queryTo(e.t, d.Queries, dep), int64(100*(i+1))))
	}
	if s := e.appStatus(app.ID); s != hedui.StatusVerified {
		e.t.Fatalf("status %s after every answer", s)
	}
	return app
}

// conclusionFor is a conclusion under p such as the rules would make,
// quoting the members by id; text is the first reason's text.
func conclusionFor(p hedui.Policy, app *hedui.Application, overall hedui.Overall, cat hedui.Category, text string) hedui.Conclusion {
	m := app.Members[0].ID
	c := hedui.Conclusion{
		PolicyID: p.ID, PolicyVersion: p.Version, AsOf: date("2026-03-01"), Overall: overall, Category: cat,
		Members: len(app.Members), Months: p.LookbackMonths, StandardFen: p.StandardMonthlyFen,
		Rows: []hedui.ComparisonRow{{MemberID: m, Item: hedui.ItemBank, Asset: hedui.AssetDeposit, Label: "银行存款",
			Flag: hedui.FlagUndeclared, FoundFen: 100, DiffFen: 100, CountedFen: 100,
			Evidence: []hedui.EvidenceRef{{AnswerID: 1, MemberID: m, Item: hedui.ItemBank}}}},
		Reasons: []hedui.Reason{{RuleID: "income", RuleVersion: p.Version, PolicyID: p.ID, Effect: hedui.EffectInfo, Text: text}},
	}
	if cat == hedui.CategoryDibao {
		c.BenefitFen = 50000
	}
	return c
}
