package web

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"hedui"
	"hedui/demo"
)

// seedPolicies stores the demo's example policies.
func (e *env) seedPolicies() {
	e.t.Helper()
	if err := demo.SeedPolicies(context.Background(), e.store); err != nil {
		e.t.Fatal(err)
	}
}

// xifengRural lists 西峰区's rural policy versions, newest first.
func (e *env) xifengRural() []hedui.Policy {
	e.t.Helper()
	ps, err := e.store.Policies(context.Background(), hedui.SystemActor("测试"), "621002", hedui.HukouRural)
	if err != nil || len(ps) == 0 {
		e.t.Fatalf("policies: %v", err)
	}
	return ps
}

// policyValues is the form as the page posts it for base, every field
// included, with overrides (key, value, ...).
func policyValues(base hedui.Policy, kv ...string) url.Values {
	f := policyFormOf(base, "", hedui.Date{})
	bools := map[string]bool{"count_housing_fund": f.CountHousingFund, "business_disqualifies": f.BusinessDisqualifies,
		"public_payroll_disqualifies": f.PublicPayrollDisqualifies, "tekun_labour_none": f.TekunLabourNone}
	v := url.Values{"base_id": {itoa(base.ID)}, "name": {f.Name}, "note": {""}, "effective_from": {"2025-07-01"},
		"standard": {f.Standard}, "near_poor": {f.NearPoor}, "lookback": {f.Lookback}, "financial_assets": {f.FinancialAssets},
		"vehicles": {f.Vehicles}, "homes": {f.Homes}, "home_area": {f.HomeArea}, "tolerance": {f.Tolerance},
		"tolerance_ratio": {f.ToleranceRatio}, "area_tolerance": {f.AreaTolerance}, "rules": {f.RulesTx},
		"tekun_min_age": {f.TekunMinAge}, "tekun_child_age": {f.TekunChildAge}, "tekun_max_grade": {f.TekunMaxGrade},
		"excluded_income": f.Excluded, "action": {"save"}}
	for k, on := range bools {
		if on {
			v.Set(k, "1")
		}
	}
	for _, d := range f.Deductions {
		v.Add("ded_basis", d.Basis)
		v.Add("ded_label", d.Label)
		v.Add("ded_monthly", d.Monthly)
		v.Add("ded_share", d.Share)
		v.Add("ded_grade", d.Grade)
	}
	for _, x := range f.Exemptions {
		v.Add("ve_label", x.Label)
		v.Add("ve_field", x.Field)
		v.Add("ve_contains", x.Contains)
	}
	for i := 0; i < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// TestAdminPolicyWholeForm: every parameter of a policy is edited on the
// page — excluded income, deductions, vehicle exemptions, property
// switches, the 特困 criteria — and stored as the next version; the
// parameters not touched carry over exactly; a row is added without
// script; a bad row is shown at its row.
func TestAdminPolicyWholeForm(t *testing.T) {
	e := newEnv(t)
	e.seedPolicies()
	base := e.xifengRural()[0]
	c := e.client()
	c.login("admin")
	p := c.get("/admin/policies/new?base=" + itoa(base.ID))
	for _, want := range []string{"重度残疾人增支（示例）", "残疾人专用车", "使用性质", `name="tekun_min_age" value="60"`, `value="scholarship" checked`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("form lacks %s", want)
		}
	}

	// The form as loaded saves an identical policy.
	if p := c.post("/admin/policies", policyValues(base)); p.status != http.StatusSeeOther {
		t.Fatalf("unchanged save = %d %s", p.status, excerpt(p.body))
	}
	ps := e.xifengRural()
	same := ps[0]
	same.ID, same.Version, same.CreatedBy, same.CreatedAt, same.Example, same.EffectiveFrom = base.ID, base.Version, base.CreatedBy, base.CreatedAt, base.Example, base.EffectiveFrom
	same.Note = base.Note
	if !reflect.DeepEqual(same, base) {
		t.Fatalf("unchanged form changed the policy:\n%+v\n%+v", same, base)
	}
	base = ps[0]

	// Add a row: the page comes back with one more blank deduction row.
	v := policyValues(base, "action", "add_deduction")
	p = c.post("/admin/policies", v)
	if p.status != http.StatusOK || strings.Count(p.body, `name="ded_label"`) != len(v["ded_label"])+1 {
		t.Fatalf("add row = %d, %d rows", p.status, strings.Count(p.body, `name="ded_label"`))
	}

	// A disability deduction without a grade is refused at its row.
	v = policyValues(base)
	v["ded_grade"][0] = ""
	if p := c.post("/admin/policies", v); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "残疾增支扣减需填写每月金额和残疾等级") {
		t.Fatalf("bad deduction = %d %s", p.status, excerpt(p.body))
	}

	// Change everything else.
	v = policyValues(base, "home_area", "35.5", "area_tolerance", "2", "tekun_min_age", "65", "tekun_child_age", "18",
		"tekun_max_grade", "3", "count_housing_fund", "1")
	v.Del("business_disqualifies")
	v.Del("tekun_labour_none")
	v["excluded_income"] = []string{"compensation", "pension"}
	v["ded_label"][0], v["ded_monthly"][0] = "残疾人增支", "150"
	last := len(v["ve_label"]) - 1 // the blank row
	v["ve_label"][last], v["ve_field"][last], v["ve_contains"][last] = "营运车辆", "使用性质", "营运"
	if p := c.post("/admin/policies", v); p.status != http.StatusSeeOther {
		t.Fatalf("save = %d %s", p.status, excerpt(p.body))
	}
	got := e.xifengRural()[0]
	switch {
	case got.Version != base.Version+1:
		t.Errorf("version %d", got.Version)
	case got.HomeAreaPerCapitaM2x100 != 3550 || got.AreaToleranceM2x100 != 200:
		t.Errorf("areas %d %d", got.HomeAreaPerCapitaM2x100, got.AreaToleranceM2x100)
	case got.Tekun != hedui.TekunCriteria{MinAge: 65, ChildAge: 18, MaxDisabilityGrade: 3}:
		t.Errorf("tekun %+v", got.Tekun)
	case !got.CountHousingFund || got.BusinessDisqualifies || !got.PublicPayrollDisqualifies:
		t.Errorf("switches %+v", got)
	case !slices.Equal(got.ExcludedIncome, []hedui.IncomeCategory{hedui.IncomeCompensation, hedui.IncomePension}):
		t.Errorf("excluded %v", got.ExcludedIncome)
	case len(got.Deductions) != 2 || got.Deductions[0].Label != "残疾人增支" || got.Deductions[0].MonthlyFen != 15000 || got.Deductions[1] != base.Deductions[1]:
		t.Errorf("deductions %+v", got.Deductions)
	case len(got.VehicleExemptions) != 3 || got.VehicleExemptions[2] != (hedui.VehicleExemption{Label: "营运车辆", Field: "使用性质", Contains: "营运"}):
		t.Errorf("exemptions %+v", got.VehicleExemptions)
	case len(got.Rules) != 1 || got.Rules[0] != base.Rules[0]:
		t.Errorf("rules %+v", got.Rules)
	}
}
