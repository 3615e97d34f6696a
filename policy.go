package hedui

import (
	"fmt"
	"time"
)

// BP is one basis point: multiples and shares are written in basis points
// (10000 = 1×, 15000 = 1.5×, 500 = 5 %), never as floats.
const BP = 10000

// DefaultNearPoorBP is the common near-poor (低保边缘) line: 1.5 × the
// 低保 standard.
const DefaultNearPoorBP = 15000

// MaxLookbackMonths bounds a policy's income look-back period.
const MaxLookbackMonths = 24

// Policy is one version of a county's assistance parameters for urban or
// rural households, in force from EffectiveFrom until the next version's
// date. Every change is a new version with who made it and when; versions
// are never edited. All money is in fen, all multiples in basis points.
// Example policies ship with the demo and must say so (Example, and 示例 in
// Name).
type Policy struct {
	ID            int64     `json:"id"`
	County        string    `json:"county_code"` // 6-digit division code
	Hukou         HukouType `json:"hukou_type"`
	EffectiveFrom Date      `json:"effective_from"`
	Version       int       `json:"version"` // 1, 2, … per county × hukou type
	Name          string    `json:"name"`
	Example       bool      `json:"example"`
	Note          string    `json:"note,omitempty"` // what changed and why
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`

	// Income.
	StandardMonthlyFen Fen              `json:"standard_monthly_fen"` // 低保标准, per person per month
	NearPoorBP         int              `json:"near_poor_bp"`         // 低保边缘 line as a multiple of the standard
	LookbackMonths     int              `json:"lookback_months"`      // complete months before the as-of month
	ExcludedIncome     []IncomeCategory `json:"excluded_income"`      // categories not counted
	Deductions         []Deduction      `json:"deductions"`           // costs deducted from counted income

	// Property.
	FinancialAssetsBP         int                `json:"financial_assets_bp"` // per-capita limit as a multiple of the annual standard
	CountHousingFund          bool               `json:"count_housing_fund"`  // housing fund balances are financial assets
	VehiclesAllowed           int                `json:"vehicles_allowed"`    // vehicles not exempt that a household may hold
	VehicleExemptions         []VehicleExemption `json:"vehicle_exemptions"`
	HomesAllowed              int                `json:"homes_allowed"`
	HomeAreaPerCapitaM2x100   int64              `json:"home_area_per_capita_m2x100"` // 0: no area limit
	BusinessDisqualifies      bool               `json:"business_disqualifies"`       // a registered business held by a member
	PublicPayrollDisqualifies bool               `json:"public_payroll_disqualifies"` // a member paid from public funds (财政供养)

	// Tolerance between declared and found amounts: a difference is within
	// it when it is at most ToleranceFen, or at most ToleranceBP of the
	// larger of the two amounts. Floor areas have their own.
	ToleranceFen        Fen   `json:"tolerance_fen"`
	ToleranceBP         int   `json:"tolerance_bp"`
	AreaToleranceM2x100 int64 `json:"area_tolerance_m2x100"`

	Tekun TekunCriteria `json:"tekun"`
	Rules []PolicyRule  `json:"rules"` // county rules on top of the built-in ones
}

// DeductionBasis says who a deduction is for and how it is measured.
type DeductionBasis string

const (
	// DeductDisability deducts MonthlyFen a month for each member of the
	// household with a disability of grade 1 to MaxGrade (残疾增支).
	DeductDisability DeductionBasis = "disability"
	// DeductWork deducts ShareBP of each member's counted wage, at most
	// MonthlyFen a month when MonthlyFen is set (就业成本).
	DeductWork DeductionBasis = "work"
)

// Deduction is a cost the policy allows to be deducted from counted income.
// Deductions never take counted income below zero.
type Deduction struct {
	Basis      DeductionBasis `json:"basis"`
	Label      string         `json:"label"`
	MonthlyFen Fen            `json:"monthly_fen"`
	ShareBP    int            `json:"share_bp,omitempty"`
	MaxGrade   int            `json:"max_grade,omitempty"`
}

// VehicleExemption exempts a found vehicle from the vehicle limit when the
// department column Field contains Contains, e.g. 车辆类型 containing 残疾人
// (a disability vehicle) or 使用性质 containing 农用 (a livelihood vehicle).
type VehicleExemption struct {
	Label    string `json:"label"`
	Field    string `json:"field"`
	Contains string `json:"contains"`
}

// TekunCriteria are the 特困 conditions about ability to work: a member is
// unable to work at MinAge or older, below ChildAge, with a disability of
// grade 1 to MaxDisabilityGrade, or, when LabourNone is set, when recorded
// as 无劳动能力. The household must also have income below the standard,
// property within the limits and no able supporter.
type TekunCriteria struct {
	MinAge             int  `json:"min_age"`
	ChildAge           int  `json:"child_age"`
	MaxDisabilityGrade int  `json:"max_disability_grade"`
	LabourNone         bool `json:"labour_none"`
}

// RuleEffect is what a county rule does to the conclusion when it holds.
type RuleEffect string

const (
	EffectExclude    RuleEffect = "exclude"    // 超标不符合
	EffectVisit      RuleEffect = "visit"      // 疑似超标需入户调查
	EffectInfo       RuleEffect = "info"       // a reason only
	EffectIncomplete RuleEffect = "incomplete" // 信息不全: built-in rules only
)

var effectLabels = map[RuleEffect]string{
	EffectExclude: "不符合条件", EffectVisit: "需入户调查", EffectInfo: "说明", EffectIncomplete: "信息不全",
}

// Label is the Chinese name.
func (e RuleEffect) Label() string {
	if s, ok := effectLabels[e]; ok {
		return s
	}
	return string(e)
}

// PolicyRule is a county rule: a boolean expression over the household model of
// package rules (see its documentation for the fields). When Expr holds,
// the conclusion gets a reason with Name as its text and the rule's effect.
type PolicyRule struct {
	ID     string     `json:"id"` // [a-z][a-z0-9_]*, unique within the policy
	Name   string     `json:"name"`
	Expr   string     `json:"expr"`
	Effect RuleEffect `json:"effect"`
	Note   string     `json:"note,omitempty"`
}

// NearPoorLineFen is the near-poor line rounded half up to the fen, for
// display; comparisons use the exact product.
func (p *Policy) NearPoorLineFen() Fen {
	return Fen((int64(p.StandardMonthlyFen)*int64(p.NearPoorBP)*2 + BP) / (2 * BP))
}

// Excludes reports whether income of category c is not counted.
func (p *Policy) Excludes(c IncomeCategory) bool {
	for _, x := range p.ExcludedIncome {
		if x == c {
			return true
		}
	}
	return false
}

// Validate checks the parameters; package rules also compiles the county
// rules. Messages are Chinese and name the field.
func (p *Policy) Validate() error {
	const op = "hedui.Policy.Validate"
	bad := func(field, format string, a ...any) error {
		return FieldErrorf(op, KindInvalid, "invalid_policy", field, format, a...)
	}
	switch {
	case len(p.County) != 6 || !allDigits(p.County):
		return bad("county_code", "区县代码应为6位数字")
	case !p.Hukou.Valid():
		return bad("hukou_type", "户籍类型应为城镇或农村")
	case p.EffectiveFrom.IsZero():
		return bad("effective_from", "请填写生效日期")
	case p.Name == "":
		return bad("name", "请填写政策名称")
	case p.StandardMonthlyFen <= 0:
		return bad("standard_monthly_fen", "低保标准应大于零")
	case p.NearPoorBP < BP:
		return bad("near_poor_bp", "低保边缘倍数不应低于1倍（10000基点）")
	case p.LookbackMonths < 1 || p.LookbackMonths > MaxLookbackMonths:
		return bad("lookback_months", "收入计算期应为1至%d个月", MaxLookbackMonths)
	case p.FinancialAssetsBP < 0 || p.VehiclesAllowed < 0 || p.HomesAllowed < 0 || p.HomeAreaPerCapitaM2x100 < 0:
		return bad("financial_assets_bp", "财产限额不能为负数")
	case p.ToleranceFen < 0 || p.ToleranceBP < 0 || p.AreaToleranceM2x100 < 0:
		return bad("tolerance_fen", "容差不能为负数")
	case p.Tekun.MinAge <= 0 || p.Tekun.ChildAge < 0 || p.Tekun.MaxDisabilityGrade < 0 || p.Tekun.MaxDisabilityGrade > 4:
		return bad("tekun", "特困认定条件不完整：请填写年龄和残疾等级（0至4）")
	}
	for i, c := range p.ExcludedIncome {
		if !c.Valid() {
			return bad(fmt.Sprintf("excluded_income[%d]", i), "未知的收入类别：%s", c)
		}
	}
	for i, d := range p.Deductions {
		field := fmt.Sprintf("deductions[%d]", i)
		switch {
		case d.Basis != DeductDisability && d.Basis != DeductWork:
			return bad(field, "未知的扣减类型：%s", d.Basis)
		case d.Label == "":
			return bad(field, "请填写扣减项目名称")
		case d.MonthlyFen < 0 || d.ShareBP < 0 || d.ShareBP > BP:
			return bad(field, "扣减金额或比例不正确")
		case d.Basis == DeductDisability && (d.MonthlyFen == 0 || d.MaxGrade < 1 || d.MaxGrade > 4):
			return bad(field, "残疾增支扣减需填写每月金额和残疾等级（1至4）")
		case d.Basis == DeductWork && d.ShareBP == 0:
			return bad(field, "就业成本扣减需填写工资比例")
		}
	}
	for i, v := range p.VehicleExemptions {
		if v.Label == "" || v.Field == "" || v.Contains == "" {
			return bad(fmt.Sprintf("vehicle_exemptions[%d]", i), "车辆豁免需填写名称、字段和匹配内容")
		}
	}
	seen := map[string]bool{}
	for i, r := range p.Rules {
		field := fmt.Sprintf("rules[%d]", i)
		switch {
		case !ruleIDOK(r.ID):
			return bad(field+".id", "规则编号应以小写字母开头，只含小写字母、数字和下划线")
		case seen[r.ID]:
			return bad(field+".id", "规则编号%s重复", r.ID)
		case r.Name == "":
			return bad(field+".name", "请填写规则%s的名称", r.ID)
		case r.Effect != EffectExclude && r.Effect != EffectVisit && r.Effect != EffectInfo:
			return bad(field+".effect", "规则%s的效果应为不符合条件、需入户调查或说明", r.ID)
		}
		seen[r.ID] = true
	}
	return nil
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func ruleIDOK(id string) bool {
	if id == "" || len(id) > 64 || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for _, c := range id {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}
