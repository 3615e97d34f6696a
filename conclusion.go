package hedui

import "time"

// ItemFlag is the result of comparing one declared item with the
// departments' answers, for one member.
type ItemFlag string

const (
	FlagMatch      ItemFlag = "match"       // 一致 (equal, or the difference within tolerance)
	FlagMismatch   ItemFlag = "mismatch"    // 不一致: both amounts and the difference
	FlagUndeclared ItemFlag = "undeclared"  // 未申报但查到
	FlagNotFound   ItemFlag = "not_found"   // 申报但未查到
	FlagNoAnswer   ItemFlag = "no_answer"   // 未反馈: an owed answer is missing
	FlagNotChecked ItemFlag = "not_checked" // 未核查: declared, but no department queried holds it
)

var flagLabels = map[ItemFlag]string{
	FlagMatch: "一致", FlagMismatch: "不一致", FlagUndeclared: "未申报但查到",
	FlagNotFound: "申报但未查到", FlagNoAnswer: "未反馈", FlagNotChecked: "未核查",
}

// Label is the Chinese name.
func (f ItemFlag) Label() string {
	if s, ok := flagLabels[f]; ok {
		return s
	}
	return string(f)
}

// EvidenceRef points at what a row or a reason rests on: a department
// answer, or a declared line. Zero ids are left out.
type EvidenceRef struct {
	AnswerID int64          `json:"answer_id,omitempty"`
	IncomeID int64          `json:"income_id,omitempty"`
	AssetID  int64          `json:"asset_id,omitempty"`
	MemberID int64          `json:"member_id"`
	Item     Item           `json:"item,omitempty"`
	Category IncomeCategory `json:"category,omitempty"`
	Asset    AssetKind      `json:"asset_kind,omitempty"`
}

// ComparisonRow is one member × declared item compared with the answers:
// an income category over the look-back period, an asset kind on the
// as-of date, or the member's registration (Item hukou, neither Category
// nor Asset set). Diff is found − declared. Counted is what the income and
// asset computation takes: the declared figure, unless the departments
// found more beyond the tolerance (Understated), then the found one.
type ComparisonRow struct {
	MemberID        int64          `json:"member_id"`
	Item            Item           `json:"item"`
	Category        IncomeCategory `json:"category,omitempty"`
	Asset           AssetKind      `json:"asset_kind,omitempty"`
	Label           string         `json:"label"`
	Flag            ItemFlag       `json:"flag"`
	DeclaredFen     Fen            `json:"declared_fen"`
	FoundFen        Fen            `json:"found_fen"`
	DiffFen         Fen            `json:"diff_fen"`
	CountedFen      Fen            `json:"counted_fen"`
	DeclaredCount   int            `json:"declared_count,omitempty"`
	FoundCount      int            `json:"found_count,omitempty"`
	ExemptCount     int            `json:"exempt_count,omitempty"` // found vehicles a policy exemption covers
	DeclaredArea    int64          `json:"declared_area_m2x100,omitempty"`
	FoundArea       int64          `json:"found_area_m2x100,omitempty"`
	WithinTolerance bool           `json:"within_tolerance"`
	Understated     bool           `json:"understated"` // found more than declared, beyond tolerance
	Deceased        bool           `json:"deceased,omitempty"`
	Evidence        []EvidenceRef  `json:"evidence"`
}

// Overall is the conclusion about a case as a whole.
type Overall string

const (
	OverallClear      Overall = "clear"      // 未发现异常
	OverallVisit      Overall = "visit"      // 疑似超标需入户调查
	OverallExceeds    Overall = "exceeds"    // 超标不符合
	OverallIncomplete Overall = "incomplete" // 信息不全
)

var overallLabels = map[Overall]string{
	OverallClear: "未发现异常", OverallVisit: "疑似超标需入户调查", OverallExceeds: "超标不符合", OverallIncomplete: "信息不全",
}

// Valid reports whether o is known.
func (o Overall) Valid() bool { _, ok := overallLabels[o]; return ok }

// Label is the Chinese name.
func (o Overall) Label() string {
	if s, ok := overallLabels[o]; ok {
		return s
	}
	return string(o)
}

// Category is the recommended assistance category. It is empty (待定)
// when the information is incomplete: a missing answer is never guessed.
type Category string

const (
	CategoryDibao    Category = "dibao"     // 低保
	CategoryNearPoor Category = "near_poor" // 低保边缘
	CategoryTekun    Category = "tekun"     // 特困
	CategoryNone     Category = "none"      // 不符合
)

var categoryLabels = map[Category]string{
	CategoryDibao: "低保", CategoryNearPoor: "低保边缘", CategoryTekun: "特困", CategoryNone: "不符合",
}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { _, ok := categoryLabels[c]; return ok }

// Label is the Chinese name; 待定 for the empty category.
func (c Category) Label() string {
	if c == "" {
		return "待定"
	}
	if s, ok := categoryLabels[c]; ok {
		return s
	}
	return string(c)
}

// Reason explains one step of a conclusion: which rule of which policy
// version, what it found (Text, Chinese) and on what evidence.
type Reason struct {
	RuleID      string        `json:"rule_id"`
	RuleVersion int           `json:"rule_version"` // the version of the policy holding the rule
	PolicyID    int64         `json:"policy_id"`
	Effect      RuleEffect    `json:"effect"`
	Text        string        `json:"text"`
	Evidence    []EvidenceRef `json:"evidence,omitempty"`
}

// AssetSummary is the household's property as counted.
type AssetSummary struct {
	DepositsFen       Fen   `json:"deposits_fen"`
	SecuritiesFen     Fen   `json:"securities_fen"`
	WealthFen         Fen   `json:"wealth_fen"`
	HousingFundFen    Fen   `json:"housing_fund_fen"`
	FinancialFen      Fen   `json:"financial_fen"`
	FinancialLimitFen Fen   `json:"financial_limit_fen"`
	Vehicles          int   `json:"vehicles"` // not exempt
	VehiclesExempt    int   `json:"vehicles_exempt"`
	Homes             int   `json:"homes"`
	HomeAreaM2x100    int64 `json:"home_area_m2x100"`
	Businesses        int   `json:"businesses"`
}

// Conclusion is the machine's finding on one case under one policy
// version: the comparison rows, the computed figures, the overall
// conclusion, the recommended category and, for 低保, the monthly benefit,
// each with its reasons. The verifier's decision is kept apart.
type Conclusion struct {
	PolicyID          int64           `json:"policy_id"`
	PolicyVersion     int             `json:"policy_version"`
	AsOf              Date            `json:"as_of"`
	Overall           Overall         `json:"overall"`
	Category          Category        `json:"category"`
	BenefitFen        Fen             `json:"benefit_fen"` // monthly, 低保 only
	Members           int             `json:"members"`     // of the 共同生活家庭
	Months            int             `json:"months"`
	GrossIncomeFen    Fen             `json:"gross_income_fen"`
	ExcludedIncomeFen Fen             `json:"excluded_income_fen"`
	DeductionsFen     Fen             `json:"deductions_fen"`
	CountedIncomeFen  Fen             `json:"counted_income_fen"`
	PerCapitaFen      Fen             `json:"per_capita_fen"` // monthly
	StandardFen       Fen             `json:"standard_fen"`
	NearPoorLineFen   Fen             `json:"near_poor_line_fen"`
	Assets            AssetSummary    `json:"assets"`
	Rows              []ComparisonRow `json:"rows"`
	Reasons           []Reason        `json:"reasons"`
}

// DecisionAction is what the verifier does with a conclusion.
type DecisionAction string

const (
	DecisionConfirm  DecisionAction = "confirm"  // 确认
	DecisionOverride DecisionAction = "override" // 改判
)

// Decision is the verifier's confirmation or override of a conclusion.
// An override states the verifier's overall conclusion and category and
// needs a reason. The conclusion itself is kept unchanged beside it.
type Decision struct {
	ConclusionID int64          `json:"conclusion_id"`
	Action       DecisionAction `json:"action"`
	Overall      Overall        `json:"overall,omitempty"`
	Category     Category       `json:"category,omitempty"`
	BenefitFen   Fen            `json:"benefit_fen,omitempty"`
	Reason       string         `json:"reason,omitempty"`
	By           string         `json:"by"`
	At           time.Time      `json:"at"`
}

// Validate checks the decision against the conclusion it decides on.
func (d *Decision) Validate(c *Conclusion) error {
	const op = "hedui.Decision.Validate"
	bad := func(field, msg string) error {
		return FieldErrorf(op, KindInvalid, "invalid_decision", field, "%s", msg)
	}
	switch d.Action {
	case DecisionConfirm:
		if c.Overall == OverallIncomplete {
			return bad("action", "信息不全的核对结论不能直接确认，请补齐部门反馈或改判并说明理由")
		}
		return nil
	case DecisionOverride:
	default:
		return bad("action", "请选择确认或改判")
	}
	switch {
	case len([]rune(d.Reason)) < 4:
		return bad("reason", "改判须填写理由（至少4个字）")
	case !d.Overall.Valid():
		return bad("overall", "请选择改判后的核对结论")
	case !d.Category.Valid():
		return bad("category", "请选择改判后的救助类别")
	case d.BenefitFen < 0 || (d.Category != CategoryDibao && d.BenefitFen != 0):
		return bad("benefit_fen", "只有低保类别可以填写保障金额，且不能为负数")
	case d.Overall == c.Overall && d.Category == c.Category && d.BenefitFen == c.BenefitFen:
		return bad("category", "改判结果与原结论相同，请选择确认")
	}
	return nil
}
