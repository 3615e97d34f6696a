package rules

// Built-in rules: their ids, cited in reasons with the version of the
// policy whose parameters they applied. County rules may not reuse them.
const (
	RuleMissingAnswer  = "missing_answer"    // 未反馈 → 信息不全
	RuleNoMembers      = "no_members"        // nobody counted → 信息不全
	RuleDeceased       = "deceased_member"   // a listed member registered dead
	RuleDiscrepancy    = "discrepancy"       // found more than declared beyond tolerance
	RuleUnknownRecord  = "unknown_record"    // an answer record the comparison does not know
	RulePublicPayroll  = "public_payroll"    // a member paid from public funds
	RuleBusiness       = "business"          // a registered business
	RuleVehicles       = "vehicles"          // vehicles not exempt over the allowance
	RuleHomesCount     = "homes_count"       // more homes than allowed
	RuleHomesArea      = "homes_area"        // floor area per capita over the limit
	RuleFinancial      = "financial_assets"  // financial assets over the limit
	RuleIncomeExcluded = "income_excluded"   // income the policy does not count
	RuleDeductions     = "income_deductions" // allowed deductions
	RuleIncome         = "income_standard"   // per-capita income against the standard and the near-poor line
	RuleTekun          = "tekun"             // 特困 criteria
	RuleBenefit        = "benefit"           // the 低保 benefit
)

// Builtin names a built-in rule in Chinese, for reports and the policy
// editor.
type Builtin struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Builtins lists the built-in rules in the order they are applied.
var Builtins = []Builtin{
	{RuleMissingAnswer, "部门未反馈，信息不全"},
	{RuleNoMembers, "无共同生活家庭成员"},
	{RuleDeceased, "已死亡成员仍在申报"},
	{RuleDiscrepancy, "申报与核对结果不一致且超出容差"},
	{RuleUnknownRecord, "无法识别的部门记录"},
	{RulePublicPayroll, "财政供养人员"},
	{RuleBusiness, "工商登记"},
	{RuleVehicles, "机动车辆"},
	{RuleHomesCount, "住房套数"},
	{RuleHomesArea, "人均住房面积"},
	{RuleFinancial, "金融资产限额"},
	{RuleIncomeExcluded, "不计入家庭收入的项目"},
	{RuleDeductions, "收入扣减"},
	{RuleIncome, "家庭人均收入与低保标准"},
	{RuleTekun, "特困人员认定条件"},
	{RuleBenefit, "低保金计算"},
}

// IsBuiltin reports whether id is a built-in rule's.
func IsBuiltin(id string) bool {
	for _, b := range Builtins {
		if b.ID == id {
			return true
		}
	}
	return false
}
