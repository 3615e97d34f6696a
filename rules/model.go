package rules

import "hedui"

// Model is the household as the rules see it: the environment of county
// rule expressions, and the figures the built-in rules test. Money is in
// fen (int64), areas in hundredths of a square metre, periods in months.
// Incomes are over the look-back period; assets are as of the answers.
// See the package documentation for how each figure is computed.
type Model struct {
	County      string   // 6-digit division code of the policy
	Hukou       string   // urban or rural
	Months      int      // look-back months
	MemberCount int      // members of the 共同生活家庭: living together, not deceased
	Members     []Person // every listed member, in the application's order

	Income            Income  // counted-basis income by category of the 共同生活家庭, before exclusions
	IncomeByMonth     []int64 // department-found income of counted categories, month by month, oldest first
	GrossIncomeFen    int64   // all categories
	ExcludedIncomeFen int64   // categories the policy does not count
	DeductionsFen     int64   // allowed deductions applied
	CountedIncomeFen  int64   // gross − excluded − deductions, never below zero
	PerCapitaFen      int64   // counted ÷ months ÷ members, rounded half up to the fen
	StandardFen       int64   // 低保标准, monthly
	NearPoorLineFen   int64   // standard × near-poor multiple, rounded half up (display)

	DepositsFen        int64
	SecuritiesFen      int64
	WealthFen          int64
	HousingFundFen     int64
	LoansFen           int64
	FinancialAssetsFen int64 // deposits + securities + wealth (+ housing fund if the policy says so)
	FinancialLimitFen  int64 // annual standard × multiple × members, rounded down
	Vehicles           int   // not exempt
	VehiclesExempt     int
	Homes              int
	HomeAreaM2x100     int64
	Businesses         int
	BusinessCapitalFen int64

	PublicPayrollMembers int // members of the 共同生活家庭 paid from public funds
	AbleSupporters       int // listed members outside the 共同生活家庭 obliged and able to support
	Discrepancies        int // rows where the departments found more than declared, beyond tolerance
	Missing              int // answers owed and not received
	Deceased             int // listed members registered dead
	UnknownRecords       int // answer records of kinds the comparison does not know

	asOf hedui.Date
}

// Person is one listed member.
type Person struct {
	ID              int64
	Age             int    // whole years on the as-of date
	Gender          string // male or female
	Relationship    string // head, spouse, child, parent, …
	DisabilityGrade int    // 0 none, 1 (most severe) to 4
	Labour          string // full, partial or none
	LivesTogether   bool   // listed as a member of the 共同生活家庭
	Deceased        bool   // registered dead (hukou answer)
	Counted         bool   // lives together and is not deceased
	PublicPayroll   bool   // a salary from public funds in the look-back period
	UnableToWork    bool   // by the policy's 特困 criteria
	IncomeFen       int64  // counted income of counted categories, before deductions
	WageFen         int64  // counted wage
	Vehicles        int    // counted vehicles, exempt ones included
	Homes           int
	Businesses      int

	unknownItems uint16 // items whose answer holds records of unknown kinds
}

// Income is counted-basis income by category over the look-back period.
type Income struct {
	Wage         int64 // 工资性收入
	Business     int64 // 经营净收入
	Property     int64 // 财产净收入
	Transfer     int64 // 转移净收入
	Other        int64 // 其他收入
	Pension      int64 // 养老金
	Compensation int64 // 优待抚恤金
	FamilyPlan   int64 // 计划生育奖励扶助金
	Scholarship  int64 // 奖学金/助学金
	Reward       int64 // 见义勇为等奖励
	Assistance   int64 // 政府救助金
}

// Of is the income of category c.
func (in *Income) Of(c hedui.IncomeCategory) int64 {
	switch c {
	case hedui.IncomeWage:
		return in.Wage
	case hedui.IncomeBusiness:
		return in.Business
	case hedui.IncomeProperty:
		return in.Property
	case hedui.IncomeTransfer:
		return in.Transfer
	case hedui.IncomeOther:
		return in.Other
	case hedui.IncomePension:
		return in.Pension
	case hedui.IncomeCompensation:
		return in.Compensation
	case hedui.IncomeFamilyPlan:
		return in.FamilyPlan
	case hedui.IncomeScholarship:
		return in.Scholarship
	case hedui.IncomeReward:
		return in.Reward
	case hedui.IncomeAssistance:
		return in.Assistance
	}
	return 0
}

// add adds amount to the category of an income subject.
func (in *Income) add(s subject, amount int64) {
	switch s {
	case subWage:
		in.Wage += amount
	case subBusinessIncome:
		in.Business += amount
	case subProperty:
		in.Property += amount
	case subTransfer:
		in.Transfer += amount
	case subOther:
		in.Other += amount
	case subPension:
		in.Pension += amount
	case subCompensation:
		in.Compensation += amount
	case subFamilyPlan:
		in.FamilyPlan += amount
	case subScholarship:
		in.Scholarship += amount
	case subReward:
		in.Reward += amount
	case subAssistance:
		in.Assistance += amount
	}
}
