package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hedui"
)

// policyForm is the form of the next version, as typed: every parameter
// of hedui.Policy, so that a new version is made entirely from the page.
// Deductions and vehicle exemptions are rows; a button adds a blank row
// on the server (no script), and blank rows are ignored when saving.
type policyForm struct {
	BaseID                             int64
	County, CountyName                 string
	Hukou                              hedui.HukouType
	BaseVersion                        int
	Name, Note, EffectiveFrom          string
	Standard, NearPoor, Lookback       string
	FinancialAssets, Vehicles, Homes   string
	HomeArea                           string
	Tolerance, ToleranceRatio, RulesTx string
	AreaTolerance                      string
	CountHousingFund                   bool
	BusinessDisqualifies               bool
	PublicPayrollDisqualifies          bool
	Excluded                           []string
	Deductions                         []deductionRow
	Exemptions                         []exemptionRow
	TekunMinAge, TekunChildAge         string
	TekunMaxGrade                      string
	TekunLabourNone                    bool
	Errors                             map[string]string
	DryRun                             *dryRunView
	// ruleNotes keeps the notes of the base version's county rules, which
	// the one-line rule format has no column for.
	ruleNotes map[string]string
}

// deductionRow and exemptionRow are one row of their lists, as typed.
type deductionRow struct{ Basis, Label, Monthly, Share, Grade string }

type exemptionRow struct{ Label, Field, Contains string }

func (r deductionRow) blank() bool {
	return r.Label == "" && r.Monthly == "" && r.Share == "" && r.Grade == ""
}
func (r exemptionRow) blank() bool { return r.Label == "" && r.Field == "" && r.Contains == "" }

// IncomeChoices are the income categories the policy may exclude.
func (policyForm) IncomeChoices() []hedui.IncomeCategory { return newFormOptions().Incomes }

// DeductionBases are the kinds of deduction.
func (policyForm) DeductionBases() []hedui.DeductionBasis {
	return []hedui.DeductionBasis{hedui.DeductDisability, hedui.DeductWork}
}

// Excludes reports whether category c is ticked as not counted.
func (f policyForm) Excludes(c hedui.IncomeCategory) bool {
	return slices.Contains(f.Excluded, string(c))
}

// formatBP writes basis points as a decimal multiple: 15000 → 1.5.
func formatBP(bp int) string {
	s := fmt.Sprintf("%d.%04d", bp/hedui.BP, bp%hedui.BP)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// formatHundredths writes an amount kept in hundredths (fen, or m²×100)
// as a plain decimal, for form fields.
func formatHundredths[T ~int64](v T) string {
	return fmt.Sprintf("%d.%02d", int64(v)/100, int64(v)%100)
}

var multipleRe = regexp.MustCompile(`^(\d{1,4})(?:\.(\d{1,4}))?$`)

// parseMultiple reads a decimal multiple as basis points, exactly:
// "1.5" → 15000.
func parseMultiple(s string) (int, bool) {
	m := multipleRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	frac := m[2]
	for len(frac) < 4 {
		frac += "0"
	}
	f, _ := strconv.Atoi(frac)
	return n*hedui.BP + f, true
}

// rulesText writes county rules one a line: id | name | effect | expr.
func rulesText(rs []hedui.PolicyRule) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s | %s | %s | %s\n", r.ID, r.Name, r.Effect, r.Expr)
	}
	return b.String()
}

// policyFormOf fills the form from the version it starts from, with one
// blank row at the end of each list.
func policyFormOf(base hedui.Policy, countyName string, today hedui.Date) policyForm {
	f := policyForm{
		BaseID: base.ID, County: base.County, CountyName: countyName, Hukou: base.Hukou, BaseVersion: base.Version,
		Name: base.Name, EffectiveFrom: today.String(),
		Standard: formatHundredths(base.StandardMonthlyFen), NearPoor: formatBP(base.NearPoorBP), Lookback: strconv.Itoa(base.LookbackMonths),
		FinancialAssets: formatBP(base.FinancialAssetsBP), Vehicles: strconv.Itoa(base.VehiclesAllowed), Homes: strconv.Itoa(base.HomesAllowed),
		HomeArea:  formatHundredths(base.HomeAreaPerCapitaM2x100),
		Tolerance: formatHundredths(base.ToleranceFen), ToleranceRatio: formatBP(base.ToleranceBP), RulesTx: rulesText(base.Rules),
		AreaTolerance:    formatHundredths(base.AreaToleranceM2x100),
		CountHousingFund: base.CountHousingFund, BusinessDisqualifies: base.BusinessDisqualifies,
		PublicPayrollDisqualifies: base.PublicPayrollDisqualifies,
		TekunMinAge:               strconv.Itoa(base.Tekun.MinAge), TekunChildAge: strconv.Itoa(base.Tekun.ChildAge),
		TekunMaxGrade: strconv.Itoa(base.Tekun.MaxDisabilityGrade), TekunLabourNone: base.Tekun.LabourNone,
		ruleNotes: map[string]string{},
	}
	for _, c := range base.ExcludedIncome {
		f.Excluded = append(f.Excluded, string(c))
	}
	for _, d := range base.Deductions {
		row := deductionRow{Basis: string(d.Basis), Label: d.Label, Monthly: formatHundredths(d.MonthlyFen)}
		if d.ShareBP != 0 {
			row.Share = formatBP(d.ShareBP)
		}
		if d.MaxGrade != 0 {
			row.Grade = strconv.Itoa(d.MaxGrade)
		}
		f.Deductions = append(f.Deductions, row)
	}
	for _, v := range base.VehicleExemptions {
		f.Exemptions = append(f.Exemptions, exemptionRow{Label: v.Label, Field: v.Field, Contains: v.Contains})
	}
	for _, r := range base.Rules {
		f.ruleNotes[r.ID] = r.Note
	}
	f.Deductions = append(f.Deductions, deductionRow{Basis: string(hedui.DeductDisability)})
	f.Exemptions = append(f.Exemptions, exemptionRow{})
	return f
}

// readPolicyForm reads the posted form over the base version. It returns
// the draft and fills f.Errors with what cannot be read; Policy.Validate
// and the rule compiler check the rest.
func (s *Server) readPolicyForm(r *http.Request, base hedui.Policy, f *policyForm) hedui.Policy {
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	on := func(k string) bool { return r.PostFormValue(k) == "1" }
	f.Name, f.Note, f.EffectiveFrom = get("name"), get("note"), get("effective_from")
	f.Standard, f.NearPoor, f.Lookback = get("standard"), get("near_poor"), get("lookback")
	f.FinancialAssets, f.Vehicles, f.Homes, f.HomeArea = get("financial_assets"), get("vehicles"), get("homes"), get("home_area")
	f.Tolerance, f.ToleranceRatio, f.AreaTolerance, f.RulesTx = get("tolerance"), get("tolerance_ratio"), get("area_tolerance"), r.PostFormValue("rules")
	f.CountHousingFund, f.BusinessDisqualifies, f.PublicPayrollDisqualifies = on("count_housing_fund"), on("business_disqualifies"), on("public_payroll_disqualifies")
	f.TekunMinAge, f.TekunChildAge, f.TekunMaxGrade, f.TekunLabourNone = get("tekun_min_age"), get("tekun_child_age"), get("tekun_max_grade"), on("tekun_labour_none")
	f.Excluded = r.PostForm["excluded_income"]
	f.Deductions = nil
	basis, label, monthly, share, grade := r.PostForm["ded_basis"], r.PostForm["ded_label"], r.PostForm["ded_monthly"], r.PostForm["ded_share"], r.PostForm["ded_grade"]
	for i := range label {
		f.Deductions = append(f.Deductions, deductionRow{Basis: at(basis, i), Label: strings.TrimSpace(label[i]),
			Monthly: strings.TrimSpace(at(monthly, i)), Share: strings.TrimSpace(at(share, i)), Grade: strings.TrimSpace(at(grade, i))})
	}
	f.Exemptions = nil
	veLabel, veField, veContains := r.PostForm["ve_label"], r.PostForm["ve_field"], r.PostForm["ve_contains"]
	for i := range veLabel {
		f.Exemptions = append(f.Exemptions, exemptionRow{Label: strings.TrimSpace(veLabel[i]),
			Field: strings.TrimSpace(at(veField, i)), Contains: strings.TrimSpace(at(veContains, i))})
	}
	f.ruleNotes = map[string]string{}
	for _, rl := range base.Rules {
		f.ruleNotes[rl.ID] = rl.Note
	}
	f.Errors = map[string]string{}

	p := base
	p.ID, p.Version, p.CreatedBy, p.Example = 0, 0, "", false
	p.Name, p.Note = f.Name, f.Note
	if f.Name == "" {
		f.Errors["name"] = s.text.get("admin.policy.error.required")
	}
	if d, err := hedui.ParseDate(f.EffectiveFrom); err != nil {
		f.Errors["effective_from"] = s.text.get("admin.policy.error.date")
	} else {
		p.EffectiveFrom = d
	}
	hundredths := func(key, v string) int64 {
		if v == "" && key != "standard" {
			return 0
		}
		n, ok := parseYuan(v)
		if !ok {
			f.Errors[key] = s.text.get("admin.policy.error.yuan")
		}
		return int64(n)
	}
	multiple := func(key, v string) int {
		bp, ok := parseMultiple(v)
		if !ok {
			f.Errors[key] = s.text.get("admin.policy.error.multiple")
		}
		return bp
	}
	count := func(key, v string) int {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1000 {
			f.Errors[key] = s.text.get("admin.policy.error.count")
		}
		return n
	}
	p.StandardMonthlyFen = hedui.Fen(hundredths("standard", f.Standard))
	p.NearPoorBP = multiple("near_poor", f.NearPoor)
	p.LookbackMonths = count("lookback", f.Lookback)
	p.FinancialAssetsBP = multiple("financial_assets", f.FinancialAssets)
	p.VehiclesAllowed = count("vehicles", f.Vehicles)
	p.HomesAllowed = count("homes", f.Homes)
	p.HomeAreaPerCapitaM2x100 = hundredths("home_area", f.HomeArea)
	p.ToleranceFen = hedui.Fen(hundredths("tolerance", f.Tolerance))
	p.ToleranceBP = multiple("tolerance_ratio", f.ToleranceRatio)
	p.AreaToleranceM2x100 = hundredths("area_tolerance", f.AreaTolerance)
	p.CountHousingFund, p.BusinessDisqualifies, p.PublicPayrollDisqualifies = f.CountHousingFund, f.BusinessDisqualifies, f.PublicPayrollDisqualifies
	p.Tekun = hedui.TekunCriteria{MinAge: count("tekun_min_age", f.TekunMinAge), ChildAge: count("tekun_child_age", f.TekunChildAge),
		MaxDisabilityGrade: count("tekun_max_grade", f.TekunMaxGrade), LabourNone: f.TekunLabourNone}

	p.ExcludedIncome = nil
	for _, c := range f.Excluded {
		p.ExcludedIncome = append(p.ExcludedIncome, hedui.IncomeCategory(c))
	}
	p.Deductions = nil
	for i, row := range f.Deductions {
		if row.blank() {
			continue
		}
		key := fmt.Sprintf("deductions[%d]", i)
		d := hedui.Deduction{Basis: hedui.DeductionBasis(row.Basis), Label: row.Label, MonthlyFen: hedui.Fen(hundredths(key, row.Monthly))}
		if row.Share != "" {
			d.ShareBP = multiple(key, row.Share)
		}
		if row.Grade != "" {
			d.MaxGrade = count(key, row.Grade)
		}
		p.Deductions = append(p.Deductions, d)
	}
	p.VehicleExemptions = nil
	for _, row := range f.Exemptions {
		if !row.blank() {
			p.VehicleExemptions = append(p.VehicleExemptions, hedui.VehicleExemption{Label: row.Label, Field: row.Field, Contains: row.Contains})
		}
	}
	p.Rules = nil
	for i, line := range strings.Split(strings.ReplaceAll(f.RulesTx, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.SplitN(line, "|", 4)
		if len(parts) != 4 {
			f.Errors["rules"] = s.text.get("admin.policy.error.rule_line", i+1)
			break
		}
		id := strings.TrimSpace(parts[0])
		p.Rules = append(p.Rules, hedui.PolicyRule{ID: id, Name: strings.TrimSpace(parts[1]),
			Effect: hedui.RuleEffect(strings.TrimSpace(parts[2])), Expr: strings.TrimSpace(parts[3]), Note: f.ruleNotes[id]})
	}
	return p
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

// validationField turns Policy.Validate's field into the form's key: a
// list entry's index counts only the rows that are not blank, so it is
// mapped back to the row it came from.
func (f *policyForm) validationField(field string) string {
	var idx int
	if n, _ := fmt.Sscanf(field, "deductions[%d]", &idx); n == 1 {
		return fmt.Sprintf("deductions[%d]", rowOf(f.Deductions, idx))
	}
	if n, _ := fmt.Sscanf(field, "vehicle_exemptions[%d]", &idx); n == 1 {
		return fmt.Sprintf("vehicle_exemptions[%d]", rowOf(f.Exemptions, idx))
	}
	switch {
	case strings.HasPrefix(field, "excluded_income"):
		return "excluded_income"
	case strings.HasPrefix(field, "rules"):
		return "rules"
	}
	return map[string]string{
		"standard_monthly_fen": "standard", "near_poor_bp": "near_poor", "lookback_months": "lookback",
		"financial_assets_bp": "financial_assets", "tolerance_fen": "tolerance", "tekun": "tekun",
		"name": "name", "effective_from": "effective_from",
	}[field]
}

// rowOf is the index among rows of the idx-th row that is not blank.
func rowOf[T interface{ blank() bool }](rows []T, idx int) int {
	k := 0
	for i, r := range rows {
		if r.blank() {
			continue
		}
		if k == idx {
			return i
		}
		k++
	}
	return -1
}
