// Package rules compares a household's declaration with the departments'
// answers, computes its counted income and property, and concludes under
// a county policy version (hedui.Policy), with reasons that cite the rule,
// the policy version and the evidence. It is pure: no SQL, no HTTP, no
// clock; the same inputs always give the same conclusion.
//
// # Steps
//
//	Compare  members × declared items against the newest answer per member × item → []hedui.ComparisonRow
//	Compute  the rows into a household Model: counted income, per-capita income, assets, member facts
//	Evaluate the Model under a Compiled policy: built-in rules, then the county rules → hedui.Conclusion
//
// Checker.Check does the three in one pass, reusing its working space (use
// one Checker per goroutine). Compile checks a policy version and compiles
// its county rules (this is what saving a policy runs); CompileRule checks
// one rule. DryRun evaluates a draft policy against the current one over
// existing cases. ExamplePolicies are the demo's labelled example policies
// for the eight counties of 庆阳市.
//
// # Comparison
//
// Rows are per member and subject: the member's registration (hukou), each
// income category over the look-back period, each asset kind as of the
// answers. Department record kinds map to subjects explicitly (see
// recordUse): payroll salary and tax wage_income → wage (month by month the
// larger of the two, never both); tax business_income → business income;
// social_insurance pension → pension; unemployment and the subsidy kinds →
// transfer income; assistance kinds → assistance; bank deposit → deposits;
// securities → securities; housing_fund → housing fund; vehicle car/truck →
// vehicles; housing house → homes and floor area; business company and
// individual → registered businesses; hukou deceased → the member is
// deceased. A social insurance contribution is evidence only. A record of
// an unknown kind is reported (a person must look), never silently used.
//
// The newest answer per member × item counts (latest ReceivedAt, then the
// larger id). A subject whose source items were neither queried nor
// answered is 未核查 when declared and left out otherwise; one whose owed
// answer has not arrived is 未反馈.
//
// The look-back window is the policy's LookbackMonths complete calendar
// months before the as-of month. An amount covering several months (a
// yearly subsidy, a declared line over twelve months) is spread evenly
// over its months: month k of n gets round(a·(k+1)/n) − round(a·k/n), so
// the shares add up to a exactly, and only the months inside the window
// count. A period without dates is the window.
//
// Tolerance: a difference is within it when |found − declared| ≤
// ToleranceFen, or |found − declared| × 10000 ≤ ToleranceBP × the larger
// of the two amounts. Within it the row is 一致 (with both amounts and the
// difference); beyond it 不一致, 未申报但查到 (declared 0) or 申报但未查到
// (found 0). Numbers of vehicles, homes and registrations have no
// tolerance; floor areas have AreaToleranceM2x100.
//
// What counts: the declared figure, unless the departments found more
// beyond the tolerance (the row is Understated, a discrepancy): then the
// found figure. A family's own figure stands when departments see less
// (informal work is visible to none); for numbers, the larger counts.
//
// # Computation
//
// The 共同生活家庭 is the members listed as living together who are not
// registered dead. Their income counts; members living apart are compared
// and reported but not counted (an able spouse, child or parent among them
// is an obliged supporter for the 特困 test). Property counts for every
// member listed as living together, a deceased one included: an estate
// stays with the family until it is settled.
//
//	gross      = Σ counted income of the 共同生活家庭, all categories
//	excluded   = Σ of the categories the policy does not count
//	deductions = the policy's allowed deductions, at most gross − excluded
//	counted    = gross − excluded − deductions, never below zero
//	per-capita = counted ÷ (months × members), rounded half up to the fen
//
// Rounding rule, in integers only: per-capita = ⌊(2·counted + d) / 2d⌋
// with d = months × members (so x.5 fen rounds up). It is the only
// rounding in the computation, and the tests compare the rounded figure,
// the one the report prints, so the printed figure and the decision agree.
// 低保 needs per-capita strictly below the standard (exactly at the
// standard is not); 低保边缘 needs per-capita × 10000 < standard ×
// NearPoorBP, compared exactly. The 低保 benefit is (standard − per-capita)
// × members, monthly, in fen.
//
// Financial assets are deposits + securities + wealth products (+ the
// housing fund if the policy says so); loans are not subtracted. The limit
// is ⌊standard × 12 × members × FinancialAssetsBP / 10000⌋, and assets over
// it fail (exactly at it pass). Vehicles a policy exemption covers (a
// department column containing a value, e.g. 车辆类型 containing 残疾人) do
// not count against VehiclesAllowed. Homes fail over HomesAllowed, or over
// HomeAreaPerCapitaM2x100 × members in total area.
//
// # Conclusion
//
// Any 未反馈 (or nobody in the 共同生活家庭) → 信息不全: no category, no
// benefit, no per-capita figure; a missing answer is never guessed. Else
// any excluding reason (income at or over the near-poor line, property
// over a limit, a registered business, a member paid from public funds, an
// excluding county rule) → 超标不符合, category 不符合. Else a discrepancy
// beyond tolerance, a deceased member still declared, an unknown record or
// a visiting county rule → 疑似超标需入户调查 (a home visit, not a refusal),
// with the category the figures give. Else 未发现异常. Category: 特困 when
// every member of the 共同生活家庭 is unable to work (the policy's ages,
// disability grades, or recorded 无劳动能力), income is below the standard
// and no able obliged supporter is listed; otherwise 低保 below the
// standard, 低保边缘 below the near-poor line.
//
// # County rules
//
// A county rule (hedui.PolicyRule) is a boolean expression in expr-lang
// (github.com/expr-lang/expr) over Model, type-checked when compiled; the
// language's builtins (all, any, none, count, filter, map, sum, len, abs,
// max, min …) are available, now() is not (a rule must answer the same
// tomorrow). Examples:
//
//	CountedIncomeFen == 0 && any(Members, .Counted && .Age >= 18 && .Age < 60 && .Labour == "full")
//	any(IncomeByMonth, # > 2 * StandardFen)
//	Vehicles + VehiclesExempt > 1 && FinancialAssetsFen > FinancialLimitFen / 2
//
// The fields (money in fen as integers, areas in hundredths of a m²):
//
//	County, Hukou            string   the policy's county code and urban/rural
//	Months                   int      look-back months
//	MemberCount              int      members of the 共同生活家庭
//	Members                  []Person every listed member:
//	    ID, Age, Gender ("male"/"female"), Relationship ("head", "spouse", "child", "parent", …),
//	    DisabilityGrade (0 none, 1–4), Labour ("full"/"partial"/"none"),
//	    LivesTogether, Deceased, Counted, PublicPayroll, UnableToWork bool,
//	    IncomeFen, WageFen (counted, before deductions), Vehicles, Homes, Businesses
//	Income                   Income   by category: Wage, Business, Property, Transfer, Other, Pension,
//	                                  Compensation, FamilyPlan, Scholarship, Reward, Assistance
//	IncomeByMonth            []int64  department-found income of counted categories per month, oldest first
//	GrossIncomeFen, ExcludedIncomeFen, DeductionsFen, CountedIncomeFen, PerCapitaFen
//	StandardFen, NearPoorLineFen
//	DepositsFen, SecuritiesFen, WealthFen, HousingFundFen, LoansFen, FinancialAssetsFen, FinancialLimitFen
//	Vehicles (not exempt), VehiclesExempt, Homes, HomeAreaM2x100, Businesses, BusinessCapitalFen
//	PublicPayrollMembers, AbleSupporters, Discrepancies, Missing, Deceased, UnknownRecords  int
//
// A rule that holds adds a reason with the rule's name, its effect
// (exclude, visit or info) and the evidence of the rows behind the fields
// it reads. A rule that fails at run time adds a visit reason.
package rules
