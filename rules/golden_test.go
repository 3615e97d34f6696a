package rules

import (
	"slices"
	"strings"
	"testing"

	"hedui"
)

// golden is one hand-computed household. The test policy (testPolicy):
// standard S = 600.00 yuan/month, near-poor line 1.5 × S = 900.00, six
// months (2025-09 … 2026-02), tolerance 100.00 yuan or 5 % of the larger
// amount, financial assets ≤ 2 × 12 × S = 14 400.00 yuan per member, no
// vehicle except a disability vehicle, one home of at most 50 m² per
// member, no business, nobody on the public payroll; assistance,
// compensation, family planning, scholarships and rewards not counted.
// Per-capita = counted ÷ 6 ÷ members, rounded half up to the fen; 低保 when
// it is strictly below S; benefit = (S − per-capita) × members.
type golden struct {
	name     string
	policy   func(p *hedui.Policy)
	build    func() *fixture
	overall  hedui.Overall
	category hedui.Category
	benefit  hedui.Fen
	perCap   hedui.Fen
	counted  hedui.Fen
	members  int
	// reasons: "rule:effect". Every adverse reason (not info) must be
	// listed; listed info reasons must be present.
	reasons []string
	flags   []wantFlag
}

type wantFlag struct {
	member int64
	label  string
	flag   hedui.ItemFlag
}

const (
	head   = hedui.RelHead
	spouse = hedui.RelSpouse
	child  = hedui.RelChild
	parent = hedui.RelParent
)

var goldens = []golden{
	{
		// Nothing declared, nothing found: 0 ÷ 6 ÷ 1 = 0.00 < 600.00.
		// Benefit (60000 − 0) × 1 = 60000.
		name:    "single person without income",
		build:   func() *fixture { return household(person(1, head, 45)) },
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, perCap: 0, counted: 0, members: 1,
		reasons: []string{"income_standard:info", "benefit:info", "financial_assets:info"},
	},
	{
		// Wage declared 3000.00, tax withholding 500.00 × 6 = 3000.00: 一致.
		// 300000 ÷ 6 ÷ 2 = 25000. Benefit (60000 − 25000) × 2 = 70000.
		name: "wage below the standard",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, child, 10)).
				income(1, hedui.IncomeWage, 300000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 50000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 70000, perCap: 25000, counted: 300000, members: 2,
		flags: []wantFlag{{1, "工资性收入", hedui.FlagMatch}},
	},
	{
		// 600.00 × 6 = 360000; 360000 ÷ 6 ÷ 1 = 60000 = S: not below (strict),
		// below 90000: 低保边缘, no benefit.
		name: "per capita exactly at the standard",
		build: func() *fixture {
			return household(person(1, head, 45)).
				income(1, hedui.IncomeWage, 360000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 60000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryNearPoor, perCap: 60000, counted: 360000, members: 1,
		reasons: []string{"income_standard:info"},
	},
	{
		// 599.99 × 6 = 359994; ÷ 6 = 59999 < 60000. Benefit 1 × 1 = 1 fen.
		name: "one fen under the standard",
		build: func() *fixture {
			return household(person(1, head, 45)).
				income(1, hedui.IncomeWage, 359994).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 59999)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 1, perCap: 59999, counted: 359994, members: 1,
	},
	{
		// 600.01 × 6 = 360006; ÷ 6 = 60001 ≥ 60000, < 90000: 低保边缘.
		name: "one fen over the standard",
		build: func() *fixture {
			return household(person(1, head, 45)).
				income(1, hedui.IncomeWage, 360006).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 60001)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryNearPoor, perCap: 60001, counted: 360006, members: 1,
	},
	{
		// 1199.99 × 6 = 719994; ÷ 12 = 59999.5, rounded half up to 60000:
		// the printed figure equals S, so not 低保.
		name: "half a fen rounds up to the standard",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).
				income(1, hedui.IncomeWage, 719994).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 119999)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryNearPoor, perCap: 60000, counted: 719994, members: 2,
	},
	{
		// Declared and found 719993 (monthly 119998.83 is not a fen amount,
		// so five months of 119999 and one of 119998): ÷ 12 = 59999.42 →
		// 59999. Benefit (60000 − 59999) × 2 = 2.
		name: "under half a fen rounds down",
		build: func() *fixture {
			recs := monthly(hedui.RecordWageIncome, 119999)
			recs[5].AmountFen = 119998
			return household(person(1, head, 45), person(2, spouse, 44)).
				income(1, hedui.IncomeWage, 719993).found(1, hedui.ItemTax, recs...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 2, perCap: 59999, counted: 719993, members: 2,
	},
	{
		// 900.00 × 6 = 540000; ÷ 6 = 90000 = 1.5 × S: not below the
		// near-poor line either: 超标不符合.
		name: "per capita exactly at the near-poor line",
		build: func() *fixture {
			return household(person(1, head, 45)).
				income(1, hedui.IncomeWage, 540000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 90000)...)
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, perCap: 90000, counted: 540000, members: 1,
		reasons: []string{"income_standard:exclude"},
	},
	{
		// 899.99 × 6 = 539994; ÷ 6 = 89999 < 90000: 低保边缘.
		name: "one fen under the near-poor line",
		build: func() *fixture {
			return household(person(1, head, 45)).
				income(1, hedui.IncomeWage, 539994).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 89999)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryNearPoor, perCap: 89999, counted: 539994, members: 1,
	},
	{
		// Wage 2400.00 (400.00 × 6 found); 低保金 received 1800.00 (300.00 × 6
		// found); 优待抚恤金 600.00 declared (no department: 未核查).
		// Gross 240000 + 180000 + 60000 = 480000, excluded 240000,
		// counted 240000; ÷ 12 = 20000. Benefit (60000 − 20000) × 2 = 80000.
		name: "excluded incomes",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, child, 12)).
				income(1, hedui.IncomeWage, 240000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 40000)...).
				income(1, hedui.IncomeAssistance, 180000).found(1, hedui.ItemAssistance, monthly(hedui.RecordDibao, 30000)...).
				income(1, hedui.IncomeCompensation, 60000)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 80000, perCap: 20000, counted: 240000, members: 2,
		reasons: []string{"income_excluded:info"},
		flags:   []wantFlag{{1, "政府救助金", hedui.FlagMatch}, {1, "优待抚恤金", hedui.FlagNotChecked}},
	},
	{
		// Nothing declared; tax withholding 1000.00 × 6 = 600000: 未申报但查到
		// beyond tolerance, found counts. 600000 ÷ 6 = 100000 ≥ 90000.
		name: "undeclared wage over the near-poor line",
		build: func() *fixture {
			return household(person(1, head, 45)).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 100000)...)
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, perCap: 100000, counted: 600000, members: 1,
		reasons: []string{"discrepancy:visit", "income_standard:exclude"},
		flags:   []wantFlag{{1, "工资性收入", hedui.FlagUndeclared}},
	},
	{
		// Pension 15.00 × 6 = 9000 found, nothing declared: 9000 ≤ 10000
		// absolute tolerance → 一致; the declared 0 counts. Benefit 60000.
		name: "undeclared pension within the absolute tolerance",
		build: func() *fixture {
			return household(person(1, head, 45)).found(1, hedui.ItemSocialInsurance, monthly(hedui.RecordPension, 1500)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, perCap: 0, counted: 0, members: 1,
		flags: []wantFlag{{1, "养老金", hedui.FlagMatch}},
	},
	{
		// Declared 1200.00, found 300.00 × 6 = 1800.00: difference 600.00 >
		// 100.00 and > 5 % × 1800.00 = 90.00 → 不一致, found counts:
		// 180000 ÷ 6 = 30000 < S: 低保 but 疑似: benefit (60000 − 30000) = 30000.
		name: "understated wage still under the standard",
		build: func() *fixture {
			return household(person(1, head, 45)).
				income(1, hedui.IncomeWage, 120000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 30000)...)
		},
		overall: hedui.OverallVisit, category: hedui.CategoryDibao, benefit: 30000, perCap: 30000, counted: 180000, members: 1,
		reasons: []string{"discrepancy:visit"},
		flags:   []wantFlag{{1, "工资性收入", hedui.FlagMismatch}},
	},
	{
		// Declared 3000.00, found 525.00 × 6 = 3150.00: difference 150.00 >
		// 100.00 but ≤ 5 % × 3150.00 = 157.50 → 一致; declared counts:
		// 300000 ÷ 12 = 25000; benefit 35000 × 2 = 70000.
		name: "difference within the relative tolerance",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, child, 10)).
				income(1, hedui.IncomeWage, 300000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 52500)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 70000, perCap: 25000, counted: 300000, members: 2,
		flags: []wantFlag{{1, "工资性收入", hedui.FlagMatch}},
	},
	{
		// Found 3000.00, declared 2850.00: difference 15000 × 10000 =
		// 150000000 = 500 × 300000: exactly at 5 % → 一致, declared counts:
		// 285000 ÷ 12 = 23750; benefit (60000 − 23750) × 2 = 72500.
		name: "difference exactly at the relative tolerance",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, child, 10)).
				income(1, hedui.IncomeWage, 285000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 50000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 72500, perCap: 23750, counted: 285000, members: 2,
		flags: []wantFlag{{1, "工资性收入", hedui.FlagMatch}},
	},
	{
		// Declared 2849.99: difference 15001 × 10000 > 500 × 300000 → 不一致;
		// found counts: 300000 ÷ 12 = 25000; benefit 70000; 疑似.
		name: "difference one fen beyond the relative tolerance",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, child, 10)).
				income(1, hedui.IncomeWage, 284999).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 50000)...)
		},
		overall: hedui.OverallVisit, category: hedui.CategoryDibao, benefit: 70000, perCap: 25000, counted: 300000, members: 2,
		reasons: []string{"discrepancy:visit"},
		flags:   []wantFlag{{1, "工资性收入", hedui.FlagMismatch}},
	},
	{
		// Deposit of exactly 100.00 found, none declared: at the absolute
		// tolerance → 一致. Benefit 60000.
		name:    "undeclared deposit at the absolute tolerance",
		build:   func() *fixture { return household(person(1, head, 45)).found(1, hedui.ItemBank, deposit(10000)) },
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		flags: []wantFlag{{1, "银行存款", hedui.FlagMatch}},
	},
	{
		// 100.01 found, none declared: beyond → 未申报但查到, 疑似; 10001 is
		// far under the limit 1440000. Benefit 60000.
		name:    "undeclared deposit one fen beyond the absolute tolerance",
		build:   func() *fixture { return household(person(1, head, 45)).found(1, hedui.ItemBank, deposit(10001)) },
		overall: hedui.OverallVisit, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		reasons: []string{"discrepancy:visit"},
		flags:   []wantFlag{{1, "银行存款", hedui.FlagUndeclared}},
	},
	{
		// Limit 60000 × 12 × 2 × 1 = 1440000; deposits 1440000: not over.
		name: "financial assets exactly at the limit",
		build: func() *fixture {
			return household(person(1, head, 45)).asset(1, hedui.AssetDeposit, 1440000, 0, 0).found(1, hedui.ItemBank, deposit(1440000))
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		reasons: []string{"financial_assets:info"},
	},
	{
		// 1440001 > 1440000: 超标不符合.
		name: "financial assets one fen over the limit",
		build: func() *fixture {
			return household(person(1, head, 45)).asset(1, hedui.AssetDeposit, 1440001, 0, 0).found(1, hedui.ItemBank, deposit(1440001))
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 1,
		reasons: []string{"financial_assets:exclude"},
	},
	{
		// Two members: limit 2880000; deposit 2000000 + securities 880001 =
		// 2880001 > limit.
		name: "deposits and securities together over the limit",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).
				asset(1, hedui.AssetDeposit, 2000000, 0, 0).found(1, hedui.ItemBank, deposit(2000000)).
				asset(2, hedui.AssetSecurities, 880001, 0, 0).found(2, hedui.ItemSecurities, hedui.Record{Kind: hedui.RecordStock, AmountFen: 880001})
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 2,
		reasons: []string{"financial_assets:exclude"},
	},
	{
		// Deposit 1000000 + housing fund 1000000; the fund is not a
		// financial asset under this policy: 1000000 ≤ 1440000.
		name: "housing fund not counted",
		build: func() *fixture {
			return household(person(1, head, 45)).
				asset(1, hedui.AssetDeposit, 1000000, 0, 0).found(1, hedui.ItemBank, deposit(1000000)).
				asset(1, hedui.AssetHousingFund, 1000000, 0, 0).found(1, hedui.ItemHousingFund, hedui.Record{Kind: hedui.RecordFundAccount, AmountFen: 1000000})
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
	},
	{
		// A car registered, none declared: 1 vehicle > 0 allowed.
		name: "hidden car",
		build: func() *fixture {
			return household(person(1, head, 45)).found(1, hedui.ItemVehicle, car("车辆类型", "小型普通客车"))
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 1,
		reasons: []string{"discrepancy:visit", "vehicles:exclude"},
		flags:   []wantFlag{{1, "机动车辆", hedui.FlagUndeclared}},
	},
	{
		// Declared and registered: one 残疾人专用 vehicle, exempt: 0 vehicles
		// count. Benefit 60000.
		name: "disability vehicle exempt",
		build: func() *fixture {
			return household(person(1, head, 45, disabled(3))).asset(1, hedui.AssetVehicle, 3000000, 1, 0).
				found(1, hedui.ItemVehicle, car("车辆类型", "残疾人专用小型自动挡载客汽车"))
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		reasons: []string{"vehicles:info"},
		flags:   []wantFlag{{1, "机动车辆", hedui.FlagMatch}},
	},
	{
		// Declared and registered ordinary car: honest, still over the limit.
		name: "declared ordinary car",
		build: func() *fixture {
			return household(person(1, head, 45)).asset(1, hedui.AssetVehicle, 5000000, 1, 0).
				found(1, hedui.ItemVehicle, car("车辆类型", "小型普通客车"))
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 1,
		reasons: []string{"vehicles:exclude"},
	},
	{
		// Declared one home of 80 m², registry has 80 + 60 m²: 2 homes > 1;
		// area 140 m² (found, beyond the 5 m² tolerance) > 50 × 2 = 100 m².
		name: "second home not declared",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).asset(1, hedui.AssetHouse, 0, 1, 8000).
				found(1, hedui.ItemHousing, house(8000), house(6000))
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 2,
		reasons: []string{"discrepancy:visit", "homes_count:exclude", "homes_area:exclude"},
		flags:   []wantFlag{{1, "房产", hedui.FlagMismatch}},
	},
	{
		// One home of 100.00 m² for two: limit 50 × 2 = 100.00 m², not over.
		// Benefit 60000 × 2 = 120000.
		name: "home area exactly at the limit",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).asset(1, hedui.AssetHouse, 0, 1, 10000).
				found(1, hedui.ItemHousing, house(10000))
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 120000, members: 2,
	},
	{
		// 100.01 m² > 100.00 m².
		name: "home area one hundredth over the limit",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).asset(1, hedui.AssetHouse, 0, 1, 10001).
				found(1, hedui.ItemHousing, house(10001))
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 2,
		reasons: []string{"homes_area:exclude"},
	},
	{
		// Declared 96 m², registry 100 m²: 4 m² ≤ 5 m² → 一致, the declared
		// 96 m² counts (≤ 100). Benefit 120000.
		name: "home area within the area tolerance",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).asset(1, hedui.AssetHouse, 0, 1, 9600).
				found(1, hedui.ItemHousing, house(10000))
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 120000, members: 2,
		flags: []wantFlag{{1, "房产", hedui.FlagMatch}},
	},
	{
		// A 个体工商户 declared and registered: a registered business.
		name: "registered business",
		build: func() *fixture {
			return household(person(1, head, 45)).asset(1, hedui.AssetBusiness, 5000000, 1, 0).
				found(1, hedui.ItemBusiness, hedui.Record{Kind: hedui.RecordIndividual, AmountFen: 5000000})
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 1,
		reasons: []string{"business:exclude"},
	},
	{
		// Spouse's salary 500.00 × 6 on the payroll and the same in tax
		// withholding: counted once, 300000 ÷ 12 = 25000 < S; but a member
		// paid from public funds: 超标不符合.
		name: "member paid from public funds",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).income(2, hedui.IncomeWage, 300000).
				found(2, hedui.ItemPayroll, monthly(hedui.RecordSalary, 50000)...).
				found(2, hedui.ItemTax, monthly(hedui.RecordWageIncome, 50000)...)
		},
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, perCap: 25000, counted: 300000, members: 2,
		reasons: []string{"public_payroll:exclude"},
		flags:   []wantFlag{{2, "工资性收入", hedui.FlagMatch}},
	},
	{
		// The bank has not answered about the spouse: 信息不全, no category,
		// no benefit, no per-capita figure.
		name: "missing answer",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44)).missing(2, hedui.ItemBank)
		},
		overall: hedui.OverallIncomplete, category: "", members: 2,
		reasons: []string{"missing_answer:incomplete"},
		flags:   []wantFlag{{2, "银行存款", hedui.FlagNoAnswer}},
	},
	{
		// The father (80) is registered dead on 2025-10-01 but declared; his
		// declared pension is 申报但未查到 and not counted. Head: 400.00 × 6 =
		// 240000 ÷ 6 ÷ 1 = 40000; benefit 20000; 疑似 for the member list.
		name: "deceased member still declared",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, parent, 80)).
				income(1, hedui.IncomeWage, 240000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 40000)...).
				income(2, hedui.IncomePension, 60000).
				found(2, hedui.ItemHukou, hedui.Record{Kind: hedui.RecordDeceased, PeriodFrom: day("2025-10-01")})
		},
		overall: hedui.OverallVisit, category: hedui.CategoryDibao, benefit: 20000, perCap: 40000, counted: 240000, members: 1,
		reasons: []string{"deceased_member:visit"},
		flags:   []wantFlag{{2, "户籍状态", hedui.FlagMismatch}, {2, "养老金", hedui.FlagNotFound}},
	},
	{
		// 70 years old, alone, pension 20.00 × 6 = 12000 ÷ 6 = 2000 < S, no
		// supporter listed: 特困 (no 低保 benefit).
		name: "elderly person alone: tekun",
		build: func() *fixture {
			return household(person(1, head, 70)).income(1, hedui.IncomePension, 12000).
				found(1, hedui.ItemSocialInsurance, monthly(hedui.RecordPension, 2000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryTekun, perCap: 2000, counted: 12000, members: 1,
		reasons: []string{"tekun:info"},
	},
	{
		// The same with a son of 40, able to work, living apart: an obliged
		// supporter, so 低保: (60000 − 2000) × 1 = 58000.
		name: "elderly person with an able son apart",
		build: func() *fixture {
			return household(person(1, head, 70), person(2, child, 40, apart)).income(1, hedui.IncomePension, 12000).
				found(1, hedui.ItemSocialInsurance, monthly(hedui.RecordPension, 2000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 58000, perCap: 2000, counted: 12000, members: 1,
	},
	{
		// 40, disability grade 2: unable to work; no income: 特困.
		name:    "severe disability alone: tekun",
		build:   func() *fixture { return household(person(1, head, 40, disabled(2))) },
		overall: hedui.OverallClear, category: hedui.CategoryTekun, members: 1,
		reasons: []string{"tekun:info"},
	},
	{
		// 60 today: unable to work by age: 特困.
		name:    "sixty today: tekun",
		build:   func() *fixture { return household(person(1, head, 60)) },
		overall: hedui.OverallClear, category: hedui.CategoryTekun, members: 1,
	},
	{
		// 59: able to work: 低保, benefit 60000.
		name:    "fifty-nine: dibao",
		build:   func() *fixture { return household(person(1, head, 59)) },
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
	},
	{
		// Grandmother 65 and grandchild 10, nobody able: 特困.
		name: "grandparent and grandchild: tekun",
		build: func() *fixture {
			return household(person(1, head, 65), person(2, hedui.RelGrandchild, 10))
		},
		overall: hedui.OverallClear, category: hedui.CategoryTekun, members: 2,
	},
	{
		// Deduction 100.00 a month for the child with a grade-1 disability:
		// 600000 − 100.00 × 6 = 540000; ÷ 12 = 45000; benefit 15000 × 2 = 30000.
		name: "disability deduction",
		policy: func(p *hedui.Policy) {
			p.Deductions = []hedui.Deduction{{Basis: hedui.DeductDisability, Label: "残疾增支", MonthlyFen: 10000, MaxGrade: 2}}
		},
		build: func() *fixture {
			return household(person(1, head, 45), person(2, child, 15, disabled(1))).
				income(1, hedui.IncomeWage, 600000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 100000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 30000, perCap: 45000, counted: 540000, members: 2,
		reasons: []string{"income_deductions:info"},
	},
	{
		// Work cost 20 % of 1 200 000 = 240000, capped at 300.00 × 6 =
		// 180000: counted 1020000; ÷ 18 = 56666.67 → 56667;
		// benefit (60000 − 56667) × 3 = 9999.
		name: "work cost deduction capped",
		policy: func(p *hedui.Policy) {
			p.Deductions = []hedui.Deduction{{Basis: hedui.DeductWork, Label: "就业成本", MonthlyFen: 30000, ShareBP: 2000}}
		},
		build: func() *fixture {
			return household(person(1, head, 45), person(2, spouse, 44), person(3, child, 10)).
				income(1, hedui.IncomeWage, 1200000).found(1, hedui.ItemTax, monthly(hedui.RecordWageIncome, 200000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 9999, perCap: 56667, counted: 1020000, members: 3,
	},
	{
		// A yearly farmland subsidy of 1200.00 for 2025, declared and paid:
		// the window holds September–December, 4 of its 12 months:
		// round(120000 × 12/12) − round(120000 × 8/12) = 40000 on both sides.
		// 40000 ÷ 6 = 6666.67 → 6667; benefit 60000 − 6667 = 53333.
		name: "yearly subsidy prorated",
		build: func() *fixture {
			return household(person(1, head, 45)).
				incomeFor(1, hedui.IncomeTransfer, 120000, "2025-01-01", "2025-12-31").
				found(1, hedui.ItemSubsidy, hedui.Record{Kind: hedui.RecordFarmland, AmountFen: 120000, PeriodFrom: day("2025-01-01"), PeriodTo: day("2025-12-31")})
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 53333, perCap: 6667, counted: 40000, members: 1,
		flags: []wantFlag{{1, "转移净收入", hedui.FlagMatch}},
	},
	{
		// The son (25) lives apart: his undeclared wage is reported but not
		// counted, and does not make the case suspicious. Benefit 60000.
		name: "member living apart not counted",
		build: func() *fixture {
			return household(person(1, head, 45), person(2, child, 25, apart)).
				found(2, hedui.ItemTax, monthly(hedui.RecordWageIncome, 100000)...)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		reasons: []string{"discrepancy:info"},
		flags:   []wantFlag{{2, "工资性收入", hedui.FlagUndeclared}},
	},
	{
		// The bank first answered 20 000.00, then corrected to 5 000.00 as
		// declared: the newest answer counts, under the limit.
		name: "newest answer wins",
		build: func() *fixture {
			return household(person(1, head, 45)).asset(1, hedui.AssetDeposit, 500000, 0, 0).
				found(1, hedui.ItemBank, deposit(2000000)).found(1, hedui.ItemBank, deposit(500000))
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		flags: []wantFlag{{1, "银行存款", hedui.FlagMatch}},
	},
	{
		// Declared migrant work 1800.00, no department sees it: 申报但未查到,
		// not adverse; the declaration counts: 180000 ÷ 6 = 30000;
		// benefit 30000.
		name:    "declared informal wage not found",
		build:   func() *fixture { return household(person(1, head, 45)).income(1, hedui.IncomeWage, 180000) },
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 30000, perCap: 30000, counted: 180000, members: 1,
		flags: []wantFlag{{1, "工资性收入", hedui.FlagNotFound}},
	},
	{
		// The bank answered with a record kind nobody mapped: a person looks.
		name: "unknown record kind",
		build: func() *fixture {
			return household(person(1, head, 45)).found(1, hedui.ItemBank, hedui.Record{Kind: "wealth_product", AmountFen: 100})
		},
		overall: hedui.OverallVisit, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		reasons: []string{"unknown_record:visit"},
	},
	{
		// A county rule: an able adult with no income at all → visit.
		name: "county rule asks for a visit",
		policy: func(p *hedui.Policy) {
			p.Rules = []hedui.PolicyRule{{ID: "able_no_income", Name: "有劳动能力成员无收入", Effect: hedui.EffectVisit,
				Expr: `any(Members, .Counted && .Age >= 18 && .Age < 60 && .Labour == "full" && .IncomeFen == 0)`}}
		},
		build:   func() *fixture { return household(person(1, head, 45)) },
		overall: hedui.OverallVisit, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		reasons: []string{"able_no_income:visit"},
	},
	{
		// A county rule: a reward over 1000.00 excludes, though rewards are
		// not counted as income (declared 1500.00, 未核查).
		name: "county rule excludes",
		policy: func(p *hedui.Policy) {
			p.Rules = []hedui.PolicyRule{{ID: "large_reward", Name: "获得大额奖励", Effect: hedui.EffectExclude, Expr: `Income.Reward > 100000`}}
		},
		build:   func() *fixture { return household(person(1, head, 45)).income(1, hedui.IncomeReward, 150000) },
		overall: hedui.OverallExceeds, category: hedui.CategoryNone, members: 1,
		reasons: []string{"large_reward:exclude", "income_excluded:info"},
		flags:   []wantFlag{{1, "见义勇为等奖励", hedui.FlagNotChecked}},
	},
	{
		// Nobody lives together: no per-capita income can be computed.
		name:    "no member lives together",
		build:   func() *fixture { return household(person(1, head, 45, apart)) },
		overall: hedui.OverallIncomplete, category: "", members: 0,
		reasons: []string{"no_members:incomplete"},
	},
	{
		// No securities department here: the declared 1000.00 of funds is
		// 未核查 and counts as declared (1000.00 ≤ limit).
		name: "item not queried",
		build: func() *fixture {
			return household(person(1, head, 45)).unqueried(hedui.ItemSecurities).asset(1, hedui.AssetSecurities, 100000, 0, 0)
		},
		overall: hedui.OverallClear, category: hedui.CategoryDibao, benefit: 60000, members: 1,
		flags: []wantFlag{{1, "有价证券", hedui.FlagNotChecked}},
	},
	{
		// Labour recorded as none (serious illness), 50 years old, alone:
		// unable to work under this policy: 特困.
		name:    "no labour capacity: tekun",
		build:   func() *fixture { return household(person(1, head, 50, labour(hedui.LabourNone))) },
		overall: hedui.OverallClear, category: hedui.CategoryTekun, members: 1,
	},
}

func TestGolden(t *testing.T) {
	if len(goldens) < 30 {
		t.Fatalf("%d golden households, want at least 30", len(goldens))
	}
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			p := testPolicy()
			if g.policy != nil {
				g.policy(p)
			}
			c, err := Compile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := g.build()
			out := Check(c, &f.in)
			got := [...]any{out.Overall, out.Category, out.BenefitFen, out.PerCapitaFen, out.CountedIncomeFen, out.Members}
			want := [...]any{g.overall, g.category, g.benefit, g.perCap, g.counted, g.members}
			if got != want {
				t.Errorf("overall, category, benefit, per capita, counted, members = %v, want %v", got, want)
			}
			checkReasons(t, &out, p, g.reasons)
			for _, w := range g.flags {
				if got := flagOf(&out, w.member, w.label); got != w.flag {
					t.Errorf("member %d %s: flag %s, want %s", w.member, w.label, got, w.flag)
				}
			}
			if t.Failed() {
				for _, r := range out.Reasons {
					t.Logf("%s:%s %s", r.RuleID, r.Effect, r.Text)
				}
			}
		})
	}
}

// checkReasons: every reason cites the policy and its version; adverse
// reasons are exactly the listed ones; listed info reasons are present;
// a 低保 benefit is (S − per-capita) × members.
func checkReasons(t *testing.T, out *hedui.Conclusion, p *hedui.Policy, want []string) {
	t.Helper()
	var adverse, all []string
	for _, r := range out.Reasons {
		if r.RuleVersion != p.Version || r.PolicyID != p.ID || r.RuleID == "" || r.Text == "" {
			t.Errorf("reason %+v does not cite the policy", r)
		}
		key := r.RuleID + ":" + string(r.Effect)
		all = append(all, key)
		if r.Effect != hedui.EffectInfo {
			adverse = append(adverse, key)
			if len(r.Evidence) == 0 {
				t.Errorf("reason %s cites no evidence", key)
			}
		}
	}
	var wantAdverse []string
	for _, w := range want {
		if !strings.HasSuffix(w, ":info") {
			wantAdverse = append(wantAdverse, w)
		} else if !slices.Contains(all, w) {
			t.Errorf("reason %s missing; have %v", w, all)
		}
	}
	slices.Sort(adverse)
	adverse = slices.Compact(adverse)
	slices.Sort(wantAdverse)
	if !slices.Equal(adverse, wantAdverse) {
		t.Errorf("adverse reasons %v, want %v", adverse, wantAdverse)
	}
	if out.Category == hedui.CategoryDibao {
		if want := (out.StandardFen - out.PerCapitaFen) * hedui.Fen(out.Members); out.BenefitFen != want {
			t.Errorf("benefit %d, want (S − per capita) × members = %d", out.BenefitFen, want)
		}
	}
}

func flagOf(out *hedui.Conclusion, member int64, label string) hedui.ItemFlag {
	for _, r := range out.Rows {
		if r.MemberID == member && r.Label == label {
			return r.Flag
		}
	}
	return ""
}
