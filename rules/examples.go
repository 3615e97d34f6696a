package rules

import (
	"time"

	"hedui"
)

// exampleCounty holds the example standards of one county: urban monthly
// and rural yearly, in yuan, as such standards are published.
type exampleCounty struct {
	code, name   string
	urbanMonthly int64
	ruralYearly  int64
}

// The eight counties and districts of 庆阳市. The amounts are examples in
// the range of the province's recent standards, not the published ones.
var exampleCounties = []exampleCounty{
	{"621002", "西峰区", 790, 6000},
	{"621021", "庆城县", 760, 5760},
	{"621022", "环县", 750, 5640},
	{"621023", "华池县", 750, 5640},
	{"621024", "合水县", 760, 5640},
	{"621025", "正宁县", 750, 5640},
	{"621026", "宁县", 760, 5760},
	{"621027", "镇原县", 750, 5640},
}

// ExamplePolicies are the demo's policies: one for each of the eight
// counties of 庆阳市, urban and rural, effective 2026-01-01, version 1.
// Every one is labelled an example (Example, and 示例 in its name): the
// values are plausible, not official.
func ExamplePolicies() []hedui.Policy {
	out := make([]hedui.Policy, 0, 2*len(exampleCounties))
	for _, c := range exampleCounties {
		for _, h := range []hedui.HukouType{hedui.HukouUrban, hedui.HukouRural} {
			out = append(out, examplePolicy(c, h))
		}
	}
	return out
}

func examplePolicy(c exampleCounty, h hedui.HukouType) hedui.Policy {
	p := hedui.Policy{
		County: c.code, Hukou: h, Version: 1, Example: true,
		EffectiveFrom: hedui.Date{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		Name:          "庆阳市" + c.name + h.Label() + "低保政策参数（示例）",
		Note:          "示例数据：金额和条件为演示用的合理取值，不是正式公布的标准",
		CreatedBy:     "示例数据",
		CreatedAt:     time.Date(2025, 12, 1, 9, 0, 0, 0, hedui.CST),

		NearPoorBP:     hedui.DefaultNearPoorBP,
		LookbackMonths: 6,
		ExcludedIncome: []hedui.IncomeCategory{hedui.IncomeCompensation, hedui.IncomeFamilyPlan,
			hedui.IncomeScholarship, hedui.IncomeReward, hedui.IncomeAssistance},
		Deductions: []hedui.Deduction{
			{Basis: hedui.DeductDisability, Label: "重度残疾人增支（示例）", MonthlyFen: 10000, MaxGrade: 2},
			{Basis: hedui.DeductWork, Label: "就业成本（示例）", ShareBP: 2000, MonthlyFen: 30000},
		},
		FinancialAssetsBP: 20000,
		VehiclesAllowed:   0,
		VehicleExemptions: []hedui.VehicleExemption{
			{Label: "残疾人专用车", Field: "车辆类型", Contains: "残疾人"},
			{Label: "农用运输车", Field: "使用性质", Contains: "农用"},
		},
		HomesAllowed:              1,
		BusinessDisqualifies:      true,
		PublicPayrollDisqualifies: true,
		ToleranceFen:              10000,
		ToleranceBP:               500,
		AreaToleranceM2x100:       500,
		Tekun:                     hedui.TekunCriteria{MinAge: 60, ChildAge: 16, MaxDisabilityGrade: 2, LabourNone: true},
		Rules: []hedui.PolicyRule{{
			ID:     "able_no_income",
			Name:   "示例规则：家中有劳动能力的成年成员，但全家没有任何计入收入，需入户核实就业情况",
			Expr:   `CountedIncomeFen == 0 && any(Members, .Counted && .Age >= 18 && .Age < 60 && .Labour == "full")`,
			Effect: hedui.EffectVisit,
		}},
	}
	if h == hedui.HukouUrban {
		p.StandardMonthlyFen = hedui.Fen(c.urbanMonthly * 100)
		p.HomeAreaPerCapitaM2x100 = 6000
	} else {
		p.StandardMonthlyFen = hedui.Fen(c.ruralYearly * 100 / 12)
	}
	return p
}
