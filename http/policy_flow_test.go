package http

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"hedui"
)

// policyPage is the JSON of GET /api/v1/policies.
type policyPage struct {
	Items []hedui.Policy `json:"items"`
}

// conclusionPage is the JSON of GET .../conclusions.
type conclusionPage struct {
	ApplicationID int64            `json:"application_id"`
	Items         []conclusionView `json:"items"`
}

// TestConclusionFlow: the administrator enters 西峰区's policy; a case is
// answered, evaluated, overridden and decided; 环县, without a policy,
// cannot evaluate.
func TestConclusionFlow(t *testing.T) {
	e := newEnv(t)
	admin, verifier := e.as("admin"), e.as("verifier.xifeng")

	// A broken rule is refused naming the rule and where in it.
	broken := examplePolicy(xiaojin.county, hedui.HukouRural)
	broken.Rules[0].Expr = "any(Members, .Age >) "
	r := e.call(admin, "POST", "/api/v1/policies", broken)
	if d := r.errorDetail(); r.status != 422 || d.Field != "rules[0].expr" || !strings.Contains(d.Message, broken.Rules[0].ID) ||
		!strings.Contains(d.Message, "列") {
		t.Fatalf("broken rule: %v, want 422 on rules[0].expr naming the rule and column", r)
	}
	var p hedui.Policy
	e.must(201, admin, "POST", "/api/v1/policies", examplePolicy(xiaojin.county, hedui.HukouRural), &p)
	if p.Version != 1 || p.CreatedBy != "admin" || p.County != xiaojin.county {
		t.Fatalf("created %+v", p)
	}
	var page policyPage
	e.must(200, verifier, "GET", "/api/v1/policies", nil, &page)
	if len(page.Items) != 1 || page.Items[0].ID != p.ID {
		t.Fatalf("西峰区's verifier lists %+v", page.Items)
	}
	e.must(200, verifier, "GET", fmt.Sprintf("/api/v1/policies/%d", p.ID), nil, nil)
	if r := e.call(e.as("verifier.huanxian"), "GET", "/api/v1/policies?county="+xiaojin.county, nil); r.status != 403 {
		t.Errorf("环县's verifier lists 西峰区's policies: %v", r)
	}

	// An answered case is evaluated, then evaluated again.
	c := e.caseAt(xiaojin, "dispatched")
	if r := e.call(verifier, "POST", c.path("/evaluate"), nil); r.status != 409 {
		t.Errorf("evaluating before the answers: %v, want 409", r)
	}
	e.answerAll(c)
	var first, c1 conclusionView
	e.must(201, verifier, "POST", c.path("/evaluate"), nil, &first)
	if first.Version != 1 || first.PolicyID != p.ID || first.PolicyVersion != 1 || len(first.Reasons) == 0 ||
		len(first.Rows) == 0 || first.OverallLabel == "" {
		t.Fatalf("conclusion %+v", first)
	}
	for _, rs := range first.Reasons {
		if rs.Text == "" || rs.EffectLabel == "" {
			t.Errorf("reason %+v without text or label", rs)
		}
	}
	e.must(201, verifier, "POST", c.path("/evaluate"), nil, &c1)
	var a appView
	e.must(200, verifier, "GET", c.path(""), nil, &a)
	if c1.Version != 2 || a.Status != hedui.StatusConcluded {
		t.Fatalf("second evaluation: version %d, status %s", c1.Version, a.Status)
	}
	var list conclusionPage
	e.must(200, e.as("clerk.xiaojin"), "GET", c.path("/conclusions"), nil, &list)
	if len(list.Items) != 2 || list.Items[0].ID != c1.ID {
		t.Fatalf("conclusions %+v", list.Items)
	}

	// The verifier overrides: a reason is needed; the first conclusion
	// is no longer the one to decide on.
	override := map[string]any{"conclusion_id": c1.ID, "action": "override", "overall": "exceeds", "category": "none"}
	if c1.Overall == hedui.OverallExceeds {
		override["overall"], override["category"], override["benefit_fen"] = "clear", "dibao", 10000
	}
	if r := e.call(verifier, "POST", c.path("/decision"), override); r.status != 422 || r.errorDetail().Field != "reason" {
		t.Errorf("override without a reason: %v, want 422 on reason", r)
	}
	stale := map[string]any{"conclusion_id": first.ID, "action": "override", "overall": "exceeds", "category": "none", "reason": "入户核实有经营收入"}
	if r := e.call(verifier, "POST", c.path("/decision"), stale); r.status != 409 || r.errorCode() != "stale_conclusion" {
		t.Errorf("deciding on the first conclusion: %v, want 409 stale_conclusion", r)
	}
	override["reason"] = "入户调查核实家庭有经营收入"
	var d decisionView
	e.must(200, verifier, "POST", c.path("/decision"), override, &d)
	if d.By != "verifier.xifeng" || d.Action != hedui.DecisionOverride || d.ActionLabel != "改判" || d.ConclusionID != c1.ID {
		t.Errorf("decision %+v", d)
	}
	e.must(200, verifier, "GET", c.path(""), nil, &a)
	if a.Status != hedui.StatusDecided || a.StatusLabel != "已确认" {
		t.Errorf("status %s after deciding", a.Status)
	}
	if r := e.call(verifier, "POST", c.path("/decision"), override); r.status != 409 {
		t.Errorf("second decision: %v, want 409", r)
	}
	e.must(200, verifier, "GET", c.path("/conclusions"), nil, &list)
	if got := list.Items[0]; got.Decision == nil || got.Decision.Reason != override["reason"] || got.Overall != c1.Overall {
		t.Errorf("after deciding: %+v, decision %+v", got.Overall, got.Decision)
	}

	// 环县 has no policy yet.
	h := e.caseAt(huancheng, "dispatched")
	e.answerAll(h)
	r = e.call(e.as("verifier.huanxian"), "POST", h.path("/evaluate"), nil)
	if r.status != 422 || r.errorDetail().Message != "该县区尚未配置农村低保政策参数，请管理员先录入" {
		t.Errorf("evaluating in a county without a policy: %v", r)
	}
}

// TestPolicyDryRun tries a draft that raises 西峰区's standard on its
// answered cases.
func TestPolicyDryRun(t *testing.T) {
	e := newEnv(t)
	e.ensurePolicies(xiaojin.county)
	for range 3 {
		e.caseAt(xiaojin, "verified")
	}
	e.caseAt(xiaojin, "dispatched") // not answered: not tried
	draft := examplePolicy(xiaojin.county, hedui.HukouRural)
	draft.StandardMonthlyFen *= 3
	draft.Rules = nil
	var out dryRunResponse
	r := e.must(200, e.as("verifier.xifeng"), "POST", "/api/v1/policies/dry-run?examples=2", draft, &out)
	if out.Cases != 3 || out.Current.Version != 1 || out.County != xiaojin.county {
		t.Fatalf("dry run %+v", out)
	}
	if out.Changed+out.BenefitChanged == 0 || len(out.Examples) == 0 || len(out.Examples) > 2 {
		t.Errorf("tripling the standard changed nothing: %s", r.body)
	}
	for _, ex := range out.Examples {
		if !strings.HasPrefix(ex.Number, xiaojin.county+"-") || ex.ApplicationID == 0 || ex.Before.Label == "" || ex.After.Label == "" {
			t.Errorf("example %+v", ex)
		}
	}
	for _, id := range e.ids {
		if strings.Contains(string(r.body), id) {
			t.Fatal("the dry run shows an ID number")
		}
	}
	for _, name := range []string{"张示例", "李示例"} {
		if strings.Contains(string(r.body), name) {
			t.Fatalf("the dry run shows the name %s", name)
		}
	}
	// A broken draft is refused as when saving.
	draft.Rules = []hedui.PolicyRule{{ID: "x", Name: "坏规则", Expr: "NoSuchField > 1", Effect: hedui.EffectInfo}}
	if r := e.call(e.as("admin"), "POST", "/api/v1/policies/dry-run", draft); r.status != 422 || r.errorDetail().Field != "rules[0].expr" {
		t.Errorf("broken draft: %v", r)
	}
	if r := e.call(e.as("verifier.huanxian"), "POST", "/api/v1/policies/dry-run", examplePolicy(xiaojin.county, hedui.HukouRural)); r.status != 403 {
		t.Errorf("环县's verifier tries 西峰区's draft: %v", r)
	}
	var entries hedui.Page[hedui.AuditEntry]
	e.must(200, e.as("auditor"), "GET", "/api/v1/audit?action="+hedui.AuditPolicyDryRunRead, nil, &entries)
	if entries.Total != 1 {
		t.Errorf("%d dry-run reads logged, want 1", entries.Total)
	}
}

// TestOpenAPIDescribesPolicyResponses checks the policy and conclusion
// responses against their schemas, as TestOpenAPIDescribesResponses does
// for the others.
func TestOpenAPIDescribesPolicyResponses(t *testing.T) {
	e := newEnv(t)
	var raw map[string]any
	if err := json.Unmarshal(openAPIDoc, &raw); err != nil {
		t.Fatal(err)
	}
	schemas := raw["components"].(map[string]any)["schemas"].(map[string]any)
	c := e.caseAt(xiaojin, "concluded")
	verifier := e.as("verifier.xifeng")
	p := e.policyOf(xiaojin.county)
	evaluated := e.call(verifier, "POST", c.path("/evaluate"), nil)
	var latest conclusionView
	if err := json.Unmarshal(evaluated.body, &latest); err != nil || evaluated.status != 201 {
		t.Fatalf("%v: %v", evaluated, err)
	}
	decided := e.call(verifier, "POST", c.path("/decision"), map[string]any{"conclusion_id": latest.ID, "action": "override",
		"overall": "exceeds", "category": "none", "reason": "入户调查核实有经营收入"})
	if decided.status != 200 {
		decided = e.call(verifier, "POST", c.path("/decision"), map[string]any{"conclusion_id": latest.ID, "action": "override",
			"overall": "clear", "category": "dibao", "benefit_fen": 1000, "reason": "入户调查核实无经营收入"})
	}
	draft := examplePolicy(xiaojin.county, hedui.HukouRural)
	draft.StandardMonthlyFen *= 3
	for _, tt := range []struct {
		schema string
		r      response
	}{
		{"Conclusion", evaluated},
		{"Decision", decided},
		{"ConclusionList", e.call(verifier, "GET", c.path("/conclusions"), nil)},
		{"PolicyList", e.call(e.as("auditor"), "GET", "/api/v1/policies", nil)},
		{"Policy", e.call(verifier, "GET", fmt.Sprintf("/api/v1/policies/%d", p.ID), nil)},
		{"Policy", e.call(e.as("admin"), "POST", "/api/v1/policies", examplePolicy(huancheng.county, hedui.HukouUrban))},
		{"DryRunResult", e.call(e.as("admin"), "POST", "/api/v1/policies/dry-run", draft)},
		{"Me", e.call(e.as("admin"), "GET", "/api/v1/me", nil)},
	} {
		t.Run(tt.schema, func(t *testing.T) {
			if tt.r.status >= 400 {
				t.Fatalf("%v", tt.r)
			}
			var v any
			if err := json.Unmarshal(tt.r.body, &v); err != nil {
				t.Fatalf("%v: %v", tt.r, err)
			}
			undocumented(t, schemas, map[string]any{"$ref": "#/components/schemas/" + tt.schema}, v, tt.schema)
		})
	}
}
