package hedui

import (
	"strings"
	"testing"
)

func validPolicy() Policy {
	d, _ := ParseDate("2026-01-01")
	return Policy{County: "621002", Hukou: HukouUrban, EffectiveFrom: d, Name: "测试", StandardMonthlyFen: 79000,
		NearPoorBP: DefaultNearPoorBP, LookbackMonths: 6, ExcludedIncome: []IncomeCategory{IncomeAssistance},
		Deductions:        []Deduction{{Basis: DeductWork, Label: "就业成本", ShareBP: 2000, MonthlyFen: 30000}},
		VehicleExemptions: []VehicleExemption{{Label: "残疾人专用车", Field: "车辆类型", Contains: "残疾人"}},
		Tekun:             TekunCriteria{MinAge: 60, ChildAge: 16, MaxDisabilityGrade: 2},
		Rules:             []PolicyRule{{ID: "r1", Name: "规则", Expr: "true", Effect: EffectVisit}}}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *Policy)
		field string // "" valid
	}{
		{"valid", func(p *Policy) {}, ""},
		{"county", func(p *Policy) { p.County = "62100" }, "county_code"},
		{"hukou", func(p *Policy) { p.Hukou = "town" }, "hukou_type"},
		{"no date", func(p *Policy) { p.EffectiveFrom = Date{} }, "effective_from"},
		{"no standard", func(p *Policy) { p.StandardMonthlyFen = 0 }, "standard_monthly_fen"},
		{"near-poor under 1×", func(p *Policy) { p.NearPoorBP = 9999 }, "near_poor_bp"},
		{"look-back 0", func(p *Policy) { p.LookbackMonths = 0 }, "lookback_months"},
		{"look-back 25", func(p *Policy) { p.LookbackMonths = 25 }, "lookback_months"},
		{"negative tolerance", func(p *Policy) { p.ToleranceBP = -1 }, "tolerance_fen"},
		{"unknown category", func(p *Policy) { p.ExcludedIncome = []IncomeCategory{"gift"} }, "excluded_income[0]"},
		{"work deduction without share", func(p *Policy) { p.Deductions[0].ShareBP = 0 }, "deductions[0]"},
		{"disability deduction without grade", func(p *Policy) {
			p.Deductions = append(p.Deductions, Deduction{Basis: DeductDisability, Label: "残疾", MonthlyFen: 100})
		}, "deductions[1]"},
		{"exemption without field", func(p *Policy) { p.VehicleExemptions[0].Field = "" }, "vehicle_exemptions[0]"},
		{"tekun age", func(p *Policy) { p.Tekun.MinAge = 0 }, "tekun"},
		{"rule id", func(p *Policy) { p.Rules[0].ID = "R-1" }, "rules[0].id"},
		{"rule twice", func(p *Policy) { p.Rules = append(p.Rules, p.Rules[0]) }, "rules[1].id"},
		{"rule effect", func(p *Policy) { p.Rules[0].Effect = EffectIncomplete }, "rules[0].effect"},
	}
	for _, tt := range tests {
		p := validPolicy()
		tt.edit(&p)
		err := p.Validate()
		var e *Error
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.field != "" && (err == nil || KindOf(err) != KindInvalid):
			t.Errorf("%s: %v, want KindInvalid", tt.name, err)
		case tt.field != "":
			e = err.(*Error)
			if e.Field != tt.field || e.Message == "" {
				t.Errorf("%s: field %q message %q, want field %q", tt.name, e.Field, e.Message, tt.field)
			}
		}
	}
}

func TestNearPoorLine(t *testing.T) {
	p := validPolicy()
	for _, tt := range []struct {
		std  Fen
		bp   int
		want Fen
	}{{60000, 15000, 90000}, {79000, 15000, 118500}, {47001, 15000, 70502}, {47000, 13333, 62665}} {
		p.StandardMonthlyFen, p.NearPoorBP = tt.std, tt.bp
		if got := p.NearPoorLineFen(); got != tt.want {
			t.Errorf("%d × %d bp = %d, want %d", tt.std, tt.bp, got, tt.want)
		}
	}
	if !p.Excludes(IncomeAssistance) || p.Excludes(IncomeWage) {
		t.Error("Excludes")
	}
}

func TestDecisionValidate(t *testing.T) {
	c := &Conclusion{Overall: OverallVisit, Category: CategoryDibao, BenefitFen: 30000}
	incomplete := &Conclusion{Overall: OverallIncomplete}
	tests := []struct {
		name string
		d    Decision
		c    *Conclusion
		want string // "" valid; else the field
	}{
		{"confirm", Decision{Action: DecisionConfirm}, c, ""},
		{"confirm incomplete", Decision{Action: DecisionConfirm}, incomplete, "action"},
		{"no action", Decision{}, c, "action"},
		{"override", Decision{Action: DecisionOverride, Overall: OverallClear, Category: CategoryDibao, BenefitFen: 30000,
			Reason: "入户调查确认车辆已报废"}, c, ""},
		{"override without reason", Decision{Action: DecisionOverride, Overall: OverallClear, Category: CategoryDibao}, c, "reason"},
		{"override without category", Decision{Action: DecisionOverride, Overall: OverallClear, Reason: "入户调查属实"}, c, "category"},
		{"benefit outside 低保", Decision{Action: DecisionOverride, Overall: OverallClear, Category: CategoryNearPoor,
			BenefitFen: 100, Reason: "入户调查属实"}, c, "benefit_fen"},
		{"override to the same", Decision{Action: DecisionOverride, Overall: OverallVisit, Category: CategoryDibao,
			BenefitFen: 30000, Reason: "入户调查属实"}, c, "category"},
		{"override incomplete", Decision{Action: DecisionOverride, Overall: OverallExceeds, Category: CategoryNone,
			Reason: "申请人拒绝配合核查"}, incomplete, ""},
	}
	for _, tt := range tests {
		err := tt.d.Validate(tt.c)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || err.(*Error).Field != tt.want):
			t.Errorf("%s: %v, want an error on %s", tt.name, err, tt.want)
		}
	}
}

func TestConclusionLabels(t *testing.T) {
	for _, s := range []string{OverallClear.Label(), OverallVisit.Label(), OverallExceeds.Label(), OverallIncomplete.Label(),
		CategoryDibao.Label(), CategoryNearPoor.Label(), CategoryTekun.Label(), CategoryNone.Label(), Category("").Label(),
		FlagMatch.Label(), FlagMismatch.Label(), FlagUndeclared.Label(), FlagNotFound.Label(), FlagNoAnswer.Label(),
		FlagNotChecked.Label(), EffectExclude.Label()} {
		if s == "" || strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("label %q is not Chinese", s)
		}
	}
}
